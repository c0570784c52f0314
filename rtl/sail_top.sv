// sail_top: the Sail card as sailsim simulates it. The host port (s_*, driven by the host
// bus functional model or the driver shim) and the engine's master port share a crossbar
// to the control block (0x0000_0000, 64 KiB) and the DDR port (m_*, answered by the C++
// memory model); anything else answers DECERR (contracts.md section 2). The Q4_K engine
// joins in the next step; until then its master port is idle and the control block holds
// the identification registers, so the address map works end to end.
`include "axi4_flat.svh"

module sail_top #(
  parameter axi4_pkg::addr_t DdrStart = sail_pkg::DdrStart,
  parameter axi4_pkg::addr_t DdrEnd   = sail_pkg::DdrEnd,  // exclusive
  parameter int unsigned     MaxTrans = 8
) (
  input  logic clk_i,
  input  logic rst_ni,
  `AXI4_FLAT_SLAVE_PORTS(s_, axi4_pkg::IdWidth, ),
  `AXI4_FLAT_MASTER_PORTS(m_, sail_pkg::DownIdWidth, )
);

  import sail_pkg::*;

  localparam int unsigned NM = NoMasters;
  localparam int unsigned NS = NoSlaves;

  // The crossbar's ports, per channel.
  axi4_pkg::ax_chan_t slv_aw [NM];
  logic [NM-1:0]      slv_aw_valid, slv_aw_ready;
  axi4_pkg::w_chan_t  slv_w [NM];
  logic [NM-1:0]      slv_w_valid, slv_w_ready;
  axi4_pkg::b_chan_t  slv_b [NM];
  logic [NM-1:0]      slv_b_valid, slv_b_ready;
  axi4_pkg::ax_chan_t slv_ar [NM];
  logic [NM-1:0]      slv_ar_valid, slv_ar_ready;
  axi4_pkg::r_chan_t  slv_r [NM];
  logic [NM-1:0]      slv_r_valid, slv_r_ready;

  down_ax_chan_t      mst_aw [NS];
  logic [NS-1:0]      mst_aw_valid, mst_aw_ready;
  axi4_pkg::w_chan_t  mst_w [NS];
  logic [NS-1:0]      mst_w_valid, mst_w_ready;
  down_b_chan_t       mst_b [NS];
  logic [NS-1:0]      mst_b_valid, mst_b_ready;
  down_ax_chan_t      mst_ar [NS];
  logic [NS-1:0]      mst_ar_valid, mst_ar_ready;
  down_r_chan_t       mst_r [NS];
  logic [NS-1:0]      mst_r_valid, mst_r_ready;

  // ---- Host port -> crossbar master 0; crossbar slave 1 -> DDR port ------------------------
  `AXI4_FLAT_SLAVE_PORT(slv, [MasterHost], s_, )
  `AXI4_FLAT_MASTER_PORT(mst, [SlaveDdr], m_, )

  // ---- The engine's master port: idle until the engine lands --------------------------------
  assign slv_aw[MasterEngine]       = '0;
  assign slv_aw_valid[MasterEngine] = 1'b0;
  assign slv_w[MasterEngine]        = '0;
  assign slv_w_valid[MasterEngine]  = 1'b0;
  assign slv_b_ready[MasterEngine]  = 1'b1;
  assign slv_ar[MasterEngine]       = '0;
  assign slv_ar_valid[MasterEngine] = 1'b0;
  assign slv_r_ready[MasterEngine]  = 1'b1;

  logic unused_engine;
  assign unused_engine = ^{slv_aw_ready[MasterEngine], slv_w_ready[MasterEngine],
                           slv_b[MasterEngine], slv_b_valid[MasterEngine],
                           slv_ar_ready[MasterEngine], slv_r[MasterEngine],
                           slv_r_valid[MasterEngine]};

  // ---- Control block ------------------------------------------------------------------------
  sail_ctrl #(
    .DdrStart(DdrStart),
    .DdrEnd  (DdrEnd)
  ) i_ctrl (
    .clk_i,
    .rst_ni,
    .aw_i      (mst_aw[SlaveCtrl]),
    .aw_valid_i(mst_aw_valid[SlaveCtrl]),
    .aw_ready_o(mst_aw_ready[SlaveCtrl]),
    .w_i       (mst_w[SlaveCtrl]),
    .w_valid_i (mst_w_valid[SlaveCtrl]),
    .w_ready_o (mst_w_ready[SlaveCtrl]),
    .b_o       (mst_b[SlaveCtrl]),
    .b_valid_o (mst_b_valid[SlaveCtrl]),
    .b_ready_i (mst_b_ready[SlaveCtrl]),
    .ar_i      (mst_ar[SlaveCtrl]),
    .ar_valid_i(mst_ar_valid[SlaveCtrl]),
    .ar_ready_o(mst_ar_ready[SlaveCtrl]),
    .r_o       (mst_r[SlaveCtrl]),
    .r_valid_o (mst_r_valid[SlaveCtrl]),
    .r_ready_i (mst_r_ready[SlaveCtrl])
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
    .slv_aw_i      (slv_aw),
    .slv_aw_valid_i(slv_aw_valid),
    .slv_aw_ready_o(slv_aw_ready),
    .slv_w_i       (slv_w),
    .slv_w_valid_i (slv_w_valid),
    .slv_w_ready_o (slv_w_ready),
    .slv_b_o       (slv_b),
    .slv_b_valid_o (slv_b_valid),
    .slv_b_ready_i (slv_b_ready),
    .slv_ar_i      (slv_ar),
    .slv_ar_valid_i(slv_ar_valid),
    .slv_ar_ready_o(slv_ar_ready),
    .slv_r_o       (slv_r),
    .slv_r_valid_o (slv_r_valid),
    .slv_r_ready_i (slv_r_ready),
    .mst_aw_o      (mst_aw),
    .mst_aw_valid_o(mst_aw_valid),
    .mst_aw_ready_i(mst_aw_ready),
    .mst_w_o       (mst_w),
    .mst_w_valid_o (mst_w_valid),
    .mst_w_ready_i (mst_w_ready),
    .mst_b_i       (mst_b),
    .mst_b_valid_i (mst_b_valid),
    .mst_b_ready_o (mst_b_ready),
    .mst_ar_o      (mst_ar),
    .mst_ar_valid_o(mst_ar_valid),
    .mst_ar_ready_i(mst_ar_ready),
    .mst_r_i       (mst_r),
    .mst_r_valid_i (mst_r_valid),
    .mst_r_ready_o (mst_r_ready)
  );

endmodule
