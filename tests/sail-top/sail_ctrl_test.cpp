// The control block (rtl/sail_ctrl.sv) alone, through tests/sail-top/sail_ctrl_flat.sv: the
// host model on its AXI port, the engine's signals driven from C++ between cycles. The
// registers of sail_map.hpp, the command queue (one burst, one descriptor; SLVERR when
// full), the interrupts, and the performance counters counted against known event counts.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "Vsail_ctrl_flat.h"
#include "sailsim/axi4/burst.hpp"
#include "sailsim/axi4/transaction.hpp"
#include "sailsim/rtl/sail_map.hpp"
#include "sailsim/tb/simulation.hpp"

namespace sailsim {
namespace {

namespace map = sailsim::rtl;

using Desc = std::array<uint32_t, 16>;

constexpr unsigned kDownIdBits = axi4::kIdWidth + map::kMasterIdxBits;  // as behind the crossbar
constexpr uint32_t kErrAxiRead = 7;  // sail_desc_pkg::ErrAxiRead
constexpr uint32_t kErrBadK = 1;     // sail_desc_pkg::ErrBadK

std::vector<uint8_t> bytes_of(const Desc& desc) {
  std::vector<uint8_t> bytes(64);
  std::memcpy(bytes.data(), desc.data(), 64);
  return bytes;
}

Desc random_desc(std::mt19937& rng) {
  Desc desc{};
  for (auto& w : desc) w = static_cast<uint32_t>(rng()) | 1u;  // never zero: a lost word shows
  return desc;
}

struct Ctrl {
  explicit Ctrl(axi4::HostConfig host_config = {.ids = {0, 1, 2, 3}})
      : port(sim.bind(SAILSIM_AXI_PORT(&sim.top(), s_).id_width(kDownIdBits), "host")),
        host(sim.attach_host(port, std::move(host_config))) {
    sim.reset();
  }

  Vsail_ctrl_flat& top() { return sim.top(); }
  void settle(uint64_t max_cycles = 10000) {
    ASSERT_TRUE(sim.run_until([&] { return host.idle(); }, max_cycles)) << sim.report();
  }
  uint32_t read32(uint64_t addr) {
    axi4::Handle r = host.read(addr, 4);
    settle();
    EXPECT_TRUE(r->ok()) << "read of 0x" << std::hex << addr;
    uint32_t value = 0;
    std::memcpy(&value, r->data.data(), 4);
    return value;
  }
  // Both words of a counter in one beat.
  uint64_t read64(uint64_t addr) {
    axi4::Handle r = host.read(addr, 8);
    settle();
    EXPECT_TRUE(r->ok()) << "read of 0x" << std::hex << addr;
    EXPECT_EQ(r->bursts, 1u);
    uint64_t value = 0;
    std::memcpy(&value, r->data.data(), 8);
    return value;
  }
  axi4::Resp write(uint64_t addr, const std::vector<uint8_t>& bytes) {
    axi4::Handle w = host.write(addr, bytes);
    settle();
    EXPECT_TRUE(w->done);
    return w->resp;
  }
  void write32(uint64_t addr, uint32_t value) {
    std::vector<uint8_t> bytes(4);
    std::memcpy(bytes.data(), &value, 4);
    EXPECT_EQ(write(addr, bytes), axi4::Resp::Okay) << "write of 0x" << std::hex << addr;
  }
  axi4::Resp issue(const axi4::Transaction& txn) {
    axi4::Handle h = host.issue(txn);
    settle();
    EXPECT_TRUE(h->done);
    return h->resp;
  }
  // Descriptor pushes: one 64-byte burst at the queue.
  axi4::Resp push(const Desc& desc) {
    axi4::Handle w = host.write(map::reg::kQueue, bytes_of(desc));
    settle();
    EXPECT_EQ(w->bursts, 1u);
    return w->resp;
  }
  Desc head() {
    Desc desc{};
    for (unsigned i = 0; i < 16; ++i) desc[i] = top().job_desc_o[i];
    return desc;
  }
  // One cycle with job_ready_i high: pops the head if there is one.
  void pop() {
    top().job_ready_i = 1;
    sim.step();
    top().job_ready_i = 0;
  }
  // STATUS[15:8] over the bus; it must equal the queued_o line test benches read.
  unsigned queued() {
    const unsigned status = (read32(map::reg::kStatus) >> map::status::kQueuedShift) & 0xFF;
    EXPECT_EQ(top().queued_o, status) << "queued_o differs from STATUS";
    return status;
  }
  // One done_i pulse.
  void done(uint32_t error, uint32_t tag) {
    top().done_i = 1;
    top().done_error_i = static_cast<uint8_t>(error);
    top().done_tag_i = tag;
    sim.step();
    top().done_i = 0;
    top().done_error_i = 0;
    top().done_tag_i = 0;
  }
  void expect_clean() { EXPECT_TRUE(sim.checkers_clean()) << sim.checker_report(); }

