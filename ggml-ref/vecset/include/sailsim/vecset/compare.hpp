// Bit-exact comparison of float32 outputs: equality of bit patterns, signed zeros and NaN
// payloads included. No tolerance, ever.
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
  uint64_t max_ulp = 0;          // over the differing non-NaN pairs
  std::vector<Mismatch> first;  // the first `keep` differences, in index order
  bool ok() const { return differing == 0; }
};

Comparison compare_bits(std::span<const uint32_t> expected, std::span<const float> actual, size_t keep = 8);

}  // namespace sailsim::vecset
