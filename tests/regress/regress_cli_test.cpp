// `sailsim regress` as a user runs it: the real binary on plans over the bundled sequences,
// the expected failures, a crashing binary, a run past its wall limit, a flaky binary, and
// malformed plans.
#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <tuple>

#include "cli/run_command.hpp"
#include "sailsim/regression/seed.hpp"
#include "support/oracle_guard.hpp"

namespace fs = std::filesystem;
using sailsim::testing::CommandResult;
using sailsim::testing::read_text;
using sailsim::testing::run_command;

namespace {

const fs::path kSailsim = SAILSIM_CLI_PATH;
const fs::path kSource = SAILSIM_SOURCE_DIR;

fs::path scratch(const std::string& name) { return sailsim::testing::fresh_dir("regress", name); }

void write_text(const fs::path& file, const std::string& text) { std::ofstream(file) << text; }

// `seconds` bounds the whole regression (a hang fails the test instead of stopping the suite).
CommandResult regress(const fs::path& plan, const fs::path& out, const std::string& extra = "", int seconds = 120) {
  return run_command("timeout -k 2 " + std::to_string(seconds) + " " + kSailsim.string() + " regress " + plan.string() +
                     " --out " + out.string() + " " + extra);
}

std::map<std::string, YAML::Node> runs_by_name(const fs::path& results) {
  std::map<std::string, YAML::Node> m;
  const YAML::Node runs = YAML::LoadFile(results.string())["runs"];
  for (size_t i = 0; i < runs.size(); ++i) m[runs[i]["name"].as<std::string>()] = runs[i];
  return m;
}

// results.json without the machine-dependent "measured" fields.
std::string without_measured(const fs::path& results) {
  return std::regex_replace(read_text(results), std::regex(R"(, "measured": \{[^}]*\})"), "");
}

int expected_exit(const fs::path& sequence) {
  std::smatch m;
  const std::string text = read_text(sequence);
  EXPECT_TRUE(std::regex_search(text, m, std::regex(R"(# expect-exit: ([0-9]))"))) << sequence;
  return std::stoi(m[1].str());
}

TEST(RegressCli, PassingPlanWritesWhatRan) {
  const fs::path dir = scratch("pass");
  const fs::path timing = kSource / "vectors/sequences/timing";
  write_text(dir / "plan.yaml",
             "sailsim_regress: 1\n"
             "groups:\n"
             "  - name: timing\n"
             "    sequences: [" + timing.string() + "]\n"
             "  - name: smoke\n"
             "    sequences: [" + (kSource / "vectors/sequences").string() + "]\n"
             "    tags: [mocksail]\n");
  const CommandResult r = regress(dir / "plan.yaml", dir / "out", "--seed 7 -j 2");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto runs = runs_by_name(dir / "out/results.json");
  // Every timing file (sorted) and the one mocksail-tagged sequence, nothing else.
  const std::vector<std::pair<std::string, fs::path>> want = {
      {"timing.0", timing / "matmul_jittery.yaml"},
      {"timing.1", timing / "matmul_reorder.yaml"},
      {"timing.2", timing / "matmul_slow.yaml"},
      {"smoke.0", kSource / "vectors/sequences/mocksail_four_phase.yaml"}};
  ASSERT_EQ(runs.size(), want.size());
  for (const auto& [name, file] : want) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(runs.count(name));
    const YAML::Node& run = runs.at(name);
    EXPECT_EQ(run["input"].as<std::string>(), file.string());
    EXPECT_EQ(run["result"].as<std::string>(), "PASS");
    EXPECT_EQ(run["exit_code"].as<int>(), 0);
    EXPECT_TRUE(run["signature"].IsNull());
    const std::string group = name.substr(0, name.find('.'));
    const uint64_t index = std::stoull(name.substr(name.find('.') + 1));
    const uint64_t seed = sailsim::regression::derive_seed(7, group, index);
    EXPECT_EQ(run["seed"].as<uint64_t>(), seed);
    // The cycles are what replay itself reports for that file and seed.
    const CommandResult direct = run_command(kSailsim.string() + " replay -o " + dir.string() + " --seed " +
                                             std::to_string(seed) + " --json " + (dir / "d.json").string() + " " +
                                             file.string());
    ASSERT_EQ(direct.exit_code, 0) << direct.output;
    EXPECT_EQ(run["cycles"].as<uint64_t>(), YAML::LoadFile((dir / "d.json").string())["sequences"][0]["cycles"].as<uint64_t>());
    EXPECT_GT(run["measured"]["peak_rss_kib"].as<long>(), 0);
    // The seed is printed with the run.
    EXPECT_NE(r.output.find("PASS  " + name + "  seed " + std::to_string(seed)), std::string::npos) << r.output;
  }
  const std::string junit = read_text(dir / "out/junit.xml");
  EXPECT_NE(junit.find("<testsuite name=\"timing\" tests=\"3\" failures=\"0\""), std::string::npos) << junit;
  EXPECT_NE(junit.find("<testsuite name=\"smoke\" tests=\"1\" failures=\"0\""), std::string::npos) << junit;
  EXPECT_NE(junit.find("name=\"timing.1 seed=" + std::to_string(sailsim::regression::derive_seed(7, "timing", 1)) + "\""),
            std::string::npos);
  EXPECT_FALSE(fs::exists(dir / "out/failures"));
  EXPECT_EQ(YAML::LoadFile((dir / "out/buckets.json").string())["buckets"].size(), 0u);
  fs::remove_all(dir);
}

