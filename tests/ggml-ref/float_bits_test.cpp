#include "sailsim/ggml/float_bits.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "sailsim/ggml/dot.hpp"
#include "sailsim/vecset/compare.hpp"

namespace sailsim::ggml {
namespace {

TEST(FloatBits, UlpDistanceCountsRepresentableFloats) {
  EXPECT_EQ(ulp_distance(bits_of(1.0f), bits_of(std::nextafter(1.0f, 2.0f))), 1u);
  EXPECT_EQ(ulp_distance(bits_of(1.0f), bits_of(1.0f)), 0u);
  EXPECT_EQ(ulp_distance(bits_of(0.0f), bits_of(-0.0f)), 0u);
  const float tiny = std::numeric_limits<float>::denorm_min();
  EXPECT_EQ(ulp_distance(bits_of(tiny), bits_of(-tiny)), 2u);  // across zero
  EXPECT_EQ(ulp_distance(bits_of(std::numeric_limits<float>::max()), 0x7F800000u), 1u);
  EXPECT_EQ(ulp_distance(0x7FC00000u, bits_of(1.0f)), std::numeric_limits<uint64_t>::max());
}

TEST(FloatBits, DescriptionsShowHexDecimalAndUlp) {
  EXPECT_EQ(describe_bits(0x3F800000u), "0x3f800000 (1)");
  EXPECT_EQ(describe_bits(0x80000000u), "0x80000000 (-0)");
  EXPECT_EQ(describe_ulp(0x3F800000u, 0x3F800003u), "ulp 3");
  EXPECT_EQ(describe_ulp(0x00000000u, 0x80000000u), "ulp 0 (sign of zero)");
  EXPECT_EQ(describe_ulp(0x7FC00000u, 0x3F800000u), "ulp n/a (NaN)");
}

TEST(CompareBits, SignedZerosAreDifferencesNanPayloadsAreCountedApart) {
  const std::vector<uint32_t> expected = {0x00000000u, 0x3F800000u, 0x7FC00000u, 0x40000000u};
  const std::vector<float> actual = {-0.0f, 1.0f, float_of(0x7FC00001u), std::nextafter(2.0f, 0.0f)};
  const auto c = vecset::compare_bits(expected, actual, 1);
  EXPECT_EQ(c.total, 4u);
  EXPECT_EQ(c.differing, 2u);   // -0 for +0, and one ulp
  EXPECT_EQ(c.nan_for_nan, 1u);  // another NaN payload where the expected value is NaN
  ASSERT_EQ(c.first.size(), 1u);  // capped at `keep`
  EXPECT_EQ(c.first[0].index, 0u);
  EXPECT_EQ(c.max_ulp, 1u);
}

// sailsim's one comparison rule, case by case.
TEST(MatchResult, EqualBitsOrNaNForNaNNothingElse) {
  EXPECT_EQ(match_result(0x3F800000u, 0x3F800000u), ResultMatch::exact);
  EXPECT_EQ(match_result(0xFFC00000u, 0xFFC00000u), ResultMatch::exact);
  EXPECT_EQ(match_result(0xFFC00000u, 0x7FC00000u), ResultMatch::nan_for_nan);  // x86 default NaN vs the RTL's
  EXPECT_EQ(match_result(0x7F800001u, 0x7FC00000u), ResultMatch::nan_for_nan);  // signalling vs quiet
  EXPECT_EQ(match_result(0x7FC00000u, 0x7F800000u), ResultMatch::differ);       // +inf where GGML gives NaN
  EXPECT_EQ(match_result(0x7F800000u, 0x7FC00000u), ResultMatch::differ);       // NaN where GGML gives +inf
  EXPECT_EQ(match_result(0x7F800000u, 0xFF800000u), ResultMatch::differ);       // the sign of an infinity
  EXPECT_EQ(match_result(0x00000000u, 0x80000000u), ResultMatch::differ);       // the sign of zero
  EXPECT_EQ(match_result(0x00000001u, 0x00000000u), ResultMatch::differ);       // a subnormal flushed
  EXPECT_EQ(match_result(0x7FC00000u, 0x00000000u), ResultMatch::differ);       // a number where GGML gives NaN
  EXPECT_TRUE(matches_result(0xFFC00000u, 0x7FC00000u));
  EXPECT_FALSE(matches_result(0x3F800000u, 0x3F800001u));
}

TEST(DotOrderNames, RoundTrip) {
  for (DotOrder o : {DotOrder::Generic, DotOrder::Fused, DotOrder::Simd}) EXPECT_EQ(parse_order(order_name(o)), o);
  EXPECT_EQ(parse_order("fma"), DotOrder::Fused);
  EXPECT_EQ(parse_order("reference"), DotOrder::Generic);
  EXPECT_FALSE(parse_order("fast").has_value());
}

}  // namespace
}  // namespace sailsim::ggml
