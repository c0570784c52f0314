// The job descriptor's checks: the RTL (sail_desc_check, Verilated) and the C++ side
// (sailsim/rtl/sail_desc.hpp) must give the same verdict and the same effective strides for
// every descriptor: each rule on its own, the edges of the DDR window, overflowing extents,
// and random descriptors.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "Vsail_desc_check.h"
#include "sailsim/rtl/sail_desc.hpp"

namespace sailsim {
namespace {

using rtl::JobDescriptor;
using rtl::JobError;

class DescCheck : public ::testing::Test {
 protected:
  JobError rtl_verdict(const JobDescriptor& d) {
    const auto words = d.words();
    for (unsigned i = 0; i < JobDescriptor::kWords; ++i) model_.desc_i[i] = words[i];
    model_.eval();
    return static_cast<JobError>(model_.error_o);
  }
  void expect_same(const JobDescriptor& d, JobError expected) {
    EXPECT_EQ(rtl::check(d), expected) << describe(d);
    EXPECT_EQ(rtl_verdict(d), expected) << describe(d);
  }
  static std::string describe(const JobDescriptor& d) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "A 0x%llx B 0x%llx OUT 0x%llx M %u K %u N %u strides %u %u %u flags 0x%x",
                  static_cast<unsigned long long>(d.a), static_cast<unsigned long long>(d.b),
                  static_cast<unsigned long long>(d.out), d.m, d.k, d.n, d.a_stride, d.b_stride, d.out_stride, d.flags);
    return buf;
  }
  // MockSail's job: A at 0x10000, B at 0x20000, OUT at 0x30000.
  static JobDescriptor mocksail(uint32_t m, uint32_t k, uint32_t n) {
    JobDescriptor d;
    d.a = 0x10000, d.b = 0x20000, d.out = 0x30000, d.m = m, d.k = k, d.n = n;
    return d;
  }

  VerilatedContext context_;
  Vsail_desc_check model_{&context_, "desc"};
};

TEST_F(DescCheck, EachRuleOnItsOwn) {
  expect_same(mocksail(4, 256, 2), JobError::None);
  expect_same(mocksail(4, 0, 2), JobError::BadK);
  expect_same(mocksail(4, 300, 2), JobError::BadK);
  expect_same(mocksail(1, rtl::kMaxK, 1), JobError::None);  // the longest K the buffer holds
  expect_same(mocksail(1, rtl::kMaxK + 256, 1), JobError::BadK);
  expect_same(mocksail(0, 256, 2), JobError::BadShape);
  expect_same(mocksail(4, 256, 0), JobError::BadShape);
  JobDescriptor d = mocksail(4, 256, 2);
  d.flags = JobDescriptor::kFlagFused;
  expect_same(d, JobError::None);
  d.flags = 2;
  expect_same(d, JobError::BadFlags);
  d = mocksail(4, 256, 2);
  d.reserved[1] = 1;
  expect_same(d, JobError::BadFlags);
  d = mocksail(4, 512, 2);
  d.a_stride = 287;  // a row is 288 bytes
  expect_same(d, JobError::BadStride);
  d.a_stride = 288;
  expect_same(d, JobError::None);
  d.b_stride = 583;  // 584
  expect_same(d, JobError::BadStride);
  d = mocksail(4, 256, 2);
  d.out_stride = 12;  // 16
  expect_same(d, JobError::BadStride);
  d.out_stride = 18;
  expect_same(d, JobError::BadAlign);
  d = mocksail(4, 256, 2);
  d.out = 0x30002;
  expect_same(d, JobError::BadAlign);
  d = mocksail(4, 256, 2);
  d.a = 0xFFFF;  // the control block, not DDR
  expect_same(d, JobError::BadAddress);
}

