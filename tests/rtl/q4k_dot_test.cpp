// rtl/q4k_dot.sv (with q4k_int_dot, q4k_scales, q4k_accum, q4k_reduce and the fp32 units),
// Verilated and driven cycle by cycle, against sailsim::ggml::vec_dot_q4_K_q8_K: DotOrder
// Generic with fused_i = 0 and DotOrder::Fused with fused_i = 1. Every result must match bit
// for bit by sailsim's one rule (ggml::matches_result: a NaN result only has to be a NaN on
// both sides; the RTL returns 0x7FC00000).
//
// Cases: every edge pair of tests/support/random_blocks as a one-block row, the edge pairs
// chained into multi-block rows, and 2,000 random rows of 1..16 blocks per order (quantizer
// output of the random_f32_block kinds, and raw random blocks with subnormal / negative fp16
// scales, q8 = -128 and random bsums), streamed back to back with random valid/ready stalls.
// Throughput: a 64-block row must be taken at one block every 4 cycles (ChunksPerCycle = 1).
// SAILSIM_Q4K_SEED overrides the seed, SAILSIM_Q4K_ROWS the number of random rows per order.
#include <gtest/gtest.h>
#include <verilated.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "Vq4k_dot.h"
#include "random_blocks.hpp"
#include "sailsim/ggml/blocks.hpp"
#include "sailsim/ggml/dot.hpp"
#include "sailsim/ggml/float_bits.hpp"
#include "sailsim/ggml/quantize.hpp"

namespace {

using sailsim::ggml::BlockQ4K;
using sailsim::ggml::BlockQ8K;
using sailsim::ggml::DotOrder;
using sailsim::ggml::bits_of;
using sailsim::ggml::describe_bits;
using sailsim::ggml::describe_ulp;
using sailsim::testing::Rng;

constexpr size_t kShownFailures = 8;
// Cycles per block the design guarantees with ChunksPerCycle = 1 (q4k_int_dot's 4 steps; the
// float stage needs 3).
constexpr uint64_t kCyclesPerBlock = 4;

uint64_t seed() {
  const char* env = std::getenv("SAILSIM_Q4K_SEED");
  return env ? std::strtoull(env, nullptr, 0) : 0x51A1044Bull;
}
size_t random_rows() {
  const char* env = std::getenv("SAILSIM_Q4K_ROWS");
  return env ? static_cast<size_t>(std::strtoull(env, nullptr, 0)) : size_t{2000};
}

struct Row {
  std::string what;
  std::vector<BlockQ4K> x;
  std::vector<BlockQ8K> y;
};

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

// The Verilated q4k_dot and a driver that streams rows through it.
class Dut {
 public:
  Dut() : context_(std::make_unique<VerilatedContext>()), dut_(std::make_unique<Vq4k_dot>(context_.get())) {
    dut_->clk_i = 0;
    dut_->rst_ni = 0;
    dut_->blk_valid_i = 0;
    dut_->res_ready_i = 0;
    dut_->eval();
    dut_->rst_ni = 1;
    dut_->eval();
  }
  ~Dut() { dut_->final(); }
  Dut(const Dut&) = delete;
  Dut& operator=(const Dut&) = delete;

  struct Run {
    std::vector<uint32_t> results;     // one per row, in order
    uint64_t cycles = 0;               // clock edges from the first cycle to the last result
    std::vector<uint64_t> accept_at;   // cycle of each block's handshake
  };

