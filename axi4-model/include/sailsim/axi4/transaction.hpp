// One AXI4 transaction exactly as a master issues it: the address-channel fields and, for a
// write, one data line and strobe per beat. Helpers convert between the per-beat form and the
// compact byte string sequences use (the selected lanes of each beat, in beat order).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sailsim/axi4/burst.hpp"
#include "sailsim/axi4/params.hpp"
#include "sailsim/axi4/pins.hpp"

namespace sailsim::axi4 {

struct Transaction {
  Dir dir = Dir::Read;
  uint32_t id = 0;
  uint64_t addr = 0;
  uint8_t len = 0;            // AxLEN (beats - 1)
  uint8_t size = kSizeFull;   // AxSIZE
  Burst burst = Burst::Incr;
  bool lock = false;          // AxLOCK: exclusive access
  uint8_t cache = 0;
  uint8_t prot = 0;
  uint8_t qos = 0;

  // Writes: one line and one WSTRB per beat. Lanes the beat does not select are still
  // driven but ignored by a memory (the checker reports strobes on them: WSTRB_LANES).
  std::vector<Line> wdata{};
  std::vector<uint32_t> wstrb{};

  // Negative tests only: how many W beats to send (WLAST on the last one sent). Unset means
  // AxLEN + 1, as the protocol requires.
  std::optional<unsigned> w_beats{};

  BurstShape shape() const { return {addr, len, size, burst}; }
  unsigned beats() const { return unsigned{len} + 1; }
};

// A write transaction from the compact byte string: for each beat, the bytes of the lanes the
// beat selects, in address order. strobes: one mask per beat, or empty for "all selected
// lanes". Throws std::invalid_argument if the sizes do not match the shape.
Transaction make_write(const BurstShape& shape, std::span<const uint8_t> bytes, uint32_t id = 0,
                       std::span<const uint32_t> strobes = {});
Transaction make_read(const BurstShape& shape, uint32_t id = 0);

// The compact byte string of one beat's line: the lanes `lanes` selects, in lane order.
void append_lanes(std::vector<uint8_t>& out, const Line& line, uint32_t lanes);

// Why a transaction is illegal (the rule it breaks and the offending values), or nothing.
// Checks the burst shape, the W beat count, and WSTRB against each beat's lanes.
std::optional<Rule> transaction_rule(const Transaction& txn, std::string* detail = nullptr);

}  // namespace sailsim::axi4