TEST(RegressCli, ExpectedFailuresAreBucketedAndReproduced) {
  const fs::path dir = scratch("fail");
  const fs::path failing = kSource / "vectors/expected-failures";
  write_text(dir / "plan.yaml", "sailsim_regress: 1\ngroups:\n  - {name: neg, sequences: [" + failing.string() + "]}\n");
  const CommandResult r = regress(dir / "plan.yaml", dir / "out", "--max-waves 1");
  EXPECT_EQ(r.exit_code, 2) << r.output;  // bad_input_axi_data is the most severe
  const auto runs = runs_by_name(dir / "out/results.json");
  const std::map<std::string, std::string> signature = {
      {"bad_input_axi_data.yaml",
       "BAD INPUT <path>:N:N: axi_write data holds N bytes: the transaction carries N (N beats of the lanes each "
       "beat's address and size select)"},
      {"check_mismatch_fused.yaml", "FAIL step N (check, <path>:N:N): OUT at 0xH differs from ggml_matmul"},
      {"timeout_irq_no_job.yaml", "TIMEOUT step N (wait, <path>:N:N): wait until irq: not within N cycles"},
      {"unexpected_burst_reserved.yaml",
       "VIOLATION step N (axi_read, <path>:N:N): AXI4 protocol violation BURST_RESERVED on host AR at cycle N: id N "
       "addr 0xH len N size N burst N: AxBURST N is reserved"},
      {"unexpected_violation.yaml",
       "VIOLATION step N (axi_read, <path>:N:N): AXI4 protocol violation WRAP_LEN on host AR at cycle N: id N addr "
       "0xH len N size N burst N: a WRAP burst has N, N, N or N beats"}};
  ASSERT_EQ(runs.size(), signature.size());
  for (const auto& [name, run] : runs) {
    const fs::path input = run["input"].as<std::string>();
    SCOPED_TRACE(input.string());
    const int code = expected_exit(input);
    EXPECT_EQ(run["exit_code"].as<int>(), code);
    EXPECT_EQ(run["signature"].as<std::string>(), signature.at(input.filename().string()));
    EXPECT_FALSE(run["nondeterministic"].as<bool>());
    // The failure folder: the input, the log, and a repro.sh that gives the same exit code.
    const fs::path folder = dir / "out/failures" / name;
    EXPECT_TRUE(fs::exists(folder / input.filename()));
    EXPECT_NE(read_text(folder / "log.txt").find(input.filename().string()), std::string::npos);
    const CommandResult repro = run_command("sh " + (folder / "repro.sh").string());
    EXPECT_EQ(repro.exit_code, code) << repro.output;
    // A wave for the first failure of each bucket that simulated anything.
    EXPECT_EQ(fs::exists(folder / "wave.fst"), code != 2) << name;
  }
  const YAML::Node buckets = YAML::LoadFile((dir / "out/buckets.json").string())["buckets"];
  ASSERT_EQ(buckets.size(), 5u);
  for (const auto& b : buckets) {
    EXPECT_EQ(b["count"].as<int>(), 1);
    EXPECT_EQ(b["repro"].as<std::string>(),
              "sh " + (dir / "out/failures" / b["first_run"].as<std::string>() / "repro.sh").string());
    EXPECT_NE(r.output.find("bucket (1 runs): " + b["signature"].as<std::string>()), std::string::npos);
  }
  const std::string junit = read_text(dir / "out/junit.xml");
  EXPECT_NE(junit.find("<testsuite name=\"neg\" tests=\"5\" failures=\"5\""), std::string::npos) << junit;
  EXPECT_NE(junit.find("<failure message=\"TIMEOUT step N (wait, &lt;path&gt;:N:N): wait until irq: not within N "
                       "cycles\" type=\"TIMEOUT\">"),
            std::string::npos)
      << junit;
  fs::remove_all(dir);
}

