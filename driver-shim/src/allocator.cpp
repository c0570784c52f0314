#include "sailsim/shim/allocator.hpp"

#include <cerrno>
#include <iterator>

namespace sailsim::shim {

Allocator::Allocator(uint64_t base, uint64_t end) : base_(base), end_(end) {
  if (end > base) free_.emplace(base, end - base);
}

int Allocator::allocate(uint64_t size, uint64_t align, uint64_t* addr) {
  if (align == 0) align = kDefaultAlign;
  if (size == 0 || (align & (align - 1)) != 0) return -EINVAL;
  for (auto it = free_.begin(); it != free_.end(); ++it) {
    const uint64_t start = it->first, len = it->second;
    const uint64_t pad = (align - (start & (align - 1))) & (align - 1);
    if (pad > len || size > len - pad) continue;  // no overflow: both sides fit in len
    const uint64_t at = start + pad;
    const uint64_t tail = len - pad - size;
    free_.erase(it);
    if (pad != 0) free_.emplace(start, pad);
    if (tail != 0) free_.emplace(at + size, tail);
    used_.emplace(at, size);
    *addr = at;
    return 0;
  }
  return -ENOMEM;
}

int Allocator::release(uint64_t addr) {
  auto used = used_.find(addr);
  if (used == used_.end()) return -EINVAL;
  uint64_t start = used->first, size = used->second;
  used_.erase(used);
  auto next = free_.lower_bound(start);
  if (next != free_.end() && next->first == start + size) {
    size += next->second;
    next = free_.erase(next);
  }
  if (next != free_.begin()) {
    auto prev = std::prev(next);
    if (prev->first + prev->second == start) {
      prev->second += size;
      return 0;
    }
  }
  free_.emplace(start, size);
  return 0;
}

uint64_t Allocator::bytes_free() const {
  uint64_t total = 0;
  for (const auto& [start, size] : free_) total += size;
  return total;
}

uint64_t Allocator::bytes_allocated() const {
  uint64_t total = 0;
  for (const auto& [start, size] : used_) total += size;
  return total;
}

}  // namespace sailsim::shim
