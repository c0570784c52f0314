// The Sail top end to end: the host bus functional model on s_*, the C++ memory on m_*,
// checkers on both. Registers, DDR traffic, the address map's holes, the watchdog and FST
// waveforms.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "Vsail_top.h"
#include "axi_traffic.hpp"
#include "sailsim/axi4/burst.hpp"
#include "sailsim/card/sail_card.hpp"
#include "sailsim/rtl/sail_map.hpp"
#include "sailsim/tb/simulation.hpp"

namespace sailsim {
namespace {

namespace map = sailsim::rtl;

// sailsim::card's SailCard (host BFM with eight IDs, DDR model, checkers), with the names
// this file uses and gtest assertions where SailCard throws.
struct Card {
  explicit Card(axi4::MemoryPortConfig memory_config = {}, tb::SimulationConfig config = {})
      : card({.memory = std::move(memory_config),
              .simulation = std::move(config),
              .host = {.ids = {0, 1, 2, 3, 4, 5, 6, 7}}}),
        sim(card.simulation()),
        host_port(card.host_port()),
        ddr_port(card.ddr_port()),
        host(card.host()),
        ddr(card.ddr()),
        memory(card.memory()) {}

  void settle(uint64_t max_cycles = 200000) {
    ASSERT_TRUE(sim.run_until([&] { return host.idle(); }, max_cycles)) << sim.report();
  }
  uint32_t read32(uint64_t addr) { return card.read32(static_cast<uint32_t>(addr)); }
  void write32(uint64_t addr, uint32_t value) { card.write32(static_cast<uint32_t>(addr), value); }
  void expect_clean() { EXPECT_TRUE(card.checkers_clean()) << card.checker_report(); }

