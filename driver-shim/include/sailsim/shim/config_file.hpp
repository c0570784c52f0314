// The shim's config file (SAILSIM_CONFIG, sailsim_open's path): YAML with the memory model's
// keys of sequence-format.md's config.memory, and the version GET_VERSION reports.
//
//   version: "0.1.0"          # default: the shim's own ABI (spanker_ioctl.h)
//   seed: 1                   # the memory model's random choices
//   memory:
//     read_latency: 20        # or {min: 5, max: 80}
//     write_latency: 10       # or {min:, max:}
//     ready: 1.0
//     reorder: false
//     errors:
//       - {base: 0x3000_0000, size: 0x1000, resp: SLVERR, on: both}
//
// Unknown keys are errors. Every error names file:line:column.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "sailsim/shim/device.hpp"

namespace sailsim::shim {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "0.1.0" -> {0, 1, 0, 0}; ConfigError on anything else.
spanker_version parse_version(std::string_view text);

// Applies the YAML text (named `origin` in errors) to `config`.
void apply_config_text(DeviceConfig& config, const std::string& text, const std::string& origin);
// Reads the file; ConfigError (with path:line:column) on a missing file or a bad key.
DeviceConfig load_config(const std::string& path);

}  // namespace sailsim::shim
