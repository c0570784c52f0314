// The runner's pieces that do not drive the card. Private to the replay library.
#pragma once

#include <string>
#include <vector>

#include "sailsim/axi4/log.hpp"
#include "sailsim/card/sail_card.hpp"
#include "sailsim/replay/sequence.hpp"

namespace sailsim::replay::detail {

// Empty when equal; else the first mismatches: address, expected and actual bits in hex, and
// as floats with the ULP distance when the data is whole aligned words.
std::string compare_bytes(uint64_t addr, const Bytes& expected, const Bytes& actual, size_t max_lines = 8);

// OUT of a matmul at addr (n rows of m float32) against the GGML reference; empty when equal.
std::string compare_matmul(uint64_t addr, const MatmulCheck& check, const Bytes& actual, size_t max_lines = 8);

// Whether the records (already selected by port, since, master and dir) match the step's
// sequence and count; empty when they do, else the log beside the expectation.
std::string match_log(const ExpectLogStep& step, const std::vector<axi4::TransactionRecord>& records);

// One line per record: dir addr bytes beats id burst resp cycles.
std::string describe(const axi4::TransactionRecord& record);

// The engine holds no job and none waits in the queue (read from the RTL's state, no bus
// traffic), and nothing is outstanding on either port.
bool engine_idle(card::SailCard& card);

}  // namespace sailsim::replay::detail
