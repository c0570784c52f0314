// Float32 bit patterns: the currency of every bit-exact comparison in sailsim.
#pragma once

#include <bit>
#include <cstdint>
#include <string>

namespace sailsim::ggml {

inline uint32_t bits_of(float f) { return std::bit_cast<uint32_t>(f); }
inline float float_of(uint32_t u) { return std::bit_cast<float>(u); }

// Distance in units in the last place between two floats: the number of representable
// floats between them on the real line, so +0 and -0 are 0 apart and 1 and nextafter(1) are
// 1 apart. Returns UINT64_MAX when either is a NaN.
uint64_t ulp_distance(uint32_t a, uint32_t b);

// Whether a float32's bits are a NaN (any sign, any payload).
inline bool is_nan_bits(uint32_t bits) { return (bits & 0x7FFFFFFFu) > 0x7F800000u; }

// The one rule by which sailsim compares a result with GGML's, everywhere (vector sets,
// replay checks, the engine tests and benchmarks): the same bit pattern (signed zeros,
// subnormals and infinities included), except that where GGML gives a NaN any NaN matches.
// IEEE 754 leaves NaN payloads and signs unspecified and the RTL always writes the canonical
// 0x7FC00000, so the payload carries no information about the computation; a NaN where GGML
// gives a number, or a number where it gives a NaN, is a mismatch.
enum class ResultMatch {
  exact,        // identical bit patterns
  nan_for_nan,  // both NaN, with different bits
  differ,       // anything else: a mismatch
};
inline ResultMatch match_result(uint32_t expected, uint32_t actual) {
  if (expected == actual) return ResultMatch::exact;
  if (is_nan_bits(expected) && is_nan_bits(actual)) return ResultMatch::nan_for_nan;
  return ResultMatch::differ;
}
inline bool matches_result(uint32_t expected, uint32_t actual) {
  return match_result(expected, actual) != ResultMatch::differ;
}

// "0x3f800000 (1)": hex bits and the shortest decimal that reads back to the same float.
std::string describe_bits(uint32_t bits);

// "ulp 3", "ulp 0 (sign of zero)", "ulp n/a (NaN)".
std::string describe_ulp(uint32_t expected, uint32_t actual);

}  // namespace sailsim::ggml
