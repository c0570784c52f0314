#include "sailsim/tb/in_flight.hpp"

#include <algorithm>

namespace sailsim::tb {
namespace {

// The oldest request of this ID: AXI4 answers one ID in order.
std::vector<InFlight::Request>::iterator oldest_with_id(std::vector<InFlight::Request>& requests, uint32_t id) {
  return std::find_if(requests.begin(), requests.end(), [id](const InFlight::Request& r) { return r.id == id; });
}

}  // namespace

bool InFlight::observe(const axi4::AxiPins& p, uint64_t cycle) {
  const bool aw = p.awvalid && p.awready;
  const bool w = p.wvalid && p.wready;
  const bool b = p.bvalid && p.bready;
  const bool ar = p.arvalid && p.arready;
  const bool r = p.rvalid && p.rready;
  if (!(aw || w || b || ar || r)) return false;
  handshakes_ += unsigned{aw} + unsigned{w} + unsigned{b} + unsigned{ar} + unsigned{r};

  // Responses answer requests accepted at earlier edges, so they are matched first.
  if (b) {
    auto it = oldest_with_id(writes_, p.bid);
    if (it == writes_.end()) {
      ++unmatched_;
    } else {
      writes_.erase(it);
    }
  }
  if (r) {
    auto it = oldest_with_id(reads_, p.rid);
    if (it == reads_.end()) {
      ++unmatched_;
    } else {
      ++it->beats;
      if (p.rlast) reads_.erase(it);
    }
  }
  if (aw) {
    Request request{p.awid, p.awaddr, p.awlen, cycle, 0};
    // W beats that came first belong to the oldest writes, in AW order.
    const uint64_t taken = std::min<uint64_t>(early_w_beats_, unsigned{p.awlen} + 1);
    request.beats = static_cast<unsigned>(taken);
    early_w_beats_ -= taken;
    writes_.push_back(request);
  }
  if (w) {
    auto it = std::find_if(writes_.begin(), writes_.end(),
                           [](const Request& q) { return q.beats < unsigned{q.len} + 1; });
    if (it == writes_.end()) {
      ++early_w_beats_;
    } else {
      ++it->beats;
    }
  }
  if (ar) reads_.push_back({p.arid, p.araddr, p.arlen, cycle, 0});
  return true;
}

void InFlight::clear() {
  writes_.clear();
  reads_.clear();
  early_w_beats_ = 0;
}

}  // namespace sailsim::tb
