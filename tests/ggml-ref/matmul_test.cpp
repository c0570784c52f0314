// matmul_q4_K_q8_K: the operand layout of contracts.md section 5 and its shape errors.
#include "sailsim/ggml/matmul.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>

#include "paths.hpp"
#include "sailsim/ggml/float_bits.hpp"

namespace sailsim::ggml {
namespace {

std::vector<std::byte> read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::vector<char> raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::byte> bytes(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) bytes[i] = static_cast<std::byte>(raw[i]);
  return bytes;
}

TEST(Matmul, RawBytesGiveOutBinInGgmlDstLayout) {
  // c01: M = 16, K = 1024, N = 8; out[n*M + m], m contiguous.
  const auto dir = testing::shared_vectors_dir() / "c01_mixed_m16_k1024_n8";
  const auto out = matmul_q4_K_q8_K(DotOrder::Generic, {.m = 16, .k = 1024, .n = 8}, read_file(dir / "a.bin"),
                                    read_file(dir / "b.bin"));
  const auto expected = read_file(dir / "out.bin");
  ASSERT_EQ(out.size() * 4, expected.size());
  for (size_t i = 0; i < out.size(); ++i) {
    uint32_t want;
    std::memcpy(&want, expected.data() + 4 * i, 4);
    ASSERT_EQ(bits_of(out[i]), want) << "(m=" << i % 16 << ", n=" << i / 16 << ")";
  }
}

TEST(Matmul, EmptyShapesGiveNoOutputs) {
  EXPECT_TRUE(matmul_q4_K_q8_K(DotOrder::Generic, {.m = 0, .k = 256, .n = 3}, std::span<const BlockQ4K>{},
                               std::vector<BlockQ8K>(3))
                  .empty());
}

TEST(Matmul, BadShapesThrowShapeError) {
  const std::vector<BlockQ4K> a(2);
  const std::vector<BlockQ8K> b(2);
  EXPECT_THROW(matmul_q4_K_q8_K(DotOrder::Generic, {.m = 2, .k = 300, .n = 2}, a, b), ShapeError);
  EXPECT_THROW(matmul_q4_K_q8_K(DotOrder::Generic, {.m = 2, .k = 0, .n = 2}, a, b), ShapeError);
  EXPECT_THROW(matmul_q4_K_q8_K(DotOrder::Generic, {.m = 3, .k = 256, .n = 2}, a, b), ShapeError);
  EXPECT_THROW(matmul_q4_K_q8_K(DotOrder::Generic, {.m = 2, .k = 256, .n = 1}, a, b), ShapeError);
  const std::vector<std::byte> short_a(143);
  EXPECT_THROW(matmul_q4_K_q8_K(DotOrder::Generic, {.m = 1, .k = 256, .n = 0}, short_a, std::span<const std::byte>{}),
               ShapeError);
}

}  // namespace
}  // namespace sailsim::ggml
