// sailsim-coverage only (docs/coverage.md): as each simulation ends, its model's coverage goes
// into $SAILSIM_COVERAGE_FILE (default coverage.dat in the current folder). The first
// simulation of the process writes the file; later ones add their counts to it, so that one
// process leaves one file whatever it simulated.
#include <verilated.h>
#include <verilated_cov.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <string>

#include "sailsim/coverage/coverage_data.hpp"
#include "sailsim/tb/kernel.hpp"

namespace sailsim::cli {

namespace {

std::mutex g_mutex;
bool g_written = false;

std::string coverage_file() {
  const char* env = std::getenv("SAILSIM_COVERAGE_FILE");
  return env && *env ? env : "coverage.dat";
}

void write_coverage(VerilatedContext& context) {
  const std::lock_guard<std::mutex> lock(g_mutex);
  const std::string file = coverage_file();
  try {
    if (!g_written) {
      context.coveragep()->write(file.c_str());
      if (!std::filesystem::exists(file)) throw coverage::CoverageError(file + ": Verilator wrote nothing");
      g_written = true;
      return;
    }
    const std::string part = file + ".part";
    context.coveragep()->write(part.c_str());
    coverage::CoverageData merged = coverage::CoverageData::read(file);
    merged.merge(coverage::CoverageData::read(part));
    merged.write(file);
    std::filesystem::remove(part);
  } catch (const std::exception& e) {
    std::cerr << "sailsim-coverage: the coverage of a simulation was not saved: " << e.what() << "\n";
  }
}

}  // namespace

void install_coverage_writer() { tb::set_context_end_hook(&write_coverage); }

}  // namespace sailsim::cli
