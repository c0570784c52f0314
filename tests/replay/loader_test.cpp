// The loader: every good sequence loads; every malformed kind is an InputError at the right
// line, saying what was expected.
#include <gtest/gtest.h>

#include <bit>
#include <cstring>
#include <vector>

#include "sailsim/ggml/blocks.hpp"
#include "sailsim/ggml/quantize.hpp"
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

// A refusal at an exact line and column: the column is where `at` starts on that line.
struct Pinned {
  const char* name;
  std::string yaml;
  int line;
  const char* at;  // the text the error points at, found on `line`
  std::string says;
};

std::vector<Pinned> pinned() {
  const std::string submit = "  - ioctl: {cmd: WORK_SUBMIT, matmul_q4_k: {a: 0x10000, b: 0x20000, out: 0x30000, m: 1, k: 256, n: 2}, "
                             "flags: 2, b_f32: ";
  const std::string b_f32_rule = "expected n x k x 4 = 2 x 256 x 4 = 2048 bytes";
  return {
      {"reserved_burst_read", kHead + "  - axi_read: {addr: 0x10000, burst: RESERVED}\n", 6, "RESERVED",
       "burst RESERVED is AxBURST code 3, which AXI4 reserves: it is only allowed with illegal: true"},
      {"reserved_burst_write", kHead + "  - axi_write: {addr: 0x10000, size: 4, burst: RESERVED, data: R}\n", 6, "RESERVED",
       "only allowed with illegal: true"},
      {"b_f32_short", kHead + submit + "{fill: {byte: 0, size: 2044}}}\n", 6, "{fill", "b_f32 holds 2044 bytes: " + b_f32_rule},
      {"b_f32_long", kHead + submit + "{fill: {byte: 0, size: 2052}}}\n", 6, "{fill", "b_f32 holds 2052 bytes"},
      {"b_f32_buffer", kHead + submit + "R}\n", 6, "R}", "b_f32 holds 4 bytes"},
      {"empty_file", "", 1, "", "empty sequence: expected a map with sailsim: 1"},
      {"comment_only", "# nothing but a comment\n\n", 1, "", "empty sequence"},
      {"quoted_version", "sailsim: \"1\"\nname: bad\nsteps:\n  - idle: {cycles: 1}\n", 1, "\"1\"",
       "got the string \"1\": write the number without quotes: 1"},
      {"single_quoted_addr", kHead + "  - write: {addr: '0x10000', data: R}\n", 6, "'0x10000'",
       "got the string \"0x10000\": write the number without quotes: 0x10000"},
      {"str_tagged_addr", kHead + "  - write: {addr: !!str 65536, data: R}\n", 6, "!!str",
       "got !!str 65536: write the number without a tag: 65536"},
      {"int_tagged_cycles", kHead + "  - idle: {cycles: !!int 5}\n", 6, "!!int", "write the number without a tag: 5"},
      {"quoted_word", kHead + "  - write: {addr: \"abc\", data: R}\n", 6, "\"abc\"", "got the string \"abc\""},
      {"quoted_ready", "sailsim: 1\nname: bad\nconfig:\n  host: {ready: \"0.5\"}\nsteps:\n  - idle: {cycles: 1}\n", 4, "\"0.5\"",
       "write the number without quotes: 0.5"},
      {"quoted_fill_size", kHead + "  - write: {addr: 0x10000, data: {fill: {byte: 1, size: \"4\"}}}\n", 6, "\"4\"",
       "write the number without quotes: 4"},
      {"quoted_strb_mask", kHead + "  - axi_write: {addr: 0x10000, size: 4, data: R, strb: [\"0xF\"]}\n", 6, "\"0xF\"",
       "write the number without quotes: 0xF"},
      {"quoted_ioctl_field", kHead + "  - ioctl: {cmd: MEM_ALLOC, size: \"4096\"}\n", 6, "\"4096\"",
       "write the number without quotes: 4096"},
  };
}

// The column (1-based) where `at` starts on line `line` of `text`; 1 for an empty `at`.
int column_of(const std::string& text, int line, const std::string& at) {
  size_t start = 0;
  for (int i = 1; i < line; ++i) start = text.find('\n', start) + 1;
  const std::string row = text.substr(start, text.find('\n', start) - start);
  const size_t col = row.find(at);
  EXPECT_NE(col, std::string::npos) << "'" << at << "' is not on line " << line;
  return static_cast<int>(col) + 1;
}

TEST(ReplayLoader, RefusalsNameTheLineAndColumn) {
  const auto dir = scratch("pinned");
  for (const Pinned& p : pinned()) {
    SCOPED_TRACE(p.name);
    const auto file = dir / (std::string(p.name) + ".yaml");
    write_text(file, p.yaml);
    try {
      load_sequence(file);
      ADD_FAILURE() << "loaded";
    } catch (const InputError& e) {
      EXPECT_EQ(e.line(), p.line) << e.what();
      EXPECT_EQ(e.column(), column_of(p.yaml, p.line, p.at)) << e.what();
      EXPECT_NE(e.message().find(p.says), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).rfind(file.string() + ":", 0), 0u) << e.what();
    }
  }
}

TEST(ReplayLoader, ReservedBurstLoadsWhenSaidIllegal) {
  const auto dir = scratch("reserved");
  write_text(dir / "r.yaml", kHead + "  - axi_read: {addr: 0x10000, burst: RESERVED, illegal: true, expect_violation: BURST_RESERVED}\n");
  const Sequence seq = load_sequence(dir / "r.yaml");
  EXPECT_EQ(std::get<AxiStep>(seq.steps.at(0).body).burst, axi4::Burst::Reserved);
}