TEST(RegressCli, CrashIsARunResultAndTheRestCompletes) {
  const fs::path dir = scratch("crash");
  write_text(dir / "plan.yaml",
             "sailsim_regress: 1\ngroups:\n"
             "  - name: crashing\n"
             "    sequences: [" + (kSource / "vectors/sequences/timing/matmul_slow.yaml").string() + "]\n"
             "    sailsim: " SAILSIM_SEGFAULT_TOOL "\n"
             "  - name: after\n"
             "    sequences: [" + (kSource / "vectors/sequences/timing/matmul_jittery.yaml").string() + "]\n");
  const CommandResult r = regress(dir / "plan.yaml", dir / "out");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  const auto runs = runs_by_name(dir / "out/results.json");
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs.at("crashing.0")["result"].as<std::string>(), "CRASH");
  EXPECT_EQ(runs.at("crashing.0")["signal"].as<std::string>(), "SIGSEGV");
  EXPECT_EQ(runs.at("crashing.0")["exit_code"].as<int>(), 1);
  EXPECT_EQ(runs.at("crashing.0")["signature"].as<std::string>(), "CRASH: run ended by SIGSEGV");
  EXPECT_FALSE(runs.at("crashing.0")["nondeterministic"].as<bool>());  // it crashed again on the rerun
  EXPECT_EQ(runs.at("after.0")["result"].as<std::string>(), "PASS");
  // repro.sh runs the same binary: the same signal (128 + 11 from the shell).
  const std::string repro = read_text(dir / "out/failures/crashing.0/repro.sh");
  EXPECT_NE(repro.find(SAILSIM_SEGFAULT_TOOL), std::string::npos) << repro;
  EXPECT_EQ(run_command("sh " + (dir / "out/failures/crashing.0/repro.sh").string()).exit_code, 128 + 11);
  fs::remove_all(dir);
}

// A regression killed by SIGKILL (a scheduler's hard stop, a CI timeout) cannot stop its
// runs, which sit in process groups of their own: the kernel ends them (PR_SET_PDEATHSIG).
TEST(RegressCli, AKilledRegressionTakesItsRunsWithIt) {
  const fs::path dir = scratch("killed");
  fs::create_directories(dir / "long");
  write_text(dir / "long/long_idle.yaml",
             "sailsim: 1\nname: long_idle\nconfig: {timeout_cycles: 4_000_000_000}\nsteps:\n"
             "  - idle: {cycles: 3_000_000_000}\n");
  write_text(dir / "plan.yaml", "sailsim_regress: 1\ngroups:\n  - {name: long, sequences: [long]}\n");
  // Start the regression, wait for its run (a child of it), SIGKILL the regression, and
  // check a few seconds later that the run is gone.
  const std::string pid = (dir / "pid").string();
  const CommandResult r = run_command(
      "(" + kSailsim.string() + " regress " + (dir / "plan.yaml").string() + " --out " + (dir / "out").string() +
      " > " + (dir / "log.txt").string() + " 2>&1 & echo $! > " + pid + "); "
      "for i in $(seq 100); do runs=$(pgrep -P $(cat " + pid + ")) && break; sleep 0.1; done; "
      "[ -n \"$runs\" ] || { echo no run started; exit 3; }; "
      "kill -KILL $(cat " + pid + "); sleep 3; "
      "for p in $runs; do kill -0 $p 2>/dev/null && { ps -o pid,cmd -p $p; kill -KILL $p; exit 1; }; done; exit 0");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  fs::remove_all(dir);
}

TEST(RegressCli, WallLimitKillsALongRunAndTheRestCompletes) {
  const fs::path dir = scratch("wall");
  fs::create_directories(dir / "long");
  // Far more cycles than a second of simulation.
  write_text(dir / "long/long_idle.yaml",
             "sailsim: 1\nname: long_idle\nconfig: {timeout_cycles: 4_000_000_000}\nsteps:\n"
             "  - idle: {cycles: 3_000_000_000}\n");
  write_text(dir / "plan.yaml",
             "sailsim_regress: 1\ngroups:\n"
             "  - {name: long, sequences: [long], limits: {wall_seconds: 1}}\n"
             "  - {name: after, sequences: [" + (kSource / "vectors/sequences/timing/matmul_jittery.yaml").string() +
                 "]}\n");
  const auto t0 = std::chrono::steady_clock::now();
  const CommandResult r = regress(dir / "plan.yaml", dir / "out", "--max-waves 0 -j 2");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_LT(seconds, 20);  // the run and its rerun: one second each, then killed
  const auto runs = runs_by_name(dir / "out/results.json");
  EXPECT_EQ(runs.at("long.0")["result"].as<std::string>(), "WALL LIMIT");
  EXPECT_EQ(runs.at("long.0")["signal"].as<std::string>(), "SIGKILL");
  EXPECT_EQ(runs.at("long.0")["signature"].as<std::string>(), "WALL LIMIT: run killed after limits.wall_seconds 1");
  EXPECT_GE(runs.at("long.0")["measured"]["wall_seconds"].as<double>(), 1.0);
  EXPECT_EQ(runs.at("after.0")["result"].as<std::string>(), "PASS");
  EXPECT_TRUE(fs::exists(dir / "out/failures/long.0/long_idle.yaml"));
  fs::remove_all(dir);
}

