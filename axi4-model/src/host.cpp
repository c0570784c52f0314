#include "sailsim/axi4/host.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace sailsim::axi4 {

namespace {

void check_span(uint64_t addr, size_t size) {
  if (addr > kAddrMask || size > kAddrMask + 1 - addr)
    throw std::out_of_range("axi4 host: transfer beyond the 48-bit address space");
}

// The end of the next legal burst starting at byte a: a 4 KiB boundary, the 256-beat limit,
// or the end of the transfer, whichever comes first.
uint64_t burst_end(uint64_t a, uint64_t end) {
  const uint64_t base = a & ~uint64_t{kDataBytes - 1};
  const uint64_t boundary = (a / kBoundaryBytes + 1) * kBoundaryBytes;
  return std::min({end, boundary, base + uint64_t{kMaxBeatsIncr} * kDataBytes});
}

BurstShape full_beats(uint64_t first, uint64_t end) {
  const uint64_t base = first & ~uint64_t{kDataBytes - 1};
  const uint64_t beats = (end - base + kDataBytes - 1) / kDataBytes;
  return {base, static_cast<uint8_t>(beats - 1), static_cast<uint8_t>(kSizeFull), Burst::Incr};
}

}  // namespace

Host::Host(AxiPins& pins, HostConfig config)
    : pins_(pins), config_(std::move(config)), random_(config_.seed) {
  if (config_.ids.empty()) throw std::invalid_argument("axi4 host: at least one ID is needed");
  if (config_.max_reads == 0 || config_.max_writes == 0)
    throw std::invalid_argument("axi4 host: max_reads and max_writes must be at least 1");
  for (uint32_t id : config_.ids) {
    if (config_.id_bits < 32 && id >> config_.id_bits)
      throw std::invalid_argument("axi4 host: ID " + std::to_string(id) + " does not fit the ID width");
  }
}

uint32_t Host::next_id() { return config_.ids[id_turn_++ % config_.ids.size()]; }

std::shared_ptr<Completion> Host::new_completion(Dir dir, unsigned bursts) {
  auto completion = std::make_shared<Completion>();
  completion->dir = dir;
  completion->bursts = bursts;
  completion->burst_resps.assign(bursts, Resp::Okay);
  completion->done = bursts == 0;
  return completion;
}

Handle Host::write(uint64_t addr, std::span<const uint8_t> bytes) {
  check_span(addr, bytes.size());
  const uint64_t end = addr + bytes.size();
  unsigned bursts = 0;
  for (uint64_t a = addr; a < end; a = burst_end(a, end)) ++bursts;
  auto completion = new_completion(Dir::Write, bursts);
  unsigned index = 0;
  for (uint64_t a = addr; a < end;) {
    const uint64_t stop = burst_end(a, end);
    const BurstShape shape = full_beats(a, stop);
    Op op;
    op.txn.dir = Dir::Write;
    op.txn.id = next_id();
    op.txn.addr = shape.addr;
    op.txn.len = shape.len;
    op.txn.size = shape.size;
    op.txn.burst = Burst::Incr;
    op.txn.wdata.assign(shape.beats(), Line{});
    op.txn.wstrb.assign(shape.beats(), 0);
    for (uint64_t b = a; b < stop; ++b) {
      const uint64_t offset = b - shape.addr;
      op.txn.wdata[offset / kDataBytes][offset % kDataBytes] = bytes[b - addr];
      op.txn.wstrb[offset / kDataBytes] |= 1u << (offset % kDataBytes);
    }
    op.completion = completion;
    op.burst_index = index++;
    op.w_beats = shape.beats();
    write_queue_.push_back(std::move(op));
    a = stop;
  }
  return completion;
}

Handle Host::read(uint64_t addr, size_t size) {
  check_span(addr, size);
  const uint64_t end = addr + size;
  unsigned bursts = 0;
  for (uint64_t a = addr; a < end; a = burst_end(a, end)) ++bursts;
  auto completion = new_completion(Dir::Read, bursts);
  completion->data.assign(size, 0);
  unsigned index = 0;
  for (uint64_t a = addr; a < end;) {
    const uint64_t stop = burst_end(a, end);
    Op op;
    op.txn = make_read(full_beats(a, stop), next_id());
    op.completion = completion;
    op.burst_index = index++;
    op.compact = false;
    op.want_first = addr;
    op.want_end = end;
    read_queue_.push_back(std::move(op));
    a = stop;
  }
  return completion;
}

