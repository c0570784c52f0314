// shim::Device: the Spanker UAPI on a simulated Sail card. Every command is real AXI4 traffic
// on the card's host port; see docs/driver-shim.md for the command table and what cannot be
// known about jobs that end together.
#include "sailsim/shim/device.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <map>
#include <mutex>
#include <span>
#include <tuple>
#include <vector>

#include "sailsim/ggml/blocks.hpp"
#include "sailsim/ggml/quantize.hpp"
#include "sailsim/rtl/sail_desc.hpp"
#include "sailsim/rtl/sail_map.hpp"
#include "sailsim/shim/allocator.hpp"
#include "sailsim/shim/user_memory.hpp"

namespace sailsim::shim {

namespace map = sailsim::rtl;

namespace {

constexpr uint64_t kChunk = 64 * 1024;  // MEM_COPY's bounce buffer, and MEM_WRITE/READ's step

// The DDR window the shim serves (contracts.md section 2, sail_top's default).
bool inside_ddr(uint64_t addr, uint64_t size) {
  return addr >= map::kDdrStart && addr <= map::kDdrEnd && size <= map::kDdrEnd - addr;
}

// A host access that got an error response (EIO) or no answer in time (EIO as well).
struct BusError {};

}  // namespace

struct Device::State {
  explicit State(DeviceConfig c) : config(std::move(c)), card(config.card), allocator(map::kDdrStart, map::kDdrEnd) {}

  // What the shim knows about a job it submitted.
  struct Job {
    uint32_t tag = 0;
    bool ended = false;
    uint32_t status = 0;        // 0, a JobError code, or kStatusUnknown
    uint64_t busy_before = 0;   // BUSY_CYCLES at submission, when the card was idle
    bool alone = false;         // submitted to an idle card
    uint64_t cycles = 0;
  };

  DeviceConfig config;
  card::SailCard card;
  Allocator allocator;
  std::mutex mutex;

  uint64_t done_base = 0;    // JOBS_DONE / JOBS_FAILED when the device was made
  uint64_t failed_base = 0;
  uint64_t submitted = 0;    // jobs this device queued: handles 1..submitted
  uint64_t completed = 0;    // jobs seen to end, in order
  uint64_t failed_seen = 0;  // JOBS_FAILED delta accounted for
  std::map<uint64_t, Job> jobs;

  // ---- Bus access ----

  // Runs the card until the host's request completes; BusError on no answer in time.
  void settle(const axi4::Handle& h, uint64_t bytes) {
    const uint64_t budget = config.card.host_timeout_cycles + bytes / 32 * 8;
    const uint64_t start = card.cycle();
    while (!h->done) {
      if (card.cycle() - start >= budget) throw BusError{};
      card.run(1);
    }
  }

  std::vector<uint8_t> bus_read(uint64_t addr, size_t size) {
    axi4::Handle h = card.host().read(addr, size);
    settle(h, size);
    if (!h->ok()) throw BusError{};
    return h->data;
  }

  void bus_write(uint64_t addr, std::span<const uint8_t> bytes) {
    axi4::Handle h = card.host().write(addr, bytes);
    settle(h, bytes.size());
    if (!h->ok()) throw BusError{};
  }

  uint32_t reg32(uint32_t offset) {
    const auto b = bus_read(offset, 4);
    uint32_t v;
    std::memcpy(&v, b.data(), 4);
    return v;
  }

  uint64_t reg64(uint32_t offset) {
    const auto b = bus_read(offset, 8);  // one beat: both halves from one cycle
    uint64_t v;
    std::memcpy(&v, b.data(), 8);
    return v;
  }

  void write_reg(uint32_t offset, uint32_t value) {
    uint8_t b[4];
    std::memcpy(b, &value, 4);
    bus_write(offset, b);
  }

  // JOBS_DONE and JOBS_FAILED in one 16-byte read: one beat, one cycle's values.
  std::pair<uint64_t, uint64_t> done_failed() {
    const auto b = bus_read(map::reg::kJobsDone, 16);
    uint64_t d, f;
    std::memcpy(&d, b.data(), 8);
    std::memcpy(&f, b.data() + 8, 8);
    return {d, f};
  }

  // ---- Completion tracking ----

