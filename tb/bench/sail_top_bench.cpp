// Simulated cycles per second of the Sail top under saturating host traffic (16-beat writes
// and reads to DDR, all the time), two ways in one run:
//  * bare: the Verilated model and a minimal hand-written loop that keeps every valid high
//    and answers DDR with always-ready channels and immediate B / R beats;
//  * kernel: tb::Simulation with the host bus functional model, the memory model, a
//    checker and a transaction log on both ports.
// Both report the crossbar's throughput at the DDR port in beats per cycle (W + R, at most
// 2), and the program ends with the kernel's cost as a ratio. Figures: docs/interconnect.md.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <deque>
#include <vector>

#include "Vsail_top.h"
#include "sailsim/rtl/sail_map.hpp"
#include "sailsim/tb/simulation.hpp"

namespace {

using namespace sailsim;

constexpr uint64_t kCyclesPerIteration = 20000;
constexpr unsigned kBurstBeats = 16;
constexpr uint64_t kWindow = 1 << 20;  // traffic cycles through 1 MiB of DDR

double g_bare_rate = 0, g_kernel_rate = 0;

// ---- Bare --------------------------------------------------------------------------------

struct BareLoop {
  VerilatedContext context;
  Vsail_top top{&context, "TOP"};
  uint64_t aw_count = 0, ar_count = 0, w_beat = 0;
  std::deque<uint32_t> ddr_write_ids;   // AWs at DDR waiting for their last W beat
  std::deque<uint32_t> ddr_b;           // B responses to send
  struct Read { uint32_t id; unsigned left; };
  std::deque<Read> ddr_reads;
  uint64_t beats = 0;

  BareLoop() {
    top.rst_ni = 0;
    for (int i = 0; i < 4; ++i) edge();
    top.rst_ni = 1;
  }
  void edge() {
    top.clk_i = 0;
    top.eval();
    top.clk_i = 1;
    top.eval();
  }
  void cycle() {
    // Host side: an AW, its W beats and an AR always on offer; every response taken.
    top.s_awvalid = 1;
    top.s_awid = static_cast<uint8_t>(aw_count % 8);
    top.s_awaddr = rtl::kDdrStart + (aw_count * kBurstBeats * 32) % kWindow;
    top.s_awlen = kBurstBeats - 1;
    top.s_awsize = 5;
    top.s_awburst = 1;
    top.s_wvalid = 1;
    top.s_wstrb = 0xFFFFFFFFu;
    top.s_wdata[0] = static_cast<uint32_t>(w_beat);
    top.s_wlast = (w_beat % kBurstBeats) == kBurstBeats - 1;
    top.s_arvalid = 1;
    top.s_arid = static_cast<uint8_t>(8 + ar_count % 8);
    top.s_araddr = rtl::kDdrStart + (ar_count * kBurstBeats * 32) % kWindow;
    top.s_arlen = kBurstBeats - 1;
    top.s_arsize = 5;
    top.s_arburst = 1;
    top.s_bready = 1;
    top.s_rready = 1;
    // DDR side: always ready, B and R straight from small queues.
    top.m_awready = 1;
    top.m_wready = 1;
    top.m_arready = 1;
    top.m_bvalid = !ddr_b.empty();
    top.m_bid = ddr_b.empty() ? 0 : static_cast<uint8_t>(ddr_b.front());
    top.m_bresp = 0;
    top.m_rvalid = !ddr_reads.empty();
    if (!ddr_reads.empty()) {
      top.m_rid = static_cast<uint8_t>(ddr_reads.front().id);
      top.m_rlast = ddr_reads.front().left == 1;
    }
    top.clk_i = 0;
    top.eval();
    // Handshakes of this cycle, as the settled outputs show them.
    if (top.s_awready) ++aw_count;
    if (top.s_wready) ++w_beat;
    if (top.s_arready) ++ar_count;
    if (top.m_awvalid) ddr_write_ids.push_back(top.m_awid);
    if (top.m_wvalid) {
      ++beats;
      if (top.m_wlast && !ddr_write_ids.empty()) {
        ddr_b.push_back(ddr_write_ids.front());
        ddr_write_ids.pop_front();
      }
    }
    if (top.m_bvalid && top.m_bready) ddr_b.pop_front();
    if (top.m_rvalid && top.m_rready) {
      ++beats;
      if (--ddr_reads.front().left == 0) ddr_reads.pop_front();
    }
    if (top.m_arvalid) ddr_reads.push_back({top.m_arid, unsigned{top.m_arlen} + 1});
    top.clk_i = 1;
    top.eval();
  }
};

void BM_SailTopBare(benchmark::State& state) {
  BareLoop loop;
  uint64_t cycles = 0;
  for (auto _ : state) {
    for (uint64_t i = 0; i < kCyclesPerIteration; ++i) loop.cycle();
    cycles += kCyclesPerIteration;
  }
  state.counters["cycles/s"] = benchmark::Counter(static_cast<double>(cycles), benchmark::Counter::kIsRate);
  state.counters["beats/cycle"] = static_cast<double>(loop.beats) / static_cast<double>(cycles);
}

// ---- Kernel ------------------------------------------------------------------------------

void BM_SailTopKernel(benchmark::State& state) {
  tb::Simulation<Vsail_top> sim;
  tb::Port& host_port = sim.bind(SAILSIM_AXI_PORT(&sim.top(), s_), "host");
  tb::Port& ddr_port = sim.bind(SAILSIM_AXI_PORT(&sim.top(), m_), "ddr");
  axi4::Memory memory;
  axi4::Host& host = sim.attach_host(host_port, {.aw_lead = 4, .ids = {0, 1, 2, 3, 4, 5, 6, 7}});
  axi4::MemoryPort& ddr = sim.attach_memory(ddr_port, memory);
  sim.reset();
  const std::vector<uint8_t> block(kBurstBeats * 32 * 8, 0x5A);
  uint64_t offset = 0;
  auto refill = [&] {
    while (host.queued() < 32) {
      host.write(rtl::kDdrStart + offset, block);
      host.read(rtl::kDdrStart + (offset + kWindow / 2) % kWindow, block.size());
      offset = (offset + block.size()) % kWindow;
    }
  };
  const uint64_t beats_before = ddr.beats();
  uint64_t cycles = 0;
  for (auto _ : state) {
    for (uint64_t i = 0; i < kCyclesPerIteration; i += 100) {
      refill();
      sim.run(100);
    }
    cycles += kCyclesPerIteration;
  }
  state.counters["cycles/s"] = benchmark::Counter(static_cast<double>(cycles), benchmark::Counter::kIsRate);
  state.counters["beats/cycle"] = static_cast<double>(ddr.beats() - beats_before) / static_cast<double>(cycles);
  if (!sim.checkers_clean()) state.SkipWithError(sim.checker_report().c_str());
}

// Wall-clock rates for the closing ratio, from a reporter that sees every run.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      const auto it = run.counters.find("cycles/s");
      if (it == run.counters.end()) continue;
      if (run.benchmark_name().find("Bare") != std::string::npos) g_bare_rate = it->second.value;
      if (run.benchmark_name().find("Kernel") != std::string::npos) g_kernel_rate = it->second.value;
    }
  }
};

BENCHMARK(BM_SailTopBare)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SailTopKernel)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  if (g_bare_rate > 0 && g_kernel_rate > 0) {
    std::printf("kernel / bare: %.2fx the time per cycle (bare %.0f cycles/s, kernel %.0f cycles/s)\n",
                g_bare_rate / g_kernel_rate, g_bare_rate, g_kernel_rate);
  }
  benchmark::Shutdown();
  return 0;
}
