// The kernel's bookkeeping: ports and their names, attaching models by role, reset and
// the clock, the cycle order, user components and the checker report.
#include <gtest/gtest.h>

#include <string>

#include "Vaxi_cross2.h"
#include "fixture.hpp"

namespace sailsim::tb::test {
namespace {

TEST(Kernel, PortsAreFoundByName) {
  Simulation<Vaxi_wire> sim;
  Port& s = sim.bind(SAILSIM_AXI_PORT(&sim.top(), s_));
  Port& ddr = sim.bind(SAILSIM_AXI_PORT(&sim.top(), m_), "ddr");
  EXPECT_EQ(&sim.port("s_"), &s);
  EXPECT_EQ(&sim.port("ddr"), &ddr);
  EXPECT_EQ(sim.ports(), (std::vector<Port*>{&s, &ddr}));
  EXPECT_EQ(ddr.role(), PortRole::RtlMaster);
  EXPECT_EQ(ddr.checker.config().port, "ddr");
  try {
    (void)sim.port("m_");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("s_, ddr"), std::string::npos) << e.what();
  }
}

TEST(Kernel, DuplicateNamesThrow) {
  Simulation<Vaxi_wire> sim;
  sim.bind(SAILSIM_AXI_PORT(&sim.top(), s_), "host");
  EXPECT_THROW(sim.bind(SAILSIM_AXI_PORT(&sim.top(), m_), "host"), std::invalid_argument);
}

TEST(Kernel, APortIsBoundOnce) {
  Simulation<Vaxi_wire> sim;
  sim.bind(SAILSIM_AXI_PORT(&sim.top(), s_), "host");
  try {
    sim.bind(SAILSIM_AXI_PORT(&sim.top(), s_), "again");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("already bound as port 'host'"), std::string::npos) << e.what();
  }
}

TEST(Kernel, RoleMismatchThrowsWithTheReason) {
  Simulation<Vaxi_wire> sim;
  Port& s = sim.bind(SAILSIM_AXI_PORT(&sim.top(), s_));
  Port& m = sim.bind(SAILSIM_AXI_PORT(&sim.top(), m_));
  axi4::Memory memory;
  try {
    sim.attach_host(m);
    FAIL() << "a host on a master port";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("master port of the RTL"), std::string::npos) << e.what();
  }
  try {
    sim.attach_memory(s, memory);
    FAIL() << "a memory on a slave port";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("slave port of the RTL"), std::string::npos) << e.what();
  }
  EXPECT_EQ(s.host(), nullptr);
  EXPECT_EQ(m.memory(), nullptr);
}

TEST(Kernel, OneModelPerPort) {
  Simulation<Vaxi_wire> sim;
  Port& s = sim.bind(SAILSIM_AXI_PORT(&sim.top(), s_));
  Port& m = sim.bind(SAILSIM_AXI_PORT(&sim.top(), m_));
  axi4::Memory memory;
  sim.attach_host(s);
  sim.attach_memory(m, memory);
  EXPECT_THROW(sim.attach_host(s), std::invalid_argument);
  EXPECT_THROW(sim.attach_memory(m, memory), std::invalid_argument);
}

TEST(Kernel, AttachedModelsTakeThePortNameAndLog) {
  WireRig rig;
  EXPECT_EQ(rig.host.config().port, "s_");
  EXPECT_EQ(rig.host.config().log, &rig.s.log);
  EXPECT_EQ(rig.ram.config().port, "ddr");
  EXPECT_EQ(rig.ram.log(), &rig.ddr.log);
  EXPECT_EQ(rig.s.host(), &rig.host);
  EXPECT_EQ(rig.ddr.memory(), &rig.ram);

  Simulation<Vaxi_wire> sim;
  axi4::Log own(16);
  axi4::Host& host = sim.attach_host(sim.bind(SAILSIM_AXI_PORT(&sim.top(), s_)), {.port = "cpu", .log = &own});
  EXPECT_EQ(host.config().port, "cpu");
  EXPECT_EQ(host.config().log, &own);
}

TEST(Kernel, ResetHoldsRstNiLowThenClocksTheRtl) {
  Simulation<Vaxi_wire> sim;
  sim.run(3);
  sim.reset(4);
  EXPECT_EQ(sim.top().cycles_o, 0u);
  EXPECT_EQ(sim.top().rst_ni, 1);  // released at the end of reset()
  sim.run(10);
  EXPECT_EQ(sim.top().cycles_o, 10u);  // one rising edge per cycle once reset is released
  EXPECT_EQ(sim.top().rst_ni, 1);
  EXPECT_EQ(sim.cycle(), 17u);
  EXPECT_EQ(sim.context().time(), 2 * 16 + 1);  // cycle c ends with its rising edge at 2c + 1
}

