// rtl/fp16_to_fp32.sv, Verilated, on all 65,536 half codes against the real GGML conversion.
#include <gtest/gtest.h>
#include <verilated.h>

#include <memory>

#include "Vfp16_to_fp32.h"
#include "oracle_guard.hpp"
#include "sailsim/ggml/float_bits.hpp"
#include "sailsim/ggml/fp16.hpp"

namespace {

TEST(Fp16ToFp32Rtl, EveryHalfCodeMatchesGgml) {
  SAILSIM_REQUIRE_ORACLE(oracle);
  auto context = std::make_unique<VerilatedContext>();
  Vfp16_to_fp32 dut{context.get()};
  size_t differing = 0;
  for (uint32_t h = 0; h < 65536; ++h) {
    dut.half_i = static_cast<uint16_t>(h);
    dut.eval();
    const uint32_t want = sailsim::ggml::bits_of(oracle->fp16_to_fp32(static_cast<uint16_t>(h)));
    if (dut.single_o != want && ++differing <= 5) {
      ADD_FAILURE() << "half 0x" << std::hex << h << ": expected " << sailsim::ggml::describe_bits(want) << ", RTL "
                    << sailsim::ggml::describe_bits(dut.single_o);
    }
  }
  EXPECT_EQ(differing, 0u);
  dut.final();
}

}  // namespace
