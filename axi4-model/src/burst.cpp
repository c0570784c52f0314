#include "sailsim/axi4/burst.hpp"

#include <cstdio>

namespace sailsim::axi4 {

uint64_t beat_address(const BurstShape& shape, unsigned beat) {
  const uint64_t start = shape.addr & kAddrMask;
  const uint64_t bytes = shape.beat_bytes();
  const uint64_t aligned = start & ~(bytes - 1);
  switch (shape.burst) {
    case Burst::Fixed:
      return start;
    case Burst::Wrap: {
      const uint64_t span = bytes * shape.beats();
      // Wrap boundary for any beat count; only 2/4/8/16 are legal (WRAP_LEN).
      const uint64_t boundary = start / span * span;
      uint64_t addr = aligned + beat * bytes;
      if (beat == 0) addr = start;
      if (addr >= boundary + span) addr -= span;
      return addr & kAddrMask;
    }
    case Burst::Incr:
    case Burst::Reserved:
      break;
  }
  return (beat == 0 ? start : aligned + beat * bytes) & kAddrMask;
}

uint32_t lanes_for(uint64_t addr, unsigned size) {
  const unsigned bytes = size > kSizeFull ? kDataBytes : 1u << size;
  const unsigned lower = static_cast<unsigned>(addr % kDataBytes);
  const unsigned upper = static_cast<unsigned>((addr & ~uint64_t{bytes - 1}) % kDataBytes) + bytes - 1;
  const uint32_t below_upper = upper >= 31 ? 0xFFFFFFFFu : (2u << upper) - 1;
  const uint32_t below_lower = (1u << lower) - 1;
  return below_upper & ~below_lower;
}

uint32_t beat_lanes(const BurstShape& shape, unsigned beat) {
  return lanes_for(beat_address(shape, beat), shape.size);
}

Footprint footprint(const BurstShape& shape) {
  const uint64_t start = shape.addr & kAddrMask;
  const uint64_t bytes = shape.beat_bytes();
  const uint64_t aligned = start & ~(bytes - 1);
  switch (shape.burst) {
    case Burst::Fixed:
      return {start, aligned + bytes - 1};
    case Burst::Wrap: {
      const uint64_t span = bytes * shape.beats();
      const uint64_t boundary = start / span * span;
      return {boundary, boundary + span - 1};
    }
    case Burst::Incr:
    case Burst::Reserved:
      break;
  }
  return {start, aligned + bytes * shape.beats() - 1};
}

uint64_t selected_bytes(const BurstShape& shape) {
  uint64_t total = 0;
  for (unsigned beat = 0; beat < shape.beats(); ++beat) total += popcount(beat_lanes(shape, beat));
  return total;
}

namespace {
std::string describe(const BurstShape& shape, const char* why) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "addr 0x%llx len %u size %u burst %u: %s",
                static_cast<unsigned long long>(shape.addr), unsigned{shape.len}, unsigned{shape.size},
                static_cast<unsigned>(shape.burst), why);
  return buffer;
}
}  // namespace

std::optional<Rule> burst_rule(const BurstShape& shape, std::string* detail) {
  auto fail = [&](Rule rule, const char* why) -> std::optional<Rule> {
    if (detail) *detail = describe(shape, why);
    return rule;
  };
  const unsigned beats = shape.beats();
  if (shape.burst == Burst::Reserved) return fail(Rule::BurstReserved, "AxBURST 3 is reserved");
  if (shape.size > kSizeFull) return fail(Rule::SizeTooWide, "2^AxSIZE is wider than the 32-byte bus");
  if (shape.burst == Burst::Incr && beats > kMaxBeatsIncr) return fail(Rule::BurstTooLong, "INCR over 256 beats");
  if (shape.burst != Burst::Incr && beats > kMaxBeatsWrapFixed)
    return fail(Rule::BurstTooLong, "FIXED and WRAP bursts are at most 16 beats");
  if (shape.burst == Burst::Wrap) {
    if (beats != 2 && beats != 4 && beats != 8 && beats != 16)
      return fail(Rule::WrapLen, "a WRAP burst has 2, 4, 8 or 16 beats");
    if (shape.addr % shape.beat_bytes() != 0) return fail(Rule::WrapUnaligned, "WRAP start not aligned to 2^AxSIZE");
  }
  if (shape.burst == Burst::Incr) {
    const Footprint f = footprint(shape);
    if (f.first / kBoundaryBytes != f.last / kBoundaryBytes || f.last > kAddrMask)
      return fail(Rule::Crosses4K, "INCR burst crosses a 4 KiB boundary");
  }
  return std::nullopt;
}

}  // namespace sailsim::axi4