// A component that records what it is told, to check the cycle order against the RTL.
class Recorder final : public axi4::Component {
 public:
  explicit Recorder(const Vaxi_wire& top) : top_(top) {}
  void drive() override { ++drives; }
  void sample(const axi4::Tick& tick) override {
    ticks.push_back(tick);
    // Sampled before the rising edge: the RTL counter still shows the previous cycles.
    counter_at_sample.push_back(top_.cycles_o);
  }
  int drives = 0;
  std::vector<axi4::Tick> ticks;
  std::vector<uint32_t> counter_at_sample;

 private:
  const Vaxi_wire& top_;
};

TEST(Kernel, UserComponentsSeeEveryCycleAndTheResetFlag) {
  Simulation<Vaxi_wire> sim;
  Recorder recorder(sim.top());
  sim.add(recorder);
  sim.reset(2);
  sim.run(3);
  EXPECT_EQ(recorder.drives, 5);
  ASSERT_EQ(recorder.ticks.size(), 5u);
  for (uint64_t c = 0; c < 5; ++c) {
    EXPECT_EQ(recorder.ticks[c].cycle, c);
    EXPECT_EQ(recorder.ticks[c].reset, c < 2);
  }
  EXPECT_EQ(recorder.counter_at_sample, (std::vector<uint32_t>{0, 0, 0, 1, 2}));
}

TEST(Kernel, RunUntilStopsWhenDone) {
  Simulation<Vaxi_wire> sim;
  EXPECT_TRUE(sim.run_until([&] { return sim.cycle() == 7; }, 100));
  EXPECT_EQ(sim.cycle(), 7u);
  EXPECT_FALSE(sim.run_until([] { return false; }, 5));
  EXPECT_EQ(sim.cycle(), 12u);
}

TEST(Kernel, EveryPortHasAChecker) {
  WireRig rig;
  // CROSSES_4K: an INCR burst from 0x10FE0 over 2 beats. Both ends of the wire see it.
  axi4::Transaction txn = axi4::make_write({0x10FE0, 1, 5, axi4::Burst::Incr}, iota_bytes(64));
  rig.host.issue(txn, axi4::Legality::AllowIllegal);
  ASSERT_TRUE(rig.settle(10000));
  EXPECT_FALSE(rig.sim.checkers_clean());
  EXPECT_EQ(rig.sim.violations(), 2u);
  EXPECT_EQ(rig.s.checker.count("CROSSES_4K"), 1u);
  EXPECT_EQ(rig.ddr.checker.count("CROSSES_4K"), 1u);
  const std::string report = rig.sim.checker_report();
  EXPECT_NE(report.find("port s_: 1 violations: CROSSES_4K 1"), std::string::npos) << report;
  EXPECT_NE(report.find("CROSSES_4K on ddr AW at cycle"), std::string::npos) << report;
}

TEST(Kernel, CheckerReportIsCapped) {
  WireRig rig;
  for (int i = 0; i < 150; ++i) {
    rig.host.issue(axi4::make_read({0x10FE0, 1, 5, axi4::Burst::Incr}), axi4::Legality::AllowIllegal);
  }
  ASSERT_TRUE(rig.settle(100000));
  EXPECT_EQ(rig.sim.violations(), 300u);
  const std::string report = rig.sim.checker_report();
  EXPECT_NE(report.find("... 100 more violations not listed"), std::string::npos) << report;
  EXPECT_LT(std::count(report.begin(), report.end(), '\n'), 210);
}

TEST(Kernel, CleanCheckersSayso) {
  WireRig rig;
  rig.sim.run(10);
  EXPECT_TRUE(rig.sim.checkers_clean());
  EXPECT_EQ(rig.sim.checker_report(), "checkers: clean\n");
}

TEST(Kernel, ThrowPolicyStopsAtTheFirstViolation) {
  WireRig rig({.checker_policy = axi4::CheckerPolicy::Throw});
  rig.host.issue(axi4::make_read({0x10FE0, 1, 5, axi4::Burst::Incr}), axi4::Legality::AllowIllegal);
  EXPECT_THROW(rig.settle(1000), axi4::ProtocolViolation);
}

TEST(Kernel, FstOnAModelWithoutTraceIsRefused) {
  try {
    Simulation<Vaxi_cross2> sim({.fst_path = "never.fst"});
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("trace support"), std::string::npos) << e.what();
  }
}

TEST(Kernel, BareStepsClockTheModelAlone) {
  Simulation<Vaxi_wire> sim;
  sim.reset(1);
  for (int i = 0; i < 100; ++i) sim.step_bare();
  EXPECT_EQ(sim.top().cycles_o, 100u);
  EXPECT_EQ(sim.cycle(), 101u);
}

}  // namespace
}  // namespace sailsim::tb::test
