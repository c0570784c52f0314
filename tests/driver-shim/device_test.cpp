// shim::Device: every ioctl's success path and every errno it documents, on the Verilated
// Sail card, with a full matmul checked bit for bit against GGML's reference.
#include "sailsim/shim/device.hpp"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "sailsim/ggml/blocks.hpp"
#include "sailsim/ggml/dot.hpp"
#include "sailsim/ggml/quantize.hpp"
#include "sailsim/rtl/sail_map.hpp"
#include "sailsim/shim/allocator.hpp"

namespace sailsim::shim {
namespace {

std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const std::string kCase = std::string(SAILSIM_GGML_VECTORS_DIR) + "/c01_mixed_m16_k1024_n8";
constexpr uint32_t kM = 16, kK = 1024, kN = 8;

// A page that is mapped but neither readable nor writable, and one that is read-only and
// followed by an inaccessible page (whatever else the process has mapped: ASan's allocator
// may put a readable mapping right after a lone page).
struct BadPages {
  BadPages() {
    const long page = sysconf(_SC_PAGESIZE);
    size = static_cast<size_t>(page);
    none = mmap(nullptr, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ro = mmap(nullptr, 2 * size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(static_cast<uint8_t*>(ro) + size, size, PROT_NONE);
  }
  ~BadPages() {
    munmap(none, size);
    munmap(ro, 2 * size);
  }
  void* none;
  void* ro;
  size_t size;
};

uint64_t u(const void* p) { return reinterpret_cast<uintptr_t>(p); }

uint64_t alloc(Device& dev, uint64_t size, uint64_t align = 0) {
  spanker_mem_alloc a{size, align, 0};
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_MEM_ALLOC, &a), 0);
  return a.addr;
}

int write_mem(Device& dev, uint64_t addr, const void* p, uint64_t size) {
  spanker_mem_xfer x{addr, u(p), size};
  return dev.ioctl(SPANKER_IOC_MEM_WRITE, &x);
}

int read_mem(Device& dev, uint64_t addr, void* p, uint64_t size) {
  spanker_mem_xfer x{addr, u(p), size};
  return dev.ioctl(SPANKER_IOC_MEM_READ, &x);
}

// A long job (k = 256, m = 2048: about 300 KB of A to read) on zero-filled DDR.
spanker_work_submit long_job(uint32_t tag = 0) {
  spanker_work_submit w{};
  w.a = 0x100000;
  w.b = 0x10000;
  w.out = 0x20000;
  w.m = 2048;
  w.k = 256;
  w.n = 1;
  w.tag = tag;
  return w;
}

TEST(Device, PingAndVersion) {
  Device dev;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_PING, nullptr), 0);
  spanker_version v{9, 9, 9, 9};
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_GET_VERSION, &v), 0);
  EXPECT_EQ(v.major, 0);
  EXPECT_EQ(v.minor, 2);
  EXPECT_EQ(v.patch, 0);
  EXPECT_EQ(v.reserved, 0);
  // PING is an ID register read on the host port.
  const auto log = dev.card().host_port().log.last_n_transactions(64);
  bool id_read = false;
  for (const auto& r : log) id_read |= r.dir == axi4::Dir::Read && r.addr == rtl::reg::kId;
  EXPECT_TRUE(id_read);
}

TEST(Device, VersionStandsInForV01) {
  DeviceConfig config;
  config.version = {0, 1, 0, 0};
  Device dev(config);
  spanker_version v{};
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_GET_VERSION, &v), 0);
  EXPECT_EQ(v.major, 0);
  EXPECT_EQ(v.minor, 1);
  EXPECT_EQ(v.patch, 0);
}

