// The DUT program (program.hpp): sailsim's replay command on a Design.
#include "sailsim/dut/program.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

#include "sailsim/cli/exit_codes.hpp"
#include "sailsim/cli/replay_command.hpp"
#include "sailsim/dut/ports_file.hpp"

namespace sailsim::dut {

namespace {

void print_ports(const Design& design, std::ostream& out) {
  out << design.name << ": top " << design.top << ", " << design.clock_reset << "\n";
  out << "AXI4 ports (prefix, role, ID bits), and whether the build binds them:\n";
  for (const PortInfo& p : design.ports) {
    bool bound = false;
    for (const Binding& b : design.bindings) bound = bound || b.prefix == p.prefix;
    out << "  " << p.prefix << "  " << (p.role == tb::PortRole::RtlSlave ? "slave " : "master") << "  " << p.id_width
        << (bound ? "  bound" : "") << "\n";
  }
}

}  // namespace

int program_main(int argc, char** argv, const Design& design) {
  CLI::App app{design.name + ": sailsim sequences on the Verilated " + design.top + " (sailsim " + SAILSIM_VERSION_STRING + ")"};
  app.require_subcommand(1);
  app.set_version_flag("--version", design.name + " (sailsim " + SAILSIM_VERSION_STRING + ")");
  cli::ReplayOptions replay;
  CLI::App* replay_cmd = cli::add_replay_command(app, replay);
  std::string ports_file;
  replay_cmd->add_option("--ports", ports_file, "bind these ports instead of the build's (a YAML ports file)");
  CLI::App* ports_cmd = app.add_subcommand("ports", "list the design's AXI4 ports and the build's bindings");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? cli::kExitOk : cli::kExitBadInput;
  }
  if (ports_cmd->parsed()) {
    print_ports(design, std::cout);
    return cli::kExitOk;
  }
  try {
    std::vector<Binding> bindings = design.bindings;
    std::string source = "the build's bindings (sailsim_add_dut PORTS)";
    if (!ports_file.empty()) {
      bindings = load_ports_file(ports_file);
      source = "--ports " + ports_file;
    }
    try {
      replay.target = target_factory(design, std::move(bindings));
    } catch (const BindingError& e) {
      std::cerr << design.name << ": " << source << ": " << e.what() << "\n";
      return cli::kExitBadInput;
    }
    return cli::run_replay(replay, std::cout, std::cerr);
  } catch (const vecset::InputError& e) {
    std::cerr << design.name << ": --ports " << e.what() << "\n";
    return cli::kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << design.name << ": internal error: " << e.what() << "\n";
    return cli::kExitCheckFailed;
  }
}

}  // namespace sailsim::dut
