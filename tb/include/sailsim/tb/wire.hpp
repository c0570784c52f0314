// One Verilated signal, type-erased: a pointer to its storage, how it is stored, and how
// many bits of it are the signal. Verilator stores a signal of 1-8 bits as CData (uint8_t),
// 9-16 as SData, 17-32 as IData, 33-64 as QData, and wider ones as VlWide<words> (32-bit
// words, word 0 = bits 31..0). The C++ type does not say the declared width, so a Wire is
// told it (the AXI4 width of the signal, capped by its storage); writes are masked to it,
// because a Verilated model assumes the unused high bits of an input are zero.
#pragma once

#include <algorithm>
#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace sailsim::tb {

static_assert(std::endian::native == std::endian::little,
              "byte lane i of a Verilated signal is byte i of its storage only on little-endian hosts");

enum class WireKind : uint8_t { Bits8, Bits16, Bits32, Bits64, Words32 };

class Wire {
 public:
  Wire() = default;  // unbound: an optional signal the module does not have
  Wire(void* storage, WireKind kind, unsigned storage_bits, unsigned width)
      : storage_(storage),
        kind_(kind),
        width_(static_cast<uint16_t>(std::min(width, storage_bits))),
        storage_bits_(static_cast<uint16_t>(storage_bits)) {}

  bool bound() const { return storage_ != nullptr; }
  unsigned width() const { return width_; }
  unsigned storage_bits() const { return storage_bits_; }
  WireKind kind() const { return kind_; }
  const void* storage() const { return storage_; }

  // The same storage with another width (still capped by the storage).
  Wire with_width(unsigned width) const { return Wire(storage_, kind_, storage_bits_, width); }

  // The low 64 bits (0 when unbound).
  uint64_t get() const {
    if (storage_ == nullptr) return 0;
    switch (kind_) {
      case WireKind::Bits8: return *static_cast<const uint8_t*>(storage_);
      case WireKind::Bits16: return *static_cast<const uint16_t*>(storage_);
      case WireKind::Bits32: return *static_cast<const uint32_t*>(storage_);
      case WireKind::Bits64: return *static_cast<const uint64_t*>(storage_);
      case WireKind::Words32: {
        const auto* words = static_cast<const uint32_t*>(storage_);
        return storage_bits_ > 32 ? words[0] | uint64_t{words[1]} << 32 : words[0];
      }
    }
    return 0;
  }

  // Writes value masked to the signal's width (a no-op when unbound).
  void set(uint64_t value) const {
    if (storage_ == nullptr) return;
    value &= low_mask();
    switch (kind_) {
      case WireKind::Bits8: *static_cast<uint8_t*>(storage_) = static_cast<uint8_t>(value); return;
      case WireKind::Bits16: *static_cast<uint16_t*>(storage_) = static_cast<uint16_t>(value); return;
      case WireKind::Bits32: *static_cast<uint32_t*>(storage_) = static_cast<uint32_t>(value); return;
      case WireKind::Bits64: *static_cast<uint64_t*>(storage_) = value; return;
      case WireKind::Words32: {
        auto* words = static_cast<uint32_t*>(storage_);
        std::memset(words, 0, storage_bits_ / 8);
        std::memcpy(words, &value, std::min<size_t>(8, storage_bits_ / 8));
        return;
      }
    }
  }

  // Byte lanes: byte i of out is bits 8i+7..8i. Lanes past the signal are zeros.
  void get_bytes(uint8_t* out, size_t n) const {
    const size_t have = std::min<size_t>(n, (width_ + 7) / 8);
    if (storage_ != nullptr) std::memcpy(out, storage_, have);
    std::memset(out + have, 0, n - have);
  }

  // Writes byte lanes masked to the signal's width; lanes past n are zeros.
  void set_bytes(const uint8_t* in, size_t n) const {
    if (storage_ == nullptr) return;
    auto* bytes = static_cast<uint8_t*>(storage_);
    const size_t total = storage_bits_ / 8;
    const size_t copy = std::min<size_t>(n, total);
    std::memcpy(bytes, in, copy);
    std::memset(bytes + copy, 0, total - copy);
    if (width_ < storage_bits_) {  // rare: a signal narrower than its storage
      const size_t full = width_ / 8;
      if (width_ % 8 != 0) bytes[full] &= static_cast<uint8_t>((1u << (width_ % 8)) - 1);
      const size_t keep = full + (width_ % 8 != 0 ? 1 : 0);
      std::memset(bytes + keep, 0, total - keep);
    }
  }

 private:
  uint64_t low_mask() const { return width_ >= 64 ? ~uint64_t{0} : (uint64_t{1} << width_) - 1; }

  void* storage_ = nullptr;
  WireKind kind_ = WireKind::Bits8;
  uint16_t width_ = 0;
  uint16_t storage_bits_ = 0;
};

// Verilator's VlWide<words>: an array of 32-bit words behind data().
template <class T>
concept WideSignal = requires(T& signal) {
  { signal.data() } -> std::same_as<uint32_t*>;
} && sizeof(T) % sizeof(uint32_t) == 0;

// A Wire on one Verilated signal whose AXI4 width is `width` bits (0: all of its storage).
template <class T>
Wire wire_of(T& signal, unsigned width) {
  using S = std::remove_cv_t<T>;
  static_assert(!std::is_const_v<T>, "a port signal must be writable");
  constexpr unsigned bits = sizeof(S) * 8;
  if (width == 0) width = bits;
  if constexpr (std::is_same_v<S, uint8_t>) {
    return Wire(&signal, WireKind::Bits8, bits, width);
  } else if constexpr (std::is_same_v<S, uint16_t>) {
    return Wire(&signal, WireKind::Bits16, bits, width);
  } else if constexpr (std::is_same_v<S, uint32_t>) {
    return Wire(&signal, WireKind::Bits32, bits, width);
  } else if constexpr (std::is_same_v<S, uint64_t>) {
    return Wire(&signal, WireKind::Bits64, bits, width);
  } else if constexpr (WideSignal<S>) {
    return Wire(signal.data(), WireKind::Words32, bits, width);
  } else {
    static_assert(sizeof(S) == 0, "not a Verilated signal type (CData/SData/IData/QData/VlWide)");
  }
}

}  // namespace sailsim::tb
