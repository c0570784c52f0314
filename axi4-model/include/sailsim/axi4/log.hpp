// The transaction log: one record per completed AXI4 transaction, kept in a bounded ring.
// Records carry what sequence-format.md's expect_log matches on, so that a later issue can
// select and compare them without reading the pins again.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sailsim/axi4/params.hpp"

namespace sailsim::axi4 {

struct TransactionRecord {
  uint64_t seq = 0;       // position in the log since it was created or cleared (0, 1, ...)
  Dir dir = Dir::Read;
  std::string port{};     // the port's name, e.g. "ddr" or "host"
  uint32_t master = 0;    // the ID's prefix bits above the master-ID width (0 with no interconnect)
  uint32_t id = 0;        // the full AxID as seen at this port
  uint64_t addr = 0;      // AxADDR
  uint8_t axlen = 0;      // AxLEN
  uint8_t axsize = 0;     // AxSIZE (bytes per beat = 1 << axsize)
  Burst burst = Burst::Incr;
  bool lock = false;      // AxLOCK
  unsigned beats = 0;     // AxLEN + 1
  uint64_t bytes = 0;     // bytes covered: selected lanes, less unstrobed ones for a write
  uint64_t low_addr = 0;  // lowest byte address covered (AxADDR if none)
  Resp resp = Resp::Okay; // B's response, or the worst of the R beats
  uint64_t addr_cycle = 0;  // cycle of the AW / AR handshake
  uint64_t last_cycle = 0;  // cycle of the B handshake, or of the last R beat
  // The bytes carried: for each beat, the lanes its address and size select, in address
  // order (the compact form of sequence-format.md). Empty if the port does not log data.
  std::vector<uint8_t> data{};
  std::vector<uint32_t> strb{};  // writes: WSTRB of each beat as driven

  unsigned size_bytes() const { return 1u << axsize; }
  bool operator==(const TransactionRecord&) const = default;
};

// Export options.
struct ExportOptions {
  bool data = true;  // include data (hex, address order) and strobes
};

// YAML: a sequence of maps, addresses in hex. JSON: an array of objects, numbers in decimal.
// Both carry the same fields: seq dir port master id addr len size (bytes per beat) burst lock
// beats bytes low_addr resp addr_cycle last_cycle [data strb].
std::string to_yaml(std::span<const TransactionRecord> records, ExportOptions options = {});
std::string to_json(std::span<const TransactionRecord> records, ExportOptions options = {});

class Log {
 public:
  explicit Log(size_t capacity = 4096);

  // The slot for the next record, which overwrites the oldest when the ring is full. The
  // slot's vectors keep their capacity, so a steady stream of records allocates nothing.
  // seq is set; the caller fills in the rest.
  TransactionRecord& append();
  void push(const TransactionRecord& record);

  // The last n records (or all there are), oldest first.
  std::vector<TransactionRecord> last_n_transactions(size_t n) const;
  // Every retained record with seq >= first_seq, oldest first.
  std::vector<TransactionRecord> since(uint64_t first_seq) const;
  // The i-th oldest retained record.
  const TransactionRecord& at(size_t i) const;

  size_t size() const { return size_; }
  size_t capacity() const { return ring_.size(); }
  uint64_t total() const { return next_seq_; }       // records ever appended since clear()
  uint64_t dropped() const { return next_seq_ - size_; }  // overwritten by the ring
  void clear();

  std::string to_yaml(ExportOptions options = {}) const;
  std::string to_json(ExportOptions options = {}) const;

 private:
  std::vector<TransactionRecord> ring_;
  size_t head_ = 0;  // index of the oldest record
  size_t size_ = 0;
  uint64_t next_seq_ = 0;
};

}  // namespace sailsim::axi4