TEST(Device, Enotty) {
  Device dev;
  spanker_version v{};
  EXPECT_EQ(dev.ioctl(_IO(0xE4, 0x01), nullptr), -ENOTTY);                 // wrong magic
  EXPECT_EQ(dev.ioctl(_IOR(0xE4, 0x02, struct spanker_version), &v), -ENOTTY);
  EXPECT_EQ(dev.ioctl(_IO(SPANKER_IOC_MAGIC, 0x7F), nullptr), -ENOTTY);    // unknown number
  EXPECT_EQ(dev.ioctl(_IO(SPANKER_IOC_MAGIC, 0x00), nullptr), -ENOTTY);
  EXPECT_EQ(dev.ioctl(_IOR(SPANKER_IOC_MAGIC, 0x02, uint32_t), &v), -ENOTTY);  // another size
  EXPECT_EQ(dev.ioctl(_IOW(SPANKER_IOC_MAGIC, 0x02, struct spanker_version), &v), -ENOTTY);  // direction
  EXPECT_EQ(dev.ioctl(_IOR(SPANKER_IOC_MAGIC, 0x01, uint32_t), &v), -ENOTTY);
  EXPECT_EQ(dev.ioctl(0x5401 /* TCGETS */, &v), -ENOTTY);
}

TEST(Device, Efault) {
  Device dev;
  BadPages bad;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_GET_VERSION, nullptr), -EFAULT);
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_GET_VERSION, bad.none), -EFAULT);
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_GET_VERSION, bad.ro), -EFAULT);  // cannot be written
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_MEM_ALLOC, nullptr), -EFAULT);
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_MEM_ALLOC, bad.none), -EFAULT);
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_MEM_FREE, reinterpret_cast<void*>(8)), -EFAULT);
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WAIT, nullptr), -EFAULT);
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, nullptr), -EFAULT);
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_BAR_INFO, nullptr), -EFAULT);
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_GET_TELEMETRY, bad.none), -EFAULT);
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_MEM_COPY, nullptr), -EFAULT);

  // Pointers inside the structs.
  std::vector<uint8_t> buf(4096, 1);
  EXPECT_EQ(write_mem(dev, 0x10000, nullptr, 64), -EFAULT);
  EXPECT_EQ(write_mem(dev, 0x10000, bad.none, 64), -EFAULT);
  EXPECT_EQ(read_mem(dev, 0x10000, bad.ro, 64), -EFAULT);
  EXPECT_EQ(read_mem(dev, 0x10000, nullptr, 64), -EFAULT);
  // A buffer that runs off its mapping.
  EXPECT_EQ(write_mem(dev, 0x10000, static_cast<uint8_t*>(bad.ro) + bad.size - 16, 32), -EFAULT);
  EXPECT_EQ(write_mem(dev, 0x10000, bad.ro, 32), 0);  // read-only is fine as a source

  spanker_work_submit w{};
  w.a = 0x10000, w.b = 0x20000, w.out = 0x30000, w.m = 1, w.k = 256, w.n = 1;
  w.flags = SPANKER_WORK_B_F32;
  w.b_f32 = 0;
  w.b_f32_bytes = 256 * 4;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EFAULT);
  w.b_f32 = u(bad.none);
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EFAULT);
  // Nothing was queued.
  EXPECT_EQ(dev.card().read64(rtl::reg::kJobsDone), 0u);
  EXPECT_EQ(dev.card().ddr().transactions(), 1u);  // only the read-only page's 32 bytes
}

TEST(Device, MemAllocFree) {
  Device dev;
  spanker_mem_alloc a{1000, 0, 0};
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_MEM_ALLOC, &a), 0);
  EXPECT_EQ(a.addr, rtl::kDdrStart);
  const uint64_t first = a.addr;
  a = {64, 1 << 16, 0};
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_MEM_ALLOC, &a), 0);
  EXPECT_EQ(a.addr % (1 << 16), 0u);
  EXPECT_GE(a.addr, first + 1000);

  a = {0, 0, 0};
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_MEM_ALLOC, &a), -EINVAL);
  a = {64, 96, 0};
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_MEM_ALLOC, &a), -EINVAL);
  a = {rtl::kDdrEnd, 0, 0};
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_MEM_ALLOC, &a), -ENOMEM);

  spanker_mem_free f{first + 8};
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_MEM_FREE, &f), -EINVAL);
  f.addr = 0x3FFF0000;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_MEM_FREE, &f), -EINVAL);
  f.addr = first;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_MEM_FREE, &f), 0);
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_MEM_FREE, &f), -EINVAL);
  a = {4096, 0, 0};
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_MEM_ALLOC, &a), 0);
  EXPECT_EQ(a.addr, first);  // first fit again
  EXPECT_EQ(dev.allocator().allocated().size(), 2u);
}

