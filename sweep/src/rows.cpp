#include "sailsim/sweep/rows.hpp"

#include <algorithm>
#include <cstring>

#include "sailsim/gen/edge_blocks.hpp"
#include "sailsim/gen/random.hpp"
#include "sailsim/ggml/float_bits.hpp"
#include "sailsim/ggml/oracle.hpp"
#include "sailsim/ggml/quantize.hpp"
#include "sailsim/sweep/random_blocks.hpp"

namespace sailsim::sweep {

using ggml::BlockQ4K;
using ggml::BlockQ8K;

namespace {

uint64_t splitmix64(uint64_t z) {
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

const std::vector<EdgePair>& named_edge_pairs() {
  static const std::vector<EdgePair> pairs = edge_pairs();
  return pairs;
}

const std::string& random_kind(Rng& rng) {
  const auto& kinds = f32_kinds();
  return kinds[static_cast<size_t>(rng.range(0, static_cast<int64_t>(kinds.size()) - 1))];
}

// The class of a row: quantized 30%, raw 20%, raw with random bsums 15%, edge 25%, named
// edge pairs 10%.
RowClass pick_class(Rng& rng) {
  const int64_t p = rng.range(0, 99);
  if (p < 30) return RowClass::Quantized;
  if (p < 50) return RowClass::Raw;
  if (p < 65) return RowClass::RawRandomBsums;
  if (p < 90) return RowClass::Edge;
  return RowClass::EdgePairs;
}

// Quantizer output: a row has one f32 kind for x and one for y (as real rows do), or, one
// row in seven, a kind per block (as tests/ggml-ref/oracle_equivalence_test.cpp draws them).
// The wide, huge and mixed kinds overflow the fp16 scales (infinite d) by design.
void quantized_blocks(Rng& rng, Row& row, size_t n, const Quantizers& q) {
  row.x.resize(n);
  row.y.resize(n);
  std::memset(row.y.data(), 0, n * sizeof(BlockQ8K));  // GGML leaves the bsums of an all-zero block alone
  const bool per_block = rng.chance(0.15);
  const std::string* kx = &random_kind(rng);
  const std::string* ky = &random_kind(rng);
  std::string xk = *kx, yk = *ky;
  for (size_t b = 0; b < n; ++b) {
    if (per_block && b > 0) {
      kx = &random_kind(rng);
      ky = &random_kind(rng);
      xk += "," + *kx;
      yk += "," + *ky;
    }
    const auto fx = random_f32_block(rng, *kx);
    const auto fy = random_f32_block(rng, *ky);
    q.q4k(fx, std::span<BlockQ4K>(row.x).subspan(b, 1));
    q.q8k(fy, std::span<BlockQ8K>(row.y).subspan(b, 1));
    row.x_f32.insert(row.x_f32.end(), fx.begin(), fx.end());
    row.y_f32.insert(row.y_f32.end(), fy.begin(), fy.end());
  }
  row.note = std::string(per_block ? "f32 kinds per block" : "f32 kinds") + " x " + xk + ", y " + yk;
}

void raw_blocks(Rng& rng, Row& row, size_t n, bool consistent_bsums) {
  const bool plant = consistent_bsums && rng.chance(0.3);
  for (size_t b = 0; b < n; ++b) {
    row.x.push_back(random_q4k_raw(rng));
    BlockQ8K y = random_q8k_raw(rng, consistent_bsums);
    if (plant) {
      for (auto& q : y.qs) {
        if (rng.chance(0.3)) q = -128;
      }
      recompute_bsums(y);
    }
    row.y.push_back(y);
  }
  if (plant) row.note = "q8 = -128 planted";
}

bool finite_fp16(uint16_t h) { return ((h >> 10) & 0x1F) != 0x1F; }
bool finite_f32(float f) { return ((ggml::bits_of(f) >> 23) & 0xFF) != 0xFF; }

// One block of gen's edge patterns; with `finite`, drawn again until its scales are finite
// (gen's patterns conditioned on finite scales: without it, most long edge rows end as a NaN,
// which hides the arithmetic of every other block).
BlockQ4K edge_q4k(gen::Rng& g, bool finite) {
  for (;;) {
    const auto bytes = gen::edge_q4k_rows(g, 1, 256);
    BlockQ4K b;
    std::memcpy(&b, bytes.data(), sizeof b);
    if (!finite || (finite_fp16(b.d) && finite_fp16(b.dmin))) return b;
  }
}
BlockQ8K edge_q8k(gen::Rng& g, bool finite) {
  for (;;) {
    const auto bytes = gen::edge_q8k_rows(g, 1, 256);
    BlockQ8K b;
    std::memcpy(&b, bytes.data(), sizeof b);
    if (!finite || finite_f32(b.d)) return b;
  }
}

void edge_blocks(Rng& rng, Row& row, size_t n) {
  gen::Rng g(rng.bits());
  // Both sides edge patterns, or one side raw bits against the other's edges; two rows in
  // three with finite scales only.
  const int64_t variant = rng.range(0, 3);
  const bool finite = rng.chance(2.0 / 3.0);
  for (size_t b = 0; b < n; ++b) {
    row.x.push_back(variant == 2 ? random_q4k_raw(rng) : edge_q4k(g, finite));
    row.y.push_back(variant == 3 ? random_q8k_raw(rng, true) : edge_q8k(g, finite));
  }
  row.note = variant == 2 ? "raw x, edge y" : variant == 3 ? "edge x, raw y" : "edge x and y";
  if (finite) row.note += ", finite scales";
}

}  // namespace

std::string_view class_name(RowClass c) {
  switch (c) {
    case RowClass::Quantized: return "quantized";
    case RowClass::Raw: return "raw";
    case RowClass::RawRandomBsums: return "raw-random-bsums";
    case RowClass::Edge: return "edge";
    case RowClass::EdgePairs: return "edge-pairs";
  }
  return "?";
}

std::string Row::describe() const {
  std::string s = std::string(class_name(cls)) + ", " + std::to_string(blocks()) + (blocks() == 1 ? " block" : " blocks");
  if (!note.empty()) s += "; " + note;
  return s;
}

Quantizers oracle_quantizers(const ggml::Oracle& oracle) {
  return {[&oracle](std::span<const float> x, std::span<BlockQ4K> y) { oracle.quantize_row_q4_K_ref(x, y); },
          [&oracle](std::span<const float> x, std::span<BlockQ8K> y) { oracle.quantize_row_q8_K_ref(x, y); }};
}

Quantizers reference_quantizers() {
  return {[](std::span<const float> x, std::span<BlockQ4K> y) { ggml::quantize_row_q4_K_ref(x, y); },
          [](std::span<const float> x, std::span<BlockQ8K> y) { ggml::quantize_row_q8_K_ref(x, y); }};
}

uint64_t row_seed(uint64_t seed, uint64_t index) { return splitmix64(splitmix64(seed) + 0x9E3779B97F4A7C15ull * index); }

Row random_row(uint64_t seed, uint64_t index, size_t max_blocks, const Quantizers& quantizers) {
  Rng rng(row_seed(seed, index));
  Row row;
  row.cls = pick_class(rng);
  // Named edge pairs come alone or in short chains, as the unit tests take them (every pair
  // alone, every two-block chain); other rows are 1..max_blocks long.
  const size_t longest = std::max<size_t>(1, row.cls == RowClass::EdgePairs ? std::min<size_t>(max_blocks, 3) : max_blocks);
  const auto n = static_cast<size_t>(rng.range(1, static_cast<int64_t>(longest)));
  const auto& pairs = named_edge_pairs();
  auto pick_pair = [&]() -> const EdgePair& {
    return pairs[static_cast<size_t>(rng.range(0, static_cast<int64_t>(pairs.size()) - 1))];
  };
  switch (row.cls) {
    case RowClass::Quantized: quantized_blocks(rng, row, n, quantizers); break;
    case RowClass::Raw: raw_blocks(rng, row, n, true); break;
    case RowClass::RawRandomBsums: raw_blocks(rng, row, n, false); break;
    case RowClass::Edge: edge_blocks(rng, row, n); break;
    case RowClass::EdgePairs: {
      std::string names;
      for (size_t b = 0; b < n; ++b) {
        const EdgePair& e = pick_pair();
        row.x.push_back(e.x);
        row.y.push_back(e.y);
        names += (b ? "', '" : "'") + e.name;
      }
      row.note = names + "'";
      return row;
    }
  }
  for (size_t b = 0; b < n; ++b) {
    if (!rng.chance(0.02)) continue;
    const EdgePair& e = pick_pair();
    row.x[b] = e.x;
    row.y[b] = e.y;
    ++row.edge_pairs_mixed;
    row.note += (row.note.empty() ? "" : "; ") + std::string("edge pair '") + e.name + "' at block " + std::to_string(b);
  }
  if (row.edge_pairs_mixed) {  // the f32 data no longer quantizes to these blocks
    row.x_f32.clear();
    row.y_f32.clear();
  }
  return row;
}

}  // namespace sailsim::sweep
