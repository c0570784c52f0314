// Access to "user" memory as a Linux driver's copy_from_user / copy_to_user would do it: an
// address the caller handed over (the ioctl argument, or a pointer inside it) is never
// dereferenced; the bytes move with process_vm_readv / process_vm_writev on this very
// process, which fail with EFAULT on an unmapped (or, for writes, read-only) page instead of
// crashing. NULL is always a fault.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sailsim::shim {

// true: all n bytes moved. false: a fault (nothing is promised about partial copies).
bool copy_from_user(void* dst, uint64_t user, size_t n);
bool copy_to_user(uint64_t user, const void* src, size_t n);

// Whether [user, user + n) can be read / written, without changing it (a write check reads
// the bytes and writes the same bytes back).
bool user_readable(uint64_t user, size_t n);
bool user_writable(uint64_t user, size_t n);

}  // namespace sailsim::shim
