#include "sailsim/gen/edge_blocks.hpp"

#include <bit>
#include <cstring>

#include "sailsim/ggml/blocks.hpp"

namespace sailsim::gen {

namespace {

// fp16 super-scales: ordinary, tiny, huge and special values.
uint16_t edge_fp16(Rng& rng) {
  static constexpr uint16_t kSpecial[] = {
      0x0000,  // +0
      0x8000,  // -0
      0x0001,  // the smallest subnormal
      0x03ff,  // the largest subnormal
      0x0400,  // the smallest normal
      0x7bff,  // the largest finite (65504)
      0xfbff,  // its negative
      0x3c00,  // 1
      0xbc00,  // -1
      0x7c00,  // +inf
      0xfc00,  // -inf
      0x7e00,  // a quiet NaN
  };
  switch (rng.uniform(0, 3)) {
    case 0: return kSpecial[rng.uniform(0, 8)];  // finite specials, often
    case 1: return kSpecial[rng.uniform(0, std::size(kSpecial) - 1)];
    case 2: return static_cast<uint16_t>(rng.uniform(0x0001, 0x2000));  // small positive, as a quantizer gives
    default: return static_cast<uint16_t>(rng.next());  // any bits, NaNs and infinities included
  }
}

float edge_f32(Rng& rng) {
  static constexpr uint32_t kSpecial[] = {
      0x00000000, 0x80000000, 0x00000001, 0x007fffff, 0x00800000, 0x7f7fffff,
      0xff7fffff, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000,
  };
  uint32_t bits = 0;
  switch (rng.uniform(0, 3)) {
    case 0: bits = kSpecial[rng.uniform(0, 8)]; break;
    case 1: bits = kSpecial[rng.uniform(0, std::size(kSpecial) - 1)]; break;
    case 2: bits = 0x3a000000u + static_cast<uint32_t>(rng.uniform(0, 0x02000000)); break;  // about 5e-4 .. 8e-3
    default: bits = static_cast<uint32_t>(rng.next()); break;
  }
  return std::bit_cast<float>(bits);
}

// A nibble pattern for a 32-byte group of qs.
void edge_nibbles(Rng& rng, uint8_t* qs, size_t n) {
  const uint64_t pattern = rng.uniform(0, 4);
  const size_t hot = rng.uniform(0, n - 1);
  for (size_t i = 0; i < n; ++i) {
    switch (pattern) {
      case 0: qs[i] = 0x00; break;
      case 1: qs[i] = 0xff; break;
      case 2: qs[i] = i == hot ? static_cast<uint8_t>(rng.uniform(1, 255)) : 0x00; break;
      case 3: qs[i] = (i & 1) ? 0x0f : 0xf0; break;
      default: qs[i] = static_cast<uint8_t>(rng.next()); break;
    }
  }
}

// rows x k / 256 blocks, each made by `make`, as the bytes the engine reads.
template <class Block, class Make>
std::vector<uint8_t> rows_of(uint32_t rows, uint32_t k, Make make) {
  const uint64_t blocks = uint64_t{rows} * (k / 256);
  std::vector<uint8_t> out;
  out.reserve(blocks * sizeof(Block));
  for (uint64_t i = 0; i < blocks; ++i) {
    const Block blk = make();
    const auto* p = reinterpret_cast<const uint8_t*>(&blk);
    out.insert(out.end(), p, p + sizeof blk);
  }
  return out;
}

}  // namespace

std::vector<uint8_t> edge_q4k_rows(Rng& rng, uint32_t rows, uint32_t k) {
  return rows_of<ggml::BlockQ4K>(rows, k, [&] {
    ggml::BlockQ4K blk{};
    blk.d = edge_fp16(rng);
    blk.dmin = edge_fp16(rng);
    // Scales and mins: all 0, all 63, or any 6-bit values (the packing covers every bit).
    const uint64_t sc = rng.uniform(0, 2);
    for (auto& s : blk.scales) s = sc == 0 ? 0x00 : sc == 1 ? 0xff : static_cast<uint8_t>(rng.next());
    for (size_t g = 0; g < blk.qs.size(); g += 32) edge_nibbles(rng, blk.qs.data() + g, 32);
    return blk;
  });
}

std::vector<uint8_t> edge_q8k_rows(Rng& rng, uint32_t rows, uint32_t k) {
  return rows_of<ggml::BlockQ8K>(rows, k, [&] {
    ggml::BlockQ8K blk{};
    blk.d = edge_f32(rng);
    const uint64_t pattern = rng.uniform(0, 4);
    for (size_t i = 0; i < blk.qs.size(); ++i) {
      switch (pattern) {
        case 0: blk.qs[i] = 0; break;
        case 1: blk.qs[i] = -128; break;
        case 2: blk.qs[i] = 127; break;
        case 3: blk.qs[i] = (i & 1) ? int8_t{127} : int8_t{-128}; break;
        default: blk.qs[i] = static_cast<int8_t>(static_cast<uint8_t>(rng.next())); break;
      }
    }
    // bsums as a quantizer writes them, or (one block in four) any values: stored, not derived.
    const bool honest = !rng.chance(0.25);
    for (size_t g = 0; g < blk.bsums.size(); ++g) {
      int sum = 0;
      for (size_t i = 0; i < 16; ++i) sum += blk.qs[16 * g + i];
      blk.bsums[g] = honest ? static_cast<int16_t>(sum) : static_cast<int16_t>(static_cast<uint16_t>(rng.next()));
    }
    return blk;
  });
}

}  // namespace sailsim::gen
