// axi_pattern_master: a simple AXI4 master for the sailsim example. Out of reset it runs four
// transactions on its m_* port, one at a time, then raises done:
//
//   1. write, INCR, 4 beats at WRITE_BASE: beat i is pattern(i)
//   2. read,  INCR, 4 beats at WRITE_BASE, kept
//   3. write, INCR, 4 beats at COPY_BASE: beat i is the inverse of the line read in 2
//   4. write, FIXED, 2 beats at FIXED_BASE: pattern(8) on every lane, then pattern(9) on
//      lanes 0-15 only (so the line ends as pattern(9)'s low half and pattern(8)'s high half)
//
// pattern(i) has 32-bit word j = 0xC0DE_0000 | i << 8 | j. Transaction k has ID k. error
// goes high, and stays, on any response that is not OKAY. No lock/cache/prot/qos signals:
// sailsim leaves optional signals unbound. Reset is asynchronous, active low.
module axi_pattern_master #(
  /// Where transactions 1 and 2 go.
  parameter logic [AXI_ADDR_W-1:0] WRITE_BASE = AXI_ADDR_W'(32'h1000),
  /// Where the inverted copy goes.
  parameter logic [AXI_ADDR_W-1:0] COPY_BASE  = AXI_ADDR_W'(32'h2000),
  /// Where the FIXED burst goes.
  parameter logic [AXI_ADDR_W-1:0] FIXED_BASE = AXI_ADDR_W'(32'h3000)
) (
  input  logic                  clk,
  input  logic                  rst_n,
  output logic                  done,
  output logic                  error,
  output logic [AXI_ID_W-1:0]   m_awid,
  output logic [AXI_ADDR_W-1:0] m_awaddr,
  output logic [7:0]            m_awlen,
  output logic [2:0]            m_awsize,
  output logic [1:0]            m_awburst,
  output logic                  m_awvalid,
  input  logic                  m_awready,
  output logic [AXI_DATA_W-1:0] m_wdata,
  output logic [AXI_STRB_W-1:0] m_wstrb,
  output logic                  m_wlast,
  output logic                  m_wvalid,
  input  logic                  m_wready,
  input  logic [AXI_ID_W-1:0]   m_bid,
  input  logic [1:0]            m_bresp,
  input  logic                  m_bvalid,
  output logic                  m_bready,
  output logic [AXI_ID_W-1:0]   m_arid,
  output logic [AXI_ADDR_W-1:0] m_araddr,
  output logic [7:0]            m_arlen,
  output logic [2:0]            m_arsize,
  output logic [1:0]            m_arburst,
  output logic                  m_arvalid,
  input  logic                  m_arready,
  input  logic [AXI_ID_W-1:0]   m_rid,
  input  logic [AXI_DATA_W-1:0] m_rdata,
  input  logic [1:0]            m_rresp,
  input  logic                  m_rlast,
  input  logic                  m_rvalid,
  output logic                  m_rready
);
  localparam logic [2:0] FULL_SIZE = 3'($clog2(AXI_STRB_W));

  // START: one cycle out of reset before the first AWVALID (no VALID may be high in reset).
  typedef enum logic [2:0] {START, ADDR, WDATA, WRESP, RADDR, RDATA, FINISHED} state_e;

  function automatic logic [AXI_DATA_W-1:0] pattern(logic [7:0] i);
    logic [AXI_DATA_W-1:0] line;
    for (int unsigned j = 0; j < AXI_DATA_W / 32; j++) line[32*j +: 32] = {16'hC0DE, i, 8'(j)};
    return line;
  endfunction

  state_e                state;
  logic [1:0]            txn;    // the transaction (ID), 0..3
  logic [1:0]            beat;   // the beat within it
  logic [AXI_DATA_W-1:0] kept [4];
  logic                  err;

  // Transaction 1 (txn 1) is the read; the others are writes.
  always_comb begin
    m_awid = AXI_ID_W'(txn);
    m_awaddr = txn == 2'd0 ? WRITE_BASE : (txn == 2'd2 ? COPY_BASE : FIXED_BASE);
    m_awlen = txn == 2'd3 ? 8'd1 : 8'd3;
    m_awsize = FULL_SIZE;
    m_awburst = txn == 2'd3 ? 2'b00 : 2'b01;
    m_awvalid = state == ADDR;
    m_wvalid = state == WDATA;
    m_wlast = beat == m_awlen[1:0];
    m_wstrb = '1;
    case (txn)
      2'd0: m_wdata = pattern({6'd0, beat});
      2'd2: m_wdata = ~kept[beat];
      default: begin
        m_wdata = beat == 2'd0 ? pattern(8'd8) : pattern(8'd9);
        if (beat != 2'd0) m_wstrb = AXI_STRB_W'({(AXI_STRB_W / 2){1'b1}});
      end
    endcase
    m_bready = state == WRESP;
    m_arid = AXI_ID_W'(txn);
    m_araddr = WRITE_BASE;
    m_arlen = 8'd3;
    m_arsize = FULL_SIZE;
    m_arburst = 2'b01;
    m_arvalid = state == RADDR;
    m_rready = state == RDATA;
  end

  assign done = state == FINISHED;
  assign error = err;

  // The IDs come back as sent (one transaction at a time): nothing to check them against.
  logic unused_ids;
  assign unused_ids = ^{m_bid, m_rid};

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      state <= START;
      txn <= 2'd0;
      beat <= 2'd0;
      err <= 1'b0;
      for (int unsigned i = 0; i < 4; i++) kept[i] <= '0;
    end else begin
      case (state)
        START: state <= ADDR;
        ADDR: if (m_awready) state <= WDATA;
        WDATA: begin
          if (m_wready) begin
            beat <= beat + 2'd1;
            if (m_wlast) begin
              beat <= 2'd0;
              state <= WRESP;
            end
          end
        end
        WRESP: begin
          if (m_bvalid) begin
            if (m_bresp != 2'b00) err <= 1'b1;
            txn <= txn + 2'd1;
            state <= txn == 2'd0 ? RADDR : (txn == 2'd3 ? FINISHED : ADDR);
          end
        end
        RADDR: if (m_arready) state <= RDATA;
        RDATA: begin
          if (m_rvalid) begin
            kept[beat] <= m_rdata;
            if (m_rresp != 2'b00) err <= 1'b1;
            beat <= beat + 2'd1;
            if (m_rlast) begin
              beat <= 2'd0;
              txn <= txn + 2'd1;
              state <= ADDR;
            end
          end
        end
        default: state <= FINISHED;
      endcase
    end
  end

endmodule
