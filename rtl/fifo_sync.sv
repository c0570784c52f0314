// fifo_sync: a synchronous first-in first-out queue of Depth entries with the head visible
// combinationally. Pushing when full and popping when empty are ignored; callers look at
// full_o / empty_o first.
`include "sail_cover.svh"

module fifo_sync #(
  parameter int unsigned Depth = 4,
  parameter type data_t = logic [7:0],
  localparam int unsigned PtrWidth   = (Depth > 1) ? $clog2(Depth) : 1,
  localparam int unsigned CountWidth = $clog2(Depth + 1)
) (
  input  logic  clk_i,
  input  logic  rst_ni,
  input  logic  push_i,
  input  data_t data_i,
  output logic  full_o,
  input  logic  pop_i,
  output data_t data_o,
  output logic  empty_o
);

  data_t                 mem_q [Depth];
  logic [PtrWidth-1:0]   rd_q, wr_q;
  logic [CountWidth-1:0] count_q;
  logic                  do_push, do_pop;

  assign full_o  = count_q == CountWidth'(Depth);
  assign empty_o = count_q == '0;
  assign data_o  = mem_q[rd_q];
  assign do_push = push_i && !full_o;
  assign do_pop  = pop_i && !empty_o;

  function automatic logic [PtrWidth-1:0] bump(logic [PtrWidth-1:0] ptr);
    return (32'(ptr) == Depth - 1) ? '0 : ptr + PtrWidth'(1);
  endfunction

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rd_q    <= '0;
      wr_q    <= '0;
      count_q <= '0;
    end else begin
      if (do_push) wr_q <= bump(wr_q);
      if (do_pop) rd_q <= bump(rd_q);
      if (do_push && !do_pop) count_q <= count_q + CountWidth'(1);
      else if (do_pop && !do_push) count_q <= count_q - CountWidth'(1);
    end
  end

  // Storage needs no reset: nothing reads an entry before it is written.
  always_ff @(posedge clk_i) begin
    if (do_push) mem_q[wr_q] <= data_i;
  end

`ifdef SAILSIM_COVERAGE
  // Full, a push refused when full, a push and a pop in one cycle.
  `SAIL_COVER(cov_full,           full_o)
  `SAIL_COVER(cov_push_when_full, push_i && full_o)
  `SAIL_COVER(cov_push_and_pop,   do_push && do_pop)
`endif

endmodule
