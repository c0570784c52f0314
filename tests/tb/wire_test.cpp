// Wire: one Verilated signal behind a pointer, masked to its width on every write.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include <verilated.h>

#include "sailsim/tb/wire.hpp"

namespace sailsim::tb {
namespace {

TEST(Wire, KindFollowsVerilatorStorage) {
  CData c = 0;
  SData s = 0;
  IData i = 0;
  QData q = 0;
  VlWide<8> w{};
  EXPECT_EQ(wire_of(c, 0).kind(), WireKind::Bits8);
  EXPECT_EQ(wire_of(s, 0).kind(), WireKind::Bits16);
  EXPECT_EQ(wire_of(i, 0).kind(), WireKind::Bits32);
  EXPECT_EQ(wire_of(q, 0).kind(), WireKind::Bits64);
  EXPECT_EQ(wire_of(w, 256).kind(), WireKind::Words32);
  EXPECT_EQ(wire_of(w, 256).width(), 256u);
  EXPECT_EQ(wire_of(c, 0).width(), 8u);      // no width given: all of the storage
  EXPECT_EQ(wire_of(i, 48).width(), 32u);    // capped by the storage
}

TEST(Wire, WritesAreMaskedToTheWidth) {
  CData id = 0;
  const Wire id4 = wire_of(id, 4);
  id4.set(0xFF);
  EXPECT_EQ(id, 0x0F);
  EXPECT_EQ(id4.get(), 0x0Fu);

  QData addr = 0;
  const Wire addr48 = wire_of(addr, 48);
  addr48.set(~uint64_t{0});
  EXPECT_EQ(addr, 0xFFFF'FFFF'FFFFu);

  CData valid = 0;
  wire_of(valid, 1).set(2);  // only bit 0 is the signal
  EXPECT_EQ(valid, 0);
}

TEST(Wire, WideSignalCarriesByteLanes) {
  VlWide<8> data{};
  const Wire wire = wire_of(data, 256);
  std::array<uint8_t, 32> lanes{};
  for (unsigned i = 0; i < lanes.size(); ++i) lanes[i] = static_cast<uint8_t>(0xA0 + i);
  wire.set_bytes(lanes.data(), lanes.size());
  EXPECT_EQ(data[0], 0xA3A2A1A0u);  // word 0 = bits 31..0 = lanes 3..0
  EXPECT_EQ(data[7], 0xBFBEBDBCu);
  std::array<uint8_t, 32> back{};
  wire.get_bytes(back.data(), back.size());
  EXPECT_EQ(back, lanes);
  EXPECT_EQ(wire.get(), 0xA7A6A5A4A3A2A1A0u);
}

TEST(Wire, NarrowDataSignalGetsTheLowLanes) {
  QData data = 0;  // a 64-bit data bus
  const Wire wire = wire_of(data, 256);
  std::array<uint8_t, 32> lanes{};
  lanes.fill(0x11);
  wire.set_bytes(lanes.data(), lanes.size());
  EXPECT_EQ(data, 0x1111'1111'1111'1111u);
  std::array<uint8_t, 32> back{};
  back.fill(0xEE);
  wire.get_bytes(back.data(), back.size());
  for (unsigned i = 0; i < 32; ++i) EXPECT_EQ(back[i], i < 8 ? 0x11 : 0) << "lane " << i;
}

TEST(Wire, UnboundReadsZeroAndDropsWrites) {
  const Wire none;
  EXPECT_FALSE(none.bound());
  none.set(5);
  EXPECT_EQ(none.get(), 0u);
  std::array<uint8_t, 4> bytes{1, 2, 3, 4};
  none.get_bytes(bytes.data(), bytes.size());
  EXPECT_EQ(bytes, (std::array<uint8_t, 4>{}));
}

TEST(Wire, WithWidthNarrowsTheMask) {
  CData id = 0;
  const Wire wide = wire_of(id, 0);
  wide.set(0x3F);
  EXPECT_EQ(id, 0x3F);
  wide.with_width(5).set(0xFF);
  EXPECT_EQ(id, 0x1F);
}

}  // namespace
}  // namespace sailsim::tb
