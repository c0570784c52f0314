#include "sailsim/ggml/float_bits.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

namespace sailsim::ggml {

namespace {
// Maps a float's bits onto a line where consecutive floats are consecutive integers and
// both zeros meet at 0.
int64_t ordinal(uint32_t bits) {
  const auto magnitude = static_cast<int64_t>(bits & 0x7FFFFFFFu);
  return (bits & 0x80000000u) ? -magnitude : magnitude;
}
}  // namespace

uint64_t ulp_distance(uint32_t a, uint32_t b) {
  if (is_nan_bits(a) || is_nan_bits(b)) return std::numeric_limits<uint64_t>::max();
  const int64_t d = ordinal(a) - ordinal(b);
  return static_cast<uint64_t>(d < 0 ? -d : d);
}

std::string describe_bits(uint32_t bits) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%08x", bits);
  char dec[64];
  const auto res = std::to_chars(dec, dec + sizeof dec, float_of(bits));
  return std::string(hex) + " (" + std::string(dec, res.ptr) + ")";
}

std::string describe_ulp(uint32_t expected, uint32_t actual) {
  const uint64_t d = ulp_distance(expected, actual);
  if (d == std::numeric_limits<uint64_t>::max()) return "ulp n/a (NaN)";
  if (d == 0 && expected != actual) return "ulp 0 (sign of zero)";
  return "ulp " + std::to_string(d);
}

}  // namespace sailsim::ggml
