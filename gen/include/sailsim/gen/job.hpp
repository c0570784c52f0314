// One Q4_K x Q8_K matmul job as the generators lay it out in DDR and write it into a
// sequence: random shape, strides, addresses and order (ShapeKnobs), the steps that load its
// operands, submit it through the driver (ioctl) or the registers, wait for it, and check
// OUT bit for bit with ggml_matmul. Shared by every kind.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sailsim/gen/random.hpp"
#include "sailsim/gen/yaml_text.hpp"

namespace sailsim::gen {

enum class Path { driver, regs };
enum class PathKnob { driver, regs, both };  // both: one of the two per file, at random
enum class OrderKnob { generic, fused, both };
enum class StrideKnob { dense, padded, both };

// The constraints of a random job (docs/gen.md, "Knobs").
// Edge-pattern operands are written into the sequence as hex: at most this many blocks each.
inline constexpr uint32_t kMaxEdgeBlocks = 64;

struct ShapeKnobs {
  uint32_t max_m = 20;        // M in [1, max_m]
  uint32_t max_n = 20;        // N in [1, max_n]
  uint32_t max_k = 8192;      // K in [256, max_k], a multiple of 256
  uint32_t common_k = 2048;   // K above this only for a "long row" job
  double long_rows = 0.1;     // chance that K is drawn from (common_k, max_k]
  // Chance that a job's A (and, drawn apart, its B) is edge-pattern blocks (edge_blocks.hpp)
  // rather than the reference quantizer's; only operands of at most kMaxEdgeBlocks blocks.
  double edge_operands = 0.2;
  OrderKnob order = OrderKnob::both;
  StrideKnob strides = StrideKnob::both;
};

struct Job {
  std::string a_buf, b_buf;   // the sequence's q4_k / q8_k buffer names
  uint64_t a = 0, b = 0, out = 0;
  uint32_t m = 0, k = 0, n = 0;
  uint32_t a_stride = 0, b_stride = 0, out_stride = 0;  // 0: dense
  bool fused = false;
  uint32_t extra_flags = 0;  // descriptor flag bits beyond FUSED (a refused descriptor's)
  uint32_t tag = 0;
  std::vector<uint8_t> a_edge, b_edge;  // edge-pattern operand bytes; empty: q4_k / q8_k random
  std::vector<uint8_t> b_f32;           // f32 activations (driver path, WORK_SUBMIT b_f32): the
                                        // buffer <b_buf>F; B is their Q8_K blocks, written by the shim

  uint32_t a_row() const { return k / 256 * 144; }
  uint32_t b_row() const { return k / 256 * 292; }
  uint32_t a_pitch() const { return a_stride ? a_stride : a_row(); }
  uint32_t b_pitch() const { return b_stride ? b_stride : b_row(); }
  uint32_t out_pitch() const { return out_stride ? out_stride : m * 4; }
  uint64_t a_span() const { return uint64_t{m - 1} * a_pitch() + a_row(); }
  uint64_t b_span() const { return uint64_t{n - 1} * b_pitch() + b_row(); }
  uint64_t out_span() const { return uint64_t{n - 1} * out_pitch() + m * 4; }
  // A rough upper bound of the job's cycles (loads, passes over A), for timeouts.
  uint64_t cycle_estimate() const;
};

// Places regions in DDR one after the other, each at a fresh 4 KiB page plus an offset.
class Layout {
 public:
  explicit Layout(uint64_t start = 0x10'0000) : next_(start) {}
  // A region of `bytes` at a page boundary + offset; `guard` bytes stay free on both sides.
  uint64_t place(uint64_t bytes, uint64_t offset, uint64_t guard = 0);

 private:
  uint64_t next_;
};

// A random shape, strides, order and legal addresses (A and B at any byte, OUT 4-aligned).
Job random_job(Rng& rng, const ShapeKnobs& knobs, Layout& layout, const std::string& a_buf,
               const std::string& b_buf, uint32_t tag);

// Gives the job its addresses (as random_job does): for a shape set by hand.
void place_job(Job& j, Rng& rng, Layout& layout);

// Writes the steps of jobs on one path.
class JobSteps {
 public:
  JobSteps(SequenceText& text, Path path) : text_(text), path_(path) {}

  void declare_operands(const Job& job);   // the q4_k / q8_k random buffers
  void start();                            // regs: IRQ_ENABLE
  // A and B into DDR (padding bytes between rows random); with guard, OUT and 32 bytes on
  // each side are filled with 0xA5 so that the checks see any stray write.
  void load(const Job& job, bool guard);
  // The submission; expect_errno / expect_resp for a refusal (driver: errno, regs: the
  // descriptor write's response).
  void submit(const Job& job, const std::string& expect_errno = "0", const std::string& expect_resp = "OKAY");
  // Waits for the job and checks how it ended: code 0 OK, 7 / 8 AXI read / write error.
  void wait(const Job& job, uint32_t code);
  // OUT bit for bit (ggml_matmul in the job's order) and, with guard, the guard bytes.
  void check(const Job& job, bool guard);

  static std::string descriptor_hex(const Job& job);

 private:
  void write(uint64_t addr, const std::string& data);
  SequenceText& text_;
  Path path_;
};

std::string order_name(OrderKnob o);
std::string stride_name(StrideKnob s);
std::string path_name(Path p);
std::string path_knob_name(PathKnob p);
Path draw_path(Rng& rng, PathKnob p);
// The shape knobs as `sailsim gen` options, for the regeneration command.
std::string shape_options(const ShapeKnobs& k);

}  // namespace sailsim::gen