TEST(Device, MemWriteReadCopy) {
  Device dev;
  std::vector<uint8_t> data(100'000);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 7 + i / 251);
  const uint64_t at = 0x10000 + 13;  // ragged head and tail
  ASSERT_EQ(write_mem(dev, at, data.data(), data.size()), 0);
  EXPECT_EQ(dev.card().peek(at, data.size()), data);  // it went over the bus into DDR
  // The bursts went through the host port (full beats, 4 KiB at most).
  const auto ddr = dev.card().ddr().last_n_transactions(4096);
  ASSERT_FALSE(ddr.empty());
  for (const auto& r : ddr) EXPECT_LE(r.beats, 128u);
  std::vector<uint8_t> back(data.size());
  ASSERT_EQ(read_mem(dev, at, back.data(), back.size()), 0);
  EXPECT_EQ(back, data);

  spanker_mem_copy c{0x200000 + 5, at, data.size()};
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_MEM_COPY, &c), 0);
  EXPECT_EQ(dev.card().peek(c.dst, data.size()), data);
  c = {at + 100, at, 1000};
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_MEM_COPY, &c), -EINVAL);  // overlap
  c = {at, at + 999, 1000};
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_MEM_COPY, &c), -EINVAL);
  c = {0x1000, at, 64};
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_MEM_COPY, &c), -EINVAL);  // the control block is not DDR

  // Outside DDR.
  EXPECT_EQ(write_mem(dev, 0x4000, data.data(), 64), -EINVAL);
  EXPECT_EQ(write_mem(dev, rtl::kDdrEnd - 32, data.data(), 64), -EINVAL);
  EXPECT_EQ(read_mem(dev, 0xFFFF'FFFF'FFFF'FFF0ull, back.data(), 64), -EINVAL);
  EXPECT_EQ(write_mem(dev, rtl::kDdrEnd - 32, data.data(), 32), 0);
}

TEST(Device, EioFromAnErrorRange) {
  DeviceConfig config;
  config.card.memory.errors.push_back({0x300000, 0x1000, axi4::Resp::SlvErr, axi4::ErrorOn::Both});
  Device dev(config);
  std::vector<uint8_t> data(8192, 0x5A);
  EXPECT_EQ(write_mem(dev, 0x300000 + 0x800, data.data(), 64), -EIO);
  EXPECT_EQ(read_mem(dev, 0x2FF000, data.data(), data.size()), -EIO);  // its second page errs
  EXPECT_EQ(write_mem(dev, 0x301000, data.data(), 64), 0);             // just past it
  spanker_mem_copy c{0x400000, 0x300000, 64};
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_MEM_COPY, &c), -EIO);
}

TEST(Device, WorkSubmitEinval) {
  Device dev;
  spanker_work_submit w{};
  w.a = 0x10000, w.b = 0x20000, w.out = 0x30000, w.m = 4, w.k = 300, w.n = 2;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EINVAL);  // k % 256 != 0
  w.k = 0;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EINVAL);
  w.k = 256 * 129;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EINVAL);  // over max_k
  w.k = 256;
  w.flags = 1u << 5;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EINVAL);  // unknown flag
  w.flags = 0;
  w.b_f32 = 0x1234;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EINVAL);  // b_f32 without the flag
  w.b_f32 = 0;
  w.b_f32_bytes = 4 * 256 * 2;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EINVAL);  // b_f32_bytes without the flag
  w.b_f32_bytes = 0;
  w.m = 0;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EINVAL);
  w.m = 4;
  w.out = 0x30002;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EINVAL);  // OUT alignment
  w.out = 0x30000;
  w.a_stride = 100;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EINVAL);  // stride < row
  w.a_stride = 0;
  w.a = 0x4000;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EINVAL);  // not in DDR
  w.a = rtl::kDdrEnd - 144;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EINVAL);  // runs past DDR
  // Nothing reached the queue.
  EXPECT_EQ(dev.card().read64(rtl::reg::kJobsDone), 0u);
  spanker_wait wt{};
  wt.job = 1;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WAIT, &wt), -EINVAL);  // unknown handle
  wt.job = 0;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WAIT, &wt), -EINVAL);
}

