// axi_mux: NoSlvPorts masters onto one slave. AW and AR are arbitrated round-robin and
// leave with the master's index prepended to the ID; B and R are routed back by that
// prefix, which is stripped. W beats follow the order in which AWs were granted (a FIFO of
// master indices), so up to MaxTrans writes can be open at the slave at once. Handshakes
// pass combinationally, so a new address can leave every cycle and data beats back to back.
module axi_mux #(
  parameter int unsigned NoSlvPorts  = 2,
  parameter int unsigned MaxTrans    = 8,
  parameter int unsigned SlvIdWidth  = axi4_pkg::IdWidth,
  parameter int unsigned PrefixWidth = 1,  // >= $clog2(NoSlvPorts), at least 1
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
  // The masters' ports.
  input  slv_ax_chan_t          slv_aw_i       [NoSlvPorts],
  input  logic [NoSlvPorts-1:0] slv_aw_valid_i,
  output logic [NoSlvPorts-1:0] slv_aw_ready_o,
  input  w_chan_t               slv_w_i        [NoSlvPorts],
  input  logic [NoSlvPorts-1:0] slv_w_valid_i,
  output logic [NoSlvPorts-1:0] slv_w_ready_o,
  output slv_b_chan_t           slv_b_o,       // same payload for all; valids differ
  output logic [NoSlvPorts-1:0] slv_b_valid_o,
  input  logic [NoSlvPorts-1:0] slv_b_ready_i,
  input  slv_ax_chan_t          slv_ar_i       [NoSlvPorts],
  input  logic [NoSlvPorts-1:0] slv_ar_valid_i,
  output logic [NoSlvPorts-1:0] slv_ar_ready_o,
  output slv_r_chan_t           slv_r_o,
  output logic [NoSlvPorts-1:0] slv_r_valid_o,
  input  logic [NoSlvPorts-1:0] slv_r_ready_i,
  // The slave's port.
  output mst_ax_chan_t          mst_aw_o,
  output logic                  mst_aw_valid_o,
  input  logic                  mst_aw_ready_i,
  output w_chan_t               mst_w_o,
  output logic                  mst_w_valid_o,
  input  logic                  mst_w_ready_i,
  input  mst_b_chan_t           mst_b_i,
  input  logic                  mst_b_valid_i,
  output logic                  mst_b_ready_o,
  output mst_ax_chan_t          mst_ar_o,
  output logic                  mst_ar_valid_o,
  input  logic                  mst_ar_ready_i,
  input  mst_r_chan_t           mst_r_i,
  input  logic                  mst_r_valid_i,
  output logic                  mst_r_ready_o
);

  localparam int unsigned IdxWidth   = (NoSlvPorts > 1) ? $clog2(NoSlvPorts) : 1;
  localparam int unsigned MstIdWidth = SlvIdWidth + PrefixWidth;
  typedef logic [IdxWidth-1:0] idx_t;

  function automatic mst_ax_chan_t with_prefix(slv_ax_chan_t ax,
                                                 logic [PrefixWidth-1:0] prefix);
    mst_ax_chan_t out;
    out       = mst_ax_chan_t'(0);
    out.id    = {prefix, ax.id};
    out.addr  = ax.addr;
    out.len   = ax.len;
    out.size  = ax.size;
    out.burst = ax.burst;
    out.lock  = ax.lock;
    out.cache = ax.cache;
    out.prot  = ax.prot;
    out.qos   = ax.qos;
    return out;
  endfunction

  mst_ax_chan_t aw_chan [NoSlvPorts];
  mst_ax_chan_t ar_chan [NoSlvPorts];
  for (genvar i = 0; i < NoSlvPorts; i++) begin : gen_prefix
    assign aw_chan[i] = with_prefix(slv_aw_i[i], PrefixWidth'(i));
    assign ar_chan[i] = with_prefix(slv_ar_i[i], PrefixWidth'(i));
  end

  // ---- AW, and the W order it fixes -----------------------------------------------------
  logic aw_arb_valid, aw_arb_ready, w_fifo_full, w_fifo_empty, w_last_hs;
  idx_t aw_idx, w_head;

  rr_arbiter #(
    .N     (NoSlvPorts),
    .data_t(mst_ax_chan_t)
  ) i_aw_arb (
    .clk_i,
    .rst_ni,
    .valid_i(slv_aw_valid_i),
    .ready_o(slv_aw_ready_o),
    .data_i (aw_chan),
    .valid_o(aw_arb_valid),
    .ready_i(aw_arb_ready),
    .data_o (mst_aw_o),
    .idx_o  (aw_idx)
  );

  // An AW waits while the W order queue is full, so every open write has its entry.
  assign mst_aw_valid_o = aw_arb_valid && !w_fifo_full;
  assign aw_arb_ready   = mst_aw_ready_i && !w_fifo_full;

  // The W order queue, bypassed when it is empty: a write's first beat may pass in the
  // cycle its AW is granted (no bubble between bursts). A write that is granted and
  // finished in that same cycle never enters the queue.
  logic aw_hs, w_routed;
  idx_t w_src;
  assign aw_hs    = aw_arb_valid && aw_arb_ready;
  assign w_routed = !w_fifo_empty || aw_hs;
  assign w_src    = w_fifo_empty ? aw_idx : w_head;

  fifo_sync #(
    .Depth (MaxTrans),
    .data_t(idx_t)
  ) i_w_order (
    .clk_i,
    .rst_ni,
    .push_i (aw_hs && !(w_fifo_empty && w_last_hs)),
    .data_i (aw_idx),
    .full_o (w_fifo_full),
    .pop_i  (w_last_hs && !w_fifo_empty),
    .data_o (w_head),
    .empty_o(w_fifo_empty)
  );

  assign mst_w_o        = slv_w_i[w_src];
  assign mst_w_valid_o  = w_routed && slv_w_valid_i[w_src];
  assign slv_w_ready_o  = (w_routed && mst_w_ready_i) ? NoSlvPorts'(1) << w_src : '0;
  assign w_last_hs      = mst_w_valid_o && mst_w_ready_i && mst_w_o.last;

  // ---- AR -----------------------------------------------------------------------------
  idx_t ar_idx;
  rr_arbiter #(
    .N     (NoSlvPorts),
    .data_t(mst_ax_chan_t)
  ) i_ar_arb (
    .clk_i,
    .rst_ni,
    .valid_i(slv_ar_valid_i),
    .ready_o(slv_ar_ready_o),
    .data_i (ar_chan),
    .valid_o(mst_ar_valid_o),
    .ready_i(mst_ar_ready_i),
    .data_o (mst_ar_o),
    .idx_o  (ar_idx)
  );

  // ---- B and R, routed by prefix --------------------------------------------------------
  logic [PrefixWidth-1:0] b_prefix, r_prefix;
  assign b_prefix = mst_b_i.id[MstIdWidth-1:SlvIdWidth];
  assign r_prefix = mst_r_i.id[MstIdWidth-1:SlvIdWidth];

  always_comb begin
    slv_b_o      = '0;
    slv_b_o.id   = mst_b_i.id[SlvIdWidth-1:0];
    slv_b_o.resp = mst_b_i.resp;
    slv_r_o      = '0;
    slv_r_o.id   = mst_r_i.id[SlvIdWidth-1:0];
    slv_r_o.data = mst_r_i.data;
    slv_r_o.resp = mst_r_i.resp;
    slv_r_o.last = mst_r_i.last;
  end

  // A prefix that names no master (only a misbehaving slave sends one) is taken and dropped.
  always_comb begin
    slv_b_valid_o = '0;
    slv_r_valid_o = '0;
    mst_b_ready_o = 1'b1;
    mst_r_ready_o = 1'b1;
    if (32'(b_prefix) < NoSlvPorts) begin
      slv_b_valid_o[idx_t'(b_prefix)] = mst_b_valid_i;
      mst_b_ready_o                   = slv_b_ready_i[idx_t'(b_prefix)];
    end
    if (32'(r_prefix) < NoSlvPorts) begin
      slv_r_valid_o[idx_t'(r_prefix)] = mst_r_valid_i;
      mst_r_ready_o                   = slv_r_ready_i[idx_t'(r_prefix)];
    end
  end

  // Reads need no order record: their data returns by ID prefix.
  logic unused;
  assign unused = ^{ar_idx};

endmodule
