#include "axi_traffic.hpp"

#include <algorithm>

#include "sailsim/axi4/burst.hpp"

namespace sailsim::testing {

namespace {

uint64_t pick(std::mt19937_64& rng, uint64_t lo, uint64_t hi) {  // inclusive
  return std::uniform_int_distribution<uint64_t>(lo, hi)(rng);
}

}  // namespace

axi4::Transaction random_transaction(std::mt19937_64& rng, axi4::Dir dir, uint64_t page_base,
                                     uint32_t id, unsigned max_beats) {
  axi4::Transaction txn;
  txn.dir = dir;
  txn.id = id;
  // Mostly full-width beats, as the engine and the host use; every narrow size too.
  txn.size = pick(rng, 0, 3) == 0 ? static_cast<uint8_t>(pick(rng, 0, axi4::kSizeFull))
                                  : axi4::kSizeFull;
  const uint64_t bytes = uint64_t{1} << txn.size;
  const uint64_t kind = pick(rng, 0, 9);
  if (kind < 7) {  // INCR, unaligned start allowed, never past the page
    txn.burst = axi4::Burst::Incr;
    txn.addr = page_base + pick(rng, 0, axi4::Memory::kPageBytes - 1);
    const uint64_t aligned = (txn.addr - page_base) & ~(bytes - 1);
    const uint64_t room = (axi4::Memory::kPageBytes - aligned) / bytes;  // beats that fit
    const uint64_t cap = std::min<uint64_t>({room, max_beats, 256});
    txn.len = static_cast<uint8_t>(pick(rng, 1, cap) - 1);
  } else if (kind < 9) {  // WRAP: 2, 4, 8 or 16 beats, start aligned to the size
    txn.burst = axi4::Burst::Wrap;
    txn.len = static_cast<uint8_t>((2u << pick(rng, 0, 3)) - 1);
    txn.addr = page_base + (pick(rng, 0, axi4::Memory::kPageBytes - 1) & ~(bytes - 1));
  } else {  // FIXED: up to 16 beats on one address
    txn.burst = axi4::Burst::Fixed;
    txn.len = static_cast<uint8_t>(pick(rng, 0, 15));
    txn.addr = page_base + pick(rng, 0, axi4::Memory::kPageBytes - bytes);
  }
  if (dir == axi4::Dir::Write) {
    const axi4::BurstShape shape = txn.shape();
    for (unsigned beat = 0; beat < txn.beats(); ++beat) {
      axi4::Line line;
      for (auto& b : line) b = static_cast<uint8_t>(rng());
      const uint32_t lanes = axi4::beat_lanes(shape, beat);
      const uint64_t mode = pick(rng, 0, 5);
      const uint32_t strb = mode == 0 ? 0u : mode == 1 ? lanes & static_cast<uint32_t>(rng()) : lanes;
      txn.wdata.push_back(line);
      txn.wstrb.push_back(strb);
    }
  }
  return txn;
}

void apply_write(axi4::Memory& shadow, const axi4::Transaction& write) {
  const axi4::BurstShape shape = write.shape();
  for (unsigned beat = 0; beat < write.beats(); ++beat) {
    const uint64_t line_addr = axi4::beat_address(shape, beat) & ~uint64_t{axi4::kDataBytes - 1};
    shadow.write_line(line_addr, write.wdata[beat], write.wstrb[beat] & axi4::beat_lanes(shape, beat));
  }
}

std::vector<uint8_t> expected_read(const axi4::Memory& shadow, const axi4::Transaction& read) {
  const axi4::BurstShape shape = read.shape();
  std::vector<uint8_t> out;
  for (unsigned beat = 0; beat < read.beats(); ++beat) {
    const uint64_t line_addr = axi4::beat_address(shape, beat) & ~uint64_t{axi4::kDataBytes - 1};
    axi4::Line line{};
    shadow.read_line(line_addr, line);
    axi4::append_lanes(out, line, axi4::beat_lanes(shape, beat));
  }
  return out;
}

}  // namespace sailsim::testing
