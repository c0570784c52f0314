// The Verilated q4k_dot lane (rtl/q4k_dot.sv with ChunksPerCycle = 1, as the engine
// instantiates it), driven cycle by cycle like tests/rtl/q4k_dot_test.cpp does: rows streamed
// back to back, each block held on the inputs until taken, valid and ready dropped at random.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "sailsim/sweep/random_blocks.hpp"
#include "sailsim/sweep/rows.hpp"

namespace sailsim::sweep {

class Lane {
 public:
  explicit Lane(bool fused);  // fused_i for every row this lane runs
  ~Lane();
  Lane(const Lane&) = delete;
  Lane& operator=(const Lane&) = delete;

  // One result per row, in order. With stall_p > 0 the source drops blk_valid_i and the sink
  // res_ready_i with that chance each cycle (from `rng`). Throws LaneHang when results stop.
  std::vector<uint32_t> run(std::span<const Row> rows, double stall_p, Rng& rng);
  uint64_t cycles() const { return cycles_; }  // clock cycles so far

 private:
  struct Model;
  std::unique_ptr<Model> model_;
  uint64_t cycles_ = 0;
};

}  // namespace sailsim::sweep
