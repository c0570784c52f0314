// Steps: each a map with exactly one key, its kind.
#include "sailsim/axi4/burst.hpp"
#include "sailsim/axi4/rules.hpp"
#include "yaml_map.hpp"

namespace sailsim::replay::detail {

namespace {

constexpr uint64_t kSpace = uint64_t{1} << axi4::kAddrWidth;  // the 48-bit bus space
constexpr uint64_t kMaxTransfer = uint64_t{64} << 20;

uint64_t read_addr(const Context& ctx, const YAML::Node& node) {
  return to_u64(ctx, node, "addr", 0, kSpace - 1);
}

void check_extent(const Context& ctx, const YAML::Node& at, uint64_t addr, uint64_t size) {
  if (size > kSpace - addr) {
    fail(ctx, at, "[addr, addr + size) runs past the 48-bit address space (addr " + std::to_string(addr) + ", size " +
                      std::to_string(size) + ")");
  }
}

void new_saved_name(Context& ctx, const YAML::Node& at, const std::string& name, uint64_t size) {
  if (ctx.buffers.contains(name) || ctx.saved.contains(name)) {
    fail(ctx, at, "duplicate name '" + name + "': a buffer or an earlier save already has it");
  }
  ctx.saved[name] = size;
}

bool read_wait(const Context& ctx, const MapReader& m) {
  return m.has("wait") ? to_bool(ctx, m.optional("wait"), "wait") : true;
}

WriteStep read_write(Context& ctx, const YAML::Node& node) {
  MapReader m(ctx, node, "write", {"port", "addr", "data", "expect_resp", "wait"});
  WriteStep s;
  s.port = read_port(ctx, m);
  s.addr = read_addr(ctx, m.required("addr"));
  s.data = read_data(ctx, m.required("data"), "write data");
  if (s.data.size == 0) fail(ctx, m.optional("data"), "write data is empty: expected at least one byte");
  check_extent(ctx, node, s.addr, s.data.size);
  if (m.has("expect_resp")) s.expect_resp = to_resp(ctx, m.optional("expect_resp"), "expect_resp");
  s.wait = read_wait(ctx, m);
  return s;
}

ReadStep read_read(Context& ctx, const YAML::Node& node) {
  MapReader m(ctx, node, "read", {"port", "addr", "size", "expect", "save", "expect_resp", "wait"});
  ReadStep s;
  s.port = read_port(ctx, m);
  s.addr = read_addr(ctx, m.required("addr"));
  s.size = to_u64(ctx, m.required("size"), "size", 1, kMaxTransfer);
  check_extent(ctx, node, s.addr, s.size);
  if (m.has("expect")) {
    s.expect = read_data(ctx, m.optional("expect"), "read expect");
    if (s.expect->size != s.size) {
      fail(ctx, m.optional("expect"), "read expect holds " + std::to_string(s.expect->size) + " bytes: expected size (" +
                                          std::to_string(s.size) + ")");
    }
  }
  if (m.has("expect_resp")) s.expect_resp = to_resp(ctx, m.optional("expect_resp"), "expect_resp");
  s.wait = read_wait(ctx, m);
  if (m.has("save")) {
    s.save = to_name(ctx, m.optional("save"), "save name");
    if (!s.wait) fail(ctx, m.optional("save"), "save needs the read to complete: it cannot say wait: false");
    new_saved_name(ctx, m.optional("save"), s.save, s.size);
  }
  return s;
}

AxiStep read_axi(Context& ctx, const YAML::Node& node, axi4::Dir dir) {
  const bool write = dir == axi4::Dir::Write;
  const std::string kind = write ? "axi_write" : "axi_read";
  MapReader m = write ? MapReader(ctx, node, kind,
                                  {"port", "addr", "id", "len", "size", "burst", "data", "strb", "expect_resp", "illegal",
                                   "expect_violation", "wait"})
                      : MapReader(ctx, node, kind,
                                  {"port", "addr", "id", "len", "size", "burst", "expect", "save", "expect_resp", "illegal",
                                   "expect_violation", "wait"});
  AxiStep s;
  s.port = read_port(ctx, m);
  s.dir = dir;
  s.addr = read_addr(ctx, m.required("addr"));
  // Format 1.0: the Sail card's 4-bit IDs; 1.1: up to 32 bits, checked against the port's width before the run.
  const uint64_t max_id = ctx.format_minor == 0 ? (1u << axi4::kIdWidth) - 1 : 0xFFFF'FFFFull;
  if (m.has("id")) s.id = static_cast<uint32_t>(to_u64(ctx, m.optional("id"), "id", 0, max_id));
  if (m.has("len")) s.len = static_cast<uint8_t>(to_u64(ctx, m.optional("len"), "len (AxLEN)", 0, 255));
  if (m.has("size")) {
    const YAML::Node sz = m.optional("size");
    const uint64_t bytes = to_u64(ctx, sz, "size (bytes per beat)", 1, 128);
    if (!std::has_single_bit(bytes)) fail(ctx, sz, "bad size " + std::to_string(bytes) + ": expected 1, 2, 4, 8, 16 or 32 bytes per beat");
    s.size = static_cast<uint8_t>(std::countr_zero(bytes));
  }
  if (m.has("burst")) {
    const YAML::Node b = m.optional("burst");
    s.burst = axi4::parse_burst(to_enum(ctx, b, "burst", {"FIXED", "INCR", "WRAP", "RESERVED"})).value();
  }
  if (m.has("illegal")) s.illegal = to_bool(ctx, m.optional("illegal"), "illegal");
  if (m.has("expect_violation")) {
    const YAML::Node v = m.optional("expect_violation");
    const std::string rule = to_string(ctx, v, "expect_violation");
    if (!axi4::parse_rule(rule)) {
      std::string names;
      for (const auto& info : axi4::kRules) names += (names.empty() ? "" : ", ") + std::string(info.name);
      fail(ctx, v, "bad rule name '" + rule + "' for expect_violation: expected one of " + names);
    }
    s.expect_violation = rule;
  }
  if (s.illegal && s.expect_violation.empty()) {
    fail(ctx, node, kind + " with illegal: true must also say expect_violation: RULE_NAME");
  }
  // Refused here, at the burst: value; the rule check below would only name the step.
  if (s.burst == axi4::Burst::Reserved && !s.illegal) {
    fail(ctx, m.optional("burst"), "burst RESERVED is AxBURST code 3, which AXI4 reserves: it is only allowed with "
                                   "illegal: true (and expect_violation: BURST_RESERVED)");
  }
  if (m.has("expect_resp")) s.expect_resp = to_resp(ctx, m.optional("expect_resp"), "expect_resp");
  s.wait = read_wait(ctx, m);

  const axi4::BurstShape shape{s.addr, s.len, s.size, s.burst};
  if (shape.size > axi4::kSizeFull && !s.illegal) {
    fail(ctx, m.optional("size"), "size " + std::to_string(1u << s.size) + " is wider than the 32-byte bus (SIZE_TOO_WIDE); say illegal: true to drive it");
  }
  const uint64_t carried = axi4::selected_bytes(shape);
  const char* data_key = write ? "data" : "expect";
  if (write || m.has("expect")) {
    const YAML::Node dn = write ? m.required("data") : m.optional("expect");
    s.data = read_data(ctx, dn, kind + " " + data_key);
    if (s.data->size != carried) {
      fail(ctx, dn, kind + " " + data_key + " holds " + std::to_string(s.data->size) + " bytes: the transaction carries " +
                        std::to_string(carried) + " (" + std::to_string(shape.beats()) + " beats of the lanes each beat's address and size select)");
    }
  }
  if (write && m.has("strb")) {
    const YAML::Node sn = m.optional("strb");
    if (sn.IsScalar()) {
      to_enum(ctx, sn, "strb", {"all"});
    } else if (sn.IsSequence()) {
      if (sn.size() != shape.beats()) {
        fail(ctx, sn, "strb lists " + std::to_string(sn.size()) + " masks: expected one per beat (" + std::to_string(shape.beats()) + ")");
      }
      for (const YAML::Node& e : sn) s.strb.push_back(static_cast<uint32_t>(to_u64(ctx, e, "strb mask", 0, 0xFFFF'FFFFull)));
    } else {
      fail(ctx, sn, "expected all, or a list of one 32-bit lane mask per beat, for strb");
    }
  }
  // Legality, with the bytes' length only: the data may come from a read at run time.
  axi4::Transaction txn;
  if (write) {
    try {
      txn = axi4::make_write(shape, Bytes(carried, 0), s.id, s.strb);
    } catch (const std::invalid_argument& e) {
      fail(ctx, node, kind + ": " + e.what());
    }
  } else {
    txn = axi4::make_read(shape, s.id);
  }
  std::string detail;
  if (const auto rule = axi4::transaction_rule(txn, &detail); rule && !s.illegal) {
    fail(ctx, node, kind + " breaks the AXI4 rule " + std::string(axi4::rule_name(*rule)) + " (" + detail +
                        "): say illegal: true and expect_violation: " + std::string(axi4::rule_name(*rule)) + " to drive it");
  }
  if (!write && m.has("save")) {
    s.save = to_name(ctx, m.optional("save"), "save name");
    if (!s.wait) fail(ctx, m.optional("save"), "save needs the read to complete: it cannot say wait: false");
    new_saved_name(ctx, m.optional("save"), s.save, carried);
  }
  return s;
}

WaitStep read_wait_step(const Context& ctx, const YAML::Node& node) {
  MapReader m(ctx, node, "wait", {"until", "timeout_cycles"});
  WaitStep s;
  s.until = to_enum(ctx, m.required("until"), "until", {"engine_idle", "irq"}) == "irq" ? WaitUntil::Irq : WaitUntil::EngineIdle;
  if (m.has("timeout_cycles")) s.timeout_cycles = to_u64(ctx, m.optional("timeout_cycles"), "timeout_cycles", 1, uint64_t{1} << 40);
  return s;
}

PollStep read_poll_step(const Context& ctx, const YAML::Node& node) {
  MapReader m(ctx, node, "poll", {"port", "addr", "mask", "equals", "interval_cycles", "timeout_cycles"});
  PollStep s;
  s.port = read_port(ctx, m);
  const YAML::Node an = m.required("addr");
  s.addr = to_u64(ctx, an, "addr");
  if (s.addr % 4 != 0) fail(ctx, an, "poll addr " + std::to_string(s.addr) + " is not 4-byte aligned (a 32-bit register)");
  if (m.has("mask")) s.mask = static_cast<uint32_t>(to_u64(ctx, m.optional("mask"), "mask", 0, 0xFFFF'FFFFull));
  s.equals = static_cast<uint32_t>(to_u64(ctx, m.required("equals"), "equals", 0, 0xFFFF'FFFFull));
  if ((s.equals & ~s.mask) != 0) fail(ctx, m.required("equals"), "equals has bits outside mask: the poll could never end");
  if (m.has("interval_cycles"))
    s.interval_cycles = to_u64(ctx, m.optional("interval_cycles"), "interval_cycles", 0, uint64_t{1} << 32);
  if (m.has("timeout_cycles")) s.timeout_cycles = to_u64(ctx, m.optional("timeout_cycles"), "timeout_cycles", 1, uint64_t{1} << 40);
  return s;
}

MatmulCheck read_matmul(Context& ctx, const YAML::Node& node) {
  MapReader m(ctx, node, "ggml_matmul", {"a", "b", "m", "k", "n", "order"});
  MatmulCheck c;
  c.m = static_cast<uint32_t>(to_u64(ctx, m.required("m"), "m", 1, 1u << 16));
  const YAML::Node kn = m.required("k");
  c.k = static_cast<uint32_t>(to_u64(ctx, kn, "k", 256, 1u << 22));
  if (c.k % 256 != 0) fail(ctx, kn, "k " + std::to_string(c.k) + " is not a multiple of 256");
  c.n = static_cast<uint32_t>(to_u64(ctx, m.required("n"), "n", 1, 1u << 16));
  if (m.has("order")) c.order = to_enum(ctx, m.optional("order"), "order", {"generic", "fused", "simd"});
  auto operand = [&](const char* key, uint64_t rows, uint64_t block) {
    const YAML::Node dn = m.required(key);
    DataRef ref = read_data(ctx, dn, std::string("ggml_matmul ") + key);
    if (!ref.saved.empty()) fail(ctx, dn, std::string("ggml_matmul ") + key + " must be known at load time, not saved by a read");
    const uint64_t want = rows * (c.k / 256) * block;
    if (ref.size != want) {
      fail(ctx, dn, std::string("ggml_matmul ") + key + " holds " + std::to_string(ref.size) + " bytes: expected " +
                        std::to_string(want) + " (" + std::to_string(rows) + " rows of k/256 blocks of " + std::to_string(block) + " bytes)");
    }
    return std::move(ref.bytes);
  };
  c.a = operand("a", c.m, 144);
  c.b = operand("b", c.n, 292);
  return c;
}

CheckStep read_check(Context& ctx, const YAML::Node& node) {
  MapReader m(ctx, node, "check", {"port", "addr", "equals", "ggml_matmul"});
  CheckStep s;
  s.port = read_port(ctx, m);
  s.addr = read_addr(ctx, m.required("addr"));
  if (m.has("equals") == m.has("ggml_matmul")) fail(ctx, node, "check takes exactly one of equals, ggml_matmul");
  if (m.has("equals")) {
    s.equals = read_data(ctx, m.optional("equals"), "check equals");
    check_extent(ctx, node, s.addr, s.equals->size);
  } else {
    s.matmul = read_matmul(ctx, m.optional("ggml_matmul"));
    check_extent(ctx, node, s.addr, uint64_t{s.matmul->m} * s.matmul->n * 4);
  }
  return s;
}

std::pair<uint64_t, uint64_t> read_range(const Context& ctx, const YAML::Node& node, const std::string& what) {
  if (!node.IsSequence() || node.size() != 2) fail(ctx, node, "expected [first, last] for " + what);
  const uint64_t first = to_u64(ctx, node[0], what + " first", 0, kSpace - 1);
  const uint64_t last = to_u64(ctx, node[1], what + " last", 0, kSpace - 1);
  if (last < first) fail(ctx, node, what + ": last is below first");
  return {first, last};
}

LogEntry read_entry(const Context& ctx, const YAML::Node& node) {
  MapReader m(ctx, node, "expect_log sequence entry", {"dir", "addr", "bytes", "addr_range", "beats", "id", "burst", "resp"});
  LogEntry e;
  e.where = where(node);
  e.dir = *axi4::parse_dir(to_enum(ctx, m.required("dir"), "dir", {"read", "write"}));
  if (m.has("addr_range")) {
    if (m.has("addr") || m.has("bytes")) fail(ctx, node, "an entry has either addr and bytes, or addr_range");
    e.has_range = true;
    std::tie(e.range_first, e.range_last) = read_range(ctx, m.optional("addr_range"), "addr_range");
  } else {
    e.addr = read_addr(ctx, m.required("addr"));
    e.bytes = to_u64(ctx, m.required("bytes"), "bytes", 1, kSpace);
    check_extent(ctx, node, e.addr, e.bytes);
  }
  if (m.has("beats")) e.beats = static_cast<unsigned>(to_u64(ctx, m.optional("beats"), "beats", 1, 256));
  if (m.has("id")) e.id = static_cast<uint32_t>(to_u64(ctx, m.optional("id"), "id", 0, 0xFFFF'FFFFull));
  if (m.has("burst")) e.burst = axi4::parse_burst(to_enum(ctx, m.optional("burst"), "burst", {"FIXED", "INCR", "WRAP"})).value();
  if (m.has("resp")) e.resp = to_resp(ctx, m.optional("resp"), "resp");
  return e;
}

ExpectLogStep read_expect_log(const Context& ctx, const YAML::Node& node) {
  MapReader m(ctx, node, "expect_log", {"port", "since", "master", "dir", "sequence", "count"});
  ExpectLogStep s;
  // Format 1.0 knows the Sail card's two ports; 1.1 any port (checked against the target).
  if (m.has("port")) {
    s.port = ctx.format_minor == 0 ? to_enum(ctx, m.optional("port"), "port", {"ddr", "host"}) : read_port(ctx, m);
  }
  if (m.has("since")) s.since_start = to_enum(ctx, m.optional("since"), "since", {"last", "start"}) == "start";
  if (m.has("master")) s.master = to_enum(ctx, m.optional("master"), "master", {"host", "engine"});
  if (m.has("dir")) s.dir = *axi4::parse_dir(to_enum(ctx, m.optional("dir"), "dir", {"read", "write"}));
  if (!m.has("sequence") && !m.has("count")) fail(ctx, node, "expect_log needs sequence or count");
  if (m.has("sequence")) {
    const YAML::Node seq = m.optional("sequence");
    if (!seq.IsSequence()) fail(ctx, seq, "expected a list of entries for sequence");
    s.sequence.emplace();
    for (const YAML::Node& e : seq) s.sequence->push_back(read_entry(ctx, e));
  }
  if (m.has("count")) {
    MapReader c(ctx, m.optional("count"), "count", {"min", "max"});
    if (!c.has("min") && !c.has("max")) fail(ctx, c.node(), "count needs min or max");
    if (c.has("min")) s.count_min = to_u64(ctx, c.optional("min"), "min");
    if (c.has("max")) s.count_max = to_u64(ctx, c.optional("max"), "max");
    if (s.count_min && s.count_max && *s.count_max < *s.count_min) fail(ctx, c.node(), "count: max is below min");
  }
  return s;
}

SnapshotStep read_snapshot(const Context& ctx, const YAML::Node& node) {
  MapReader m(ctx, node, "snapshot", {"port", "file", "range"});
  SnapshotStep s;
  s.port = read_port(ctx, m);
  const YAML::Node fn = m.required("file");
  const std::string rel = to_string(ctx, fn, "file");
  if (rel.empty()) fail(ctx, fn, "expected a file name for snapshot file");
  s.file = rel;  // as written: the runner resolves a relative one against the output folder
  if (m.has("range")) {
    s.has_range = true;
    std::tie(s.first, s.last) = read_range(ctx, m.optional("range"), "range");
    if (s.last - s.first >= kMaxTransfer) fail(ctx, m.optional("range"), "range is over 64 MiB");
  }
  return s;
}

}  // namespace

std::string read_port(const Context& ctx, const MapReader& m) {
  if (!m.has("port")) return "";
  const YAML::Node node = m.optional("port");
  if (ctx.format_minor == 0) {
    fail(ctx, node, m.what() + " port: is format 1.1 (ports named by steps): write sailsim: 1.1 at the top of the file");
  }
  return to_name(ctx, node, "port");
}

Step read_step(Context& ctx, const YAML::Node& node) {
  static const std::vector<std::string> kinds = {"write", "read", "axi_write", "axi_read", "ioctl", "idle",
                                                 "wait", "poll", "check", "expect_log", "snapshot"};
  std::string list;
  for (const std::string& k : kinds) list += (list.empty() ? "" : ", ") + k;
  if (!node.IsMap()) fail(ctx, node, "expected a step: a map with one key, its kind (" + list + ")");
  if (node.size() != 1) fail(ctx, node, "a step has exactly one key, its kind (" + list + "); this one has " + std::to_string(node.size()));
  const YAML::Node key = node.begin()->first;
  const YAML::Node body = node.begin()->second;
  if (!key.IsScalar()) fail(ctx, key, "expected a step kind");
  Step step;
  step.kind = key.Scalar();
  step.where = where(key);
  if (step.kind == "write") step.body = read_write(ctx, body);
  else if (step.kind == "read") step.body = read_read(ctx, body);
  else if (step.kind == "axi_write") step.body = read_axi(ctx, body, axi4::Dir::Write);
  else if (step.kind == "axi_read") step.body = read_axi(ctx, body, axi4::Dir::Read);
  else if (step.kind == "ioctl") step.body = read_ioctl(ctx, body);
  else if (step.kind == "idle") {
    MapReader m(ctx, body, "idle", {"cycles"});
    step.body = IdleStep{to_u64(ctx, m.required("cycles"), "cycles", 0, uint64_t{1} << 40)};
  } else if (step.kind == "wait") step.body = read_wait_step(ctx, body);
  else if (step.kind == "poll") step.body = read_poll_step(ctx, body);
  else if (step.kind == "check") step.body = read_check(ctx, body);
  else if (step.kind == "expect_log") step.body = read_expect_log(ctx, body);
  else if (step.kind == "snapshot") step.body = read_snapshot(ctx, body);
  else fail(ctx, key, "unknown step kind '" + step.kind + "': expected one of " + list);
  return step;
}

}  // namespace sailsim::replay::detail
