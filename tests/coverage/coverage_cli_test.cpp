// `sailsim regress --coverage` as a user runs it, on the real coverage flavour
// (sailsim-coverage): per-module figures counted from the RTL's own cover points, lcov and
// HTML made by verilator_coverage and genhtml, goals that fail the night and list what is
// missing (a cover point no run can reach shows as uncovered), and the merge of two shards'
// coverage equal to one run over both, and to verilator_coverage's own merge.
#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "cli/run_command.hpp"
#include "regress/comparable_report.hpp"

namespace fs = std::filesystem;
using sailsim::testing::CommandResult;
using sailsim::testing::comparable_report;
using sailsim::testing::read_text;
using sailsim::testing::run_command;

namespace {

const fs::path kSailsim = SAILSIM_CLI_PATH;
const fs::path kSource = SAILSIM_SOURCE_DIR;

CommandResult regress(const std::string& args) {
  return run_command("timeout -k 2 600 " + kSailsim.string() + " regress " + args);
}

// The cover points a module declares: SAIL_COVER lines of its source, counted here from the
// RTL text (not from anything the code under test writes).
size_t cover_points_in(const std::string& rtl_file) {
  const std::string text = read_text(kSource / "rtl" / rtl_file);
  size_t n = 0;
  for (size_t at = 0; (at = text.find("`SAIL_COVER(cov_", at)) != std::string::npos; ++at) ++n;
  return n;
}

class Coverage : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sailsim-coverage-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const fs::path seq = kSource / "vectors/sequences";
    // Jobs that pass, jobs the engine refuses, an AXI error, plus generated matmuls; goals:
    // one that holds (engine lines) and one that cannot (fifo_sync's push-when-full is
    // impossible in the Sail top: every FIFO's writer checks full first).
    std::ofstream(dir_ / "plan.yaml")
        << "sailsim_regress: 1\n"
        << "coverage_goals:\n  sail_engine: {line: 50}\n  fifo_sync: {user: 100}\n"
        << "groups:\n"
        << "  - {name: seqs, sequences: [" << (seq / "mocksail_four_phase.yaml").string() << ", "
        << (seq / "job_rejected.yaml").string() << ", " << (seq / "job_axi_error.yaml").string() << "]}\n"
        << "  - {name: matmul, gen: matmul, seeds: 2}\n";
    plan_ = (dir_ / "plan.yaml").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  std::string plan_;
};

TEST_F(Coverage, ANightReportsPerModuleCoverageAndJudgesItsGoals) {
  const fs::path out = dir_ / "night";
  const CommandResult r = regress(plan_ + " --out " + out.string() + " --coverage -j 2 --seed 3");
  // Every run passes; the impossible goal fails the night.
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("coverage goal met: sail_engine line"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("coverage goal missed: fifo_sync user"), std::string::npos) << r.output;
  EXPECT_TRUE(std::regex_search(r.output, std::regex(R"(uncovered: \S*rtl/fifo_sync\.sv:[0-9]+: user cov_push_when_full)")))
      << r.output;

  const YAML::Node results = YAML::LoadFile((out / "results.json").string());
  for (const auto& run : results["runs"]) EXPECT_EQ(run["result"].as<std::string>(), "PASS") << run["name"];
  const YAML::Node cov = results["coverage"];
  ASSERT_TRUE(cov) << read_text(out / "results.json");
  // The engine's cover points, each instance once; most of them reached by these jobs.
  const YAML::Node engine_user = cov["modules"]["sail_engine"]["user"];
  EXPECT_EQ(engine_user["total"].as<size_t>(), cover_points_in("sail_engine.sv"));
  EXPECT_GT(engine_user["covered"].as<size_t>(), engine_user["total"].as<size_t>() / 2);
  EXPECT_LT(engine_user["covered"].as<size_t>(), engine_user["total"].as<size_t>());  // no AXI write error
  for (const char* kind : {"line", "branch", "toggle"}) {
    SCOPED_TRACE(kind);
    EXPECT_GT(cov["modules"]["sail_engine"][kind]["total"].as<size_t>(), 0u);
    EXPECT_GT(cov["modules"]["sail_engine"][kind]["covered"].as<size_t>(), 0u);
  }
  ASSERT_EQ(cov["goals"].size(), 2u);
  EXPECT_TRUE(cov["goals"][0]["met"].as<bool>());
  EXPECT_FALSE(cov["goals"][1]["met"].as<bool>());
  EXPECT_TRUE(cov["runs_without_coverage"].size() == 0);

  // What no run reached: the refused write error of the engine and the impossible FIFO push.
  const std::string uncovered = read_text(out / "coverage/uncovered.txt");
  EXPECT_NE(uncovered.find("user cov_job_axi_write"), std::string::npos) << uncovered;
  EXPECT_NE(uncovered.find("user cov_push_when_full"), std::string::npos);
  EXPECT_EQ(uncovered.find("user cov_job_ok "), std::string::npos) << "a reached point listed as uncovered";
  EXPECT_EQ(uncovered.find("user cov_job_bad_k "), std::string::npos);

  // lcov from verilator_coverage, HTML from genhtml, linked from the dashboard.
  EXPECT_NE(read_text(out / "coverage/coverage.info").find("SF:" + (kSource / "rtl/sail_engine.sv").string()),
            std::string::npos);
  EXPECT_TRUE(fs::exists(out / "coverage/html/index.html"));
  EXPECT_NE(read_text(out / "index.html").find("\"report\": \"coverage/html/index.html\""), std::string::npos);
  // JUnit: one testcase per goal.
  const std::string junit = read_text(out / "junit.xml");
  EXPECT_NE(junit.find("<testsuite name=\"coverage\" tests=\"2\" failures=\"1\""), std::string::npos) << junit;
}

