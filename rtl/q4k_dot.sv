// q4k_dot: the Q4_K x Q8_K row dot product of the matmul engine, bit for bit as GGML's
// ggml_vec_dot_q4_K_q8_K_generic (fused_i = 0) or its FMA-contracted build (fused_i = 1);
// spec/ggml-q4k.md. A row is a stream of (Q4_K block, Q8_K block) pairs, the first flagged
// first and the last flagged last (a one-block row has both); its fp32 result leaves on the
// res_* port. Three stages, each with valid/ready:
//   q4k_int_dot  aux32[8], sumi: 4 / ChunksPerCycle cycles per block (blocks held whole)
//   q4k_accum    d, dmin and the nine accumulator updates: 3 cycles per block
//   q4k_reduce   sumf + sums[0] + ... + sums[7]: 8 cycles per row, overlapping the next row
// With ChunksPerCycle = 1 (32 weight bytes per cycle) a row of n blocks streams at one block
// every 4 cycles. fused_i must be stable for a whole row (it is sampled per block).
module q4k_dot
  import q4k_pkg::*;
#(
  parameter int unsigned ChunksPerCycle = 1  // 1, 2 or 4
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,
  input  logic                  fused_i,
  // block pairs: valid/ready, held stable while valid and not ready
  input  logic                  blk_valid_i,
  output logic                  blk_ready_o,
  input  logic                  blk_first_i,
  input  logic                  blk_last_i,
  input  logic [Q4kBytes*8-1:0] q4_i,  // block_q4_K, byte b at [8b+7:8b]
  input  logic [Q8kBytes*8-1:0] q8_i,  // block_q8_K, byte b at [8b+7:8b]
  // row results
  output logic                  res_valid_o,
  input  logic                  res_ready_i,
  output logic [31:0]           res_o
);
  // Header fields riding past the integer stage: first, last, x.d, x.dmin, y.d.
  localparam int unsigned SideWidth = 2 + 16 + 16 + 32;

  logic [SideWidth-1:0] side_in;
  logic [SideWidth-1:0] side_out;
  logic                 int_valid;
  logic                 int_ready;
  logic [7:0][31:0]     aux;
  logic [31:0]          sumi;
  logic                 acc_valid;
  logic                 acc_ready;
  logic [31:0]          sumf;
  logic [7:0][31:0]     sums;

  assign side_in = {blk_first_i, blk_last_i,
                    q4_i[Q4kOffD*8 +: 16], q4_i[Q4kOffDmin*8 +: 16], q8_i[Q8kOffD*8 +: 32]};

  q4k_int_dot #(
    .ChunksPerCycle(ChunksPerCycle),
    .SideWidth     (SideWidth)
  ) u_int_dot (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .in_valid_i (blk_valid_i),
    .in_ready_o (blk_ready_o),
    .scales_i   (q4_i[Q4kOffScales*8 +: Q4kScaleBytes*8]),
    .qs4_i      (q4_i[Q4kOffQs*8 +: Q4kQsBytes*8]),
    .qs8_i      (q8_i[Q8kOffQs*8 +: Q8kQsBytes*8]),
    .bsums_i    (q8_i[Q8kOffBsums*8 +: Q8kBsums*16]),
    .side_i     (side_in),
    .out_valid_o(int_valid),
    .out_ready_i(int_ready),
    .aux_o      (aux),
    .sumi_o     (sumi),
    .side_o     (side_out)
  );

  q4k_accum u_accum (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .fused_i    (fused_i),
    .in_valid_i (int_valid),
    .in_ready_o (int_ready),
    .aux_i      (aux),
    .sumi_i     (sumi),
    .xd_i       (side_out[63:48]),
    .xdmin_i    (side_out[47:32]),
    .yd_i       (side_out[31:0]),
    .first_i    (side_out[65]),
    .last_i     (side_out[64]),
    .out_valid_o(acc_valid),
    .out_ready_i(acc_ready),
    .sumf_o     (sumf),
    .sums_o     (sums)
  );

  q4k_reduce u_reduce (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .in_valid_i (acc_valid),
    .in_ready_o (acc_ready),
    .sumf_i     (sumf),
    .sums_i     (sums),
    .out_valid_o(res_valid_o),
    .out_ready_i(res_ready_i),
    .result_o   (res_o)
  );
endmodule
