// `sailsim regress --history FILE.sqlite`: every night and every run appended to an SQLite
// database (schema in docs/regress.md), buckets marked new / seen before against earlier
// nights of the same plan, and the previous night's signatures that are gone (fixed).
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sailsim/regression/regression.hpp"
#include "sailsim/regression/report.hpp"

struct sqlite3;

namespace sailsim::regression {

inline constexpr int kHistorySchemaVersion = 1;

// What was wrong with the history file, one line naming it (exit code 2).
struct HistoryError {
  std::string message;
};

struct Night {
  std::string commit;     // git rev-parse HEAD, or "unknown"
  std::string date;       // UTC ISO 8601
  std::string plan;       // the plan's absolute path: nights of the same plan are compared
  std::string plan_sha256;
  uint64_t base_seed = 0;
  int exit_code = 0;
};

// Tonight's buckets against the history of the same plan.
struct HistoryMarks {
  std::map<std::string, std::string> bucket;  // signature -> "new" | "seen before"
  std::vector<std::string> fixed;             // the previous night's signatures absent tonight, sorted
};

struct GroupRate {
  std::string group;
  int64_t runs = 0, passed = 0;
};

// One night as --last and the dashboard show it.
struct NightRates {
  int64_t id = 0;
  std::string date, commit;
  int64_t runs = 0, failed = 0;   // of the group asked for (all groups when none)
  std::vector<GroupRate> groups;  // in plan order
};

class History {
 public:
  // Opens or creates the database and creates or verifies the schema; throws HistoryError.
  explicit History(const std::filesystem::path& file);
  History(const History&) = delete;
  History& operator=(const History&) = delete;
  ~History();

  HistoryMarks marks(const std::string& plan, const std::vector<Bucket>& buckets);
  // The night and all its runs, in one transaction; throws HistoryError.
  void append(const Night& night, const std::vector<RunRecord>& records);
  // The last `count` nights, oldest first; of `group` and of `plan` when not empty.
  std::vector<NightRates> last_nights(uint64_t count, const std::string& group, const std::string& plan);
  // The last `count` nights (of `group` when not empty) as a table.
  void print_last(uint64_t count, const std::string& group, std::ostream& out);

 private:
  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
};

// run_regression with --history FILE (regression.cpp): opened before any run, appended at the end.
int run_regression(const Options& options, const std::filesystem::path& history, std::ostream& out,
                   std::ostream& err);

// HEAD of the git work tree holding `dir`, or "unknown".
std::string git_commit_of(const std::filesystem::path& dir);
std::string utc_now_iso8601();


}  // namespace sailsim::regression
