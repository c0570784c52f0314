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

// By sailsim's one comparison rule (ggml::matches_result).
::testing::AssertionResult same_bits(const std::vector<uint32_t>& expected, const std::vector<uint32_t>& actual,
                                     const MatmulJob& job) {
  if (expected.size() != actual.size()) return ::testing::AssertionFailure() << "size differs";
  size_t bad = 0;
  std::string first;
  for (size_t i = 0; i < expected.size(); ++i) {
    if (ggml::matches_result(expected[i], actual[i])) continue;
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

// The target shape's exact cycles at DDR latency 1 and 100 (99.8% and 98.3% of the read
// roofline) are pinned with every other benchmark shape by cycle_baseline_test.

TEST(Engine, EveryEdgePairAndEveryCrossingOfThemInBothOrders) {
  // A = the edge pairs' Q4_K blocks as M one-block rows, B = their Q8_K blocks as N rows: the
  // job computes every pair (the diagonal) and every crossing of them.
  const std::vector<testing::EdgePair> edges = testing::edge_pairs();
  Operands o;
  for (const auto& e : edges) o.a.push_back(e.x), o.b.push_back(e.y);
  for (bool fused : {false, true}) {
    SailCard card;
    MatmulJob job = card::dense_job(static_cast<uint32_t>(edges.size()), 256, static_cast<uint32_t>(edges.size()));
    job.fused = fused;
    const card::MatmulRun run = card::run_matmul(card, job, o.a, o.b);
    ASSERT_TRUE(run.job.completed && run.job.error == rtl::JobError::None) << card.report();
    EXPECT_TRUE(same_bits(reference(job, o), run.out, job)) << (fused ? "fused" : "generic");
  }
}

// ---- Random shapes, strides and alignments --------------------------------------------------

// A job at random unaligned A and B addresses with row strides larger than the rows (and
// sometimes dense), OUT at a random 4-byte-aligned place; operands in separate 4 MiB windows.
MatmulJob random_job(Rng& rng, uint32_t m, uint32_t k, uint32_t n, bool fused) {
  MatmulJob job;
  job.m = m, job.k = k, job.n = n, job.fused = fused;
  const uint32_t kb = k / 256;
  auto stride = [&](uint32_t row, uint32_t align) -> uint32_t {
    if (rng.chance(0.3)) return 0;  // dense
    return row + static_cast<uint32_t>(rng.range(0, 700)) / align * align;
  };
  job.a_stride = stride(kb * 144, 1);
  job.b_stride = stride(kb * 292, 1);
  job.out_stride = stride(m * 4, 4);
  job.a = 0x10'0000 + static_cast<uint64_t>(rng.range(0, 4095));
  job.b = 0x90'0000 + static_cast<uint64_t>(rng.range(0, 4095));
  job.out = 0x110'0000 + static_cast<uint64_t>(rng.range(0, 1023)) * 4;
  job.tag = static_cast<uint32_t>(rng.bits());
  return job;
}

TEST(EngineRandom, ShapesStridesAndAlignmentsMatchTheReference) {
  Rng rng(2026);
  SailCard card;
  size_t outputs = 0, jobs = 0;
  while (outputs < 6000) {
    const uint32_t m = static_cast<uint32_t>(rng.range(1, 40));
    const uint32_t n = static_cast<uint32_t>(rng.range(1, 40));
    const uint32_t k = 256 * static_cast<uint32_t>(rng.range(1, 16));
    const MatmulJob job = random_job(rng, m, k, n, jobs % 2 == 1);
    const Operands o = random_operands(rng, job);
    const card::MatmulRun run = run_checked(card, job, o);
    ASSERT_TRUE(same_bits(reference(job, o), run.out, job))
        << "job " << jobs << " strides " << job.a_stride << "/" << job.b_stride << "/" << job.out_stride;
    EXPECT_EQ(run.job.tag, job.tag);
    outputs += run.out.size();
    ++jobs;
  }
  EXPECT_TRUE(card.checkers_clean()) << card.checker_report();
  std::printf("%zu jobs, %zu outputs\n", jobs, outputs);
}

TEST(EngineRandom, LongRowsUseFewerColumnsPerPass) {
  // K/256 blocks per column: 8 columns fit the 128-block buffer up to K = 4096, then fewer.
  Rng rng(77);
  SailCard card;
  for (uint32_t k : {8192u, 12'800u, 16'384u, rtl::kMaxK}) {
    const MatmulJob job = random_job(rng, 3, k, 5, k == 16'384u);
    const Operands o = random_operands(rng, job);
    const card::MatmulRun run = run_checked(card, job, o);
    EXPECT_TRUE(same_bits(reference(job, o), run.out, job)) << "K " << k;
  }
}

// ---- The same job under different memory timing ---------------------------------------------

TEST(EngineTiming, MemoryTimingChangesCyclesNotBits) {
  Rng rng(5);
  const MatmulJob job = random_job(rng, 20, 1024, 11, false);  // two column groups
  const Operands o = random_operands(rng, job);
  const std::vector<uint32_t> expected = reference(job, o);

  struct Timing {
    const char* name;
    axi4::MemoryPortConfig memory;
    bool host_traffic;  // the host hammers an error range while the job runs
  };
  std::vector<Timing> timings;
  timings.push_back({"fastest", {}, false});
  {
    axi4::MemoryPortConfig m;
    m.read_latency = axi4::Latency::fixed(100);
    m.write_latency = axi4::Latency::fixed(100);
    timings.push_back({"latency 100", m, false});
  }
  {
    axi4::MemoryPortConfig m;
    m.read_latency = axi4::Latency::range(1, 60);
    m.write_latency = axi4::Latency::range(1, 60);
    m.ready = axi4::ReadyChance::all(0.4);
    m.seed = 99;
    timings.push_back({"jitter + back-pressure", m, false});
  }
  {
    axi4::MemoryPortConfig m;
    m.read_latency = axi4::Latency::range(1, 30);
    m.reorder = true;
    m.interleave_reads = true;
    m.max_reads = 4;
    m.max_writes = 2;
    timings.push_back({"reordering, interleaving, few outstanding", m, false});
  }
  {
    axi4::MemoryPortConfig m;
    m.errors.push_back({.base = 0x3000'0000, .size = 0x1000, .resp = axi4::Resp::SlvErr, .on = axi4::ErrorOn::Both});
    timings.push_back({"errors elsewhere, host traffic into them", m, true});
  }

  std::vector<uint64_t> cycles;
  for (const Timing& t : timings) {
    card::CardConfig config;
    config.memory = t.memory;
    SailCard card(config);
    card::load_operands(card, job, o.a, o.b);
    if (t.host_traffic) {
      for (int i = 0; i < 40; ++i) {
        card.host().read(0x3000'0000 + 64 * i, 64);
        card.host().write(0x3000'0800 + 32 * i, std::vector<uint8_t>(32, 0x11));
      }
    }
    card::MatmulRun run;
    run.job = card.run_job(job.descriptor());
    ASSERT_TRUE(run.job.completed) << t.name;
    ASSERT_EQ(run.job.error, rtl::JobError::None) << t.name;
    EXPECT_TRUE(same_bits(expected, card::read_outputs(card, job), job)) << t.name;
    EXPECT_TRUE(card.checkers_clean()) << t.name << card.checker_report();
    cycles.push_back(run.job.counters.busy_cycles);
  }
  // The timings really differed.
  EXPECT_LT(cycles[0], cycles[1]);
  EXPECT_LT(cycles[0], cycles[2]);
}

TEST(EngineTiming, SameJobSameSeedSameCycles) {
  Rng rng(6);
  const MatmulJob job = random_job(rng, 9, 768, 10, true);
  const Operands o = random_operands(rng, job);
  std::vector<uint64_t> cycles;
  std::vector<std::vector<uint32_t>> outs;
  for (int i = 0; i < 2; ++i) {
    card::CardConfig config;
    config.memory.read_latency = axi4::Latency::range(1, 40);
    config.memory.ready = axi4::ReadyChance::all(0.7);
    config.memory.seed = 1234;
    SailCard card(config);
    const card::MatmulRun run = run_checked(card, job, o);
    cycles.push_back(run.job.cycles);
    outs.push_back(run.out);
  }
  EXPECT_EQ(cycles[0], cycles[1]);
  EXPECT_EQ(outs[0], outs[1]);
}

// ---- The command queue ------------------------------------------------------------------------

// Clears the interrupt, then waits until JOBS_DONE reaches `jobs` (a completion after the
// clear raises the line again, so none is missed).
bool wait_jobs_done(SailCard& card, uint64_t jobs, uint64_t max_cycles = 5'000'000) {
  card.write32(rtl::reg::kIrqEnable, rtl::irq::kDone | rtl::irq::kError);
  const uint64_t deadline = card.cycle() + max_cycles;
  for (;;) {
    card.write32(rtl::reg::kIrqClear, rtl::irq::kDone | rtl::irq::kError);
    if (card.read64(rtl::reg::kJobsDone) >= jobs) return true;
    if (card.cycle() >= deadline || !card.wait_irq(deadline - card.cycle())) return false;
  }
}

struct QueuedJob {
  MatmulJob job;
  Operands operands;
};

std::vector<QueuedJob> distinct_jobs(Rng& rng, size_t count, uint32_t m, uint32_t k, uint32_t n) {
  std::vector<QueuedJob> jobs;
  for (size_t i = 0; i < count; ++i) {
    QueuedJob q;
    q.job = card::dense_job(m, k, n, 0x10'0000 + i * 0x10'0000);
    q.job.tag = 0x100 + static_cast<uint32_t>(i);
    q.job.fused = i % 2 == 1;
    q.operands = random_operands(rng, q.job);
    jobs.push_back(std::move(q));
  }
  return jobs;
}

TEST(EngineQueue, BackToBackJobsRunInOrder) {
  Rng rng(8);
  SailCard card;
  const auto jobs = distinct_jobs(rng, 1 + rtl::kQueueDepth, 12, 512, 3);
  for (const auto& q : jobs) card::load_operands(card, q.job, q.operands.a, q.operands.b);
  card.clear_counters();
  for (const auto& q : jobs) ASSERT_EQ(card.submit(q.job.descriptor()), axi4::Resp::Okay);
  ASSERT_TRUE(wait_jobs_done(card, jobs.size())) << card.report();
  for (const auto& q : jobs) {
    EXPECT_TRUE(same_bits(reference(q.job, q.operands), card::read_outputs(card, q.job), q.job)) << q.job.tag;
  }
  EXPECT_EQ(card.read32(rtl::reg::kLastTag), jobs.back().job.tag);  // the last one ended last
  EXPECT_EQ(card.read64(rtl::reg::kJobsFailed), 0u);
  EXPECT_EQ(card.read32(rtl::reg::kStatus) & rtl::status::kBusy, 0u);
  EXPECT_TRUE(card.checkers_clean()) << card.checker_report();
}

TEST(EngineQueue, AFullQueueRefusesTheNextDescriptor) {
  Rng rng(9);
  SailCard card;
  // A long first job keeps the engine busy while the queue fills behind it.
  auto jobs = distinct_jobs(rng, 2 + rtl::kQueueDepth, 64, 2048, 4);
  for (const auto& q : jobs) card::load_operands(card, q.job, q.operands.a, q.operands.b);
  for (size_t i = 0; i < jobs.size(); ++i) {
    const axi4::Resp resp = card.submit(jobs[i].job.descriptor());
    if (i < jobs.size() - 1) {
      ASSERT_EQ(resp, axi4::Resp::Okay) << "descriptor " << i;
    } else {
      EXPECT_EQ(resp, axi4::Resp::SlvErr) << "the queue holds " << rtl::kQueueDepth << " behind the running job";
      const uint32_t status = card.read32(rtl::reg::kStatus);
      EXPECT_NE(status & rtl::status::kQueueFull, 0u);
      EXPECT_EQ(status >> rtl::status::kQueuedShift & 0xFF, rtl::kQueueDepth);
      EXPECT_NE(status & rtl::status::kBusy, 0u);
    }
  }
  EXPECT_EQ(card.read32(rtl::reg::kQueueRejects), 1u);
  ASSERT_TRUE(wait_jobs_done(card, jobs.size() - 1)) << card.report();
  for (size_t i = 0; i + 1 < jobs.size(); ++i) {
    EXPECT_TRUE(same_bits(reference(jobs[i].job, jobs[i].operands), card::read_outputs(card, jobs[i].job),
                          jobs[i].job));
  }
  // The refused job never ran: its OUT still holds the fill.
  for (uint32_t bits : card::read_outputs(card, jobs.back().job)) ASSERT_EQ(bits, 0xA5A5'A5A5u);
  // And the queue takes descriptors again.
  card::MatmulRun again = run_checked(card, jobs.back().job, jobs.back().operands);
  EXPECT_TRUE(same_bits(reference(jobs.back().job, jobs.back().operands), again.out, jobs.back().job));
}

TEST(EngineQueue, ARefusedJobBetweenGoodOnesReportsItsCodeAndTheQueueGoesOn) {
  Rng rng(10);
  SailCard card;
  const auto jobs = distinct_jobs(rng, 2, 5, 512, 2);
  for (const auto& q : jobs) card::load_operands(card, q.job, q.operands.a, q.operands.b);

  // Every refusal rule, each between good jobs, queued back to back.
  struct Bad {
    const char* what;
    rtl::JobError error;
    rtl::JobDescriptor d;
  };
  std::vector<Bad> bad;
  auto base = [&] { return jobs[0].job.descriptor(); };
  bad.push_back({"K = 0", rtl::JobError::BadK, [&] { auto d = base(); d.k = 0; return d; }()});
  bad.push_back({"K = 300", rtl::JobError::BadK, [&] { auto d = base(); d.k = 300; return d; }()});
  bad.push_back({"K over the buffer", rtl::JobError::BadK, [&] { auto d = base(); d.k = rtl::kMaxK + 256; return d; }()});
  bad.push_back({"M = 0", rtl::JobError::BadShape, [&] { auto d = base(); d.m = 0; return d; }()});
  bad.push_back({"N = 0", rtl::JobError::BadShape, [&] { auto d = base(); d.n = 0; return d; }()});
  bad.push_back({"flags", rtl::JobError::BadFlags, [&] { auto d = base(); d.flags = 4; return d; }()});
  bad.push_back({"stride", rtl::JobError::BadStride, [&] { auto d = base(); d.a_stride = 100; return d; }()});
  bad.push_back({"OUT align", rtl::JobError::BadAlign, [&] { auto d = base(); d.out += 2; return d; }()});
  bad.push_back({"A below DDR", rtl::JobError::BadAddress, [&] { auto d = base(); d.a = 0x8000; return d; }()});
  bad.push_back({"OUT past DDR", rtl::JobError::BadAddress, [&] { auto d = base(); d.out = rtl::kDdrEnd - 4; return d; }()});

  uint64_t submitted = 0, failed = 0;
  for (const Bad& b : bad) {
    ASSERT_EQ(rtl::check(b.d), b.error) << b.what;  // the C++ checks agree on what is wrong
    ASSERT_EQ(card.submit(jobs[0].job.descriptor()), axi4::Resp::Okay);
    ASSERT_EQ(card.submit(b.d), axi4::Resp::Okay);
    ASSERT_EQ(card.submit(jobs[1].job.descriptor()), axi4::Resp::Okay);
    submitted += 3;
    ++failed;
    // The refused one's code, read as it ends: wait for the job before it, then for it.
    ASSERT_TRUE(wait_jobs_done(card, submitted - 1)) << b.what << card.report();
    EXPECT_EQ(static_cast<rtl::JobError>(card.read32(rtl::reg::kLastError)), b.error) << b.what;
    EXPECT_NE(card.read32(rtl::reg::kIrqStatus) & rtl::irq::kError, 0u) << b.what;
    ASSERT_TRUE(wait_jobs_done(card, submitted)) << b.what;
    EXPECT_EQ(static_cast<rtl::JobError>(card.read32(rtl::reg::kLastError)), rtl::JobError::None) << b.what;
    EXPECT_EQ(card.read64(rtl::reg::kJobsFailed), failed) << b.what;
    for (const auto& q : jobs) {
      EXPECT_TRUE(same_bits(reference(q.job, q.operands), card::read_outputs(card, q.job), q.job)) << b.what;
    }
  }
  EXPECT_TRUE(card.checkers_clean()) << card.checker_report();
}

// ---- Bus errors -------------------------------------------------------------------------------

struct BusErrorCase {
  const char* what;
  uint64_t offset_in;  // 0: A, 1: B, 2: OUT
  axi4::ErrorOn on;
  rtl::JobError expected;
};

TEST(EngineBusErrors, AnErrorResponseEndsTheJobAndTheNextJobRuns) {
  const BusErrorCase cases[] = {
      {"read error in A, mid-job", 0, axi4::ErrorOn::Read, rtl::JobError::AxiRead},
      {"read error in B", 1, axi4::ErrorOn::Read, rtl::JobError::AxiRead},
      {"write error on OUT", 2, axi4::ErrorOn::Write, rtl::JobError::AxiWrite},
  };
  for (const BusErrorCase& c : cases) {
    Rng rng(11);
    MatmulJob bad = card::dense_job(48, 1024, 10, 0x10'0000);  // two column groups
    const uint64_t where = c.offset_in == 0 ? bad.a + 20 * 4 * 144 : c.offset_in == 1 ? bad.b + 3 * 4 * 292 : bad.out + 64;
    card::CardConfig config;
    config.memory.errors.push_back({.base = where, .size = 64, .resp = axi4::Resp::SlvErr, .on = c.on});
    SailCard card(config);
    const Operands o = random_operands(rng, bad);
    card::load_operands(card, bad, o.a, o.b);
    const card::JobRun run = card.run_job(bad.descriptor(), 2'000'000);
    ASSERT_TRUE(run.completed) << c.what << card.report();
    EXPECT_EQ(run.error, c.expected) << c.what;
    EXPECT_EQ(run.counters.jobs_failed, 1u) << c.what;
    // Nothing is left in flight: the next job, elsewhere, is exact.
    MatmulJob good = card::dense_job(7, 768, 9, 0x200'0000);
    const Operands og = random_operands(rng, good);
    const card::MatmulRun next = run_checked(card, good, og);
    EXPECT_TRUE(same_bits(reference(good, og), next.out, good)) << c.what;
    EXPECT_TRUE(card.checkers_clean()) << c.what << card.checker_report();
  }
}

TEST(EngineQueue, ResetInTheMiddleOfAJob) {
  Rng rng(12);
  SailCard card;
  MatmulJob job = card::dense_job(64, 4096, 8, 0x10'0000);
  const Operands o = random_operands(rng, job);
  card::load_operands(card, job, o.a, o.b);
  ASSERT_EQ(card.submit(job.descriptor()), axi4::Resp::Okay);
  card.run(3000);
  ASSERT_NE(card.read32(rtl::reg::kStatus) & rtl::status::kBusy, 0u);  // mid-job
  card.reset();
  EXPECT_EQ(card.read32(rtl::reg::kStatus) & rtl::status::kBusy, 0u);
  EXPECT_EQ(card.read64(rtl::reg::kJobsDone), 0u);
  // The card works as new.
  MatmulJob next = card::dense_job(9, 1024, 3, 0x200'0000);
  const Operands on = random_operands(rng, next);
  const card::MatmulRun run = run_checked(card, next, on);
  EXPECT_TRUE(same_bits(reference(next, on), run.out, next));
  EXPECT_TRUE(card.checkers_clean()) << card.checker_report();
}

}  // namespace
}  // namespace sailsim
