// The matmul of contracts.md section 5, as ggml_mul_mat computes it on a baseline x86-64.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include "sailsim/ggml/blocks.hpp"
#include "sailsim/ggml/dot.hpp"

namespace sailsim::ggml {

struct MatmulShape {
  int64_t m = 0;  // rows of A (weights)
  int64_t k = 0;  // values per row, a multiple of 256
  int64_t n = 0;  // rows of B (activations)
};

// Thrown for a shape the operands cannot have (K not a positive multiple of 256, sizes
// that do not match the shape).
struct ShapeError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// out[n*M + m] = vec_dot(K, A row m, B row n). A holds M rows of K/256 Q4_K blocks, B holds
// N rows of K/256 Q8_K blocks, both dense. M = 0 or N = 0 gives an empty result.
std::vector<float> matmul_q4_K_q8_K(DotOrder order, const MatmulShape& shape, std::span<const BlockQ4K> a,
                                    std::span<const BlockQ8K> b);

// The same over raw bytes (files, DDR images): sizes must be exactly M*K/256*144 and
// N*K/256*292 bytes.
std::vector<float> matmul_q4_K_q8_K(DotOrder order, const MatmulShape& shape, std::span<const std::byte> a,
                                    std::span<const std::byte> b);

// Throws ShapeError unless k is a positive multiple of 256 and m, n are not negative.
void validate_shape(const MatmulShape& shape);

}  // namespace sailsim::ggml
