// A small scheduler: owns the cycle counter and runs drive -> sample for a set of components,
// in the order that keeps the cycle API honest (all drives, then all samples).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "sailsim/axi4/component.hpp"

namespace sailsim::axi4 {

class Bench {
 public:
  // Components are not owned; they must outlive the bench.
  void add(Component& component) { components_.push_back(&component); }

  // One clock cycle.
  void step();
  // n cycles.
  void run(uint64_t cycles);
  // Hold reset for n cycles (every component sees Tick::reset).
  void reset(uint64_t cycles);
  // Step until done() holds (checked before each cycle) or max_cycles have run; returns
  // whether done() held.
  bool run_until(const std::function<bool()>& done, uint64_t max_cycles);

  uint64_t cycle() const { return cycle_; }

 private:
  void step_with(bool reset);

  std::vector<Component*> components_;
  uint64_t cycle_ = 0;
};

}  // namespace sailsim::axi4
