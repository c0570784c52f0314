// `sailsim regress PLAN.yaml --out DIR`: a regression plan, each run its own process
// (sailsim::regression, docs/regress.md).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace sailsim::cli {

struct RegressOptions {
  std::string plan;
  std::string out;
  uint64_t seeds = 1;      // scales every gen group's seed count
  uint64_t seed = 1;       // the night's base seed
  unsigned jobs = 1;
  unsigned max_waves = 2;
  std::string history;     // --history FILE.sqlite
  uint64_t last = 0;       // --last N: print the history (no plan)
  std::string group;       // --group G with --last
  std::string shard;       // --shard I/N
  std::vector<std::string> merge;  // --merge DIR... (shards 1..N in order)
  std::string launcher = "local";  // --launcher local|slurm
  uint64_t shards = 0;     // --shards N with --launcher slurm
  std::vector<std::string> sbatch_options;  // --sbatch-option OPT (repeatable)
  bool coverage = false;   // --coverage
  std::optional<uint64_t> until_covered;  // --until-covered N
  std::string mutation_report;            // --mutation-report FILE
};

CLI::App* add_regress_command(CLI::App& app, RegressOptions& options);

int run_regress(const RegressOptions& options, std::ostream& out, std::ostream& err);

}  // namespace sailsim::cli
