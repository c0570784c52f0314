#include "sailsim/regression/regression.hpp"

#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <span>
#include <sstream>

#include "sailsim/regression/coverage_report.hpp"
#include "sailsim/regression/ctest_list.hpp"
#include "sailsim/regression/dashboard.hpp"
#include "sailsim/regression/functional_coverage.hpp"
#include "sailsim/regression/history.hpp"
#include "sailsim/regression/mutation_summary.hpp"
#include "sailsim/regression/plan.hpp"
#include "sailsim/regression/process.hpp"
#include "sailsim/regression/report.hpp"
#include "sailsim/regression/seed.hpp"
#include "sailsim/regression/shard.hpp"
#include "sailsim/regression/signature.hpp"
#include "sailsim/replay/scan.hpp"
#include "sailsim/vecset/input_error.hpp"
#include "sailsim/vecset/sha256.hpp"
#include "sailsim/vecset/yaml_file.hpp"

namespace fs = std::filesystem;

namespace sailsim::regression {

int most_severe(int a, int b) {
  const auto rank = [](int c) {
    switch (c) {
      case 2: return 5;
      case 4: return 4;
      case 3: return 3;
      case 1: return 2;
      case 0: return 0;
      default: return 1;
    }
  };
  return rank(a) >= rank(b) ? a : b;
}

namespace {

// One run and what it needs while it runs.
struct Run {
  RunRecord rec;
  fs::path sailsim;  // the binary
  Limits limits;
  fs::path dir;      // DIR/runs/<name>: scratch
  std::vector<std::string> gen_knobs;
  std::string gen_kind;
  bool generated_ok = false;
  fs::path ctest, build;  // Ctest: the ctest binary and the build folder
  bool coverage = false;          // --coverage: runs sailsim-coverage, leaves coverage.dat
  bool coverage_missing = false;  // ... and left none (or an unreadable one)
  bool functional = false;        // a replay run: writes fcov.txt (functional coverage)
};

// sailsim-coverage beside sailsim (the normal build makes it).
fs::path coverage_binary(const Options& o) { return o.self.parent_path() / "sailsim-coverage"; }

// Whether a group's runs are in the coverage: those that simulate the default card.
bool covered_group(const Group& g) {
  return g.kind != GroupKind::Ctest && g.kind != GroupKind::Sweep && g.sailsim.empty();
}

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool has_tag(const fs::path& file, const std::vector<std::string>& tags) {
  try {
    const YAML::Node root = vecset::load_yaml_file(file);
    if (!root.IsMap() || !root["tags"] || !root["tags"].IsSequence()) return false;
    for (const auto& t : root["tags"])
      for (const auto& want : tags)
        if (t.IsScalar() && t.Scalar() == want) return true;
  } catch (const std::exception&) {
    return true;  // an unreadable file stays in, so that its run reports the input error
  }
  return false;
}

constexpr uint64_t kMaxRuns = 1'000'000;  // per group: a typo in --seeds must not exhaust memory

// Run `i` of group `g` (input: its file for sequences, vectors and ctest groups).
Run make_run(const Group& g, uint64_t i, const fs::path& input, const fs::path& ctest, const Options& o) {
  Run r;
  r.rec.group = g.name;
  r.rec.kind = g.kind;
  r.rec.index = i;
  r.rec.name = g.name + "." + std::to_string(i);
  if (takes_seed(g.kind)) r.rec.seed = derive_seed(o.base_seed, g.name, i);
  if (g.kind == GroupKind::Ctest) {
    r.ctest = ctest;
    r.build = g.build;
  }
  r.sailsim = g.sailsim.empty() ? o.self : g.sailsim;
  if (o.coverage && covered_group(g)) {
    r.sailsim = coverage_binary(o);
    r.coverage = true;
  }
  r.functional = runs_replay(g.kind);
  r.limits = g.limits;
  r.dir = o.out / "runs" / r.rec.name;
  if (seeded_group(g.kind)) {
    r.gen_kind = g.gen_kind;
    for (const auto& [k, v] : g.knobs) {
      r.gen_knobs.push_back("--" + k);
      r.gen_knobs.push_back(v);
    }
    r.rec.input = g.kind == GroupKind::Gen ? r.dir / (r.rec.name + ".yaml") : fs::path();
  } else {
    r.rec.input = input;
  }
  return r;
}

std::vector<Run> expand(const Plan& plan, const Options& o) {
  std::vector<Run> runs;
  const fs::path ctest = find_ctest();
  for (const Group& g : plan.groups) {
    std::vector<fs::path> inputs;
    uint64_t count = 0;
    if (seeded_group(g.kind)) {
      count = g.seeds * o.seeds_scale;  // both at most 10^6: no overflow
      if (count > kMaxRuns)
        throw vecset::InputError(plan.file, std::string(kind_name(g.kind)) + " group `" + g.name + "` has " + std::to_string(count) +
                                                " runs with --seeds " + std::to_string(o.seeds_scale) +
                                                ": at most " + std::to_string(kMaxRuns));
    } else if (g.kind == GroupKind::Sequences) {
      for (const auto& f : replay::scan_sequences(g.paths).sequences)
        if (g.tags.empty() || has_tag(f, g.tags)) inputs.push_back(fs::absolute(f).lexically_normal());
      if (inputs.empty())
        throw vecset::InputError(plan.file, "group `" + g.name + "` selects no sequence" +
                                                (g.tags.empty() ? std::string() : " with its tags"));
      count = inputs.size();
    } else if (g.kind == GroupKind::Ctest) {
      try {
        for (const auto& t : ctest_tests(ctest, g.build, g.tags)) inputs.emplace_back(t);
      } catch (const std::runtime_error& e) {
        throw vecset::InputError(plan.file, "ctest group `" + g.name + "`: " + e.what());
      }
      if (inputs.empty())
        throw vecset::InputError(plan.file, "ctest group `" + g.name + "` selects no test of " + g.build.string() +
                                                " (no test has one of its labels)");
      count = inputs.size();
    } else {
      inputs = g.paths;
      count = inputs.size();
    }
    for (uint64_t i = 0; i < count; ++i) runs.push_back(make_run(g, i, i < inputs.size() ? inputs[i] : fs::path(), ctest, o));
  }
  return runs;
}

enum class Stage { Gen, Main, Rerun, Wave };

std::vector<std::string> gen_argv(const Run& r) {
  std::vector<std::string> a{r.sailsim.string(), "gen", r.gen_kind, "--seed", std::to_string(*r.rec.seed), "-o",
                             r.rec.input.string()};
  a.insert(a.end(), r.gen_knobs.begin(), r.gen_knobs.end());
  return a;
}

// `sailsim sweep KIND --seed S --KNOB V...`, without its mismatch folder.
std::vector<std::string> sweep_argv(const Run& r) {
  std::vector<std::string> a{r.sailsim.string(), "sweep", r.gen_kind, "--seed", std::to_string(*r.rec.seed)};
  a.insert(a.end(), r.gen_knobs.begin(), r.gen_knobs.end());
  return a;
}

// The command of the run itself; `json` and `trace` are extra outputs ("" = none).
std::vector<std::string> main_argv(const Run& r, const fs::path& json, const fs::path& trace, const fs::path& out) {
  if (r.rec.kind == GroupKind::Vectors) return {r.sailsim.string(), "vectors", r.rec.input.string()};
  if (r.rec.kind == GroupKind::Ctest) return ctest_argv(r.ctest, r.build, r.rec.input.string());
  if (r.rec.kind == GroupKind::Sweep) {
    std::vector<std::string> a = sweep_argv(r);
    a.insert(a.end(), {"--mismatches", (out.empty() ? fs::path("repro-mismatches") : out / "mismatches").string()});
    return a;
  }
  std::vector<std::string> a{r.sailsim.string(), "replay", "--seed", std::to_string(*r.rec.seed)};
  if (!json.empty()) a.insert(a.end(), {"--json", json.string()});
  if (!trace.empty()) a.insert(a.end(), {"--trace", trace.string()});
  if (!out.empty()) a.insert(a.end(), {"-o", out.string()});
  a.push_back(r.rec.input.string());
  return a;
}

struct Verdict {
  std::string result;
  int exit_code = 0;
  int child_exit = -1;
  std::string signal;
  std::string signature;
  std::optional<uint64_t> cycles;
  std::optional<uint64_t> ddr_beats;
};

// What one child's outcome means. `json` is replay's report ("" for vectors).
Verdict judge(const ChildOutcome& c, const fs::path& log, const fs::path& json, const Limits& limits,
              const char* stage) {
  Verdict v;
  const std::string text = read_text_file(log);
  if (!c.spawn_error.empty()) {
    v.result = "ERROR";
    v.exit_code = 2;
    v.signature = "ERROR: " + c.spawn_error;
    return v;
  }
  v.child_exit = c.exit_code;
  if (c.signal) v.signal = signal_name(c.signal);
  if (c.wall_limit) {
    v.result = "WALL LIMIT";
    v.exit_code = 3;
    v.signature = std::string("WALL LIMIT: ") + stage + " killed after limits.wall_seconds " +
                  std::to_string(limits.wall_seconds);
    return v;
  }
  const bool out_of_memory = text.find("bad_alloc") != std::string::npos ||
                             text.find("Cannot allocate memory") != std::string::npos ||
                             text.find("out of memory") != std::string::npos;
  if (c.signal) {
    v.result = out_of_memory ? "MEMORY LIMIT" : "CRASH";
    v.exit_code = 1;
    v.signature = v.result + ": " + stage + " ended by " + v.signal;
    return v;
  }
  // Simulated cycles, and replay's own first failing line when it wrote its report.
  std::string first;
  if (!json.empty() && fs::exists(json)) {
    try {
      const YAML::Node root = YAML::Load(read_text_file(json));
      uint64_t cycles = 0, beats = 0;
      for (const auto& s : root["sequences"]) {
        cycles += s["cycles"].as<uint64_t>();
        beats += s["ddr_beats"].as<uint64_t>();
        if (first.empty() && s["exit_code"].as<int>() != 0) first = first_failure_line(s["report"].as<std::string>());
      }
      v.cycles = cycles;
      v.ddr_beats = beats;
    } catch (const std::exception&) {
      // an unreadable report: fall back to the log
    }
  } else {
    static const std::regex count_line(R"(; ([0-9]+) cycles\))");
    std::smatch m;
    if (std::regex_search(text, m, count_line)) v.cycles = std::stoull(m[1].str());
  }
  if (first.empty()) first = first_failure_line(text);
  switch (c.exit_code) {
    case 0: v.result = "PASS"; break;
    case 1: v.result = "FAIL"; break;
    case 2: v.result = "BAD INPUT"; break;
    case 3: v.result = "TIMEOUT"; break;
    case 4: v.result = "VIOLATION"; break;
    default: v.result = "ERROR"; break;
  }
  v.exit_code = c.exit_code >= 0 && c.exit_code <= 4 ? c.exit_code : 1;
  if (v.result == "PASS") return v;
  // Past RLIMIT_AS an allocation fails: replay reports std::bad_alloc (as bad input when it
  // happens while loading); that is the limit's doing, not the input's.
  if (out_of_memory) {
    v.result = "MEMORY LIMIT";
    v.exit_code = 1;
  }
  v.signature = normalize_signature(first);
  if (v.result == "MEMORY LIMIT") v.signature = "MEMORY LIMIT: " + v.signature;
  if (v.result == "ERROR") v.signature = "EXIT " + std::to_string(c.exit_code) + ": " + v.signature;
  if (std::string(stage) == "gen") v.signature = "gen: " + v.signature;
  return v;
}

// A ctest run: any nonzero exit of ctest is the test's failure (exit code 1), signed by the
// test's own first failing line; limits, signals and spawn errors stay as judge() says.
Verdict judge_ctest(Verdict v, const fs::path& log, const std::string& test) {
  const bool limit_or_signal = !v.signal.empty() || v.result == "WALL LIMIT" || v.child_exit < 0;
  if (v.result == "PASS" || limit_or_signal) return v;
  v.result = "FAIL";
  v.exit_code = 1;
  v.signature = normalize_signature(ctest_failure_line(test, read_text_file(log)));
  return v;
}

class Progress {
 public:
  Progress(std::ostream& err, size_t total) : err_(err), total_(total), tty_(isatty(STDERR_FILENO)), t0_(now_seconds()) {}
  void done(const RunRecord& r) {
    ++done_;
    if (failed(r)) ++failed_;
    const double t = now_seconds() - t0_;
    const double rate = t > 0 ? static_cast<double>(done_) / t : 0;
    const double left = rate > 0 ? static_cast<double>(total_ - done_) / rate : 0;
    char line[256];
    std::snprintf(line, sizeof line, "[%zu/%zu] failed %zu, %.2f runs/s, about %.0f s left", done_, total_, failed_,
                  rate, left);
    if (tty_) {
      err_ << "\r" << line << "  " << r.name << " " << r.result << "\033[K" << std::flush;
      if (done_ == total_) err_ << "\n";
    } else {
      err_ << line << "  " << r.name << " " << r.result << "\n";
    }
  }

