// `sailsim regress`: expands a plan into runs, runs each as its own child process of the
// sailsim binary (limits from the plan), reruns failures for determinism and waves, writes
// DIR/failures/<run>/, results.json, buckets.json and junit.xml (docs/regress.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <optional>
#include <vector>

#include "sailsim/regression/shard.hpp"

namespace sailsim::regression {

struct Options {
  std::filesystem::path plan;
  std::filesystem::path out;
  uint64_t seeds_scale = 1;  // --seeds: every gen group's seed count is multiplied by it
  uint64_t base_seed = 1;    // --seed
  unsigned jobs = 1;         // -j
  unsigned max_waves = 2;    // --max-waves: FST reruns per bucket
  std::filesystem::path self;  // the sailsim binary the runs use (/proc/self/exe)
  std::optional<ShardSpec> shard;  // --shard I/N: only this slice of the runs, and shard.json
  std::vector<std::filesystem::path> merge;  // --merge: shard folders 1..N, in order; nothing runs
  bool coverage = false;  // --coverage: runs on sailsim-coverage, DIR/coverage/ (coverage_report.hpp)
  // --until-covered N: after the plan, up to N more gen runs for the holes of the functional
  // coverage (functional_coverage.hpp); a local run of the whole plan only.
  std::optional<uint64_t> until_covered;
  // --mutation-report FILE: a scripts/mutate.py mutation.json, shown in results.json and the
  // dashboard (mutation_summary.hpp).
  std::filesystem::path mutation_report;
};

// The regression's exit code: the most severe run (2 > 4 > 3 > 1 > 0), 2 for a bad plan or
// an output that cannot be written.
int run_regression(const Options& options, std::ostream& out, std::ostream& err);

// Loads and expands the plan as a run would: "" (and the number of runs), or the problem at
// its file:line:column.
std::string check_plan(const Options& options, uint64_t& runs);

// DIR must be new, empty, an earlier regress output (results.json) or a launcher's folder
// (slurm/launch.json); its runs/ and failures/ are removed. "" or why it cannot be used.
std::string prepare_out(const std::filesystem::path& out);

// 2 > 4 > 3 > 1 > 0.
int most_severe(int a, int b);

}  // namespace sailsim::regression
