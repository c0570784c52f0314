#include "yaml_fields.hpp"

#include "sailsim/vecset/yaml_file.hpp"
#include "sailsim/vecset/yaml_number.hpp"

namespace sailsim::vecset::detail {

YAML::Node load_yaml(const std::filesystem::path& file) { return load_yaml_file(file); }

YAML::Node require(const YAML::Node& map, const char* key, const std::filesystem::path& file) {
  if (!map.IsMap()) throw InputError(file, map, std::string("expected a map with the key '") + key + "'");
  YAML::Node v = map[key];
  if (!v.IsDefined() || v.IsNull()) throw InputError(file, map, std::string("missing required key '") + key + "'");
  return v;
}

int64_t as_int(const YAML::Node& node, const char* what, const std::filesystem::path& file) {
  uint64_t value = 0;
  if (const std::string problem = integer_problem(node, value); !problem.empty()) {
    throw InputError(file, node, std::string("expected an integer (decimal or 0x hex, '_' between digits) for ") + what +
                                     ": " + problem);
  }
  if (value > static_cast<uint64_t>(INT64_MAX)) {
    throw InputError(file, node, std::string("expected an integer for ") + what + ": " + node.Scalar() + " is too large");
  }
  return static_cast<int64_t>(value);
}

std::string as_string(const YAML::Node& node, const char* what, const std::filesystem::path& file) {
  if (!node.IsScalar()) throw InputError(file, node, std::string("expected a string for ") + what);
  return node.Scalar();
}

bool as_bool(const YAML::Node& node, const char* what, const std::filesystem::path& file) {
  bool v = false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, v)) {
    throw InputError(file, node, std::string("expected true or false for ") + what);
  }
  return v;
}

}  // namespace sailsim::vecset::detail
