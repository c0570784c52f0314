// fp16_to_fp32: IEEE-754 binary16 to binary32, combinational and exact for every code, as
// GGML's table reads them (spec/ggml-q4k.md): subnormal halves become normal floats, and a
// NaN keeps its payload with the quiet bit set. The engine uses it for a Q4_K block's d and
// dmin.
module fp16_to_fp32 (
  input  logic [15:0] half_i,
  output logic [31:0] single_o
);

  logic        sign;
  logic [4:0]  exp_h;
  logic [9:0]  mant_h;
  logic [3:0]  msb;        // position of the leading one of a subnormal mantissa
  logic [22:0] sub_frac;   // that mantissa, normalised, implicit one shifted out
  logic [7:0]  sub_exp;

  assign sign   = half_i[15];
  assign exp_h  = half_i[14:10];
  assign mant_h = half_i[9:0];

  always_comb begin
    msb = 4'd0;
    for (int unsigned i = 0; i < 10; i++) begin
      if (mant_h[i]) msb = 4'(i);
    end
  end

  // value = mant * 2^-24 = 1.f * 2^(msb-24): biased exponent msb + 103.
  assign sub_frac = {mant_h, 13'd0} << (4'd10 - msb);
  assign sub_exp  = 8'(msb) + 8'd103;

  always_comb begin
    if (exp_h == 5'h1F) begin
      single_o = {sign, 8'hFF, mant_h[9] | (mant_h != 10'd0), mant_h[8:0], 13'd0};
    end else if (exp_h != 5'd0) begin
      single_o = {sign, 8'(exp_h) + 8'd112, mant_h, 13'd0};
    end else if (mant_h == 10'd0) begin
      single_o = {sign, 31'd0};
    end else begin
      single_o = {sign, sub_exp, sub_frac};
    end
  end

endmodule
