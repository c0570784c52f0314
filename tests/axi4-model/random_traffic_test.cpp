// The host model wired straight to the memory model under random traffic of every burst
// type, size, alignment, strobe pattern and ID, with many transactions in flight and random
// latency, back-pressure and reordering; a scoreboard checks every byte against a shadow
// memory. The shadow's address arithmetic is written out from the AXI4 specification's
// pseudo-code (A3.4.2) independently of burst.cpp.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <vector>

#include "rig.hpp"
#include "sailsim/axi4/random.hpp"

namespace sailsim::axi4::test {
namespace {

// One beat as the specification's pseudo-code describes it: the byte addresses it carries.
struct SpecBeat {
  uint64_t line;            // INT(Address_N / Data_Bus_Bytes) x Data_Bus_Bytes
  unsigned lower, upper;    // byte lanes
};

std::vector<SpecBeat> spec_beats(uint64_t start, unsigned size, unsigned len, Burst burst) {
  const uint64_t number_bytes = uint64_t{1} << size;
  const uint64_t burst_length = len + 1;
  const uint64_t dbb = 32;
  const uint64_t aligned = start / number_bytes * number_bytes;
  const uint64_t wrap_boundary = start / (number_bytes * burst_length) * (number_bytes * burst_length);
  const uint64_t address_end = wrap_boundary + number_bytes * burst_length;
  std::vector<SpecBeat> beats;
  uint64_t address = start;
  for (uint64_t n = 1; n <= burst_length; ++n) {
    SpecBeat b;
    b.line = address / dbb * dbb;
    if (n == 1 || burst == Burst::Fixed) {
      // FIXED: "the byte lanes that are valid are constant for all beats" (A3.4.1).
      b.lower = static_cast<unsigned>(start - start / dbb * dbb);
      b.upper = static_cast<unsigned>(aligned + (number_bytes - 1) - start / dbb * dbb);
    } else {
      b.lower = static_cast<unsigned>(address - address / dbb * dbb);
      b.upper = static_cast<unsigned>(b.lower + number_bytes - 1);
    }
    beats.push_back(b);
    if (burst != Burst::Fixed) {
      address = aligned + n * number_bytes;  // Address_N for the next beat
      if (burst == Burst::Wrap) {
        // After the wrap the address keeps incrementing from the boundary.
        address = wrap_boundary + (address - wrap_boundary) % (number_bytes * burst_length);
        (void)address_end;
      }
    }
  }
  return beats;
}

struct Window {
  uint64_t base;
  uint64_t size;
};

class Shadow {
 public:
  explicit Shadow(const Memory& memory, std::vector<Window> windows) : windows_(std::move(windows)) {
    for (const Window& w : windows_) {
      std::vector<uint8_t> bytes(w.size);
      for (uint64_t i = 0; i < w.size; ++i) bytes[i] = memory.fill_byte(w.base + i);
      bytes_.emplace(w.base, std::move(bytes));
    }
  }
  uint8_t& at(uint64_t addr) {
    auto it = std::prev(bytes_.upper_bound(addr));
    return it->second.at(addr - it->first);
  }
  const std::vector<Window>& windows() const { return windows_; }
  const std::vector<uint8_t>& window_bytes(uint64_t base) const { return bytes_.at(base); }

