#include "sailsim/regression/history.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iomanip>
#include <ostream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace sailsim::regression {

namespace {

// The schema; CREATE ... IF NOT EXISTS so that opening an existing database of this version
// changes nothing. base_seed is TEXT: a base seed may use all 64 bits, SQLite integers are signed.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS nights (
  id INTEGER PRIMARY KEY,
  git_commit TEXT NOT NULL,
  date TEXT NOT NULL,
  plan TEXT NOT NULL,
  plan_sha256 TEXT NOT NULL,
  base_seed TEXT NOT NULL,
  runs INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  exit_code INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  night_id INTEGER NOT NULL REFERENCES nights(id),
  group_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  seed INTEGER,
  result TEXT NOT NULL,
  exit_code INTEGER NOT NULL,
  signal TEXT,
  signature TEXT,
  cycles INTEGER,
  wall_seconds REAL NOT NULL);
CREATE INDEX IF NOT EXISTS runs_by_night ON runs(night_id);
)sql";

// A prepared statement, finalized on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const fs::path& file, const char* sql) : db_(db), file_(file) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail("cannot read");
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement& text(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& text_or_null(int i, const std::string& v) {
    if (v.empty()) sqlite3_bind_null(stmt_, i);
    else text(i, v);
    return *this;
  }
  Statement& integer(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& null(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
  }
  Statement& real(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  // true while there is a row
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail("cannot use");
    return false;
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  int64_t column_int(int i) { return sqlite3_column_int64(stmt_, i); }
  std::string column_text(int i) {
    const auto* t = sqlite3_column_text(stmt_, i);
    return t ? reinterpret_cast<const char*>(t) : "";
  }

 private:
  [[noreturn]] void fail(const char* what) {
    throw HistoryError{"--history " + file_.string() + ": " + what + " the database: " + sqlite3_errmsg(db_)};
  }
  sqlite3* db_;
  fs::path file_;
  sqlite3_stmt* stmt_ = nullptr;
};

void exec(sqlite3* db, const fs::path& file, const char* sql, const char* what) {
  char* msg = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
    const std::string m = msg ? msg : sqlite3_errmsg(db);
    sqlite3_free(msg);
    throw HistoryError{"--history " + file.string() + ": " + what + ": " + m};
  }
}

}  // namespace

