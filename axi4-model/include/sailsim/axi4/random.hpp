// Seeded randomness for timing and traffic. std::mt19937_64 is specified bit for bit by the
// standard, but std:: distributions are not, so the helpers here are our own: the same seed
// gives the same choices with every standard library.
#pragma once

#include <cstdint>
#include <random>

namespace sailsim::axi4 {

// A latency in cycles: fixed (min == max) or uniform in [min, max].
struct Latency {
  uint32_t min = 1;
  uint32_t max = 1;
  static constexpr Latency fixed(uint32_t cycles) { return {cycles, cycles}; }
  static constexpr Latency range(uint32_t lo, uint32_t hi) { return {lo, hi}; }
};

class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}

  uint64_t next() { return engine_(); }

  // Uniform in [lo, hi] (inclusive), without modulo bias.
  uint64_t range(uint64_t lo, uint64_t hi) {
    if (hi <= lo) return lo;
    const uint64_t span = hi - lo + 1;  // 0 means all 2^64 values
    if (span == 0) return next();
    const uint64_t limit = UINT64_MAX - UINT64_MAX % span;
    uint64_t x;
    do {
      x = next();
    } while (x >= limit);
    return lo + x % span;
  }

  // True with probability p. p >= 1 and p <= 0 draw nothing, so a fully ready port
  // consumes no randomness and other choices stay the same when it is dialled.
  bool chance(double p) {
    if (p >= 1.0) return true;
    if (p <= 0.0) return false;
    return static_cast<double>(next() >> 11) * 0x1.0p-53 < p;
  }

  uint32_t latency(Latency l) {
    return l.max <= l.min ? l.min : static_cast<uint32_t>(range(l.min, l.max));
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace sailsim::axi4
