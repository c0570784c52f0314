// shim::Allocator: first fit, alignment, errors, coalescing, and random alloc/free sequences
// that never hand out overlapping ranges.
#include "sailsim/shim/allocator.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <map>
#include <random>
#include <vector>

namespace sailsim::shim {
namespace {

TEST(Allocator, FirstFitAndDefaultAlignment) {
  Allocator a(0x10000, 0x40000);
  uint64_t x = 0, y = 0, z = 0;
  ASSERT_EQ(a.allocate(100, 0, &x), 0);
  EXPECT_EQ(x, 0x10000u);
  ASSERT_EQ(a.allocate(100, 0, &y), 0);
  EXPECT_EQ(y, 0x11000u);  // the next 4 KiB boundary
  ASSERT_EQ(a.allocate(8, 8, &z), 0);
  EXPECT_EQ(z, 0x10068u);  // first fit: the gap after x
  EXPECT_EQ(a.bytes_allocated(), 208u);
}

TEST(Allocator, Errors) {
  Allocator a(0x10000, 0x20000);
  uint64_t x = 0;
  EXPECT_EQ(a.allocate(0, 0, &x), -EINVAL);
  EXPECT_EQ(a.allocate(16, 3, &x), -EINVAL);
  EXPECT_EQ(a.allocate(16, 48, &x), -EINVAL);
  EXPECT_EQ(a.allocate(0x10001, 0, &x), -ENOMEM);
  EXPECT_EQ(a.allocate(~uint64_t{0}, 0, &x), -ENOMEM);
  EXPECT_EQ(a.allocate(16, uint64_t{1} << 63, &x), -ENOMEM);
  EXPECT_EQ(a.release(0x10000), -EINVAL);
  ASSERT_EQ(a.allocate(0x10000, 0, &x), 0);
  EXPECT_EQ(a.release(x + 1), -EINVAL);
  EXPECT_EQ(a.allocate(1, 1, &x), -ENOMEM);
  EXPECT_EQ(a.release(0x10000), 0);
  EXPECT_EQ(a.release(0x10000), -EINVAL);  // twice
}

TEST(Allocator, CoalescesOnRelease) {
  Allocator a(0x10000, 0x20000);
  uint64_t p[4];
  for (auto& x : p) ASSERT_EQ(a.allocate(0x4000, 0, &x), 0);
  uint64_t x = 0;
  EXPECT_EQ(a.allocate(1, 1, &x), -ENOMEM);
  ASSERT_EQ(a.release(p[1]), 0);
  ASSERT_EQ(a.release(p[3]), 0);
  EXPECT_EQ(a.free_ranges().size(), 2u);
  EXPECT_EQ(a.allocate(0x8000, 0, &x), -ENOMEM);  // fragmented
  ASSERT_EQ(a.release(p[2]), 0);                  // joins both neighbours
  EXPECT_EQ(a.free_ranges().size(), 1u);
  ASSERT_EQ(a.allocate(0xC000, 0, &x), 0);
  EXPECT_EQ(x, p[1]);
  ASSERT_EQ(a.release(x), 0);
  ASSERT_EQ(a.release(p[0]), 0);
  ASSERT_EQ(a.free_ranges().size(), 1u);
  EXPECT_EQ(a.free_ranges().begin()->first, 0x10000u);
  EXPECT_EQ(a.free_ranges().begin()->second, 0x10000u);
}

TEST(Allocator, RandomSequencesNeverOverlap) {
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    std::mt19937_64 rng(seed);
    Allocator a(0x10000, 0x10000 + (1u << 20));
    std::map<uint64_t, uint64_t> live;  // start -> size
    for (int step = 0; step < 2000; ++step) {
      if (live.empty() || rng() % 3 != 0) {
        const uint64_t size = 1 + rng() % 20000;
        const uint64_t align = uint64_t{1} << (rng() % 14);
        uint64_t at = 0;
        const int rc = a.allocate(size, align, &at);
        if (rc == -ENOMEM) continue;
        ASSERT_EQ(rc, 0);
        ASSERT_EQ(at % align, 0u);
        ASSERT_GE(at, a.base());
        ASSERT_LE(at + size, a.end());
        auto next = live.lower_bound(at);
        if (next != live.end()) {
          ASSERT_LE(at + size, next->first) << "seed " << seed;
        }
        if (next != live.begin()) {
          auto prev = std::prev(next);
          ASSERT_LE(prev->first + prev->second, at) << "seed " << seed;
        }
        live.emplace(at, size);
      } else {
        auto it = live.begin();
        std::advance(it, static_cast<long>(rng() % live.size()));
        ASSERT_EQ(a.release(it->first), 0);
        live.erase(it);
      }
      ASSERT_EQ(a.bytes_allocated() + a.bytes_free(), a.end() - a.base());
    }
    for (const auto& [at, size] : live) ASSERT_EQ(a.release(at), 0);
    // Everything coalesced back into one range.
    ASSERT_EQ(a.free_ranges().size(), 1u);
    EXPECT_EQ(a.bytes_free(), a.end() - a.base());
  }
}

}  // namespace
}  // namespace sailsim::shim
