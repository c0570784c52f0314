// The reference library must give GGML's bits whatever flags the user compiles with. This
// program is built twice from the library's own sources with -O3 -mfma -mavx2 -ffast-math
// -ffp-contract=fast: "guarded" adds the library's strict-FP options after them (as the
// real target does) and must stay bit-exact; "unguarded" does not, and must differ, which
// proves the guarded check is not vacuous.
#include <gtest/gtest.h>

#include "paths.hpp"
#include "sailsim/vecset/compare.hpp"
#include "sailsim/vecset/vector_set.hpp"

namespace sailsim::vecset {
namespace {

size_t differing_generic_outputs() {
  const VectorSet set = load_vector_set(testing::shared_vectors_dir(), {.alternates = false});
  size_t differing = 0;
  for (const Case& c : set.cases) {
    differing += compare_bits(c.expected, reference_outputs(c, ggml::DotOrder::Generic)).differing;
  }
  return differing;
}

#if SAILSIM_STRICT_FP_GUARD
TEST(HostileFlags, GuardedBuildStaysBitExact) { EXPECT_EQ(differing_generic_outputs(), 0u); }
#else
TEST(HostileFlags, UnguardedBuildContractsAndDiffers) { EXPECT_GT(differing_generic_outputs(), 0u); }
#endif

}  // namespace
}  // namespace sailsim::vecset
