// The signature normalizer and the seed rule, on fixed inputs whose results follow from the
// rules in docs/regress.md.
#include <gtest/gtest.h>

#include "sailsim/regression/regression.hpp"
#include "sailsim/regression/seed.hpp"
#include "sailsim/regression/signature.hpp"

namespace sailsim::regression {
namespace {

TEST(RegressSignature, NumbersAddressesAndPathsAreNormalized) {
  EXPECT_EQ(normalize_signature("FAIL step 5 (check, /a/b/c.yaml:20:5): OUT at 0x30000 differs from ggml_matmul"),
            "FAIL step N (check, <path>:N:N): OUT at 0xH differs from ggml_matmul");
  // Digits inside a word belong to a name (AXI4, c01); reals become N.
  EXPECT_EQ(normalize_signature("  AXI4 rule on c01 at   -749.626 and 0xDEADbeef  "), "AXI4 rule on c01 at -N and 0xH");
  // Two runs that differ only in numbers share a signature.
  EXPECT_EQ(normalize_signature("TIMEOUT step 3 (wait, x/y.yaml:12:5): not within 500 cycles"),
            normalize_signature("TIMEOUT step 9 (wait, z/w.yaml:1:1): not within 70 cycles"));
}

TEST(RegressSignature, FirstFailureLineIsTheFirstFailingStep) {
  EXPECT_EQ(first_failure_line("PASS a\n    FAIL step 2 (check, f:1:1): x\n    TIMEOUT step 3\n"),
            "FAIL step 2 (check, f:1:1): x");
  EXPECT_EQ(first_failure_line("hello\nsome error here\nlast\n"), "some error here");
  // Else the first line: a usage error says what is wrong first ("Run with --help" follows).
  EXPECT_EQ(first_failure_line("\n--seed: expected a decimal integer\nRun with --help for more information.\n"),
            "--seed: expected a decimal integer");
  EXPECT_EQ(first_failure_line(""), "");
}

TEST(RegressSeed, Fnv1a64OfBaseGroupIndex) {
  // The published FNV-1a 64 test values.
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ull);
  EXPECT_EQ(derive_seed(1, "bursts", 0), fnv1a64("1/bursts/0") & 0x7fffffffffffffffull);
  EXPECT_EQ(derive_seed(3, "mm", 0), fnv1a64("3/mm/0") & 0x7fffffffffffffffull);
  EXPECT_NE(fnv1a64("3/mm/0") >> 63, 0u);  // a seed whose top bit the rule clears
  EXPECT_NE(derive_seed(1, "bursts", 0), derive_seed(2, "bursts", 0));
}

TEST(RegressExitCode, MostSevereWins) {
  EXPECT_EQ(most_severe(0, 1), 1);
  EXPECT_EQ(most_severe(1, 3), 3);
  EXPECT_EQ(most_severe(3, 4), 4);
  EXPECT_EQ(most_severe(4, 2), 2);
  EXPECT_EQ(most_severe(2, 4), 2);
  EXPECT_EQ(most_severe(0, 0), 0);
}

}  // namespace
}  // namespace sailsim::regression
