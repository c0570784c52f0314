// The functional coverage library on its own: the model's names, the counts' file (round trip,
// every malformed line named by file, line and column), merging, holes, and each sampler on
// transaction records made by hand, so that every bin name a sampler produces is checked.
#include <gtest/gtest.h>

#include <cstring>
#include <regex>
#include <set>

#include "sailsim/fcov/counts.hpp"
#include "sailsim/fcov/model.hpp"
#include "sailsim/fcov/sample.hpp"
#include "sailsim/rtl/sail_desc.hpp"
#include "sailsim/rtl/sail_map.hpp"

namespace sailsim::fcov {
namespace {

using axi4::Burst;
using axi4::Dir;
using axi4::Resp;
using axi4::TransactionRecord;

TEST(FcovModel, NamesAreUniqueAndFitTheFileFormat) {
  const std::regex point_re("[a-z0-9_.]+"), bin_re("[A-Za-z0-9_./+-]+");
  std::set<std::string> points;
  size_t bins = 0;
  for (const Point& p : model()) {
    EXPECT_TRUE(std::regex_match(p.name, point_re)) << p.name;
    EXPECT_TRUE(points.insert(p.name).second) << "twice: " << p.name;
    EXPECT_FALSE(p.what.empty()) << p.name;
    std::set<std::string> names;
    for (const std::string& b : p.bins) {
      EXPECT_TRUE(std::regex_match(b, bin_re)) << p.name << " " << b;
      EXPECT_TRUE(names.insert(b).second) << p.name << " twice: " << b;
    }
    bins += p.bins.size();
  }
  EXPECT_EQ(bins, bin_count());
  // The crosses as documented: 3 bursts x 6 sizes x 2 alignments, less WRAP unaligned and
  // unaligned single bytes (28), and x 3 strobe classes for writes, less `partial` where
  // every beat selects one byte (size 1: FIXED, INCR, WRAP; FIXED/2/unaligned): 80.
  EXPECT_EQ(model()[*find_point("host.read.shape")].bins.size(), 28u);
  EXPECT_EQ(model()[*find_point("host.write.shape")].bins.size(), 80u);
  EXPECT_FALSE(find_bin(*find_point("host.write.shape"), "FIXED/2/unaligned/partial"));
  EXPECT_TRUE(find_bin(*find_point("host.write.shape"), "INCR/2/unaligned/partial"));
  EXPECT_FALSE(find_bin(*find_point("host.read.shape"), "WRAP/4/unaligned"));
  EXPECT_FALSE(find_bin(*find_point("host.read.shape"), "INCR/1/unaligned"));
  EXPECT_TRUE(find_bin(*find_point("host.read.shape"), "INCR/2/unaligned"));
  EXPECT_EQ(model()[*find_point("job.error")].bins.size(), 9u);  // every JobError
}

TEST(FcovCounts, TextRoundTripsAndMergeAdds) {
  Counts a, b;
  a.hit("job.order", "fused", 3);
  a.hit("timing", "reorder/on");
  b.hit("job.order", "fused");
  b.hit("queue.depth", "4", 2);
  EXPECT_EQ(Counts::parse(a.to_text(), "a"), a);
  Counts sum = a;
  sum.merge(b);
  EXPECT_EQ(sum.get("job.order", "fused"), 4u);
  EXPECT_EQ(sum.get("queue.depth", "4"), 2u);
  EXPECT_EQ(sum.bins_hit(), 3u);
  EXPECT_EQ(sum.holes().size(), bin_count() - 3);
  EXPECT_EQ(sum.to_text(), "# sailsim functional coverage 1\nqueue.depth 4 2\njob.order fused 4\ntiming reorder/on 1\n");
  EXPECT_TRUE(Counts().empty());
  EXPECT_EQ(Counts().holes().size(), bin_count());
  EXPECT_THROW(a.hit("job.order", "sideways"), std::logic_error);
}

TEST(FcovCounts, MalformedFilesNameTheLineAndColumn) {
  const std::string h = "# sailsim functional coverage 1\n";
  auto problem = [](const std::string& text) {
    try {
      Counts::parse(text, "f.txt");
    } catch (const FcovError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(problem(""), "f.txt:1:1: empty file, expected the header '# sailsim functional coverage 1'");
  EXPECT_EQ(problem("# sailsim functional coverage 2\n"), "f.txt:1:1: expected the header '# sailsim functional coverage 1'");
  EXPECT_EQ(problem(h + "job.order fused\n"), "f.txt:2:1: expected POINT BIN COUNT");
  EXPECT_EQ(problem(h + "job.colour red 1\n"), "f.txt:2:1: unknown cover point 'job.colour'");
  EXPECT_EQ(problem(h + "job.order sideways 1\n"), "f.txt:2:11: unknown bin 'sideways' of job.order");
  EXPECT_EQ(problem(h + "job.order fused x1\n"), "f.txt:2:17: expected a count of 1 or more, got 'x1'");
  EXPECT_EQ(problem(h + "job.order fused 0\n"), "f.txt:2:17: expected a count of 1 or more, got '0'");
  EXPECT_EQ(problem(h + "job.order fused 1\njob.order fused 2\n"), "f.txt:3:1: bin 'fused' of job.order twice");
}

TEST(FcovCounts, WriteAndReadAFile) {
  const auto file = std::filesystem::temp_directory_path() / "sailsim_fcov_test.txt";
  Counts c;
  c.hit("ioctl.result", "WAIT/ETIMEDOUT", 7);
  c.write(file);
  EXPECT_EQ(Counts::read(file), c);
  std::filesystem::remove(file);
  EXPECT_THROW(Counts::read(file), FcovError);
  EXPECT_THROW(c.write("/nonexistent-dir/x.txt"), FcovError);
}

TransactionRecord record(Dir dir, uint64_t addr, uint8_t len, uint8_t size, Burst burst, uint64_t start, uint64_t end) {
  TransactionRecord r;
  r.dir = dir;
  r.port = "host";
  r.addr = addr;
  r.axlen = len;
  r.axsize = size;
  r.burst = burst;
  r.beats = len + 1u;
  r.addr_cycle = start;
  r.last_cycle = end;
  return r;
}

TEST(FcovSample, HostShapesLengthsStrobesAndResponses) {
  Counts c;
  std::vector<TransactionRecord> rs;
  rs.push_back(record(Dir::Read, 0x10003, 0, 1, Burst::Fixed, 1, 5));   // 2 bytes, unaligned
  rs.push_back(record(Dir::Read, 0x10000, 3, 2, Burst::Wrap, 10, 20));  // 4 beats of 4 bytes
  rs.back().resp = Resp::DecErr;
  TransactionRecord w = record(Dir::Write, 0x10003, 1, 1, Burst::Incr, 30, 40);  // 2 beats of 2 bytes
  w.strb = {0x8u, 0x10u};  // beat 0 selects lane 3 (strobed), beat 1 lanes 4-5 (one strobed)
  rs.push_back(w);
  TransactionRecord none = record(Dir::Write, 0x10020, 0, 5, Burst::Incr, 50, 60);
  none.strb = {0};
  none.resp = Resp::SlvErr;
  rs.push_back(none);
  sample_host(c, rs);
  EXPECT_EQ(c.get("host.read.shape", "FIXED/2/unaligned"), 1u);
  EXPECT_EQ(c.get("host.read.shape", "WRAP/4/aligned"), 1u);
  EXPECT_EQ(c.get("host.write.shape", "INCR/2/unaligned/partial"), 1u);
  EXPECT_EQ(c.get("host.write.shape", "INCR/32/aligned/none"), 1u);
  EXPECT_EQ(c.get("host.read.len", "1"), 1u);
  EXPECT_EQ(c.get("host.read.len", "3-4"), 1u);
  EXPECT_EQ(c.get("host.write.len", "2"), 1u);
  EXPECT_EQ(c.get("host.write.len", "1"), 1u);
  EXPECT_EQ(c.get("host.read.resp", "OKAY"), 1u);
  EXPECT_EQ(c.get("host.read.resp", "DECERR"), 1u);
  EXPECT_EQ(c.get("host.write.resp", "SLVERR"), 1u);
  EXPECT_EQ(c.get("queue.submit", "accepted") + c.get("queue.submit", "refused_full"), 0u);  // none to the queue
  EXPECT_EQ(c.get("host.write.resp", "OKAY"), 1u);
  EXPECT_EQ(c.get("host.read.outstanding", "1"), 2u);  // nothing overlaps
  EXPECT_EQ(c.get("host.write.outstanding", "1"), 2u);
  EXPECT_EQ(c.bins_hit(), 14u);  // the 14 above, nothing else
}

TEST(FcovSample, OutstandingDepthCountsWhatIsInFlightAtEachAddressHandshake) {
  Counts c;
  std::vector<TransactionRecord> rs;
  // Reads at 10, 11, 12 (all in flight until 100), then 200 (alone); a write at 11 does not count.
  for (uint64_t t : {12, 10, 11, 200}) rs.push_back(record(Dir::Read, 0x10000, 0, 5, Burst::Incr, t, t == 200 ? 210 : 100));
  rs.push_back(record(Dir::Write, 0x10000, 0, 5, Burst::Incr, 11, 100));
  rs.back().strb = {0xFFFFFFFFu};
  sample_host(c, rs);
  EXPECT_EQ(c.get("host.read.outstanding", "1"), 2u);    // at 10 and at 200
  EXPECT_EQ(c.get("host.read.outstanding", "2"), 1u);    // at 11
  EXPECT_EQ(c.get("host.read.outstanding", "3-4"), 1u);  // at 12
  EXPECT_EQ(c.get("host.write.outstanding", "1"), 1u);
}

TransactionRecord descriptor_write(const rtl::JobDescriptor& d, Resp resp) {
  TransactionRecord r = record(Dir::Write, rtl::kCtrlStart + rtl::reg::kQueue, 1, 5, Burst::Incr, 1, 3);
  r.resp = resp;
  r.strb = {0xFFFFFFFFu, 0xFFFFFFFFu};
  r.bytes = 64;
  const auto words = d.words();
  r.data.resize(64);
  std::memcpy(r.data.data(), words.data(), 64);
  return r;
}

TEST(FcovSample, DescriptorsBecomeJobsWithTheirClasses) {
  rtl::JobDescriptor d;
  d.a = 0x10000, d.b = 0x80000, d.out = 0x100004;  // OUT inside a line
  d.m = 12, d.k = 16 * 256, d.n = 9;
  d.b_stride = 16 * rtl::kQ8kBlockBytes;  // exactly the row
  d.out_stride = 64;                       // padded (a row is 48 bytes)
  d.flags = rtl::JobDescriptor::kFlagFused;
  rtl::JobDescriptor bad = d;
  bad.k = 100;
  Counts c;
  const std::vector<TransactionRecord> rs = {descriptor_write(d, Resp::Okay), descriptor_write(bad, Resp::Okay),
                                             descriptor_write(d, Resp::SlvErr)};
  sample_host(c, rs);
  EXPECT_EQ(c.get("queue.submit", "accepted"), 2u);
  EXPECT_EQ(c.get("queue.submit", "refused_full"), 1u);
  EXPECT_EQ(c.get("job.error", "none"), 1u);
  EXPECT_EQ(c.get("job.error", "bad_K"), 1u);
  EXPECT_EQ(c.get("job.k_blocks", "16"), 1u);
  EXPECT_EQ(c.get("job.n_lanes", "lanes+1..2lanes-1"), 1u);
  EXPECT_EQ(c.get("job.m_lines", "partial_last_line"), 1u);
  EXPECT_EQ(c.get("job.stride", "a/dense"), 1u);
  EXPECT_EQ(c.get("job.stride", "b/row"), 1u);
  EXPECT_EQ(c.get("job.stride", "out/padded"), 1u);
  EXPECT_EQ(c.get("job.out_align", "inside_line"), 1u);
  EXPECT_EQ(c.get("job.order", "fused"), 1u);
}

TEST(FcovSample, DdrCountsTheEnginesBurstsAndItsErrors) {
  Counts c;
  TransactionRecord rd = record(Dir::Read, 0x10000, 31, 5, Burst::Incr, 1, 40);
  rd.master = rtl::kMasterEngine;
  TransactionRecord err = record(Dir::Read, 0x20000, 4, 5, Burst::Incr, 50, 60);
  err.master = rtl::kMasterEngine;
  err.resp = Resp::SlvErr;
  TransactionRecord wr = record(Dir::Write, 0x30000, 0, 5, Burst::Incr, 70, 80);
  wr.master = rtl::kMasterEngine;
  wr.strb = {0x0000FFFFu};
  TransactionRecord host = record(Dir::Read, 0x10000, 63, 5, Burst::Incr, 90, 200);  // the host's, through the crossbar
  sample_ddr(c, std::vector<TransactionRecord>{rd, err, wr, host});
  EXPECT_EQ(c.get("ddr.read.len", "32"), 1u);
  EXPECT_EQ(c.get("ddr.read.len", "2-15"), 1u);
  EXPECT_EQ(c.get("ddr.write.strobe", "partial"), 1u);
  EXPECT_EQ(c.get("ddr.read.resp", "OKAY"), 2u);
  EXPECT_EQ(c.get("ddr.read.resp", "SLVERR"), 1u);
  EXPECT_EQ(c.get("job.error", "AXI_read_error"), 1u);
  EXPECT_EQ(c.get("ddr.read.outstanding", "1"), 3u);
}

TEST(FcovSample, IoctlsViolationsQueueAndTiming) {
  Counts c;
  sample_ioctl(c, "WORK_SUBMIT", "EBUSY");
  sample_ioctl(c, "WAIT", "ENOTTY");  // not in the model: nothing
  sample_violation(c, "CROSSES_4K");
  sample_violation(c, "RESP_ORDER");  // a slave-side rule: not a bin
  sample_queue_depth(c, 0);
  sample_queue_depth(c, 4);
  Timing t;
  t.reorder = true;
  t.ddr_errors = true;
  sample_timing(c, t);
  EXPECT_EQ(c.get("ioctl.result", "WORK_SUBMIT/EBUSY"), 1u);
  EXPECT_EQ(c.get("checker.violation", "CROSSES_4K"), 1u);
  EXPECT_EQ(c.get("queue.depth", "4"), 1u);
  EXPECT_EQ(c.get("timing", "reorder/on"), 1u);
  EXPECT_EQ(c.get("timing", "ddr_errors/injected"), 1u);
  EXPECT_EQ(c.get("timing", "read_latency/fixed"), 1u);
  EXPECT_EQ(c.bins_hit(), 3u + 6u);
}

}  // namespace
}  // namespace sailsim::fcov