TEST(RegressCli, AFlakyRunIsADeterminismFailure) {
  const fs::path dir = scratch("flaky");
  // A stand-in binary that fails its first call with exit 1 and every later one with exit 3.
  write_text(dir / "flaky.sh",
             "#!/bin/sh\nd=\"" + dir.string() + "\"\nif [ -e \"$d/called\" ]; then echo 'TIMEOUT step 1'; exit 3; fi\n"
             ": > \"$d/called\"; echo 'FAIL step 1'; exit 1\n");
  fs::permissions(dir / "flaky.sh", fs::perms::owner_all);
  write_text(dir / "plan.yaml", "sailsim_regress: 1\ngroups:\n  - {name: flaky, sailsim: flaky.sh, sequences: [" +
                                    (kSource / "vectors/sequences/timing/matmul_slow.yaml").string() + "]}\n");
  const CommandResult r = regress(dir / "plan.yaml", dir / "out", "--max-waves 0");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  const auto runs = runs_by_name(dir / "out/results.json");
  EXPECT_TRUE(runs.at("flaky.0")["nondeterministic"].as<bool>());
  EXPECT_EQ(runs.at("flaky.0")["signature"].as<std::string>(),
            "DETERMINISM: first FAIL: FAIL step N; rerun TIMEOUT (exit code 3): TIMEOUT step N");
  EXPECT_NE(r.output.find("NONDETERMINISTIC FAIL  flaky.0"), std::string::npos) << r.output;
  fs::remove_all(dir);
}

TEST(RegressCli, SamePlanAndSeedGiveTheSameResults) {
  const fs::path dir = scratch("same");
  write_text(dir / "plan.yaml",
             "sailsim_regress: 1\ngroups:\n"
             "  - {name: wrap, sequences: [" + (kSource / "vectors/sequences/timing").string() + "]}\n"
             "  - {name: neg, sequences: [" + (kSource / "vectors/expected-failures/check_mismatch_fused.yaml").string() +
                 ", " + (kSource / "vectors/expected-failures/timeout_irq_no_job.yaml").string() + "]}\n");
  ASSERT_EQ(regress(dir / "plan.yaml", dir / "a", "--seed 5 --max-waves 0").exit_code, 3);
  ASSERT_EQ(regress(dir / "plan.yaml", dir / "b", "--seed 5 --max-waves 0 -j 2").exit_code, 3);
  ASSERT_EQ(regress(dir / "plan.yaml", dir / "c", "--seed 6 --max-waves 0").exit_code, 3);
  const std::string a = without_measured(dir / "a/results.json");
  EXPECT_EQ(a, without_measured(dir / "b/results.json"));
  EXPECT_NE(a, without_measured(dir / "c/results.json"));  // other seeds
  EXPECT_EQ(read_text(dir / "a/buckets.json"),
            std::regex_replace(read_text(dir / "b/buckets.json"), std::regex("/b/failures"), "/a/failures"));
  // A rerun into the same folder replaces it.
  ASSERT_EQ(regress(dir / "plan.yaml", dir / "a", "--seed 5 --max-waves 0").exit_code, 3);
  EXPECT_EQ(a, without_measured(dir / "a/results.json"));
  fs::remove_all(dir);
}

