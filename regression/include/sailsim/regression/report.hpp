// What a regression found, and the files it writes: results.json (every run), buckets.json
// (failures by signature) and junit.xml (one testsuite per group). Only the fields under
// "measured" (results.json) and the `time` attributes (junit.xml) hold machine-dependent
// values (wall time, speed, memory); everything else is the same for the same plan and seed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sailsim/regression/plan.hpp"

namespace sailsim::regression {

struct RunRecord {
  std::string group;
  GroupKind kind = GroupKind::Sequences;
  uint64_t index = 0;
  std::string name;                 // "<group>.<index>"
  std::optional<uint64_t> seed;     // none for a vectors run (`sailsim vectors` takes no seed)
  std::filesystem::path input;      // the sequence, the generated sequence or the vector set
  std::string result = "PASS";      // PASS FAIL BAD INPUT TIMEOUT VIOLATION CRASH WALL LIMIT MEMORY LIMIT ERROR
  int exit_code = 0;                // what the run counts as (docs/regress.md)
  int child_exit = -1;              // the child's own exit status, -1 when a signal ended it
  std::string signal;               // "SIGSEGV", ... ; "" when it exited
  std::string signature;            // "" for a pass
  std::optional<uint64_t> cycles;   // simulated cycles (replay --json, or vectors' count line)
  std::optional<uint64_t> ddr_beats;  // DDR data beats (replay --json); beats / cycles is DDR utilization
  bool nondeterministic = false;    // its rerun gave another exit code or signature
  std::string rerun;                // the rerun's result and signature when nondeterministic
  std::string repro;                // the reproducing command (failures only)
  bool wave = false;                // failures/<name>/wave.fst was written
  double wall_seconds = 0;          // measured
  long peak_rss_kib = 0;            // measured
};

struct Bucket {
  std::string signature;
  std::vector<size_t> runs;  // indices into the records, in plan order
};

bool failed(const RunRecord& r);

// Failing runs by signature, in the order of their first run.
struct HistoryMarks;  // history.hpp

std::vector<Bucket> bucket_failures(const std::vector<RunRecord>& records);

std::string json_string(const std::string& s);
// ["a", "b"], each as json_string.
std::string json_string_list(const std::vector<std::string>& v);
// 100 * part / whole with two decimals ("100.00" when whole is 0).
std::string json_percent(uint64_t part, uint64_t whole);
// &, <, > and " as entities, other control characters but \n and \t as spaces: XML and HTML text.
std::string xml_escape(const std::string& s);

// The texts of results.json and buckets.json (the dashboard carries them too). With
// `history` (--history), each bucket also gets its "history" mark and the file the previous
// night's "fixed" signatures.
// `coverage_json` ("" = none): the "coverage" object of a --coverage night (coverage_report.hpp).
std::string results_json(uint64_t base_seed, int exit_code, const std::vector<RunRecord>& records,
                         const std::string& coverage_json = "", const std::string& functional_json = "",
                         const std::string& mutation_json = "");
std::string buckets_json(const std::vector<RunRecord>& records, const std::vector<Bucket>& buckets,
                         const HistoryMarks* history = nullptr);

// Returns "" or what went wrong ("cannot write PATH: errno text").
// With `goals`, a last testsuite "coverage" holds one testcase per coverage goal.
struct GoalResult;
std::string write_junit(const std::filesystem::path& file, const std::vector<RunRecord>& records,
                        const std::vector<GoalResult>* goals = nullptr);

// The whole text of `file`; "" when it cannot be read (callers judge an empty text).
std::string read_text_file(const std::filesystem::path& file);

// Writes `text` to `file` (open / write / close, each checked).
std::string write_text_file(const std::filesystem::path& file, const std::string& text);

}  // namespace sailsim::regression
