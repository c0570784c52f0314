// The crossbar alone (rtl/axi_xbar_flat.sv), in the configuration this program was built
// for (XBAR_MASTERS x XBAR_SLAVES): random traffic from every master against memories with
// random timing, with a scoreboard on both sides and checkers on every port; then directed
// tests of what random traffic may not hit: DECERR shapes, same-ID ordering across slaves,
// the crossed-writes deadlock, and full throughput.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include XBAR_HEADER
#include "axi_traffic.hpp"
#include "sailsim/axi4/burst.hpp"
#include "sailsim/tb/simulation.hpp"

namespace sailsim {
namespace {

using Model = XBAR_MODEL;
constexpr unsigned kMasters = XBAR_MASTERS;
constexpr unsigned kSlaves = XBAR_SLAVES;
constexpr unsigned kMasterIdBits = axi4::kIdWidth;

// axi_xbar_flat's generated address map: slave j starts at j * kStride; even slaves fill
// their stride, odd ones the lower half; everything from kSlaves * kStride up is a hole.
constexpr uint64_t kStride = uint64_t{1} << 32;
constexpr uint64_t region_start(unsigned j) { return j * kStride; }
constexpr uint64_t region_end(unsigned j) { return j * kStride + (j % 2 == 0 ? kStride : kStride / 2); }
constexpr int slave_of(uint64_t addr) {
  for (unsigned j = 0; j < kSlaves; ++j) {
    if (addr >= region_start(j) && addr < region_end(j)) return static_cast<int>(j);
  }
  return -1;
}

struct Timing {
  axi4::Latency read_latency = axi4::Latency::fixed(1);
  axi4::Latency write_latency = axi4::Latency::fixed(1);
  double slave_ready = 1.0;
  double master_ready = 1.0;
  bool reorder = false;
  bool interleave = false;
  unsigned aw_lead = 0;  // writes a master addresses ahead of their data
};

// The crossbar with a host on every slave port and a memory on every master port.
struct Rig {
  explicit Rig(const Timing& timing, tb::SimulationConfig config = {}) : sim(std::move(config)) {
    for (unsigned i = 0; i < kMasters; ++i) {
      tb::Port& port = sim.bind(SAILSIM_AXI_PORT_AT(&sim.top(), s_, i), "master" + std::to_string(i));
      axi4::HostConfig host;
      host.seed = 11 + i;
      host.bready = timing.master_ready;
      host.rready = timing.master_ready;
      host.aw_lead = timing.aw_lead;
      hosts.push_back(&sim.attach_host(port, host));
    }
    for (unsigned j = 0; j < kSlaves; ++j) {
      memories.push_back(std::make_unique<axi4::Memory>());
      tb::Port& port = sim.bind(SAILSIM_AXI_PORT_AT(&sim.top(), m_, j), "slave" + std::to_string(j));
      axi4::MemoryPortConfig mem;
      mem.seed = 101 + j;
      mem.read_latency = timing.read_latency;
      mem.write_latency = timing.write_latency;
      mem.ready = axi4::ReadyChance::all(timing.slave_ready);
      mem.reorder = timing.reorder;
      mem.interleave_reads = timing.interleave;
      mem.master_id_bits = kMasterIdBits;
      slaves.push_back(&sim.attach_memory(port, *memories.back(), mem));
    }
    sim.reset();
  }

  bool idle() const {
    for (const axi4::Host* host : hosts) {
      if (!host->idle()) return false;
    }
    return true;
  }
  void drain(uint64_t max_cycles = 200000) {
    ASSERT_TRUE(sim.run_until([&] { return idle(); }, max_cycles)) << sim.report();
  }