TEST(RegressCli, BadPlansAreRefusedAtLineAndColumn) {
  const fs::path dir = scratch("bad");
  const std::string seqs = (kSource / "vectors/sequences/timing").string();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"sailsim_regress: 1\ngroups:\n  - {name: a, sequences: [" + seqs + "], colour: red}\n",
       ":3:" + std::to_string(30 + seqs.size()) + ": unknown key `colour` in a group"},
      {"sailsim_regress: 1\nlimits: {wall_seconds: \"5\"}\ngroups:\n  - {name: a, sequences: [" + seqs + "]}\n",
       ":2:24: limits.wall_seconds must be an integer: got the string \"5\": write the number without quotes: 5"},
      {"sailsim_regress: 1\ngroups:\n  - {name: a, gen: matmul, seeds: many}\n", ":3:35: seeds must be an integer: got 'many'"},
      {"sailsim_regress: 1\ngroups:\n  - {name: a, sequences: " + seqs + "}\n", ":3:26: sequences must be a non-empty list"},
      {"sailsim_regress: 1\ngroups:\n  - {name: a, sequences: [" + seqs + "], seeds: 3}\n",
       ":3:" + std::to_string(37 + seqs.size()) + ": `seeds:` belongs to a `gen:` or `sweep:` group only"},
      {"sailsim_regress: 1\ngroups:\n  - {name: a, sequences: [nowhere]}\n", ":3:26: `" + (dir / "nowhere").string() + "` does not exist"},
      {"sailsim_regress: 1\ngroups:\n  - {name: a, vectors: [" + seqs + "]}\n  - {name: a, vectors: [" + seqs + "]}\n",
       ":4:12: group name `a` is used twice"},
      {"sailsim_regress: 2\ngroups: []\n", ":1:18: sailsim_regress: only format 1 exists"},
      {"groups:\n  - {name: a, sequences: [x], gen: matmul}\n", ":1:1: the plan needs `sailsim_regress: 1`"},
      {"sailsim_regress: 1\ngroups:\n  - {name: a, gen: matmul, seeds: 2, sequences: [x]}\n",
       ":3:5: group `a` needs exactly one of"},
      {"# nothing\n", ":1:1: the plan is empty"},
      {"sailsim_regress: 1\nlimits: {memory_mib: 8}\ngroups: []\n",
       ":2:22: limits.memory_mib must be from 16 to 16777216, got 8"},
      {"sailsim_regress: 1\ngroups: [\n", ":2:"},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    const fs::path plan = dir / ("plan" + std::to_string(i) + ".yaml");
    write_text(plan, cases[i].first);
    const CommandResult r = regress(plan, dir / "out");
    EXPECT_EQ(r.exit_code, 2) << cases[i].first << r.output;
    EXPECT_NE(r.output.find(plan.string() + cases[i].second), std::string::npos) << cases[i].first << r.output;
    EXPECT_NE(r.output.find("nothing was run"), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(dir / "out")) << "a bad plan must not create the output folder";
  }
  // Bad options: exit 2 too.
  write_text(dir / "ok.yaml", "sailsim_regress: 1\ngroups:\n  - {name: a, sequences: [" + seqs + "]}\n");
  EXPECT_EQ(regress(dir / "ok.yaml", dir / "out", "-j 0").exit_code, 2);
  EXPECT_EQ(regress(dir / "ok.yaml", dir / "out", "--seeds x").exit_code, 2);
  write_text(dir / "gen.yaml", "sailsim_regress: 1\ngroups:\n  - {name: g, gen: matmul, seeds: 1000}\n");
  const CommandResult many = regress(dir / "gen.yaml", dir / "out", "--seeds 1001");
  EXPECT_EQ(many.exit_code, 2);
  EXPECT_NE(many.output.find("gen group `g` has 1001000 runs with --seeds 1001: at most 1000000"), std::string::npos)
      << many.output;
  EXPECT_EQ(run_command(kSailsim.string() + " regress " + (dir / "ok.yaml").string()).exit_code, 2);  // no --out
  // An output folder that holds something else is refused, and left alone.
  fs::create_directories(dir / "busy");
  write_text(dir / "busy/mine.txt", "keep");
  const CommandResult busy = regress(dir / "ok.yaml", dir / "busy");
  EXPECT_EQ(busy.exit_code, 2) << busy.output;
  EXPECT_EQ(read_text(dir / "busy/mine.txt"), "keep");
  fs::remove_all(dir);
}

}  // namespace

