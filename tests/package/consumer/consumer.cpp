// Uses the installed sailsim the way another project would: the AXI4 memory model with its
// snapshot, then a YAML sequence (argv[1]) replayed on the Verilated Sail card. Prints what
// tests/package/package_test.py compares with the installed `sailsim replay`.
#include <cstdio>
#include <exception>
#include <iostream>

#include "sailsim/axi4/memory.hpp"
#include "sailsim/replay/loader.hpp"
#include "sailsim/replay/runner.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer SEQUENCE.yaml\n";
    return 2;
  }
  sailsim::axi4::Memory memory;
  sailsim::axi4::Line line{};
  for (size_t i = 0; i < line.size(); ++i) line[i] = static_cast<uint8_t>(i + 1);
  memory.write_line(0x1000, line, 0x0000FFFFu);  // the low 16 bytes only
  const sailsim::axi4::Snapshot snapshot = memory.snapshot();
  if (snapshot.empty()) return 1;
  std::printf("memory lines %zu first 0x%llx byte15 %u byte16 %u\n", snapshot.size(),
              static_cast<unsigned long long>(snapshot.begin()->first), snapshot.begin()->second[15],
              snapshot.begin()->second[16]);
  try {
    const sailsim::replay::Sequence sequence = sailsim::replay::load_sequence(argv[1]);
    const sailsim::replay::RunResult result = sailsim::replay::run_sequence(sequence);
    std::printf("replay %s steps %zu cycles %llu\n", sailsim::replay::outcome_name(result.code), result.steps_run,
                static_cast<unsigned long long>(result.cycles));
    return result.code;
  } catch (const std::exception& e) {
    std::cerr << "consumer: " << e.what() << "\n";
    return 2;
  }
}
