// sail_pkg.sv (through a Verilated probe) against sailsim/rtl/sail_map.hpp: every constant
// of the address map and the register layout, offsets included, so that the RTL and the C++
// side cannot drift apart. The values read over AXI are checked in sail_top_test.cpp.
#include <gtest/gtest.h>

#include "Vsail_pkg_probe.h"
#include "sailsim/rtl/sail_map.hpp"

namespace sailsim {
namespace {

TEST(SailMap, PackageAndCppHeaderAgree) {
  VerilatedContext context;
  Vsail_pkg_probe probe(&context, "probe");
  probe.eval();
  EXPECT_EQ(probe.no_masters_o, 2u);
  EXPECT_EQ(probe.no_slaves_o, 2u);
  EXPECT_EQ(probe.master_host_o, rtl::kMasterHost);
  EXPECT_EQ(probe.master_engine_o, rtl::kMasterEngine);
  EXPECT_EQ(probe.slave_ctrl_o, rtl::kSlaveCtrl);
  EXPECT_EQ(probe.slave_ddr_o, rtl::kSlaveDdr);
  EXPECT_EQ(probe.master_idx_width_o, rtl::kMasterIdxBits);
  EXPECT_EQ(probe.ctrl_start_o, rtl::kCtrlStart);
  EXPECT_EQ(probe.ctrl_end_o, rtl::kCtrlEnd);
  EXPECT_EQ(probe.ddr_start_o, rtl::kDdrStart);
  EXPECT_EQ(probe.ddr_end_o, rtl::kDdrEnd);
  const uint32_t offsets[] = {rtl::reg::kId,          rtl::reg::kVersion,     rtl::reg::kConfig,
                              rtl::reg::kScratch,     rtl::reg::kDdrStartLo, rtl::reg::kDdrStartHi,
                              rtl::reg::kDdrEndLo,    rtl::reg::kDdrEndHi};
  for (unsigned i = 0; i < 8; ++i) EXPECT_EQ(probe.reg_offsets_o[i], offsets[i]) << "register " << i;
  EXPECT_EQ(probe.id_value_o, rtl::kIdValue);
  EXPECT_EQ(probe.version_value_o, rtl::kVersionValue);
  // The map itself: DDR follows the control block, inside contracts.md section 2's window.
  EXPECT_EQ(rtl::kCtrlEnd, rtl::kDdrStart);
  EXPECT_EQ(rtl::kDdrStart, 0x1'0000u);
  EXPECT_LE(rtl::kDdrEnd, 0x4000'0000u);
  probe.final();
}

}  // namespace
}  // namespace sailsim
