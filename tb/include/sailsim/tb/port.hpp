// One bound AXI4 port of the simulation: the Verilated signals, the pins the C++ models
// share, the port's transaction log, and the protocol checker every port has.
#pragma once

#include <string>

#include "sailsim/axi4/checker.hpp"
#include "sailsim/axi4/host.hpp"
#include "sailsim/axi4/log.hpp"
#include "sailsim/axi4/memory_port.hpp"
#include "sailsim/axi4/pins.hpp"
#include "sailsim/tb/config.hpp"
#include "sailsim/tb/port_wires.hpp"

namespace sailsim::tb {

class Port {
 public:
  Port(AxiPortWires wires, const SimulationConfig& config);
  Port(const Port&) = delete;  // the checker and the models hold references to pins
  Port& operator=(const Port&) = delete;

  const std::string& name() const { return wires_.name; }
  PortRole role() const { return wires_.role; }
  const AxiPortWires& wires() const { return wires_; }
  // The model attached with Simulation::attach_host / attach_memory, or null.
  axi4::Host* host() const { return host_; }
  axi4::MemoryPort* memory() const { return memory_; }

  axi4::AxiPins pins;     // what the C++ models drive and sample
  axi4::Log log;          // the attached host's or memory's completed transactions
  axi4::Checker checker;  // on the pins, always

 private:
  friend class Kernel;

  AxiPortWires wires_;
  axi4::Host* host_ = nullptr;
  axi4::MemoryPort* memory_ = nullptr;
};

}  // namespace sailsim::tb
