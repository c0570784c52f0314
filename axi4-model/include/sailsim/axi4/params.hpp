// The AXI4 parameters of the Sail card (contracts.md section 1). The same numbers live in
// rtl/axi4_pkg.sv; each constant here is named after its SV counterpart (DataWidth ->
// kDataWidth) so that a test can check that the two agree.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sailsim::axi4 {

// Bus geometry.
inline constexpr unsigned kDataWidth = 256;             // bits; one 32-byte line per beat
inline constexpr unsigned kStrbWidth = kDataWidth / 8;  // byte lanes
inline constexpr unsigned kDataBytes = kStrbWidth;      // bytes per full beat
inline constexpr unsigned kAddrWidth = 48;              // physical address bits
inline constexpr unsigned kIdWidth = 4;                 // ID width at a master
inline constexpr unsigned kLenWidth = 8;
inline constexpr unsigned kSizeWidth = 3;
inline constexpr unsigned kBurstWidth = 2;
inline constexpr unsigned kRespWidth = 2;
inline constexpr unsigned kCacheWidth = 4;
inline constexpr unsigned kProtWidth = 3;
inline constexpr unsigned kQosWidth = 4;

inline constexpr uint64_t kAddrMask = (uint64_t{1} << kAddrWidth) - 1;

// AxSIZE of a full-width beat: log2(kStrbWidth).
inline constexpr unsigned kSizeFull = 5;
static_assert((1u << kSizeFull) == kStrbWidth);

// Largest burst lengths, in beats.
inline constexpr unsigned kMaxBeatsIncr = 256;
inline constexpr unsigned kMaxBeatsWrapFixed = 16;
// An INCR burst never crosses a boundary of this many bytes.
inline constexpr uint64_t kBoundaryBytes = 4096;

// AxBURST codes (3 is reserved).
enum class Burst : uint8_t { Fixed = 0, Incr = 1, Wrap = 2, Reserved = 3 };
inline constexpr uint8_t kBurstFixed = 0;
inline constexpr uint8_t kBurstIncr = 1;
inline constexpr uint8_t kBurstWrap = 2;

// xRESP codes.
enum class Resp : uint8_t { Okay = 0, ExOkay = 1, SlvErr = 2, DecErr = 3 };
inline constexpr uint8_t kRespOkay = 0;
inline constexpr uint8_t kRespExOkay = 1;
inline constexpr uint8_t kRespSlvErr = 2;
inline constexpr uint8_t kRespDecErr = 3;

// Direction of a transaction.
enum class Dir : uint8_t { Read, Write };

// Names as sequences spell them: FIXED INCR WRAP RESERVED, OKAY EXOKAY SLVERR DECERR,
// read write.
std::string_view to_string(Burst burst);
std::string_view to_string(Resp resp);
std::string_view to_string(Dir dir);
std::optional<Burst> parse_burst(std::string_view name);
std::optional<Resp> parse_resp(std::string_view name);
std::optional<Dir> parse_dir(std::string_view name);

// The worse of two responses, for a transaction made of several beats or bursts: any error
// wins over OKAY/EXOKAY, DECERR over SLVERR.
constexpr Resp worse(Resp a, Resp b) {
  auto rank = [](Resp r) {
    switch (r) {
      case Resp::Okay: return 0;
      case Resp::ExOkay: return 1;
      case Resp::SlvErr: return 2;
      case Resp::DecErr: return 3;
    }
    return 3;
  };
  return rank(a) >= rank(b) ? a : b;
}

}  // namespace sailsim::axi4
