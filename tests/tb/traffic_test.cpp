// Random traffic through RTL: the host on s_*, the memory on m_*, random sizes, alignments,
// latency and back-pressure on both sides; a shadow memory checks every byte read, and the
// checkers on both ports stay silent. Also: two identical runs give identical logs, and
// the array fixture routes each port's traffic to the memory it is wired to.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "Vaxi_cross2.h"
#include "fixture.hpp"

namespace sailsim::tb::test {
namespace {

constexpr uint64_t kBase = 0x10000;
constexpr uint64_t kSlotBytes = 1024;
constexpr unsigned kSlots = 64;

struct TrafficResult {
  uint64_t host_ops = 0;
  uint64_t bursts = 0;
  std::string s_log;
  std::string ddr_log;
};

// Rounds of host operations on distinct 1 KiB slots (so that concurrent operations never
// overlap and the expected bytes are exact), each round run to completion.
TrafficResult random_traffic(unsigned rounds, uint64_t seed) {
  WireRig rig({.log_capacity = 1u << 16},
              {.seed = seed, .read_latency = axi4::Latency::range(1, 30), .write_latency = axi4::Latency::range(1, 20),
               .ready = axi4::ReadyChance::all(0.6), .reorder = true, .interleave_reads = true},
              {.seed = seed + 1, .bready = 0.7, .rready = 0.7, .ids = {0, 1, 2, 3, 4, 5, 6, 7}});
  std::mt19937_64 random(seed);
  std::vector<uint8_t> shadow(kSlots * kSlotBytes, 0);
  std::vector<bool> written(kSlots * kSlotBytes, false);
  TrafficResult result;

  for (unsigned round = 0; round < rounds; ++round) {
    std::vector<unsigned> slots(kSlots);
    for (unsigned i = 0; i < kSlots; ++i) slots[i] = i;
    std::shuffle(slots.begin(), slots.end(), random);
    struct PendingRead {
      axi4::Handle handle;
      uint64_t offset;
      size_t size;
    };
    std::vector<PendingRead> reads;
    std::vector<axi4::Handle> writes;
    for (unsigned k = 0; k < 12; ++k) {
      const uint64_t size = 1 + random() % kSlotBytes;
      const uint64_t offset = slots[k] * kSlotBytes + random() % (kSlotBytes - size + 1);
      if (random() % 2 == 0) {
        std::vector<uint8_t> bytes(size);
        for (auto& b : bytes) b = static_cast<uint8_t>(random());
        std::copy(bytes.begin(), bytes.end(), shadow.begin() + static_cast<ptrdiff_t>(offset));
        std::fill(written.begin() + static_cast<ptrdiff_t>(offset),
                  written.begin() + static_cast<ptrdiff_t>(offset + size), true);
        writes.push_back(rig.host.write(kBase + offset, bytes));
      } else {
        reads.push_back({rig.host.read(kBase + offset, size), offset, size});
      }
      ++result.host_ops;
    }
    if (!rig.settle(200000)) {
      ADD_FAILURE() << "round " << round << " did not finish\n" << rig.sim.report();
      return result;
    }
    for (const auto& w : writes) EXPECT_TRUE(w->ok());
    for (const auto& r : reads) {
      EXPECT_TRUE(r.handle->ok());
      const std::vector<uint8_t> expected(shadow.begin() + static_cast<ptrdiff_t>(r.offset),
                                          shadow.begin() + static_cast<ptrdiff_t>(r.offset + r.size));
      EXPECT_EQ(r.handle->data, expected) << "round " << round << " read at 0x" << std::hex << kBase + r.offset;
    }
  }
  // The memory's back door agrees with the shadow, byte for byte.
  EXPECT_EQ(rig.memory.peek(kBase, shadow.size()), shadow);
  EXPECT_TRUE(rig.sim.checkers_clean()) << rig.sim.checker_report();
  EXPECT_EQ(rig.host.unexpected_responses(), 0u);
  // Every burst is logged once on each side of the RTL.
  EXPECT_EQ(rig.s.log.total(), rig.ddr.log.total());
  EXPECT_EQ(rig.ram.transactions(), rig.ddr.log.total());
  result.bursts = rig.ddr.log.total();
  result.s_log = rig.s.log.to_yaml();
  result.ddr_log = rig.ddr.log.to_yaml();
  return result;
}

TEST(Traffic, RandomHostTrafficThroughTheRtlIsExact) {
  const TrafficResult result = random_traffic(250, 11);
  EXPECT_EQ(result.host_ops, 3000u);
  EXPECT_EQ(result.bursts, result.host_ops);  // at most 1 KiB in a 1 KiB slot: one burst each
}

TEST(Traffic, IdenticalRunsGiveIdenticalLogs) {
  const TrafficResult a = random_traffic(20, 5);
  const TrafficResult b = random_traffic(20, 5);
  ASSERT_FALSE(a.ddr_log.empty());
  EXPECT_EQ(a.s_log, b.s_log);
  EXPECT_EQ(a.ddr_log, b.ddr_log);
  const TrafficResult c = random_traffic(20, 6);
  EXPECT_NE(a.ddr_log, c.ddr_log);  // the seed is what decides
}

TEST(Traffic, ArrayPortsReachTheMemoryTheyAreWiredTo) {
  Simulation<Vaxi_cross2> sim;
  axi4::Memory memory0;
  axi4::Memory memory1;
  std::vector<axi4::Host*> hosts;
  for (unsigned i = 0; i < 2; ++i) {
    Port& s = sim.bind(SAILSIM_AXI_PORT_AT(&sim.top(), s_, i));
    hosts.push_back(&sim.attach_host(s, {.seed = i + 1, .ids = {i + 3}}));
  }
  // The fixture prepends the slave port's index to the ID: 5-bit IDs on the master side.
  Port& m0 = sim.bind(SAILSIM_AXI_PORT_AT(&sim.top(), m_, 0).id_width(5));
  Port& m1 = sim.bind(SAILSIM_AXI_PORT_AT(&sim.top(), m_, 1).id_width(5));
  sim.attach_memory(m0, memory0, {.ready = axi4::ReadyChance::all(0.5)});
  sim.attach_memory(m1, memory1, {.ready = axi4::ReadyChance::all(0.5)});
  sim.reset();

  const std::vector<uint8_t> from0(100, 0xA0);
  const std::vector<uint8_t> from1(100, 0xB1);
  hosts[0]->write(0x20000, from0);
  hosts[1]->write(0x20000, from1);
  ASSERT_TRUE(sim.run_until([&] { return hosts[0]->idle() && hosts[1]->idle(); }, 10000)) << sim.report();
  axi4::Handle back0 = hosts[0]->read(0x20000, 100);
  axi4::Handle back1 = hosts[1]->read(0x20000, 100);
  ASSERT_TRUE(sim.run_until([&] { return hosts[0]->idle() && hosts[1]->idle(); }, 10000)) << sim.report();

  EXPECT_EQ(memory1.peek(0x20000, 100), from0);  // s_[0] is wired to m_[1]
  EXPECT_EQ(memory0.peek(0x20000, 100), from1);
  EXPECT_EQ(back0->data, from0);
  EXPECT_EQ(back1->data, from1);
  ASSERT_GT(m1.log.size(), 0u);
  EXPECT_EQ(m1.log.at(0).id, 0x03u);      // host 0's ID, master index 0
  EXPECT_EQ(m0.log.at(0).id, 0x14u);      // host 1's ID 4, master index 1 above it
  EXPECT_EQ(m0.log.at(0).master, 1u);
  EXPECT_EQ(m0.log.at(0).port, "m_[0]");
  EXPECT_TRUE(sim.checkers_clean()) << sim.checker_report();
}

}  // namespace
}  // namespace sailsim::tb::test
