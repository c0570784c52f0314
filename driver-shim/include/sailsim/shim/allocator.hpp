// shim::Allocator: the DDR ranges MEM_ALLOC hands out. First fit over [base, end), any power
// of two alignment, free ranges coalesced on release; allocated ranges never overlap.
// Pure bookkeeping (no bus traffic), so it has its own unit tests.
#pragma once

#include <cstdint>
#include <map>

namespace sailsim::shim {

class Allocator {
 public:
  static constexpr uint64_t kDefaultAlign = 4096;

  Allocator(uint64_t base, uint64_t end);

  // 0 and *addr set, or -EINVAL (size 0, align not a power of two; align 0 means
  // kDefaultAlign), or -ENOMEM (no free range holds it).
  int allocate(uint64_t size, uint64_t align, uint64_t* addr);
  // 0, or -EINVAL when addr is not the start of an allocated range.
  int release(uint64_t addr);

  uint64_t base() const { return base_; }
  uint64_t end() const { return end_; }
  uint64_t bytes_free() const;
  uint64_t bytes_allocated() const;
  // Start -> size, in address order.
  const std::map<uint64_t, uint64_t>& free_ranges() const { return free_; }
  const std::map<uint64_t, uint64_t>& allocated() const { return used_; }

 private:
  uint64_t base_;
  uint64_t end_;
  std::map<uint64_t, uint64_t> free_;  // start -> size, never adjacent (coalesced)
  std::map<uint64_t, uint64_t> used_;  // start -> size
};

}  // namespace sailsim::shim
