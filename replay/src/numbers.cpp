// Integers and other scalars of a sequence. Numbers follow the one rule of
// sailsim/vecset/yaml_number.hpp (plain scalars; decimal or 0x hex with '_' between digits).
#include "sailsim/vecset/yaml_number.hpp"
#include "yaml_map.hpp"

namespace sailsim::replay::detail {

namespace {

bool plain(const YAML::Node& node) { return node.IsScalar() && node.Tag() == "?"; }

}  // namespace

uint64_t to_u64(const Context& ctx, const YAML::Node& node, const std::string& what, uint64_t min, uint64_t max) {
  uint64_t value = 0;
  if (const std::string problem = vecset::integer_problem(node, value); !problem.empty()) {
    fail(ctx, node, "expected an integer (decimal or 0x hex, '_' between digits) for " + what + ": " + problem);
  }
  if (value < min || value > max) {
    fail(ctx, node, what + " " + node.Scalar() + " is out of range: expected " + std::to_string(min) + " to " +
                        std::to_string(max));
  }
  return value;
}

double to_double(const Context& ctx, const YAML::Node& node, const std::string& what, double min, double max) {
  double v = 0;
  if (const std::string problem = vecset::real_problem(node, v); !problem.empty()) {
    fail(ctx, node, "expected a number for " + what + ": " + problem);
  }
  const std::string& s = node.Scalar();
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
