#include "sailsim/shim/config_file.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <limits>
#include <sstream>

#include "sailsim/vecset/input_error.hpp"
#include "sailsim/vecset/input_file.hpp"
#include "sailsim/vecset/yaml_number.hpp"

namespace sailsim::shim {

namespace {

[[noreturn]] void fail(const std::string& origin, const YAML::Mark& mark, const std::string& what) {
  std::ostringstream os;
  os << origin;
  if (!mark.is_null()) os << ':' << mark.line + 1 << ':' << mark.column + 1;
  os << ": " << what;
  throw ConfigError(os.str());
}

struct Parser {
  std::string origin;

  std::string scalar(const YAML::Node& n, const char* what) {
    if (!n.IsScalar()) fail(origin, n.Mark(), std::string(what) + ": expected a scalar");
    return n.Scalar();
  }

  // Numbers follow sailsim's one rule (sailsim/vecset/yaml_number.hpp): plain, untagged
  // scalars; decimal or 0x hex integers with '_' only between digits.
  uint64_t integer(const YAML::Node& n, const char* what, uint64_t max = std::numeric_limits<uint64_t>::max()) {
    uint64_t v = 0;
    const std::string problem = vecset::integer_problem(n, v);
    if (!problem.empty()) fail(origin, n.Mark(), std::string(what) + ": expected an integer, " + problem);
    if (v > max) fail(origin, n.Mark(), std::string(what) + ": expected an integer up to " + std::to_string(max) + ", got '" + n.Scalar() + "'");
    return v;
  }

  double probability(const YAML::Node& n, const char* what) {
    double v = 0;
    const std::string problem = vecset::real_problem(n, v);
    if (!problem.empty()) fail(origin, n.Mark(), std::string(what) + ": expected a number in [0, 1], " + problem);
    if (v >= 0.0 && v <= 1.0) return v;
    fail(origin, n.Mark(), std::string(what) + ": expected a number in [0, 1], got '" + n.Scalar() + "'");
  }

  bool boolean(const YAML::Node& n, const char* what) {
    const std::string s = scalar(n, what);
    if (s == "true") return true;
    if (s == "false") return false;
    fail(origin, n.Mark(), std::string(what) + ": expected true or false, got '" + s + "'");
  }

  axi4::Latency latency(const YAML::Node& n, const char* what) {
    if (n.IsMap()) {
      axi4::Latency l;
      bool min = false, max = false;
      for (const auto& kv : n) {
        const std::string key = scalar(kv.first, "key");
        if (key == "min") {
          l.min = static_cast<uint32_t>(integer(kv.second, "min", UINT32_MAX)), min = true;
        } else if (key == "max") {
          l.max = static_cast<uint32_t>(integer(kv.second, "max", UINT32_MAX)), max = true;
        } else {
          fail(origin, kv.first.Mark(), std::string(what) + ": unknown key '" + key + "' (min, max)");
        }
      }
      if (!min || !max || l.min < 1 || l.max < l.min) {
        fail(origin, n.Mark(), std::string(what) + ": needs 1 <= min <= max");
      }
      return l;
    }
    const uint64_t v = integer(n, what, UINT32_MAX);
    if (v < 1) fail(origin, n.Mark(), std::string(what) + ": at least 1 cycle");
    return axi4::Latency::fixed(static_cast<uint32_t>(v));
  }

