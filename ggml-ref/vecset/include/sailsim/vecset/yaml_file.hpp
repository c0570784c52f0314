// Parses a YAML input file: the bytes come from read_input_file (regular files only; yaml-cpp
// never opens a user's path itself), and a syntax error is an InputError at its line and column.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>

namespace sailsim::vecset {

// An empty or comment-only file gives a null node. A syntax error at the very end of the file
// is reported at the end of its last line, so the position is always inside the file.
YAML::Node load_yaml_file(const std::filesystem::path& file);

}  // namespace sailsim::vecset
