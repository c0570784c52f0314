#include "sailsim/gen/errors.hpp"

#include <algorithm>

namespace sailsim::gen {

namespace {

struct Range {
  uint64_t base = 0, size = 0;
  bool write = false;  // on: write (OUT), else on: read (A or B)
};

// A range inside bytes the engine must touch: part of one row of A or B, or whole output
// elements of one OUT row (the engine writes only strobed elements).
Range draw_range(Rng& rng, const Job& j, ErrorTarget t) {
  Range r;
  if (t == ErrorTarget::out) {
    const uint64_t row = rng.uniform(0, j.n - 1);
    const uint64_t e = rng.uniform(0, j.m - 1);
    r.base = j.out + row * j.out_pitch() + 4 * e;
    r.size = 4 * rng.uniform(1, std::min<uint64_t>(8, j.m - e));
    r.write = true;
    return r;
  }
  const bool is_a = t == ErrorTarget::a;
  const uint64_t rows = is_a ? j.m : j.n;
  const uint64_t row_bytes = is_a ? j.a_row() : j.b_row();
  const uint64_t row = rng.uniform(0, rows - 1);
  const uint64_t off = rng.uniform(0, row_bytes - 1);
  r.base = (is_a ? j.a : j.b) + row * (is_a ? j.a_pitch() : j.b_pitch()) + off;
  r.size = rng.uniform(1, std::min<uint64_t>(64, row_bytes - off));
  return r;
}

}  // namespace

std::string target_name(ErrorTarget t) {
  return t == ErrorTarget::a ? "a" : t == ErrorTarget::b ? "b" : t == ErrorTarget::out ? "out" : "any";
}
std::string resp_name(RespKnob r) { return r == RespKnob::slverr ? "slverr" : r == RespKnob::decerr ? "decerr" : "both"; }

std::string errors_command(uint64_t seed, const ErrorsKnobs& k) {
  return "sailsim gen errors --seed " + std::to_string(seed) + " " + shape_options(k.shape) + " --path " +
         path_knob_name(k.path) + " --target " + target_name(k.target) + " --resp " + resp_name(k.resp) +
         " --timing " + timing_name(k.timing) + " -o FILE.yaml";
}

std::string generate_errors(uint64_t seed, const ErrorsKnobs& knobs) {
  Rng rng(seed);
  const Path path = draw_path(rng, knobs.path);
  Layout layout;
  const Job bad = random_job(rng, knobs.shape, layout, "A1", "B1", 1);
  const Job good = random_job(rng, knobs.shape, layout, "A2", "B2", 2);
  ErrorTarget target = knobs.target;
  if (target == ErrorTarget::any) target = static_cast<ErrorTarget>(rng.uniform(0, 2));
  const Range range = draw_range(rng, bad, target);
  const bool decerr = knobs.resp == RespKnob::decerr || (knobs.resp == RespKnob::both && rng.chance(0.5));
  const std::string resp = decerr ? "DECERR" : "SLVERR";
  const uint32_t code = range.write ? 8 : 7;

  Header h;
  h.kind = "errors";
  h.seed = seed;
  h.command = errors_command(seed, knobs);
  h.description = "a job over a " + resp + " range on " + target_name(target) + " ends with code " +
                  std::to_string(code) + "; the next job is exact";
  h.about = {"Job 1's " + target_name(target) + " overlaps the error range: it ends with code " + std::to_string(code) +
                 " (AXI " + (range.write ? "write" : "read") + " error).",
             "Job 2, outside the range, is checked bit for bit with ggml_matmul."};
  const Timing timing = draw_timing(seed, knobs.timing);
  apply_timing(h, timing, 4 * (bad.cycle_estimate() + good.cycle_estimate()));
  h.memory_lines.push_back("errors:");
  h.memory_lines.push_back("  - {base: " + hex(range.base) + ", size: " + std::to_string(range.size) + ", resp: " + resp +
                           ", on: " + (range.write ? "write" : "read") + "}");
  SequenceText text(h);
  JobSteps steps(text, path);
  steps.declare_operands(bad);
  steps.declare_operands(good);
  steps.start();
  text.comment("job 1 hits the error range");
  steps.load(bad, false);  // no guard fill: with a write range on OUT the host's fill would fail
  steps.submit(bad);
  steps.wait(bad, code);
  text.comment("job 2: the engine recovered");
  steps.load(good, true);
  steps.submit(good);
  steps.wait(good, 0);
  steps.check(good, true);
  return text.str();
}

}  // namespace sailsim::gen
