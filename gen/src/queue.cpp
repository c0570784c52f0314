#include "sailsim/gen/queue.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace sailsim::gen {

namespace {

constexpr uint32_t kQueueDepth = 4;  // descriptors waiting behind the running job (docs/engine.md)
constexpr uint64_t kDdrEnd = 0x4000'0000;

// A copy of `j` that the engine refuses with `code` (docs/engine.md, "A job, step by step"):
// one rule broken, the earlier rules kept, since the engine reports the first broken rule.
Job refused(Rng& rng, Job j, uint32_t code) {
  switch (code) {
    case 1: j.k = j.k - 256 + static_cast<uint32_t>(rng.uniform(1, 255)); break;  // not a multiple of 256
    case 2: (rng.chance(0.5) ? j.m : j.n) = 0; break;
    case 3: j.extra_flags = 1u << rng.uniform(1, 31); break;
    case 4: j.a_stride = static_cast<uint32_t>(rng.uniform(1, j.a_row() - 1)); break;  // shorter than a row
    case 5: j.out += rng.uniform(1, 3); break;
    default: j.out = kDdrEnd - 4 * rng.uniform(0, j.out_span() / 4 - 1); break;  // OUT runs past DDR's end
  }
  return j;
}

std::string num(uint64_t v) { return std::to_string(v); }

}  // namespace

std::string queue_command(uint64_t seed, const QueueKnobs& k) {
  return "sailsim gen queue --seed " + num(seed) + " " + shape_options(k.shape) + " --path " + path_knob_name(k.path) +
         " --max-rejects " + num(k.max_rejects) + " --full " + decimal(k.full) + " --poll " + decimal(k.poll) + " --timing " +
         timing_name(k.timing) + " -o FILE.yaml";
}