// Linux passes the command as 32 bits: what lies above (a request sign-extended from an int)
// is dropped before decoding, so it still names the command.
TEST(Device, RequestIsTruncatedTo32Bits) {
  Device dev;
  EXPECT_EQ(dev.ioctl(0xFFFF'FFFF'0000'0000ul | SPANKER_IOC_PING, nullptr), 0);
  spanker_version v{9, 9, 9, 9};
  EXPECT_EQ(dev.ioctl(0x1'0000'0000ul | SPANKER_IOC_GET_VERSION, &v), 0);
  EXPECT_EQ(v.minor, 2);
  const auto sign_extended = static_cast<unsigned long>(static_cast<long>(static_cast<int32_t>(SPANKER_IOC_WORK_SUBMIT)));
  ASSERT_NE(sign_extended, static_cast<unsigned long>(SPANKER_IOC_WORK_SUBMIT));
  EXPECT_EQ(dev.ioctl(sign_extended, nullptr), -EFAULT);  // decoded as WORK_SUBMIT: the NULL argument
  EXPECT_EQ(dev.ioctl(0xFFFF'FFFF'0000'0000ul | _IO(SPANKER_IOC_MAGIC, 0x7F), nullptr), -ENOTTY);
}

// WORK_SUBMIT with B_F32 reads exactly b_f32_bytes, which must be n*k*4: a shorter or longer
// buffer is EINVAL even when more readable memory follows it, a buffer that runs into an
// inaccessible page is EFAULT, and in both cases nothing reaches the bus.
TEST(Device, F32ActivationsAreReadWithinTheirLength) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  auto* map = static_cast<uint8_t*>(mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  ASSERT_NE(map, MAP_FAILED);
  ASSERT_EQ(mprotect(map + page, page, PROT_NONE), 0);
  constexpr uint32_t k = 256, n = 1;
  constexpr size_t bytes = size_t{n} * k * 4;
  float* const end_of_page = reinterpret_cast<float*>(map + page - bytes);  // the last float touches the guard page
  for (uint32_t i = 0; i < k; ++i) end_of_page[i] = static_cast<float>(i % 17) - 8.0f;

  Device dev;
  spanker_work_submit w{};
  w.a = 0x10000, w.b = 0x20000, w.out = 0x30000, w.m = 1, w.k = k, w.n = n;
  w.flags = SPANKER_WORK_B_F32;
  w.b_f32 = u(end_of_page) - 4;  // readable, and more readable bytes follow the short length
  w.b_f32_bytes = bytes - 4;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EINVAL);
  w.b_f32_bytes = bytes + 4;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EINVAL);
  w.b_f32_bytes = 0;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EINVAL);
  w.b_f32 = u(end_of_page) + 4;  // the right length, but its last 4 bytes are on the guard page
  w.b_f32_bytes = bytes;
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), -EFAULT);
  EXPECT_EQ(dev.card().ddr().transactions(), 0u);  // nothing quantized, nothing queued
  EXPECT_EQ(dev.card().read64(rtl::reg::kJobsDone), 0u);

  // Exactly n*k*4 readable bytes, ending where the guard page starts: accepted, so not one
  // byte past the buffer was read; B holds the reference quantizer's blocks of those floats.
  w.b_f32 = u(end_of_page);
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), 0);
  std::vector<ggml::BlockQ8K> q(k / 256);
  std::memset(q.data(), 0, q.size() * sizeof(ggml::BlockQ8K));
  ggml::quantize_row_q8_K_ref(std::span<const float>(end_of_page, k), q);
  const auto* qbytes = reinterpret_cast<const uint8_t*>(q.data());
  EXPECT_EQ(dev.card().peek(w.b, q.size() * sizeof(ggml::BlockQ8K)),
            std::vector<uint8_t>(qbytes, qbytes + q.size() * sizeof(ggml::BlockQ8K)));
  munmap(map, 2 * page);
}