  tb::Simulation<Model> sim;
  std::vector<axi4::Host*> hosts;
  std::vector<std::unique_ptr<axi4::Memory>> memories;
  std::vector<axi4::MemoryPort*> slaves;
};

// ---- Random traffic -------------------------------------------------------------------

// The pages the traffic uses. Master i owns pages whose index is i modulo kMasters, so that
// masters never race on a byte; in each region, the first and the last pages (next to its
// neighbours and to the holes); in each hole, pages at its start and end.
struct PagePlan {
  std::vector<uint64_t> pages[kMasters];  // page base addresses, per owner

  PagePlan() {
    std::vector<uint64_t> all;
    constexpr uint64_t kPage = axi4::Memory::kPageBytes;
    for (unsigned j = 0; j < kSlaves; ++j) {
      for (uint64_t k = 0; k < 12; ++k) {
        all.push_back(region_start(j) + k * kPage);
        all.push_back(region_end(j) - (k + 1) * kPage);
      }
      if (region_end(j) != region_start(j) + kStride) {  // a hole up to the next region
        all.push_back(region_end(j));
        all.push_back(region_start(j) + kStride - kPage);
      }
    }
    all.push_back(kSlaves * kStride);            // the hole above every region
    all.push_back((uint64_t{1} << 48) - kPage);  // the top of the address space
    for (uint64_t page : all) pages[(page / kPage) % kMasters].push_back(page);
  }
};

struct Pending {
  axi4::Transaction txn;
  axi4::Handle handle;
  size_t slot;  // index of its page in the master's PagePlan list
};

// For failure messages only (gtest streams them only when an expectation fails).
std::string describe(unsigned master, const axi4::Transaction& txn) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%s from master %u id %u at 0x%llx len %u", txn.dir == axi4::Dir::Write ? "write" : "read",
                master, txn.id, static_cast<unsigned long long>(txn.addr), unsigned{txn.len});
  return buf;
}

struct TrafficStats {
  uint64_t writes = 0, reads = 0, decerr = 0;
};

