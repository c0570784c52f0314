// A run's seed: derived from the night's base seed and the run's name, so that the same plan
// and base seed give the same seeds on every machine and in every order of execution.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sailsim::regression {

// FNV-1a 64 over the bytes of `text` (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
uint64_t fnv1a64(std::string_view text);

// fnv1a64("<base>/<group>/<index>") with base and index in decimal, e.g. "1/bursts/0", with
// its top bit cleared (63 bits).
uint64_t derive_seed(uint64_t base, const std::string& group, uint64_t index);

}  // namespace sailsim::regression
