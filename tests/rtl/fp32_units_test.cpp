// rtl/fp32_mul.sv, fp32_add.sv, fp32_fma.sv and fp32_from_int.sv, Verilated together as
// tests/rtl/fp32_units_probe.sv, against the host CPU's own binary32 arithmetic: a * b, a + b,
// std::fmaf(a, b, c) and static_cast<float>(int32_t), compiled with strict FP (no
// contraction) in the default round-to-nearest-even mode. Every non-NaN result must be bit
// identical; every NaN result must be the units' canonical quiet NaN 0x7FC00000.
//
// Per unit: every pair (triple for fma) of edge operands, constructed ties (checked to be
// exact ties by an exact computation in double, and counted by kind), and 4,000,000 random
// operand sets from generators aimed at each class. SAILSIM_FP32_SEED overrides the seed,
// SAILSIM_FP32_RANDOM the random count.
#include <gtest/gtest.h>
#include <verilated.h>

#include <algorithm>
#include <array>
#include <bit>
#include <bitset>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "Vfp32_units_probe.h"
#include "sailsim/ggml/float_bits.hpp"

namespace {

using sailsim::ggml::bits_of;
using sailsim::ggml::describe_bits;
using sailsim::ggml::describe_ulp;
using sailsim::ggml::float_of;

constexpr uint32_t kCanonicalNan = 0x7FC00000u;
constexpr size_t kShownFailures = 8;

// Random operand sets per unit: 4,000,000 by default (about 3 s for all four units, 5 s under
// ASan+UBSan); SAILSIM_FP32_RANDOM sets another count for a soak run.
size_t random_per_unit() {
  const char* env = std::getenv("SAILSIM_FP32_RANDOM");
  return env ? static_cast<size_t>(std::strtoull(env, nullptr, 0)) : size_t{4'000'000};
}

bool is_nan(uint32_t u) { return (u & 0x7FFFFFFFu) > 0x7F800000u; }
uint32_t make(uint32_t sign, uint32_t exp, uint32_t mant) { return (sign << 31) | (exp << 23) | mant; }
uint32_t exp_field(uint32_t u) { return (u >> 23) & 0xFFu; }

uint64_t seed() {
  const char* env = std::getenv("SAILSIM_FP32_SEED");
  return env ? std::strtoull(env, nullptr, 0) : 0x5A11F32ull;
}

// The host must do IEEE-754 as written: no flush to zero, no denormals-are-zero.
void expect_host_is_ieee() {
  volatile float tiny = float_of(0x00000001u);
  volatile float one = 1.0f;
  ASSERT_EQ(bits_of(tiny * one), 0x00000001u) << "host flushes subnormals (FTZ/DAZ set?)";
  volatile float half = 0.5f;
  ASSERT_EQ(bits_of(tiny * half), 0x00000000u) << "host does not round 2^-150 to even (0)";
}

// The Verilated probe: set inputs, eval(), read outputs. Combinational, so no clock.
class Probe {
 public:
  Probe() : context_(std::make_unique<VerilatedContext>()), dut_(std::make_unique<Vfp32_units_probe>(context_.get())) {}
  ~Probe() { dut_->final(); }
  Probe(const Probe&) = delete;
  Probe& operator=(const Probe&) = delete;

  uint32_t mul(uint32_t a, uint32_t b) {
    dut_->mul_a_i = a;
    dut_->mul_b_i = b;
    dut_->eval();
    return dut_->mul_o;
  }
  uint32_t add(uint32_t a, uint32_t b) {
    dut_->add_a_i = a;
    dut_->add_b_i = b;
    dut_->eval();
    return dut_->add_o;
  }
  uint32_t fma(uint32_t a, uint32_t b, uint32_t c) {
    dut_->fma_a_i = a;
    dut_->fma_b_i = b;
    dut_->fma_c_i = c;
    dut_->eval();
    return dut_->fma_o;
  }
  uint32_t from_int(int32_t i) {
    dut_->int_i = static_cast<uint32_t>(i);
    dut_->eval();
    return dut_->int_o;
  }

 private:
  std::unique_ptr<VerilatedContext> context_;
  std::unique_ptr<Vfp32_units_probe> dut_;
};

// The host's answers, in binary32, never contracted (sailsim_strict_fp).
uint32_t host_mul(uint32_t a, uint32_t b) { return bits_of(float_of(a) * float_of(b)); }
uint32_t host_add(uint32_t a, uint32_t b) { return bits_of(float_of(a) + float_of(b)); }
uint32_t host_fma(uint32_t a, uint32_t b, uint32_t c) { return bits_of(std::fmaf(float_of(a), float_of(b), float_of(c))); }
uint32_t host_from_int(int32_t i) { return bits_of(static_cast<float>(i)); }

// Counts comparisons and reports the first few mismatches in full.
class Checker {
 public:
  explicit Checker(std::string what) : what_(std::move(what)) {}

