// Helpers of the sweep tests: scratch folders, the sailsim binary, output lines.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/run_command.hpp"

namespace sailsim::testing {

// This test process's scratch folder; removed at the end when every test passed
// (scratch_cleanup.cpp), kept for a look otherwise.
inline std::filesystem::path sweep_scratch_root() {
  return std::filesystem::temp_directory_path() / ("sailsim-sweep-test-" + std::to_string(::getpid()));
}

// A fresh, empty folder for one test.
inline std::filesystem::path sweep_scratch(const std::string& name) {
  const auto dir = sweep_scratch_root() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// The real binary under a time limit, as a plan runs it; `env` prefixes the command.
inline CommandResult sailsim_cli(const std::string& args, const std::string& env = "") {
  return run_command(env + (env.empty() ? "" : " ") + "timeout -k 2 120 " + std::string(SAILSIM_CLI_PATH) + " " + args);
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

inline std::string last_line(const std::string& text) {
  const auto lines = lines_of(text);
  return lines.empty() ? "" : lines.back();
}

}  // namespace sailsim::testing
