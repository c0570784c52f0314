// `sailsim gen queue`: descriptors back to back behind a long head job, without waiting:
// good jobs and refused ones (codes 1-6) in random order, and optionally a full queue (the
// descriptor write answers SLVERR, the driver's WORK_SUBMIT EBUSY). Then every good job's
// OUT is checked bit for bit, and the counters say how many jobs ended, failed and bounced.
#pragma once

#include <cstdint>
#include <string>

#include "sailsim/gen/job.hpp"
#include "sailsim/gen/timing.hpp"

namespace sailsim::gen {

struct QueueKnobs {
  ShapeKnobs shape{};          // the queued good jobs (the head job is long: docs/gen.md)
  PathKnob path = PathKnob::both;
  TimingKnob timing = TimingKnob::fixed;
  uint32_t max_rejects = 2;    // refused descriptors among the queued ones: 0 to this
  double full = 0.5;           // chance that the queue is filled and one more descriptor bounces
  double poll = 0.5;           // registers path: chance that the end is found by polling JOBS_DONE
};

std::string generate_queue(uint64_t seed, const QueueKnobs& knobs);
std::string queue_command(uint64_t seed, const QueueKnobs& knobs);

}  // namespace sailsim::gen
