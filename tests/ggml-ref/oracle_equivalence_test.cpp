// sailsim's GGML reference against the real GGML binaries, on random and edge inputs.
// Inputs come from seeded generators; every comparison is of bit patterns.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "oracle_guard.hpp"
#include "random_blocks.hpp"
#include "sailsim/ggml/dot.hpp"
#include "sailsim/ggml/float_bits.hpp"
#include "sailsim/ggml/fp16.hpp"
#include "sailsim/ggml/quantize.hpp"

namespace sailsim::ggml {
namespace {

using testing::Rng;

// Finite and infinite results must match bit for bit; a NaN must meet a NaN (which NaN
// payload x86 propagates depends on operand order, which no C source pins down).
::testing::AssertionResult same_result(float expected, float actual) {
  if (std::isnan(expected) && std::isnan(actual)) return ::testing::AssertionSuccess();
  if (bits_of(expected) == bits_of(actual)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected " << describe_bits(bits_of(expected)) << ", actual "
                                       << describe_bits(bits_of(actual)) << ", "
                                       << describe_ulp(bits_of(expected), bits_of(actual));
}

struct Pair {
  std::vector<BlockQ4K> x;
  std::vector<BlockQ8K> y;
};

// One row pair of 1..4 blocks, of one of the kinds the issue names.
Pair random_pair(Rng& rng, const Oracle& oracle, int which) {
  const auto blocks = static_cast<size_t>(rng.range(1, 4));
  Pair p{std::vector<BlockQ4K>(blocks), std::vector<BlockQ8K>(blocks)};
  std::memset(p.y.data(), 0, blocks * sizeof(BlockQ8K));
  switch (which % 3) {
    case 0: {  // what the real quantizers make of random data
      for (size_t b = 0; b < blocks; ++b) {
        const auto& kinds = testing::f32_kinds();
        const auto xa = testing::random_f32_block(rng, kinds[static_cast<size_t>(rng.range(0, 9))]);
        const auto xb = testing::random_f32_block(rng, kinds[static_cast<size_t>(rng.range(0, 9))]);
        oracle.quantize_row_q4_K_ref(xa, std::span(p.x).subspan(b, 1));
        oracle.quantize_row_q8_K_ref(xb, std::span(p.y).subspan(b, 1));
      }
      break;
    }
    case 1:  // raw bits, bsums consistent with qs
    case 2:  // raw bits, bsums random too (the kernels trust the stored bsums)
      for (size_t b = 0; b < blocks; ++b) {
        p.x[b] = testing::random_q4k_raw(rng);
        p.y[b] = testing::random_q8k_raw(rng, which % 3 == 1);
      }
      break;
  }
  return p;
}

class OracleEquivalence : public ::testing::TestWithParam<DotOrder> {};

TEST_P(OracleEquivalence, RandomRowPairsMatchTheRealGgml) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  const DotOrder order = GetParam();
  Rng rng(0x5A11 + static_cast<uint64_t>(order));
  constexpr int kPairs = 100'000;
  size_t blocks = 0, failures = 0;
  for (int i = 0; i < kPairs && failures < 5; ++i) {
    const Pair p = random_pair(rng, *oracle, i);
    blocks += p.x.size();
    const float want = oracle->vec_dot(order, p.x, p.y);
    const float got = vec_dot_q4_K_q8_K(order, p.x, p.y);
    const auto r = same_result(want, got);
    if (!r) {
      ++failures;
      ADD_FAILURE() << order_name(order) << " pair " << i << " (" << p.x.size() << " blocks, kind " << i % 3
                    << "): " << r.message();
    }
  }
  EXPECT_GE(blocks, 100'000u);
  RecordProperty("blocks", static_cast<int>(blocks));
}

TEST_P(OracleEquivalence, EdgePairsMatchTheRealGgml) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  for (const auto& e : testing::edge_pairs()) {
    const std::span<const BlockQ4K> x(&e.x, 1);
    const std::span<const BlockQ8K> y(&e.y, 1);
    EXPECT_TRUE(same_result(oracle->vec_dot(GetParam(), x, y), vec_dot_q4_K_q8_K(GetParam(), x, y))) << e.name;
  }
}

INSTANTIATE_TEST_SUITE_P(Orders, OracleEquivalence, ::testing::Values(DotOrder::Generic, DotOrder::Fused, DotOrder::Simd),
                         [](const auto& p) { return std::string(order_name(p.param)); });

TEST(OracleEquivalence, FusedDiffersFromGenericOnLongRows) {
  // Guards the test above against an oracle that silently hands out the same function
  // for both orders: on multi-block rows the fused order must differ somewhere.
  SAILSIM_REQUIRE_ORACLE(oracle);
  Rng rng(7);
  int differ = 0;
  for (int i = 0; i < 2000; ++i) {
    std::vector<BlockQ4K> x(4);
    std::vector<BlockQ8K> y(4);
    for (size_t b = 0; b < 4; ++b) {
      x[b] = testing::random_q4k_raw(rng);
      y[b] = testing::random_q8k_raw(rng, true);
    }
    if (bits_of(oracle->vec_dot(DotOrder::Generic, x, y)) != bits_of(oracle->vec_dot(DotOrder::Fused, x, y))) ++differ;
  }
  EXPECT_GT(differ, 0);
}

TEST(OracleQuantizers, Q8KMatchesQuantizeRowQ8KRef) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  Rng rng(0x08);
  std::vector<std::vector<float>> blocks;
  for (int i = 0; i < 12'000; ++i) {
    const auto& kinds = testing::f32_kinds();
    blocks.push_back(testing::random_f32_block(rng, kinds[static_cast<size_t>(i) % kinds.size()]));
  }
  // The named extremes: all zero, |max| below 127/FLT_MAX (iscale overflows), near
  // FLT_MAX, the largest magnitude twice with both signs, infinities and NaNs.
  blocks.push_back(std::vector<float>(256, 0.0f));
  blocks.push_back(std::vector<float>(256, -0.0f));
  blocks.push_back(std::vector<float>(256, 1e-37f));
  blocks.push_back(std::vector<float>(256, -3e-38f));
  blocks.push_back(std::vector<float>(256, std::numeric_limits<float>::max()));
  std::vector<float> ties(256, 0.5f);
  ties[0] = -127.0f;
  ties[1] = 127.0f;
  blocks.push_back(ties);
  std::vector<float> specials(256, 1.0f);
  specials[3] = std::numeric_limits<float>::infinity();
  specials[9] = std::numeric_limits<float>::quiet_NaN();
  blocks.push_back(specials);
  std::vector<float> nan_only(256, std::numeric_limits<float>::quiet_NaN());
  blocks.push_back(nan_only);

