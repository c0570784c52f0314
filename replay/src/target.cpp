// The Sail card as a target: a shim::Device's when the build has the driver shim, else a
// bare SailCard (and ioctl steps are refused before anything runs). Its ports are named
// host (the host BFM on s_*) and ddr (the memory on m_*).
#include "sailsim/replay/target.hpp"

#include <cerrno>
#include <stdexcept>

#ifdef SAILSIM_REPLAY_HAVE_SHIM
#include "sailsim/shim/device.hpp"
#endif

namespace sailsim::replay {

int Target::ioctl(unsigned long, void*) {
  throw std::logic_error("ioctl steps need the Sail card through the driver shim");
}

bool names_port(std::string_view name, const std::string& port) {
  if (name == port) return true;
  return !port.empty() && port.back() == '_' && name == std::string_view(port).substr(0, port.size() - 1);
}

axi4::MemoryPortConfig TargetConfig::memory_for(const std::string& port) const {
  for (const auto& [name, config] : memory_ports) {
    if (names_port(name, port)) return config;
  }
  return card.memory;
}

const Target::HostSide* Target::find_host(std::string_view name) const {
  for (const HostSide& h : hosts_) {
    if (names_port(name, h.port->name())) return &h;
  }
  return nullptr;
}

const Target::MemorySide* Target::find_memory(std::string_view name) const {
  for (const MemorySide& m : memories_) {
    if (names_port(name, m.port->name())) return &m;
  }
  return nullptr;
}

std::string Target::port_list() const {
  std::string out;
  for (const HostSide& h : hosts_) out += (out.empty() ? "" : ", ") + h.port->name() + " (slave)";
  for (const MemorySide& m : memories_) out += (out.empty() ? "" : ", ") + m.port->name() + " (master)";
  return out.empty() ? "none" : out;
}

namespace {

// The card's settings: its one memory port is ddr.
card::CardConfig card_config(const TargetConfig& config) {
  card::CardConfig c = config.card;
  c.memory = config.memory_for("ddr");
  return c;
}

// The card's two ports as the runner sees them.
class SailTarget : public Target {
 protected:
  void describe(card::SailCard& card) {
    hosts_ = {{&card.host_port(), &card.host()}};
    memories_ = {{&card.ddr_port(), &card.ddr(), &card.memory()}};
  }

 public:
  tb::Kernel& kernel() override { return card()->kernel(); }
  std::string what() const override { return "the Sail card"; }
};

class CardTarget final : public SailTarget {
 public:
  explicit CardTarget(const TargetConfig& config) : card_(card_config(config)) { describe(card_); }
  card::SailCard* card() override { return &card_; }

 private:
  card::SailCard card_;
};

#ifdef SAILSIM_REPLAY_HAVE_SHIM
class ShimTarget final : public SailTarget {
 public:
  explicit ShimTarget(const TargetConfig& config) : device_(make_config(config)) { describe(device_.card()); }
  card::SailCard* card() override { return &device_.card(); }
  int ioctl(unsigned long request, void* arg) override { return device_.ioctl(request, arg); }

 private:
  static shim::DeviceConfig make_config(const TargetConfig& config) {
    shim::DeviceConfig c;
    c.card = card_config(config);
    return c;
  }
  shim::Device device_;
};
#endif

}  // namespace

bool shim_available() {
#ifdef SAILSIM_REPLAY_HAVE_SHIM
  return true;
#else
  return false;
#endif
}

std::unique_ptr<Target> make_target(const TargetConfig& config, bool ioctl) {
#ifdef SAILSIM_REPLAY_HAVE_SHIM
  if (ioctl) return std::make_unique<ShimTarget>(config);
#else
  (void)ioctl;
#endif
  return std::make_unique<CardTarget>(config);
}

}  // namespace sailsim::replay
