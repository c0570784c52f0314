// sailsim: the command line. A thin layer: each subcommand lives in its own file and calls
// the libraries.
#include <CLI/CLI.hpp>

#include <iostream>

#include "sailsim/cli/exit_codes.hpp"
#include "gen_command.hpp"
#include "regress_command.hpp"
#include "sailsim/cli/replay_command.hpp"
#include "sweep_command.hpp"
#include "vectors_command.hpp"

#ifdef SAILSIM_COVERAGE
namespace sailsim::cli {
void install_coverage_writer();  // coverage_flavour.cpp
}
#endif

int main(int argc, char** argv) {
  using namespace sailsim::cli;
  CLI::App app{"sailsim: the Sail card co-simulation harness"};
  app.require_subcommand(1);
#ifdef SAILSIM_RANDOM_INITIAL_STATE
  // sailsim-x-random: the Sail top Verilated with --x-initial unique (docs/regress.md).
  app.set_version_flag("--version", "sailsim " SAILSIM_VERSION " (random initial state: --x-initial unique)");
#elif defined(SAILSIM_COVERAGE)
  // sailsim-coverage: the Sail top Verilated with --coverage (docs/coverage.md).
  app.set_version_flag("--version", "sailsim " SAILSIM_VERSION " (coverage: line, branch, toggle, cover points)");
  install_coverage_writer();
#else
  app.set_version_flag("--version", "sailsim " SAILSIM_VERSION);
#endif
  VectorsOptions vectors;
  CLI::App* vectors_cmd = add_vectors_command(app, vectors);
  ReplayOptions replay;
  CLI::App* replay_cmd = add_replay_command(app, replay);
#ifdef SAILSIM_RANDOM_INITIAL_STATE
  replay.random_initial_state = true;
#endif
  GenOptions gen;
  CLI::App* gen_cmd = add_gen_command(app, gen);
  RegressOptions regress;
  CLI::App* regress_cmd = add_regress_command(app, regress);
  SweepOptions sweep;
  CLI::App* sweep_cmd = add_sweep_command(app, sweep);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with code 0; anything else is bad input.
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  try {
    if (vectors_cmd->parsed()) return run_vectors(vectors, std::cout, std::cerr);
    if (replay_cmd->parsed()) return run_replay(replay, std::cout, std::cerr);
    if (gen_cmd->parsed()) return run_gen(gen, std::cout, std::cerr);
    if (regress_cmd->parsed()) return run_regress(regress, std::cout, std::cerr);
    if (sweep_cmd->parsed()) return run_sweep(sweep, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "sailsim: internal error: " << e.what() << "\n";
    return kExitCheckFailed;
  }
  return kExitBadInput;
}
