#include "sailsim/card/matmul_job.hpp"

#include <cstring>
#include <stdexcept>

namespace sailsim::card {

namespace {
uint64_t round_up(uint64_t x, uint64_t to) { return (x + to - 1) / to * to; }
}  // namespace

rtl::JobDescriptor MatmulJob::descriptor() const {
  rtl::JobDescriptor d;
  d.a = a, d.b = b, d.out = out;
  d.m = m, d.k = k, d.n = n;
  d.a_stride = a_stride, d.b_stride = b_stride, d.out_stride = out_stride;
  d.flags = fused ? rtl::JobDescriptor::kFlagFused : 0;
  d.tag = tag;
  return d;
}

MatmulJob dense_job(uint32_t m, uint32_t k, uint32_t n, uint64_t base) {
  MatmulJob job;
  job.m = m, job.k = k, job.n = n;
  job.a = base;
  job.b = round_up(job.a + uint64_t{m} * (k / 256) * 144, 4096);
  job.out = round_up(job.b + uint64_t{n} * (k / 256) * 292, 4096);
  return job;
}

void load_operands(SailCard& card, const MatmulJob& job, std::span<const ggml::BlockQ4K> a,
                   std::span<const ggml::BlockQ8K> b, uint8_t out_fill) {
  const uint64_t kb = job.blocks_per_row();
  if (a.size() != job.m * kb || b.size() != job.n * kb) {
    throw std::invalid_argument("load_operands: A or B does not hold M (or N) rows of K/256 blocks");
  }
  for (uint64_t row = 0; row < job.m; ++row) {
    card.load(job.a + row * job.a_row_stride(),
              std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(a.data() + row * kb), kb * sizeof(ggml::BlockQ4K)));
  }
  for (uint64_t row = 0; row < job.n; ++row) {
    card.load(job.b + row * job.b_row_stride(),
              std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(b.data() + row * kb), kb * sizeof(ggml::BlockQ8K)));
  }
  const std::vector<uint8_t> fill(uint64_t{job.m} * 4, out_fill);
  for (uint64_t row = 0; row < job.n; ++row) card.load(job.out + row * job.out_row_stride(), fill);
}

std::vector<uint32_t> read_outputs(const SailCard& card, const MatmulJob& job) {
  std::vector<uint32_t> out(uint64_t{job.m} * job.n);
  for (uint64_t row = 0; row < job.n; ++row) {
    const std::vector<uint8_t> bytes = card.peek(job.out + row * job.out_row_stride(), uint64_t{job.m} * 4);
    std::memcpy(out.data() + row * job.m, bytes.data(), bytes.size());
  }
  return out;
}

MatmulRun run_matmul(SailCard& card, const MatmulJob& job, std::span<const ggml::BlockQ4K> a,
                     std::span<const ggml::BlockQ8K> b, uint64_t max_cycles) {
  load_operands(card, job, a, b);
  MatmulRun run;
  run.job = card.run_job(job.descriptor(), max_cycles);
  if (run.job.completed && run.job.error == rtl::JobError::None) run.out = read_outputs(card, job);
  return run;
}

}  // namespace sailsim::card
