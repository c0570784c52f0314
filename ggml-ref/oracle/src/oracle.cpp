#include "sailsim/ggml/oracle.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <system_error>
#include <mutex>
#include <string>

namespace sailsim::ggml {

namespace {

constexpr const char* kInstallHint =
    "Install the pinned GGML package with `scripts/deps.sh` (npm @node-llama-cpp/linux-x64@3.22.1, "
    "into .deps/ggml-npm), or point SAILSIM_GGML_LIBDIR at a folder that holds libggml-base.so and "
    "libggml-cpu-x64.so (and libggml-cpu-haswell.so for the fused and SIMD orders).";

using QuantizeFn = void (*)(const float*, void*, int64_t);
using DequantizeFn = void (*)(const void*, float*, int64_t);
using VecDotFn = void (*)(int, float*, size_t, const void*, size_t, const void*, size_t, int);
using Fp16ToFp32Fn = float (*)(uint16_t);
using Fp32ToFp16Fn = uint16_t (*)(float);
using StringFn = const char* (*)();
using InitFn = void (*)();

struct Library {
  void* handle = nullptr;
  std::filesystem::path path;

  static Library open(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path)) {
      throw OracleUnavailable("GGML oracle: " + path.string() + " does not exist. " + kInstallHint);
    }
    // RTLD_LOCAL: the x64 and haswell CPU libraries export the same names; each is
    // reached only through its own handle.
    void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!h) throw OracleUnavailable("GGML oracle: cannot load " + path.string() + ": " + dlerror());
    return Library{h, path};
  }

  template <class Fn>
  Fn symbol(const char* name) const {
    dlerror();
    void* p = dlsym(handle, name);
    if (!p) {
      throw OracleUnavailable("GGML oracle: " + path.string() + " does not export " + name +
                              "; is this GGML build too old or too new? " + kInstallHint);
    }
    return reinterpret_cast<Fn>(p);
  }
};

bool cpu_runs_haswell_build() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c") &&
         __builtin_cpu_supports("bmi2");
}

}  // namespace

struct Oracle::Impl {
  std::filesystem::path dir;
  Library base, cpu, haswell;
  StringFn version = nullptr, commit = nullptr;
  Fp16ToFp32Fn fp16_to_fp32 = nullptr;
  Fp32ToFp16Fn fp32_to_fp16 = nullptr;
  QuantizeFn quantize_q4k = nullptr, quantize_q8k = nullptr;
  DequantizeFn dequantize_q4k = nullptr, dequantize_q8k = nullptr;
  VecDotFn dot_generic = nullptr, dot_fused = nullptr, dot_simd = nullptr;
};

std::filesystem::path Oracle::default_libdir(std::string* source) {
  if (const char* env = std::getenv("SAILSIM_GGML_LIBDIR"); env && *env) {
    if (source) *source = "SAILSIM_GGML_LIBDIR";
    return env;
  }
  // An installed sailsim (cmake --install, the .deb) has its own copy of the pinned libraries
  // at a fixed place beside its programs; a build tree has none and uses the npm install.
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path installed = (exe.parent_path() / SAILSIM_GGML_INSTALLED_RELDIR).lexically_normal();
    if (std::filesystem::is_regular_file(installed / "libggml-base.so", ec)) {
      if (source) *source = "the installed package";
      return installed;
    }
  }
  if (source) *source = "the pinned npm install";
  return SAILSIM_GGML_NPM_LIBDIR;
}

