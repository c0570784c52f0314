// wait: {until: engine_idle}: the engine has no job and none waits in the queue (the top's
// busy_o, read without bus traffic), and nothing is in flight on the host port or at DDR.
#include "run_detail.hpp"

namespace sailsim::replay::detail {

bool engine_idle(card::SailCard& card) {
  return !card.engine_busy() && card.host().idle() && card.ddr().idle();
}

}  // namespace sailsim::replay::detail
