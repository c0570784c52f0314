// The runner: a fresh card per sequence, steps in order, checks, logs, watchdog, checkers.
#include "sailsim/replay/runner.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <map>
#include <sstream>

#include <gtkwave/fstapi.h>

#include "run_detail.hpp"
#include "sailsim/axi4/burst.hpp"
#include "sailsim/axi4/memory.hpp"
#include "sailsim/fcov/sample.hpp"
#include "sailsim/replay/output_file.hpp"
#include "sailsim/replay/target.hpp"
#include "sailsim/tb/hang_error.hpp"
#include "sailsim/tb/kernel.hpp"
#include "spanker_ioctl.h"

namespace sailsim::replay {

int worst(int a, int b) {
  auto rank = [](int c) {
    switch (c) {
      case kBadInput: return 4;
      case kViolation: return 3;
      case kTimeout: return 2;
      case kCheckFailed: return 1;
      default: return 0;
    }
  };
  return rank(a) >= rank(b) ? a : b;
}

const char* outcome_name(int code) {
  switch (code) {
    case kPass: return "PASS";
    case kCheckFailed: return "FAIL";
    case kBadInput: return "BAD INPUT";
    case kTimeout: return "TIMEOUT";
    case kViolation: return "VIOLATION";
  }
  return "?";
}

namespace {

// Ends the sequence early (timeout, protocol violation).
struct Stop {
  int code;
};

std::string hex(uint64_t v) {
  std::ostringstream os;
  os << "0x" << std::hex << v;
  return os.str();
}

std::string errno_name(int e) {
  switch (e) {
    case 0: return "0 (success)";
    case ENOTTY: return "ENOTTY";
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case ENOMEM: return "ENOMEM";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EIO: return "EIO";
    case EBUSY: return "EBUSY";
    case ENODEV: return "ENODEV";
  }
  return "errno " + std::to_string(e);
}

// The first cycle each AW / AR VALID of the host port went high, for --record.
class ValidWatch final : public axi4::Component {
 public:
  explicit ValidWatch(const axi4::AxiPins& pins) : pins_(pins) {}
  void drive() override {}
  void sample(const axi4::Tick& tick) override {
    if (tick.reset) {
      aw_open_ = ar_open_ = false;
      return;
    }
    if (pins_.awvalid && !aw_open_) starts.push_back({axi4::Dir::Write, tick.cycle});
    if (pins_.arvalid && !ar_open_) starts.push_back({axi4::Dir::Read, tick.cycle});
    aw_open_ = pins_.awvalid && !pins_.awready;
    ar_open_ = pins_.arvalid && !pins_.arready;
  }
  std::vector<ValidStart> starts;

 private:
  const axi4::AxiPins& pins_;
  bool aw_open_ = false, ar_open_ = false;
};

// The deepest the command queue got (the card's queued_o), for functional coverage. The queue
// grows by at most one a cycle, so a run that reached depth d passed through 1 .. d - 1.
class QueueWatch final : public axi4::Component {
 public:
  explicit QueueWatch(card::SailCard& card) : card_(card) {}
  void drive() override {}
  void sample(const axi4::Tick& tick) override {
    if (!tick.reset) deepest = std::max(deepest, card_.queued());
  }
  unsigned deepest = 0;

