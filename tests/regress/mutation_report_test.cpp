// A scripts/mutate.py report in the night: mutation_json() reads the fields the dashboard
// shows and refuses anything else with the file and the reason; `sailsim regress
// --mutation-report` puts it in results.json or stops before running anything.
// (tests/mutate checks it on a report the real tool wrote.)
#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>

#include "cli/run_command.hpp"
#include "sailsim/regression/mutation_summary.hpp"

namespace fs = std::filesystem;
using sailsim::regression::MutationReportError;
using sailsim::regression::mutation_json;
using sailsim::testing::CommandResult;
using sailsim::testing::run_command;

namespace {

const fs::path kSailsim = SAILSIM_CLI_PATH;
const fs::path kSource = SAILSIM_SOURCE_DIR;

// The fields of docs/mutation.md's schema that the night reads, with two mutants.
std::string report(const std::string& score = "0.5", const std::string& format = "sailsim-mutation/1") {
  return R"json({"format": ")json" + format + R"json(", "tool": "scripts/mutate.py", "plan": "regress/smoke.yaml",
  "selection": {"mode": "sample", "count": 2, "seed": 9, "sample": 2, "only": null, "shard": null},
  "tree": {"commit": "0123abc", "rtl_sha256": "ff"}, "score": )json" + score + R"json(,
  "total": {"killed": 1, "survived": 1, "stillborn": 0, "equivalent": 0, "timeout": 0, "score": 0.5},
  "modules": {"sail_ctrl": {"killed": 1, "survived": 0, "stillborn": 0, "equivalent": 0, "timeout": 0, "score": 1.0},
              "q4k_dot": {"killed": 0, "survived": 1, "stillborn": 0, "equivalent": 0, "timeout": 0, "score": 0.0}},
  "mutants": [{"id": "sail_ctrl:flip:10:3", "module": "sail_ctrl", "operator": "flip", "line": 10,
               "mutated": "if (a > b)", "verdict": "killed", "diff": "-a\n+b\n"},
              {"id": "q4k_dot:stuck:20:5", "module": "q4k_dot", "operator": "stuck_valid", "line": 20,
               "mutated": "assign v = 1'b1; // \"x\"", "verdict": "survived", "diff": ""}]})json";
}

fs::path write(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / ("sailsim-mutation-report-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / name) << text;
  return dir / name;
}

TEST(MutationReport, TheScoreModulesAndSurvivors) {
  const YAML::Node m = YAML::Load(mutation_json(write("good.json", report())));
  EXPECT_EQ(m["score"].as<double>(), 0.5);
  EXPECT_EQ(m["killed"].as<int>(), 1);
  EXPECT_EQ(m["survived"].as<int>(), 1);
  EXPECT_EQ(m["plan"].as<std::string>(), "regress/smoke.yaml");
  EXPECT_EQ(m["commit"].as<std::string>(), "0123abc");
  EXPECT_EQ(m["selection"].as<std::string>(), "sample, 2 mutants, seed 9");
  ASSERT_EQ(m["modules"].size(), 2u);
  EXPECT_EQ(m["modules"][0]["module"].as<std::string>(), "q4k_dot");  // by name
  EXPECT_EQ(m["modules"][1]["score"].as<double>(), 1.0);
  ASSERT_EQ(m["survivors"].size(), 1u);
  EXPECT_EQ(m["survivors"][0]["id"].as<std::string>(), "q4k_dot:stuck:20:5");
  EXPECT_EQ(m["survivors"][0]["mutated"].as<std::string>(), "assign v = 1'b1; // \"x\"");
  EXPECT_TRUE(YAML::Load(mutation_json(write("null.json", report("null"))))["score"].IsNull());
}

TEST(MutationReport, AnythingElseIsRefusedWithTheFileAndTheReason) {
  auto problem = [](const std::string& name, const std::string& text) {
    const fs::path f = write(name, text);
    try {
      mutation_json(f);
    } catch (const MutationReportError& e) {
      return std::string(e.what()).substr(f.string().size());
    }
    return std::string("no error");
  };
  EXPECT_EQ(problem("other.json", report("0.5", "sailsim-mutation/2")),
            ": not a scripts/mutate.py report (\"format\" must be \"sailsim-mutation/1\")");
  EXPECT_EQ(problem("score.json", report("1.5")), ": the report: \"score\" 1.5 is outside 0..1");
  EXPECT_EQ(problem("text.json", report("\"high\"")), ": the report: \"score\" is not a number");
  std::string no_total = report();
  no_total.replace(no_total.find("\"total\""), 7, "\"totals\"");
  EXPECT_EQ(problem("total.json", no_total), ": the report has no \"total\"");
  EXPECT_EQ(problem("broken.json", "{\"format\": "), ": not JSON: line 1, column 1: end of map flow not found");
  EXPECT_EQ(problem("nothing.json", "[]"), ": not a scripts/mutate.py report (\"format\" must be \"sailsim-mutation/1\")");
  EXPECT_THROW(mutation_json("/nonexistent/mutation.json"), MutationReportError);
}

TEST(MutationReport, TheNightShowsItOrRunsNothing) {
  const fs::path plan = write("plan.yaml", "sailsim_regress: 1\ngroups:\n  - {name: s, sequences: [" +
                                               (kSource / "vectors/sequences/resp_errors.yaml").string() + "]}\n");
  const fs::path out = plan.parent_path() / "out";
  fs::remove_all(out);
  const CommandResult ok = run_command("timeout 120 " + kSailsim.string() + " regress " + plan.string() + " --out " +
                                       out.string() + " --mutation-report " + write("good.json", report()).string());
  ASSERT_EQ(ok.exit_code, 0) << ok.output;
  const YAML::Node m = YAML::LoadFile((out / "results.json").string())["mutation"];
  EXPECT_EQ(m["score"].as<double>(), 0.5);
  EXPECT_EQ(m["survivors"][0]["id"].as<std::string>(), "q4k_dot:stuck:20:5");
  const fs::path out2 = plan.parent_path() / "out2";
  const CommandResult bad = run_command("timeout 120 " + kSailsim.string() + " regress " + plan.string() + " --out " +
                                        out2.string() + " --mutation-report " + write("bad.json", "[]").string());
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("--mutation-report"), std::string::npos) << bad.output;
  EXPECT_NE(bad.output.find("nothing was run"), std::string::npos) << bad.output;
  EXPECT_FALSE(fs::exists(out2 / "results.json"));
  const CommandResult shard = run_command(kSailsim.string() + " regress " + plan.string() + " --out " + out2.string() +
                                          " --shard 1/2 --mutation-report " + write("good.json", report()).string());
  EXPECT_EQ(shard.exit_code, 2) << shard.output;
}

}  // namespace
