#include <gtest/gtest.h>

#include "sailsim/axi4/memory.hpp"

namespace sailsim::axi4 {
namespace {

TEST(Memory, SparsePagesOnFirstTouch) {
  Memory m;
  EXPECT_EQ(m.page_count(), 0u);
  EXPECT_EQ(m.peek(0x1234'5678'9000ull, 4), std::vector<uint8_t>(4, 0));  // a read allocates nothing
  EXPECT_EQ(m.page_count(), 0u);
  const std::vector<uint8_t> data{1, 2, 3};
  m.load(kAddrMask - 2, data);  // the last three bytes of the 48-bit space
  m.load(0x0FFF, data);         // straddles two pages
  EXPECT_EQ(m.page_count(), 3u);
  EXPECT_EQ(m.peek(kAddrMask - 2, 3), data);
  EXPECT_EQ(m.peek(0x0FFF, 3), data);
  EXPECT_THROW(m.load(kAddrMask - 1, data), std::out_of_range);
  EXPECT_THROW(m.peek(kAddrMask + 1, 1), std::out_of_range);
}

TEST(Memory, FillPatternForNeverWrittenBytes) {
  MemoryConfig config;
  config.fill = UninitializedFill::Pattern;
  config.pattern = 0x8877665544332211ull;
  Memory m(config);
  EXPECT_EQ(m.peek(0x100, 10), (std::vector<uint8_t>{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x11, 0x22}));
  m.load(0x102, std::vector<uint8_t>{0xAA});
  EXPECT_EQ(m.peek(0x100, 4), (std::vector<uint8_t>{0x11, 0x22, 0xAA, 0x44}));  // a touched page keeps the fill
  EXPECT_EQ(m.uninitialized(0x100, 4), 3u);
}

TEST(Memory, LinesWithStrobes) {
  Memory m;
  Line line;
  for (unsigned i = 0; i < 32; ++i) line[i] = static_cast<uint8_t>(0xA0 + i);
  m.write_line(0x2000, line, 0x0000000F);
  Line out;
  EXPECT_EQ(m.read_line(0x2000, out), 0xFFFFFFF0u);  // lanes 4..31 never written
  EXPECT_EQ(out[0], 0xA0);
  EXPECT_EQ(out[4], 0x00);
  EXPECT_EQ(m.read_line(0x2020, out), 0xFFFFFFFFu);
}

TEST(Memory, SnapshotOrderedLinesWrittenOrLoaded) {
  Memory m;
  m.load(0x30010, std::vector<uint8_t>{0xEF, 0xBE});
  Line line{};
  line[31] = 0x80;
  m.write_line(0x10000, line, 0x80000000u);
  m.load(0x7FFF'0000'0000ull, std::vector<uint8_t>{1});
  const Snapshot all = m.snapshot();
  ASSERT_EQ(all.size(), 3u);
  auto it = all.begin();
  EXPECT_EQ(it->first, 0x10000u);
  EXPECT_EQ(line_hex(it->second), "0x8000000000000000000000000000000000000000000000000000000000000000");
  ++it;
  EXPECT_EQ(it->first, 0x30000u);
  EXPECT_EQ(line_hex(it->second), "0x0000000000000000000000000000beef00000000000000000000000000000000");
  const Snapshot some = m.snapshot(0x30000, 0x3003F);
  ASSERT_EQ(some.size(), 1u);
  EXPECT_EQ(some.begin()->first, 0x30000u);
  EXPECT_TRUE(m.snapshot(0x30020, 0x7FFF'0000'0000ull - 1).empty());
  EXPECT_EQ(m.snapshot(0x7FFF'0000'001Full, kAddrMask).size(), 1u);  // overlapping the line counts
  EXPECT_EQ(parse_line_hex(line_hex(it->second)), it->second);
  EXPECT_THROW(parse_line_hex("0xg"), std::invalid_argument);
}

TEST(Memory, ClearForgetsEverything) {
  Memory m;
  m.load(0x1000, std::vector<uint8_t>{1});
  m.clear();
  EXPECT_EQ(m.page_count(), 0u);
  EXPECT_TRUE(m.snapshot().empty());
  EXPECT_EQ(m.peek(0x1000, 1)[0], 0);
}

}  // namespace
}  // namespace sailsim::axi4