namespace {

bool address_sanitizer_build() {
#if defined(__SANITIZE_ADDRESS__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

TEST(RegressCli, MemoryLimitIsARunResultAndTheRestCompletes) {
  const fs::path dir = scratch("memory");
  fs::create_directories(dir / "big");
  // Two 64 MiB buffers cannot fit in 64 MiB of address space; the small job does.
  write_text(dir / "big/big.yaml",
             "sailsim: 1\nname: big\nbuffers:\n  A: {random: {size: 0x400_0000}}\n  B: {random: {size: 0x400_0000}}\n"
             "steps:\n  - write: {addr: 0x1_0000, data: A}\n");
  write_text(dir / "plan.yaml",
             "sailsim_regress: 1\nlimits: {memory_mib: 64}\ngroups:\n"
             "  - {name: big, sequences: [big]}\n"
             "  - {name: small, sequences: [" + (kSource / "vectors/sequences/timing/matmul_slow.yaml").string() + "]}\n");
  // Under ASan no limit applies and the big run writes its 64 MiB over the host port: a
  // minute on an idle machine, more on a loaded one.
  const CommandResult r = regress(dir / "plan.yaml", dir / "out", "--max-waves 0", 600);
  const auto runs = runs_by_name(dir / "out/results.json");
  if (address_sanitizer_build()) {
    // ASan reserves terabytes of address space, so RLIMIT_AS is not applied there, and says so
    // (docs/regress.md): the big run then simply passes, and the note is the behaviour to check.
    EXPECT_NE(r.output.find("note: memory limits are not applied in an AddressSanitizer build"), std::string::npos)
        << r.output;
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(runs.at("big.0")["result"].as<std::string>(), "PASS");
    EXPECT_EQ(runs.at("small.0")["result"].as<std::string>(), "PASS");
    fs::remove_all(dir);
    return;
  }
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(runs.at("big.0")["result"].as<std::string>(), "MEMORY LIMIT");
  EXPECT_EQ(runs.at("big.0")["exit_code"].as<int>(), 1);
  EXPECT_NE(runs.at("big.0")["signature"].as<std::string>().find("bad_alloc"), std::string::npos);
  EXPECT_EQ(runs.at("small.0")["result"].as<std::string>(), "PASS");
  fs::remove_all(dir);
}

TEST(RegressCli, GenGroupsGenerateThenReplayEverySeed) {
  const fs::path dir = scratch("gen");
  write_text(dir / "plan.yaml",
             "sailsim_regress: 1\ngroups:\n"
             "  - {name: mm, gen: matmul, seeds: 2, knobs: {jobs: 1, max-m: 4, max-n: 4, max-k: 512, common-k: 512}}\n"
             "  - {name: broken, gen: matmul, seeds: 1, knobs: {max-m: 0}}\n");
  const CommandResult r = regress(dir / "plan.yaml", dir / "out", "--seeds 2 --seed 3 -j 2");
  EXPECT_EQ(r.exit_code, 2) << r.output;  // the broken generator's bad option
  const auto runs = runs_by_name(dir / "out/results.json");
  ASSERT_EQ(runs.size(), 4u + 2u);  // --seeds 2 doubles both groups
  for (int i = 0; i < 4; ++i) {
    const YAML::Node& run = runs.at("mm." + std::to_string(i));
    const uint64_t seed = sailsim::regression::derive_seed(3, "mm", static_cast<uint64_t>(i));
    EXPECT_EQ(run["seed"].as<uint64_t>(), seed);
    EXPECT_EQ(run["result"].as<std::string>(), "PASS") << r.output;
    EXPECT_GT(run["cycles"].as<uint64_t>(), 0u);
    EXPECT_EQ(run["input"].as<std::string>(), "sailsim gen matmul --seed " + std::to_string(seed) +
                                                  " --jobs 1 --max-m 4 --max-n 4 --max-k 512 --common-k 512");
  }
  const YAML::Node& broken = runs.at("broken.0");
  EXPECT_EQ(broken["result"].as<std::string>(), "BAD INPUT");
  EXPECT_EQ(broken["signature"].as<std::string>().rfind("gen: ", 0), 0u) << broken["signature"];
  // Its reproduction is the generator's command, which fails the same way.
  EXPECT_EQ(run_command("sh " + (dir / "out/failures/broken.0/repro.sh").string()).exit_code, 2);
  fs::remove_all(dir);
}

}  // namespace

namespace {

// `flavour: x-random` runs sailsim-x-random beside sailsim: in the normal build it exists and
// the group's runs use it (its repro.sh names it); sanitizer builds do not make it, and the
// plan is refused at the key before anything runs.
TEST(RegressCli, XRandomFlavourRunsTheRandomInitialStateBuild) {
  const fs::path dir = scratch("flavour");
  write_text(dir / "plan.yaml",
             "sailsim_regress: 1\ngroups:\n"
             "  - {name: mm, gen: matmul, seeds: 2, flavour: x-random}\n"
             "  - {name: neg, flavour: x-random, sequences: [" +
                 (kSource / "vectors/expected-failures/check_mismatch_fused.yaml").string() + "]}\n");
  const CommandResult r = regress(dir / "plan.yaml", dir / "out", "--max-waves 0");
  const fs::path x_random = kSailsim.parent_path() / "sailsim-x-random";
#if SAILSIM_SANITIZE_BUILD
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find(":3:48: flavour x-random needs " + x_random.string()), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("nothing was run"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "out"));
#else
  ASSERT_EQ(r.exit_code, 1) << r.output;
  const auto runs = runs_by_name(dir / "out/results.json");
  EXPECT_EQ(runs.at("mm.0")["result"].as<std::string>(), "PASS");
  EXPECT_EQ(runs.at("mm.1")["result"].as<std::string>(), "PASS");
  EXPECT_EQ(runs.at("neg.0")["result"].as<std::string>(), "FAIL");
  const std::string repro = read_text(dir / "out/failures/neg.0/repro.sh");
  EXPECT_NE(repro.find("'" + x_random.string() + "' 'replay'"), std::string::npos) << repro;
  const CommandResult again = run_command("sh " + (dir / "out/failures/neg.0/repro.sh").string());
  EXPECT_EQ(again.exit_code, 1) << again.output;
  EXPECT_NE(run_command(x_random.string() + " --version").output.find("random initial state"), std::string::npos);
#endif
  fs::remove_all(dir);
}

TEST(RegressCli, BadFlavoursAreRefusedAtTheKey) {
  const fs::path dir = scratch("bad-flavour");
  const std::string seq = (kSource / "vectors/sequences/timing/matmul_slow.yaml").string();
  write_text(dir / "a.yaml", "sailsim_regress: 1\ngroups:\n  - {name: a, flavour: fancy, sequences: [" + seq + "]}\n");
  CommandResult r = regress(dir / "a.yaml", dir / "out");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("a.yaml:3:24: flavour `fancy`: expected default or x-random"), std::string::npos) << r.output;
  write_text(dir / "b.yaml", "sailsim_regress: 1\ngroups:\n  - {name: b, flavour: default, sailsim: " +
                                 kSailsim.string() + ", sequences: [" + seq + "]}\n");
  r = regress(dir / "b.yaml", dir / "out");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("b.yaml:3:24: a group names either `sailsim:` (a binary) or `flavour:`, not both"),
            std::string::npos)
      << r.output;
  EXPECT_FALSE(fs::exists(dir / "out"));
  fs::remove_all(dir);
}

}  // namespace

