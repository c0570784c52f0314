// `sailsim gen driver`: matmul jobs through the ioctl steps a runtime uses: MEM_ALLOC (each
// address predicted from the documented first-fit rule, docs/driver-shim.md), MEM_WRITE,
// WORK_SUBMIT, WAIT (also one that times out), MEM_READ, MEM_COPY, MEM_FREE, GET_TELEMETRY,
// and calls that must fail with their errno (EINVAL, ENOMEM, ETIMEDOUT); B as Q8_K blocks or
// as f32 activations (b_f32).
#pragma once

#include <cstdint>
#include <string>

#include "sailsim/gen/job.hpp"
#include "sailsim/gen/timing.hpp"

namespace sailsim::gen {

struct DriverKnobs {
  uint32_t jobs = 2;
  ShapeKnobs shape{};
  TimingKnob timing = TimingKnob::fixed;
  double errnos = 0.5;  // chance of each failing call after a job
  // Chance that a job hands B to WORK_SUBMIT as f32 activations (b_f32, which the shim
  // quantizes into B's allocation); only jobs whose B has at most kMaxF32Blocks blocks.
  double f32 = 0.3;
};

// f32 activations are written into the sequence as hex: at most this many blocks of B.
inline constexpr uint32_t kMaxF32Blocks = 16;

std::string generate_driver(uint64_t seed, const DriverKnobs& knobs);
std::string driver_command(uint64_t seed, const DriverKnobs& knobs);

}  // namespace sailsim::gen
