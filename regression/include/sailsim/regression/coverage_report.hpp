// The night's code coverage (`sailsim regress --coverage`, docs/coverage.md): every covered
// run's coverage.dat folded into one, written as DIR/coverage/coverage.dat, an lcov
// coverage.info (verilator_coverage --write-info), an HTML report (genhtml) and
// uncovered.txt; per-module percentages for results.json; the plan's goals judged.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sailsim/coverage/coverage_data.hpp"
#include "sailsim/regression/plan.hpp"

namespace sailsim::regression {

struct GoalResult {
  CoverageGoal goal;
  uint64_t covered = 0, total = 0;
  bool met = false;
  std::vector<std::string> uncovered;  // "FILE:LINE: KIND COMMENT (INSTANCE)", the points it lacks
};

struct CoverageOutcome {
  std::string json;  // the value of results.json's "coverage"
  std::vector<GoalResult> goals;
  std::string problem;  // "" or what could not be written or run
};

struct NightCoverage {
  coverage::CoverageData data;
  std::vector<std::string> groups_not_covered;     // groups that run another binary (flavour, sailsim:)
  std::vector<std::string> runs_without_coverage;  // covered runs that left no coverage.dat (crashed, killed)
};

// Writes DIR/coverage/ and judges the goals. verilator_coverage and genhtml come from PATH.
CoverageOutcome write_coverage(const std::filesystem::path& out, const NightCoverage& night,
                               const std::vector<CoverageGoal>& goals);

// "coverage goal missed: MODULE KIND 93.10% (27 of 29 points), the goal is 95.00%".
std::string coverage_goal_message(const GoalResult& g);

// "FILE:LINE: KIND COMMENT (INSTANCE)".
std::string describe(const coverage::Point& p);

}  // namespace sailsim::regression
