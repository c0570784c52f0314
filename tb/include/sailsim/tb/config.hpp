// What a Simulation is asked to do besides running the model: the watchdog, FST waveforms,
// the ports' logs and checkers. Every field has a default that suits a unit test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

#include "sailsim/axi4/rules.hpp"

namespace sailsim::tb {

struct SimulationConfig {
  // Cycles without a handshake on any port, while something is pending, before step()
  // throws HangError. 0: no watchdog.
  uint64_t watchdog_cycles = 10000;
  // Transactions of each port's log that a hang report lists.
  size_t report_transactions = 8;
  // An FST waveform of cycles [fst_first_cycle, fst_last_cycle], if fst_path is set. The
  // file is opened at the first cycle of the window: a window the run never reaches writes
  // no file. Needs a model Verilated with trace support.
  std::string fst_path{};
  uint64_t fst_first_cycle = 0;
  uint64_t fst_last_cycle = std::numeric_limits<uint64_t>::max();
  // Hierarchy levels the FST records (Verilator's trace levels).
  int fst_levels = 99;
  // Transactions each port's log keeps.
  size_t log_capacity = 4096;
  // What every port's checker does on a violation; Throw stops the run in step().
  axi4::CheckerPolicy checker_policy = axi4::CheckerPolicy::Count;
  // 0: every variable without a reset starts as zeros (the same run every time). Otherwise
  // VerilatedContext randReset(2) with this seed: random values, the same ones for the same
  // seed, in a model Verilated with --x-initial unique (sailsim_sail_top_model X_INITIAL
  // unique); a --x-initial fast model ignores it. Verilator's random state is per thread:
  // one such model per thread at a time.
  int random_initial_seed = 0;
};

}  // namespace sailsim::tb
