// Verilator's coverage files (coverage.dat, "SystemC::Coverage-3"): read, merged, written and
// summarized per module and kind of point, so that `sailsim regress --coverage` folds every
// run's counts into one night as the runs end (docs/coverage.md). The merge is the one
// verilator_coverage --write does: counts of the same point (the same key) are added.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace sailsim::coverage {

// A file that is not a coverage file; what() is "FILE:LINE: what was expected".
struct CoverageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Point {
  uint64_t count = 0;
  std::string kind;     // line, branch, toggle, user (from the key's page, v_<kind>/<module>)
  std::string module;   // the module the point is in (every instance of it adds points)
  std::string file;     // the source
  uint32_t line = 0;
  std::string comment;  // the point's name: a signal bit, "block", "if", a cover label
  std::string hier;     // the instance, e.g. TOP.sail_top.i_engine.cov_state_idle
};

class CoverageData {
 public:
  static CoverageData read(const std::filesystem::path& file);  // throws CoverageError
  static CoverageData parse(const std::string& text, const std::string& name);

  // Adds every point's count of `other` (a point new to this one is added).
  void merge(const CoverageData& other);
  // The file verilator_coverage reads, points sorted by key.
  std::string text() const;
  void write(const std::filesystem::path& file) const;  // throws CoverageError

  const std::map<std::string, Point>& points() const { return points_; }
  bool empty() const { return points_.empty(); }

 private:
  std::map<std::string, Point> points_;  // by Verilator's key
};

struct Totals {
  uint64_t covered = 0;  // points with a count above zero
  uint64_t total = 0;
  double percent() const { return total == 0 ? 100.0 : 100.0 * static_cast<double>(covered) / static_cast<double>(total); }
};

// Per module, per kind of point.
using Summary = std::map<std::string, std::map<std::string, Totals>>;
Summary summarize(const CoverageData& data);

// The points of `module` and `kind` (any kind when "") that no run reached, by file and line.
std::vector<Point> uncovered(const CoverageData& data, const std::string& module, const std::string& kind = "");

}  // namespace sailsim::coverage
