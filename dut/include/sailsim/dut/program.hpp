// The program sailsim_add_dut builds for a design (its generated main() calls program_main):
//
//   <name> replay PATH... [--ports FILE] [sailsim replay's options]   sequences against the DUT
//   <name> ports                                                     the design's AXI4 ports
//
// Exit codes as sailsim's (contracts.md section 6). --ports binds ports chosen at run time
// (ports_file.hpp) instead of those the CMake call named.
#pragma once

#include "sailsim/dut/design.hpp"
#include "sailsim/dut/dut_target.hpp"

namespace sailsim::dut {

int program_main(int argc, char** argv, const Design& design);

}  // namespace sailsim::dut
