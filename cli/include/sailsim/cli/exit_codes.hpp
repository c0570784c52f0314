// Exit codes shared by every sailsim subcommand (contracts.md section 6).
#pragma once

namespace sailsim::cli {

enum ExitCode : int {
  kExitOk = 0,                 // everything ran and every check held
  kExitCheckFailed = 1,        // data mismatch, unexpected response, unmet expectation
  kExitBadInput = 2,           // malformed input, missing file, bad option: nothing was simulated
  kExitTimeout = 3,            // the watchdog fired
  kExitProtocolViolation = 4,  // an AXI4 rule was broken
};

}  // namespace sailsim::cli
