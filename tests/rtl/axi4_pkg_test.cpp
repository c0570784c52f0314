// rtl/axi4_pkg.sv, Verilated through a probe, says exactly what the C++ side
// (axi4-model's params.hpp) says, and both say what contracts.md section 1 says.
#include <gtest/gtest.h>
#include <verilated.h>

#include <memory>

#include "Vaxi4_pkg_probe.h"
#include "sailsim/axi4/params.hpp"

namespace {

namespace ax = sailsim::axi4;

TEST(Axi4Package, AgreesWithTheCppConstants) {
  auto context = std::make_unique<VerilatedContext>();
  Vaxi4_pkg_probe p{context.get()};
  p.eval();
  EXPECT_EQ(p.data_width_o, ax::kDataWidth);
  EXPECT_EQ(p.strb_width_o, ax::kStrbWidth);
  EXPECT_EQ(p.addr_width_o, ax::kAddrWidth);
  EXPECT_EQ(p.id_width_o, ax::kIdWidth);
  EXPECT_EQ(p.len_width_o, ax::kLenWidth);
  EXPECT_EQ(p.size_width_o, ax::kSizeWidth);
  EXPECT_EQ(p.burst_width_o, ax::kBurstWidth);
  EXPECT_EQ(p.resp_width_o, ax::kRespWidth);
  EXPECT_EQ(p.cache_width_o, ax::kCacheWidth);
  EXPECT_EQ(p.prot_width_o, ax::kProtWidth);
  EXPECT_EQ(p.qos_width_o, ax::kQosWidth);
  EXPECT_EQ(p.bursts_o, unsigned(ax::kBurstWrap) << 4 | unsigned(ax::kBurstIncr) << 2 | ax::kBurstFixed);
  EXPECT_EQ(p.resps_o, unsigned(ax::kRespDecErr) << 6 | unsigned(ax::kRespSlvErr) << 4 |
                           unsigned(ax::kRespExOkay) << 2 | ax::kRespOkay);
  EXPECT_EQ(p.size_full_o, ax::kSizeFull);
  EXPECT_EQ(p.max_beats_incr_o, ax::kMaxBeatsIncr);
  EXPECT_EQ(p.max_beats_wrap_fixed_o, ax::kMaxBeatsWrapFixed);
  EXPECT_EQ(p.boundary_bytes_o, ax::kBoundaryBytes);
  p.final();
}

TEST(Axi4Package, MatchesTheContract) {
  auto context = std::make_unique<VerilatedContext>();
  Vaxi4_pkg_probe p{context.get()};
  p.eval();
  EXPECT_EQ(p.data_width_o, 256u);
  EXPECT_EQ(p.strb_width_o, 32u);
  EXPECT_EQ(p.addr_width_o, 48u);
  EXPECT_EQ(p.id_width_o, 4u);
  EXPECT_EQ(p.len_width_o, 8u);
  EXPECT_EQ(p.size_width_o, 3u);
  EXPECT_EQ(p.burst_width_o, 2u);
  EXPECT_EQ(p.resp_width_o, 2u);
  EXPECT_EQ(p.cache_width_o, 4u);
  EXPECT_EQ(p.prot_width_o, 3u);
  EXPECT_EQ(p.qos_width_o, 4u);
  EXPECT_EQ(p.bursts_o, (2u << 4) | (1u << 2) | 0u);               // FIXED 0, INCR 1, WRAP 2
  EXPECT_EQ(p.resps_o, (3u << 6) | (2u << 4) | (1u << 2) | 0u);    // OKAY 0, EXOKAY 1, SLVERR 2, DECERR 3
  EXPECT_EQ(p.size_full_o, 5u);                                     // 2^5 = 32 bytes per beat
  EXPECT_EQ(p.max_beats_incr_o, 256u);
  EXPECT_EQ(p.max_beats_wrap_fixed_o, 16u);
  EXPECT_EQ(p.boundary_bytes_o, 4096u);
  // id + addr + len + size + burst + lock + cache + prot + qos; data + strb + last.
  EXPECT_EQ(p.ax_chan_bits_o, 4u + 48 + 8 + 3 + 2 + 1 + 4 + 3 + 4);
  EXPECT_EQ(p.w_chan_bits_o, 256u + 32 + 1);
  p.final();
}

}  // namespace
