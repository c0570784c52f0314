// `sailsim gen matmul`: random matmul jobs, one after the other, each checked bit for bit
// with ggml_matmul, with guard bytes around OUT that must stay untouched.
#pragma once

#include <cstdint>
#include <string>

#include "sailsim/gen/job.hpp"
#include "sailsim/gen/timing.hpp"

namespace sailsim::gen {

struct MatmulKnobs {
  uint32_t jobs = 2;   // jobs in the file
  ShapeKnobs shape{};
  PathKnob path = PathKnob::both;
  TimingKnob timing = TimingKnob::fixed;
};

// The sequence text; the same seed and knobs give the same bytes.
std::string generate_matmul(uint64_t seed, const MatmulKnobs& knobs);
// The `sailsim gen matmul ...` command that regenerates it (every knob spelled out).
std::string matmul_command(uint64_t seed, const MatmulKnobs& knobs);

}  // namespace sailsim::gen