  // Reads the completion counters and settles every job that ended since the last look.
  // LAST_TAG / LAST_ERROR belong to the newest job that ended; they are taken only when
  // JOBS_DONE read the same before and after them.
  void observe() {
    uint64_t d = 0, f = 0;
    for (int attempt = 0; attempt < 4; ++attempt) {
      std::tie(d, f) = done_failed();
      if (d - done_base == completed) return;
      const auto b = bus_read(map::reg::kLastTag, 8);
      uint32_t tag, error;
      std::memcpy(&tag, b.data(), 4);
      std::memcpy(&error, b.data() + 4, 4);
      const auto [d2, f2] = done_failed();
      if (d2 == d) {
        account(d, f, true, error);
        return;
      }
      d = d2, f = f2;
    }
    account(d, f, false, 0);
  }

  void account(uint64_t done, uint64_t failed, bool last_known, uint32_t last_error) {
    uint64_t now_done = done - done_base;
    if (now_done > submitted) {  // jobs someone else queued through card(): LAST_* are theirs
      now_done = submitted;
      last_known = false;
    }
    if (now_done <= completed) return;
    const uint64_t count = now_done - completed;
    const uint64_t failed_delta = failed - failed_base - failed_seen;
    failed_seen = failed - failed_base;
    uint64_t rest_failed = failed_delta;
    Job& last = jobs[now_done];
    if (last_known) {
      last.status = last_error;
      if (last_error != 0 && rest_failed > 0) --rest_failed;
    }
    // The jobs before the newest (and the newest too when LAST_ERROR was not caught): their
    // own codes are lost. All OK when no failure is left to place; otherwise each of them may
    // be the failed one, and the safe answer is "failed, code unknown" (EIO).
    const uint64_t unplaced = last_known ? count - 1 : count;
    for (uint64_t seq = completed + 1; seq <= completed + unplaced; ++seq) {
      jobs[seq].status = rest_failed == 0 ? 0 : kStatusUnknown;
    }
    for (uint64_t seq = completed + 1; seq <= now_done; ++seq) jobs[seq].ended = true;
    if (count == 1 && last.alone && submitted == now_done) {
      last.cycles = reg64(map::reg::kBusyCycles) - last.busy_before;
    }
    completed = now_done;
  }

  // ---- Commands ----

  int ping() {
    try {
      if (reg32(map::reg::kId) != map::kIdValue) return -ENODEV;
    } catch (const BusError&) {
      return -ENODEV;
    } catch (const card::CardError&) {
      return -ENODEV;
    }
    return 0;
  }

  int mem_write(uint64_t addr, uint64_t user, uint64_t size) {
    if (size == 0) return 0;
    if (!inside_ddr(addr, size)) return -EINVAL;
    if (!user_readable(user, size)) return -EFAULT;
    std::vector<uint8_t> buf(std::min(size, kChunk));
    for (uint64_t off = 0; off < size; off += kChunk) {
      const uint64_t len = std::min(kChunk, size - off);
      if (!copy_from_user(buf.data(), user + off, len)) return -EFAULT;
      bus_write(addr + off, std::span<const uint8_t>(buf.data(), len));
    }
    return 0;
  }

  int mem_read(uint64_t addr, uint64_t user, uint64_t size) {
    if (size == 0) return 0;
    if (!inside_ddr(addr, size)) return -EINVAL;
    if (!user_writable(user, size)) return -EFAULT;
    for (uint64_t off = 0; off < size; off += kChunk) {
      const uint64_t len = std::min(kChunk, size - off);
      const auto data = bus_read(addr + off, len);
      if (!copy_to_user(user + off, data.data(), len)) return -EFAULT;
    }
    return 0;
  }

  int mem_copy(uint64_t dst, uint64_t src, uint64_t size) {
    if (size == 0) return 0;
    if (!inside_ddr(dst, size) || !inside_ddr(src, size)) return -EINVAL;
    if (dst < src + size && src < dst + size) return -EINVAL;
    for (uint64_t off = 0; off < size; off += kChunk) {
      const uint64_t len = std::min(kChunk, size - off);
      const auto data = bus_read(src + off, len);
      bus_write(dst + off, data);
    }
    return 0;
  }

