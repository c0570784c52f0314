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

TEST(CompareBits, SignedZerosAndNanPayloadsAreDifferences) {
  const std::vector<uint32_t> expected = {0x00000000u, 0x3F800000u, 0x7FC00000u, 0x40000000u};
  const std::vector<float> actual = {-0.0f, 1.0f, float_of(0x7FC00001u), std::nextafter(2.0f, 0.0f)};
  const auto c = vecset::compare_bits(expected, actual, 2);
  EXPECT_EQ(c.total, 4u);
  EXPECT_EQ(c.differing, 3u);
  ASSERT_EQ(c.first.size(), 2u);  // capped at `keep`
  EXPECT_EQ(c.first[0].index, 0u);
  EXPECT_EQ(c.first[1].index, 2u);
  EXPECT_EQ(c.max_ulp, 1u);
}

TEST(DotOrderNames, RoundTrip) {
  for (DotOrder o : {DotOrder::Generic, DotOrder::Fused, DotOrder::Simd}) EXPECT_EQ(parse_order(order_name(o)), o);
  EXPECT_EQ(parse_order("fma"), DotOrder::Fused);
  EXPECT_EQ(parse_order("reference"), DotOrder::Generic);
  EXPECT_FALSE(parse_order("fast").has_value());
}

}  // namespace
}  // namespace sailsim::ggml