  void check(std::array<uint32_t, 3> ops, size_t n_ops, uint32_t want, uint32_t got) {
    ++checked_;
    if (is_nan(want) ? got == kCanonicalNan : got == want) return;
    if (++failed_ > kShownFailures) return;
    std::ostringstream msg;
    msg << what_ << " (seed 0x" << std::hex << seed() << std::dec << "):";
    for (size_t k = 0; k < n_ops; ++k) msg << " " << "abc"[k] << "=" << describe_bits(ops[k]);
    msg << "\n  host " << describe_bits(want) << "\n  RTL  " << describe_bits(got) << "\n  "
        << (is_nan(want) ? std::string("want the canonical NaN 0x7fc00000") : describe_ulp(want, got));
    ADD_FAILURE() << msg.str();
  }
  void check_int(int32_t i, uint32_t want, uint32_t got) {
    ++checked_;
    if (got == want) return;
    if (++failed_ > kShownFailures) return;
    ADD_FAILURE() << what_ << ": int " << i << " (0x" << std::hex << static_cast<uint32_t>(i) << std::dec << ")\n  host "
                  << describe_bits(want) << "\n  RTL  " << describe_bits(got) << "\n  " << describe_ulp(want, got);
  }
  size_t checked() const { return checked_; }
  ~Checker() {
    EXPECT_EQ(failed_, 0u) << what_ << ": " << failed_ << " of " << checked_ << " results differ from the host";
  }
  Checker(const Checker&) = delete;
  Checker& operator=(const Checker&) = delete;

 private:
  std::string what_;
  size_t checked_ = 0;
  size_t failed_ = 0;
};

// --- Exact ties, found by exact arithmetic in double -----------------------------------

// What kinds of ties a test has reached: rounding into normals (by exponent field) and into
// subnormals (by the bit width of the lower neighbour's mantissa, 0..23), with even and odd
// lower neighbours.
struct TieStats {
  size_t normal_even = 0, normal_odd = 0, sub_even = 0, sub_odd = 0, near = 0;
  std::bitset<256> normal_exps;
  std::bitset<24> sub_widths;

  // `exact` is the exact real result. Records it when it lies exactly halfway between two
  // adjacent finite floats, or just off halfway (a near tie).
  void note(double exact) {
    const float f = static_cast<float>(exact);
    if (!std::isfinite(f) || static_cast<double>(f) == exact) return;
    const float g = std::nextafter(f, exact > f ? std::numeric_limits<float>::infinity()
                                                : -std::numeric_limits<float>::infinity());
    if (!std::isfinite(g)) return;
    const double mid = (static_cast<double>(f) + static_cast<double>(g)) / 2.0;  // exact
    if (mid != exact) {
      // Within 2^-10 ulp of a tie but not on it: only the sticky bit decides the rounding.
      if (std::fabs(exact - mid) <= std::fabs(static_cast<double>(f) - static_cast<double>(g)) * 0x1p-10) ++near;
      return;
    }
    const uint32_t lower = std::min(bits_of(f) & 0x7FFFFFFFu, bits_of(g) & 0x7FFFFFFFu);
    const bool odd = lower & 1u;
    if (exp_field(lower) == 0) {
      (odd ? sub_odd : sub_even)++;
      sub_widths.set(static_cast<size_t>(std::bit_width(lower)));
    } else {
      (odd ? normal_odd : normal_even)++;
      normal_exps.set(exp_field(lower));
    }
  }
  size_t total() const { return normal_even + normal_odd + sub_even + sub_odd; }
  std::string summary() const {
    std::ostringstream s;
    s << "ties: normal even " << normal_even << ", normal odd " << normal_odd << " (" << normal_exps.count()
      << " exponents), subnormal even " << sub_even << ", subnormal odd " << sub_odd << " (" << sub_widths.count()
      << " of 24 widths); near ties " << near;
    return s.str();
  }
};

// The exact sum p + c of two doubles, when it is a double (TwoSum error zero).
bool exact_sum(double p, double c, double& s) {
  s = p + c;
  const double bp = s - c;
  const double err = (p - bp) + (c - (s - bp));
  return err == 0.0 && std::isfinite(s);
}

// --- Operand generators -----------------------------------------------------------------

class Gen {
 public:
  explicit Gen(uint64_t s) : rng_(s) {}
  uint32_t bits() { return static_cast<uint32_t>(rng_()); }
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(rng_() % n); }
  int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<uint32_t>(hi - lo + 1))); }
  uint32_t sign() { return static_cast<uint32_t>(rng_() & 1u); }

  // Mantissas that reach carries, long borrows and short significands, not only uniform ones.
  uint32_t mant() {
    const uint32_t r = bits() & 0x7FFFFFu;
    switch (below(8)) {
      case 0: return r & (~0u << below(24));           // trailing zeros
      case 1: return 0x7FFFFFu ^ (r >> below(24));      // leading ones
      case 2: return r >> below(24);                    // leading zeros (small subnormals)
      case 3: return below(4) == 0 ? 0u : 0x7FFFFFu;    // powers of two, all ones
      default: return r;
    }
  }
  // A float with random sign, exponent field in [lo, hi] and a mant() mantissa.
  uint32_t fp(int lo, int hi) { return make(sign(), static_cast<uint32_t>(range(lo, hi)), mant()); }
  uint32_t finite() { return fp(0, 254); }
  uint32_t with_exp(int e) { return make(sign(), static_cast<uint32_t>(std::clamp(e, 0, 254)), mant()); }

  // A 24-bit significand with its top bit set and exactly tz trailing zeros (0..23).
  uint32_t sig_tz(int tz) {
    if (tz >= 23) return 1u << 23;
    const int len = 24 - tz;  // bits from the leading one to the lowest one
    const uint32_t v = (bits() & ((1u << len) - 1u)) | (1u << (len - 1)) | 1u;
    return v << tz;
  }
  // A normal float with significand sig (hidden bit set) and exponent field e.
  uint32_t normal(uint32_t sig, int e) { return make(sign(), static_cast<uint32_t>(e), sig & 0x7FFFFFu); }

 private:
  std::mt19937_64 rng_;
};

