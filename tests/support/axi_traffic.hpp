// Random legal AXI4 traffic and its scoreboard, for tests that push many transactions
// through RTL: transactions that stay inside one 4 KiB page (so the page decides the slave),
// and a shadow memory that predicts what every read returns.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "sailsim/axi4/memory.hpp"
#include "sailsim/axi4/transaction.hpp"

namespace sailsim::testing {

// A random legal transaction inside the page at page_base: INCR (often long), WRAP and FIXED
// bursts, every size, unaligned starts, random strobes (writes), the given ID.
axi4::Transaction random_transaction(std::mt19937_64& rng, axi4::Dir dir, uint64_t page_base,
                                     uint32_t id, unsigned max_beats = 64);

// The shadow: apply a completed write's strobed bytes beat by beat, as a memory would.
void apply_write(axi4::Memory& shadow, const axi4::Transaction& write);

// What a read returns from the shadow, in the compact form of Completion::data.
std::vector<uint8_t> expected_read(const axi4::Memory& shadow, const axi4::Transaction& read);

}  // namespace sailsim::testing