namespace {

// A CMake project with tests only (no compiler), configured for real: the `ctest:` groups'
// build folder.
fs::path ctest_fixture(const fs::path& dir) {
  fs::create_directories(dir / "proj");
  write_text(dir / "proj/CMakeLists.txt",
             "cmake_minimum_required(VERSION 3.20)\nproject(fixture NONE)\nenable_testing()\n"
             "add_test(NAME ok.one COMMAND true)\nset_tests_properties(ok.one PROPERTIES LABELS fast)\n"
             "add_test(NAME ok.two COMMAND true)\nset_tests_properties(ok.two PROPERTIES LABELS \"fast;unit\")\n"
             "add_test(NAME broken COMMAND sh -c \"echo starting; echo '/src/x_test.cpp:12: Failure'; exit 1\")\n"
             "set_tests_properties(broken PROPERTIES LABELS unit)\n"
             "add_test(NAME slow COMMAND false)\nset_tests_properties(slow PROPERTIES LABELS slow)\n");
  const CommandResult c = run_command("cmake -S " + (dir / "proj").string() + " -B " + (dir / "build").string());
  EXPECT_EQ(c.exit_code, 0) << c.output;
  return dir / "build";
}

TEST(RegressCli, CtestGroupsRunEachLabelledTestAsARun) {
  const fs::path dir = scratch("ctest");
  ctest_fixture(dir);
  write_text(dir / "plan.yaml", "sailsim_regress: 1\ngroups:\n  - {name: unit, ctest: [fast, unit], build: build}\n");
  const CommandResult r = regress(dir / "plan.yaml", dir / "out", "-j 2");
  ASSERT_EQ(r.exit_code, 1) << r.output;
  const auto runs = runs_by_name(dir / "out/results.json");
  ASSERT_EQ(runs.size(), 3u);  // `slow` has none of the labels
  EXPECT_EQ(runs.at("unit.0")["input"].as<std::string>(), "ok.one");
  EXPECT_EQ(runs.at("unit.1")["input"].as<std::string>(), "ok.two");
  EXPECT_EQ(runs.at("unit.2")["input"].as<std::string>(), "broken");
  for (const char* ok : {"unit.0", "unit.1"}) EXPECT_EQ(runs.at(ok)["result"].as<std::string>(), "PASS");
  EXPECT_EQ(runs.at("unit.2")["kind"].as<std::string>(), "ctest");
  EXPECT_TRUE(runs.at("unit.2")["seed"].IsNull());
  EXPECT_EQ(runs.at("unit.2")["result"].as<std::string>(), "FAIL");
  EXPECT_EQ(runs.at("unit.2")["exit_code"].as<int>(), 1);
  EXPECT_EQ(runs.at("unit.2")["signature"].as<std::string>(), "ctest broken: <path>:N: Failure");
  EXPECT_FALSE(runs.at("unit.2")["nondeterministic"].as<bool>());
  const std::string repro = read_text(dir / "out/failures/unit.2/repro.sh");
  EXPECT_NE(repro.find("'--test-dir' '" + (dir / "build").string() + "' '-R' '^broken$'"), std::string::npos) << repro;
  const CommandResult again = run_command("sh " + (dir / "out/failures/unit.2/repro.sh").string());
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.output.find("x_test.cpp:12: Failure"), std::string::npos) << again.output;
  EXPECT_EQ(read_text(dir / "out/junit.xml").find("slow"), std::string::npos);
  fs::remove_all(dir);
}

TEST(RegressCli, BadCtestGroupsAreRefused) {
  const fs::path dir = scratch("bad-ctest");
  ctest_fixture(dir);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"  - {name: a, ctest: [unit]}\n", "plan.yaml:3:5: ctest group `a` needs `build: DIR`"},
      {"  - {name: a, ctest: [unit], build: proj}\n", "plan.yaml:3:37: build: `" + (dir / "proj").string() +
                                                         "` holds no CTestTestfile.cmake"},
      {"  - {name: a, ctest: [nosuchlabel], build: build}\n", "ctest group `a` selects no test of"},
      {"  - {name: a, sequences: [build], build: build}\n", "plan.yaml:3:42: `build:` belongs to a `ctest:` group only"},
      {"  - {name: a, ctest: unit, build: build}\n", "plan.yaml:3:22: ctest must be"},
  };
  for (const auto& [group, message] : cases) {
    write_text(dir / "plan.yaml", "sailsim_regress: 1\ngroups:\n" + group);
    const CommandResult r = regress(dir / "plan.yaml", dir / "out");
    EXPECT_EQ(r.exit_code, 2) << group << r.output;
    EXPECT_NE(r.output.find(message), std::string::npos) << group << r.output;
    EXPECT_NE(r.output.find("nothing was run"), std::string::npos) << group << r.output;
    EXPECT_FALSE(fs::exists(dir / "out"));
  }
  fs::remove_all(dir);
}

}  // namespace