// The values every class boundary sits on, both signs, plus NaNs of both kinds.
std::vector<uint32_t> edge_operands() {
  const uint32_t magnitudes[] = {
      0x00000000u,  // 0
      0x00000001u,  // smallest subnormal
      0x00000002u, 0x00000003u,
      0x00400000u,  // 2^-127
      0x007FFFFFu,  // largest subnormal
      0x00800000u,  // smallest normal
      0x00800001u, 0x00FFFFFFu,
      0x1F800000u,  // 2^-64
      0x33800000u,  // 2^-24
      0x34000000u,  // 2^-23
      0x3F000000u,  // 0.5
      0x3F7FFFFFu,  // 1 - 2^-24
      0x3F800000u,  // 1
      0x3F800001u,  // 1 + 2^-23
      0x3FC00000u,  // 1.5
      0x40000000u,  // 2
      0x4B800000u,  // 2^24
      0x5F800000u,  // 2^64
      0x7F000000u,  // 2^127
      0x7F7FFFFEu,
      0x7F7FFFFFu,  // largest normal
      0x7F800000u,  // infinity
      0x7FC00000u,  // quiet NaN
      0x7FC00001u,  // quiet NaN with payload
      0x7F800001u,  // signalling NaN
      0x7FBFFFFFu,  // signalling NaN, largest payload
  };
  std::vector<uint32_t> v;
  for (uint32_t m : magnitudes) {
    v.push_back(m);
    v.push_back(m | 0x80000000u);
  }
  return v;
}

// --- fp32_mul ---------------------------------------------------------------------------

TEST(Fp32MulRtl, EdgeOperandsCrossed) {
  expect_host_is_ieee();
  Probe probe;
  Checker checker("fp32_mul edge");
  const auto edges = edge_operands();
  for (uint32_t a : edges) {
    for (uint32_t b : edges) checker.check({a, b, 0}, 2, host_mul(a, b), probe.mul(a, b));
  }
  EXPECT_EQ(checker.checked(), edges.size() * edges.size());
}

