// The mismatch path, driven through the library with a deliberately wrong reference: every
// mismatch is printed (index, order, both bit patterns, ULP distance, the folder), saved as a
// case that ggml-ref/vecset loads, whose expected values are GGML's own (not the wrong
// reference's), and `sailsim vectors` passes on the saved set, since sailsim's reference and
// the RTL are right.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "oracle_guard.hpp"
#include "sailsim/ggml/float_bits.hpp"
#include "sailsim/sweep/case_writer.hpp"
#include "sailsim/sweep/sweep.hpp"
#include "sailsim/vecset/vector_set.hpp"
#include "sweep/support.hpp"

namespace {

using namespace sailsim;
using ggml::DotOrder;
using sailsim::testing::last_line;
using sailsim::testing::sailsim_cli;
using sailsim::testing::sweep_scratch;
namespace fs = std::filesystem;

// The reference, one ULP off (lowest bit flipped) wherever `wrong` says.
sweep::DotFn off_by_one_where(std::function<bool(DotOrder, size_t)> wrong) {
  return [wrong](DotOrder order, std::span<const ggml::BlockQ4K> x, std::span<const ggml::BlockQ8K> y) {
    const float v = ggml::vec_dot_q4_K_q8_K(order, x, y);
    return wrong(order, x.size()) ? ggml::float_of(ggml::bits_of(v) ^ 1u) : v;
  };
}

// Every saved case against the oracle: its out.bin, out_fma.bin and out_simd.bin are GGML's
// values of its row pair, and the expected value the sweep printed is GGML's too.
void expect_cases_hold_ggml_values(const ggml::Oracle& oracle, const sweep::Report& r, const fs::path& dir,
                                   const std::string& prefix) {
  const vecset::VectorSet set = vecset::load_vector_set(dir, {.alternates = true, .f32_inputs = true});
  std::map<std::string, const vecset::Case*> by_name;
  for (const auto& c : set.cases) by_name[c.name] = &c;
  for (const sweep::Mismatch& m : r.shown) {
    const std::string name = prefix + std::to_string(m.index) + "_" + std::string(ggml::order_name(m.order));
    ASSERT_EQ(m.written, dir / name);
    ASSERT_TRUE(by_name.count(name)) << name << " is not in " << (dir / "index.yaml");
    const vecset::Case& c = *by_name[name];
    EXPECT_EQ(c.m, 1);
    EXPECT_EQ(c.n, 1);
    ASSERT_EQ(c.outputs(), 1u);
    for (DotOrder o : {DotOrder::Generic, DotOrder::Fused, DotOrder::Simd}) {
      ASSERT_NE(c.expected_for(o), nullptr) << name;
      EXPECT_EQ(c.expected_for(o)->at(0), ggml::bits_of(oracle.vec_dot(o, c.a, c.b))) << name << " " << ggml::order_name(o);
    }
    const uint32_t saved = c.expected_for(m.order)->at(0);
    EXPECT_TRUE(ggml::matches_result(saved, m.expected)) << name;
    EXPECT_FALSE(ggml::matches_result(saved, m.actual)) << name << ": the case must hold GGML's value, not the wrong one";
    EXPECT_EQ(c.a_f32.has_value(), m.row.rfind("quantized", 0) == 0 && m.row.find("edge pair") == std::string::npos)
        << name << ": " << m.row;
  }
}

TEST(SweepMismatch, GgmlWrongReferenceSavesCasesWithGgmlsValues) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  const fs::path dir = sweep_scratch("ggml-wrong") / "found";
  sweep::SweepOptions o;
  o.seed = 5;
  o.count = 300;
  o.mismatches = dir;
  o.reference = off_by_one_where([](DotOrder order, size_t blocks) { return order == DotOrder::Fused && blocks == 2; });
  std::ostringstream out;
  const sweep::Report r = sweep::run_ggml_sweep(*oracle, o, out);

