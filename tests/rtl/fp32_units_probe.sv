// Test-only: the four binary32 units side by side with independent operands, so one
// Verilated model (one Verilator runtime) serves tests/rtl/fp32_units_test.cpp.
module fp32_units_probe (
  input  logic [31:0] mul_a_i,
  input  logic [31:0] mul_b_i,
  output logic [31:0] mul_o,
  input  logic [31:0] add_a_i,
  input  logic [31:0] add_b_i,
  output logic [31:0] add_o,
  input  logic [31:0] fma_a_i,
  input  logic [31:0] fma_b_i,
  input  logic [31:0] fma_c_i,
  output logic [31:0] fma_o,
  input  logic [31:0] int_i,
  output logic [31:0] int_o
);

  fp32_mul u_mul (
    .a_i     (mul_a_i),
    .b_i     (mul_b_i),
    .result_o(mul_o)
  );

  fp32_add u_add (
    .a_i     (add_a_i),
    .b_i     (add_b_i),
    .result_o(add_o)
  );

  fp32_fma u_fma (
    .a_i     (fma_a_i),
    .b_i     (fma_b_i),
    .c_i     (fma_c_i),
    .result_o(fma_o)
  );

  fp32_from_int u_from_int (
    .int_i   (int_i),
    .result_o(int_o)
  );

endmodule
