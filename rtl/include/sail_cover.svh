// Functional cover points of the RTL (docs/coverage.md), compiled only into the coverage
// flavour (+define+SAILSIM_COVERAGE, Verilator --coverage), so that every other build is
// exactly the RTL without them.
// SAIL_COVER(name, expr): `expr` held at a rising clk_i edge out of reset. Verilator counts
// each as a `user` point named by the instance path and `name`.
`ifndef SAIL_COVER_SVH
`define SAIL_COVER_SVH

`define SAIL_COVER(name, expr) name: cover property (@(posedge clk_i) rst_ni && (expr));

`endif
