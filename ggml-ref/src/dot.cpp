// The three evaluation orders of spec/ggml-q4k.md. Compiled with sailsim_strict_fp: a
// multiply and an add are two roundings unless std::fma says otherwise.
#include "sailsim/ggml/dot.hpp"

#include <cmath>
#include <stdexcept>

#include "sailsim/ggml/fp16.hpp"

namespace sailsim::ggml {

std::string_view order_name(DotOrder order) {
  switch (order) {
    case DotOrder::Generic: return "generic";
    case DotOrder::Fused: return "fused";
    case DotOrder::Simd: return "simd";
  }
  return "?";
}

std::optional<DotOrder> parse_order(std::string_view name) {
  if (name == "generic" || name == "reference" || name == "ref") return DotOrder::Generic;
  if (name == "fused" || name == "fma") return DotOrder::Fused;
  if (name == "simd" || name == "avx2") return DotOrder::Simd;
  return std::nullopt;
}

namespace {

// Integer part of one super-block in the generic kernel's lanes: lane l gathers every
// element e with e % 8 == l, weighted by its sub-block's scale. Exact in int32.
struct GenericInts {
  int32_t aux32[8];
  int32_t sumi;  // sum of bsums[g] * mn[g/2], from the stored bsums
};

GenericInts generic_ints(const BlockQ4K& x, const BlockQ8K& y) {
  const ScalesMins sm = unpack_scales_mins(x.scales);
  GenericInts r{};
  // Chunk c holds elements 64c..64c+63: low nibbles first (sub-block 2c), then high (2c+1).
  for (size_t c = 0; c < 4; ++c) {
    const int32_t sc_lo = sm.sc[2 * c], sc_hi = sm.sc[2 * c + 1];
    for (size_t t = 0; t < 32; ++t) {
      const uint8_t byte = x.qs[32 * c + t];
      r.aux32[t % 8] += sc_lo * (y.qs[64 * c + t] * (byte & 0x0F));  // fits int16, as GGML's aux16 does
      r.aux32[t % 8] += sc_hi * (y.qs[64 * c + 32 + t] * (byte >> 4));
    }
  }
  for (size_t g = 0; g < 16; ++g) r.sumi += y.bsums[g] * sm.mn[g / 2];
  return r;
}

float dot_generic(std::span<const BlockQ4K> x, std::span<const BlockQ8K> y, bool fused) {
  float sums[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  float sumf = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    const GenericInts ints = generic_ints(x[i], y[i]);
    const float d = fp16_to_fp32(x[i].d) * y[i].d;
    const float dmin = fp16_to_fp32(x[i].dmin) * y[i].d;
    if (fused) {
      for (int l = 0; l < 8; ++l) sums[l] = std::fma(d, static_cast<float>(ints.aux32[l]), sums[l]);
      sumf = std::fma(-dmin, static_cast<float>(ints.sumi), sumf);
    } else {
      for (int l = 0; l < 8; ++l) sums[l] = sums[l] + d * static_cast<float>(ints.aux32[l]);
      sumf = sumf - dmin * static_cast<float>(ints.sumi);
    }
  }
  for (int l = 0; l < 8; ++l) sumf = sumf + sums[l];
  return sumf;
}

// The AVX2 kernel, lane for lane: integer lane u sums bytes 4u..4u+3 of each 32-byte
// chunk; the mins are paired per sub-block pair through 16-bit horizontal adds (which wrap).
float dot_simd(std::span<const BlockQ4K> x, std::span<const BlockQ8K> y) {
  float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  float acc_m[4] = {0, 0, 0, 0};
  for (size_t i = 0; i < x.size(); ++i) {
    const BlockQ4K& xb = x[i];
    const BlockQ8K& yb = y[i];
    const float d = yb.d * fp16_to_fp32(xb.d);
    const float dmin = -yb.d * fp16_to_fp32(xb.dmin);
    const ScalesMins sm = unpack_scales_mins(xb.scales);

    int32_t prod[4];
    for (size_t k = 0; k < 4; ++k) {
      const auto s0 = static_cast<int16_t>(yb.bsums[4 * k + 0] + yb.bsums[4 * k + 1]);  // _mm_hadd_epi16
      const auto s1 = static_cast<int16_t>(yb.bsums[4 * k + 2] + yb.bsums[4 * k + 3]);
      prod[k] = sm.mn[2 * k] * s0 + sm.mn[2 * k + 1] * s1;  // _mm_madd_epi16
    }
    for (size_t k = 0; k < 4; ++k) acc_m[k] = std::fma(dmin, static_cast<float>(prod[k]), acc_m[k]);

    int32_t sumi[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int sub = 0; sub < 8; ++sub) {  // sub-block = one 32-byte chunk of q8
      const int scale = sm.sc[static_cast<size_t>(sub)];
      for (int u = 0; u < 8; ++u) {
        int32_t lane = 0;
        for (int b = 0; b < 4; ++b) {
          const int e = 32 * sub + 4 * u + b;
          lane += q4_at(xb, e) * yb.qs[static_cast<size_t>(e)];
        }
        sumi[u] += scale * lane;
      }
    }
    for (int u = 0; u < 8; ++u) acc[u] = std::fma(d, static_cast<float>(sumi[u]), acc[u]);
  }
  // hsum_float_8, then the mins' two-step horizontal sum, added last.
  const float r0 = acc[0] + acc[4], r1 = acc[1] + acc[5], r2 = acc[2] + acc[6], r3 = acc[3] + acc[7];
  const float lanes = (r0 + r2) + (r1 + r3);
  const float mins = (acc_m[0] + acc_m[2]) + (acc_m[1] + acc_m[3]);
  return lanes + mins;
}

}  // namespace

float vec_dot_q4_K_q8_K(DotOrder order, std::span<const BlockQ4K> x, std::span<const BlockQ8K> y) {
  if (x.size() != y.size()) {
    throw std::invalid_argument("vec_dot_q4_K_q8_K: " + std::to_string(x.size()) + " Q4_K blocks against " +
                                std::to_string(y.size()) + " Q8_K blocks");
  }
  switch (order) {
    case DotOrder::Generic: return dot_generic(x, y, false);
    case DotOrder::Fused: return dot_generic(x, y, true);
    case DotOrder::Simd: return dot_simd(x, y);
  }
  throw std::invalid_argument("vec_dot_q4_K_q8_K: unknown order");
}

}  // namespace sailsim::ggml
