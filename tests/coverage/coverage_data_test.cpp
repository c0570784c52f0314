// sailsim::coverage: Verilator's coverage files read, merged and summarized; the merge is
// checked against verilator_coverage itself, and malformed files are refused at their line.
#include "sailsim/coverage/coverage_data.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/run_command.hpp"

namespace fs = std::filesystem;
using sailsim::coverage::CoverageData;
using sailsim::coverage::CoverageError;

namespace {

// A key as Verilator writes it.
std::string key(const std::string& file, int line, const std::string& page, const std::string& comment,
                const std::string& hier) {
  return "\001f\002" + file + "\001l\002" + std::to_string(line) + "\001n\0021\001page\002" + page + "\001o\002" +
         comment + "\001h\002" + hier;
}

std::string dat(const std::vector<std::pair<std::string, uint64_t>>& points) {
  std::string t = "# SystemC::Coverage-3\n";
  for (const auto& [k, c] : points) t += "C '" + k + "' " + std::to_string(c) + "\n";
  return t;
}

const std::string kA = key("rtl/a.sv", 10, "v_line/a", "block", "TOP.t.a");
const std::string kB = key("rtl/a.sv", 12, "v_user/a", "cov_x", "TOP.t.a.cov_x");
const std::string kC = key("rtl/b.sv", 3, "v_toggle/b", "q[0]", "TOP.t.b");
const std::string kD = key("rtl/b.sv", 4, "v_branch/b", "if", "TOP.t.b");

TEST(CoverageData, ParsesPointsAndTheirFields) {
  const CoverageData d = CoverageData::parse(dat({{kA, 3}, {kB, 0}}), "x.dat");
  ASSERT_EQ(d.points().size(), 2u);
  const auto& b = d.points().at(kB);
  EXPECT_EQ(b.kind, "user");
  EXPECT_EQ(b.module, "a");
  EXPECT_EQ(b.file, "rtl/a.sv");
  EXPECT_EQ(b.line, 12u);
  EXPECT_EQ(b.comment, "cov_x");
  EXPECT_EQ(b.hier, "TOP.t.a.cov_x");
  EXPECT_EQ(d.points().at(kA).count, 3u);
}

TEST(CoverageData, MergeAddsCountsAndKeepsNewPoints) {
  CoverageData a = CoverageData::parse(dat({{kA, 3}, {kB, 0}}), "a");
  a.merge(CoverageData::parse(dat({{kB, 2}, {kC, 1}}), "b"));
  EXPECT_EQ(a.points().at(kA).count, 3u);
  EXPECT_EQ(a.points().at(kB).count, 2u);
  EXPECT_EQ(a.points().at(kC).count, 1u);
  // Written sorted by key: the same points give the same text in any order of merging.
  CoverageData b = CoverageData::parse(dat({{kC, 1}, {kB, 2}}), "b");
  b.merge(CoverageData::parse(dat({{kB, 0}, {kA, 3}}), "a"));
  EXPECT_EQ(a.text(), b.text());
}

TEST(CoverageData, SummaryAndUncoveredPoints) {
  const CoverageData d = CoverageData::parse(dat({{kA, 3}, {kB, 0}, {kC, 0}, {kD, 7}}), "x");
  const auto s = summarize(d);
  EXPECT_EQ(s.at("a").at("line").covered, 1u);
  EXPECT_EQ(s.at("a").at("user").covered, 0u);
  EXPECT_EQ(s.at("a").at("user").total, 1u);
  EXPECT_DOUBLE_EQ(s.at("a").at("user").percent(), 0.0);
  EXPECT_EQ(s.at("b").at("toggle").covered, 0u);
  EXPECT_EQ(s.at("b").at("branch").covered, 1u);
  const auto u = uncovered(d, "a");
  ASSERT_EQ(u.size(), 1u);
  EXPECT_EQ(u[0].comment, "cov_x");
  EXPECT_TRUE(uncovered(d, "b", "branch").empty());
}

TEST(CoverageData, MalformedFilesAreRefusedAtTheirLine) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"# SystemC::Coverage-3\nX 'a' 1\n", "x.dat:2: expected C '<key>' <count>"},
      {"C '" + kA + "' 1x\n", "x.dat:1: the count `1x` is not a non-negative integer"},
      {"C '" + kA + "' -1\n", "x.dat:1: the count `-1` is not a non-negative integer"},
      {"C 'nokey' 1\n", "x.dat:1: a key must be"},
      {"C '\001f\002a.sv' 1\n", "x.dat:1: a point without a page"},
      {"C '\001page\002line' 1\n", "x.dat:1: page `line` is not v_<kind>/<module>"},
  };
  for (const auto& [text, message] : bad) {
    try {
      CoverageData::parse(text, "x.dat");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const CoverageError& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(CoverageData::read("/nonexistent/coverage.dat"), CoverageError);
}

// The merge is the one verilator_coverage --write makes.
TEST(CoverageData, MergeEqualsVerilatorCoverage) {
  const fs::path dir = fs::temp_directory_path() / ("sailsim-covdata-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "a.dat") << dat({{kA, 3}, {kB, 0}, {kD, 1}});
  std::ofstream(dir / "b.dat") << dat({{kB, 2}, {kC, 5}, {kD, 4}});
  const auto r = sailsim::testing::run_command("verilator_coverage --write " + (dir / "vc.dat").string() + " " +
                                               (dir / "a.dat").string() + " " + (dir / "b.dat").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  CoverageData ours = CoverageData::read(dir / "a.dat");
  ours.merge(CoverageData::read(dir / "b.dat"));
  const CoverageData theirs = CoverageData::read(dir / "vc.dat");
  ASSERT_EQ(theirs.points().size(), ours.points().size());
  for (const auto& [k, p] : theirs.points()) {
    ASSERT_TRUE(ours.points().count(k));
    EXPECT_EQ(ours.points().at(k).count, p.count) << p.file << ":" << p.line;
  }
  fs::remove_all(dir);
}

}  // namespace
