// Throughput of sailsim's GGML reference beside the real GGML binaries: dot products per
// order, and the two quantizers. Figures go to docs/ggml-reference.md.
#include <benchmark/benchmark.h>

#include <cstring>
#include <random>
#include <vector>

#include "sailsim/ggml/dot.hpp"
#include "sailsim/ggml/oracle.hpp"
#include "sailsim/ggml/quantize.hpp"

namespace {

using namespace sailsim::ggml;

struct Row {
  std::vector<BlockQ4K> x;
  std::vector<BlockQ8K> y;
  std::vector<float> f32;
};

// K = 4096: 16 blocks, one row of the target shape.
const Row& row() {
  static const Row r = [] {
    Row out;
    std::mt19937_64 gen(42);
    out.f32.resize(4096);
    for (auto& v : out.f32) v = static_cast<float>(static_cast<int64_t>(gen() % 20001) - 10000) / 1000.0f;
    out.x.resize(16);
    out.y.resize(16);
    std::memset(out.y.data(), 0, out.y.size() * sizeof(BlockQ8K));
    quantize_row_q4_K_ref(out.f32, out.x);
    quantize_row_q8_K_ref(out.f32, out.y);
    return out;
  }();
  return r;
}

void BM_VecDot(benchmark::State& state) {
  const auto order = static_cast<DotOrder>(state.range(0));
  const Row& r = row();
  for (auto _ : state) benchmark::DoNotOptimize(vec_dot_q4_K_q8_K(order, r.x, r.y));
  state.SetItemsProcessed(state.iterations() * 16);  // blocks
  state.SetLabel(std::string(order_name(order)) + ", sailsim");
}
BENCHMARK(BM_VecDot)->Arg(0)->Arg(1)->Arg(2);

void BM_OracleVecDot(benchmark::State& state) {
  const auto order = static_cast<DotOrder>(state.range(0));
  const Oracle* oracle = nullptr;
  try {
    oracle = &Oracle::shared();
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  const Row& r = row();
  for (auto _ : state) benchmark::DoNotOptimize(oracle->vec_dot(order, r.x, r.y));
  state.SetItemsProcessed(state.iterations() * 16);
  state.SetLabel(std::string(order_name(order)) + ", real GGML");
}
BENCHMARK(BM_OracleVecDot)->Arg(0)->Arg(1)->Arg(2);

void BM_QuantizeQ8K(benchmark::State& state) {
  const Row& r = row();
  std::vector<BlockQ8K> y(16);
  for (auto _ : state) {
    quantize_row_q8_K_ref(r.f32, y);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * 16);
}
BENCHMARK(BM_QuantizeQ8K);

void BM_QuantizeQ4K(benchmark::State& state) {
  const Row& r = row();
  std::vector<BlockQ4K> x(16);
  for (auto _ : state) {
    quantize_row_q4_K_ref(r.f32, x);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * 16);
}
BENCHMARK(BM_QuantizeQ4K);

}  // namespace

BENCHMARK_MAIN();
