// The AXI4 rules the protocol checker enforces. Each has a stable upper-case name that
// tests, sequences (expect_violation:) and reports use; never rename one.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace sailsim::axi4 {

enum class Rule : uint8_t {
  ValidDropped,            // VALID_DROPPED
  PayloadUnstable,         // PAYLOAD_UNSTABLE
  ValidInReset,            // VALID_IN_RESET
  WlastMismatch,           // WLAST_MISMATCH
  RlastMismatch,           // RLAST_MISMATCH
  BBeforeWDone,            // B_BEFORE_W_DONE
  RespWithoutRequest,      // RESP_WITHOUT_REQUEST
  RespOrder,               // RESP_ORDER
  BurstReserved,           // BURST_RESERVED
  BurstTooLong,            // BURST_TOO_LONG
  WrapLen,                 // WRAP_LEN
  WrapUnaligned,           // WRAP_UNALIGNED
  Crosses4K,               // CROSSES_4K
  SizeTooWide,             // SIZE_TOO_WIDE
  WstrbLanes,              // WSTRB_LANES
  ExokayWithoutExclusive,  // EXOKAY_WITHOUT_EXCLUSIVE
  OutstandingOverflow,     // OUTSTANDING_OVERFLOW
};

inline constexpr unsigned kRuleCount = 17;

struct RuleInfo {
  Rule rule;
  std::string_view name;
  std::string_view description;
};

// The rule table, in enum order (also in docs/axi4-model.md).
inline constexpr std::array<RuleInfo, kRuleCount> kRules{{
    {Rule::ValidDropped, "VALID_DROPPED", "a VALID fell before its READY (any of the five channels)"},
    {Rule::PayloadUnstable, "PAYLOAD_UNSTABLE", "the payload changed while VALID waited for READY"},
    {Rule::ValidInReset, "VALID_IN_RESET", "a VALID was high while reset was asserted"},
    {Rule::WlastMismatch, "WLAST_MISMATCH", "WLAST not on exactly beat AWLEN+1 of the write burst"},
    {Rule::RlastMismatch, "RLAST_MISMATCH", "RLAST not on exactly beat ARLEN+1 of the read burst"},
    {Rule::BBeforeWDone, "B_BEFORE_W_DONE", "BVALID before the AW and the last W beat of its burst"},
    {Rule::RespWithoutRequest, "RESP_WITHOUT_REQUEST", "an R or B with no outstanding request of that ID"},
    {Rule::RespOrder, "RESP_ORDER", "responses of one ID out of request order"},
    {Rule::BurstReserved, "BURST_RESERVED", "AxBURST = 3, which is reserved"},
    {Rule::BurstTooLong, "BURST_TOO_LONG", "INCR over 256 beats, or FIXED / WRAP over 16"},
    {Rule::WrapLen, "WRAP_LEN", "a WRAP burst not of 2, 4, 8 or 16 beats"},
    {Rule::WrapUnaligned, "WRAP_UNALIGNED", "a WRAP burst whose start is not aligned to 2^AxSIZE"},
    {Rule::Crosses4K, "CROSSES_4K", "an INCR burst that crosses a 4 KiB boundary"},
    {Rule::SizeTooWide, "SIZE_TOO_WIDE", "2^AxSIZE wider than the data bus"},
    {Rule::WstrbLanes, "WSTRB_LANES", "WSTRB set on a lane the beat's address and size do not select"},
    {Rule::ExokayWithoutExclusive, "EXOKAY_WITHOUT_EXCLUSIVE", "EXOKAY answered to a request without AxLOCK"},
    {Rule::OutstandingOverflow, "OUTSTANDING_OVERFLOW", "more reads or writes outstanding than the configured depth"},
}};

constexpr std::string_view rule_name(Rule rule) { return kRules[static_cast<unsigned>(rule)].name; }
constexpr std::string_view rule_description(Rule rule) {
  return kRules[static_cast<unsigned>(rule)].description;
}
std::optional<Rule> parse_rule(std::string_view name);

// One broken rule, as the checker reports it.
struct Violation {
  std::string rule{};     // the rule's name, e.g. "WLAST_MISMATCH"
  std::string port{};     // the checker's port name
  std::string channel{};  // AW, W, B, AR or R
  uint64_t cycle = 0;     // the cycle whose rising edge showed it
  std::string detail{};   // the offending values
};

// "WLAST_MISMATCH on ddr W at cycle 12: ..."
std::string to_string(const Violation& violation);

// What the checker does on a violation: count it (and keep it), or throw.
enum class CheckerPolicy : uint8_t { Count, Throw };

// Thrown by a checker whose policy is Throw; the CLI maps it to exit code 4.
class ProtocolViolation : public std::runtime_error {
 public:
  explicit ProtocolViolation(Violation violation)
      : std::runtime_error(to_string(violation)), violation_(std::move(violation)) {}
  const Violation& violation() const { return violation_; }

 private:
  Violation violation_;
};

}  // namespace sailsim::axi4
