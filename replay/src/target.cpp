// The card a sequence runs on: a shim::Device's when the build has the driver shim, else a
// bare SailCard (and ioctl steps are refused before anything runs).
#include "sailsim/replay/target.hpp"

#include <cerrno>
#include <stdexcept>

#ifdef SAILSIM_REPLAY_HAVE_SHIM
#include "sailsim/shim/device.hpp"
#endif

namespace sailsim::replay {

namespace {

class CardTarget final : public Target {
 public:
  explicit CardTarget(const card::CardConfig& config) : card_(config) {}
  card::SailCard& card() override { return card_; }
  int ioctl(unsigned long, void*) override { throw std::logic_error("ioctl steps need the driver shim, which this build lacks"); }

 private:
  card::SailCard card_;
};

#ifdef SAILSIM_REPLAY_HAVE_SHIM
class ShimTarget final : public Target {
 public:
  explicit ShimTarget(const card::CardConfig& config) : device_(make_config(config)) {}
  card::SailCard& card() override { return device_.card(); }
  int ioctl(unsigned long request, void* arg) override { return device_.ioctl(request, arg); }

 private:
  static shim::DeviceConfig make_config(const card::CardConfig& config) {
    shim::DeviceConfig c;
    c.card = config;
    return c;
  }
  shim::Device device_;
};
#endif

}  // namespace

bool shim_available() {
#ifdef SAILSIM_REPLAY_HAVE_SHIM
  return true;
#else
  return false;
#endif
}

std::unique_ptr<Target> make_target(const card::CardConfig& config, bool ioctl) {
#ifdef SAILSIM_REPLAY_HAVE_SHIM
  if (ioctl) return std::make_unique<ShimTarget>(config);
#else
  (void)ioctl;
#endif
  return std::make_unique<CardTarget>(config);
}

}  // namespace sailsim::replay
