// Binding by name: the AXI4 signals of one port of a Verilated module, found by the naming
// convention of contracts.md (prefix s_ on a slave port of the RTL, m_ on a master port,
// then awid, awaddr, ...), so that the same C++ models attach to sailsim's RTL and to MAST's.
//
//   AxiPortWires host_side = SAILSIM_AXI_PORT(top, s_);        // scalar port s_aw*, ...
//   AxiPortWires ddr2 = SAILSIM_AXI_PORT_AT(top, m_, 2);       // element 2 of m_aw*[N], ...
//   AxiPortWires mem = SAILSIM_AXI_PORT_AS(top, mem_, PortRole::RtlSlave);  // any prefix
//
// A missing mandatory signal is a compile error naming the member; lock/cache/prot/qos are
// bound when the module has them and left unbound (reading as 0, writes dropped) otherwise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "sailsim/axi4/params.hpp"
#include "sailsim/axi4/pins.hpp"
#include "sailsim/tb/wire.hpp"

namespace sailsim::tb {

// Which side of the port the RTL plays. A C++ master (axi4::Host) drives an RtlSlave port;
// a C++ slave (axi4::MemoryPort) answers an RtlMaster port.
enum class PortRole : uint8_t { RtlSlave, RtlMaster };
const char* to_string(PortRole role);

struct AxiPortWires {
  std::string name;  // the default port name: "s_", or "m_[2]" for an array element
  PortRole role = PortRole::RtlSlave;

  Wire awid, awaddr, awlen, awsize, awburst, awlock, awcache, awprot, awqos, awvalid, awready;
  Wire wdata, wstrb, wlast, wvalid, wready;
  Wire bid, bresp, bvalid, bready;
  Wire arid, araddr, arlen, arsize, arburst, arlock, arcache, arprot, arqos, arvalid, arready;
  Wire rid, rdata, rresp, rlast, rvalid, rready;

  // Copies what the C++ side drives into the model: for an RtlSlave port the requests
  // (aw*, w*, ar* and their valids) and bready / rready; for an RtlMaster port the readies
  // and the responses (b*, r*).
  void to_rtl(const axi4::AxiPins& pins) const;
  // Copies what the RTL drives back into pins (the other half of the signals).
  void from_rtl(axi4::AxiPins& pins) const;

  // Verilator's types do not carry a signal's width, so IDs are masked to their storage
  // (8 bits for a 4-bit ID); this narrows the mask of every ID signal to `bits`.
  AxiPortWires& id_width(unsigned bits);
  // Another name for the port (Simulation::bind's name argument does the same).
  AxiPortWires& named(std::string port_name);
};

namespace detail {

PortRole role_of_prefix(const char* prefix);

// Element selectors for the binding macros.
struct WholeSignal {};
struct Element {
  size_t index;
};

// "s_", or "m_[2]" for an element of an array port.
inline std::string port_name(const char* prefix, WholeSignal) { return prefix; }
inline std::string port_name(const char* prefix, Element element) {
  return std::string(prefix) + "[" + std::to_string(element.index) + "]";
}

template <class S>
Wire port_wire(S& signal, WholeSignal, unsigned width) {
  static_assert(!std::is_array_v<S>, "this port is an unpacked array: bind it with SAILSIM_AXI_PORT_AT");
  return wire_of(signal, width);
}

template <class S>
Wire port_wire(S& signal, Element element, unsigned width) {
  if constexpr (std::is_array_v<S>) {
    if (element.index >= std::extent_v<S>) {
      throw std::out_of_range("AXI port index " + std::to_string(element.index) + " is past the array of " +
                              std::to_string(std::extent_v<S>) + " ports");
    }
    return wire_of(signal[element.index], width);
  } else if constexpr (requires { signal[element.index]; signal.size(); }) {  // VlUnpacked
    if (element.index >= signal.size()) throw std::out_of_range("AXI port index past the array");
    return wire_of(signal[element.index], width);
  } else {
    static_assert(sizeof(S) == 0, "this port is not an unpacked array: bind it with SAILSIM_AXI_PORT");
  }
}

}  // namespace detail
}  // namespace sailsim::tb