  axi4::ErrorRange error_range(const YAML::Node& n) {
    if (!n.IsMap()) fail(origin, n.Mark(), "errors: each entry is a map {base, size, resp, on}");
    axi4::ErrorRange e;
    bool base = false, size = false;
    for (const auto& kv : n) {
      const std::string key = scalar(kv.first, "key");
      if (key == "base") {
        e.base = integer(kv.second, "base"), base = true;
      } else if (key == "size") {
        e.size = integer(kv.second, "size"), size = true;
      } else if (key == "resp") {
        const std::string r = scalar(kv.second, "resp");
        if (r == "SLVERR") e.resp = axi4::Resp::SlvErr;
        else if (r == "DECERR") e.resp = axi4::Resp::DecErr;
        else fail(origin, kv.second.Mark(), "resp: SLVERR or DECERR, got '" + r + "'");
      } else if (key == "on") {
        const std::string o = scalar(kv.second, "on");
        if (o == "read") e.on = axi4::ErrorOn::Read;
        else if (o == "write") e.on = axi4::ErrorOn::Write;
        else if (o == "both") e.on = axi4::ErrorOn::Both;
        else fail(origin, kv.second.Mark(), "on: read, write or both, got '" + o + "'");
      } else {
        fail(origin, kv.first.Mark(), "errors: unknown key '" + key + "' (base, size, resp, on)");
      }
    }
    if (!base || !size) fail(origin, n.Mark(), "errors: base and size are required");
    return e;
  }

  void memory(const YAML::Node& n, axi4::MemoryPortConfig& m) {
    if (!n.IsMap()) fail(origin, n.Mark(), "memory: expected a map");
    for (const auto& kv : n) {
      const std::string key = scalar(kv.first, "key");
      const YAML::Node& v = kv.second;
      if (key == "read_latency") {
        m.read_latency = latency(v, "read_latency");
      } else if (key == "write_latency") {
        m.write_latency = latency(v, "write_latency");
      } else if (key == "ready") {
        m.ready = axi4::ReadyChance::all(probability(v, "ready"));
      } else if (key == "reorder") {
        m.reorder = boolean(v, "reorder");
      } else if (key == "errors") {
        if (!v.IsSequence()) fail(origin, v.Mark(), "errors: expected a list");
        m.errors.clear();
        for (const auto& e : v) m.errors.push_back(error_range(e));
      } else {
        fail(origin, kv.first.Mark(),
             "memory: unknown key '" + key + "' (read_latency, write_latency, ready, reorder, errors)");
      }
    }
  }
};

}  // namespace

spanker_version parse_version(std::string_view text) {
  spanker_version v{};
  uint64_t parts[3] = {};
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int i = 0; i < 3; ++i) {
    const auto [next, ec] = std::from_chars(p, end, parts[i]);
    if (ec != std::errc{} || next == p || parts[i] > 0xFFFF) throw ConfigError("bad version '" + std::string(text) + "'");
    p = next;
    if (i < 2) {
      if (p == end || *p != '.') throw ConfigError("bad version '" + std::string(text) + "' (expected MAJOR.MINOR.PATCH)");
      ++p;
    }
  }
  if (p != end) throw ConfigError("bad version '" + std::string(text) + "' (expected MAJOR.MINOR.PATCH)");
  v.major = static_cast<__u16>(parts[0]);
  v.minor = static_cast<__u16>(parts[1]);
  v.patch = static_cast<__u16>(parts[2]);
  return v;
}

void apply_config_text(DeviceConfig& config, const std::string& text, const std::string& origin) {
  Parser p{origin};
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    fail(origin, e.mark, e.msg);
  }
  if (root.IsNull()) return;  // an empty file: all defaults
  if (!root.IsMap()) fail(origin, root.Mark(), "expected a map (version, seed, memory)");
  for (const auto& kv : root) {
    const std::string key = p.scalar(kv.first, "key");
    if (key == "version") {
      try {
        config.version = parse_version(p.scalar(kv.second, "version"));
      } catch (const ConfigError& e) {
        fail(origin, kv.second.Mark(), e.what());
      }
    } else if (key == "seed") {
      config.card.memory.seed = p.integer(kv.second, "seed");
    } else if (key == "memory") {
      p.memory(kv.second, config.card.memory);
    } else {
      fail(origin, kv.first.Mark(), "unknown key '" + key + "' (version, seed, memory)");
    }
  }
}

DeviceConfig load_config(const std::string& path) {
  // The one reader of input files: a directory, a FIFO, a device or a loop is refused by name.
  std::string text;
  try {
    text = vecset::read_input_file(path);
  } catch (const vecset::InputError& e) {
    throw ConfigError(e.what());
  }
  DeviceConfig config;
  apply_config_text(config, text, path);
  return config;
}

}  // namespace sailsim::shim