  int work_submit(spanker_work_submit& w) {
    if ((w.flags & ~uint32_t{SPANKER_WORK_FLAGS}) != 0) return -EINVAL;
    const bool f32 = (w.flags & SPANKER_WORK_B_F32) != 0;
    if (!f32 && (w.b_f32 != 0 || w.b_f32_bytes != 0)) return -EINVAL;
    rtl::JobDescriptor d;
    d.a = w.a, d.b = w.b, d.out = w.out;
    d.m = w.m, d.k = w.k, d.n = w.n;
    d.a_stride = w.a_stride, d.b_stride = w.b_stride, d.out_stride = w.out_stride;
    d.flags = (w.flags & SPANKER_WORK_FUSED) ? rtl::JobDescriptor::kFlagFused : 0;
    d.tag = w.tag;
    if (rtl::check(d) != rtl::JobError::None) return -EINVAL;
    if (f32) {
      // The caller says how big its buffer is; it must be exactly the n rows of k floats
      // (rtl::check bounded k to 32768, so n*k*4 < 2^49 cannot overflow). Only those bytes
      // are ever read, and all of them must be readable before anything reaches the bus.
      const uint64_t bytes = uint64_t{w.n} * w.k * sizeof(float);
      if (w.b_f32_bytes != bytes) return -EINVAL;
      if (!user_readable(w.b_f32, bytes)) return -EFAULT;
      const uint64_t blocks = w.k / 256;
      const uint64_t row_bytes = blocks * sizeof(ggml::BlockQ8K);
      const uint64_t stride = w.b_stride ? w.b_stride : row_bytes;
      std::vector<float> row(w.k);
      std::vector<ggml::BlockQ8K> q(blocks);
      for (uint64_t r = 0; r < w.n; ++r) {
        if (!copy_from_user(row.data(), w.b_f32 + r * w.k * sizeof(float), w.k * sizeof(float))) return -EFAULT;
        std::memset(q.data(), 0, row_bytes);  // as GGML's vector sets: into a zeroed buffer
        ggml::quantize_row_q8_K_ref(row, q);
        bus_write(w.b + r * stride, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(q.data()), row_bytes));
      }
    }
    observe();
    Job job;
    job.tag = w.tag;
    job.alone = completed == submitted;
    if (job.alone) job.busy_before = reg64(map::reg::kBusyCycles);
    write_reg(map::reg::kIrqEnable, map::irq::kDone | map::irq::kError);
    const axi4::Resp resp = card.submit(d);  // one 64-byte burst at the queue window
    if (resp == axi4::Resp::SlvErr) return -EBUSY;
    if (resp != axi4::Resp::Okay && resp != axi4::Resp::ExOkay) return -EIO;
    w.job = ++submitted;
    jobs[w.job] = job;
    return 0;
  }

  int wait(spanker_wait& w) {
    auto it = jobs.find(w.job);
    if (w.job == 0 || it == jobs.end()) return -EINVAL;
    const uint64_t timeout = w.timeout_ns ? w.timeout_ns : config.default_wait_ns;
    const uint64_t start = card.cycle();
    observe();
    while (!jobs[w.job].ended) {
      const uint64_t elapsed = card.cycle() - start;
      if (elapsed >= timeout) return -ETIMEDOUT;
      write_reg(map::reg::kIrqClear, map::irq::kDone | map::irq::kError);
      observe();  // a job that ended before the clear
      if (jobs[w.job].ended) break;
      const uint64_t now = card.cycle() - start;
      if (now >= timeout) return -ETIMEDOUT;
      const bool irq = card.wait_irq(timeout - now);
      observe();
      if (!irq && !jobs[w.job].ended) return -ETIMEDOUT;
    }
    const Job& job = jobs[w.job];
    w.status = job.status;
    w.tag = job.tag;
    w.cycles = job.cycles;
    return job.status == 0 ? 0 : -EIO;
  }

  int bar_info(spanker_bar_info& b) {
    const uint32_t engine = reg32(map::reg::kEngineConfig);
    b = {};
    b.ctrl_base = map::kCtrlStart;
    b.ctrl_size = map::kCtrlEnd - map::kCtrlStart;
    b.queue_addr = map::reg::kQueue;
    b.ddr_base = map::kDdrStart;
    b.ddr_size = map::kDdrEnd - map::kDdrStart;
    b.lanes = engine & 0xFF;
    b.queue_depth = (engine >> 8) & 0xFF;
    b.max_k = (engine >> 16) * 256;
    return 0;
  }

  int telemetry(spanker_telemetry& t) {
    t = {};
    t.busy_cycles = reg64(map::reg::kBusyCycles);
    t.bytes_read = reg64(map::reg::kBytesRead);
    t.bytes_written = reg64(map::reg::kBytesWritten);
    t.read_stall_cycles = reg64(map::reg::kReadStalls);
    const auto [d, f] = done_failed();
    t.jobs_done = d;
    t.jobs_failed = f;
    t.queue_rejects = reg32(map::reg::kQueueRejects);
    t.cycle = card.cycle();
    return 0;
  }

