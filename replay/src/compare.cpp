// Data checks: mismatches with addresses, elements, bits, floats and ULP distances.
#include <cstring>
#include <sstream>

#include "run_detail.hpp"
#include "sailsim/ggml/float_bits.hpp"
#include "sailsim/ggml/matmul.hpp"

namespace sailsim::replay::detail {

namespace {

std::string hex(uint64_t v, int width = 0) {
  std::ostringstream os;
  os << "0x" << std::hex;
  if (width) {
    os.width(width);
    os.fill('0');
  }
  os << v;
  return os.str();
}

uint32_t word_at(const Bytes& b, size_t i) {
  uint32_t w = 0;
  std::memcpy(&w, b.data() + 4 * i, 4);
  return w;
}

}  // namespace

std::string compare_bytes(uint64_t addr, const Bytes& expected, const Bytes& actual, size_t max_lines) {
  if (expected == actual) return {};
  std::ostringstream os;
  if (expected.size() != actual.size()) {
    os << "  length: expected " << expected.size() << " bytes, got " << actual.size() << "\n";
  }
  const size_t n = std::min(expected.size(), actual.size());
  size_t shown = 0, total = 0;
  if (n % 4 == 0 && addr % 4 == 0) {
    for (size_t i = 0; i < n / 4; ++i) {
      const uint32_t e = word_at(expected, i), a = word_at(actual, i);
      if (e == a) continue;
      ++total;
      if (shown++ < max_lines) {
        os << "  " << hex(addr + 4 * i) << ": expected " << ggml::describe_bits(e) << ", actual " << ggml::describe_bits(a)
           << ", " << ggml::describe_ulp(e, a) << "\n";
      }
    }
    os << "  " << total << " of " << n / 4 << " words differ\n";
  } else {
    for (size_t i = 0; i < n; ++i) {
      if (expected[i] == actual[i]) continue;
      ++total;
      if (shown++ < max_lines) {
        os << "  " << hex(addr + i) << ": expected " << hex(expected[i], 2) << ", actual " << hex(actual[i], 2) << "\n";
      }
    }
    os << "  " << total << " of " << n << " bytes differ\n";
  }
  return os.str();
}

std::string compare_matmul(uint64_t addr, const MatmulCheck& check, const Bytes& actual, size_t max_lines) {
  const ggml::DotOrder order = *ggml::parse_order(check.order);
  const ggml::MatmulShape shape{check.m, check.k, check.n};
  const std::vector<float> ref = ggml::matmul_q4_K_q8_K(
      order, shape, std::span<const std::byte>(reinterpret_cast<const std::byte*>(check.a.data()), check.a.size()),
      std::span<const std::byte>(reinterpret_cast<const std::byte*>(check.b.data()), check.b.size()));
  std::ostringstream os;
  size_t total = 0;
  for (uint32_t n = 0; n < check.n; ++n) {
    for (uint32_t m = 0; m < check.m; ++m) {
      const size_t i = size_t{n} * check.m + m;
      const uint32_t e = ggml::bits_of(ref[i]);
      const uint32_t a = word_at(actual, i);
      if (ggml::matches_result(e, a)) continue;  // sailsim's one rule: equal bits, or NaN for NaN
      if (total++ < max_lines) {
        os << "  " << hex(addr + 4 * i) << " (m " << m << ", n " << n << "): expected " << ggml::describe_bits(e)
           << ", actual " << ggml::describe_bits(a) << ", " << ggml::describe_ulp(e, a) << "\n";
      }
    }
  }
  if (total == 0) return {};
  os << "  " << total << " of " << ref.size() << " outputs differ from the GGML reference (" << check.order << " order)\n";
  return os.str();
}

}  // namespace sailsim::replay::detail