TEST(ReplayLoader, BF32OfExactlyNTimesKFloatsLoads) {
  const auto dir = scratch("bf32");
  write_text(dir / "b.yaml", kHead + "  - ioctl: {cmd: WORK_SUBMIT, matmul_q4_k: {a: 0x10000, b: 0x20000, out: 0x30000, m: 1, k: 256, n: 2}, "
                                     "flags: 2, b_f32: {fill: {byte: 0, size: 2048}}}\n");
  const Sequence seq = load_sequence(dir / "b.yaml");
  EXPECT_EQ(std::get<IoctlStep>(seq.steps.at(0).body).data->size, 2048u);
}

TEST(ReplayLoader, PlainNumbersInEveryFormStillLoad) {
  const auto dir = scratch("numbers");
  write_text(dir / "n.yaml", "sailsim: 1\nname: n\nconfig: {seed: 0x2A, host: {ready: 0.5}}\nsteps:\n  - idle: {cycles: 1_000}\n");
  const Sequence seq = load_sequence(dir / "n.yaml");
  EXPECT_EQ(seq.config.seed, 42u);
  EXPECT_DOUBLE_EQ(seq.config.host_ready, 0.5);
}

// What load_sequence says of a sequence path, or of a data file named in a sequence.
std::string sequence_refusal(const std::filesystem::path& file) {
  try {
    load_sequence(file);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "loaded " << file;
  return "";
}

TEST(ReplayLoader, ASequenceThatIsNoRegularFileIsNamed) {
  const auto dir = scratch("not-regular");
  std::filesystem::create_directory(dir / "folder.yaml");
  std::filesystem::create_symlink("loop.yaml", dir / "loop.yaml");
  EXPECT_EQ(sequence_refusal(dir / "folder.yaml"), (dir / "folder.yaml").string() + ": is a directory, expected a regular file");
  EXPECT_NE(sequence_refusal(dir / "loop.yaml").find("loop.yaml: is a symlink loop"), std::string::npos);
  EXPECT_NE(sequence_refusal("/proc/self/mem").find("/proc/self/mem: cannot be read: "), std::string::npos);
  EXPECT_NE(sequence_refusal("/dev/null").find("/dev/null: is a character device"), std::string::npos);
}

TEST(ReplayLoader, ADataFileThatIsNoRegularFileIsNamedAtItsLine) {
  const auto dir = scratch("data-not-regular");
  std::filesystem::create_directory(dir / "folder.bin");
  std::filesystem::create_symlink("loop.bin", dir / "loop.bin");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"folder.bin", "is a directory"},
      {"loop.bin", "is a symlink loop"},
      {"/proc/self/mem", "cannot be read: "},
      {"/dev/zero", "is a character device"},
  };
  for (const auto& [name, says] : cases) {
    SCOPED_TRACE(name);
    write_text(dir / "s.yaml", "sailsim: 1\nname: s\nbuffers:\n  D: {file: " + name + "}\nsteps:\n  - idle: {cycles: 1}\n");
    const std::string what = sequence_refusal(dir / "s.yaml");
    EXPECT_EQ(what.rfind((dir / "s.yaml").string() + ":4:", 0), 0u) << what;
    EXPECT_NE(what.find(name + ": " + says), std::string::npos) << what;
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

namespace sailsim::replay {
namespace {

using namespace testing;

// q8_k {f32: BUFFER}: the Q8_K blocks of an earlier buffer's floats (what WORK_SUBMIT's
// b_f32 sends), and a name that is not an earlier buffer refused at its line and column.
TEST(ReplayLoaderF32Source, QuantizesAnEarlierBuffersFloats) {
  const auto dir = scratch("f32-source");
  write_text(dir / "f.yaml",
             "sailsim: 1\nname: f\nbuffers:\n  F: {fill: {byte: 0x3f, size: 2048}}\n  B: {q8_k: {f32: F}}\n"
             "steps:\n  - write: {addr: 0x10000, data: B}\n");
  const Sequence seq = load_sequence(dir / "f.yaml");
  const Bytes& b = std::get<WriteStep>(seq.steps.at(0).body).data.bytes;
  std::vector<float> x(512, std::bit_cast<float>(0x3f3f3f3fu));
  std::vector<ggml::BlockQ8K> q(2);
  std::memset(q.data(), 0, q.size() * sizeof(ggml::BlockQ8K));
  ggml::quantize_row_q8_K_ref(x, q);
  ASSERT_EQ(b.size(), 2 * sizeof(ggml::BlockQ8K));
  EXPECT_EQ(std::memcmp(b.data(), q.data(), b.size()), 0);

  for (const char* later : {"  B: {q8_k: {f32: G}}\n  G: {fill: {byte: 0, size: 1024}}\n", "  B: {q8_k: {f32: F, random: {rows: 1, k: 256}}}\n"}) {
    write_text(dir / "bad.yaml", std::string("sailsim: 1\nname: f\nbuffers:\n  F: {fill: {byte: 0, size: 1024}}\n") + later +
                                     "steps:\n  - idle: {cycles: 1}\n");
    try {
      load_sequence(dir / "bad.yaml");
      ADD_FAILURE() << "loaded: " << later;
    } catch (const InputError& e) {
      EXPECT_EQ(e.line(), 5) << e.what();
      const std::string what = e.what();
      EXPECT_TRUE(what.find("no buffer 'G' before this one") != std::string::npos ||
                  what.find("takes exactly one of f32_file, f32, random") != std::string::npos)
          << what;
    }
  }
}

}  // namespace
}  // namespace sailsim::replay
