// The sweep's row generator (sweep/include/sailsim/sweep/rows.hpp): a row is a function of
// (seed, index) alone, and the rows hold every block class and edge pattern the unit tests use.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <set>

#include "oracle_guard.hpp"
#include "sailsim/ggml/float_bits.hpp"
#include "sailsim/sweep/random_blocks.hpp"
#include "sailsim/sweep/rows.hpp"

namespace {

using namespace sailsim;
using sweep::Row;
using sweep::RowClass;

bool same_bytes(const Row& a, const Row& b) {
  return a.blocks() == b.blocks() && std::memcmp(a.x.data(), b.x.data(), a.x.size() * sizeof(ggml::BlockQ4K)) == 0 &&
         std::memcmp(a.y.data(), b.y.data(), a.y.size() * sizeof(ggml::BlockQ8K)) == 0 && a.x_f32 == b.x_f32 &&
         a.y_f32 == b.y_f32;
}

bool bsums_consistent(const ggml::BlockQ8K& y) {
  ggml::BlockQ8K copy = y;
  sweep::recompute_bsums(copy);
  return copy.bsums == y.bsums;
}

TEST(SweepRows, ARowIsAFunctionOfSeedAndIndexAlone) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  const auto q = sweep::oracle_quantizers(*oracle);
  size_t differ_by_seed = 0;
  for (uint64_t i = 0; i < 200; ++i) {
    const Row a = sweep::random_row(42, i, 8, q);
    EXPECT_TRUE(same_bytes(a, sweep::random_row(42, i, 8, q))) << "row " << i;
    differ_by_seed += !same_bytes(a, sweep::random_row(43, i, 8, q));
  }
  // Generating rows out of order (or only some of them) gives the same rows.
  EXPECT_TRUE(same_bytes(sweep::random_row(42, 150, 8, q), sweep::random_row(42, 150, 8, q)));
  EXPECT_EQ(differ_by_seed, 200u);
  EXPECT_NE(sweep::row_seed(1, 0), sweep::row_seed(0, 1));
  EXPECT_NE(sweep::row_seed(1, 2), sweep::row_seed(2, 1));
}

// Over a few thousand rows every class appears in about its share, with the edge patterns the
// unit tests and gen's edge blocks use.
TEST(SweepRows, EveryBlockClassAndEdgePatternAppears) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  const auto q = sweep::oracle_quantizers(*oracle);
  constexpr uint64_t kRows = 3000;
  std::map<RowClass, size_t> classes;
  std::set<size_t> lengths;
  std::set<std::string> fp16_seen, f32_seen;
  size_t mixed = 0, inconsistent_raw = 0, inconsistent_edge = 0, planted = 0, with_f32 = 0;
  for (uint64_t i = 0; i < kRows; ++i) {
    const Row r = sweep::random_row(7, i, 8, q);
    ++classes[r.cls];
    lengths.insert(r.blocks());
    ASSERT_EQ(r.x.size(), r.y.size());
    ASSERT_GE(r.blocks(), 1u);
    ASSERT_LE(r.blocks(), 8u);
    mixed += r.edge_pairs_mixed > 0;
    planted += r.note.find("-128 planted") != std::string::npos;
    if (!r.x_f32.empty()) {
      ++with_f32;
      ASSERT_EQ(r.cls, RowClass::Quantized);
      ASSERT_EQ(r.x_f32.size(), 256 * r.blocks());
      ASSERT_EQ(r.y_f32.size(), 256 * r.blocks());
      if (with_f32 <= 50) {  // the blocks are GGML's quantizers' output of that data
        std::vector<ggml::BlockQ4K> x(r.blocks());
        std::vector<ggml::BlockQ8K> y(r.blocks());
        std::memset(y.data(), 0, y.size() * sizeof(ggml::BlockQ8K));
        oracle->quantize_row_q4_K_ref(r.x_f32, x);
        oracle->quantize_row_q8_K_ref(r.y_f32, y);
        EXPECT_EQ(std::memcmp(x.data(), r.x.data(), x.size() * sizeof x[0]), 0) << "row " << i;
        EXPECT_EQ(std::memcmp(y.data(), r.y.data(), y.size() * sizeof y[0]), 0) << "row " << i;
      }
    }
    for (size_t b = 0; b < r.blocks(); ++b) {
      if (r.cls == RowClass::RawRandomBsums && !bsums_consistent(r.y[b])) ++inconsistent_raw;
      if (r.cls == RowClass::Edge && !bsums_consistent(r.y[b])) ++inconsistent_edge;
      if (r.cls != RowClass::Edge) continue;
      for (uint16_t h : {r.x[b].d, r.x[b].dmin}) {
        const unsigned e = h >> 10 & 0x1F, m = h & 0x3FF;
        fp16_seen.insert(e == 0x1F ? (m ? "nan" : "inf") : e == 0 ? (m ? "subnormal" : "zero") : h == 0x7BFF ? "max" : "normal");
      }
      const uint32_t yd = ggml::bits_of(r.y[b].d);
      const unsigned e = yd >> 23 & 0xFF;
      f32_seen.insert(ggml::is_nan_bits(yd) ? "nan" : e == 0xFF ? "inf" : e == 0 ? (yd << 1 ? "subnormal" : "zero") : "normal");
    }
  }
  for (RowClass c : sweep::kRowClasses) {
    EXPECT_GT(classes[c], kRows / 20) << sweep::class_name(c);
  }
  EXPECT_TRUE(lengths.count(1) && lengths.count(8)) << "rows of 1 and of 8 blocks";
  for (const char* k : {"nan", "inf", "subnormal", "zero", "max", "normal"}) EXPECT_TRUE(fp16_seen.count(k)) << "fp16 " << k;
  for (const char* k : {"nan", "inf", "subnormal", "zero", "normal"}) EXPECT_TRUE(f32_seen.count(k)) << "f32 y.d " << k;
  EXPECT_GT(mixed, 10u);
  EXPECT_GT(planted, 10u);
  EXPECT_GT(inconsistent_raw, 100u);
  EXPECT_GT(inconsistent_edge, 100u);
  EXPECT_GT(with_f32, kRows / 5);
}

TEST(SweepRows, EdgePairRowsAreTheNamedPairs) {
  const auto pairs = sweep::edge_pairs();
  const auto q = sweep::reference_quantizers();
  size_t seen = 0;
  for (uint64_t i = 0; i < 400 && seen < 20; ++i) {
    const Row r = sweep::random_row(3, i, 4, q);
    if (r.cls != RowClass::EdgePairs) continue;
    ++seen;
    for (size_t b = 0; b < r.blocks(); ++b) {
      bool found = false;
      for (const auto& p : pairs) {
        found |= std::memcmp(&p.x, &r.x[b], sizeof p.x) == 0 && std::memcmp(&p.y, &r.y[b], sizeof p.y) == 0;
      }
      EXPECT_TRUE(found) << "row " << i << " block " << b;
    }
  }
  EXPECT_EQ(seen, 20u);
}

}  // namespace
