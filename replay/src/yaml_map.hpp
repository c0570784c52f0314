// Typed, position-aware access to the YAML of a sequence. Private to the replay library.
// Every failure is an InputError at the offending node's line and column.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "sailsim/replay/loader.hpp"
#include "sailsim/replay/sequence.hpp"

namespace sailsim::replay::detail {

// What the loader knows while it reads one file.
struct Context {
  std::filesystem::path file;  // the YAML file, as given
  std::filesystem::path dir;   // its folder: paths in it are relative to this
  uint64_t seed = 1;
  unsigned format_minor = 0;                    // sailsim: 1 (0) or 1.1 (1)
  std::map<std::string, Bytes> buffers{};       // buffers: by name
  std::map<std::string, uint64_t> saved{};      // names saved by reads at run time: their sizes
  std::map<std::string, Where> jobs{};          // ioctl `as:` names
};

[[noreturn]] void fail(const Context& ctx, const YAML::Node& at, const std::string& message);
Where where(const YAML::Node& node);

// A map with a fixed set of keys: any other key, a repeated key, or not a map is an error.
class MapReader {
 public:
  MapReader(const Context& ctx, const YAML::Node& node, const std::string& what,
            std::initializer_list<const char*> keys);
  bool has(const char* key) const;
  YAML::Node required(const char* key) const;  // error at the map when absent
  YAML::Node optional(const char* key) const;  // an undefined node when absent
  const YAML::Node& node() const { return node_; }
  const std::string& what() const { return what_; }

 private:
  const Context& ctx_;
  YAML::Node node_;
  std::string what_;
};

// Integers: decimal or 0x hex, '_' between digits; plain (unquoted) scalars only.
uint64_t to_u64(const Context& ctx, const YAML::Node& node, const std::string& what, uint64_t min = 0,
                uint64_t max = std::numeric_limits<uint64_t>::max());
double to_double(const Context& ctx, const YAML::Node& node, const std::string& what, double min, double max);
bool to_bool(const Context& ctx, const YAML::Node& node, const std::string& what);
std::string to_string(const Context& ctx, const YAML::Node& node, const std::string& what);
// One of `choices`, exactly.
std::string to_enum(const Context& ctx, const YAML::Node& node, const std::string& what,
                    const std::vector<std::string>& choices);
// A name as [A-Za-z0-9_.-]+.
std::string to_name(const Context& ctx, const YAML::Node& node, const std::string& what);
bool valid_name(const std::string& name);

// Data: a buffer name, a slice {buffer, offset, size}, or an inline source.
DataRef read_data(Context& ctx, const YAML::Node& node, const std::string& what);
// One buffer source map ({file:}, {hex:}, ...), as bytes.
Bytes read_source(Context& ctx, const YAML::Node& node, const std::string& what, const std::string& name);
bool is_source(const YAML::Node& node);

// A step's `port:` (format 1.1 only: an error in a sailsim: 1 file), or "" when absent.
std::string read_port(const Context& ctx, const MapReader& m);

Config read_config(Context& ctx, const YAML::Node& node);
Step read_step(Context& ctx, const YAML::Node& node);
IoctlStep read_ioctl(Context& ctx, const YAML::Node& node);

// The resp names of params.hpp, as an enum check.
axi4::Resp to_resp(const Context& ctx, const YAML::Node& node, const std::string& what);

}  // namespace sailsim::replay::detail
