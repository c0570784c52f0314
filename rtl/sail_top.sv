// sail_top: the Sail card as sailsim simulates it. The host port (s_*, driven by the host
// bus functional model or the driver shim) and the engine's master port share a crossbar
// to the control block (0x0000_0000, 64 KiB) and the DDR port (m_*, answered by the C++
// memory model); anything else answers DECERR (contracts.md section 2). The Q4_K engine
// joins in the next step; until then its master port is idle and the control block holds
// the identification registers, so the address map works end to end.
`include "axi4_flat.svh"
`include "axi4_channels.svh"

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
  `AXI4_CHANNEL_ARRAYS(slv, axi4_pkg::ax_chan_t, axi4_pkg::b_chan_t, axi4_pkg::r_chan_t, NM)
  `AXI4_CHANNEL_ARRAYS(mst, down_ax_chan_t, down_b_chan_t, down_r_chan_t, NS)

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
    `AXI4_XBAR_CONNECT(slv, mst)
  );

endmodule
