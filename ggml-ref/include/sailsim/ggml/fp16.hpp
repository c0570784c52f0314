// IEEE-754 binary16 <-> binary32, exactly as GGML converts them.
#pragma once

#include <cstdint>

namespace sailsim::ggml {

// Exact for every code, subnormals included; NaNs come out quiet with their payload kept.
float fp16_to_fp32(uint16_t h);

// Round to nearest, ties to even, with subnormals; overflow gives +-inf and any NaN gives
// sign|0x7E00 (what ggml_fp32_to_fp16 returns).
uint16_t fp32_to_fp16(float f);

}  // namespace sailsim::ggml