  // Commands with a struct: copy in (EFAULT), run, copy out (EFAULT).
  template <class T, class F>
  int with_arg(void* arg, bool in, bool out, F&& f) {
    const uint64_t user = reinterpret_cast<uintptr_t>(arg);
    T value{};
    if (in && !copy_from_user(&value, user, sizeof value)) return -EFAULT;
    if (out && !user_writable(user, sizeof value)) return -EFAULT;
    const int rc = f(value);
    // WAIT fills in status and tag on EIO too; the rest only on success.
    if (out && (rc == 0 || rc == -EIO) && !copy_to_user(user, &value, sizeof value)) return -EFAULT;
    return rc;
  }

  int dispatch(uint32_t cmd, void* arg) {
    switch (cmd) {
      case SPANKER_IOC_PING:
        return ping();
      case SPANKER_IOC_GET_VERSION:
        return with_arg<spanker_version>(arg, false, true, [&](spanker_version& v) {
          v = config.version;
          return 0;
        });
      case SPANKER_IOC_WORK_SUBMIT:
        return with_arg<spanker_work_submit>(arg, true, true, [&](spanker_work_submit& w) { return work_submit(w); });
      case SPANKER_IOC_WAIT:
        return with_arg<spanker_wait>(arg, true, true, [&](spanker_wait& w) { return wait(w); });
      case SPANKER_IOC_MEM_ALLOC:
        return with_arg<spanker_mem_alloc>(arg, true, true, [&](spanker_mem_alloc& a) {
          uint64_t addr = 0;
          const int rc = allocator.allocate(a.size, a.align, &addr);
          a.addr = addr;
          return rc;
        });
      case SPANKER_IOC_MEM_FREE:
        return with_arg<spanker_mem_free>(arg, true, false,
                                          [&](spanker_mem_free& f) { return allocator.release(f.addr); });
      case SPANKER_IOC_MEM_WRITE:
        return with_arg<spanker_mem_xfer>(arg, true, false,
                                          [&](spanker_mem_xfer& x) { return mem_write(x.addr, x.host, x.size); });
      case SPANKER_IOC_MEM_READ:
        return with_arg<spanker_mem_xfer>(arg, true, false,
                                          [&](spanker_mem_xfer& x) { return mem_read(x.addr, x.host, x.size); });
      case SPANKER_IOC_MEM_COPY:
        return with_arg<spanker_mem_copy>(arg, true, false,
                                          [&](spanker_mem_copy& c) { return mem_copy(c.dst, c.src, c.size); });
      case SPANKER_IOC_BAR_INFO:
        return with_arg<spanker_bar_info>(arg, false, true, [&](spanker_bar_info& b) { return bar_info(b); });
      case SPANKER_IOC_GET_TELEMETRY:
        return with_arg<spanker_telemetry>(arg, false, true, [&](spanker_telemetry& t) { return telemetry(t); });
      default:
        // A wrong magic, an unknown number, or a known number with another size or
        // direction: Linux drivers answer all three with ENOTTY.
        return -ENOTTY;
    }
  }
};

Device::Device(DeviceConfig config) : state_(std::make_unique<State>(std::move(config))) {
  // Jobs are counted from here. A card that does not answer is still a Device: PING then
  // says ENODEV, every other command EIO.
  try {
    const auto [d, f] = state_->done_failed();
    state_->done_base = d;
    state_->failed_base = f;
  } catch (...) {
  }
}

Device::~Device() = default;

int Device::ioctl(unsigned long request, void* arg) {
  std::lock_guard lock(state_->mutex);
  try {
    // Linux takes the command as 32 bits (the driver's `unsigned int cmd`): the bits above
    // are dropped, e.g. a request sign-extended from an int by the caller.
    return state_->dispatch(static_cast<uint32_t>(request), arg);
  } catch (const BusError&) {
    return -EIO;
  } catch (const std::exception&) {
    return -EIO;
  } catch (...) {
    return -EIO;
  }
}

card::SailCard& Device::card() { return state_->card; }
const DeviceConfig& Device::config() const { return state_->config; }
const Allocator& Device::allocator() const { return state_->allocator; }

}  // namespace sailsim::shim
