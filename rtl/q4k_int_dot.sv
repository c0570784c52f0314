// q4k_int_dot: the exact integer part of one Q4_K x Q8_K super-block (spec/ggml-q4k.md):
//   aux32[l] = sum over e with e % 8 == l of sc[e/32] * q8[e] * q4[e]   (l = 0..7)
//   sumi     = sum over g = 0..15 of bsums[g] * mn[g/2]                 (the stored bsums)
// Both are exact in int32 (|aux32| <= 3,870,720, |sumi| <= 2,064,384), so the order of the
// integer additions is free. The block is presented whole on the inputs and held there (valid
// high, inputs stable) until ready; the module walks it ChunksPerCycle chunks per cycle (a
// chunk is 32 qs bytes = 64 elements = two sub-blocks), i.e. 4 / ChunksPerCycle cycles per
// block, and accepts the block (ready high) in its last cycle, when the result enters the
// output register. Side data (side_i) rides along unchanged to side_o.
module q4k_int_dot #(
  parameter int unsigned ChunksPerCycle = 1,  // 1, 2 or 4 (32, 64 or 128 weight bytes per cycle)
  parameter int unsigned SideWidth      = 1
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,
  // the block: valid/ready, inputs held stable while valid and not ready
  input  logic                  in_valid_i,
  output logic                  in_ready_o,
  input  logic [12*8-1:0]       scales_i,  // Q4_K scales[12]
  input  logic [128*8-1:0]      qs4_i,     // Q4_K qs[128]
  input  logic [256*8-1:0]      qs8_i,     // Q8_K qs[256], int8
  input  logic [16*16-1:0]      bsums_i,   // Q8_K bsums[16], int16
  input  logic [SideWidth-1:0]  side_i,
  // the result: valid/ready, held in a register
  output logic                  out_valid_o,
  input  logic                  out_ready_i,
  output logic [7:0][31:0]      aux_o,     // aux32[l], two's complement
  output logic [31:0]           sumi_o,
  output logic [SideWidth-1:0]  side_o
);
  localparam int unsigned Steps = 4 / ChunksPerCycle;           // cycles per block
  localparam int unsigned CntW  = (Steps > 1) ? $clog2(Steps) : 1;

  logic [7:0][5:0]          sc;
  logic [7:0][5:0]          mn;
  logic [CntW-1:0]          cnt_q, cnt_d;           // which group of chunks this cycle
  logic                     last_step;
  logic                     out_free;
  logic                     accept;
  logic [7:0][31:0]         acc_q, acc_d;           // aux32 of the chunks done so far
  logic [7:0][31:0]         part;                   // this cycle's chunks, per lane
  logic [7:0][31:0]         total;                  // acc_q + part
  logic [31:0]              sumi;
  logic                     out_valid_q;
  logic [7:0][31:0]         aux_q;
  logic [31:0]              sumi_q;
  logic [SideWidth-1:0]     side_q;

  q4k_scales u_scales (
    .scales_i(scales_i),
    .sc_o    (sc),
    .mn_o    (mn)
  );

  // One chunk's contribution to lane l: elements 64c+t (low nibbles of qs[32c+t], sub-block
  // 2c) and 64c+32+t (high nibbles, sub-block 2c+1) for t = l, l+8, l+16, l+24.
  function automatic logic signed [31:0] chunk_lane(logic [32*8-1:0] q4c, logic [64*8-1:0] q8c,
                                                    logic [5:0] sc_lo, logic [5:0] sc_hi,
                                                    int unsigned l);
    logic signed [31:0] lo;
    logic signed [31:0] hi;
    lo = '0;
    hi = '0;
    for (int unsigned k = 0; k < 4; k++) begin
      lo += 32'($signed(q8c[(l + 8*k)*8 +: 8]))      * $signed({28'd0, q4c[(l + 8*k)*8 +: 4]});
      hi += 32'($signed(q8c[(32 + l + 8*k)*8 +: 8])) * $signed({28'd0, q4c[(l + 8*k)*8 + 4 +: 4]});
    end
    return $signed({26'd0, sc_lo}) * lo + $signed({26'd0, sc_hi}) * hi;
  endfunction

  always_comb begin
    for (int unsigned l = 0; l < 8; l++) begin
      part[l] = '0;
      for (int unsigned j = 0; j < ChunksPerCycle; j++) begin
        part[l] = part[l] + chunk_lane(
            qs4_i[(32'(cnt_q) * ChunksPerCycle + j) * 256 +: 256],
            qs8_i[(32'(cnt_q) * ChunksPerCycle + j) * 512 +: 512],
            sc[2 * (32'(cnt_q) * ChunksPerCycle + j)],
            sc[2 * (32'(cnt_q) * ChunksPerCycle + j) + 1], l);
      end
      total[l] = acc_q[l] + part[l];
    end
  end

  always_comb begin
    sumi = '0;
    for (int unsigned g = 0; g < 16; g++) begin
      sumi = sumi + 32'($signed(bsums_i[g*16 +: 16])) * $signed({26'd0, mn[g/2]});
    end
  end

  assign last_step  = (32'(cnt_q) == Steps - 1);
  assign out_free   = !out_valid_q || out_ready_i;
  assign in_ready_o = last_step && out_free;
  assign accept     = in_valid_i && in_ready_o;

  always_comb begin
    cnt_d = cnt_q;
    acc_d = acc_q;
    if (in_valid_i && !last_step) begin
      cnt_d = cnt_q + CntW'(1);
      acc_d = total;
    end else if (accept) begin
      cnt_d = '0;
      acc_d = '0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cnt_q       <= '0;
      acc_q       <= '0;
      out_valid_q <= 1'b0;
      aux_q       <= '0;
      sumi_q      <= '0;
      side_q      <= '0;
    end else begin
      cnt_q <= cnt_d;
      acc_q <= acc_d;
      if (accept) begin
        out_valid_q <= 1'b1;
        aux_q       <= total;
        sumi_q      <= sumi;
        side_q      <= side_i;
      end else if (out_ready_i) begin
        out_valid_q <= 1'b0;
      end
    end
  end

  assign out_valid_o = out_valid_q;
  assign aux_o       = aux_q;
  assign sumi_o      = sumi_q;
  assign side_o      = side_q;
endmodule
