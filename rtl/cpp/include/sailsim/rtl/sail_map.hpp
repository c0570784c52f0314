// The Sail card's address map and control-block registers as C++ sees them: the same
// numbers as rtl/sail_pkg.sv. tests/sail-top/sail_map_test.cpp compares every constant with
// the package through a Verilated probe, and sail_top_test.cpp reads every register over AXI.
#pragma once

#include <cstdint>

namespace sailsim::rtl {

// Crossbar ports.
inline constexpr unsigned kMasterHost = 0;
inline constexpr unsigned kMasterEngine = 1;
inline constexpr unsigned kMasterIdxBits = 1;  // ID bits the crossbar prepends
inline constexpr unsigned kSlaveCtrl = 0;
inline constexpr unsigned kSlaveDdr = 1;

// Address map (contracts.md section 2): [start, end).
inline constexpr uint64_t kCtrlStart = 0x0000'0000;
inline constexpr uint64_t kCtrlEnd = 0x0001'0000;
inline constexpr uint64_t kDdrStart = 0x0001'0000;
inline constexpr uint64_t kDdrEnd = 0x4000'0000;  // sail_top's default DdrEnd

// Control block registers: byte offsets of 32-bit little-endian registers.
namespace reg {
inline constexpr uint32_t kId = 0x0000;
inline constexpr uint32_t kVersion = 0x0004;
inline constexpr uint32_t kConfig = 0x0008;
inline constexpr uint32_t kScratch = 0x000C;
inline constexpr uint32_t kDdrStartLo = 0x0010;
inline constexpr uint32_t kDdrStartHi = 0x0014;
inline constexpr uint32_t kDdrEndLo = 0x0018;
inline constexpr uint32_t kDdrEndHi = 0x001C;
}  // namespace reg

inline constexpr uint32_t kIdValue = 0x5341'494C;  // "SAIL"
inline constexpr uint32_t kVersionMajor = 0;
inline constexpr uint32_t kVersionMinor = 1;
inline constexpr uint32_t kVersionPatch = 0;
inline constexpr uint32_t kVersionValue = kVersionMajor << 24 | kVersionMinor << 16 | kVersionPatch;
// CONFIG: DDR ports [23:16], master ID bits [15:8], bytes per beat [7:0].
inline constexpr uint32_t kConfigValue = 1u << 16 | 4u << 8 | 32u;

}  // namespace sailsim::rtl