// MEM_ALLOC A/B/OUT, MEM_WRITE, WORK_SUBMIT, WAIT, MEM_READ: bit for bit with GGML.
void run_matmul_case(bool f32) {
  Device dev;
  const auto a = read_file(kCase + "/a.bin");
  const auto b = read_file(kCase + "/b.bin");
  const auto b_f32 = read_file(kCase + "/b_f32.bin");
  const auto out_ref = read_file(kCase + "/out.bin");
  ASSERT_EQ(a.size(), size_t{kM} * kK / 256 * 144);
  ASSERT_EQ(b.size(), size_t{kN} * kK / 256 * 292);
  ASSERT_EQ(b_f32.size(), size_t{kN} * kK * 4);

  const uint64_t a_addr = alloc(dev, a.size());
  const uint64_t b_addr = alloc(dev, b.size());
  const uint64_t out_addr = alloc(dev, size_t{kM} * kN * 4);
  ASSERT_EQ(write_mem(dev, a_addr, a.data(), a.size()), 0);
  if (!f32) {
    ASSERT_EQ(write_mem(dev, b_addr, b.data(), b.size()), 0);
  }
  const std::vector<uint8_t> fill(size_t{kM} * kN * 4, 0xA5);
  ASSERT_EQ(write_mem(dev, out_addr, fill.data(), fill.size()), 0);

  spanker_work_submit w{};
  w.a = a_addr, w.b = b_addr, w.out = out_addr, w.m = kM, w.k = kK, w.n = kN;
  w.tag = 0xC01;
  if (f32) {
    w.flags = SPANKER_WORK_B_F32;
    w.b_f32 = u(b_f32.data());
    w.b_f32_bytes = b_f32.size();
  }
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), 0);
  EXPECT_EQ(w.job, 1u);
  if (f32) {
    EXPECT_EQ(dev.card().peek(b_addr, b.size()), b);  // the reference quantizer's bits
  }

  // The descriptor went to 0x4000 as one 64-byte burst on the host port.
  bool descriptor = false;
  for (const auto& r : dev.card().host_port().log.last_n_transactions(16)) {
    if (r.dir == axi4::Dir::Write && r.addr == rtl::reg::kQueue) {
      descriptor = true;
      EXPECT_EQ(r.beats, 2u);
      EXPECT_EQ(r.bytes, 64u);
      EXPECT_EQ(r.resp, axi4::Resp::Okay);
    }
  }
  EXPECT_TRUE(descriptor);

  spanker_wait wt{};
  wt.job = w.job;
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_WAIT, &wt), 0);
  // The DDR port's log: the engine (master 1) read A from its first byte, and wrote OUT.
  bool engine_read_a = false, engine_wrote_out = false;
  for (const auto& r : dev.card().ddr().last_n_transactions(4096)) {
    engine_read_a |= r.master == rtl::kMasterEngine && r.dir == axi4::Dir::Read && r.addr == a_addr;
    engine_wrote_out |= r.master == rtl::kMasterEngine && r.dir == axi4::Dir::Write && r.addr == out_addr;
  }
  EXPECT_TRUE(engine_read_a);
  EXPECT_TRUE(engine_wrote_out);
  EXPECT_EQ(wt.status, 0u);
  EXPECT_EQ(wt.tag, 0xC01u);
  EXPECT_GT(wt.cycles, 0u);
  // A second WAIT on an ended job answers at once.
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_WAIT, &wt), 0);

  std::vector<uint8_t> out(size_t{kM} * kN * 4);
  ASSERT_EQ(read_mem(dev, out_addr, out.data(), out.size()), 0);
  EXPECT_EQ(out, out_ref);

  // And against the C++ reference: quantize (for f32) and dot, row by row.
  const uint32_t kb = kK / 256;
  std::vector<ggml::BlockQ4K> qa(size_t{kM} * kb);
  std::memcpy(qa.data(), a.data(), a.size());
  std::vector<ggml::BlockQ8K> qb(size_t{kN} * kb);
  if (f32) {
    std::memset(qb.data(), 0, qb.size() * sizeof(ggml::BlockQ8K));
    std::vector<float> x(size_t{kN} * kK);
    std::memcpy(x.data(), b_f32.data(), b_f32.size());
    ggml::quantize_row_q8_K_ref(x, qb);
  } else {
    std::memcpy(qb.data(), b.data(), b.size());
  }
  for (uint32_t n = 0; n < kN; ++n) {
    for (uint32_t m = 0; m < kM; ++m) {
      const float ref = ggml::vec_dot_q4_K_q8_K(ggml::DotOrder::Generic, std::span(qa).subspan(m * kb, kb),
                                                std::span(qb).subspan(n * kb, kb));
      uint32_t got = 0, want = 0;
      std::memcpy(&got, out.data() + (size_t{n} * kM + m) * 4, 4);
      std::memcpy(&want, &ref, 4);
      EXPECT_EQ(got, want) << "n " << n << " m " << m;
    }
  }
  spanker_telemetry t{};
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_GET_TELEMETRY, &t), 0);
  EXPECT_EQ(t.jobs_done, 1u);
  EXPECT_EQ(t.jobs_failed, 0u);
  EXPECT_EQ(t.busy_cycles, wt.cycles);
  EXPECT_EQ(t.bytes_read, a.size() + b.size());
  EXPECT_EQ(t.bytes_written, out.size());
  EXPECT_GT(t.cycle, t.busy_cycles);
  EXPECT_TRUE(dev.card().checkers_clean()) << dev.card().checker_report();
}

