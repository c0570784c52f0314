#include "vectors_command.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstring>
#include <iomanip>
#include <limits>
#include <optional>
#include <stdexcept>
#include <ostream>
#include <sstream>

#include "sailsim/cli/exit_codes.hpp"
#include "rtl_engine.hpp"
#include "sailsim/card/sail_card.hpp"
#include "sailsim/ggml/float_bits.hpp"
#include "sailsim/ggml/quantize.hpp"
#include "sailsim/vecset/compare.hpp"
#include "sailsim/tb/hang_error.hpp"
#include "sailsim/vecset/vector_set.hpp"

namespace sailsim::cli {

using ggml::DotOrder;

CLI::App* add_vectors_command(CLI::App& app, VectorsOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "vectors", "Check GGML reference vector sets (format ggml-q4k-q8k-oracle/1) bit for bit");
  cmd->add_option("dirs", o.dirs, "Vector set folders (with index.yaml) or single case folders (with meta.yaml)")
      ->required();
  cmd->add_option("--engine", o.engine,
                  "What computes the outputs: rtl (the Verilated Sail card's Q4_K matmul engine: one job per "
                  "matmul case, one M=1 N=1 job per vec_dot pair; prints cycles and read bandwidth utilization) "
                  "or ref (sailsim's C++ GGML reference only)")
      ->check(CLI::IsMember({"ref", "rtl"}))
      ->capture_default_str();
  cmd->add_option("--alt", o.alternates,
                  "Also check an alternate order against its file: fused (out_fma.bin), simd (out_simd.bin), all. "
                  "The RTL computes only the generic and fused orders: with --engine rtl, simd is refused (exit 2) "
                  "and all means generic + fused (simd skipped, with a note)")
      ->check(CLI::IsMember({"fused", "simd", "all"}))
      ->take_all();
  cmd->add_flag("--quantizers", o.quantizers,
                "Also re-quantize a_f32.bin / b_f32.bin with the reference quantizers and compare with a.bin / b.bin");
  cmd->add_option("--max-mismatches", o.max_mismatches, "Differing outputs shown per case and order")
      ->capture_default_str();
  return cmd;
}

