// GGML's Q4_K and Q8_K super-blocks, byte for byte (ggml-common.h; spec/ggml-q4k.md).
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace sailsim::ggml {

static_assert(std::endian::native == std::endian::little, "sailsim's GGML layouts assume a little-endian host");

inline constexpr int kQK = 256;  // values per super-block (QK_K)

// block_q4_K: 256 four-bit weights in 144 bytes.
struct BlockQ4K {
  uint16_t d;                     // fp16 super-scale of the 6-bit scales
  uint16_t dmin;                  // fp16 super-scale of the 6-bit mins
  std::array<uint8_t, 12> scales;  // 8 six-bit scales and 8 six-bit mins, packed
  std::array<uint8_t, 128> qs;     // element 64c+t: low nibble of qs[32c+t]; 64c+32+t: high nibble
};
static_assert(sizeof(BlockQ4K) == 144 && offsetof(BlockQ4K, scales) == 4 && offsetof(BlockQ4K, qs) == 16);

// block_q8_K: 256 eight-bit activations in 292 bytes.
struct BlockQ8K {
  float d;
  std::array<int8_t, 256> qs;
  std::array<int16_t, 16> bsums;  // bsums[g] = sum of qs[16g .. 16g+15] (as stored, never recomputed)
};
static_assert(sizeof(BlockQ8K) == 292 && offsetof(BlockQ8K, qs) == 4 && offsetof(BlockQ8K, bsums) == 260);

// The eight 6-bit scales and eight 6-bit mins of a Q4_K block, unpacked.
struct ScalesMins {
  std::array<uint8_t, 8> sc;
  std::array<uint8_t, 8> mn;
};
ScalesMins unpack_scales_mins(const std::array<uint8_t, 12>& s);

// The 4-bit quant of element e (0..255) of a Q4_K block.
inline uint8_t q4_at(const BlockQ4K& b, int e) {
  const int chunk = e / 64, t = e % 64;
  const uint8_t byte = b.qs[static_cast<size_t>(32 * chunk + (t % 32))];
  return t < 32 ? static_cast<uint8_t>(byte & 0x0F) : static_cast<uint8_t>(byte >> 4);
}

// Reinterpret raw little-endian bytes (a .bin file, a DDR image) as blocks. The byte count
// must be a whole number of blocks; the copy also fixes alignment.
std::vector<BlockQ4K> q4k_blocks_from_bytes(std::span<const std::byte> bytes);
std::vector<BlockQ8K> q8k_blocks_from_bytes(std::span<const std::byte> bytes);

}  // namespace sailsim::ggml
