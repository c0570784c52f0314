// Transcribed from the behaviour of ggml-quants.c (spec/ggml-q4k.md) and checked bit for
// bit against the real libggml-base.so by tests/ggml-ref. Compiled with
// sailsim_strict_fp: every float operation rounds exactly where GGML's C source does.
#include "sailsim/ggml/quantize.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "sailsim/ggml/fp16.hpp"

namespace sailsim::ggml {

int nearest_int(float v) {
  const float t = v + 12582912.0f;  // 1.5 * 2^23: the addition rounds v to an integer
  int32_t i;
  std::memcpy(&i, &t, sizeof i);
  return (i & 0x007FFFFF) - 0x00400000;
}

namespace {

void require_blocks(size_t values, size_t blocks, const char* fn) {
  if (values != blocks * kQK) {
    throw std::invalid_argument(std::string(fn) + ": " + std::to_string(values) + " values do not fill " +
                                std::to_string(blocks) + " blocks of 256");
  }
}

// make_qkx2_quants(n=32, nmax=15, ..., rmin=-1, rdelta=0.1, nstep=20, use_mad=false): the
// weighted least-squares search for a sub-block's scale and (non-positive) offset.
float make_qkx2_quants(const float* x, const float* weights, uint8_t* L, float* the_min) {
  constexpr int n = 32, nmax = 15, nstep = 20;
  constexpr float rmin = -1.0f, rdelta = 0.1f;
  uint8_t Laux[32];
  float min = x[0];
  float max = x[0];
  float sum_w = weights[0];
  float sum_x = sum_w * x[0];
  for (int i = 1; i < n; ++i) {
    if (x[i] < min) min = x[i];
    if (x[i] > max) max = x[i];
    const float w = weights[i];
    sum_w += w;
    sum_x += w * x[i];
  }
  if (min > 0) min = 0;
  if (max == min) {
    for (int i = 0; i < n; ++i) L[i] = 0;
    *the_min = -min;
    return 0.0f;
  }
  float iscale = nmax / (max - min);
  float scale = 1 / iscale;
  float best_error = 0;
  for (int i = 0; i < n; ++i) {
    const int l = nearest_int(iscale * (x[i] - min));
    L[i] = static_cast<uint8_t>(std::max(0, std::min(nmax, l)));
    float diff = scale * L[i] + min - x[i];
    diff = diff * diff;
    const float w = weights[i];
    best_error += w * diff;
  }
  for (int is = 0; is <= nstep; ++is) {
    iscale = (rmin + rdelta * static_cast<float>(is) + nmax) / (max - min);
    float sum_l = 0, sum_l2 = 0, sum_xl = 0;
    for (int i = 0; i < n; ++i) {
      int l = nearest_int(iscale * (x[i] - min));
      l = std::max(0, std::min(nmax, l));
      Laux[i] = static_cast<uint8_t>(l);
      const float w = weights[i];
      const auto lf = static_cast<float>(l);
      sum_l += w * lf;
      sum_l2 += w * lf * lf;
      sum_xl += w * lf * x[i];
    }
    const float D = sum_w * sum_l2 - sum_l * sum_l;
    if (D > 0) {
      float this_scale = (sum_w * sum_xl - sum_x * sum_l) / D;
      float this_min = (sum_l2 * sum_x - sum_l * sum_xl) / D;
      if (this_min > 0) {
        this_min = 0;
        this_scale = sum_xl / sum_l2;
      }
      float cur_error = 0;
      for (int i = 0; i < n; ++i) {
        float diff = this_scale * Laux[i] + this_min - x[i];
        diff = diff * diff;
        const float w = weights[i];
        cur_error += w * diff;
      }
      if (cur_error < best_error) {
        for (int i = 0; i < n; ++i) L[i] = Laux[i];
        best_error = cur_error;
        scale = this_scale;
        min = this_min;
      }
    }
  }
  *the_min = -min;
  return scale;
}

}  // namespace

void quantize_row_q8_K_ref(std::span<const float> x, std::span<BlockQ8K> y) {
  require_blocks(x.size(), y.size(), "quantize_row_q8_K_ref");
  for (size_t i = 0; i < y.size(); ++i) {
    const float* xb = x.data() + i * kQK;
    BlockQ8K& b = y[i];
    float max = 0, amax = 0;
    for (int j = 0; j < kQK; ++j) {
      const float ax = std::fabs(xb[j]);
      if (ax > amax) {  // strict: the first element of largest magnitude wins
        amax = ax;
        max = xb[j];
      }
    }
    if (amax == 0) {  // GGML writes d and qs, and leaves bsums as they were
      b.d = 0;
      b.qs.fill(0);
      continue;
    }
    const float iscale = -127.0f / max;
    for (int j = 0; j < kQK; ++j) {
      const int v = nearest_int(iscale * xb[j]);
      b.qs[static_cast<size_t>(j)] = static_cast<int8_t>(std::min(127, v));  // no lower clamp, as in GGML
    }
    for (size_t g = 0; g < 16; ++g) {
      int sum = 0;
      for (size_t t = 0; t < 16; ++t) sum += b.qs[16 * g + t];
      b.bsums[g] = static_cast<int16_t>(sum);
    }
    b.d = 1 / iscale;
  }
}

void quantize_row_q4_K_ref(std::span<const float> x, std::span<BlockQ4K> y) {
  require_blocks(x.size(), y.size(), "quantize_row_q4_K_ref");
  uint8_t L[kQK];
  float weights[32];
  float mins[8];
  float scales[8];
  for (size_t i = 0; i < y.size(); ++i) {
    const float* xb = x.data() + i * kQK;
    BlockQ4K& b = y[i];
    float max_scale = 0, max_min = 0;
    for (int j = 0; j < 8; ++j) {
      float sum_x2 = 0;
      for (int l = 0; l < 32; ++l) sum_x2 += xb[32 * j + l] * xb[32 * j + l];
      const float av_x = std::sqrt(sum_x2 / 32);
      for (int l = 0; l < 32; ++l) weights[l] = av_x + std::fabs(xb[32 * j + l]);
      scales[j] = make_qkx2_quants(xb + 32 * j, weights, L + 32 * j, &mins[j]);
      if (scales[j] > max_scale) max_scale = scales[j];
      if (mins[j] > max_min) max_min = mins[j];
    }
    const float inv_scale = max_scale > 0 ? 63.0f / max_scale : 0.0f;
    const float inv_min = max_min > 0 ? 63.0f / max_min : 0.0f;
    b.scales.fill(0);
    for (size_t j = 0; j < 8; ++j) {
      // GGML stores nearest_int into a uint8_t before clamping: keep that truncation.
      auto ls = static_cast<uint8_t>(nearest_int(inv_scale * scales[j]));
      auto lm = static_cast<uint8_t>(nearest_int(inv_min * mins[j]));
      ls = std::min<uint8_t>(63, ls);
      lm = std::min<uint8_t>(63, lm);
      if (j < 4) {
        b.scales[j] = ls;
        b.scales[j + 4] = lm;
      } else {
        b.scales[j + 4] = static_cast<uint8_t>((ls & 0xF) | ((lm & 0xF) << 4));
        b.scales[j - 4] |= static_cast<uint8_t>((ls >> 4) << 6);
        b.scales[j] |= static_cast<uint8_t>((lm >> 4) << 6);
      }
    }
    b.d = fp32_to_fp16(max_scale / 63.0f);
    b.dmin = fp32_to_fp16(max_min / 63.0f);
    const ScalesMins sm = unpack_scales_mins(b.scales);
    for (size_t j = 0; j < 8; ++j) {
      const float d = fp16_to_fp32(b.d) * sm.sc[j];
      if (d == 0) continue;  // keep the search's quants
      const float dm = fp16_to_fp32(b.dmin) * sm.mn[j];
      for (size_t ii = 0; ii < 32; ++ii) {
        int l = nearest_int((xb[32 * j + ii] + dm) / d);
        l = std::max(0, std::min(15, l));
        L[32 * j + ii] = static_cast<uint8_t>(l);
      }
    }
    for (size_t c = 0; c < 4; ++c) {
      for (size_t l = 0; l < 32; ++l) {
        b.qs[32 * c + l] = static_cast<uint8_t>(L[64 * c + l] | (L[64 * c + l + 32] << 4));
      }
    }
  }
}

void dequantize_row_q4_K(std::span<const BlockQ4K> x, std::span<float> y) {
  require_blocks(y.size(), x.size(), "dequantize_row_q4_K");
  for (size_t i = 0; i < x.size(); ++i) {
    const BlockQ4K& b = x[i];
    const float d = fp16_to_fp32(b.d);
    const float min = fp16_to_fp32(b.dmin);
    const ScalesMins sm = unpack_scales_mins(b.scales);
    float* out = y.data() + i * kQK;
    for (int e = 0; e < kQK; ++e) {
      const auto j = static_cast<size_t>(e / 32);
      const float d1 = d * sm.sc[j];
      const float m1 = min * sm.mn[j];
      out[e] = d1 * q4_at(b, e) - m1;
    }
  }
}

void dequantize_row_q8_K(std::span<const BlockQ8K> x, std::span<float> y) {
  require_blocks(y.size(), x.size(), "dequantize_row_q8_K");
  for (size_t i = 0; i < x.size(); ++i) {
    for (size_t e = 0; e < kQK; ++e) y[i * kQK + e] = x[i].d * x[i].qs[e];
  }
}

}  // namespace sailsim::ggml