// Runs `count` random transactions spread over all masters and checks each as it completes.
TrafficStats random_traffic(Rig& rig, uint64_t seed, uint64_t count) {
  std::mt19937_64 rng(seed);
  PagePlan plan;
  axi4::Memory shadow;
  // Every page of a region starts with known random bytes, so every read is predictable.
  for (unsigned i = 0; i < kMasters; ++i) {
    for (uint64_t page : plan.pages[i]) {
      const int slave = slave_of(page);
      if (slave < 0) continue;
      std::vector<uint8_t> bytes(axi4::Memory::kPageBytes);
      for (auto& b : bytes) b = static_cast<uint8_t>(rng());
      rig.memories[static_cast<unsigned>(slave)]->load(page, bytes);
      shadow.load(page, bytes);
    }
  }

  TrafficStats stats;
  std::vector<std::deque<Pending>> pending(kMasters);
  std::vector<std::vector<bool>> busy(kMasters);
  for (unsigned i = 0; i < kMasters; ++i) busy[i].assign(plan.pages[i].size(), false);
  uint64_t issued = 0, completed = 0;

  auto check = [&](unsigned master, const Pending& p) {
    const int slave = slave_of(p.txn.addr);
    const axi4::Completion& done = *p.handle;
    auto what = [&] { return describe(master, p.txn); };
    if (slave < 0) {
      ++stats.decerr;
      EXPECT_EQ(done.resp, axi4::Resp::DecErr) << what();
      if (p.txn.dir == axi4::Dir::Read) {
        EXPECT_EQ(done.beat_resps.size(), p.txn.beats()) << what();
        for (axi4::Resp r : done.beat_resps) EXPECT_EQ(r, axi4::Resp::DecErr) << what();
      }
      return;
    }
    EXPECT_EQ(done.resp, axi4::Resp::Okay) << what();
    if (p.txn.dir == axi4::Dir::Write) {
      testing::apply_write(shadow, p.txn);
    } else {
      EXPECT_EQ(done.data, testing::expected_read(shadow, p.txn)) << what();
    }
  };

  while (completed < count) {
    for (unsigned i = 0; i < kMasters; ++i) {
      // Retire what completed, in any order.
      for (auto it = pending[i].begin(); it != pending[i].end();) {
        if (!it->handle->done) {
          ++it;
          continue;
        }
        check(i, *it);
        busy[i][it->slot] = false;
        it = pending[i].erase(it);
        ++completed;
      }
      // Keep each master busy with up to 12 transactions, one per page at a time.
      while (pending[i].size() < 12 && issued < count) {
        const size_t slot = std::uniform_int_distribution<size_t>(0, plan.pages[i].size() - 1)(rng);
        if (busy[i][slot]) break;
        const uint64_t page = plan.pages[i][slot];
        const axi4::Dir dir = rng() % 2 ? axi4::Dir::Write : axi4::Dir::Read;
        const uint32_t id = static_cast<uint32_t>(rng() % (1u << kMasterIdBits));
        axi4::Transaction txn = testing::random_transaction(rng, dir, page, id, rng() % 8 ? 16 : 256);
        axi4::Handle handle = rig.hosts[i]->issue(txn);
        (dir == axi4::Dir::Write ? stats.writes : stats.reads)++;
        busy[i][slot] = true;
        pending[i].push_back({std::move(txn), std::move(handle), slot});
        ++issued;
      }
    }
    rig.sim.step();  // the watchdog throws on a hang, with every port's last transactions
  }

  // Every byte is where the map says: each slave's memory equals the shadow on its pages,
  // and holds nothing outside its region.
  for (unsigned j = 0; j < kSlaves; ++j) {
    for (const auto& [line, value] : rig.memories[j]->snapshot()) {
      EXPECT_EQ(slave_of(line), static_cast<int>(j)) << "a line outside slave " << j << "'s region";
      EXPECT_EQ(value, [&] {
        axi4::Line expected{};
        shadow.read_line(line, expected);
        return expected;
      }()) << "slave " << j << " line 0x" << std::hex << line;
    }
    // Every transaction the slave saw carries the owning master's index above the ID.
    for (const axi4::TransactionRecord& record : rig.slaves[j]->last_n_transactions(4096)) {
      EXPECT_EQ(record.master, (record.addr / axi4::Memory::kPageBytes) % kMasters)
          << "slave " << j << " record " << record.seq;
    }
  }
  return stats;
}

void expect_clean(const Rig& rig) {
  EXPECT_TRUE(rig.sim.checkers_clean()) << rig.sim.checker_report();
  for (const axi4::Host* host : rig.hosts) EXPECT_EQ(host->unexpected_responses(), 0u);
}

// At least 100,000 transactions per CI run over the two configurations; the four timing
// mixes share them.
constexpr uint64_t kPerMix = 15000;

TEST(XbarRandom, FullSpeed) {
  Rig rig({});
  const TrafficStats stats = random_traffic(rig, 1, kPerMix);
  EXPECT_GT(stats.decerr, 0u);
  expect_clean(rig);
}

TEST(XbarRandom, RandomLatencyAndBackPressure) {
  Rig rig({.read_latency = axi4::Latency::range(1, 40), .write_latency = axi4::Latency::range(1, 20),
           .slave_ready = 0.6, .master_ready = 0.7, .aw_lead = 4});
  random_traffic(rig, 2, kPerMix);
  expect_clean(rig);
}

TEST(XbarRandom, ReorderingSlaves) {
  Rig rig({.read_latency = axi4::Latency::range(1, 60), .write_latency = axi4::Latency::range(1, 60),
           .slave_ready = 0.8, .master_ready = 0.9, .reorder = true, .aw_lead = 8});
  random_traffic(rig, 3, kPerMix);
  expect_clean(rig);
}

TEST(XbarRandom, InterleavingSlavesAndSlowMasters) {
  Rig rig({.read_latency = axi4::Latency::range(1, 20), .write_latency = axi4::Latency::range(1, 10),
           .slave_ready = 0.9, .master_ready = 0.3, .reorder = true, .interleave = true, .aw_lead = 2});
  random_traffic(rig, 4, kPerMix);
  expect_clean(rig);
}

