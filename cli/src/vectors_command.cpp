#include "vectors_command.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstring>
#include <iomanip>
#include <ostream>
#include <sstream>

#include "exit_codes.hpp"
#include "sailsim/ggml/float_bits.hpp"
#include "sailsim/ggml/quantize.hpp"
#include "sailsim/vecset/compare.hpp"
#include "sailsim/vecset/vector_set.hpp"

namespace sailsim::cli {

using ggml::DotOrder;

CLI::App* add_vectors_command(CLI::App& app, VectorsOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "vectors", "Check GGML reference vector sets (format ggml-q4k-q8k-oracle/1) bit for bit");
  cmd->add_option("dirs", o.dirs, "Vector set folders (with index.yaml) or single case folders (with meta.yaml)")
      ->required();
  cmd->add_option("--engine", o.engine, "What computes the outputs: ref (sailsim's C++ GGML reference) or rtl")
      ->check(CLI::IsMember({"ref", "rtl"}))
      ->capture_default_str();
  cmd->add_option("--alt", o.alternates,
                  "Also check an alternate order against its file: fused (out_fma.bin), simd (out_simd.bin), all")
      ->check(CLI::IsMember({"fused", "simd", "all"}))
      ->take_all();
  cmd->add_flag("--quantizers", o.quantizers,
                "Also re-quantize a_f32.bin / b_f32.bin with the reference quantizers and compare with a.bin / b.bin");
  cmd->add_option("--max-mismatches", o.max_mismatches, "Differing outputs shown per case and order")
      ->capture_default_str();
  return cmd;
}

namespace {

std::vector<DotOrder> orders_of(const VectorsOptions& o) {
  std::vector<DotOrder> orders{DotOrder::Generic};
  for (const std::string& a : o.alternates) {
    for (DotOrder d : {DotOrder::Fused, DotOrder::Simd}) {
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
};

CaseVerdict check_case(const vecset::Case& c, const std::vector<DotOrder>& orders, const VectorsOptions& o) {
  CaseVerdict v;
  std::ostringstream line;
  for (DotOrder order : orders) {
    const std::vector<uint32_t>* expected = c.expected_for(order);
    const std::vector<float> actual = vecset::reference_outputs(c, order);
    const vecset::Comparison cmp = vecset::compare_bits(*expected, actual, o.max_mismatches);
    line << "  " << ggml::order_name(order) << " " << (cmp.total - cmp.differing) << "/" << cmp.total;
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
  if (o.engine == "rtl") {
    err << "sailsim vectors: --engine rtl is not available yet: the RTL Q4_K engine has not landed "
           "(use --engine ref)\n";
    return kExitBadInput;
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

  size_t cases = 0, passed = 0, outputs = 0;
  for (const auto& set : sets) {
    for (const auto& c : set.cases) {
      const CaseVerdict v = check_case(c, orders, o);
      ++cases;
      outputs += c.outputs() * orders.size();
      if (v.passed) ++passed;
      out << (v.passed ? "PASS  " : "FAIL  ") << std::left << std::setw(36) << (set.name + "/" + c.name) << " "
          << std::setw(22) << shape_of(c) << v.summary << (c.degenerate ? "  (degenerate inputs)" : "") << "\n";
      for (const std::string& d : v.details) out << "      " << d << "\n";
    }
  }
  out << "sailsim vectors: " << cases << " cases, " << passed << " passed, " << (cases - passed)
      << " failed (engine " << o.engine << "; " << outputs << " outputs compared bit for bit)\n";
  return passed == cases ? kExitOk : kExitCheckFailed;
}

}  // namespace sailsim::cli
