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

// "0x3f800000 (1)": hex bits and the shortest decimal that reads back to the same float.
std::string describe_bits(uint32_t bits);

// "ulp 3", "ulp 0 (sign of zero)", "ulp n/a (NaN)".
std::string describe_ulp(uint32_t expected, uint32_t actual);

}  // namespace sailsim::ggml
