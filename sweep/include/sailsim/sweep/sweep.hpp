// sailsim::sweep: the nightly GGML oracle sweep (docs/sweep.md). One run of
//   ggml      N random row dot products, each in the generic and the fused order, sailsim's
//             C++ reference (sailsim::ggml) against the real GGML (sailsim::ggml::Oracle);
//   rtl-rows  N random rows through the Verilated q4k_dot lane (rtl/q4k_dot.sv, the engine's
//             row datapath) in both orders, against sailsim's reference;
// every result compared bit for bit by sailsim's one rule (ggml::match_result: equal bits; a
// NaN meets any NaN). Each mismatch is printed and saved (CaseWriter) as a vector case whose
// expected values are GGML's own. Inputs: rows.hpp. The same seed and count give the same
// inputs and the same text.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "sailsim/ggml/blocks.hpp"
#include "sailsim/ggml/dot.hpp"
#include "sailsim/sweep/rows.hpp"

namespace sailsim::ggml {
class Oracle;
}

namespace sailsim::sweep {

// What a sweep checks against: sailsim's reference by default. Tests pass a deliberately wrong
// one to drive the mismatch path.
using DotFn = std::function<float(ggml::DotOrder, std::span<const ggml::BlockQ4K>, std::span<const ggml::BlockQ8K>)>;
DotFn sailsim_reference();

// A setting the sweep cannot run with (the oracle, its fused library, the mismatch folder):
// what() is one line naming it. The command line exits 2.
struct SettingError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The RTL lane stopped answering (exit 3).
struct LaneHang : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The largest counts a run accepts: more is a mistake, not a night (docs/sweep.md sizes the plan).
inline constexpr uint64_t kMaxDots = 100'000'000;
inline constexpr uint64_t kMaxRows = 10'000'000;
// Rows are 1..this many blocks.
inline constexpr size_t kGgmlMaxBlocks = 8;
inline constexpr size_t kRtlMaxBlocks = 16;
// Mismatches printed and saved per run; more are counted only (a systematic fault would
// otherwise write a case per dot).
inline constexpr size_t kMaxSaved = 100;

struct SweepOptions {
  uint64_t seed = 0;
  uint64_t count = 0;                          // dots (ggml) or rows (rtl-rows)
  std::filesystem::path mismatches = "mismatches";
  DotFn reference;                             // empty: sailsim_reference()
  size_t max_saved = kMaxSaved;
};

struct Mismatch {
  uint64_t index = 0;
  ggml::DotOrder order = ggml::DotOrder::Generic;
  uint32_t expected = 0, actual = 0;
  std::string row;                 // Row::describe()
  std::filesystem::path written;   // the case folder, or empty (not saved: see save_error)
  std::string save_error;
};

struct Report {
  std::string kind;                // "ggml" or "rtl-rows"
  uint64_t seed = 0;
  uint64_t count = 0;              // dots or rows run
  uint64_t generic = 0, fused = 0; // comparisons per order
  uint64_t blocks = 0;             // block pairs over all rows (one order)
  uint64_t mismatches = 0;
  uint64_t nan_for_nan = 0;        // comparisons that matched as NaN against a NaN of other bits
  uint64_t expected_inf = 0, expected_nan = 0;  // comparisons whose expected value is infinite / a NaN
  uint64_t rtl_cycles = 0;         // rtl-rows: lane clock cycles, both orders
  std::map<RowClass, uint64_t> classes;
  uint64_t edge_pairs_mixed = 0;   // rows with a named edge pair mixed in
  uint64_t digest = 0;             // of every input block and every expected result, in order
  std::vector<Mismatch> shown;     // the first max_saved mismatches
  size_t saved = 0;
  bool ok() const { return mismatches == 0; }
};

// Throws SettingError when the oracle cannot run the fused order (libggml-cpu-haswell.so
// missing, or this CPU lacks what it needs).
void require_fused_order(const ggml::Oracle& oracle);

// The command that repeats a run, e.g. "sailsim sweep ggml --seed 42 --dots 10000".
std::string command_of(const std::string& kind, uint64_t seed, uint64_t count);
// The last line of a run's output, e.g.
// "sweep ggml: 10000 dots (generic 10000, fused 10000), 0 mismatches, seed 42".
std::string summary_line(const Report& r);

// The runs. `out` gets the header, one line per mismatch as it is found and the footer
// lines (the summary last). Throw SettingError (the oracle, the folder) before comparing
// anything, LaneHang if the lane hangs.
Report run_ggml_sweep(const ggml::Oracle& oracle, const SweepOptions& options, std::ostream& out);
Report run_rtl_rows_sweep(const ggml::Oracle& oracle, const SweepOptions& options, std::ostream& out);

}  // namespace sailsim::sweep
