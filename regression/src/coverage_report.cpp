#include "sailsim/regression/coverage_report.hpp"

#include <cstdio>
#include <sstream>

#include "sailsim/regression/process.hpp"
#include "sailsim/regression/report.hpp"

namespace fs = std::filesystem;

namespace sailsim::regression {

namespace {

// Runs a tool to its end; "" or what went wrong (with the end of its log).
std::string run_tool(const std::vector<std::string>& argv, const fs::path& log) {
  Limits limits;
  limits.wall_seconds = 3600;
  limits.memory_mib = 16384;
  const ChildOutcome c = run_child({argv, log, {}, limits, {}});
  if (c.spawn_error.empty() && c.exit_code == 0) return {};
  std::string text = read_text_file(log);
  if (text.size() > 2000) text = "..." + text.substr(text.size() - 2000);
  return argv[0] + " failed (" + (c.spawn_error.empty() ? "exit code " + std::to_string(c.exit_code) : c.spawn_error) +
         "; log " + log.string() + "): " + text;
}

}  // namespace

std::string coverage_goal_message(const GoalResult& g) {
  return std::string(g.met ? "coverage goal met: " : "coverage goal missed: ") + g.goal.module + " " + g.goal.kind +
         " " + json_percent(g.covered, g.total) + "% (" + std::to_string(g.covered) + " of " + std::to_string(g.total) +
         " points), the goal is " + json_percent(static_cast<uint64_t>(g.goal.percent * 100), 10000) + "%";
}

std::string describe(const coverage::Point& p) {
  return p.file + ":" + std::to_string(p.line) + ": " + p.kind + " " + p.comment + " (" + p.hier + ")";
}

CoverageOutcome write_coverage(const fs::path& out, const NightCoverage& night, const std::vector<CoverageGoal>& goals) {
  CoverageOutcome o;
  const fs::path dir = out / "coverage";
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  if (ec) {
    o.problem = "cannot create " + dir.string() + ": " + ec.message();
    return o;
  }
  try {
    night.data.write(dir / "coverage.dat");
  } catch (const coverage::CoverageError& e) {
    o.problem = e.what();
    return o;
  }
  const coverage::Summary summary = summarize(night.data);

  // The goals, and every point they lack.
  for (const CoverageGoal& g : goals) {
    GoalResult r{g, 0, 0, false, {}};
    const auto m = summary.find(g.module);
    if (m != summary.end()) {
      const auto k = m->second.find(g.kind);
      if (k != m->second.end()) {
        r.covered = k->second.covered;
        r.total = k->second.total;
      }
    }
    // covered / total >= percent / 100, in integers where the percentage allows.
    r.met = r.total > 0 && static_cast<double>(r.covered) * 100.0 >= g.percent * static_cast<double>(r.total);
    if (r.total == 0) r.uncovered.push_back(g.module + " has no " + g.kind + " points in this night's coverage");
    for (const auto& p : uncovered(night.data, g.module, g.kind)) r.uncovered.push_back(describe(p));
    o.goals.push_back(std::move(r));
  }

  // uncovered.txt: every line, branch and cover point no run reached (toggles: in the HTML).
  std::string text = "# Points no run reached: line, branch and user (cover) points, by module\n";
  for (const auto& [module, kinds] : summary) {
    (void)kinds;
    for (const auto& p : uncovered(night.data, module))
      if (p.kind != "toggle") text += module + ": " + describe(p) + "\n";
  }
  if (const std::string p = write_text_file(dir / "uncovered.txt", text); !p.empty()) {
    o.problem = p;
    return o;
  }

  // lcov and HTML by the tools every coverage user knows.
  const fs::path verilator_coverage = find_program("verilator_coverage"), genhtml = find_program("genhtml");
  if (verilator_coverage.empty()) o.problem = "verilator_coverage is not on PATH (Debian's verilator)";
  else if (genhtml.empty()) o.problem = "genhtml is not on PATH (Debian's lcov)";
  // A night that simulated nothing on the coverage flavour has no points: no lcov, no HTML.
  const bool any = !night.data.empty();
  if (o.problem.empty() && any)
    o.problem = run_tool({verilator_coverage.string(), "--write-info", (dir / "coverage.info").string(),
                          (dir / "coverage.dat").string()},
                         dir / "verilator_coverage.log");
  if (o.problem.empty() && any)
    o.problem = run_tool({genhtml.string(), "--quiet", "--output-directory", (dir / "html").string(), "--title",
                          "sailsim regress coverage", (dir / "coverage.info").string()},
                         dir / "genhtml.log");

  std::ostringstream j;
  j << "{\"data\": \"coverage/coverage.dat\", \"info\": " << (any ? "\"coverage/coverage.info\"" : "null")
    << ", \"report\": " << (any ? "\"coverage/html/index.html\"" : "null")
    << ", \"uncovered\": \"coverage/uncovered.txt\", \"points\": "
    << night.data.points().size() << ",\n    \"modules\": {";
  bool first_module = true;
  for (const auto& [module, kinds] : summary) {
    j << (first_module ? "\n" : ",\n") << "      " << json_string(module) << ": {";
    first_module = false;
    bool first_kind = true;
    for (const auto& [kind, t] : kinds) {
      j << (first_kind ? "" : ", ") << json_string(kind) << ": {\"covered\": " << t.covered << ", \"total\": " << t.total
        << ", \"percent\": " << json_percent(t.covered, t.total) << "}";
      first_kind = false;
    }
    j << "}";
  }
  j << "},\n    \"goals\": [";
  for (size_t i = 0; i < o.goals.size(); ++i) {
    const GoalResult& r = o.goals[i];
    j << (i ? ",\n" : "\n") << "      {\"module\": " << json_string(r.goal.module) << ", \"kind\": "
      << json_string(r.goal.kind) << ", \"goal\": " << json_percent(static_cast<uint64_t>(r.goal.percent * 100), 10000)
      << ", \"reached\": " << json_percent(r.covered, r.total) << ", \"met\": " << (r.met ? "true" : "false")
      << ", \"uncovered\": " << json_string_list(r.uncovered) << "}";
  }
  j << "],\n    \"groups_not_covered\": " << json_string_list(night.groups_not_covered)
    << ",\n    \"runs_without_coverage\": " << json_string_list(night.runs_without_coverage) << "}";
  o.json = j.str();
  return o;
}

}  // namespace sailsim::regression
