// Test-only: sail_ctrl alone, its AXI slave port as the contract's flat s_* signals (the ID
// width it has behind the crossbar, sail_pkg::DownIdWidth) and its engine side as plain
// ports, so that sail_ctrl_test.cpp drives the bus with the host model and the engine's
// signals from C++ between cycles.
`include "axi4_flat.svh"

module sail_ctrl_flat (
  input  logic clk_i,
  input  logic rst_ni,
  `AXI4_FLAT_SLAVE_PORTS(s_, sail_pkg::DownIdWidth, ),
  output logic         job_valid_o,
  input  logic         job_ready_i,
  output logic [511:0] job_desc_o,     // word i at bits 32i + 31 .. 32i
  input  logic         engine_busy_i,
  input  logic         done_i,
  input  logic [3:0]   done_error_i,   // a sail_desc_pkg::job_error_e
  input  logic [31:0]  done_tag_i,
  input  logic         rd_beat_i,
  input  logic [5:0]   wr_bytes_i,
  input  logic         rd_stall_i,
  output logic         irq_o,
  output logic [7:0]   queued_o
);

  sail_pkg::down_ax_chan_t    ctrl_aw, ctrl_ar;
  axi4_pkg::w_chan_t          ctrl_w;
  sail_pkg::down_b_chan_t     ctrl_b;
  sail_pkg::down_r_chan_t     ctrl_r;
  logic ctrl_aw_valid, ctrl_aw_ready, ctrl_w_valid, ctrl_w_ready, ctrl_b_valid, ctrl_b_ready;
  logic ctrl_ar_valid, ctrl_ar_ready, ctrl_r_valid, ctrl_r_ready;
  sail_desc_pkg::desc_words_t desc;

  `AXI4_FLAT_SLAVE_PORT(ctrl, , s_, )

  sail_ctrl i_ctrl (
    .clk_i,
    .rst_ni,
    .aw_i         (ctrl_aw),
    .aw_valid_i   (ctrl_aw_valid),
    .aw_ready_o   (ctrl_aw_ready),
    .w_i          (ctrl_w),
    .w_valid_i    (ctrl_w_valid),
    .w_ready_o    (ctrl_w_ready),
    .b_o          (ctrl_b),
    .b_valid_o    (ctrl_b_valid),
    .b_ready_i    (ctrl_b_ready),
    .ar_i         (ctrl_ar),
    .ar_valid_i   (ctrl_ar_valid),
    .ar_ready_o   (ctrl_ar_ready),
    .r_o          (ctrl_r),
    .r_valid_o    (ctrl_r_valid),
    .r_ready_i    (ctrl_r_ready),
    .job_valid_o,
    .job_ready_i,
    .job_desc_o   (desc),
    .engine_busy_i,
    .done_i,
    .done_error_i (sail_desc_pkg::job_error_e'(done_error_i)),
    .done_tag_i,
    .rd_beat_i,
    .wr_bytes_i,
    .rd_stall_i,
    .irq_o,
    .queued_o
  );

  assign job_desc_o = desc;

endmodule
