// sail_ctrl: the engine's control block, an AXI4 slave at 0x0000_0000 (contracts.md
// section 2). For now it holds the identification registers of sail_pkg and a scratch
// register; the engine's status, queue and counters join it with the engine. Every legal
// burst works (FIXED, INCR, WRAP, narrow sizes, strobes): a beat reads the whole 32-byte
// line of eight registers its address falls in and writes the strobed bytes of it.
// Unmapped offsets read zero and ignore writes; read-only registers ignore writes.
module sail_ctrl #(
  parameter axi4_pkg::addr_t DdrStart = sail_pkg::DdrStart,
  parameter axi4_pkg::addr_t DdrEnd   = sail_pkg::DdrEnd,
  parameter int unsigned     IdWidth  = sail_pkg::DownIdWidth,
  parameter type ax_chan_t = sail_pkg::down_ax_chan_t,
  parameter type w_chan_t  = axi4_pkg::w_chan_t,
  parameter type b_chan_t  = sail_pkg::down_b_chan_t,
  parameter type r_chan_t  = sail_pkg::down_r_chan_t
) (
  input  logic     clk_i,
  input  logic     rst_ni,
  input  ax_chan_t aw_i,
  input  logic     aw_valid_i,
  output logic     aw_ready_o,
  input  w_chan_t  w_i,
  input  logic     w_valid_i,
  output logic     w_ready_o,
  output b_chan_t  b_o,
  output logic     b_valid_o,
  input  logic     b_ready_i,
  input  ax_chan_t ar_i,
  input  logic     ar_valid_i,
  output logic     ar_ready_o,
  output r_chan_t  r_o,
  output logic     r_valid_o,
  input  logic     r_ready_i
);

  import axi4_pkg::*;

  localparam int unsigned LineBits = $clog2(StrbWidth);  // byte offset bits within a line
  typedef logic [15-LineBits:0] line_idx_t;              // line within the 64 KiB block

  logic [31:0] scratch_q;

  // The eight registers of a line, register k at bytes 4k..4k+3.
  function automatic data_t line_at(line_idx_t line, logic [31:0] scratch);
    data_t data;
    data = '0;
    if (line == line_idx_t'(0)) begin
      data[32*0 +: 32] = sail_pkg::IdValue;
      data[32*1 +: 32] = sail_pkg::VersionValue;
      data[32*2 +: 32] = {8'd0, 8'd1, 8'(IdWidth - sail_pkg::MasterIdxWidth), 8'(StrbWidth)};
      data[32*3 +: 32] = scratch;
      data[32*4 +: 32] = DdrStart[31:0];
      data[32*5 +: 32] = 32'(DdrStart[AddrWidth-1:32]);
      data[32*6 +: 32] = DdrEnd[31:0];
      data[32*7 +: 32] = 32'(DdrEnd[AddrWidth-1:32]);
    end
    return data;
  endfunction

  // ---- Reads: one burst at a time, a beat per cycle --------------------------------------
  logic               rd_busy_q;
  logic [IdWidth-1:0] rd_id_q;
  addr_t              rd_addr_q;
  len_t               rd_len_q, rd_beat_q;
  size_t              rd_size_q;
  burst_t             rd_burst_q;
  logic               rd_last;

  assign ar_ready_o = !rd_busy_q;
  assign r_valid_o  = rd_busy_q;
  assign rd_last    = rd_beat_q == rd_len_q;

  always_comb begin
    r_o      = '0;
    r_o.id   = rd_id_q;
    r_o.data = line_at(rd_addr_q[15:LineBits], scratch_q);
    r_o.resp = RESP_OKAY;
    r_o.last = rd_last;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rd_busy_q  <= 1'b0;
      rd_id_q    <= '0;
      rd_addr_q  <= '0;
      rd_len_q   <= '0;
      rd_beat_q  <= '0;
      rd_size_q  <= '0;
      rd_burst_q <= '0;
    end else if (!rd_busy_q) begin
      if (ar_valid_i) begin
        rd_busy_q  <= 1'b1;
        rd_id_q    <= ar_i.id;
        rd_addr_q  <= ar_i.addr;
        rd_len_q   <= ar_i.len;
        rd_beat_q  <= '0;
        rd_size_q  <= ar_i.size;
        rd_burst_q <= ar_i.burst;
      end
    end else if (r_ready_i) begin
      if (rd_last) rd_busy_q <= 1'b0;
      rd_beat_q <= rd_beat_q + len_t'(1);
      rd_addr_q <= next_beat_addr(rd_addr_q, rd_size_q, rd_len_q, rd_burst_q);
    end
  end

  // ---- Writes: AW, then its beats, then B -------------------------------------------------
  typedef enum logic [1:0] {WrIdle, WrData, WrResp} wr_state_e;
  wr_state_e          wr_state_q;
  logic [IdWidth-1:0] wr_id_q;
  addr_t              wr_addr_q;
  len_t               wr_len_q;
  size_t              wr_size_q;
  burst_t             wr_burst_q;

  assign aw_ready_o = wr_state_q == WrIdle;
  assign w_ready_o  = wr_state_q == WrData;
  assign b_valid_o  = wr_state_q == WrResp;

  always_comb begin
    b_o      = '0;
    b_o.id   = wr_id_q;
    b_o.resp = RESP_OKAY;
  end

  // The scratch register is word 3 of line 0; each of its bytes takes its own strobe.
  logic        wr_hits_scratch;
  logic [31:0] scratch_d;
  assign wr_hits_scratch = wr_addr_q[15:LineBits] == line_idx_t'(0);
  always_comb begin
    scratch_d = scratch_q;
    for (int unsigned b = 0; b < 4; b++) begin
      if (w_i.strb[12 + b]) scratch_d[8*b +: 8] = w_i.data[8*(12 + b) +: 8];
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      wr_state_q <= WrIdle;
      wr_id_q    <= '0;
      wr_addr_q  <= '0;
      wr_len_q   <= '0;
      wr_size_q  <= '0;
      wr_burst_q <= '0;
      scratch_q  <= '0;
    end else begin
      unique case (wr_state_q)
        WrIdle: if (aw_valid_i) begin
          wr_state_q <= WrData;
          wr_id_q    <= aw_i.id;
          wr_addr_q  <= aw_i.addr;
          wr_len_q   <= aw_i.len;
          wr_size_q  <= aw_i.size;
          wr_burst_q <= aw_i.burst;
        end
        WrData: if (w_valid_i) begin
          if (wr_hits_scratch) scratch_q <= scratch_d;
          wr_addr_q <= next_beat_addr(wr_addr_q, wr_size_q, wr_len_q, wr_burst_q);
          if (w_i.last) wr_state_q <= WrResp;
        end
        WrResp: if (b_ready_i) wr_state_q <= WrIdle;
        default: wr_state_q <= WrIdle;
      endcase
    end
  end

  // The block decodes offsets below 64 KiB only; cache, prot, qos and lock do not matter
  // to registers.
  logic unused;
  assign unused = ^{aw_i.addr[AddrWidth-1:16], aw_i.lock, aw_i.cache, aw_i.prot, aw_i.qos,
                    ar_i.addr[AddrWidth-1:16], ar_i.lock, ar_i.cache, ar_i.prot, ar_i.qos,
                    rd_addr_q[AddrWidth-1:16], rd_addr_q[LineBits-1:0],
                    wr_addr_q[AddrWidth-1:16], wr_addr_q[LineBits-1:0]};

endmodule