  tb::Simulation<Vsail_ctrl_flat> sim;
  tb::Port& port;
  axi4::Host& host;
};

std::vector<uint32_t> words(const std::vector<uint8_t>& bytes) {
  std::vector<uint32_t> out(bytes.size() / 4);
  std::memcpy(out.data(), bytes.data(), out.size() * 4);
  return out;
}

// ---- Registers --------------------------------------------------------------------------------

TEST(SailCtrlRegisters, NewRegistersReadTheirResetValues) {
  Ctrl c;
  EXPECT_EQ(c.read32(map::reg::kVersion), map::kVersionValue);
  EXPECT_EQ(c.read32(map::reg::kEngineConfig), map::kEngineConfigValue);
  EXPECT_EQ(c.read32(map::reg::kEngineConfig), 128u << 16 | 4u << 8 | 8u);  // the defaults, spelled out
  EXPECT_EQ(c.read32(map::reg::kConfig), map::kConfigValue);
  EXPECT_EQ(c.read32(map::reg::kStatus), 0u);
  EXPECT_EQ(c.read32(map::reg::kIrqStatus), 0u);
  EXPECT_EQ(c.read32(map::reg::kIrqEnable), 0u);
  EXPECT_EQ(c.read32(map::reg::kIrqClear), 0u);
  EXPECT_EQ(c.read32(map::reg::kLastTag), 0u);
  EXPECT_EQ(c.read32(map::reg::kLastError), 0u);
  EXPECT_EQ(c.read32(map::reg::kQueueRejects), 0u);
  EXPECT_EQ(c.read32(map::reg::kPerfClear), 0u);
  for (uint32_t reg : {map::reg::kBusyCycles, map::reg::kBytesRead, map::reg::kBytesWritten, map::reg::kReadStalls,
                       map::reg::kJobsDone, map::reg::kJobsFailed}) {
    EXPECT_EQ(c.read64(reg), 0u) << "counter at 0x" << std::hex << reg;
  }
  // The second register line in one beat: ENGINE_CONFIG first, everything else zero.
  axi4::Handle line = c.host.read(map::reg::kEngineConfig, 32);
  c.settle();
  ASSERT_TRUE(line->ok());
  std::vector<uint32_t> expected(8, 0);
  expected[0] = map::kEngineConfigValue;
  EXPECT_EQ(words(line->data), expected);
  EXPECT_EQ(c.top().job_valid_o, 0);
  EXPECT_EQ(c.top().irq_o, 0);
  c.expect_clean();
}

TEST(SailCtrlRegisters, StatusShowsTheEngineBusy) {
  Ctrl c;
  c.top().engine_busy_i = 1;
  EXPECT_EQ(c.read32(map::reg::kStatus), map::status::kBusy);
  c.top().engine_busy_i = 0;
  EXPECT_EQ(c.read32(map::reg::kStatus), 0u);
  c.expect_clean();
}

TEST(SailCtrlRegisters, ReadOnlyRegistersIgnoreWritesAndScratchStillWorks) {
  Ctrl c;
  c.done(kErrAxiRead, 0x55);
  for (uint32_t reg : {map::reg::kEngineConfig, map::reg::kStatus, map::reg::kIrqStatus, map::reg::kLastTag,
                       map::reg::kLastError, map::reg::kQueueRejects, map::reg::kJobsDone, map::reg::kJobsDone + 4}) {
    c.write32(reg, 0xFFFF'FFFF);
  }
  EXPECT_EQ(c.read32(map::reg::kEngineConfig), map::kEngineConfigValue);
  EXPECT_EQ(c.read32(map::reg::kStatus), 0u);
  EXPECT_EQ(c.read32(map::reg::kIrqStatus), map::irq::kError);
  EXPECT_EQ(c.read32(map::reg::kLastTag), 0x55u);
  EXPECT_EQ(c.read32(map::reg::kLastError), kErrAxiRead);
  EXPECT_EQ(c.read32(map::reg::kQueueRejects), 0u);
  EXPECT_EQ(c.read64(map::reg::kJobsDone), 1u);
  c.write32(map::reg::kScratch, 0xCAFE'F00D);
  EXPECT_EQ(c.read32(map::reg::kScratch), 0xCAFE'F00Du);
  EXPECT_EQ(c.top().job_valid_o, 0);  // none of it reached the queue
  c.expect_clean();
}

// ---- The command queue -----------------------------------------------------------------------

TEST(SailCtrlQueue, OneBurstIsOneDescriptorWordForWord) {
  Ctrl c;
  std::mt19937 rng(1);
  const Desc desc = random_desc(rng);
  EXPECT_EQ(c.push(desc), axi4::Resp::Okay);
  ASSERT_EQ(c.top().job_valid_o, 1);
  EXPECT_EQ(c.head(), desc);
  EXPECT_EQ(c.read32(map::reg::kStatus), 1u << map::status::kQueuedShift);
  // The window reads zero; reading does not pop.
  axi4::Handle r = c.host.read(map::reg::kQueue, map::kQueueBytes);
  c.settle();
  EXPECT_TRUE(r->ok());
  EXPECT_EQ(r->data, std::vector<uint8_t>(map::kQueueBytes, 0));
  EXPECT_EQ(c.top().job_valid_o, 1);
  // The engine takes it.
  c.pop();
  EXPECT_EQ(c.top().job_valid_o, 0);
  EXPECT_EQ(c.read32(map::reg::kStatus), 0u);
  c.expect_clean();
}

TEST(SailCtrlQueue, NarrowStrobedWrappedAndFixedBurstsStoreTheirBytes) {
  Ctrl c;
  std::mt19937 rng(2);
  const Desc src = random_desc(rng);
  const std::vector<uint8_t> bytes = bytes_of(src);
  auto take = [&](Desc expected) {
    EXPECT_EQ(c.top().job_valid_o, 1);
    EXPECT_EQ(c.head(), expected);
    c.pop();
    EXPECT_EQ(c.top().job_valid_o, 0);
  };
  // Four 4-byte beats from word 2: words 2..5, the rest zero.
  EXPECT_EQ(c.issue(axi4::make_write({map::reg::kQueue + 8, 3, 2, axi4::Burst::Incr},
                                     std::span(bytes).subspan(8, 16), 1)),
            axi4::Resp::Okay);
  take({0, 0, src[2], src[3], src[4], src[5]});
  // One strobed word: word 13 (the tag) alone.
  std::vector<uint8_t> tag(4);
  std::memcpy(tag.data(), &src[13], 4);
  EXPECT_EQ(c.write(map::reg::kQueue + 13 * 4, tag), axi4::Resp::Okay);
  Desc only_tag{};
  only_tag[13] = src[13];
  take(only_tag);
  // Two full beats whose strobes keep word 0 and word 15 only.
  const std::vector<uint32_t> strobes = {0x0000'000Fu, 0xF000'0000u};
  EXPECT_EQ(c.issue(axi4::make_write({map::reg::kQueue, 1, 5, axi4::Burst::Incr}, bytes, 2, strobes)),
            axi4::Resp::Okay);
  Desc ends{};
  ends[0] = src[0];
  ends[15] = src[15];
  take(ends);
  // WRAP from the second line: bytes 32..63 land there, then the wrap writes bytes 0..31.
  std::vector<uint8_t> swapped(bytes.begin() + 32, bytes.end());
  swapped.insert(swapped.end(), bytes.begin(), bytes.begin() + 32);
  EXPECT_EQ(c.issue(axi4::make_write({map::reg::kQueue + 32, 1, 5, axi4::Burst::Wrap}, swapped, 3)),
            axi4::Resp::Okay);
  take(src);
  // FIXED: three 4-byte beats on word 4; the last one stays.
  std::vector<uint8_t> three(12);
  for (unsigned i = 0; i < 12; ++i) three[i] = static_cast<uint8_t>(0x10 + i);
  EXPECT_EQ(c.issue(axi4::make_write({map::reg::kQueue + 16, 2, 2, axi4::Burst::Fixed}, three, 0)),
            axi4::Resp::Okay);
  Desc fixed{};
  fixed[4] = 0x1B1A'1918;
  take(fixed);
  // INCR running past the window: only its first beat (words 8..15) is inside, one descriptor.
  std::vector<uint8_t> four_lines(128);
  std::memcpy(four_lines.data(), bytes.data() + 32, 32);
  for (unsigned i = 32; i < 128; ++i) four_lines[i] = static_cast<uint8_t>(i);
  EXPECT_EQ(c.issue(axi4::make_write({map::reg::kQueue + 32, 3, 5, axi4::Burst::Incr}, four_lines, 1)),
            axi4::Resp::Okay);
  Desc upper{};
  for (unsigned i = 8; i < 16; ++i) upper[i] = src[i];
  take(upper);
  EXPECT_EQ(c.read32(map::reg::kQueueRejects), 0u);
  c.expect_clean();
}

TEST(SailCtrlQueue, EachBurstIsADescriptorEvenHalfOfOne) {
  Ctrl c;
  std::mt19937 rng(3);
  const Desc a = random_desc(rng), b = random_desc(rng);
  EXPECT_EQ(c.push(a), axi4::Resp::Okay);
  EXPECT_EQ(c.push(b), axi4::Resp::Okay);
  EXPECT_EQ(c.queued(), 2u);
  EXPECT_EQ(c.head(), a);
  c.pop();
  EXPECT_EQ(c.head(), b);
  c.pop();
  EXPECT_EQ(c.top().job_valid_o, 0);
  // A descriptor written in two bursts is two descriptors, each starting from zeros.
  const std::vector<uint8_t> bytes = bytes_of(a);
  EXPECT_EQ(c.write(map::reg::kQueue, std::vector<uint8_t>(bytes.begin(), bytes.begin() + 32)), axi4::Resp::Okay);
  EXPECT_EQ(c.write(map::reg::kQueue + 32, std::vector<uint8_t>(bytes.begin() + 32, bytes.end())), axi4::Resp::Okay);
  EXPECT_EQ(c.queued(), 2u);
  Desc low{}, high{};
  for (unsigned i = 0; i < 8; ++i) low[i] = a[i];
  for (unsigned i = 8; i < 16; ++i) high[i] = a[i];
  EXPECT_EQ(c.head(), low);
  c.pop();
  EXPECT_EQ(c.head(), high);
  c.pop();
  EXPECT_EQ(c.top().job_valid_o, 0);
  c.expect_clean();
}

TEST(SailCtrlQueue, AFullQueueRefusesWithSlverrAndCounts) {
  Ctrl c;
  std::mt19937 rng(4);
  std::vector<Desc> descs;
  for (unsigned i = 0; i < map::kQueueDepth; ++i) {
    descs.push_back(random_desc(rng));
    EXPECT_EQ(c.push(descs.back()), axi4::Resp::Okay) << "descriptor " << i;
    EXPECT_EQ(c.queued(), i + 1);
  }
  EXPECT_EQ(c.read32(map::reg::kStatus), map::status::kQueueFull | map::kQueueDepth << map::status::kQueuedShift);
  const Desc refused = random_desc(rng);
  EXPECT_EQ(c.push(refused), axi4::Resp::SlvErr);
  EXPECT_EQ(c.read32(map::reg::kQueueRejects), 1u);
  EXPECT_EQ(c.read32(map::reg::kStatus), map::status::kQueueFull | map::kQueueDepth << map::status::kQueuedShift);
  // Pops in order; the refused one is not there.
  EXPECT_EQ(c.head(), descs[0]);
  c.pop();
  EXPECT_EQ(c.read32(map::reg::kStatus), (map::kQueueDepth - 1) << map::status::kQueuedShift);
  // Room again: a push is accepted and goes to the back.
  const Desc late = random_desc(rng);
  EXPECT_EQ(c.push(late), axi4::Resp::Okay);
  descs.push_back(late);
  // job_ready_i held: one pop per cycle.
  c.top().job_ready_i = 1;
  for (unsigned i = 1; i < descs.size(); ++i) {
    ASSERT_EQ(c.top().job_valid_o, 1) << "descriptor " << i;
    EXPECT_EQ(c.head(), descs[i]) << "descriptor " << i;
    c.sim.step();
  }
  c.top().job_ready_i = 0;
  EXPECT_EQ(c.top().job_valid_o, 0);
  EXPECT_EQ(c.read32(map::reg::kStatus), 0u);
  EXPECT_EQ(c.read32(map::reg::kQueueRejects), 1u);
  // Popping an empty queue changes nothing.
  c.pop();
  EXPECT_EQ(c.read32(map::reg::kStatus), 0u);
  c.expect_clean();
}

TEST(SailCtrlQueue, BurstsElsewhereDoNotPush) {
  Ctrl c;
  std::vector<uint8_t> line(64, 0xA5);
  EXPECT_EQ(c.write(map::reg::kQueue + map::kQueueBytes, line), axi4::Resp::Okay);  // just past it
  EXPECT_EQ(c.write(map::reg::kQueue - 64, line), axi4::Resp::Okay);                // just before it
  EXPECT_EQ(c.write(0x100, line), axi4::Resp::Okay);
  c.write32(map::reg::kScratch, 1);
  // A WRAP that starts past the window and wraps into it: its AW is outside.
  std::vector<uint8_t> four(128, 0x3C);
  EXPECT_EQ(c.issue(axi4::make_write({map::reg::kQueue + 64, 3, 5, axi4::Burst::Wrap}, four, 2)), axi4::Resp::Okay);
  EXPECT_EQ(c.top().job_valid_o, 0);
  EXPECT_EQ(c.read32(map::reg::kStatus), 0u);
  // And the queue still works after them.
  Desc d{};
  d[7] = 256;
  EXPECT_EQ(c.push(d), axi4::Resp::Okay);
  EXPECT_EQ(c.head(), d);
  EXPECT_EQ(c.queued(), 1u);
  c.expect_clean();
}

// ---- Interrupts --------------------------------------------------------------------------------

TEST(SailCtrlIrq, CompletionsSetStatusAndIrqFollowsTheEnable) {
  Ctrl c;
  c.done(0, 0x1234);
  EXPECT_EQ(c.read32(map::reg::kIrqStatus), map::irq::kDone);
  EXPECT_EQ(c.read32(map::reg::kLastTag), 0x1234u);
  EXPECT_EQ(c.read32(map::reg::kLastError), 0u);
  EXPECT_EQ(c.top().irq_o, 0);  // not enabled
  EXPECT_EQ(c.read32(map::reg::kStatus), 0u);
  c.write32(map::reg::kIrqEnable, map::irq::kError);
  EXPECT_EQ(c.top().irq_o, 0);  // another bit enabled
  c.write32(map::reg::kIrqEnable, map::irq::kDone);
  EXPECT_EQ(c.read32(map::reg::kIrqEnable), map::irq::kDone);
  EXPECT_EQ(c.top().irq_o, 1);
  EXPECT_EQ(c.read32(map::reg::kStatus), map::status::kIrq);
  c.write32(map::reg::kIrqClear, 0);  // zeros clear nothing
  EXPECT_EQ(c.read32(map::reg::kIrqStatus), map::irq::kDone);
  c.write32(map::reg::kIrqClear, map::irq::kDone);
  EXPECT_EQ(c.read32(map::reg::kIrqStatus), 0u);
  EXPECT_EQ(c.top().irq_o, 0);
  EXPECT_EQ(c.read32(map::reg::kStatus), 0u);
  // A failed job: IrqError, its tag and error.
  c.done(kErrAxiRead, 0xBEEF);
  EXPECT_EQ(c.read32(map::reg::kIrqStatus), map::irq::kError);
  EXPECT_EQ(c.read32(map::reg::kLastTag), 0xBEEFu);
  EXPECT_EQ(c.read32(map::reg::kLastError), kErrAxiRead);
  EXPECT_EQ(c.top().irq_o, 0);
  c.write32(map::reg::kIrqEnable, map::irq::kDone | map::irq::kError);
  EXPECT_EQ(c.top().irq_o, 1);
  // A good one on top: both bits, the newest tag and error.
  c.done(0, 0x77);
  EXPECT_EQ(c.read32(map::reg::kIrqStatus), map::irq::kDone | map::irq::kError);
  EXPECT_EQ(c.read32(map::reg::kLastTag), 0x77u);
  EXPECT_EQ(c.read32(map::reg::kLastError), 0u);
  c.write32(map::reg::kIrqClear, map::irq::kError);
  EXPECT_EQ(c.read32(map::reg::kIrqStatus), map::irq::kDone);
  EXPECT_EQ(c.top().irq_o, 1);
  c.write32(map::reg::kIrqClear, 0xFFFF'FFFF);
  EXPECT_EQ(c.read32(map::reg::kIrqStatus), 0u);
  EXPECT_EQ(c.top().irq_o, 0);
  EXPECT_EQ(c.read32(map::reg::kIrqClear), 0u);  // write-only
  // IRQ_ENABLE keeps the defined bits only; disabling drops irq_o even with status set.
  c.write32(map::reg::kIrqEnable, 0xFFFF'FFFF);
  EXPECT_EQ(c.read32(map::reg::kIrqEnable), map::irq::kDone | map::irq::kError);
  c.done(kErrBadK, 1);
  EXPECT_EQ(c.top().irq_o, 1);
  c.write32(map::reg::kIrqEnable, 0);
  EXPECT_EQ(c.top().irq_o, 0);
  EXPECT_EQ(c.read32(map::reg::kIrqStatus), map::irq::kError);
  c.expect_clean();
}

TEST(SailCtrlIrq, ACompletionInTheCycleOfItsClearWins) {
  Ctrl c;
  c.done(kErrAxiRead, 9);  // IrqError set before; the clear below takes it
  ASSERT_EQ(c.read32(map::reg::kIrqStatus), map::irq::kError);
  std::vector<uint8_t> both(4, 0);
  both[0] = static_cast<uint8_t>(map::irq::kDone | map::irq::kError);
  axi4::Handle w = c.host.write(map::reg::kIrqClear, both);
  // Step until the block is ready for the W beat, then complete a job in that very cycle.
  bool hit = false;
  for (unsigned i = 0; i < 20 && !hit; ++i) {
    if (c.top().s_wready) {
      c.done(0, 0x42);
      hit = c.port.pins.wvalid && c.port.pins.wready;  // that cycle's W handshake
    } else {
      c.sim.step();
    }
  }
  ASSERT_TRUE(hit) << "the W beat did not handshake in the completion's cycle";
  c.settle();
  EXPECT_TRUE(w->ok());
  EXPECT_EQ(c.read32(map::reg::kIrqStatus), map::irq::kDone);  // set won; the error bit was cleared
  EXPECT_EQ(c.read32(map::reg::kLastTag), 0x42u);
  c.expect_clean();
}

// ---- Performance counters -----------------------------------------------------------------------

TEST(SailCtrlCounters, EachCounterCountsItsEvents) {
  Ctrl c;
  auto cycles = [&](uint8_t& pin, unsigned n) {
    pin = 1;
    c.sim.run(n);
    pin = 0;
  };
  cycles(c.top().engine_busy_i, 37);
  EXPECT_EQ(c.read64(map::reg::kBusyCycles), 37u);
  cycles(c.top().rd_beat_i, 11);
  EXPECT_EQ(c.read64(map::reg::kBytesRead), 11u * 32);
  const unsigned wr[] = {32, 1, 0, 17, 5, 32, 32};
  uint64_t wr_sum = 0;
  for (unsigned b : wr) {
    c.top().wr_bytes_i = static_cast<uint8_t>(b);
    c.sim.step();
    wr_sum += b;
  }
  c.top().wr_bytes_i = 0;
  EXPECT_EQ(c.read64(map::reg::kBytesWritten), wr_sum);
  cycles(c.top().rd_stall_i, 9);
  EXPECT_EQ(c.read64(map::reg::kReadStalls), 9u);
  for (uint32_t error : {0u, kErrAxiRead, 0u, kErrBadK, 0u}) c.done(error, error);
  EXPECT_EQ(c.read64(map::reg::kJobsDone), 5u);
  EXPECT_EQ(c.read64(map::reg::kJobsFailed), 2u);
  // Nothing counted what was not its event: every counter again, in one 64-byte read.
  axi4::Handle all = c.host.read(map::reg::kBusyCycles, 48);
  c.settle();
  ASSERT_TRUE(all->ok());
  EXPECT_EQ(all->bursts, 1u);
  EXPECT_EQ(words(all->data), (std::vector<uint32_t>{37, 0, 11 * 32, 0, static_cast<uint32_t>(wr_sum), 0, 9, 0, 5, 0, 2, 0}));
  // Events together in one cycle all count.
  c.top().engine_busy_i = 1;
  c.top().rd_beat_i = 1;
  c.top().rd_stall_i = 1;
  c.top().wr_bytes_i = 4;
  c.done(kErrBadK, 3);
  c.top().engine_busy_i = 0;
  c.top().rd_beat_i = 0;
  c.top().rd_stall_i = 0;
  c.top().wr_bytes_i = 0;
  EXPECT_EQ(c.read64(map::reg::kBusyCycles), 38u);
  EXPECT_EQ(c.read64(map::reg::kBytesRead), 12u * 32);
  EXPECT_EQ(c.read64(map::reg::kBytesWritten), wr_sum + 4);
  EXPECT_EQ(c.read64(map::reg::kReadStalls), 10u);
  EXPECT_EQ(c.read64(map::reg::kJobsDone), 6u);
  EXPECT_EQ(c.read64(map::reg::kJobsFailed), 3u);
  c.expect_clean();
}

TEST(SailCtrlCounters, PerfClearZeroesTheCountersOnly) {
  Ctrl c;
  c.top().engine_busy_i = 1;
  c.top().rd_beat_i = 1;
  c.top().rd_stall_i = 1;
  c.top().wr_bytes_i = 3;
  c.sim.run(20);
  c.top().engine_busy_i = 0;
  c.top().rd_beat_i = 0;
  c.top().rd_stall_i = 0;
  c.top().wr_bytes_i = 0;
  c.done(kErrBadK, 5);
  // A full queue and one reject, which PERF_CLEAR leaves alone.
  for (unsigned i = 0; i <= map::kQueueDepth; ++i) c.push(Desc{});
  ASSERT_EQ(c.read32(map::reg::kQueueRejects), 1u);
  EXPECT_EQ(c.read64(map::reg::kBusyCycles), 20u);
  c.write32(map::reg::kPerfClear, 0xFFFF'FFFE);  // bit 0 clear: nothing happens
  EXPECT_EQ(c.read64(map::reg::kBusyCycles), 20u);
  EXPECT_EQ(c.read64(map::reg::kJobsFailed), 1u);
  c.write32(map::reg::kPerfClear, 1);
  for (uint32_t reg : {map::reg::kBusyCycles, map::reg::kBytesRead, map::reg::kBytesWritten, map::reg::kReadStalls,
                       map::reg::kJobsDone, map::reg::kJobsFailed}) {
    EXPECT_EQ(c.read64(reg), 0u) << "counter at 0x" << std::hex << reg;
  }
  EXPECT_EQ(c.read32(map::reg::kPerfClear), 0u);
  EXPECT_EQ(c.read32(map::reg::kQueueRejects), 1u);
  EXPECT_EQ(c.read32(map::reg::kIrqStatus), map::irq::kError);
  EXPECT_EQ(c.read32(map::reg::kLastTag), 5u);
  EXPECT_EQ(c.queued(), map::kQueueDepth);
  // They count again from zero.
  c.top().engine_busy_i = 1;
  c.sim.run(3);
  c.top().engine_busy_i = 0;
  EXPECT_EQ(c.read64(map::reg::kBusyCycles), 3u);
  c.expect_clean();
}

// While the host holds RREADY low, a counter changing underneath must not change the beat
// (the checker's stability rule), and a 64-bit read still returns one cycle's value.
TEST(SailCtrlCounters, ReadBeatsStayStableWhileTheHostStalls) {
  Ctrl c({.seed = 7, .bready = 0.5, .rready = 0.3, .ids = {0, 1, 2, 3}});
  c.top().engine_busy_i = 1;
  std::vector<axi4::Handle> reads;
  for (unsigned i = 0; i < 50; ++i) reads.push_back(c.host.read(map::reg::kBusyCycles, 64));
  c.settle();
  c.top().engine_busy_i = 0;
  uint64_t last = 0;
  for (const axi4::Handle& r : reads) {
    ASSERT_TRUE(r->ok());
    uint64_t value = 0;
    std::memcpy(&value, r->data.data(), 8);
    EXPECT_GT(value, last);  // busy every cycle: later reads see more
    last = value;
  }
  EXPECT_LE(last, c.sim.cycle());
  c.expect_clean();
}

}  // namespace
}  // namespace sailsim