// ---- Directed -------------------------------------------------------------------------

constexpr uint64_t kHole = kSlaves * kStride;  // no slave from here up

TEST(XbarDecerr, LongReadToAHoleGetsEveryBeatAndRlastInPlace) {
  Rig rig({});
  // The longest legal burst: 256 beats of 16 bytes fill the hole's first page exactly.
  axi4::Handle r = rig.hosts[0]->issue(axi4::make_read({kHole, 255, 4, axi4::Burst::Incr}, 5));
  rig.drain();
  ASSERT_TRUE(r->done);
  EXPECT_EQ(r->resp, axi4::Resp::DecErr);
  ASSERT_EQ(r->beat_resps.size(), 256u);  // RLAST on the 256th beat, checked by the checker
  for (axi4::Resp resp : r->beat_resps) EXPECT_EQ(resp, axi4::Resp::DecErr);
  expect_clean(rig);
}

TEST(XbarDecerr, WriteToAHoleTakesAllBeatsAndChangesNothing) {
  Rig rig({});
  std::vector<uint8_t> bytes(32 * 16, 0xA5);
  axi4::Handle w = rig.hosts[kMasters - 1]->write(region_end(1), bytes);  // just past slave 1
  axi4::Handle ok = rig.hosts[kMasters - 1]->write(region_end(1) - 32, std::vector<uint8_t>(32, 1));
  rig.drain();
  EXPECT_EQ(w->resp, axi4::Resp::DecErr);
  EXPECT_EQ(ok->resp, axi4::Resp::Okay);  // the last line of slave 1 is still slave 1
  for (const auto& memory : rig.memories) {
    EXPECT_EQ(memory->uninitialized(region_end(1), bytes.size()), bytes.size());
  }
  EXPECT_EQ(rig.memories[1]->peek(region_end(1) - 32, 32), std::vector<uint8_t>(32, 1));
  expect_clean(rig);
}

TEST(XbarOrder, SameIdToTwoSlavesCompletesInIssueOrder) {
  // Slave 0 is slow, slave 1 fast: without the ID rule the second read would come back
  // first. Both use ID 3 from master 0.
  // Slave 0 is slow and slave 1 fast, so this test builds its own simulation.
  tb::Simulation<Model> s;
  tb::Port& m0 = s.bind(SAILSIM_AXI_PORT_AT(&s.top(), s_, 0), "master0");
  axi4::Host& host = s.attach_host(m0);
  std::vector<std::unique_ptr<axi4::Memory>> memories;
  for (unsigned j = 0; j < kSlaves; ++j) {
    memories.push_back(std::make_unique<axi4::Memory>());
    axi4::MemoryPortConfig config;
    config.read_latency = axi4::Latency::fixed(j == 0 ? 300 : 1);
    config.write_latency = axi4::Latency::fixed(j == 0 ? 300 : 1);
    s.attach_memory(s.bind(SAILSIM_AXI_PORT_AT(&s.top(), m_, j), "slave" + std::to_string(j)),
                    *memories.back(), config);
  }
  for (unsigned i = 1; i < kMasters; ++i) s.attach_host(s.bind(SAILSIM_AXI_PORT_AT(&s.top(), s_, i)));
  s.reset();
  axi4::Handle first = host.issue(axi4::make_read({region_start(0), 3, axi4::kSizeFull, axi4::Burst::Incr}, 3));
  axi4::Handle second = host.issue(axi4::make_read({region_start(1), 0, axi4::kSizeFull, axi4::Burst::Incr}, 3));
  axi4::Handle wfirst = host.issue(axi4::make_write({region_start(0) + 64, 0, axi4::kSizeFull, axi4::Burst::Incr},
                                                    std::vector<uint8_t>(32, 7), 9));
  axi4::Handle wsecond = host.issue(axi4::make_write({region_start(1) + 64, 0, axi4::kSizeFull, axi4::Burst::Incr},
                                                     std::vector<uint8_t>(32, 8), 9));
  ASSERT_TRUE(s.run_until([&] { return host.idle(); }, 10000)) << s.report();
  EXPECT_LT(first->last_cycle, second->last_cycle);
  EXPECT_GE(second->first_cycle, first->last_cycle);  // the second waited for the first
  EXPECT_LT(wfirst->last_cycle, wsecond->last_cycle);
  EXPECT_TRUE(s.checkers_clean()) << s.checker_report();
}

