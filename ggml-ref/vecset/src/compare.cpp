#include "sailsim/vecset/compare.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "sailsim/ggml/float_bits.hpp"

namespace sailsim::vecset {

Comparison compare_bits(std::span<const uint32_t> expected, std::span<const float> actual, size_t keep) {
  if (expected.size() != actual.size()) {
    throw std::invalid_argument("compare_bits: " + std::to_string(expected.size()) + " expected values against " +
                                std::to_string(actual.size()) + " actual ones");
  }
  Comparison c;
  c.total = expected.size();
  for (size_t i = 0; i < expected.size(); ++i) {
    const uint32_t got = ggml::bits_of(actual[i]);
    if (got == expected[i]) continue;
    ++c.differing;
    const uint64_t ulp = ggml::ulp_distance(expected[i], got);
    if (ulp != std::numeric_limits<uint64_t>::max()) c.max_ulp = std::max(c.max_ulp, ulp);
    if (c.first.size() < keep) c.first.push_back({i, expected[i], got});
  }
  return c;
}

}  // namespace sailsim::vecset
