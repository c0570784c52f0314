// The one rule for a number in sailsim's YAML inputs (sequences, index.yaml and meta.yaml of
// vector sets, the driver shim's config file):
// a number is a plain YAML scalar, not quoted and not tagged (so "1" and !!str 1 are strings);
// an integer is decimal or 0x hex digits, no sign, with single '_' only between digits; a real
// number is a finite decimal as std::from_chars reads it.
#pragma once

#include <cstdint>
#include <string>

namespace YAML {
class Node;
}

namespace sailsim::vecset {

// Empty when `node` is an integer by the rule (and sets `value`); else what is wrong, starting
// with "got ...", e.g. `got the string "1": write the number without quotes: 1`.
std::string integer_problem(const YAML::Node& node, uint64_t& value);

// The same for a real number (`ready: 0.5`).
std::string real_problem(const YAML::Node& node, double& value);

}  // namespace sailsim::vecset
