// A Verilated design other than the Sail card, as sailsim runs it: its AXI4 ports (found in
// its Verilated header by sailsim_add_dut), which of them to bind, and a way to make a fresh
// simulation of it. The program sailsim_add_dut builds fills a Design and calls
// program_main (program.hpp); a C++ test can use make_target (dut_target.hpp) directly.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sailsim/tb/config.hpp"
#include "sailsim/tb/kernel.hpp"
#include "sailsim/tb/port_wires.hpp"
#include "sailsim/tb/simulation.hpp"

namespace sailsim::dut {

// One simulation of the design: the kernel with the model, and its ports' signals by prefix.
class Instance {
 public:
  virtual ~Instance() = default;
  virtual tb::Kernel& kernel() = 0;
  // The signals of the AXI4 port `prefix` (one of Design::ports), role and ID width set.
  virtual tb::AxiPortWires wires(const std::string& prefix) = 0;
};

using InstanceMaker = std::function<std::unique_ptr<Instance>(const tb::SimulationConfig&)>;

// An AXI4 port the design has.
struct PortInfo {
  std::string prefix;  // "s_", "m0_", ...
  tb::PortRole role = tb::PortRole::RtlSlave;  // from the direction of its awvalid
  unsigned id_width = 0;
};

// A port to bind, and the role the binding says it has.
struct Binding {
  std::string prefix;
  tb::PortRole role = tb::PortRole::RtlSlave;
};

struct Design {
  std::string name;         // the sailsim_add_dut name (the program's)
  std::string top;          // the top module
  std::string clock_reset;  // "clock clk, reset rst_n (active low)", for reports
  std::vector<PortInfo> ports;    // every AXI4 port of the top
  std::vector<Binding> bindings;  // the default: the ports the CMake call named, in its order
  InstanceMaker make;

  const PortInfo* find_port(const std::string& prefix) const;
};

namespace detail {

template <class Top, class ClockReset>
class ModelInstance final : public Instance {
 public:
  using WiresOf = tb::AxiPortWires (*)(Top&, const std::string&);
  ModelInstance(const tb::SimulationConfig& config, WiresOf wires_of) : sim_(config), wires_of_(wires_of) {}
  tb::Kernel& kernel() override { return sim_; }
  tb::AxiPortWires wires(const std::string& prefix) override { return wires_of_(sim_.top(), prefix); }

 private:
  tb::Simulation<Top, ClockReset> sim_;
  WiresOf wires_of_;
};

}  // namespace detail

// The InstanceMaker of a Verilated model Top driven through ClockReset (clock_reset.hpp),
// its ports' signals given by wires_of.
template <class Top, class ClockReset>
InstanceMaker instance_maker(tb::AxiPortWires (*wires_of)(Top&, const std::string&)) {
  return [wires_of](const tb::SimulationConfig& config) -> std::unique_ptr<Instance> {
    return std::make_unique<detail::ModelInstance<Top, ClockReset>>(config, wires_of);
  };
}

}  // namespace sailsim::dut
