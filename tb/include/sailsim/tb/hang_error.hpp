// What step() throws when the watchdog stops a run that no longer moves.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace sailsim::tb {

class HangError : public std::runtime_error {
 public:
  HangError(uint64_t cycle, uint64_t stalled_cycles, std::string report)
      : std::runtime_error(report), cycle_(cycle), stalled_cycles_(stalled_cycles), report_(std::move(report)) {}

  // The cycle whose edge the watchdog fired at.
  uint64_t cycle() const { return cycle_; }
  // Cycles in a row without a handshake while something was pending.
  uint64_t stalled_cycles() const { return stalled_cycles_; }
  // The same text as what(): the cycle, the stall, and every port's channels, outstanding
  // requests and last transactions.
  const std::string& report() const { return report_; }

 private:
  uint64_t cycle_;
  uint64_t stalled_cycles_;
  std::string report_;
};

}  // namespace sailsim::tb
