// Edge-pattern and adversarial operand blocks for generated jobs (docs/gen.md, "Operands"):
// rows of Q4_K weights and Q8_K activations built field by field rather than by a quantizer,
// so that they reach what quantized real data rarely does: zero, negative-zero and negative
// super-scales, fp16 and f32 subnormals, the largest finite values (sums that overflow to
// infinity), infinities and NaNs, scales and mins of 0 and 63, all-0 / all-15 / one-hot
// nibbles, int8 extremes (-128, 127), and bsums that disagree with their qs (GGML uses the
// stored bsums, so must the engine). Every output is still checked bit for bit against
// ggml_matmul; a NaN matches only a NaN (docs/testing.md).
#pragma once

#include <cstdint>
#include <vector>

#include "sailsim/gen/random.hpp"

namespace sailsim::gen {

// `rows` rows of k / 256 blocks each, the bytes as the engine reads them (144 per Q4_K block,
// 292 per Q8_K block, dense).
std::vector<uint8_t> edge_q4k_rows(Rng& rng, uint32_t rows, uint32_t k);
std::vector<uint8_t> edge_q8k_rows(Rng& rng, uint32_t rows, uint32_t k);

}  // namespace sailsim::gen
