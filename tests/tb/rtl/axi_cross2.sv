// axi_cross2: a test fixture for binding unpacked-array ports and optional signals. Two
// slave ports s_*[2] are wired crossed to two master ports m_*[2] (s_*[i] to m_*[1-i]), so a
// binding that takes the wrong index sends traffic to the wrong memory. Like an interconnect,
// the master side prepends the slave port's index to the ID (5 bits), and strips it from
// responses. No port carries lock/cache/prot/qos.
module axi_cross2
  import axi4_pkg::*;
(
  input  logic   clk_i,
  input  logic   rst_ni,

  input  id_t    s_awid    [2],
  input  addr_t  s_awaddr  [2],
  input  len_t   s_awlen   [2],
  input  size_t  s_awsize  [2],
  input  burst_t s_awburst [2],
  input  logic   s_awvalid [2],
  output logic   s_awready [2],
  input  data_t  s_wdata   [2],
  input  strb_t  s_wstrb   [2],
  input  logic   s_wlast   [2],
  input  logic   s_wvalid  [2],
  output logic   s_wready  [2],
  output id_t    s_bid     [2],
  output resp_t  s_bresp   [2],
  output logic   s_bvalid  [2],
  input  logic   s_bready  [2],
  input  id_t    s_arid    [2],
  input  addr_t  s_araddr  [2],
  input  len_t   s_arlen   [2],
  input  size_t  s_arsize  [2],
  input  burst_t s_arburst [2],
  input  logic   s_arvalid [2],
  output logic   s_arready [2],
  output id_t    s_rid     [2],
  output data_t  s_rdata   [2],
  output resp_t  s_rresp   [2],
  output logic   s_rlast   [2],
  output logic   s_rvalid  [2],
  input  logic   s_rready  [2],

  output logic [IdWidth:0] m_awid    [2],
  output addr_t            m_awaddr  [2],
  output len_t             m_awlen   [2],
  output size_t            m_awsize  [2],
  output burst_t           m_awburst [2],
  output logic             m_awvalid [2],
  input  logic             m_awready [2],
  output data_t            m_wdata   [2],
  output strb_t            m_wstrb   [2],
  output logic             m_wlast   [2],
  output logic             m_wvalid  [2],
  input  logic             m_wready  [2],
  input  logic [IdWidth:0] m_bid     [2],
  input  resp_t            m_bresp   [2],
  input  logic             m_bvalid  [2],
  output logic             m_bready  [2],
  output logic [IdWidth:0] m_arid    [2],
  output addr_t            m_araddr  [2],
  output len_t             m_arlen   [2],
  output size_t            m_arsize  [2],
  output burst_t           m_arburst [2],
  output logic             m_arvalid [2],
  input  logic             m_arready [2],
  input  logic [IdWidth:0] m_rid     [2],
  input  data_t            m_rdata   [2],
  input  resp_t            m_rresp   [2],
  input  logic             m_rlast   [2],
  input  logic             m_rvalid  [2],
  output logic             m_rready  [2]
);

  // Purely combinational; the clock, the reset and the master-index bit of a response ID
  // (the crossing already routes it) are not needed.
  logic unused;
  assign unused = ^{clk_i, rst_ni, m_bid[0][IdWidth], m_bid[1][IdWidth],
                    m_rid[0][IdWidth], m_rid[1][IdWidth]};

  for (genvar i = 0; i < 2; i++) begin : g_cross
    localparam int unsigned M = 1 - i;  // the master port slave port i is wired to

    assign m_awid[M]    = {1'(i), s_awid[i]};
    assign m_awaddr[M]  = s_awaddr[i];
    assign m_awlen[M]   = s_awlen[i];
    assign m_awsize[M]  = s_awsize[i];
    assign m_awburst[M] = s_awburst[i];
    assign m_awvalid[M] = s_awvalid[i];
    assign m_wdata[M]   = s_wdata[i];
    assign m_wstrb[M]   = s_wstrb[i];
    assign m_wlast[M]   = s_wlast[i];
    assign m_wvalid[M]  = s_wvalid[i];
    assign m_bready[M]  = s_bready[i];
    assign m_arid[M]    = {1'(i), s_arid[i]};
    assign m_araddr[M]  = s_araddr[i];
    assign m_arlen[M]   = s_arlen[i];
    assign m_arsize[M]  = s_arsize[i];
    assign m_arburst[M] = s_arburst[i];
    assign m_arvalid[M] = s_arvalid[i];
    assign m_rready[M]  = s_rready[i];

    assign s_awready[i] = m_awready[M];
    assign s_wready[i]  = m_wready[M];
    assign s_bid[i]     = m_bid[M][IdWidth-1:0];
    assign s_bresp[i]   = m_bresp[M];
    assign s_bvalid[i]  = m_bvalid[M];
    assign s_arready[i] = m_arready[M];
    assign s_rid[i]     = m_rid[M][IdWidth-1:0];
    assign s_rdata[i]   = m_rdata[M];
    assign s_rresp[i]   = m_rresp[M];
    assign s_rlast[i]   = m_rlast[M];
    assign s_rvalid[i]  = m_rvalid[M];
  end

endmodule
