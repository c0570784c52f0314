// `sailsim sweep` through the real binary, as a nightly plan group runs it: small runs pass
// and end with the summary; the same seed gives the same text and another seed another; every
// bad setting (counts, seed, kind, the mismatch folder, the oracle or its fused library
// missing) is exit 2 with one line naming it; a lying oracle is exit 1 with the cases saved.
#include <gtest/gtest.h>

#include <fstream>

#include "oracle_guard.hpp"
#include "paths.hpp"
#include "sweep/support.hpp"

namespace {

using namespace sailsim;
using sailsim::testing::CommandResult;
using sailsim::testing::last_line;
using sailsim::testing::lines_of;
using sailsim::testing::sailsim_cli;
using sailsim::testing::sweep_scratch;
namespace fs = std::filesystem;

TEST(SweepCli, GgmlSmallRunPassesAndEndsWithTheSummary) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  const fs::path dir = sweep_scratch("ggml-pass");
  const CommandResult r = sailsim_cli("sweep ggml --seed 42 --dots 2000 --mismatches " + (dir / "m").string());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(last_line(r.output), "sweep ggml: 2000 dots (generic 2000, fused 2000), 0 mismatches, seed 42") << r.output;
  EXPECT_NE(r.output.find("sweep ggml: seed 42, 2000 dots of 1..8 blocks"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("MISMATCH"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "m")) << "no mismatch, no folder";
}

TEST(SweepCli, RtlRowsSmallRunPassesAndEndsWithTheSummary) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  const fs::path dir = sweep_scratch("rtl-pass");
  const CommandResult r = sailsim_cli("sweep rtl-rows --seed 42 --rows 300 --mismatches " + (dir / "m").string());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(last_line(r.output), "sweep rtl-rows: 300 rows (generic 300, fused 300), 0 mismatches, seed 42") << r.output;
  EXPECT_NE(r.output.find("lane cycles"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "m"));
}

TEST(SweepCli, TheSameSeedGivesTheSameTextAnotherSeedAnother) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  for (const std::string args : {"ggml --seed 7 --dots 400", "rtl-rows --seed 7 --rows 100"}) {
    const fs::path dir = sweep_scratch("determinism");
    const std::string m = " --mismatches " + (dir / "m").string();
    const CommandResult a = sailsim_cli("sweep " + args + m);
    const CommandResult b = sailsim_cli("sweep " + args + m);
    std::string other_args = args;
    other_args.replace(other_args.find("--seed 7"), 8, "--seed 8");
    const CommandResult c = sailsim_cli("sweep " + other_args + m);
    EXPECT_EQ(a.exit_code, 0) << a.output;
    EXPECT_EQ(c.exit_code, 0) << c.output;
    EXPECT_EQ(a.output, b.output);
    EXPECT_NE(a.output, c.output);
    // Not only the seed in the text: the inputs and results differ (the digest line).
    auto digest = [](const std::string& text) {
      for (const std::string& line : lines_of(text)) {
        if (line.rfind("digest ", 0) == 0) return line;
      }
      return std::string("(no digest line)");
    };
    EXPECT_NE(digest(a.output), "(no digest line)") << a.output;
    EXPECT_NE(digest(a.output), digest(c.output));
  }
}

// One line on the terminal naming the setting, exit 2, nothing run, nothing created.
void expect_refused(const std::string& args, const std::string& names, const std::string& env = "") {
  const CommandResult r = sailsim_cli("sweep " + args, env);
  EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.output;
  EXPECT_NE(r.output.find(names), std::string::npos) << args << "\n" << r.output;
  EXPECT_EQ(lines_of(r.output).size(), 1u) << args << "\n" << r.output;
}

