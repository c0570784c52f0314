// fp32_round: the one rounding step shared by the binary32 units, so they all round alike.
// It takes a value sig_i * 2^(exp_i - 127 - (Width - 1)) -- exp_i is the biased exponent that
// sig_i's top bit would carry; sig_i need not be normalised -- and returns the nearest
// binary32, ties to even: gradual underflow into subnormals (never flushed to zero), overflow
// to infinity, and sign_i on an exact zero. Bit 0 of sig_i may be a jammed sticky bit (the
// OR of bits the caller shifted out); that is exact as long as the guard bit lands above
// bit 0, which each caller guarantees by keeping guard bits below its significand.
// Combinational.
module fp32_round
  import fp32_pkg::*;
#(
  parameter int unsigned Width = 48  // significand bits, at least 26 (24 + guard + sticky)
) (
  input  logic                       sign_i,
  input  logic signed [ExpWidth-1:0] exp_i,
  input  logic [Width-1:0]           sig_i,
  output logic [31:0]                result_o
);

  localparam int unsigned LzWidth = $clog2(Width + 1);

  logic [LzWidth-1:0]         lz;          // leading zeros of sig_i (Width when it is zero)
  logic signed [ExpWidth-1:0] exp_norm;    // biased exponent once fully normalised
  logic [ExpWidth-1:0]        shift;       // left shift (subnormal) or right shift amount
  logic [Width-1:0]           sig_n;       // hidden bit at Width-1, or subnormal-aligned
  logic                       sticky_out;  // bits lost by a right shift into subnormals
  logic [7:0]                 exp_field;
  logic                       overflow;
  logic [22:0]                mant;
  logic                       guard;
  logic                       sticky;
  logic                       round_up;
  logic [30:0]                rounded;

  always_comb begin
    lz = LzWidth'(Width);
    for (int unsigned i = 0; i < Width; i++) begin
      if (sig_i[i]) lz = LzWidth'(Width - 1 - i);
    end
  end

  assign exp_norm = exp_i - $signed(ExpWidth'(lz));

  always_comb begin
    sticky_out = 1'b0;
    overflow   = 1'b0;
    exp_field  = 8'd0;
    shift      = '0;
    if (exp_norm > 0) begin
      // Normal: shift the leading one up to the hidden-bit position.
      sig_n     = sig_i << lz;
      overflow  = exp_norm > 254;
      exp_field = exp_norm[7:0];
    end else if (exp_i > 0) begin
      // Subnormal that needs less than a full normalisation: exponent 1, field 0.
      shift = ExpWidth'(exp_i - ExpWidth'(1));
      sig_n = sig_i << shift;
    end else begin
      // Subnormal below exponent 1: shift right, keeping what falls out as sticky.
      shift = ExpWidth'(ExpWidth'(1) - exp_i);
      if (shift >= ExpWidth'(Width)) begin
        sig_n      = '0;
        sticky_out = |sig_i;
      end else begin
        sig_n      = sig_i >> shift;
        sticky_out = |(sig_i & ~({Width{1'b1}} << shift));
      end
    end
  end

  assign mant     = sig_n[Width-2 -: 23];
  assign guard    = sig_n[Width-25];
  assign sticky   = (|sig_n[Width-26:0]) | sticky_out;
  assign round_up = guard & (sticky | mant[0]);
  // A carry out of the mantissa bumps the exponent field: a subnormal becomes the smallest
  // normal, and 0x7F7FFFFF + 1 becomes infinity, both as IEEE-754 requires.
  assign rounded  = {exp_field, mant} + 31'(round_up);

  always_comb begin
    if (sig_i == '0) begin
      result_o = {sign_i, 31'd0};
    end else if (overflow) begin
      result_o = {sign_i, 8'hFF, 23'd0};
    end else begin
      result_o = {sign_i, rounded};
    end
  end

endmodule
