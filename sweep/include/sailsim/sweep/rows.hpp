// The sweep's random row pairs (docs/sweep.md, "Inputs"): one Q4_K row and one Q8_K row of
// 1..max_blocks super-blocks, of one of the block classes the unit tests use (shares of rows):
//   quantized         30%  GGML's quantizers on random f32 data of every kind of
//                          random_f32_block, one kind per row for x and one for y, or (one
//                          row in seven) a kind per block; a_f32 / b_f32 kept
//   raw               20%  raw random bits, finite fp16 scales (negative, subnormal), bsums
//                          consistent with qs; q8 = -128 planted in 30% of these rows (as
//                          tests/rtl/q4k_dot_test.cpp does)
//   raw-random-bsums  15%  raw random bits with random bsums (the kernels trust the stored bsums)
//   edge              25%  gen's edge-pattern blocks (gen/src/edge_blocks.cpp): fp16 scales of
//                          +-0, subnormal, the largest finite, +-inf and NaN, f32 y.d of the
//                          same kinds, all-0 / all-15 / one-hot nibbles, int8 extremes, a
//                          quarter of the Q8_K blocks with bsums that disagree with their qs;
//                          on both sides or against raw bits; two rows in three with the
//                          non-finite scales drawn again (else most long rows end as a NaN)
//   edge-pairs        10%  1..3 of the named edge pairs of random_blocks (all-max, overflow to
//                          inf, subnormal products, zero and negative-zero scales, ...), as
//                          the unit tests take them alone and chained
// In every class but the last, each block is replaced by a named edge pair with chance 2%.
// Row `index` of a sweep is a function of (seed, index, max_blocks) alone: the first N rows
// of a sweep are the same whatever its count, and one row can be rebuilt from its index.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sailsim/ggml/blocks.hpp"

namespace sailsim::ggml {
class Oracle;
}

namespace sailsim::sweep {

enum class RowClass { Quantized, Raw, RawRandomBsums, Edge, EdgePairs };
inline constexpr RowClass kRowClasses[] = {RowClass::Quantized, RowClass::Raw, RowClass::RawRandomBsums, RowClass::Edge,
                                           RowClass::EdgePairs};

// "quantized", "raw", "raw-random-bsums", "edge", "edge-pairs".
std::string_view class_name(RowClass c);

struct Row {
  RowClass cls = RowClass::Raw;
  std::vector<ggml::BlockQ4K> x;
  std::vector<ggml::BlockQ8K> y;
  // The f32 data the quantizers were given, when every block of the row is quantizer
  // output (a quantized row without a named edge pair mixed in); empty otherwise.
  std::vector<float> x_f32, y_f32;
  size_t edge_pairs_mixed = 0;  // blocks replaced by a named edge pair
  std::string note;             // e.g. "f32 kinds gauss/tiny", "edge pair 'all-max q8=-128' at block 2"

  size_t blocks() const { return x.size(); }
  // "quantized, 3 blocks; f32 kinds x gauss, y tiny".
  std::string describe() const;
};

// The Q4_K and Q8_K quantizers a sweep uses for quantized rows.
struct Quantizers {
  std::function<void(std::span<const float>, std::span<ggml::BlockQ4K>)> q4k;
  std::function<void(std::span<const float>, std::span<ggml::BlockQ8K>)> q8k;
};
// GGML's own (quantize_row_q4_K_ref / quantize_row_q8_K_ref of libggml-base.so).
Quantizers oracle_quantizers(const ggml::Oracle& oracle);
// sailsim's (bit-identical to GGML's: tests/ggml-ref).
Quantizers reference_quantizers();

// The seed of row `index` of a sweep with `seed` (SplitMix64 of both).
uint64_t row_seed(uint64_t seed, uint64_t index);

// Row `index` of the sweep `seed`, of 1..max_blocks blocks.
Row random_row(uint64_t seed, uint64_t index, size_t max_blocks, const Quantizers& quantizers);

}  // namespace sailsim::sweep