Handle Host::issue(Transaction txn, Legality legality) {
  if (config_.id_bits < 32 && txn.id >> config_.id_bits)
    throw std::invalid_argument("axi4 host: ID " + std::to_string(txn.id) + " does not fit the ID width");
  if (legality == Legality::Enforce) {
    std::string detail;
    if (auto rule = transaction_rule(txn, &detail))
      throw std::invalid_argument("axi4 host: illegal transaction (" + std::string(rule_name(*rule)) + "): " + detail);
  }
  Op op;
  op.w_beats = txn.w_beats.value_or(txn.beats());
  if (txn.dir == Dir::Write) {
    // Missing data is zeros; missing strobes select the beat's lanes.
    const size_t given = txn.wstrb.size();
    txn.wdata.resize(std::max<size_t>(txn.wdata.size(), op.w_beats));
    txn.wstrb.resize(std::max<size_t>(given, op.w_beats));
    for (size_t beat = given; beat < txn.wstrb.size(); ++beat)
      txn.wstrb[beat] = beat_lanes(txn.shape(), static_cast<unsigned>(beat));
  }
  op.completion = new_completion(txn.dir, 1);
  op.txn = std::move(txn);
  Handle handle = op.completion;
  (op.txn.dir == Dir::Write ? write_queue_ : read_queue_).push_back(std::move(op));
  return handle;
}

bool Host::idle() const {
  return write_queue_.empty() && read_queue_.empty() && writing_.empty() && !ar_current_ &&
         writes_in_flight_.empty() && reads_in_flight_.empty();
}

size_t Host::in_flight() const {
  size_t addressed = 0;
  for (const Op& op : writing_) addressed += op.aw_sent ? 1 : 0;
  return writes_in_flight_.size() + reads_in_flight_.size() + addressed;
}

Host::Op* Host::next_aw() {
  for (Op& op : writing_) {
    if (!op.aw_sent) return &op;
  }
  return nullptr;
}

const Host::Op* Host::next_aw() const { return const_cast<Host*>(this)->next_aw(); }

void Host::log_record(const Op& op, uint64_t cycle) {
  TransactionRecord& r = config_.log->append();
  const Transaction& t = op.txn;
  r.dir = t.dir;
  r.port = config_.port;
  r.master = config_.master_id_bits >= 32 ? 0 : t.id >> config_.master_id_bits;
  r.id = t.id;
  r.addr = t.addr;
  r.axlen = t.len;
  r.axsize = t.size;
  r.burst = t.burst;
  r.lock = t.lock;
  r.beats = t.beats();
  r.resp = op.resp;
  r.addr_cycle = op.addr_cycle;
  r.last_cycle = cycle;
  r.bytes = 0;
  uint64_t low = ~uint64_t{0};
  const unsigned beats = t.dir == Dir::Write ? op.w_beats : op.beat;
  for (unsigned beat = 0; beat < beats; ++beat) {
    const uint64_t addr = beat_address(t.shape(), beat);
    const uint32_t lanes = lanes_for(addr, t.size);
    const uint32_t covered = t.dir == Dir::Write ? lanes & t.wstrb[beat] : lanes;
    r.bytes += popcount(covered);
    if (covered) low = std::min(low, (addr & ~uint64_t{kDataBytes - 1}) + static_cast<unsigned>(std::countr_zero(covered)));
    if (t.dir == Dir::Write) {
      append_lanes(r.data, t.wdata[beat], lanes);
      r.strb.push_back(t.wstrb[beat]);
    }
  }
  if (t.dir == Dir::Read) r.data.assign(op.read_lanes.begin(), op.read_lanes.end());
  r.low_addr = low == ~uint64_t{0} ? t.addr : low;
}

void Host::complete(Op& op, uint64_t cycle) {
  Completion& c = *op.completion;
  c.burst_resps[op.burst_index] = op.resp;
  c.resp = worse(c.resp, op.resp);
  if (c.bursts_done == 0 || op.addr_cycle < c.first_cycle) c.first_cycle = op.addr_cycle;
  if (++c.bursts_done == c.bursts) {
    c.done = true;
    c.last_cycle = cycle;
  }
  ++completed_;
  if (config_.log) log_record(op, cycle);
}

