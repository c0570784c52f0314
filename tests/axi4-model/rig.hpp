// A host wired straight to a memory port, with a checker on the same pins: the setup most
// tests share. It is also what docs/axi4-model.md shows a user writing.
#pragma once

#include <cstdint>
#include <vector>

#include "sailsim/axi4/bench.hpp"
#include "sailsim/axi4/checker.hpp"
#include "sailsim/axi4/host.hpp"
#include "sailsim/axi4/log.hpp"
#include "sailsim/axi4/memory.hpp"
#include "sailsim/axi4/memory_port.hpp"

namespace sailsim::axi4::test {

struct Rig {
  AxiPins pins;
  Memory memory;
  Log log;
  MemoryPort ram;
  Checker checker;
  Host host;
  Bench bench;

  explicit Rig(MemoryPortConfig memory_port = {}, HostConfig host_config = {}, CheckerConfig checker_config = {},
               MemoryConfig memory_config = {}, size_t log_capacity = 4096)
      : memory(memory_config),
        log(log_capacity),
        ram(pins, memory, &log, std::move(memory_port)),
        checker(pins, std::move(checker_config)),
        host(pins, std::move(host_config)) {
    bench.add(host);
    bench.add(ram);
    bench.add(checker);
  }

  // Run until the host has nothing queued or in flight; false on timeout.
  bool settle(uint64_t max_cycles = 1'000'000) {
    return bench.run_until([this] { return host.idle(); }, max_cycles);
  }
};

inline std::vector<uint8_t> iota_bytes(size_t n, uint8_t start = 0) {
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>(start + i);
  return v;
}

// A checker on the "ddr" port that stops the test at the first violation.
inline CheckerConfig strict() {
  CheckerConfig c;
  c.port = "ddr";
  c.policy = CheckerPolicy::Throw;
  return c;
}

}  // namespace sailsim::axi4::test
