// `sailsim gen KIND --seed S -o FILE.yaml [knobs]`: writes a constrained-random, self-checking
// format-v1 sequence (docs/gen.md). The same seed and knobs give the same bytes.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "sailsim/gen/driver.hpp"
#include "sailsim/gen/errors.hpp"
#include "sailsim/gen/matmul.hpp"
#include "sailsim/gen/queue.hpp"
#include "sailsim/gen/traffic.hpp"

namespace CLI {
class App;
}

namespace sailsim::cli {

struct GenOptions {
  std::string kind;
  uint64_t seed = 0;
  std::string out;
  uint32_t jobs = 2;
  uint32_t max_rejects = 2;
  double poll = 0.5;  // queue: chance of polling JOBS_DONE on the registers path
  double full = 0.5;
  double errnos = 0.5;
  double f32 = 0.3;  // driver: chance of f32 activations (b_f32) for a small job
  uint32_t bursts = 24;
  double overlap = 0.5;  // traffic: chance of wait: false on a page's last transaction
  uint32_t pages = 4;         // traffic: DDR pages of the window
  double empty_beats = 0.0;   // traffic: chance of a write beat with WSTRB = 0
  std::string timing = "fixed";
  gen::ShapeKnobs shape{};
  std::string order = "both", strides = "both", path = "both", target = "any", resp = "both";
};

CLI::App* add_gen_command(CLI::App& app, GenOptions& options);

int run_gen(const GenOptions& options, std::ostream& out, std::ostream& err);

}  // namespace sailsim::cli
