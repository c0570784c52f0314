// engine_writer: the engine's AXI4 write side. Takes 32-byte lines of results (an aligned
// line address, the data and a byte strobe) and writes each as a single-beat INCR burst,
// AW and W offered together. Lines are queued (Depth), so the datapath does not wait for
// the bus; B responses are counted so that a job ends only when all its writes have landed,
// and an error response is remembered until the next clear_i. Writes take turns over
// WriteIds IDs: results may land in any order, and the crossbar allows only so many
// outstanding transactions per ID, which at high write latency would bound the result rate.
`include "sail_cover.svh"

module engine_writer #(
  parameter int unsigned Depth    = 8,
  parameter int unsigned WriteIds = 4  // IDs 0 .. WriteIds-1, a power of two
) (
  input  logic               clk_i,
  input  logic               rst_ni,
  input  logic               clear_i,   // forget the error (a new job)
  // lines
  input  logic               line_valid_i,
  output logic               line_ready_o,
  input  logic [axi4_pkg::AddrWidth-6:0] line_addr_i,  // address >> 5
  input  axi4_pkg::data_t    line_data_i,
  input  axi4_pkg::strb_t    line_strb_i,
  // state
  output logic               idle_o,     // nothing queued or outstanding
  output logic               error_o,    // an error response since clear_i
  output logic [5:0]         bytes_o,    // strobed bytes of the W beat taken this cycle
  // AXI4 write channels
  output axi4_pkg::ax_chan_t aw_o,
  output logic               aw_valid_o,
  input  logic               aw_ready_i,
  output axi4_pkg::w_chan_t  w_o,
  output logic               w_valid_o,
  input  logic               w_ready_i,
  input  axi4_pkg::b_chan_t  b_i,
  input  logic               b_valid_i,
  output logic               b_ready_o
);

  import axi4_pkg::*;

  localparam int unsigned CountBits = $clog2(Depth + 2) + 8;  // outstanding writes, with room

  typedef struct packed {
    logic [AddrWidth-6:0] addr;
    data_t                data;
    strb_t                strb;
  } line_t;

  line_t head;
  logic  full, empty, pop;
  logic  aw_done_q, w_done_q;  // the head's AW / W already taken
  logic  aw_fire, w_fire;
  logic [CountBits-1:0] outstanding_q;
  logic  error_q;
  localparam int unsigned IdBits = (WriteIds > 1) ? $clog2(WriteIds) : 1;
  logic [IdBits-1:0] id_q;  // the ID of the next write

  fifo_sync #(
    .Depth (Depth),
    .data_t(line_t)
  ) u_lines (
    .clk_i,
    .rst_ni,
    .push_i (line_valid_i),
    .data_i ('{addr: line_addr_i, data: line_data_i, strb: line_strb_i}),
    .full_o (full),
    .pop_i  (pop),
    .data_o (head),
    .empty_o(empty)
  );
  assign line_ready_o = !full;

  always_comb begin
    aw_o       = '0;
    aw_o.id    = id_t'(id_q);
    aw_o.addr  = {head.addr, 5'd0};
    aw_o.len   = '0;
    aw_o.size  = SIZE_FULL;
    aw_o.burst = BURST_INCR;
    w_o        = '{data: head.data, strb: head.strb, last: 1'b1};
  end
  assign aw_valid_o = !empty && !aw_done_q;
  assign w_valid_o  = !empty && !w_done_q;
  assign aw_fire    = aw_valid_o && aw_ready_i;
  assign w_fire     = w_valid_o && w_ready_i;
  assign pop        = !empty && (aw_done_q || aw_fire) && (w_done_q || w_fire);
  assign b_ready_o  = 1'b1;
  assign bytes_o    = w_fire ? 6'($countones(head.strb)) : 6'd0;

  assign idle_o  = empty && outstanding_q == '0;
  assign error_o = error_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      aw_done_q     <= 1'b0;
      w_done_q      <= 1'b0;
      outstanding_q <= '0;
      error_q       <= 1'b0;
      id_q          <= '0;
    end else begin
      if (aw_fire) id_q <= (32'(id_q) == WriteIds - 1) ? '0 : id_q + IdBits'(1);
      aw_done_q     <= pop ? 1'b0 : aw_done_q || aw_fire;
      w_done_q      <= pop ? 1'b0 : w_done_q || w_fire;
      outstanding_q <= outstanding_q + (CountBits)'(aw_fire) - (CountBits)'(b_valid_i);
      if (clear_i) error_q <= 1'b0;
      else if (b_valid_i && b_i.resp != RESP_OKAY) error_q <= 1'b1;
    end
  end

  logic unused;
  assign unused = ^b_i.id;

`ifdef SAILSIM_COVERAGE
  // Every write ID in use, AW and W taken apart, a refused write, strobes of a partial line.
  `SAIL_COVER(cov_aw_id_last,       aw_fire && 32'(id_q) == WriteIds - 1)
  `SAIL_COVER(cov_aw_before_w,      aw_fire && !w_fire && !w_done_q)
  `SAIL_COVER(cov_w_before_aw,      w_fire && !aw_fire && !aw_done_q)
  `SAIL_COVER(cov_aw_w_together,    aw_fire && w_fire)
  `SAIL_COVER(cov_partial_strobes,  w_fire && head.strb != '1)
  `SAIL_COVER(cov_b_error,          b_valid_i && b_i.resp != RESP_OKAY)
  `SAIL_COVER(cov_lines_full,       full)
`endif

endmodule
