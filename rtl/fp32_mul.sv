// fp32_mul: IEEE-754 binary32 a * b, round to nearest even, combinational. The exact 48-bit
// product of the two significands goes to fp32_round, so subnormal operands and results,
// overflow to infinity and the sign of a zero product (0 * -y = -0) all follow IEEE-754, bit
// for bit as the host CPU computes them. inf * 0 and any NaN operand give fp32_pkg's
// CanonicalNan. The Q4_K engine multiplies its fp32 scales with it.
module fp32_mul
  import fp32_pkg::*;
(
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  output logic [31:0] result_o
);

  logic                       sign;
  logic [47:0]                product;
  logic signed [ExpWidth-1:0] exp;      // biased exponent of product[47]
  logic [31:0]                rounded;

  assign sign    = a_i[31] ^ b_i[31];
  assign product = 48'(sig_of(a_i[30:0])) * 48'(sig_of(b_i[30:0]));
  // value = product * 2^(ea + eb - 300), so product[47] weighs 2^(ea + eb - 253).
  assign exp     = $signed(ExpWidth'(exp_of(a_i[30:23]))) + $signed(ExpWidth'(exp_of(b_i[30:23])))
                 - ExpWidth'(126);

  fp32_round #(
    .Width(48)
  ) u_round (
    .sign_i  (sign),
    .exp_i   (exp),
    .sig_i   (product),
    .result_o(rounded)
  );

  always_comb begin
    if (is_nan(a_i[30:0]) || is_nan(b_i[30:0]) ||
        (is_inf(a_i[30:0]) && is_zero(b_i[30:0])) || (is_zero(a_i[30:0]) && is_inf(b_i[30:0]))) begin
      result_o = CanonicalNan;
    end else if (is_inf(a_i[30:0]) || is_inf(b_i[30:0])) begin
      result_o = {sign, 8'hFF, 23'd0};
    end else begin
      result_o = rounded;  // a zero operand gives a zero product: fp32_round returns sign|0
    end
  end

endmodule