TEST_F(DescCheck, TheEdgesOfDdr) {
  // A ends exactly at DDR's end: fine; one byte later: not.
  JobDescriptor d = mocksail(2, 256, 1);
  d.a = rtl::kDdrEnd - 2 * 144;
  expect_same(d, JobError::None);
  d.a += 1;
  expect_same(d, JobError::BadAddress);
  d = mocksail(2, 256, 1);
  d.b = rtl::kDdrStart;
  d.out = rtl::kDdrEnd - 8;
  expect_same(d, JobError::None);
  d.b = rtl::kDdrStart - 292;
  expect_same(d, JobError::BadAddress);
  // Strided rows: the last row decides.
  d = mocksail(3, 256, 1);
  d.a_stride = 0x1000;
  d.a = rtl::kDdrEnd - 2 * 0x1000 - 144;
  expect_same(d, JobError::None);
  d.a += 4;
  expect_same(d, JobError::BadAddress);
}

TEST_F(DescCheck, HugeFieldsNeverWrapIntoARange) {
  JobDescriptor d = mocksail(0x3FFF'FFFF, 256, 1);  // 144 GiB of A rows
  expect_same(d, JobError::BadAddress);
  d = mocksail(0xFFFF'FFFF, 256, 1);  // an OUT row of 16 GiB does not fit a 32-bit stride
  expect_same(d, JobError::BadStride);
  d = mocksail(4, 0xFFFF'FF00, 1);  // a 4.9 GB B row: refused for K over the buffer first
  expect_same(d, JobError::BadK);
  d = mocksail(0x4000'0000, 256, 1);  // OUT row of 4 GiB
  expect_same(d, JobError::BadStride);
  d = mocksail(1, 256, 0xFFFF'FFFF);
  d.b_stride = 0xFFFF'FFFF;
  expect_same(d, JobError::BadAddress);
  d = mocksail(1, 256, 1);
  d.a = 0xFFFF'FFFF'FFFF'FF00ull;  // past the 48-bit space
  expect_same(d, JobError::BadAddress);
}

TEST_F(DescCheck, RandomDescriptorsAgree) {
  std::mt19937_64 rng(42);
  auto pick = [&](std::vector<uint64_t> choices) { return choices[rng() % choices.size()]; };
  std::array<unsigned, 9> seen{};
  for (int i = 0; i < 200000; ++i) {
    JobDescriptor d;
    d.m = static_cast<uint32_t>(pick({0, 1, 7, 256, 4096, 0xFFFF'FFFF, rng() % 64, rng()}));
    d.k = static_cast<uint32_t>(pick({0, 256, 4096, 300, 256 * (rng() % 64), rtl::kMaxK, rtl::kMaxK + 256, rng()}));
    d.n = static_cast<uint32_t>(pick({0, 1, 8, 40, rng() % 64, rng()}));
    auto address = [&] {
      return pick({0x10000, 0x3FFF'0000, rtl::kDdrEnd - (rng() % 0x20000), rtl::kDdrStart + (rng() % 0x100000),
                   rng() % 0x10000, rng(), rng() % (uint64_t{1} << 48)});
    };
    d.a = address(), d.b = address(), d.out = address();
    auto stride = [&] { return static_cast<uint32_t>(pick({0, 0, 144, 288, 4096, rng() % 0x10000, rng()})); };
    d.a_stride = stride(), d.b_stride = stride(), d.out_stride = stride();
    d.flags = static_cast<uint32_t>(pick({0, 1, 0, 1, 2, rng()}));
    d.reserved[0] = rng() % 50 == 0 ? 1 : 0;
    d.tag = static_cast<uint32_t>(rng());
    const JobError expected = rtl::check(d);
    ASSERT_EQ(rtl_verdict(d), expected) << describe(d);
    ++seen[static_cast<unsigned>(expected)];
  }
  // Every verdict a descriptor can get occurs often enough to mean something.
  for (unsigned e = 0; e <= static_cast<unsigned>(JobError::BadAddress); ++e) {
    EXPECT_GT(seen[e], 200u) << rtl::to_string(static_cast<JobError>(e));
  }
}

// from_words undoes words(): every field, the reserved words and the 64-bit halves.
TEST(JobDescriptorWords, FromWordsIsTheInverseOfWords) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 1000; ++i) {
    std::array<uint32_t, JobDescriptor::kWords> w;
    for (auto& x : w) x = static_cast<uint32_t>(rng());
    EXPECT_EQ(JobDescriptor::from_words(w).words(), w);
  }
}

}  // namespace
}  // namespace sailsim
