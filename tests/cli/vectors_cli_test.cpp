// `sailsim vectors` end to end, as a user runs it: exit codes 0 / 1 / 2 and what it prints.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "paths.hpp"
#include "run_command.hpp"
#include "sailsim/ggml/float_bits.hpp"
#include "sailsim/vecset/sha256.hpp"

namespace sailsim::testing {
namespace {

namespace fs = std::filesystem;

const std::string kSailsim = SAILSIM_CLI_PATH;

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const fs::path& p, const std::string& t) { std::ofstream(p, std::ios::binary) << t; }

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// Replaces every `from` in a text file by `to`.
void edit_file(const fs::path& p, const std::string& from, const std::string& to) {
  std::string t = read_text(p);
  replace_all(t, from, to);
  write_text(p, t);
}

std::string sha_of_file(const fs::path& p) {
  const std::string t = read_text(p);
  return vecset::sha256_hex(std::as_bytes(std::span(t.data(), t.size())));
}

// A private copy of the shared set, in the build folder.
class VectorsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    set_ = binary_dir() / "test-output" / ("vectors-cli-" + std::string(info->name()));
    fs::remove_all(set_);
    fs::create_directories(set_.parent_path());
    fs::copy(shared_vectors_dir(), set_, fs::copy_options::recursive);
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(set_);
  }
  CommandResult sailsim(const std::string& args) { return run_command(quoted(kSailsim) + " " + args); }

  // Rewrites a file's sha256 in its meta.yaml, and that meta.yaml's in index.yaml, so that
  // the change is a consistent set (only the data differ, not the checksums).
  void reseal(const std::string& case_dir, const std::string& file, const std::string& old_sha) {
    const fs::path meta = set_ / case_dir / "meta.yaml";
    const std::string old_meta_sha = sha_of_file(meta);
    edit_file(meta, old_sha, sha_of_file(set_ / case_dir / file));
    edit_file(set_ / "index.yaml", old_meta_sha, sha_of_file(meta));
  }

  fs::path set_;
};

TEST_F(VectorsCli, TheSharedSetPassesInEveryOrderThroughTheReference) {
  const auto r = sailsim("vectors " + quoted(set_.string()) + " --engine ref --alt all --quantizers");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("13 cases, 13 passed, 0 failed (engine ref;"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("PASS  shared/c01_mixed_m16_k1024_n8"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find(" simd "), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find(" cycles "), std::string::npos) << "the reference has no cycles\n" << r.output;
}

TEST_F(VectorsCli, TheSharedSetPassesThroughTheRtlInBothOrders) {
  // The default engine is the RTL; --alt all there means generic + fused (simd is no RTL order).
  const auto r = sailsim("vectors " + quoted(set_.string()) + " --alt all");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("13 cases, 13 passed, 0 failed (engine rtl;"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("simd is not an RTL order"), std::string::npos) << r.output;
  // generic and fused, each with its cycles and read bandwidth utilization.
  const size_t line = r.output.find("PASS  shared/c01_mixed_m16_k1024_n8");
  ASSERT_NE(line, std::string::npos) << r.output;
  const std::string text = r.output.substr(line, r.output.find('\n', line) - line);
  EXPECT_NE(text.find("  generic 128/128 cycles "), std::string::npos) << text;
  EXPECT_NE(text.find("  fused 128/128 cycles "), std::string::npos) << text;
  EXPECT_NE(text.find("% "), std::string::npos) << text;
  EXPECT_EQ(text.find(" simd "), std::string::npos) << text;
  EXPECT_NE(r.output.find("PASS  shared/vecdot_single"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(" cycles)"), std::string::npos) << "the summary names the total cycles\n" << r.output;
}

TEST_F(VectorsCli, OneFlippedBitExitsOneAndNamesTheElement) {
  const std::string case_dir = "c01_mixed_m16_k1024_n8";  // M = 16
  const fs::path out = set_ / case_dir / "out.bin";
  const std::string old_sha = sha_of_file(out);
  std::string data = read_text(out);
  const size_t element = 2 * 16 + 5;  // (m=5, n=2)
  uint32_t before;
  std::memcpy(&before, data.data() + 4 * element, 4);
  const uint32_t after = before ^ 1u;
  std::memcpy(data.data() + 4 * element, &after, 4);
  write_text(out, data);
  reseal(case_dir, "out.bin", old_sha);

  for (const std::string engine : {"rtl", "ref"}) {
    const auto r = sailsim("vectors " + quoted(set_.string()) + " --engine " + engine);
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("FAIL  shared/" + case_dir), std::string::npos)
        << r.output;
    const std::string line = "generic (m=5, n=2): expected " + ggml::describe_bits(after) + ", actual " +
                             ggml::describe_bits(before) + ", ulp 1";
    EXPECT_NE(r.output.find(line), std::string::npos) << "wanted: " << line << "\n" << r.output;
    EXPECT_NE(r.output.find("12 passed, 1 failed (engine " + engine), std::string::npos) << r.output;
  }
}

TEST_F(VectorsCli, BrokenMetaYamlExitsTwoNamingTheLine) {
  const fs::path meta = set_ / "c03_const_m8_k256_n8" / "meta.yaml";
  edit_file(meta, "N: 8\n", "N: [8\n");  // line 9 of this meta.yaml
  const auto r = sailsim("vectors " + quoted((set_ / "c03_const_m8_k256_n8").string()));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find(meta.string() + ":"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("malformed YAML"), std::string::npos) << r.output;
}

TEST_F(VectorsCli, ABrokenMetaInsideASetIsCaughtByTheIndexChecksum) {
  const fs::path meta = set_ / "c03_const_m8_k256_n8" / "meta.yaml";
  edit_file(meta, "N: 8\n", "N: 9\n");
  const auto r = sailsim("vectors " + quoted(set_.string()));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("index.yaml:9:"), std::string::npos) << r.output;  // c03's line in index.yaml
  EXPECT_NE(r.output.find("sha256 mismatch for c03_const_m8_k256_n8/meta.yaml"), std::string::npos) << r.output;
}

