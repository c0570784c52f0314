// The watchdog: a run whose bus stops moving while something is pending ends with a
// HangError that describes every port; a quiet bus, or a disabled watchdog, never fires.
#include <gtest/gtest.h>

#include <string>

#include "fixture.hpp"

namespace sailsim::tb::test {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A memory that never accepts a write address: after some successful reads, a write hangs.
struct HungWrite {
  WireRig rig{{.watchdog_cycles = 200, .report_transactions = 3}, {.ready = {.aw = 0.0, .w = 1.0, .ar = 1.0}}};

  HungWrite() {
    for (int i = 0; i < 5; ++i) rig.host.read(0x10000 + 0x100 * i, 32);
    EXPECT_TRUE(rig.settle(1000));
    rig.host.write(0x40000, iota_bytes(64));
  }
};

TEST(Watchdog, FiresWhenNothingMovesAndReportsEveryPort) {
  HungWrite hung;
  WireRig& rig = hung.rig;
  const uint64_t start = rig.sim.cycle();
  try {
    rig.sim.run(10000);
    FAIL() << "the watchdog did not fire";
  } catch (const HangError& e) {
    EXPECT_EQ(e.stalled_cycles(), 200u);
    // The W beats go into the memory's W buffer for a few cycles, then nothing moves.
    EXPECT_GT(e.cycle(), start + 200);
    EXPECT_LT(e.cycle(), start + 220);
    EXPECT_EQ(rig.sim.cycle(), e.cycle() + 1);  // the cycle was completed before the throw
    const std::string report = e.report();
    EXPECT_EQ(report, e.what());
    EXPECT_TRUE(contains(report, "no handshake on any port for 200 cycles")) << report;
    EXPECT_TRUE(contains(report, "stopped at cycle " + std::to_string(e.cycle()))) << report;
    EXPECT_TRUE(contains(report, "port s_ (RTL slave, host attached)")) << report;
    EXPECT_TRUE(contains(report, "port ddr (RTL master, memory attached)")) << report;
    // The request that waits, on both sides of the RTL.
    const std::string aw = "AW valid 1 ready 0  id 0x0 addr 0x40000 len 1 32B/beat INCR";
    EXPECT_NE(report.find(aw), std::string::npos) << report;
    EXPECT_NE(report.find(aw), report.rfind(aw)) << "once per port\n" << report;
    EXPECT_TRUE(contains(report, "W beats ahead of their AW: 2")) << report;
    EXPECT_TRUE(contains(report, "host: busy, 0 queued, 0 in flight")) << report;
    // The last 3 of 5 transactions of each port.
    EXPECT_TRUE(contains(report, "last 3 of 5 transactions:")) << report;
    EXPECT_TRUE(contains(report, "#4 read  id 0x0 addr 0x10400 len 0 32B/beat INCR OKAY")) << report;
    EXPECT_FALSE(contains(report, "#1 read")) << report;
  }
}

TEST(Watchdog, ReportOnDemandMatchesTheState) {
  HungWrite hung;
  hung.rig.sim.run(50);
  const std::string report = hung.rig.sim.report(1);
  EXPECT_TRUE(contains(report, "port s_ (RTL slave, host attached)")) << report;
  EXPECT_TRUE(contains(report, "last 1 of 5 transactions:")) << report;
  EXPECT_TRUE(contains(report, "cycles without a handshake")) << report;
}

TEST(Watchdog, DoesNotFireOnAQuietBus) {
  WireRig rig({.watchdog_cycles = 50});
  rig.host.write(0x10000, iota_bytes(32));
  ASSERT_TRUE(rig.settle(1000));
  EXPECT_NO_THROW(rig.sim.run(5000));  // idle host, idle memory, no valid: nothing pending
}

TEST(Watchdog, DoesNotFireWhileTrafficMoves) {
  // Slow but moving: every handshake restarts the count, and a latency under the limit is
  // only a pause.
  WireRig rig({.watchdog_cycles = 200},
              {.read_latency = axi4::Latency::fixed(150), .ready = axi4::ReadyChance::all(0.1)});
  rig.host.write(0x10000, iota_bytes(4096));
  rig.host.read(0x10000, 4096);
  EXPECT_NO_THROW(EXPECT_TRUE(rig.settle(100000)));
}

TEST(Watchdog, CountsAnOutstandingRequestAsPending) {
  // The memory takes the read but answers after 500 cycles: no valid is high meanwhile.
  WireRig rig({.watchdog_cycles = 100}, {.read_latency = axi4::Latency::fixed(500)});
  rig.host.read(0x10000, 32);
  try {
    rig.settle(1000);
    FAIL() << "the watchdog did not fire";
  } catch (const HangError& e) {
    EXPECT_TRUE(contains(e.report(), "outstanding read id 0x0 addr 0x10000 len 0: accepted at cycle")) << e.report();
    EXPECT_TRUE(contains(e.report(), "0 of 1 R beats")) << e.report();
  }
}

TEST(Watchdog, ZeroDisablesIt) {
  WireRig rig({.watchdog_cycles = 0}, {.ready = {.aw = 0.0, .w = 1.0, .ar = 1.0}});
  rig.host.write(0x40000, iota_bytes(64));
  EXPECT_NO_THROW(rig.sim.run(20000));
  EXPECT_FALSE(rig.host.idle());
}

TEST(Watchdog, ARunCanGoOnAfterAHang) {
  HungWrite hung;
  EXPECT_THROW(hung.rig.sim.run(1000), HangError);
  EXPECT_NO_THROW(hung.rig.sim.run(150));  // the count starts again
  EXPECT_THROW(hung.rig.sim.run(100), HangError);
}

}  // namespace
}  // namespace sailsim::tb::test
