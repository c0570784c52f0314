// The vector-set loader on bad input: every problem is an InputError naming the file and,
// for YAML, the line and column.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "paths.hpp"
#include "sailsim/vecset/input_file.hpp"
#include "sailsim/vecset/sha256.hpp"
#include "sailsim/vecset/vector_set.hpp"

namespace sailsim::vecset {
namespace {

namespace fs = std::filesystem;

class VecsetErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("sailsim-vecset-" + std::string(info->name()));
    fs::remove_all(dir_);
    fs::copy(testing::shared_vectors_dir() / "c01_mixed_m16_k1024_n8", dir_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
  void replace_in(const fs::path& p, const std::string& from, const std::string& to) {
    std::string t = read(p);
    const auto at = t.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    t.replace(at, from.size(), to);
    write(p, t);
  }
  InputError load_error() {
    try {
      (void)load_vector_set(dir_);
    } catch (const InputError& e) {
      return e;
    }
    ADD_FAILURE() << "expected an InputError";
    return InputError("", "");
  }

  fs::path dir_;
};

TEST_F(VecsetErrors, TheUntouchedCaseLoads) {
  const VectorSet set = load_vector_set(dir_);
  ASSERT_EQ(set.cases.size(), 1u);
  EXPECT_EQ(set.cases[0].m, 16);
  EXPECT_EQ(set.cases[0].k, 1024);
  EXPECT_EQ(set.cases[0].n, 8);
  EXPECT_EQ(set.cases[0].outputs(), 128u);
  EXPECT_EQ(set.cases[0].position(37), "(m=5, n=2)");
}

TEST_F(VecsetErrors, MalformedYamlNamesLineAndColumn) {
  replace_in(dir_ / "meta.yaml", "N: 8\n", "N: [8\n");
  const InputError e = load_error();
  EXPECT_EQ(e.file(), dir_ / "meta.yaml");
  EXPECT_GT(e.line(), 0);
  EXPECT_NE(std::string(e.what()).find("malformed YAML"), std::string::npos) << e.what();
}

TEST_F(VecsetErrors, KNotAMultipleOf256) {
  replace_in(dir_ / "meta.yaml", "K: 1024", "K: 1000");
  const InputError e = load_error();
  EXPECT_EQ(e.line(), 8) << e.what();  // the line of K in meta.yaml
  EXPECT_NE(e.message().find("K = 1000 is not a positive multiple of 256"), std::string::npos) << e.what();
}

TEST_F(VecsetErrors, Sha256Mismatch) {
  std::fstream f(dir_ / "b.bin", std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(100);
  f.put('\x55');
  f.close();
  const InputError e = load_error();
  EXPECT_EQ(e.file(), dir_ / "b.bin");
  EXPECT_NE(e.message().find("sha256 mismatch"), std::string::npos) << e.what();
}

TEST_F(VecsetErrors, MissingFile) {
  fs::remove(dir_ / "out.bin");
  const InputError e = load_error();
  EXPECT_EQ(e.file(), dir_ / "out.bin");
  EXPECT_NE(e.message().find("missing"), std::string::npos) << e.what();
}

TEST_F(VecsetErrors, MissingKeyNamesIt) {
  replace_in(dir_ / "meta.yaml", "M: 16\n", "");
  const InputError e = load_error();
  EXPECT_NE(e.message().find("missing required key 'M'"), std::string::npos) << e.what();
}

TEST_F(VecsetErrors, NotAnIntegerNamesTheValue) {
  replace_in(dir_ / "meta.yaml", "M: 16", "M: sixteen");
  const InputError e = load_error();
  EXPECT_EQ(e.line(), 7) << e.what();
  EXPECT_NE(e.message().find("'sixteen'"), std::string::npos) << e.what();
}

TEST_F(VecsetErrors, WrongFormatTag) {
  replace_in(dir_ / "meta.yaml", "format: ggml-q4k-q8k-oracle/1", "format: ggml-q4k-q8k-oracle/9");
  const InputError e = load_error();
  EXPECT_EQ(e.line(), 1);
  EXPECT_NE(e.message().find("unsupported format"), std::string::npos) << e.what();
}

TEST_F(VecsetErrors, ShapeDisagreesWithFileSize) {
  // A consistent meta.yaml whose M says 15 rows: a.bin no longer fits the shape.
  replace_in(dir_ / "meta.yaml", "M: 16", "M: 15");
  const InputError e = load_error();
  EXPECT_EQ(e.file(), dir_ / "a.bin");
  EXPECT_NE(e.message().find("M*K/256*144"), std::string::npos) << e.what();
}

TEST_F(VecsetErrors, QuotedNumberShowsTheUnquotedForm) {
  replace_in(dir_ / "meta.yaml", "M: 16", "M: \"16\"");
  const InputError e = load_error();
  EXPECT_EQ(e.line(), 7) << e.what();
  EXPECT_EQ(e.column(), 4) << e.what();
  EXPECT_NE(e.message().find("got the string \"16\": write the number without quotes: 16"), std::string::npos) << e.what();
}

TEST_F(VecsetErrors, TaggedStringIsNoNumber) {
  replace_in(dir_ / "meta.yaml", "K: 1024", "K: !!str 1024");
  const InputError e = load_error();
  EXPECT_EQ(e.line(), 8) << e.what();
  EXPECT_NE(e.message().find("write the number without a tag: 1024"), std::string::npos) << e.what();
}

TEST_F(VecsetErrors, SignedNumberIsRefused) {
  replace_in(dir_ / "meta.yaml", "N: 8", "N: +8");
  const InputError e = load_error();
  EXPECT_EQ(e.line(), 9) << e.what();
  EXPECT_NE(e.message().find("expected an integer"), std::string::npos) << e.what();
}

TEST_F(VecsetErrors, MetaYamlThatIsAFolderIsNamed) {
  fs::remove(dir_ / "meta.yaml");
  fs::create_directory(dir_ / "meta.yaml");
  const InputError e = load_error();
  EXPECT_EQ(e.file(), dir_ / "meta.yaml");
  EXPECT_NE(e.message().find("is a directory"), std::string::npos) << e.what();
}

TEST_F(VecsetErrors, DataFileThatIsASymlinkLoopIsNamed) {
  fs::remove(dir_ / "out.bin");
  fs::create_symlink("out.bin", dir_ / "out.bin");  // points at itself
  const InputError e = load_error();
  EXPECT_EQ(e.file(), dir_ / "out.bin");
  EXPECT_NE(e.message().find("symlink loop"), std::string::npos) << e.what();
}

TEST_F(VecsetErrors, CaseFolderThatIsASymlinkLoopIsNamed) {
  const fs::path loop = dir_ / "loop";
  fs::create_symlink("loop", loop);
  try {
    (void)load_vector_set(loop);
    ADD_FAILURE() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), loop);
    EXPECT_NE(e.message().find("symlink loop"), std::string::npos) << e.what();
  }
}

TEST_F(VecsetErrors, DataFileThatIsADeviceIsNamed) {
  fs::remove(dir_ / "a.bin");
  fs::create_symlink("/dev/zero", dir_ / "a.bin");
  const InputError e = load_error();
  EXPECT_EQ(e.file(), dir_ / "a.bin");
  EXPECT_NE(e.message().find("is a character device"), std::string::npos) << e.what();
}

// read_input_file: only regular files, read whole, every failure an InputError naming the path.
class ReadInputFile : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("sailsim-input-file-" + std::string(info->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The message of the InputError reading `path` throws, which must name the path.
  std::string refusal(const fs::path& path) {
    try {
      (void)read_input_file(path);
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), path);
      EXPECT_EQ(std::string(e.what()).rfind(path.string() + ": ", 0), 0u) << e.what();
      return e.message();
    }
    ADD_FAILURE() << "read " << path;
    return "";
  }

