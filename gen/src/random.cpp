#include "sailsim/gen/random.hpp"

#include <limits>

namespace sailsim::gen {

uint64_t Rng::uniform(uint64_t lo, uint64_t hi) {
  if (hi <= lo) return lo;
  const uint64_t span = hi - lo;
  if (span == std::numeric_limits<uint64_t>::max()) return next();
  const uint64_t range = span + 1;
  // The largest multiple of range that fits: values at or above it would bias the result.
  const uint64_t limit = std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % range;
  uint64_t v = next();
  while (v >= limit) v = next();
  return lo + v % range;
}

bool Rng::chance(double p) {
  if (p <= 0.0) return false;
  if (p >= 1.0) return true;
  const double u = static_cast<double>(next() >> 11) * 0x1.0p-53;
  return u < p;
}

}  // namespace sailsim::gen