// Implementation of the two macros: a generic lambda, so that `requires` can ask whether the
// module has an optional member. The lambda's names are prefixed so as not to shadow the
// caller's; `where` is detail::WholeSignal{} or detail::Element{index}.
#define SAILSIM_TB_WIRE_(prefix, sig, width) \
  sailsim_wires.sig = ::sailsim::tb::detail::port_wire(sailsim_m->prefix##sig, sailsim_where, width)
#define SAILSIM_TB_OPTIONAL_WIRE_(prefix, sig, width) \
  if constexpr (requires { sailsim_m->prefix##sig; }) SAILSIM_TB_WIRE_(prefix, sig, width)

#define SAILSIM_TB_PORT_(model_ptr, prefix, where, port_role)                      \
  ([](auto* sailsim_m, auto sailsim_where, ::sailsim::tb::PortRole sailsim_role) { \
    using namespace ::sailsim::axi4; /* the k*Width constants */                 \
    ::sailsim::tb::AxiPortWires sailsim_wires;                                     \
    sailsim_wires.name = ::sailsim::tb::detail::port_name(#prefix, sailsim_where); \
    sailsim_wires.role = sailsim_role;                                             \
    SAILSIM_TB_WIRE_(prefix, awid, 0);                                             \
    SAILSIM_TB_WIRE_(prefix, awaddr, kAddrWidth);                                  \
    SAILSIM_TB_WIRE_(prefix, awlen, kLenWidth);                                    \
    SAILSIM_TB_WIRE_(prefix, awsize, kSizeWidth);                                  \
    SAILSIM_TB_WIRE_(prefix, awburst, kBurstWidth);                                \
    SAILSIM_TB_OPTIONAL_WIRE_(prefix, awlock, 1);                                  \
    SAILSIM_TB_OPTIONAL_WIRE_(prefix, awcache, kCacheWidth);                       \
    SAILSIM_TB_OPTIONAL_WIRE_(prefix, awprot, kProtWidth);                         \
    SAILSIM_TB_OPTIONAL_WIRE_(prefix, awqos, kQosWidth);                           \
    SAILSIM_TB_WIRE_(prefix, awvalid, 1);                                          \
    SAILSIM_TB_WIRE_(prefix, awready, 1);                                          \
    SAILSIM_TB_WIRE_(prefix, wdata, kDataWidth);                                   \
    SAILSIM_TB_WIRE_(prefix, wstrb, kStrbWidth);                                   \
    SAILSIM_TB_WIRE_(prefix, wlast, 1);                                            \
    SAILSIM_TB_WIRE_(prefix, wvalid, 1);                                           \
    SAILSIM_TB_WIRE_(prefix, wready, 1);                                           \
    SAILSIM_TB_WIRE_(prefix, bid, 0);                                              \
    SAILSIM_TB_WIRE_(prefix, bresp, kRespWidth);                                   \
    SAILSIM_TB_WIRE_(prefix, bvalid, 1);                                           \
    SAILSIM_TB_WIRE_(prefix, bready, 1);                                           \
    SAILSIM_TB_WIRE_(prefix, arid, 0);                                             \
    SAILSIM_TB_WIRE_(prefix, araddr, kAddrWidth);                                  \
    SAILSIM_TB_WIRE_(prefix, arlen, kLenWidth);                                    \
    SAILSIM_TB_WIRE_(prefix, arsize, kSizeWidth);                                  \
    SAILSIM_TB_WIRE_(prefix, arburst, kBurstWidth);                                \
    SAILSIM_TB_OPTIONAL_WIRE_(prefix, arlock, 1);                                  \
    SAILSIM_TB_OPTIONAL_WIRE_(prefix, arcache, kCacheWidth);                       \
    SAILSIM_TB_OPTIONAL_WIRE_(prefix, arprot, kProtWidth);                         \
    SAILSIM_TB_OPTIONAL_WIRE_(prefix, arqos, kQosWidth);                           \
    SAILSIM_TB_WIRE_(prefix, arvalid, 1);                                          \
    SAILSIM_TB_WIRE_(prefix, arready, 1);                                          \
    SAILSIM_TB_WIRE_(prefix, rid, 0);                                              \
    SAILSIM_TB_WIRE_(prefix, rdata, kDataWidth);                                   \
    SAILSIM_TB_WIRE_(prefix, rresp, kRespWidth);                                   \
    SAILSIM_TB_WIRE_(prefix, rlast, 1);                                            \
    SAILSIM_TB_WIRE_(prefix, rvalid, 1);                                           \
    SAILSIM_TB_WIRE_(prefix, rready, 1);                                           \
    return sailsim_wires;                                                          \
  }(&*(model_ptr), where, port_role))

// The AXI4 port `prefix` (s_ or m_) of a Verilated module (a pointer or smart pointer); its
// role from the prefix's first letter (s: RtlSlave, m: RtlMaster; std::invalid_argument else).
#define SAILSIM_AXI_PORT(model_ptr, prefix) \
  SAILSIM_TB_PORT_(model_ptr, prefix, ::sailsim::tb::detail::WholeSignal{}, ::sailsim::tb::detail::role_of_prefix(#prefix))

// The AXI4 port `prefix` (any prefix: axi_, mem0_, ...) with the role given.
#define SAILSIM_AXI_PORT_AS(model_ptr, prefix, port_role) \
  SAILSIM_TB_PORT_(model_ptr, prefix, ::sailsim::tb::detail::WholeSignal{}, port_role)

// Element `index` of an unpacked-array port (`input addr_t s_awaddr [N]`, ...): std::out_of_range
// past the array.
#define SAILSIM_AXI_PORT_AT(model_ptr, prefix, index)                                                           \
  SAILSIM_TB_PORT_(model_ptr, prefix, (::sailsim::tb::detail::Element{static_cast<std::size_t>(index)}), \
                   ::sailsim::tb::detail::role_of_prefix(#prefix))
