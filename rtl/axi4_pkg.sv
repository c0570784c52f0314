// axi4_pkg: the AXI4 parameters of the Sail card, identical to MAST's axi4_const.sv
// (contracts.md section 1), and the channel payloads as packed structs, in the manner of
// pulp-platform/axi's typedef'd channels. Every sailsim module takes its widths from here.
package axi4_pkg;

  // A package is a library of constants: no one module uses all of them, so unused ones are
  // expected here and only here.
  /* verilator lint_off UNUSEDPARAM */

  // Bus geometry.
  localparam int unsigned DataWidth  = 256;            // one 32-byte line per beat
  localparam int unsigned StrbWidth  = DataWidth / 8;  // 32 byte lanes
  localparam int unsigned AddrWidth  = 48;             // physical address
  localparam int unsigned IdWidth    = 4;              // ID width at a master
  localparam int unsigned LenWidth   = 8;
  localparam int unsigned SizeWidth  = 3;
  localparam int unsigned BurstWidth = 2;
  localparam int unsigned RespWidth  = 2;
  localparam int unsigned CacheWidth = 4;
  localparam int unsigned ProtWidth  = 3;
  localparam int unsigned QosWidth   = 4;

  typedef logic [AddrWidth-1:0]  addr_t;
  typedef logic [DataWidth-1:0]  data_t;
  typedef logic [StrbWidth-1:0]  strb_t;
  typedef logic [IdWidth-1:0]    id_t;
  typedef logic [LenWidth-1:0]   len_t;
  typedef logic [SizeWidth-1:0]  size_t;
  typedef logic [BurstWidth-1:0] burst_t;
  typedef logic [RespWidth-1:0]  resp_t;
  typedef logic [CacheWidth-1:0] cache_t;
  typedef logic [ProtWidth-1:0]  prot_t;
  typedef logic [QosWidth-1:0]   qos_t;

  // AxBURST codes (3 is reserved).
  localparam burst_t BURST_FIXED = 2'd0;
  localparam burst_t BURST_INCR  = 2'd1;
  localparam burst_t BURST_WRAP  = 2'd2;

  // xRESP codes.
  localparam resp_t RESP_OKAY   = 2'd0;
  localparam resp_t RESP_EXOKAY = 2'd1;
  localparam resp_t RESP_SLVERR = 2'd2;
  localparam resp_t RESP_DECERR = 2'd3;

  // AxSIZE of a full-width beat: log2(StrbWidth).
  localparam size_t SIZE_FULL = size_t'($clog2(StrbWidth));

  // Largest burst lengths, in beats.
  localparam int unsigned MaxBeatsIncr = 256;
  localparam int unsigned MaxBeatsWrapFixed = 16;
  // An INCR burst never crosses a boundary of this many bytes.
  localparam int unsigned BoundaryBytes = 4096;

  // Channel payloads at a master's ID width. Ports whose ID is wider (behind an
  // interconnect that prepends the master index) declare their own with the same fields.
  typedef struct packed {
    id_t    id;
    addr_t  addr;
    len_t   len;
    size_t  size;
    burst_t burst;
    logic   lock;
    cache_t cache;
    prot_t  prot;
    qos_t   qos;
  } ax_chan_t;  // AW and AR carry the same fields

  typedef struct packed {
    data_t data;
    strb_t strb;
    logic  last;
  } w_chan_t;

  typedef struct packed {
    id_t   id;
    resp_t resp;
  } b_chan_t;

  typedef struct packed {
    id_t   id;
    data_t data;
    resp_t resp;
    logic  last;
  } r_chan_t;

  // The address of the beat after the one at `addr` in a burst (AXI4 A3.4.1): FIXED stays,
  // INCR moves to the next size-aligned address, WRAP also wraps at the (len+1)*size
  // boundary.
  function automatic addr_t next_beat_addr(addr_t addr, size_t size, len_t len, burst_t burst);
    addr_t bytes;
    addr_t aligned;
    addr_t wrap_bytes;
    addr_t wrap_base;
    addr_t next;
    bytes      = addr_t'(1) << size;
    aligned    = addr & ~(bytes - addr_t'(1));
    next       = aligned + bytes;
    wrap_bytes = bytes * (addr_t'(len) + addr_t'(1));
    wrap_base  = addr & ~(wrap_bytes - addr_t'(1));
    if (burst == BURST_FIXED) begin
      next = addr;
    end else if (burst == BURST_WRAP && next >= wrap_base + wrap_bytes) begin
      next = wrap_base;
    end
    return next;
  endfunction

  /* verilator lint_on UNUSEDPARAM */

endpackage
