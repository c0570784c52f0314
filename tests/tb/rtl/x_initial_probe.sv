// x_initial_probe: one register without a reset and one with, both visible on ports, for the
// random-initial-state tests (tests/tb/random_initial_test.cpp). Verilated twice: with
// --x-initial unique (its unreset register takes the seeded random value) and with fast.
module x_initial_probe (
  /// Clock.
  input  logic        clk_i,
  /// Asynchronous reset, active low.
  input  logic        rst_ni,
  /// The register without a reset: holds whatever it started with.
  output logic [63:0] kept_o,
  /// The register with a reset: 64'h5A after reset.
  output logic [63:0] reset_o
);
  logic [63:0] kept_q, reset_q;

  // No reset on purpose: the register's initial value is what the tests observe.
  always_ff @(posedge clk_i) kept_q <= kept_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) reset_q <= 64'h5A;
    else reset_q <= reset_q;
  end

  assign kept_o  = kept_q;
  assign reset_o = reset_q;
endmodule