namespace {

bool is_rtl(const VectorsOptions& o) { return o.engine == "rtl"; }

// The orders to check. With the RTL, `all` leaves out simd (not an RTL order); an explicit
// `simd` is refused before this is called.
std::vector<DotOrder> orders_of(const VectorsOptions& o) {
  std::vector<DotOrder> orders{DotOrder::Generic};
  for (const std::string& a : o.alternates) {
    for (DotOrder d : {DotOrder::Fused, DotOrder::Simd}) {
      if (d == DotOrder::Simd && is_rtl(o)) continue;
      if ((a == "all" || a == ggml::order_name(d)) && std::find(orders.begin(), orders.end(), d) == orders.end()) {
        orders.push_back(d);
      }
    }
  }
  return orders;
}

// Byte-exact comparison of a reference quantizer's output with the stored blocks; returns
// how many blocks differ.
template <class Block, class Quantize>
size_t requantize_and_count(const std::vector<float>& f32, const std::vector<Block>& stored, Quantize quantize) {
  std::vector<Block> fresh(stored.size());
  std::memset(fresh.data(), 0, fresh.size() * sizeof(Block));  // as the sets were made: into a zeroed buffer
  quantize(std::span<const float>(f32), std::span<Block>(fresh));
  size_t differing = 0;
  for (size_t i = 0; i < stored.size(); ++i) {
    if (std::memcmp(&fresh[i], &stored[i], sizeof(Block)) != 0) ++differing;
  }
  return differing;
}

struct CaseVerdict {
  bool passed = true;
  std::string summary;
  std::vector<std::string> details;
  size_t compared = 0;       // outputs compared (not those of an order whose jobs failed)
  uint64_t cycles = 0;       // RTL: summed over the case's jobs and orders
  size_t nan_matches = 0;    // outputs where the reference is NaN and the engine gave another NaN
};

// An AXI4 rule broken on one of the card's ports: the run stops (exit 4).
struct ProtocolViolation {
  std::string report;
};

// The watchdog fired while a case ran: the run stops (exit 3).
struct CaseHang {
  DotOrder order;
  tb::HangError error;
};

std::string percent(double fraction) {
  std::ostringstream os;
  os << std::fixed << std::setprecision(1) << 100.0 * fraction << "%";
  return os.str();
}

// One order of a case: the outputs through the chosen engine, compared with the expected file.
// Appends to the case's line; returns the comparison, or nothing if no outputs came back.
std::optional<vecset::Comparison> check_order(const vecset::Case& c, DotOrder order, const VectorsOptions& o,
                                              CaseVerdict& v, std::ostream& line) {
  const std::vector<uint32_t>& expected = *c.expected_for(order);
  const std::string name(ggml::order_name(order));
  if (!is_rtl(o)) {
    const vecset::Comparison cmp = vecset::compare_bits(expected, vecset::reference_outputs(c, order), o.max_mismatches);
    v.nan_matches += cmp.nan_for_nan;
    line << "  " << name << " " << (cmp.total - cmp.differing) << "/" << cmp.total;
    if (cmp.nan_for_nan) line << " (" << cmp.nan_for_nan << " NaN for NaN)";
    return cmp;
  }
  RtlCaseRun run;
  try {
    run = run_case_on_card(c, order == DotOrder::Fused);
  } catch (const tb::HangError& e) {
    throw CaseHang{order, e};
  } catch (const card::CardError& e) {
    run.failure = std::string("the card: ") + e.what();
  }
  v.cycles += run.cycles;
  if (!run.protocol_report.empty()) throw ProtocolViolation{run.protocol_report};
  if (!run.ok()) {
    line << "  " << name << " FAILED";
    v.details.push_back(name + ": " + run.failure);
    return std::nullopt;
  }
  const vecset::Comparison cmp = vecset::compare_bits(expected, run.out, o.max_mismatches);
  v.nan_matches += cmp.nan_for_nan;
  line << "  " << name << " " << (cmp.total - cmp.differing) << "/" << cmp.total;
  if (cmp.nan_for_nan) line << " (" << cmp.nan_for_nan << " NaN for NaN)";
  line << " cycles " << run.cycles << " read bw " << percent(run.read_utilization());
  return cmp;
}

CaseVerdict check_case(const vecset::Case& c, const std::vector<DotOrder>& orders, const VectorsOptions& o) {
  CaseVerdict v;
  std::ostringstream line;
  for (DotOrder order : orders) {
    const std::optional<vecset::Comparison> result = check_order(c, order, o, v, line);
    if (!result) {
      v.passed = false;
      continue;
    }
    const vecset::Comparison& cmp = *result;
    v.compared += cmp.total;
    if (cmp.ok()) continue;
    v.passed = false;
    line << " (max ulp " << cmp.max_ulp << ")";
    for (const vecset::Mismatch& mm : cmp.first) {
      v.details.push_back(std::string(ggml::order_name(order)) + " " + c.position(mm.index) + ": expected " +
                          ggml::describe_bits(mm.expected) + ", actual " + ggml::describe_bits(mm.actual) + ", " +
                          ggml::describe_ulp(mm.expected, mm.actual));
    }
    if (cmp.differing > cmp.first.size()) {
      v.details.push_back("... and " + std::to_string(cmp.differing - cmp.first.size()) + " more " +
                          std::string(ggml::order_name(order)) + " outputs differ");
    }
  }
  if (o.quantizers && c.a_f32 && c.b_f32) {
    const size_t qa = requantize_and_count(*c.a_f32, c.a, [](auto x, auto y) { ggml::quantize_row_q4_K_ref(x, y); });
    const size_t qb = requantize_and_count(*c.b_f32, c.b, [](auto x, auto y) { ggml::quantize_row_q8_K_ref(x, y); });
    line << "  quantizers " << (qa + qb == 0 ? "bit-exact" : "DIFFER");
    if (qa) v.details.push_back("quantize_row_q4_K_ref(a_f32.bin): " + std::to_string(qa) + " of " +
                                std::to_string(c.a.size()) + " blocks differ from a.bin");
    if (qb) v.details.push_back("quantize_row_q8_K_ref(b_f32.bin): " + std::to_string(qb) + " of " +
                                std::to_string(c.b.size()) + " blocks differ from b.bin");
    if (qa + qb) v.passed = false;
  }
  v.summary = line.str();
  return v;
}

std::string shape_of(const vecset::Case& c) {
  if (c.kind == vecset::CaseKind::Pairs) return "P=" + std::to_string(c.m) + " K=" + std::to_string(c.k);
  return "M=" + std::to_string(c.m) + " K=" + std::to_string(c.k) + " N=" + std::to_string(c.n);
}

}  // namespace

