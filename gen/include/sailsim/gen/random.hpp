// The generators' one source of randomness: a seeded std::mt19937_64 (its output is fixed by
// the C++ standard) with our own distributions, so that a seed gives the same choices with
// every standard library (std::uniform_int_distribution's output is implementation-defined).
#pragma once

#include <cstdint>
#include <random>

namespace sailsim::gen {

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  uint64_t next() { return engine_(); }
  // Uniform in [lo, hi] (inclusive), by rejection: no modulo bias.
  uint64_t uniform(uint64_t lo, uint64_t hi);
  // True with probability p (p <= 0: never, p >= 1: always), from 53 random bits.
  bool chance(double p);

 private:
  std::mt19937_64 engine_;
};

}  // namespace sailsim::gen
