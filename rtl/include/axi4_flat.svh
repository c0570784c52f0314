// Wiring between per-channel signals (stem_aw, stem_aw_valid, stem_aw_ready, stem_w, ...,
// stem_r_ready) and flat ports named by the contract (contracts.md section 1: s_aw*, s_w*,
// ... on a slave port, m_aw*, ... on a master port), so that C++ binds to any top by name.
// `ssel` and `psel` index the stem's signals and the ports: [i] for arrays, empty otherwise.
`ifndef AXI4_FLAT_SVH
`define AXI4_FLAT_SVH

// A slave port of the top: the flat inputs drive the stem's master-driven signals.
`define AXI4_FLAT_SLAVE_PORT(stem, ssel, pfx, psel)                             \
  assign stem``_aw ssel.id       = pfx``awid psel;                                     \
  assign stem``_aw ssel.addr     = pfx``awaddr psel;                                   \
  assign stem``_aw ssel.len      = pfx``awlen psel;                                    \
  assign stem``_aw ssel.size     = pfx``awsize psel;                                   \
  assign stem``_aw ssel.burst    = pfx``awburst psel;                                  \
  assign stem``_aw ssel.lock     = pfx``awlock psel;                                   \
  assign stem``_aw ssel.cache    = pfx``awcache psel;                                  \
  assign stem``_aw ssel.prot     = pfx``awprot psel;                                   \
  assign stem``_aw ssel.qos      = pfx``awqos psel;                                    \
  assign stem``_aw_valid ssel    = pfx``awvalid psel;                                  \
  assign pfx``awready psel = stem``_aw_ready ssel;                                    \
  assign stem``_w ssel.data      = pfx``wdata psel;                                    \
  assign stem``_w ssel.strb      = pfx``wstrb psel;                                    \
  assign stem``_w ssel.last      = pfx``wlast psel;                                    \
  assign stem``_w_valid ssel     = pfx``wvalid psel;                                   \
  assign pfx``wready psel = stem``_w_ready ssel;                                      \
  assign pfx``bid psel    = stem``_b ssel.id;                                         \
  assign pfx``bresp psel  = stem``_b ssel.resp;                                       \
  assign pfx``bvalid psel = stem``_b_valid ssel;                                      \
  assign stem``_b_ready ssel     = pfx``bready psel;                                   \
  assign stem``_ar ssel.id       = pfx``arid psel;                                     \
  assign stem``_ar ssel.addr     = pfx``araddr psel;                                   \
  assign stem``_ar ssel.len      = pfx``arlen psel;                                    \
  assign stem``_ar ssel.size     = pfx``arsize psel;                                   \
  assign stem``_ar ssel.burst    = pfx``arburst psel;                                  \
  assign stem``_ar ssel.lock     = pfx``arlock psel;                                   \
  assign stem``_ar ssel.cache    = pfx``arcache psel;                                  \
  assign stem``_ar ssel.prot     = pfx``arprot psel;                                   \
  assign stem``_ar ssel.qos      = pfx``arqos psel;                                    \
  assign stem``_ar_valid ssel    = pfx``arvalid psel;                                  \
  assign pfx``arready psel = stem``_ar_ready ssel;                                    \
  assign pfx``rid psel    = stem``_r ssel.id;                                         \
  assign pfx``rdata psel  = stem``_r ssel.data;                                       \
  assign pfx``rresp psel  = stem``_r ssel.resp;                                       \
  assign pfx``rlast psel  = stem``_r ssel.last;                                       \
  assign pfx``rvalid psel = stem``_r_valid ssel;                                      \
  assign stem``_r_ready ssel     = pfx``rready psel;

// A master port of the top: the stem's master-driven signals drive the flat outputs.
`define AXI4_FLAT_MASTER_PORT(stem, ssel, pfx, psel)                            \
  assign pfx``awid psel    = stem``_aw ssel.id;                                        \
  assign pfx``awaddr psel  = stem``_aw ssel.addr;                                      \
  assign pfx``awlen psel   = stem``_aw ssel.len;                                       \
  assign pfx``awsize psel  = stem``_aw ssel.size;                                      \
  assign pfx``awburst psel = stem``_aw ssel.burst;                                     \
  assign pfx``awlock psel  = stem``_aw ssel.lock;                                      \
  assign pfx``awcache psel = stem``_aw ssel.cache;                                     \
  assign pfx``awprot psel  = stem``_aw ssel.prot;                                      \
  assign pfx``awqos psel   = stem``_aw ssel.qos;                                       \
  assign pfx``awvalid psel = stem``_aw_valid ssel;                                     \
  assign stem``_aw_ready ssel    = pfx``awready psel;                                 \
  assign pfx``wdata psel   = stem``_w ssel.data;                                       \
  assign pfx``wstrb psel   = stem``_w ssel.strb;                                       \
  assign pfx``wlast psel   = stem``_w ssel.last;                                       \
  assign pfx``wvalid psel  = stem``_w_valid ssel;                                      \
  assign stem``_w_ready ssel     = pfx``wready psel;                                  \
  assign stem``_b ssel.id        = pfx``bid psel;                                     \
  assign stem``_b ssel.resp      = pfx``bresp psel;                                   \
  assign stem``_b_valid ssel     = pfx``bvalid psel;                                  \
  assign pfx``bready psel  = stem``_b_ready ssel;                                      \
  assign pfx``arid psel    = stem``_ar ssel.id;                                        \
  assign pfx``araddr psel  = stem``_ar ssel.addr;                                      \
  assign pfx``arlen psel   = stem``_ar ssel.len;                                       \
  assign pfx``arsize psel  = stem``_ar ssel.size;                                      \
  assign pfx``arburst psel = stem``_ar ssel.burst;                                     \
  assign pfx``arlock psel  = stem``_ar ssel.lock;                                      \
  assign pfx``arcache psel = stem``_ar ssel.cache;                                     \
  assign pfx``arprot psel  = stem``_ar ssel.prot;                                      \
  assign pfx``arqos psel   = stem``_ar ssel.qos;                                       \
  assign pfx``arvalid psel = stem``_ar_valid ssel;                                     \
  assign stem``_ar_ready ssel    = pfx``arready psel;                                 \
  assign stem``_r ssel.id        = pfx``rid psel;                                     \
  assign stem``_r ssel.data      = pfx``rdata psel;                                   \
  assign stem``_r ssel.resp      = pfx``rresp psel;                                   \
  assign stem``_r ssel.last      = pfx``rlast psel;                                   \
  assign stem``_r_valid ssel     = pfx``rvalid psel;                                  \
  assign pfx``rready psel  = stem``_r_ready ssel;

