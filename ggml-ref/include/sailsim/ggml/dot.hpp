// The Q4_K x Q8_K dot product in GGML's three evaluation orders (spec/ggml-q4k.md).
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "sailsim/ggml/blocks.hpp"

namespace sailsim::ggml {

enum class DotOrder {
  // The reference: ggml_vec_dot_q4_K_q8_K_generic as built in libggml-cpu-x64.so; every
  // multiply and add rounds on its own.
  Generic,
  // The same C function as the haswell+ builds compile it: the two accumulations
  // sums[l] += d*aux32[l] and sumf -= dmin*sumi each become one fused multiply-add.
  Fused,
  // The AVX2 kernel ggml_vec_dot_q4_K_q8_K: 8 lanes of 4 bytes per sub-block, mins in 4
  // lanes of sub-block pairs, both fused, then a pairwise horizontal sum.
  Simd,
};

// "generic", "fused", "simd"
std::string_view order_name(DotOrder order);
// Also accepts "reference" / "ref" for Generic and "fma" for Fused.
std::optional<DotOrder> parse_order(std::string_view name);

// The dot product of x.size() == y.size() super-blocks (n = 256 * x.size()).
float vec_dot_q4_K_q8_K(DotOrder order, std::span<const BlockQ4K> x, std::span<const BlockQ8K> y);

}  // namespace sailsim::ggml
