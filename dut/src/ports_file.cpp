// The ports file (ports_file.hpp), read as every input file is (vecset::load_yaml_file).
#include "sailsim/dut/ports_file.hpp"

#include <yaml-cpp/yaml.h>

#include "sailsim/vecset/yaml_file.hpp"

namespace sailsim::dut {

namespace {

std::string scalar(const std::filesystem::path& file, const YAML::Node& node, const char* what) {
  if (!node.IsScalar() || node.Scalar().empty()) throw vecset::InputError(file, node, std::string("expected a ") + what);
  return node.Scalar();
}

}  // namespace

std::vector<Binding> load_ports_file(const std::filesystem::path& file) {
  const YAML::Node root = vecset::load_yaml_file(file);
  if (!root.IsMap()) throw vecset::InputError(file, root, "expected a map with ports: [{prefix: s_, role: slave}, ...]");
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (it->first.Scalar() != "ports") throw vecset::InputError(file, it->first, "unknown key '" + it->first.Scalar() + "': expected ports");
  }
  const YAML::Node ports = root["ports"];
  if (!ports || !ports.IsSequence() || ports.size() == 0) {
    throw vecset::InputError(file, ports ? ports : root, "expected ports: a list of at least one {prefix, role}");
  }
  std::vector<Binding> bindings;
  for (const YAML::Node& p : ports) {
    if (!p.IsMap()) throw vecset::InputError(file, p, "expected a map {prefix: PREFIX, role: slave | master}");
    Binding b;
    bool has_prefix = false, has_role = false;
    for (auto it = p.begin(); it != p.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (key == "prefix") {
        b.prefix = scalar(file, it->second, "port prefix (s_, m0_, ...)");
        has_prefix = true;
      } else if (key == "role") {
        const std::string role = scalar(file, it->second, "role: slave or master");
        if (role == "slave") b.role = tb::PortRole::RtlSlave;
        else if (role == "master") b.role = tb::PortRole::RtlMaster;
        else throw vecset::InputError(file, it->second, "bad role '" + role + "': expected slave (the RTL's slave port) or master");
        has_role = true;
      } else {
        throw vecset::InputError(file, it->first, "unknown key '" + key + "': expected prefix or role");
      }
    }
    if (!has_prefix || !has_role) throw vecset::InputError(file, p, std::string("this port needs ") + (has_prefix ? "role" : "prefix"));
    bindings.push_back(b);
  }
  return bindings;
}

}  // namespace sailsim::dut
