#include "sailsim/gen/matmul.hpp"

#include <vector>

namespace sailsim::gen {

std::string matmul_command(uint64_t seed, const MatmulKnobs& k) {
  return "sailsim gen matmul --seed " + std::to_string(seed) + " --jobs " + std::to_string(k.jobs) + " " +
         shape_options(k.shape) + " --path " + path_knob_name(k.path) +
         " --timing " + timing_name(k.timing) + " -o FILE.yaml";
}

std::string generate_matmul(uint64_t seed, const MatmulKnobs& knobs) {
  Rng rng(seed);
  const Path path = draw_path(rng, knobs.path);
  Layout layout;
  std::vector<Job> jobs;
  uint64_t cycles = 0;
  for (uint32_t i = 0; i < knobs.jobs; ++i) {
    const std::string id = std::to_string(i + 1);
    jobs.push_back(random_job(rng, knobs.shape, layout, "A" + id, "B" + id, i + 1));
    cycles += jobs.back().cycle_estimate();
  }
  Header h;
  h.kind = "matmul";
  h.seed = seed;
  h.command = matmul_command(seed, knobs);
  h.description = "random matmul jobs through the " + path_name(path) + ", checked with ggml_matmul";
  h.about = {"Each job: random M, N, K, strides, addresses and order; OUT checked bit for bit with",
             "ggml_matmul, and the 0xa5 guard bytes around OUT and in its row padding untouched."};
  const Timing timing = draw_timing(seed, knobs.timing);
  apply_timing(h, timing, 4 * cycles);
  SequenceText text(h);
  JobSteps steps(text, path);
  for (const Job& j : jobs) steps.declare_operands(j);
  steps.start();
  for (const Job& j : jobs) {
    text.comment("job " + std::to_string(j.tag) + ": M=" + std::to_string(j.m) + " K=" + std::to_string(j.k) +
                 " N=" + std::to_string(j.n) + " strides " + std::to_string(j.a_stride) + "/" +
                 std::to_string(j.b_stride) + "/" + std::to_string(j.out_stride) + (j.fused ? " fused" : " generic"));
    steps.load(j, true);
    steps.submit(j);
    steps.wait(j, 0);
    steps.check(j, true);
  }
  return text.str();
}

}  // namespace sailsim::gen