TEST(Device, MatmulBitExact) { run_matmul_case(false); }
TEST(Device, MatmulFromF32Activations) { run_matmul_case(true); }

TEST(Device, BarInfo) {
  Device dev;
  spanker_bar_info b{};
  b.reserved = 7;
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_BAR_INFO, &b), 0);
  EXPECT_EQ(b.ctrl_base, 0u);
  EXPECT_EQ(b.ctrl_size, 0x10000u);
  EXPECT_EQ(b.queue_addr, 0x4000u);
  EXPECT_EQ(b.ddr_base, 0x10000u);
  EXPECT_EQ(b.ddr_size, 0x4000'0000u - 0x10000u);
  EXPECT_EQ(b.lanes, 8u);
  EXPECT_EQ(b.queue_depth, 4u);
  EXPECT_EQ(b.max_k, 32768u);
  EXPECT_EQ(b.reserved, 0u);
}

TEST(Device, EbusyWhenTheQueueIsFull) {
  Device dev;
  int busy_at = -1;
  for (int i = 0; i < 8 && busy_at < 0; ++i) {
    spanker_work_submit w = long_job(static_cast<uint32_t>(i));
    const int rc = dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w);
    if (rc == -EBUSY) {
      busy_at = i;
    } else {
      ASSERT_EQ(rc, 0);
      EXPECT_EQ(w.job, static_cast<uint64_t>(i + 1));
    }
  }
  EXPECT_EQ(busy_at, 5);  // one running, four waiting
  spanker_telemetry t{};
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_GET_TELEMETRY, &t), 0);
  EXPECT_EQ(t.queue_rejects, 1u);
  // The five queued jobs all end, in order, with their tags.
  for (uint64_t job = 1; job <= 5; ++job) {
    spanker_wait wt{job, 0, 99, 99, 0};
    ASSERT_EQ(dev.ioctl(SPANKER_IOC_WAIT, &wt), 0) << job;
    EXPECT_EQ(wt.status, 0u);
    EXPECT_EQ(wt.tag, job - 1);
  }
  // Room again.
  spanker_work_submit w = long_job(42);
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), 0);
  EXPECT_EQ(w.job, 6u);
}

