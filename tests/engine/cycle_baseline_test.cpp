// The engine's simulated figures for every benchmark shape, exactly as committed in
// tests/engine/engine_cycles.tsv. Simulated cycles are deterministic, so nothing here has a
// tolerance: one cycle more or one beat less fails, and an intended timing change rewrites the
// baseline in the same commit (`build/tb/engine_bench --write-baseline tests/engine/engine_cycles.tsv`).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "engine_shapes.hpp"
#include "paths.hpp"

namespace {

using namespace sailsim;

const std::filesystem::path kBaseline = sailsim::testing::source_dir() / "tests/engine/engine_cycles.tsv";

const std::vector<bench::CycleBaselineRow>& baseline() {
  static const std::vector<bench::CycleBaselineRow> rows = [] {
    std::ifstream in(kBaseline);
    if (!in) throw std::runtime_error("cannot read " + kBaseline.string());
    std::ostringstream text;
    text << in.rdbuf();
    return bench::parse_cycle_baseline(text.str(), kBaseline.string());
  }();
  return rows;
}

struct Point {
  size_t latency_index, shape_index;
};
void PrintTo(const Point& p, std::ostream* os) { *os << "latency #" << p.latency_index << ", shape #" << p.shape_index; }

std::vector<Point> points() {
  std::vector<Point> p;
  for (size_t li = 0; li < bench::engine_latencies().size(); ++li) {
    for (size_t si = 0; si < bench::engine_shapes().size(); ++si) p.push_back({li, si});
  }
  return p;
}

std::string point_name(const ::testing::TestParamInfo<Point>& info) {
  const bench::EngineShape& s = bench::engine_shapes()[info.param.shape_index];
  return "M" + std::to_string(s.m) + "_K" + std::to_string(s.k) + "_N" + std::to_string(s.n) + "_latency" +
         std::to_string(bench::engine_latencies()[info.param.latency_index]);
}

class CycleBaseline : public ::testing::TestWithParam<Point> {};

TEST_P(CycleBaseline, EveryFigureExactly) {
  const bench::EngineShape& s = bench::engine_shapes()[GetParam().shape_index];
  const unsigned latency = bench::engine_latencies()[GetParam().latency_index];
  const uint64_t seed = bench::engine_shape_seed(GetParam().latency_index, GetParam().shape_index);
  const bench::CycleBaselineRow* expected = nullptr;
  for (const auto& row : baseline()) {
    if (row.m == s.m && row.k == s.k && row.n == s.n && row.latency == latency) expected = &row;
  }
  ASSERT_NE(expected, nullptr) << kBaseline << " has no line for M=" << s.m << " K=" << s.k << " N=" << s.n
                               << " latency " << latency;
  const bench::EngineShapeRun run = bench::run_engine_shape(s, latency, seed);
  ASSERT_TRUE(run.ok) << run.failure;
  const bench::CycleBaselineRow actual = bench::baseline_row(s, latency, seed, run);
  EXPECT_EQ(actual, *expected) << "\n  baseline: " << bench::describe(*expected)
                               << "\n  simulated: " << bench::describe(actual)
                               << "\n(an intended timing change rewrites " << kBaseline << " in the same commit)";
}

INSTANTIATE_TEST_SUITE_P(Shapes, CycleBaseline, ::testing::ValuesIn(points()), point_name);

// No stale or extra lines: the baseline is exactly the benchmark's points, in its order.
TEST(CycleBaselineFile, ListsExactlyTheBenchmarkPoints) {
  const auto& rows = baseline();
  const std::vector<Point> p = points();
  ASSERT_EQ(rows.size(), p.size());
  for (size_t i = 0; i < p.size(); ++i) {
    const bench::EngineShape& s = bench::engine_shapes()[p[i].shape_index];
    EXPECT_EQ(rows[i].m, s.m) << "line " << i;
    EXPECT_EQ(rows[i].k, s.k) << "line " << i;
    EXPECT_EQ(rows[i].n, s.n) << "line " << i;
    EXPECT_EQ(rows[i].latency, bench::engine_latencies()[p[i].latency_index]) << "line " << i;
    EXPECT_EQ(rows[i].seed, bench::engine_shape_seed(p[i].latency_index, p[i].shape_index)) << "line " << i;
  }
}

// The format round-trips, and a malformed line names its line.
TEST(CycleBaselineFile, MalformedLinesAreNamed) {
  const std::string good = bench::format_cycle_baseline(baseline());
  EXPECT_EQ(bench::parse_cycle_baseline(good, "x"), baseline());
  std::string bad = good;
  bad.replace(bad.rfind('\t'), 1, "\tx");
  try {
    bench::parse_cycle_baseline(bad, "f.tsv");
    FAIL() << "a malformed number was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("f.tsv:" + std::to_string(6 + baseline().size()) + ": expected"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(bench::parse_cycle_baseline("1\t2\n", "f.tsv"), std::runtime_error);
}

}  // namespace
