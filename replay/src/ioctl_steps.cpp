// ioctl steps: the Spanker UAPI (driver-shim/include/spanker_ioctl.h) by command name, each
// command's input fields named as in its struct, and `expect:` on its output fields.
#include <cerrno>
#include <utility>

#include "yaml_map.hpp"

namespace sailsim::replay::detail {

namespace {

struct Command {
  const char* name;
  std::vector<const char*> inputs;   // integer input fields
  std::vector<const char*> outputs;  // fields `expect:` may pin
};

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"PING", {}, {}},
      {"GET_VERSION", {}, {"major", "minor", "patch", "reserved"}},
      {"WORK_SUBMIT", {"a", "b", "out", "m", "k", "n", "a_stride", "b_stride", "out_stride", "flags", "tag"}, {}},
      {"WAIT", {"timeout_ns"}, {"status", "tag", "cycles"}},
      {"MEM_ALLOC", {"size", "align"}, {"addr"}},
      {"MEM_FREE", {"addr"}, {}},
      {"MEM_WRITE", {"addr", "size"}, {}},
      {"MEM_READ", {"addr", "size"}, {}},
      {"MEM_COPY", {"dst", "src", "size"}, {}},
      {"BAR_INFO", {}, {"ctrl_base", "ctrl_size", "queue_addr", "ddr_base", "ddr_size", "lanes", "queue_depth", "max_k", "reserved"}},
      {"GET_TELEMETRY", {}, {"busy_cycles", "bytes_read", "bytes_written", "read_stall_cycles", "jobs_done", "jobs_failed", "cycle", "queue_rejects"}},
  };
  return table;
}

const std::vector<std::pair<std::string, int>>& errnos() {
  static const std::vector<std::pair<std::string, int>> table = {
      {"0", 0},           {"ENOTTY", ENOTTY},       {"EFAULT", EFAULT}, {"EINVAL", EINVAL}, {"ENOMEM", ENOMEM},
      {"ETIMEDOUT", ETIMEDOUT}, {"EIO", EIO},       {"EBUSY", EBUSY},   {"ENODEV", ENODEV},
  };
  return table;
}

}  // namespace

