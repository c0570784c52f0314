#include "sailsim/sweep/random_blocks.hpp"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace sailsim::sweep {

uint16_t random_finite_fp16(Rng& rng) {
  for (;;) {
    const auto h = static_cast<uint16_t>(rng.bits());
    if (((h >> 10) & 0x1F) != 0x1F) return h;
  }
}

float random_float(Rng& rng, int min_exp, int max_exp) {
  const auto exp = static_cast<uint32_t>(rng.range(min_exp, max_exp));
  const auto mant = static_cast<uint32_t>(rng.bits() & 0x7FFFFF);
  const uint32_t sign = rng.chance(0.5) ? 0x80000000u : 0u;
  return std::bit_cast<float>(sign | exp << 23 | mant);
}

const std::vector<std::string>& f32_kinds() {
  static const std::vector<std::string> kinds = {"gauss", "wide", "tiny",   "huge",     "const",
                                                 "zeros", "outlier", "negonly", "denormal", "mixed"};
  return kinds;
}

std::vector<float> random_f32_block(Rng& rng, const std::string& kind) {
  std::vector<float> x(256);
  if (kind == "mixed") {
    for (int sub = 0; sub < 8; ++sub) {
      const std::string& k = f32_kinds()[static_cast<size_t>(rng.range(0, 8))];
      const auto part = random_f32_block(rng, k);
      std::memcpy(x.data() + 32 * sub, part.data() + 32 * sub, 32 * sizeof(float));
    }
    return x;
  }
  const float scale = std::ldexp(1.0f, static_cast<int>(rng.range(-8, 8)));
  const float c = rng.gauss() * scale;
  for (float& v : x) {
    if (kind == "gauss") v = rng.gauss() * scale;
    else if (kind == "wide") v = random_float(rng, 100, 150);
    else if (kind == "tiny") v = random_float(rng, 1, 30);
    else if (kind == "huge") v = random_float(rng, 220, 254);
    else if (kind == "const") v = c;
    else if (kind == "zeros") v = rng.chance(0.02) ? -0.0f : 0.0f;
    else if (kind == "outlier") v = rng.chance(0.01) ? rng.gauss() * 1e4f : rng.gauss() * 1e-2f;
    else if (kind == "negonly") v = -std::fabs(rng.gauss() * scale);
    else if (kind == "denormal") v = random_float(rng, 0, 0);
    else v = rng.gauss();
  }
  return x;
}

void recompute_bsums(ggml::BlockQ8K& b) {
  for (size_t g = 0; g < 16; ++g) {
    int s = 0;
    for (size_t t = 0; t < 16; ++t) s += b.qs[16 * g + t];
    b.bsums[g] = static_cast<int16_t>(s);
  }
}

ggml::BlockQ4K random_q4k_raw(Rng& rng) {
  ggml::BlockQ4K b{};
  b.d = random_finite_fp16(rng);
  b.dmin = random_finite_fp16(rng);
  for (auto& s : b.scales) s = static_cast<uint8_t>(rng.bits());
  for (auto& q : b.qs) q = static_cast<uint8_t>(rng.bits());
  return b;
}

ggml::BlockQ8K random_q8k_raw(Rng& rng, bool consistent_bsums) {
  ggml::BlockQ8K b{};
  // Keep products of d's finite most of the time: float exponents around 1, some subnormal.
  b.d = rng.chance(0.05) ? random_float(rng, 0, 0) : random_float(rng, 90, 135);
  for (auto& q : b.qs) q = static_cast<int8_t>(rng.bits());
  if (consistent_bsums) {
    recompute_bsums(b);
  } else {
    for (auto& s : b.bsums) s = static_cast<int16_t>(rng.bits());
  }
  return b;
}

std::vector<EdgePair> edge_pairs() {
  std::vector<EdgePair> pairs;
  auto all_max = [](int8_t q8, uint16_t d, uint16_t dmin, float yd) {
    EdgePair p{};
    p.x.d = d;
    p.x.dmin = dmin;
    p.x.scales.fill(0xFF);  // every 6-bit scale and min = 63
    p.x.qs.fill(0xFF);      // every quant = 15
    p.y.d = yd;
    p.y.qs.fill(q8);
    recompute_bsums(p.y);
    return p;
  };
  const float subnormal = std::numeric_limits<float>::denorm_min() * 12345.0f;
  pairs.push_back(all_max(127, 0x7BFF, 0x7BFF, 1.0f));
  pairs.back().name = "all-max q8=+127 d=dmin=65504";
  pairs.push_back(all_max(-128, 0x7BFF, 0x7BFF, 1.0f));
  pairs.back().name = "all-max q8=-128";
  pairs.push_back(all_max(-128, 0x7BFF, 0x7BFF, 3.0e30f));
  pairs.back().name = "all-max overflowing to inf";
  pairs.push_back(all_max(127, 0x0001, 0x03FF, 1e-30f));
  pairs.back().name = "subnormal fp16 d/dmin, subnormal products";
  pairs.push_back(all_max(-77, 0x8400, 0xBC00, 0.5f));
  pairs.back().name = "negative fp16 d and dmin";
  pairs.push_back(all_max(100, 0x0000, 0x3C00, 2.0f));
  pairs.back().name = "d = 0, dmin != 0";
  pairs.push_back(all_max(100, 0x3C00, 0x0000, 2.0f));
  pairs.back().name = "dmin = 0, d != 0";
  pairs.push_back(all_max(100, 0x8000, 0x8000, 2.0f));
  pairs.back().name = "d = dmin = -0";
  pairs.push_back(all_max(100, 0x3C00, 0x3C00, 0.0f));
  pairs.back().name = "y.d = 0";
  pairs.push_back(all_max(100, 0x3C00, 0x3C00, -0.0f));
  pairs.back().name = "y.d = -0";
  pairs.push_back(all_max(1, 0x3C00, 0x3555, subnormal));
  pairs.back().name = "y.d a float32 subnormal";
  pairs.push_back(all_max(0, 0x3C00, 0x3C00, 1.0f));
  pairs.back().name = "q8 all zero";
  EdgePair scales_only = all_max(-128, 0x3C00, 0x3C00, 1.0f);
  scales_only.x.scales = {0x3F, 0x00, 0x3F, 0x00, 0x00, 0x3F, 0x00, 0x3F, 0xF0, 0x0F, 0xF0, 0x0F};
  scales_only.name = "alternating 6-bit scale and min patterns";
  pairs.push_back(scales_only);
  return pairs;
}

}  // namespace sailsim::sweep
