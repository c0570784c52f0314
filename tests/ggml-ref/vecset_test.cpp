// The vector-set loader on bad input: every problem is an InputError naming the file and,
// for YAML, the line and column.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "paths.hpp"
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
