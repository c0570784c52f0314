// axi_wire: a test fixture for the simulation kernel. The slave port s_* is wired straight
// through to the master port m_*, so a C++ host on s_* talks to a C++ memory on m_* through
// combinational RTL paths, both ways. A cycle counter gives the tests something clocked to
// check the kernel's edges and reset against.
module axi_wire
  import axi4_pkg::*;
(
  input  logic        clk_i,
  input  logic        rst_ni,
  // Rising edges seen since reset was released.
  output logic [31:0] cycles_o,

  // Slave port (the C++ host drives it).
  input  id_t         s_awid,
  input  addr_t       s_awaddr,
  input  len_t        s_awlen,
  input  size_t       s_awsize,
  input  burst_t      s_awburst,
  input  logic        s_awlock,
  input  cache_t      s_awcache,
  input  prot_t       s_awprot,
  input  qos_t        s_awqos,
  input  logic        s_awvalid,
  output logic        s_awready,
  input  data_t       s_wdata,
  input  strb_t       s_wstrb,
  input  logic        s_wlast,
  input  logic        s_wvalid,
  output logic        s_wready,
  output id_t         s_bid,
  output resp_t       s_bresp,
  output logic        s_bvalid,
  input  logic        s_bready,
  input  id_t         s_arid,
  input  addr_t       s_araddr,
  input  len_t        s_arlen,
  input  size_t       s_arsize,
  input  burst_t      s_arburst,
  input  logic        s_arlock,
  input  cache_t      s_arcache,
  input  prot_t       s_arprot,
  input  qos_t        s_arqos,
  input  logic        s_arvalid,
  output logic        s_arready,
  output id_t         s_rid,
  output data_t       s_rdata,
  output resp_t       s_rresp,
  output logic        s_rlast,
  output logic        s_rvalid,
  input  logic        s_rready,

  // Master port (a C++ memory answers it).
  output id_t         m_awid,
  output addr_t       m_awaddr,
  output len_t        m_awlen,
  output size_t       m_awsize,
  output burst_t      m_awburst,
  output logic        m_awlock,
  output cache_t      m_awcache,
  output prot_t       m_awprot,
  output qos_t        m_awqos,
  output logic        m_awvalid,
  input  logic        m_awready,
  output data_t       m_wdata,
  output strb_t       m_wstrb,
  output logic        m_wlast,
  output logic        m_wvalid,
  input  logic        m_wready,
  input  id_t         m_bid,
  input  resp_t       m_bresp,
  input  logic        m_bvalid,
  output logic        m_bready,
  output id_t         m_arid,
  output addr_t       m_araddr,
  output len_t        m_arlen,
  output size_t       m_arsize,
  output burst_t      m_arburst,
  output logic        m_arlock,
  output cache_t      m_arcache,
  output prot_t       m_arprot,
  output qos_t        m_arqos,
  output logic        m_arvalid,
  input  logic        m_arready,
  input  id_t         m_rid,
  input  data_t       m_rdata,
  input  resp_t       m_rresp,
  input  logic        m_rlast,
  input  logic        m_rvalid,
  output logic        m_rready
);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) cycles_o <= '0;
    else         cycles_o <= cycles_o + 32'd1;
  end

  // Requests flow s -> m.
  assign m_awid    = s_awid;
  assign m_awaddr  = s_awaddr;
  assign m_awlen   = s_awlen;
  assign m_awsize  = s_awsize;
  assign m_awburst = s_awburst;
  assign m_awlock  = s_awlock;
  assign m_awcache = s_awcache;
  assign m_awprot  = s_awprot;
  assign m_awqos   = s_awqos;
  assign m_awvalid = s_awvalid;
  assign m_wdata   = s_wdata;
  assign m_wstrb   = s_wstrb;
  assign m_wlast   = s_wlast;
  assign m_wvalid  = s_wvalid;
  assign m_bready  = s_bready;
  assign m_arid    = s_arid;
  assign m_araddr  = s_araddr;
  assign m_arlen   = s_arlen;
  assign m_arsize  = s_arsize;
  assign m_arburst = s_arburst;
  assign m_arlock  = s_arlock;
  assign m_arcache = s_arcache;
  assign m_arprot  = s_arprot;
  assign m_arqos   = s_arqos;
  assign m_arvalid = s_arvalid;
  assign m_rready  = s_rready;

  // Responses and readies flow m -> s.
  assign s_awready = m_awready;
  assign s_wready  = m_wready;
  assign s_bid     = m_bid;
  assign s_bresp   = m_bresp;
  assign s_bvalid  = m_bvalid;
  assign s_arready = m_arready;
  assign s_rid     = m_rid;
  assign s_rdata   = m_rdata;
  assign s_rresp   = m_rresp;
  assign s_rlast   = m_rlast;
  assign s_rvalid  = m_rvalid;

endmodule
