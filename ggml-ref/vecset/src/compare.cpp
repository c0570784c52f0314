#include "sailsim/vecset/compare.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "sailsim/ggml/float_bits.hpp"

namespace sailsim::vecset {

Comparison compare_bits(std::span<const uint32_t> expected, std::span<const float> actual, size_t keep) {
  std::vector<uint32_t> bits(actual.size());
  for (size_t i = 0; i < actual.size(); ++i) bits[i] = ggml::bits_of(actual[i]);
  return compare_bits(expected, bits, keep);
}

Comparison compare_bits(std::span<const uint32_t> expected, std::span<const uint32_t> actual, size_t keep) {
  if (expected.size() != actual.size()) {
    throw std::invalid_argument("compare_bits: " + std::to_string(expected.size()) + " expected values against " +
                                std::to_string(actual.size()) + " actual ones");
  }
  Comparison c;
  c.total = expected.size();
  for (size_t i = 0; i < expected.size(); ++i) {
    const uint32_t got = actual[i];
    const ggml::ResultMatch match = ggml::match_result(expected[i], got);
    if (match == ggml::ResultMatch::exact) continue;
    if (match == ggml::ResultMatch::nan_for_nan) {
      ++c.nan_for_nan;
      continue;
    }
    ++c.differing;
    const uint64_t ulp = ggml::ulp_distance(expected[i], got);
    if (ulp != std::numeric_limits<uint64_t>::max()) c.max_ulp = std::max(c.max_ulp, ulp);
    if (c.first.size() < keep) c.first.push_back({i, expected[i], got});
  }
  return c;
}

}  // namespace sailsim::vecset
