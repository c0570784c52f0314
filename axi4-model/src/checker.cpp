#include "sailsim/axi4/checker.hpp"

#include <algorithm>
#include <cstdio>

namespace sailsim::axi4 {

namespace {

std::string hex(uint64_t v) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "0x%llx", static_cast<unsigned long long>(v));
  return buffer;
}

std::string ax_fields(uint64_t addr, uint32_t id, uint8_t len, uint8_t size, uint8_t burst) {
  return "id " + std::to_string(id) + " addr " + hex(addr) + " len " + std::to_string(len) + " size " +
         std::to_string(size) + " burst " + std::to_string(burst);
}

// The fields of a channel's payload that changed, as "name old -> new", or "" if none did.
struct Diff {
  std::string text;
  template <typename T>
  void field(const char* name, const T& before, const T& after) {
    if (before == after) return;
    if (!text.empty()) text += ", ";
    text += name;
    if constexpr (std::is_integral_v<T>) {
      text += ' ' + hex(static_cast<uint64_t>(before)) + " -> " + hex(static_cast<uint64_t>(after));
    } else {
      text += " changed";
    }
  }
};

std::string diff(Channel channel, const AxiPins& a, const AxiPins& b) {
  Diff d;
  switch (channel) {
    case Channel::AW:
      d.field("awaddr", a.awaddr, b.awaddr), d.field("awid", a.awid, b.awid), d.field("awlen", a.awlen, b.awlen);
      d.field("awsize", a.awsize, b.awsize), d.field("awburst", a.awburst, b.awburst);
      d.field("awlock", a.awlock, b.awlock), d.field("awcache", a.awcache, b.awcache);
      d.field("awprot", a.awprot, b.awprot), d.field("awqos", a.awqos, b.awqos);
      break;
    case Channel::W:
      d.field("wdata", a.wdata, b.wdata), d.field("wstrb", a.wstrb, b.wstrb), d.field("wlast", a.wlast, b.wlast);
      break;
    case Channel::B:
      d.field("bid", a.bid, b.bid), d.field("bresp", a.bresp, b.bresp);
      break;
    case Channel::AR:
      d.field("araddr", a.araddr, b.araddr), d.field("arid", a.arid, b.arid), d.field("arlen", a.arlen, b.arlen);
      d.field("arsize", a.arsize, b.arsize), d.field("arburst", a.arburst, b.arburst);
      d.field("arlock", a.arlock, b.arlock), d.field("arcache", a.arcache, b.arcache);
      d.field("arprot", a.arprot, b.arprot), d.field("arqos", a.arqos, b.arqos);
      break;
    case Channel::R:
      d.field("rid", a.rid, b.rid), d.field("rdata", a.rdata, b.rdata), d.field("rresp", a.rresp, b.rresp);
      d.field("rlast", a.rlast, b.rlast);
      break;
  }
  return d.text;
}

}  // namespace

Checker::Checker(const AxiPins& pins, CheckerConfig config) : pins_(pins), config_(std::move(config)) {}

uint64_t Checker::count(std::string_view rule_name) const {
  const auto rule = parse_rule(rule_name);
  return rule ? count(*rule) : 0;
}

void Checker::clear_violations() {
  counts_.fill(0);
  total_ = 0;
  kept_.clear();
}

void Checker::report(Rule rule, Channel channel, std::string detail) {
  ++counts_[static_cast<unsigned>(rule)];
  ++total_;
  Violation violation{std::string(rule_name(rule)), config_.port, to_string(channel), cycle_, std::move(detail)};
  if (config_.on_violation) config_.on_violation(violation);
  if (config_.policy == CheckerPolicy::Throw) throw ProtocolViolation(std::move(violation));
  if (kept_.size() < config_.keep) kept_.push_back(std::move(violation));
}

void Checker::forget_transactions() {
  writes_.clear();
  early_w_.clear();
  reads_.clear();
  have_prev_ = false;
}

void Checker::check_stalls(const AxiPins& p) {
  struct Stall {
    Channel channel;
    bool was_valid, was_ready, valid;
    const char* name;
  };
  const Stall stalls[] = {
      {Channel::AW, prev_.awvalid, prev_.awready, p.awvalid, "AWVALID"},
      {Channel::W, prev_.wvalid, prev_.wready, p.wvalid, "WVALID"},
      {Channel::B, prev_.bvalid, prev_.bready, p.bvalid, "BVALID"},
      {Channel::AR, prev_.arvalid, prev_.arready, p.arvalid, "ARVALID"},
      {Channel::R, prev_.rvalid, prev_.rready, p.rvalid, "RVALID"},
  };
  for (const Stall& s : stalls) {
    if (!s.was_valid || s.was_ready) continue;  // no transfer was waiting
    if (!s.valid) {
      report(Rule::ValidDropped, s.channel,
             std::string(s.name) + " fell before READY (was waiting since cycle " + std::to_string(cycle_ - 1) +
                 " or earlier)");
    } else if (std::string changed = diff(s.channel, prev_, p); !changed.empty()) {
      report(Rule::PayloadUnstable, s.channel, changed + " while " + s.name + " waited");
    }
  }
}

