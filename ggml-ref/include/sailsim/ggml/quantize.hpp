// GGML's reference quantizers and the Q4_K dequantizer (ggml-quants.c), bit for bit.
#pragma once

#include <span>

#include "sailsim/ggml/blocks.hpp"

namespace sailsim::ggml {

// GGML's nearest_int: round to nearest, ties to even, for |v| < 2^22 (in the default
// rounding mode); outside that range it returns the same deterministic garbage GGML does.
int nearest_int(float v);

// quantize_row_q8_K_ref: x.size() must be y.size() * 256. For an all-zero block GGML leaves
// bsums untouched, and so does this function: pre-zero y to match the vector sets.
void quantize_row_q8_K_ref(std::span<const float> x, std::span<BlockQ8K> y);

// quantize_row_q4_K_ref: the weighted least-squares search of make_qkx2_quants, then the
// 6-bit scales and the re-derived quants. x.size() must be y.size() * 256.
void quantize_row_q4_K_ref(std::span<const float> x, std::span<BlockQ4K> y);

// dequantize_row_q4_K: x = (f32(d)*sc) * q - (f32(dmin)*mn), two products and one
// subtraction, never fused.
void dequantize_row_q4_K(std::span<const BlockQ4K> x, std::span<float> y);

// dequantize_row_q8_K: x = d * q.
void dequantize_row_q8_K(std::span<const BlockQ8K> x, std::span<float> y);

}  // namespace sailsim::ggml
