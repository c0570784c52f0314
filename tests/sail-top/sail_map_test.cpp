// sail_pkg.sv (through a Verilated probe) against sailsim/rtl/sail_map.hpp: every constant
// of the address map and the register layout, offsets included, so that the RTL and the C++
// side cannot drift apart. The values read over AXI are checked in sail_top_test.cpp and
// sail_ctrl_test.cpp.
#include <gtest/gtest.h>

#include <iterator>

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
  const uint32_t offsets[] = {
      rtl::reg::kId,           rtl::reg::kVersion,      rtl::reg::kConfig,        rtl::reg::kScratch,
      rtl::reg::kDdrStartLo,   rtl::reg::kDdrStartHi,   rtl::reg::kDdrEndLo,      rtl::reg::kDdrEndHi,
      rtl::reg::kEngineConfig, rtl::reg::kStatus,       rtl::reg::kIrqStatus,     rtl::reg::kIrqEnable,
      rtl::reg::kIrqClear,     rtl::reg::kLastTag,      rtl::reg::kLastError,     rtl::reg::kQueueRejects,
      rtl::reg::kBusyCycles,   rtl::reg::kBytesRead,    rtl::reg::kBytesWritten,  rtl::reg::kReadStalls,
      rtl::reg::kJobsDone,     rtl::reg::kJobsFailed,   rtl::reg::kPerfClear,     rtl::reg::kQueue};
  static_assert(std::size(offsets) == 24);
  for (unsigned i = 0; i < std::size(offsets); ++i) EXPECT_EQ(probe.reg_offsets_o[i], offsets[i]) << "register " << i;
  EXPECT_EQ(probe.queue_bytes_o, rtl::kQueueBytes);
  // STATUS and IRQ bits: positions in the package, masks (or a shift) in C++.
  EXPECT_EQ(1u << probe.status_busy_o, rtl::status::kBusy);
  EXPECT_EQ(1u << probe.status_queue_full_o, rtl::status::kQueueFull);
  EXPECT_EQ(1u << probe.status_irq_o, rtl::status::kIrq);
  EXPECT_EQ(probe.status_queued_lsb_o, rtl::status::kQueuedShift);
  EXPECT_EQ(1u << probe.irq_done_o, rtl::irq::kDone);
  EXPECT_EQ(1u << probe.irq_error_o, rtl::irq::kError);
  EXPECT_EQ(probe.engine_lanes_o, rtl::kEngineLanes);
  EXPECT_EQ(probe.engine_buf_blocks_o, rtl::kEngineBufBlocks);
  EXPECT_EQ(probe.queue_depth_o, rtl::kQueueDepth);
  EXPECT_EQ(probe.engine_buf_blocks_o << 16 | probe.queue_depth_o << 8 | probe.engine_lanes_o, rtl::kEngineConfigValue);
  EXPECT_EQ(probe.engine_buf_blocks_o * 256u, rtl::kMaxK);
  EXPECT_EQ(probe.id_value_o, rtl::kIdValue);
  EXPECT_EQ(probe.version_major_o, rtl::kVersionMajor);
  EXPECT_EQ(probe.version_minor_o, rtl::kVersionMinor);
  EXPECT_EQ(probe.version_patch_o, rtl::kVersionPatch);
  EXPECT_EQ(probe.version_value_o, rtl::kVersionValue);
  // The map itself: DDR follows the control block, inside contracts.md section 2's window.
  EXPECT_EQ(rtl::kCtrlEnd, rtl::kDdrStart);
  EXPECT_EQ(rtl::kDdrStart, 0x1'0000u);
  EXPECT_LE(rtl::kDdrEnd, 0x4000'0000u);
  probe.final();
}

}  // namespace
}  // namespace sailsim
