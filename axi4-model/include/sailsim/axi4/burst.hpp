// Burst arithmetic, as in the AXI4 specification (A3.4): the address and the byte lanes of
// each beat, the bytes a burst can touch, and whether a burst is legal. Memory, host and
// checker all use these, so they agree on what a burst means.
#pragma once

#include <bit>
#include <cstdint>
#include <optional>
#include <string>

#include "sailsim/axi4/params.hpp"
#include "sailsim/axi4/rules.hpp"

namespace sailsim::axi4 {

// The address-channel fields that decide where a burst's beats go.
struct BurstShape {
  uint64_t addr = 0;   // AxADDR
  uint8_t len = 0;     // AxLEN: beats - 1
  uint8_t size = kSizeFull;  // AxSIZE: 2^size bytes per beat
  Burst burst = Burst::Incr;

  unsigned beats() const { return unsigned{len} + 1; }
  // Bytes per beat, limited to the bus width so that an illegal size cannot index past it.
  unsigned beat_bytes() const { return size > kSizeFull ? kDataBytes : 1u << size; }
};

// The address of beat n (0-based). FIXED repeats the start; INCR aligns every beat after the
// first; WRAP wraps at the boundary of beats * 2^size bytes. A reserved burst is treated as
// INCR here (the checker reports it; the memory model answers it SLVERR). Masked to the
// 48-bit space.
uint64_t beat_address(const BurstShape& shape, unsigned beat);

// The byte lanes (bit i = lane i) that beat n selects by its address and size.
uint32_t beat_lanes(const BurstShape& shape, unsigned beat);

// The lanes an address selects for one beat of 2^size bytes.
uint32_t lanes_for(uint64_t addr, unsigned size);

// The bytes a burst can touch: every selected byte lies in [first, last].
struct Footprint {
  uint64_t first = 0;
  uint64_t last = 0;
};
Footprint footprint(const BurstShape& shape);

// The number of bytes the burst's beats select (beats x size, less the unaligned head).
uint64_t selected_bytes(const BurstShape& shape);

// The first rule this shape breaks, if any, with the offending values in *detail. Checks
// BURST_RESERVED, SIZE_TOO_WIDE, BURST_TOO_LONG, WRAP_LEN, WRAP_UNALIGNED, CROSSES_4K, in
// that order, so that one mistake names exactly one rule.
std::optional<Rule> burst_rule(const BurstShape& shape, std::string* detail = nullptr);

inline unsigned popcount(uint32_t mask) { return static_cast<unsigned>(std::popcount(mask)); }

}  // namespace sailsim::axi4
