#include "yaml_fields.hpp"

#include <charconv>
#include <fstream>

namespace sailsim::vecset::detail {

YAML::Node load_yaml(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file, "cannot open the file (does it exist?)");
  try {
    return YAML::Load(in);
  } catch (const YAML::ParserException& e) {
    throw InputError(file, e.mark.line + 1, e.mark.column + 1, "malformed YAML: " + e.msg);
  }
}

YAML::Node require(const YAML::Node& map, const char* key, const std::filesystem::path& file) {
  if (!map.IsMap()) throw InputError(file, map, std::string("expected a map with the key '") + key + "'");
  YAML::Node v = map[key];
  if (!v.IsDefined() || v.IsNull()) throw InputError(file, map, std::string("missing required key '") + key + "'");
  return v;
}

int64_t as_int(const YAML::Node& node, const char* what, const std::filesystem::path& file) {
  if (!node.IsScalar()) throw InputError(file, node, std::string("expected an integer for ") + what);
  std::string text;
  for (char ch : node.Scalar()) {
    if (ch != '_') text += ch;
  }
  const std::string& raw = node.Scalar();
  const bool underscores_ok = raw.empty() || (raw.front() != '_' && raw.back() != '_' && raw.find("__") == std::string::npos);
  bool negative = false;
  std::string_view digits = text;
  if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
    negative = digits.front() == '-';
    digits.remove_prefix(1);
  }
  int base = 10;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    base = 16;
    digits.remove_prefix(2);
  }
  uint64_t value = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  if (!underscores_ok || digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() ||
      value > static_cast<uint64_t>(INT64_MAX)) {
    throw InputError(file, node, std::string("expected an integer for ") + what + ", got '" + raw + "'");
  }
  return negative ? -static_cast<int64_t>(value) : static_cast<int64_t>(value);
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
