#include "rtl_engine.hpp"

#include <cstring>
#include <span>

#include "sailsim/card/matmul_job.hpp"
#include "sailsim/rtl/sail_desc.hpp"

namespace sailsim::cli {

namespace {

constexpr uint64_t kMaxJobCycles = 50'000'000;
constexpr uint64_t kBase = 0x10000;  // the start of DDR
constexpr uint8_t kOutFill = 0xA5;   // what an output the engine never wrote reads as

uint64_t round_up(uint64_t x, uint64_t to) { return (x + to - 1) / to * to; }

void add(card::Counters& sum, const card::Counters& c) {
  sum.busy_cycles += c.busy_cycles;
  sum.bytes_read += c.bytes_read;
  sum.bytes_written += c.bytes_written;
  sum.read_stalls += c.read_stalls;
  sum.jobs_done += c.jobs_done;
  sum.jobs_failed += c.jobs_failed;
}

// Accounts one job; returns false (with the reason in r.failure) if it did not end well.
bool account(RtlCaseRun& r, const card::JobRun& job, const std::string& which) {
  ++r.jobs;
  r.cycles += job.cycles;
  add(r.counters, job.counters);
  if (!job.completed) {
    r.failure = which + "no interrupt within " + std::to_string(kMaxJobCycles) + " cycles (job not completed)";
    return false;
  }
  if (job.error != rtl::JobError::None) {
    r.failure = which + "the job ended with error " + rtl::to_string(job.error);
    return false;
  }
  return true;
}

template <class Block>
std::span<const uint8_t> bytes_of(std::span<const Block> blocks) {
  return {reinterpret_cast<const uint8_t*>(blocks.data()), blocks.size_bytes()};
}

void run_matmul_case(card::SailCard& sail, const vecset::Case& c, bool fused, RtlCaseRun& r) {
  card::MatmulJob job = card::dense_job(static_cast<uint32_t>(c.m), static_cast<uint32_t>(c.k),
                                        static_cast<uint32_t>(c.n), kBase);
  job.fused = fused;
  job.tag = 1;
  const card::MatmulRun run = card::run_matmul(sail, job, c.a, c.b, kMaxJobCycles);
  if (account(r, run.job, "")) r.out = run.out;
}

// Every pair loaded once (x rows, y rows, one OUT word each), then one M = 1, N = 1 job per pair.
void run_pairs_case(card::SailCard& sail, const vecset::Case& c, bool fused, RtlCaseRun& r) {
  const uint64_t pairs = c.outputs();
  const uint32_t k = static_cast<uint32_t>(c.k);
  const uint64_t a_row = static_cast<uint64_t>(c.blocks_per_row()) * sizeof(ggml::BlockQ4K);
  const uint64_t b_row = static_cast<uint64_t>(c.blocks_per_row()) * sizeof(ggml::BlockQ8K);
  const uint64_t a = kBase;
  const uint64_t b = round_up(a + pairs * a_row, 4096);
  const uint64_t out = round_up(b + pairs * b_row, 4096);
  for (uint64_t i = 0; i < pairs; ++i) {
    sail.load(a + i * a_row, bytes_of(c.a_row_of(i)));
    sail.load(b + i * b_row, bytes_of(c.b_row_of(i)));
  }
  sail.load(out, std::vector<uint8_t>(pairs * 4, kOutFill));
  for (uint64_t i = 0; i < pairs; ++i) {
    card::MatmulJob job;
    job.m = 1, job.k = k, job.n = 1;
    job.a = a + i * a_row, job.b = b + i * b_row, job.out = out + i * 4;
    job.fused = fused;
    job.tag = static_cast<uint32_t>(i);
    if (!account(r, sail.run_job(job.descriptor(), kMaxJobCycles), "pair " + std::to_string(i) + ": ")) return;
  }
  const std::vector<uint8_t> bytes = sail.peek(out, pairs * 4);
  r.out.resize(pairs);
  std::memcpy(r.out.data(), bytes.data(), bytes.size());
}

}  // namespace

double RtlCaseRun::read_utilization() const {
  return counters.busy_cycles
             ? static_cast<double>(counters.bytes_read) / 32.0 / static_cast<double>(counters.busy_cycles)
             : 0.0;
}

RtlCaseRun run_case_on_card(const vecset::Case& c, bool fused, const card::CardConfig& config) {
  RtlCaseRun r;
  card::SailCard sail(config);
  if (c.kind == vecset::CaseKind::Pairs) {
    run_pairs_case(sail, c, fused, r);
  } else {
    run_matmul_case(sail, c, fused, r);
  }
  if (!sail.checkers_clean()) r.protocol_report = sail.checker_report();
  return r;
}

}  // namespace sailsim::cli