 private:
  std::vector<Window> windows_;
  std::map<uint64_t, std::vector<uint8_t>> bytes_;
};

struct Pending {
  Handle handle;
  Dir dir;
  uint64_t first, last;           // bytes the transaction may touch
  std::vector<uint8_t> expected;  // reads
};

struct TrafficParams {
  const char* name;
  uint64_t seed;
  Latency read_latency, write_latency;
  double ready, host_ready;
  bool reorder, interleave;
  unsigned w_buffer;  // W beats the memory takes ahead of their AW
  unsigned transactions;
};

void PrintTo(const TrafficParams& params, std::ostream* os) { *os << params.name; }

class RandomTraffic : public ::testing::TestWithParam<TrafficParams> {};

TEST_P(RandomTraffic, EveryByteMatchesTheShadowMemory) {
  const TrafficParams& tp = GetParam();
  MemoryPortConfig mc;
  mc.seed = tp.seed;
  mc.read_latency = tp.read_latency;
  mc.write_latency = tp.write_latency;
  mc.ready = ReadyChance::all(tp.ready);
  mc.reorder = tp.reorder;
  mc.interleave_reads = tp.interleave;
  mc.w_buffer = tp.w_buffer;
  mc.max_reads = 12;
  mc.max_writes = 12;
  HostConfig hc;
  hc.seed = tp.seed + 1;
  hc.bready = tp.host_ready;
  hc.rready = tp.host_ready;
  hc.max_reads = 12;
  hc.max_writes = 12;
  hc.ids = {0, 1, 2, 3, 5, 8, 13, 15};
  CheckerConfig cc;
  cc.port = "ddr";
  cc.policy = CheckerPolicy::Throw;  // any protocol slip fails the test at its cycle
  cc.max_reads = 12;
  cc.max_writes = 12;
  MemoryConfig memc;
  memc.fill = UninitializedFill::Pattern;
  memc.pattern = 0x0123456789ABCDEFull;
  Rig rig(mc, hc, cc, memc, 64);

  // Low memory and the very top of the 48-bit space.
  Shadow shadow(rig.memory, {{0x10000, 0x8000}, {kAddrMask + 1 - 0x8000, 0x8000}});
  Random random(tp.seed * 7919);
  std::vector<Pending> pending;
  uint64_t issued = 0, bursts = 0, reads_checked = 0, bytes_checked = 0;
  uint64_t by_burst[3] = {}, by_size[6] = {}, unaligned = 0, partial_strobes = 0;

  auto overlaps = [&](uint64_t first, uint64_t last, Dir dir) {
    for (const Pending& p : pending) {
      if (first <= p.last && last >= p.first && (dir == Dir::Write || p.dir == Dir::Write)) return true;
    }
    return false;
  };
  auto retire = [&] {
    for (size_t i = 0; i < pending.size();) {
      Pending& p = pending[i];
      if (!p.handle->done) {
        ++i;
        continue;
      }
      ASSERT_EQ(p.handle->resp, Resp::Okay);
      if (p.dir == Dir::Read) {
        ASSERT_EQ(p.handle->data, p.expected) << "read of [0x" << std::hex << p.first << ", 0x" << p.last << "]";
        ++reads_checked;
        bytes_checked += p.expected.size();
      }
      pending[i] = std::move(pending.back());
      pending.pop_back();
    }
  };

  while (issued < tp.transactions) {
    retire();
    if (HasFatalFailure()) return;
    if (pending.size() >= 24 || rig.host.queued() > 4) {
      rig.bench.step();
      continue;
    }
    const Window& window = shadow.windows()[random.range(0, 1)];
    const bool is_write = random.chance(0.5);
    Pending p;
    p.dir = is_write ? Dir::Write : Dir::Read;

    if (random.chance(0.08)) {
      // A byte transfer through write()/read(): the host picks the bursts.
      const uint64_t size = random.range(1, random.chance(0.2) ? 9000 : 200);
      const uint64_t addr = window.base + random.range(0, window.size - size);
      p.first = addr;
      p.last = addr + size - 1;
      if (overlaps(p.first, p.last, p.dir)) {
        rig.bench.step();
        continue;
      }
      if (is_write) {
        std::vector<uint8_t> data(size);
        for (auto& b : data) b = static_cast<uint8_t>(random.next());
        for (uint64_t i = 0; i < size; ++i) shadow.at(addr + i) = data[i];
        p.handle = rig.host.write(addr, data);
      } else {
        for (uint64_t i = 0; i < size; ++i) p.expected.push_back(shadow.at(addr + i));
        p.handle = rig.host.read(addr, size);
      }
      bursts += p.handle->bursts;
    } else {
      // One transaction as given: every burst type, size, alignment and strobe pattern.
      const auto burst = static_cast<Burst>(random.range(0, 2));
      const unsigned size = static_cast<unsigned>(random.range(0, 5));
      const uint64_t nb = uint64_t{1} << size;
      unsigned beats;
      if (burst == Burst::Wrap) {
        beats = 2u << random.range(0, 3);
      } else if (burst == Burst::Fixed) {
        beats = static_cast<unsigned>(random.range(1, 16));
      } else {
        beats = static_cast<unsigned>(random.chance(0.05) ? random.range(1, 256) : random.range(1, 12));
        beats = static_cast<unsigned>(std::min<uint64_t>(beats, kBoundaryBytes / nb));
      }
      uint64_t addr;
      if (burst == Burst::Incr) {
        // Inside one 4 KiB page: aligned offset with room for every beat, then maybe unaligned.
        const uint64_t page = window.base + random.range(0, window.size / kBoundaryBytes - 1) * kBoundaryBytes;
        addr = page + random.range(0, (kBoundaryBytes - beats * nb) / nb) * nb;
        if (random.chance(0.3)) addr += random.range(0, nb - 1);
      } else {
        addr = window.base + random.range(0, (window.size - nb * beats) / nb) * nb;
        if (burst == Burst::Fixed && random.chance(0.3)) addr += random.range(0, nb - 1);
      }
      const auto beats_spec = spec_beats(addr, size, beats - 1, burst);
      p.first = ~uint64_t{0};
      p.last = 0;
      for (const SpecBeat& b : beats_spec) {
        p.first = std::min(p.first, b.line + b.lower);
        p.last = std::max(p.last, b.line + b.upper);
      }
      if (overlaps(p.first, p.last, p.dir)) {
        rig.bench.step();
        continue;
      }
      Transaction txn;
      txn.dir = p.dir;
      txn.id = static_cast<uint32_t>(random.range(0, 15));
      txn.addr = addr;
      txn.len = static_cast<uint8_t>(beats - 1);
      txn.size = static_cast<uint8_t>(size);
      txn.burst = burst;
      if (is_write) {
        txn.wdata.resize(beats);
        txn.wstrb.resize(beats);
        for (unsigned n = 0; n < beats; ++n) {
          const SpecBeat& b = beats_spec[n];
          uint32_t lanes = 0;
          for (unsigned lane = b.lower; lane <= b.upper; ++lane) lanes |= 1u << lane;
          for (auto& byte : txn.wdata[n]) byte = static_cast<uint8_t>(random.next());
          txn.wstrb[n] = random.chance(0.7) ? lanes : static_cast<uint32_t>(random.next()) & lanes;
          partial_strobes += txn.wstrb[n] != lanes;
          for (unsigned lane = b.lower; lane <= b.upper; ++lane) {
            if (txn.wstrb[n] >> lane & 1) shadow.at(b.line + lane) = txn.wdata[n][lane];
          }
        }
      } else {
        for (const SpecBeat& b : beats_spec) {
          for (unsigned lane = b.lower; lane <= b.upper; ++lane) p.expected.push_back(shadow.at(b.line + lane));
        }
      }
      p.handle = rig.host.issue(std::move(txn));
      ++bursts;
      ++by_burst[static_cast<unsigned>(burst)];
      ++by_size[size];
      unaligned += addr % nb != 0;
    }
    pending.push_back(std::move(p));
    ++issued;
  }
  ASSERT_TRUE(rig.settle(5'000'000)) << "traffic did not drain";
  retire();
  if (HasFatalFailure()) return;
  EXPECT_TRUE(pending.empty());

  // Nothing lost, nothing duplicated: every burst answered once, and logged once.
  EXPECT_EQ(rig.host.completed_bursts(), bursts);
  EXPECT_EQ(rig.ram.transactions(), bursts);
  EXPECT_EQ(rig.log.total(), bursts);
  EXPECT_EQ(rig.host.unexpected_responses(), 0u);
  EXPECT_EQ(rig.host.beats(), rig.ram.beats());
  EXPECT_TRUE(rig.checker.clean());
  EXPECT_TRUE(rig.ram.idle());

  // The memory itself, through the back door, equals the shadow everywhere.
  for (const Window& w : shadow.windows()) {
    EXPECT_EQ(rig.memory.peek(w.base, w.size), shadow.window_bytes(w.base)) << "window 0x" << std::hex << w.base;
  }

  // The mix really covered what it claims to.
  EXPECT_GE(issued, tp.transactions);
  for (uint64_t count : by_burst) EXPECT_GT(count, issued / 10);
  for (uint64_t count : by_size) EXPECT_GT(count, issued / 20);
  EXPECT_GT(unaligned, issued / 50);
  EXPECT_GT(partial_strobes, 0u);
  EXPECT_GT(reads_checked, issued / 3);
  RecordProperty("bursts", static_cast<int>(bursts));
  RecordProperty("cycles", static_cast<int>(rig.bench.cycle()));
  std::printf("%s: %llu transactions (%llu bursts), %llu cycles, %llu read bytes checked\n", tp.name,
              static_cast<unsigned long long>(issued), static_cast<unsigned long long>(bursts),
              static_cast<unsigned long long>(rig.bench.cycle()), static_cast<unsigned long long>(bytes_checked));
}

// Four mixes of 26,000 transactions: over 100,000 per run.
INSTANTIATE_TEST_SUITE_P(
    Mixes, RandomTraffic,
    ::testing::Values(
        TrafficParams{"in_order_fast", 11, Latency::fixed(1), Latency::fixed(1), 1.0, 1.0, false, false, 0, 26000},
        TrafficParams{"in_order_slow", 12, Latency::range(1, 30), Latency::range(1, 20), 0.6, 0.7, false, false, 16, 26000},
        TrafficParams{"reordered", 13, Latency::range(1, 40), Latency::range(1, 40), 0.8, 0.8, true, false, 16, 26000},
        TrafficParams{"interleaved", 14, Latency::range(2, 25), Latency::range(1, 10), 0.5, 0.5, true, true, 2, 26000}),
    [](const ::testing::TestParamInfo<TrafficParams>& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace sailsim::axi4::test