TEST_F(VectorsCli, KNotAMultipleOf256ExitsTwo) {
  const fs::path meta = set_ / "c00_gauss_m1_k256_n1" / "meta.yaml";
  edit_file(meta, "K: 256", "K: 300");
  const auto r = sailsim("vectors " + quoted((set_ / "c00_gauss_m1_k256_n1").string()));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("meta.yaml:8:4: K = 300 is not a positive multiple of 256"), std::string::npos) << r.output;
}

TEST_F(VectorsCli, CorruptDataExitsTwoWithTheChecksum) {
  const fs::path a = set_ / "c00_gauss_m1_k256_n1" / "a.bin";
  std::string t = read_text(a);
  t[20] = static_cast<char>(t[20] ^ 0x10);
  write_text(a, t);
  const auto r = sailsim("vectors " + quoted(set_.string()));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find(a.string() + ": sha256 mismatch"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("PASS"), std::string::npos) << "nothing may run on bad input\n" << r.output;
}

TEST_F(VectorsCli, MissingFileExitsTwo) {
  fs::remove(set_ / "c05_tiny_m6_k512_n5" / "b.bin");
  const auto r = sailsim("vectors " + quoted(set_.string()));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("c05_tiny_m6_k512_n5/b.bin: missing"), std::string::npos) << r.output;
}

TEST_F(VectorsCli, BadArgumentsExitTwo) {
  EXPECT_EQ(sailsim("vectors " + quoted((set_ / "no-such-folder").string())).exit_code, 2);
  EXPECT_EQ(sailsim("vectors " + quoted(set_.string()) + " --alt fastest").exit_code, 2);
  EXPECT_EQ(sailsim("vectors").exit_code, 2);
  EXPECT_EQ(sailsim("frobnicate").exit_code, 2);
  EXPECT_EQ(sailsim("--help").exit_code, 0);
  EXPECT_EQ(sailsim("vectors " + quoted(set_.string()) + " --engine gpu").exit_code, 2);
  // The RTL has no SIMD order: asking for it is refused before anything runs.
  for (const std::string args : {" --alt simd", " --engine rtl --alt fused simd"}) {
    const auto simd = sailsim("vectors " + quoted(set_.string()) + args);
    EXPECT_EQ(simd.exit_code, 2) << args << "\n" << simd.output;
    EXPECT_NE(simd.output.find("it has no SIMD order"), std::string::npos) << simd.output;
    EXPECT_EQ(simd.output.find("PASS"), std::string::npos) << "nothing may run on bad input\n" << simd.output;
  }
}

