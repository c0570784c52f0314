// The kernel's reports: the state of every port (for a hang, or a CLI on failure) and the
// checkers' violations. Plain text, one fact per line, so that a log file reads well.
#include <algorithm>
#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <string>

#include "sailsim/tb/kernel.hpp"

namespace sailsim::tb {
namespace {

// printf into a std::string (std::format is not in the supported compilers yet).
[[gnu::format(printf, 2, 3)]] void append(std::string& out, const char* format, ...) {
  char buffer[512];
  va_list args;
  va_start(args, format);
  const int n = std::vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  if (n > 0) out.append(buffer, std::min<size_t>(static_cast<size_t>(n), sizeof buffer - 1));
}

const char* burst_name(uint8_t burst) {
  constexpr const char* names[] = {"FIXED", "INCR", "WRAP", "RESERVED"};
  return names[burst & 3];
}

const char* resp_name(uint8_t resp) {
  constexpr const char* names[] = {"OKAY", "EXOKAY", "SLVERR", "DECERR"};
  return names[resp & 3];
}

void channels(std::string& out, const axi4::AxiPins& p) {
  append(out, "  AW valid %d ready %d", p.awvalid, p.awready);
  if (p.awvalid) {
    append(out, "  id 0x%" PRIx32 " addr 0x%" PRIx64 " len %u %uB/beat %s", p.awid, p.awaddr, p.awlen,
           1u << (p.awsize & 7), burst_name(p.awburst));
  }
  append(out, "\n  W  valid %d ready %d", p.wvalid, p.wready);
  if (p.wvalid) append(out, "  last %d strb 0x%08" PRIx32, p.wlast, p.wstrb);
  append(out, "\n  B  valid %d ready %d", p.bvalid, p.bready);
  if (p.bvalid) append(out, "  id 0x%" PRIx32 " %s", p.bid, resp_name(p.bresp));
  append(out, "\n  AR valid %d ready %d", p.arvalid, p.arready);
  if (p.arvalid) {
    append(out, "  id 0x%" PRIx32 " addr 0x%" PRIx64 " len %u %uB/beat %s", p.arid, p.araddr, p.arlen,
           1u << (p.arsize & 7), burst_name(p.arburst));
  }
  append(out, "\n  R  valid %d ready %d", p.rvalid, p.rready);
  if (p.rvalid) append(out, "  id 0x%" PRIx32 " %s last %d", p.rid, resp_name(p.rresp), p.rlast);
  out += '\n';
}

void outstanding(std::string& out, const char* what, const char* beats, const std::vector<axi4::Checker::Pending>& list) {
  constexpr size_t kShown = 16;
  for (size_t i = 0; i < list.size() && i < kShown; ++i) {
    const axi4::Checker::Pending& r = list[i];
    append(out, "  outstanding %s id 0x%" PRIx32 " addr 0x%" PRIx64 " len %u: accepted at cycle %" PRIu64
           ", %u of %u %s beats\n", what, r.id, r.addr, r.len, r.addr_cycle, r.beats, unsigned{r.len} + 1, beats);
  }
  if (list.size() > kShown) append(out, "  ... and %zu more outstanding %ss\n", list.size() - kShown, what);
}

void transaction(std::string& out, const axi4::TransactionRecord& t) {
  append(out, "    #%" PRIu64 " %-5s id 0x%" PRIx32 " addr 0x%" PRIx64 " len %u %uB/beat %s %s cycles %" PRIu64
         "..%" PRIu64 "\n", t.seq, t.dir == axi4::Dir::Write ? "write" : "read", t.id, t.addr, t.axlen,
         t.size_bytes(), burst_name(static_cast<uint8_t>(t.burst)), resp_name(static_cast<uint8_t>(t.resp)),
         t.addr_cycle, t.last_cycle);
}

}  // namespace

std::string Kernel::port_report(const Port& port, size_t last_n) const {
  std::string out;
  const auto writes = port.checker.pending_writes();
  const auto reads = port.checker.pending_reads();
  append(out, "port %s (%s", port.name().c_str(), to_string(port.role()));
  if (port.host() != nullptr) out += ", host attached";
  if (port.memory() != nullptr) out += ", memory attached";
  append(out, "): %zu writes and %zu reads outstanding\n", writes.size(), reads.size());
  channels(out, port.pins);
  if (const axi4::Host* host = port.host()) {
    append(out, "  host: %s, %zu queued, %zu in flight, %" PRIu64 " unexpected responses\n",
           host->idle() ? "idle" : "busy", host->queued(), host->in_flight(), host->unexpected_responses());
  }
  if (const axi4::MemoryPort* memory = port.memory()) {
    append(out, "  memory: %s, %u reads and %u writes outstanding\n", memory->idle() ? "idle" : "busy",
           memory->outstanding_reads(), memory->outstanding_writes());
  }
  outstanding(out, "write", "W", writes);
  outstanding(out, "read", "R", reads);
  if (port.checker.early_w_beats() != 0) append(out, "  W beats ahead of their AW: %zu\n", port.checker.early_w_beats());
  if (const uint64_t unmatched = port.checker.count(axi4::Rule::RespWithoutRequest)) {
    append(out, "  responses that matched no request: %" PRIu64 "\n", unmatched);
  }
  const auto last = port.log.last_n_transactions(last_n);
  append(out, "  last %zu of %" PRIu64 " transactions:%s\n", last.size(), port.log.total(), last.empty() ? " none" : "");
  for (const auto& record : last) transaction(out, record);
  if (port.checker.clean()) {
    out += "  checker: clean\n";
  } else {
    append(out, "  checker: %" PRIu64 " violations (see the checker report)\n", port.checker.count());
  }
  return out;
}

std::string Kernel::report(size_t last_n) const {
  std::string out;
  append(out, "simulation at cycle %" PRIu64 ", %zu ports, %" PRIu64 " cycles without a handshake\n", cycle_,
         ports_.size(), stalled_cycles_);
  for (const auto& port : ports_) out += port_report(*port, last_n);
  return out;
}

std::string Kernel::checker_report() const {
  std::string out;
  size_t lines = 0;
  uint64_t not_shown = 0;
  for (const auto& port : ports_) {
    const axi4::Checker& checker = port->checker;
    if (checker.clean()) continue;
    std::string counts;
    for (const axi4::RuleInfo& rule : axi4::kRules) {
      if (const uint64_t n = checker.count(rule.rule)) {
        append(counts, " %.*s %" PRIu64, static_cast<int>(rule.name.size()), rule.name.data(), n);
      }
    }
    append(out, "port %s: %" PRIu64 " violations:%s\n", port->name().c_str(), checker.count(), counts.c_str());
    for (const axi4::Violation& violation : checker.violations()) {
      if (lines == kMaxReportLines) {
        ++not_shown;
        continue;
      }
      out += "  " + axi4::to_string(violation) + "\n";
      ++lines;
    }
    not_shown += checker.count() - checker.violations().size();  // counted but not kept
  }
  if (not_shown != 0) append(out, "... %" PRIu64 " more violations not listed\n", not_shown);
  if (out.empty()) out = "checkers: clean\n";
  return out;
}

}  // namespace sailsim::tb