Checker::WriteRequest* Checker::w_target() {
  for (WriteRequest& w : writes_) {
    if (!w.w_done) return &w;
  }
  return nullptr;
}

void Checker::on_aw(const AxiPins& p) {
  const BurstShape shape{p.awaddr, p.awlen, p.awsize, static_cast<Burst>(p.awburst & 3)};
  std::string detail;
  if (auto rule = burst_rule(shape, &detail)) report(*rule, Channel::AW, "id " + std::to_string(p.awid) + " " + detail);
  if (config_.max_writes && writes_.size() >= config_.max_writes)
    report(Rule::OutstandingOverflow, Channel::AW,
           std::to_string(writes_.size() + 1) + " writes outstanding, depth " + std::to_string(config_.max_writes) +
               " (" + ax_fields(p.awaddr, p.awid, p.awlen, p.awsize, p.awburst) + ")");
  writes_.push_back({p.awid, shape, p.awlock, 0, false, false, cycle_});
  // W beats that came before this AW belong to it (and to later AWs, in order).
  while (!early_w_.empty() && w_target()) {
    const EarlyBeat beat = early_w_.front();
    early_w_.pop_front();
    on_w(beat.strb, beat.last);
  }
}

void Checker::on_w(uint32_t strb, bool last) {
  WriteRequest* w = w_target();
  if (!w) {
    // Legal: W may lead its AW. Bounded, so a master that never sends the AW cannot grow it.
    if (early_w_.size() < 4096) early_w_.push_back({strb, last});
    return;
  }
  const unsigned beats = w->shape.beats();
  const unsigned beat = w->w_beats++;
  if (!w->reported && beat < beats) {
    const uint32_t allowed = beat_lanes(w->shape, beat);
    if (strb & ~allowed) {
      char buffer[128];
      std::snprintf(buffer, sizeof buffer, "beat %u of id %u: wstrb 0x%08x, lanes allowed 0x%08x", beat, w->id, strb,
                    allowed);
      report(Rule::WstrbLanes, Channel::W, buffer);
    }
  }
  if (last) {
    if (!w->reported && w->w_beats != beats)
      report(Rule::WlastMismatch, Channel::W,
             "WLAST on beat " + std::to_string(w->w_beats) + " of id " + std::to_string(w->id) + ", AWLEN+1 = " +
                 std::to_string(beats));
    w->w_done = true;
  } else if (!w->reported && w->w_beats == beats) {
    report(Rule::WlastMismatch, Channel::W,
           "no WLAST on beat " + std::to_string(beats) + " = AWLEN+1 of id " + std::to_string(w->id));
    w->reported = true;  // the burst ends at the master's WLAST
  }
}

void Checker::on_ar(const AxiPins& p) {
  const BurstShape shape{p.araddr, p.arlen, p.arsize, static_cast<Burst>(p.arburst & 3)};
  std::string detail;
  if (auto rule = burst_rule(shape, &detail)) report(*rule, Channel::AR, "id " + std::to_string(p.arid) + " " + detail);
  if (config_.max_reads && reads_.size() >= config_.max_reads)
    report(Rule::OutstandingOverflow, Channel::AR,
           std::to_string(reads_.size() + 1) + " reads outstanding, depth " + std::to_string(config_.max_reads) + " (" +
               ax_fields(p.araddr, p.arid, p.arlen, p.arsize, p.arburst) + ")");
  reads_.push_back({p.arid, shape, p.arlock, 0, false, cycle_});
}

void Checker::check_new_b(const AxiPins& p) {
  auto it = std::find_if(writes_.begin(), writes_.end(), [&](const WriteRequest& w) { return w.id == p.bid; });
  // Built only for a report: this runs for every B.
  auto what = [&p] { return "bid " + std::to_string(p.bid) + " bresp " + std::to_string(p.bresp); };
  if (it == writes_.end()) {
    if (!early_w_.empty())
      report(Rule::BBeforeWDone, Channel::B, what() + ": before its AW (W beats seen, no AW)");
    else
      report(Rule::RespWithoutRequest, Channel::B, what() + ": no write of this ID outstanding");
  } else if (!it->w_done) {
    report(Rule::BBeforeWDone, Channel::B,
           what() + ": " + std::to_string(it->w_beats) + " of " + std::to_string(it->shape.beats()) +
               " W beats seen, no WLAST yet");
  }
  if (p.bresp == kRespExOkay && (it == writes_.end() || !it->lock))
    report(Rule::ExokayWithoutExclusive, Channel::B, what() + ": the write was not exclusive (AWLOCK 0)");
}