// The nightly oracle sweep as plan groups (`sweep: ggml | rtl-rows`, docs/sweep.md): every run
// is `sailsim sweep KIND --seed S --KNOB V` with the derived seed; with a GGML whose generic
// order lies (the haswell library in its place), the dot runs fail with a MISMATCH bucket, and
// their failure folders keep the mismatch cases and a repro.sh that fails again.
namespace sweep_groups {

TEST(RegressCli, SweepGroupsRunTheOracleSweepAndKeepMismatches) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  const fs::path dir = scratch("sweep");
  write_text(dir / "plan.yaml",
             "sailsim_regress: 1\ngroups:\n"
             "  - {name: dots, sweep: ggml, seeds: 2, knobs: {dots: 400}}\n"
             "  - {name: rows, sweep: rtl-rows, seeds: 1, knobs: {rows: 100}}\n");
  const CommandResult r = regress(dir / "plan.yaml", dir / "out", "--seed 21 -j 2");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto runs = runs_by_name(dir / "out/results.json");
  ASSERT_EQ(runs.size(), 3u);
  for (const auto& [name, kind, knob] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"dots.0", "ggml", "--dots 400"}, {"dots.1", "ggml", "--dots 400"}, {"rows.0", "rtl-rows", "--rows 100"}}) {
    SCOPED_TRACE(name);
    const uint64_t seed = sailsim::regression::derive_seed(21, name.substr(0, 4), std::stoull(name.substr(5)));
    EXPECT_EQ(runs.at(name)["kind"].as<std::string>(), "sweep");
    EXPECT_EQ(runs.at(name)["seed"].as<uint64_t>(), seed);
    EXPECT_EQ(runs.at(name)["input"].as<std::string>(),
              "sailsim sweep " + kind + " --seed " + std::to_string(seed) + " " + knob);
    EXPECT_EQ(runs.at(name)["result"].as<std::string>(), "PASS");
  }

  // A lying generic order.
  const fs::path lib = dir / "lib";
  fs::create_directories(lib);
  fs::create_symlink(oracle->libdir() / "libggml-base.so", lib / "libggml-base.so");
  fs::copy_file(oracle->libdir() / "libggml-cpu-haswell.so", lib / "libggml-cpu-x64.so");
  fs::create_symlink(oracle->libdir() / "libggml-cpu-haswell.so", lib / "libggml-cpu-haswell.so");
  const std::string env = "SAILSIM_GGML_LIBDIR=" + lib.string() + " ";
  const CommandResult bad = run_command(env + "timeout -k 2 120 " + kSailsim.string() + " regress " +
                                        (dir / "plan.yaml").string() + " --out " + (dir / "bad").string() +
                                        " --seed 21 --max-waves 0");
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  const auto failed = runs_by_name(dir / "bad/results.json");
  for (const char* name : {"dots.0", "dots.1"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(failed.at(name)["result"].as<std::string>(), "FAIL");
    EXPECT_EQ(failed.at(name)["signature"].as<std::string>().rfind("MISMATCH dot N generic", 0), 0u)
        << failed.at(name)["signature"];
    const fs::path folder = dir / "bad/failures" / name;
    EXPECT_TRUE(fs::exists(folder / "mismatches/index.yaml"));
    const CommandResult repro = run_command(env + "sh " + (folder / "repro.sh").string());
    EXPECT_EQ(repro.exit_code, 1) << repro.output;
    EXPECT_NE(repro.output.find("MISMATCH dot"), std::string::npos);
  }
  // The lane's rows compare with sailsim's reference, which no library swap changes.
  EXPECT_EQ(failed.at("rows.0")["result"].as<std::string>(), "PASS");
  EXPECT_EQ(YAML::LoadFile((dir / "bad/buckets.json").string())["buckets"].size(), 1u);

  write_text(dir / "typo.yaml", "sailsim_regress: 1\ngroups:\n  - {name: s, sweep: gmml, seeds: 1}\n");
  const CommandResult typo = regress(dir / "typo.yaml", dir / "typo");
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.output.find("typo.yaml:3:22: sweep `gmml`: expected ggml or rtl-rows"), std::string::npos) << typo.output;
  fs::remove_all(dir);
}

}  // namespace sweep_groups
