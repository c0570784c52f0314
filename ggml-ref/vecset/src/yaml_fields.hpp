// Typed access to YAML fields with errors at file:line:column. Private to vecset.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "sailsim/vecset/input_error.hpp"

namespace sailsim::vecset::detail {

// load_yaml_file of yaml_file.hpp: read_input_file, then parse; a syntax error becomes an InputError at its line and column.
YAML::Node load_yaml(const std::filesystem::path& file);

// A required key of a map; InputError at the map when it is absent.
YAML::Node require(const YAML::Node& map, const char* key, const std::filesystem::path& file);

// Integers follow the rule of sailsim/vecset/yaml_number.hpp (plain scalars, decimal or 0x hex,
// '_' between digits, no sign).
int64_t as_int(const YAML::Node& node, const char* what, const std::filesystem::path& file);
std::string as_string(const YAML::Node& node, const char* what, const std::filesystem::path& file);
bool as_bool(const YAML::Node& node, const char* what, const std::filesystem::path& file);

}  // namespace sailsim::vecset::detail
