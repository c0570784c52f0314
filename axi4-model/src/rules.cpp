#include "sailsim/axi4/rules.hpp"

namespace sailsim::axi4 {

std::optional<Rule> parse_rule(std::string_view name) {
  for (const RuleInfo& info : kRules) {
    if (info.name == name) return info.rule;
  }
  return std::nullopt;
}

std::string to_string(const Violation& violation) {
  std::string out = violation.rule;
  out += " on ";
  out += violation.port;
  out += ' ';
  out += violation.channel;
  out += " at cycle ";
  out += std::to_string(violation.cycle);
  if (!violation.detail.empty()) {
    out += ": ";
    out += violation.detail;
  }
  return out;
}

}  // namespace sailsim::axi4
