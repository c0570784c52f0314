// `sailsim replay PATH...`: YAML sequences (sequence-format.md, docs/replay.md) on the Sail
// card, each on a fresh card; results in input order, a summary table, the worst exit code.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "sailsim/replay/target.hpp"

namespace CLI {
class App;
}

namespace sailsim::cli {

struct ReplayOptions {
  std::vector<std::string> paths;
  std::optional<uint64_t> seed;       // replaces every sequence's config.seed
  std::vector<std::string> tags;      // run only sequences with one of these tags
  std::string trace;                  // FST waveform (several sequences: <stem>.<name>.fst)
  std::string junit;                  // JUnit XML report
  std::string json;                   // JSON report
  std::string record;                 // write a recording of the (single) sequence's host traffic
  std::string functional_coverage;    // the sum of the runs' functional coverage (sailsim::fcov)
  std::string out_dir;                // where snapshot steps' files go ("": the working directory)
  unsigned jobs = 1;                  // sequences run in parallel
  // Set by the sailsim-x-random build (main.cpp): the RTL starts from random state seeded
  // by each sequence's seed. Verilator's random state is per thread, so -j stays 1.
  bool random_initial_state = false;
  // What each sequence runs on (a fresh one per run): empty for the Sail card; the programs
  // sailsim_add_dut builds set their design (sailsim::dut).
  replay::TargetFactory target{};
};

CLI::App* add_replay_command(CLI::App& app, ReplayOptions& options);

int run_replay(const ReplayOptions& options, std::ostream& out, std::ostream& err);

}  // namespace sailsim::cli
