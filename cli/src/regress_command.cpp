#include "regress_command.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "sailsim/cli/exit_codes.hpp"
#include "sailsim/regression/history.hpp"
#include "sailsim/regression/regression.hpp"
#include "sailsim/regression/slurm.hpp"

namespace sailsim::cli {

CLI::App* add_regress_command(CLI::App& app, RegressOptions& options) {
  CLI::App* cmd = app.add_subcommand("regress", "Run a regression plan: every run its own process, with limits, "
                                                "triage and reports (docs/regress.md)");
  cmd->add_option("plan", options.plan, "The plan (YAML); none with --last");
  cmd->add_option("--out", options.out, "Output folder (new, empty, or an earlier regress output)");
  cmd->add_option("--seeds", options.seeds, "Multiply every gen group's seed count by N")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1'000'000}));
  cmd->add_option("--seed", options.seed, "The base seed every run's seed derives from (default 1)");
  cmd->add_option("-j,--jobs", options.jobs, "Runs at once (default 1)")->check(CLI::Range(1u, 256u));
  cmd->add_option("--max-waves", options.max_waves, "Failures per bucket rerun with an FST (default 2)")
      ->check(CLI::Range(0u, 1000u));
  cmd->add_option("--history", options.history, "Append the night to this SQLite database (created if missing)");
  cmd->add_option("--last", options.last, "With --history and no plan: print the last N nights")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1'000'000}));
  cmd->add_option("--group", options.group, "With --last: only the nights and runs of this group");
  cmd->add_flag("--coverage", options.coverage,
                "Run on sailsim-coverage and write DIR/coverage/ (merged coverage, lcov, HTML; the plan's goals)");
  cmd->add_option("--until-covered", options.until_covered,
                  "After the plan, up to N more gen runs (new seeds of the groups that feed a hole) until every "
                  "functional coverage bin is hit")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1'000'000}));
  cmd->add_option("--mutation-report", options.mutation_report,
                  "Show the score of a scripts/mutate.py mutation.json in results.json and the dashboard");
  cmd->add_option("--shard", options.shard, "Run only shard I of N (I/N, from 1): every N-th run, from the I-th");
  cmd->add_option("--merge", options.merge, "Merge the outputs of shards 1..N (folders, in order) into --out; runs nothing")
      ->expected(1, 1 << 20);
  cmd->add_option("--launcher", options.launcher, "local (default) or slurm: submit --shards N shards and their merge")
      ->check(CLI::IsMember({"local", "slurm"}));
  cmd->add_option("--shards", options.shards, "With --launcher slurm: the number of shards (array tasks)")
      ->check(CLI::Range(uint64_t{1}, regression::kMaxShards));
  cmd->add_option("--sbatch-option", options.sbatch_options,
                  "With --launcher slurm: one more sbatch option for both jobs, e.g. --sbatch-option=--partition=night")
      ->allow_extra_args(false);
  return cmd;
}

namespace {

int print_history(const RegressOptions& options, std::ostream& out, std::ostream& err) {
  if (options.history.empty()) {
    err << "sailsim regress: --last needs --history FILE.sqlite\n";
    return kExitBadInput;
  }
  if (!options.out.empty()) {
    err << "sailsim regress: --last prints the history and takes no --out\n";
    return kExitBadInput;
  }
  if (!std::filesystem::exists(options.history)) {
    err << "sailsim regress: --history " << options.history << ": no such file\n";
    return kExitBadInput;
  }
  try {
    regression::History history(options.history);
    history.print_last(options.last, options.group, out);
  } catch (const regression::HistoryError& e) {
    err << "sailsim regress: " << e.message << "\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace

int run_regress(const RegressOptions& options, std::ostream& out, std::ostream& err) {
  if (options.plan.empty()) {
    if (options.last > 0) return print_history(options, out, err);
    err << "sailsim regress: a plan is required (or --history FILE --last N to print the history)\n";
    return kExitBadInput;
  }
  if (options.last > 0 || !options.group.empty()) {
    err << "sailsim regress: --last and --group print the history and take no plan\n";
    return kExitBadInput;
  }
  if (options.out.empty()) {
    err << "sailsim regress: --out DIR is required with a plan\n";
    return kExitBadInput;
  }
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) {
    err << "sailsim regress: cannot find the sailsim binary (/proc/self/exe): " << ec.message() << "\n";
    return kExitBadInput;
  }
  const bool slurm = options.launcher == "slurm";
  if (slurm && options.shards == 0) {
    err << "sailsim regress: --launcher slurm needs --shards N\n";
    return kExitBadInput;
  }
  if (!slurm && (options.shards > 0 || !options.sbatch_options.empty())) {
    err << "sailsim regress: --shards and --sbatch-option belong to --launcher slurm\n";
    return kExitBadInput;
  }
  if (!options.shard.empty() + !options.merge.empty() + slurm > 1) {
    err << "sailsim regress: --shard, --merge and --launcher slurm exclude each other\n";
    return kExitBadInput;
  }
  if (options.until_covered && (!options.shard.empty() || !options.merge.empty() || slurm)) {
    err << "sailsim regress: --until-covered needs the whole night in one place: not with --shard, --merge or "
           "--launcher slurm\n";
    return kExitBadInput;
  }
  if (!options.mutation_report.empty() && (!options.shard.empty() || slurm)) {
    err << "sailsim regress: --mutation-report belongs to the whole night: give it to the --merge, not to a --shard or "
           "--launcher slurm\n";
    return kExitBadInput;
  }
  if (!options.shard.empty() && !options.history.empty()) {
    err << "sailsim regress: a --shard takes no --history: the merge of the shards appends the night\n";
    return kExitBadInput;
  }
  regression::Options o;
  if (!options.shard.empty()) {
    regression::ShardSpec spec;
    if (const std::string p = regression::parse_shard(options.shard, spec); !p.empty()) {
      err << "sailsim regress: " << p << "\n";
      return kExitBadInput;
    }
    o.shard = spec;
  }
  for (const auto& m : options.merge) o.merge.push_back(std::filesystem::absolute(m).lexically_normal());
  o.coverage = options.coverage;
  o.until_covered = options.until_covered;
  if (!options.mutation_report.empty()) o.mutation_report = std::filesystem::absolute(options.mutation_report).lexically_normal();
  o.plan = options.plan;
  o.out = std::filesystem::absolute(options.out).lexically_normal();
  o.seeds_scale = options.seeds;
  o.base_seed = options.seed;
  o.jobs = options.jobs;
  o.max_waves = options.max_waves;
  o.self = self;
  if (slurm) {
    regression::SlurmLaunch launch{o, options.shards, options.history, options.sbatch_options};
    return regression::launch_slurm(launch, out, err);
  }
  return regression::run_regression(o, options.history, out, err);
}

}  // namespace sailsim::cli
