// The functional coverage model: every cover point and its bins, described once (model.cpp)
// and used by the samplers, the file reader, the regression's report and the dashboard. A bin
// never hit by a night is a hole (docs/functional-coverage.md lists the points).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sailsim::fcov {

struct Point {
  std::string name;               // e.g. "host.write.shape"; [a-z0-9_.]+
  std::string what;               // one line: what a hit means
  std::vector<std::string> bins;  // bin names, [A-Za-z0-9_./+-]+, unique in the point
};

// Every point, in report order.
const std::vector<Point>& model();

// Where a point or a bin is in model(); nothing when the name is not in the model.
std::optional<size_t> find_point(std::string_view point);
std::optional<size_t> find_bin(size_t point, std::string_view bin);

// Bins of the whole model.
size_t bin_count();

}  // namespace sailsim::fcov
