// axi_err_slv: the slave behind every address hole. It answers each write with DECERR
// after taking all of its W beats, and each read with DECERR on the full number of beats,
// RLAST on the last, data zero. One transaction per direction at a time: holes are an
// error path, not a fast one.
`include "sail_cover.svh"

module axi_err_slv #(
  parameter int unsigned IdWidth = axi4_pkg::IdWidth,
  parameter type ax_chan_t = axi4_pkg::ax_chan_t,
  parameter type w_chan_t  = axi4_pkg::w_chan_t,
  parameter type b_chan_t  = axi4_pkg::b_chan_t,
  parameter type r_chan_t  = axi4_pkg::r_chan_t
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

  typedef enum logic [1:0] {WrIdle, WrData, WrResp} wr_state_e;

  wr_state_e          wr_state_q, wr_state_d;
  logic [IdWidth-1:0] wr_id_q;
  logic               rd_busy_q;
  logic [IdWidth-1:0] rd_id_q;
  axi4_pkg::len_t     rd_left_q;  // beats after the one on the bus

  always_comb begin
    wr_state_d = wr_state_q;
    unique case (wr_state_q)
      WrIdle:  if (aw_valid_i) wr_state_d = WrData;
      WrData:  if (w_valid_i && w_i.last) wr_state_d = WrResp;
      WrResp:  if (b_ready_i) wr_state_d = WrIdle;
      default: wr_state_d = WrIdle;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      wr_state_q <= WrIdle;
      wr_id_q    <= '0;
      rd_busy_q  <= 1'b0;
      rd_id_q    <= '0;
      rd_left_q  <= '0;
    end else begin
      wr_state_q <= wr_state_d;
      if (wr_state_q == WrIdle && aw_valid_i) wr_id_q <= aw_i.id;
      if (!rd_busy_q) begin
        if (ar_valid_i) begin
          rd_busy_q <= 1'b1;
          rd_id_q   <= ar_i.id;
          rd_left_q <= ar_i.len;
        end
      end else if (r_ready_i) begin
        if (rd_left_q == '0) rd_busy_q <= 1'b0;
        else rd_left_q <= rd_left_q - axi4_pkg::len_t'(1);
      end
    end
  end

  always_comb begin
    b_o        = '0;
    b_o.id     = wr_id_q;
    b_o.resp   = axi4_pkg::RESP_DECERR;
    r_o        = '0;
    r_o.id     = rd_id_q;
    r_o.resp   = axi4_pkg::RESP_DECERR;
    r_o.last   = rd_left_q == '0;
  end
  assign aw_ready_o = wr_state_q == WrIdle;
  assign w_ready_o  = wr_state_q == WrData;
  assign b_valid_o  = wr_state_q == WrResp;
  assign ar_ready_o = !rd_busy_q;
  assign r_valid_o  = rd_busy_q;

  // Only IDs, lengths, valids, WLAST and the readies matter to an error slave.
  logic unused;
  assign unused = ^{aw_i.addr, aw_i.len, aw_i.size, aw_i.burst, aw_i.lock, aw_i.cache,
                    aw_i.prot, aw_i.qos, w_i.data, w_i.strb, ar_i.addr, ar_i.size,
                    ar_i.burst, ar_i.lock, ar_i.cache, ar_i.prot, ar_i.qos};

`ifdef SAILSIM_COVERAGE
  // A decode error answered on each channel, and a burst of more than one beat.
  `SAIL_COVER(cov_decerr_write,  b_valid_o && b_ready_i)
  `SAIL_COVER(cov_decerr_read,   r_valid_o && r_ready_i)
  `SAIL_COVER(cov_decerr_burst,  ar_valid_i && ar_ready_o && ar_i.len != '0)
`endif

endmodule
