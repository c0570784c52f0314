// The setup most kernel tests share: axi_wire (s_* wired straight to m_*) with a host on
// s_ and a memory on m_ ("ddr").
#pragma once

#include <cstdint>
#include <vector>

#include "Vaxi_wire.h"
#include "sailsim/axi4/memory.hpp"
#include "sailsim/tb/simulation.hpp"

namespace sailsim::tb::test {

struct WireRig {
  axi4::Memory memory;
  Simulation<Vaxi_wire> sim;
  Port& s;
  Port& ddr;
  axi4::Host& host;
  axi4::MemoryPort& ram;

  explicit WireRig(SimulationConfig config = {}, axi4::MemoryPortConfig memory_config = {},
                   axi4::HostConfig host_config = {})
      : sim(std::move(config)),
        s(sim.bind(SAILSIM_AXI_PORT(&sim.top(), s_))),
        ddr(sim.bind(SAILSIM_AXI_PORT(&sim.top(), m_), "ddr")),
        host(sim.attach_host(s, std::move(host_config))),
        ram(sim.attach_memory(ddr, memory, std::move(memory_config))) {
    sim.reset();
  }

  bool settle(uint64_t max_cycles = 1'000'000) {
    return sim.run_until([this] { return host.idle(); }, max_cycles);
  }
};

inline std::vector<uint8_t> iota_bytes(size_t n, uint8_t start = 0) {
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>(start + i);
  return v;
}

}  // namespace sailsim::tb::test
