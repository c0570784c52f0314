// `sailsim replay` as a user runs it: exit codes, -j, --tag, --junit / --json, --record.
#include <yaml-cpp/yaml.h>
#include <gtest/gtest.h>

#include "cli/run_command.hpp"
#include "sailsim/replay/loader.hpp"
#include "sailsim/replay/runner.hpp"
#include "support.hpp"

namespace sailsim::replay {
namespace {

using namespace testing;
using sailsim::testing::quoted;
using sailsim::testing::run_command;

std::string cli() { return quoted(SAILSIM_CLI_PATH); }

// The good sequences copied to a scratch folder (their snapshots land there).
std::filesystem::path good_copy(const std::string& name) {
  const auto dir = scratch(name);
  std::filesystem::copy(good(), dir, std::filesystem::copy_options::recursive);
  return dir;
}

TEST(ReplayCli, GoodFolderPasses) {
  const auto dir = good_copy("cli-good");
  const auto r = run_command(cli() + " replay " + quoted(dir.string()));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("6 sequences: 6 passed"), std::string::npos) << r.output;
}

TEST(ReplayCli, ParallelOutputEqualsSerial) {
  // The same folder name for both (paths are printed), each run on a fresh copy: a run
  // writes its snapshots beside the sequences.
  const std::string fail = quoted((sequences() / "fail").string());
  const auto dir = good_copy("cli-parallel");
  const auto one = run_command(cli() + " replay -j 1 " + quoted(dir.string()) + " " + fail);
  good_copy("cli-parallel");
  const auto two = run_command(cli() + " replay -j 2 " + quoted(dir.string()) + " " + fail);
  EXPECT_EQ(one.exit_code, two.exit_code);
  EXPECT_EQ(one.output, two.output);
  EXPECT_EQ(one.exit_code, kBadInput) << one.output;  // bad_input.yaml is the most severe
}

TEST(ReplayCli, ExitCodesAndPrecedence) {
  const auto f = sequences() / "fail";
  EXPECT_EQ(run_command(cli() + " replay " + quoted((f / "check_mismatch.yaml").string())).exit_code, 1);
  EXPECT_EQ(run_command(cli() + " replay " + quoted((f / "hang.yaml").string())).exit_code, 3);
  EXPECT_EQ(run_command(cli() + " replay " + quoted((f / "violation.yaml").string())).exit_code, 4);
  const auto bad = run_command(cli() + " replay " + quoted((f / "bad_input.yaml").string()));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("bad_input.yaml:4:"), std::string::npos) << bad.output;
  // 4 > 3 > 1
  EXPECT_EQ(run_command(cli() + " replay " + quoted((f / "check_mismatch.yaml").string()) + " " +
                        quoted((f / "hang.yaml").string()) + " " + quoted((f / "violation.yaml").string()))
                .exit_code,
            4);
  EXPECT_EQ(run_command(cli() + " replay " + quoted((f / "check_mismatch.yaml").string()) + " " +
                        quoted((f / "hang.yaml").string()))
                .exit_code,
            3);
  EXPECT_EQ(run_command(cli() + " replay /no/such/path").exit_code, 2);
  EXPECT_EQ(run_command(cli() + " replay --seed banana " + quoted((f / "hang.yaml").string())).exit_code, 2);
}

TEST(ReplayCli, TagSelects) {
  const auto dir = good_copy("cli-tag");
  const auto r = run_command(cli() + " replay --tag matmul " + quoted(dir.string()));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("2 sequences: 2 passed"), std::string::npos) << r.output;
  EXPECT_EQ(run_command(cli() + " replay --tag nothing-has-this " + quoted(dir.string())).exit_code, 2);
}

TEST(ReplayCli, JunitAndJsonAreWellFormed) {
  const auto dir = good_copy("cli-reports");
  const auto out = scratch("cli-reports-out");
  const auto r = run_command(cli() + " replay -j 2 --junit " + quoted((out / "r.xml").string()) + " --json " +
                             quoted((out / "r.json").string()) + " " + quoted(dir.string()) + " " +
                             quoted((sequences() / "fail" / "check_mismatch.yaml").string()));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  const YAML::Node json = YAML::LoadFile((out / "r.json").string());  // JSON is YAML
  EXPECT_EQ(json["exit_code"].as<int>(), 1);
  ASSERT_EQ(json["sequences"].size(), 7u);
  EXPECT_EQ(json["sequences"][6]["result"].as<std::string>(), "FAIL");
  EXPECT_NE(json["sequences"][6]["report"].as<std::string>().find("ulp 1"), std::string::npos);
  const std::string xml = read_text(out / "r.xml");
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\"", 0), 0u);
  size_t cases = 0;
  for (size_t p = xml.find("<testcase "); p != std::string::npos; p = xml.find("<testcase ", p + 1)) ++cases;
  EXPECT_EQ(cases, 7u);
  EXPECT_NE(xml.find("tests=\"7\" failures=\"1\" errors=\"0\""), std::string::npos) << xml;
  size_t opens = 0, closes = 0;
  for (size_t p = xml.find("<failure"); p != std::string::npos; p = xml.find("<failure", p + 1)) ++opens;
  for (size_t p = xml.find("</failure>"); p != std::string::npos; p = xml.find("</failure>", p + 1)) ++closes;
  EXPECT_EQ(opens, 1u);
  EXPECT_EQ(closes, 1u);
  EXPECT_NE(xml.find("</testsuites>"), std::string::npos);
}

TEST(ReplayCli, RecordThenReplayGivesTheSameLog) {
  const auto dir = good_copy("cli-record");
  const auto rec = dir / "rec" / "matmul.recorded.yaml";
  std::filesystem::create_directories(rec.parent_path());
  const auto r = run_command(cli() + " replay --record " + quoted(rec.string()) + " " + quoted((dir / "matmul_regs.yaml").string()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto again = run_command(cli() + " replay " + quoted(rec.string()));
  EXPECT_EQ(again.exit_code, 0) << again.output << read_text(rec);
  // Large data went to files beside the recording.
  EXPECT_TRUE(std::filesystem::exists(rec.parent_path() / "matmul.recorded.0.bin"));
  EXPECT_EQ(run_command(cli() + " replay --record " + quoted(rec.string()) + " " + quoted(dir.string())).exit_code, 2);
}

TEST(ReplayCli, MalformedFolderIsExit2NamingEveryFile) {
  const auto dir = scratch("cli-malformed");
  write_text(dir / "a.yaml", "sailsim: 1\nname: a\nsteps:\n  - idle: {cycles: x}\n");
  write_text(dir / "b.yaml", "sailsim: 1\nname: b\nsteps:\n  - idle: {cycles: 1, extra: 2}\n");
  const auto r = run_command(cli() + " replay " + quoted(dir.string()));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("a.yaml:4:"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("b.yaml:4:"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace sailsim::replay