TEST(Fp32MulRtl, Ties) {
  expect_host_is_ieee();
  Probe probe;
  Checker checker("fp32_mul tie");
  Gen gen(seed() ^ 0x1001u);
  TieStats ties;
  auto run = [&](uint32_t a, uint32_t b) {
    checker.check({a, b, 0}, 2, host_mul(a, b), probe.mul(a, b));
    ties.note(static_cast<double>(float_of(a)) * static_cast<double>(float_of(b)));  // exact
  };
  // 2^k (1 + 2^-i) * 2^m (1 + 2^-j), i + j = 24: the product 1 + 2^-i + 2^-j + 2^-24 is a tie,
  // with an odd lower neighbour exactly when i or j is 23. Scaled over every exponent.
  for (int i = 1; i <= 23; ++i) {
    const int j = 24 - i;
    for (int ea = 1; ea <= 254; ++ea) {
      for (int eb : {1, 20, 60, 100, 127, 150, 200, 254, 254 - ea / 2, 128 - ea}) {
        if (eb < 1 || eb > 254) continue;
        run(make(gen.sign(), static_cast<uint32_t>(ea), 1u << (23 - i)),
            make(gen.sign(), static_cast<uint32_t>(eb), 1u << (23 - j)));
      }
    }
  }
  // (2^23 + 2^i)(2^23 + 2^j) = 2^46 + 2^(23+i) + 2^(23+j) + 2^(i+j): with the half-ulp on
  // one of its ones, the ones below are far below (near ties, decided by sticky bits that a
  // subnormal result shifts out), or absent (ties).
  for (int i = 0; i <= 22; ++i) {
    for (int j = i; j <= 22; ++j) {
      const uint64_t product = ((uint64_t{1} << 23) + (uint64_t{1} << i)) * ((uint64_t{1} << 23) + (uint64_t{1} << j));
      for (int q = 0; q < 46; ++q) {
        if (!((product >> q) & 1u)) continue;
        for (int ea = 1; ea <= 149 - q; ea += 1 + (149 - q) / 8) {  // half-ulp 2^-150: subnormal
          run(make(gen.sign(), static_cast<uint32_t>(ea), 1u << i),
              make(gen.sign(), static_cast<uint32_t>(150 - q - ea), 1u << j));
        }
        run(make(gen.sign(), 127, 1u << i), make(gen.sign(), static_cast<uint32_t>(gen.range(1, 254)), 1u << j));
      }
    }
  }
  // Significands with trailing zeros s and t: the product's lowest one is bit s + t.
  for (size_t n = 0; n < 200'000; ++n) {
    const int variant = static_cast<int>(n % 3);
    if (variant == 0) {
      // Into normals: lowest one just below the 24th significant bit (bit 22 or 23 of 48).
      const int z = gen.range(22, 23);
      const int s = gen.range(std::max(0, z - 23), std::min(23, z));
      const int target = gen.range(130, 378);  // ea + eb: a normal product (and beyond)
      const int ea = gen.range(std::max(1, target - 254), std::min(254, target - 1));
      run(gen.normal(gen.sig_tz(s), ea), gen.normal(gen.sig_tz(z - s), target - ea));
    } else if (variant == 1) {
      // Into subnormals: the lowest one weighs 2^-150, so ea + eb = 150 - z.
      const int z = gen.range(22, 46);
      const int s = gen.range(std::max(0, z - 23), std::min(23, z));
      const int ea = gen.range(1, 149 - z);
      run(gen.normal(gen.sig_tz(s), ea), gen.normal(gen.sig_tz(z - s), 150 - z - ea));
    } else {
      // A subnormal operand (value m * 2^-149) times a normal one: the lowest one of m * mb
      // weighs 2^-150 when eb = 149 - z.
      const int width = gen.range(1, 23);
      const int s = gen.range(0, width - 1);
      const uint32_t m = gen.sig_tz(23 - (width - 1) + s) >> (23 - (width - 1));
      const int t = gen.range(0, 23);
      const int eb = 149 - (s + t);
      if (eb < 1) continue;
      run(make(gen.sign(), 0, m), gen.normal(gen.sig_tz(t), eb));
    }
  }
  std::printf("fp32_mul %s\n", ties.summary().c_str());
  EXPECT_GT(ties.near, 1'000u);
  EXPECT_GT(ties.normal_even, 10'000u);
  EXPECT_GT(ties.normal_odd, 10'000u);
  EXPECT_GT(ties.sub_even, 10'000u);
  EXPECT_GT(ties.sub_odd, 10'000u);
  EXPECT_EQ(ties.sub_widths.count(), 24u) << "a subnormal rounding position was never tied";
  EXPECT_EQ(ties.normal_exps.count(), 254u) << "a normal exponent was never tied";
}

TEST(Fp32MulRtl, RandomOperands) {
  expect_host_is_ieee();
  Probe probe;
  Checker checker("fp32_mul random");
  Gen gen(seed() ^ 0x1002u);
  for (size_t n = 0, count = random_per_unit(); n < count; ++n) {
    uint32_t a = 0, b = 0;
    switch (n % 6) {
      case 0: a = gen.bits(), b = gen.bits(); break;  // uniform bit patterns
      case 1: a = gen.finite(), b = gen.finite(); break;
      case 2: {  // products around and below the smallest normal
        const int target = gen.range(80, 135);
        const int ea = gen.range(std::max(0, target - 254), std::min(254, target));
        a = gen.with_exp(ea), b = gen.with_exp(target - ea);
        break;
      }
      case 3: {  // products around the largest normal
        const int target = gen.range(375, 384);
        const int ea = gen.range(target - 254, 254);
        a = gen.with_exp(ea), b = gen.with_exp(target - ea);
        break;
      }
      case 4: a = gen.fp(0, 3), b = gen.fp(250, 254); break;  // tiny times huge
      default: a = gen.fp(0, 0), b = gen.finite(); break;     // a subnormal operand
    }
    if (gen.sign()) std::swap(a, b);
    checker.check({a, b, 0}, 2, host_mul(a, b), probe.mul(a, b));
  }
  EXPECT_EQ(checker.checked(), random_per_unit());
}

// --- fp32_add ---------------------------------------------------------------------------

TEST(Fp32AddRtl, EdgeOperandsCrossed) {
  expect_host_is_ieee();
  Probe probe;
  Checker checker("fp32_add edge");
  const auto edges = edge_operands();
  for (uint32_t a : edges) {
    for (uint32_t b : edges) checker.check({a, b, 0}, 2, host_add(a, b), probe.add(a, b));
  }
  EXPECT_EQ(checker.checked(), edges.size() * edges.size());
}

TEST(Fp32AddRtl, Ties) {
  expect_host_is_ieee();
  Probe probe;
  Checker checker("fp32_add tie");
  Gen gen(seed() ^ 0x2001u);
  TieStats ties;
  auto run = [&](uint32_t a, uint32_t b) {
    checker.check({a, b, 0}, 2, host_add(a, b), probe.add(a, b));
    double s = 0;
    if (exact_sum(static_cast<double>(float_of(a)), static_cast<double>(float_of(b)), s)) ties.note(s);
  };
  // 2^k + 2^(k-24) (even lower neighbour, stays) and 2^k + 3 * 2^(k-24) (odd, rounds up), both
  // orders and signs, and 2^k - 2^(k-25) (tie below a power of two), at every exponent.
  for (int k = -125; k <= 127; ++k) {
    const uint32_t p = make(0, static_cast<uint32_t>(k + 127), 0);
    for (uint32_t s : {0u, 1u}) {
      const uint32_t sign = s << 31;
      const uint32_t half = bits_of(std::ldexp(1.0f, k - 24)) | sign;
      const uint32_t three_half = bits_of(std::ldexp(3.0f, k - 24)) | sign;
      const uint32_t quarter = bits_of(std::ldexp(1.0f, k - 25)) | sign;
      run(p | sign, half), run(half, p | sign), run(p | sign, three_half), run(three_half, p | sign);
      run(p | sign, quarter ^ 0x80000000u), run(quarter ^ 0x80000000u, p | sign);
    }
  }
  for (size_t n = 0; n < 200'000; ++n) {
    uint32_t a = 0, b = 0;
    switch (n % 3) {
      case 0: {  // b = +-(2j+1) half-ulps of a
        const int e = gen.range(2, 254);
        a = gen.with_exp(e);
        const uint32_t odd = (gen.bits() >> gen.range(8, 31)) | 1u;
        b = bits_of(std::ldexp(static_cast<float>(odd), e - 151)) | (gen.sign() << 31);
        break;
      }
      case 1: {  // same exponent and sign, significands of different parity: carry and tie
        const int e = gen.range(1, 253);
        const uint32_t ma = gen.mant(), mb = (gen.mant() & ~1u) | (~ma & 1u);
        const uint32_t sign = gen.sign();
        a = make(sign, static_cast<uint32_t>(e), ma), b = make(sign, static_cast<uint32_t>(e), mb);
        break;
      }
      default: {  // exponents one apart, the smaller odd: its last bit is a half-ulp
        const int e = gen.range(2, 254);
        a = gen.with_exp(e);
        b = make(gen.sign(), static_cast<uint32_t>(e - 1), gen.mant() | 1u);
        break;
      }
    }
    if (gen.sign()) std::swap(a, b);
    run(a, b);
  }
  std::printf("fp32_add %s (a sum never ties in the subnormal range: it is exact there)\n",
              ties.summary().c_str());
  EXPECT_GT(ties.normal_even, 20'000u);
  EXPECT_GT(ties.normal_odd, 20'000u);
  // Exponent field 1 cannot tie either: its ulp is 2^-149, and no operand has a 2^-150 bit.
  EXPECT_EQ(ties.normal_exps.count(), 253u) << "a normal exponent was never tied";
  EXPECT_FALSE(ties.normal_exps[1]);
}

TEST(Fp32AddRtl, RandomOperands) {
  expect_host_is_ieee();
  Probe probe;
  Checker checker("fp32_add random");
  Gen gen(seed() ^ 0x2002u);
  for (size_t n = 0, count = random_per_unit(); n < count; ++n) {
    uint32_t a = 0, b = 0;
    switch (n % 7) {
      case 0: a = gen.bits(), b = gen.bits(); break;
      case 1: a = gen.finite(), b = gen.finite(); break;
      case 2: {  // exponents near each other, mixed signs: cancellation
        a = gen.finite();
        b = gen.with_exp(static_cast<int>(exp_field(a)) + gen.range(-3, 3));
        break;
      }
      case 3: {  // same exponent, opposite signs, significands close: deep cancellation
        a = gen.finite();
        b = (a ^ 0x80000000u) ^ (gen.bits() >> gen.range(9, 31));
        break;
      }
      case 4: {  // exponents 20..30 apart: the alignment shifter's sticky edge
        a = gen.fp(31, 254);
        b = gen.with_exp(static_cast<int>(exp_field(a)) - gen.range(20, 30));
        break;
      }
      case 5: a = gen.fp(0, 3), b = gen.fp(0, 3); break;  // tiny: subnormal sums
      default: {  // huge, same sign: overflow
        a = gen.fp(250, 254), b = gen.fp(250, 254);
        b = (b & 0x7FFFFFFFu) | (a & 0x80000000u);
        break;
      }
    }
    if (gen.sign()) std::swap(a, b);
    checker.check({a, b, 0}, 2, host_add(a, b), probe.add(a, b));
  }
  EXPECT_EQ(checker.checked(), random_per_unit());
}

// --- fp32_fma ---------------------------------------------------------------------------

TEST(Fp32FmaRtl, EdgeOperandsCrossed) {
  expect_host_is_ieee();
  Probe probe;
  Checker checker("fp32_fma edge");
  const auto edges = edge_operands();
  for (uint32_t a : edges) {
    for (uint32_t b : edges) {
      for (uint32_t c : edges) checker.check({a, b, c}, 3, host_fma(a, b, c), probe.fma(a, b, c));
    }
  }
  EXPECT_EQ(checker.checked(), edges.size() * edges.size() * edges.size());
}

TEST(Fp32FmaRtl, Ties) {
  expect_host_is_ieee();
  Probe probe;
  Checker checker("fp32_fma tie");
  Gen gen(seed() ^ 0x3001u);
  TieStats ties;
  auto run = [&](uint32_t a, uint32_t b, uint32_t c) {
    checker.check({a, b, c}, 3, host_fma(a, b, c), probe.fma(a, b, c));
    double s = 0;
    const double p = static_cast<double>(float_of(a)) * static_cast<double>(float_of(b));  // exact
    if (exact_sum(p, static_cast<double>(float_of(c)), s)) ties.note(s);
  };
  for (size_t n = 0; n < 300'000; ++n) {
    switch (n % 6) {
      case 4:
      case 5: {
        // (2^23 + 2^i)(2^23 + 2^j): ones at bits 46, 23 + i, 23 + j, i + j only. Bit q is made
        // half an ulp of the result -- 2^-150 with a small c (subnormal results), or half an
        // ulp of a larger c -- so the ones below it are far-off sticky bits: near ties.
        const int i = gen.range(0, 22), j = gen.range(0, 22);
        const uint64_t product = ((uint64_t{1} << 23) + (uint64_t{1} << i)) * ((uint64_t{1} << 23) + (uint64_t{1} << j));
        int q = 23 + std::max(i, j);
        if (n % 6 == 4) {
          do q = gen.range(0, 45);
          while (!((product >> q) & 1u));
        }
        const uint32_t c = n % 6 == 4 ? gen.fp(0, 1) : gen.fp(1, 254);
        const int sum = n % 6 == 4 ? 150 - q : static_cast<int>(exp_field(c)) + 149 - q;  // ea + eb
        if (sum < 2 || sum > 508) continue;
        const int ea = gen.range(std::max(1, sum - 254), std::min(254, sum - 1));
        run(make(gen.sign(), static_cast<uint32_t>(ea), 1u << i), make(gen.sign(), static_cast<uint32_t>(sum - ea), 1u << j),
            c);
        break;
      }
      case 0: {  // a * b representable (12-bit significands), c = +-(2j+1) half-ulps of it
        const int target = gen.range(130, 375);
        const int ea = gen.range(std::max(1, target - 254), std::min(254, target - 1));
        const uint32_t a = gen.normal(gen.sig_tz(gen.range(12, 23)), ea);
        const uint32_t b = gen.normal(gen.sig_tz(gen.range(12, 23)), target - ea);
        const float p = float_of(a) * float_of(b);
        if (!std::isnormal(p) || exp_field(bits_of(p)) < 2) continue;
        const uint32_t odd = (gen.bits() >> gen.range(8, 31)) | 1u;
        const int half_ulp = static_cast<int>(exp_field(bits_of(p))) - 151;
        run(a, b, bits_of(std::ldexp(static_cast<float>(odd), half_ulp)) | (gen.sign() << 31));
        break;
      }
      case 1: {  // a * b with its lowest one at 2^-150, c a small multiple of 2^-149
        const int z = gen.range(22, 46);
        const int s = gen.range(std::max(0, z - 23), std::min(23, z));
        const int ea = gen.range(1, 149 - z);
        run(gen.normal(gen.sig_tz(s), ea), gen.normal(gen.sig_tz(z - s), 150 - z - ea), gen.fp(0, 2));
        break;
      }
      case 2: {  // a * b with its lowest one half an ulp of c, and much smaller than c
        const uint32_t c = gen.fp(1, 254);
        const int z = gen.range(26, 46);  // two significands end at most 46 bits up
        const int s = gen.range(std::max(0, z - 23), std::min(23, z));
        const int sum = static_cast<int>(exp_field(c)) + 149 - z;  // ea + eb
        if (sum < 2 || sum > 508) continue;
        const int ea = gen.range(std::max(1, sum - 254), std::min(254, sum - 1));
        run(gen.normal(gen.sig_tz(s), ea), gen.normal(gen.sig_tz(z - s), sum - ea), c);
        break;
      }
      default: {  // a product tie (lowest one at bit 22 or 23) plus a few of its ulps
        const int z = gen.range(22, 23);
        const int s = gen.range(std::max(0, z - 23), std::min(23, z));
        const int target = gen.range(130, 378);
        const int ea = gen.range(std::max(1, target - 254), std::min(254, target - 1));
        const uint32_t a = gen.normal(gen.sig_tz(s), ea), b = gen.normal(gen.sig_tz(z - s), target - ea);
        const float p = float_of(a) * float_of(b);
        if (!std::isnormal(p)) continue;
        const float c = std::ldexp(static_cast<float>(gen.range(0, 8)), static_cast<int>(exp_field(bits_of(p))) - 150);
        run(a, b, bits_of(c) | (gen.sign() << 31));
        break;
      }
    }
  }
  std::printf("fp32_fma %s\n", ties.summary().c_str());
  EXPECT_GT(ties.near, 10'000u);
  EXPECT_GT(ties.normal_even, 20'000u);
  EXPECT_GT(ties.normal_odd, 20'000u);
  EXPECT_GT(ties.sub_even, 10'000u);
  EXPECT_GT(ties.sub_odd, 10'000u);
  EXPECT_EQ(ties.sub_widths.count(), 24u) << "a subnormal rounding position was never tied";
  EXPECT_GE(ties.normal_exps.count(), 250u) << "too few normal exponents were tied";
}

TEST(Fp32FmaRtl, RandomOperands) {
  expect_host_is_ieee();
  Probe probe;
  Checker checker("fp32_fma random");
  Gen gen(seed() ^ 0x3002u);
  for (size_t n = 0, count = random_per_unit(); n < count; ++n) {
    uint32_t a = 0, b = 0, c = 0;
    switch (n % 7) {
      case 0: a = gen.bits(), b = gen.bits(), c = gen.bits(); break;
      case 1: {  // c = -(a * b rounded), nudged a few ulps: the product's rounding error
        a = gen.finite(), b = gen.finite();
        const uint32_t p = host_mul(a, b) ^ 0x80000000u;
        c = is_nan(p) || (p & 0x7FFFFFFFu) == 0x7F800000u ? gen.finite() : p + static_cast<uint32_t>(gen.range(-2, 2));
        if ((c & 0x7FFFFFFFu) >= 0x7F800000u) c = p;
        break;
      }
      case 2: {  // c within 30 binades of the product: alignment and cancellation
        a = gen.finite(), b = gen.finite();
        c = gen.with_exp(static_cast<int>(exp_field(a) + exp_field(b)) - 127 + gen.range(-30, 30));
        break;
      }
      case 3: {  // products around and below the smallest normal, c tiny
        const int target = gen.range(60, 140);
        const int ea = gen.range(std::max(0, target - 254), std::min(254, target));
        a = gen.with_exp(ea), b = gen.with_exp(target - ea), c = gen.fp(0, 24);
        break;
      }
      case 4: {  // products around the largest normal, c huge
        const int target = gen.range(370, 390);
        const int ea = gen.range(target - 254, 254);
        a = gen.with_exp(ea), b = gen.with_exp(target - ea), c = gen.fp(240, 254);
        break;
      }
      case 5: {  // c 40..80 binades above or below the product: far alignment, sticky only
        a = gen.finite(), b = gen.finite();
        const int away = gen.range(40, 80) * (gen.sign() ? 1 : -1);
        c = gen.with_exp(static_cast<int>(exp_field(a) + exp_field(b)) - 127 + away);
        break;
      }
      default: {  // subnormal operands
        a = gen.fp(0, 0), b = gen.finite(), c = gen.below(2) ? gen.fp(0, 0) : gen.finite();
        break;
      }
    }
    if (gen.sign()) std::swap(a, b);
    checker.check({a, b, c}, 3, host_fma(a, b, c), probe.fma(a, b, c));
  }
  EXPECT_EQ(checker.checked(), random_per_unit());
}

// --- fp32_from_int ----------------------------------------------------------------------

TEST(Fp32FromIntRtl, Windows) {
  expect_host_is_ieee();
  Probe probe;
  Checker checker("fp32_from_int window");
  auto window = [&](int64_t centre, int64_t half) {
    const int64_t lo = std::max<int64_t>(centre - half, INT32_MIN);
    const int64_t hi = std::min<int64_t>(centre + half, INT32_MAX);
    for (int64_t v = lo; v <= hi; ++v) {
      const auto i = static_cast<int32_t>(v);
      checker.check_int(i, host_from_int(i), probe.from_int(i));
    }
  };
  window(0, 65536);
  for (int k = 23; k <= 31; ++k) {
    window(int64_t{1} << k, 4096);
    window(-(int64_t{1} << k), 4096);
  }
  window(INT32_MAX, 0);
  std::printf("fp32_from_int: %zu values in windows\n", checker.checked());
}

TEST(Fp32FromIntRtl, Ties) {
  expect_host_is_ieee();
  Probe probe;
  Checker checker("fp32_from_int tie");
  TieStats ties;
  // 2^k + (2j+1) 2^(k-24): 2^24+1, 2^25+2, ... each exactly halfway; both signs, many j.
  for (int k = 24; k <= 30; ++k) {
    for (int64_t j = 0; j < 4096; ++j) {
      for (int64_t sign : {1, -1}) {
        for (int64_t odd : {2 * j + 1, (int64_t{1} << 24) - 2 * j - 1}) {
          const auto i = static_cast<int32_t>(sign * ((int64_t{1} << k) + odd * (int64_t{1} << (k - 24))));
          checker.check_int(i, host_from_int(i), probe.from_int(i));
          ties.note(static_cast<double>(i));
        }
      }
    }
  }
  std::printf("fp32_from_int %s\n", ties.summary().c_str());
  EXPECT_EQ(ties.total(), checker.checked());
  EXPECT_GT(ties.normal_even, 20'000u);
  EXPECT_GT(ties.normal_odd, 20'000u);
  EXPECT_EQ(ties.normal_exps.count(), 7u);  // 2^24 .. 2^30: every binade with a tie
}

TEST(Fp32FromIntRtl, StridedAndRandom) {
  expect_host_is_ieee();
  Probe probe;
  Checker checker("fp32_from_int random");
  Gen gen(seed() ^ 0x4001u);
  // A stride through all of int32, then random values of every bit length.
  for (int64_t v = INT32_MIN; v <= INT32_MAX; v += 4099) {
    const auto i = static_cast<int32_t>(v);
    checker.check_int(i, host_from_int(i), probe.from_int(i));
  }
  for (size_t n = 0, count = random_per_unit(); n < count; ++n) {
    const uint32_t r = gen.bits();
    const auto i = static_cast<int32_t>(n % 2 ? r : (r >> gen.range(0, 31)) ^ (gen.sign() ? 0xFFFFFFFFu : 0u));
    checker.check_int(i, host_from_int(i), probe.from_int(i));
  }
  for (int32_t i : {INT32_MIN, INT32_MIN + 1, INT32_MAX, INT32_MAX - 1, 0, 1, -1, (1 << 24) + 1, -(1 << 24) - 1}) {
    checker.check_int(i, host_from_int(i), probe.from_int(i));
  }
  EXPECT_GE(checker.checked(), random_per_unit());
}

// The NaN policy on its own: every invalid operation and NaN operand gives 0x7FC00000.
TEST(Fp32UnitsRtl, NanResultsAreCanonical) {
  Probe probe;
  const uint32_t inf = 0x7F800000u, snan = 0xFF800123u, qnan = 0x7FC12345u;
  EXPECT_EQ(probe.mul(inf, 0), kCanonicalNan);
  EXPECT_EQ(probe.mul(0x80000000u, inf | 0x80000000u), kCanonicalNan);
  EXPECT_EQ(probe.mul(snan, 0x3F800000u), kCanonicalNan);
  EXPECT_EQ(probe.add(inf, inf | 0x80000000u), kCanonicalNan);
  EXPECT_EQ(probe.add(0x3F800000u, qnan), kCanonicalNan);
  EXPECT_EQ(probe.fma(inf, 0, 0x3F800000u), kCanonicalNan);
  EXPECT_EQ(probe.fma(inf, 0x3F800000u, inf | 0x80000000u), kCanonicalNan);
  EXPECT_EQ(probe.fma(0x3F800000u, 0x3F800000u, snan), kCanonicalNan);
}

}  // namespace
