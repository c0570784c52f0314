// Bit-exact comparison of float32 outputs by sailsim's one rule (ggml::match_result): equal
// bit patterns, signed zeros, subnormals and infinities included; where the expected value
// is a NaN any NaN matches (counted apart). No tolerance, ever.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace sailsim::vecset {

struct Mismatch {
  size_t index;
  uint32_t expected;
  uint32_t actual;
};

struct Comparison {
  size_t total = 0;
  size_t differing = 0;
  size_t nan_for_nan = 0;        // matches where both are NaN with different bits
  uint64_t max_ulp = 0;          // over the differing non-NaN pairs
  std::vector<Mismatch> first;  // the first `keep` differences, in index order
  bool ok() const { return differing == 0; }
};

Comparison compare_bits(std::span<const uint32_t> expected, std::span<const uint32_t> actual, size_t keep = 8);
Comparison compare_bits(std::span<const uint32_t> expected, std::span<const float> actual, size_t keep = 8);

}  // namespace sailsim::vecset
