// fp32_from_int: signed 32-bit integer to IEEE-754 binary32, round to nearest even (exact for
// |value| <= 2^24), combinational, as C's static_cast<float>(int32_t). The Q4_K engine turns
// its integer dot-product parts (aux32, sumi) into floats with it; 0 gives +0.
module fp32_from_int
  import fp32_pkg::*;
(
  input  logic [31:0] int_i,
  output logic [31:0] result_o
);

  logic [31:0] magnitude;  // |int_i|; INT32_MIN gives 2^31, which fits unsigned

  assign magnitude = int_i[31] ? (~int_i + 32'd1) : int_i;

  // magnitude[31] weighs 2^31: biased exponent 127 + 31.
  fp32_round #(
    .Width(32)
  ) u_round (
    .sign_i  (int_i[31]),
    .exp_i   (ExpWidth'(158)),
    .sig_i   (magnitude),
    .result_o(result_o)
  );

endmodule