std::unique_ptr<Oracle> Oracle::load(const std::filesystem::path& libdir) {
  std::string source = "the caller";
  const std::filesystem::path dir = libdir.empty() ? default_libdir(&source) : libdir;
  if (!std::filesystem::is_directory(dir)) {
    throw OracleUnavailable("GGML oracle: no folder " + dir.string() + " (from " + source + "). " + kInstallHint);
  }
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->base = Library::open(dir / "libggml-base.so");
  impl->cpu = Library::open(dir / "libggml-cpu-x64.so");
  impl->version = impl->base.symbol<StringFn>("ggml_version");
  impl->commit = impl->base.symbol<StringFn>("ggml_commit");
  impl->fp16_to_fp32 = impl->base.symbol<Fp16ToFp32Fn>("ggml_fp16_to_fp32");
  impl->fp32_to_fp16 = impl->base.symbol<Fp32ToFp16Fn>("ggml_fp32_to_fp16");
  impl->quantize_q4k = impl->base.symbol<QuantizeFn>("quantize_row_q4_K_ref");
  impl->quantize_q8k = impl->base.symbol<QuantizeFn>("quantize_row_q8_K_ref");
  impl->dequantize_q4k = impl->base.symbol<DequantizeFn>("dequantize_row_q4_K");
  impl->dequantize_q8k = impl->base.symbol<DequantizeFn>("dequantize_row_q8_K");
  // Without ggml_cpu_init() the CPU library's fp16 table is empty and every dot is 0.
  impl->cpu.symbol<InitFn>("ggml_cpu_init")();
  impl->dot_generic = impl->cpu.symbol<VecDotFn>("ggml_vec_dot_q4_K_q8_K_generic");
  const auto haswell = dir / "libggml-cpu-haswell.so";
  if (std::filesystem::exists(haswell) && cpu_runs_haswell_build()) {
    impl->haswell = Library::open(haswell);
    impl->haswell.symbol<InitFn>("ggml_cpu_init")();
    impl->dot_fused = impl->haswell.symbol<VecDotFn>("ggml_vec_dot_q4_K_q8_K_generic");
    impl->dot_simd = impl->haswell.symbol<VecDotFn>("ggml_vec_dot_q4_K_q8_K");
  }
  return std::unique_ptr<Oracle>(new Oracle(std::move(impl)));
}

Oracle& Oracle::shared() {
  static std::once_flag once;
  static std::unique_ptr<Oracle> instance;
  std::call_once(once, [] { instance = load(); });
  return *instance;
}

Oracle::Oracle(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
// The libraries stay loaded: GGML keeps global state (tables, thread pools) that outlives
// any one Oracle, and unloading them buys nothing in a test process.
Oracle::~Oracle() = default;

const std::filesystem::path& Oracle::libdir() const { return impl_->dir; }
std::string Oracle::version() const { return impl_->version(); }
std::string Oracle::commit() const { return impl_->commit(); }
bool Oracle::has_alternate_orders() const { return impl_->dot_fused != nullptr; }

float Oracle::fp16_to_fp32(uint16_t h) const { return impl_->fp16_to_fp32(h); }
uint16_t Oracle::fp32_to_fp16(float f) const { return impl_->fp32_to_fp16(f); }

void Oracle::quantize_row_q4_K_ref(std::span<const float> x, std::span<BlockQ4K> y) const {
  if (x.size() != y.size() * kQK) throw std::invalid_argument("oracle quantize_row_q4_K_ref: size mismatch");
  impl_->quantize_q4k(x.data(), y.data(), static_cast<int64_t>(x.size()));
}

void Oracle::quantize_row_q8_K_ref(std::span<const float> x, std::span<BlockQ8K> y) const {
  if (x.size() != y.size() * kQK) throw std::invalid_argument("oracle quantize_row_q8_K_ref: size mismatch");
  impl_->quantize_q8k(x.data(), y.data(), static_cast<int64_t>(x.size()));
}

void Oracle::dequantize_row_q4_K(std::span<const BlockQ4K> x, std::span<float> y) const {
  if (y.size() != x.size() * kQK) throw std::invalid_argument("oracle dequantize_row_q4_K: size mismatch");
  impl_->dequantize_q4k(x.data(), y.data(), static_cast<int64_t>(y.size()));
}

void Oracle::dequantize_row_q8_K(std::span<const BlockQ8K> x, std::span<float> y) const {
  if (y.size() != x.size() * kQK) throw std::invalid_argument("oracle dequantize_row_q8_K: size mismatch");
  impl_->dequantize_q8k(x.data(), y.data(), static_cast<int64_t>(y.size()));
}

float Oracle::vec_dot(DotOrder order, std::span<const BlockQ4K> x, std::span<const BlockQ8K> y) const {
  if (x.size() != y.size()) throw std::invalid_argument("oracle vec_dot: block counts differ");
  VecDotFn fn = impl_->dot_generic;
  if (order != DotOrder::Generic) {
    fn = order == DotOrder::Fused ? impl_->dot_fused : impl_->dot_simd;
    if (!fn) {
      throw OracleUnavailable("GGML oracle: the " + std::string(order_name(order)) +
                              " order needs libggml-cpu-haswell.so in " + impl_->dir.string() +
                              " and a CPU with AVX2, FMA and F16C");
    }
  }
  float s = 0;
  fn(static_cast<int>(x.size() * kQK), &s, 0, x.data(), 0, y.data(), 0, 1);
  return s;
}

}  // namespace sailsim::ggml
