// The matmul engine end to end: descriptors through the command queue over AXI, operands in
// the DDR model, results compared bit for bit with sailsim's GGML reference.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "random_blocks.hpp"
#include "sailsim/card/matmul_job.hpp"
#include "sailsim/card/sail_card.hpp"
#include "sailsim/ggml/dot.hpp"
#include "sailsim/ggml/float_bits.hpp"

namespace sailsim {
namespace {

using card::MatmulJob;
using card::SailCard;
using ggml::BlockQ4K;
using ggml::BlockQ8K;
using testing::Rng;

struct Operands {
  std::vector<BlockQ4K> a;
  std::vector<BlockQ8K> b;
};

Operands random_operands(Rng& rng, const MatmulJob& job) {
  Operands o;
  const uint32_t kb = job.blocks_per_row();
  for (uint64_t i = 0; i < uint64_t{job.m} * kb; ++i) o.a.push_back(testing::random_q4k_raw(rng));
  for (uint64_t i = 0; i < uint64_t{job.n} * kb; ++i) o.b.push_back(testing::random_q8k_raw(rng, true));
  return o;
}

std::vector<uint32_t> reference(const MatmulJob& job, const Operands& o) {
  const uint32_t kb = job.blocks_per_row();
  const ggml::DotOrder order = job.fused ? ggml::DotOrder::Fused : ggml::DotOrder::Generic;
  std::vector<uint32_t> out(uint64_t{job.m} * job.n);
  for (uint32_t n = 0; n < job.n; ++n) {
    for (uint32_t m = 0; m < job.m; ++m) {
      const float v = ggml::vec_dot_q4_K_q8_K(order, std::span(o.a).subspan(uint64_t{m} * kb, kb),
                                              std::span(o.b).subspan(uint64_t{n} * kb, kb));
      std::memcpy(&out[uint64_t{n} * job.m + m], &v, 4);
    }
  }
  return out;
}

bool is_nan(uint32_t bits) { return (bits & 0x7F80'0000u) == 0x7F80'0000u && (bits & 0x007F'FFFFu) != 0; }

// Bit for bit; where the reference gives NaN, any NaN (the RTL's is canonical).
::testing::AssertionResult same_bits(const std::vector<uint32_t>& expected, const std::vector<uint32_t>& actual,
                                     const MatmulJob& job) {
  if (expected.size() != actual.size()) return ::testing::AssertionFailure() << "size differs";
  size_t bad = 0;
  std::string first;
  for (size_t i = 0; i < expected.size(); ++i) {
    if (expected[i] == actual[i] || (is_nan(expected[i]) && is_nan(actual[i]))) continue;
    if (++bad <= 4) {
      first += "\n  out[n=" + std::to_string(i / job.m) + ", m=" + std::to_string(i % job.m) +
               "]: expected " + ggml::describe_bits(expected[i]) + ", engine " + ggml::describe_bits(actual[i]) +
               ", " + ggml::describe_ulp(expected[i], actual[i]);
    }
  }
  if (bad == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << bad << " of " << expected.size() << " outputs differ (M=" << job.m
                                       << " K=" << job.k << " N=" << job.n << ")" << first;
}

TEST(Engine, SmallDenseJobIsBitExact) {
  SailCard card;
  Rng rng(1);
  MatmulJob job = card::dense_job(3, 512, 2);
  const Operands o = random_operands(rng, job);
  const card::MatmulRun run = card::run_matmul(card, job, o.a, o.b, 1'000'000);
  ASSERT_TRUE(run.job.completed) << card.report();
  ASSERT_EQ(run.job.error, rtl::JobError::None);
  EXPECT_TRUE(same_bits(reference(job, o), run.out, job));
  EXPECT_TRUE(card.checkers_clean()) << card.checker_report();
}

card::MatmulRun run_checked(SailCard& card, const MatmulJob& job, const Operands& o) {
  card::MatmulRun run = card::run_matmul(card, job, o.a, o.b);
  EXPECT_TRUE(run.job.completed) << card.report();
  EXPECT_EQ(run.job.error, rtl::JobError::None) << rtl::to_string(run.job.error);
  return run;
}

TEST(EnginePerformance, TargetShapeNearTheReadRoofline) {
  // M = 256, K = 4096, N = 8: 589,824 bytes of A and 37,376 of B; roofline 19,600 cycles.
  for (unsigned latency : {1u, 100u}) {
    card::CardConfig config;
    config.memory.read_latency = axi4::Latency::fixed(latency);
    config.memory.write_latency = axi4::Latency::fixed(latency);
    SailCard card(config);
    Rng rng(7);
    MatmulJob job = card::dense_job(256, 4096, 8);
    const Operands o = random_operands(rng, job);
    const card::MatmulRun run = run_checked(card, job, o);
    EXPECT_TRUE(same_bits(reference(job, o), run.out, job));
    EXPECT_EQ(run.job.counters.bytes_read, 589'824u + 37'376u);
    EXPECT_EQ(run.job.counters.bytes_written, 256u * 8u * 4u);
    const double util = run.read_utilization();
    std::printf("latency %u: %llu busy cycles, %llu read stalls, utilization %.4f\n", latency,
                static_cast<unsigned long long>(run.job.counters.busy_cycles),
                static_cast<unsigned long long>(run.job.counters.read_stalls), util);
    EXPECT_GE(util, latency == 1 ? 0.90 : 0.80) << "latency " << latency;
  }
}

}  // namespace
}  // namespace sailsim
