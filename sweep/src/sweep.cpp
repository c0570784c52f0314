#include "sailsim/sweep/sweep.hpp"

#include <cstdio>
#include <cstring>
#include <ostream>

#include "sailsim/ggml/float_bits.hpp"
#include "sailsim/ggml/oracle.hpp"
#include "sailsim/sweep/case_writer.hpp"
#include "sweep_run.hpp"

namespace sailsim::sweep {

namespace fs = std::filesystem;
using ggml::DotOrder;

DotFn sailsim_reference() {
  return [](DotOrder order, std::span<const ggml::BlockQ4K> x, std::span<const ggml::BlockQ8K> y) {
    return ggml::vec_dot_q4_K_q8_K(order, x, y);
  };
}

void require_fused_order(const ggml::Oracle& oracle) {
  if (oracle.has_alternate_orders()) return;
  const fs::path lib = oracle.libdir() / "libggml-cpu-haswell.so";
  std::error_code ec;
  if (!fs::exists(lib, ec)) {
    throw SettingError("the GGML oracle cannot run the fused order: " + lib.string() +
                       " is missing; scripts/deps.sh installs it (npm @node-llama-cpp/linux-x64@3.22.1), or point "
                       "SAILSIM_GGML_LIBDIR at a GGML build that has it");
  }
  throw SettingError("the GGML oracle cannot run the fused order: this CPU cannot run " + lib.string() +
                     " (it needs AVX2, FMA, F16C and BMI2); run the sweep on a machine that can");
}

std::string command_of(const std::string& kind, uint64_t seed, uint64_t count) {
  return "sailsim sweep " + kind + " --seed " + std::to_string(seed) + (kind == "ggml" ? " --dots " : " --rows ") +
         std::to_string(count);
}

std::string summary_line(const Report& r) {
  const bool ggml = r.kind == "ggml";
  return "sweep " + r.kind + ": " + std::to_string(r.count) + (ggml ? " dots" : " rows") + " (generic " +
         std::to_string(r.generic) + ", fused " + std::to_string(r.fused) + "), " + std::to_string(r.mismatches) +
         (r.mismatches == 1 ? " mismatch" : " mismatches") + ", seed " + std::to_string(r.seed);
}

// ---- what both runs share -------------------------------------------------------------------

uint64_t Digest::mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void Digest::add_bytes(const void* data, size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    add(w);
  }
  uint64_t tail = n;
  for (; i < n; ++i) tail = tail << 8 | p[i];
  add(tail);
}

void Digest::add_row(const Row& row) {
  add(row.blocks());
  add_bytes(row.x.data(), row.x.size() * sizeof(ggml::BlockQ4K));
  add_bytes(row.y.data(), row.y.size() * sizeof(ggml::BlockQ8K));
}

SweepRun::SweepRun(const ggml::Oracle& oracle, const SweepOptions& o, std::string kind, std::ostream& out)
    : oracle_(oracle), options_(o), out_(out), writer_(o.mismatches, oracle) {
  report.kind = std::move(kind);
  report.seed = o.seed;
  require_fused_order(oracle);
  if (const std::string problem = CaseWriter::dir_problem(o.mismatches); !problem.empty()) {
    throw SettingError("the mismatch folder (--mismatches) " + (o.mismatches.empty() ? "" : o.mismatches.string() + " ") +
                       problem);
  }
  reference = o.reference ? o.reference : sailsim_reference();
  reference_name = o.reference ? "the reference under test (SweepOptions::reference)"
                               : "sailsim::ggml::vec_dot_q4_K_q8_K (ggml-ref/)";
}

void SweepRun::count_row(const Row& row) {
  ++report.classes[row.cls];
  report.blocks += row.blocks();
  if (row.edge_pairs_mixed) ++report.edge_pairs_mixed;
  digest.add_row(row);
}

