// The top level of a sequence file, its config, and finding sequence files.
#include "sailsim/replay/loader.hpp"

#include <algorithm>

#include "sailsim/vecset/yaml_file.hpp"
#include "yaml_map.hpp"

namespace sailsim::replay {

namespace detail {

namespace {

axi4::Latency read_latency(const Context& ctx, const YAML::Node& node, const std::string& what) {
  constexpr uint64_t kMax = 1'000'000;
  if (node.IsMap()) {
    MapReader m(ctx, node, what, {"min", "max"});
    const uint64_t lo = to_u64(ctx, m.required("min"), what + " min", 1, kMax);
    const uint64_t hi = to_u64(ctx, m.required("max"), what + " max", 1, kMax);
    if (hi < lo) fail(ctx, node, what + ": max is below min");
    return axi4::Latency::range(static_cast<uint32_t>(lo), static_cast<uint32_t>(hi));
  }
  if (!node.IsScalar()) fail(ctx, node, "expected cycles, or {min, max}, for " + what);
  return axi4::Latency::fixed(static_cast<uint32_t>(to_u64(ctx, node, what, 1, kMax)));
}

// The memory model's keys of config.memory (and of each config.memory.ports entry): the ones
// present replace the values given.
void read_memory_keys(const Context& ctx, const MapReader& mem, axi4::Latency& read, axi4::Latency& write, double& ready,
                      bool& reorder, std::vector<axi4::ErrorRange>& errors) {
  if (mem.has("read_latency")) read = read_latency(ctx, mem.optional("read_latency"), "read_latency");
  if (mem.has("write_latency")) write = read_latency(ctx, mem.optional("write_latency"), "write_latency");
  if (mem.has("ready")) ready = to_double(ctx, mem.optional("ready"), "ready", 0.01, 1.0);
  if (mem.has("reorder")) reorder = to_bool(ctx, mem.optional("reorder"), "reorder");
  if (mem.has("errors")) {
    errors.clear();
    const YAML::Node list = mem.optional("errors");
    if (!list.IsSequence()) fail(ctx, list, "expected a list of {base, size, resp, on} for errors");
    for (const YAML::Node& e : list) {
      MapReader r(ctx, e, "error range", {"base", "size", "resp", "on"});
      axi4::ErrorRange range;
      range.base = to_u64(ctx, r.required("base"), "base", 0, axi4::kAddrMask);
      range.size = to_u64(ctx, r.required("size"), "size", 1, uint64_t{1} << axi4::kAddrWidth);
      if (range.size > (uint64_t{1} << axi4::kAddrWidth) - range.base) fail(ctx, e, "the error range runs past the 48-bit space");
      if (r.has("resp")) range.resp = to_resp(ctx, r.optional("resp"), "resp");
      if (r.has("on")) {
        const std::string on = to_enum(ctx, r.optional("on"), "on", {"read", "write", "both"});
        range.on = on == "read" ? axi4::ErrorOn::Read : on == "write" ? axi4::ErrorOn::Write : axi4::ErrorOn::Both;
      }
      errors.push_back(range);
    }
  }
}

}  // namespace

Config read_config(Context& ctx, const YAML::Node& node) {
  Config c;
  MapReader m(ctx, node, "config", {"seed", "timeout_cycles", "memory", "host", "driver"});
  if (m.has("driver")) c.driver_shim = to_enum(ctx, m.optional("driver"), "driver", {"card", "shim"}) == "shim";
  if (m.has("seed")) c.seed = to_u64(ctx, m.optional("seed"), "seed");
  if (m.has("timeout_cycles")) c.timeout_cycles = to_u64(ctx, m.optional("timeout_cycles"), "timeout_cycles", 1, uint64_t{1} << 40);
  if (m.has("memory")) {
    const MapReader mem(ctx, m.optional("memory"), "config.memory",
                        {"read_latency", "write_latency", "ready", "reorder", "errors", "ports"});
    read_memory_keys(ctx, mem, c.read_latency, c.write_latency, c.ready, c.reorder, c.errors);
    if (mem.has("ports")) {
      const YAML::Node ports = mem.optional("ports");
      if (ctx.format_minor == 0) {
        fail(ctx, ports, "config.memory ports: is format 1.1 (ports named by steps): write sailsim: 1.1 at the top of the file");
      }
      if (!ports.IsMap()) fail(ctx, ports, "expected a map of port names to memory settings for config.memory ports");
      for (auto it = ports.begin(); it != ports.end(); ++it) {
        PortMemory pm;
        pm.port = to_name(ctx, it->first, "port");
        pm.where = where(it->first);
        for (const PortMemory& other : c.port_memory) {
          if (other.port == pm.port) fail(ctx, it->first, "port '" + pm.port + "' is set twice in config.memory ports");
        }
        // Every setting the entry leaves out is config.memory's.
        pm.read_latency = c.read_latency, pm.write_latency = c.write_latency, pm.ready = c.ready, pm.reorder = c.reorder;
        pm.errors = c.errors;
        const MapReader one(ctx, it->second, "config.memory ports " + pm.port,
                            {"read_latency", "write_latency", "ready", "reorder", "errors"});
        read_memory_keys(ctx, one, pm.read_latency, pm.write_latency, pm.ready, pm.reorder, pm.errors);
        c.port_memory.push_back(std::move(pm));
      }
    }
  }
  if (m.has("host")) {
    MapReader h(ctx, m.optional("host"), "config.host", {"ready"});
    if (h.has("ready")) c.host_ready = to_double(ctx, h.optional("ready"), "host ready", 0.01, 1.0);
  }
  return c;
}

}  // namespace detail

namespace {

Sequence load_impl(const std::filesystem::path& file, std::optional<uint64_t> seed) {
  using namespace detail;
  Context ctx;
  ctx.file = file;
  ctx.dir = file.parent_path();
  // Read through read_input_file (regular files only), never YAML::LoadFile: a FIFO or a device
  // given as a sequence is refused instead of blocking or filling memory.
  const YAML::Node root = vecset::load_yaml_file(file);
  // An empty or comment-only file parses to a null node with no position.
  if (root.IsNull()) throw InputError(file, 1, 1, "empty sequence: expected a map with sailsim: 1, name and steps");
  MapReader top(ctx, root, "the sequence", {"sailsim", "name", "description", "tags", "config", "buffers", "steps"});
  Sequence seq;
  seq.file = file;
  const YAML::Node version = top.required("sailsim");
  // 1 or 1.1 (ports named by steps, for any DUT: docs/sequence-format.md); a 1 file is a 1.1 file.
  if (version.IsScalar() && version.Tag() == "?" && version.Scalar() == "1.1") {
    seq.format_minor = 1;
  } else if (to_u64(ctx, version, "sailsim (the format version)") != 1) {  // a quoted "1" is refused there
    fail(ctx, version, "unsupported format version '" + version.Scalar() + "': expected sailsim: 1 or sailsim: 1.1");
  }
  ctx.format_minor = seq.format_minor;
  seq.name = to_name(ctx, top.required("name"), "name");
  if (top.has("description")) seq.description = to_string(ctx, top.optional("description"), "description");
  if (top.has("tags")) {
    const YAML::Node tags = top.optional("tags");
    if (!tags.IsSequence()) fail(ctx, tags, "expected a list of tags");
    for (const YAML::Node& t : tags) seq.tags.push_back(to_name(ctx, t, "tag"));
  }
  if (top.has("config")) seq.config = read_config(ctx, top.optional("config"));
  if (seed) seq.config.seed = *seed;
  ctx.seed = seq.config.seed;
  if (top.has("buffers")) {
    const YAML::Node buffers = top.optional("buffers");
    if (!buffers.IsMap()) fail(ctx, buffers, "expected a map of buffers (name: source)");
    for (auto it = buffers.begin(); it != buffers.end(); ++it) {
      const std::string name = to_name(ctx, it->first, "buffer name");
      if (ctx.buffers.contains(name)) fail(ctx, it->first, "duplicate buffer name '" + name + "'");
      ctx.buffers[name] = read_source(ctx, it->second, "buffer '" + name + "'", name);
    }
  }
  const YAML::Node steps = top.required("steps");
  if (!steps.IsSequence() || steps.size() == 0) fail(ctx, steps, "expected a list of at least one step for steps");
  for (const YAML::Node& s : steps) {
    seq.steps.push_back(read_step(ctx, s));
    seq.has_ioctl = seq.has_ioctl || seq.steps.back().kind == "ioctl";
  }
  return seq;
}

}  // namespace

Sequence load_sequence(const std::filesystem::path& file, std::optional<uint64_t> seed) {
  try {
    return load_impl(file, seed);
  } catch (const YAML::Exception& e) {
    // Anything yaml-cpp still has to say (a bad alias, a malformed node) is bad input too.
    if (e.mark.is_null()) throw InputError(file, "malformed YAML: " + e.msg);
    throw InputError(file, e.mark.line + 1, e.mark.column + 1, "malformed YAML: " + e.msg);
  }
}

std::vector<std::filesystem::path> find_sequences(const std::vector<std::filesystem::path>& paths) {
  std::vector<std::filesystem::path> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::filesystem::path> found;
      for (auto it = std::filesystem::recursive_directory_iterator(p, ec); !ec && it != std::filesystem::recursive_directory_iterator();
           it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".yaml") found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (std::filesystem::symlink_status(p, ec).type() != std::filesystem::file_type::not_found) {
      out.push_back(p);  // load_sequence says what it is if not a regular file (a FIFO, a symlink loop)
    } else {
      throw InputError(p, "no such file or folder");
    }
  }
  return out;
}

}  // namespace sailsim::replay
