// Every case of the bundled GGML set (vectors/ggml/shared) through sailsim's C++ reference, in all three orders,
// bit for bit; and the reference quantizers against the cases' own a.bin / b.bin.
#include <gtest/gtest.h>

#include <cstring>

#include "paths.hpp"
#include "sailsim/ggml/float_bits.hpp"
#include "sailsim/ggml/quantize.hpp"
#include "sailsim/vecset/compare.hpp"
#include "sailsim/vecset/vector_set.hpp"

namespace sailsim::vecset {
namespace {

using ggml::DotOrder;

const VectorSet& shared_set() {
  static const VectorSet set = load_vector_set(testing::shared_vectors_dir(), {.alternates = true, .f32_inputs = true});
  return set;
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  try {
    for (const Case& c : shared_set().cases) names.push_back(c.name);
  } catch (const std::exception& e) {
    names.push_back("LOAD_FAILED");  // the test for it reports the error
  }
  return names;
}

const Case& find_case(const std::string& name) {
  for (const Case& c : shared_set().cases) {
    if (c.name == name) return c;
  }
  throw std::runtime_error("no case " + name);
}

class SharedVectors : public ::testing::TestWithParam<std::string> {};

TEST_P(SharedVectors, EveryOrderIsBitExact) {
  ASSERT_NE(GetParam(), "LOAD_FAILED") << "cannot load " << testing::shared_vectors_dir();
  const Case& c = find_case(GetParam());
  for (DotOrder order : {DotOrder::Generic, DotOrder::Fused, DotOrder::Simd}) {
    const auto* expected = c.expected_for(order);
    ASSERT_NE(expected, nullptr) << "the shared cases carry all three orders";
    const Comparison cmp = compare_bits(*expected, reference_outputs(c, order));
    EXPECT_EQ(cmp.total, c.outputs());
    for (const Mismatch& mm : cmp.first) {
      ADD_FAILURE() << ggml::order_name(order) << " " << c.position(mm.index) << ": expected "
                    << ggml::describe_bits(mm.expected) << ", actual " << ggml::describe_bits(mm.actual) << ", "
                    << ggml::describe_ulp(mm.expected, mm.actual);
    }
  }
}

TEST_P(SharedVectors, ReferenceQuantizersReproduceTheOperands) {
  ASSERT_NE(GetParam(), "LOAD_FAILED");
  const Case& c = find_case(GetParam());
  if (c.kind == CaseKind::Pairs) {
    // Single-block pairs have no f32 source; their bsums must still be the sums of qs.
    for (const auto& b : c.b) {
      for (size_t g = 0; g < 16; ++g) {
        int s = 0;
        for (size_t t = 0; t < 16; ++t) s += b.qs[16 * g + t];
        EXPECT_EQ(b.bsums[g], s);
      }
    }
    return;
  }
  ASSERT_TRUE(c.a_f32 && c.b_f32);
  std::vector<ggml::BlockQ4K> a(c.a.size());
  std::vector<ggml::BlockQ8K> b(c.b.size());
  std::memset(b.data(), 0, b.size() * sizeof(ggml::BlockQ8K));
  ggml::quantize_row_q4_K_ref(*c.a_f32, a);
  ggml::quantize_row_q8_K_ref(*c.b_f32, b);
  EXPECT_EQ(std::memcmp(a.data(), c.a.data(), a.size() * sizeof(ggml::BlockQ4K)), 0) << "Q4_K of a_f32.bin";
  EXPECT_EQ(std::memcmp(b.data(), c.b.data(), b.size() * sizeof(ggml::BlockQ8K)), 0) << "Q8_K of b_f32.bin";
}

INSTANTIATE_TEST_SUITE_P(Cases, SharedVectors, ::testing::ValuesIn(case_names()),
                         [](const auto& p) { return p.param; });

TEST(SharedVectorsSet, HasEveryCaseOfTheIndex) {
  EXPECT_GE(shared_set().cases.size(), 13u);
}

}  // namespace
}  // namespace sailsim::vecset
