// fp32_add: IEEE-754 binary32 a + b, round to nearest even, combinational; a - b is a + b
// with b's sign bit flipped by the caller. The operand of larger magnitude is the anchor; the
// other is aligned to it with three guard bits and everything shifted out jammed into bit 0,
// which keeps round to nearest even exact. An exact zero sum is +0 except -0 + -0 = -0, as
// IEEE-754 requires in this rounding mode. inf - inf and any NaN operand give fp32_pkg's
// CanonicalNan. The Q4_K engine accumulates its fp32 partial sums with it.
module fp32_add
  import fp32_pkg::*;
(
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  output logic [31:0] result_o
);

  localparam int unsigned Width = 28;  // carry, 24 significand bits, 3 guard bits

  logic                       swap;     // |b| > |a|
  logic [31:0]                x;        // the operand of larger magnitude
  logic [31:0]                y;
  logic                       subtract; // signs differ: magnitudes subtract
  logic [7:0]                 diff;     // exponent difference, never negative
  logic [Width-1:0]           x_wide;
  logic [Width-1:0]           y_wide;
  logic [Width-1:0]           y_aligned;
  logic                       y_sticky;
  logic [Width-1:0]           sum;
  logic                       sign;
  logic signed [ExpWidth-1:0] exp;      // biased exponent of sum[Width-1]
  logic [31:0]                rounded;

  // Magnitudes order like unsigned integers, so one compare picks the anchor.
  assign swap     = b_i[30:0] > a_i[30:0];
  assign x        = swap ? b_i : a_i;
  assign y        = swap ? a_i : b_i;
  assign subtract = x[31] ^ y[31];
  assign diff     = exp_of(x[30:23]) - exp_of(y[30:23]);
  assign x_wide   = {1'b0, sig_of(x[30:0]), 3'd0};
  assign y_wide   = {1'b0, sig_of(y[30:0]), 3'd0};

  always_comb begin
    if (diff >= 8'(Width)) begin
      y_aligned = '0;
      y_sticky  = |y_wide;
    end else begin
      y_aligned = y_wide >> diff;
      y_sticky  = |(y_wide & ~({Width{1'b1}} << diff));
    end
  end

  // With diff >= 2 the difference keeps its leading one within one place of x's, so the
  // guard bit stays above the jammed bit 0; with diff <= 1 nothing was shifted out.
  assign sum = subtract ? x_wide - (y_aligned | Width'(y_sticky))
                        : x_wide + (y_aligned | Width'(y_sticky));
  // An exact zero is +0 unless both operands are negative (only -0 + -0 gets there).
  assign sign = (sum == '0) ? (x[31] & y[31]) : x[31];
  // x_wide[Width-1] weighs 2^(ex - 126): the carry position, one above the hidden bit.
  assign exp  = $signed(ExpWidth'(exp_of(x[30:23]))) + ExpWidth'(1);

  fp32_round #(
    .Width(Width)
  ) u_round (
    .sign_i  (sign),
    .exp_i   (exp),
    .sig_i   (sum),
    .result_o(rounded)
  );

  always_comb begin
    if (is_nan(a_i[30:0]) || is_nan(b_i[30:0]) ||
        (is_inf(a_i[30:0]) && is_inf(b_i[30:0]) && subtract)) begin
      result_o = CanonicalNan;
    end else if (is_inf(x[30:0])) begin
      result_o = x;  // an infinity is the larger magnitude
    end else begin
      result_o = rounded;
    end
  end

endmodule
