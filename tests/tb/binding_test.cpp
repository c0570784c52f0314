// Binding by name: SAILSIM_AXI_PORT / SAILSIM_AXI_PORT_AT find every signal of a port,
// copy the right half each way, keep wide values intact and take the right array element.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>

#include "Vaxi_cross2.h"
#include "Vaxi_wire.h"
#include "fixture.hpp"
#include "sailsim/tb/port_wires.hpp"

namespace sailsim::tb::test {
namespace {

axi4::Line pattern_line(uint8_t seed) {
  axi4::Line line{};
  for (unsigned i = 0; i < line.size(); ++i) line[i] = static_cast<uint8_t>(seed * 37 + i * 11 + 1);
  return line;
}

struct WireModel {
  VerilatedContext context;
  Vaxi_wire top{&context, "TOP"};
};

TEST(Binding, NamesAndRolesFromThePrefix) {
  WireModel model;
  const AxiPortWires s = SAILSIM_AXI_PORT(&model.top, s_);
  const AxiPortWires m = SAILSIM_AXI_PORT(&model.top, m_);
  EXPECT_EQ(s.name, "s_");
  EXPECT_EQ(s.role, PortRole::RtlSlave);
  EXPECT_EQ(m.name, "m_");
  EXPECT_EQ(m.role, PortRole::RtlMaster);
  EXPECT_TRUE(s.awcache.bound());  // axi_wire has the optional signals
  EXPECT_TRUE(m.arqos.bound());
  EXPECT_EQ(s.awaddr.width(), 48u);
  EXPECT_EQ(s.wdata.width(), 256u);
  EXPECT_EQ(s.awid.width(), 8u);  // Verilator's CData: narrow it with id_width()
}

TEST(Binding, WideValuesSurviveBothWays) {
  WireModel model;
  AxiPortWires s = SAILSIM_AXI_PORT(&model.top, s_);
  AxiPortWires m = SAILSIM_AXI_PORT(&model.top, m_);
  s.id_width(4);
  m.id_width(4);

  // Requests: C++ master -> s_* -> RTL -> m_* -> C++ slave.
  axi4::AxiPins master;
  master.awid = 15;
  master.awaddr = 0xFFFF'FFFF'FFE0;
  master.awlen = 255;
  master.awsize = 5;
  master.awburst = 2;
  master.awlock = true;
  master.awcache = 0xF;
  master.awprot = 7;
  master.awqos = 0xA;
  master.awvalid = true;
  master.wdata = pattern_line(1);
  master.wstrb = 0xFFFF'FFFF;
  master.wlast = true;
  master.wvalid = true;
  master.bready = true;
  master.arid = 9;
  master.araddr = 0x8000'0000'0040;
  master.arlen = 17;
  master.arsize = 3;
  master.arburst = 1;
  master.arcache = 3;
  master.arprot = 5;
  master.arqos = 0xF;
  master.arvalid = true;
  master.rready = true;
  s.to_rtl(master);
  model.top.eval();
  axi4::AxiPins slave;
  m.from_rtl(slave);
  EXPECT_EQ(slave.awid, 15u);
  EXPECT_EQ(slave.awaddr, 0xFFFF'FFFF'FFE0u);
  EXPECT_EQ(slave.awlen, 255);
  EXPECT_EQ(slave.awsize, 5);
  EXPECT_EQ(slave.awburst, 2);
  EXPECT_TRUE(slave.awlock);
  EXPECT_EQ(slave.awcache, 0xF);
  EXPECT_EQ(slave.awprot, 7);
  EXPECT_EQ(slave.awqos, 0xA);
  EXPECT_TRUE(slave.awvalid);
  EXPECT_EQ(slave.wdata, pattern_line(1));
  EXPECT_EQ(slave.wstrb, 0xFFFF'FFFFu);
  EXPECT_TRUE(slave.wlast);
  EXPECT_TRUE(slave.wvalid);
  EXPECT_TRUE(slave.bready);
  EXPECT_EQ(slave.arid, 9u);
  EXPECT_EQ(slave.araddr, 0x8000'0000'0040u);
  EXPECT_EQ(slave.arlen, 17);
  EXPECT_EQ(slave.arsize, 3);
  EXPECT_EQ(slave.arburst, 1);
  EXPECT_FALSE(slave.arlock);
  EXPECT_EQ(slave.arcache, 3);
  EXPECT_EQ(slave.arprot, 5);
  EXPECT_EQ(slave.arqos, 0xF);
  EXPECT_TRUE(slave.arvalid);
  EXPECT_TRUE(slave.rready);

  // Responses: C++ slave -> m_* -> RTL -> s_* -> C++ master.
  slave.awready = true;
  slave.wready = true;
  slave.bid = 15;
  slave.bresp = 3;
  slave.bvalid = true;
  slave.arready = true;
  slave.rid = 15;
  slave.rdata = pattern_line(2);
  slave.rresp = 2;
  slave.rlast = true;
  slave.rvalid = true;
  m.to_rtl(slave);
  model.top.eval();
  axi4::AxiPins back;
  s.from_rtl(back);
  EXPECT_TRUE(back.awready);
  EXPECT_TRUE(back.wready);
  EXPECT_EQ(back.bid, 15u);
  EXPECT_EQ(back.bresp, 3);
  EXPECT_TRUE(back.bvalid);
  EXPECT_TRUE(back.arready);
  EXPECT_EQ(back.rid, 15u);
  EXPECT_EQ(back.rdata, pattern_line(2));
  EXPECT_EQ(back.rresp, 2);
  EXPECT_TRUE(back.rlast);
  EXPECT_TRUE(back.rvalid);
  // from_rtl on a slave port copies the RTL's half only.
  EXPECT_EQ(back.awaddr, 0u);
}

TEST(Binding, OverwideValuesAreMaskedToTheSignal) {
  WireModel model;
  AxiPortWires s = SAILSIM_AXI_PORT(&model.top, s_);
  s.id_width(4);
  axi4::AxiPins master;
  master.awaddr = ~uint64_t{0};
  master.awid = 0xFFFF'FFFF;
  master.awburst = 0xFF;
  s.to_rtl(master);
  EXPECT_EQ(model.top.s_awaddr, 0xFFFF'FFFF'FFFFu);
  EXPECT_EQ(model.top.s_awid, 0xF);
  EXPECT_EQ(model.top.s_awburst, 3);
}

TEST(Binding, ToRtlWritesOnlyWhatTheCppSideDrives) {
  WireModel model;
  const AxiPortWires m = SAILSIM_AXI_PORT(&model.top, m_);
  axi4::AxiPins slave;
  slave.rvalid = true;
  slave.rdata = pattern_line(3);
  m.to_rtl(slave);
  model.top.eval();
  EXPECT_EQ(model.top.s_rvalid, 1);
  EXPECT_EQ(model.top.s_rdata[7], model.top.m_rdata[7]);
  // m_* outputs are the RTL's: to_rtl on a master port never writes them.
  model.top.s_awvalid = 1;
  model.top.eval();
  m.to_rtl(slave);
  EXPECT_EQ(model.top.m_awvalid, 1);
}

struct CrossModel {
  VerilatedContext context;
  Vaxi_cross2 top{&context, "TOP"};
};

TEST(Binding, ArrayPortTakesItsElement) {
  CrossModel model;
  const AxiPortWires s1 = SAILSIM_AXI_PORT_AT(&model.top, s_, 1);
  const AxiPortWires m0 = SAILSIM_AXI_PORT_AT(&model.top, m_, 0);
  EXPECT_EQ(s1.name, "s_[1]");
  EXPECT_EQ(m0.name, "m_[0]");
  EXPECT_EQ(m0.role, PortRole::RtlMaster);
  axi4::AxiPins master;
  master.araddr = 0x1234'5678'9ABC;
  master.arid = 5;
  master.arvalid = true;
  s1.to_rtl(master);
  EXPECT_EQ(model.top.s_araddr[1], 0x1234'5678'9ABCu);
  EXPECT_EQ(model.top.s_araddr[0], 0u);
  model.top.eval();
  axi4::AxiPins slave;
  m0.from_rtl(slave);  // s_[1] is wired to m_[0], with the port index above the ID
  EXPECT_EQ(slave.araddr, 0x1234'5678'9ABCu);
  EXPECT_EQ(slave.arid, 0x15u);
  EXPECT_TRUE(slave.arvalid);
}

TEST(Binding, OptionalSignalsAreLeftUnboundWhereMissing) {
  CrossModel model;
  const AxiPortWires s0 = SAILSIM_AXI_PORT_AT(&model.top, s_, 0);
  for (const Wire* optional : {&s0.awlock, &s0.awcache, &s0.awprot, &s0.awqos, &s0.arlock, &s0.arcache,
                               &s0.arprot, &s0.arqos}) {
    EXPECT_FALSE(optional->bound());
  }
  EXPECT_TRUE(s0.awaddr.bound());
  axi4::AxiPins master;
  master.awcache = 0xF;  // nowhere to go: dropped, not a crash
  s0.to_rtl(master);
}

TEST(Binding, IndexPastTheArrayThrows) {
  CrossModel model;
  EXPECT_THROW((void)SAILSIM_AXI_PORT_AT(&model.top, s_, 2), std::out_of_range);
}

TEST(Binding, WorksThroughASmartPointer) {
  VerilatedContext context;
  auto top = std::make_unique<Vaxi_wire>(&context, "TOP");
  const AxiPortWires s = SAILSIM_AXI_PORT(top, s_);
  EXPECT_EQ(s.awaddr.storage(), &top->s_awaddr);
}

}  // namespace
}  // namespace sailsim::tb::test