 private:
  card::SailCard& card_;
};

fcov::Timing timing_of(const Config& c) {
  fcov::Timing t;
  t.read_latency_range = c.read_latency.min != c.read_latency.max;
  t.write_latency_range = c.write_latency.min != c.write_latency.max;
  t.ddr_ready_random = c.ready < 1.0;
  t.reorder = c.reorder;
  t.host_ready_random = c.host_ready < 1.0;
  t.ddr_errors = !c.errors.empty();
  return t;
}

}  // namespace

int random_initial_seed_of(uint64_t seed) {
  return static_cast<int>((seed ^ (seed >> 32)) % 0x7fffffffULL) + 1;
}

namespace {

TargetConfig target_config(const Config& c, const RunOptions& options) {
  TargetConfig config;
  card::CardConfig& cc = config.card;
  cc.memory.seed = c.seed;
  cc.memory.read_latency = c.read_latency;
  cc.memory.write_latency = c.write_latency;
  cc.memory.ready = axi4::ReadyChance::all(c.ready);
  cc.memory.reorder = c.reorder;
  cc.memory.errors = c.errors;
  uint64_t slowest = std::max(c.read_latency.max, c.write_latency.max);
  for (const PortMemory& pm : c.port_memory) {
    axi4::MemoryPortConfig m = cc.memory;
    m.read_latency = pm.read_latency;
    m.write_latency = pm.write_latency;
    m.ready = axi4::ReadyChance::all(pm.ready);
    m.reorder = pm.reorder;
    m.errors = pm.errors;
    config.memory_ports.emplace_back(pm.port, std::move(m));
    slowest = std::max({slowest, uint64_t{pm.read_latency.max}, uint64_t{pm.write_latency.max}});
  }
  cc.simulation.watchdog_cycles = std::max<uint64_t>(10'000, 4 * slowest + 1'000);
  cc.simulation.fst_path = options.fst_path;
  cc.simulation.log_capacity = size_t{1} << 16;
  if (options.random_initial_state) cc.simulation.random_initial_seed = random_initial_seed_of(c.seed);
  cc.host.seed = c.seed * 31 + 7;
  cc.host.bready = c.host_ready;
  cc.host.rready = c.host_ready;
  return config;
}

class Runner {
 public:
  Runner(const Sequence& seq, const RunOptions& options) : seq_(seq), options_(options) {}

  RunResult run() {
    RunResult result;
    if (seq_.uses_shim() && !options_.target && !shim_available()) {
      result.code = kBadInput;
      result.report = seq_.file.string() + ": ioctl steps (and config.driver: shim) need the driver shim (sailsim::shim_core), which this build lacks; nothing was simulated\n";
      return result;
    }
    try {
      const TargetConfig config = target_config(seq_.config, options_);
      target_ = options_.target ? options_.target(config) : make_target(config, seq_.uses_shim());
    } catch (const std::exception& e) {
      // The card could not even start: an FST file that cannot be opened, a bad setting.
      fail_at("at the start", kBadInput, std::string(e.what()) + "; nothing was simulated");
      result.code = code_;
      result.report = report_.str();
      return result;
    }
    card_ = target_->card();
    kernel_ = &target_->kernel();
    if (const std::string problems = target_problems(); !problems.empty()) {
      code_ = kBadInput;
      report_ << problems;
      result.code = code_;
      result.report = report_.str();
      result.start_cycle = result.cycles = kernel_->cycle();
      return result;
    }
    result.start_cycle = kernel_->cycle();
    const Target::HostSide* first_host = target_->hosts().empty() ? nullptr : &target_->hosts().front();
    const Target::MemorySide* first_memory = target_->memories().empty() ? nullptr : &target_->memories().front();
    if (first_host) result.first_host_record = first_host->port->log.total();
    if (options_.record && first_host) {
      watch_ = std::make_unique<ValidWatch>(first_host->port->pins);
      kernel_->add(*watch_);
    }
    if (options_.functional_coverage && card_) {
      queue_watch_ = std::make_unique<QueueWatch>(*card_);
      kernel_->add(*queue_watch_);
    }
    try {
      try {
        for (step_index_ = 0; step_index_ < seq_.steps.size(); ++step_index_) {
          step_ = &seq_.steps[step_index_];
          run_step(*step_);
          result.steps_run = step_index_ + 1;
        }
        step_ = nullptr;
        settle_host("the end of the sequence");
        check_violations();
        while (!expected_.empty()) end_expectation(expected_.begin()->first);
      } catch (const tb::HangError& e) {
        fail(kTimeout, "the watchdog fired (no handshake for " + std::to_string(e.stalled_cycles()) + " cycles at cycle " +
                           std::to_string(e.cycle()) + ")\n" + e.report());
        throw Stop{kTimeout};
      }
    } catch (const Stop&) {
    } catch (const std::exception& e) {
      fail(kCheckFailed, std::string("error: ") + e.what());
    }
    result.code = code_;
    result.report = report_.str();
    result.cycles = kernel_->cycle();
    if (first_memory) result.ddr_beats = first_memory->model->beats();
    if (first_host) result.host_log = first_host->port->log.since(0);
    if (first_memory) result.ddr_log = first_memory->port->log.since(0);
    if (watch_) result.host_valid_starts = watch_->starts;
    if (options_.functional_coverage) {
      fcov::sample_host(fcov_, result.host_log);
      fcov::sample_ddr(fcov_, result.ddr_log);
      if (queue_watch_) {
        for (unsigned d = 1; d <= queue_watch_->deepest; ++d) fcov::sample_queue_depth(fcov_, d);
      }
      fcov::sample_timing(fcov_, timing_of(seq_.config));
      result.fcov = fcov_;
    }
    return result;
  }

