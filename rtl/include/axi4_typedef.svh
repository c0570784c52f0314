// AXI4_TYPEDEF_ALL(name, id_t): the channel payloads of an AXI4 port whose IDs are id_t, as
// pulp-platform/axi does with its typedef macros: name_ax_chan_t (AW and AR), name_w_chan_t,
// name_b_chan_t, name_r_chan_t. Ports on either side of the crossbar differ only in ID width
// (the master index is prepended), so one macro gives both sets. There are deliberately no
// request/response bundles: Verilator would see false combinational loops through them.
`ifndef AXI4_TYPEDEF_SVH
`define AXI4_TYPEDEF_SVH

`define AXI4_TYPEDEF_ALL(name, id_t)                                         \
  typedef struct packed {                                                    \
    id_t              id;                                                    \
    axi4_pkg::addr_t  addr;                                                  \
    axi4_pkg::len_t   len;                                                   \
    axi4_pkg::size_t  size;                                                  \
    axi4_pkg::burst_t burst;                                                 \
    logic             lock;                                                  \
    axi4_pkg::cache_t cache;                                                 \
    axi4_pkg::prot_t  prot;                                                  \
    axi4_pkg::qos_t   qos;                                                   \
  } name``_ax_chan_t;                                                        \
  typedef struct packed {                                                    \
    axi4_pkg::data_t data;                                                   \
    axi4_pkg::strb_t strb;                                                   \
    logic            last;                                                   \
  } name``_w_chan_t;                                                         \
  typedef struct packed {                                                    \
    id_t             id;                                                     \
    axi4_pkg::resp_t resp;                                                   \
  } name``_b_chan_t;                                                         \
  typedef struct packed {                                                    \
    id_t             id;                                                     \
    axi4_pkg::data_t data;                                                   \
    axi4_pkg::resp_t resp;                                                   \
    logic            last;                                                   \
  } name``_r_chan_t;

`endif  // AXI4_TYPEDEF_SVH
