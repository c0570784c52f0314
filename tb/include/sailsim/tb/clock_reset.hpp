// Which members of a Verilated model are its clock and reset, and the reset's polarity.
// Simulation<Top, ClockReset> drives the model through them, so that a module with any names
// (clk / rst_n, clk_i / rst_ni, aclk / aresetn, or an active-high rst) runs in the kernel:
//
//   SAILSIM_CLOCK_RESET(AclkAresetn, aclk, aresetn, true);   // true: active low
//   tb::Simulation<Vmy_dut, AclkAresetn> sim;
#pragma once

namespace sailsim::tb {

// sailsim's own RTL (lowRISC style): clock clk_i, active-low reset rst_ni.
struct ClkIRstNi {
  template <class Top>
  static void clock(Top& top, bool level) {
    top.clk_i = level ? 1 : 0;
  }
  template <class Top>
  static void reset(Top& top, bool asserted) {
    top.rst_ni = asserted ? 0 : 1;
  }
};

}  // namespace sailsim::tb

// A ClockReset named `name` for the members `clk` and `rst`; `active_low` is a bool constant.
#define SAILSIM_CLOCK_RESET(name, clk, rst, active_low)                                       \
  struct name {                                                                               \
    template <class Top>                                                                      \
    static void clock(Top& top, bool level) {                                                 \
      top.clk = level ? 1 : 0;                                                                \
    }                                                                                         \
    template <class Top>                                                                      \
    static void reset(Top& top, bool asserted) {                                              \
      top.rst = (asserted == static_cast<bool>(active_low)) ? 0 : 1;                          \
    }                                                                                         \
  }
