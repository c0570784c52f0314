#include "engine_shapes.hpp"

#include <chrono>
#include <cstring>
#include <random>
#include <span>
#include <sstream>
#include <stdexcept>

#include "sailsim/card/matmul_job.hpp"
#include "sailsim/ggml/dot.hpp"
#include "sailsim/ggml/float_bits.hpp"
#include "sailsim/ggml/quantize.hpp"

namespace sailsim::bench {

namespace {

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

}  // namespace

const std::vector<EngineShape>& engine_shapes() {
  static const std::vector<EngineShape> shapes = {
      {256, 4096, 8, "target"},  {256, 4096, 1, "N = 1"},      {64, 4096, 16, ""},
      {1024, 256, 8, "short K"}, {32, 32768, 1, "longest K"}, {40, 1024, 40, "square-ish"},
  };
  return shapes;
}

const std::vector<unsigned>& engine_latencies() {
  static const std::vector<unsigned> latencies = {1, 100};
  return latencies;
}

uint64_t engine_shape_seed(size_t latency_index, size_t shape_index) {
  return 1 + latency_index * engine_shapes().size() + shape_index;
}

EngineShapeRun run_engine_shape(const EngineShape& s, unsigned latency, uint64_t seed) {
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

  EngineShapeRun r;
  const uint64_t start_cycle = sail.cycle();
  const auto t0 = std::chrono::steady_clock::now();
  const card::MatmulRun run = card::run_matmul(sail, job, a, b);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.sim_cycles = sail.cycle() - start_cycle;
  r.counters = run.job.counters;
  r.job_cycles = run.job.cycles;
  if (!run.job.completed) {
    r.failure = "no interrupt (job not completed)";
    return r;
  }
  if (run.job.error != rtl::JobError::None) {
    r.failure = std::string("the job ended with error ") + rtl::to_string(run.job.error);
    return r;
  }
  if (!sail.checkers_clean()) {
    r.failure = "AXI4 protocol violation\n" + sail.checker_report();
    return r;
  }
  size_t differing = 0;
  for (uint32_t n = 0; n < s.n; ++n) {
    for (uint32_t m = 0; m < s.m; ++m) {
      const uint32_t expected = ggml::bits_of(ggml::vec_dot_q4_K_q8_K(
          ggml::DotOrder::Generic, std::span(a).subspan(uint64_t{m} * kb, kb), std::span(b).subspan(uint64_t{n} * kb, kb)));
      const uint32_t actual = run.out[uint64_t{n} * s.m + m];
      const ggml::ResultMatch match = ggml::match_result(expected, actual);
      if (match == ggml::ResultMatch::nan_for_nan) ++r.nan_for_nan;
      if (match != ggml::ResultMatch::differ) continue;
      if (++differing <= 4) {
        r.failure += "\n    out[n=" + std::to_string(n) + ", m=" + std::to_string(m) + "]: expected " +
                     ggml::describe_bits(expected) + ", engine " + ggml::describe_bits(actual) + ", " +
                     ggml::describe_ulp(expected, actual);
      }
    }
  }
  if (differing) {
    r.failure = std::to_string(differing) + " of " + std::to_string(size_t{s.m} * s.n) + " outputs differ" + r.failure;
    return r;
  }
  r.ok = true;
  return r;
}

namespace {
constexpr const char* kBaselineColumns = "m\tk\tn\tlatency\tseed\tbytes_read\tbytes_written\tbusy_cycles\tread_stalls\tjob_cycles";
}  // namespace

CycleBaselineRow baseline_row(const EngineShape& s, unsigned latency, uint64_t seed, const EngineShapeRun& run) {
  return {s.m, s.k, s.n, latency, seed, run.counters.bytes_read, run.counters.bytes_written,
          run.counters.busy_cycles, run.counters.read_stalls, run.job_cycles};
}

std::string format_cycle_baseline(const std::vector<CycleBaselineRow>& rows) {
  std::ostringstream os;
  os << "# Exact simulated figures of the engine benchmark shapes (tb/bench/engine_shapes.cpp):\n"
        "# one matmul job per shape and fixed DDR latency, counters as the control block reports them.\n"
        "# tests/engine/cycle_baseline_test.cpp compares every figure exactly. An intended change of\n"
        "# the engine's timing rewrites this file in the same commit, with the reason in the log:\n"
        "#   build/tb/engine_bench --write-baseline tests/engine/engine_cycles.tsv\n"
     << kBaselineColumns << "\n";
  for (const CycleBaselineRow& r : rows) {
    os << r.m << '\t' << r.k << '\t' << r.n << '\t' << r.latency << '\t' << r.seed << '\t' << r.bytes_read << '\t'
       << r.bytes_written << '\t' << r.busy_cycles << '\t' << r.read_stalls << '\t' << r.job_cycles << "\n";
  }
  return os.str();
}

std::vector<CycleBaselineRow> parse_cycle_baseline(const std::string& text, const std::string& origin) {
  std::vector<CycleBaselineRow> rows;
  std::istringstream in(text);
  std::string line;
  bool header = false;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string where = origin + ":" + std::to_string(number) + ": ";
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      if (line != kBaselineColumns) throw std::runtime_error(where + "expected the column line '" + kBaselineColumns + "'");
      header = true;
      continue;
    }
    std::vector<uint64_t> v;
    std::istringstream fields(line);
    std::string field;
    while (std::getline(fields, field, '\t')) {
      size_t used = 0;
      uint64_t x = 0;
      try {
        x = std::stoull(field, &used, 10);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used == 0 || used != field.size() || field[0] == '-' || field[0] == '+') {
        throw std::runtime_error(where + "expected a decimal number, got '" + field + "'");
      }
      v.push_back(x);
    }
    if (v.size() != 10) throw std::runtime_error(where + "expected 10 tab-separated numbers, got " + std::to_string(v.size()));
    rows.push_back({static_cast<uint32_t>(v[0]), static_cast<uint32_t>(v[1]), static_cast<uint32_t>(v[2]),
                    static_cast<unsigned>(v[3]), v[4], v[5], v[6], v[7], v[8], v[9]});
  }
  if (!header) throw std::runtime_error(origin + ": no column line: not a cycle baseline");
  return rows;
}

std::string describe(const CycleBaselineRow& r) {
  std::ostringstream os;
  os << "M=" << r.m << " K=" << r.k << " N=" << r.n << " latency " << r.latency << " seed " << r.seed << ": bytes read "
     << r.bytes_read << ", bytes written " << r.bytes_written << ", busy cycles " << r.busy_cycles << ", read stalls "
     << r.read_stalls << ", job cycles " << r.job_cycles;
  return os.str();
}

}  // namespace sailsim::bench
