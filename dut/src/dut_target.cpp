// A Design as a replay target (dut_target.hpp).
#include "sailsim/dut/dut_target.hpp"

#include <algorithm>
#include <deque>
#include <set>

namespace sailsim::dut {

const PortInfo* Design::find_port(const std::string& prefix) const {
  const auto it = std::find_if(ports.begin(), ports.end(), [&](const PortInfo& p) { return p.prefix == prefix; });
  return it == ports.end() ? nullptr : &*it;
}

namespace {

const char* role_word(tb::PortRole role) { return role == tb::PortRole::RtlSlave ? "slave" : "master"; }

std::string port_names(const Design& design) {
  std::string out;
  for (const PortInfo& p : design.ports) out += (out.empty() ? "" : ", ") + p.prefix + " (" + role_word(p.role) + ")";
  return out.empty() ? "none" : out;
}

class DutTarget final : public replay::Target {
 public:
  DutTarget(const Design& design, const std::vector<Binding>& bindings, const replay::TargetConfig& config)
      : design_(design), instance_(design.make(config.card.simulation)) {
    tb::Kernel& kernel = instance_->kernel();
    for (const Binding& b : bindings) {
      const PortInfo& info = *design.find_port(b.prefix);
      tb::Port& port = kernel.bind(instance_->wires(b.prefix), b.prefix);
      if (b.role == tb::PortRole::RtlSlave) {
        axi4::HostConfig host = config.card.host;
        host.id_bits = info.id_width;
        host.master_id_bits = info.id_width;  // no interconnect in front: every record is master 0
        hosts_.push_back({&port, &kernel.attach_host(port, host)});
      } else {
        axi4::MemoryPortConfig memory = config.memory_for(b.prefix);
        memory.master_id_bits = info.id_width;
        axi4::Memory& store = memories_store_.emplace_back();
        memories_.push_back({&port, &kernel.attach_memory(port, store, memory), &store});
      }
    }
    kernel.reset();
  }

  tb::Kernel& kernel() override { return instance_->kernel(); }
  std::string what() const override { return "the DUT " + design_.name + " (top " + design_.top + ")"; }

 private:
  const Design& design_;
  std::deque<axi4::Memory> memories_store_;  // before instance_: the ports refer to them
  std::unique_ptr<Instance> instance_;
};

}  // namespace

void check_bindings(const Design& design, const std::vector<Binding>& bindings) {
  if (bindings.empty()) {
    throw BindingError("no port of " + design.name + " is bound: bind at least one of " + port_names(design));
  }
  std::set<std::string> seen;
  for (const Binding& b : bindings) {
    const PortInfo* info = design.find_port(b.prefix);
    if (!info) {
      throw BindingError("no AXI4 port '" + b.prefix + "' on " + design.top + ": its ports are " + port_names(design));
    }
    if (info->role != b.role) {
      throw BindingError("port " + b.prefix + " of " + design.top + " is a " + role_word(info->role) +
                         " port (its awvalid is an " + (info->role == tb::PortRole::RtlSlave ? "input" : "output") +
                         "), not a " + role_word(b.role) + " port");
    }
    if (!seen.insert(b.prefix).second) throw BindingError("port " + b.prefix + " is bound twice");
  }
}

std::unique_ptr<replay::Target> make_target(const Design& design, const std::vector<Binding>& bindings,
                                            const replay::TargetConfig& config) {
  check_bindings(design, bindings);
  return std::make_unique<DutTarget>(design, bindings, config);
}

replay::TargetFactory target_factory(const Design& design, std::vector<Binding> bindings) {
  check_bindings(design, bindings);
  return [&design, bindings = std::move(bindings)](const replay::TargetConfig& config) {
    return make_target(design, bindings, config);
  };
}

}  // namespace sailsim::dut