void SweepRun::compare(uint64_t index, DotOrder order, uint32_t expected, uint32_t actual, const Row& row,
                       const std::string& expected_from, const std::string& actual_from, const std::string& note) {
  (order == DotOrder::Generic ? report.generic : report.fused) += 1;
  digest.add(expected);
  if (ggml::is_nan_bits(expected)) {
    ++report.expected_nan;
  } else if ((expected & 0x7FFFFFFFu) == 0x7F800000u) {
    ++report.expected_inf;
  }
  const ggml::ResultMatch m = ggml::match_result(expected, actual);
  if (m == ggml::ResultMatch::exact) return;
  if (m == ggml::ResultMatch::nan_for_nan) {
    ++report.nan_for_nan;
    return;
  }
  ++report.mismatches;
  if (report.shown.size() >= options_.max_saved) {
    if (report.shown.size() == report.mismatches - 1) {
      out_ << "... further mismatches are counted, not printed or saved (at most " << options_.max_saved << " a run)\n";
    }
    return;
  }
  Mismatch mm;
  mm.index = index;
  mm.order = order;
  mm.expected = expected;
  mm.actual = actual;
  mm.row = row.describe();
  const bool ggml_kind = report.kind == "ggml";
  const std::string order_name(ggml::order_name(order));
  CaseInfo info;
  info.name = std::string(ggml_kind ? "sweep_ggml_seed" : "sweep_rtl_seed") + std::to_string(report.seed) +
              (ggml_kind ? "_dot" : "_row") + std::to_string(index) + "_" + order_name;
  info.kind = ggml_kind ? "sweep-ggml" : "sweep-rtl-rows";
  info.command = command_of(report.kind, report.seed, options_.count);
  info.seed = report.seed;
  info.index = index;
  info.order = order;
  info.expected = expected;
  info.actual = actual;
  info.expected_from = expected_from;
  info.actual_from = actual_from;
  try {
    mm.written = writer_.write(info, row);
    ++report.saved;
  } catch (const std::exception& e) {
    mm.save_error = e.what();
  }
  out_ << "MISMATCH " << (ggml_kind ? "dot " : "row ") << index << " " << order_name << " (" << mm.row << "): "
       << (ggml_kind ? "GGML " : "reference ") << ggml::describe_bits(expected) << ", "
       << (ggml_kind ? "sailsim " : "RTL ") << ggml::describe_bits(actual) << ", " << ggml::describe_ulp(expected, actual)
       << note << " -> " << (mm.written.empty() ? "NOT SAVED: " + mm.save_error : mm.written.string()) << "\n";
  report.shown.push_back(std::move(mm));
}

void SweepRun::finish(const std::string& blocks_note) {
  out_ << "rows:";
  const char* sep = " ";
  for (RowClass c : kRowClasses) {
    out_ << sep << class_name(c) << " " << report.classes[c];
    sep = ", ";
  }
  out_ << "; " << report.edge_pairs_mixed << " with a named edge pair mixed in; " << report.blocks << " block pairs"
       << blocks_note << "\n";
  const uint64_t compared = report.generic + report.fused;
  out_ << "expected results: " << compared - report.expected_inf - report.expected_nan << " finite, " << report.expected_inf
       << " infinite, " << report.expected_nan << " NaN (" << report.nan_for_nan
       << " NaN for NaN of other bits: any NaN meets a NaN)\n";
  char hex[32];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(digest.value()));
  report.digest = digest.value();
  out_ << "digest " << hex << " (every input block and every expected result, in order)\n";
  if (report.mismatches) {
    out_ << "saved " << report.saved << " of " << report.mismatches << " mismatches into " << options_.mismatches.string()
         << " (a vector set with GGML's values: sailsim vectors " << options_.mismatches.string()
         << " --alt fused; --engine ref --alt all --quantizers)\n";
  }
  out_ << summary_line(report) << "\n";
}

// ---- ggml: sailsim's reference against the real GGML ----------------------------------------

Report run_ggml_sweep(const ggml::Oracle& oracle, const SweepOptions& options, std::ostream& out) {
  SweepRun run(oracle, options, "ggml", out);
  out << "sweep ggml: seed " << options.seed << ", " << options.count << " dots of 1.." << kGgmlMaxBlocks
      << " blocks, generic and fused orders: sailsim::ggml against GGML " << oracle.version() << " (" << oracle.commit()
      << ") in " << oracle.libdir().string() << "\n";
  const Quantizers q = oracle_quantizers(oracle);
  for (uint64_t i = 0; i < options.count; ++i) {
    const Row row = random_row(options.seed, i, kGgmlMaxBlocks, q);
    run.count_row(row);
    ++run.report.count;
    for (DotOrder order : {DotOrder::Generic, DotOrder::Fused}) {
      const uint32_t want = ggml::bits_of(oracle.vec_dot(order, row.x, row.y));
      const uint32_t got = ggml::bits_of(run.reference(order, row.x, row.y));
      run.compare(i, order, want, got, row,
                  order == DotOrder::Generic ? "GGML: ggml_vec_dot_q4_K_q8_K_generic of libggml-cpu-x64.so"
                                             : "GGML: ggml_vec_dot_q4_K_q8_K_generic of libggml-cpu-haswell.so",
                  run.reference_name, "");
    }
  }
  run.finish("");
  return run.report;
}

}  // namespace sailsim::sweep
