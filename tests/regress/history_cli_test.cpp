// `sailsim regress --history FILE.sqlite` through the real binary: two nights of a small plan
// appended to a real SQLite file (read back here with the SQLite C API), buckets marked new /
// seen before / fixed, `--last`, and history files that are refused before any run.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "cli/run_command.hpp"

namespace fs = std::filesystem;
using sailsim::testing::CommandResult;
using sailsim::testing::run_command;

namespace {

const fs::path kSailsim = SAILSIM_CLI_PATH;
const fs::path kSource = SAILSIM_SOURCE_DIR;
const std::string kMismatch = "FAIL step N (check, <path>:N:N): OUT at 0xH differs from ggml_matmul";
const std::string kTimeout = "TIMEOUT step N (wait, <path>:N:N): wait until irq: not within N cycles";
const std::string kViolation =
    "VIOLATION step N (axi_read, <path>:N:N): AXI4 protocol violation WRAP_LEN on host AR at cycle N: id N addr "
    "0xH len N size N burst N: a WRAP burst has N, N, N or N beats";

fs::path scratch(const std::string& name) { return sailsim::testing::fresh_dir("history", name); }

// A passing group and an expected-failure group of the given files.
void write_plan(const fs::path& plan, const std::vector<std::string>& failing) {
  std::string list;
  for (const auto& f : failing) list += (list.empty() ? "" : ", ") + (kSource / "vectors/expected-failures" / f).string();
  std::ofstream(plan) << "sailsim_regress: 1\ngroups:\n"
                      << "  - {name: ok, sequences: [" << (kSource / "vectors/sequences/timing/matmul_slow.yaml").string()
                      << "]}\n  - {name: neg, sequences: [" << list << "]}\n";
}

CommandResult regress(const std::string& args) {
  return run_command("timeout -k 2 60 " + kSailsim.string() + " regress " + args);
}

// Every row of a query, each column as text ("NULL" for null).
std::vector<std::vector<std::string>> query(const fs::path& db_file, const std::string& sql) {
  std::vector<std::vector<std::string>> rows;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    rows.emplace_back();
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const auto* t = sqlite3_column_text(st, i);
      rows.back().push_back(t ? reinterpret_cast<const char*>(t) : "NULL");
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

std::map<std::string, std::string> history_of_buckets(const fs::path& buckets_json) {
  std::map<std::string, std::string> m;
  for (const auto& b : YAML::LoadFile(buckets_json.string())["buckets"])
    m[b["signature"].as<std::string>()] = b["history"].as<std::string>();
  return m;
}

TEST(RegressHistory, TwoNightsAreAppendedAndBucketsMarked) {
  const fs::path dir = scratch("nights");
  const fs::path db = dir / "history.sqlite";
  write_plan(dir / "plan.yaml", {"check_mismatch_fused.yaml", "timeout_irq_no_job.yaml"});
  // The plan lives in a git work tree: its HEAD is the night's commit.
  const CommandResult git = run_command("cd " + dir.string() + " && git init -q && git add plan.yaml && git -c "
                                        "user.name=t -c user.email=t@t commit -q -m plan && git rev-parse HEAD");
  ASSERT_EQ(git.exit_code, 0) << git.output;
  const std::string head = git.output.substr(0, 40);
  const CommandResult first = regress((dir / "plan.yaml").string() + " --out " + (dir / "n1").string() +
                                      " --max-waves 0 --seed 5 --history " + db.string());
  ASSERT_EQ(first.exit_code, 3) << first.output;  // the timeout is the most severe
  EXPECT_EQ(history_of_buckets(dir / "n1/buckets.json"),
            (std::map<std::string, std::string>{{kMismatch, "new"}, {kTimeout, "new"}}));

  // The second night of the same plan: the timeout is gone, a violation appears.
  write_plan(dir / "plan.yaml", {"check_mismatch_fused.yaml", "unexpected_violation.yaml"});
  const CommandResult second = regress((dir / "plan.yaml").string() + " --out " + (dir / "n2").string() +
                                       " --max-waves 0 --seed 6 --history " + db.string());
  ASSERT_EQ(second.exit_code, 4) << second.output;
  EXPECT_EQ(history_of_buckets(dir / "n2/buckets.json"),
            (std::map<std::string, std::string>{{kMismatch, "seen before"}, {kViolation, "new"}}));
  const YAML::Node fixed = YAML::LoadFile((dir / "n2/buckets.json").string())["fixed"];
  ASSERT_EQ(fixed.size(), 1u);
  EXPECT_EQ(fixed[0].as<std::string>(), kTimeout);
  EXPECT_NE(second.output.find("bucket (1 runs, seen before): " + kMismatch), std::string::npos) << second.output;
  EXPECT_NE(second.output.find("bucket (1 runs, new): " + kViolation), std::string::npos) << second.output;
  EXPECT_NE(second.output.find("fixed since the previous night: " + kTimeout), std::string::npos) << second.output;

  EXPECT_EQ(query(db, "SELECT version FROM schema_version"), (std::vector<std::vector<std::string>>{{"1"}}));
  const auto nights = query(db, "SELECT id, plan, base_seed, runs, failed, exit_code, length(plan_sha256), "
                                "date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z', "
                                "git_commit FROM nights ORDER BY id");
  const std::string plan = (dir / "plan.yaml").string();
  EXPECT_EQ(nights, (std::vector<std::vector<std::string>>{{"1", plan, "5", "3", "2", "3", "64", "1", head},
                                                           {"2", plan, "6", "3", "2", "4", "64", "1", head}}));
  // The runs as results.json has them, night by night.
  for (const auto& [night, out] : std::vector<std::pair<std::string, fs::path>>{{"1", dir / "n1"}, {"2", dir / "n2"}}) {
    SCOPED_TRACE(night);
    const auto rows = query(db, "SELECT group_name, kind, name, seed, result, exit_code, coalesce(signature, ''), "
                                "coalesce(cycles, -1), signal IS NULL, wall_seconds > 0 FROM runs WHERE night_id = " +
                                    night + " ORDER BY rowid");
    const YAML::Node runs = YAML::LoadFile((out / "results.json").string())["runs"];
    ASSERT_EQ(rows.size(), runs.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      const YAML::Node& r = runs[i];
      EXPECT_EQ(rows[i], (std::vector<std::string>{
                             r["group"].as<std::string>(), r["kind"].as<std::string>(), r["name"].as<std::string>(),
                             r["seed"].as<std::string>(), r["result"].as<std::string>(), r["exit_code"].as<std::string>(),
                             r["signature"].IsNull() ? "" : r["signature"].as<std::string>(),
                             r["cycles"].IsNull() ? "-1" : r["cycles"].as<std::string>(), "1", "1"}));
    }
  }
  EXPECT_EQ(query(db, "SELECT result FROM runs WHERE name = 'ok.0' ORDER BY night_id"),
            (std::vector<std::vector<std::string>>{{"PASS"}, {"PASS"}}));

  // --last 2 prints both nights, oldest first; --group keeps that group's runs.
  const CommandResult last = regress("--history " + db.string() + " --last 2");
  ASSERT_EQ(last.exit_code, 0) << last.output;
  const auto n1 = last.output.find("\n1 ");
  const auto n2 = last.output.find("\n2 ");
  ASSERT_NE(n1, std::string::npos) << last.output;
  ASSERT_NE(n2, std::string::npos) << last.output;
  EXPECT_LT(n1, n2);
  EXPECT_NE(last.output.find("       3       2  ok 1/1 (100.0%), neg 0/2 (0.0%)"), std::string::npos) << last.output;
  const CommandResult one = regress("--history " + db.string() + " --last 1 --group ok");
  ASSERT_EQ(one.exit_code, 0) << one.output;
  EXPECT_EQ(one.output.find("\n1 "), std::string::npos) << one.output;
  EXPECT_NE(one.output.find("       1       0  ok 1/1 (100.0%)\n"), std::string::npos) << one.output;
  EXPECT_EQ(one.output.find("neg"), std::string::npos) << one.output;
  fs::remove_all(dir);
}

TEST(RegressHistory, UnusableHistoryIsRefusedBeforeAnyRun) {
  const fs::path dir = scratch("refused");
  write_plan(dir / "plan.yaml", {"check_mismatch_fused.yaml"});
  const std::vector<std::pair<fs::path, std::string>> cases = {
      {dir, "--history " + dir.string() + ": is a folder, not an SQLite file"},
      {dir / "missing/h.sqlite", "--history " + (dir / "missing/h.sqlite").string() + ": cannot open"},
      {dir / "plan.yaml", "--history " + (dir / "plan.yaml").string() + ": cannot open for writing: file is not a database"}};
  for (const auto& [history, message] : cases) {
    SCOPED_TRACE(history);
    const CommandResult r =
        regress((dir / "plan.yaml").string() + " --out " + (dir / "out").string() + " --history " + history.string());
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(message), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("nothing was run"), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(dir / "out"));  // no run started, DIR untouched
  }
  EXPECT_FALSE(fs::exists(dir / "missing"));
  // Another schema version is named.
  const fs::path other = dir / "other.sqlite";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(other.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE schema_version (version INTEGER NOT NULL); "
                             "INSERT INTO schema_version VALUES (7);", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const CommandResult r =
      regress((dir / "plan.yaml").string() + " --out " + (dir / "out").string() + " --history " + other.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--history " + other.string() + ": schema_version is 7, this sailsim reads and writes version 1"),
            std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "out"));
  const CommandResult last = regress("--history " + other.string() + " --last 1");
  EXPECT_EQ(last.exit_code, 2) << last.output;
  // --last without --history, and with a plan.
  EXPECT_EQ(regress("--last 1").exit_code, 2);
  EXPECT_EQ(regress("--history " + other.string() + " --last 1 --out " + (dir / "out").string()).exit_code, 2);
  EXPECT_EQ(regress((dir / "plan.yaml").string() + " --out " + (dir / "out").string() + " --last 1").exit_code, 2);
  fs::remove_all(dir);
}

}  // namespace