TEST(SweepCli, BadSettingsAreExit2WithOneLineNamingThem) {
  const fs::path dir = sweep_scratch("bad");
  const std::string m = " --mismatches " + (dir / "m").string();
  std::ofstream(dir / "file") << "x";
  expect_refused("ggml --seed 1 --dots 0" + m, "--dots '0': expected a count from 1 to 100000000");
  expect_refused("ggml --seed 1 --dots 100000001" + m, "--dots '100000001'");
  expect_refused("ggml --seed 1 --dots 99999999999999999999999" + m, "--dots '99999999999999999999999'");
  expect_refused("ggml --seed 1 --dots 1e6" + m, "--dots '1e6'");
  expect_refused("ggml --seed 1 --dots=-5" + m, "--dots '-5'");
  expect_refused("ggml --seed 1" + m, "--dots is required");
  expect_refused("ggml --dots 10" + m, "--seed is required");
  expect_refused("ggml --seed 0x10 --dots 10" + m, "--seed '0x10'");
  expect_refused("ggml --seed 18446744073709551616 --dots 10" + m, "--seed '18446744073709551616'");
  expect_refused("ggml --seed 1 --rows 10" + m, "--rows is not a setting of ggml");
  expect_refused("rtl-rows --seed 1 --dots 10" + m, "--dots is not a setting of rtl-rows");
  expect_refused("rtl-rows --seed 1 --rows 0" + m, "--rows '0': expected a count from 1 to 10000000");
  expect_refused("rtl-rows --seed 1 --rows 10000001" + m, "--rows '10000001'");
  expect_refused("rtl-rows --seed 1" + m, "--rows is required");
  expect_refused("bogus --seed 1 --dots 10" + m, "unknown kind 'bogus': expected ggml or rtl-rows");
  expect_refused("--seed 1 --dots 10" + m, "no kind");
  expect_refused("ggml --seed 1 --dots 10 --mismatches " + (dir / "file").string(), "is not a folder");
  expect_refused("ggml --seed 1 --dots 10 --mismatches " + (dir / "file" / "sub").string(), "cannot be created");
  expect_refused("rtl-rows --seed 1 --rows 10 --mismatches " + (sailsim::testing::source_dir() / "vectors/ggml/shared").string(),
                 "holds a vector set that sailsim sweep did not write");
  EXPECT_FALSE(fs::exists(dir / "m"));
}

// The oracle missing is a bad setting, never a skip: what is missing, and scripts/deps.sh.
TEST(SweepCli, MissingOracleIsExit2NamingWhatAndHowToInstall) {
  for (const char* kind : {"ggml --dots", "rtl-rows --rows"}) {
    const std::string args = std::string(kind) + " 10 --seed 1";
    expect_refused(args, "/nonexistent/ggml", "SAILSIM_GGML_LIBDIR=/nonexistent/ggml");
    expect_refused(args, "scripts/deps.sh", "SAILSIM_GGML_LIBDIR=/nonexistent/ggml");
  }
}

TEST(SweepCli, MissingFusedLibraryIsExit2NamingIt) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  const fs::path lib = sweep_scratch("no-haswell");
  for (const char* name : {"libggml-base.so", "libggml-cpu-x64.so"}) fs::create_symlink(oracle->libdir() / name, lib / name);
  const std::string env = "SAILSIM_GGML_LIBDIR=" + lib.string();
  for (const char* kind : {"ggml --dots", "rtl-rows --rows"}) {
    const std::string args = std::string(kind) + " 10 --seed 1 --mismatches " + (lib / "m").string();
    expect_refused(args, (lib / "libggml-cpu-haswell.so").string() + " is missing", env);
    expect_refused(args, "scripts/deps.sh", env);
  }
}

// A GGML whose "generic" kernel is really the fused one (libggml-cpu-haswell.so copied in as
// libggml-cpu-x64.so): sailsim's generic order must disagree on multi-block rows, and the run
// is exit 1 with each mismatch printed and saved.
TEST(SweepCli, ALyingOracleIsExit1WithEveryMismatchSaved) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  const fs::path lib = sweep_scratch("lying") / "lib";
  fs::create_directories(lib);
  fs::create_symlink(oracle->libdir() / "libggml-base.so", lib / "libggml-base.so");
  fs::copy_file(oracle->libdir() / "libggml-cpu-haswell.so", lib / "libggml-cpu-x64.so");
  fs::create_symlink(oracle->libdir() / "libggml-cpu-haswell.so", lib / "libggml-cpu-haswell.so");
  const fs::path dir = lib.parent_path() / "m";
  const CommandResult r =
      sailsim_cli("sweep ggml --seed 3 --dots 300 --mismatches " + dir.string(), "SAILSIM_GGML_LIBDIR=" + lib.string());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  size_t printed = 0;
  for (const std::string& line : lines_of(r.output)) {
    if (line.rfind("MISMATCH dot ", 0) != 0) continue;
    ++printed;
    EXPECT_NE(line.find(" generic ("), std::string::npos) << line;
    EXPECT_NE(line.find("ulp "), std::string::npos) << line;
    EXPECT_NE(line.find("-> " + dir.string() + "/sweep_ggml_seed3_dot"), std::string::npos) << line;
  }
  EXPECT_GT(printed, 0u) << r.output;
  EXPECT_NE(last_line(r.output).find(", " + std::to_string(printed) + " mismatches, seed 3"), std::string::npos) << r.output;
  // The saved set holds the lying oracle's values, so sailsim's reference fails it: the set
  // records what this GGML said, which is what a regression test must hold.
  const CommandResult v = sailsim_cli("vectors " + dir.string() + " --engine ref");
  EXPECT_EQ(v.exit_code, 1) << v.output;
  EXPECT_NE(v.output.find(std::to_string(printed) + " cases, 0 passed"), std::string::npos) << v.output;
}

}  // namespace