  // Streams the rows back to back; with stall_p > 0 the source and sink drop valid / ready at
  // random. A block stays on the inputs until taken (q4k_int_dot steps through the held
  // block only in cycles where valid is high, so a dropped valid just pauses it).
  Run run(const std::vector<Row>& rows, bool fused, double stall_p, Rng& rng) {
    Run out;
    size_t row = 0, blk = 0;
    dut_->fused_i = fused ? 1 : 0;
    const uint64_t limit = 1000 + 64 * [&] {
      uint64_t n = 0;
      for (const auto& r : rows) n += r.x.size() + 4;
      return n;
    }();
    for (uint64_t cycle = 0; out.results.size() < rows.size(); ++cycle) {
      if (cycle > limit) {
        ADD_FAILURE() << "q4k_dot hung: " << out.results.size() << " of " << rows.size() << " results";
        return out;
      }
      const bool have = row < rows.size();
      const bool offer = have && !(stall_p > 0 && rng.chance(stall_p));
      dut_->blk_valid_i = offer ? 1 : 0;
      if (have) {
        load_wide(dut_->q4_i, rows[row].x[blk]);
        load_wide(dut_->q8_i, rows[row].y[blk]);
        dut_->blk_first_i = blk == 0 ? 1 : 0;
        dut_->blk_last_i = blk + 1 == rows[row].x.size() ? 1 : 0;
      }
      dut_->res_ready_i = (stall_p > 0 && rng.chance(stall_p)) ? 0 : 1;
      dut_->clk_i = 0;
      dut_->eval();
      const bool fire_in = dut_->blk_valid_i && dut_->blk_ready_o;
      if (dut_->res_valid_o && dut_->res_ready_i) out.results.push_back(dut_->res_o);
      dut_->clk_i = 1;
      dut_->eval();
      out.cycles = cycle + 1;
      if (fire_in) {
        out.accept_at.push_back(cycle);
        if (++blk == rows[row].x.size()) {
          blk = 0;
          ++row;
        }
      }
    }
    return out;
  }

