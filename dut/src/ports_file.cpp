// The ports file (ports_file.hpp).
#include "sailsim/dut/ports_file.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>

namespace sailsim::dut {

namespace {

[[noreturn]] void fail(const std::filesystem::path& file, const YAML::Mark& at, const std::string& message) {
  std::ostringstream os;
  os << file.string();
  if (!at.is_null()) os << ":" << at.line + 1 << ":" << at.column + 1;
  os << ": " << message;
  throw PortsFileError(os.str());
}

std::string scalar(const std::filesystem::path& file, const YAML::Node& node, const char* what) {
  if (!node.IsScalar() || node.Scalar().empty()) fail(file, node.Mark(), std::string("expected a ") + what);
  return node.Scalar();
}

}  // namespace

std::vector<Binding> load_ports_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec) || !in) fail(file, YAML::Mark::null_mark(), "no such file (or not a regular file)");
  YAML::Node root;
  try {
    root = YAML::Load(in);
  } catch (const YAML::Exception& e) {
    fail(file, e.mark, "malformed YAML: " + e.msg);
  }
  if (!root.IsMap()) fail(file, root.Mark(), "expected a map with ports: [{prefix: s_, role: slave}, ...]");
  std::vector<Binding> bindings;
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (it->first.Scalar() != "ports") fail(file, it->first.Mark(), "unknown key '" + it->first.Scalar() + "': expected ports");
  }
  const YAML::Node ports = root["ports"];
  if (!ports || !ports.IsSequence() || ports.size() == 0) {
    fail(file, ports ? ports.Mark() : root.Mark(), "expected ports: a list of at least one {prefix, role}");
  }
  for (const YAML::Node& p : ports) {
    if (!p.IsMap()) fail(file, p.Mark(), "expected a map {prefix: PREFIX, role: slave | master}");
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
        else fail(file, it->second.Mark(), "bad role '" + role + "': expected slave (the RTL's slave port) or master");
        has_role = true;
      } else {
        fail(file, it->first.Mark(), "unknown key '" + key + "': expected prefix or role");
      }
    }
    if (!has_prefix || !has_role) fail(file, p.Mark(), std::string("this port needs ") + (has_prefix ? "role" : "prefix"));
    bindings.push_back(b);
  }
  return bindings;
}

}  // namespace sailsim::dut
