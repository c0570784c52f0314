// `sailsim gen traffic`: random single AXI4 transactions from the host (FIXED, INCR, WRAP;
// every size from 1 to 32 bytes; unaligned starts; random write strobes; bursts that end
// exactly at a 4 KiB edge) to a DDR window, each read checked against the generator's
// scoreboard of what was written, and SCRATCH / ID register accesses, while a matmul job
// runs; then the job is checked bit for bit.
#pragma once

#include <cstdint>
#include <string>

#include "sailsim/gen/job.hpp"
#include "sailsim/gen/timing.hpp"

namespace sailsim::gen {

struct TrafficKnobs {
  uint32_t bursts = 24;  // host transactions
  ShapeKnobs shape{};    // the job that runs meanwhile
  PathKnob path = PathKnob::both;
  TimingKnob timing = TimingKnob::fixed;
  // Chance that the last transaction of a DDR page is issued without waiting for its
  // response (wait: false), so that several are outstanding at once; no later transaction
  // touches that page, so the scoreboard stays exact whatever order they complete in.
  double overlap = 0.5;
  uint32_t pages = 4;        // 4 KiB DDR pages the transactions use (1 to 16): with overlap, up to this many outstanding
  double empty_beats = 0.0;  // chance that a write beat has no strobe at all (WSTRB = 0, legal AXI4)
};

std::string generate_traffic(uint64_t seed, const TrafficKnobs& knobs);
std::string traffic_command(uint64_t seed, const TrafficKnobs& knobs);

}  // namespace sailsim::gen
