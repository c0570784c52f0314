// Integers and other scalars of a sequence: decimal or 0x hex with '_' between digits.
#include <charconv>
#include <cmath>

#include "yaml_map.hpp"

namespace sailsim::replay::detail {

namespace {

bool plain(const YAML::Node& node) { return node.IsScalar() && node.Tag() != "!"; }

// Digits with single '_' between them (none leading or trailing).
bool parse_digits(std::string_view raw, uint64_t& value) {
  int base = 10;
  if (raw.size() > 2 && raw[0] == '0' && (raw[1] == 'x' || raw[1] == 'X')) {
    base = 16;
    raw.remove_prefix(2);
  }
  if (raw.empty() || raw.front() == '_' || raw.back() == '_' || raw.find("__") != std::string_view::npos) return false;
  std::string digits;
  for (char ch : raw) {
    if (ch != '_') digits += ch;
  }
  if (digits.empty() || digits.front() == '+' || digits.front() == '-') return false;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  return ec == std::errc() && ptr == digits.data() + digits.size();
}

}  // namespace

uint64_t to_u64(const Context& ctx, const YAML::Node& node, const std::string& what, uint64_t min, uint64_t max) {
  if (!plain(node)) fail(ctx, node, "expected an integer for " + what);
  uint64_t value = 0;
  if (!parse_digits(node.Scalar(), value)) {
    fail(ctx, node, "expected an integer (decimal or 0x hex, '_' between digits) for " + what + ", got '" +
                        node.Scalar() + "'");
  }
  if (value < min || value > max) {
    fail(ctx, node, what + " " + node.Scalar() + " is out of range: expected " + std::to_string(min) + " to " +
                        std::to_string(max));
  }
  return value;
}

double to_double(const Context& ctx, const YAML::Node& node, const std::string& what, double min, double max) {
  if (!plain(node)) fail(ctx, node, "expected a number for " + what);
  const std::string& s = node.Scalar();
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) {
    fail(ctx, node, "expected a number for " + what + ", got '" + s + "'");
  }
  if (v < min || v > max) {
    fail(ctx, node, what + " " + s + " is out of range: expected " + std::to_string(min) + " to " + std::to_string(max));
  }
  return v;
}

bool to_bool(const Context& ctx, const YAML::Node& node, const std::string& what) {
  if (plain(node)) {
    if (node.Scalar() == "true") return true;
    if (node.Scalar() == "false") return false;
  }
  fail(ctx, node, "expected true or false for " + what);
}

std::string to_string(const Context& ctx, const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) fail(ctx, node, "expected a string for " + what);
  return node.Scalar();
}

std::string to_enum(const Context& ctx, const YAML::Node& node, const std::string& what,
                    const std::vector<std::string>& choices) {
  std::string list;
  for (const std::string& c : choices) list += (list.empty() ? "" : ", ") + c;
  if (!node.IsScalar()) fail(ctx, node, "expected one of " + list + " for " + what);
  for (const std::string& c : choices) {
    if (node.Scalar() == c) return c;
  }
  fail(ctx, node, "bad value '" + node.Scalar() + "' for " + what + ": expected one of " + list);
}

bool valid_name(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string to_name(const Context& ctx, const YAML::Node& node, const std::string& what) {
  const std::string s = to_string(ctx, node, what);
  if (!valid_name(s)) fail(ctx, node, "bad " + what + " '" + s + "': expected [A-Za-z0-9_.-]+");
  return s;
}

axi4::Resp to_resp(const Context& ctx, const YAML::Node& node, const std::string& what) {
  const std::string s = to_enum(ctx, node, what, {"OKAY", "EXOKAY", "SLVERR", "DECERR"});
  return *axi4::parse_resp(s);
}

}  // namespace sailsim::replay::detail
