#include "sailsim/axi4/bench.hpp"

namespace sailsim::axi4 {

void Bench::step_with(bool reset) {
  for (Component* component : components_) component->drive();
  const Tick tick{cycle_, reset};
  for (Component* component : components_) component->sample(tick);
  ++cycle_;
}

void Bench::step() { step_with(false); }

void Bench::run(uint64_t cycles) {
  for (uint64_t i = 0; i < cycles; ++i) step_with(false);
}

void Bench::reset(uint64_t cycles) {
  for (uint64_t i = 0; i < cycles; ++i) step_with(true);
}

bool Bench::run_until(const std::function<bool()>& done, uint64_t max_cycles) {
  for (uint64_t i = 0; i < max_cycles; ++i) {
    if (done()) return true;
    step_with(false);
  }
  return done();
}

}  // namespace sailsim::axi4