void Checker::check_new_r(const AxiPins& p) {
  auto it = std::find_if(reads_.begin(), reads_.end(), [&](const ReadRequest& r) { return r.id == p.rid; });
  auto what = [&p] { return "rid " + std::to_string(p.rid) + " rresp " + std::to_string(p.rresp); };
  if (it == reads_.end()) report(Rule::RespWithoutRequest, Channel::R, what() + ": no read of this ID outstanding");
  if (p.rresp == kRespExOkay && (it == reads_.end() || !it->lock))
    report(Rule::ExokayWithoutExclusive, Channel::R, what() + ": the read was not exclusive (ARLOCK 0)");
}

void Checker::on_b(const AxiPins& p) {
  auto it = std::find_if(writes_.begin(), writes_.end(), [&](const WriteRequest& w) { return w.id == p.bid; });
  if (it != writes_.end()) writes_.erase(it);
}

// Same-ID read bursts answered out of order show when their lengths differ: RLAST comes on
// the beat count of a younger same-ID request instead of the oldest's.
void Checker::on_r(const AxiPins& p) {
  auto oldest = std::find_if(reads_.begin(), reads_.end(), [&](const ReadRequest& r) { return r.id == p.rid; });
  if (oldest == reads_.end()) return;  // reported as RESP_WITHOUT_REQUEST
  const unsigned seen = ++oldest->beats_seen;
  const unsigned expected = oldest->shape.beats();
  auto younger_with = [&](auto pred) {
    return std::find_if(std::next(oldest), reads_.end(), [&](const ReadRequest& r) { return r.id == p.rid && pred(r); });
  };
  auto where = [&p] { return "rid " + std::to_string(p.rid) + ": "; };
  if (p.rlast) {
    if (seen == expected || oldest->reported) {
      reads_.erase(oldest);
      return;
    }
    auto younger = younger_with([&](const ReadRequest& r) { return r.shape.beats() == seen; });
    if (younger != reads_.end()) {
      report(Rule::RespOrder, Channel::R,
             where() + "a " + std::to_string(seen) + "-beat burst answered before the older " +
                 std::to_string(expected) + "-beat one of the same ID");
      const auto index = oldest - reads_.begin();
      reads_.erase(younger);  // invalidates every iterator into the deque
      reads_[static_cast<size_t>(index)].beats_seen = 0;  // those beats were the younger burst's
      return;
    }
    report(Rule::RlastMismatch, Channel::R,
           where() + "RLAST on beat " + std::to_string(seen) + ", ARLEN+1 = " + std::to_string(expected));
    reads_.erase(oldest);
  } else if (seen >= expected && !oldest->reported) {
    // Could still be a longer younger burst of the same ID answered first (RESP_ORDER).
    auto longer = younger_with([&](const ReadRequest& r) { return r.shape.beats() > seen; });
    if (longer == reads_.end()) {
      report(Rule::RlastMismatch, Channel::R,
             where() + "no RLAST on beat " + std::to_string(expected) + " = ARLEN+1");
      oldest->reported = true;
    }
  }
}

std::vector<Checker::Pending> Checker::pending_writes() const {
  std::vector<Pending> out;
  for (const WriteRequest& w : writes_) out.push_back({w.id, w.shape.addr, w.shape.len, w.addr_cycle, w.w_beats});
  return out;
}

std::vector<Checker::Pending> Checker::pending_reads() const {
  std::vector<Pending> out;
  for (const ReadRequest& r : reads_) out.push_back({r.id, r.shape.addr, r.shape.len, r.addr_cycle, r.beats_seen});
  return out;
}

void Checker::sample(const Tick& tick) {
  const AxiPins& p = pins_;
  cycle_ = tick.cycle;
  if (tick.reset) {
    const std::pair<bool, Channel> valids[] = {{p.awvalid, Channel::AW}, {p.wvalid, Channel::W}, {p.bvalid, Channel::B},
                                               {p.arvalid, Channel::AR}, {p.rvalid, Channel::R}};
    for (const auto& [valid, channel] : valids) {
      if (valid) report(Rule::ValidInReset, channel, std::string(to_string(channel)) + "VALID high during reset");
    }
    forget_transactions();
    return;
  }
  const bool b_waiting = have_prev_ && prev_.bvalid && !prev_.bready;
  const bool r_waiting = have_prev_ && prev_.rvalid && !prev_.rready;
  // Most cycles nothing waits: skip the per-channel comparison then.
  const bool any_waiting = (prev_.awvalid && !prev_.awready) || (prev_.wvalid && !prev_.wready) || b_waiting ||
                           (prev_.arvalid && !prev_.arready) || r_waiting;
  if (have_prev_ && any_waiting) check_stalls(p);
  // Responses are judged when first presented, against requests of earlier edges.
  if (p.bvalid && !b_waiting) check_new_b(p);
  if (p.rvalid && !r_waiting) check_new_r(p);
  if (p.awvalid && p.awready) on_aw(p);
  if (p.wvalid && p.wready) on_w(p.wstrb, p.wlast);
  if (p.arvalid && p.arready) on_ar(p);
  if (p.bvalid && p.bready) on_b(p);
  if (p.rvalid && p.rready) on_r(p);
  prev_ = p;
  have_prev_ = true;
}

}  // namespace sailsim::axi4
