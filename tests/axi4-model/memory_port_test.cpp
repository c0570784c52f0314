// The memory model's slave port: timing, back-pressure, reordering, interleaving, error
// ranges, uninitialized reads, the back door, snapshot, log contents and determinism.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "rig.hpp"

namespace sailsim::axi4::test {
namespace {

TEST(MemoryPort, WriteThenReadBack) {
  Rig rig({}, {}, strict());
  const auto data = iota_bytes(100, 7);
  Handle w = rig.host.write(0x10005, data);
  ASSERT_TRUE(rig.settle());
  EXPECT_TRUE(w->ok());
  Handle r = rig.host.read(0x10005, 100);
  ASSERT_TRUE(rig.settle());
  EXPECT_TRUE(r->ok());
  EXPECT_EQ(r->data, data);
  EXPECT_EQ(rig.memory.peek(0x10005, 100), data);
}

TEST(MemoryPort, FixedReadLatencyIsExact) {
  MemoryPortConfig config;
  config.read_latency = Latency::fixed(5);
  config.write_latency = Latency::fixed(7);
  Rig rig(config, {}, strict());
  rig.host.read(0x1000, 32);
  rig.host.write(0x2000, iota_bytes(32));
  ASSERT_TRUE(rig.settle());
  const auto log = rig.log.last_n_transactions(2);
  ASSERT_EQ(log.size(), 2u);
  for (const TransactionRecord& r : log) {
    if (r.dir == Dir::Read) {
      EXPECT_EQ(r.last_cycle - r.addr_cycle, 5u);  // AR handshake to the (only) R beat
    } else {
      EXPECT_EQ(r.last_cycle - r.addr_cycle, 7u);  // the W beat goes with its AW, then 7 to B
    }
  }
  // Without a W buffer, WREADY waits for an accepted AW: the beat goes a cycle later.
  config.w_buffer = 0;
  Rig late(config, {}, strict());
  late.host.write(0x2000, iota_bytes(32));
  ASSERT_TRUE(late.settle());
  const TransactionRecord r = late.log.at(0);
  EXPECT_EQ(r.last_cycle - r.addr_cycle, 1u + 7u);
}

TEST(MemoryPort, AcceptsWBeforeItsAw) {
  // A master that sends both W beats of a burst, and only then its AW.
  AxiPins pins;
  Memory memory;
  Log log;
  MemoryPortConfig config;
  config.w_buffer = 4;
  MemoryPort ram(pins, memory, &log, config);
  Checker checker(pins, strict());
  Bench bench;
  bench.add(ram);
  bench.add(checker);
  bench.step();  // WREADY rises: the buffer has room
  for (unsigned beat = 0; beat < 2; ++beat) {
    pins.wvalid = true;
    pins.wdata.fill(static_cast<uint8_t>(0x10 + beat));
    pins.wstrb = 0xFFFFFFFFu;
    pins.wlast = beat == 1;
    bench.step();
    ASSERT_TRUE(pins.wready);
  }
  pins.wvalid = false;
  EXPECT_FALSE(ram.idle());  // two beats wait for their AW
  pins.awvalid = true;
  pins.awaddr = 0x3000;
  pins.awlen = 1;
  pins.awsize = 5;
  pins.awburst = 1;
  pins.awid = 2;
  bench.step();
  ASSERT_TRUE(pins.awready);
  pins.awvalid = false;
  pins.bready = true;
  ASSERT_TRUE(bench.run_until([&] { return ram.idle(); }, 100));
  EXPECT_EQ(memory.peek(0x3000, 64)[0], 0x10);
  EXPECT_EQ(memory.peek(0x3000, 64)[63], 0x11);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log.at(0).id, 2u);
  EXPECT_EQ(log.at(0).bytes, 64u);
  EXPECT_TRUE(checker.clean());
}

TEST(MemoryPort, LatencyRangeStaysInRangeAndVaries) {
  MemoryPortConfig config;
  config.read_latency = Latency::range(3, 9);
  config.seed = 5;
  Rig rig(config, {}, strict());
  for (int i = 0; i < 200; ++i) {
    rig.host.read(0x1000 + 32 * i, 32);
    ASSERT_TRUE(rig.settle());  // one at a time, so nothing queues behind another
  }
  std::set<uint64_t> seen;
  for (const auto& r : rig.log.last_n_transactions(200)) seen.insert(r.last_cycle - r.addr_cycle);
  EXPECT_EQ(*seen.begin(), 3u);
  EXPECT_EQ(*seen.rbegin(), 9u);
  EXPECT_EQ(seen.size(), 7u);
}

TEST(MemoryPort, ReadyProbabilityDialsBackPressure) {
  for (double p : {0.25, 0.75}) {
    MemoryPortConfig config;
    config.ready = ReadyChance::all(p);
    Rig rig(config, {}, strict());
    for (int i = 0; i < 400; ++i) rig.host.read(0x1000 + 32 * (i % 64), 32);
    uint64_t waiting = 0, accepted = 0;
    while (!rig.host.idle()) {
      rig.bench.step();
      if (rig.pins.arvalid) (rig.pins.arready ? accepted : waiting)++;
    }
    EXPECT_EQ(accepted, 400u);
    EXPECT_NEAR(static_cast<double>(accepted) / static_cast<double>(accepted + waiting), p, 0.06) << p;
    EXPECT_TRUE(rig.checker.clean());
  }
  MemoryPortConfig never;
  never.ready.aw = 0.0;
  Rig rig(never, {}, strict());
  Handle w = rig.host.write(0x1000, iota_bytes(32));
  rig.bench.run(500);
  EXPECT_FALSE(w->done);  // AWREADY never rose
}

TEST(MemoryPort, InOrderWithoutReorder) {
  MemoryPortConfig config;
  config.read_latency = Latency::range(1, 30);
  HostConfig host;
  host.ids = {0, 1, 2, 3};
  Rig rig(config, host, strict());
  for (int i = 0; i < 100; ++i) rig.host.read(0x1000 + 64 * i, 64);
  ASSERT_TRUE(rig.settle());
  const auto log = rig.log.last_n_transactions(100);
  for (size_t i = 1; i < log.size(); ++i) EXPECT_GT(log[i].addr_cycle, log[i - 1].addr_cycle);
}

TEST(MemoryPort, ReorderAcrossIdsButNeverWithinOne) {
  MemoryPortConfig config;
  config.read_latency = Latency::range(1, 30);
  config.write_latency = Latency::range(1, 30);
  config.reorder = true;
  HostConfig host;
  host.ids = {0, 1, 2, 3};
  Rig rig(config, host, strict());
  for (int i = 0; i < 100; ++i) {
    rig.host.read(0x1000 + 64 * i, 64);
    rig.host.write(0x9000 + 64 * i, iota_bytes(64));
  }
  ASSERT_TRUE(rig.settle());
  const auto log = rig.log.last_n_transactions(200);
  uint64_t overtaken = 0;
  std::map<std::pair<Dir, uint32_t>, uint64_t> last_issue;
  for (size_t i = 0; i < log.size(); ++i) {
    auto& previous = last_issue[{log[i].dir, log[i].id}];
    EXPECT_GE(log[i].addr_cycle, previous) << "same-ID responses out of order";
    previous = log[i].addr_cycle;
    if (i > 0 && log[i].dir == log[i - 1].dir && log[i].addr_cycle < log[i - 1].addr_cycle) ++overtaken;
  }
  EXPECT_GT(overtaken, 5u);  // it really reorders
}

TEST(MemoryPort, InterleavesReadBeatsAcrossIds) {
  for (bool interleave : {false, true}) {
    MemoryPortConfig config;
    config.read_latency = Latency::range(1, 4);
    config.reorder = true;
    config.interleave_reads = interleave;
    HostConfig host;
    host.ids = {0, 1, 2, 3};
    Rig rig(config, host, strict());
    for (int i = 0; i < 50; ++i) rig.host.read(0x1000 + 256 * i, 256);  // 8 beats each
    std::vector<uint32_t> rids;
    std::vector<bool> rlasts;
    while (!rig.host.idle()) {
      rig.bench.step();
      if (rig.pins.rvalid && rig.pins.rready) {
        rids.push_back(rig.pins.rid);
        rlasts.push_back(rig.pins.rlast);
      }
    }
    // A burst is interleaved if another ID's beat comes between two of its beats.
    uint64_t switches_mid_burst = 0;
    for (size_t i = 1; i < rids.size(); ++i) switches_mid_burst += rids[i] != rids[i - 1] && !rlasts[i - 1];
    if (interleave) {
      EXPECT_GT(switches_mid_burst, 10u);
    } else {
      EXPECT_EQ(switches_mid_burst, 0u);
    }
  }
}

TEST(MemoryPort, OutstandingDepthHoldsReadyLow) {
  MemoryPortConfig config;
  config.max_reads = 2;
  config.max_writes = 3;
  config.read_latency = Latency::fixed(20);
  config.write_latency = Latency::fixed(20);
  HostConfig host;
  host.max_reads = 8;
  host.max_writes = 8;
  CheckerConfig checker = strict();
  checker.max_reads = 2;
  checker.max_writes = 3;
  Rig rig(config, host, checker);
  for (int i = 0; i < 10; ++i) {
    rig.host.read(0x1000 + 32 * i, 32);
    rig.host.write(0x8000 + 32 * i, iota_bytes(32));
  }
  unsigned most_reads = 0, most_writes = 0;
  while (!rig.host.idle()) {
    rig.bench.step();
    most_reads = std::max(most_reads, rig.ram.outstanding_reads());
    most_writes = std::max(most_writes, rig.ram.outstanding_writes());
  }
  EXPECT_EQ(most_reads, 2u);
  EXPECT_EQ(most_writes, 3u);
}

TEST(MemoryPort, ErrorRanges) {
  MemoryPortConfig config;
  config.errors = {{0x3000'0000, 0x1000, Resp::SlvErr, ErrorOn::Both},
                   {0x5000, 0x100, Resp::DecErr, ErrorOn::Write},
                   {0x6000, 0x100, Resp::SlvErr, ErrorOn::Read}};
  Rig rig(config, {}, strict());
  rig.memory.load(0x5000, iota_bytes(0x100, 1));
  rig.memory.load(0x3000'0000, iota_bytes(64, 1));

  Handle read_err = rig.host.read(0x3000'0000, 128);       // 4 beats, all SLVERR
  Handle write_err = rig.host.write(0x5080, iota_bytes(32)); // DECERR, memory unchanged
  Handle read_ok = rig.host.read(0x5000, 64);               // write-only range: reads are fine
  Handle write_ok = rig.host.write(0x6000, iota_bytes(32)); // read-only range: writes are fine
  Handle read_err2 = rig.host.read(0x6000, 32);
  Handle split = rig.host.read(0x2FFF'FFE0, 64);            // two bursts (4 KiB): only the second errs
  Handle edge = rig.host.read(0x60E0, 64);                  // one burst: last line in range, first past it
  Handle outside = rig.host.read(0x3000'1000, 32);          // just past the range
  ASSERT_TRUE(rig.settle());

  EXPECT_EQ(read_err->resp, Resp::SlvErr);
  ASSERT_EQ(read_err->beat_resps.size(), 4u);
  for (Resp r : read_err->beat_resps) EXPECT_EQ(r, Resp::SlvErr);
  EXPECT_EQ(read_err->data, std::vector<uint8_t>(128, 0));
  EXPECT_EQ(write_err->resp, Resp::DecErr);
  const auto loaded = iota_bytes(0x100, 1);
  EXPECT_EQ(rig.memory.peek(0x5080, 32), std::vector<uint8_t>(loaded.begin() + 0x80, loaded.begin() + 0xA0));
  EXPECT_EQ(read_ok->resp, Resp::Okay);
  EXPECT_EQ(read_ok->data, iota_bytes(64, 1));
  EXPECT_EQ(write_ok->resp, Resp::Okay);
  EXPECT_EQ(read_err2->resp, Resp::SlvErr);
  EXPECT_EQ(edge->resp, Resp::SlvErr);  // a burst touching the range errs on every beat
  EXPECT_EQ(edge->beat_resps, (std::vector<Resp>{Resp::SlvErr, Resp::SlvErr}));
  EXPECT_EQ(split->burst_resps, (std::vector<Resp>{Resp::Okay, Resp::SlvErr}));
  EXPECT_EQ(outside->resp, Resp::Okay);
  // The log records the error.
  bool logged = false;
  for (const auto& r : rig.log.last_n_transactions(100)) logged |= r.addr == 0x5080 && r.resp == Resp::DecErr;
  EXPECT_TRUE(logged);
}

// AxBURST = 3 has no addresses in AXI4: the model answers SLVERR on every R beat (data
// zeros) and on B, writes nothing, and logs the burst as RESERVED (the checker reports it).
TEST(MemoryPort, ReservedBurstIsAnsweredSlverrAndWritesNothing) {
  Rig rig;
  rig.memory.load(0x7000, iota_bytes(64, 1));
  const BurstShape reserved{0x7000, 1, 5, Burst::Reserved};
  Handle write = rig.host.issue(make_write(reserved, iota_bytes(64, 0x80), 2), Legality::AllowIllegal);
  Handle read = rig.host.issue(make_read(reserved, 3), Legality::AllowIllegal);
  ASSERT_TRUE(rig.settle(2000));
  EXPECT_EQ(write->resp, Resp::SlvErr);
  EXPECT_EQ(read->resp, Resp::SlvErr);
  EXPECT_EQ(read->beat_resps, (std::vector<Resp>{Resp::SlvErr, Resp::SlvErr}));
  EXPECT_EQ(read->data, std::vector<uint8_t>(64, 0));
  EXPECT_EQ(rig.memory.peek(0x7000, 64), iota_bytes(64, 1));
  const auto records = rig.log.last_n_transactions(2);
  ASSERT_EQ(records.size(), 2u);
  for (const auto& r : records) {
    EXPECT_EQ(r.burst, Burst::Reserved);
    EXPECT_EQ(r.resp, Resp::SlvErr);
  }
  EXPECT_EQ(rig.checker.count(Rule::BurstReserved), 2u);
  EXPECT_EQ(rig.checker.count(), 2u);
  // The same shape as INCR is served normally, so the SLVERR is the burst code's doing.
  Handle incr = rig.host.issue(make_read({0x7000, 1, 5, Burst::Incr}, 3));
  ASSERT_TRUE(rig.settle(2000));
  EXPECT_EQ(incr->resp, Resp::Okay);
  EXPECT_EQ(incr->data, iota_bytes(64, 1));
}

TEST(MemoryPort, UninitializedReadsWarnWithAddressAndId) {
  MemoryConfig memory;
  memory.fill = UninitializedFill::Pattern;
  memory.pattern = 0xA5A5A5A5A5A5A5A5ull;
  MemoryPortConfig config;
  config.warn_uninitialized = true;
  std::vector<UninitializedRead> warnings;
  config.on_uninitialized = [&](const UninitializedRead& w) { warnings.push_back(w); };
  HostConfig host;
  host.ids = {9};
  Rig rig(config, host, strict(), memory);
  rig.memory.load(0x4000, iota_bytes(40));  // 0x4000..0x4027 written
  Handle r = rig.host.read(0x4000, 64);
  ASSERT_TRUE(rig.settle());
  std::vector<uint8_t> expected = iota_bytes(40);
  expected.resize(64, 0xA5);
  EXPECT_EQ(r->data, expected);
  ASSERT_EQ(warnings.size(), 1u);  // the second beat only
  EXPECT_EQ(warnings[0].addr, 0x4028u);
  EXPECT_EQ(warnings[0].bytes, 24u);
  EXPECT_EQ(warnings[0].id, 9u);
  EXPECT_EQ(warnings[0].port, "ddr");
  EXPECT_EQ(rig.ram.uninitialized_reads(), 1u);

  MemoryPortConfig quiet;  // counted, not reported
  int called = 0;
  quiet.on_uninitialized = [&](const UninitializedRead&) { ++called; };
  Rig rig2(quiet, {}, strict());
  Handle z = rig2.host.read(0x9000, 32);
  ASSERT_TRUE(rig2.settle());
  EXPECT_EQ(z->data, std::vector<uint8_t>(32, 0));
  EXPECT_EQ(called, 0);
  EXPECT_EQ(rig2.ram.uninitialized_reads(), 1u);
}

TEST(MemoryPort, BackDoorTakesNoCyclesAndLogsNothing) {
  Rig rig({}, {}, strict());
  rig.memory.load(0x10000, iota_bytes(64));
  EXPECT_EQ(rig.memory.peek(0x10000, 64), iota_bytes(64));
  EXPECT_EQ(rig.bench.cycle(), 0u);
  EXPECT_EQ(rig.log.total(), 0u);
  Handle r = rig.host.read(0x10000, 64);
  ASSERT_TRUE(rig.settle());
  EXPECT_EQ(r->data, iota_bytes(64));
  EXPECT_EQ(rig.log.total(), 1u);  // the bus read only
}

TEST(MemoryPort, SnapshotShowsLinesWrittenOrLoaded) {
  Rig rig({}, {}, strict());
  rig.memory.load(0x20000, std::vector<uint8_t>{0x11});
  rig.host.write(0x30010, std::vector<uint8_t>{0xEF, 0xBE});
  rig.host.write(0x30040, iota_bytes(32));
  ASSERT_TRUE(rig.settle());
  const Snapshot all = rig.ram.snapshot();
  std::vector<uint64_t> lines;
  for (const auto& [addr, value] : all) lines.push_back(addr);
  EXPECT_EQ(lines, (std::vector<uint64_t>{0x20000, 0x30000, 0x30040}));
  EXPECT_EQ(line_hex(all.at(0x30000)), "0x0000000000000000000000000000beef00000000000000000000000000000000");
  EXPECT_EQ(all.at(0x30040)[31], 31);
  EXPECT_EQ(rig.ram.snapshot(0x30000, 0x3003F).size(), 1u);
}

TEST(MemoryPort, LogRecordOfARaggedWrite) {
  MemoryPortConfig config;
  config.master_id_bits = 4;
  HostConfig host;
  host.id_bits = 6;
  host.ids = {0x23};  // master 2 (the interconnect's prefix), ID 3 below it
  Rig rig(config, host, strict());
  rig.bench.run(3);
  const auto data = iota_bytes(40, 0x50);
  rig.host.write(0x10003, data);  // bytes 0x10003..0x1002A: two beats from 0x10000
  ASSERT_TRUE(rig.settle());
  ASSERT_EQ(rig.log.size(), 1u);
  const TransactionRecord& r = rig.log.at(0);
  EXPECT_EQ(r.seq, 0u);
  EXPECT_EQ(r.dir, Dir::Write);
  EXPECT_EQ(r.port, "ddr");
  EXPECT_EQ(r.master, 2u);
  EXPECT_EQ(r.id, 0x23u);
  EXPECT_EQ(r.addr, 0x10000u);
  EXPECT_EQ(r.axlen, 1);
  EXPECT_EQ(r.axsize, 5);
  EXPECT_EQ(r.burst, Burst::Incr);
  EXPECT_EQ(r.beats, 2u);
  EXPECT_EQ(r.bytes, 40u);
  EXPECT_EQ(r.low_addr, 0x10003u);
  EXPECT_EQ(r.resp, Resp::Okay);
  EXPECT_EQ(r.strb, (std::vector<uint32_t>{0xFFFFFFF8u, 0x000007FFu}));
  ASSERT_EQ(r.data.size(), 64u);  // every selected lane, strobed or not
  EXPECT_TRUE(std::equal(data.begin(), data.end(), r.data.begin() + 3));
  EXPECT_LT(r.addr_cycle, r.last_cycle);
  EXPECT_GE(r.addr_cycle, 3u);
}

std::vector<TransactionRecord> random_run(uint64_t seed) {
  MemoryPortConfig config;
  config.seed = seed;
  config.read_latency = Latency::range(1, 20);
  config.write_latency = Latency::range(1, 20);
  config.ready = ReadyChance::all(0.7);
  config.reorder = true;
  config.interleave_reads = true;
  HostConfig host;
  host.seed = seed;
  host.bready = host.rready = 0.8;
  host.ids = {0, 1, 2, 3, 4, 5};
  Rig rig(config, host, strict(), {}, 10000);
  Random traffic(42);  // the same traffic every run: only the model's seed changes
  for (int i = 0; i < 300; ++i) {
    const uint64_t addr = 0x10000 + traffic.range(0, 0x4000);
    const size_t size = traffic.range(1, 300);
    if (traffic.chance(0.5)) {
      rig.host.write(addr, iota_bytes(size, static_cast<uint8_t>(i)));
    } else {
      rig.host.read(addr, size);
    }
  }
  EXPECT_TRUE(rig.settle());
  return rig.log.last_n_transactions(10000);
}

TEST(MemoryPort, SameSeedSameLogCycleForCycle) {
  const auto a = random_run(77);
  const auto b = random_run(77);
  const auto c = random_run(78);
  ASSERT_GT(a.size(), 300u);
  EXPECT_EQ(a, b);  // every field, cycles and data included
  EXPECT_NE(a, c);
}

TEST(MemoryPort, PortsShareOneMemory) {
  Memory memory;
  Log log;
  AxiPins pins_a, pins_b;
  MemoryPortConfig config_a, config_b;
  config_a.port = "ddr_a";
  config_b.port = "ddr_b";
  MemoryPort port_a(pins_a, memory, &log, config_a);
  MemoryPort port_b(pins_b, memory, &log, config_b);
  Host host_a(pins_a), host_b(pins_b);
  Bench bench;
  bench.add(host_a);
  bench.add(port_a);
  bench.add(host_b);
  bench.add(port_b);
  host_a.write(0x7000, iota_bytes(96, 3));
  ASSERT_TRUE(bench.run_until([&] { return host_a.idle(); }, 1000));
  Handle r = host_b.read(0x7000, 96);
  ASSERT_TRUE(bench.run_until([&] { return host_b.idle(); }, 1000));
  EXPECT_EQ(r->data, iota_bytes(96, 3));
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log.at(0).port, "ddr_a");
  EXPECT_EQ(log.at(1).port, "ddr_b");
}

TEST(MemoryPort, ResetDropsTransactionsInFlight) {
  MemoryPortConfig config;
  config.read_latency = Latency::fixed(50);
  Rig rig(config, {}, {});
  rig.host.read(0x1000, 32);
  rig.bench.run(10);
  EXPECT_EQ(rig.ram.outstanding_reads(), 1u);
  rig.bench.reset(2);
  EXPECT_EQ(rig.ram.outstanding_reads(), 0u);
  EXPECT_TRUE(rig.ram.idle());
}

}  // namespace
}  // namespace sailsim::axi4::test
