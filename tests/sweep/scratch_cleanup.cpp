// Removes the test process's scratch folder after a fully passing run.
#include <gtest/gtest.h>

#include "sweep/support.hpp"

namespace {

class ScratchCleanup : public ::testing::Environment {
 public:
  void TearDown() override {
    if (!::testing::UnitTest::GetInstance()->Passed()) return;
    std::error_code ec;
    std::filesystem::remove_all(sailsim::testing::sweep_scratch_root(), ec);
  }
};

[[maybe_unused]] ::testing::Environment* const kCleanup = ::testing::AddGlobalTestEnvironment(new ScratchCleanup);

}  // namespace
