// Helpers for the replay tests: the sequence folders, scratch folders, files, bounded commands.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/run_command.hpp"

namespace sailsim::replay::testing {

inline std::filesystem::path sequences() { return SAILSIM_REPLAY_SEQUENCES; }
inline std::filesystem::path good() { return sequences() / "good"; }

// A fresh folder under the system temp dir, unique per process and name.
inline std::filesystem::path scratch(const std::string& name) { return sailsim::testing::fresh_dir("replay", name); }

inline void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file) << text;
}

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A shell command under coreutils' timeout: a command that would block (reading a FIFO with no
// writer) ends with exit code 124 after `seconds` instead of hanging the test.
inline sailsim::testing::CommandResult run_bounded(const std::string& command, int seconds = 20) {
  return sailsim::testing::run_command("timeout -k 2 " + std::to_string(seconds) + " " + command);
}

}  // namespace sailsim::replay::testing
