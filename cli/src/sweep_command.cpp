#include "sweep_command.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <ostream>

#include "sailsim/cli/exit_codes.hpp"
#include "sailsim/ggml/oracle.hpp"
#include "sailsim/sweep/sweep.hpp"

namespace sailsim::cli {

CLI::App* add_sweep_command(CLI::App& app, SweepOptions& o) {
  CLI::App* cmd = app.add_subcommand("sweep", "one run of the nightly GGML oracle sweep (docs/sweep.md)");
  cmd->add_option("kind", o.kind,
                  "ggml (sailsim's C++ reference against the real GGML, generic and fused orders) | rtl-rows (the "
                  "Verilated q4k_dot lane against the reference, both orders)");
  cmd->add_option("--seed", o.seed, "the seed of the inputs (required; record it: the same seed and count repeat the run)");
  cmd->add_option("--dots", o.dots, "ggml: random row dot products, 1 to " + std::to_string(sweep::kMaxDots));
  cmd->add_option("--rows", o.rows, "rtl-rows: random rows, 1 to " + std::to_string(sweep::kMaxRows));
  cmd->add_option("--mismatches", o.mismatches,
                  "the folder that gets one vector case per mismatch and their index.yaml (created on the first)")
      ->capture_default_str();
  return cmd;
}

namespace {

// A plain decimal number of 1 to 20 digits that fits 64 bits.
bool parse_u64(const std::string& v, uint64_t& out) {
  if (v.empty() || v.size() > 20 || v.find_first_not_of("0123456789") != std::string::npos) return false;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && end == v.data() + v.size();
}

}  // namespace

int run_sweep(const SweepOptions& o, std::ostream& out, std::ostream& err) {
  if (o.kind != "ggml" && o.kind != "rtl-rows") {
    err << "sailsim sweep: " << (o.kind.empty() ? std::string("no kind") : "unknown kind '" + o.kind + "'")
        << ": expected ggml or rtl-rows\n";
    return kExitBadInput;
  }
  const std::string who = "sailsim sweep " + o.kind + ": ";
  const bool ggml = o.kind == "ggml";
  const char* count_flag = ggml ? "--dots" : "--rows";
  const std::string& count_text = ggml ? o.dots : o.rows;
  const uint64_t max = ggml ? sweep::kMaxDots : sweep::kMaxRows;
  if (!(ggml ? o.rows : o.dots).empty()) {
    err << who << (ggml ? "--rows" : "--dots") << " is not a setting of " << o.kind << " (it counts " << count_flag << ")\n";
    return kExitBadInput;
  }
  sweep::SweepOptions s;
  if (o.seed.empty()) {
    err << who << "--seed is required (the plan records it: the same seed and count repeat the run)\n";
    return kExitBadInput;
  }
  if (!parse_u64(o.seed, s.seed)) {
    err << who << "--seed '" << o.seed << "': expected a decimal integer from 0 to 18446744073709551615\n";
    return kExitBadInput;
  }
  if (count_text.empty()) {
    err << who << count_flag << " is required (how many " << (ggml ? "dots" : "rows") << " to run)\n";
    return kExitBadInput;
  }
  if (!parse_u64(count_text, s.count) || s.count == 0 || s.count > max) {
    err << who << count_flag << " '" << count_text << "': expected a count from 1 to " << max << "\n";
    return kExitBadInput;
  }
  s.mismatches = o.mismatches;
  const ggml::Oracle* oracle = nullptr;
  try {
    oracle = &ggml::Oracle::shared();
  } catch (const ggml::OracleUnavailable& e) {
    err << who << e.what() << "\n";
    return kExitBadInput;
  }
  try {
    const sweep::Report r = ggml ? sweep::run_ggml_sweep(*oracle, s, out) : sweep::run_rtl_rows_sweep(*oracle, s, out);
    return r.ok() ? kExitOk : kExitCheckFailed;
  } catch (const sweep::SettingError& e) {
    err << who << e.what() << "\n";
    return kExitBadInput;
  } catch (const sweep::LaneHang& e) {
    err << who << e.what() << "\n";
    return kExitTimeout;
  }
}

}  // namespace sailsim::cli
