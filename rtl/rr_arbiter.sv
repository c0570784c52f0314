// rr_arbiter: round-robin arbitration of N valid/ready requesters onto one output. The
// requester after the last winner has the highest priority. An offer that was not taken is
// held until it is (AXI forbids withdrawing or changing a valid payload).
`include "sail_cover.svh"

module rr_arbiter #(
  parameter int unsigned N = 2,
  parameter type data_t = logic [7:0],
  localparam int unsigned IdxWidth = (N > 1) ? $clog2(N) : 1
) (
  input  logic                clk_i,
  input  logic                rst_ni,
  input  logic [N-1:0]        valid_i,
  output logic [N-1:0]        ready_o,
  input  data_t               data_i [N],
  output logic                valid_o,
  input  logic                ready_i,
  output data_t               data_o,
  output logic [IdxWidth-1:0] idx_o     // the requester offered on the output
);

  logic [IdxWidth-1:0] prio_q, prio_d;  // first requester to consider in a free choice
  logic [IdxWidth-1:0] held_q, held_d;
  logic                locked_q, locked_d;
  logic [IdxWidth-1:0] pick;
  logic [IdxWidth-1:0] cand;
  logic                found;

  // The first valid requester at or after prio_q, cyclically.
  always_comb begin
    pick  = prio_q;
    cand  = prio_q;
    found = 1'b0;
    for (int unsigned k = 0; k < N; k++) begin
      cand = IdxWidth'((32'(prio_q) + k) % N);
      if (!found && valid_i[cand]) begin
        pick  = cand;
        found = 1'b1;
      end
    end
  end

  assign idx_o   = locked_q ? held_q : pick;
  assign valid_o = locked_q ? valid_i[held_q] : found;
  assign data_o  = data_i[idx_o];

  always_comb begin
    ready_o        = '0;
    ready_o[idx_o] = ready_i & valid_o;
  end

  always_comb begin
    locked_d = locked_q;
    held_d   = held_q;
    prio_d   = prio_q;
    if (valid_o) begin
      held_d = idx_o;
      if (ready_i) begin
        locked_d = 1'b0;
        prio_d   = (32'(idx_o) == N - 1) ? '0 : idx_o + IdxWidth'(1);
      end else begin
        locked_d = 1'b1;
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      prio_q   <= '0;
      held_q   <= '0;
      locked_q <= 1'b0;
    end else begin
      prio_q   <= prio_d;
      held_q   <= held_d;
      locked_q <= locked_d;
    end
  end

`ifdef SAILSIM_COVERAGE
  // The arbitration cases: contention, an offer held while the output stalls, each winner.
  `SAIL_COVER(cov_contention,   $countones(valid_i) > 1 && !locked_q)
  `SAIL_COVER(cov_held_offer,   locked_q && valid_o)
  `SAIL_COVER(cov_win_first,    valid_o && ready_i && idx_o == '0 && $countones(valid_i) > 1)
  `SAIL_COVER(cov_win_last,     valid_o && ready_i && 32'(idx_o) == N - 1 && $countones(valid_i) > 1)
`endif

endmodule
