// `--timing random` for every kind: random DDR read / write latency ranges, memory ready
// probability, response reordering and host-port ready, as config.memory / config.host
// lines. Drawn from its own stream (the seed and a constant), so that a file with
// `--timing random` holds the same jobs as the one without it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sailsim::gen {

enum class TimingKnob { fixed, random };

struct Timing {
  std::vector<std::string> memory;  // lines under config.memory
  std::vector<std::string> host;    // lines under config.host
  uint64_t slowdown = 1;            // how much longer than at the default timing a job may take
};

Timing draw_timing(uint64_t seed, TimingKnob knob);
std::string timing_name(TimingKnob knob);

struct Header;
// Puts the drawn timing into a file's header: its config.memory / config.host lines, and a
// timeout of `estimated_cycles` (at the default timing) times the slowdown, plus a margin.
void apply_timing(Header& header, const Timing& timing, uint64_t estimated_cycles);

}  // namespace sailsim::gen
