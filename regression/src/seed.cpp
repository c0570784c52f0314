#include "sailsim/regression/seed.hpp"

namespace sailsim::regression {

uint64_t fnv1a64(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

uint64_t derive_seed(uint64_t base, const std::string& group, uint64_t index) {
  // 63 bits: a seed fits a signed 64-bit integer and stays below 10^19 (the largest seed
  // `sailsim gen` takes has 19 digits).
  return fnv1a64(std::to_string(base) + "/" + group + "/" + std::to_string(index)) & 0x7fff'ffff'ffff'ffffull;
}

}  // namespace sailsim::regression