  card::SailCard card;
  tb::Simulation<Vsail_top>& sim;
  tb::Port& host_port;
  tb::Port& ddr_port;
  axi4::Host& host;
  axi4::MemoryPort& ddr;
  axi4::Memory& memory;
};

TEST(SailTopRegisters, IdentificationMatchesTheCppMap) {
  Card card;
  EXPECT_EQ(card.read32(map::reg::kId), map::kIdValue);
  EXPECT_EQ(card.read32(map::reg::kVersion), map::kVersionValue);
  EXPECT_EQ(card.read32(map::reg::kConfig), map::kConfigValue);
  EXPECT_EQ(card.read32(map::reg::kDdrStartLo), static_cast<uint32_t>(map::kDdrStart));
  EXPECT_EQ(card.read32(map::reg::kDdrStartHi), static_cast<uint32_t>(map::kDdrStart >> 32));
  EXPECT_EQ(card.read32(map::reg::kDdrEndLo), static_cast<uint32_t>(map::kDdrEnd));
  EXPECT_EQ(card.read32(map::reg::kDdrEndHi), static_cast<uint32_t>(map::kDdrEnd >> 32));
  EXPECT_EQ(card.read32(0x100), 0u);  // unmapped offsets read zero
  EXPECT_EQ(card.ddr.transactions(), 0u);  // none of it reached DDR
  card.expect_clean();
}

TEST(SailTopRegisters, EveryBurstShapeReadsTheRegisterLine) {
  Card card;
  // Four 4-byte beats from offset 0: ID, VERSION, CONFIG, SCRATCH in the compact form.
  axi4::Handle incr = card.host.issue(axi4::make_read({0x0, 3, 2, axi4::Burst::Incr}, 1));
  // A 2-byte FIXED burst on VERSION's upper half, three times.
  axi4::Handle fixed = card.host.issue(axi4::make_read({0x6, 2, 1, axi4::Burst::Fixed}, 2));
  // WRAP over the 16-byte block 0x10..0x1F starting in its middle: DDR_END, then DDR_START.
  axi4::Handle wrap = card.host.issue(axi4::make_read({0x18, 3, 2, axi4::Burst::Wrap}, 3));
  card.settle();
  auto words = [](const std::vector<uint8_t>& bytes) {
    std::vector<uint32_t> out(bytes.size() / 4);
    std::memcpy(out.data(), bytes.data(), out.size() * 4);
    return out;
  };
  EXPECT_EQ(words(incr->data), (std::vector<uint32_t>{map::kIdValue, map::kVersionValue, map::kConfigValue, 0}));
  const uint8_t hi0 = static_cast<uint8_t>(map::kVersionValue >> 16), hi1 = static_cast<uint8_t>(map::kVersionValue >> 24);
  EXPECT_EQ(fixed->data, (std::vector<uint8_t>{hi0, hi1, hi0, hi1, hi0, hi1}));
  EXPECT_EQ(words(wrap->data),
            (std::vector<uint32_t>{static_cast<uint32_t>(map::kDdrEnd), static_cast<uint32_t>(map::kDdrEnd >> 32),
                                   static_cast<uint32_t>(map::kDdrStart), static_cast<uint32_t>(map::kDdrStart >> 32)}));
  card.expect_clean();
}

TEST(SailTopRegisters, ScratchTakesStrobedBytesAndReadOnlyRegistersDoNot) {
  Card card;
  card.write32(map::reg::kScratch, 0x1234'5678);
  EXPECT_EQ(card.read32(map::reg::kScratch), 0x1234'5678u);
  axi4::Handle one = card.host.write(map::reg::kScratch + 2, std::vector<uint8_t>{0xAB});  // byte 2 only
  card.settle();
  EXPECT_TRUE(one->ok());
  EXPECT_EQ(card.read32(map::reg::kScratch), 0x12AB'5678u);
  card.write32(map::reg::kId, 0);
  EXPECT_EQ(card.read32(map::reg::kId), map::kIdValue);
  card.expect_clean();
}

TEST(SailTopDdr, TrafficThroughTheTopLandsInDdrAndReadsBack) {
  Card card({.read_latency = axi4::Latency::range(1, 30), .write_latency = axi4::Latency::range(1, 30),
             .ready = axi4::ReadyChance::all(0.7), .reorder = true});
  std::mt19937_64 rng(5);
  axi4::Memory shadow;
  // 64 pages of DDR, including its first and last pages, with known contents.
  std::vector<uint64_t> pages;
  for (uint64_t k = 0; k < 32; ++k) {
    pages.push_back(map::kDdrStart + k * axi4::Memory::kPageBytes);
    pages.push_back(map::kDdrEnd - (k + 1) * axi4::Memory::kPageBytes);
  }
  for (uint64_t page : pages) {
    std::vector<uint8_t> bytes(axi4::Memory::kPageBytes);
    for (auto& b : bytes) b = static_cast<uint8_t>(rng());
    card.memory.load(page, bytes);
    shadow.load(page, bytes);
  }
  // One transaction per page at a time, so reads and writes never race.
  struct Pending { axi4::Transaction txn; axi4::Handle handle; size_t page; };
  std::deque<Pending> pending;
  std::vector<bool> busy(pages.size(), false);
  unsigned issued = 0, done = 0;
  constexpr unsigned kTransactions = 4000;
  while (done < kTransactions) {
    for (auto it = pending.begin(); it != pending.end();) {
      if (!it->handle->done) { ++it; continue; }
      EXPECT_EQ(it->handle->resp, axi4::Resp::Okay);
      if (it->txn.dir == axi4::Dir::Write) testing::apply_write(shadow, it->txn);
      else EXPECT_EQ(it->handle->data, testing::expected_read(shadow, it->txn)) << "read at 0x" << std::hex << it->txn.addr;
      busy[it->page] = false;
      it = pending.erase(it);
      ++done;
    }
    while (pending.size() < 12 && issued < kTransactions) {
      const size_t page = rng() % pages.size();
      if (busy[page]) break;
      const axi4::Dir dir = rng() % 2 ? axi4::Dir::Write : axi4::Dir::Read;
      axi4::Transaction txn = testing::random_transaction(rng, dir, pages[page], static_cast<uint32_t>(rng() % 16), 32);
      axi4::Handle handle = card.host.issue(txn);
      pending.push_back({std::move(txn), std::move(handle), page});
      busy[page] = true;
      ++issued;
    }
    card.sim.step();
  }
  for (uint64_t page : pages) EXPECT_EQ(card.memory.peek(page, axi4::Memory::kPageBytes), shadow.peek(page, axi4::Memory::kPageBytes));
  // At the DDR port every transaction is the host's (master 0 above the 4-bit ID), at the
  // address the host gave (no translation).
  for (const axi4::TransactionRecord& r : card.ddr_port.log.last_n_transactions(1000)) {
    EXPECT_EQ(r.master, map::kMasterHost);
    EXPECT_EQ(r.id >> axi4::kIdWidth, map::kMasterHost);
  }
  EXPECT_GT(card.ddr.transactions(), kTransactions / 2);
  card.expect_clean();
}

TEST(SailTopMap, OutsideTheMapIsDecerrAndTheEdgesAreNot) {
  Card card;
  std::vector<uint8_t> line(32, 0x5A);
  axi4::Handle last_ddr = card.host.write(map::kDdrEnd - 32, line);
  axi4::Handle past_ddr = card.host.write(map::kDdrEnd, line);
  axi4::Handle far = card.host.read(0x1'0000'0000, 64);
  axi4::Handle top = card.host.issue(axi4::make_read({0xFFFF'FFFF'F000, 15, 5, axi4::Burst::Incr}, 9));
  axi4::Handle last_ctrl = card.host.read(map::kCtrlEnd - 4, 4);
  card.settle();
  EXPECT_EQ(last_ddr->resp, axi4::Resp::Okay);
  EXPECT_EQ(past_ddr->resp, axi4::Resp::DecErr);
  EXPECT_EQ(far->resp, axi4::Resp::DecErr);
  EXPECT_EQ(top->resp, axi4::Resp::DecErr);
  ASSERT_EQ(top->beat_resps.size(), 16u);  // the full beat count, RLAST checked in place
  EXPECT_EQ(last_ctrl->resp, axi4::Resp::Okay);
  EXPECT_EQ(card.memory.peek(map::kDdrEnd - 32, 32), line);
  EXPECT_EQ(card.memory.uninitialized(map::kDdrEnd, 32), 32u);
  EXPECT_EQ(card.ddr.transactions(), 1u);  // only the write inside DDR got there
  card.expect_clean();
}

TEST(SailTopWatchdog, AStuckDdrStopsTheRunWithEveryPortsLastTransactions) {
  // DDR never accepts a write address: the host's write can never finish.
  Card card({.ready = {.aw = 0.0, .w = 1.0, .ar = 1.0}}, {.watchdog_cycles = 500});
  card.read32(map::reg::kId);  // something in the logs first
  axi4::Handle stuck = card.host.write(map::kDdrStart, std::vector<uint8_t>(64, 1));
  try {
    card.sim.run_until([&] { return stuck->done; }, 100000);
    FAIL() << "the watchdog did not fire";
  } catch (const tb::HangError& hang) {
    const std::string report = hang.what();
    EXPECT_LT(card.sim.cycle(), 1000u) << "it fired late";
    EXPECT_NE(report.find("host"), std::string::npos) << report;
    EXPECT_NE(report.find("ddr"), std::string::npos) << report;
    EXPECT_NE(report.find("0x10000"), std::string::npos) << "the stuck AW's address\n" << report;
    EXPECT_NE(report.find("read"), std::string::npos) << "the host's last transaction\n" << report;
  }
  EXPECT_FALSE(stuck->done);
}

TEST(SailTopWaveform, FstCoversTheWindowAskedFor) {
  const auto dir = std::filesystem::temp_directory_path() / ("sailsim-fst-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto inside = dir / "window.fst";
  const auto never = dir / "never.fst";
  {
    Card card({}, {.fst_path = inside.string(), .fst_first_cycle = 10, .fst_last_cycle = 60});
    card.read32(map::reg::kId);
    card.write32(map::kDdrStart, 0xCAFE'F00D);
    card.sim.run(100);
    EXPECT_EQ(card.sim.traced_cycles(), 51u);
  }
  {
    Card card({}, {.fst_path = never.string(), .fst_first_cycle = 1'000'000});
    card.sim.run(100);
  }
  ASSERT_TRUE(std::filesystem::exists(inside));
  EXPECT_GT(std::filesystem::file_size(inside), 200u);
  std::ifstream in(inside, std::ios::binary);
  char block_type = 1;
  in.read(&block_type, 1);
  EXPECT_EQ(block_type, 0) << "an FST file starts with its header block (type 0)";
  EXPECT_FALSE(std::filesystem::exists(never)) << "a window the run never reached writes no file";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sailsim
