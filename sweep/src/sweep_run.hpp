// What the two sweeps share: settings checks, the digest, counting, comparing, printing and
// saving mismatches, the footer. Internal to sailsim::sweep.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "sailsim/sweep/case_writer.hpp"
#include "sailsim/sweep/sweep.hpp"

namespace sailsim::sweep {

// A 64-bit fingerprint of a run (SplitMix64's finalizer over 8-byte words): the same seed and
// count must give the same digest, another seed another.
class Digest {
 public:
  void add(uint64_t w) { h_ = mix(h_ ^ (w + 0x9E3779B97F4A7C15ull)); }
  void add_bytes(const void* data, size_t n);
  void add_row(const Row& row);
  uint64_t value() const { return h_; }

 private:
  static uint64_t mix(uint64_t z);
  uint64_t h_ = 0x5A11'5EED'0000'0001ull;
};

class SweepRun {
 public:
  // Checks the settings (SettingError): the fused order, the mismatch folder.
  SweepRun(const ggml::Oracle& oracle, const SweepOptions& options, std::string kind, std::ostream& out);

  void count_row(const Row& row);
  // One comparison by sailsim's rule; a mismatch is printed and saved (up to max_saved).
  void compare(uint64_t index, ggml::DotOrder order, uint32_t expected, uint32_t actual, const Row& row,
               const std::string& expected_from, const std::string& actual_from, const std::string& note);
  // The footer: classes, NaN-for-NaN count, digest, where the cases went, the summary (last).
  void finish(const std::string& blocks_note);

  const ggml::Oracle& oracle() const { return oracle_; }

  Report report;
  DotFn reference;
  std::string reference_name;  // what `reference` is, for the saved cases
  Digest digest;

 private:
  const ggml::Oracle& oracle_;
  const SweepOptions& options_;
  std::ostream& out_;
  CaseWriter writer_;
};

}  // namespace sailsim::sweep
