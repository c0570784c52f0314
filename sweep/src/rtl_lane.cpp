#include "rtl_lane.hpp"

#include <verilated.h>

#include <cstring>
#include <string>

#include "Vsweep_q4k_dot.h"
#include "sailsim/sweep/sweep.hpp"

namespace sailsim::sweep {

namespace {

template <size_t Words, typename Block>
void load_wide(VlWide<Words>& port, const Block& block) {
  static_assert(sizeof(Block) <= Words * 4);
  unsigned char bytes[Words * 4] = {};
  std::memcpy(bytes, &block, sizeof(Block));
  for (size_t i = 0; i < Words; ++i) {
    uint32_t w;
    std::memcpy(&w, bytes + 4 * i, 4);
    port[i] = w;
  }
}

}  // namespace

struct Lane::Model {
  std::unique_ptr<VerilatedContext> context = std::make_unique<VerilatedContext>();
  std::unique_ptr<Vsweep_q4k_dot> dut = std::make_unique<Vsweep_q4k_dot>(context.get());
};

Lane::Lane(bool fused) : model_(std::make_unique<Model>()) {
  auto& d = *model_->dut;
  d.clk_i = 0;
  d.rst_ni = 0;
  d.fused_i = fused ? 1 : 0;
  d.blk_valid_i = 0;
  d.res_ready_i = 0;
  d.eval();
  d.clk_i = 1;  // one clock edge in reset
  d.eval();
  d.clk_i = 0;
  d.rst_ni = 1;
  d.eval();
}

Lane::~Lane() { model_->dut->final(); }

std::vector<uint32_t> Lane::run(std::span<const Row> rows, double stall_p, Rng& rng) {
  auto& d = *model_->dut;
  std::vector<uint32_t> results;
  results.reserve(rows.size());
  uint64_t blocks = 0;
  for (const Row& r : rows) blocks += r.blocks() + 4;
  // Far more than the lane needs (4 cycles a block, 8 a row for the final sum), even with
  // stalls at the highest rate a sweep uses.
  const uint64_t limit = 1000 + 64 * blocks;
  size_t row = 0, blk = 0;
  for (uint64_t cycle = 0; results.size() < rows.size(); ++cycle) {
    if (cycle > limit) {
      throw LaneHang("the q4k_dot lane hung: " + std::to_string(results.size()) + " of " + std::to_string(rows.size()) +
                     " results after " + std::to_string(cycle) + " cycles");
    }
    const bool have = row < rows.size();
    const bool offer = have && !(stall_p > 0 && rng.chance(stall_p));
    d.blk_valid_i = offer ? 1 : 0;
    if (have) {
      load_wide(d.q4_i, rows[row].x[blk]);
      load_wide(d.q8_i, rows[row].y[blk]);
      d.blk_first_i = blk == 0 ? 1 : 0;
      d.blk_last_i = blk + 1 == rows[row].blocks() ? 1 : 0;
    }
    d.res_ready_i = (stall_p > 0 && rng.chance(stall_p)) ? 0 : 1;
    d.clk_i = 0;
    d.eval();
    const bool fire_in = d.blk_valid_i && d.blk_ready_o;
    if (d.res_valid_o && d.res_ready_i) results.push_back(d.res_o);
    d.clk_i = 1;
    d.eval();
    ++cycles_;
    if (fire_in && ++blk == rows[row].blocks()) {
      blk = 0;
      ++row;
    }
  }
  return results;
}

}  // namespace sailsim::sweep