 private:
  struct Pending {
    axi4::Handle handle;
    std::string label;  // where the step is
    axi4::Resp resp = axi4::Resp::Okay;
    bool per_beat = false;
    uint64_t addr = 0;
    std::optional<Bytes> expect{};
  };

  std::string where(const Step* step) const {
    if (!step) return "at the end";
    std::ostringstream os;
    os << "step " << (step - seq_.steps.data()) + 1 << " (" << step->kind << ", " << seq_.file.string() << ":"
       << step->where.line << ":" << step->where.column << ")";
    return os.str();
  }

  void fail(int code, const std::string& message) { fail_at(where(step_), code, message); }
  void fail_at(const std::string& label, int code, const std::string& message) {
    code_ = worst(code_, code);
    report_ << outcome_name(code) << " " << label << ": " << message;
    if (message.empty() || message.back() != '\n') report_ << "\n";
  }

  uint64_t budget() const {
    const uint64_t now = kernel_->cycle();
    return seq_.config.timeout_cycles > now ? seq_.config.timeout_cycles - now : 0;
  }

  [[noreturn]] void timeout(const std::string& what) {
    fail(kTimeout, what + "\n" + kernel_->report());
    throw Stop{kTimeout};
  }

  void run_for(uint64_t cycles) {
    const uint64_t n = std::min(cycles, budget());
    kernel_->run(n);
    if (n < cycles) timeout("the sequence's timeout_cycles (" + std::to_string(seq_.config.timeout_cycles) + ") ran out");
  }

  // Runs until done() or max cycles; false on max. The sequence's timeout stops it.
  bool run_until(const std::function<bool()>& done, uint64_t max) {
    const uint64_t n = std::min(max, budget());
    if (kernel_->run_until(done, n)) return true;
    if (n < max) timeout("the sequence's timeout_cycles (" + std::to_string(seq_.config.timeout_cycles) + ") ran out");
    return false;
  }

  // Runs until `host` (null: every host) is idle.
  void settle_host(const std::string& what, axi4::Host* host = nullptr) {
    const auto idle = [&] {
      if (host) return host->idle();
      return std::all_of(target_->hosts().begin(), target_->hosts().end(), [](const Target::HostSide& h) { return h.host->idle(); });
    };
    if (!run_until(idle, ~uint64_t{0})) timeout(what + ": the host port never went idle");
    check_pending();
  }

  // The host of a step's port (target_problems() has checked that it exists).
  axi4::Host& host_of(const std::string& port) {
    return *(port.empty() ? &target_->hosts().front() : target_->find_host(port))->host;
  }
  const Target::MemorySide& memory_of(const std::string& port) {
    return port.empty() ? target_->memories().front() : *target_->find_memory(port);
  }

