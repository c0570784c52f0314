// `sailsim gen errors`: a job whose A, B or OUT overlaps a DDR error range
// (config.memory.errors, SLVERR or DECERR) ends with code 7 (read) or 8 (write); the next
// job, elsewhere in DDR, is bit-exact.
#pragma once

#include <cstdint>
#include <string>

#include "sailsim/gen/job.hpp"
#include "sailsim/gen/timing.hpp"

namespace sailsim::gen {

enum class ErrorTarget { a, b, out, any };
enum class RespKnob { slverr, decerr, both };

struct ErrorsKnobs {
  ShapeKnobs shape{};
  PathKnob path = PathKnob::both;
  TimingKnob timing = TimingKnob::fixed;
  ErrorTarget target = ErrorTarget::any;  // which operand the range overlaps
  RespKnob resp = RespKnob::both;
};

std::string generate_errors(uint64_t seed, const ErrorsKnobs& knobs);
std::string errors_command(uint64_t seed, const ErrorsKnobs& knobs);

std::string target_name(ErrorTarget t);
std::string resp_name(RespKnob r);

}  // namespace sailsim::gen
