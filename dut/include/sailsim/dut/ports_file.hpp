// Binding by a prefix known only at run time: a YAML file naming the ports to bind.
//
//   # sailsim ports file
//   ports:
//     - {prefix: s_, role: slave}     # sailsim's host BFM drives it
//     - {prefix: m_, role: master}    # sailsim's memory model answers it
//
// The file is read as every input file is (regular files only); every problem is a
// vecset::InputError "FILE:LINE:COLUMN: what was expected".
#pragma once

#include <filesystem>
#include <vector>

#include "sailsim/dut/design.hpp"
#include "sailsim/vecset/input_error.hpp"

namespace sailsim::dut {

std::vector<Binding> load_ports_file(const std::filesystem::path& file);

}  // namespace sailsim::dut
