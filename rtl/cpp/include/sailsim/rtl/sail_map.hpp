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
inline constexpr uint32_t kEngineConfig = 0x0020;  // max K blocks [31:16], queue depth [15:8], lanes [7:0]
inline constexpr uint32_t kStatus = 0x0024;
inline constexpr uint32_t kIrqStatus = 0x0028;
inline constexpr uint32_t kIrqEnable = 0x002C;
inline constexpr uint32_t kIrqClear = 0x0030;  // write 1s to clear IRQ_STATUS bits
inline constexpr uint32_t kLastTag = 0x0034;
inline constexpr uint32_t kLastError = 0x0038;  // a JobError (sail_desc.hpp)
inline constexpr uint32_t kQueueRejects = 0x003C;
// 64-bit performance counters, low word first.
inline constexpr uint32_t kBusyCycles = 0x0040;
inline constexpr uint32_t kBytesRead = 0x0048;
inline constexpr uint32_t kBytesWritten = 0x0050;
inline constexpr uint32_t kReadStalls = 0x0058;
inline constexpr uint32_t kJobsDone = 0x0060;
inline constexpr uint32_t kJobsFailed = 0x0068;
inline constexpr uint32_t kPerfClear = 0x0070;  // write 1 to zero the counters
// The command queue: one 64-byte descriptor per write burst; SLVERR when full.
inline constexpr uint32_t kQueue = 0x4000;
}  // namespace reg

inline constexpr uint32_t kQueueBytes = 64;

// STATUS bits.
namespace status {
inline constexpr uint32_t kBusy = 1u << 0;
inline constexpr uint32_t kQueueFull = 1u << 1;
inline constexpr uint32_t kIrq = 1u << 2;
inline constexpr unsigned kQueuedShift = 8;  // [15:8] jobs waiting
}  // namespace status

// IRQ_STATUS / IRQ_ENABLE / IRQ_CLEAR bits.
namespace irq {
inline constexpr uint32_t kDone = 1u << 0;
inline constexpr uint32_t kError = 1u << 1;
}  // namespace irq

// The engine's defaults (sail_top parameters).
inline constexpr unsigned kEngineLanes = 8;
inline constexpr unsigned kEngineBufBlocks = 128;  // Q8_K blocks on chip
inline constexpr unsigned kQueueDepth = 4;
inline constexpr uint32_t kMaxK = kEngineBufBlocks * 256;  // a longer K is refused (BadK)
inline constexpr uint32_t kEngineConfigValue = kEngineBufBlocks << 16 | kQueueDepth << 8 | kEngineLanes;

inline constexpr uint32_t kIdValue = 0x5341'494C;  // "SAIL"
inline constexpr uint32_t kVersionMajor = 0;
inline constexpr uint32_t kVersionMinor = 2;
inline constexpr uint32_t kVersionPatch = 0;
inline constexpr uint32_t kVersionValue = kVersionMajor << 24 | kVersionMinor << 16 | kVersionPatch;
// CONFIG: DDR ports [23:16], master ID bits [15:8], bytes per beat [7:0].
inline constexpr uint32_t kConfigValue = 1u << 16 | 4u << 8 | 32u;

}  // namespace sailsim::rtl
