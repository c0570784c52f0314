// axi_demux: one master's port spread over NoMstPorts slaves. The caller decodes AW and AR
// into a port index. Three rules keep the protocol and avoid deadlock:
// * same-ID transactions go to one slave at a time (axi_id_order), so their responses
//   cannot overtake each other;
// * a write goes to a different slave only once the W beats of all earlier writes have
//   left, so W beats never wait on each other across slaves (the crossbar deadlock that
//   pulp-platform's axi_demux avoids the same way);
// * B and R from the slaves are merged round-robin, beat by beat. Read bursts of different
//   IDs may interleave (AXI allows it); holding a burst together would deadlock against
//   slaves that interleave themselves.
// Nothing here adds a cycle: AW, AR, W, B and R pass combinationally. Each channel has its
// own ports (no request/response bundles), so Verilator sees no false combinational loops.
module axi_demux #(
  parameter int unsigned NoMstPorts = 3,
  parameter int unsigned MaxTrans   = 8,  // per ID and direction; also writes awaiting W
  parameter int unsigned IdWidth    = axi4_pkg::IdWidth,
  parameter type ax_chan_t = axi4_pkg::ax_chan_t,
  parameter type w_chan_t  = axi4_pkg::w_chan_t,
  parameter type b_chan_t  = axi4_pkg::b_chan_t,
  parameter type r_chan_t  = axi4_pkg::r_chan_t,
  localparam int unsigned SelWidth = (NoMstPorts > 1) ? $clog2(NoMstPorts) : 1
) (
  input  logic                clk_i,
  input  logic                rst_ni,
  // The master's port, and where its AW and AR go.
  input  ax_chan_t            slv_aw_i,
  input  logic [SelWidth-1:0] slv_aw_select_i,
  input  logic                slv_aw_valid_i,
  output logic                slv_aw_ready_o,
  input  w_chan_t             slv_w_i,
  input  logic                slv_w_valid_i,
  output logic                slv_w_ready_o,
  output b_chan_t             slv_b_o,
  output logic                slv_b_valid_o,
  input  logic                slv_b_ready_i,
  input  ax_chan_t            slv_ar_i,
  input  logic [SelWidth-1:0] slv_ar_select_i,
  input  logic                slv_ar_valid_i,
  output logic                slv_ar_ready_o,
  output r_chan_t             slv_r_o,
  output logic                slv_r_valid_o,
  input  logic                slv_r_ready_i,
  // One port per slave. Payloads are the same on every port; only valids differ.
  output ax_chan_t            mst_aw_o,
  output logic [NoMstPorts-1:0] mst_aw_valid_o,
  input  logic [NoMstPorts-1:0] mst_aw_ready_i,
  output w_chan_t             mst_w_o,
  output logic [NoMstPorts-1:0] mst_w_valid_o,
  input  logic [NoMstPorts-1:0] mst_w_ready_i,
  input  b_chan_t             mst_b_i       [NoMstPorts],
  input  logic [NoMstPorts-1:0] mst_b_valid_i,
  output logic [NoMstPorts-1:0] mst_b_ready_o,
  output ax_chan_t            mst_ar_o,
  output logic [NoMstPorts-1:0] mst_ar_valid_o,
  input  logic [NoMstPorts-1:0] mst_ar_ready_i,
  input  r_chan_t             mst_r_i       [NoMstPorts],
  input  logic [NoMstPorts-1:0] mst_r_valid_i,
  output logic [NoMstPorts-1:0] mst_r_ready_o
);

  localparam int unsigned CntWidth = $clog2(MaxTrans + 1);

  // ---- AW: ordering and the W rule --------------------------------------------------
  logic aw_id_stall, aw_stall, aw_hs;
  logic [SelWidth-1:0] w_sel_q, w_sel_d;   // where the pending W beats go
  logic [CntWidth-1:0] w_open_q, w_open_d; // accepted writes whose last W beat has not left
  logic w_hs, w_last_hs, b_hs;

  axi_id_order #(
    .IdWidth (IdWidth),
    .SelWidth(SelWidth),
    .MaxTrans(MaxTrans)
  ) i_aw_order (
    .clk_i,
    .rst_ni,
    .req_id_i (slv_aw_i.id),
    .req_sel_i(slv_aw_select_i),
    .stall_o  (aw_id_stall),
    .push_i   (aw_hs),
    .pop_id_i (slv_b_o.id),
    .pop_i    (b_hs)
  );

  assign aw_stall = aw_id_stall
                 || (w_open_q != '0 && w_sel_q != slv_aw_select_i)
                 || w_open_q == CntWidth'(MaxTrans);

  assign mst_aw_o       = slv_aw_i;
  assign mst_aw_valid_o = (slv_aw_valid_i && !aw_stall) ? NoMstPorts'(1) << slv_aw_select_i : '0;
  assign slv_aw_ready_o = !aw_stall && mst_aw_ready_i[slv_aw_select_i];
  assign aw_hs          = slv_aw_valid_i && slv_aw_ready_o;

  // W follows the open writes; with none open, it may go with the AW accepted this very
  // cycle (masters drive a burst's AW and first W together: no bubble between bursts).
  logic                w_routed;
  logic [SelWidth-1:0] w_target;
  assign w_routed = w_open_q != '0 || aw_hs;
  assign w_target = (w_open_q != '0) ? w_sel_q : slv_aw_select_i;

  assign mst_w_o        = slv_w_i;
  assign mst_w_valid_o  = (slv_w_valid_i && w_routed) ? NoMstPorts'(1) << w_target : '0;
  assign slv_w_ready_o  = w_routed && mst_w_ready_i[w_target];
  assign w_hs           = slv_w_valid_i && slv_w_ready_o;
  assign w_last_hs      = w_hs && slv_w_i.last;

  always_comb begin
    w_sel_d  = aw_hs ? slv_aw_select_i : w_sel_q;
    w_open_d = w_open_q;
    if (aw_hs && !w_last_hs) w_open_d = w_open_q + CntWidth'(1);
    if (!aw_hs && w_last_hs) w_open_d = w_open_q - CntWidth'(1);
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      w_sel_q  <= '0;
      w_open_q <= '0;
    end else begin
      w_sel_q  <= w_sel_d;
      w_open_q <= w_open_d;
    end
  end

  // ---- AR: ordering -----------------------------------------------------------------
  logic ar_stall, ar_hs, r_last_hs;

  axi_id_order #(
    .IdWidth (IdWidth),
    .SelWidth(SelWidth),
    .MaxTrans(MaxTrans)
  ) i_ar_order (
    .clk_i,
    .rst_ni,
    .req_id_i (slv_ar_i.id),
    .req_sel_i(slv_ar_select_i),
    .stall_o  (ar_stall),
    .push_i   (ar_hs),
    .pop_id_i (slv_r_o.id),
    .pop_i    (r_last_hs)
  );

  assign mst_ar_o       = slv_ar_i;
  assign mst_ar_valid_o = (slv_ar_valid_i && !ar_stall) ? NoMstPorts'(1) << slv_ar_select_i : '0;
  assign slv_ar_ready_o = !ar_stall && mst_ar_ready_i[slv_ar_select_i];
  assign ar_hs          = slv_ar_valid_i && slv_ar_ready_o;

  // ---- B and R: merge ---------------------------------------------------------------
  logic [SelWidth-1:0] b_idx, r_idx;

  rr_arbiter #(
    .N     (NoMstPorts),
    .data_t(b_chan_t)
  ) i_b_arb (
    .clk_i,
    .rst_ni,
    .valid_i(mst_b_valid_i),
    .ready_o(mst_b_ready_o),
    .data_i (mst_b_i),
    .valid_o(slv_b_valid_o),
    .ready_i(slv_b_ready_i),
    .data_o (slv_b_o),
    .idx_o  (b_idx)
  );

  rr_arbiter #(
    .N     (NoMstPorts),
    .data_t(r_chan_t)
  ) i_r_arb (
    .clk_i,
    .rst_ni,
    .valid_i(mst_r_valid_i),
    .ready_o(mst_r_ready_o),
    .data_i (mst_r_i),
    .valid_o(slv_r_valid_o),
    .ready_i(slv_r_ready_i),
    .data_o (slv_r_o),
    .idx_o  (r_idx)
  );

  assign b_hs      = slv_b_valid_o && slv_b_ready_i;
  assign r_last_hs = slv_r_valid_o && slv_r_ready_i && slv_r_o.last;

  // The arbiters' indices serve other users; the channels carry their IDs.
  logic unused;
  assign unused = ^{b_idx, r_idx};

endmodule
