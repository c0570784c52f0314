// SailCard: a whole simulated Sail card in a few calls. The Verilated sail_top in the
// simulation kernel, the host bus functional model on its host port, the C++ memory model on
// its DDR port, checkers and logs on both. Operands go into DDR through the back door; jobs
// go to the command queue over AXI, as a driver would write them; completion is the irq_o
// line; the engine's counters are read over AXI.
//
//   card::SailCard card;
//   card.load(0x10000, a_bytes);
//   card.load(0x20000, b_bytes);
//   card::JobRun run = card.run_job(descriptor);   // submit, wait for the IRQ, read status
//   std::vector<uint8_t> out = card.peek(0x30000, n * m * 4);
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "sailsim/axi4/host.hpp"
#include "sailsim/axi4/memory.hpp"
#include "sailsim/axi4/memory_port.hpp"
#include "sailsim/rtl/sail_desc.hpp"
#include "sailsim/tb/config.hpp"
#include "sailsim/tb/port.hpp"

class Vsail_top;

namespace sailsim::tb {
class Kernel;
struct ClkIRstNi;
template <class Top, class ClockReset>
class Simulation;
}

namespace sailsim::card {

// A host-side access failed (an error response, or no answer in time).
class CardError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CardConfig {
  axi4::MemoryPortConfig memory{};  // DDR timing, back-pressure, errors
  tb::SimulationConfig simulation{};
  axi4::HostConfig host{};  // the host BFM: BREADY / RREADY chance, seed (sequence config.host)
  uint64_t host_timeout_cycles = 1'000'000;  // for one register access
};

// The engine's performance counters (sail_pkg / sail_map.hpp).
struct Counters {
  uint64_t busy_cycles = 0;
  uint64_t bytes_read = 0;
  uint64_t bytes_written = 0;
  uint64_t read_stalls = 0;
  uint64_t jobs_done = 0;
  uint64_t jobs_failed = 0;
};

// What a job did, as the control block reports it.
struct JobRun {
  rtl::JobError error = rtl::JobError::None;
  uint32_t tag = 0;
  uint64_t cycles = 0;  // from the end of the descriptor write to the interrupt
  Counters counters{};  // the job's own (the counters are cleared before it)
  bool completed = false;  // the interrupt came within the time allowed
};

class SailCard {
 public:
  explicit SailCard(CardConfig config = {});
  ~SailCard();
  SailCard(const SailCard&) = delete;
  SailCard& operator=(const SailCard&) = delete;

  // ---- Back door (no bus traffic, no cycles) ----
  void load(uint64_t addr, std::span<const uint8_t> bytes);
  std::vector<uint8_t> peek(uint64_t addr, size_t size) const;

  // ---- Registers over the host port (throw CardError on an error response) ----
  uint32_t read32(uint32_t offset);
  uint64_t read64(uint32_t offset);
  void write32(uint32_t offset, uint32_t value);
  Counters counters();
  void clear_counters();

  // ---- Jobs ----
  // Writes the descriptor to the command queue in one burst: OKAY, or SLVERR when full.
  axi4::Resp submit(const rtl::JobDescriptor& job);
  // Runs until irq_o is high; false if max_cycles pass first.
  bool wait_irq(uint64_t max_cycles);
  bool irq() const;
  // The top's busy_o: a job in the engine or waiting in the queue (no bus traffic to ask).
  bool engine_busy() const;
  // The top's queued_o: descriptors waiting in the command queue (STATUS[15:8], no bus traffic).
  unsigned queued() const;
  // Runs the card for a number of cycles (the watchdog still watches).
  void run(uint64_t cycles);
  // Enables both interrupts, clears the counters, submits, waits for the interrupt, reads
  // the job's tag, error and counters, and clears the interrupt. One job at a time.
  JobRun run_job(const rtl::JobDescriptor& job, uint64_t max_cycles = 50'000'000);

  // ---- The parts, for anything the calls above do not cover ----
  tb::Simulation<Vsail_top, tb::ClkIRstNi>& simulation();
  tb::Kernel& kernel();  // the same, as the kernel (no Verilated header needed)
  Vsail_top& top();
  axi4::Host& host() { return *host_; }
  axi4::Memory& memory() { return memory_; }
  axi4::MemoryPort& ddr() { return *ddr_; }
  tb::Port& host_port() { return *host_port_; }
  tb::Port& ddr_port() { return *ddr_port_; }
  uint64_t cycle() const;
  // The kernel's views: protocol checkers on both ports, and the state report (channels,
  // outstanding requests, last transactions).
  bool checkers_clean() const;
  std::string checker_report() const;
  std::string report() const;
  // rst_ni low for a few cycles: the RTL, the BFM and the memory port restart; memory
  // contents stay.
  void reset();

 private:
  void settle(const char* what, uint64_t offset);

  CardConfig config_;
  axi4::Memory memory_;
  std::unique_ptr<tb::Simulation<Vsail_top, tb::ClkIRstNi>> sim_;
  tb::Port* host_port_ = nullptr;
  tb::Port* ddr_port_ = nullptr;
  axi4::Host* host_ = nullptr;
  axi4::MemoryPort* ddr_ = nullptr;
};

}  // namespace sailsim::card
