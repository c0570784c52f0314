// Typed access to YAML fields with errors at file:line:column. Private to vecset.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "sailsim/vecset/input_error.hpp"

namespace sailsim::vecset::detail {

// Parses a YAML file; a syntax error becomes an InputError at its line and column.
YAML::Node load_yaml(const std::filesystem::path& file);

// A required key of a map; InputError at the map when it is absent.
YAML::Node require(const YAML::Node& map, const char* key, const std::filesystem::path& file);

// Integers are decimal or 0x hex and may use '_' between digits.
int64_t as_int(const YAML::Node& node, const char* what, const std::filesystem::path& file);
std::string as_string(const YAML::Node& node, const char* what, const std::filesystem::path& file);
bool as_bool(const YAML::Node& node, const char* what, const std::filesystem::path& file);

}  // namespace sailsim::vecset::detail
