// The memory model's AXI4 slave port: serves one AxiPins from a (possibly shared) Memory,
// with seeded timing, back-pressure, reordering and error ranges, and logs every completed
// transaction. The knobs map one to one onto sequence-format.md's config.memory.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "sailsim/axi4/burst.hpp"
#include "sailsim/axi4/component.hpp"
#include "sailsim/axi4/log.hpp"
#include "sailsim/axi4/memory.hpp"
#include "sailsim/axi4/pins.hpp"
#include "sailsim/axi4/random.hpp"

namespace sailsim::axi4 {

// Which transactions an error range answers.
enum class ErrorOn : uint8_t { Read, Write, Both };

// [base, base + size) answers resp instead of OKAY. A transaction whose bytes overlap the
// range gets the error on every read beat, or on B; an erroring write changes no byte.
struct ErrorRange {
  uint64_t base = 0;
  uint64_t size = 0;
  Resp resp = Resp::SlvErr;
  ErrorOn on = ErrorOn::Both;
};

// Chance per cycle that each ready is high (sequence config.memory.ready sets all three).
struct ReadyChance {
  double aw = 1.0;
  double w = 1.0;
  double ar = 1.0;
  static constexpr ReadyChance all(double p) { return {p, p, p}; }
};

// A read that returned bytes never written.
struct UninitializedRead {
  std::string port{};
  uint32_t id = 0;
  uint64_t addr = 0;    // the first such byte
  unsigned bytes = 0;   // how many such bytes in this beat
  uint64_t cycle = 0;   // the cycle the beat was presented
};

struct MemoryPortConfig {
  std::string port = "ddr";
  uint64_t seed = 1;
  // Cycles from the AR handshake to the first R beat, and from the last W beat to B; at
  // least 1 (there is no combinational path). Fixed, or uniform in [min, max] per transaction.
  Latency read_latency = Latency::fixed(1);
  Latency write_latency = Latency::fixed(1);
  ReadyChance ready{};
  // Responses to different IDs may come back out of order (same ID: always in order).
  bool reorder = false;
  // Read beats of different IDs may interleave (a new choice every beat).
  bool interleave_reads = false;
  // Outstanding transactions accepted at once; AWREADY / ARREADY stay low at the limit.
  unsigned max_reads = 16;
  unsigned max_writes = 16;
  // W beats accepted ahead of their AW (AXI4 lets W lead); 0: WREADY waits for an accepted AW.
  unsigned w_buffer = 16;
  std::vector<ErrorRange> errors{};
  // Report reads of never-written bytes through on_uninitialized (stderr if unset).
  bool warn_uninitialized = false;
  std::function<void(const UninitializedRead&)> on_uninitialized{};
  // master = id >> master_id_bits: an interconnect prepends the master's index to its ID.
  unsigned master_id_bits = kIdWidth;
  // Keep each transaction's bytes in its log record.
  bool log_data = true;
};

class MemoryPort final : public Component {
 public:
  // pins, memory and log must outlive the port; log may be null (nothing is logged).
  MemoryPort(AxiPins& pins, Memory& memory, Log* log, MemoryPortConfig config = {});

  void drive() override;
  void sample(const Tick& tick) override;
  void reset_asserted() override { reset_state(); }  // BVALID / RVALID fall with rst_ni

  // Queries (the log's and the memory's, for convenience).
  std::vector<TransactionRecord> last_n_transactions(size_t n) const;
  Snapshot snapshot() const { return memory_.snapshot(); }
  Snapshot snapshot(uint64_t first, uint64_t last) const { return memory_.snapshot(first, last); }

  Memory& memory() { return memory_; }
  Log* log() { return log_; }
  const MemoryPortConfig& config() const { return config_; }
  unsigned outstanding_reads() const { return static_cast<unsigned>(reads_.size()); }
  unsigned outstanding_writes() const { return static_cast<unsigned>(awaiting_w_.size() + awaiting_b_.size()); }
  bool idle() const { return reads_.empty() && awaiting_w_.empty() && awaiting_b_.empty() && w_count_ == 0; }
  uint64_t uninitialized_reads() const { return uninitialized_reads_; }
  uint64_t transactions() const { return completed_; }
  uint64_t beats() const { return beats_; }

 private:
  static constexpr uint32_t kNone = ~uint32_t{0};

  struct Txn {
    Dir dir = Dir::Read;
    uint32_t id = 0;
    BurstShape shape;
    bool lock = false;
    uint64_t addr_cycle = 0;
    uint64_t ready_cycle = 0;  // first cycle its R beat / B may be presented
    unsigned beat = 0;         // beats done so far
    Resp resp = Resp::Okay;    // decided at the address handshake (error ranges)
    uint64_t bytes = 0;
    uint64_t low_addr = ~uint64_t{0};
    std::vector<uint8_t> data;
    std::vector<uint32_t> strb;
  };

  uint32_t allocate();
  void release(uint32_t slot);
  Resp error_for(Dir dir, const BurstShape& shape) const;
  void accept_address(Dir dir, const AxiPins& p, uint64_t cycle);
  struct WBeat {
    Line data;
    uint32_t strb = 0;
    bool last = false;
  };
  void accept_w(const WBeat& beat, uint64_t cycle);
  void drain_w_buffer(uint64_t cycle);
  void end_w(uint32_t slot, uint64_t cycle);
  void finish(Txn& txn, uint64_t cycle);
  void choose_b(uint64_t next_cycle);
  void choose_r(uint64_t next_cycle);
  void reset_state();

  AxiPins& pins_;
  Memory& memory_;
  Log* log_;
  MemoryPortConfig config_;
  Random random_;

  std::vector<Txn> slots_;
  std::vector<uint32_t> free_;
  std::deque<uint32_t> awaiting_w_;  // writes in AW order, waiting for (more) W beats
  std::vector<uint32_t> awaiting_b_; // writes with all W beats, in that order
  std::vector<uint32_t> reads_;      // reads in AR order
  std::vector<uint32_t> candidates_; // scratch for choices, kept to avoid allocation
  std::vector<WBeat> w_buffer_;      // ring of W beats that came before their AW
  size_t w_head_ = 0;
  size_t w_count_ = 0;

  // Registered outputs.
  bool awready_ = false, wready_ = false, arready_ = false;
  bool bvalid_ = false;
  uint32_t b_slot_ = kNone;
  bool rvalid_ = false;
  uint32_t r_slot_ = kNone;
  uint32_t r_lanes_ = 0;
  Line rdata_{};
  bool rlast_ = false;
  uint32_t r_current_ = kNone;  // a read mid-burst, when reads do not interleave

  uint64_t uninitialized_reads_ = 0;
  uint64_t completed_ = 0;
  uint64_t beats_ = 0;
};

}  // namespace sailsim::axi4
