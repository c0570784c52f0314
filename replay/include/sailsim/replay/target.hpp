// What a sequence runs on: a SailCard, and the driver entry point for ioctl steps. With the
// driver shim in the build (sailsim::shim) the card is a shim::Device's and ioctl() is the
// device's; without it, ioctl steps cannot run (the runner reports them as bad input).
#pragma once

#include <memory>

#include "sailsim/card/sail_card.hpp"

namespace sailsim::replay {

class Target {
 public:
  virtual ~Target() = default;
  virtual card::SailCard& card() = 0;
  // ioctl(2) as the shim implements it: 0, or a negative errno.
  virtual int ioctl(unsigned long request, void* arg) = 0;
};

// Whether this build can run ioctl steps.
bool shim_available();

// A fresh card with `config`; through the shim when `ioctl` is set (and the shim is built).
std::unique_ptr<Target> make_target(const card::CardConfig& config, bool ioctl);

}  // namespace sailsim::replay
