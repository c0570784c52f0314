#include "regress_command.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "exit_codes.hpp"
#include "sailsim/regression/regression.hpp"

namespace sailsim::cli {

CLI::App* add_regress_command(CLI::App& app, RegressOptions& options) {
  CLI::App* cmd = app.add_subcommand("regress", "Run a regression plan: every run its own process, with limits, "
                                                "triage and reports (docs/regress.md)");
  cmd->add_option("plan", options.plan, "The plan (YAML)")->required();
  cmd->add_option("--out", options.out, "Output folder (new, empty, or an earlier regress output)")->required();
  cmd->add_option("--seeds", options.seeds, "Multiply every gen group's seed count by N")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1'000'000}));
  cmd->add_option("--seed", options.seed, "The base seed every run's seed derives from (default 1)");
  cmd->add_option("-j,--jobs", options.jobs, "Runs at once (default 1)")->check(CLI::Range(1u, 256u));
  cmd->add_option("--max-waves", options.max_waves, "Failures per bucket rerun with an FST (default 2)")
      ->check(CLI::Range(0u, 1000u));
  return cmd;
}

int run_regress(const RegressOptions& options, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) {
    err << "sailsim regress: cannot find the sailsim binary (/proc/self/exe): " << ec.message() << "\n";
    return kExitBadInput;
  }
  regression::Options o;
  o.plan = options.plan;
  o.out = std::filesystem::absolute(options.out).lexically_normal();
  o.seeds_scale = options.seeds;
  o.base_seed = options.seed;
  o.jobs = options.jobs;
  o.max_waves = options.max_waves;
  o.self = self;
  return regression::run_regression(o, out, err);
}

}  // namespace sailsim::cli
