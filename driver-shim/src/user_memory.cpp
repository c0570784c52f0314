#include "sailsim/shim/user_memory.hpp"

#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

namespace sailsim::shim {

namespace {

constexpr size_t kChunk = 64 * 1024;

bool in_range(uint64_t user, size_t n) {
  return user != 0 && n <= UINTPTR_MAX && user <= UINTPTR_MAX - n;
}

// One direction of process_vm_*v on ourselves, looping over partial transfers.
template <bool kWrite>
bool transfer(void* local, uint64_t user, size_t n) {
  if (n == 0) return user != 0;
  if (!in_range(user, n)) return false;
  const pid_t self = getpid();
  size_t done = 0;
  while (done < n) {
    iovec l{static_cast<char*>(local) + done, n - done};
    iovec r{reinterpret_cast<void*>(static_cast<uintptr_t>(user + done)), n - done};
    const ssize_t got = kWrite ? process_vm_writev(self, &l, 1, &r, 1, 0) : process_vm_readv(self, &l, 1, &r, 1, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (got == 0) return false;
    done += static_cast<size_t>(got);
  }
  return true;
}

}  // namespace

bool copy_from_user(void* dst, uint64_t user, size_t n) { return transfer<false>(dst, user, n); }

bool copy_to_user(uint64_t user, const void* src, size_t n) {
  return transfer<true>(const_cast<void*>(src), user, n);
}

bool user_readable(uint64_t user, size_t n) {
  if (n == 0) return user != 0;
  if (!in_range(user, n)) return false;
  std::vector<char> scratch(std::min(n, kChunk));
  for (size_t off = 0; off < n; off += kChunk) {
    if (!copy_from_user(scratch.data(), user + off, std::min(kChunk, n - off))) return false;
  }
  return true;
}

bool user_writable(uint64_t user, size_t n) {
  if (n == 0) return user != 0;
  if (!in_range(user, n)) return false;
  std::vector<char> scratch(std::min(n, kChunk));
  for (size_t off = 0; off < n; off += kChunk) {
    const size_t len = std::min(kChunk, n - off);
    if (!copy_from_user(scratch.data(), user + off, len) || !copy_to_user(user + off, scratch.data(), len)) return false;
  }
  return true;
}

}  // namespace sailsim::shim
