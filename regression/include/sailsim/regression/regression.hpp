// `sailsim regress`: expands a plan into runs, runs each as its own child process of the
// sailsim binary (limits from the plan), reruns failures for determinism and waves, writes
// DIR/failures/<run>/, results.json, buckets.json and junit.xml (docs/regress.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>

namespace sailsim::regression {

struct Options {
  std::filesystem::path plan;
  std::filesystem::path out;
  uint64_t seeds_scale = 1;  // --seeds: every gen group's seed count is multiplied by it
  uint64_t base_seed = 1;    // --seed
  unsigned jobs = 1;         // -j
  unsigned max_waves = 2;    // --max-waves: FST reruns per bucket
  std::filesystem::path self;  // the sailsim binary the runs use (/proc/self/exe)
};

// The regression's exit code: the most severe run (2 > 4 > 3 > 1 > 0), 2 for a bad plan or
// an output that cannot be written.
int run_regression(const Options& options, std::ostream& out, std::ostream& err);

// 2 > 4 > 3 > 1 > 0.
int most_severe(int a, int b);

}  // namespace sailsim::regression
