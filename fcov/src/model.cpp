// The one list of cover points. Names of bins are what the samplers (sample.cpp) produce;
// crosses are spelled out here so that a hole can be named without running anything.
#include "sailsim/fcov/model.hpp"

#include <map>

#include "sailsim/rtl/sail_desc.hpp"

namespace sailsim::fcov {
namespace {

std::vector<std::string> cross(const std::vector<std::vector<std::string>>& parts,
                               bool (*keep)(const std::vector<std::string>&) = nullptr) {
  std::vector<std::vector<std::string>> rows{{}};
  for (const auto& part : parts) {
    std::vector<std::vector<std::string>> next;
    for (const auto& row : rows) {
      for (const auto& value : part) {
        auto r = row;
        r.push_back(value);
        next.push_back(std::move(r));
      }
    }
    rows = std::move(next);
  }
  std::vector<std::string> bins;
  for (const auto& row : rows) {
    if (keep && !keep(row)) continue;
    std::string name;
    for (const auto& v : row) name += (name.empty() ? "" : "/") + v;
    bins.push_back(name);
  }
  return bins;
}

// A WRAP burst must start aligned to its size (the checker's WRAP_UNALIGNED), and a one-byte
// beat is always aligned: neither is a bin.
bool legal_shape(const std::vector<std::string>& row) {
  return row[2] == "aligned" || (row[0] != "WRAP" && row[1] != "1");
}

// Writes also: a beat that selects one byte is strobed wholly or not at all, so no `partial`
// for one-byte beats, nor for an unaligned FIXED burst of two (every beat selects one byte).
bool legal_write(const std::vector<std::string>& row) {
  if (!legal_shape(row)) return false;
  const bool one_byte_beats = row[1] == "1" || (row[0] == "FIXED" && row[1] == "2" && row[2] == "unaligned");
  return !(one_byte_beats && row[3] == "partial");
}

const std::vector<std::string> kBursts = {"FIXED", "INCR", "WRAP"};
const std::vector<std::string> kSizes = {"1", "2", "4", "8", "16", "32"};
const std::vector<std::string> kAligns = {"aligned", "unaligned"};
const std::vector<std::string> kStrobes = {"full", "partial", "none"};
const std::vector<std::string> kResps = {"OKAY", "SLVERR", "DECERR"};

std::vector<Point> build() {
  std::vector<Point> p;
  p.push_back({"host.read.shape", "a host read burst of this type / bytes per beat / start alignment",
               cross({kBursts, kSizes, kAligns}, legal_shape)});
  p.push_back({"host.write.shape",
               "a host write burst of this type / bytes per beat / start alignment / strobes (every selected "
               "byte strobed, some, none in some beat)",
               cross({kBursts, kSizes, kAligns, kStrobes}, legal_write)});
  const std::vector<std::string> host_lens = {"1", "2", "3-4", "5-8", "9-16", "17-256"};
  p.push_back({"host.read.len", "a host read burst of this many beats", host_lens});
  p.push_back({"host.write.len", "a host write burst of this many beats", host_lens});
  // The engine reads in bursts of up to BurstBeats (32) beats, cut at their edges and at the
  // end of a row, and writes single-beat lines.
  p.push_back({"ddr.read.len", "an engine read burst at DDR of this many beats", {"1", "2-15", "16-31", "32"}});
  p.push_back({"ddr.write.strobe", "an engine write-back line with every byte strobed, or some",
               {"full", "partial"}});
  for (const char* port : {"host", "ddr"}) {
    for (const char* dir : {"read", "write"}) {
      const std::string name = std::string(port) + "." + dir;
      p.push_back({name + ".resp", std::string("a ") + port + " " + dir + " answered with this response", kResps});
      p.push_back({name + ".outstanding",
                   std::string("a ") + port + " " + dir + " issued with this many " + dir +
                       "s outstanding, itself included",
                   {"1", "2", "3-4", "5-8"}});
    }
  }
  p.push_back({"queue.submit", "a descriptor written to the command queue: taken, or refused (queue full, SLVERR)",
               {"accepted", "refused_full"}});
  p.push_back({"queue.depth", "the command queue reached this many waiting descriptors", {"1", "2", "3", "4"}});
  std::vector<std::string> errors;
  for (unsigned e = 0; e <= static_cast<unsigned>(rtl::JobError::AxiWrite); ++e) {
    std::string n = rtl::to_string(static_cast<rtl::JobError>(e));
    for (char& c : n) c = c == ' ' ? '_' : c;
    errors.push_back(n);
  }
  p.push_back({"job.error",
               "a job that ends with this error: descriptor rules from the descriptor, AXI errors from an error "
               "response at DDR",
               errors});
  p.push_back({"job.k_blocks",
               "a valid job of this many 256-value blocks in K (over 16, a column group holds fewer than the 8 lanes)",
               {"1", "2-15", "16", "17-64", "65-127", "128"}});
  p.push_back({"job.n_lanes", "a valid job whose N is this against the 8 lanes",
               {"1", "below_lanes", "lanes", "lanes+1..2lanes-1", "multiple_above", "other_above"}});
  p.push_back({"job.m_lines", "a valid job whose M (floats per OUT row) against a 32-byte line of 8",
               {"below_line", "one_line", "multiple_lines", "partial_last_line"}});
  p.push_back({"job.stride", "a valid job with this operand's stride: 0 (dense), its row exactly, or padded",
               cross({{"a", "b", "out"}, {"dense", "row", "padded"}})});
  p.push_back({"job.out_align", "a valid job whose OUT starts on a 32-byte line, or inside one",
               {"line", "inside_line"}});
  p.push_back({"job.order", "a valid job in GGML's generic order, or the FMA-contracted one", {"generic", "fused"}});
  p.push_back({"ioctl.result", "a Spanker ioctl that returned this (0: success)",
               {"PING/0", "GET_VERSION/0", "BAR_INFO/0", "GET_TELEMETRY/0", "WORK_SUBMIT/0", "WORK_SUBMIT/EINVAL",
                "WORK_SUBMIT/EBUSY", "WAIT/0", "WAIT/ETIMEDOUT", "WAIT/EIO", "MEM_ALLOC/0", "MEM_ALLOC/EINVAL",
                "MEM_ALLOC/ENOMEM", "MEM_FREE/0", "MEM_FREE/EINVAL", "MEM_WRITE/0", "MEM_WRITE/EINVAL", "MEM_READ/0",
                "MEM_READ/EINVAL", "MEM_COPY/0", "MEM_COPY/EINVAL"}});
  // The rules an illegal step can break on purpose (the sequence format cannot send a short
  // W burst, so not WLAST_MISMATCH); the slave-side rules are broken only by a broken card,
  // and a run that sees one fails.
  p.push_back({"checker.violation", "an illegal host transaction that the protocol checker caught as this rule",
               {"BURST_RESERVED", "BURST_TOO_LONG", "WRAP_LEN", "WRAP_UNALIGNED", "CROSSES_4K", "SIZE_TOO_WIDE",
                "WSTRB_LANES"}});
  p.push_back({"timing", "a run whose sequence config has this timing",
               {"read_latency/fixed", "read_latency/range", "write_latency/fixed", "write_latency/range",
                "ddr_ready/always", "ddr_ready/random", "reorder/off", "reorder/on", "host_ready/always",
                "host_ready/random", "ddr_errors/none", "ddr_errors/injected"}});
  return p;
}

}  // namespace

const std::vector<Point>& model() {
  static const std::vector<Point> points = build();
  return points;
}

size_t bin_count() {
  size_t n = 0;
  for (const Point& p : model()) n += p.bins.size();
  return n;
}

std::optional<size_t> find_point(std::string_view point) {
  static const std::map<std::string, size_t, std::less<>> index = [] {
    std::map<std::string, size_t, std::less<>> m;
    for (size_t i = 0; i < model().size(); ++i) m.emplace(model()[i].name, i);
    return m;
  }();
  const auto it = index.find(point);
  if (it == index.end()) return std::nullopt;
  return it->second;
}

std::optional<size_t> find_bin(size_t point, std::string_view bin) {
  const auto& bins = model().at(point).bins;
  for (size_t i = 0; i < bins.size(); ++i) {
    if (bins[i] == bin) return i;
  }
  return std::nullopt;
}

}  // namespace sailsim::fcov
