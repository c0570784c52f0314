// The GGML oracle for tests: loaded once; when it is missing, every test that needs it
// FAILS with the loader's message (how to install it). Such tests never skip.
#pragma once

#include <gtest/gtest.h>

#include "sailsim/ggml/oracle.hpp"

namespace sailsim::testing {

// Returns the shared oracle, or nullptr after recording a test failure that says why.
inline const ggml::Oracle* oracle_or_fail() {
  try {
    return &ggml::Oracle::shared();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "the GGML oracle is required and could not be loaded: " << e.what();
    return nullptr;
  }
}

#define SAILSIM_REQUIRE_ORACLE(var)                          \
  const ::sailsim::ggml::Oracle* var = ::sailsim::testing::oracle_or_fail(); \
  if (!var) return

}  // namespace sailsim::testing
