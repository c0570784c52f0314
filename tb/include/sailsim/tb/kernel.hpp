// The simulation kernel: everything about a co-simulation that does not depend on which
// Verilated module it runs (Simulation<Top> adds the model). It owns the bound ports, their
// checkers and attached models, runs the cycle, the watchdog and the FST window, and writes
// the reports.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sailsim/axi4/component.hpp"
#include "sailsim/axi4/host.hpp"
#include "sailsim/axi4/memory.hpp"
#include "sailsim/axi4/memory_port.hpp"
#include "sailsim/tb/config.hpp"
#include "sailsim/tb/hang_error.hpp"
#include "sailsim/tb/port.hpp"
#include "sailsim/tb/port_wires.hpp"

class VerilatedContext;

namespace sailsim::tb {

// Called by every Simulation as it ends, after its model's final() and before the model is
// destroyed: the coverage flavour (sailsim-coverage) writes the model's coverage there.
// Process-wide; nullptr (the default) calls nothing.
using ContextEndHook = void (*)(VerilatedContext&);
void set_context_end_hook(ContextEndHook hook);
ContextEndHook context_end_hook();

// Where the waveform goes; Simulation<Top> provides an FST one when the model can trace.
class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void open(const std::string& path) = 0;
  virtual void dump(uint64_t time) = 0;
  virtual void close() = 0;
};

class Kernel {
 public:
  explicit Kernel(SimulationConfig config);
  virtual ~Kernel();
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  // Binds a port of the model; name overrides wires.name. Names are unique
  // (std::invalid_argument otherwise). The port gets a log and a checker.
  Port& bind(AxiPortWires wires, std::string name = "");
  // std::invalid_argument if there is no such port.
  Port& port(std::string_view name);
  const Port& port(std::string_view name) const;
  std::vector<Port*> ports();
  std::vector<const Port*> ports() const;

  // A host driving an RtlSlave port, owned by the simulation. Its log is the port's unless
  // config.log is set; config.port left at "host" becomes the port's name.
  axi4::Host& attach_host(Port& port, axi4::HostConfig config = {});
  // A memory answering an RtlMaster port; memory is not owned and may serve several ports.
  // It logs into the port's log; config.port left at "ddr" becomes the port's name.
  axi4::MemoryPort& attach_memory(Port& port, axi4::Memory& memory, axi4::MemoryPortConfig config = {});
  // A user's model (not owned), driven and sampled every cycle like the attached ones.
  void add(axi4::Component& component);

  // rst_ni low for `cycles` cycles (every component sees Tick::reset), then high.
  void reset(uint64_t cycles = 4);
  // One clock cycle (see docs/simulation-kernel.md for the order). Throws HangError when the
  // watchdog fires, after completing the cycle.
  void step();
  void run(uint64_t cycles);
  // Steps until done() holds (checked before each cycle) or max_cycles have run; returns
  // whether done() held.
  bool run_until(const std::function<bool()>& done, uint64_t max_cycles);
  // Cycles run so far (the number of the next cycle).
  uint64_t cycle() const { return cycle_; }

  // Checkers of every port.
  bool checkers_clean() const { return violations() == 0; }
  uint64_t violations() const;
  // Every kept violation of every port (rule, port, channel, cycle, values), at most
  // kMaxReportLines lines, with a per-rule count for each port.
  std::string checker_report() const;
  static constexpr size_t kMaxReportLines = 200;

  // The state of every port: channels, outstanding requests, the last `last_n` transactions.
  std::string report(size_t last_n) const;
  std::string report() const { return report(config_.report_transactions); }

  // Cycles written to the FST so far (0: no file was opened).
  uint64_t traced_cycles() const { return traced_cycles_; }
  const SimulationConfig& config() const { return config_; }

 protected:
  // What the model layer provides.
  virtual void set_reset(bool asserted) = 0;               // rst_ni = !asserted
  virtual void clock_edge(bool level, uint64_t time) = 0;  // clk_i = level, then eval()
  // Called by the model layer: its trace sink (before the first step) and its end.
  void set_trace_sink(std::unique_ptr<TraceSink> sink);
  void close_trace();
  // A cycle run by the model layer alone (no models, checkers, trace or watchdog).
  void count_bare_cycle() { ++cycle_; }

 private:
  void cycle_once(bool reset);
  void trace_point(uint64_t time);
  // Records this edge's handshakes; true when the watchdog fires.
  bool watch(bool reset);
  std::string port_report(const Port& port, size_t last_n) const;

  SimulationConfig config_;
  std::vector<std::unique_ptr<Port>> ports_;
  std::vector<std::unique_ptr<axi4::Host>> hosts_;
  std::vector<std::unique_ptr<axi4::MemoryPort>> memories_;
  std::vector<axi4::Component*> components_;  // attached and added, in that order
  uint64_t cycle_ = 0;
  uint64_t stalled_cycles_ = 0;

  std::unique_ptr<TraceSink> trace_;
  bool trace_open_ = false;
  uint64_t traced_cycles_ = 0;
};

}  // namespace sailsim::tb
