// The job descriptor of the command queue (rtl/sail_desc_pkg.sv) as C++ sees it: the same
// 16-word layout, the same error codes and the same checks, in the same order, so that a
// driver can refuse a job (EINVAL) exactly when the engine would. tests/sail-top/
// sail_desc_test.cpp compares check() with the RTL's sail_desc_check rule by rule and on
// random descriptors.
#pragma once

#include <array>
#include <cstdint>

#include "sailsim/rtl/sail_map.hpp"

namespace sailsim::rtl {

struct JobDescriptor {
  uint64_t a = 0;    // Q4_K weights: M rows of K/256 blocks
  uint64_t b = 0;    // Q8_K activations: N rows of K/256 blocks
  uint64_t out = 0;  // float32 results: N rows of M values
  uint32_t m = 0, k = 0, n = 0;
  uint32_t a_stride = 0, b_stride = 0, out_stride = 0;  // bytes between rows; 0: dense
  uint32_t flags = 0;
  uint32_t tag = 0;
  std::array<uint32_t, 2> reserved{};  // words 14 and 15, must be 0

  static constexpr uint32_t kFlagFused = 1;  // FMA-contracted order
  static constexpr uint32_t kFlagsKnown = kFlagFused;
  static constexpr unsigned kWords = 16;

  // Word i goes to bytes 4i..4i+3 of the queue window, little-endian.
  std::array<uint32_t, kWords> words() const {
    return {static_cast<uint32_t>(a), static_cast<uint32_t>(a >> 32), static_cast<uint32_t>(b),
            static_cast<uint32_t>(b >> 32), static_cast<uint32_t>(out), static_cast<uint32_t>(out >> 32),
            m, k, n, a_stride, b_stride, out_stride, flags, tag, reserved[0], reserved[1]};
  }
  // The inverse of words(): a descriptor as the queue window received it.
  static JobDescriptor from_words(const std::array<uint32_t, kWords>& w) {
    JobDescriptor d;
    d.a = uint64_t{w[1]} << 32 | w[0];
    d.b = uint64_t{w[3]} << 32 | w[2];
    d.out = uint64_t{w[5]} << 32 | w[4];
    d.m = w[6], d.k = w[7], d.n = w[8];
    d.a_stride = w[9], d.b_stride = w[10], d.out_stride = w[11];
    d.flags = w[12], d.tag = w[13];
    d.reserved = {w[14], w[15]};
    return d;
  }
};

inline constexpr uint32_t kQueueOffset = 0x4000;  // the command window (contracts.md section 2)
inline constexpr unsigned kQ4kBlockBytes = 144;
inline constexpr unsigned kQ8kBlockBytes = 292;

enum class JobError : uint8_t {
  None = 0,
  BadK = 1,        // K = 0, not a multiple of 256, or over kMaxK (the engine's buffer)
  BadShape = 2,    // M = 0 or N = 0
  BadFlags = 3,    // unknown flag bits, or reserved words not 0
  BadStride = 4,   // a row stride smaller than its row (or a row over 32 bits)
  BadAlign = 5,    // OUT or its stride not a multiple of 4
  BadAddress = 6,  // A, B or OUT not wholly inside DDR
  AxiRead = 7,     // an error response on a fetch
  AxiWrite = 8,    // an error response on a write-back
};

constexpr const char* to_string(JobError e) {
  constexpr const char* names[] = {"none",       "bad K",       "bad shape",      "bad flags",      "bad stride",
                                   "bad alignment", "bad address", "AXI read error", "AXI write error"};
  return static_cast<unsigned>(e) < 9 ? names[static_cast<unsigned>(e)] : "unknown";
}

// The first rule the descriptor breaks, in the RTL's order, for the DDR window [ddr_start,
// ddr_end). Exact for every 32-bit field: extents are computed in 128 bits.
constexpr JobError check(const JobDescriptor& d, uint64_t ddr_start = kDdrStart, uint64_t ddr_end = kDdrEnd,
                         uint32_t max_k = kMaxK) {
  using u128 = unsigned __int128;
  if (d.k == 0 || d.k % 256 != 0 || d.k > max_k) return JobError::BadK;
  if (d.m == 0 || d.n == 0) return JobError::BadShape;
  if ((d.flags & ~JobDescriptor::kFlagsKnown) != 0 || d.reserved[0] != 0 || d.reserved[1] != 0) {
    return JobError::BadFlags;
  }
  const uint64_t blocks = d.k / 256;
  const uint64_t a_row = blocks * kQ4kBlockBytes, b_row = blocks * kQ8kBlockBytes, out_row = uint64_t{d.m} * 4;
  if ((d.a_stride != 0 && d.a_stride < a_row) || (d.b_stride != 0 && d.b_stride < b_row) ||
      (d.out_stride != 0 && d.out_stride < out_row) || a_row >> 32 || b_row >> 32 || out_row >> 32) {
    return JobError::BadStride;
  }
  const uint64_t a_stride = d.a_stride ? d.a_stride : a_row & 0xFFFF'FFFF;
  const uint64_t b_stride = d.b_stride ? d.b_stride : b_row & 0xFFFF'FFFF;
  const uint64_t out_stride = d.out_stride ? d.out_stride : out_row & 0xFFFF'FFFF;
  if (d.out % 4 != 0 || out_stride % 4 != 0) return JobError::BadAlign;
  auto inside = [&](uint64_t start, uint64_t rows, uint64_t stride, uint64_t row) {
    const u128 end = u128{start} + u128{rows - 1} * stride + row;
    return start >= ddr_start && end <= ddr_end;
  };
  if (!inside(d.a, d.m, a_stride, a_row) || !inside(d.b, d.n, b_stride, b_row) ||
      !inside(d.out, d.n, out_stride, out_row)) {
    return JobError::BadAddress;
  }
  return JobError::None;
}

}  // namespace sailsim::rtl
