// Seeded generators of Q4_K / Q8_K blocks for tests: quantizer output, raw bit patterns and
// the named edge patterns of spec/ggml-q4k.md. They live in sailsim::sweep_blocks
// (sweep/include/sailsim/sweep/random_blocks.hpp), which the nightly sweep shares (docs/
// sweep.md); the tests keep calling them sailsim::testing::*.
#pragma once

#include "sailsim/sweep/random_blocks.hpp"

namespace sailsim::testing {

using sweep::EdgePair;
using sweep::Rng;
using sweep::edge_pairs;
using sweep::f32_kinds;
using sweep::random_f32_block;
using sweep::random_finite_fp16;
using sweep::random_float;
using sweep::random_q4k_raw;
using sweep::random_q8k_raw;
using sweep::recompute_bsums;

}  // namespace sailsim::testing
