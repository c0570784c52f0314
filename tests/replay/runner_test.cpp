// The runner on the Sail card: the good sequences pass, failures get their exit codes and
// reports, runs are deterministic, and a recording replays to the identical logs.
#include <gtest/gtest.h>

#include "sailsim/fcov/model.hpp"
#include "sailsim/replay/loader.hpp"
#include "sailsim/replay/record.hpp"
#include "sailsim/replay/runner.hpp"
#include "support.hpp"

namespace sailsim::replay {
namespace {

using namespace testing;

// A copy of a good sequence in a scratch folder.
Sequence load_copy(const std::string& name, const std::filesystem::path& dir) {
  std::filesystem::copy_file(good() / name, dir / name, std::filesystem::copy_options::overwrite_existing);
  return load_sequence(dir / name);
}

// Run options whose snapshots go to `dir` (not the working directory, the build tree).
RunOptions into(const std::filesystem::path& dir) {
  RunOptions opt;
  opt.output_dir = dir;
  return opt;
}

class GoodSequence : public ::testing::TestWithParam<std::string> {};

TEST_P(GoodSequence, Passes) {
  const auto dir = scratch("good-" + GetParam());
  const Sequence seq = load_copy(GetParam(), dir);
  const RunResult r = run_sequence(seq, into(dir));
  EXPECT_EQ(r.code, kPass) << r.report;
  EXPECT_EQ(r.steps_run, seq.steps.size());
  EXPECT_GT(r.cycles, 0u);
}

INSTANTIATE_TEST_SUITE_P(Replay, GoodSequence,
                         ::testing::Values("write_read.yaml", "axi_bursts.yaml", "matmul_regs.yaml", "errors.yaml", "ioctl_matmul.yaml", "illegal_wrap.yaml"),
                         [](const auto& param_info) { return param_info.param.substr(0, param_info.param.find('.')); });

TEST(ReplayRunner, SnapshotWritesLines) {
  const auto dir = scratch("snapshot");
  const Sequence seq = load_copy("write_read.yaml", dir);
  ASSERT_EQ(run_sequence(seq, into(dir)).code, kPass);
  const std::string snap = read_text(dir / "write_read.snapshot.yaml");
  EXPECT_NE(snap.find("0x10000: 0x"), std::string::npos) << snap;
  EXPECT_NE(snap.find("0x10020: 0x"), std::string::npos) << snap;
  EXPECT_EQ(snap.find("0x10040:"), std::string::npos) << snap;
}

TEST(ReplayRunner, SnapshotGoesToTheOutputFolderNotBesideTheSequence) {
  const auto in = scratch("snapshot-in");
  const auto out = scratch("snapshot-out");
  const Sequence seq = load_copy("write_read.yaml", in);
  ASSERT_EQ(run_sequence(seq, into(out)).code, kPass);
  EXPECT_TRUE(std::filesystem::exists(out / "write_read.snapshot.yaml"));
  EXPECT_FALSE(std::filesystem::exists(in / "write_read.snapshot.yaml"));
  const auto files = output_files(seq, into(out));
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, out / "write_read.snapshot.yaml");
  EXPECT_NE(files[0].step, nullptr);
}

TEST(ReplayRunner, SnapshotWriteErrorIsExit2NamingThePath) {
  ASSERT_TRUE(std::filesystem::is_character_file("/dev/full")) << "this test needs the device /dev/full (ENOSPC on every write)";
  const auto dir = scratch("snapshot-full");
  write_text(dir / "s.yaml", "sailsim: 1\nname: s\nsteps:\n  - snapshot: {file: /dev/full}\n  - idle: {cycles: 1}\n");
  const RunResult r = run_sequence(load_sequence(dir / "s.yaml"), into(dir));
  EXPECT_EQ(r.code, kBadInput) << r.report;
  EXPECT_NE(r.report.find("cannot write /dev/full: No space left on device"), std::string::npos) << r.report;
  EXPECT_EQ(r.steps_run, 2u) << "the steps after a failed snapshot still run";
}

TEST(ReplayRunner, CheckFailureReportsBitsFloatsAndUlp) {
  const RunResult r = run_sequence(load_sequence(sequences() / "fail" / "check_mismatch.yaml"));
  EXPECT_EQ(r.code, kCheckFailed);
  EXPECT_NE(r.report.find("0x10000: expected 0x3f800001"), std::string::npos) << r.report;
  EXPECT_NE(r.report.find("actual 0x3f800000 (1)"), std::string::npos) << r.report;
  EXPECT_NE(r.report.find("ulp 1"), std::string::npos) << r.report;
  EXPECT_NE(r.report.find("check_mismatch.yaml:7:5"), std::string::npos) << r.report;
}

TEST(ReplayRunner, MatmulMismatchNamesTheElement) {
  Sequence seq = load_sequence(good() / "matmul_regs.yaml");
  auto& check = std::get<CheckStep>(seq.steps[5].body);
  check.matmul->b[4] ^= 1;
  const RunResult r = run_sequence(seq);
  EXPECT_EQ(r.code, kCheckFailed) << r.report;
  EXPECT_NE(r.report.find("(m 0, n 0)"), std::string::npos) << r.report;
  EXPECT_NE(r.report.find("ulp"), std::string::npos) << r.report;
}

TEST(ReplayRunner, WaitTimeoutIsExit3WithReport) {
  const RunResult r = run_sequence(load_sequence(sequences() / "fail" / "hang.yaml"));
  EXPECT_EQ(r.code, kTimeout) << r.report;
  EXPECT_NE(r.report.find("wait until irq"), std::string::npos) << r.report;
}

TEST(ReplayRunner, SequenceTimeoutIsExit3) {
  Sequence seq = load_sequence(good() / "matmul_regs.yaml");
  seq.config.timeout_cycles = 100;
  const RunResult r = run_sequence(seq);
  EXPECT_EQ(r.code, kTimeout) << r.report;
  EXPECT_NE(r.report.find("timeout_cycles"), std::string::npos) << r.report;
}

TEST(ReplayRunner, UnexpectedViolationIsExit4NamingRuleChannelPortCycle) {
  const RunResult r = run_sequence(load_sequence(sequences() / "fail" / "violation.yaml"));
  EXPECT_EQ(r.code, kViolation) << r.report;
  EXPECT_NE(r.report.find("WRAP_LEN on host AR at cycle"), std::string::npos) << r.report;
}

TEST(ReplayRunner, ExpectedViolationPasses) {
  const auto dir = scratch("expected-violation");
  write_text(dir / "v.yaml",
             "sailsim: 1\nname: v\nsteps:\n"
             "  - axi_read: {addr: 0x1_0000, len: 2, size: 32, burst: WRAP, illegal: true, expect_violation: WRAP_LEN}\n");
  const RunResult r = run_sequence(load_sequence(dir / "v.yaml"));
  EXPECT_NE(r.code, kViolation) << r.report;
  EXPECT_EQ(r.report.find("WRAP_LEN"), std::string::npos) << r.report;
}

TEST(ReplayRunner, SameFileSameSeedSameCyclesAndLogs) {
  const Sequence seq = load_sequence(good() / "axi_bursts.yaml");
  const RunResult a = run_sequence(seq);
  const RunResult b = run_sequence(seq);
  EXPECT_EQ(a.cycles, b.cycles);
  EXPECT_EQ(a.host_log, b.host_log);
  EXPECT_EQ(a.ddr_log, b.ddr_log);
  const RunResult c = run_sequence(load_sequence(good() / "axi_bursts.yaml", 12345));
  EXPECT_EQ(c.code, kPass) << c.report;
}

class RecordRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(RecordRoundTrip, ReplayGivesTheIdenticalLogs) {
  const auto dir = scratch("record-" + GetParam());
  const Sequence seq = load_copy(GetParam(), dir);
  RunOptions opt = into(dir);
  opt.record = true;
  const RunResult original = run_sequence(seq, opt);
  ASSERT_EQ(original.code, kPass) << original.report;
  write_recording(seq, original, dir / "out.yaml");
  const Sequence recorded = load_sequence(dir / "out.yaml");
  const RunResult again = run_sequence(recorded, into(dir));
  EXPECT_EQ(again.code, kPass) << again.report << read_text(dir / "out.yaml");
  EXPECT_EQ(again.cycles, original.cycles);
  ASSERT_EQ(again.host_log.size(), original.host_log.size());
  for (size_t i = 0; i < original.host_log.size(); ++i) {
    EXPECT_EQ(again.host_log[i], original.host_log[i]) << "host record " << i;
  }
  ASSERT_EQ(again.ddr_log.size(), original.ddr_log.size());
  for (size_t i = 0; i < original.ddr_log.size(); ++i) {
    EXPECT_EQ(again.ddr_log[i], original.ddr_log[i]) << "ddr record " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Replay, RecordRoundTrip,
                         ::testing::Values("write_read.yaml", "axi_bursts.yaml", "matmul_regs.yaml", "errors.yaml", "ioctl_matmul.yaml", "illegal_wrap.yaml"),
                         [](const auto& param_info) { return param_info.param.substr(0, param_info.param.find('.')); });

}  // namespace
}  // namespace sailsim::replay