TEST(XbarOrder, CrossedWritesFromTwoMastersDoNotDeadlock) {
  // Master 0 writes to slave 0 then slave 1, master 1 to slave 1 then slave 0, many times,
  // with W beats slower than addresses: the classic crossbar W deadlock.
  Rig rig({.slave_ready = 0.5, .aw_lead = 6});
  auto block = [](unsigned master, unsigned slave) {
    return std::vector<uint8_t>(32 * 8, static_cast<uint8_t>(0x10 * (master + 1) + slave));
  };
  auto address = [](unsigned master, unsigned slave, int round) {
    return region_start(slave) + 0x10000 * (master + 1) + 0x100 * static_cast<unsigned>(round % 16);
  };
  for (int round = 0; round < 200; ++round) {
    for (unsigned i = 0; i < kMasters; ++i) {
      for (unsigned k = 0; k < 2; ++k) {
        const unsigned slave = (i + k) % 2;
        rig.hosts[i]->write(address(i, slave, round), block(i, slave));
      }
    }
  }
  rig.drain(2000000);  // the watchdog reports a deadlock long before
  for (unsigned i = 0; i < kMasters; ++i) {
    for (unsigned slave = 0; slave < 2; ++slave) {
      for (int round = 0; round < 16; ++round) {
        EXPECT_EQ(rig.memories[slave]->peek(address(i, slave, round), 32 * 8), block(i, slave))
            << "master " << i << " slave " << slave;
      }
    }
  }
  expect_clean(rig);
}

// ---- Throughput (cycles, not time: a functional property of the RTL) ---------------------

TEST(XbarThroughput, TwoMastersOnTwoSlavesRunAtFullRateAtOnce) {
  Rig rig({});
  constexpr unsigned kBursts = 64, kBeats = 16;
  std::vector<uint8_t> block(32 * kBeats, 0x77);
  std::vector<axi4::Handle> handles;
  for (unsigned b = 0; b < kBursts; ++b) {
    handles.push_back(rig.hosts[0]->write(region_start(0) + b * block.size(), block));
    handles.push_back(rig.hosts[1]->read(region_start(1) + b * block.size(), block.size()));
  }
  const uint64_t start = rig.sim.cycle();
  rig.drain();
  const uint64_t cycles = rig.sim.cycle() - start;
  const double beats = kBursts * kBeats;
  // Each master moves one beat per cycle; the only overhead is the pipeline's fill and drain.
  EXPECT_LE(cycles, beats + 16) << "W and R beats per cycle: " << beats / static_cast<double>(cycles);
  expect_clean(rig);
}

TEST(XbarThroughput, ANewAddressEveryCycle) {
  Rig rig({});
  constexpr unsigned kReads = 512;
  for (unsigned r = 0; r < kReads; ++r) {
    rig.hosts[0]->issue(axi4::make_read({region_start(0) + 32 * r, 0, axi4::kSizeFull, axi4::Burst::Incr}, r % 16));
  }
  const uint64_t start = rig.sim.cycle();
  rig.drain();
  const uint64_t cycles = rig.sim.cycle() - start;
  EXPECT_LE(cycles, kReads + 16) << "addresses per cycle: " << kReads / static_cast<double>(cycles);
  expect_clean(rig);
}

}  // namespace
}  // namespace sailsim
