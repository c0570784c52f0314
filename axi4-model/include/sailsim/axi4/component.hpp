// The cycle API every model follows. A cycle is: every component drives its outputs from
// registered state (drive), then every component samples the pins as they stand before the
// rising edge and updates its state (sample). Because drive never looks at inputs, there is
// no combinational path through a model, and models can be wired to each other directly.
#pragma once

#include <cstdint>

namespace sailsim::axi4 {

// What the clock tells a component at a rising edge.
struct Tick {
  uint64_t cycle = 0;  // the cycle that ends at this edge
  bool reset = false;  // reset was asserted during that cycle
};

class Component {
 public:
  virtual ~Component() = default;
  // Set this component's outputs on its pins from its registered state.
  virtual void drive() = 0;
  // The rising edge: observe handshakes (valid && ready as driven this cycle), update state.
  virtual void sample(const Tick& tick) = 0;
  // Reset has just been asserted (before this cycle's drive): a component whose outputs
  // must fall with an asynchronous reset drops its state here. Every cycle of reset still
  // gets its sample() with tick.reset.
  virtual void reset_asserted() {}
};

}  // namespace sailsim::axi4
