#include "sailsim/axi4/memory.hpp"

#include <algorithm>
#include <stdexcept>

namespace sailsim::axi4 {

namespace {
constexpr uint64_t kLinesPerPage = Memory::kPageBytes / kDataBytes;

void check_range(uint64_t addr, size_t size) {
  if (addr > kAddrMask || size > kAddrMask + 1 - addr)
    throw std::out_of_range("axi4 memory: access beyond the 48-bit address space");
}

// The written bits of one line (32 bits of the page's bitmap).
uint32_t line_written(const std::array<uint64_t, Memory::kPageBytes / 64>& written, uint64_t line) {
  return static_cast<uint32_t>(written[line / 2] >> (line % 2 * 32));
}
}  // namespace

Memory::Memory(MemoryConfig config) : config_(config) {}

uint8_t Memory::fill_byte(uint64_t addr) const {
  if (config_.fill == UninitializedFill::Zeros) return 0;
  return static_cast<uint8_t>(config_.pattern >> (addr % 8 * 8));
}

const Memory::Page* Memory::find(uint64_t page_index) const {
  if (page_index == cached_index_) return cached_page_;
  auto it = pages_.find(page_index);
  if (it == pages_.end()) return nullptr;
  cached_index_ = page_index;
  cached_page_ = it->second.get();
  return cached_page_;
}

Memory::Page& Memory::touch(uint64_t page_index) {
  if (page_index == cached_index_) return *cached_page_;
  auto& slot = pages_[page_index];
  if (!slot) {
    slot = std::make_unique<Page>();
    const uint64_t base = page_index * kPageBytes;
    for (uint64_t i = 0; i < kPageBytes; ++i) slot->bytes[i] = fill_byte(base + i);
  }
  cached_index_ = page_index;
  cached_page_ = slot.get();
  return *slot;
}

void Memory::load(uint64_t addr, std::span<const uint8_t> bytes) {
  check_range(addr, bytes.size());
  size_t done = 0;
  while (done < bytes.size()) {
    const uint64_t a = addr + done;
    Page& page = touch(a / kPageBytes);
    const uint64_t offset = a % kPageBytes;
    const size_t n = std::min<size_t>(bytes.size() - done, kPageBytes - offset);
    std::copy_n(bytes.data() + done, n, page.bytes.data() + offset);
    for (size_t i = 0; i < n; ++i) page.written[(offset + i) / 64] |= uint64_t{1} << ((offset + i) % 64);
    done += n;
  }
}

void Memory::peek(uint64_t addr, std::span<uint8_t> out) const {
  check_range(addr, out.size());
  size_t done = 0;
  while (done < out.size()) {
    const uint64_t a = addr + done;
    const uint64_t offset = a % kPageBytes;
    const size_t n = std::min<size_t>(out.size() - done, kPageBytes - offset);
    if (const Page* page = find(a / kPageBytes)) {
      std::copy_n(page->bytes.data() + offset, n, out.data() + done);
    } else {
      for (size_t i = 0; i < n; ++i) out[done + i] = fill_byte(a + i);
    }
    done += n;
  }
}

std::vector<uint8_t> Memory::peek(uint64_t addr, size_t size) const {
  std::vector<uint8_t> out(size);
  peek(addr, out);
  return out;
}

uint64_t Memory::uninitialized(uint64_t addr, size_t size) const {
  check_range(addr, size);
  uint64_t count = 0;
  for (size_t i = 0; i < size; ++i) {
    const uint64_t a = addr + i;
    const Page* page = find(a / kPageBytes);
    const uint64_t offset = a % kPageBytes;
    if (!page || !(page->written[offset / 64] >> (offset % 64) & 1)) ++count;
  }
  return count;
}

void Memory::write_line(uint64_t line_addr, const Line& data, uint32_t strb) {
  if (strb == 0) return;
  line_addr &= kAddrMask & ~uint64_t{kDataBytes - 1};
  Page& page = touch(line_addr / kPageBytes);
  const uint64_t offset = line_addr % kPageBytes;
  if (strb == 0xFFFFFFFFu) {
    std::copy(data.begin(), data.end(), page.bytes.begin() + static_cast<std::ptrdiff_t>(offset));
  } else {
    for (uint32_t lanes = strb; lanes; lanes &= lanes - 1) {
      const unsigned lane = static_cast<unsigned>(std::countr_zero(lanes));
      page.bytes[offset + lane] = data[lane];
    }
  }
  const uint64_t line = offset / kDataBytes;
  page.written[line / 2] |= uint64_t{strb} << (line % 2 * 32);
}

uint32_t Memory::read_line(uint64_t line_addr, Line& out) const {
  line_addr &= kAddrMask & ~uint64_t{kDataBytes - 1};
  const Page* page = find(line_addr / kPageBytes);
  if (!page) {
    for (unsigned i = 0; i < kDataBytes; ++i) out[i] = fill_byte(line_addr + i);
    return 0xFFFFFFFFu;
  }
  const uint64_t offset = line_addr % kPageBytes;
  std::copy_n(page->bytes.data() + offset, kDataBytes, out.begin());
  return ~line_written(page->written, offset / kDataBytes);
}

void Memory::add_lines(Snapshot& out, uint64_t page_index, const Page& page, uint64_t first,
                       uint64_t last) const {
  const uint64_t base = page_index * kPageBytes;
  for (uint64_t line = 0; line < kLinesPerPage; ++line) {
    const uint64_t addr = base + line * kDataBytes;
    if (addr + kDataBytes - 1 < first || addr > last) continue;
    if (line_written(page.written, line) == 0) continue;
    Line value;
    std::copy_n(page.bytes.data() + line * kDataBytes, kDataBytes, value.begin());
    out.emplace(addr, value);
  }
}

Snapshot Memory::snapshot() const { return snapshot(0, kAddrMask); }

Snapshot Memory::snapshot(uint64_t first, uint64_t last) const {
  Snapshot out;
  if (last < first) return out;
  const uint64_t first_page = first / kPageBytes;
  const uint64_t last_page = last / kPageBytes;
  if (last_page - first_page < pages_.size()) {
    for (uint64_t index = first_page; index <= last_page; ++index) {
      if (const Page* page = find(index)) add_lines(out, index, *page, first, last);
    }
  } else {
    for (const auto& [index, page] : pages_) {
      if (index >= first_page && index <= last_page) add_lines(out, index, *page, first, last);
    }
  }
  return out;
}

void Memory::clear() {
  pages_.clear();
  cached_index_ = ~uint64_t{0};
  cached_page_ = nullptr;
}

std::string line_hex(const Line& line) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "0x";
  out.reserve(2 + 2 * kDataBytes);
  for (unsigned i = kDataBytes; i-- > 0;) {
    out += kDigits[line[i] >> 4];
    out += kDigits[line[i] & 15];
  }
  return out;
}

Line parse_line_hex(std::string_view hex) {
  if (hex.starts_with("0x") || hex.starts_with("0X")) hex.remove_prefix(2);
  if (hex.size() > 2 * kDataBytes || hex.empty())
    throw std::invalid_argument("line hex: at most 64 hex digits are expected");
  Line line{};
  for (size_t i = 0; i < hex.size(); ++i) {
    const char c = hex[hex.size() - 1 - i];  // least significant digit first
    unsigned v;
    if (c >= '0' && c <= '9') v = static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') v = static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') v = static_cast<unsigned>(c - 'A' + 10);
    else throw std::invalid_argument("line hex: not a hex digit");
    line[i / 2] |= static_cast<uint8_t>(v << (i % 2 * 4));
  }
  return line;
}

}  // namespace sailsim::axi4