void Host::sample(const Tick& tick) {
  const AxiPins& p = pins_;
  const uint64_t cycle = tick.cycle;
  if (tick.reset) {
    // Hold: start nothing, accept nothing; queued work waits for the end of reset.
    bready_ = rready_ = false;
    return;
  }

  // Responses first: they answer requests of earlier edges.
  if (p.bvalid && bready_) {
    auto it = std::find_if(writes_in_flight_.begin(), writes_in_flight_.end(),
                           [&](const Op& op) { return op.txn.id == p.bid; });
    if (it == writes_in_flight_.end()) {
      ++unexpected_;
    } else {
      it->resp = static_cast<Resp>(p.bresp & 3);
      complete(*it, cycle);
      writes_in_flight_.erase(it);
    }
  }
  if (p.rvalid && rready_) {
    auto it = std::find_if(reads_in_flight_.begin(), reads_in_flight_.end(),
                           [&](const Op& op) { return op.txn.id == p.rid; });
    if (it == reads_in_flight_.end()) {
      ++unexpected_;
    } else {
      Op& op = *it;
      const Resp resp = static_cast<Resp>(p.rresp & 3);
      op.resp = worse(op.resp, resp);
      Completion& c = *op.completion;
      c.beat_resps.push_back(resp);
      const uint64_t addr = beat_address(op.txn.shape(), op.beat);
      const uint32_t lanes = lanes_for(addr, op.txn.size);
      if (op.compact) {
        append_lanes(c.data, p.rdata, lanes);
      } else {
        // The beat's lanes are one run [first, end); copy its overlap with the window asked for.
        const uint64_t line = addr & ~uint64_t{kDataBytes - 1};
        const uint64_t first = std::max(line + static_cast<unsigned>(std::countr_zero(lanes)), op.want_first);
        const uint64_t end = std::min(line + kDataBytes - static_cast<unsigned>(std::countl_zero(lanes)), op.want_end);
        if (first < end)
          std::copy(p.rdata.begin() + (first - line), p.rdata.begin() + (end - line), c.data.begin() + (first - op.want_first));
      }
      if (config_.log) append_lanes(op.read_lanes, p.rdata, lanes);
      ++op.beat;
      ++beats_;
      if (p.rlast) {
        complete(op, cycle);
        reads_in_flight_.erase(it);
      }
    }
  }

  // Requests and write data. The AW on the bus is the first write not yet addressed; the
  // W beats on the bus belong to the oldest write (W follows AW order).
  if (Op* aw = next_aw(); aw && p.awready) {
    aw->aw_sent = true;
    aw->addr_cycle = cycle;
  }
  if (!writing_.empty()) {
    Op& op = writing_.front();
    if (op.beat < op.w_beats && p.wready) {
      ++op.beat;
      ++beats_;
    }
    if (op.aw_sent && op.beat == op.w_beats) {
      writes_in_flight_.push_back(std::move(op));
      writing_.pop_front();
    }
  }
  if (ar_current_ && p.arready) {
    ar_current_->addr_cycle = cycle;
    reads_in_flight_.push_back(std::move(*ar_current_));
    ar_current_.reset();
  }

  // Next cycle's outputs.
  if (!write_queue_.empty() && writing_.size() <= config_.aw_lead &&
      writes_in_flight_.size() + writing_.size() < config_.max_writes) {
    writing_.push_back(std::move(write_queue_.front()));
    write_queue_.pop_front();
    writing_.back().beat = 0;
    writing_.back().aw_sent = false;
  }
  if (!ar_current_ && !read_queue_.empty() && reads_in_flight_.size() < config_.max_reads) {
    ar_current_ = std::move(read_queue_.front());
    read_queue_.pop_front();
  }
  bready_ = random_.chance(config_.bready);
  rready_ = random_.chance(config_.rready);
}

void Host::drive() {
  AxiPins& p = pins_;
  const Op* aw = next_aw();
  p.awvalid = aw != nullptr;
  if (p.awvalid) {
    const Transaction& t = aw->txn;
    p.awid = t.id, p.awaddr = t.addr, p.awlen = t.len, p.awsize = t.size;
    p.awburst = static_cast<uint8_t>(t.burst), p.awlock = t.lock;
    p.awcache = t.cache, p.awprot = t.prot, p.awqos = t.qos;
  }
  const Op* w = writing_.empty() ? nullptr : &writing_.front();
  p.wvalid = w && w->beat < w->w_beats;
  if (p.wvalid) {
    const unsigned beat = w->beat;
    p.wdata = w->txn.wdata[beat];
    p.wstrb = w->txn.wstrb[beat];
    p.wlast = beat + 1 == w->w_beats;
  }
  p.bready = bready_;
  p.arvalid = ar_current_.has_value();
  if (p.arvalid) {
    const Transaction& t = ar_current_->txn;
    p.arid = t.id, p.araddr = t.addr, p.arlen = t.len, p.arsize = t.size;
    p.arburst = static_cast<uint8_t>(t.burst), p.arlock = t.lock;
    p.arcache = t.cache, p.arprot = t.prot, p.arqos = t.qos;
  }
  p.rready = rready_;
}

}  // namespace sailsim::axi4