TEST_F(Coverage, TwoShardsMergeToTheCoverageOfOneRun) {
  const fs::path local = dir_ / "local";
  const std::string flags = " --coverage --seed 4";
  const CommandResult l = regress(plan_ + " --out " + local.string() + flags + " -j 2");
  ASSERT_EQ(l.exit_code, 1) << l.output;
  for (int i = 1; i <= 2; ++i) {
    const CommandResult s = regress(plan_ + " --out " + (dir_ / std::to_string(i)).string() + " --shard " +
                                    std::to_string(i) + "/2" + flags);
    ASSERT_TRUE(fs::exists(dir_ / std::to_string(i) / "coverage/coverage.dat")) << s.output;
  }
  const fs::path merged = dir_ / "merged";
  const CommandResult m = regress(plan_ + " --out " + merged.string() + flags + " --merge " + (dir_ / "1").string() +
                                  " " + (dir_ / "2").string());
  EXPECT_EQ(m.exit_code, 1) << m.output;
  EXPECT_EQ(read_text(merged / "coverage/coverage.dat"), read_text(local / "coverage/coverage.dat"));
  EXPECT_EQ(comparable_report(merged / "results.json", merged), comparable_report(local / "results.json", local));
  // Each shard covers less than the whole: the merge is not one shard's file.
  EXPECT_NE(read_text(dir_ / "1/coverage/coverage.dat"), read_text(local / "coverage/coverage.dat"));
  // verilator_coverage's own merge of the two shards gives the same lcov data.
  const std::string vc = (dir_ / "vc.dat").string();
  ASSERT_EQ(run_command("verilator_coverage --write " + vc + " " + (dir_ / "1/coverage/coverage.dat").string() + " " +
                        (dir_ / "2/coverage/coverage.dat").string())
                .exit_code,
            0);
  ASSERT_EQ(run_command("verilator_coverage --write-info " + (dir_ / "vc.info").string() + " " + vc).exit_code, 0);
  EXPECT_EQ(read_text(dir_ / "vc.info"), read_text(merged / "coverage/coverage.info"));
  // A shard without --coverage cannot be merged into a night with it.
  const CommandResult plain = regress(plan_ + " --out " + (dir_ / "p1").string() + " --shard 1/1 --seed 4");
  const CommandResult bad = regress(plan_ + " --out " + (dir_ / "m2").string() + flags + " --merge " + (dir_ / "p1").string());
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("ran without --coverage, the merge has it"), std::string::npos) << bad.output;
}

// A group on another binary (here the random-initial-state flavour) is not in the coverage
// and is named; a night with nothing covered has no points, no lcov and no HTML, and says so.
TEST_F(Coverage, GroupsOfAnotherBinaryAreNamedAndAnEmptyNightHasNoReport) {
  std::ofstream(dir_ / "other.yaml") << "sailsim_regress: 1\ngroups:\n"
                                     << "  - {name: xr, gen: matmul, seeds: 1, flavour: x-random}\n";
  const fs::path out = dir_ / "other";
  const CommandResult r = regress((dir_ / "other.yaml").string() + " --out " + out.string() + " --coverage");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("note: group xr runs another binary than sailsim: not in the coverage"), std::string::npos)
      << r.output;
  const YAML::Node cov = YAML::LoadFile((out / "results.json").string())["coverage"];
  EXPECT_EQ(cov["points"].as<int>(), 0);
  EXPECT_TRUE(cov["report"].IsNull());
  ASSERT_EQ(cov["groups_not_covered"].size(), 1u);
  EXPECT_EQ(cov["groups_not_covered"][0].as<std::string>(), "xr");
  EXPECT_FALSE(fs::exists(out / "coverage/html"));
}

TEST_F(Coverage, BadGoalsAreRefusedAtTheirKey) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"coverage_goals: {sail_engine: {lines: 90}}", "unknown key `lines` in the goals of sail_engine"},
      {"coverage_goals: {sail_engine: {line: 101}}", "must be a percentage from 0 to 100"},
      {"coverage_goals: {sail_engine: {line: x}}", "must be a percentage from 0 to 100"},
      {"coverage_goals: [sail_engine]", "coverage_goals must be a mapping"},
  };
  for (const auto& [goals, message] : cases) {
    SCOPED_TRACE(goals);
    std::ofstream(dir_ / "bad.yaml") << "sailsim_regress: 1\n" << goals << "\ngroups:\n  - {name: m, gen: matmul, seeds: 1}\n";
    const CommandResult r = regress((dir_ / "bad.yaml").string() + " --out " + (dir_ / "bad").string() + " --coverage");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(message), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("bad.yaml:2:"), std::string::npos) << r.output;
  }
}

}  // namespace