  // What the sequence asks of the target that it does not have: ports it does not have,
  // ports left unnamed where there are several, IDs wider than a port's, steps only the Sail
  // card has. Checked before the first step: a bad sequence for this target is bad input.
  std::string target_problems() const {
    std::ostringstream os;
    const auto problem_at = [&](const std::string& label, const std::string& message) {
      os << outcome_name(kBadInput) << " " << label << ": " << message << "; no step ran\n";
    };
    const auto problem = [&](const Step* step, const std::string& message) { problem_at(where(step), message); };
    const std::string ports = "the ports of " + target_->what() + " are " + target_->port_list();
    const auto host_port = [&](const Step& step, const std::string& port) -> const Target::HostSide* {
      if (port.empty()) {
        if (target_->hosts().empty()) problem(&step, step.kind + " needs a slave port to drive, and " + ports);
        else if (target_->hosts().size() > 1) problem(&step, step.kind + " must say which slave port it drives (port: NAME): " + ports);
        else return &target_->hosts().front();
        return nullptr;
      }
      const Target::HostSide* h = target_->find_host(port);
      if (!h) problem(&step, "no slave port '" + port + "' to drive: " + ports);
      return h;
    };
    const auto memory_port = [&](const Step& step, const std::string& port) {
      if (port.empty()) {
        if (target_->memories().empty()) problem(&step, step.kind + " needs a memory (a master port), and " + ports);
        else if (target_->memories().size() > 1) problem(&step, step.kind + " must say which master port's memory it reads (port: NAME): " + ports);
      } else if (!target_->find_memory(port)) {
        problem(&step, "no master port '" + port + "' with a memory: " + ports);
      }
    };
    const auto sail_only = [&](const Step& step, const std::string& what) {
      if (!card_) problem(&step, what + " needs the Sail top, and " + target_->what() + " is another design");
    };
    for (const PortMemory& pm : seq_.config.port_memory) {
      if (!target_->find_memory(pm.port)) {
        problem_at(seq_.file.string() + ":" + std::to_string(pm.where.line) + ":" + std::to_string(pm.where.column),
                   "config.memory ports names '" + pm.port + "', which is not a master port with a memory: " + ports);
      }
    }
    if (options_.record && target_->hosts().size() > 1) {
      problem(nullptr, "--record writes one slave port's traffic, and " + target_->what() + " has " +
                           std::to_string(target_->hosts().size()) + " (" + target_->port_list() + ")");
    }
    if (!card_ && seq_.uses_shim()) problem(nullptr, "ioctl steps and config.driver: shim need the Sail card, and " + target_->what() + " is another design");
    for (const Step& step : seq_.steps) {
      std::visit([&](const auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, WriteStep> || std::is_same_v<T, ReadStep> || std::is_same_v<T, PollStep>) {
          host_port(step, body.port);
        } else if constexpr (std::is_same_v<T, AxiStep>) {
          const Target::HostSide* h = host_port(step, body.port);
          const unsigned bits = h ? h->port->wires().awid.width() : 32;
          if (h && bits < 32 && body.id >> bits != 0) {
            problem(&step, "id " + std::to_string(body.id) + " does not fit the " + std::to_string(bits) + "-bit IDs of port " + h->port->name());
          }
        } else if constexpr (std::is_same_v<T, CheckStep> || std::is_same_v<T, SnapshotStep>) {
          memory_port(step, body.port);
        } else if constexpr (std::is_same_v<T, ExpectLogStep>) {
          if (body.port.empty()) memory_port(step, body.port);
          else if (!target_->find_host(body.port) && !target_->find_memory(body.port)) {
            problem(&step, "no port '" + body.port + "' to read the log of: " + ports);
          }
          if (body.master) sail_only(step, "expect_log master: (the DDR log's host / engine field)");
        } else if constexpr (std::is_same_v<T, WaitStep>) {
          sail_only(step, std::string("wait until ") + (body.until == WaitUntil::Irq ? "irq" : "engine_idle"));
        } else {
          (void)body;  // idle asks nothing of the target; ioctl steps are reported once, above
        }
      }, step.body);
    }
    return os.str();
  }

  void check_pending() {
    for (auto it = pending_.begin(); it != pending_.end();) {
      const Pending& p = *it;
      if (!p.handle->done) {
        ++it;
        continue;
      }
      const auto& resps = p.per_beat ? p.handle->beat_resps : p.handle->burst_resps;
      for (size_t i = 0; i < resps.size(); ++i) {
        if (resps[i] != p.resp) {
          fail_at(p.label, kCheckFailed,
                  std::string(p.per_beat ? "beat " : "burst ") + std::to_string(i) + " answered " +
                      std::string(axi4::to_string(resps[i])) + ", expected " + std::string(axi4::to_string(p.resp)));
          break;
        }
      }
      if (p.expect) {
        const std::string diff = detail::compare_bytes(p.addr, *p.expect, p.handle->data);
        if (!diff.empty()) fail_at(p.label, kCheckFailed, "read data differs from expect\n" + diff);
      }
      it = pending_.erase(it);
    }
  }

