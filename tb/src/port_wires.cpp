#include "sailsim/tb/port_wires.hpp"

#include <stdexcept>

namespace sailsim::tb {
namespace {

// The master-driven half of a port (requests, bready, rready).
void copy_master_side_to_rtl(const AxiPortWires& w, const axi4::AxiPins& p) {
  w.awid.set(p.awid);
  w.awaddr.set(p.awaddr);
  w.awlen.set(p.awlen);
  w.awsize.set(p.awsize);
  w.awburst.set(p.awburst);
  w.awlock.set(p.awlock);
  w.awcache.set(p.awcache);
  w.awprot.set(p.awprot);
  w.awqos.set(p.awqos);
  w.awvalid.set(p.awvalid);
  w.wdata.set_bytes(p.wdata.data(), p.wdata.size());
  w.wstrb.set(p.wstrb);
  w.wlast.set(p.wlast);
  w.wvalid.set(p.wvalid);
  w.bready.set(p.bready);
  w.arid.set(p.arid);
  w.araddr.set(p.araddr);
  w.arlen.set(p.arlen);
  w.arsize.set(p.arsize);
  w.arburst.set(p.arburst);
  w.arlock.set(p.arlock);
  w.arcache.set(p.arcache);
  w.arprot.set(p.arprot);
  w.arqos.set(p.arqos);
  w.arvalid.set(p.arvalid);
  w.rready.set(p.rready);
}

void copy_master_side_from_rtl(const AxiPortWires& w, axi4::AxiPins& p) {
  p.awid = static_cast<uint32_t>(w.awid.get());
  p.awaddr = w.awaddr.get();
  p.awlen = static_cast<uint8_t>(w.awlen.get());
  p.awsize = static_cast<uint8_t>(w.awsize.get());
  p.awburst = static_cast<uint8_t>(w.awburst.get());
  p.awlock = w.awlock.get() != 0;
  p.awcache = static_cast<uint8_t>(w.awcache.get());
  p.awprot = static_cast<uint8_t>(w.awprot.get());
  p.awqos = static_cast<uint8_t>(w.awqos.get());
  p.awvalid = w.awvalid.get() != 0;
  w.wdata.get_bytes(p.wdata.data(), p.wdata.size());
  p.wstrb = static_cast<uint32_t>(w.wstrb.get());
  p.wlast = w.wlast.get() != 0;
  p.wvalid = w.wvalid.get() != 0;
  p.bready = w.bready.get() != 0;
  p.arid = static_cast<uint32_t>(w.arid.get());
  p.araddr = w.araddr.get();
  p.arlen = static_cast<uint8_t>(w.arlen.get());
  p.arsize = static_cast<uint8_t>(w.arsize.get());
  p.arburst = static_cast<uint8_t>(w.arburst.get());
  p.arlock = w.arlock.get() != 0;
  p.arcache = static_cast<uint8_t>(w.arcache.get());
  p.arprot = static_cast<uint8_t>(w.arprot.get());
  p.arqos = static_cast<uint8_t>(w.arqos.get());
  p.arvalid = w.arvalid.get() != 0;
  p.rready = w.rready.get() != 0;
}

// The slave-driven half (readies, B, R).
void copy_slave_side_to_rtl(const AxiPortWires& w, const axi4::AxiPins& p) {
  w.awready.set(p.awready);
  w.wready.set(p.wready);
  w.bid.set(p.bid);
  w.bresp.set(p.bresp);
  w.bvalid.set(p.bvalid);
  w.arready.set(p.arready);
  w.rid.set(p.rid);
  w.rdata.set_bytes(p.rdata.data(), p.rdata.size());
  w.rresp.set(p.rresp);
  w.rlast.set(p.rlast);
  w.rvalid.set(p.rvalid);
}

void copy_slave_side_from_rtl(const AxiPortWires& w, axi4::AxiPins& p) {
  p.awready = w.awready.get() != 0;
  p.wready = w.wready.get() != 0;
  p.bid = static_cast<uint32_t>(w.bid.get());
  p.bresp = static_cast<uint8_t>(w.bresp.get());
  p.bvalid = w.bvalid.get() != 0;
  p.arready = w.arready.get() != 0;
  p.rid = static_cast<uint32_t>(w.rid.get());
  w.rdata.get_bytes(p.rdata.data(), p.rdata.size());
  p.rresp = static_cast<uint8_t>(w.rresp.get());
  p.rlast = w.rlast.get() != 0;
  p.rvalid = w.rvalid.get() != 0;
}

}  // namespace

const char* to_string(PortRole role) { return role == PortRole::RtlSlave ? "RTL slave" : "RTL master"; }

void AxiPortWires::to_rtl(const axi4::AxiPins& pins) const {
  if (role == PortRole::RtlSlave) {
    copy_master_side_to_rtl(*this, pins);
  } else {
    copy_slave_side_to_rtl(*this, pins);
  }
}

void AxiPortWires::from_rtl(axi4::AxiPins& pins) const {
  if (role == PortRole::RtlSlave) {
    copy_slave_side_from_rtl(*this, pins);
  } else {
    copy_master_side_from_rtl(*this, pins);
  }
}

AxiPortWires& AxiPortWires::id_width(unsigned bits) {
  for (Wire* id : {&awid, &bid, &arid, &rid}) {
    if (id->bound()) *id = id->with_width(bits);
  }
  return *this;
}

AxiPortWires& AxiPortWires::named(std::string port_name) {
  name = std::move(port_name);
  return *this;
}

namespace detail {

PortRole role_of_prefix(const char* prefix) {
  if (prefix[0] == 's') return PortRole::RtlSlave;
  if (prefix[0] == 'm') return PortRole::RtlMaster;
  throw std::invalid_argument(std::string("AXI port prefix '") + prefix +
                              "' starts with neither s (a slave port of the RTL) nor m (a master port)");
}

}  // namespace detail
}  // namespace sailsim::tb
