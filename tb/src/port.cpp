#include "sailsim/tb/port.hpp"

namespace sailsim::tb {
namespace {

axi4::CheckerConfig checker_config(const std::string& name, const SimulationConfig& config) {
  axi4::CheckerConfig checker;
  checker.port = name;
  checker.policy = config.checker_policy;
  return checker;
}

}  // namespace

Port::Port(AxiPortWires wires, const SimulationConfig& config)
    : log(config.log_capacity), checker(pins, checker_config(wires.name, config)), wires_(std::move(wires)) {}

}  // namespace sailsim::tb