  // The mismatches the wrong reference must cause: every two-block row's fused dot that is not a NaN.
  const auto q = sweep::oracle_quantizers(*oracle);
  uint64_t want = 0;
  for (uint64_t i = 0; i < o.count; ++i) {
    const sweep::Row row = sweep::random_row(o.seed, i, sweep::kGgmlMaxBlocks, q);
    if (row.blocks() == 2 && !std::isnan(oracle->vec_dot(DotOrder::Fused, row.x, row.y))) ++want;
  }
  ASSERT_GT(want, 5u);
  EXPECT_EQ(r.mismatches, want) << out.str();
  EXPECT_EQ(r.saved, want);
  EXPECT_EQ(r.generic, 300u);
  EXPECT_EQ(r.fused, 300u);
  EXPECT_EQ(last_line(out.str()), "sweep ggml: 300 dots (generic 300, fused 300), " + std::to_string(want) + " mismatches, seed 5");
  for (const sweep::Mismatch& m : r.shown) {
    EXPECT_EQ(m.order, DotOrder::Fused);
    const std::string line = "MISMATCH dot " + std::to_string(m.index) + " fused (";
    const size_t at = out.str().find(line);
    ASSERT_NE(at, std::string::npos) << line << "\n" << out.str();
    const std::string printed = out.str().substr(at, out.str().find('\n', at) - at);
    EXPECT_NE(printed.find("GGML " + ggml::describe_bits(m.expected)), std::string::npos) << printed;
    EXPECT_NE(printed.find("sailsim " + ggml::describe_bits(m.actual)), std::string::npos) << printed;
    EXPECT_NE(printed.find(ggml::describe_ulp(m.expected, m.actual)), std::string::npos) << printed;
    EXPECT_NE(printed.find("-> " + m.written.string()), std::string::npos) << printed;
  }
  expect_cases_hold_ggml_values(*oracle, r, dir, "sweep_ggml_seed5_dot");

  // The saved set is a regression test that sailsim's reference and the RTL pass.
  const auto ref = sailsim_cli("vectors " + dir.string() + " --engine ref --alt all --quantizers");
  EXPECT_EQ(ref.exit_code, 0) << ref.output;
  EXPECT_NE(ref.output.find(std::to_string(want) + " cases, " + std::to_string(want) + " passed"), std::string::npos) << ref.output;
  const auto rtl = sailsim_cli("vectors " + dir.string() + " --alt fused");
  EXPECT_EQ(rtl.exit_code, 0) << rtl.output;

  // A second sweep into the same folder adds its cases; the index lists both runs'.
  o.seed = 6;
  o.count = 60;
  std::ostringstream out2;
  const sweep::Report r2 = sweep::run_ggml_sweep(*oracle, o, out2);
  ASSERT_GT(r2.saved, 0u);
  EXPECT_EQ(vecset::load_vector_set(dir).cases.size(), r.saved + r2.saved);
  expect_cases_hold_ggml_values(*oracle, r2, dir, "sweep_ggml_seed6_dot");
}