 private:
  std::ostream& err_;
  size_t total_, done_ = 0, failed_ = 0;
  bool tty_;
  double t0_;
};

void copy_into(const fs::path& from, const fs::path& dir) {
  std::error_code ec;
  if (fs::is_directory(from)) fs::copy(from, dir / from.filename(), fs::copy_options::recursive, ec);
  else if (fs::exists(from)) fs::copy_file(from, dir / from.filename(), fs::copy_options::overwrite_existing, ec);
}

// Every failing run's folder: its input, logs, replay report, repro.sh.
void write_failure_folder(Run& r, const fs::path& failures) {
  const fs::path dir = failures / r.rec.name;
  fs::create_directories(dir);
  for (const char* f : {"gen.log", "log.txt", "replay.json", "mismatches"}) copy_into(r.dir / f, dir);
  copy_into(r.rec.input, dir);
  // Sequences and vector sets are named by absolute path (their data files are found beside
  // them); a generated sequence is the copy beside repro.sh.
  std::vector<std::string> argv;
  if (r.rec.kind == GroupKind::Gen && !r.generated_ok) {
    argv = gen_argv(r);  // the generator itself failed: its command is the reproduction
    argv[6] = r.rec.input.filename().string();
  } else if (r.rec.kind == GroupKind::Gen) {
    argv = {r.sailsim.string(), "replay", "--seed", std::to_string(*r.rec.seed), r.rec.input.filename().string()};
  } else {
    argv = main_argv(r, {}, {}, {});
  }
  std::string cmd;
  for (const auto& a : argv) cmd += (cmd.empty() ? "" : " ") + shell_quote(a);
  r.rec.repro = "sh " + (dir / "repro.sh").string();
  std::string script = "#!/bin/sh\n# sailsim regress: run " + r.rec.name +
                       (r.rec.seed ? " (seed " + std::to_string(*r.rec.seed) + ")" : std::string()) + ", " +
                       r.rec.result + ", exit code " + std::to_string(r.rec.exit_code) + "\n# signature: " +
                       r.rec.signature + "\n";
  if (r.rec.kind == GroupKind::Gen) {
    std::string gen;
    for (const auto& a : gen_argv(r)) gen += (gen.empty() ? "" : " ") + shell_quote(a);
    script += "# generated by: " + gen + "\n";
  }
  script += "cd \"$(dirname \"$0\")\" || exit 2\nexec " + cmd + "\n";
  write_text_file(dir / "repro.sh", script);
  fs::permissions(dir / "repro.sh", fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                  fs::perm_options::add);
}

// What results.json names a run's input by. DIR/runs is scratch: a generated run is named by
// the command that makes its file.
std::string recorded_input(const Run& r) {
  if (r.rec.kind == GroupKind::Sweep) {
    std::string cmd = "sailsim";
    const std::vector<std::string> argv = sweep_argv(r);
    for (size_t a = 1; a < argv.size(); ++a) cmd += " " + argv[a];
    return cmd;
  }
  if (r.rec.kind != GroupKind::Gen) return r.rec.input.string();
  const std::vector<std::string> argv = gen_argv(r);
  std::string cmd = "sailsim";
  for (size_t a = 1; a < argv.size(); ++a)
    if (a != 5 && a != 6) cmd += " " + argv[a];  // without -o FILE
  return cmd;
}

// A covered run's child writes its coverage into `dir`/coverage.dat.
std::vector<std::string> coverage_env(const Run& r, const fs::path& dir) {
  if (!r.coverage) return {};
  return {"SAILSIM_COVERAGE_FILE=" + (dir / "coverage.dat").string()};
}

// The command that runs shard `index` of `count` again (a missing shard's reproduction).
std::string shard_command(const Options& o, const fs::path& plan, uint64_t index, uint64_t count, const fs::path& dir) {
  std::string cmd = shell_quote(o.self.string()) + " regress " + shell_quote(plan.string()) + " --out " +
                    shell_quote(dir.string()) + " --shard " + std::to_string(index) + "/" + std::to_string(count) +
                    " --seed " + std::to_string(o.base_seed) + " --seeds " + std::to_string(o.seeds_scale) +
                    " --max-waves " + std::to_string(o.max_waves) + " -j " + std::to_string(o.jobs) +
                    (o.coverage ? " --coverage" : "");
  return cmd;
}

// --merge: the records of the whole plan from the shard folders (the i-th is shard i of N),
// in plan order; failure folders copied into DIR/failures and waves kept as a local run keeps
// them. The runs of a shard without shard.json are MISSING. Throws ShardError for a folder
// that belongs to another plan, seed or shard count, or whose results lack a run.
struct ReportedShard {
  std::map<std::string, RunRecord> records;
  std::map<std::string, WaveCandidate> candidates;
  coverage::CoverageData coverage;                  // with --coverage
  std::set<std::string> runs_without_coverage;
  NightFunctional functional;
  std::set<std::string> runs_without_functional;  // functional.runs_without, to look up
};

struct ShardFolders {
  std::vector<std::optional<ReportedShard>> shards;  // none: never reported
  std::vector<std::string> why_missing;
};

// Reads and checks every --merge folder before anything is written.
ShardFolders read_shards(const std::vector<Run>& runs, const Options& o, const std::string& plan_sha256) {
  const uint64_t n = o.merge.size();
  ShardFolders f;
  auto& shards = f.shards;
  auto& why_missing = f.why_missing;
  shards.resize(n);
  why_missing.resize(n);
  for (uint64_t s = 0; s < n; ++s) {
    const fs::path& dir = o.merge[s];
    const fs::path manifest = dir / "shard.json";
    if (!fs::is_regular_file(manifest)) {
      why_missing[s] = "no " + manifest.string();
      continue;
    }
    const ShardManifest m = read_shard_manifest(manifest);
    const std::string where = manifest.string() + ": ";
    if (m.shard.index != s + 1 || m.shard.count != n)
      throw ShardError(where + "shard " + std::to_string(m.shard.index) + "/" + std::to_string(m.shard.count) +
                       ", but it is --merge folder " + std::to_string(s + 1) + " of " + std::to_string(n) +
                       " (give the folders of shards 1..N in order)");
    if (m.plan_sha256 != plan_sha256) throw ShardError(where + "a run of another plan (its plan's sha256 differs)");
    const auto differs = [&](const char* what, uint64_t got, uint64_t want) {
      if (got != want)
        throw ShardError(where + "ran with " + what + " " + std::to_string(got) + ", the merge has " +
                         std::to_string(want));
    };
    differs("--seed", m.base_seed, o.base_seed);
    differs("--seeds", m.seeds_scale, o.seeds_scale);
    differs("--max-waves", m.max_waves, o.max_waves);
    differs("plan runs", m.plan_runs, runs.size());
    if (m.coverage != o.coverage)
      throw ShardError(where + (m.coverage ? "ran with --coverage, the merge has none"
                                           : "ran without --coverage, the merge has it"));
    ReportedShard rep;
    rep.records = read_results(dir / "results.json");
    uint64_t slice = 0;
    for (size_t i = 0; i < runs.size(); ++i) slice += i % n == s ? 1 : 0;
    if (rep.records.size() != slice)
      throw ShardError((dir / "results.json").string() + ": " + std::to_string(rep.records.size()) +
                       " runs, the shard has " + std::to_string(slice));
    for (const WaveCandidate& c : m.wave_candidates) rep.candidates[c.run] = c;
    if (o.coverage) {
      try {
        rep.coverage = coverage::CoverageData::read(dir / "coverage" / "coverage.dat");
      } catch (const coverage::CoverageError& e) {
        throw ShardError(e.what());
      }
      for (const auto& name : read_runs_without_coverage(dir / "results.json")) rep.runs_without_coverage.insert(name);
    }
    try {
      read_functional_groups(dir, rep.functional);
      rep.runs_without_functional.insert(rep.functional.runs_without.begin(), rep.functional.runs_without.end());
    } catch (const fcov::FcovError& e) {
      throw ShardError(e.what());
    }
    shards[s] = std::move(rep);
  }
  bool any = false;
  for (const auto& s : shards) any = any || s.has_value();
  if (!any) throw ShardError("no shard reported (" + why_missing.front() + ", ...)");
  return f;
}

std::vector<RunRecord> merge_shards(const std::vector<Run>& runs, const Options& o, const fs::path& plan,
                                    const ShardFolders& folders, NightCoverage& night, NightFunctional& functional) {
  const uint64_t n = o.merge.size();
  const auto& shards = folders.shards;
  const auto& why_missing = folders.why_missing;
  std::vector<RunRecord> records;
  std::map<std::string, unsigned> waves_in_bucket;
  const fs::path failures = o.out / "failures";
  for (size_t i = 0; i < runs.size(); ++i) {
    const uint64_t s = i % n;
    RunRecord rec = runs[i].rec;
    rec.input = recorded_input(runs[i]);
    if (o.coverage && runs[i].coverage &&
        (!shards[s] || shards[s]->runs_without_coverage.count(rec.name)))
      night.runs_without_coverage.push_back(rec.name);
    if (runs[i].functional && (!shards[s] || shards[s]->runs_without_functional.count(rec.name)))
      functional.runs_without.push_back(rec.name);
    if (!shards[s]) {
      rec.result = "MISSING";
      rec.exit_code = 1;
      rec.signature = "MISSING: shard " + std::to_string(s + 1) + "/" + std::to_string(n) + " never reported (" +
                      why_missing[s] + ")";
      rec.repro = shard_command(o, plan, s + 1, n, o.merge[s]);
      records.push_back(rec);
      continue;
    }
    const auto it = shards[s]->records.find(rec.name);
    if (it == shards[s]->records.end())
      throw ShardError((o.merge[s] / "results.json").string() + " lacks run " + rec.name);
    const RunRecord& got = it->second;
    if (got.group != rec.group || got.kind != rec.kind || got.seed != rec.seed || got.input != rec.input)
      throw ShardError((o.merge[s] / "results.json").string() + ": run " + rec.name +
                       " has another input or seed than the plan gives it");
    rec.result = got.result;
    rec.exit_code = got.exit_code;
    rec.child_exit = got.child_exit;
    rec.signal = got.signal;
    rec.signature = got.signature;
    rec.nondeterministic = got.nondeterministic;
    rec.rerun = got.rerun;
    rec.cycles = got.cycles;
    rec.ddr_beats = got.ddr_beats;
    rec.wall_seconds = got.wall_seconds;
    rec.peak_rss_kib = got.peak_rss_kib;
    if (failed(rec)) {
      const fs::path from = o.merge[s] / "failures" / rec.name;
      const fs::path to = failures / rec.name;
      std::error_code ec;
      fs::create_directories(failures, ec);
      fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
      if (ec) throw ShardError("cannot copy " + from.string() + " to " + to.string() + ": " + ec.message());
      const auto c = shards[s]->candidates.find(rec.name);
      if (c != shards[s]->candidates.end() && waves_in_bucket[c->second.bucket]++ < o.max_waves)
        rec.wave = c->second.wave;
      if (!rec.wave) fs::remove(to / "wave.fst", ec);
      rec.repro = "sh " + (to / "repro.sh").string();
    }
    records.push_back(std::move(rec));
  }
  if (o.coverage)
    for (const auto& shard : shards)
      if (shard) night.data.merge(shard->coverage);
  for (const auto& shard : shards)
    if (shard)
      for (const auto& [group, counts] : shard->functional.by_group) functional.by_group[group].merge(counts);
  return records;
}

// Runs every run (phase 1), reruns the failures (phase 2), writes their failure folders, and
// returns the records in plan order; `candidates` gets the failing runs that could get a wave.
std::vector<RunRecord> execute(std::vector<Run>& runs, const Options& o, std::ostream& err,
                               std::vector<WaveCandidate>& candidates, NightCoverage* night,
                               NightFunctional& functional) {
  stop_on_interrupt();
  ChildPool pool;
  Progress progress(err, runs.size());
  // tag = run index * 4 + stage
  const auto tag = [](size_t i, Stage s) { return static_cast<uint64_t>(i) * 4 + static_cast<uint64_t>(s); };
  const auto start_main = [&](size_t i) {
    Run& r = runs[i];
    fs::create_directories(r.dir);
    if (r.rec.kind == GroupKind::Gen && !r.generated_ok) {
      pool.start(tag(i, Stage::Gen), {gen_argv(r), r.dir / "gen.log", r.dir, r.limits, {}});
      return;
    }
    std::vector<std::string> argv = main_argv(r, r.dir / "replay.json", {}, r.dir);
    if (r.functional) argv.insert(argv.end() - 1, {"--functional-coverage", (r.dir / "fcov.txt").string()});
    pool.start(tag(i, Stage::Main), {argv, r.dir / "log.txt", r.dir, r.limits, coverage_env(r, r.dir)});
  };
  const auto apply = [](RunRecord& rec, const Verdict& v) {
    rec.result = v.result;
    rec.exit_code = v.exit_code;
    rec.child_exit = v.child_exit;
    rec.signal = v.signal;
    rec.signature = v.signature;
    rec.cycles = v.cycles;
    rec.ddr_beats = v.ddr_beats;
  };
  const auto json_of = [](const Run& r, const fs::path& dir) {
    return runs_replay(r.rec.kind) ? dir / "replay.json" : fs::path();
  };
  // The run itself (or its rerun) from the files in `dir`.
  const auto judge_main = [&](const Run& r, const ChildOutcome& outcome, const fs::path& dir) {
    const Verdict v = judge(outcome, dir / "log.txt", json_of(r, dir), r.limits, "run");
    return r.rec.kind == GroupKind::Ctest ? judge_ctest(v, dir / "log.txt", r.rec.input.string()) : v;
  };

  // Phase 1: every run.
  size_t next = 0;
  while (next < runs.size() || pool.running() > 0) {
    while (next < runs.size() && pool.running() < o.jobs) start_main(next++);
    const auto [t, outcome] = pool.wait_any();
    const size_t i = t / 4;
    const auto stage = static_cast<Stage>(t % 4);
    Run& r = runs[i];
    r.rec.wall_seconds += outcome.wall_seconds;
    r.rec.peak_rss_kib = std::max(r.rec.peak_rss_kib, outcome.peak_rss_kib);
    if (stage == Stage::Gen) {
      const Verdict v = judge(outcome, r.dir / "gen.log", {}, r.limits, "gen");
      if (v.exit_code == 0 && fs::exists(r.rec.input)) {
        r.generated_ok = true;
        start_main(i);
        continue;
      }
      apply(r.rec, v);
      if (r.functional) functional.runs_without.push_back(r.rec.name);  // nothing was replayed
      if (v.exit_code == 0) {
        r.rec.result = "ERROR";
        r.rec.exit_code = 1;
        r.rec.signature = "gen: wrote no file";
      }
    } else {
      apply(r.rec, judge_main(r, outcome, r.dir));
      if (r.functional) functional.add_run(r.rec.group, r.rec.name, r.dir / "fcov.txt");
      if (r.coverage) {
        // Folded in as the run ends: a night of many runs never holds more than one file.
        const fs::path dat = r.dir / "coverage.dat";
        try {
          if (!fs::exists(dat)) throw coverage::CoverageError(dat.string() + ": not written");
          night->data.merge(coverage::CoverageData::read(dat));
          fs::remove(dat);
        } catch (const coverage::CoverageError&) {
          r.coverage_missing = true;
        }
      }
    }
    progress.done(r.rec);
  }

  // Phase 2: rerun each failing run once (same exit code and signature, or it is a
  // determinism failure), and the first --max-waves of each bucket with an FST.
  std::map<std::string, unsigned> waves_in_bucket;
  std::vector<size_t> failing;
  for (size_t i = 0; i < runs.size(); ++i)
    if (runs[i].rec.exit_code != 0 && (runs[i].rec.kind != GroupKind::Gen || runs[i].generated_ok)) failing.push_back(i);
  std::vector<std::pair<size_t, Stage>> reruns;
  std::vector<size_t> candidate_runs;  // the run of each candidate
  for (const size_t i : failing) {
    reruns.emplace_back(i, Stage::Rerun);
    if (!runs_replay(runs[i].rec.kind)) continue;
    candidates.push_back({runs[i].rec.name, runs[i].rec.signature, false});
    candidate_runs.push_back(i);
    if (waves_in_bucket[runs[i].rec.signature]++ < o.max_waves) reruns.emplace_back(i, Stage::Wave);
  }
  const fs::path failures = o.out / "failures";
  next = 0;
  while (next < reruns.size() || pool.running() > 0) {
    while (next < reruns.size() && pool.running() < o.jobs) {
      const auto [i, stage] = reruns[next++];
      Run& r = runs[i];
      const fs::path d = r.dir / (stage == Stage::Rerun ? "rerun" : "wave");
      fs::create_directories(d);
      const fs::path trace = stage == Stage::Wave ? d / "wave.fst" : fs::path();
      pool.start(tag(i, stage), {main_argv(r, json_of(r, d), trace, d), d / "log.txt", d, r.limits, coverage_env(r, d)});
    }
    const auto [t, outcome] = pool.wait_any();
    Run& r = runs[t / 4];
    const auto stage = static_cast<Stage>(t % 4);
    if (stage == Stage::Rerun) {
      const Verdict v = judge_main(r, outcome, r.dir / "rerun");
      if (v.exit_code != r.rec.exit_code || v.signature != r.rec.signature) {
        r.rec.nondeterministic = true;
        r.rec.rerun = v.result + " (exit code " + std::to_string(v.exit_code) + "): " + v.signature;
      }
    } else {
      const fs::path fst = r.dir / "wave" / "wave.fst";
      if (fs::exists(fst)) {
        fs::create_directories(failures / r.rec.name);
        std::error_code ec;
        fs::copy_file(fst, failures / r.rec.name / "wave.fst", fs::copy_options::overwrite_existing, ec);
        r.rec.wave = !ec;
      }
    }
  }

  for (Run& r : runs) {
    if (r.rec.nondeterministic)
      r.rec.signature = "DETERMINISM: first " + r.rec.result + ": " + r.rec.signature + "; rerun " + r.rec.rerun;
    if (failed(r.rec)) write_failure_folder(r, failures);
  }
  for (size_t c = 0; c < candidates.size(); ++c) candidates[c].wave = runs[candidate_runs[c]].rec.wave;
  for (const Run& r : runs)
    if (r.coverage_missing) night->runs_without_coverage.push_back(r.rec.name);
  std::vector<RunRecord> records;
  for (const Run& r : runs) {
    records.push_back(r.rec);
    records.back().input = recorded_input(r);
  }
  return records;
}

// --until-covered: while a hole has feeders (fed_holes) and the budget lasts, a round gives
// every feeding gen group more seeds (the next indices, as a larger --seeds would) -- its own
// seed count, or its share of what is left if that is less -- and runs them as the night's
// runs are run. The records of the added runs come after the plan's.
UntilCovered until_covered(const Plan& plan, const Options& o, uint64_t budget, const std::vector<std::string>& gen_groups,
                           std::ostream& out, std::ostream& err, std::vector<WaveCandidate>& candidates,
                           NightCoverage& night_coverage, NightFunctional& functional, std::vector<RunRecord>& records) {
  UntilCovered until;
  until.budget = budget;
  std::map<std::string, uint64_t> next_index;
  for (const Group& g : plan.groups)
    if (g.kind == GroupKind::Gen) next_index[g.name] = g.seeds * o.seeds_scale;
  while (until.runs_added < budget) {
    std::set<std::string> feeding;
    size_t holes = 0;
    for (const FedHole& h : fed_holes(functional, gen_groups)) {
      ++holes;
      feeding.insert(h.feeders.begin(), h.feeders.end());
    }
    if (feeding.empty()) break;
    const uint64_t left = budget - until.runs_added;
    const uint64_t share = std::max<uint64_t>(1, left / feeding.size());
    std::vector<Run> extra;
    for (const Group& g : plan.groups) {
      if (!feeding.count(g.name)) continue;
      const uint64_t n = std::min({std::max<uint64_t>(1, g.seeds * o.seeds_scale), share, left - extra.size()});
      for (uint64_t k = 0; k < n; ++k) extra.push_back(make_run(g, next_index[g.name]++, {}, {}, o));
      until.added[g.name] += n;
    }
    if (extra.empty()) break;
    ++until.rounds;
    until.runs_added += extra.size();
    out << "until covered: round " << until.rounds << ": " << holes << " holes, " << extra.size() << " more runs of "
        << feeding.size() << " groups\n";
    std::vector<RunRecord> more = execute(extra, o, err, candidates, &night_coverage, functional);
    records.insert(records.end(), more.begin(), more.end());
  }
  return until;
}

int regress(const Options& o, const fs::path& history_file, std::ostream& out, std::ostream& err) {
  Plan plan;
  std::vector<Run> runs;
  try {
    plan = load_plan(o.plan, o.self);
    runs = expand(plan, o);
  } catch (const vecset::InputError& e) {
    err << "sailsim regress: " << e.what() << "\nnothing was run\n";
    return 2;
  }
  // The history is opened (and its schema made or checked) before anything runs.
  std::optional<History> history;
  if (!history_file.empty()) {
    try {
      history.emplace(history_file);
    } catch (const HistoryError& e) {
      err << "sailsim regress: " << e.message << "\nnothing was run\n";
      return 2;
    }
  }
  std::string mutation_text;
  if (!o.mutation_report.empty()) {
    try {
      mutation_text = mutation_json(o.mutation_report);
    } catch (const MutationReportError& e) {
      err << "sailsim regress: --mutation-report " << e.what() << "\nnothing was run\n";
      return 2;
    }
  }
  const std::string plan_text = read_text_file(plan.file);
  const std::string plan_sha256 =
      vecset::sha256_hex(std::as_bytes(std::span<const char>(plan_text.data(), plan_text.size())));
  const uint64_t plan_runs = runs.size();
  if (o.shard) {
    std::vector<Run> slice;
    for (size_t i = 0; i < runs.size(); ++i)
      if (in_shard(i, *o.shard)) slice.push_back(std::move(runs[i]));
    runs = std::move(slice);
  }
  out << "sailsim regress " << plan.file.string() << ": " << runs.size() << " runs";
  if (o.shard) out << " (shard " << o.shard->index << "/" << o.shard->count << " of " << plan_runs << ")";
  if (!o.merge.empty()) out << " merged from " << o.merge.size() << " shards";
  out << ", base seed " << o.base_seed;
  if (o.merge.empty()) out << ", -j " << o.jobs;
  out << "\n";
  if (!memory_limit_supported())
    out << "note: memory limits are not applied in an AddressSanitizer build\n";

  NightCoverage night_coverage;
  if (o.coverage) {
    if (!fs::is_regular_file(coverage_binary(o))) {
      err << "sailsim regress: --coverage needs " << coverage_binary(o).string()
          << " beside this sailsim (the normal build makes it; sanitizer builds do not)\nnothing was run\n";
      return 2;
    }
    for (const Group& g : plan.groups)
      if (!covered_group(g) && g.kind != GroupKind::Ctest) night_coverage.groups_not_covered.push_back(g.name);
    for (const std::string& g : night_coverage.groups_not_covered)
      out << "note: group " << g << " runs another binary than sailsim: not in the coverage\n";
  } else if (!plan.coverage_goals.empty()) {
    out << "note: the plan's coverage_goals are judged only with --coverage\n";
  }
  ShardFolders folders;
  if (!o.merge.empty()) {
    try {
      folders = read_shards(runs, o, plan_sha256);
    } catch (const ShardError& e) {
      err << "sailsim regress: --merge: " << e.what() << "\nnothing was merged\n";
      return 2;
    }
  }
  if (const std::string problem = prepare_out(o.out); !problem.empty()) {
    err << "sailsim regress: " << problem << "\nnothing was run\n";
    return 2;
  }
  std::vector<RunRecord> records;
  std::vector<WaveCandidate> candidates;
  NightFunctional night_functional;
  std::vector<std::string> gen_groups;  // the groups --until-covered can add seeds to
  bool any_replay = false;
  for (const Group& g : plan.groups) {
    if (g.kind == GroupKind::Gen) gen_groups.push_back(g.name);
    any_replay = any_replay || runs_replay(g.kind);
  }
  std::optional<UntilCovered> until;
  if (o.merge.empty()) {
    records = execute(runs, o, err, candidates, &night_coverage, night_functional);
    if (o.until_covered) {
      until = until_covered(plan, o, *o.until_covered, gen_groups, out, err, candidates, night_coverage,
                            night_functional, records);
    }
  } else {
    try {
      records = merge_shards(runs, o, plan.file, folders, night_coverage, night_functional);
    } catch (const ShardError& e) {
      err << "sailsim regress: --merge: " << e.what() << "\n";
      return 2;
    }
  }
  int exit_code = 0;
  for (const RunRecord& r : records) {
    if (r.nondeterministic) exit_code = most_severe(exit_code, 1);
    exit_code = most_severe(exit_code, r.exit_code);
  }
  const std::vector<Bucket> buckets = bucket_failures(records);
  const std::string plan_id = fs::absolute(plan.file).lexically_normal().string();
  HistoryMarks marks;
  std::string problem;
  if (history) {
    try {
      marks = history->marks(plan_id, buckets);
    } catch (const HistoryError& e) {
      problem = e.message;
      history.reset();
    }
  }

  for (const RunRecord& r : records) {
    out << (r.nondeterministic ? "NONDETERMINISTIC " : "") << r.result << "  " << r.name << "  seed "
        << (r.seed ? std::to_string(*r.seed) : std::string("-")) << "  cycles "
        << (r.cycles ? std::to_string(*r.cycles) : std::string("-")) << "  " << r.input.string() << "\n";
    if (failed(r)) out << "    " << r.signature << "\n";
  }
  for (const Bucket& b : buckets) {
    const RunRecord& first = records[b.runs.front()];
    const auto mark = marks.bucket.find(b.signature);
    out << "bucket (" << b.runs.size() << " runs" << (mark != marks.bucket.end() ? ", " + mark->second : "")
        << "): " << b.signature << "\n    first " << first.name << " seed "
        << (first.seed ? std::to_string(*first.seed) : std::string("-")) << ": " << first.repro << "\n";
  }
  for (const std::string& f : marks.fixed) out << "fixed since the previous night: " << f << "\n";
  CoverageOutcome coverage_outcome;
  if (o.coverage) {
    coverage_outcome = write_coverage(o.out, night_coverage, plan.coverage_goals);
    if (!coverage_outcome.problem.empty()) {
      err << "sailsim regress: --coverage: " << coverage_outcome.problem << "\n";
      exit_code = 2;
    }
    for (const GoalResult& g : coverage_outcome.goals) {
      out << coverage_goal_message(g) << "\n";
      if (g.met) continue;
      exit_code = most_severe(exit_code, 1);
      for (size_t i = 0; i < g.uncovered.size() && i < 20; ++i) out << "    uncovered: " << g.uncovered[i] << "\n";
      if (g.uncovered.size() > 20)
        out << "    ... " << g.uncovered.size() - 20 << " more in " << (o.out / "coverage/uncovered.txt").string() << "\n";
    }
    if (!night_coverage.runs_without_coverage.empty())
      out << "note: " << night_coverage.runs_without_coverage.size() << " runs left no coverage (results.json lists them)\n";
    out << "coverage: " << (o.out / "coverage/html/index.html").string() << "\n";
  }
  std::string functional_text;
  if (any_replay) {
    functional_text = functional_json(night_functional, gen_groups, until ? &*until : nullptr);
    if (const std::string p = write_functional(o.out, night_functional); !p.empty() && problem.empty()) problem = p;
    out << functional_summary(night_functional, o.out) << "\n";
    if (until)
      out << "until covered: " << until->runs_added << " runs added in " << until->rounds << " rounds (budget "
          << until->budget << ")\n";
  }
  const std::string results_text =
      results_json(o.base_seed, exit_code, records, coverage_outcome.json, functional_text, mutation_text);
  const std::string buckets_text = buckets_json(records, buckets, history ? &marks : nullptr);
  if (problem.empty()) problem = write_text_file(o.out / "results.json", results_text);
  if (problem.empty()) problem = write_text_file(o.out / "buckets.json", buckets_text);
  if (problem.empty()) problem = write_junit(o.out / "junit.xml", records, o.coverage ? &coverage_outcome.goals : nullptr);
  std::error_code ec;
  fs::remove_all(o.out / "runs", ec);
  if (!problem.empty()) {
    err << "sailsim regress: " << problem << "\n";
    exit_code = 2;
  }
  const std::string commit = git_commit_of(fs::absolute(plan.file).parent_path());
  const std::string date = utc_now_iso8601();
  // Appended after the reports: the night's exit code is final.
  if (history) {
    Night night{commit, date, plan_id, plan_sha256, o.base_seed, exit_code};
    try {
      history->append(night, records);
    } catch (const HistoryError& e) {
      err << "sailsim regress: " << e.message << "\n";
      exit_code = 2;
      history.reset();
    }
  }
  // The dashboard last: it shows the history with tonight in it.
  if (problem.empty()) {
    DashboardInput page{plan_id, commit, date, o.base_seed, results_text, buckets_text, {}, bool(history), {}};
    for (const Bucket& b : buckets) {
      const RunRecord& first = records[b.runs.front()];
      page.first_seeds.push_back(first.seed ? std::to_string(*first.seed) : std::string());
    }
    try {
      if (history) page.nights = history->last_nights(kDashboardNights, "", plan_id);
    } catch (const HistoryError& e) {
      err << "sailsim regress: " << e.message << "\n";
      exit_code = 2;
    }
    if (page.nights.empty()) page.nights = {night_of(records, commit, date)};
    if (const std::string p = write_dashboard(o.out, page); !p.empty()) {
      err << "sailsim regress: " << p << "\n";
      exit_code = 2;
    }
  }
  // A shard's manifest last of all: a folder with shard.json is a shard that finished.
  if (o.shard) {
    const ShardManifest m{*o.shard, plan_sha256, o.base_seed, o.seeds_scale, o.max_waves, plan_runs, o.coverage,
                          candidates};
    if (const std::string p = write_text_file(o.out / "shard.json", shard_manifest_json(m)); !p.empty()) {
      err << "sailsim regress: " << p << "\n";
      exit_code = 2;
    }
  }
  size_t nfailed = 0;
  for (const auto& r : records) nfailed += failed(r) ? 1 : 0;
  out << records.size() << " runs: " << records.size() - nfailed << " passed, " << nfailed << " failed, "
      << buckets.size() << " buckets; exit code " << exit_code << "\n";
  return exit_code;
}

}  // namespace

// DIR must be new, empty, or an earlier regress output (it has results.json), whose runs/
// and failures/ are replaced.
std::string prepare_out(const fs::path& out) {
  std::error_code ec;
  if (fs::exists(out, ec)) {
    if (!fs::is_directory(out)) return "--out " + out.string() + " is not a folder";
    const bool empty = fs::is_empty(out, ec);
    if (!empty && !fs::exists(out / "results.json") && !fs::exists(out / "slurm" / "launch.json"))
      return "--out " + out.string() + " is neither empty nor an earlier `sailsim regress` output (no results.json)";
    fs::remove_all(out / "runs", ec);
    fs::remove_all(out / "failures", ec);
  }
  fs::create_directories(out / "runs", ec);
  if (ec) return "cannot create " + (out / "runs").string() + ": " + ec.message();
  if (access(out.c_str(), W_OK) != 0) return "--out " + out.string() + " is not writable";
  return {};
}

std::string check_plan(const Options& o, uint64_t& runs) {
  try {
    runs = expand(load_plan(o.plan, o.self), o).size();
  } catch (const vecset::InputError& e) {
    return e.what();
  }
  return {};
}

int run_regression(const Options& o, std::ostream& out, std::ostream& err) { return run_regression(o, {}, out, err); }

int run_regression(const Options& o, const fs::path& history, std::ostream& out, std::ostream& err) {
  try {
    return regress(o, history, out, err);
  } catch (const Interrupted&) {
    err << "\nsailsim regress: interrupted: every run was killed; no reports were written\n";
    return 130;
  }
}

}  // namespace sailsim::regression
