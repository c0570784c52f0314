#include "sailsim/gen/driver.hpp"

#include <cstdio>
#include <cstring>
#include <iterator>
#include <map>
#include <vector>

namespace sailsim::gen {

namespace {

constexpr uint64_t kDdrStart = 0x1'0000;
constexpr uint64_t kDdrEnd = 0x4000'0000;
constexpr uint64_t kGuard = 32;  // guard bytes on each side of OUT, inside its allocation

std::string num(uint64_t v) { return std::to_string(v); }

// The shim's allocator as docs/driver-shim.md states it (first fit in address order, the
// start rounded up to `align`, 0 meaning 4096; freed bytes reusable), modelled independently
// of its code: over the allocations in address order instead of its free list, so that a
// coalescing or rounding bug in the shim shows up as an address this model did not predict.
class FirstFit {
 public:
  uint64_t allocate(uint64_t size, uint64_t align) {
    if (align == 0) align = 4096;
    uint64_t candidate = kDdrStart;
    for (const auto& [start, bytes] : used_) {
      const uint64_t aligned = (candidate + align - 1) / align * align;
      if (aligned + size <= start) break;
      candidate = start + bytes;
    }
    const uint64_t aligned = (candidate + align - 1) / align * align;
    if (aligned + size > kDdrEnd) return 0;  // never reached: the generated sizes are far below DDR's
    used_[aligned] = size;
    return aligned;
  }

  void release(uint64_t addr) { used_.erase(addr); }

