// `sailsim vectors DIR...`: GGML reference vector sets, every output compared bit for bit.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace sailsim::cli {

struct VectorsOptions {
  std::vector<std::string> dirs;
  std::string engine = "rtl";  // "rtl" (the Sail card) or "ref" (the C++ reference)
  std::vector<std::string> alternates;  // "fused", "simd", "all"
  bool quantizers = false;
  size_t max_mismatches = 8;
};

// Registers the subcommand; `options` receives what was parsed.
CLI::App* add_vectors_command(CLI::App& app, VectorsOptions& options);

// Runs it; returns the exit code.
int run_vectors(const VectorsOptions& options, std::ostream& out, std::ostream& err);

}  // namespace sailsim::cli