  fs::path dir_;
};

TEST_F(ReadInputFile, ReadsARegularFileWhole) {
  const std::string bytes("a\0b\xff\n", 5);
  std::ofstream(dir_ / "f", std::ios::binary) << bytes;
  EXPECT_EQ(read_input_file(dir_ / "f"), bytes);
  std::ofstream(dir_ / "empty", std::ios::binary).flush();
  EXPECT_EQ(read_input_file(dir_ / "empty"), "");
}

TEST_F(ReadInputFile, FollowsASymlinkToARegularFile) {
  std::ofstream(dir_ / "f", std::ios::binary) << "text";
  fs::create_symlink("f", dir_ / "link");
  EXPECT_EQ(read_input_file(dir_ / "link"), "text");
}

TEST_F(ReadInputFile, SaysWhatThePathIsInstead) {
  EXPECT_NE(refusal(dir_ / "nope").find("no such file"), std::string::npos);
  EXPECT_NE(refusal(dir_).find("is a directory"), std::string::npos);
  fs::create_symlink("loop", dir_ / "loop");
  EXPECT_NE(refusal(dir_ / "loop").find("symlink loop"), std::string::npos);
  EXPECT_NE(refusal("/dev/null").find("is a character device"), std::string::npos);
  // A FIFO is tested through the sailsim binary under a time limit (input_cli_test.cpp): here a
  // regression would block the whole test program.
}

TEST_F(ReadInputFile, AFileOverTheLimitIsRefusedBeforeReading) {
  // Sparse: no disk is used, and reading it whole would need more memory than any input may.
  std::ofstream(dir_ / "huge", std::ios::binary).flush();
  fs::resize_file(dir_ / "huge", kMaxInputFileBytes + 1);
  EXPECT_NE(refusal(dir_ / "huge").find("over the limit of " + std::to_string(kMaxInputFileBytes)), std::string::npos);
}

TEST_F(ReadInputFile, AReadErrorIsAnInputError) {
  // /proc/self/mem is a regular file of size 0 whose read at offset 0 fails (EIO).
  EXPECT_NE(refusal("/proc/self/mem").find("cannot be read: "), std::string::npos);
}

TEST(VecsetIndex, MetaSha256InTheIndexIsChecked) {
  const fs::path dir = fs::temp_directory_path() / "sailsim-vecset-index";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(testing::shared_vectors_dir() / "c00_gauss_m1_k256_n1", dir / "c00", fs::copy_options::recursive);
  std::ofstream(dir / "index.yaml") << "format: ggml-q4k-q8k-oracle/1\nset: t\ncases:\n"
                                    << "  - {dir: c00, meta_sha256: 0000}\n";
  try {
    (void)load_vector_set(dir);
    ADD_FAILURE() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), dir / "index.yaml");
    EXPECT_EQ(e.line(), 4);
    EXPECT_NE(e.message().find("sha256 mismatch for c00/meta.yaml"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}

TEST(Sha256, KnownDigest) {
  const std::string abc = "abc";
  EXPECT_EQ(sha256_hex(std::as_bytes(std::span(abc.data(), abc.size()))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace sailsim::vecset
