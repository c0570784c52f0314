// axi_xbar_flat: axi_xbar with contract-named ports (s_aw*[i] for master i, m_aw*[j] for
// slave j, as unpacked arrays), so that the C++ simulation kernel binds AXI4 models to it
// by name, as it does to any MAST module. Its address map is generated for tests: slave j
// starts at j * RegionStride; even slaves fill their stride (so they abut the next one),
// odd slaves the lower half (so a hole follows), and everything from NoSlaves *
// RegionStride up is a hole.
`include "axi4_flat.svh"
`include "axi4_channels.svh"

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

  // The crossbar's ports, per channel.
  `AXI4_CHANNEL_ARRAYS(slv, axi4_pkg::ax_chan_t, axi4_pkg::b_chan_t, axi4_pkg::r_chan_t, NoMasters)
  `AXI4_CHANNEL_ARRAYS(mst, mst_ax_chan_t, mst_b_chan_t, mst_r_chan_t, NoSlaves)

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
    `AXI4_XBAR_CONNECT(slv, mst)
  );

endmodule