namespace sailsim::replay {
namespace {

// poll: each try is a real read of the register over the host port, interval_cycles apart;
// never matching is exit 3 with the register, the mask, the count of reads and the last
// value; a poll that could never end (equals outside the mask) or an unaligned register is
// refused when loading.
TEST(ReplayPoll, NeverMatchingIsATimeoutWithTheLastValue) {
  const auto dir = testing::scratch("poll");
  testing::write_text(dir / "p.yaml",
                      "sailsim: 1\nname: p\nsteps:\n"
                      "  - write: {addr: 0xC, data: {hex: \"5a 00 00 00\"}}\n"  // SCRATCH
                      "  - poll: {addr: 0xC, mask: 0xff, equals: 0x5b, interval_cycles: 10, timeout_cycles: 500}\n");
  const RunResult r = run_sequence(load_sequence(dir / "p.yaml"));
  EXPECT_EQ(r.code, kTimeout) << r.report;
  EXPECT_NE(r.report.find("poll 0xc: (value & 0xff) never equalled 0x5b within 500 cycles"), std::string::npos) << r.report;
  EXPECT_NE(r.report.find("the last 0x5a)"), std::string::npos) << r.report;
  size_t reads = 0;
  for (const auto& rec : r.host_log) reads += rec.dir == axi4::Dir::Read ? 1 : 0;  // the poll's (a line read each)
  ASSERT_FALSE(r.host_log.empty());
  EXPECT_EQ(r.host_log.front().dir, axi4::Dir::Write) << r.host_log.front().addr;
  // 500 cycles, a read's round trip plus 10 idle cycles apart: the report's count, at least 10.
  EXPECT_GE(reads, 10u);
  EXPECT_LE(reads, 51u);
  EXPECT_NE(r.report.find("(" + std::to_string(reads) + " reads, the last 0x5a)"), std::string::npos) << r.report;

  testing::write_text(dir / "ok.yaml", "sailsim: 1\nname: ok\nsteps:\n"
                                       "  - write: {addr: 0xC, data: {hex: \"5b 00 00 00\"}}\n"
                                       "  - poll: {addr: 0xC, mask: 0xff, equals: 0x5b}\n");
  EXPECT_EQ(run_sequence(load_sequence(dir / "ok.yaml")).code, kPass);

  for (const char* bad : {"  - poll: {addr: 0xE, equals: 1}\n", "  - poll: {addr: 0xC, mask: 0x1, equals: 0x3}\n"}) {
    testing::write_text(dir / "bad.yaml", std::string("sailsim: 1\nname: bad\nsteps:\n") + bad);
    EXPECT_THROW(load_sequence(dir / "bad.yaml"), InputError) << bad;
  }
}

}  // namespace
}  // namespace sailsim::replay

