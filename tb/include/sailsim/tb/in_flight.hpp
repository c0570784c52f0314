// What is moving on one port, seen from its pins alone: which handshakes happened at an
// edge (the watchdog's notion of progress) and which requests are still waiting for their
// response (what a hang report lists). Independent of which models sit on the port, so a
// user component's traffic counts as much as the host's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sailsim/axi4/pins.hpp"

namespace sailsim::tb {

class InFlight {
 public:
  struct Request {
    uint32_t id = 0;
    uint64_t addr = 0;
    uint8_t len = 0;          // AxLEN
    uint64_t addr_cycle = 0;  // the AW / AR handshake
    unsigned beats = 0;       // W beats matched to this write, or R beats received
  };

  // The rising edge of `cycle`: records its handshakes; true if there was any.
  bool observe(const axi4::AxiPins& pins, uint64_t cycle);
  // Forgets everything (reset).
  void clear();

  // Something is waiting: a VALID is high, or a request has no response yet.
  bool busy(const axi4::AxiPins& pins) const {
    return pins.awvalid || pins.wvalid || pins.bvalid || pins.arvalid || pins.rvalid || !writes_.empty() ||
           !reads_.empty() || early_w_beats_ != 0;
  }

  // Writes from the AW handshake to B, and reads from AR to the last R, oldest first.
  const std::vector<Request>& writes() const { return writes_; }
  const std::vector<Request>& reads() const { return reads_; }
  // W beats that came before their AW.
  uint64_t early_w_beats() const { return early_w_beats_; }
  // Responses that matched no request (the checker names the rule; this is for the report).
  uint64_t unmatched_responses() const { return unmatched_; }
  uint64_t handshakes() const { return handshakes_; }

 private:
  // Vectors, not deques: a handful of entries, and their capacity is kept.
  std::vector<Request> writes_;
  std::vector<Request> reads_;
  uint64_t early_w_beats_ = 0;
  uint64_t unmatched_ = 0;
  uint64_t handshakes_ = 0;
};

}  // namespace sailsim::tb
