// The GGML oracle: the real GGML binaries (contracts.md section 4), loaded with dlopen, so
// that sailsim's own reference and RTL are checked against GGML itself and not against a
// re-implementation.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>

#include "sailsim/ggml/blocks.hpp"
#include "sailsim/ggml/dot.hpp"

namespace sailsim::ggml {

// The libraries are absent or unusable; what() says what is missing and how to install it.
struct OracleUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Oracle {
 public:
  // Loads from `libdir`, or else from $SAILSIM_GGML_LIBDIR, or else from the pinned npm
  // install (.deps/ggml-npm, made by scripts/deps.sh). Calls ggml_cpu_init() in every CPU
  // library it loads. Throws OracleUnavailable.
  static std::unique_ptr<Oracle> load(const std::filesystem::path& libdir = {});
  // One process-wide instance, loaded on first use (the libraries are never unloaded).
  static Oracle& shared();
  // The folder load() would use, and where that choice came from.
  static std::filesystem::path default_libdir(std::string* source = nullptr);

  ~Oracle();
  Oracle(const Oracle&) = delete;
  Oracle& operator=(const Oracle&) = delete;

  const std::filesystem::path& libdir() const;
  std::string version() const;  // ggml_version(), e.g. "0.25.1"
  std::string commit() const;   // ggml_commit()
  // The haswell library (fused and SIMD orders) is present and this CPU runs it.
  bool has_alternate_orders() const;

  float fp16_to_fp32(uint16_t h) const;
  uint16_t fp32_to_fp16(float f) const;
  void quantize_row_q4_K_ref(std::span<const float> x, std::span<BlockQ4K> y) const;
  void quantize_row_q8_K_ref(std::span<const float> x, std::span<BlockQ8K> y) const;
  void dequantize_row_q4_K(std::span<const BlockQ4K> x, std::span<float> y) const;
  void dequantize_row_q8_K(std::span<const BlockQ8K> x, std::span<float> y) const;
  // Generic: ggml_vec_dot_q4_K_q8_K_generic of libggml-cpu-x64.so. Fused: the same function
  // of libggml-cpu-haswell.so. Simd: ggml_vec_dot_q4_K_q8_K of libggml-cpu-haswell.so.
  // Throws OracleUnavailable for an alternate order when has_alternate_orders() is false.
  float vec_dot(DotOrder order, std::span<const BlockQ4K> x, std::span<const BlockQ8K> y) const;

 private:
  struct Impl;
  explicit Oracle(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sailsim::ggml