std::string generate_queue(uint64_t seed, const QueueKnobs& knobs) {
  Rng rng(seed);
  const Path path = draw_path(rng, knobs.path);
  Layout layout;
  // The head job keeps the engine busy while the others are written: M = 32, K = 4096 (or
  // the largest K the knobs allow), dense, N from 1 to 8: thousands of cycles at the default
  // K, still hundreds at K = 256, against tens per descriptor write (docs/gen.md).
  Job head;
  head.a_buf = "A1";
  head.b_buf = "B1";
  head.tag = 1;
  head.m = 32;
  head.k = std::min<uint32_t>(4096, knobs.shape.max_k);
  head.n = static_cast<uint32_t>(rng.uniform(1, 8));
  head.fused = knobs.shape.order == OrderKnob::fused || (knobs.shape.order == OrderKnob::both && rng.chance(0.5));
  place_job(head, rng, layout);

  const bool full = rng.chance(knobs.full);
  // Descriptors that take a place in the queue behind the head job.
  const uint32_t queued = full ? kQueueDepth : static_cast<uint32_t>(rng.uniform(1, kQueueDepth));
  // Through the registers a refused descriptor is queued like any other (the engine refuses
  // it when its turn comes); the driver refuses it itself (EINVAL), so there it comes on top.
  const uint32_t rejects = static_cast<uint32_t>(
      rng.uniform(0, path == Path::regs ? std::min(knobs.max_rejects, queued - 1) : knobs.max_rejects));
  const uint32_t total = path == Path::regs ? queued : queued + rejects;
  std::vector<bool> is_reject(total, false);
  for (uint32_t i = 0; i < rejects; ++i) is_reject[i] = true;
  for (uint32_t i = total - 1; i > 0; --i) {
    const uint64_t other = rng.uniform(0, i);
    const bool t = is_reject[i];
    is_reject[i] = is_reject[other];
    is_reject[other] = t;
  }

  struct Entry {
    Job job;
    uint32_t code = 0;
  };
  std::vector<Entry> entries;
  std::vector<Job> good{head};
  uint32_t tag = 2;
  for (uint32_t i = 0; i < total; ++i) {
    const std::string id = num(tag);
    Job j = random_job(rng, knobs.shape, layout, "A" + id, "B" + id, tag);
    ++tag;
    if (is_reject[i]) {
      const uint32_t code = static_cast<uint32_t>(rng.uniform(1, 6));
      entries.push_back({refused(rng, j, code), code});
    } else {
      entries.push_back({j, 0});
      good.push_back(j);
    }
  }
  // The descriptor that finds the queue full: a good job whose OUT must stay untouched.
  Job bounced = random_job(rng, knobs.shape, layout, "A" + num(tag), "B" + num(tag), tag);

  uint64_t cycles = 0;
  for (const Job& j : good) cycles += j.cycle_estimate();
  Header h;
  h.kind = "queue";
  h.seed = seed;
  h.command = queue_command(seed, knobs);
  h.description = "descriptors back to back through the " + path_name(path) + ": " + num(good.size()) + " good, " +
                  num(rejects) + " refused" + (full ? ", one bounced off the full queue" : "");
  h.about = {"Job 1 is long; the others are written behind it without waiting. Refused descriptors",
             "end with their code (registers) or EINVAL (driver); a full queue bounces the next one",
             "(SLVERR / EBUSY) and nothing of it is written; every good OUT is checked bit for bit."};
  const Timing timing = draw_timing(seed, knobs.timing);
  apply_timing(h, timing, 4 * cycles);
  SequenceText text(h);
  JobSteps steps(text, path);
  for (const Job& j : good) steps.declare_operands(j);
  if (full) steps.declare_operands(bounced);
  steps.start();
  for (const Job& j : good) steps.load(j, true);
  if (full) steps.load(bounced, true);
  text.comment("the head job, then " + num(total) + " descriptors without waiting");
  steps.submit(head);
  uint32_t last_tag = head.tag, last_code = 0;
  for (const Entry& e : entries) {
    if (path == Path::driver && e.code != 0) {
      steps.submit(e.job, "EINVAL");
      continue;
    }
    steps.submit(e.job);
    last_tag = e.job.tag;
    last_code = e.code;
  }
  if (full) {
    text.comment("the queue holds " + num(kQueueDepth) + " behind the running job: the next descriptor bounces");
    if (path == Path::driver)
      steps.submit(bounced, "EBUSY");
    else
      steps.submit(bounced, "0", "SLVERR");
  }
  const bool bounced_one = full;
  // Polled while the head job still runs: busy, the queue-full bit, no interrupt yet, and
  // the descriptors waiting (refused ones included: the engine refuses them in their turn).
  const uint32_t status = 1u | (queued == kQueueDepth ? 2u : 0u) | (queued << 8);
  text.step("read: {addr: 0x24, size: 4, expect: {hex: \"" + le32_hex(status) +
            "\"}}   # STATUS: busy, queue full, irq_o, jobs waiting");
  if (path == Path::driver) {
    for (const Job& j : good) steps.wait(j, 0);
    text.step("ioctl: {cmd: GET_TELEMETRY, expect: {jobs_done: " + num(good.size()) + ", jobs_failed: 0, queue_rejects: " +
              num(bounced_one ? 1 : 0) + "}}");
  } else {
    const uint64_t done = 1 + entries.size();
    if (rng.chance(knobs.poll))  // the host polls a register over the bus, as a driver without interrupts
      text.step("poll: {addr: 0x60, equals: " + num(done) + ", interval_cycles: 32}   # JOBS_DONE, read until every job ended");
    else
      text.step("wait: {until: engine_idle}");
    text.step("read: {addr: 0x60, size: 16, expect: {hex: \"" + le32_hex(static_cast<uint32_t>(done)) + " 00 00 00 00 " +
              le32_hex(rejects) + " 00 00 00 00\"}}   # JOBS_DONE, JOBS_FAILED");
    text.step("read: {addr: 0x3c, size: 4, expect: {hex: \"" + le32_hex(bounced_one ? 1 : 0) + "\"}}   # QUEUE_REJECTS");
    text.step("read: {addr: 0x34, size: 8, expect: {hex: \"" + le32_hex(last_tag) + " " + le32_hex(last_code) +
              "\"}}   # LAST_TAG, LAST_ERROR: the newest job");
    text.step("read: {addr: 0x28, size: 4, expect: {hex: \"" + le32_hex(rejects ? 3 : 1) + "\"}}   # IRQ_STATUS");
  }
  for (const Job& j : good) steps.check(j, true);
  if (bounced_one) {
    text.comment("nothing of the bounced descriptor ran: its OUT still holds the guard bytes");
    text.step("check: {addr: " + hex(bounced.out - 32) + ", equals: {fill: {byte: 0xa5, size: " +
              num(bounced.out_span() + 64) + "}}}");
  }
  return text.str();
}

}  // namespace sailsim::gen
