// q4k_reduce: the end of GGML's generic Q4_K dot product (spec/ggml-q4k.md):
//   result = ((((sumf + sums[0]) + sums[1]) + ...) + sums[7])
// in that order, one fp32_add per cycle: 8 cycles after accept, the result waits in a
// register until taken. The next row's accumulators are accepted in the cycle the result
// leaves, so q4k_accum can work on the next row meanwhile.
module q4k_reduce (
  input  logic              clk_i,
  input  logic              rst_ni,
  input  logic              in_valid_i,
  output logic              in_ready_o,
  input  logic [31:0]       sumf_i,
  input  logic [7:0][31:0]  sums_i,
  output logic              out_valid_o,
  input  logic              out_ready_i,
  output logic [31:0]       result_o
);
  logic              busy_q;
  logic [3:0]        idx_q;    // next lane to add; 8 = done
  logic [31:0]       acc_q;
  logic [7:0][31:0]  sums_q;
  logic [31:0]       sum;
  logic              done;
  logic              accept;

  fp32_add u_add (
    .a_i     (acc_q),
    .b_i     (sums_q[idx_q[2:0]]),
    .result_o(sum)
  );

  assign done        = busy_q && (idx_q == 4'd8);
  assign out_valid_o = done;
  assign result_o    = acc_q;
  assign in_ready_o  = !busy_q || (done && out_ready_i);
  assign accept      = in_valid_i && in_ready_o;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q <= 1'b0;
      idx_q  <= '0;
      acc_q  <= '0;
      sums_q <= '0;
    end else if (accept) begin
      busy_q <= 1'b1;
      idx_q  <= '0;
      acc_q  <= sumf_i;
      sums_q <= sums_i;
    end else if (done) begin
      if (out_ready_i) busy_q <= 1'b0;
    end else if (busy_q) begin
      acc_q <= sum;
      idx_q <= idx_q + 4'd1;
    end
  end
endmodule
