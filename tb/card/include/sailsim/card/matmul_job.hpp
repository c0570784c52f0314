// A Q4_K x Q8_K matmul on a SailCard: where the operands go in DDR (any row strides), the
// descriptor that names them, the outputs read back, and how close the job came to the read
// roofline (32 bytes a cycle on the 256-bit DDR port).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sailsim/card/sail_card.hpp"
#include "sailsim/ggml/blocks.hpp"
#include "sailsim/rtl/sail_desc.hpp"

namespace sailsim::card {

struct MatmulJob {
  uint32_t m = 0, k = 0, n = 0;
  uint64_t a = 0, b = 0, out = 0;                 // DDR addresses
  uint32_t a_stride = 0, b_stride = 0, out_stride = 0;  // bytes between rows; 0: dense
  bool fused = false;                              // the FMA-contracted order
  uint32_t tag = 0;

  uint32_t blocks_per_row() const { return k / 256; }
  uint64_t a_row_stride() const { return a_stride ? a_stride : uint64_t{blocks_per_row()} * 144; }
  uint64_t b_row_stride() const { return b_stride ? b_stride : uint64_t{blocks_per_row()} * 292; }
  uint64_t out_row_stride() const { return out_stride ? out_stride : uint64_t{m} * 4; }
  rtl::JobDescriptor descriptor() const;
};

// Dense operands packed from `base` (A, then B and OUT, each on a 4 KiB boundary).
MatmulJob dense_job(uint32_t m, uint32_t k, uint32_t n, uint64_t base = 0x10000);

// Writes A (M rows of K/256 blocks) and B (N rows) at their rows' addresses, and fills every
// OUT row with `out_fill` bytes, so that an output the engine never wrote shows up.
void load_operands(SailCard& card, const MatmulJob& job, std::span<const ggml::BlockQ4K> a,
                   std::span<const ggml::BlockQ8K> b, uint8_t out_fill = 0xA5);

// OUT as out[n*M + m] bit patterns, from the rows' addresses.
std::vector<uint32_t> read_outputs(const SailCard& card, const MatmulJob& job);

struct MatmulRun {
  JobRun job;
  std::vector<uint32_t> out;  // empty unless the job completed without error
  // bytes read / 32 over the busy cycles: 1.0 is the read roofline.
  double read_utilization() const {
    return job.counters.busy_cycles ? static_cast<double>(job.counters.bytes_read) / 32.0 /
                                          static_cast<double>(job.counters.busy_cycles)
                                    : 0.0;
  }
};

// load_operands + run_job + read_outputs.
MatmulRun run_matmul(SailCard& card, const MatmulJob& job, std::span<const ggml::BlockQ4K> a,
                     std::span<const ggml::BlockQ8K> b, uint64_t max_cycles = 50'000'000);

}  // namespace sailsim::card
