// shim::Device: one simulated Sail card behind the Spanker UAPI (spanker_ioctl.h). Every
// ioctl becomes real AXI4 traffic on the card's host port (sailsim::card), as a Linux driver
// would make it: PING reads the ID register, MEM_WRITE / MEM_READ / MEM_COPY are bursts,
// WORK_SUBMIT writes the descriptor to the command queue in one burst, WAIT waits for the
// interrupt. Used by the C ABI (sailsim.h), the LD_PRELOAD interposer and `sailsim replay`.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "sailsim/card/sail_card.hpp"
#include "spanker_ioctl.h"

namespace sailsim::shim {

class Allocator;

// spanker_wait.status of a job that failed, or may have failed, but ended in the same
// observation as other jobs, so that the card's LAST_ERROR no longer names its code
// (docs/driver-shim.md, "Which job failed"). WAIT answers EIO for it: never a false success.
inline constexpr uint32_t kStatusUnknown = 0xFFFF'FFFF;

struct DeviceConfig {
  card::CardConfig card{};
  // What GET_VERSION reports: the shim's own ABI by default; 0.1.0 stands in for a v0.1 driver.
  spanker_version version{SPANKER_ABI_VERSION_MAJOR, SPANKER_ABI_VERSION_MINOR, SPANKER_ABI_VERSION_PATCH, 0};
  uint64_t default_wait_ns = 1'000'000'000;  // WAIT with timeout_ns = 0 (1 GHz: cycles)
};

class Device {
 public:
  explicit Device(DeviceConfig config = {});
  ~Device();
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  // 0, or a negative errno (-ENOTTY, -EFAULT, -EINVAL, -ENOMEM, -ETIMEDOUT, -EIO, -EBUSY,
  // -ENODEV). `arg` is the user pointer ioctl(2) got; it is checked before use (EFAULT).
  // Only the low 32 bits of `request` count, as in the kernel.
  int ioctl(unsigned long request, void* arg);

  card::SailCard& card();
  const DeviceConfig& config() const;
  // MEM_ALLOC's bookkeeping (for tests and tools).
  const Allocator& allocator() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sailsim::shim
