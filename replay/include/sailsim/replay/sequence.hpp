// The sequence model: a YAML sequence (docs/replay.md, format v1 of sequence-format.md) as
// the loader reads it. Every byte a step carries is resolved at load time (files read,
// random data generated, GGML blocks quantized), except data saved by an earlier read at run
// time (`save: NAME`), which a DataRef names and the runner resolves.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sailsim/axi4/memory_port.hpp"
#include "sailsim/axi4/params.hpp"
#include "sailsim/axi4/random.hpp"
#include "sailsim/axi4/transaction.hpp"

namespace sailsim::replay {

using Bytes = std::vector<uint8_t>;

// Where a step is in its file (1-based), for run-time reports.
struct Where {
  int line = 0;
  int column = 0;
};

// config.memory.ports (format 1.1): one memory port's settings, those of config.memory unless
// the entry says otherwise.
struct PortMemory {
  std::string port{};
  Where where{};
  axi4::Latency read_latency = axi4::Latency::fixed(20);
  axi4::Latency write_latency = axi4::Latency::fixed(10);
  double ready = 1.0;
  bool reorder = false;
  std::vector<axi4::ErrorRange> errors{};
};

struct Config {
  uint64_t seed = 1;
  uint64_t timeout_cycles = 10'000'000;
  axi4::Latency read_latency = axi4::Latency::fixed(20);
  axi4::Latency write_latency = axi4::Latency::fixed(10);
  double ready = 1.0;
  bool reorder = false;
  std::vector<axi4::ErrorRange> errors{};
  std::vector<PortMemory> port_memory{};  // config.memory.ports, in file order
  double host_ready = 1.0;
  // Project addition, config.driver: shim opens the card through the driver shim even
  // without ioctl steps (its open-time register reads come before the first step), as a
  // recording of a sequence with ioctl steps needs.
  bool driver_shim = false;
};

// Bytes a step carries: known at load time, or (saved != "") the bytes an earlier read saved
// under that name, [offset, offset + size).
struct DataRef {
  Bytes bytes{};
  std::string saved{};
  uint64_t offset = 0;
  uint64_t size = 0;  // always known: the length of the data
};

// A step's `port:` (format 1.1): the port's name, or empty for the target's only (first) one.

struct WriteStep {
  std::string port{};  // a host (RTL slave) port
  uint64_t addr = 0;
  DataRef data{};
  axi4::Resp expect_resp = axi4::Resp::Okay;
  bool wait = true;
};

struct ReadStep {
  std::string port{};
  uint64_t addr = 0;
  uint64_t size = 0;
  std::optional<DataRef> expect{};
  std::string save{};
  axi4::Resp expect_resp = axi4::Resp::Okay;
  bool wait = true;
};

// One AXI4 transaction exactly as written (axi_write / axi_read).
struct AxiStep {
  std::string port{};
  axi4::Dir dir = axi4::Dir::Read;
  uint64_t addr = 0;
  uint32_t id = 0;
  uint8_t len = 0;
  uint8_t size = 5;  // AxSIZE (log2 of the bytes per beat)
  axi4::Burst burst = axi4::Burst::Incr;
  std::optional<DataRef> data{};  // write: the compact bytes; read: the expected compact bytes
  std::vector<uint32_t> strb{};   // empty: every selected lane
  axi4::Resp expect_resp = axi4::Resp::Okay;
  bool illegal = false;
  std::string expect_violation{};  // a rule name, or empty
  std::string save{};              // reads: keep the data under this name
  bool wait = true;
};

// A driver call through the shim. `fields` are the UAPI struct's input fields by their
// spanker_ioctl.h names; `expect` its output fields.
struct IoctlStep {
  std::string cmd{};                       // PING, GET_VERSION, WORK_SUBMIT, ...
  std::map<std::string, uint64_t> fields{};
  std::optional<DataRef> data{};           // MEM_WRITE: the bytes (host); WORK_SUBMIT: b_f32 floats
  std::optional<DataRef> expect_data{};    // MEM_READ: the bytes expected
  std::string save{};                      // MEM_READ: keep the bytes under this name
  std::string as{};                        // WORK_SUBMIT: name the job
  std::string job{};                       // WAIT: the job named by `as`
  std::map<std::string, uint64_t> expect{};
  int expect_errno = 0;                    // a positive errno value, 0 for success
  std::string expect_errno_name{};         // as written
};

struct IdleStep {
  uint64_t cycles = 0;
};

enum class WaitUntil : uint8_t { EngineIdle, Irq };
struct WaitStep {
  WaitUntil until = WaitUntil::Irq;
  std::optional<uint64_t> timeout_cycles{};
};

// poll: reads the 32-bit register at addr over the host port (a real bus read each time,
// interval_cycles apart) until (value & mask) == equals; a timeout is exit code 3.
struct PollStep {
  std::string port{};
  uint64_t addr = 0;
  uint32_t mask = 0xFFFF'FFFF;
  uint32_t equals = 0;
  uint64_t interval_cycles = 16;
  std::optional<uint64_t> timeout_cycles{};
};

struct MatmulCheck {
  Bytes a{};
  Bytes b{};
  uint32_t m = 0, k = 0, n = 0;
  std::string order = "generic";
};

struct CheckStep {
  std::string port{};  // a memory (RTL master) port
  uint64_t addr = 0;
  std::optional<DataRef> equals{};
  std::optional<MatmulCheck> matmul{};
};

struct LogEntry {
  axi4::Dir dir = axi4::Dir::Read;
  bool has_range = false;
  uint64_t addr = 0, bytes = 0;          // addr + bytes
  uint64_t range_first = 0, range_last = 0;  // addr_range (inclusive)
  std::optional<unsigned> beats{};
  std::optional<uint32_t> id{};
  std::optional<axi4::Burst> burst{};
  std::optional<axi4::Resp> resp{};
  Where where{};
};

struct ExpectLogStep {
  // Any port; empty: the memory port (ddr on the Sail card). Format 1.0 allows ddr and host.
  std::string port{};
  bool since_start = false;
  std::optional<std::string> master{};  // host or engine
  std::optional<axi4::Dir> dir{};
  std::optional<std::vector<LogEntry>> sequence{};
  std::optional<uint64_t> count_min{}, count_max{};
};

struct SnapshotStep {
  std::string port{};  // a memory (RTL master) port
  std::filesystem::path file{};
  bool has_range = false;
  uint64_t first = 0, last = 0;
};

using StepBody = std::variant<WriteStep, ReadStep, AxiStep, IoctlStep, IdleStep, WaitStep, PollStep, CheckStep, ExpectLogStep,
                              SnapshotStep>;

struct Step {
  std::string kind{};  // the step's key, e.g. "axi_write"
  Where where{};
  StepBody body{};
};

struct Sequence {
  std::filesystem::path file{};
  std::string name{};
  std::string description{};
  std::vector<std::string> tags{};
  Config config{};
  std::vector<Step> steps{};
  unsigned format_minor = 0;  // sailsim: 1 or 1.1
  bool has_ioctl = false;
  // Whether it runs through the driver shim: ioctl steps, or config.driver: shim.
  bool uses_shim() const { return has_ioctl || config.driver_shim; }
};

}  // namespace sailsim::replay