namespace sailsim::replay {
namespace {

// Functional coverage of real runs (sailsim::fcov): what the card did, as bins.
RunResult covered_run(const std::string& name) {
  const auto dir = scratch("fcov-" + name);
  RunOptions opt = into(dir);
  opt.functional_coverage = true;
  return run_sequence(load_copy(name, dir), opt);
}

uint64_t point_sum(const fcov::Counts& c, const std::string& point) {
  const size_t p = *fcov::find_point(point);
  uint64_t n = 0;
  for (size_t b = 0; b < fcov::model()[p].bins.size(); ++b) n += c.get(p, b);
  return n;
}

TEST(ReplayFunctionalCoverage, AnIoctlMatmulCountsItsCallsJobsQueueAndTiming) {
  const RunResult r = covered_run("ioctl_matmul.yaml");
  ASSERT_EQ(r.code, kPass) << r.report;
  // One submit is taken, the other (K = 300) refused by the shim: it never reaches the queue.
  EXPECT_EQ(r.fcov.get("ioctl.result", "WORK_SUBMIT/0"), 1u);
  EXPECT_EQ(r.fcov.get("ioctl.result", "WORK_SUBMIT/EINVAL"), 1u);
  EXPECT_EQ(r.fcov.get("queue.submit", "accepted"), 1u);
  EXPECT_EQ(r.fcov.get("job.error", "none"), 1u);
  EXPECT_EQ(r.fcov.get("job.k_blocks", "2-15"), 1u);  // K = 512: two blocks
  EXPECT_EQ(r.fcov.get("job.n_lanes", "below_lanes"), 1u);
  EXPECT_EQ(r.fcov.get("job.m_lines", "below_line"), 1u);
  EXPECT_GE(r.fcov.get("ioctl.result", "WAIT/0"), 1u);
  EXPECT_EQ(r.fcov.get("queue.depth", "1"), 1u);  // one run: each depth reached counts once
  EXPECT_GT(point_sum(r.fcov, "ddr.read.len"), 0u);
  EXPECT_EQ(point_sum(r.fcov, "timing"), 6u);  // one bin of each of the six timing facets
  EXPECT_EQ(point_sum(r.fcov, "checker.violation"), 0u);
}

TEST(ReplayFunctionalCoverage, IllegalStepsCountTheRulesTheCheckerCaught) {
  const RunResult r = covered_run("illegal_wrap.yaml");
  ASSERT_EQ(r.code, kPass) << r.report;
  EXPECT_EQ(r.fcov.get("checker.violation", "WRAP_LEN"), 1u);
  EXPECT_EQ(r.fcov.get("checker.violation", "CROSSES_4K"), 1u);
}

TEST(ReplayFunctionalCoverage, ErrorResponsesPerChannel) {
  const RunResult r = covered_run("errors.yaml");
  ASSERT_EQ(r.code, kPass) << r.report;
  EXPECT_GE(r.fcov.get("host.read.resp", "DECERR"), 2u);
  EXPECT_GE(r.fcov.get("host.read.resp", "SLVERR"), 1u);
  EXPECT_EQ(r.fcov.get("timing", "ddr_errors/injected"), 1u);
}

TEST(ReplayFunctionalCoverage, OffByDefaultAndDeterministic) {
  const auto dir = scratch("fcov-off");
  EXPECT_TRUE(run_sequence(load_copy("ioctl_matmul.yaml", dir), into(dir)).fcov.empty());
  EXPECT_EQ(covered_run("axi_bursts.yaml").fcov, covered_run("axi_bursts.yaml").fcov);
  EXPECT_FALSE(covered_run("axi_bursts.yaml").fcov.empty());
}

}  // namespace
}  // namespace sailsim::replay
