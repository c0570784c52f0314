// The signals of one AXI4 port, as plain values. A master model writes the master-driven
// fields and a slave model the slave-driven ones; a checker only reads. A Verilator adapter
// copies these to and from a Verilated module's s_aw* / m_aw* signals.
#pragma once

#include <array>
#include <cstdint>

#include "sailsim/axi4/params.hpp"

namespace sailsim::axi4 {

// One beat of data: byte i travels on lane i (bits 8i+7..8i of xDATA).
using Line = std::array<uint8_t, kDataBytes>;

struct AxiPins {
  // AW: master -> slave, except awready.
  uint64_t awaddr = 0;
  uint32_t awid = 0;  // IDs up to 32 bits: a slave behind an interconnect sees wider IDs
  uint8_t awlen = 0;
  uint8_t awsize = 0;
  uint8_t awburst = 0;
  bool awlock = false;
  uint8_t awcache = 0;
  uint8_t awprot = 0;
  uint8_t awqos = 0;
  bool awvalid = false;
  bool awready = false;

  // W: master -> slave, except wready.
  Line wdata{};
  uint32_t wstrb = 0;
  bool wlast = false;
  bool wvalid = false;
  bool wready = false;

  // B: slave -> master, except bready.
  uint32_t bid = 0;
  uint8_t bresp = 0;
  bool bvalid = false;
  bool bready = false;

  // AR: master -> slave, except arready.
  uint64_t araddr = 0;
  uint32_t arid = 0;
  uint8_t arlen = 0;
  uint8_t arsize = 0;
  uint8_t arburst = 0;
  bool arlock = false;
  uint8_t arcache = 0;
  uint8_t arprot = 0;
  uint8_t arqos = 0;
  bool arvalid = false;
  bool arready = false;

  // R: slave -> master, except rready.
  uint32_t rid = 0;
  Line rdata{};
  uint8_t rresp = 0;
  bool rlast = false;
  bool rvalid = false;
  bool rready = false;
};

// The five channels, for reports.
enum class Channel : uint8_t { AW, W, B, AR, R };
constexpr const char* to_string(Channel channel) {
  constexpr const char* names[] = {"AW", "W", "B", "AR", "R"};
  return names[static_cast<unsigned>(channel)];
}

}  // namespace sailsim::axi4
