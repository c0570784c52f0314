// axi_sram: an AXI4 slave memory of DEPTH lines of AXI_DATA_W bits, for the sailsim example.
//
// One transaction at a time: AW or AR is taken only when the memory is idle (a write first
// when both wait), then its beats, then its response. INCR and FIXED bursts of full-width
// beats only: a narrow size (AxSIZE below log2(AXI_STRB_W)), a WRAP burst, or a line past
// DEPTH answers SLVERR, and such a write changes nothing. Reset is asynchronous, active low.
//
// Define AXI_SRAM_BUG_EARLY_RLAST to plant a protocol bug (RLAST one beat early on bursts of
// two beats or more), for the test that the protocol checker names it.
module axi_sram #(
  /// Lines of AXI_DATA_W bits.
  parameter int unsigned DEPTH = 1024
) (
  input  logic                  clk,
  input  logic                  rst_n,
  // Write address
  input  logic [AXI_ID_W-1:0]   s_awid,
  input  logic [AXI_ADDR_W-1:0] s_awaddr,
  input  logic [7:0]            s_awlen,
  input  logic [2:0]            s_awsize,
  input  logic [1:0]            s_awburst,
  input  logic                  s_awvalid,
  output logic                  s_awready,
  // Write data
  input  logic [AXI_DATA_W-1:0] s_wdata,
  input  logic [AXI_STRB_W-1:0] s_wstrb,
  input  logic                  s_wlast,
  input  logic                  s_wvalid,
  output logic                  s_wready,
  // Write response
  output logic [AXI_ID_W-1:0]   s_bid,
  output logic [1:0]            s_bresp,
  output logic                  s_bvalid,
  input  logic                  s_bready,
  // Read address
  input  logic [AXI_ID_W-1:0]   s_arid,
  input  logic [AXI_ADDR_W-1:0] s_araddr,
  input  logic [7:0]            s_arlen,
  input  logic [2:0]            s_arsize,
  input  logic [1:0]            s_arburst,
  input  logic                  s_arvalid,
  output logic                  s_arready,
  // Read data
  output logic [AXI_ID_W-1:0]   s_rid,
  output logic [AXI_DATA_W-1:0] s_rdata,
  output logic [1:0]            s_rresp,
  output logic                  s_rlast,
  output logic                  s_rvalid,
  input  logic                  s_rready
);
  localparam int unsigned LINE_BYTES = AXI_STRB_W;
  localparam int unsigned LINE_SHIFT = $clog2(LINE_BYTES);
  localparam int unsigned INDEX_W = $clog2(DEPTH);
  localparam logic [2:0] FULL_SIZE = 3'(LINE_SHIFT);
  localparam logic [1:0] RESP_OKAY = 2'b00;
  localparam logic [1:0] RESP_SLVERR = 2'b10;
  localparam logic [1:0] BURST_FIXED = 2'b00;
  localparam logic [1:0] BURST_INCR = 2'b01;

  typedef enum logic [1:0] {IDLE, WDATA, WRESP, RDATA} state_e;

  logic [AXI_DATA_W-1:0] mem [DEPTH];

  state_e                state;
  logic [AXI_ID_W-1:0]   id;
  logic [AXI_ADDR_W-LINE_SHIFT-1:0] line;  // the current beat's line
  logic [7:0]            beats_left;       // beats after the current one
  logic                  incr;
  logic                  bad;              // the whole burst answers SLVERR

  // A burst this memory serves: full-width beats, INCR or FIXED, every line inside DEPTH.
  function automatic logic burst_ok(logic [AXI_ADDR_W-LINE_SHIFT-1:0] first_line, logic [7:0] len,
                                    logic [2:0] size, logic [1:0] burst);
    logic [AXI_ADDR_W-LINE_SHIFT:0] last_line;
    last_line = {1'b0, first_line} + ((burst == BURST_INCR) ? (AXI_ADDR_W-LINE_SHIFT+1)'(len) : '0);
    return size == FULL_SIZE && (burst == BURST_INCR || burst == BURST_FIXED) && last_line < (AXI_ADDR_W-LINE_SHIFT+1)'(DEPTH);
  endfunction

  // A line's byte offset does not matter: beats are full width, and WSTRB selects the lanes.
  logic unused_offsets;
  assign unused_offsets = ^{s_awaddr[LINE_SHIFT-1:0], s_araddr[LINE_SHIFT-1:0]};

  assign s_awready = state == IDLE;
  assign s_arready = state == IDLE && !s_awvalid;
  assign s_wready  = state == WDATA;
  assign s_bvalid  = state == WRESP;
  assign s_bid     = id;
  assign s_bresp   = bad ? RESP_SLVERR : RESP_OKAY;
  assign s_rvalid  = state == RDATA;
  assign s_rid     = id;
  assign s_rresp   = bad ? RESP_SLVERR : RESP_OKAY;
  assign s_rdata   = bad ? '0 : mem[line[INDEX_W-1:0]];
`ifdef AXI_SRAM_BUG_EARLY_RLAST
  assign s_rlast   = beats_left <= 8'd1;
`else
  assign s_rlast   = beats_left == 8'd0;
`endif

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      state <= IDLE;
      id <= '0;
      line <= '0;
      beats_left <= '0;
      incr <= 1'b0;
      bad <= 1'b0;
    end else begin
      case (state)
        IDLE: begin
          if (s_awvalid) begin
            state <= WDATA;
            id <= s_awid;
            line <= s_awaddr[AXI_ADDR_W-1:LINE_SHIFT];
            beats_left <= s_awlen;
            incr <= s_awburst == BURST_INCR;
            bad <= !burst_ok(s_awaddr[AXI_ADDR_W-1:LINE_SHIFT], s_awlen, s_awsize, s_awburst);
          end else if (s_arvalid) begin
            state <= RDATA;
            id <= s_arid;
            line <= s_araddr[AXI_ADDR_W-1:LINE_SHIFT];
            beats_left <= s_arlen;
            incr <= s_arburst == BURST_INCR;
            bad <= !burst_ok(s_araddr[AXI_ADDR_W-1:LINE_SHIFT], s_arlen, s_arsize, s_arburst);
          end
        end
        WDATA: begin
          if (s_wvalid) begin
            if (incr) line <= line + 1'b1;
            beats_left <= beats_left - 8'd1;
            if (s_wlast) state <= WRESP;
          end
        end
        WRESP: begin
          if (s_bready) state <= IDLE;
        end
        RDATA: begin
          if (s_rready) begin
            if (incr) line <= line + 1'b1;
            beats_left <= beats_left - 8'd1;
            if (s_rlast) state <= IDLE;
          end
        end
        default: state <= IDLE;
      endcase
    end
  end

  // The memory itself has no reset: its lines are whatever was written.
  always_ff @(posedge clk) begin
    if (state == WDATA && s_wvalid && !bad) begin
      for (int unsigned b = 0; b < AXI_STRB_W; b++) begin
        if (s_wstrb[b]) mem[line[INDEX_W-1:0]][8*b +: 8] <= s_wdata[8*b +: 8];
      end
    end
  end

endmodule
