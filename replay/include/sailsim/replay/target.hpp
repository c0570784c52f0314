// What a sequence runs on: the Sail card (a SailCard, through the driver shim when the
// sequence has ioctl steps), or another team's Verilated design (sailsim::dut). A target is a
// simulation kernel with a host BFM on each RTL slave port and a memory model on each RTL
// master port; only the Sail card has the Sail-specific parts (irq, engine, ioctl).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sailsim/axi4/host.hpp"
#include "sailsim/axi4/memory.hpp"
#include "sailsim/axi4/memory_port.hpp"
#include "sailsim/card/sail_card.hpp"
#include "sailsim/tb/kernel.hpp"
#include "sailsim/tb/port.hpp"

namespace sailsim::replay {

// How a sequence's config sets up a target: the memory models' timing (config.memory, and
// config.memory.ports for one port), the host BFMs, the kernel (watchdog, FST, logs).
struct TargetConfig {
  card::CardConfig card{};  // its memory: every memory port's settings unless overridden
  std::vector<std::pair<std::string, axi4::MemoryPortConfig>> memory_ports{};  // by port name
  // The memory settings of the port named `port`: an override naming it, else card.memory.
  axi4::MemoryPortConfig memory_for(const std::string& port) const;
};

class Target {
 public:
  // An RTL slave port and the host BFM driving it.
  struct HostSide {
    tb::Port* port = nullptr;
    axi4::Host* host = nullptr;
  };
  // An RTL master port and the memory model answering it.
  struct MemorySide {
    tb::Port* port = nullptr;
    axi4::MemoryPort* model = nullptr;
    axi4::Memory* memory = nullptr;
  };

  virtual ~Target() = default;
  virtual tb::Kernel& kernel() = 0;
  // For reports: "the Sail card", "the DUT axi_mem".
  virtual std::string what() const = 0;
  // The Sail card, for the steps only it has (wait, ioctl, expect_log master); null on any
  // other design.
  virtual card::SailCard* card() { return nullptr; }
  // ioctl(2) as the shim implements it: 0, or a negative errno (Sail card through the shim only).
  virtual int ioctl(unsigned long request, void* arg);

  // In bind order; the first of each is the default of a step that names no port.
  const std::vector<HostSide>& hosts() const { return hosts_; }
  const std::vector<MemorySide>& memories() const { return memories_; }
  // By port name; a name may be written without its prefix's trailing '_' ("s0" for "s0_").
  // Null when there is none.
  const HostSide* find_host(std::string_view name) const;
  const MemorySide* find_memory(std::string_view name) const;
  // "host (slave), ddr (master)": the ports, for error messages.
  std::string port_list() const;

 protected:
  std::vector<HostSide> hosts_;
  std::vector<MemorySide> memories_;
};

// Makes the target of one run from the sequence's config; RunOptions::target, empty for the Sail card.
using TargetFactory = std::function<std::unique_ptr<Target>(const TargetConfig&)>;

// Whether this build can run ioctl steps.
bool shim_available();

// A fresh Sail card with `config`; through the shim when `ioctl` is set (and the shim is built).
std::unique_ptr<Target> make_target(const TargetConfig& config, bool ioctl);

// Whether `name` names `port` (exactly, or without the port's trailing '_').
bool names_port(std::string_view name, const std::string& port);

}  // namespace sailsim::replay
