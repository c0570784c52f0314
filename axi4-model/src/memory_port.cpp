#include "sailsim/axi4/memory_port.hpp"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <stdexcept>

#include "sailsim/axi4/transaction.hpp"

namespace sailsim::axi4 {

MemoryPort::MemoryPort(AxiPins& pins, Memory& memory, Log* log, MemoryPortConfig config)
    : pins_(pins), memory_(memory), log_(log), config_(std::move(config)), random_(config_.seed) {
  if (config_.max_reads == 0 || config_.max_writes == 0)
    throw std::invalid_argument("axi4 memory port: max_reads and max_writes must be at least 1");
  if (config_.read_latency.max < config_.read_latency.min || config_.write_latency.max < config_.write_latency.min)
    throw std::invalid_argument("axi4 memory port: latency max below min");
  // Enough slots for every outstanding transaction, so the hot path never grows the pool.
  slots_.resize(config_.max_reads + config_.max_writes);
  candidates_.reserve(slots_.size());
  reads_.reserve(config_.max_reads);
  w_buffer_.resize(config_.w_buffer);
  awaiting_b_.reserve(config_.max_writes);
  reset_state();
}

void MemoryPort::reset_state() {
  free_.clear();
  for (uint32_t i = static_cast<uint32_t>(slots_.size()); i-- > 0;) free_.push_back(i);
  awaiting_w_.clear();
  awaiting_b_.clear();
  reads_.clear();
  w_head_ = w_count_ = 0;
  awready_ = wready_ = arready_ = false;
  bvalid_ = rvalid_ = false;
  b_slot_ = r_slot_ = r_current_ = kNone;
}

uint32_t MemoryPort::allocate() {
  if (free_.empty()) {
    // Only reachable if a master overruns the depth while ready was high; grow rather than fail.
    slots_.emplace_back();
    return static_cast<uint32_t>(slots_.size() - 1);
  }
  const uint32_t slot = free_.back();
  free_.pop_back();
  return slot;
}

void MemoryPort::release(uint32_t slot) { free_.push_back(slot); }

Resp MemoryPort::error_for(Dir dir, const BurstShape& shape) const {
  if (config_.errors.empty()) return Resp::Okay;
  const Footprint f = footprint(shape);
  for (const ErrorRange& range : config_.errors) {
    if (range.size == 0) continue;
    const bool applies = range.on == ErrorOn::Both || (range.on == ErrorOn::Read) == (dir == Dir::Read);
    if (applies && f.first <= range.base + (range.size - 1) && f.last >= range.base) return range.resp;
  }
  return Resp::Okay;
}

void MemoryPort::accept_address(Dir dir, const AxiPins& p, uint64_t cycle) {
  const uint32_t slot = allocate();
  Txn& txn = slots_[slot];
  txn.dir = dir;
  const bool read = dir == Dir::Read;
  txn.id = read ? p.arid : p.awid;
  txn.shape = read ? BurstShape{p.araddr & kAddrMask, p.arlen, p.arsize, static_cast<Burst>(p.arburst & 3)}
                   : BurstShape{p.awaddr & kAddrMask, p.awlen, p.awsize, static_cast<Burst>(p.awburst & 3)};
  txn.lock = read ? p.arlock : p.awlock;
  txn.addr_cycle = cycle;
  txn.beat = 0;
  // A reserved burst has no defined addresses: answer SLVERR (no byte written, zeros read)
  // rather than guess INCR; the checker names it BURST_RESERVED.
  txn.resp = txn.shape.burst == Burst::Reserved ? Resp::SlvErr : error_for(dir, txn.shape);
  txn.bytes = 0;
  txn.low_addr = ~uint64_t{0};
  txn.data.clear();
  txn.strb.clear();
  if (read) {
    txn.ready_cycle = cycle + std::max<uint32_t>(1, random_.latency(config_.read_latency));
    reads_.push_back(slot);
  } else {
    awaiting_w_.push_back(slot);
  }
}

void MemoryPort::accept_w(const WBeat& p, uint64_t cycle) {
  const uint32_t slot = awaiting_w_.front();
  Txn& txn = slots_[slot];
  // The burst ends at WLAST, so that B never precedes it even for a broken master; beats
  // past AWLEN+1 are dropped. The checker reports the mismatch (WLAST_MISMATCH).
  if (txn.beat >= txn.shape.beats()) {
    ++beats_;
    if (p.last) end_w(slot, cycle);
    return;
  }
  const uint64_t addr = beat_address(txn.shape, txn.beat);
  const uint32_t lanes = lanes_for(addr, txn.shape.size);
  const uint32_t strobed = p.strb & lanes;
  if (txn.resp == Resp::Okay) memory_.write_line(addr, p.data, strobed);
  if (config_.log_data) {
    append_lanes(txn.data, p.data, lanes);
    txn.strb.push_back(p.strb);
  }
  txn.bytes += popcount(strobed);
  if (strobed) {
    const uint64_t low = (addr & ~uint64_t{kDataBytes - 1}) + static_cast<unsigned>(std::countr_zero(strobed));
    txn.low_addr = std::min(txn.low_addr, low);
  }
  ++txn.beat;
  ++beats_;
  if (p.last) end_w(slot, cycle);
}

void MemoryPort::drain_w_buffer(uint64_t cycle) {
  while (w_count_ && !awaiting_w_.empty()) {
    accept_w(w_buffer_[w_head_], cycle);
    w_head_ = (w_head_ + 1) % w_buffer_.size();
    --w_count_;
  }
}

void MemoryPort::end_w(uint32_t slot, uint64_t cycle) {
  slots_[slot].ready_cycle = cycle + std::max<uint32_t>(1, random_.latency(config_.write_latency));
  awaiting_w_.pop_front();
  awaiting_b_.push_back(slot);
}

void MemoryPort::finish(Txn& txn, uint64_t cycle) {
  ++completed_;
  if (!log_) return;
  TransactionRecord& r = log_->append();
  r.dir = txn.dir;
  r.port = config_.port;
  r.master = config_.master_id_bits >= 32 ? 0 : txn.id >> config_.master_id_bits;
  r.id = txn.id;
  r.addr = txn.shape.addr;
  r.axlen = txn.shape.len;
  r.axsize = txn.shape.size;
  r.burst = txn.shape.burst;
  r.lock = txn.lock;
  r.beats = txn.shape.beats();
  r.bytes = txn.bytes;
  r.low_addr = txn.low_addr == ~uint64_t{0} ? txn.shape.addr : txn.low_addr;
  r.resp = txn.resp;
  r.addr_cycle = txn.addr_cycle;
  r.last_cycle = cycle;
  r.data.assign(txn.data.begin(), txn.data.end());
  r.strb.assign(txn.strb.begin(), txn.strb.end());
}

void MemoryPort::choose_b(uint64_t next_cycle) {
  candidates_.clear();
  for (size_t i = 0; i < awaiting_b_.size(); ++i) {
    const Txn& txn = slots_[awaiting_b_[i]];
    bool eligible = txn.ready_cycle <= next_cycle;
    for (size_t j = 0; eligible && j < i; ++j) eligible = slots_[awaiting_b_[j]].id != txn.id;
    if (eligible) candidates_.push_back(awaiting_b_[i]);
    if (!config_.reorder) break;  // strictly in order: only the oldest may go
  }
  if (candidates_.empty()) return;
  const size_t pick = candidates_.size() == 1 ? 0 : random_.range(0, candidates_.size() - 1);
  b_slot_ = candidates_[pick];
  bvalid_ = true;
}

void MemoryPort::choose_r(uint64_t next_cycle) {
  uint32_t slot = r_current_;
  if (slot == kNone) {
    candidates_.clear();
    const bool any_order = config_.reorder || config_.interleave_reads;
    for (size_t i = 0; i < reads_.size(); ++i) {
      const Txn& txn = slots_[reads_[i]];
      bool eligible = txn.ready_cycle <= next_cycle;
      // Same ID: in order, and never interleaved (the oldest of its ID may be mid-burst).
      for (size_t j = 0; eligible && j < i; ++j) eligible = slots_[reads_[j]].id != txn.id;
      if (eligible) candidates_.push_back(reads_[i]);
      if (!any_order) break;
    }
    if (candidates_.empty()) return;
    slot = candidates_[candidates_.size() == 1 ? 0 : random_.range(0, candidates_.size() - 1)];
  }
  Txn& txn = slots_[slot];
  const uint64_t addr = beat_address(txn.shape, txn.beat);
  const uint32_t lanes = lanes_for(addr, txn.shape.size);
  if (txn.resp != Resp::Okay) {
    rdata_.fill(0);
  } else {
    const uint32_t never_written = memory_.read_line(addr, rdata_) & lanes;
    if (never_written) {
      ++uninitialized_reads_;
      if (config_.warn_uninitialized) {
        UninitializedRead warning{config_.port, txn.id,
                                  (addr & ~uint64_t{kDataBytes - 1}) +
                                      static_cast<unsigned>(std::countr_zero(never_written)),
                                  popcount(never_written), next_cycle};
        if (config_.on_uninitialized) {
          config_.on_uninitialized(warning);
        } else {
          std::fprintf(stderr, "sailsim axi4 [%s]: ID %u read %u never-written byte(s) at 0x%llx, cycle %llu\n",
                       warning.port.c_str(), warning.id, warning.bytes,
                       static_cast<unsigned long long>(warning.addr), static_cast<unsigned long long>(warning.cycle));
        }
      }
    }
  }
  r_lanes_ = lanes;
  rlast_ = txn.beat + 1 == txn.shape.beats();
  r_slot_ = slot;
  rvalid_ = true;
}

void MemoryPort::sample(const Tick& tick) {
  if (tick.reset) {
    reset_state();
    return;
  }
  const AxiPins& p = pins_;
  const uint64_t cycle = tick.cycle;

  // Handshakes of this cycle. AW first, so that a W beat of the same cycle (or one that
  // came earlier and waits in the buffer) finds its burst; W beats keep AW order.
  if (awready_ && p.awvalid) accept_address(Dir::Write, p, cycle);
  drain_w_buffer(cycle);
  if (wready_ && p.wvalid) {
    if (!awaiting_w_.empty()) {
      accept_w({p.wdata, p.wstrb, p.wlast}, cycle);
    } else {
      w_buffer_[(w_head_ + w_count_) % w_buffer_.size()] = {p.wdata, p.wstrb, p.wlast};
      ++w_count_;
    }
  }
  if (arready_ && p.arvalid) accept_address(Dir::Read, p, cycle);
  if (bvalid_ && p.bready) {
    finish(slots_[b_slot_], cycle);
    awaiting_b_.erase(std::find(awaiting_b_.begin(), awaiting_b_.end(), b_slot_));
    release(b_slot_);
    b_slot_ = kNone;
    bvalid_ = false;
  }
  if (rvalid_ && p.rready) {
    Txn& txn = slots_[r_slot_];
    if (config_.log_data) append_lanes(txn.data, rdata_, r_lanes_);
    txn.bytes += popcount(r_lanes_);
    const uint64_t line = beat_address(txn.shape, txn.beat) & ~uint64_t{kDataBytes - 1};
    txn.low_addr = std::min(txn.low_addr, line + static_cast<unsigned>(std::countr_zero(r_lanes_)));
    ++txn.beat;
    ++beats_;
    if (rlast_) {
      finish(txn, cycle);
      reads_.erase(std::find(reads_.begin(), reads_.end(), r_slot_));
      release(r_slot_);
      r_current_ = kNone;
    } else {
      r_current_ = config_.interleave_reads ? kNone : r_slot_;
    }
    r_slot_ = kNone;
    rvalid_ = false;
  }

  // Next cycle's outputs, from state only.
  awready_ = outstanding_writes() < config_.max_writes && random_.chance(config_.ready.aw);
  wready_ = (!awaiting_w_.empty() || w_count_ < w_buffer_.size()) && random_.chance(config_.ready.w);
  arready_ = reads_.size() < config_.max_reads && random_.chance(config_.ready.ar);
  if (!bvalid_) choose_b(cycle + 1);
  if (!rvalid_) choose_r(cycle + 1);
}

void MemoryPort::drive() {
  AxiPins& p = pins_;
  p.awready = awready_;
  p.wready = wready_;
  p.arready = arready_;
  p.bvalid = bvalid_;
  if (bvalid_) {
    p.bid = slots_[b_slot_].id;
    p.bresp = static_cast<uint8_t>(slots_[b_slot_].resp);
  }
  p.rvalid = rvalid_;
  if (rvalid_) {
    const Txn& txn = slots_[r_slot_];
    p.rid = txn.id;
    p.rdata = rdata_;
    p.rresp = static_cast<uint8_t>(txn.resp);
    p.rlast = rlast_;
  }
}

std::vector<TransactionRecord> MemoryPort::last_n_transactions(size_t n) const {
  return log_ ? log_->last_n_transactions(n) : std::vector<TransactionRecord>{};
}

}  // namespace sailsim::axi4
