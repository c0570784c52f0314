// Binding by a prefix known only at run time: a YAML file naming the ports to bind.
//
//   # sailsim ports file
//   ports:
//     - {prefix: s_, role: slave}     # sailsim's host BFM drives it
//     - {prefix: m_, role: master}    # sailsim's memory model answers it
//
// Every problem is a PortsFileError "FILE:LINE:COLUMN: what was expected".
#pragma once

#include <filesystem>
#include <stdexcept>
#include <vector>

#include "sailsim/dut/design.hpp"

namespace sailsim::dut {

class PortsFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::vector<Binding> load_ports_file(const std::filesystem::path& file);

}  // namespace sailsim::dut