History::History(const fs::path& file) : file_(file) {
  const auto refuse = [&](const std::string& why) {
    if (db_) sqlite3_close_v2(db_);
    db_ = nullptr;
    throw HistoryError{"--history " + file.string() + ": " + why};
  };
  std::error_code ec;
  if (fs::is_directory(file, ec)) refuse("is a folder, not an SQLite file");
  if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
    refuse(std::string("cannot open: ") + (db_ ? sqlite3_errmsg(db_) : "out of memory"));
  if (sqlite3_db_readonly(db_, "main") == 1) refuse("is not writable");
  sqlite3_busy_timeout(db_, 10'000);  // another night appending at the same moment
  try {
    // A write transaction up front: an unwritable file or folder fails here, before any run.
    exec(db_, file, "BEGIN IMMEDIATE", "cannot open for writing");
    exec(db_, file, kSchema, "cannot create the schema (is it an SQLite file?)");
    Statement count(db_, file, "SELECT COUNT(*), MIN(version), MAX(version) FROM schema_version");
    count.step();
    const int64_t rows = count.column_int(0);
    if (rows == 0) {
      Statement(db_, file, "INSERT INTO schema_version(version) VALUES (?1)").integer(1, kHistorySchemaVersion).step();
    } else if (rows != 1 || count.column_int(1) != kHistorySchemaVersion) {
      refuse("schema_version is " + count.column_text(1) + (rows != 1 ? " (" + std::to_string(rows) + " rows)" : "") +
             ", this sailsim reads and writes version " + std::to_string(kHistorySchemaVersion));
    }
    exec(db_, file, "COMMIT", "cannot write");
  } catch (const HistoryError&) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

History::~History() { sqlite3_close_v2(db_); }

HistoryMarks History::marks(const std::string& plan, const std::vector<Bucket>& buckets) {
  HistoryMarks m;
  Statement seen(db_, file_,
                 "SELECT 1 FROM runs JOIN nights ON nights.id = runs.night_id "
                 "WHERE nights.plan = ?1 AND runs.signature = ?2 LIMIT 1");
  std::set<std::string> tonight;
  for (const Bucket& b : buckets) {
    seen.text(1, plan).text(2, b.signature);
    m.bucket[b.signature] = seen.step() ? "seen before" : "new";
    seen.reset();
    tonight.insert(b.signature);
  }
  Statement previous(db_, file_,
                     "SELECT DISTINCT signature FROM runs WHERE signature IS NOT NULL AND night_id = "
                     "(SELECT MAX(id) FROM nights WHERE plan = ?1) ORDER BY signature");
  previous.text(1, plan);
  while (previous.step())
    if (!tonight.count(previous.column_text(0))) m.fixed.push_back(previous.column_text(0));
  return m;
}

void History::append(const Night& night, const std::vector<RunRecord>& records) {
  int64_t nfailed = 0;
  for (const RunRecord& r : records) nfailed += failed(r) ? 1 : 0;
  exec(db_, file_, "BEGIN IMMEDIATE", "cannot write");
  try {
    Statement n(db_, file_,
                "INSERT INTO nights(git_commit, date, plan, plan_sha256, base_seed, runs, failed, exit_code) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    n.text(1, night.commit).text(2, night.date).text(3, night.plan).text(4, night.plan_sha256);
    n.text(5, std::to_string(night.base_seed)).integer(6, static_cast<int64_t>(records.size()));
    n.integer(7, nfailed).integer(8, night.exit_code).step();
    const int64_t id = sqlite3_last_insert_rowid(db_);
    Statement run(db_, file_,
                  "INSERT INTO runs(night_id, group_name, kind, name, seed, result, exit_code, signal, signature, "
                  "cycles, wall_seconds) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    for (const RunRecord& r : records) {
      run.integer(1, id).text(2, r.group).text(3, kind_name(r.kind)).text(4, r.name);
      // Run seeds have 63 bits (seed.hpp), cycles fit easily: both fit SQLite's signed integers.
      if (r.seed) run.integer(5, static_cast<int64_t>(*r.seed));
      else run.null(5);
      run.text(6, r.result).integer(7, r.exit_code).text_or_null(8, r.signal);
      run.text_or_null(9, failed(r) ? r.signature : std::string());
      if (r.cycles) run.integer(10, static_cast<int64_t>(*r.cycles));
      else run.null(10);
      run.real(11, r.wall_seconds).step();
      run.reset();
    }
    exec(db_, file_, "COMMIT", "cannot write");
  } catch (const HistoryError&) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<NightRates> History::last_nights(uint64_t count, const std::string& group, const std::string& plan) {
  // The last N nights (of the group, of the plan), newest first in the query, returned oldest
  // first; per night its runs and failures (of the group), and every group's pass count.
  Statement nights(db_, file_,
                   "SELECT id, date, git_commit, "
                   " (SELECT COUNT(*) FROM runs WHERE night_id = n.id AND (?1 = '' OR group_name = ?1)), "
                   " (SELECT COUNT(*) FROM runs WHERE night_id = n.id AND (?1 = '' OR group_name = ?1) "
                   "   AND signature IS NOT NULL) "
                   "FROM nights n WHERE (?3 = '' OR n.plan = ?3) AND (?1 = '' OR EXISTS "
                   " (SELECT 1 FROM runs WHERE night_id = n.id AND group_name = ?1)) "
                   "ORDER BY id DESC LIMIT ?2");
  nights.text(1, group).integer(2, static_cast<int64_t>(std::min<uint64_t>(count, INT64_MAX))).text(3, plan);
  std::vector<NightRates> rows;
  while (nights.step())
    rows.push_back({nights.column_int(0), nights.column_text(1), nights.column_text(2), nights.column_int(3),
                    nights.column_int(4), {}});
  std::reverse(rows.begin(), rows.end());
  Statement rates(db_, file_,
                  "SELECT group_name, COUNT(*), SUM(signature IS NULL) FROM runs "
                  "WHERE night_id = ?1 AND (?2 = '' OR group_name = ?2) GROUP BY group_name ORDER BY MIN(rowid)");
  for (NightRates& row : rows) {
    rates.text(2, group).integer(1, row.id);
    while (rates.step()) row.groups.push_back({rates.column_text(0), rates.column_int(1), rates.column_int(2)});
    rates.reset();
  }
  return rows;
}

void History::print_last(uint64_t count, const std::string& group, std::ostream& out) {
  const std::vector<NightRates> rows = last_nights(count, group, "");
  if (rows.empty()) {
    out << "no nights" << (group.empty() ? "" : " with group " + group) << " in " << file_.string() << "\n";
    return;
  }
  out << std::left << std::setw(6) << "night" << "  " << std::setw(20) << "date" << "  " << std::setw(12) << "commit"
      << "  " << std::right << std::setw(6) << "runs" << "  " << std::setw(6) << "failed" << "  pass rate per group\n";
  for (const NightRates& row : rows) {
    std::string per_group;
    for (const GroupRate& g : row.groups) {
      char rate[64];
      std::snprintf(rate, sizeof rate, " %lld/%lld (%.1f%%)", static_cast<long long>(g.passed),
                    static_cast<long long>(g.runs),
                    g.runs ? 100.0 * static_cast<double>(g.passed) / static_cast<double>(g.runs) : 0.0);
      per_group += (per_group.empty() ? "" : ", ") + g.group + rate;
    }
    out << std::left << std::setw(6) << row.id << "  " << std::setw(20) << row.date << "  " << std::setw(12)
        << row.commit.substr(0, 12) << "  " << std::right << std::setw(6) << row.runs << "  " << std::setw(6)
        << row.failed << "  " << per_group << "\n";
  }
}

std::string git_commit_of(const fs::path& dir) {
  const std::string cmd = "git -C '" + dir.string() + "' rev-parse HEAD 2>/dev/null";
  if (dir.string().find('\'') != std::string::npos) return "unknown";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return "unknown";
  char buf[128] = {};
  const size_t n = fread(buf, 1, sizeof buf - 1, pipe);
  const int status = pclose(pipe);
  std::string s(buf, n);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  if (status != 0 || s.size() != 40 || s.find_first_not_of("0123456789abcdef") != std::string::npos) return "unknown";
  return s;
}

std::string utc_now_iso8601() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace sailsim::regression
