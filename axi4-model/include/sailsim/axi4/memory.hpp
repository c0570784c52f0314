// Sparse byte storage for the whole 48-bit space: 4 KiB pages allocated on first write, each
// with a bit per byte that says whether it was ever written (by the bus or the back door).
// Several memory ports may share one Memory. The back door (load / peek) takes no cycles and
// logs nothing.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "sailsim/axi4/params.hpp"
#include "sailsim/axi4/pins.hpp"

namespace sailsim::axi4 {

// Line address (a multiple of 32) -> the line's 32 bytes, for every line written or loaded.
using Snapshot = std::map<uint64_t, Line>;

// What a byte that was never written reads as.
enum class UninitializedFill : uint8_t {
  Zeros,    // 0x00
  Pattern,  // byte (addr % 8) of MemoryConfig::pattern, little-endian: a recognisable stamp
};

struct MemoryConfig {
  UninitializedFill fill = UninitializedFill::Zeros;
  uint64_t pattern = 0xDEADBEEFDEADBEEFull;
};

class Memory {
 public:
  static constexpr uint64_t kPageBytes = 4096;

  explicit Memory(MemoryConfig config = {});

  // Back door. Throws std::out_of_range past the 48-bit space.
  void load(uint64_t addr, std::span<const uint8_t> bytes);
  void peek(uint64_t addr, std::span<uint8_t> out) const;
  std::vector<uint8_t> peek(uint64_t addr, size_t size) const;
  // How many of the bytes in [addr, addr + size) were never written.
  uint64_t uninitialized(uint64_t addr, size_t size) const;

  // Bus side: one line-aligned 32-byte line; strb selects the lanes written. read_line returns
  // the lanes that were never written (they read as the fill).
  void write_line(uint64_t line_addr, const Line& data, uint32_t strb);
  uint32_t read_line(uint64_t line_addr, Line& out) const;

  // Every line written or loaded, as {line address: value}; bytes of such a line that were
  // never written show the fill. The range form keeps lines that overlap [first, last].
  Snapshot snapshot() const;
  Snapshot snapshot(uint64_t first, uint64_t last) const;

  uint8_t fill_byte(uint64_t addr) const;
  size_t page_count() const { return pages_.size(); }
  void clear();
  const MemoryConfig& config() const { return config_; }

 private:
  struct Page {
    std::array<uint8_t, kPageBytes> bytes;
    std::array<uint64_t, kPageBytes / 64> written{};  // one bit per byte
  };
  const Page* find(uint64_t page_index) const;
  Page& touch(uint64_t page_index);
  void add_lines(Snapshot& out, uint64_t page_index, const Page& page, uint64_t first, uint64_t last) const;

  MemoryConfig config_;
  std::unordered_map<uint64_t, std::unique_ptr<Page>> pages_;
  // The last page looked up: bursts touch one page for many beats.
  mutable uint64_t cached_index_ = ~uint64_t{0};
  mutable Page* cached_page_ = nullptr;
};

// A line as a 256-bit number in hex, most significant byte (lane 31) first, with 0x and 64
// digits: how xDATA prints in a waveform or an SV $display.
std::string line_hex(const Line& line);
// The inverse; throws std::invalid_argument on a malformed string.
Line parse_line_hex(std::string_view hex);

}  // namespace sailsim::axi4
