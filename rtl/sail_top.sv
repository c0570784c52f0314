// sail_top: the Sail card as sailsim simulates it. The host port (s_*, driven by the host
// bus functional model or the driver shim) and the engine's master port share a crossbar
// to the control block (0x0000_0000, 64 KiB) and the DDR port (m_*, answered by the C++
// memory model); anything else answers DECERR (contracts.md section 2). The Q4_K engine
// (sail_engine) takes jobs from the control block's command queue and reads and writes DDR
// through the same crossbar; the control block raises irq_o when a job ends.
`include "axi4_flat.svh"
`include "axi4_channels.svh"

module sail_top #(
  parameter axi4_pkg::addr_t DdrStart = sail_pkg::DdrStart,
  parameter axi4_pkg::addr_t DdrEnd   = sail_pkg::DdrEnd,  // exclusive
  parameter int unsigned     MaxTrans = 8,
  parameter int unsigned     Lanes      = sail_pkg::EngineLanes,
  parameter int unsigned     BufBlocks  = sail_pkg::EngineBufBlocks,
  parameter int unsigned     QueueDepth = sail_pkg::QueueDepth
) (
  input  logic clk_i,
  input  logic rst_ni,
  output logic irq_o,   // a job ended (IRQ_STATUS & IRQ_ENABLE)
  output logic busy_o,  // the engine has a job, or one waits in the queue (for test benches)
  output logic [7:0] queued_o,  // descriptors waiting in the queue (for test benches and coverage)
  `AXI4_FLAT_SLAVE_PORTS(s_, axi4_pkg::IdWidth, ),
  `AXI4_FLAT_MASTER_PORTS(m_, sail_pkg::DownIdWidth, )
);

  import sail_pkg::*;

  localparam int unsigned NM = NoMasters;
  localparam int unsigned NS = NoSlaves;

  // The crossbar's ports, per channel.
  `AXI4_CHANNEL_ARRAYS(slv, axi4_pkg::ax_chan_t, axi4_pkg::b_chan_t, axi4_pkg::r_chan_t, NM)
  `AXI4_CHANNEL_ARRAYS(mst, down_ax_chan_t, down_b_chan_t, down_r_chan_t, NS)

  // ---- Host port -> crossbar master 0; crossbar slave 1 -> DDR port ------------------------
  `AXI4_FLAT_SLAVE_PORT(slv, [MasterHost], s_, )
  `AXI4_FLAT_MASTER_PORT(mst, [SlaveDdr], m_, )

  // ---- The engine: crossbar master 1; jobs and events to and from the control block ---------
  sail_desc_pkg::desc_words_t job_desc;
  sail_desc_pkg::job_error_e  done_error;
  logic                       job_valid, job_ready, done, busy, rd_beat, rd_stall;
  logic [31:0]                done_tag;
  logic [5:0]                 wr_bytes;

  sail_engine #(
    .DdrStart  (DdrStart),
    .DdrEnd    (DdrEnd),
    .Lanes     (Lanes),
    .BufBlocks (BufBlocks)
  ) i_engine (
    .clk_i,
    .rst_ni,
    .job_valid_i (job_valid),
    .job_ready_o (job_ready),
    .job_desc_i  (job_desc),
    .done_o      (done),
    .done_error_o(done_error),
    .done_tag_o  (done_tag),
    .busy_o      (busy),
    .rd_beat_o   (rd_beat),
    .wr_bytes_o  (wr_bytes),
    .rd_stall_o  (rd_stall),
    .aw_o        (slv_aw[MasterEngine]),
    .aw_valid_o  (slv_aw_valid[MasterEngine]),
    .aw_ready_i  (slv_aw_ready[MasterEngine]),
    .w_o         (slv_w[MasterEngine]),
    .w_valid_o   (slv_w_valid[MasterEngine]),
    .w_ready_i   (slv_w_ready[MasterEngine]),
    .b_i         (slv_b[MasterEngine]),
    .b_valid_i   (slv_b_valid[MasterEngine]),
    .b_ready_o   (slv_b_ready[MasterEngine]),
    .ar_o        (slv_ar[MasterEngine]),
    .ar_valid_o  (slv_ar_valid[MasterEngine]),
    .ar_ready_i  (slv_ar_ready[MasterEngine]),
    .r_i         (slv_r[MasterEngine]),
    .r_valid_i   (slv_r_valid[MasterEngine]),
    .r_ready_o   (slv_r_ready[MasterEngine])
  );

  assign busy_o = busy || job_valid;

  // ---- Control block ------------------------------------------------------------------------
  sail_ctrl #(
    .DdrStart  (DdrStart),
    .DdrEnd    (DdrEnd),
    .QueueDepth(QueueDepth),
    .Lanes     (Lanes),
    .BufBlocks (BufBlocks)
  ) i_ctrl (
    .clk_i,
    .rst_ni,
    .aw_i         (mst_aw[SlaveCtrl]),
    .aw_valid_i   (mst_aw_valid[SlaveCtrl]),
    .aw_ready_o   (mst_aw_ready[SlaveCtrl]),
    .w_i          (mst_w[SlaveCtrl]),
    .w_valid_i    (mst_w_valid[SlaveCtrl]),
    .w_ready_o    (mst_w_ready[SlaveCtrl]),
    .b_o          (mst_b[SlaveCtrl]),
    .b_valid_o    (mst_b_valid[SlaveCtrl]),
    .b_ready_i    (mst_b_ready[SlaveCtrl]),
    .ar_i         (mst_ar[SlaveCtrl]),
    .ar_valid_i   (mst_ar_valid[SlaveCtrl]),
    .ar_ready_o   (mst_ar_ready[SlaveCtrl]),
    .r_o          (mst_r[SlaveCtrl]),
    .r_valid_o    (mst_r_valid[SlaveCtrl]),
    .r_ready_i    (mst_r_ready[SlaveCtrl]),
    .job_valid_o  (job_valid),
    .job_ready_i  (job_ready),
    .job_desc_o   (job_desc),
    .engine_busy_i(busy),
    .done_i       (done),
    .done_error_i (done_error),
    .done_tag_i   (done_tag),
    .rd_beat_i    (rd_beat),
    .wr_bytes_i   (wr_bytes),
    .rd_stall_i   (rd_stall),
    .irq_o,
    .queued_o
  );

  // ---- Crossbar -----------------------------------------------------------------------------
  axi_xbar #(
    .NoSlvPorts (NM),
    .NoMstPorts (NS),
    .MaxMstTrans(MaxTrans),
    .MaxSlvTrans(MaxTrans),
    .SlvIdWidth (axi4_pkg::IdWidth),
    .PrefixWidth(MasterIdxWidth),
    .StartAddr  ({DdrStart, CtrlStart}),
    .EndAddr    ({DdrEnd, CtrlEnd})
  ) i_xbar (
    .clk_i,
    .rst_ni,
    `AXI4_XBAR_CONNECT(slv, mst)
  );

endmodule
