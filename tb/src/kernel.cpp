#include "sailsim/tb/kernel.hpp"

#include <algorithm>
#include <stdexcept>

namespace sailsim::tb {

namespace {
ContextEndHook g_context_end_hook = nullptr;
}  // namespace

void set_context_end_hook(ContextEndHook hook) { g_context_end_hook = hook; }
ContextEndHook context_end_hook() { return g_context_end_hook; }

Kernel::Kernel(SimulationConfig config) : config_(std::move(config)) {
  if (config_.fst_first_cycle > config_.fst_last_cycle) {
    throw std::invalid_argument("the FST window ends (cycle " + std::to_string(config_.fst_last_cycle) +
                                ") before it starts (cycle " + std::to_string(config_.fst_first_cycle) + ")");
  }
}

Kernel::~Kernel() = default;

Port& Kernel::bind(AxiPortWires wires, std::string name) {
  if (!name.empty()) wires.name = std::move(name);
  if (wires.name.empty()) throw std::invalid_argument("an AXI port needs a name");
  for (const auto& existing : ports_) {
    if (existing->name() == wires.name) {
      throw std::invalid_argument("a port named '" + wires.name + "' is already bound; give bind() another name");
    }
    if (existing->wires().awvalid.storage() == wires.awvalid.storage()) {
      throw std::invalid_argument("the signals of port '" + wires.name + "' are already bound as port '" +
                                  existing->name() + "'");
    }
  }
  ports_.push_back(std::make_unique<Port>(std::move(wires), config_));
  return *ports_.back();
}

Port& Kernel::port(std::string_view name) {
  return const_cast<Port&>(static_cast<const Kernel&>(*this).port(name));
}

const Port& Kernel::port(std::string_view name) const {
  for (const auto& p : ports_) {
    if (p->name() == name) return *p;
  }
  std::string known;
  for (const auto& p : ports_) known += (known.empty() ? "" : ", ") + p->name();
  throw std::invalid_argument("no port named '" + std::string(name) + "' (bound: " +
                              (known.empty() ? "none" : known) + ")");
}

std::vector<Port*> Kernel::ports() {
  std::vector<Port*> all;
  for (auto& p : ports_) all.push_back(p.get());
  return all;
}

std::vector<const Port*> Kernel::ports() const {
  std::vector<const Port*> all;
  for (const auto& p : ports_) all.push_back(p.get());
  return all;
}

namespace {

void require_free(const Port& port, const char* what) {
  if (port.host() != nullptr || port.memory() != nullptr) {
    throw std::invalid_argument(std::string("cannot attach ") + what + " to port '" + port.name() +
                                "': it already has a model driving its pins");
  }
}

}  // namespace

axi4::Host& Kernel::attach_host(Port& port, axi4::HostConfig config) {
  if (port.role() != PortRole::RtlSlave) {
    throw std::invalid_argument("cannot attach a host to port '" + port.name() +
                                "': it is a master port of the RTL (prefix m_); a host drives a slave port (s_)");
  }
  require_free(port, "a host");
  if (config.port == axi4::HostConfig{}.port) config.port = port.name();
  if (config.log == nullptr) config.log = &port.log;
  hosts_.push_back(std::make_unique<axi4::Host>(port.pins, std::move(config)));
  port.host_ = hosts_.back().get();
  components_.push_back(port.host_);
  return *port.host_;
}

axi4::MemoryPort& Kernel::attach_memory(Port& port, axi4::Memory& memory, axi4::MemoryPortConfig config) {
  if (port.role() != PortRole::RtlMaster) {
    throw std::invalid_argument("cannot attach a memory to port '" + port.name() +
                                "': it is a slave port of the RTL (prefix s_); a memory answers a master port (m_)");
  }
  require_free(port, "a memory");
  if (config.port == axi4::MemoryPortConfig{}.port) config.port = port.name();
  memories_.push_back(std::make_unique<axi4::MemoryPort>(port.pins, memory, &port.log, std::move(config)));
  port.memory_ = memories_.back().get();
  components_.push_back(port.memory_);
  return *port.memory_;
}

void Kernel::add(axi4::Component& component) { components_.push_back(&component); }

void Kernel::reset(uint64_t cycles) {
  // rst_ni is asynchronous: the models drop their state (and so their VALIDs) as it falls,
  // not one edge later, as AXI4 asks of every interface in reset.
  for (axi4::Component* component : components_) component->reset_asserted();
  for (uint64_t i = 0; i < cycles; ++i) cycle_once(true);
  set_reset(false);  // released after the last reset edge, also for step_bare()
}

void Kernel::step() { cycle_once(false); }

void Kernel::run(uint64_t cycles) {
  for (uint64_t i = 0; i < cycles; ++i) cycle_once(false);
}

bool Kernel::run_until(const std::function<bool()>& done, uint64_t max_cycles) {
  for (uint64_t i = 0; i < max_cycles; ++i) {
    if (done()) return true;
    cycle_once(false);
  }
  return done();
}

void Kernel::cycle_once(bool reset) {
  set_reset(reset);
  // The models drive from registered state only, so the RTL sees this cycle's values
  // after one evaluation, and its combinational answers are read back before the edge.
  for (axi4::Component* component : components_) component->drive();
  for (const auto& port : ports_) port->wires_.to_rtl(port->pins);
  clock_edge(false, 2 * cycle_);
  for (const auto& port : ports_) port->wires_.from_rtl(port->pins);
  trace_point(2 * cycle_);

  const axi4::Tick tick{cycle_, reset};
  for (const auto& port : ports_) port->checker.sample(tick);
  for (axi4::Component* component : components_) component->sample(tick);
  const bool hung = watch(reset);
  // The report shows the pins of the cycle that hung, so it is written before the edge.
  std::string hang_report;
  const uint64_t stalled = stalled_cycles_;
  if (hung) {
    hang_report = "watchdog: no handshake on any port for " + std::to_string(stalled) +
                  " cycles while transactions were pending; stopped at cycle " + std::to_string(cycle_) + "\n" +
                  report(config_.report_transactions);
    stalled_cycles_ = 0;  // a caller that catches HangError may go on
  }

  clock_edge(true, 2 * cycle_ + 1);
  trace_point(2 * cycle_ + 1);
  ++cycle_;
  if (hung) throw HangError(cycle_ - 1, stalled, std::move(hang_report));
}

namespace {

bool any_handshake(const axi4::AxiPins& p) {
  return (p.awvalid && p.awready) || (p.wvalid && p.wready) || (p.bvalid && p.bready) || (p.arvalid && p.arready) ||
         (p.rvalid && p.rready);
}

bool any_valid(const axi4::AxiPins& p) { return p.awvalid || p.wvalid || p.bvalid || p.arvalid || p.rvalid; }

}  // namespace

bool Kernel::watch(bool reset) {
  bool progress = false;
  bool pending = false;
  for (const auto& port : ports_) {
    progress = progress || any_handshake(port->pins);
    // The checker already tracks every request until its response: it is the port's memory
    // of what is owed, whatever model sits on the port.
    pending = pending || any_valid(port->pins) || !port->checker.idle() ||
              (port->host_ != nullptr && !port->host_->idle()) || (port->memory_ != nullptr && !port->memory_->idle());
  }
  if (reset || progress || !pending) {
    stalled_cycles_ = 0;
    return false;
  }
  ++stalled_cycles_;
  return config_.watchdog_cycles != 0 && stalled_cycles_ >= config_.watchdog_cycles;
}

void Kernel::set_trace_sink(std::unique_ptr<TraceSink> sink) { trace_ = std::move(sink); }

void Kernel::close_trace() {
  if (trace_ && trace_open_) trace_->close();
  trace_open_ = false;
  trace_.reset();
}

void Kernel::trace_point(uint64_t time) {
  if (!trace_ || cycle_ < config_.fst_first_cycle) return;
  if (!trace_open_) {
    trace_->open(config_.fst_path);
    trace_open_ = true;
  }
  trace_->dump(time);
  if (time % 2 == 1) {
    ++traced_cycles_;
    if (cycle_ == config_.fst_last_cycle) close_trace();  // the window's last edge
  }
}

uint64_t Kernel::violations() const {
  uint64_t total = 0;
  for (const auto& port : ports_) total += port->checker.count();
  return total;
}

}  // namespace sailsim::tb

#if defined(__SANITIZE_ADDRESS__)
// LeakSanitizer's built-in suppressions for every program that runs a simulation. Verilator
// 5.006's Verilated::catName keeps a thread_local name buffer that it never frees, so each
// thread that constructs a model (sailsim replay -j N) ends with one small "leak" that is not
// ours to fix. Defined here because every such program links the kernel.
// Quietly: a program's output must not depend on how many threads it used.
extern "C" const char* __lsan_default_suppressions() { return "leak:Verilated::catName\n"; }
extern "C" const char* __lsan_default_options() { return "print_suppressions=0"; }
#endif
