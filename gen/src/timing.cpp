#include "sailsim/gen/timing.hpp"

#include "sailsim/gen/random.hpp"
#include "sailsim/gen/yaml_text.hpp"

namespace sailsim::gen {

namespace {

constexpr uint64_t kTimingStream = 0x74696d696e67;  // "timing": a stream apart from the jobs'

// A probability with two decimals in [lo, hi] percent, written as YAML reads it back.
std::string percent(Rng& rng, uint64_t lo, uint64_t hi) {
  const uint64_t p = rng.uniform(lo, hi);
  if (p >= 100) return "1.0";
  return std::string(p < 10 ? "0.0" : "0.") + std::to_string(p);
}

std::string latency(Rng& rng, uint64_t max_min, uint64_t max_span) {
  const uint64_t lo = rng.uniform(1, max_min);
  return "{min: " + std::to_string(lo) + ", max: " + std::to_string(lo + rng.uniform(0, max_span)) + "}";
}

}  // namespace

std::string timing_name(TimingKnob knob) { return knob == TimingKnob::fixed ? "fixed" : "random"; }

Timing draw_timing(uint64_t seed, TimingKnob knob) {
  Timing t;
  if (knob == TimingKnob::fixed) return t;
  Rng rng(seed ^ kTimingStream);
  t.memory.push_back("read_latency: " + latency(rng, 60, 140));
  t.memory.push_back("write_latency: " + latency(rng, 30, 90));
  t.memory.push_back("ready: " + percent(rng, 30, 100));
  t.memory.push_back(std::string("reorder: ") + (rng.chance(0.5) ? "true" : "false"));
  t.host.push_back("ready: " + percent(rng, 30, 100));
  t.slowdown = 12;
  return t;
}

void apply_timing(Header& header, const Timing& timing, uint64_t estimated_cycles) {
  header.memory_lines = timing.memory;
  header.host_lines = timing.host;
  header.timeout_cycles = timing.slowdown * estimated_cycles + 1'000'000;
}

}  // namespace sailsim::gen
