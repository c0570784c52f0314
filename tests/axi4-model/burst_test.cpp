// Burst arithmetic against hand-worked examples from the AXI4 rules.
#include <gtest/gtest.h>

#include "sailsim/axi4/burst.hpp"
#include "sailsim/axi4/transaction.hpp"

namespace sailsim::axi4 {
namespace {

std::vector<uint64_t> addresses(BurstShape shape) {
  std::vector<uint64_t> out;
  for (unsigned i = 0; i < shape.beats(); ++i) out.push_back(beat_address(shape, i));
  return out;
}

TEST(Burst, IncrAlignsEveryBeatAfterAnUnalignedFirst) {
  const BurstShape s{0x1003, 3, 2, Burst::Incr};  // 4 beats of 4 bytes from 0x1003
  EXPECT_EQ(addresses(s), (std::vector<uint64_t>{0x1003, 0x1004, 0x1008, 0x100C}));
  EXPECT_EQ(beat_lanes(s, 0), 0b1000u);       // lane 3 only
  EXPECT_EQ(beat_lanes(s, 1), 0xF0u);         // lanes 4..7
  EXPECT_EQ(beat_lanes(s, 3), 0xF000u);       // lanes 12..15
  EXPECT_EQ(selected_bytes(s), 1u + 4 + 4 + 4);
  EXPECT_EQ(footprint(s).first, 0x1003u);
  EXPECT_EQ(footprint(s).last, 0x100Fu);
}

TEST(Burst, FullWidthIncr) {
  const BurstShape s{0x10010, 1, 5, Burst::Incr};  // unaligned 32-byte beats
  EXPECT_EQ(addresses(s), (std::vector<uint64_t>{0x10010, 0x10020}));
  EXPECT_EQ(beat_lanes(s, 0), 0xFFFF0000u);
  EXPECT_EQ(beat_lanes(s, 1), 0xFFFFFFFFu);
}

TEST(Burst, WrapWrapsAtTheBoundary) {
  const BurstShape s{0x1038, 3, 3, Burst::Wrap};  // 4 x 8 bytes: boundary 0x1020..0x103F
  EXPECT_EQ(addresses(s), (std::vector<uint64_t>{0x1038, 0x1020, 0x1028, 0x1030}));
  EXPECT_EQ(beat_lanes(s, 0), 0xFF000000u);
  EXPECT_EQ(beat_lanes(s, 1), 0x000000FFu);
  EXPECT_EQ(footprint(s).first, 0x1020u);
  EXPECT_EQ(footprint(s).last, 0x103Fu);
  const BurstShape full{0x2040, 15, 5, Burst::Wrap};  // 16 x 32 bytes: 0x2000..0x21FF
  EXPECT_EQ(beat_address(full, 13), 0x21E0u);
  EXPECT_EQ(beat_address(full, 14), 0x2000u);
}

TEST(Burst, FixedRepeatsTheAddressAndLanes) {
  const BurstShape s{0x1005, 2, 2, Burst::Fixed};
  EXPECT_EQ(addresses(s), (std::vector<uint64_t>{0x1005, 0x1005, 0x1005}));
  for (unsigned i = 0; i < 3; ++i) EXPECT_EQ(beat_lanes(s, i), 0b11100000u);
}

TEST(Burst, NarrowBeatsMoveAcrossLanes) {
  const BurstShape s{0x101E, 3, 0, Burst::Incr};  // bytes at 0x101E..0x1021
  EXPECT_EQ(beat_lanes(s, 0), 1u << 30);
  EXPECT_EQ(beat_lanes(s, 1), 1u << 31);
  EXPECT_EQ(beat_lanes(s, 2), 1u << 0);
}

TEST(Burst, Rules) {
  EXPECT_FALSE(burst_rule({0x1000, 255, 4, Burst::Incr}));            // 256 x 16 B = 4 KiB exactly
  EXPECT_EQ(burst_rule({0x1010, 255, 4, Burst::Incr}), Rule::Crosses4K);
  EXPECT_EQ(burst_rule({0x1FFF, 1, 0, Burst::Incr}), Rule::Crosses4K);
  EXPECT_FALSE(burst_rule({0x1FFF, 0, 5, Burst::Incr}));              // one unaligned beat stays in its line
  EXPECT_EQ(burst_rule({0x1000, 16, 0, Burst::Fixed}), Rule::BurstTooLong);
  EXPECT_FALSE(burst_rule({0x1000, 15, 0, Burst::Fixed}));
  EXPECT_EQ(burst_rule({0x1000, 5, 0, Burst::Wrap}), Rule::WrapLen);
  EXPECT_EQ(burst_rule({0x1000, 16, 0, Burst::Wrap}), Rule::BurstTooLong);
  EXPECT_EQ(burst_rule({0x1002, 1, 2, Burst::Wrap}), Rule::WrapUnaligned);
  EXPECT_FALSE(burst_rule({0x1FF8, 1, 2, Burst::Wrap}));              // a WRAP never crosses 4 KiB
  EXPECT_EQ(burst_rule({0x1000, 0, 6, Burst::Incr}), Rule::SizeTooWide);
  EXPECT_EQ(burst_rule({0x1000, 0, 5, Burst::Reserved}), Rule::BurstReserved);
  EXPECT_EQ(burst_rule({kAddrMask - 31, 1, 5, Burst::Incr}), Rule::Crosses4K);  // off the end of the space
  std::string detail;
  burst_rule({0x1002, 1, 2, Burst::Wrap}, &detail);
  EXPECT_NE(detail.find("0x1002"), std::string::npos);
}

TEST(Transaction, CompactDataRoundTrip) {
  const BurstShape s{0x1003, 2, 2, Burst::Incr};  // 1 + 4 + 4 bytes
  std::vector<uint8_t> bytes{1, 2, 3, 4, 5, 6, 7, 8, 9};
  const Transaction t = make_write(s, bytes, 3);
  EXPECT_EQ(t.wdata[0][3], 1);
  EXPECT_EQ(t.wdata[1][4], 2);
  EXPECT_EQ(t.wdata[2][11], 9);
  EXPECT_EQ(t.wstrb[0], 0b1000u);
  std::vector<uint8_t> back;
  for (unsigned i = 0; i < 3; ++i) append_lanes(back, t.wdata[i], beat_lanes(s, i));
  EXPECT_EQ(back, bytes);
  EXPECT_THROW(make_write(s, std::vector<uint8_t>(12), 0), std::invalid_argument);
  EXPECT_FALSE(transaction_rule(t));
}

}  // namespace
}  // namespace sailsim::axi4