  size_t differing = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    BlockQ8K want{}, got{};
    std::memset(&want, 0, sizeof want);
    std::memset(&got, 0, sizeof got);
    oracle->quantize_row_q8_K_ref(blocks[i], std::span(&want, 1));
    quantize_row_q8_K_ref(blocks[i], std::span(&got, 1));
    if (std::memcmp(&want, &got, sizeof want) != 0 && ++differing <= 5) {
      ADD_FAILURE() << "block " << i << ": d expected " << describe_bits(bits_of(want.d)) << " actual "
                    << describe_bits(bits_of(got.d));
    }
  }
  EXPECT_EQ(differing, 0u) << "of " << blocks.size() << " blocks";
}

TEST(OracleQuantizers, AllZeroQ8KBlockLeavesBsumsUntouched) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  BlockQ8K want{}, got{};
  want.bsums.fill(0x1234);
  got.bsums.fill(0x1234);
  const std::vector<float> zeros(256, 0.0f);
  oracle->quantize_row_q8_K_ref(zeros, std::span(&want, 1));
  quantize_row_q8_K_ref(zeros, std::span(&got, 1));
  EXPECT_EQ(std::memcmp(&want, &got, sizeof want), 0);
  EXPECT_EQ(got.bsums[7], 0x1234);
}

TEST(OracleQuantizers, Q4KMatchesQuantizeRowQ4KRef) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  Rng rng(0x04);
  size_t differing = 0, total = 0;
  for (int i = 0; i < 6'000; ++i) {
    const auto& kinds = testing::f32_kinds();
    const auto x = testing::random_f32_block(rng, kinds[static_cast<size_t>(i) % kinds.size()]);
    BlockQ4K want{}, got{};
    oracle->quantize_row_q4_K_ref(x, std::span(&want, 1));
    quantize_row_q4_K_ref(x, std::span(&got, 1));
    ++total;
    if (std::memcmp(&want, &got, sizeof want) != 0 && ++differing <= 5) {
      ADD_FAILURE() << "block " << i << " (" << kinds[static_cast<size_t>(i) % kinds.size()] << ") differs";
    }
  }
  EXPECT_EQ(differing, 0u) << "of " << total << " blocks";
}

