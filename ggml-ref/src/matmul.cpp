#include "sailsim/ggml/matmul.hpp"

#include <string>

namespace sailsim::ggml {

void validate_shape(const MatmulShape& s) {
  if (s.k <= 0 || s.k % kQK != 0) {
    throw ShapeError("K = " + std::to_string(s.k) + " is not a positive multiple of 256");
  }
  if (s.m < 0 || s.n < 0) {
    throw ShapeError("M and N must not be negative (M = " + std::to_string(s.m) + ", N = " + std::to_string(s.n) + ")");
  }
}

std::vector<float> matmul_q4_K_q8_K(DotOrder order, const MatmulShape& s, std::span<const BlockQ4K> a,
                                    std::span<const BlockQ8K> b) {
  validate_shape(s);
  const auto bpr = static_cast<size_t>(s.k / kQK);
  const auto m = static_cast<size_t>(s.m), n = static_cast<size_t>(s.n);
  if (a.size() != m * bpr) {
    throw ShapeError("A holds " + std::to_string(a.size()) + " Q4_K blocks, the shape needs M*K/256 = " +
                     std::to_string(m * bpr));
  }
  if (b.size() != n * bpr) {
    throw ShapeError("B holds " + std::to_string(b.size()) + " Q8_K blocks, the shape needs N*K/256 = " +
                     std::to_string(n * bpr));
  }
  std::vector<float> out(m * n);
  for (size_t in = 0; in < n; ++in) {
    for (size_t im = 0; im < m; ++im) {
      out[in * m + im] = vec_dot_q4_K_q8_K(order, a.subspan(im * bpr, bpr), b.subspan(in * bpr, bpr));
    }
  }
  return out;
}

std::vector<float> matmul_q4_K_q8_K(DotOrder order, const MatmulShape& s, std::span<const std::byte> a,
                                    std::span<const std::byte> b) {
  validate_shape(s);
  const auto bpr = static_cast<size_t>(s.k / kQK);
  if (a.size() != static_cast<size_t>(s.m) * bpr * sizeof(BlockQ4K)) {
    throw ShapeError("A is " + std::to_string(a.size()) + " bytes, M*K/256*144 = " +
                     std::to_string(static_cast<size_t>(s.m) * bpr * sizeof(BlockQ4K)));
  }
  if (b.size() != static_cast<size_t>(s.n) * bpr * sizeof(BlockQ8K)) {
    throw ShapeError("B is " + std::to_string(b.size()) + " bytes, N*K/256*292 = " +
                     std::to_string(static_cast<size_t>(s.n) * bpr * sizeof(BlockQ8K)));
  }
  const auto qa = q4k_blocks_from_bytes(a);
  const auto qb = q8k_blocks_from_bytes(b);
  return matmul_q4_K_q8_K(order, s, std::span<const BlockQ4K>(qa), std::span<const BlockQ8K>(qb));
}

}  // namespace sailsim::ggml
