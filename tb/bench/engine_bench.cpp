// The Q4_K matmul engine against the read roofline: for a table of shapes, at DDR read/write
// latency 1 and 100, one job with quantized random operands on a fresh SailCard, the outputs
// checked bit for bit against sailsim's GGML reference (generic order), and the engine's
// counters printed as a markdown table. The figures are simulated cycles, deterministic; only
// the last column (simulated cycles per wall-clock second) depends on the machine.
// Exit 0: every output bit-exact; 1: a difference, or a job that failed. Figures:
// docs/engine-benchmark.md.
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "engine_shapes.hpp"
#include "sailsim/card/sail_card.hpp"

namespace {

using namespace sailsim;

struct Row {
  bench::EngineShape shape;
  unsigned latency;
  bench::EngineShapeRun run;
};

bool write_file(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) return false;
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  return std::fclose(f) == 0 && written;
}

}  // namespace

int main(int argc, char** argv) {
  std::string baseline_path;
  if (argc == 3 && std::string(argv[1]) == "--write-baseline") {
    baseline_path = argv[2];
  } else if (argc != 1) {
    std::fprintf(stderr, "usage: engine_bench [--write-baseline FILE]\n");
    return 2;
  }
  std::vector<Row> rows;
  std::vector<bench::CycleBaselineRow> baseline;
  bool ok = true;
  try {
    std::printf("Q4_K engine benchmark: one job per shape and DDR latency, outputs vs the generic reference\n");
    const auto& latencies = bench::engine_latencies();
    const auto& shapes = bench::engine_shapes();
    for (size_t li = 0; li < latencies.size(); ++li) {
      for (size_t si = 0; si < shapes.size(); ++si) {
        const bench::EngineShape& s = shapes[si];
        const uint64_t seed = bench::engine_shape_seed(li, si);
        const bench::EngineShapeRun run = bench::run_engine_shape(s, latencies[li], seed);
        std::printf("  M=%u K=%u N=%u latency %u: ", s.m, s.k, s.n, latencies[li]);
        if (!run.ok) {
          std::printf("FAIL: %s\n", run.failure.c_str());
          ok = false;
          continue;
        }
        std::printf("%zu outputs bit-exact%s\n", size_t{s.m} * s.n, run.nan_for_nan ? " (some NaN for NaN)" : "");
        rows.push_back({s, latencies[li], run});
        baseline.push_back(bench::baseline_row(s, latencies[li], seed, run));
      }
    }
  } catch (const std::exception& e) {
    std::printf("FAIL: %s\n", e.what());
    return 1;
  }
  std::printf(
      "\n| shape (M x K x N) | DDR latency | bytes read | bytes written | busy cycles | roofline cycles | "
      "utilization | read stalls | job cycles | sim cycles/s |\n"
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const Row& r : rows) {
    const card::Counters& c = r.run.counters;
    const uint64_t roofline = (c.bytes_read + 31) / 32;
    const double utilization = c.busy_cycles ? static_cast<double>(c.bytes_read) / 32.0 / static_cast<double>(c.busy_cycles) : 0.0;
    const double per_second = r.run.seconds > 0 ? static_cast<double>(r.run.sim_cycles) / r.run.seconds : 0.0;
    std::printf("| %u x %u x %u%s%s%s | %u | %llu | %llu | %llu | %llu | %.1f%% | %llu | %llu | %.0f |\n", r.shape.m,
                r.shape.k, r.shape.n, *r.shape.note ? " (" : "", r.shape.note, *r.shape.note ? ")" : "", r.latency,
                static_cast<unsigned long long>(c.bytes_read), static_cast<unsigned long long>(c.bytes_written),
                static_cast<unsigned long long>(c.busy_cycles), static_cast<unsigned long long>(roofline),
                100.0 * utilization, static_cast<unsigned long long>(c.read_stalls),
                static_cast<unsigned long long>(r.run.job_cycles), per_second);
  }
  std::printf("\n%s\n", ok ? "every output bit-exact" : "FAILED: see above");
  if (!ok) return 1;
  if (!baseline_path.empty()) {
    if (!write_file(baseline_path, bench::format_cycle_baseline(baseline))) {
      std::fprintf(stderr, "engine_bench: cannot write %s: %s\n", baseline_path.c_str(), std::strerror(errno));
      return 2;
    }
    std::printf("wrote the cycle baseline %s\n", baseline_path.c_str());
  }
  return 0;
}
