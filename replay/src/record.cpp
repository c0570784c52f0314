// --record: the run's host-port transactions as a sequence of axi_write / axi_read steps.
#include "sailsim/replay/record.hpp"

#include <algorithm>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "sailsim/axi4/burst.hpp"
#include "sailsim/axi4/transaction.hpp"
#include "sailsim/replay/output_file.hpp"

namespace sailsim::replay {

namespace {

constexpr size_t kInlineBytes = 512;

std::string hex(uint64_t v) {
  std::ostringstream os;
  os << "0x" << std::hex << v;
  return os.str();
}

std::string hex_bytes(const Bytes& b) {
  std::ostringstream os;
  os << std::hex << std::setfill('0');
  for (size_t i = 0; i < b.size(); ++i) {
    if (i) os << (i % 32 == 0 ? " " : "");
    os << std::setw(2) << unsigned{b[i]};
  }
  return os.str();
}

std::string latency(const axi4::Latency& l) {
  if (l.min == l.max) return std::to_string(l.min);
  return "{min: " + std::to_string(l.min) + ", max: " + std::to_string(l.max) + "}";
}

std::string resp_on(axi4::ErrorOn on) {
  return on == axi4::ErrorOn::Read ? "read" : on == axi4::ErrorOn::Write ? "write" : "both";
}

// The memory keys of config.memory (or of a config.memory.ports entry), at `indent`.
void write_memory(std::ostream& y, const std::string& indent, const axi4::Latency& read, const axi4::Latency& write,
                  double ready, bool reorder, const std::vector<axi4::ErrorRange>& errors) {
  y << indent << "read_latency: " << latency(read) << "\n"
    << indent << "write_latency: " << latency(write) << "\n"
    << indent << "ready: " << std::setprecision(17) << ready << "\n"
    << indent << "reorder: " << (reorder ? "true" : "false") << "\n";
  if (errors.empty()) return;
  y << indent << "errors:\n";
  for (const auto& e : errors) {
    y << indent << "  - {base: " << hex(e.base) << ", size: " << hex(e.size) << ", resp: " << axi4::to_string(e.resp)
      << ", on: " << resp_on(e.on) << "}\n";
  }
}

struct Event {
  uint64_t valid_cycle = 0;
  const axi4::TransactionRecord* record = nullptr;
};

}  // namespace

void write_recording(const Sequence& seq, const RunResult& result, const std::filesystem::path& out) {
  // The k-th AW (AR) VALID start belongs to the k-th write (read) address handshake.
  std::vector<const axi4::TransactionRecord*> writes, reads;
  // Records from before the first step (the shim's open) come back with the card itself.
  for (const auto& r : result.host_log) {
    if (r.seq >= result.first_host_record) (r.dir == axi4::Dir::Write ? writes : reads).push_back(&r);
  }
  auto by_handshake = [](const auto* a, const auto* b) {
    return a->addr_cycle != b->addr_cycle ? a->addr_cycle < b->addr_cycle : a->seq < b->seq;
  };
  std::stable_sort(writes.begin(), writes.end(), by_handshake);
  std::stable_sort(reads.begin(), reads.end(), by_handshake);
  std::vector<Event> events;
  size_t wi = 0, ri = 0;
  for (const ValidStart& v : result.host_valid_starts) {
    auto& list = v.dir == axi4::Dir::Write ? writes : reads;
    size_t& i = v.dir == axi4::Dir::Write ? wi : ri;
    if (i < list.size()) events.push_back({v.cycle, list[i++]});
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.valid_cycle < b.valid_cycle; });

