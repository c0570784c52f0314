#include "sailsim/regression/slurm.hpp"

#include <iostream>

#include "sailsim/regression/process.hpp"
#include "sailsim/regression/report.hpp"

namespace fs = std::filesystem;

namespace sailsim::regression {

namespace {

// The settings every shard and the merge must share (the merge checks them in shard.json).
std::string common_flags(const Options& o) {
  return " --seed " + std::to_string(o.base_seed) + " --seeds " + std::to_string(o.seeds_scale) + " --max-waves " +
         std::to_string(o.max_waves) + (o.coverage ? " --coverage" : "");
}

// Runs sbatch; its job id, or "" with `problem` set to what it said.
std::string submit(const fs::path& sbatch, std::vector<std::string> args, const fs::path& log, std::string& problem) {
  args.insert(args.begin(), sbatch.string());
  Limits limits;
  limits.wall_seconds = 120;
  const ChildOutcome c = run_child({args, log, {}, limits, {}});
  const std::string text = read_text_file(log);
  if (!c.spawn_error.empty() || c.exit_code != 0) {
    std::string cmd;
    for (const auto& a : args) cmd += (cmd.empty() ? "" : " ") + shell_quote(a);
    problem = cmd + " failed (" + (c.spawn_error.empty() ? "exit code " + std::to_string(c.exit_code) : c.spawn_error) +
              "): " + text;
    while (!problem.empty() && problem.back() == '\n') problem.pop_back();
    return {};
  }
  // --parsable prints "jobid" or "jobid;cluster".
  const std::string id = text.substr(0, text.find_first_of(";\n"));
  if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos) {
    problem = "sbatch printed no job id: " + text;
    return {};
  }
  return id;
}

}  // namespace

int launch_slurm(const SlurmLaunch& l, std::ostream& out, std::ostream& err) {
  const Options& o = l.run;
  uint64_t runs = 0;
  if (const std::string p = check_plan(o, runs); !p.empty()) {
    err << "sailsim regress: " << p << "\nnothing was submitted\n";
    return 2;
  }
  const fs::path sbatch = find_program("sbatch");
  if (sbatch.empty()) {
    err << "sailsim regress: --launcher slurm: sbatch is not on PATH (Slurm's client commands, Debian's slurm-client)\n"
           "nothing was submitted\n";
    return 2;
  }
  if (l.shards > runs) {
    err << "sailsim regress: --shards " << l.shards << ": the plan has only " << runs
        << " runs (a shard without runs would report nothing)\nnothing was submitted\n";
    return 2;
  }
  if (const std::string p = prepare_out(o.out); !p.empty()) {
    err << "sailsim regress: " << p << "\nnothing was submitted\n";
    return 2;
  }
  const fs::path slurm = o.out / "slurm", shards = o.out / "shards";
  std::error_code ec;
  fs::remove_all(shards, ec);  // an earlier night's shards would be merged as tonight's
  fs::create_directories(slurm, ec);
  fs::create_directories(shards, ec);
  if (ec) {
    err << "sailsim regress: cannot create " << slurm.string() << ": " << ec.message() << "\n";
    return 2;
  }
  const std::string n = std::to_string(l.shards);
  const std::string plan = fs::absolute(o.plan).lexically_normal().string();
  const std::string shard_sh =
      "#!/bin/sh\n# sailsim regress --launcher slurm: array task I runs shard I/" + n + " into " + shards.string() +
      "/I\nset -eu\ni=\"$SLURM_ARRAY_TASK_ID\"\nexec " + shell_quote(o.self.string()) + " regress " + shell_quote(plan) +
      " --out " + shell_quote(shards.string()) + "/\"$i\" --shard \"$i\"/" + n + common_flags(o) + " -j " +
      std::to_string(o.jobs) + "\n";
  std::string merge_sh = "#!/bin/sh\n# sailsim regress --launcher slurm: the merge of " + n +
                         " shards, after every array task ended (afterany)\nexec " + shell_quote(o.self.string()) +
                         " regress " + shell_quote(plan) + " --out " + shell_quote(o.out.string()) + common_flags(o) + " --merge";
  for (uint64_t i = 1; i <= l.shards; ++i) merge_sh += " " + shell_quote((shards / std::to_string(i)).string());
  if (!l.history.empty()) merge_sh += " --history " + shell_quote(fs::absolute(l.history).string());
  merge_sh += "\n";
  std::string problem = write_text_file(slurm / "shard.sh", shard_sh);
  if (problem.empty()) problem = write_text_file(slurm / "merge.sh", merge_sh);
  if (!problem.empty()) {
    err << "sailsim regress: " << problem << "\n";
    return 2;
  }
  // Marks DIR as a launcher's folder before anything can run: the merge writes into it.
  problem = write_text_file(slurm / "launch.json", "{\n  \"plan\": " + json_string(plan) + ",\n  \"submitted\": false\n}\n");
  if (!problem.empty()) {
    err << "sailsim regress: " << problem << "\n";
    return 2;
  }
  std::vector<std::string> array_args{"--parsable", "--job-name=sailsim-regress-shards", "--array=1-" + n,
                                      "--cpus-per-task=" + std::to_string(o.jobs),
                                      "--output=" + (slurm / "shard-%a.log").string(), "--chdir=" + o.out.string()};
  array_args.insert(array_args.end(), l.sbatch_options.begin(), l.sbatch_options.end());
  array_args.push_back((slurm / "shard.sh").string());
  const std::string array_id = submit(sbatch, array_args, slurm / "sbatch-shards.log", problem);
  if (array_id.empty()) {
    err << "sailsim regress: " << problem << "\nnothing was submitted\n";
    return 2;
  }
  std::vector<std::string> merge_args{"--parsable", "--job-name=sailsim-regress-merge",
                                      "--dependency=afterany:" + array_id, "--cpus-per-task=1",
                                      "--output=" + (slurm / "merge.log").string(), "--chdir=" + o.out.string()};
  merge_args.insert(merge_args.end(), l.sbatch_options.begin(), l.sbatch_options.end());
  merge_args.push_back((slurm / "merge.sh").string());
  const std::string merge_id = submit(sbatch, merge_args, slurm / "sbatch-merge.log", problem);
  if (merge_id.empty()) {
    err << "sailsim regress: " << problem << "\nthe shards were submitted as job array " << array_id
        << " but their merge was not: scancel " << array_id << ", or run " << (slurm / "merge.sh").string()
        << " when they end\n";
    return 2;
  }
  const std::string launch = "{\n  \"plan\": " + json_string(plan) + ",\n  \"shards\": " + n +
                             ",\n  \"runs\": " + std::to_string(runs) + ",\n  \"array_job\": " + array_id +
                             ",\n  \"merge_job\": " + merge_id + "\n}\n";
  if (const std::string p = write_text_file(slurm / "launch.json", launch); !p.empty()) err << "sailsim regress: " << p << "\n";
  out << "sailsim regress " << plan << ": " << runs << " runs in " << n << " shards\n"
      << "submitted job array " << array_id << " (tasks 1-" << n << ", " << o.jobs << " CPUs each): "
      << shards.string() << "/1.." << n << "\n"
      << "submitted merge job " << merge_id << " (afterany:" << array_id << "): " << (slurm / "merge.log").string()
      << "\nthe merged report will be " << (o.out / "results.json").string() << " and "
      << (o.out / "index.html").string() << "\n";
  return 0;
}

}  // namespace sailsim::regression
