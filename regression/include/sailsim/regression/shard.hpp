// Sharding a regression (docs/regress.md, Shards and Slurm): `--shard I/N` runs one
// deterministic slice of a plan's runs and writes, beside its reports, shard.json; `--merge`
// reads N such folders back and makes the reports of the whole plan, the same as a local run
// of the same plan and seeds would write, with the runs of a shard that never reported marked
// MISSING.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "sailsim/regression/report.hpp"

namespace sailsim::regression {

// Shard `index` of `count`, counted from 1 (Slurm's array task ids).
struct ShardSpec {
  uint64_t index = 1;
  uint64_t count = 1;
};

inline constexpr uint64_t kMaxShards = 10'000;

// Parses "I/N" (1 <= I <= N <= kMaxShards); "" or what is wrong with it.
std::string parse_shard(const std::string& text, ShardSpec& out);

// Whether the run at `run_index` (plan order, from 0) belongs to the shard. Round robin: every
// group is spread over every shard, so that the shards take about the same time.
inline bool in_shard(uint64_t run_index, const ShardSpec& s) { return run_index % s.count == s.index - 1; }

// A failing run that a local run could have rerun with an FST: the merge keeps the waves of
// the first --max-waves of each bucket in plan order, as a local run makes them.
struct WaveCandidate {
  std::string run;
  std::string bucket;  // the signature waves are counted by (before a DETERMINISM prefix)
  bool wave = false;   // the shard wrote failures/<run>/wave.fst
};

// What a shard ran: written last, so that a folder with shard.json is a shard that finished.
struct ShardManifest {
  ShardSpec shard;
  std::string plan_sha256;
  uint64_t base_seed = 1;
  uint64_t seeds_scale = 1;
  unsigned max_waves = 2;
  uint64_t plan_runs = 0;  // runs in the whole plan
  bool coverage = false;   // --coverage: DIR/coverage/coverage.dat holds the shard's coverage
  std::vector<WaveCandidate> wave_candidates;
};

std::string shard_manifest_json(const ShardManifest& m);

// A shard folder that cannot be merged (unreadable or inconsistent files).
struct ShardError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

ShardManifest read_shard_manifest(const std::filesystem::path& file);  // throws ShardError
// The run records of a results.json, by run name; `repro` and `wave` are not in it.
std::map<std::string, RunRecord> read_results(const std::filesystem::path& file);  // throws ShardError
// results.json's coverage.runs_without_coverage (none without a "coverage" object).
std::vector<std::string> read_runs_without_coverage(const std::filesystem::path& file);  // throws ShardError

}  // namespace sailsim::regression