TEST(VectorsCliFresh, AJobTheEngineRefusesFailsWithTheReason) {
  // Seed 3 with K up to 65536 gives g00 with K = 54272, over the engine's longest K (32768):
  // the job ends with "bad K", the case fails (exit 1), the other case still passes.
  const fs::path set = binary_dir() / "test-output" / "vectors-cli-bad-k";
  fs::remove_all(set);
  const auto made = run_command(quoted(SAILSIM_MAKE_VECTOR_SET_PATH) + " --out " + quoted(set.string()) +
                                " --seed 3 --cases 2 --max-m 2 --max-n 2 --max-k 65536");
  ASSERT_EQ(made.exit_code, 0) << made.output;
  const auto r = run_command(quoted(kSailsim) + " vectors " + quoted(set.string()) + " --alt fused");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("FAIL  generated_seed3/g00_mixed_m2_k54272_n2"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("generic: the job ended with error bad K"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("fused: the job ended with error bad K"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("2 cases, 1 passed, 1 failed (engine rtl; 2 outputs compared"), std::string::npos)
      << r.output;
  // The reference has no such limit.
  EXPECT_EQ(run_command(quoted(kSailsim) + " vectors " + quoted(set.string()) + " --engine ref").exit_code, 0);
  if (!::testing::Test::HasFailure()) fs::remove_all(set);
}

TEST(VectorsCliFresh, SetsMadeByTheRealGgmlPass) {
  // Sets sailsim has never seen: new shapes and data, every bit from the GGML oracle.
  const fs::path dir = binary_dir() / "test-output" / "vectors-cli-fresh";
  fs::remove_all(dir);
  for (int seed : {11, 12}) {
    const fs::path set = dir / std::to_string(seed);
    const auto made = run_command(quoted(SAILSIM_MAKE_VECTOR_SET_PATH) + " --out " + quoted(set.string()) +
                                  " --seed " + std::to_string(seed) + " --cases 6");
    ASSERT_EQ(made.exit_code, 0) << made.output;
    for (const std::string engine : {"ref", "rtl"}) {
      const auto r = run_command(quoted(kSailsim) + " vectors " + quoted(set.string()) + " --engine " + engine +
                                 " --alt all --quantizers");
      EXPECT_EQ(r.exit_code, 0) << r.output;
      EXPECT_NE(r.output.find("6 cases, 6 passed, 0 failed (engine " + engine), std::string::npos) << r.output;
    }
  }
  if (!::testing::Test::HasFailure()) fs::remove_all(dir);
}

// vectors/ggml/nonfinite: one case whose GGML outputs are NaN, infinite and finite side by
// side, made by `sailsim-make-vector-set --nonfinite` from the oracle alone.
const fs::path kNonfinite = source_dir() / "vectors/ggml/nonfinite";
const std::string kNonfiniteCase = "n00_nonfinite_m4_k512_n3";

std::vector<uint32_t> words_of(const fs::path& p) {
  const std::string t = read_text(p);
  std::vector<uint32_t> w(t.size() / 4);
  std::memcpy(w.data(), t.data(), w.size() * 4);
  return w;
}

void write_words(const fs::path& p, const std::vector<uint32_t>& w) {
  write_text(p, std::string(reinterpret_cast<const char*>(w.data()), w.size() * 4));
}

TEST(VectorsCliNonfinite, TheCommittedCaseHoldsNaNInfinityAndNumbers) {
  size_t nans = 0, infs = 0, finite = 0;
  for (uint32_t w : words_of(kNonfinite / kNonfiniteCase / "out.bin")) {
    if (ggml::is_nan_bits(w)) {
      ++nans;
    } else if ((w & 0x7FFFFFFFu) == 0x7F800000u) {
      ++infs;
    } else {
      ++finite;
    }
  }
  EXPECT_GT(nans, 0u);
  EXPECT_GT(infs, 0u);
  EXPECT_GT(finite, 0u);
}

TEST(VectorsCliNonfinite, TheCommittedCaseIsWhatTheOracleMakes) {
  const fs::path dir = binary_dir() / "test-output" / "vectors-cli-nonfinite-fresh";
  fs::remove_all(dir);
  const auto made = run_command(quoted(SAILSIM_MAKE_VECTOR_SET_PATH) + " --nonfinite --out " + quoted(dir.string()));
  ASSERT_EQ(made.exit_code, 0) << made.output;
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kNonfinite)) {
    if (!entry.is_regular_file()) continue;
    const fs::path rel = fs::relative(entry.path(), kNonfinite);
    ++files;
    EXPECT_EQ(read_text(dir / rel), read_text(entry.path())) << rel << " differs from what the oracle makes";
  }
  size_t fresh = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) fresh += entry.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, fresh);
  EXPECT_GE(files, 8u);
  if (!::testing::Test::HasFailure()) fs::remove_all(dir);
}