  // Violations of a rule an illegal step expects are accepted (and remembered as seen);
  // any other ends the sequence with exit code 4.
  void check_violations() {
    if (kernel_->checkers_clean()) return;
    std::vector<axi4::Violation> unexpected;
    for (tb::Port* port : kernel_->ports()) {
      for (const auto& v : port->checker.violations()) {
        const auto it = expected_.find(v.rule);
        if (it != expected_.end()) {
          if (!it->second.seen) fcov::sample_violation(fcov_, v.rule);
          it->second.seen = true;
        } else {
          unexpected.push_back(v);
        }
      }
    }
    if (unexpected.empty()) {
      for (tb::Port* port : kernel_->ports()) port->checker.clear_violations();
      return;
    }
    std::ostringstream os;
    os << "AXI4 protocol violation " << axi4::to_string(unexpected.front()) << "\n" << kernel_->checker_report();
    fail(kViolation, os.str());
    throw Stop{kViolation};
  }

  // The expectation of an illegal step ends: it must have been seen.
  void end_expectation(const std::string& rule) {
    const auto it = expected_.find(rule);
    if (it == expected_.end()) return;
    if (!it->second.seen) {
      fail_at(it->second.label, kCheckFailed, "expected the protocol violation " + rule + ", and the checkers saw none");
    }
    expected_.erase(it);
  }

  Bytes resolve(const DataRef& ref) {
    if (ref.saved.empty()) return ref.bytes;
    const auto it = saved_.find(ref.saved);
    if (it == saved_.end() || it->second.size() < ref.offset + ref.size) {
      fail(kCheckFailed, "the data saved as '" + ref.saved + "' is not there (its read did not complete)");
      return Bytes(ref.size, 0);
    }
    return Bytes(it->second.begin() + static_cast<ptrdiff_t>(ref.offset),
                 it->second.begin() + static_cast<ptrdiff_t>(ref.offset + ref.size));
  }

  void run_step(const Step& step) {
    std::visit([&](const auto& body) { this->exec(body); }, step.body);
    check_pending();
    check_violations();
    const AxiStep* axi = std::get_if<AxiStep>(&step.body);
    if (axi && axi->illegal && axi->wait) end_expectation(axi->expect_violation);
  }

  void exec(const WriteStep& s) {
    const Bytes data = resolve(s.data);
    axi4::Host& host = host_of(s.port);
    pending_.push_back({host.write(s.addr, data), where(step_), s.expect_resp, false, s.addr, std::nullopt});
    if (s.wait) settle_host("write", &host);
  }

  void exec(const ReadStep& s) {
    std::optional<Bytes> expect;
    if (s.expect) expect = resolve(*s.expect);
    axi4::Host& host = host_of(s.port);
    axi4::Handle h = host.read(s.addr, s.size);
    pending_.push_back({h, where(step_), s.expect_resp, false, s.addr, expect});
    if (s.wait) settle_host("read", &host);
    if (!s.save.empty()) saved_[s.save] = h->data;
  }

  void exec(const AxiStep& s) {
    const axi4::BurstShape shape{s.addr, s.len, s.size, s.burst};
    axi4::Transaction txn;
    std::optional<Bytes> expect;
    if (s.dir == axi4::Dir::Write) {
      txn = axi4::make_write(shape, resolve(*s.data), s.id, s.strb);
    } else {
      txn = axi4::make_read(shape, s.id);
      if (s.data) expect = resolve(*s.data);
    }
    axi4::Host& host = host_of(s.port);
    axi4::Handle h = host.issue(std::move(txn), s.illegal ? axi4::Legality::AllowIllegal : axi4::Legality::Enforce);
    pending_.push_back({h, where(step_), s.expect_resp, s.dir == axi4::Dir::Read, s.addr, expect});
    if (s.illegal) {
      expected_[s.expect_violation] = Expected{where(step_), false};
      if (!s.wait) return;  // required by the end of the sequence
      // Until a checker reports a violation (the expected one, we hope), or the transaction ends.
      if (!run_until([&] { return !kernel_->checkers_clean() || host.idle(); }, ~uint64_t{0})) {
        timeout("illegal transaction");
      }
      return;
    }
    if (s.wait) settle_host(s.dir == axi4::Dir::Write ? "axi_write" : "axi_read", &host);
    if (!s.save.empty()) saved_[s.save] = h->data;
  }