TEST(Device, EtimedoutThenDone) {
  Device dev;
  spanker_work_submit w = long_job(7);
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), 0);
  spanker_wait wt{w.job, 100, 0, 0, 0};
  const uint64_t before = dev.card().cycle();
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WAIT, &wt), -ETIMEDOUT);
  EXPECT_LT(dev.card().cycle() - before, 1000u);
  wt.timeout_ns = 0;  // the default: a second of card time
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_WAIT, &wt), 0);
  EXPECT_EQ(wt.tag, 7u);
  EXPECT_GT(wt.cycles, 2048u * 144 / 32);  // at least the read roofline
}

TEST(Device, JobWithAnAxiErrorIsEio) {
  DeviceConfig config;
  // A's range answers reads with SLVERR (writes go through, so A can be written).
  config.card.memory.errors.push_back({0x100000, 0x1000, axi4::Resp::SlvErr, axi4::ErrorOn::Read});
  Device dev(config);
  spanker_work_submit w{};
  w.a = 0x100000, w.b = 0x10000, w.out = 0x20000, w.m = 4, w.k = 256, w.n = 1, w.tag = 0xBAD;
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), 0);
  spanker_wait wt{w.job, 0, 0, 0, 0};
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WAIT, &wt), -EIO);
  EXPECT_EQ(wt.status, 7u);  // AXI read error
  EXPECT_EQ(wt.tag, 0xBADu);
  // A good job after it.
  w.a = 0x200000, w.tag = 2;
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), 0);
  wt = {w.job, 0, 0, 0, 0};
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WAIT, &wt), 0);
  EXPECT_EQ(wt.tag, 2u);
}

// Jobs that end during one long bus transfer are seen together: the newest gets LAST_ERROR,
// the others can only be told apart when no failure is left to place (docs: "Which job
// failed"). Here one of the two earlier jobs failed: both answer EIO with kStatusUnknown.
TEST(Device, JobsEndingTogetherAreAttributedSafely) {
  DeviceConfig config;
  config.card.memory.errors.push_back({0x100000, 0x1000, axi4::Resp::SlvErr, axi4::ErrorOn::Read});
  Device dev(config);
  auto job = [&](uint64_t a, uint32_t tag) {
    spanker_work_submit w{};  // 128 rows of A: long enough to outlast the next submissions
    w.a = a, w.b = 0x10000, w.out = 0x20000, w.m = 128, w.k = 256, w.n = 1, w.tag = tag;
    EXPECT_EQ(dev.ioctl(SPANKER_IOC_WORK_SUBMIT, &w), 0);
    return w.job;
  };
  const uint64_t j1 = job(0x200000, 1), j2 = job(0x100000, 2), j3 = job(0x200000, 3);
  std::vector<uint8_t> big(1 << 20);
  ASSERT_EQ(read_mem(dev, 0x800000, big.data(), big.size()), 0);  // all three end meanwhile
  spanker_wait w3{j3, 0, 0, 0, 0};
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WAIT, &w3), 0);
  EXPECT_EQ(w3.tag, 3u);
  spanker_wait w1{j1, 0, 0, 0, 0}, w2{j2, 0, 0, 0, 0};
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WAIT, &w1), -EIO);
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_WAIT, &w2), -EIO);
  EXPECT_EQ(w1.status, kStatusUnknown);
  EXPECT_EQ(w2.status, kStatusUnknown);
  EXPECT_EQ(w1.tag, 1u);
  EXPECT_EQ(w2.tag, 2u);
}

// ENODEV: the real RTL always identifies itself, so the only meaningful way to reach it is a
// card that does not answer: no host cycles at all for a register access.
TEST(Device, EnodevWhenTheCardDoesNotAnswer) {
  DeviceConfig config;
  config.card.host_timeout_cycles = 0;
  Device dev(config);
  EXPECT_EQ(dev.ioctl(SPANKER_IOC_PING, nullptr), -ENODEV);
}

}  // namespace
}  // namespace sailsim::shim
