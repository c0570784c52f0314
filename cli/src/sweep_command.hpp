// `sailsim sweep ggml --seed S --dots N [--mismatches DIR]` and
// `sailsim sweep rtl-rows --seed S --rows N [--mismatches DIR]`: one run of the nightly GGML
// oracle sweep (docs/sweep.md, sailsim::sweep). Exit 0 all equal, 1 a mismatch (each printed
// and saved into DIR as a vector case with GGML's own expected values), 2 a bad setting (one
// line naming it), 3 the RTL lane hung.
#pragma once

#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace sailsim::cli {

// As typed: every value is checked by run_sweep, so that each bad setting is one line.
struct SweepOptions {
  std::string kind;
  std::string seed, dots, rows;
  std::string mismatches = "mismatches";
};

CLI::App* add_sweep_command(CLI::App& app, SweepOptions& options);

int run_sweep(const SweepOptions& options, std::ostream& out, std::ostream& err);

}  // namespace sailsim::cli