 private:
  std::unique_ptr<VerilatedContext> context_;
  std::unique_ptr<Vq4k_dot> dut_;
};

// Compares every row's result with the oracle; returns the number of mismatches.
size_t check(const std::vector<Row>& rows, const std::vector<uint32_t>& got, DotOrder order) {
  size_t failures = 0;
  for (size_t i = 0; i < rows.size() && i < got.size(); ++i) {
    const uint32_t want = bits_of(sailsim::ggml::vec_dot_q4_K_q8_K(order, rows[i].x, rows[i].y));
    if (sailsim::ggml::matches_result(want, got[i])) continue;
    if (++failures <= kShownFailures) {
      std::ostringstream os;
      os << "row " << i << " (" << rows[i].what << ", " << rows[i].x.size() << " blocks, "
         << sailsim::ggml::order_name(order) << "): expected " << describe_bits(want) << ", RTL "
         << describe_bits(got[i]) << ", " << describe_ulp(want, got[i]) << "\n";
      for (size_t b = 0; b < rows[i].x.size(); ++b) {
        char line[160];
        std::snprintf(line, sizeof line, "  block %zu: x.d=0x%04x x.dmin=0x%04x y.d=%s scales[0..3]=%02x%02x%02x%02x\n", b,
                      rows[i].x[b].d, rows[i].x[b].dmin, describe_bits(bits_of(rows[i].y[b].d)).c_str(),
                      rows[i].x[b].scales[0], rows[i].x[b].scales[1], rows[i].x[b].scales[2], rows[i].x[b].scales[3]);
        os << line;
      }
      ADD_FAILURE() << os.str();
    }
  }
  EXPECT_EQ(got.size(), rows.size());
  return failures;
}

BlockQ4K quantized_q4k(Rng& rng) {
  const auto& kinds = sailsim::testing::f32_kinds();
  const auto x = sailsim::testing::random_f32_block(rng, kinds[static_cast<size_t>(rng.range(0, static_cast<int64_t>(kinds.size()) - 1))]);
  BlockQ4K b{};
  sailsim::ggml::quantize_row_q4_K_ref(x, std::span<BlockQ4K>(&b, 1));
  return b;
}
BlockQ8K quantized_q8k(Rng& rng) {
  const auto& kinds = sailsim::testing::f32_kinds();
  const auto x = sailsim::testing::random_f32_block(rng, kinds[static_cast<size_t>(rng.range(0, static_cast<int64_t>(kinds.size()) - 1))]);
  BlockQ8K b{};
  sailsim::ggml::quantize_row_q8_K_ref(x, std::span<BlockQ8K>(&b, 1));
  return b;
}

// Rows of 1..16 blocks: half quantizer output, half raw bits (with q8 = -128 planted and some
// inconsistent bsums), a few with an edge pair mixed in.
std::vector<Row> random_row_set(Rng& rng, size_t count) {
  const auto edges = sailsim::testing::edge_pairs();
  std::vector<Row> rows;
  for (size_t r = 0; r < count; ++r) {
    Row row;
    const auto n = static_cast<size_t>(rng.range(1, 16));
    const bool quantized = r % 2 == 0;
    row.what = quantized ? "quantizer output" : "raw random";
    for (size_t b = 0; b < n; ++b) {
      if (rng.chance(0.02)) {
        const auto& e = edges[static_cast<size_t>(rng.range(0, static_cast<int64_t>(edges.size()) - 1))];
        row.x.push_back(e.x);
        row.y.push_back(e.y);
        row.what += " + edge '" + e.name + "'";
        continue;
      }
      if (quantized) {
        row.x.push_back(quantized_q4k(rng));
        row.y.push_back(quantized_q8k(rng));
      } else {
        row.x.push_back(sailsim::testing::random_q4k_raw(rng));
        BlockQ8K y = sailsim::testing::random_q8k_raw(rng, !rng.chance(0.25));
        if (rng.chance(0.3)) {
          for (auto& q : y.qs) {
            if (rng.chance(0.3)) q = -128;
          }
          sailsim::testing::recompute_bsums(y);
        }
        row.y.push_back(y);
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<Row> edge_rows() {
  std::vector<Row> rows;
  for (const auto& e : sailsim::testing::edge_pairs()) rows.push_back(Row{"edge '" + e.name + "'", {e.x}, {e.y}});
  return rows;
}

void expect_rows_match(const std::vector<Row>& rows, DotOrder order, double stall_p, uint64_t rng_seed) {
  Dut dut;
  Rng rng(rng_seed);
  const auto run = dut.run(rows, order == DotOrder::Fused, stall_p, rng);
  EXPECT_EQ(check(rows, run.results, order), 0u);
}

TEST(Q4kDotRtl, EdgePairsSingleBlockGeneric) { expect_rows_match(edge_rows(), DotOrder::Generic, 0.0, seed()); }
TEST(Q4kDotRtl, EdgePairsSingleBlockFused) { expect_rows_match(edge_rows(), DotOrder::Fused, 0.0, seed()); }

// Every ordered pair of edge pairs as a two-block row: accumulators carrying inf, NaN, -0 and
// subnormals into the next block.
std::vector<Row> edge_chains() {
  const auto edges = sailsim::testing::edge_pairs();
  std::vector<Row> rows;
  for (const auto& a : edges) {
    for (const auto& b : edges) rows.push_back(Row{"edges '" + a.name + "' then '" + b.name + "'", {a.x, b.x}, {a.y, b.y}});
  }
  return rows;
}
TEST(Q4kDotRtl, EdgePairChainsGeneric) { expect_rows_match(edge_chains(), DotOrder::Generic, 0.1, seed() + 1); }
TEST(Q4kDotRtl, EdgePairChainsFused) { expect_rows_match(edge_chains(), DotOrder::Fused, 0.1, seed() + 2); }

TEST(Q4kDotRtl, RandomRowsGeneric) {
  Rng rng(seed() + 10);
  expect_rows_match(random_row_set(rng, random_rows()), DotOrder::Generic, 0.15, seed() + 11);
}
TEST(Q4kDotRtl, RandomRowsFused) {
  Rng rng(seed() + 20);
  expect_rows_match(random_row_set(rng, random_rows()), DotOrder::Fused, 0.15, seed() + 21);
}

// Fused and generic must differ somewhere on multi-block rows, or the fused flag would be
// untested: the oracle says they do, and the RTL must follow each.
TEST(Q4kDotRtl, FusedFlagMatters) {
  Rng rng(seed() + 30);
  const auto rows = random_row_set(rng, 200);
  size_t differ = 0;
  for (const auto& r : rows) {
    differ += bits_of(sailsim::ggml::vec_dot_q4_K_q8_K(DotOrder::Generic, r.x, r.y)) !=
              bits_of(sailsim::ggml::vec_dot_q4_K_q8_K(DotOrder::Fused, r.x, r.y));
  }
  EXPECT_GT(differ, 10u) << "the random rows hardly tell the two orders apart";
}

// Back to back: a 64-block row, then 8 rows of 64 blocks, with the source always valid and
// the sink always ready. Blocks must be taken exactly kCyclesPerBlock cycles apart.
TEST(Q4kDotRtl, BackToBackThroughput) {
  Rng rng(seed() + 40);
  std::vector<Row> rows;
  for (int r = 0; r < 9; ++r) {
    Row row{"throughput", {}, {}};
    for (int b = 0; b < 64; ++b) {
      row.x.push_back(sailsim::testing::random_q4k_raw(rng));
      row.y.push_back(sailsim::testing::random_q8k_raw(rng, true));
    }
    rows.push_back(std::move(row));
  }
  {
    Dut dut;
    const std::vector<Row> one{rows[0]};
    const auto run = dut.run(one, false, 0.0, rng);
    EXPECT_EQ(check(one, run.results, DotOrder::Generic), 0u);
    ASSERT_EQ(run.accept_at.size(), 64u);
    for (size_t i = 1; i < run.accept_at.size(); ++i) {
      EXPECT_EQ(run.accept_at[i] - run.accept_at[i - 1], kCyclesPerBlock) << "block " << i;
    }
    const double blocks_per_cycle = 64.0 / static_cast<double>(run.cycles);
    std::printf("64-block row: %llu cycles to the result (blocks taken every %llu cycles, last at cycle %llu), "
                "%.4f blocks/cycle including fill and drain\n",
                static_cast<unsigned long long>(run.cycles), static_cast<unsigned long long>(kCyclesPerBlock),
                static_cast<unsigned long long>(run.accept_at.back()), blocks_per_cycle);
    EXPECT_GE(blocks_per_cycle, 1.0 / 4.5);
  }
  {
    Dut dut;
    const std::vector<Row> many(rows.begin() + 1, rows.end());
    const auto run = dut.run(many, true, 0.0, rng);
    EXPECT_EQ(check(many, run.results, DotOrder::Fused), 0u);
    ASSERT_EQ(run.accept_at.size(), 8u * 64u);
    for (size_t i = 1; i < run.accept_at.size(); ++i) {
      EXPECT_EQ(run.accept_at[i] - run.accept_at[i - 1], kCyclesPerBlock) << "block " << i;
    }
    std::printf("8 rows x 64 blocks back to back: %llu cycles, %.4f blocks/cycle\n",
                static_cast<unsigned long long>(run.cycles), 512.0 / static_cast<double>(run.cycles));
  }
}

// One-block rows back to back: the final lane sum (8 cycles per row) then sets the pace.
TEST(Q4kDotRtl, OneBlockRowsBackToBack) {
  Rng rng(seed() + 50);
  std::vector<Row> rows;
  for (int r = 0; r < 32; ++r) {
    rows.push_back(Row{"one-block", {sailsim::testing::random_q4k_raw(rng)}, {sailsim::testing::random_q8k_raw(rng, true)}});
  }
  Dut dut;
  const auto run = dut.run(rows, false, 0.0, rng);
  EXPECT_EQ(check(rows, run.results, DotOrder::Generic), 0u);
  std::printf("32 one-block rows: %llu cycles, %.2f cycles per row\n", static_cast<unsigned long long>(run.cycles),
              static_cast<double>(run.cycles) / 32.0);
}

}  // namespace
