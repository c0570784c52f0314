#include "sailsim/axi4/transaction.hpp"

#include <bit>
#include <stdexcept>

namespace sailsim::axi4 {

namespace {
// The address-channel fields every transaction takes from its burst shape.
Transaction header(Dir dir, const BurstShape& shape, uint32_t id) {
  Transaction txn;
  txn.dir = dir;
  txn.id = id;
  txn.addr = shape.addr;
  txn.len = shape.len;
  txn.size = shape.size;
  txn.burst = shape.burst;
  return txn;
}
}  // namespace

Transaction make_write(const BurstShape& shape, std::span<const uint8_t> bytes, uint32_t id,
                       std::span<const uint32_t> strobes) {
  Transaction txn = header(Dir::Write, shape, id);
  if (!strobes.empty() && strobes.size() != shape.beats())
    throw std::invalid_argument("make_write: one strobe mask per beat is needed");
  if (bytes.size() != selected_bytes(shape))
    throw std::invalid_argument("make_write: data must hold exactly the bytes the beats select (" +
                                std::to_string(selected_bytes(shape)) + "), not " + std::to_string(bytes.size()));
  txn.wdata.resize(shape.beats());
  txn.wstrb.resize(shape.beats());
  size_t offset = 0;
  for (unsigned beat = 0; beat < shape.beats(); ++beat) {
    const uint32_t lanes = beat_lanes(shape, beat);
    for (unsigned lane = 0; lane < kDataBytes; ++lane) {
      if (lanes >> lane & 1) txn.wdata[beat][lane] = bytes[offset++];
    }
    txn.wstrb[beat] = strobes.empty() ? lanes : strobes[beat];
  }
  return txn;
}

Transaction make_read(const BurstShape& shape, uint32_t id) {
  Transaction txn = header(Dir::Read, shape, id);
  return txn;
}

void append_lanes(std::vector<uint8_t>& out, const Line& line, uint32_t lanes) {
  if (lanes == 0) return;
  const unsigned low = static_cast<unsigned>(std::countr_zero(lanes));
  const uint32_t run = lanes >> low;
  if ((run & (run + 1)) == 0) {  // one contiguous run of lanes, as every beat selects
    const unsigned count = static_cast<unsigned>(std::popcount(run));
    out.insert(out.end(), line.begin() + low, line.begin() + low + count);
    return;
  }
  for (unsigned lane = low; lane < kDataBytes; ++lane) {
    if (lanes >> lane & 1) out.push_back(line[lane]);
  }
}

std::optional<Rule> transaction_rule(const Transaction& txn, std::string* detail) {
  if (auto rule = burst_rule(txn.shape(), detail)) return rule;
  if (txn.addr > kAddrMask) {
    if (detail) *detail = "address beyond the 48-bit space";
    return Rule::Crosses4K;
  }
  if (txn.dir == Dir::Write) {
    if (txn.w_beats && *txn.w_beats != txn.beats()) {
      if (detail) *detail = "W beats " + std::to_string(*txn.w_beats) + " for AWLEN " + std::to_string(txn.len);
      return Rule::WlastMismatch;
    }
    for (unsigned beat = 0; beat < txn.beats() && beat < txn.wstrb.size(); ++beat) {
      const uint32_t outside = txn.wstrb[beat] & ~beat_lanes(txn.shape(), beat);
      if (outside) {
        if (detail) *detail = "beat " + std::to_string(beat) + " strobes lanes outside its selection";
        return Rule::WstrbLanes;
      }
    }
  }
  return std::nullopt;
}

}  // namespace sailsim::axi4