TEST(SweepMismatch, RtlRowsWrongReferenceSavesCasesTheRtlPasses) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  const fs::path dir = sweep_scratch("rtl-wrong") / "found";
  sweep::SweepOptions o;
  o.seed = 11;
  o.count = 150;
  o.mismatches = dir;
  o.reference = off_by_one_where([](DotOrder order, size_t blocks) { return order == DotOrder::Generic && blocks == 3; });
  std::ostringstream out;
  const sweep::Report r = sweep::run_rtl_rows_sweep(*oracle, o, out);
  ASSERT_GT(r.mismatches, 2u) << out.str();
  EXPECT_EQ(r.saved, r.mismatches);
  EXPECT_EQ(r.generic, 150u);
  EXPECT_EQ(r.fused, 150u);
  EXPECT_EQ(last_line(out.str()),
            "sweep rtl-rows: 150 rows (generic 150, fused 150), " + std::to_string(r.mismatches) + " mismatches, seed 11");
  for (const sweep::Mismatch& m : r.shown) {
    EXPECT_EQ(m.order, DotOrder::Generic);
    EXPECT_NE(out.str().find("MISMATCH row " + std::to_string(m.index) + " generic ("), std::string::npos);
  }
  // The lane is right and the reference wrong: the RTL result is GGML's, the message says so.
  EXPECT_NE(out.str().find("as the RTL does"), std::string::npos) << out.str();
  // Here the "expected" of a mismatch is the (wrong) reference and the actual the RTL: the case
  // holds GGML's value, which is the RTL's.
  const vecset::VectorSet set = vecset::load_vector_set(dir);
  ASSERT_EQ(set.cases.size(), r.saved);
  for (const sweep::Mismatch& m : r.shown) {
    const vecset::Case c = vecset::load_case(m.written);
    EXPECT_EQ(c.expected.at(0), ggml::bits_of(oracle->vec_dot(DotOrder::Generic, c.a, c.b)));
    EXPECT_TRUE(ggml::matches_result(c.expected.at(0), m.actual)) << m.written;
    EXPECT_EQ(m.written.filename().string(), "sweep_rtl_seed11_row" + std::to_string(m.index) + "_generic");
  }
  const auto rtl = sailsim_cli("vectors " + dir.string() + " --alt fused");
  EXPECT_EQ(rtl.exit_code, 0) << rtl.output;
}

TEST(SweepMismatch, OnlyTheFirstMismatchesArePrintedAndSavedAllAreCounted) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  const fs::path dir = sweep_scratch("cap") / "found";
  sweep::SweepOptions o;
  o.seed = 9;
  o.count = 40;
  o.mismatches = dir;
  o.max_saved = 3;
  o.reference = off_by_one_where([](DotOrder, size_t) { return true; });
  std::ostringstream out;
  const sweep::Report r = sweep::run_ggml_sweep(*oracle, o, out);
  EXPECT_GT(r.mismatches, 40u);  // most of the 80 comparisons: all but NaN results
  EXPECT_EQ(r.saved, 3u);
  EXPECT_EQ(r.shown.size(), 3u);
  EXPECT_NE(out.str().find("further mismatches are counted, not printed or saved (at most 3 a run)"), std::string::npos);
  EXPECT_NE(out.str().find("saved 3 of " + std::to_string(r.mismatches) + " mismatches into " + dir.string()),
            std::string::npos)
      << out.str();
  EXPECT_EQ(vecset::load_vector_set(dir).cases.size(), 3u);
}

TEST(SweepMismatch, SettingsAreCheckedBeforeAnythingRuns) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  const fs::path base = sweep_scratch("settings");
  std::ofstream(base / "file") << "x";
  const fs::path foreign = base / "foreign";
  fs::create_directories(foreign);
  std::ofstream(foreign / "index.yaml") << "format: ggml-q4k-q8k-oracle/1\nset: foreign\ncases: []\n";
  const std::pair<fs::path, std::string> bad[] = {
      {base / "file", "is not a folder"},
      {base / "file" / "sub", "cannot be created: " + (base / "file").string() + " is not a folder"},
      {foreign, "did not write"},
  };
  for (const auto& [dir, says] : bad) {
    sweep::SweepOptions o;
    o.seed = 1;
    o.count = 5;
    o.mismatches = dir;
    std::ostringstream out;
    try {
      (void)sweep::run_ggml_sweep(*oracle, o, out);
      ADD_FAILURE() << dir << " must be refused";
    } catch (const sweep::SettingError& e) {
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "one line: " << e.what();
    }
    EXPECT_EQ(out.str(), "") << "nothing runs";
  }
  EXPECT_EQ(sweep::CaseWriter::dir_problem(base / "new" / "deeper"), "");
  EXPECT_FALSE(fs::exists(base / "new")) << "checking creates nothing";
}

}  // namespace
