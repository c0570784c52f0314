// Seeded generators of Q4_K / Q8_K blocks: quantizer output, raw bit patterns and the named
// edge patterns of spec/ggml-q4k.md. Own integer helpers on mt19937_64, so a seed gives the
// same blocks with every standard library. Shared by the unit tests (tests/support/
// random_blocks.hpp names them sailsim::testing::*) and the nightly sweep (docs/sweep.md).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "sailsim/ggml/blocks.hpp"

namespace sailsim::sweep {

class Rng {
 public:
  explicit Rng(uint64_t seed) : gen_(seed) {}
  uint64_t bits() { return gen_(); }
  // Uniform in [lo, hi], inclusive.
  int64_t range(int64_t lo, int64_t hi) {
    const auto span = static_cast<uint64_t>(hi - lo) + 1;
    return lo + static_cast<int64_t>(span == 0 ? bits() : bits() % span);
  }
  bool chance(double p) { return static_cast<double>(bits() >> 11) * 0x1.0p-53 < p; }
  // Uniform in [0, 1).
  float unit() { return static_cast<float>(bits() >> 40) * 0x1.0p-24f; }
  // Roughly normal (sum of uniforms), cheap and deterministic.
  float gauss() {
    float s = 0;
    for (int i = 0; i < 4; ++i) s += unit();
    return (s - 2.0f) * 1.7320508f;
  }

 private:
  std::mt19937_64 gen_;
};

// A finite fp16 code (any sign, normal or subnormal or zero), never inf or NaN.
uint16_t random_finite_fp16(Rng& rng);
// A finite float32 bit pattern with an exponent in [min_exp, max_exp] (biased 0..254),
// either sign; biased exponent 0 gives subnormals.
float random_float(Rng& rng, int min_exp, int max_exp);

// 256 floats of a named distribution: "gauss", "wide", "tiny", "huge", "const", "zeros",
// "outlier", "negonly", "denormal", "mixed".
std::vector<float> random_f32_block(Rng& rng, const std::string& kind);
const std::vector<std::string>& f32_kinds();

// Raw bit patterns with finite scales. With consistent_bsums the Q8_K bsums are the sums of
// its qs (as every quantizer output has); without, they are random too.
ggml::BlockQ4K random_q4k_raw(Rng& rng);
ggml::BlockQ8K random_q8k_raw(Rng& rng, bool consistent_bsums);
void recompute_bsums(ggml::BlockQ8K& b);

// A named edge pair (all-max, q8 = -128, subnormal scales, zero d / dmin / y.d, ...).
struct EdgePair {
  std::string name;
  ggml::BlockQ4K x;
  ggml::BlockQ8K y;
};
std::vector<EdgePair> edge_pairs();

}  // namespace sailsim::sweep