int run_vectors(const VectorsOptions& o, std::ostream& out, std::ostream& err) {
  if (is_rtl(o)) {
    for (const std::string& a : o.alternates) {
      if (a == "simd") {
        err << "sailsim vectors: --alt simd cannot be checked with --engine rtl: the RTL engine computes only the "
               "generic and fused (FMA-contracted) orders, it has no SIMD order (use --engine ref for out_simd.bin)\n";
        return kExitBadInput;
      }
    }
  }
  const std::vector<DotOrder> orders = orders_of(o);

  // Read and verify every input before computing anything: bad input means nothing ran.
  std::vector<vecset::VectorSet> sets;
  try {
    for (const std::string& dir : o.dirs) {
      sets.push_back(vecset::load_vector_set(dir, {.alternates = orders.size() > 1, .f32_inputs = o.quantizers}));
    }
  } catch (const vecset::InputError& e) {
    err << "error: " << e.what() << "\n";
    return kExitBadInput;
  }
  for (const auto& set : sets) {
    for (const auto& c : set.cases) {
      for (DotOrder order : orders) {
        if (!c.expected_for(order)) {
          err << "error: " << (c.dir / "meta.yaml").string() << ": case " << c.name << " has no file for the "
              << ggml::order_name(order) << " order (" << (order == DotOrder::Fused ? "out_fma.bin" : "out_simd.bin")
              << "), which --alt asked for\n";
          return kExitBadInput;
        }
      }
    }
  }

  if (is_rtl(o) && std::find(o.alternates.begin(), o.alternates.end(), "all") != o.alternates.end()) {
    out << "note: --alt all with --engine rtl checks the generic and fused orders; simd is not an RTL order "
           "(out_simd.bin is checked only with --engine ref)\n";
  }

  size_t cases = 0, passed = 0, outputs = 0, nan_matches = 0;
  uint64_t cycles = 0;
  for (const auto& set : sets) {
    for (const auto& c : set.cases) {
      CaseVerdict v;
      const std::string label = set.name + "/" + c.name;
      try {
        v = check_case(c, orders, o);
      } catch (const CaseHang& h) {
        out << "FAIL  " << std::left << std::setw(36) << label << " " << std::setw(22) << shape_of(c) << "  "
            << ggml::order_name(h.order) << " HANG: the watchdog fired at cycle " << h.error.cycle() << " after "
            << h.error.stalled_cycles() << " cycles without a handshake\n";
        err << "sailsim vectors: timeout in " << label << " (" << ggml::order_name(h.order) << " order):\n"
            << h.error.report() << "\n";
        return kExitTimeout;
      } catch (const ProtocolViolation& p) {
        out << "FAIL  " << std::left << std::setw(36) << label << " " << std::setw(22) << shape_of(c)
            << "  AXI4 protocol violation\n";
        err << "sailsim vectors: AXI4 protocol violation in " << label << ":\n" << p.report << "\n";
        return kExitProtocolViolation;
      }
      ++cases;
      cycles += v.cycles;
      nan_matches += v.nan_matches;
      outputs += v.compared;
      if (v.passed) ++passed;
      out << (v.passed ? "PASS  " : "FAIL  ") << std::left << std::setw(36) << label << " "
          << std::setw(22) << shape_of(c) << v.summary << (c.degenerate ? "  (degenerate inputs)" : "") << "\n";
      for (const std::string& d : v.details) out << "      " << d << "\n";
    }
  }
  out << "sailsim vectors: " << cases << " cases, " << passed << " passed, " << (cases - passed)
      << " failed (engine " << o.engine << "; " << outputs << " outputs compared bit for bit";
  if (nan_matches) out << ", " << nan_matches << " of them NaN for NaN";
  if (is_rtl(o)) out << "; " << cycles << " cycles";
  out << ")\n";
  return passed == cases ? kExitOk : kExitCheckFailed;
}

}  // namespace sailsim::cli
