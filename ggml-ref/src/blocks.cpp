#include "sailsim/ggml/blocks.hpp"

#include <cstring>
#include <stdexcept>
#include <string>

namespace sailsim::ggml {

ScalesMins unpack_scales_mins(const std::array<uint8_t, 12>& s) {
  ScalesMins r{};
  for (size_t j = 0; j < 4; ++j) {
    r.sc[j] = s[j] & 63;
    r.mn[j] = s[j + 4] & 63;
    r.sc[j + 4] = static_cast<uint8_t>((s[j + 8] & 15) | ((s[j] >> 6) << 4));
    r.mn[j + 4] = static_cast<uint8_t>((s[j + 8] >> 4) | ((s[j + 4] >> 6) << 4));
  }
  return r;
}

namespace {
template <class Block>
std::vector<Block> blocks_from_bytes(std::span<const std::byte> bytes, const char* what) {
  if (bytes.size() % sizeof(Block) != 0) {
    throw std::invalid_argument(std::to_string(bytes.size()) + " bytes is not a whole number of " + what +
                                " blocks (" + std::to_string(sizeof(Block)) + " bytes each)");
  }
  std::vector<Block> blocks(bytes.size() / sizeof(Block));
  if (!bytes.empty()) std::memcpy(blocks.data(), bytes.data(), bytes.size());
  return blocks;
}
}  // namespace

std::vector<BlockQ4K> q4k_blocks_from_bytes(std::span<const std::byte> bytes) {
  return blocks_from_bytes<BlockQ4K>(bytes, "block_q4_K");
}

std::vector<BlockQ8K> q8k_blocks_from_bytes(std::span<const std::byte> bytes) {
  return blocks_from_bytes<BlockQ8K>(bytes, "block_q8_K");
}

}  // namespace sailsim::ggml
