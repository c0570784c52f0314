#include "sailsim/vecset/yaml_number.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <string_view>

namespace sailsim::vecset {

namespace {

enum class Digits { Ok, Bad, TooLarge };

// Decimal or 0x hex with single '_' between digits (none leading, trailing or after 0x).
Digits parse_integer(std::string_view raw, uint64_t& value) {
  int base = 10;
  if (raw.size() > 2 && raw[0] == '0' && (raw[1] == 'x' || raw[1] == 'X')) {
    base = 16;
    raw.remove_prefix(2);
  }
  if (raw.empty() || raw.front() == '_' || raw.back() == '_' || raw.find("__") != std::string_view::npos) {
    return Digits::Bad;
  }
  std::string digits;
  for (char ch : raw) {
    if (ch != '_') digits += ch;
  }
  if (digits.front() == '+' || digits.front() == '-') return Digits::Bad;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  if (ptr != digits.data() + digits.size()) return Digits::Bad;
  if (ec == std::errc::result_out_of_range) return Digits::TooLarge;
  return ec == std::errc() ? Digits::Ok : Digits::Bad;
}

bool parse_real(const std::string& s, double& value) {
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(value);
}

// "!!str" for the core schema's tags, the tag itself otherwise.
std::string shown_tag(const std::string& tag) {
  const std::string core = "tag:yaml.org,2002:";
  return tag.starts_with(core) ? "!!" + tag.substr(core.size()) : tag;
}

// Why the node is not a plain scalar; empty when it is. `looks_like_number` says whether its
// text would be a number, to show the fix.
std::string plain_problem(const YAML::Node& node, bool looks_like_number) {
  if (!node.IsDefined() || node.IsNull()) return "got no value";
  if (node.IsSequence()) return "got a list";
  if (node.IsMap()) return "got a map";
  const std::string& text = node.Scalar();
  // yaml-cpp tags a plain scalar "?", a quoted one "!", an explicit tag by its name.
  if (node.Tag() == "?") return "";
  if (node.Tag() == "!") {
    std::string s = "got the string \"" + text + "\"";
    if (looks_like_number) s += ": write the number without quotes: " + text;
    return s;
  }
  std::string s = "got " + shown_tag(node.Tag()) + " " + text;
  if (looks_like_number) s += ": write the number without a tag: " + text;
  return s;
}

}  // namespace

std::string integer_problem(const YAML::Node& node, uint64_t& value) {
  uint64_t parsed = 0;
  const Digits digits = node.IsScalar() ? parse_integer(node.Scalar(), parsed) : Digits::Bad;
  if (std::string problem = plain_problem(node, digits == Digits::Ok); !problem.empty()) return problem;
  if (digits == Digits::TooLarge) return "got '" + node.Scalar() + "': too large for 64 bits";
  if (digits == Digits::Bad) return "got '" + node.Scalar() + "'";
  value = parsed;
  return "";
}

std::string real_problem(const YAML::Node& node, double& value) {
  double parsed = 0;
  const bool ok = node.IsScalar() && parse_real(node.Scalar(), parsed);
  if (std::string problem = plain_problem(node, ok); !problem.empty()) return problem;
  if (!ok) return "got '" + node.Scalar() + "'";
  value = parsed;
  return "";
}

}  // namespace sailsim::vecset