  void exec(const IdleStep& s) { run_for(s.cycles); }

  void exec(const WaitStep& s) {
    const uint64_t max = s.timeout_cycles.value_or(~uint64_t{0});
    const bool irq = s.until == WaitUntil::Irq;
    const bool ok = irq ? run_until([&] { return card_->irq(); }, max)
                        : run_until([&] { return detail::engine_idle(*card_); }, max);
    if (!ok) timeout(std::string("wait until ") + (irq ? "irq" : "engine_idle") + ": not within " + std::to_string(max) + " cycles");
  }

  void exec(const PollStep& s) {
    const uint64_t max = s.timeout_cycles.value_or(~uint64_t{0});
    const uint64_t start = kernel_->cycle();
    axi4::Host& host = host_of(s.port);
    for (uint64_t reads = 1;; ++reads) {
      axi4::Handle h = host.read(s.addr, 4);
      pending_.push_back({h, where(step_), axi4::Resp::Okay, false, s.addr, std::nullopt});
      settle_host("poll", &host);
      uint32_t value = 0;
      for (size_t i = 0; i < 4 && i < h->data.size(); ++i) value |= uint32_t{h->data[i]} << (8 * i);
      if ((value & s.mask) == s.equals) return;
      if (kernel_->cycle() - start >= max) {
        timeout("poll " + hex(s.addr) + ": (value & " + hex(s.mask) + ") never equalled " + hex(s.equals) + " within " +
                std::to_string(max) + " cycles (" + std::to_string(reads) + " reads, the last " + hex(value) + ")");
      }
      run_for(s.interval_cycles);
    }
  }

  void exec(const CheckStep& s) {
    const axi4::Memory& memory = *memory_of(s.port).memory;
    if (s.equals) {
      const Bytes expected = resolve(*s.equals);
      const std::string diff = detail::compare_bytes(s.addr, expected, memory.peek(s.addr, expected.size()));
      if (!diff.empty()) fail(kCheckFailed, "memory at " + hex(s.addr) + " differs from equals\n" + diff);
    } else {
      const MatmulCheck& m = *s.matmul;
      const Bytes actual = memory.peek(s.addr, size_t{m.m} * m.n * 4);
      const std::string diff = detail::compare_matmul(s.addr, m, actual);
      if (!diff.empty()) fail(kCheckFailed, "OUT at " + hex(s.addr) + " differs from ggml_matmul\n" + diff);
    }
  }

  void exec(const ExpectLogStep& s) {
    tb::Port* port = nullptr;
    if (s.port.empty()) port = memory_of("").port;
    else if (const Target::HostSide* h = target_->find_host(s.port)) port = h->port;
    else port = target_->find_memory(s.port)->port;
    axi4::Log& log = port->log;
    uint64_t& mark = marks_[port];
    const uint64_t first = s.since_start ? 0 : mark;
    mark = log.total();
    if (log.dropped() > first) {
      fail(kCheckFailed, "the " + port->name() + " log ring dropped records this expect_log needs (" + std::to_string(log.dropped()) + " dropped)");
      return;
    }
    std::vector<axi4::TransactionRecord> selected;
    for (auto& r : log.since(first)) {
      if (s.master && r.master != (*s.master == "host" ? 0u : 1u)) continue;
      if (s.dir && r.dir != *s.dir) continue;
      selected.push_back(std::move(r));
    }
    const std::string diff = detail::match_log(s, selected);
    if (!diff.empty()) fail(kCheckFailed, "the " + port->name() + " log does not match\n" + diff);
  }

  void exec(const SnapshotStep& s) {
    const axi4::Memory& memory = *memory_of(s.port).memory;
    const axi4::Snapshot snap = s.has_range ? memory.snapshot(s.first, s.last) : memory.snapshot();
    std::ostringstream out;
    out << "# sailsim snapshot of " << seq_.name;
    if (!card_) out << ", port " << memory_of(s.port).port->name();  // the Sail card has one memory
    out << " at cycle " << kernel_->cycle() << ": {line address: 256-bit value}\n";
    if (snap.empty()) out << "{}\n";
    for (const auto& [addr, line] : snap) out << hex(addr) << ": " << axi4::line_hex(line) << "\n";
    try {
      write_output_file(output_path(s.file, options_), out.str());
    } catch (const OutputError& e) {
      fail(kBadInput, e.what());  // the output is lost; the remaining steps still run
    }
  }

