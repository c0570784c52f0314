// rtl-rows: random rows through the Verilated q4k_dot lane, in the generic order (fused_i = 0)
// and the fused order (fused_i = 1), each result against sailsim's reference bit for bit.
#include <algorithm>
#include <ostream>

#include "rtl_lane.hpp"
#include "sailsim/ggml/float_bits.hpp"
#include "sailsim/ggml/oracle.hpp"
#include "sailsim/sweep/sweep.hpp"
#include "sweep_run.hpp"

namespace sailsim::sweep {

using ggml::DotOrder;

namespace {

// Rows per stream through the lane; every other batch runs with random valid/ready stalls.
constexpr uint64_t kBatch = 128;
constexpr double kStall = 0.15;

}  // namespace

Report run_rtl_rows_sweep(const ggml::Oracle& oracle, const SweepOptions& options, std::ostream& out) {
  SweepRun run(oracle, options, "rtl-rows", out);
  out << "sweep rtl-rows: seed " << options.seed << ", " << options.count << " rows of 1.." << kRtlMaxBlocks
      << " blocks through the Verilated q4k_dot lane (rtl/q4k_dot.sv), generic and fused orders, against "
         "sailsim::ggml; batches of "
      << kBatch << " rows back to back, every other batch with " << kStall * 100 << "% valid/ready stalls\n";
  const Quantizers q = oracle_quantizers(oracle);
  Lane generic(false), fused(true);
  for (uint64_t first = 0; first < options.count; first += kBatch) {
    const uint64_t n = std::min(kBatch, options.count - first);
    std::vector<Row> rows;
    rows.reserve(n);
    for (uint64_t i = first; i < first + n; ++i) {
      rows.push_back(random_row(options.seed, i, kRtlMaxBlocks, q));
      run.count_row(rows.back());
    }
    const uint64_t batch = first / kBatch;
    const double stall = batch % 2 ? kStall : 0.0;
    Rng stalls(row_seed(~options.seed, batch));
    const std::vector<uint32_t> got_generic = generic.run(rows, stall, stalls);
    const std::vector<uint32_t> got_fused = fused.run(rows, stall, stalls);
    for (uint64_t j = 0; j < n; ++j) {
      const Row& row = rows[j];
      ++run.report.count;
      for (DotOrder order : {DotOrder::Generic, DotOrder::Fused}) {
        const uint32_t want = ggml::bits_of(run.reference(order, row.x, row.y));
        const uint32_t got = (order == DotOrder::Generic ? got_generic : got_fused)[j];
        std::string note;
        if (!ggml::matches_result(want, got)) {
          // The case saved holds GGML's value; say when the reference disagrees with it too.
          const uint32_t g = ggml::bits_of(oracle.vec_dot(order, row.x, row.y));
          if (!ggml::matches_result(g, want)) {
            note = "; GGML gives " + ggml::describe_bits(g) + (ggml::matches_result(g, got) ? ", as the RTL does" : "");
          }
        }
        run.compare(first + j, order, want, got, row, run.reference_name,
                    order == DotOrder::Generic ? "RTL: the q4k_dot lane, fused_i = 0" : "RTL: the q4k_dot lane, fused_i = 1",
                    note);
      }
    }
  }
  run.report.rtl_cycles = generic.cycles() + fused.cycles();
  run.finish("; " + std::to_string(run.report.rtl_cycles) + " lane cycles");
  return run.report;
}

}  // namespace sailsim::sweep
