// fp32_fma: IEEE-754 binary32 a * b + c with a single rounding (round to nearest even),
// combinational, bit for bit as C's fmaf. The exact 48-bit product and c, both normalised,
// are placed in a 53-bit field with the one whose leading bit is higher at the top; the other
// is shifted down, and what falls off the bottom is jammed into bit 0. When the leading bits
// are within one place of each other (where cancellation can be deep) the shifted operand
// still fits exactly; otherwise the sum keeps its leading one within one place of the top,
// far above bit 0. fp32_round then rounds once, into subnormals or to infinity as needed.
// inf * 0, inf - inf and any NaN operand give fp32_pkg's CanonicalNan. An exact zero sum of
// nonzero terms is +0; a zero product plus c is c (+0 + -0 = +0, -0 + -0 = -0). The Q4_K
// engine uses it where GGML's evaluation order fuses a multiply and an add.
module fp32_fma
  import fp32_pkg::*;
(
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  input  logic [31:0] c_i,
  output logic [31:0] result_o
);

  localparam int unsigned Width = 53;  // carry, 52-bit field

  logic                       sign_p;
  logic [47:0]                product;
  logic [5:0]                 lz_p;       // leading zeros of the product
  logic [47:0]                prod_norm;  // product with its leading one at bit 47
  logic signed [ExpWidth-1:0] top_p;      // the product lies in [2^(top_p-1), 2^top_p)
  logic [23:0]                sig_c;
  logic [4:0]                 lz_c;
  logic [23:0]                c_norm;
  logic signed [ExpWidth-1:0] top_c;      // c lies in [2^(top_c-1), 2^top_c)
  logic                       p_high;     // the product's leading bit is not below c's
  logic signed [ExpWidth-1:0] top;
  logic [ExpWidth-1:0]        lo_shift;   // how far the lower operand is shifted down
  logic [Width-1:0]           p_wide;
  logic [Width-1:0]           c_wide;
  logic [Width-1:0]           hi_wide;
  logic [Width-1:0]           lo_wide;
  logic [Width-1:0]           lo_aligned;
  logic                       lo_sticky;
  logic                       sign_hi;
  logic                       subtract;
  logic [Width:0]             diff;       // hi - lo, two's complement, one bit wider
  logic [Width-1:0]           sum;
  logic                       sign;
  logic [31:0]                rounded;

  assign sign_p  = a_i[31] ^ b_i[31];
  assign product = 48'(sig_of(a_i[30:0])) * 48'(sig_of(b_i[30:0]));

  always_comb begin
    lz_p = 6'd48;
    for (int unsigned i = 0; i < 48; i++) begin
      if (product[i]) lz_p = 6'(47 - i);
    end
  end

  always_comb begin
    lz_c = 5'd24;
    for (int unsigned i = 0; i < 24; i++) begin
      if (sig_c[i]) lz_c = 5'(23 - i);
    end
  end

  assign prod_norm = product << lz_p;
  // product * 2^(ea + eb - 300), and its leading one is bit 47 - lz_p.
  assign top_p = $signed(ExpWidth'(exp_of(a_i[30:23]))) + $signed(ExpWidth'(exp_of(b_i[30:23])))
               - ExpWidth'(252) - $signed(ExpWidth'(lz_p));
  assign sig_c  = sig_of(c_i[30:0]);
  assign c_norm = sig_c << lz_c;
  // sig_c * 2^(ec - 150), and its leading one is bit 23 - lz_c.
  assign top_c  = $signed(ExpWidth'(exp_of(c_i[30:23]))) - ExpWidth'(126) - $signed(ExpWidth'(lz_c));

  // A zero c never anchors (its top is meaningless); the product is nonzero whenever this
  // path is used.
  assign p_high   = is_zero(c_i[30:0]) || (top_p >= top_c);
  assign top      = p_high ? top_p : top_c;
  assign lo_shift = p_high ? ExpWidth'(top_p - top_c) : ExpWidth'(top_c - top_p);
  assign p_wide   = {1'b0, prod_norm, 4'd0};
  assign c_wide   = {1'b0, c_norm, 28'd0};
  assign hi_wide  = p_high ? p_wide : c_wide;
  assign lo_wide  = p_high ? c_wide : p_wide;
  assign sign_hi  = p_high ? sign_p : c_i[31];

  always_comb begin
    if (lo_shift >= ExpWidth'(Width)) begin
      lo_aligned = '0;
      lo_sticky  = |lo_wide;
    end else begin
      lo_aligned = lo_wide >> lo_shift;
      lo_sticky  = |(lo_wide & ~({Width{1'b1}} << lo_shift));
    end
  end

  assign subtract = sign_p ^ c_i[31];
  assign diff = subtract ? {1'b0, hi_wide} - {1'b0, lo_aligned | Width'(lo_sticky)}
                         : {1'b0, hi_wide} + {1'b0, lo_aligned | Width'(lo_sticky)};
  // Only with the leading bits at most one place apart can lo exceed hi; nothing was jammed
  // then, so negating is exact.
  assign sum  = diff[Width] ? Width'(~diff + 1'b1) : diff[Width-1:0];
  assign sign = (diff == '0) ? 1'b0 : (sign_hi ^ diff[Width]);

  // hi_wide[Width-2] weighs 2^(top - 1), so the carry position Width-1 is biased top + 127.
  fp32_round #(
    .Width(Width)
  ) u_round (
    .sign_i  (sign),
    .exp_i   (top + ExpWidth'(127)),
    .sig_i   (sum),
    .result_o(rounded)
  );

  always_comb begin
    if (is_nan(a_i[30:0]) || is_nan(b_i[30:0]) || is_nan(c_i[30:0]) ||
        (is_inf(a_i[30:0]) && is_zero(b_i[30:0])) || (is_zero(a_i[30:0]) && is_inf(b_i[30:0])) ||
        ((is_inf(a_i[30:0]) || is_inf(b_i[30:0])) && is_inf(c_i[30:0]) && subtract)) begin
      result_o = CanonicalNan;
    end else if (is_inf(a_i[30:0]) || is_inf(b_i[30:0])) begin
      result_o = {sign_p, 8'hFF, 23'd0};
    end else if (is_inf(c_i[30:0])) begin
      result_o = c_i;
    end else if (is_zero(a_i[30:0]) || is_zero(b_i[30:0])) begin
      // An exact zero product: the sum is c, or a zero signed as IEEE-754 says.
      result_o = is_zero(c_i[30:0]) ? {sign_p & c_i[31], 31'd0} : c_i;
    end else begin
      result_o = rounded;
    end
  end

endmodule