TEST(OracleQuantizers, DequantizeQ4KMatches) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  Rng rng(0xDE);
  for (int i = 0; i < 4'000; ++i) {
    const BlockQ4K b = testing::random_q4k_raw(rng);
    std::vector<float> want(256), got(256);
    oracle->dequantize_row_q4_K(std::span(&b, 1), want);
    dequantize_row_q4_K(std::span(&b, 1), got);
    for (size_t e = 0; e < 256; ++e) {
      ASSERT_TRUE(same_result(want[e], got[e])) << "block " << i << " element " << e;
    }
  }
}

TEST(OracleQuantizers, DequantizeQ8KMatches) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  Rng rng(0xD8);
  for (int i = 0; i < 4'000; ++i) {
    const BlockQ8K b = testing::random_q8k_raw(rng, true);
    std::vector<float> want(256), got(256);
    oracle->dequantize_row_q8_K(std::span(&b, 1), want);
    dequantize_row_q8_K(std::span(&b, 1), got);
    for (size_t e = 0; e < 256; ++e) {
      ASSERT_TRUE(same_result(want[e], got[e])) << "block " << i << " element " << e;
    }
  }
}

TEST(OracleFp16, EveryHalfCodeConvertsExactly) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  for (uint32_t h = 0; h < 65536; ++h) {
    const auto code = static_cast<uint16_t>(h);
    ASSERT_EQ(bits_of(oracle->fp16_to_fp32(code)), bits_of(fp16_to_fp32(code))) << "fp16 code " << h;
  }
}

TEST(OracleFp16, Fp32ToFp16RoundsLikeGgml) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  std::vector<uint32_t> inputs;
  // A sweep over every exponent and sign ...
  for (uint64_t u = 0; u < (uint64_t{1} << 32); u += 4093) inputs.push_back(static_cast<uint32_t>(u));
  // ... and, for every half, the float ties halfway to the next half and their neighbours.
  for (uint32_t h = 0; h < 0x7C00; ++h) {
    const uint32_t lo = bits_of(fp16_to_fp32(static_cast<uint16_t>(h)));
    const uint32_t hi = bits_of(fp16_to_fp32(static_cast<uint16_t>(h + 1)));
    const float mid = (float_of(lo) + float_of(hi)) / 2;  // exact: halves are floats with spare bits
    for (uint32_t m : {bits_of(mid) - 1, bits_of(mid), bits_of(mid) + 1}) {
      inputs.push_back(m);
      inputs.push_back(m | 0x80000000u);
    }
  }
  for (uint32_t special : {0x7F800000u, 0xFF800000u, 0x7FC00000u, 0xFFC00001u, 0x7F800001u, 0x477FEFFFu, 0x477FF000u})
    inputs.push_back(special);
  size_t differing = 0;
  for (uint32_t in : inputs) {
    const uint16_t want = oracle->fp32_to_fp16(float_of(in));
    const uint16_t got = fp32_to_fp16(float_of(in));
    if (want != got && ++differing <= 5) {
      ADD_FAILURE() << "fp32 " << describe_bits(in) << ": expected half 0x" << std::hex << want << ", actual 0x" << got;
    }
  }
  EXPECT_EQ(differing, 0u) << "of " << inputs.size() << " inputs";
}

TEST(Oracle, ReportsTheVersionTheVectorSetsWereMadeWith) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  EXPECT_EQ(oracle->version(), "0.25.1");
  EXPECT_TRUE(oracle->has_alternate_orders()) << "libggml-cpu-haswell.so must load on this machine";
}

TEST(Oracle, MissingLibrariesAreNamedWithTheInstallCommand) {
  try {
    (void)Oracle::load("/nonexistent/ggml");
    FAIL() << "loading from a missing folder must throw";
  } catch (const OracleUnavailable& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/ggml"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("scripts/deps.sh"), std::string::npos) << e.what();
  }
  const auto empty = std::filesystem::temp_directory_path() / "sailsim-empty-ggml-dir";
  std::filesystem::create_directories(empty);
  try {
    (void)Oracle::load(empty);
    FAIL() << "a folder without the libraries must throw";
  } catch (const OracleUnavailable& e) {
    EXPECT_NE(std::string(e.what()).find("libggml-base.so"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace sailsim::ggml
