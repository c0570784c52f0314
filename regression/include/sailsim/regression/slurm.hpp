// `sailsim regress --launcher slurm --shards N`: one Slurm job array (task i runs
// `--shard i/N` into DIR/shards/i) and a merge job that depends on it (afterany), which
// writes the night's reports into DIR as a local run would (docs/regress.md, Shards and Slurm).
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "sailsim/regression/regression.hpp"

namespace sailsim::regression {

struct SlurmLaunch {
  Options run;                     // plan, out, seeds, seed, -j (CPUs per shard), max waves, self
  uint64_t shards = 1;
  std::filesystem::path history;   // the merge job's --history ("" = none)
  std::vector<std::string> sbatch_options;  // added to both sbatch commands (--partition=..., --hold)
};

// Checks the plan, writes DIR/slurm/{shard.sh,merge.sh,launch.json}, submits both jobs with
// `sbatch` (from PATH) and prints their ids. 0 when both are submitted, 2 otherwise (a bad
// plan, no sbatch, sbatch refused: its message is printed).
int launch_slurm(const SlurmLaunch& launch, std::ostream& out, std::ostream& err);

}  // namespace sailsim::regression
