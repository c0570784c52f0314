// The Q4_K matmul engine against the read roofline: for a table of shapes, at DDR read/write
// latency 1 and 100, one job with quantized random operands on a fresh SailCard, the outputs
// checked bit for bit against sailsim's GGML reference (generic order), and the engine's
// counters printed as a markdown table. The figures are simulated cycles, deterministic; only
// the last column (simulated cycles per wall-clock second) depends on the machine.
// Exit 0: every output bit-exact; 1: a difference, or a job that failed. Figures:
// docs/engine-benchmark.md.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <random>
#include <span>
#include <vector>

#include "sailsim/card/matmul_job.hpp"
#include "sailsim/card/sail_card.hpp"
#include "sailsim/ggml/dot.hpp"
#include "sailsim/ggml/quantize.hpp"
#include "sailsim/rtl/sail_desc.hpp"

namespace {

using namespace sailsim;

struct Shape {
  uint32_t m, k, n;
  const char* note;
};

constexpr Shape kShapes[] = {
    {256, 4096, 8, "target"},     {256, 4096, 1, "N = 1"},       {64, 4096, 16, ""},
    {1024, 256, 8, "short K"},    {32, 32768, 1, "longest K"},   {40, 1024, 40, "square-ish"},
};

// Roughly normal floats from a seeded mt19937_64 (own arithmetic: the same with every
// standard library), quantized by the reference quantizers.
std::vector<float> gauss_floats(std::mt19937_64& gen, size_t count) {
  std::vector<float> v(count);
  for (float& x : v) {
    float s = 0;
    for (int i = 0; i < 4; ++i) s += static_cast<float>(gen() >> 40) * 0x1.0p-24f;
    x = (s - 2.0f) * 1.7320508f;
  }
  return v;
}

template <class Block, class Quantize>
std::vector<Block> quantized(std::mt19937_64& gen, size_t blocks, Quantize quantize) {
  const std::vector<float> f = gauss_floats(gen, blocks * 256);
  std::vector<Block> out(blocks);
  std::memset(out.data(), 0, out.size() * sizeof(Block));
  quantize(std::span<const float>(f), std::span<Block>(out));
  return out;
}

bool is_nan(uint32_t bits) { return (bits & 0x7F80'0000u) == 0x7F80'0000u && (bits & 0x007F'FFFFu) != 0; }

struct Row {
  Shape shape;
  unsigned latency;
  card::Counters counters;
  uint64_t cycles;
  double utilization;
  double cycles_per_second;
};

// One job; returns false (after saying why) if it failed or any output differs.
bool run_shape(const Shape& s, unsigned latency, uint64_t seed, Row& row) {
  card::CardConfig config;
  config.memory.read_latency = axi4::Latency::fixed(latency);
  config.memory.write_latency = axi4::Latency::fixed(latency);
  card::SailCard sail(config);
  const card::MatmulJob job = card::dense_job(s.m, s.k, s.n);
  std::mt19937_64 gen(seed);
  const uint32_t kb = job.blocks_per_row();
  const auto a = quantized<ggml::BlockQ4K>(gen, uint64_t{s.m} * kb,
                                           [](auto x, auto y) { ggml::quantize_row_q4_K_ref(x, y); });
  const auto b = quantized<ggml::BlockQ8K>(gen, uint64_t{s.n} * kb,
                                           [](auto x, auto y) { ggml::quantize_row_q8_K_ref(x, y); });

  const uint64_t start_cycle = sail.cycle();
  const auto t0 = std::chrono::steady_clock::now();
  const card::MatmulRun run = card::run_matmul(sail, job, a, b);
  const auto t1 = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(t1 - t0).count();

  std::printf("  M=%u K=%u N=%u latency %u: ", s.m, s.k, s.n, latency);
  if (!run.job.completed) {
    std::printf("FAIL: no interrupt (job not completed)\n");
    return false;
  }
  if (run.job.error != rtl::JobError::None) {
    std::printf("FAIL: the job ended with error %s\n", rtl::to_string(run.job.error));
    return false;
  }
  if (!sail.checkers_clean()) {
    std::printf("FAIL: AXI4 protocol violation\n%s\n", sail.checker_report().c_str());
    return false;
  }
  size_t differing = 0, nan_matches = 0;
  for (uint32_t n = 0; n < s.n; ++n) {
    for (uint32_t m = 0; m < s.m; ++m) {
      const float v = ggml::vec_dot_q4_K_q8_K(ggml::DotOrder::Generic, std::span(a).subspan(uint64_t{m} * kb, kb),
                                              std::span(b).subspan(uint64_t{n} * kb, kb));
      uint32_t expected;
      std::memcpy(&expected, &v, 4);
      const uint32_t actual = run.out[uint64_t{n} * s.m + m];
      if (actual == expected) continue;
      if (is_nan(actual) && is_nan(expected)) {
        ++nan_matches;
        continue;
      }
      if (++differing <= 4) {
        std::printf("\n    out[n=%u, m=%u]: expected 0x%08X, engine 0x%08X", n, m, expected, actual);
      }
    }
  }
  if (differing) {
    std::printf("\n  FAIL: %zu of %zu outputs differ\n", differing, size_t{s.m} * s.n);
    return false;
  }
  std::printf("%zu outputs bit-exact%s\n", size_t{s.m} * s.n, nan_matches ? " (some NaN for NaN)" : "");
  row = {s, latency, run.job.counters, run.job.cycles, run.read_utilization(),
         seconds > 0 ? static_cast<double>(sail.cycle() - start_cycle) / seconds : 0.0};
  return true;
}

}  // namespace

int main() {
  std::vector<Row> rows;
  bool ok = true;
  try {
    std::printf("Q4_K engine benchmark: one job per shape and DDR latency, outputs vs the generic reference\n");
    uint64_t seed = 1;
    for (unsigned latency : {1u, 100u}) {
      for (const Shape& s : kShapes) {
        Row row{};
        if (run_shape(s, latency, seed++, row)) {
          rows.push_back(row);
        } else {
          ok = false;
        }
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
    const uint64_t roofline = (r.counters.bytes_read + 31) / 32;
    std::printf("| %u x %u x %u%s%s%s | %u | %llu | %llu | %llu | %llu | %.1f%% | %llu | %llu | %.0f |\n", r.shape.m,
                r.shape.k, r.shape.n, *r.shape.note ? " (" : "", r.shape.note, *r.shape.note ? ")" : "", r.latency,
                static_cast<unsigned long long>(r.counters.bytes_read),
                static_cast<unsigned long long>(r.counters.bytes_written),
                static_cast<unsigned long long>(r.counters.busy_cycles), static_cast<unsigned long long>(roofline),
                100.0 * r.utilization, static_cast<unsigned long long>(r.counters.read_stalls),
                static_cast<unsigned long long>(r.cycles), r.cycles_per_second);
  }
  std::printf("\n%s\n", ok ? "every output bit-exact" : "FAILED: see above");
  return ok ? 0 : 1;
}