 private:
  std::map<uint64_t, uint64_t> used_;  // start -> size, in address order
};

// `count` f32 activations, little-endian: mostly uniform in [-1, 1) with 24 random bits, and
// a few zeros, negative zeros, tiny and large values, so the shim's quantizer meets them.
std::vector<uint8_t> activations(Rng& rng, size_t count) {
  static constexpr uint32_t kSpecial[] = {0x00000000, 0x80000000, 0x00000001, 0x00800000, 0x4b800000, 0xcb800000};
  std::vector<uint8_t> out(count * 4);
  for (size_t i = 0; i < count; ++i) {
    uint32_t bits = 0;
    if (rng.chance(0.05)) {
      bits = kSpecial[rng.uniform(0, std::size(kSpecial) - 1)];
    } else {
      const float v = static_cast<float>(static_cast<int64_t>(rng.uniform(0, (1u << 24) - 1)) - (1 << 23)) / float(1 << 23);
      std::memcpy(&bits, &v, 4);
    }
    for (int b = 0; b < 4; ++b) out[4 * i + static_cast<size_t>(b)] = static_cast<uint8_t>(bits >> (8 * b));
  }
  return out;
}

// 0 (the default, 4096) or a power of two from `min` to 64 KiB.
uint64_t draw_align(Rng& rng, unsigned min_log2) {
  const uint64_t e = rng.uniform(min_log2, 17);
  return e == 17 ? 0 : uint64_t{1} << e;
}

}  // namespace

std::string driver_command(uint64_t seed, const DriverKnobs& k) {
  return "sailsim gen driver --seed " + num(seed) + " --jobs " + num(k.jobs) + " " + shape_options(k.shape) +
         " --errnos " + decimal(k.errnos) + " --f32 " + decimal(k.f32) + " --timing " + timing_name(k.timing) + " -o FILE.yaml";
}

std::string generate_driver(uint64_t seed, const DriverKnobs& knobs) {
  Rng rng(seed);
  FirstFit heap;
  Layout unused;  // random_job places the job; the driver kind re-places it in allocations
  Header h;
  h.kind = "driver";
  h.seed = seed;
  h.command = driver_command(seed, knobs);
  h.description = "matmul jobs through the Spanker ioctls, with the errno each call must give";
  h.about = {"MEM_ALLOC addresses follow the documented first-fit rule; OUT is read back, copied",
             "with MEM_COPY and read again; freed ranges are reused by later allocations."};
  std::vector<Job> jobs;
  uint64_t cycles = 0;
  for (uint32_t i = 0; i < knobs.jobs; ++i) {
    const std::string id = num(i + 1);
    jobs.push_back(random_job(rng, knobs.shape, unused, "A" + id, "B" + id, i + 1));
    Job& j = jobs.back();
    if (j.n * (j.k / 256) <= kMaxF32Blocks && rng.chance(knobs.f32)) {
      j.b_edge.clear();
      j.b_f32 = activations(rng, size_t{j.n} * j.k);
    }
    cycles += jobs.back().cycle_estimate();
  }
  const Timing timing = draw_timing(seed, knobs.timing);
  apply_timing(h, timing, 4 * cycles);
  SequenceText text(h);
  JobSteps steps(text, Path::driver);
  for (const Job& j : jobs) steps.declare_operands(j);
  text.step("ioctl: {cmd: PING}");
  std::vector<uint64_t> live;  // allocations not yet freed
  const auto alloc = [&](uint64_t size, uint64_t align) {
    const uint64_t addr = heap.allocate(size, align);
    text.step("ioctl: {cmd: MEM_ALLOC, size: " + num(size) + ", align: " + num(align) + ", expect: {addr: " + hex(addr) + "}}");
    live.push_back(addr);
    return addr;
  };
  const auto release = [&](size_t index) {
    heap.release(live[index]);
    text.step("ioctl: {cmd: MEM_FREE, addr: " + hex(live[index]) + "}");
    const uint64_t freed = live[index];
    live.erase(live.begin() + static_cast<long>(index));
    return freed;
  };
  for (Job& j : jobs) {
    text.comment("job " + num(j.tag) + ": M=" + num(j.m) + " K=" + num(j.k) + " N=" + num(j.n) + " strides " +
                 num(j.a_stride) + "/" + num(j.b_stride) + "/" + num(j.out_stride) + (j.fused ? " fused" : " generic"));
    j.a = alloc(j.a_span(), draw_align(rng, 0));
    j.b = alloc(j.b_span(), draw_align(rng, 0));
    j.out = alloc(j.out_span() + 2 * kGuard, draw_align(rng, 2)) + kGuard;  // OUT 4-byte aligned
    steps.load(j, true);
    steps.submit(j);
    if (rng.chance(knobs.errnos)) {
      // A WAIT of a few cycles cannot see the job end; the job goes on and WAIT works again.
      text.step("ioctl: {cmd: WAIT, job: job" + num(j.tag) + ", timeout_ns: 10, expect_errno: ETIMEDOUT}");
    }
    steps.wait(j, 0);
    steps.check(j, true);
    const std::string saved = "out" + num(j.tag);
    text.step("ioctl: {cmd: MEM_READ, addr: " + hex(j.out) + ", size: " + num(j.out_span()) + ", save: " + saved + "}");
    const uint64_t copy = alloc(j.out_span(), draw_align(rng, 0));
    text.step("ioctl: {cmd: MEM_COPY, dst: " + hex(copy) + ", src: " + hex(j.out) + ", size: " + num(j.out_span()) + "}");
    text.step("ioctl: {cmd: MEM_READ, addr: " + hex(copy) + ", size: " + num(j.out_span()) + ", expect: " + saved + "}");
    if (rng.chance(knobs.errnos))
      text.step("ioctl: {cmd: MEM_COPY, dst: " + hex(j.out + 4) + ", src: " + hex(j.out) + ", size: 8, expect_errno: EINVAL}   # overlap");
    if (rng.chance(knobs.errnos))
      text.step("ioctl: {cmd: MEM_ALLOC, size: 0, align: 0, expect_errno: EINVAL}");
    if (rng.chance(knobs.errnos))
      text.step("ioctl: {cmd: MEM_ALLOC, size: 64, align: " + num(3 * (uint64_t{1} << rng.uniform(0, 10))) +
                ", expect_errno: EINVAL}   # not a power of two");
    if (rng.chance(knobs.errnos))
      text.step("ioctl: {cmd: MEM_ALLOC, size: " + hex(kDdrEnd - kDdrStart + 1) + ", align: 0, expect_errno: ENOMEM}");
    if (rng.chance(knobs.errnos))
      text.step("ioctl: {cmd: MEM_READ, addr: " + hex(kDdrEnd - 16) + ", size: 64, expect_errno: EINVAL}   # past DDR");
    // Free one or two allocations, so that later ones reuse (and coalesce) their ranges.
    const uint64_t frees = rng.uniform(1, 2);
    for (uint64_t f = 0; f < frees && !live.empty(); ++f) {
      const uint64_t freed = release(rng.uniform(0, live.size() - 1));
      if (rng.chance(knobs.errnos))
        text.step("ioctl: {cmd: MEM_FREE, addr: " + hex(freed) + ", expect_errno: EINVAL}   # freed already");
    }
  }
  text.step("ioctl: {cmd: GET_TELEMETRY, expect: {jobs_done: " + num(jobs.size()) + ", jobs_failed: 0}}");
  return text.str();
}

}  // namespace sailsim::gen