  void exec(const IoctlStep& s) {
    auto f = [&](const char* k, uint64_t def = 0) {
      const auto it = s.fields.find(k);
      return it == s.fields.end() ? def : it->second;
    };
    std::map<std::string, uint64_t> out;
    int rc = 0;
    std::vector<float> floats;
    Bytes bytes;
    if (s.cmd == "PING") {
      rc = target_->ioctl(SPANKER_IOC_PING, nullptr);
    } else if (s.cmd == "GET_VERSION") {
      spanker_version v{};
      rc = target_->ioctl(SPANKER_IOC_GET_VERSION, &v);
      out = {{"major", v.major}, {"minor", v.minor}, {"patch", v.patch}, {"reserved", v.reserved}};
    } else if (s.cmd == "WORK_SUBMIT") {
      spanker_work_submit w{};
      w.a = f("a"), w.b = f("b"), w.out = f("out");
      w.m = static_cast<__u32>(f("m")), w.k = static_cast<__u32>(f("k")), w.n = static_cast<__u32>(f("n"));
      w.a_stride = static_cast<__u32>(f("a_stride")), w.b_stride = static_cast<__u32>(f("b_stride"));
      w.out_stride = static_cast<__u32>(f("out_stride")), w.flags = static_cast<__u32>(f("flags"));
      w.tag = static_cast<__u32>(f("tag"));
      if (s.data) {
        const Bytes b = resolve(*s.data);
        floats.resize((b.size() + 3) / 4);
        std::memcpy(floats.data(), b.data(), b.size());
        w.b_f32 = reinterpret_cast<uintptr_t>(floats.data());
        w.b_f32_bytes = b.size();
      }
      rc = target_->ioctl(SPANKER_IOC_WORK_SUBMIT, &w);
      if (rc == 0 && !s.as.empty()) jobs_[s.as] = w.job;
    } else if (s.cmd == "WAIT") {
      const auto it = jobs_.find(s.job);
      if (it == jobs_.end()) {
        fail(kCheckFailed, "job '" + s.job + "' was never submitted (its WORK_SUBMIT failed)");
        return;
      }
      spanker_wait w{};
      w.job = it->second;
      w.timeout_ns = f("timeout_ns");
      rc = target_->ioctl(SPANKER_IOC_WAIT, &w);
      out = {{"status", w.status}, {"tag", w.tag}, {"cycles", w.cycles}};
    } else if (s.cmd == "MEM_ALLOC") {
      spanker_mem_alloc a{f("size"), f("align"), 0};
      rc = target_->ioctl(SPANKER_IOC_MEM_ALLOC, &a);
      out = {{"addr", a.addr}};
    } else if (s.cmd == "MEM_FREE") {
      spanker_mem_free a{f("addr")};
      rc = target_->ioctl(SPANKER_IOC_MEM_FREE, &a);
    } else if (s.cmd == "MEM_WRITE") {
      bytes = resolve(*s.data);
      spanker_mem_xfer x{f("addr"), reinterpret_cast<uintptr_t>(bytes.data()), bytes.size()};
      rc = target_->ioctl(SPANKER_IOC_MEM_WRITE, &x);
    } else if (s.cmd == "MEM_READ") {
      bytes.assign(f("size"), 0);
      spanker_mem_xfer x{f("addr"), reinterpret_cast<uintptr_t>(bytes.data()), bytes.size()};
      rc = target_->ioctl(SPANKER_IOC_MEM_READ, &x);
      if (!s.save.empty()) saved_[s.save] = bytes;
    } else if (s.cmd == "MEM_COPY") {
      spanker_mem_copy c{f("dst"), f("src"), f("size")};
      rc = target_->ioctl(SPANKER_IOC_MEM_COPY, &c);
    } else if (s.cmd == "BAR_INFO") {
      spanker_bar_info b{};
      rc = target_->ioctl(SPANKER_IOC_BAR_INFO, &b);
      out = {{"ctrl_base", b.ctrl_base}, {"ctrl_size", b.ctrl_size}, {"queue_addr", b.queue_addr},
             {"ddr_base", b.ddr_base},   {"ddr_size", b.ddr_size},   {"lanes", b.lanes},
             {"queue_depth", b.queue_depth}, {"max_k", b.max_k},     {"reserved", b.reserved}};
    } else if (s.cmd == "GET_TELEMETRY") {
      spanker_telemetry t{};
      rc = target_->ioctl(SPANKER_IOC_GET_TELEMETRY, &t);
      out = {{"busy_cycles", t.busy_cycles}, {"bytes_read", t.bytes_read}, {"bytes_written", t.bytes_written},
             {"read_stall_cycles", t.read_stall_cycles}, {"jobs_done", t.jobs_done}, {"jobs_failed", t.jobs_failed},
             {"cycle", t.cycle}, {"queue_rejects", t.queue_rejects}};
    }
    const int err = rc < 0 ? -rc : 0;
    fcov::sample_ioctl(fcov_, s.cmd, err == 0 ? "0" : errno_name(err));
    if (err != s.expect_errno) {
      fail(kCheckFailed, "ioctl " + s.cmd + " returned " + errno_name(err) + ", expected " + errno_name(s.expect_errno));
      return;
    }
    if (err != 0) return;
    for (const auto& [key, want] : s.expect) {
      if (out[key] != want) {
        fail(kCheckFailed, "ioctl " + s.cmd + ": " + key + " is " + std::to_string(out[key]) + " (" + hex(out[key]) +
                               "), expected " + std::to_string(want) + " (" + hex(want) + ")");
      }
    }
    if (s.expect_data) {
      const std::string diff = detail::compare_bytes(f("addr"), resolve(*s.expect_data), bytes);
      if (!diff.empty()) fail(kCheckFailed, "MEM_READ data differs from expect\n" + diff);
    }
  }

