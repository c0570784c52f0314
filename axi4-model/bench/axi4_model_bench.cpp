// Throughput of the AXI4 model alone: the host model driving the memory model directly, with
// the protocol checker on or off. Reports transactions, beats and cycles per second of wall
// time. Later the memory model runs behind a Verilated RTL every cycle, so the per-cycle cost
// (BM_IdleCycles) matters as much as the per-beat cost.
#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "sailsim/axi4/bench.hpp"
#include "sailsim/axi4/checker.hpp"
#include "sailsim/axi4/host.hpp"
#include "sailsim/axi4/log.hpp"
#include "sailsim/axi4/memory.hpp"
#include "sailsim/axi4/memory_port.hpp"

namespace {

using namespace sailsim::axi4;

struct Setup {
  AxiPins pins;
  Memory memory;
  Log log{4096};
  MemoryPort ram;
  Host host;
  std::unique_ptr<Checker> checker;
  Bench bench;

  Setup(bool with_checker, bool realistic)
      : ram(pins, memory, &log, memory_config(realistic)), host(pins, host_config(realistic)) {
    bench.add(host);
    bench.add(ram);
    if (with_checker) {
      CheckerConfig config;
      config.port = "ddr";
      config.max_reads = config.max_writes = 16;
      checker = std::make_unique<Checker>(pins, config);
      bench.add(*checker);
    }
  }
  static MemoryPortConfig memory_config(bool realistic) {
    MemoryPortConfig c;
    if (realistic) {
      c.read_latency = Latency::range(5, 40);
      c.write_latency = Latency::range(2, 20);
      c.ready = ReadyChance::all(0.8);
      c.reorder = true;
    }
    return c;
  }
  static HostConfig host_config(bool realistic) {
    HostConfig c;
    c.ids = {0, 1, 2, 3};
    if (realistic) c.bready = c.rready = 0.9;
    return c;
  }
};

// Args: beats per burst, checker (0/1), realistic timing (0/1).
void BM_Traffic(benchmark::State& state) {
  const auto beats = static_cast<size_t>(state.range(0));
  Setup s(state.range(1) != 0, state.range(2) != 0);
  const std::vector<uint8_t> data(beats * kDataBytes, 0x5A);
  constexpr int kBatch = 256;  // bursts per iteration, half writes and half reads
  uint64_t addr = 0x10000;
  for (auto _ : state) {
    for (int i = 0; i < kBatch / 2; ++i) {
      s.host.write(addr, data);
      s.host.read(addr, data.size());
      addr = 0x10000 + (addr + data.size() - 0x10000) % (1u << 24);  // 16 MiB working set
      if (addr % kBoundaryBytes + data.size() > kBoundaryBytes) addr = (addr / kBoundaryBytes + 1) * kBoundaryBytes;
    }
    if (!s.bench.run_until([&] { return s.host.idle(); }, 100'000'000)) state.SkipWithError("did not drain");
  }
  const double bursts = static_cast<double>(s.ram.transactions());
  state.counters["transactions/s"] = benchmark::Counter(bursts, benchmark::Counter::kIsRate);
  state.counters["beats/s"] = benchmark::Counter(static_cast<double>(s.ram.beats()), benchmark::Counter::kIsRate);
  state.counters["cycles/s"] = benchmark::Counter(static_cast<double>(s.bench.cycle()), benchmark::Counter::kIsRate);
  state.counters["cycles/txn"] = static_cast<double>(s.bench.cycle()) / bursts;
}
BENCHMARK(BM_Traffic)
    ->ArgNames({"beats", "checker", "realistic"})
    ->ArgsProduct({{1, 8, 128}, {0, 1}, {0, 1}})
    ->Unit(benchmark::kMillisecond);

// The cost of a cycle with nothing to do: what the model adds to every RTL cycle.
void BM_IdleCycles(benchmark::State& state) {
  Setup s(state.range(0) != 0, false);
  for (auto _ : state) s.bench.run(1000);
  state.counters["cycles/s"] = benchmark::Counter(static_cast<double>(s.bench.cycle()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IdleCycles)->ArgName("checker")->Arg(0)->Arg(1);

}  // namespace

BENCHMARK_MAIN();
