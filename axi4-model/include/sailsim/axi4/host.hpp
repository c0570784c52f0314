// The host bus functional model: an AXI4 master. write() and read() move any number of bytes
// in legal bursts; issue() drives one transaction exactly as given, illegal ones included
// when asked, for negative tests. Each call returns a handle that completes with the
// responses (and, for reads, the data).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sailsim/axi4/component.hpp"
#include "sailsim/axi4/log.hpp"
#include "sailsim/axi4/pins.hpp"
#include "sailsim/axi4/random.hpp"
#include "sailsim/axi4/transaction.hpp"

namespace sailsim::axi4 {

struct HostConfig {
  std::string port = "host";
  uint64_t seed = 1;
  // Chance per cycle that BREADY / RREADY are high (sequence config.host.ready).
  double bready = 1.0;
  double rready = 1.0;
  // Transactions in flight at once (AW/AR handshake until B / last R).
  unsigned max_reads = 16;
  unsigned max_writes = 16;
  // Writes whose AW may be sent ahead of their W beats (the beats then follow in AW order).
  // 0: a write's AW goes with its W beats and the next write waits for its last beat.
  unsigned aw_lead = 0;
  // IDs that write() and read() give their bursts, in turn.
  std::vector<uint32_t> ids = {0};
  unsigned id_bits = kIdWidth;
  // For the log's master field (id >> master_id_bits).
  unsigned master_id_bits = kIdWidth;
  // Host-side transaction records (sequence expect_log port: host); may be null.
  Log* log = nullptr;
};

// The outcome of one write(), read() or issue().
struct Completion {
  Dir dir = Dir::Read;
  bool done = false;
  unsigned bursts = 0;       // bursts the request was split into
  unsigned bursts_done = 0;
  Resp resp = Resp::Okay;    // the worst response of all bursts and beats
  std::vector<Resp> burst_resps;  // one per burst, in issue order (a read burst: its worst beat)
  std::vector<Resp> beat_resps;   // reads: every R beat's RRESP, in arrival order
  // Reads. read(): exactly the bytes asked for. issue(): for each beat, the lanes its address
  // and size select, in address order (the compact form of sequence-format.md).
  std::vector<uint8_t> data;
  uint64_t first_cycle = 0;  // first AW / AR handshake
  uint64_t last_cycle = 0;   // the last B / R beat

  bool ok() const { return done && (resp == Resp::Okay || resp == Resp::ExOkay); }
};
using Handle = std::shared_ptr<const Completion>;

// Whether issue() refuses a transaction that breaks the protocol.
enum class Legality : uint8_t { Enforce, AllowIllegal };

class Host final : public Component {
 public:
  explicit Host(AxiPins& pins, HostConfig config = {});

  // Split into INCR bursts of full 32-byte beats from an aligned address, at most 256 beats,
  // never across 4 KiB; WSTRB masks a ragged head and tail. Throws std::out_of_range past the
  // 48-bit space.
  Handle write(uint64_t addr, std::span<const uint8_t> bytes);
  Handle read(uint64_t addr, size_t size);
  // One transaction as given. Enforce: throws std::invalid_argument naming the rule it would
  // break. Missing W data is zeros; missing strobes are the beat's selected lanes.
  Handle issue(Transaction txn, Legality legality = Legality::Enforce);

  void drive() override;
  void sample(const Tick& tick) override;

  bool idle() const;
  size_t queued() const { return write_queue_.size() + read_queue_.size(); }
  size_t in_flight() const;
  uint64_t unexpected_responses() const { return unexpected_; }  // B / R matching nothing in flight
  uint64_t completed_bursts() const { return completed_; }
  uint64_t beats() const { return beats_; }
  const HostConfig& config() const { return config_; }

 private:
  struct Op {
    Transaction txn;
    std::shared_ptr<Completion> completion;
    unsigned burst_index = 0;
    bool compact = true;           // read data: compact lanes (issue) or a byte window (read)
    uint64_t want_first = 0;       // read(): the window asked for
    uint64_t want_end = 0;
    unsigned beat = 0;             // W beats sent / R beats received
    unsigned w_beats = 0;
    bool aw_sent = false;          // writes: AW handshake done
    uint64_t addr_cycle = 0;
    Resp resp = Resp::Okay;
    std::vector<uint8_t> read_lanes;  // for the log only
  };

  uint32_t next_id();
  Op* next_aw();
  const Op* next_aw() const;
  std::shared_ptr<Completion> new_completion(Dir dir, unsigned bursts);
  void complete(Op& op, uint64_t cycle);
  void log_record(const Op& op, uint64_t cycle);

  AxiPins& pins_;
  HostConfig config_;
  Random random_;
  size_t id_turn_ = 0;

  std::deque<Op> write_queue_;
  std::deque<Op> read_queue_;
  // Writes taken from the queue whose W beats have not all been sent, in AW order: the
  // front one's beats are on the bus, the first one without aw_sent its AW.
  std::deque<Op> writing_;
  std::optional<Op> ar_current_;
  std::deque<Op> writes_in_flight_;  // AW and all W sent, waiting for B
  std::deque<Op> reads_in_flight_;   // AR sent, waiting for the last R

  bool bready_ = false;
  bool rready_ = false;
  uint64_t unexpected_ = 0;
  uint64_t completed_ = 0;
  uint64_t beats_ = 0;
};

}  // namespace sailsim::axi4
