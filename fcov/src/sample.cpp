#include "sailsim/fcov/sample.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <queue>
#include <string>
#include <vector>

#include "sailsim/axi4/burst.hpp"
#include "sailsim/fcov/model.hpp"
#include "sailsim/rtl/sail_desc.hpp"
#include "sailsim/rtl/sail_map.hpp"

namespace sailsim::fcov {
namespace {

using axi4::Dir;
using axi4::TransactionRecord;

const char* burst_name(axi4::Burst b) {
  switch (b) {
    case axi4::Burst::Fixed: return "FIXED";
    case axi4::Burst::Incr: return "INCR";
    case axi4::Burst::Wrap: return "WRAP";
    default: return nullptr;  // reserved: the checker's BURST_RESERVED, not a shape
  }
}

const char* resp_name(axi4::Resp r) {
  switch (r) {
    case axi4::Resp::Okay: return "OKAY";
    case axi4::Resp::SlvErr: return "SLVERR";
    case axi4::Resp::DecErr: return "DECERR";
    default: return nullptr;  // EXOKAY: no exclusive access on this card
  }
}

void hit_if(Counts& c, std::string_view point, std::string_view bin) {
  const auto p = find_point(point);
  const auto b = p ? find_bin(*p, bin) : std::nullopt;
  if (b) c.hit(*p, *b);
}

std::string dir_name(Dir d) { return d == Dir::Read ? "read" : "write"; }

// full / partial / none: how the beats' strobes cover the lanes their addresses select.
std::string strobe_class(const TransactionRecord& r) {
  const axi4::BurstShape shape{r.addr, r.axlen, r.axsize, r.burst};
  bool partial = false;
  for (unsigned beat = 0; beat < r.beats && beat < r.strb.size(); ++beat) {
    const uint32_t lanes = axi4::beat_lanes(shape, beat);
    const uint32_t strobed = r.strb[beat] & lanes;
    if (strobed == 0) return "none";
    if (strobed != lanes) partial = true;
  }
  return partial ? "partial" : "full";
}

std::string len_class(unsigned beats) {
  if (beats <= 2) return std::to_string(beats);
  if (beats <= 4) return "3-4";
  if (beats <= 8) return "5-8";
  if (beats <= 16) return "9-16";
  return "17-256";
}

std::string outstanding_class(size_t n) {
  if (n <= 2) return std::to_string(n);
  if (n <= 4) return "3-4";
  return "5-8";  // more is an OUTSTANDING_OVERFLOW for the card's MaxTrans of 8
}

// For each direction: the transactions in flight when each one's address handshaked.
void sample_outstanding(Counts& c, const std::string& port, std::span<const TransactionRecord> records) {
  for (Dir dir : {Dir::Read, Dir::Write}) {
    std::vector<const TransactionRecord*> rs;
    for (const auto& r : records) {
      if (r.dir == dir) rs.push_back(&r);
    }
    std::stable_sort(rs.begin(), rs.end(), [](auto* a, auto* b) { return a->addr_cycle < b->addr_cycle; });
    std::priority_queue<uint64_t, std::vector<uint64_t>, std::greater<>> ends;
    const std::string point = port + "." + dir_name(dir) + ".outstanding";
    for (const TransactionRecord* r : rs) {
      while (!ends.empty() && ends.top() <= r->addr_cycle) ends.pop();
      hit_if(c, point, outstanding_class(ends.size() + 1));
      ends.push(r->last_cycle);
    }
  }
}

rtl::JobDescriptor decode(const std::vector<uint8_t>& bytes) {
  std::array<uint32_t, rtl::JobDescriptor::kWords> w;
  std::memcpy(w.data(), bytes.data(), sizeof w);  // little-endian words, as the host wrote them
  return rtl::JobDescriptor::from_words(w);
}

std::string error_bin(rtl::JobError e) {
  std::string n = rtl::to_string(e);
  std::replace(n.begin(), n.end(), ' ', '_');
  return n;
}

std::string stride_class(uint32_t stride, uint64_t row) {
  if (stride == 0) return "dense";
  return stride == row ? "row" : "padded";
}

void sample_job(Counts& c, const rtl::JobDescriptor& d) {
  const rtl::JobError e = rtl::check(d);
  c.hit("job.error", error_bin(e));
  if (e != rtl::JobError::None) return;
  const uint32_t kb = d.k / 256;
  c.hit("job.k_blocks", kb == 1 ? "1" : kb < 16 ? "2-15" : kb == 16 ? "16" : kb <= 64 ? "17-64" : kb < 128 ? "65-127" : "128");
  constexpr uint32_t lanes = rtl::kEngineLanes;
  c.hit("job.n_lanes", d.n == 1            ? "1"
                       : d.n < lanes       ? "below_lanes"
                       : d.n == lanes      ? "lanes"
                       : d.n < 2 * lanes   ? "lanes+1..2lanes-1"
                       : d.n % lanes == 0  ? "multiple_above"
                                           : "other_above");
  constexpr uint32_t line = 32 / 4;
  c.hit("job.m_lines", d.m < line ? "below_line" : d.m == line ? "one_line" : d.m % line == 0 ? "multiple_lines" : "partial_last_line");
  c.hit("job.stride", "a/" + stride_class(d.a_stride, uint64_t{kb} * rtl::kQ4kBlockBytes));
  c.hit("job.stride", "b/" + stride_class(d.b_stride, uint64_t{kb} * rtl::kQ8kBlockBytes));
  c.hit("job.stride", "out/" + stride_class(d.out_stride, uint64_t{d.m} * 4));
  c.hit("job.out_align", d.out % 32 == 0 ? "line" : "inside_line");
  c.hit("job.order", d.flags & rtl::JobDescriptor::kFlagFused ? "fused" : "generic");
}

bool in_queue_window(uint64_t addr) {
  return addr >= rtl::kCtrlStart + rtl::reg::kQueue && addr < rtl::kCtrlStart + rtl::reg::kQueue + rtl::kQueueBytes;
}

}  // namespace

void sample_host(Counts& c, std::span<const TransactionRecord> records) {
  for (const TransactionRecord& r : records) {
    const std::string dir = dir_name(r.dir);
    if (const char* burst = burst_name(r.burst); burst && r.axsize <= axi4::kSizeFull) {
      const unsigned size = 1u << r.axsize;
      std::string bin = std::string(burst) + "/" + std::to_string(size) + "/" + (r.addr % size ? "unaligned" : "aligned");
      if (r.dir == Dir::Write) bin += "/" + strobe_class(r);
      hit_if(c, "host." + dir + ".shape", bin);
    }
    hit_if(c, "host." + dir + ".len", len_class(r.beats));
    if (const char* resp = resp_name(r.resp)) hit_if(c, "host." + dir + ".resp", resp);
    if (r.dir == Dir::Write && in_queue_window(r.addr)) {
      c.hit("queue.submit", r.resp == axi4::Resp::SlvErr ? "refused_full" : "accepted");
      if (r.resp == axi4::Resp::Okay && r.data.size() == rtl::kQueueBytes && r.bytes == rtl::kQueueBytes) {
        sample_job(c, decode(r.data));
      }
    }
  }
  sample_outstanding(c, "host", records);
}

void sample_ddr(Counts& c, std::span<const TransactionRecord> records) {
  for (const TransactionRecord& r : records) {
    const std::string dir = dir_name(r.dir);
    if (const char* resp = resp_name(r.resp)) hit_if(c, "ddr." + dir + ".resp", resp);
    if (r.master != rtl::kMasterEngine) continue;
    if (r.dir == Dir::Read) {
      hit_if(c, "ddr.read.len", r.beats == 1 ? "1" : r.beats < 16 ? "2-15" : r.beats < 32 ? "16-31" : r.beats == 32 ? "32" : "");
    } else {
      c.hit("ddr.write.strobe", strobe_class(r) == "full" ? "full" : "partial");
    }
    if (r.resp != axi4::Resp::Okay) c.hit("job.error", error_bin(r.dir == Dir::Read ? rtl::JobError::AxiRead : rtl::JobError::AxiWrite));
  }
  sample_outstanding(c, "ddr", records);
}

void sample_queue_depth(Counts& c, unsigned depth) {
  if (depth) hit_if(c, "queue.depth", std::to_string(depth));
}

void sample_ioctl(Counts& c, std::string_view cmd, std::string_view result) {
  hit_if(c, "ioctl.result", std::string(cmd) + "/" + std::string(result));
}

void sample_violation(Counts& c, std::string_view rule) { hit_if(c, "checker.violation", rule); }

void sample_timing(Counts& c, const Timing& t) {
  c.hit("timing", t.read_latency_range ? "read_latency/range" : "read_latency/fixed");
  c.hit("timing", t.write_latency_range ? "write_latency/range" : "write_latency/fixed");
  c.hit("timing", t.ddr_ready_random ? "ddr_ready/random" : "ddr_ready/always");
  c.hit("timing", t.reorder ? "reorder/on" : "reorder/off");
  c.hit("timing", t.host_ready_random ? "host_ready/random" : "host_ready/always");
  c.hit("timing", t.ddr_errors ? "ddr_errors/injected" : "ddr_errors/none");
}

}  // namespace sailsim::fcov
