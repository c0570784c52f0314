// A Design as a replay target: a fresh simulation with the chosen ports bound, sailsim's host
// BFM on each RTL slave port, a memory model (its own axi4::Memory) on each RTL master port, a
// protocol checker and a transaction log on every port, and the kernel's watchdog over all.
// The ports are named by their prefixes ("s_", "m0_"), in the logs and the reports alike.
#pragma once

#include <stdexcept>
#include <vector>

#include "sailsim/dut/design.hpp"
#include "sailsim/replay/target.hpp"

namespace sailsim::dut {

// A binding the design cannot take: a prefix it lacks, a role its directions contradict, a
// port bound twice, nothing bound.
class BindingError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Checks `bindings` against the design (BindingError naming the first problem).
void check_bindings(const Design& design, const std::vector<Binding>& bindings);

// A fresh target of `design` with `bindings` (check_bindings first), reset, for one run.
std::unique_ptr<replay::Target> make_target(const Design& design, const std::vector<Binding>& bindings,
                                            const replay::TargetConfig& config);

// The replay::TargetFactory of the design: a fresh target per run. `design` must outlive it.
replay::TargetFactory target_factory(const Design& design, std::vector<Binding> bindings);

}  // namespace sailsim::dut
