// The engine benchmark's shape table and how one shape runs: a fresh simulated card, one
// dense matmul job at a fixed DDR latency, operands from the reference quantizers over seeded
// Gaussian floats, every output checked against sailsim's GGML reference. Shared by
// tb/bench/engine_bench (the table in docs/engine-benchmark.md) and by the exact cycle
// baseline test (tests/engine/cycle_baseline_test.cpp), so both run the very same jobs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sailsim/card/sail_card.hpp"

namespace sailsim::bench {

struct EngineShape {
  uint32_t m, k, n;
  const char* note;
};

// The shapes, the DDR latencies, and the seed of each (shape, latency) point.
const std::vector<EngineShape>& engine_shapes();
const std::vector<unsigned>& engine_latencies();
uint64_t engine_shape_seed(size_t latency_index, size_t shape_index);

struct EngineShapeRun {
  bool ok = false;          // completed, no error, no protocol violation, every output exact
  std::string failure;      // why not, when !ok
  card::Counters counters;  // the job's counters
  uint64_t job_cycles = 0;  // end of the descriptor write to the interrupt
  uint64_t sim_cycles = 0;  // every simulated cycle of the run (loading, registers, job)
  double seconds = 0;       // wall-clock time of the run (the only non-deterministic figure)
  size_t nan_for_nan = 0;   // outputs where the reference and the engine are different NaNs
};

EngineShapeRun run_engine_shape(const EngineShape& shape, unsigned latency, uint64_t seed);

// The exact simulated figures of one (shape, latency) point: one line of the committed cycle
// baseline, tests/engine/engine_cycles.tsv. An intended change of the engine's timing
// rewrites that file in the same commit (`engine_bench --write-baseline FILE`), with the
// reason in the commit message; the baseline test compares every figure exactly.
struct CycleBaselineRow {
  uint32_t m = 0, k = 0, n = 0;
  unsigned latency = 0;
  uint64_t seed = 0;
  uint64_t bytes_read = 0, bytes_written = 0, busy_cycles = 0, read_stalls = 0, job_cycles = 0;
  bool operator==(const CycleBaselineRow&) const = default;
};

CycleBaselineRow baseline_row(const EngineShape& shape, unsigned latency, uint64_t seed, const EngineShapeRun& run);
// The file's text: a header that says what it is, then one tab-separated line per row.
std::string format_cycle_baseline(const std::vector<CycleBaselineRow>& rows);
// Parses that text; throws std::runtime_error naming `origin`, the line and what was expected.
std::vector<CycleBaselineRow> parse_cycle_baseline(const std::string& text, const std::string& origin);
std::string describe(const CycleBaselineRow& row);

}  // namespace sailsim::bench
