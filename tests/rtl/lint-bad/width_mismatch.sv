// Deliberately not lint-clean: proves that scripts/lint-rtl.sh fails on a warning.
module width_mismatch (
  input  logic [7:0] a_i,
  output logic [3:0] y_o
);
  assign y_o = a_i;  // WIDTHTRUNC
endmodule
