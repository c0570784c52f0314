// GGML reference vector sets in the format `ggml-q4k-q8k-oracle/1`
// (shared/vectors-ggml/FORMAT.md): a set folder with index.yaml, or one case folder with
// meta.yaml. Loading verifies the format tag, the shapes, the sizes and the sha256 of every
// file it reads, and throws InputError (with file:line:column) for anything off.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sailsim/ggml/blocks.hpp"
#include "sailsim/ggml/dot.hpp"
#include "sailsim/vecset/input_error.hpp"

namespace sailsim::vecset {

inline constexpr const char* kFormat = "ggml-q4k-q8k-oracle/1";

enum class CaseKind {
  Matmul,  // out[n*M+m] = dot(A row m, B row n)
  Pairs,   // out[i] = dot(x[i], y[i]): single-block (or single-row) pairs
};

struct Case {
  std::string name;
  std::filesystem::path dir;
  CaseKind kind = CaseKind::Matmul;
  std::string label;           // meta.yaml's `kind`, e.g. "gauss"
  bool degenerate = false;     // meta.yaml's `degenerate_inputs`
  int64_t m = 0, k = 0, n = 0;  // Pairs: m = P pairs, n = 1
  std::vector<ggml::BlockQ4K> a;  // a.bin (x.bin for pairs)
  std::vector<ggml::BlockQ8K> b;  // b.bin (y.bin for pairs)
  std::vector<uint32_t> expected;  // out.bin: the reference (generic) order
  std::map<ggml::DotOrder, std::vector<uint32_t>> alternates;  // out_fma.bin, out_simd.bin when present
  std::optional<std::vector<float>> a_f32, b_f32;  // when present and asked for

  size_t outputs() const { return expected.size(); }
  int64_t blocks_per_row() const { return k / ggml::kQK; }
  // The operands of output i.
  std::span<const ggml::BlockQ4K> a_row_of(size_t i) const;
  std::span<const ggml::BlockQ8K> b_row_of(size_t i) const;
  // "(m=3, n=5)" for a matmul, "(pair 17)" for pairs.
  std::string position(size_t i) const;
  // The expected bits for an order: out.bin, or an alternate file; nullptr when absent.
  const std::vector<uint32_t>* expected_for(ggml::DotOrder order) const;
};

struct VectorSet {
  std::string name;
  std::filesystem::path dir;
  std::vector<Case> cases;
};

struct LoadOptions {
  bool alternates = true;  // read out_fma.bin / out_simd.bin where meta.yaml lists them
  bool f32_inputs = false;  // read a_f32.bin / b_f32.bin where meta.yaml lists them
};

// `dir` holds index.yaml (a set) or meta.yaml (one case).
VectorSet load_vector_set(const std::filesystem::path& dir, const LoadOptions& options = {});
Case load_case(const std::filesystem::path& dir, const LoadOptions& options = {});

// Every output of a case through sailsim's C++ reference, in the given order.
std::vector<float> reference_outputs(const Case& c, ggml::DotOrder order);

}  // namespace sailsim::vecset
