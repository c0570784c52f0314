// Simulation<Top, ClockReset>: the kernel with a Verilated model. It creates and owns the
// VerilatedContext and the Top, drives its clock and reset through ClockReset (clock_reset.hpp:
// clk_i and active-low rst_ni by default, any names and either polarity with
// SAILSIM_CLOCK_RESET), and is all a test needs to co-simulate RTL with the C++ AXI4 models:
//
//   Simulation<Vaxi_wire> sim;
//   Port& s = sim.bind(SAILSIM_AXI_PORT(&sim.top(), s_));
//   Port& m = sim.bind(SAILSIM_AXI_PORT(&sim.top(), m_), "ddr");
//   axi4::Host& host = sim.attach_host(s);
//   sim.attach_memory(m, memory);
//   sim.reset();
//   host.write(0x10000, bytes);
//   sim.run_until([&] { return host.idle(); }, 100000);
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include <verilated.h>
#include <verilated_fst_c.h>

#include "sailsim/tb/clock_reset.hpp"
#include "sailsim/tb/config.hpp"
#include "sailsim/tb/kernel.hpp"
#include "sailsim/tb/port_wires.hpp"

namespace sailsim::tb {

// Whether Top was Verilated with FST trace support (sailsim_verilated_model(... TRACE)).
template <class Top>
concept FstTraceable = requires(Top& top, VerilatedFstC* fst, int levels) { top.trace(fst, levels); };

namespace detail {

// An FST file on a model; only instantiated for models that can trace, so that a model
// without trace support does not need Verilator's FST writer at link time.
template <class Top>
class FstSink final : public TraceSink {
 public:
  FstSink(Top& top, int levels) { top.trace(&fst_, levels); }
  ~FstSink() override { close(); }

  void open(const std::string& path) override {
    // One time unit is 1 ns: cycle c is at 2c (clock low) and 2c + 1 (rising edge).
    fst_.set_time_unit("1ns");
    fst_.set_time_resolution("1ns");
    fst_.open(path.c_str());
    if (!fst_.isOpen()) throw std::runtime_error("cannot open the FST file " + path);
  }
  void dump(uint64_t time) override { fst_.dump(time); }
  void close() override {
    if (fst_.isOpen()) fst_.close();
  }

 private:
  VerilatedFstC fst_;
};

}  // namespace detail

template <class Top, class ClockReset = ClkIRstNi>
class Simulation final : public Kernel {
 public:
  explicit Simulation(SimulationConfig config = {}) : Kernel(std::move(config)) {
    const bool fst = !this->config().fst_path.empty();
    if constexpr (!FstTraceable<Top>) {
      if (fst) {
        throw std::invalid_argument("an FST waveform (" + this->config().fst_path +
                                    ") needs a model Verilated with trace support: "
                                    "sailsim_verilated_model(... TRACE)");
      }
    }
    context_ = std::make_unique<VerilatedContext>();
    if (this->config().random_initial_seed != 0) {
      context_->randReset(2);
      context_->randSeed(this->config().random_initial_seed);
    } else {
      context_->randReset(0);  // uninitialised state is zeros: the same run every time
    }
    if (fst) context_->traceEverOn(true);  // before the model exists, or it records nothing
    top_ = std::make_unique<Top>(context_.get(), "TOP");
    ClockReset::clock(*top_, false);
    ClockReset::reset(*top_, false);
    // Settle once with reset released, so that reset() is an edge of the reset: the model's
    // record of its previous value may be random (--x-initial unique), and without an edge
    // an asynchronous reset would wait for the first clock edge.
    top_->eval();
    if constexpr (FstTraceable<Top>) {
      if (fst) set_trace_sink(std::make_unique<detail::FstSink<Top>>(*top_, this->config().fst_levels));
    }
  }

  ~Simulation() override {
    close_trace();  // the waveform refers to the model: finish it first
    top_->final();
    // Coverage counters live in the model: they are read now, before it goes.
    if (const ContextEndHook hook = context_end_hook()) hook(*context_);
  }

  Top& top() { return *top_; }
  const Top& top() const { return *top_; }
  VerilatedContext& context() { return *context_; }

  // The bare model: one clock cycle with nothing else (no ports, models, checkers, trace or
  // watchdog), for measuring what the kernel costs. cycle() counts it.
  void step_bare() {
    ClockReset::clock(*top_, false);
    top_->eval();
    ClockReset::clock(*top_, true);
    top_->eval();
    count_bare_cycle();
  }

 private:
  void set_reset(bool asserted) override { ClockReset::reset(*top_, asserted); }
  void clock_edge(bool level, uint64_t time) override {
    context_->time(time);
    ClockReset::clock(*top_, level);
    top_->eval();
  }

  std::unique_ptr<VerilatedContext> context_;
  std::unique_ptr<Top> top_;
};

}  // namespace sailsim::tb
