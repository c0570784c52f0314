// SimulationConfig::random_initial_seed: with a model Verilated with --x-initial unique, a
// register without a reset starts from a random value fixed by the seed (the same seed, the
// same value; another seed, another value), 0 keeps zeros, and a reset still resets. A model
// Verilated with --x-initial fast ignores the seed.
#include <gtest/gtest.h>

#include <cstdint>

#include "Vx_initial_probe_fast.h"
#include "Vx_initial_probe_unique.h"
#include "sailsim/tb/simulation.hpp"

namespace sailsim::tb::test {
namespace {

template <class Top>
uint64_t kept_at_start(int seed) {
  SimulationConfig config;
  config.random_initial_seed = seed;
  Simulation<Top> sim(config);
  const uint64_t kept = sim.top().kept_o;
  sim.reset();
  EXPECT_EQ(sim.top().reset_o, 0x5Au) << "seed " << seed;
  EXPECT_EQ(sim.top().kept_o, kept) << "a register without a reset keeps its value through reset";
  return kept;
}

TEST(RandomInitialState, TheSeedFixesTheStartingValue) {
  const uint64_t a = kept_at_start<Vx_initial_probe_unique>(7);
  EXPECT_NE(a, 0u);
  EXPECT_EQ(kept_at_start<Vx_initial_probe_unique>(7), a);
  EXPECT_NE(kept_at_start<Vx_initial_probe_unique>(8), a);
  EXPECT_NE(kept_at_start<Vx_initial_probe_unique>(2147483647), a);
}

TEST(RandomInitialState, SeedZeroIsZeros) { EXPECT_EQ(kept_at_start<Vx_initial_probe_unique>(0), 0u); }

TEST(RandomInitialState, AnXInitialFastModelIgnoresTheSeed) {
  EXPECT_EQ(kept_at_start<Vx_initial_probe_fast>(7), 0u);
  EXPECT_EQ(kept_at_start<Vx_initial_probe_fast>(8), 0u);
}

}  // namespace
}  // namespace sailsim::tb::test