// The port list of a slave port: `id_w` ID bits; `dims` is [N] for an unpacked array or empty.
`define AXI4_FLAT_SLAVE_PORTS(pfx, id_w, dims)                                \
  input  logic [id_w-1:0]                 pfx``awid dims,                     \
  input  axi4_pkg::addr_t                 pfx``awaddr dims,                   \
  input  axi4_pkg::len_t                  pfx``awlen dims,                    \
  input  axi4_pkg::size_t                 pfx``awsize dims,                   \
  input  axi4_pkg::burst_t                pfx``awburst dims,                  \
  input  logic                            pfx``awlock dims,                   \
  input  axi4_pkg::cache_t                pfx``awcache dims,                  \
  input  axi4_pkg::prot_t                 pfx``awprot dims,                   \
  input  axi4_pkg::qos_t                  pfx``awqos dims,                    \
  input  logic                            pfx``awvalid dims,                  \
  output logic                            pfx``awready dims,                  \
  input  axi4_pkg::data_t                 pfx``wdata dims,                    \
  input  axi4_pkg::strb_t                 pfx``wstrb dims,                    \
  input  logic                            pfx``wlast dims,                    \
  input  logic                            pfx``wvalid dims,                   \
  output logic                            pfx``wready dims,                   \
  output logic [id_w-1:0]                 pfx``bid dims,                      \
  output axi4_pkg::resp_t                 pfx``bresp dims,                    \
  output logic                            pfx``bvalid dims,                   \
  input  logic                            pfx``bready dims,                   \
  input  logic [id_w-1:0]                 pfx``arid dims,                     \
  input  axi4_pkg::addr_t                 pfx``araddr dims,                   \
  input  axi4_pkg::len_t                  pfx``arlen dims,                    \
  input  axi4_pkg::size_t                 pfx``arsize dims,                   \
  input  axi4_pkg::burst_t                pfx``arburst dims,                  \
  input  logic                            pfx``arlock dims,                   \
  input  axi4_pkg::cache_t                pfx``arcache dims,                  \
  input  axi4_pkg::prot_t                 pfx``arprot dims,                   \
  input  axi4_pkg::qos_t                  pfx``arqos dims,                    \
  input  logic                            pfx``arvalid dims,                  \
  output logic                            pfx``arready dims,                  \
  output logic [id_w-1:0]                 pfx``rid dims,                      \
  output axi4_pkg::data_t                 pfx``rdata dims,                    \
  output axi4_pkg::resp_t                 pfx``rresp dims,                    \
  output logic                            pfx``rlast dims,                    \
  output logic                            pfx``rvalid dims,                   \
  input  logic                            pfx``rready dims

`define AXI4_FLAT_MASTER_PORTS(pfx, id_w, dims)                               \
  output logic [id_w-1:0]                 pfx``awid dims,                     \
  output axi4_pkg::addr_t                 pfx``awaddr dims,                   \
  output axi4_pkg::len_t                  pfx``awlen dims,                    \
  output axi4_pkg::size_t                 pfx``awsize dims,                   \
  output axi4_pkg::burst_t                pfx``awburst dims,                  \
  output logic                            pfx``awlock dims,                   \
  output axi4_pkg::cache_t                pfx``awcache dims,                  \
  output axi4_pkg::prot_t                 pfx``awprot dims,                   \
  output axi4_pkg::qos_t                  pfx``awqos dims,                    \
  output logic                            pfx``awvalid dims,                  \
  input  logic                            pfx``awready dims,                  \
  output axi4_pkg::data_t                 pfx``wdata dims,                    \
  output axi4_pkg::strb_t                 pfx``wstrb dims,                    \
  output logic                            pfx``wlast dims,                    \
  output logic                            pfx``wvalid dims,                   \
  input  logic                            pfx``wready dims,                   \
  input  logic [id_w-1:0]                 pfx``bid dims,                      \
  input  axi4_pkg::resp_t                 pfx``bresp dims,                    \
  input  logic                            pfx``bvalid dims,                   \
  output logic                            pfx``bready dims,                   \
  output logic [id_w-1:0]                 pfx``arid dims,                     \
  output axi4_pkg::addr_t                 pfx``araddr dims,                   \
  output axi4_pkg::len_t                  pfx``arlen dims,                    \
  output axi4_pkg::size_t                 pfx``arsize dims,                   \
  output axi4_pkg::burst_t                pfx``arburst dims,                  \
  output logic                            pfx``arlock dims,                   \
  output axi4_pkg::cache_t                pfx``arcache dims,                  \
  output axi4_pkg::prot_t                 pfx``arprot dims,                   \
  output axi4_pkg::qos_t                  pfx``arqos dims,                    \
  output logic                            pfx``arvalid dims,                  \
  input  logic                            pfx``arready dims,                  \
  input  logic [id_w-1:0]                 pfx``rid dims,                      \
  input  axi4_pkg::data_t                 pfx``rdata dims,                    \
  input  axi4_pkg::resp_t                 pfx``rresp dims,                    \
  input  logic                            pfx``rlast dims,                    \
  input  logic                            pfx``rvalid dims,                   \
  output logic                            pfx``rready dims

`endif  // AXI4_FLAT_SVH
