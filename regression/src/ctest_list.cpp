#include "sailsim/regression/ctest_list.hpp"
#include "sailsim/regression/process.hpp"

#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace sailsim::regression {

fs::path find_ctest() { return find_program("ctest"); }

std::vector<std::string> ctest_tests(const fs::path& ctest, const fs::path& build, const std::vector<std::string>& labels) {
  if (ctest.empty()) throw std::runtime_error("no ctest on PATH (CMake's test driver lists a ctest: group's tests)");
  const std::string b = build.string();
  if (b.find('\'') != std::string::npos) throw std::runtime_error("build folder `" + b + "`: a ' in the path");
  const std::string cmd = "'" + ctest.string() + "' --test-dir '" + b + "' --show-only=json-v1 2>/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + ctest.string());
  std::string text;
  char buf[65536];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) text.append(buf, n);
  if (pclose(pipe) != 0) throw std::runtime_error("`ctest --test-dir " + b + " --show-only=json-v1` failed");
  const std::set<std::string> want(labels.begin(), labels.end());
  std::vector<std::string> names;
  try {
    const YAML::Node root = YAML::Load(text);  // JSON is YAML
    for (const auto& t : root["tests"]) {
      bool keep = false;
      for (const auto& p : t["properties"])
        if (p["name"].as<std::string>() == "LABELS")
          for (const auto& l : p["value"]) keep = keep || want.count(l.as<std::string>()) > 0;
      if (keep) names.push_back(t["name"].as<std::string>());
    }
  } catch (const YAML::Exception& e) {
    throw std::runtime_error("cannot read ctest's test list of " + b + ": " + e.what());
  }
  return names;
}

std::vector<std::string> ctest_argv(const fs::path& ctest, const fs::path& build, const std::string& test) {
  std::string regex = "^";
  for (const char c : test) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) regex += '\\';
    regex += c;
  }
  return {ctest.string(), "--test-dir", build.string(), "-R", regex + "$", "--output-on-failure", "--no-tests=error"};
}

std::string ctest_failure_line(const std::string& test, const std::string& log) {
  std::istringstream in(log);
  std::string line, error;
  while (std::getline(in, line)) {
    // CTest's own summary says only that something failed.
    if (line.find("The following tests FAILED") != std::string::npos || line.find("tests failed out of") != std::string::npos ||
        line.find("Errors while running CTest") != std::string::npos || line.rfind("Test project ", 0) == 0)
      continue;
    if (line.find("Failure") != std::string::npos || line.find("[  FAILED  ]") != std::string::npos ||
        line.rfind("FAIL", 0) == 0)
      return "ctest " + test + ": " + line;
    if (error.empty() && (line.find("error") != std::string::npos || line.find("Error") != std::string::npos))
      error = line;
  }
  return "ctest " + test + ": " + (error.empty() ? "failed" : error);
}

}  // namespace sailsim::regression
