// The host bus functional model: burst splitting, issue(), back-pressure, transactions in
// flight, AW kept with its W beats, host-side log, and responses that match nothing.
#include <gtest/gtest.h>

#include "rig.hpp"

namespace sailsim::axi4::test {
namespace {

TEST(Host, WriteSplitsIntoLegalBursts) {
  Rig rig({}, {}, strict(), {}, 1000);
  const uint64_t addr = 0x10FF3;
  const auto data = iota_bytes(9000, 1);
  Handle h = rig.host.write(addr, data);
  ASSERT_TRUE(rig.settle());
  ASSERT_TRUE(h->ok());
  const auto log = rig.log.last_n_transactions(1000);
  ASSERT_EQ(log.size(), h->bursts);
  EXPECT_EQ(h->bursts, 4u);  // 0x10FF3 | 0x11000 | 0x12000 | 0x13000..0x1332A
  uint64_t covered = 0, next = addr;
  for (const TransactionRecord& r : log) {
    EXPECT_EQ(r.addr % 32, 0u);
    EXPECT_EQ(r.burst, Burst::Incr);
    EXPECT_EQ(r.axsize, 5);
    EXPECT_LE(r.beats, 256u);
    EXPECT_EQ(r.addr / 4096, (r.addr + 32 * r.beats - 1) / 4096) << "crosses 4 KiB";
    EXPECT_EQ(r.low_addr, next);  // contiguous, in order
    next = r.low_addr + r.bytes;
    covered += r.bytes;
  }
  EXPECT_EQ(covered, data.size());
  EXPECT_EQ(log.front().strb.front(), 0xFFF80000u);  // ragged head: lanes 19..31
  EXPECT_EQ(log.back().strb.back(), (1u << ((addr + 9000) % 32)) - 1);  // ragged tail
  EXPECT_EQ(rig.memory.peek(addr, data.size()), data);
  EXPECT_EQ(rig.memory.peek(addr - 1, 1)[0], 0);  // nothing outside was touched
  EXPECT_EQ(rig.memory.peek(addr + data.size(), 1)[0], 0);
}

TEST(Host, LongAlignedTransferUses128BeatBursts) {
  Rig rig({}, {}, strict());
  rig.host.write(0x20000, iota_bytes(3 * 4096));
  ASSERT_TRUE(rig.settle());
  for (const auto& r : rig.log.last_n_transactions(10)) EXPECT_EQ(r.beats, 128u);
  EXPECT_EQ(rig.log.size(), 3u);
}

TEST(Host, ReadReturnsExactlyTheBytesAsked) {
  Rig rig({}, {}, strict());
  const auto data = iota_bytes(5000, 9);
  rig.memory.load(0x40FF1, data);
  Handle h = rig.host.read(0x40FF1 + 3, 4990);
  ASSERT_TRUE(rig.settle());
  ASSERT_TRUE(h->ok());
  EXPECT_EQ(h->data, std::vector<uint8_t>(data.begin() + 3, data.begin() + 4993));
  EXPECT_EQ(h->bursts, 3u);
  EXPECT_EQ(h->burst_resps.size(), 3u);
}

TEST(Host, EmptyTransfersCompleteAtOnce) {
  Rig rig;
  EXPECT_TRUE(rig.host.write(0x1000, std::vector<uint8_t>{})->done);
  EXPECT_TRUE(rig.host.read(0x1000, 0)->done);
  EXPECT_TRUE(rig.host.idle());
  EXPECT_THROW(rig.host.write(kAddrMask, iota_bytes(2)), std::out_of_range);
  EXPECT_THROW(rig.host.read(kAddrMask + 1, 1), std::out_of_range);
}

TEST(Host, IssueDrivesExactlyTheTransaction) {
  Rig rig({}, {}, strict());
  const BurstShape shape{0x1038, 3, 3, Burst::Wrap};  // 4 x 8 bytes, wrapping
  const auto bytes = iota_bytes(32, 100);
  Handle w = rig.host.issue(make_write(shape, bytes, 7));
  ASSERT_TRUE(rig.settle());
  EXPECT_TRUE(w->ok());
  const TransactionRecord r = rig.log.last_n_transactions(1)[0];
  EXPECT_EQ(r.addr, 0x1038u);
  EXPECT_EQ(r.burst, Burst::Wrap);
  EXPECT_EQ(r.id, 7u);
  EXPECT_EQ(r.axsize, 3);
  EXPECT_EQ(r.data, bytes);
  EXPECT_EQ(rig.memory.peek(0x1038, 8), std::vector<uint8_t>(bytes.begin(), bytes.begin() + 8));
  EXPECT_EQ(rig.memory.peek(0x1020, 8), std::vector<uint8_t>(bytes.begin() + 8, bytes.begin() + 16));
  Handle r2 = rig.host.issue(make_read(shape, 2));
  ASSERT_TRUE(rig.settle());
  EXPECT_EQ(r2->data, bytes);  // compact: beat order, address order within a beat
  EXPECT_EQ(r2->beat_resps.size(), 4u);
  // Unstrobed lanes keep their place in the data but are not written.
  const BurstShape one{0x2000, 0, 2, Burst::Incr};
  const std::vector<uint32_t> strobe{0b0101};
  rig.host.issue(make_write(one, std::vector<uint8_t>{1, 2, 3, 4}, 0, strobe));
  ASSERT_TRUE(rig.settle());
  EXPECT_EQ(rig.memory.peek(0x2000, 4), (std::vector<uint8_t>{1, 0, 3, 0}));
  EXPECT_EQ(rig.log.last_n_transactions(1)[0].bytes, 2u);
}

TEST(Host, IssueRefusesIllegalUnlessAsked) {
  Rig rig;
  Transaction t = make_read({0x1FE0, 1, 5, Burst::Incr}, 0);
  try {
    rig.host.issue(t);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("CROSSES_4K"), std::string::npos);
  }
  t.id = 16;  // does not fit 4 bits, legal or not
  EXPECT_THROW(rig.host.issue(t, Legality::AllowIllegal), std::invalid_argument);
  HostConfig bad;
  bad.ids = {20};
  AxiPins pins;
  EXPECT_THROW(Host(pins, bad), std::invalid_argument);
}

TEST(Host, ManyInFlightAndAwKeptWithItsW) {
  MemoryPortConfig config;
  config.read_latency = Latency::fixed(40);
  config.write_latency = Latency::fixed(40);
  HostConfig host;
  host.max_reads = 6;
  host.max_writes = 5;
  host.ids = {0, 1, 2};
  Rig rig(config, host, strict());
  for (int i = 0; i < 20; ++i) {
    rig.host.read(0x1000 + 64 * i, 64);
    rig.host.write(0x8000 + 64 * i, iota_bytes(64));
  }
  size_t most = 0;
  uint64_t aw_done = 0, w_bursts_started = 0;
  bool in_w_burst = false;
  while (!rig.host.idle()) {
    rig.bench.step();
    most = std::max(most, rig.host.in_flight());
    const AxiPins& p = rig.pins;
    // A W burst starts only while its AW is presented or accepted, never ahead of it.
    if (p.wvalid && !in_w_burst) {
      ++w_bursts_started;
      in_w_burst = true;
      EXPECT_LE(w_bursts_started, aw_done + (p.awvalid ? 1 : 0));
    }
    if (p.wvalid && p.wready && p.wlast) in_w_burst = false;
    if (p.awvalid && p.awready) ++aw_done;
  }
  EXPECT_EQ(most, 11u);  // 6 reads and 5 writes
  EXPECT_EQ(aw_done, 20u);
  EXPECT_EQ(w_bursts_started, 20u);
}

TEST(Host, AwLeadAddressesWritesAheadOfTheirData) {
  // W ready one cycle in four: without a lead, each AW waits for the previous write's last
  // beat; with a lead of 3, up to three AWs run ahead and the beats follow in AW order.
  for (unsigned lead : {0u, 3u}) {
    MemoryPortConfig config;
    config.ready.w = 0.25;
    HostConfig host;
    host.aw_lead = lead;
    host.ids = {0, 1, 2, 3};
    Rig rig(config, host, strict());
    std::vector<Handle> writes;
    for (int i = 0; i < 8; ++i) writes.push_back(rig.host.write(0x4000 + 0x100 * i, iota_bytes(0x100, static_cast<uint8_t>(i))));
    unsigned most_ahead = 0, aw_done = 0, wlast_done = 0;
    while (!rig.host.idle()) {
      rig.bench.step();
      const AxiPins& p = rig.pins;
      if (p.awvalid && p.awready) ++aw_done;
      if (p.wvalid && p.wready && p.wlast) ++wlast_done;
      most_ahead = std::max(most_ahead, aw_done - wlast_done);
    }
    EXPECT_EQ(most_ahead, lead == 0 ? 1u : lead + 1) << "lead " << lead;
    for (int i = 0; i < 8; ++i) {
      EXPECT_TRUE(writes[static_cast<size_t>(i)]->ok());
      EXPECT_EQ(rig.memory.peek(0x4000 + 0x100 * i, 0x100), iota_bytes(0x100, static_cast<uint8_t>(i)));
    }
    EXPECT_TRUE(rig.checker.clean());
  }
}

TEST(Host, ReadyProbabilityDialsBreadyAndRready) {
  HostConfig host;
  host.rready = 0.3;
  host.bready = 0.3;
  Rig rig({}, host, strict());
  for (int i = 0; i < 300; ++i) {
    rig.host.read(0x1000 + 32 * (i % 50), 32);
    rig.host.write(0x9000 + 32 * (i % 50), iota_bytes(32));
  }
  uint64_t r_wait = 0, r_go = 0, b_wait = 0, b_go = 0;
  while (!rig.host.idle()) {
    rig.bench.step();
    if (rig.pins.rvalid) (rig.pins.rready ? r_go : r_wait)++;
    if (rig.pins.bvalid) (rig.pins.bready ? b_go : b_wait)++;
  }
  EXPECT_EQ(r_go, 300u);
  EXPECT_EQ(b_go, 300u);
  EXPECT_NEAR(static_cast<double>(r_go) / static_cast<double>(r_go + r_wait), 0.3, 0.06);
  EXPECT_NEAR(static_cast<double>(b_go) / static_cast<double>(b_go + b_wait), 0.3, 0.06);
}

TEST(Host, HostSideLog) {
  Log host_log;
  HostConfig host;
  host.log = &host_log;
  host.port = "host";
  Rig rig({}, host, strict());
  rig.host.write(0x10000, iota_bytes(48));
  Handle r = rig.host.read(0x10000, 48);
  ASSERT_TRUE(rig.settle());
  ASSERT_EQ(host_log.size(), 2u);
  ASSERT_EQ(rig.log.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    TransactionRecord h = host_log.at(i), m = rig.log.at(i);
    EXPECT_EQ(h.port, "host");
    h.port = m.port;
    EXPECT_EQ(h, m);  // both ends saw the same transaction, cycle for cycle
  }
}

TEST(Host, ResponsesMatchingNothingAreCounted) {
  AxiPins pins;
  Host host(pins);
  Bench bench;
  bench.add(host);
  bench.step();
  pins.bvalid = true;  // a slave answering a write never made
  pins.bid = 3;
  bench.step();
  pins.bvalid = false;
  pins.rvalid = true;
  pins.rid = 1;
  pins.rlast = true;
  bench.step();
  EXPECT_EQ(host.unexpected_responses(), 2u);
}

}  // namespace
}  // namespace sailsim::axi4::test
