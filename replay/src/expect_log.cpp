// expect_log: matching the selected log records against a sequence of entries, or a count.
#include <sstream>

#include "run_detail.hpp"

namespace sailsim::replay::detail {

namespace {

std::string hex(uint64_t v) {
  std::ostringstream os;
  os << "0x" << std::hex << v;
  return os.str();
}

bool pins_match(const LogEntry& e, const axi4::TransactionRecord& r) {
  return r.dir == e.dir && (!e.beats || r.beats == *e.beats) && (!e.id || r.id == *e.id) &&
         (!e.burst || r.burst == *e.burst) && (!e.resp || r.resp == *e.resp);
}

uint64_t record_end(const axi4::TransactionRecord& r) { return r.low_addr + r.bytes; }  // exclusive

std::string describe_entry(const LogEntry& e) {
  std::ostringstream os;
  os << "{dir: " << axi4::to_string(e.dir);
  if (e.has_range) os << ", addr_range: [" << hex(e.range_first) << ", " << hex(e.range_last) << "]";
  else os << ", addr: " << hex(e.addr) << ", bytes: " << e.bytes;
  if (e.beats) os << ", beats: " << *e.beats;
  if (e.id) os << ", id: " << *e.id;
  if (e.burst) os << ", burst: " << axi4::to_string(*e.burst);
  if (e.resp) os << ", resp: " << axi4::to_string(*e.resp);
  os << "}  (line " << e.where.line << ")";
  return os.str();
}

}  // namespace

std::string describe(const axi4::TransactionRecord& r) {
  std::ostringstream os;
  os << "#" << r.seq << " " << axi4::to_string(r.dir) << " addr " << hex(r.addr) << " bytes " << r.bytes << " beats "
     << r.beats << " size " << r.size_bytes() << " " << axi4::to_string(r.burst) << " id " << r.id << " master "
     << r.master << " " << axi4::to_string(r.resp) << " cycles " << r.addr_cycle << ".." << r.last_cycle;
  return os.str();
}

std::string match_log(const ExpectLogStep& step, const std::vector<axi4::TransactionRecord>& records) {
  std::ostringstream why;
  if (step.count_min && records.size() < *step.count_min) {
    why << "  " << records.size() << " records selected, expected at least " << *step.count_min << "\n";
  }
  if (step.count_max && records.size() > *step.count_max) {
    why << "  " << records.size() << " records selected, expected at most " << *step.count_max << "\n";
  }
  if (step.sequence) {
    size_t i = 0;
    size_t entry_index = 0;
    for (const LogEntry& e : *step.sequence) {
      const size_t first = i;
      if (e.has_range) {
        while (i < records.size() && pins_match(e, records[i]) && records[i].low_addr >= e.range_first &&
               record_end(records[i]) - 1 <= e.range_last && records[i].bytes > 0) {
          ++i;
        }
      } else {
        uint64_t covered = 0;
        while (i < records.size() && covered < e.bytes && pins_match(e, records[i]) && records[i].low_addr >= e.addr &&
               record_end(records[i]) <= e.addr + e.bytes) {
          covered += records[i].bytes;
          ++i;
        }
        if (covered != e.bytes) {
          why << "  entry " << entry_index << " " << describe_entry(e) << ": the records from #" << first
              << " cover " << covered << " of its " << e.bytes << " bytes\n";
          break;
        }
      }
      if (i == first) {
        why << "  entry " << entry_index << " " << describe_entry(e) << " matches no record"
            << (i < records.size() ? " at " + describe(records[i]) : std::string(" (no records left)")) << "\n";
        break;
      }
      ++entry_index;
    }
    if (why.str().empty() && i < records.size()) {
      why << "  record " << describe(records[i]) << " is not consumed by any entry\n";
    }
  }
  if (why.str().empty()) return {};
  std::ostringstream os;
  os << why.str() << "  selected log (" << records.size() << " records):\n";
  for (const auto& r : records) os << "    " << describe(r) << "\n";
  if (step.sequence) {
    os << "  expected:\n";
    for (const LogEntry& e : *step.sequence) os << "    " << describe_entry(e) << "\n";
  }
  return os.str();
}

}  // namespace sailsim::replay::detail
