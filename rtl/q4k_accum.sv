// q4k_accum: the float part of GGML's ggml_vec_dot_q4_K_q8_K_generic over one row, block by
// block, in exactly the reference order (spec/ggml-q4k.md). Per block i:
//   d    = f32(x.d)    * y.d                   (one rounding, at accept)
//   dmin = f32(x.dmin) * y.d                   (one rounding, at accept)
//   sums[l] = sums[l] + d * (float)aux32[l]    l = 0..7 (two roundings), or with fused_i
//             fma(d, (float)aux32[l], sums[l])   (one rounding)
//   sumf    = sumf - dmin * (float)sumi        (two roundings), or with fused_i
//             fma(-dmin, (float)sumi, sumf)      (one rounding)
// sums[] and sumf start at +0 on a block flagged first. After a block flagged last, sumf and
// sums[0..7] leave on the out_* port for q4k_reduce (the final lane sum).
//
// Schedule: three identical slots (fp32_from_int, fp32_mul + fp32_add, fp32_fma) take the
// nine accumulator updates ("items" 0..7 = lanes, 8 = the mins) three per cycle: phase p
// (0..2) runs items 3p, 3p+1, 3p+2. d and dmin are formed from the inputs in the accept
// cycle. A new block is accepted in the cycle of phase 2, so the stage takes one block every
// 3 cycles. The items are independent accumulators and each is updated once per block in
// the reference's own expression, so splitting them over cycles does not change a bit.
// fused_i is sampled with the block.
module q4k_accum (
  input  logic              clk_i,
  input  logic              rst_ni,
  input  logic              fused_i,
  // one block's integer results and scales
  input  logic              in_valid_i,
  output logic              in_ready_o,
  input  logic [7:0][31:0]  aux_i,     // aux32[l], int32
  input  logic [31:0]       sumi_i,    // int32
  input  logic [15:0]       xd_i,      // Q4_K d, fp16
  input  logic [15:0]       xdmin_i,   // Q4_K dmin, fp16
  input  logic [31:0]       yd_i,      // Q8_K d, fp32
  input  logic              first_i,   // first block of a row: start from +0
  input  logic              last_i,    // last block of a row: hand the accumulators on
  // the row's accumulators, after its last block
  output logic              out_valid_o,
  input  logic              out_ready_i,
  output logic [31:0]       sumf_o,
  output logic [7:0][31:0]  sums_o
);
  localparam int unsigned Slots = 3;
  localparam logic [31:0] PosZero = 32'h0000_0000;

  logic [31:0]        xd32;
  logic [31:0]        xdmin32;
  logic [31:0]        d_in;
  logic [31:0]        dmin_in;

  logic               busy_q;
  logic [1:0]         phase_q;
  logic               first_q;
  logic               last_q;
  logic               fused_q;
  logic [31:0]        d_q;
  logic [31:0]        dmin_q;
  logic [7:0][31:0]   aux_q;
  logic [31:0]        sumi_q;
  logic [7:0][31:0]   sums_q;
  logic [31:0]        sumf_q;

  logic               final_phase;
  logic               advance;
  logic               accept;

  logic [Slots-1:0][3:0]  item;       // 0..8
  logic [Slots-1:0][31:0] int_op;     // aux32[item] or sumi
  logic [Slots-1:0][31:0] scale_op;   // d, or -dmin for the mins
  logic [Slots-1:0][31:0] acc_op;     // sums[item] or sumf, +0 on a first block
  logic [Slots-1:0][31:0] int_f;      // (float) int_op
  logic [Slots-1:0][31:0] prod;       // scale_op * int_f, rounded
  logic [Slots-1:0][31:0] sum_sep;    // acc_op + prod, rounded (the unfused order)
  logic [Slots-1:0][31:0] sum_fused;  // fma(scale_op, int_f, acc_op)
  logic [Slots-1:0][31:0] result;

  fp16_to_fp32 u_xd (
    .half_i  (xd_i),
    .single_o(xd32)
  );
  fp16_to_fp32 u_xdmin (
    .half_i  (xdmin_i),
    .single_o(xdmin32)
  );
  fp32_mul u_d (
    .a_i     (xd32),
    .b_i     (yd_i),
    .result_o(d_in)
  );
  fp32_mul u_dmin (
    .a_i     (xdmin32),
    .b_i     (yd_i),
    .result_o(dmin_in)
  );

  // sumf - dmin*s is sumf + (-(dmin*s)) and fma(-dmin, s, sumf) flips dmin's sign: negating
  // is exact, so carrying -dmin as the scale of item 8 gives the reference's bits in both
  // orders (a NaN stays a NaN; the units return the canonical one either way).
  for (genvar s = 0; s < Slots; s++) begin : g_slot
    assign item[s]     = 4'(32'(phase_q) * Slots + s);
    assign int_op[s]   = (item[s] < 4'd8) ? aux_q[item[s][2:0]] : sumi_q;
    assign scale_op[s] = (item[s] < 4'd8) ? d_q : {~dmin_q[31], dmin_q[30:0]};
    assign acc_op[s]   = first_q ? PosZero : ((item[s] < 4'd8) ? sums_q[item[s][2:0]] : sumf_q);

    fp32_from_int u_cvt (
      .int_i   (int_op[s]),
      .result_o(int_f[s])
    );
    fp32_mul u_mul (
      .a_i     (scale_op[s]),
      .b_i     (int_f[s]),
      .result_o(prod[s])
    );
    fp32_add u_add (
      .a_i     (acc_op[s]),
      .b_i     (prod[s]),
      .result_o(sum_sep[s])
    );
    fp32_fma u_fma (
      .a_i     (scale_op[s]),
      .b_i     (int_f[s]),
      .c_i     (acc_op[s]),
      .result_o(sum_fused[s])
    );
    assign result[s] = fused_q ? sum_fused[s] : sum_sep[s];
  end

  assign final_phase = busy_q && (phase_q == 2'd2);
  // The last block's final phase waits until q4k_reduce takes the accumulators.
  assign advance     = !(final_phase && last_q) || out_ready_i;
  assign in_ready_o  = !busy_q || (final_phase && advance);
  assign accept      = in_valid_i && in_ready_o;

  // Phase 2 writes items 6, 7 (slots 0, 1) and 8 (slot 2): the hand-off sees those results.
  assign out_valid_o = final_phase && last_q;
  assign sumf_o      = result[2];
  always_comb begin
    sums_o    = sums_q;
    sums_o[6] = result[0];
    sums_o[7] = result[1];
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q  <= 1'b0;
      phase_q <= '0;
      first_q <= 1'b0;
      last_q  <= 1'b0;
      fused_q <= 1'b0;
      d_q     <= '0;
      dmin_q  <= '0;
      aux_q   <= '0;
      sumi_q  <= '0;
      sums_q  <= '0;
      sumf_q  <= '0;
    end else begin
      if (busy_q && advance) begin
        for (int unsigned s = 0; s < Slots; s++) begin
          if (item[s] < 4'd8) begin
            sums_q[item[s][2:0]] <= result[s];
          end else begin
            sumf_q <= result[s];
          end
        end
      end
      if (accept) begin
        busy_q  <= 1'b1;
        phase_q <= '0;
        first_q <= first_i;
        last_q  <= last_i;
        fused_q <= fused_i;
        d_q     <= d_in;
        dmin_q  <= dmin_in;
        aux_q   <= aux_i;
        sumi_q  <= sumi_i;
      end else if (busy_q && advance) begin
        if (phase_q == 2'd2) begin
          busy_q <= 1'b0;
        end else begin
          phase_q <= phase_q + 2'd1;
        end
      end
    end
  end
endmodule
