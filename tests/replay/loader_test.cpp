// The loader: every good sequence loads; every malformed kind is an InputError at the right
// line, saying what was expected.
#include <gtest/gtest.h>

#include "sailsim/replay/loader.hpp"
#include "support.hpp"

namespace sailsim::replay {
namespace {

using namespace testing;

TEST(ReplayLoader, GoodSequencesLoad) {
  for (const auto& file : find_sequences({good()})) {
    SCOPED_TRACE(file.string());
    const Sequence seq = load_sequence(file);
    EXPECT_FALSE(seq.steps.empty());
    EXPECT_FALSE(seq.name.empty());
  }
}

TEST(ReplayLoader, ReadsConfigBuffersAndSteps) {
  const Sequence seq = load_sequence(good() / "axi_bursts.yaml");
  EXPECT_EQ(seq.name, "axi_bursts");
  EXPECT_EQ(seq.tags, (std::vector<std::string>{"smoke", "axi"}));
  EXPECT_EQ(seq.config.seed, 3u);
  EXPECT_EQ(seq.config.read_latency.min, 2u);
  EXPECT_EQ(seq.config.read_latency.max, 9u);
  EXPECT_EQ(seq.config.write_latency.min, 4u);
  EXPECT_DOUBLE_EQ(seq.config.ready, 0.7);
  EXPECT_TRUE(seq.config.reorder);
  EXPECT_DOUBLE_EQ(seq.config.host_ready, 0.8);
  const auto& wrap = std::get<AxiStep>(seq.steps[3].body);
  EXPECT_EQ(wrap.burst, axi4::Burst::Wrap);
  EXPECT_EQ(wrap.addr, 0x40020u);
  EXPECT_EQ(wrap.data->size, 128u);
  const auto& strobed = std::get<AxiStep>(seq.steps[9].body);
  EXPECT_EQ(strobed.strb, (std::vector<uint32_t>{0x0000FFFF, 0xFFFF0000}));
  EXPECT_EQ(seq.steps[9].where.line, 23);
}

TEST(ReplayLoader, SeedOverrideChangesRandomBuffers) {
  const Sequence a = load_sequence(good() / "write_read.yaml");
  const Sequence b = load_sequence(good() / "write_read.yaml", 99);
  const Sequence c = load_sequence(good() / "write_read.yaml");
  EXPECT_EQ(b.config.seed, 99u);
  const auto& da = std::get<WriteStep>(a.steps[0].body).data.bytes;
  EXPECT_NE(da, std::get<WriteStep>(b.steps[0].body).data.bytes);
  EXPECT_EQ(da, std::get<WriteStep>(c.steps[0].body).data.bytes);
  EXPECT_EQ(da.size(), 300u);
}

struct Malformed {
  const char* name;
  std::string yaml;
  int line;
  const char* says;
};

const std::string kHead = "sailsim: 1\nname: bad\nbuffers:\n  R: {hex: \"00 11 22 33\"}\nsteps:\n";
// kHead ends at line 5; the first step is line 6.

std::vector<Malformed> malformed() {
  return {
      {"unknown_key", kHead + "  - write: {addr: 0x10000, data: R, bogus: 1}\n", 6, "unknown key 'bogus'"},
      {"unknown_top_key", "sailsim: 1\nname: bad\nstepz: []\nsteps:\n  - idle: {cycles: 1}\n", 3, "unknown key 'stepz'"},
      {"wrong_type", kHead + "  - write: {addr: [1], data: R}\n", 6, "expected an integer"},
      {"bad_enum", kHead + "  - read: {addr: 0x10000, size: 4, expect_resp: FINE}\n", 6, "bad value 'FINE'"},
      {"missing_file", "sailsim: 1\nname: bad\nbuffers:\n  R: {file: nope.bin}\nsteps:\n  - idle: {cycles: 1}\n", 4, "missing file 'nope.bin'"},
      {"missing_buffer", kHead + "  - write: {addr: 0x10000, data: Q}\n", 6, "unknown buffer 'Q'"},
      {"bad_number", kHead + "  - write: {addr: 0x1__0000, data: R}\n", 6, "expected an integer"},
      {"quoted_number", kHead + "  - write: {addr: \"0x10000\", data: R}\n", 6, "expected an integer"},
      {"duplicate_buffer", "sailsim: 1\nname: bad\nbuffers:\n  R: {hex: \"00\"}\n  R: {hex: \"11\"}\nsteps:\n  - idle: {cycles: 1}\n", 5, "duplicate buffer name 'R'"},
      {"duplicate_key", kHead + "  - write: {addr: 0x10000, addr: 0x20000, data: R}\n", 6, "appears twice"},
      {"missing_required", kHead + "  - write: {data: R}\n", 6, "missing required key 'addr'"},
      {"unknown_step", kHead + "  - poke: {addr: 1}\n", 6, "unknown step kind 'poke'"},
      {"two_keys_in_step", kHead + "  - write: {addr: 0x10000, data: R}\n    idle: {cycles: 1}\n", 6, "exactly one key"},
      {"bad_version", "sailsim: 2\nname: bad\nsteps:\n  - idle: {cycles: 1}\n", 1, "expected sailsim: 1"},
      {"bad_name", "sailsim: 1\nname: bad name!\nsteps:\n  - idle: {cycles: 1}\n", 2, "[A-Za-z0-9_.-]+"},
      {"axi_data_length", kHead + "  - axi_write: {addr: 0x10000, len: 1, size: 32, data: R}\n", 6, "carries 64"},
      {"illegal_not_said", kHead + "  - axi_write: {addr: 0x10FE0, len: 1, size: 32, data: {fill: {byte: 1, size: 64}}}\n", 6, "CROSSES_4K"},
      {"illegal_no_expect", kHead + "  - axi_read: {addr: 0x10FE0, len: 1, size: 32, illegal: true}\n", 6, "expect_violation"},
      {"bad_rule", kHead + "  - axi_read: {addr: 0x10FE0, len: 1, size: 32, illegal: true, expect_violation: NOPE}\n", 6, "bad rule name 'NOPE'"},
      {"negative_size", kHead + "  - read: {addr: 0x10000, size: -4}\n", 6, "expected an integer"},
      {"oversized_size", kHead + "  - read: {addr: 0x10000, size: 0x1_0000_0000}\n", 6, "out of range"},
      {"address_out_of_range", kHead + "  - read: {addr: 0x1_0000_0000_0000, size: 4}\n", 6, "out of range"},
      {"extent_past_space", kHead + "  - read: {addr: 0xFFFF_FFFF_FFF0, size: 0x20}\n", 6, "past the 48-bit"},
      {"axi_size_enum", kHead + "  - axi_read: {addr: 0x10000, size: 3}\n", 6, "bad size 3"},
      {"strb_length", kHead + "  - axi_write: {addr: 0x10000, len: 1, size: 32, data: {fill: {byte: 1, size: 64}}, strb: [0xFFFFFFFF]}\n", 6, "one per beat"},
      {"slice_out_of_bounds", kHead + "  - write: {addr: 0x10000, data: {buffer: R, offset: 2, size: 4}}\n", 6, "out of bounds"},
      {"bad_hex", "sailsim: 1\nname: bad\nbuffers:\n  R: {hex: \"00 1G\"}\nsteps:\n  - idle: {cycles: 1}\n", 4, "bad hex digit 'G'"},
      {"odd_hex", "sailsim: 1\nname: bad\nbuffers:\n  R: {hex: \"00 1\"}\nsteps:\n  - idle: {cycles: 1}\n", 4, "odd number of hex digits"},
      {"timeout_not_number", "sailsim: 1\nname: bad\nconfig:\n  timeout_cycles: soon\nsteps:\n  - idle: {cycles: 1}\n", 4, "expected an integer"},
      {"latency_min_max", "sailsim: 1\nname: bad\nconfig:\n  memory: {read_latency: {min: 9, max: 2}}\nsteps:\n  - idle: {cycles: 1}\n", 4, "max is below min"},
      {"ready_range", "sailsim: 1\nname: bad\nconfig:\n  host: {ready: 1.5}\nsteps:\n  - idle: {cycles: 1}\n", 4, "out of range"},
      {"missing_steps", "sailsim: 1\nname: bad\n", 1, "missing required key 'steps'"},
      {"empty_steps", "sailsim: 1\nname: bad\nsteps: []\n", 3, "at least one step"},
      {"bad_until", kHead + "  - wait: {until: forever}\n", 6, "bad value 'forever'"},
      {"read_expect_length", kHead + "  - read: {addr: 0x10000, size: 8, expect: R}\n", 6, "expected size (8)"},
      {"matmul_k", kHead + "  - check: {addr: 0x30000, ggml_matmul: {a: R, b: R, m: 1, k: 300, n: 1}}\n", 6, "not a multiple of 256"},
      {"matmul_operand_size", kHead + "  - check: {addr: 0x30000, ggml_matmul: {a: R, b: R, m: 1, k: 256, n: 1}}\n", 6, "expected 144"},
      {"save_duplicate", kHead + "  - read: {addr: 0x10000, size: 4, save: R}\n", 6, "duplicate name 'R'"},
      {"expect_log_form", kHead + "  - expect_log: {port: ddr}\n", 6, "needs sequence or count"},
      {"expect_log_port", kHead + "  - expect_log: {port: pcie, count: {min: 1}}\n", 6, "bad value 'pcie'"},
      {"log_entry_forms", kHead + "  - expect_log:\n      sequence:\n        - {dir: read, addr: 0x10000, bytes: 4, addr_range: [0, 1]}\n", 8, "either addr and bytes"},
      {"error_range_resp", "sailsim: 1\nname: bad\nconfig:\n  memory:\n    errors:\n      - {base: 0x3000_0000, size: 0x1000, resp: OOPS}\nsteps:\n  - idle: {cycles: 1}\n", 6, "bad value 'OOPS'"},
      {"ioctl_cmd", kHead + "  - ioctl: {cmd: REBOOT}\n", 6, "bad value 'REBOOT'"},
      {"ioctl_errno", kHead + "  - ioctl: {cmd: PING, expect_errno: EWHAT}\n", 6, "bad value 'EWHAT'"},
      {"ioctl_field", kHead + "  - ioctl: {cmd: PING, a: 1}\n", 6, "unknown key 'a'"},
      {"duplicate_job",
       kHead + "  - ioctl: {cmd: WORK_SUBMIT, matmul_q4_k: {a: 0x10000, b: 0x20000, out: 0x30000, m: 4, k: 256, n: 2}, as: j}\n"
               "  - ioctl: {cmd: WORK_SUBMIT, matmul_q4_k: {a: 0x10000, b: 0x20000, out: 0x30000, m: 4, k: 256, n: 2}, as: j}\n",
       7, "duplicate job name 'j'"},
      {"unknown_job", kHead + "  - ioctl: {cmd: WAIT, job: nope}\n", 6, "unknown job 'nope'"},
      {"yaml_syntax", "sailsim: 1\nname: bad\nsteps: [\n  - idle: {cycles: 1}\n", 0, "malformed YAML"},
      {"bad_bool", kHead + "  - write: {addr: 0x10000, data: R, wait: maybe}\n", 6, "expected true or false"},
      {"random_q4k_k", "sailsim: 1\nname: bad\nbuffers:\n  W: {q4_k: {random: {rows: 1, k: 100}}}\nsteps:\n  - idle: {cycles: 1}\n", 4, "out of range"},
  };
}

TEST(ReplayLoader, MalformedKindsNameTheLine) {
  const auto dir = scratch("malformed");
  const auto cases = malformed();
  EXPECT_GE(cases.size(), 20u);
  for (const Malformed& m : cases) {
    SCOPED_TRACE(m.name);
    const auto file = dir / (std::string(m.name) + ".yaml");
    write_text(file, m.yaml);
    try {
      load_sequence(file);
      ADD_FAILURE() << "loaded";
    } catch (const InputError& e) {
      if (m.line > 0) {
        EXPECT_EQ(e.line(), m.line) << e.what();
      }
      EXPECT_GT(e.line(), 0) << e.what();
      EXPECT_NE(std::string(e.what()).find(m.says), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    }
  }
}

TEST(ReplayLoader, FindsSequencesInFolders) {
  const auto files = find_sequences({good()});
  EXPECT_GE(files.size(), 4u);
  EXPECT_TRUE(std::is_sorted(files.begin(), files.end()));
  EXPECT_THROW(find_sequences({good() / "no-such-thing"}), InputError);
}

}  // namespace
}  // namespace sailsim::replay