TEST(VectorsCliNonfinite, PassesThroughTheRtlAndTheReferenceNaNForNaN) {
  for (const std::string args : {" --alt fused", " --engine ref --alt all --quantizers"}) {
    const auto r = run_command(quoted(kSailsim) + " vectors " + quoted(kNonfinite.string()) + args);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("1 cases, 1 passed, 0 failed"), std::string::npos) << r.output;
  }
  // The RTL writes the canonical 0x7FC00000 where GGML (x86) gives 0xFFC00000: counted, not hidden.
  const auto r = run_command(quoted(kSailsim) + " vectors " + quoted(kNonfinite.string()));
  EXPECT_NE(r.output.find("generic 12/12 (5 NaN for NaN)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("12 outputs compared bit for bit, 5 of them NaN for NaN"), std::string::npos) << r.output;
}

// Only a NaN matches a NaN; an infinity's sign and a number where GGML gives NaN are mismatches.
TEST(VectorsCliNonfinite, NaNAndInfinityAreComparedByTheOneRule) {
  struct Edit {
    const char* what;
    uint32_t from_class;  // 0: a NaN, 1: an infinity
    uint32_t to;
    int exit_code;
  };
  const Edit edits[] = {
      {"another NaN payload where GGML gives NaN", 0, 0x7FC01234u, 0},
      {"a number where GGML gives NaN", 0, 0x00000000u, 1},
      {"the other infinity", 1, 0x7F800000u, 1},
      {"the largest finite float where GGML gives -inf", 1, 0xFF7FFFFFu, 1},
  };
  for (const Edit& e : edits) {
    const fs::path set = binary_dir() / "test-output" / "vectors-cli-nonfinite-edit";
    fs::remove_all(set);
    fs::create_directories(set.parent_path());
    fs::copy(kNonfinite, set, fs::copy_options::recursive);
    const fs::path out = set / kNonfiniteCase / "out.bin";
    std::vector<uint32_t> w = words_of(out);
    size_t at = w.size();
    for (size_t i = 0; i < w.size() && at == w.size(); ++i) {
      const bool nan = ggml::is_nan_bits(w[i]);
      const bool inf = (w[i] & 0x7FFFFFFFu) == 0x7F800000u;
      if ((e.from_class == 0 && nan) || (e.from_class == 1 && inf && w[i] != e.to)) at = i;
    }
    ASSERT_LT(at, w.size()) << e.what;
    const std::string old_sha = sha_of_file(out);
    w[at] = e.to;
    write_words(out, w);
    const fs::path meta = set / kNonfiniteCase / "meta.yaml";
    const std::string old_meta_sha = sha_of_file(meta);
    edit_file(meta, old_sha, sha_of_file(out));
    edit_file(set / "index.yaml", old_meta_sha, sha_of_file(meta));
    for (const std::string engine : {"rtl", "ref"}) {
      const auto r = run_command(quoted(kSailsim) + " vectors " + quoted(set.string()) + " --engine " + engine);
      EXPECT_EQ(r.exit_code, e.exit_code) << e.what << " (engine " << engine << ")\n" << r.output;
    }
    if (!::testing::Test::HasFailure()) fs::remove_all(set);
  }
}

}  // namespace
}  // namespace sailsim::testing