  const Config& c = seq.config;
  // Format 1.1 when the recording needs it: memory settings by port, or IDs over 4 bits (a
  // design other than the Sail card).
  bool wide_ids = false;
  for (const Event& e : events) wide_ids = wide_ids || e.record->id >= (1u << axi4::kIdWidth);
  const bool format_1_1 = wide_ids || !c.port_memory.empty();
  std::ostringstream y;
  y << "# Recorded by sailsim replay --record from " << seq.file.filename().string() << ": the host-port traffic of\n"
    << "# the run, one transaction per step, each issued so that its first VALID is where it was.\n"
    << (format_1_1 ? "sailsim: 1.1\n" : "sailsim: 1\n")
    << "name: " << seq.name << ".recorded\n";
  if (!seq.tags.empty()) {
    y << "tags: [";
    for (size_t i = 0; i < seq.tags.size(); ++i) y << (i ? ", " : "") << seq.tags[i];
    y << "]\n";
  }
  y << "config:\n"
    << "  seed: " << c.seed << "\n"
    << "  timeout_cycles: " << c.timeout_cycles << "\n"
    << (seq.uses_shim() ? "  driver: shim\n" : "")
    << "  memory:\n";
  write_memory(y, "    ", c.read_latency, c.write_latency, c.ready, c.reorder, c.errors);
  if (!c.port_memory.empty()) {
    y << "    ports:\n";
    for (const PortMemory& pm : c.port_memory) {
      y << "      " << pm.port << ":\n";
      write_memory(y, "        ", pm.read_latency, pm.write_latency, pm.ready, pm.reorder, pm.errors);
    }
  }
  y << "  host:\n    ready: " << std::setprecision(17) << c.host_ready << "\n";
  y << "steps:\n";

  uint64_t now = result.start_cycle;  // the card is out of reset when the first step runs
  size_t files = 0;
  auto data_ref = [&](const Bytes& bytes) -> std::string {
    if (bytes.size() <= kInlineBytes) return "{hex: \"" + hex_bytes(bytes) + "\"}";
    const std::string name = out.stem().string() + "." + std::to_string(files++) + ".bin";
    write_output_file(out.parent_path() / name,
                      std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    return "{file: " + name + "}";
  };
  size_t steps = 0;
  for (const Event& e : events) {
    const axi4::TransactionRecord& r = *e.record;
    const uint64_t issue = e.valid_cycle > 0 ? e.valid_cycle - 1 : 0;
    if (issue > now) {
      y << "  - idle: {cycles: " << issue - now << "}\n";
      now = issue;
      ++steps;
    }
    const axi4::BurstShape shape{r.addr, r.axlen, r.axsize, r.burst};
    const bool write = r.dir == axi4::Dir::Write;
    y << "  - " << (write ? "axi_write" : "axi_read") << ": {addr: " << hex(r.addr) << ", id: " << r.id
      << ", len: " << unsigned{r.axlen} << ", size: " << r.size_bytes() << ", burst: " << axi4::to_string(r.burst);
    axi4::Transaction txn;
    if (write) {
      y << ", data: " << data_ref(r.data);
      bool all = r.strb.size() == shape.beats();
      for (unsigned b = 0; all && b < shape.beats(); ++b) all = r.strb[b] == axi4::beat_lanes(shape, b);
      if (!all) {
        y << ", strb: [";
        for (size_t b = 0; b < r.strb.size(); ++b) y << (b ? ", " : "") << hex(r.strb[b]);
        y << "]";
      }
      try {
        txn = axi4::make_write(shape, r.data, r.id, all ? std::vector<uint32_t>{} : r.strb);
      } catch (const std::invalid_argument&) {
      }
    } else {
      y << ", expect: " << data_ref(r.data);
      txn = axi4::make_read(shape, r.id);
    }
    if (const auto rule = axi4::transaction_rule(txn)) {
      y << ", illegal: true, expect_violation: " << axi4::rule_name(*rule);
    }
    y << ", expect_resp: " << axi4::to_string(r.resp) << ", wait: false}\n";
    ++steps;
  }
  if (result.cycles > now) {
    y << "  - idle: {cycles: " << result.cycles - now << "}\n";
    ++steps;
  }
  if (steps == 0) y << "  - idle: {cycles: 0}\n";
  write_output_file(out, y.str());
}

}  // namespace sailsim::replay
