// sailsim-make-vector-set: writes a new GGML vector set in the format ggml-q4k-q8k-oracle/1
// with every bit made by the real GGML binaries (the oracle): quantize_row_q4_K_ref and
// quantize_row_q8_K_ref for the operands, and the three dot kernels for out.bin,
// out_fma.bin and out_simd.bin. sailsim's own reference has no part in it, so a set made
// here checks that reference (and later the RTL) against GGML on shapes never seen before.
#include <CLI/CLI.hpp>

#include <cstring>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>

#include "random_blocks.hpp"
#include "sailsim/ggml/oracle.hpp"
#include "sailsim/vecset/sha256.hpp"

namespace fs = std::filesystem;
using namespace sailsim;

namespace {

template <class T>
std::span<const std::byte> bytes_of(const std::vector<T>& v) {
  return std::as_bytes(std::span<const T>(v));
}

std::string file_entry(const fs::path& dir, const std::string& name, std::span<const std::byte> data,
                       const std::string& layout) {
  std::ofstream(dir / name, std::ios::binary).write(reinterpret_cast<const char*>(data.data()),
                                                    static_cast<std::streamsize>(data.size()));
  return "  " + name + ": {bytes: " + std::to_string(data.size()) + ", sha256: " + vecset::sha256_hex(data) +
         ", layout: \"" + layout + "\"}\n";
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// One case from its f32 operands: quantized, multiplied and written by the oracle alone.
// Returns its line of index.yaml.
std::string write_case(const ggml::Oracle* oracle, const fs::path& root, const std::string& name,
                       const std::string& kind, uint64_t seed, int64_t m, int64_t k, int64_t n,
                       const std::vector<float>& a_f32, const std::vector<float>& b_f32, std::vector<float>* generic_out) {
  const fs::path dir = root / name;
  fs::create_directories(dir);
  const auto bpr = static_cast<size_t>(k / 256);
  std::vector<ggml::BlockQ4K> a(static_cast<size_t>(m) * bpr);
  std::vector<ggml::BlockQ8K> b(static_cast<size_t>(n) * bpr);
  std::memset(b.data(), 0, b.size() * sizeof(ggml::BlockQ8K));  // GGML leaves bsums of zero blocks alone
  oracle->quantize_row_q4_K_ref(a_f32, a);
  oracle->quantize_row_q8_K_ref(b_f32, b);

  std::vector<float> outs[3];
  const ggml::DotOrder orders[3] = {ggml::DotOrder::Generic, ggml::DotOrder::Fused, ggml::DotOrder::Simd};
  for (int o = 0; o < 3; ++o) {
    for (size_t in = 0; in < static_cast<size_t>(n); ++in) {
      for (size_t im = 0; im < static_cast<size_t>(m); ++im) {
        outs[o].push_back(oracle->vec_dot(orders[o], std::span(a).subspan(im * bpr, bpr),
                                          std::span(b).subspan(in * bpr, bpr)));
      }
    }
  }
  std::string meta = "format: ggml-q4k-q8k-oracle/1\ncase: " + name + "\nkind: " + kind +
                     "\ndegenerate_inputs: false\nseed: " + std::to_string(seed) + "\nM: " + std::to_string(m) +
                     "\nK: " + std::to_string(k) + "\nN: " + std::to_string(n) +
                     "\nggml:\n  ggml_version: \"" + oracle->version() + "\"\n  ggml_commit: \"" + oracle->commit() +
                     "\"\n  made_by: sailsim-make-vector-set\nfiles:\n";
  meta += file_entry(dir, "a_f32.bin", bytes_of(a_f32), "float32 LE, [M][K]");
  meta += file_entry(dir, "b_f32.bin", bytes_of(b_f32), "float32 LE, [N][K]");
  meta += file_entry(dir, "a.bin", bytes_of(a), "block_q4_K x [M][K/256]");
  meta += file_entry(dir, "b.bin", bytes_of(b), "block_q8_K x [N][K/256]");
  meta += file_entry(dir, "out.bin", bytes_of(outs[0]), "float32 LE, [N][M], generic order");
  meta += file_entry(dir, "out_fma.bin", bytes_of(outs[1]), "ALTERNATE: fused generic order");
  meta += file_entry(dir, "out_simd.bin", bytes_of(outs[2]), "ALTERNATE: AVX2 order");
  std::ofstream(dir / "meta.yaml", std::ios::binary) << meta;
  const std::string meta_text = read_text(dir / "meta.yaml");
  std::string index = "  - {dir: " + name + ", kind: " + kind + ", M: " + std::to_string(m) +
           ", K: " + std::to_string(k) + ", N: " + std::to_string(n) +
           ", meta_sha256: " + vecset::sha256_hex(std::as_bytes(std::span(meta_text.data(), meta_text.size()))) + "}\n";

  if (generic_out) *generic_out = outs[0];
  return index;
}

bool is_nan_value(float f) { return f != f; }

// The fixed case of vectors/ggml/nonfinite: M = 4, K = 512, N = 3, with rows chosen so that
// GGML's own outputs hold NaNs, infinities and ordinary numbers side by side:
//   A row 0: weights near 1e6, so that the Q4_K super-block scale d overflows fp16 to +inf;
//   A row 1: ordinary Gaussian weights;       A row 2: the negation of row 0;
//   A row 3: block 0 as row 0, block 1 ordinary;
//   B row 0: ordinary Gaussian activations;   B row 1: all zero (Q8_K d = 0, so inf x 0);
//   B row 2: activations near 3e36, so that ordinary weights overflow the float sum.
// The tool fails unless the outputs really hold a NaN, an infinity and a finite value.
int write_nonfinite_set(const ggml::Oracle* oracle, const fs::path& root) {
  constexpr int64_t m = 4, k = 512, n = 3;
  testing::Rng rng(2026);
  auto gauss_block = [&](float scale) {
    std::vector<float> v = testing::random_f32_block(rng, "gauss");
    for (float& x : v) x *= scale;
    return v;
  };
  std::vector<float> a_f32, b_f32;
  auto append = [](std::vector<float>& to, const std::vector<float>& blk) { to.insert(to.end(), blk.begin(), blk.end()); };
  append(a_f32, gauss_block(1e6f));  // row 0
  append(a_f32, gauss_block(1e6f));
  append(a_f32, gauss_block(1.0f));  // row 1
  append(a_f32, gauss_block(1.0f));
  for (int i = 0; i < 512; ++i) a_f32.push_back(-a_f32[static_cast<size_t>(i)]);  // row 2
  append(a_f32, gauss_block(1e6f));  // row 3
  append(a_f32, gauss_block(1.0f));
  append(b_f32, gauss_block(1.0f));  // row 0
  append(b_f32, gauss_block(1.0f));
  b_f32.insert(b_f32.end(), 512, 0.0f);  // row 1
  append(b_f32, gauss_block(3e36f));  // row 2
  append(b_f32, gauss_block(3e36f));

  fs::create_directories(root);
  std::vector<float> out;
  std::string index = "format: ggml-q4k-q8k-oracle/1\nset: nonfinite\ndescription: \"made by "
                      "sailsim-make-vector-set --nonfinite from the GGML oracle (ggml " +
                      oracle->version() + "): GGML outputs that are NaN and infinite\"\ncases:\n";
  index += write_case(oracle, root, "n00_nonfinite_m4_k512_n3", "nonfinite", 2026, m, k, n, a_f32, b_f32, &out);
  std::ofstream(root / "index.yaml", std::ios::binary) << index;
  size_t nans = 0, infs = 0, finite = 0;
  for (float f : out) {
    if (is_nan_value(f)) {
      ++nans;
    } else if (f == std::numeric_limits<float>::infinity() || f == -std::numeric_limits<float>::infinity()) {
      ++infs;
    } else {
      ++finite;
    }
  }
  std::cout << "wrote 1 case to " << root.string() << ": " << nans << " NaN, " << infs << " infinite, " << finite
            << " finite outputs (generic order)\n";
  if (nans == 0 || infs == 0 || finite == 0) {
    std::cerr << "error: the nonfinite case needs a NaN, an infinity and a finite output\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Write a GGML Q4_K x Q8_K vector set made entirely by the real GGML binaries"};
  std::string out_dir;
  uint64_t seed = 1;
  int cases = 6, max_m = 24, max_n = 12, max_k = 2048;
  app.add_option("--out", out_dir, "Folder to create (its index.yaml and one folder per case)")->required();
  app.add_option("--seed", seed, "Seed of the shapes and data")->capture_default_str();
  app.add_option("--cases", cases, "How many cases")->capture_default_str()->check(CLI::Range(1, 1000));
  app.add_option("--max-m", max_m, "Largest M")->capture_default_str()->check(CLI::Range(1, 4096));
  app.add_option("--max-n", max_n, "Largest N")->capture_default_str()->check(CLI::Range(1, 4096));
  bool nonfinite = false;
  app.add_flag("--nonfinite", nonfinite,
               "Instead of random cases, the one fixed case whose GGML outputs hold NaNs and infinities "
               "(vectors/ggml/nonfinite)");
  app.add_option("--max-k", max_k, "Largest K (a multiple of 256)")->capture_default_str()->check(CLI::Range(256, 65536));
  CLI11_PARSE(app, argc, argv);

  const ggml::Oracle* oracle = nullptr;
  try {
    oracle = &ggml::Oracle::shared();
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
  if (!oracle->has_alternate_orders()) {
    std::cerr << "error: the fused and SIMD orders need libggml-cpu-haswell.so and an AVX2/FMA CPU\n";
    return 2;
  }

  if (nonfinite) return write_nonfinite_set(oracle, out_dir);

  testing::Rng rng(seed);
  const fs::path root = out_dir;
  fs::create_directories(root);
  std::string index = "format: ggml-q4k-q8k-oracle/1\nset: generated_seed" + std::to_string(seed) +
                      "\ndescription: \"made by sailsim-make-vector-set from the GGML oracle (ggml " +
                      oracle->version() + ")\"\ncases:\n";
  for (int ci = 0; ci < cases; ++ci) {
    const int64_t m = rng.range(1, max_m), n = rng.range(1, max_n), k = 256 * rng.range(1, max_k / 256);
    const auto& kinds = testing::f32_kinds();
    const std::string kind = kinds[static_cast<size_t>(rng.range(0, static_cast<int64_t>(kinds.size()) - 1))];
    char name[96];
    std::snprintf(name, sizeof name, "g%02d_%s_m%lld_k%lld_n%lld", ci, kind.c_str(), static_cast<long long>(m),
                  static_cast<long long>(k), static_cast<long long>(n));
    const fs::path dir = root / name;
    fs::create_directories(dir);

    const auto bpr = static_cast<size_t>(k / 256);
    std::vector<float> a_f32, b_f32;
    for (size_t i = 0; i < static_cast<size_t>(m) * bpr; ++i) {
      const auto blk = testing::random_f32_block(rng, kind);
      a_f32.insert(a_f32.end(), blk.begin(), blk.end());
    }
    for (size_t i = 0; i < static_cast<size_t>(n) * bpr; ++i) {
      const auto blk = testing::random_f32_block(rng, kind == "mixed" ? "mixed" : "gauss");
      b_f32.insert(b_f32.end(), blk.begin(), blk.end());
    }
    index += write_case(oracle, root, name, kind, seed, m, k, n, a_f32, b_f32, nullptr);
  }
  std::ofstream(root / "index.yaml", std::ios::binary) << index;
  std::cout << "wrote " << cases << " cases to " << root.string() << "\n";
  return 0;
}
