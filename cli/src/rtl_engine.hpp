// One vector-set case through the RTL: a fresh simulated Sail card, the case's operands in its
// DDR, and its outputs computed by the Q4_K matmul engine in the generic or the FMA-contracted
// order. A Matmul case is one job (dense layout); a Pairs case is one M = 1, N = 1 job per pair,
// all on the same card.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sailsim/card/sail_card.hpp"
#include "sailsim/vecset/vector_set.hpp"

namespace sailsim::cli {

struct RtlCaseRun {
  // Empty when every job completed without error; otherwise why not (the outputs are then
  // missing or partial and must not be compared).
  std::string failure;
  std::vector<uint32_t> out;  // bit patterns in the case's output order (out.bin's)
  uint64_t jobs = 0;
  uint64_t cycles = 0;        // summed over the jobs: descriptor written to interrupt
  card::Counters counters{};  // summed over the jobs
  // Empty when the protocol checkers on both ports saw no violation.
  std::string protocol_report;

  bool ok() const { return failure.empty(); }
  // Bytes read / 32 over the busy cycles: 1.0 is the read roofline of the 256-bit DDR port.
  double read_utilization() const;
};

// Runs every output of `c` through a fresh card in the generic order, or the FMA-contracted
// one when `fused`. The kernel's tb::HangError (the watchdog) and card::CardError propagate.
RtlCaseRun run_case_on_card(const vecset::Case& c, bool fused, const card::CardConfig& config = {});

}  // namespace sailsim::cli
