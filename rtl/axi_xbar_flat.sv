// axi_xbar_flat: axi_xbar with contract-named ports (s_aw*[i] for master i, m_aw*[j] for
// slave j, as unpacked arrays), so that the C++ simulation kernel binds AXI4 models to it
// by name, as it does to any MAST module. Its address map is generated for tests: slave j
// starts at j * RegionStride; even slaves fill their stride (so they abut the next one),
// odd slaves the lower half (so a hole follows), and everything from NoSlaves *
// RegionStride up is a hole.
`include "axi4_flat.svh"

module axi_xbar_flat #(
  parameter int unsigned     NoMasters    = 2,
  parameter int unsigned     NoSlaves     = 2,
  parameter int unsigned     MaxTrans     = 8,
  parameter axi4_pkg::addr_t RegionStride = 48'h1_0000_0000,
  localparam int unsigned    PrefixWidth  = (NoMasters > 1) ? $clog2(NoMasters) : 1,
  localparam int unsigned    SlvIdWidth   = axi4_pkg::IdWidth,
  localparam int unsigned    MstIdWidth   = SlvIdWidth + PrefixWidth
) (
  input  logic clk_i,
  input  logic rst_ni,
  `AXI4_FLAT_SLAVE_PORTS(s_, SlvIdWidth, [NoMasters]),
  `AXI4_FLAT_MASTER_PORTS(m_, MstIdWidth, [NoSlaves])
);

  typedef logic [MstIdWidth-1:0] mst_id_t;
  `AXI4_TYPEDEF_ALL(mst, mst_id_t)

  typedef axi4_pkg::addr_t [NoSlaves-1:0] addr_map_t;

  function automatic addr_map_t region_starts();
    addr_map_t starts;
    for (int unsigned j = 0; j < NoSlaves; j++) starts[j] = axi4_pkg::addr_t'(j) * RegionStride;
    return starts;
  endfunction

  function automatic addr_map_t region_ends();
    addr_map_t ends;
    for (int unsigned j = 0; j < NoSlaves; j++) begin
      ends[j] = axi4_pkg::addr_t'(j) * RegionStride
              + ((j % 2 == 0) ? RegionStride : RegionStride / 2);
    end
    return ends;
  endfunction

  axi4_pkg::ax_chan_t slv_aw       [NoMasters];
  logic [NoMasters-1:0] slv_aw_valid, slv_aw_ready;
  axi4_pkg::w_chan_t  slv_w        [NoMasters];
  logic [NoMasters-1:0] slv_w_valid, slv_w_ready;
  axi4_pkg::b_chan_t  slv_b        [NoMasters];
  logic [NoMasters-1:0] slv_b_valid, slv_b_ready;
  axi4_pkg::ax_chan_t slv_ar       [NoMasters];
  logic [NoMasters-1:0] slv_ar_valid, slv_ar_ready;
  axi4_pkg::r_chan_t  slv_r        [NoMasters];
  logic [NoMasters-1:0] slv_r_valid, slv_r_ready;

  mst_ax_chan_t       mst_aw       [NoSlaves];
  logic [NoSlaves-1:0] mst_aw_valid, mst_aw_ready;
  axi4_pkg::w_chan_t  mst_w        [NoSlaves];
  logic [NoSlaves-1:0] mst_w_valid, mst_w_ready;
  mst_b_chan_t        mst_b        [NoSlaves];
  logic [NoSlaves-1:0] mst_b_valid, mst_b_ready;
  mst_ax_chan_t       mst_ar       [NoSlaves];
  logic [NoSlaves-1:0] mst_ar_valid, mst_ar_ready;
  mst_r_chan_t        mst_r        [NoSlaves];
  logic [NoSlaves-1:0] mst_r_valid, mst_r_ready;

  for (genvar i = 0; i < NoMasters; i++) begin : gen_s
    `AXI4_FLAT_SLAVE_PORT(slv, [i], s_, [i])
  end
  for (genvar j = 0; j < NoSlaves; j++) begin : gen_m
    `AXI4_FLAT_MASTER_PORT(mst, [j], m_, [j])
  end

  axi_xbar #(
    .NoSlvPorts   (NoMasters),
    .NoMstPorts   (NoSlaves),
    .MaxMstTrans  (MaxTrans),
    .MaxSlvTrans  (MaxTrans),
    .SlvIdWidth   (SlvIdWidth),
    .PrefixWidth  (PrefixWidth),
    .StartAddr    (region_starts()),
    .EndAddr      (region_ends()),
    .slv_ax_chan_t(axi4_pkg::ax_chan_t),
    .slv_b_chan_t (axi4_pkg::b_chan_t),
    .slv_r_chan_t (axi4_pkg::r_chan_t),
    .w_chan_t     (axi4_pkg::w_chan_t),
    .mst_ax_chan_t(mst_ax_chan_t),
    .mst_b_chan_t (mst_b_chan_t),
    .mst_r_chan_t (mst_r_chan_t)
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
