// The protocol checker: a passive monitor on one AXI4 port (either side of it) that checks
// every rule in rules.hpp at each rising edge and reports a Violation naming the rule, port,
// channel, cycle and the offending values.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sailsim/axi4/burst.hpp"
#include "sailsim/axi4/component.hpp"
#include "sailsim/axi4/pins.hpp"
#include "sailsim/axi4/rules.hpp"

namespace sailsim::axi4 {

struct CheckerConfig {
  std::string port = "axi";
  CheckerPolicy policy = CheckerPolicy::Count;
  // Outstanding-transaction depth of the port (AW accepted until B; AR accepted until the
  // last R). 0: not checked.
  unsigned max_reads = 0;
  unsigned max_writes = 0;
  // Violations kept for violations(); all are counted.
  size_t keep = 1000;
  // Called for every violation, before a Throw policy throws.
  std::function<void(const Violation&)> on_violation{};
};

class Checker final : public Component {
 public:
  explicit Checker(const AxiPins& pins, CheckerConfig config = {});

  void drive() override {}  // passive: drives nothing
  void sample(const Tick& tick) override;

  const std::vector<Violation>& violations() const { return kept_; }
  uint64_t count() const { return total_; }
  uint64_t count(Rule rule) const { return counts_[static_cast<unsigned>(rule)]; }
  uint64_t count(std::string_view rule_name) const;
  bool clean() const { return total_ == 0; }
  void clear_violations();
  const CheckerConfig& config() const { return config_; }

  // What the port still owes, as tracked for the rules (for reports and watchdogs): writes
  // from AW to B and reads from AR to their last R, oldest first, and W beats that came
  // before their AW. Cleared by reset.
  struct Pending {
    uint32_t id = 0;
    uint64_t addr = 0;
    uint8_t len = 0;          // AxLEN
    uint64_t addr_cycle = 0;  // the AW / AR handshake
    unsigned beats = 0;       // W beats matched to a write, R beats received for a read
  };
  std::vector<Pending> pending_writes() const;
  std::vector<Pending> pending_reads() const;
  size_t early_w_beats() const { return early_w_.size(); }
  bool idle() const { return writes_.empty() && reads_.empty() && early_w_.empty(); }

 private:
  struct WriteRequest {
    uint32_t id = 0;
    BurstShape shape;
    bool lock = false;
    unsigned w_beats = 0;     // W beats seen so far
    bool w_done = false;      // WLAST seen
    bool reported = false;    // a W-side violation was reported; do not cascade
    uint64_t addr_cycle = 0;
  };
  struct ReadRequest {
    uint32_t id = 0;
    BurstShape shape;
    bool lock = false;
    unsigned beats_seen = 0;
    bool reported = false;
    uint64_t addr_cycle = 0;
  };
  struct EarlyBeat {  // a W beat seen before its AW
    uint32_t strb = 0;
    bool last = false;
  };

  void report(Rule rule, Channel channel, std::string detail);
  void check_stalls(const AxiPins& p);
  void check_new_b(const AxiPins& p);
  void check_new_r(const AxiPins& p);
  void on_aw(const AxiPins& p);
  void on_w(uint32_t strb, bool last);
  void on_ar(const AxiPins& p);
  void on_b(const AxiPins& p);
  void on_r(const AxiPins& p);
  WriteRequest* w_target();
  void forget_transactions();

  const AxiPins& pins_;
  CheckerConfig config_;
  uint64_t cycle_ = 0;
  AxiPins prev_{};
  bool have_prev_ = false;
  std::deque<WriteRequest> writes_;  // AW order, until B
  std::deque<EarlyBeat> early_w_;
  std::deque<ReadRequest> reads_;    // AR order, until the last R

  std::array<uint64_t, kRuleCount> counts_{};
  uint64_t total_ = 0;
  std::vector<Violation> kept_;
};

}  // namespace sailsim::axi4