IoctlStep read_ioctl(Context& ctx, const YAML::Node& node) {
  if (!node.IsMap()) fail(ctx, node, "expected a map with cmd for ioctl");
  const YAML::Node cmd_node = node["cmd"];
  if (!cmd_node.IsDefined()) fail(ctx, node, "missing required key 'cmd' in ioctl");
  std::vector<std::string> names;
  for (const Command& c : commands()) names.push_back(c.name);
  IoctlStep s;
  s.cmd = to_enum(ctx, cmd_node, "ioctl cmd", names);
  const Command* cmd = nullptr;
  for (const Command& c : commands()) {
    if (s.cmd == c.name) cmd = &c;
  }
  // The keys this command takes.
  std::vector<const char*> keys = {"cmd", "expect_errno"};
  for (const char* k : cmd->inputs) keys.push_back(k);
  if (!cmd->outputs.empty() || s.cmd == "MEM_READ") keys.push_back("expect");
  if (s.cmd == "WORK_SUBMIT") keys.insert(keys.end(), {"matmul_q4_k", "as", "b_f32"});
  if (s.cmd == "WAIT") keys.push_back("job");
  if (s.cmd == "MEM_WRITE") keys.push_back("host");
  if (s.cmd == "MEM_READ") keys.push_back("save");
  // MapReader takes an initializer list; check the keys by hand in the same words.
  std::string list;
  for (const char* k : keys) list += std::string(list.empty() ? "" : ", ") + k;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
    bool known = false;
    for (const char* k : keys) known = known || key == k;
    if (!known) fail(ctx, it->first, "unknown key '" + key + "' in ioctl " + s.cmd + ": expected one of " + list);
    int seen = 0;
    for (auto jt = node.begin(); jt != node.end(); ++jt) seen += jt->first.IsScalar() && jt->first.Scalar() == key;
    if (seen > 1) fail(ctx, it->first, "key '" + key + "' appears twice in ioctl");
  }
  auto has = [&](const char* k) { return node[k].IsDefined(); };

  for (const char* k : cmd->inputs) {
    if (!has(k)) continue;
    const uint64_t max = (std::string(k) == "m" || std::string(k) == "k" || std::string(k) == "n" ||
                          std::string(k).ends_with("stride") || std::string(k) == "flags" || std::string(k) == "tag")
                             ? 0xFFFF'FFFFull
                             : ~uint64_t{0};
    s.fields[k] = to_u64(ctx, node[k], k, 0, max);
  }
  if (s.cmd == "WORK_SUBMIT") {
    if (has("matmul_q4_k")) {
      for (const char* k : {"a", "b", "out", "m", "k", "n"}) {
        if (has(k)) fail(ctx, node[k], std::string("'") + k + "' is given twice: in matmul_q4_k and beside it");
      }
      MapReader m(ctx, node["matmul_q4_k"], "matmul_q4_k", {"a", "b", "out", "m", "k", "n"});
      for (const char* k : {"a", "b", "out"}) s.fields[k] = to_u64(ctx, m.required(k), k);
      for (const char* k : {"m", "k", "n"}) s.fields[k] = to_u64(ctx, m.required(k), k, 0, 0xFFFF'FFFFull);
    }
    if (has("b_f32")) {
      // The shim reads n x k floats from b_f32: a shorter buffer would be read past its end.
      const YAML::Node bn = node["b_f32"];
      s.data = read_data(ctx, bn, "b_f32");
      const uint64_t n = s.fields.contains("n") ? s.fields["n"] : 0, k = s.fields.contains("k") ? s.fields["k"] : 0;
      const uint64_t want = n * k * 4;  // n and k are at most 2^32 - 1 each: n * k * 4 may wrap
      const bool wraps = k != 0 && n > std::numeric_limits<uint64_t>::max() / 4 / k;
      if (wraps || s.data->size != want) {
        fail(ctx, bn, "b_f32 holds " + std::to_string(s.data->size) + " bytes: expected n x k x 4 = " + std::to_string(n) +
                          " x " + std::to_string(k) + " x 4 = " + (wraps ? "more than 2^64" : std::to_string(want)) + " bytes");
      }
    }
    if (has("as")) {
      const YAML::Node an = node["as"];
      s.as = to_name(ctx, an, "job name (as)");
      if (ctx.jobs.contains(s.as)) fail(ctx, an, "duplicate job name '" + s.as + "'");
      ctx.jobs[s.as] = where(an);
    }
  }
  if (s.cmd == "WAIT") {
    const YAML::Node jn = node["job"];
    if (!jn.IsDefined()) fail(ctx, node, "missing required key 'job' in ioctl WAIT");
    s.job = to_name(ctx, jn, "job");
    if (!ctx.jobs.contains(s.job)) fail(ctx, jn, "unknown job '" + s.job + "': no earlier WORK_SUBMIT says as: " + s.job);
  }
  if (s.cmd == "MEM_WRITE") {
    if (!has("host")) fail(ctx, node, "missing required key 'host' (the bytes to write) in ioctl MEM_WRITE");
    s.data = read_data(ctx, node["host"], "MEM_WRITE host");
    if (has("size") && s.fields["size"] != s.data->size) {
      fail(ctx, node["size"], "size " + std::to_string(s.fields["size"]) + " is not the length of host (" + std::to_string(s.data->size) + ")");
    }
    s.fields["size"] = s.data->size;
  }
  if (s.cmd == "MEM_READ") {
    if (!has("size")) fail(ctx, node, "missing required key 'size' in ioctl MEM_READ");
    if (s.fields["size"] > (uint64_t{64} << 20)) fail(ctx, node["size"], "size is over 64 MiB");
    if (has("expect")) {
      s.expect_data = read_data(ctx, node["expect"], "MEM_READ expect");
      if (s.expect_data->size != s.fields["size"]) fail(ctx, node["expect"], "expect holds " + std::to_string(s.expect_data->size) + " bytes: expected size");
    }
    if (has("save")) {
      const YAML::Node sn = node["save"];
      s.save = to_name(ctx, sn, "save name");
      if (ctx.buffers.contains(s.save) || ctx.saved.contains(s.save)) fail(ctx, sn, "duplicate name '" + s.save + "'");
      ctx.saved[s.save] = s.fields["size"];
    }
  }
  if (s.cmd != "MEM_READ" && has("expect")) {
    const YAML::Node en = node["expect"];
    if (!en.IsMap()) fail(ctx, en, "expected a map of output fields for expect");
    std::string outs;
    for (const char* k : cmd->outputs) outs += std::string(outs.empty() ? "" : ", ") + k;
    for (auto it = en.begin(); it != en.end(); ++it) {
      const std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
      bool known = false;
      for (const char* k : cmd->outputs) known = known || key == k;
      if (!known) fail(ctx, it->first, "unknown key '" + key + "' in ioctl " + s.cmd + " expect: expected one of " + outs);
      if (s.expect.contains(key)) fail(ctx, it->first, "key '" + key + "' appears twice in expect");
      s.expect[key] = to_u64(ctx, it->second, key);
    }
  }
  if (has("expect_errno")) {
    const YAML::Node en = node["expect_errno"];
    std::vector<std::string> choices;
    for (const auto& [n, v] : errnos()) choices.push_back(n);
    s.expect_errno_name = to_enum(ctx, en, "expect_errno", choices);
    for (const auto& [n, v] : errnos()) {
      if (n == s.expect_errno_name) s.expect_errno = v;
    }
  }
  return s;
}

}  // namespace sailsim::replay::detail
