// A sweep's mismatches, saved as a vector set in the format `ggml-q4k-q8k-oracle/1`
// (vectors/ggml/shared/FORMAT.md) that `sailsim vectors` runs and ggml-ref/vecset loads: one
// M = 1, N = 1 matmul case per mismatch (the row pair as a.bin / b.bin, a_f32.bin /
// b_f32.bin for quantizer rows), whose out.bin, out_fma.bin and out_simd.bin are GGML's own
// (the oracle's generic, fused and SIMD kernels), never the values that were being checked.
// DIR/index.yaml lists every case folder of DIR and is rewritten, under an flock(2) on DIR,
// after each case, so several sweeps can save into one folder and it stays a loadable set.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sailsim/ggml/dot.hpp"
#include "sailsim/sweep/rows.hpp"

namespace sailsim::ggml {
class Oracle;
}

namespace sailsim::sweep {

// The value written in index.yaml's `made_by`: a set with another (or none) is not rewritten.
inline constexpr const char* kMadeBy = "sailsim sweep";

struct CaseInfo {
  std::string name;      // the case folder, e.g. sweep_ggml_seed42_dot17_fused
  std::string kind;      // meta.yaml's kind: sweep-ggml, sweep-rtl-rows
  std::string command;   // the command that finds it again, e.g. "sailsim sweep ggml --seed 42 --dots 10000"
  uint64_t seed = 0;
  uint64_t index = 0;    // the dot's / row's index in the sweep
  ggml::DotOrder order = ggml::DotOrder::Generic;
  uint32_t expected = 0, actual = 0;   // the two bit patterns that differed
  std::string expected_from, actual_from;
};

class CaseWriter {
 public:
  // Cases go into `dir` (created on the first write). The oracle computes every expected file.
  CaseWriter(std::filesystem::path dir, const ggml::Oracle& oracle);
  ~CaseWriter();
  CaseWriter(const CaseWriter&) = delete;
  CaseWriter& operator=(const CaseWriter&) = delete;

  // Why `dir` cannot take cases (not a folder, not writable, a vector set not written by a
  // sweep), or "" when it can. Creates nothing.
  static std::string dir_problem(const std::filesystem::path& dir);

  // Writes dir/<info.name>/ (replacing a folder of that name) and rewrites dir/index.yaml;
  // returns the case folder. Throws std::runtime_error naming the path on a write error.
  std::filesystem::path write(const CaseInfo& info, const Row& row);

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  const ggml::Oracle& oracle_;
  std::string library_lines_;  // the ggml: lines of meta.yaml (versions, library hashes), made once
};

// Rewrites dir/index.yaml from the case folders in dir (each with a meta.yaml in the format),
// sorted by name. The caller holds the lock.
void write_index(const std::filesystem::path& dir);

}  // namespace sailsim::sweep
