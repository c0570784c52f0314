// axi_xbar: an AXI4 crossbar of NoSlvPorts masters by NoMstPorts slaves, in the manner of
// pulp-platform/axi's axi_xbar: one axi_demux per master (with its own axi_err_slv for
// address holes) and one axi_mux per slave, fully connected. Rule j of the address map
// covers [StartAddr[j], EndAddr[j]) and selects master port j; no match answers DECERR.
// IDs grow by PrefixWidth bits on the way to a slave (the master's index on top) and
// shrink back on the way to the master. Every channel is its own port, so Verilator sees
// the real combinational paths and no false loops through request/response bundles.
module axi_xbar #(
  parameter int unsigned NoSlvPorts  = sail_pkg::NoMasters,
  parameter int unsigned NoMstPorts  = sail_pkg::NoSlaves,
  parameter int unsigned MaxMstTrans = 8,  // per master, ID and direction in flight
  parameter int unsigned MaxSlvTrans = 8,  // per slave, writes whose W beats are unfinished
  parameter int unsigned SlvIdWidth  = axi4_pkg::IdWidth,
  parameter int unsigned PrefixWidth = sail_pkg::MasterIdxWidth,  // >= $clog2(NoSlvPorts)
  parameter axi4_pkg::addr_t [NoMstPorts-1:0] StartAddr = {sail_pkg::DdrStart, sail_pkg::CtrlStart},
  parameter axi4_pkg::addr_t [NoMstPorts-1:0] EndAddr   = {sail_pkg::DdrEnd, sail_pkg::CtrlEnd},
  parameter type slv_ax_chan_t = axi4_pkg::ax_chan_t,
  parameter type slv_b_chan_t  = axi4_pkg::b_chan_t,
  parameter type slv_r_chan_t  = axi4_pkg::r_chan_t,
  parameter type w_chan_t      = axi4_pkg::w_chan_t,
  parameter type mst_ax_chan_t = sail_pkg::down_ax_chan_t,
  parameter type mst_b_chan_t  = sail_pkg::down_b_chan_t,
  parameter type mst_r_chan_t  = sail_pkg::down_r_chan_t
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,
  // Slave ports: the masters connect here.
  input  slv_ax_chan_t          slv_aw_i       [NoSlvPorts],
  input  logic [NoSlvPorts-1:0] slv_aw_valid_i,
  output logic [NoSlvPorts-1:0] slv_aw_ready_o,
  input  w_chan_t               slv_w_i        [NoSlvPorts],
  input  logic [NoSlvPorts-1:0] slv_w_valid_i,
  output logic [NoSlvPorts-1:0] slv_w_ready_o,
  output slv_b_chan_t           slv_b_o        [NoSlvPorts],
  output logic [NoSlvPorts-1:0] slv_b_valid_o,
  input  logic [NoSlvPorts-1:0] slv_b_ready_i,
  input  slv_ax_chan_t          slv_ar_i       [NoSlvPorts],
  input  logic [NoSlvPorts-1:0] slv_ar_valid_i,
  output logic [NoSlvPorts-1:0] slv_ar_ready_o,
  output slv_r_chan_t           slv_r_o        [NoSlvPorts],
  output logic [NoSlvPorts-1:0] slv_r_valid_o,
  input  logic [NoSlvPorts-1:0] slv_r_ready_i,
  // Master ports: the slaves connect here.
  output mst_ax_chan_t          mst_aw_o       [NoMstPorts],
  output logic [NoMstPorts-1:0] mst_aw_valid_o,
  input  logic [NoMstPorts-1:0] mst_aw_ready_i,
  output w_chan_t               mst_w_o        [NoMstPorts],
  output logic [NoMstPorts-1:0] mst_w_valid_o,
  input  logic [NoMstPorts-1:0] mst_w_ready_i,
  input  mst_b_chan_t           mst_b_i        [NoMstPorts],
  input  logic [NoMstPorts-1:0] mst_b_valid_i,
  output logic [NoMstPorts-1:0] mst_b_ready_o,
  output mst_ax_chan_t          mst_ar_o       [NoMstPorts],
  output logic [NoMstPorts-1:0] mst_ar_valid_o,
  input  logic [NoMstPorts-1:0] mst_ar_ready_i,
  input  mst_r_chan_t           mst_r_i        [NoMstPorts],
  input  logic [NoMstPorts-1:0] mst_r_valid_i,
  output logic [NoMstPorts-1:0] mst_r_ready_o
);

  localparam int unsigned NoTargets = NoMstPorts + 1;  // the slaves and the error slave
  localparam int unsigned SelWidth  = $clog2(NoTargets);

  // Demux side, per master i: payloads once, valid/ready per target j (NoMstPorts = the
  // error slave).
  slv_ax_chan_t          dmx_aw       [NoSlvPorts];
  logic [NoTargets-1:0]  dmx_aw_valid [NoSlvPorts];
  logic [NoTargets-1:0]  dmx_aw_ready [NoSlvPorts];
  w_chan_t               dmx_w        [NoSlvPorts];
  logic [NoTargets-1:0]  dmx_w_valid  [NoSlvPorts];
  logic [NoTargets-1:0]  dmx_w_ready  [NoSlvPorts];
  slv_b_chan_t           dmx_b        [NoSlvPorts][NoTargets];
  logic [NoTargets-1:0]  dmx_b_valid  [NoSlvPorts];
  logic [NoTargets-1:0]  dmx_b_ready  [NoSlvPorts];
  slv_ax_chan_t          dmx_ar       [NoSlvPorts];
  logic [NoTargets-1:0]  dmx_ar_valid [NoSlvPorts];
  logic [NoTargets-1:0]  dmx_ar_ready [NoSlvPorts];
  slv_r_chan_t           dmx_r        [NoSlvPorts][NoTargets];
  logic [NoTargets-1:0]  dmx_r_valid  [NoSlvPorts];
  logic [NoTargets-1:0]  dmx_r_ready  [NoSlvPorts];

  // Mux side, per slave j: valid/ready per master i; B and R payloads once.
  logic [NoSlvPorts-1:0] mux_aw_valid [NoMstPorts];
  logic [NoSlvPorts-1:0] mux_aw_ready [NoMstPorts];
  logic [NoSlvPorts-1:0] mux_w_valid  [NoMstPorts];
  logic [NoSlvPorts-1:0] mux_w_ready  [NoMstPorts];
  slv_b_chan_t           mux_b        [NoMstPorts];
  logic [NoSlvPorts-1:0] mux_b_valid  [NoMstPorts];
  logic [NoSlvPorts-1:0] mux_b_ready  [NoMstPorts];
  logic [NoSlvPorts-1:0] mux_ar_valid [NoMstPorts];
  logic [NoSlvPorts-1:0] mux_ar_ready [NoMstPorts];
  slv_r_chan_t           mux_r        [NoMstPorts];
  logic [NoSlvPorts-1:0] mux_r_valid  [NoMstPorts];
  logic [NoSlvPorts-1:0] mux_r_ready  [NoMstPorts];

  for (genvar i = 0; i < NoSlvPorts; i++) begin : gen_slv
    logic [SelWidth-1:0] aw_sel, ar_sel;
    logic                aw_hit, ar_hit;

    axi_addr_decode #(
      .NoRules  (NoMstPorts),
      .StartAddr(StartAddr),
      .EndAddr  (EndAddr)
    ) i_aw_decode (
      .addr_i(slv_aw_i[i].addr),
      .sel_o (aw_sel),
      .hit_o (aw_hit)
    );

    axi_addr_decode #(
      .NoRules  (NoMstPorts),
      .StartAddr(StartAddr),
      .EndAddr  (EndAddr)
    ) i_ar_decode (
      .addr_i(slv_ar_i[i].addr),
      .sel_o (ar_sel),
      .hit_o (ar_hit)
    );

    // The select already says "hole" (index NoMstPorts); the hit flags serve other users.
    logic unused_hit;
    assign unused_hit = aw_hit ^ ar_hit;

    axi_demux #(
      .NoMstPorts(NoTargets),
      .MaxTrans  (MaxMstTrans),
      .IdWidth   (SlvIdWidth),
      .ax_chan_t (slv_ax_chan_t),
      .w_chan_t  (w_chan_t),
      .b_chan_t  (slv_b_chan_t),
      .r_chan_t  (slv_r_chan_t)
    ) i_demux (
      .clk_i,
      .rst_ni,
      .slv_aw_i       (slv_aw_i[i]),
      .slv_aw_select_i(aw_sel),
      .slv_aw_valid_i (slv_aw_valid_i[i]),
      .slv_aw_ready_o (slv_aw_ready_o[i]),
      .slv_w_i        (slv_w_i[i]),
      .slv_w_valid_i  (slv_w_valid_i[i]),
      .slv_w_ready_o  (slv_w_ready_o[i]),
      .slv_b_o        (slv_b_o[i]),
      .slv_b_valid_o  (slv_b_valid_o[i]),
      .slv_b_ready_i  (slv_b_ready_i[i]),
      .slv_ar_i       (slv_ar_i[i]),
      .slv_ar_select_i(ar_sel),
      .slv_ar_valid_i (slv_ar_valid_i[i]),
      .slv_ar_ready_o (slv_ar_ready_o[i]),
      .slv_r_o        (slv_r_o[i]),
      .slv_r_valid_o  (slv_r_valid_o[i]),
      .slv_r_ready_i  (slv_r_ready_i[i]),
      .mst_aw_o       (dmx_aw[i]),
      .mst_aw_valid_o (dmx_aw_valid[i]),
      .mst_aw_ready_i (dmx_aw_ready[i]),
      .mst_w_o        (dmx_w[i]),
      .mst_w_valid_o  (dmx_w_valid[i]),
      .mst_w_ready_i  (dmx_w_ready[i]),
      .mst_b_i        (dmx_b[i]),
      .mst_b_valid_i  (dmx_b_valid[i]),
      .mst_b_ready_o  (dmx_b_ready[i]),
      .mst_ar_o       (dmx_ar[i]),
      .mst_ar_valid_o (dmx_ar_valid[i]),
      .mst_ar_ready_i (dmx_ar_ready[i]),
      .mst_r_i        (dmx_r[i]),
      .mst_r_valid_i  (dmx_r_valid[i]),
      .mst_r_ready_o  (dmx_r_ready[i])
    );

    axi_err_slv #(
      .IdWidth  (SlvIdWidth),
      .ax_chan_t(slv_ax_chan_t),
      .w_chan_t (w_chan_t),
      .b_chan_t (slv_b_chan_t),
      .r_chan_t (slv_r_chan_t)
    ) i_err_slv (
      .clk_i,
      .rst_ni,
      .aw_i      (dmx_aw[i]),
      .aw_valid_i(dmx_aw_valid[i][NoMstPorts]),
      .aw_ready_o(dmx_aw_ready[i][NoMstPorts]),
      .w_i       (dmx_w[i]),
      .w_valid_i (dmx_w_valid[i][NoMstPorts]),
      .w_ready_o (dmx_w_ready[i][NoMstPorts]),
      .b_o       (dmx_b[i][NoMstPorts]),
      .b_valid_o (dmx_b_valid[i][NoMstPorts]),
      .b_ready_i (dmx_b_ready[i][NoMstPorts]),
      .ar_i      (dmx_ar[i]),
      .ar_valid_i(dmx_ar_valid[i][NoMstPorts]),
      .ar_ready_o(dmx_ar_ready[i][NoMstPorts]),
      .r_o       (dmx_r[i][NoMstPorts]),
      .r_valid_o (dmx_r_valid[i][NoMstPorts]),
      .r_ready_i (dmx_r_ready[i][NoMstPorts])
    );

    for (genvar j = 0; j < NoMstPorts; j++) begin : gen_cross
      assign mux_aw_valid[j][i] = dmx_aw_valid[i][j];
      assign dmx_aw_ready[i][j] = mux_aw_ready[j][i];
      assign mux_w_valid[j][i]  = dmx_w_valid[i][j];
      assign dmx_w_ready[i][j]  = mux_w_ready[j][i];
      assign dmx_b[i][j]        = mux_b[j];
      assign dmx_b_valid[i][j]  = mux_b_valid[j][i];
      assign mux_b_ready[j][i]  = dmx_b_ready[i][j];
      assign mux_ar_valid[j][i] = dmx_ar_valid[i][j];
      assign dmx_ar_ready[i][j] = mux_ar_ready[j][i];
      assign dmx_r[i][j]        = mux_r[j];
      assign dmx_r_valid[i][j]  = mux_r_valid[j][i];
      assign mux_r_ready[j][i]  = dmx_r_ready[i][j];
    end
  end

  for (genvar j = 0; j < NoMstPorts; j++) begin : gen_mst
    axi_mux #(
      .NoSlvPorts   (NoSlvPorts),
      .MaxTrans     (MaxSlvTrans),
      .SlvIdWidth   (SlvIdWidth),
      .PrefixWidth  (PrefixWidth),
      .slv_ax_chan_t(slv_ax_chan_t),
      .slv_b_chan_t (slv_b_chan_t),
      .slv_r_chan_t (slv_r_chan_t),
      .w_chan_t     (w_chan_t),
      .mst_ax_chan_t(mst_ax_chan_t),
      .mst_b_chan_t (mst_b_chan_t),
      .mst_r_chan_t (mst_r_chan_t)
    ) i_mux (
      .clk_i,
      .rst_ni,
      .slv_aw_i      (dmx_aw),
      .slv_aw_valid_i(mux_aw_valid[j]),
      .slv_aw_ready_o(mux_aw_ready[j]),
      .slv_w_i       (dmx_w),
      .slv_w_valid_i (mux_w_valid[j]),
      .slv_w_ready_o (mux_w_ready[j]),
      .slv_b_o       (mux_b[j]),
      .slv_b_valid_o (mux_b_valid[j]),
      .slv_b_ready_i (mux_b_ready[j]),
      .slv_ar_i      (dmx_ar),
      .slv_ar_valid_i(mux_ar_valid[j]),
      .slv_ar_ready_o(mux_ar_ready[j]),
      .slv_r_o       (mux_r[j]),
      .slv_r_valid_o (mux_r_valid[j]),
      .slv_r_ready_i (mux_r_ready[j]),
      .mst_aw_o      (mst_aw_o[j]),
      .mst_aw_valid_o(mst_aw_valid_o[j]),
      .mst_aw_ready_i(mst_aw_ready_i[j]),
      .mst_w_o       (mst_w_o[j]),
      .mst_w_valid_o (mst_w_valid_o[j]),
      .mst_w_ready_i (mst_w_ready_i[j]),
      .mst_b_i       (mst_b_i[j]),
      .mst_b_valid_i (mst_b_valid_i[j]),
      .mst_b_ready_o (mst_b_ready_o[j]),
      .mst_ar_o      (mst_ar_o[j]),
      .mst_ar_valid_o(mst_ar_valid_o[j]),
      .mst_ar_ready_i(mst_ar_ready_i[j]),
      .mst_r_i       (mst_r_i[j]),
      .mst_r_valid_i (mst_r_valid_i[j]),
      .mst_r_ready_o (mst_r_ready_o[j])
    );
  end

endmodule
