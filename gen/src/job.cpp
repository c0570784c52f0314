#include "sailsim/gen/job.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "sailsim/gen/edge_blocks.hpp"

namespace sailsim::gen {

namespace {

constexpr uint64_t kPage = 4096;
constexpr uint64_t kQueueWindow = 0x4000;  // the command queue: one 64-byte descriptor per burst
constexpr uint64_t kLastTag = 0x34;        // LAST_TAG, then LAST_ERROR
constexpr uint64_t kIrqEnable = 0x2C;
constexpr uint64_t kIrqClear = 0x30;
constexpr int kGuardBytes = 32;
constexpr const char* kGuardFill = "{fill: {byte: 0xa5, size: ";

std::string num(uint64_t v) { return std::to_string(v); }

std::string slice(const std::string& buf, uint64_t offset, uint64_t size) {
  return "{buffer: " + buf + ", offset: " + num(offset) + ", size: " + num(size) + "}";
}

}  // namespace

uint64_t Job::cycle_estimate() const {
  const uint64_t kb = k / 256;
  const uint64_t cols = std::min<uint64_t>(8, 128 / kb);
  const uint64_t passes = (n + cols - 1) / cols;
  return passes * (uint64_t{m} * kb * 8 + cols * kb * 16 + 3000) + (a_span() + b_span()) / 8 + 2000;
}

uint64_t Layout::place(uint64_t bytes, uint64_t offset, uint64_t guard) {
  const uint64_t base = next_ + guard + offset;
  next_ = (base + bytes + guard + kPage - 1) / kPage * kPage + kPage;  // one free page between regions
  return base;
}

Job random_job(Rng& rng, const ShapeKnobs& knobs, Layout& layout, const std::string& a_buf,
               const std::string& b_buf, uint32_t tag) {
  Job j;
  j.a_buf = a_buf;
  j.b_buf = b_buf;
  j.tag = tag;
  j.m = static_cast<uint32_t>(rng.uniform(1, knobs.max_m));
  j.n = static_cast<uint32_t>(rng.uniform(1, knobs.max_n));
  const uint32_t common_blocks = std::min(knobs.common_k, knobs.max_k) / 256;
  const uint32_t max_blocks = knobs.max_k / 256;
  uint32_t kb = 0;
  if (max_blocks > common_blocks && rng.chance(knobs.long_rows))
    kb = static_cast<uint32_t>(rng.uniform(common_blocks + 1, max_blocks));
  else
    kb = static_cast<uint32_t>(rng.uniform(1, common_blocks));
  j.k = kb * 256;
  const auto padded = [&] {
    if (knobs.strides == StrideKnob::dense) return false;
    if (knobs.strides == StrideKnob::padded) return true;
    return rng.chance(0.5);
  };
  // A padding of 0 is an explicit stride equal to the row: legal, and not the same
  // descriptor as 0 (dense).
  if (padded()) j.a_stride = j.a_row() + static_cast<uint32_t>(rng.uniform(0, 64));
  if (padded()) j.b_stride = j.b_row() + static_cast<uint32_t>(rng.uniform(0, 64));
  if (padded()) j.out_stride = j.m * 4 + 4 * static_cast<uint32_t>(rng.uniform(0, 16));
  j.fused = knobs.order == OrderKnob::fused || (knobs.order == OrderKnob::both && rng.chance(0.5));
  if (j.m * (j.k / 256) <= kMaxEdgeBlocks && rng.chance(knobs.edge_operands)) j.a_edge = edge_q4k_rows(rng, j.m, j.k);
  if (j.n * (j.k / 256) <= kMaxEdgeBlocks && rng.chance(knobs.edge_operands)) j.b_edge = edge_q8k_rows(rng, j.n, j.k);
  place_job(j, rng, layout);
  return j;
}

void place_job(Job& j, Rng& rng, Layout& layout) {
  // A and B may start at any byte; OUT must be 4-byte aligned (docs/engine.md).
  j.a = layout.place(j.a_span(), rng.uniform(0, 63));
  j.b = layout.place(j.b_span(), rng.uniform(0, 63));
  j.out = layout.place(j.out_span(), 4 * rng.uniform(0, 15), kGuardBytes);
}

namespace {

// Edge-pattern bytes as a hex buffer, 48 bytes a line (YAML folds the lines of a quoted
// string into spaces, which the hex source ignores).
std::string hex_source(const std::vector<uint8_t>& bytes) {
  std::string s = "{hex: \"";
  for (size_t i = 0; i < bytes.size(); i += 48) {
    const size_t n = std::min<size_t>(48, bytes.size() - i);
    if (i) s += "\n      ";
    s += hex_bytes(std::vector<uint8_t>(bytes.begin() + static_cast<long>(i), bytes.begin() + static_cast<long>(i + n)));
  }
  return s + "\"}";
}

}  // namespace

void JobSteps::declare_operands(const Job& job) {
  text_.buffer(job.a_buf, job.a_edge.empty() ? "{q4_k: {random: {rows: " + num(job.m) + ", k: " + num(job.k) + "}}}"
                                             : hex_source(job.a_edge));
  if (!job.b_f32.empty()) {
    // The floats WORK_SUBMIT hands over, and (for the check) their Q8_K blocks.
    text_.buffer(job.b_buf + "F", hex_source(job.b_f32));
    text_.buffer(job.b_buf, "{q8_k: {f32: " + job.b_buf + "F}}");
    return;
  }
  text_.buffer(job.b_buf, job.b_edge.empty() ? "{q8_k: {random: {rows: " + num(job.n) + ", k: " + num(job.k) + "}}}"
                                             : hex_source(job.b_edge));
}

void JobSteps::start() {
  if (path_ == Path::regs) text_.step("write: {addr: " + hex(kIrqEnable) + ", data: {hex: \"03 00 00 00\"}}   # IRQ_ENABLE: done | error");
}

void JobSteps::write(uint64_t addr, const std::string& data) {
  if (path_ == Path::driver)
    text_.step("ioctl: {cmd: MEM_WRITE, addr: " + hex(addr) + ", host: " + data + "}");
  else
    text_.step("write: {addr: " + hex(addr) + ", data: " + data + "}");
}

void JobSteps::load(const Job& job, bool guard) {
  const auto operand = [&](const std::string& buf, uint64_t addr, uint32_t rows, uint32_t row, uint32_t stride) {
    if (stride == 0 || stride == row) {
      write(addr, buf);
      return;
    }
    // Random bytes in the padding: an engine that reads them gets a wrong result.
    write(addr, "{random: {size: " + num(uint64_t{rows - 1} * stride + row) + "}}");
    for (uint32_t r = 0; r < rows; ++r) write(addr + uint64_t{r} * stride, slice(buf, uint64_t{r} * row, row));
  };
  operand(job.a_buf, job.a, job.m, job.a_row(), job.a_stride);
  if (job.b_f32.empty()) {
    operand(job.b_buf, job.b, job.n, job.b_row(), job.b_stride);
  } else {
    // The shim writes B from b_f32: random bytes there first, so a B it did not write fails.
    write(job.b, "{random: {size: " + num(job.b_span()) + "}}");
  }
  if (guard) write(job.out - kGuardBytes, kGuardFill + num(job.out_span() + 2 * kGuardBytes) + "}}");
}

std::string JobSteps::descriptor_hex(const Job& j) {
  const uint32_t words[16] = {static_cast<uint32_t>(j.a), static_cast<uint32_t>(j.a >> 32),
                              static_cast<uint32_t>(j.b), static_cast<uint32_t>(j.b >> 32),
                              static_cast<uint32_t>(j.out), static_cast<uint32_t>(j.out >> 32),
                              j.m, j.k, j.n, j.a_stride, j.b_stride, j.out_stride,
                              (j.fused ? 1u : 0u) | j.extra_flags, j.tag, 0, 0};
  std::string s;
  for (int i = 0; i < 16; ++i) s += (i ? (i % 8 == 0 ? "  " : " ") : "") + le32_hex(words[i]);
  return s;
}

void JobSteps::submit(const Job& j, const std::string& expect_errno, const std::string& expect_resp) {
  if (path_ == Path::driver) {
    std::string s = "ioctl: {cmd: WORK_SUBMIT, matmul_q4_k: {a: " + hex(j.a) + ", b: " + hex(j.b) + ", out: " + hex(j.out) +
                    ", m: " + num(j.m) + ", k: " + num(j.k) + ", n: " + num(j.n) + "}";
    if (j.a_stride) s += ", a_stride: " + num(j.a_stride);
    if (j.b_stride) s += ", b_stride: " + num(j.b_stride);
    if (j.out_stride) s += ", out_stride: " + num(j.out_stride);
    const uint32_t flags = (j.fused ? 1u : 0u) | (j.b_f32.empty() ? 0u : 2u) | j.extra_flags;  // 2: SPANKER_WORK_B_F32
    if (flags) s += ", flags: " + hex(flags);
    if (!j.b_f32.empty()) s += ", b_f32: " + j.b_buf + "F";
    s += ", tag: " + num(j.tag);
    if (expect_errno == "0")
      s += ", as: job" + num(j.tag);
    else
      s += ", expect_errno: " + expect_errno;
    text_.step(s + "}");
  } else {
    std::string s = "write: {addr: " + hex(kQueueWindow) + ", data: {hex: \"" + descriptor_hex(j) + "\"}";
    if (expect_resp != "OKAY") s += ", expect_resp: " + expect_resp;
    text_.step(s + "}");
  }
}

void JobSteps::wait(const Job& j, uint32_t code) {
  if (path_ == Path::driver) {
    std::string s = "ioctl: {cmd: WAIT, job: job" + num(j.tag);
    if (code != 0) s += ", expect_errno: EIO";
    text_.step(s + ", expect: {status: " + num(code) + ", tag: " + num(j.tag) + "}}");
  } else {
    text_.step("wait: {until: irq}");   // bounded by the sequence's timeout_cycles
    text_.step("read: {addr: " + hex(kLastTag) + ", size: 8, expect: {hex: \"" + le32_hex(j.tag) + " " + le32_hex(code) +
               "\"}}   # LAST_TAG, LAST_ERROR");
    text_.step("write: {addr: " + hex(kIrqClear) + ", data: {hex: \"03 00 00 00\"}}   # IRQ_CLEAR");
  }
}

void JobSteps::check(const Job& j, bool guard) {
  const std::string order = j.fused ? ", order: fused" : "";
  const std::string shape = ", m: " + num(j.m) + ", k: " + num(j.k);
  if (j.out_pitch() == j.m * 4) {
    text_.step("check: {addr: " + hex(j.out) + ", ggml_matmul: {a: " + j.a_buf + ", b: " + j.b_buf + shape +
               ", n: " + num(j.n) + order + "}}");
  } else {
    for (uint32_t c = 0; c < j.n; ++c)
      text_.step("check: {addr: " + hex(j.out + uint64_t{c} * j.out_stride) + ", ggml_matmul: {a: " + j.a_buf +
                 ", b: " + slice(j.b_buf, uint64_t{c} * j.b_row(), j.b_row()) + shape + ", n: 1" + order + "}}");
  }
  if (!guard) return;
  const auto untouched = [&](uint64_t addr, uint64_t size) {
    text_.step("check: {addr: " + hex(addr) + ", equals: " + kGuardFill + num(size) + "}}}");
  };
  untouched(j.out - kGuardBytes, kGuardBytes);
  untouched(j.out + j.out_span(), kGuardBytes);
  const uint32_t pad = j.out_pitch() - j.m * 4;
  if (pad)
    for (uint32_t c = 0; c + 1 < j.n; ++c) untouched(j.out + uint64_t{c} * j.out_pitch() + j.m * 4, pad);
}

std::string order_name(OrderKnob o) {
  return o == OrderKnob::generic ? "generic" : o == OrderKnob::fused ? "fused" : "both";
}
std::string stride_name(StrideKnob s) {
  return s == StrideKnob::dense ? "dense" : s == StrideKnob::padded ? "padded" : "both";
}
std::string path_name(Path p) { return p == Path::driver ? "driver" : "regs"; }
std::string path_knob_name(PathKnob p) {
  return p == PathKnob::driver ? "driver" : p == PathKnob::regs ? "regs" : "both";
}
Path draw_path(Rng& rng, PathKnob p) {
  if (p == PathKnob::driver) return Path::driver;
  if (p == PathKnob::regs) return Path::regs;
  return rng.chance(0.5) ? Path::driver : Path::regs;
}

std::string shape_options(const ShapeKnobs& k) {
  return "--max-m " + num(k.max_m) + " --max-n " + num(k.max_n) + " --max-k " + num(k.max_k) + " --common-k " +
         num(k.common_k) + " --long-rows " + decimal(k.long_rows) + " --edge-operands " + decimal(k.edge_operands) + " --order " + order_name(k.order) +
         " --strides " + stride_name(k.strides);
}

}  // namespace sailsim::gen
