// wait: {until: engine_idle}: whether the engine is idle, without bus traffic. The RTL has no
// port for it, so this reads two registers of the Verilated model (the engine's state and
// the control block's queue count); if sail_engine / sail_ctrl rename them, this file stops
// compiling, which is the point.
#include "Vsail_top.h"
#include "Vsail_top___024root.h"
#include "run_detail.hpp"

namespace sailsim::replay::detail {

bool engine_idle(card::SailCard& card) {
  const auto* root = card.top().rootp;
  const bool engine = root->sail_top__DOT__i_engine__DOT__state_q == 0;  // SIdle
  const bool queue = root->sail_top__DOT__i_ctrl__DOT__queued_q == 0;
  return engine && queue && card.host().idle() && card.ddr().idle();
}

}  // namespace sailsim::replay::detail