  const Sequence& seq_;
  const RunOptions& options_;
  std::unique_ptr<ValidWatch> watch_;  // before target_: the kernel holds it until it goes
  std::unique_ptr<QueueWatch> queue_watch_;  // likewise
  fcov::Counts fcov_;  // the run's ioctl results and caught violations, as they happen
  std::unique_ptr<Target> target_;
  card::SailCard* card_ = nullptr;  // null: a design other than the Sail card
  tb::Kernel* kernel_ = nullptr;
  std::map<std::string, Bytes> saved_;
  std::map<std::string, uint64_t> jobs_;
  std::map<const tb::Port*, uint64_t> marks_;  // each log's records before the last expect_log
  std::vector<Pending> pending_;
  struct Expected {
    std::string label;
    bool seen = false;
  };
  std::map<std::string, Expected> expected_;  // rules of illegal steps, by name
  std::ostringstream report_;
  int code_ = kPass;
  const Step* step_ = nullptr;
  size_t step_index_ = 0;
};

}  // namespace

std::filesystem::path output_path(const std::filesystem::path& file, const RunOptions& options) {
  return file.is_absolute() ? file : options.output_dir / file;
}

std::vector<OutputFile> output_files(const Sequence& sequence, const RunOptions& options) {
  std::vector<OutputFile> files;
  if (!options.fst_path.empty()) files.push_back({options.fst_path, nullptr});
  for (const Step& step : sequence.steps) {
    if (const auto* s = std::get_if<SnapshotStep>(&step.body)) files.push_back({output_path(s->file, options), &step});
  }
  return files;
}

namespace {

// The FST writer drops its write errors (a full disk leaves a truncated file, and the run
// looks fine), so the closed file is read back: its header and sections must be there.
bool fst_readable(const std::string& path) {
  void* reader = fstReaderOpen(path.c_str());
  if (!reader) return false;
  fstReaderClose(reader);
  return true;
}

}  // namespace

RunResult run_sequence(const Sequence& sequence, const RunOptions& options) {
  RunResult result = Runner(sequence, options).run();  // the FST is closed with the card
  if (!options.fst_path.empty() && result.cycles > 0 && !fst_readable(options.fst_path)) {
    result.code = worst(result.code, kBadInput);
    result.report += std::string(outcome_name(kBadInput)) + " at the end: " +
                     OutputError(options.fst_path, "the FST file is incomplete (a write failed: disk full?)").what() + "\n";
  }
  return result;
}

}  // namespace sailsim::replay
