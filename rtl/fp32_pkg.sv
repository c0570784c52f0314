// fp32_pkg: what the IEEE-754 binary32 units (fp32_mul, fp32_add, fp32_fma, fp32_from_int and
// their shared rounder fp32_round) have in common: the NaN they return, the width of their
// signed working exponent and the field decoding. Kept in one place so that every unit
// classifies operands, and answers invalid operations, the same way.
package fp32_pkg;

  // A package is a library of constants: no one module uses all of them, so unused ones are
  // expected here and only here.
  /* verilator lint_off UNUSEDPARAM */

  // Every NaN result is this canonical quiet NaN, whatever the operands' payloads: the
  // Q4_K engine only needs "a NaN", and one fixed pattern makes the RTL deterministic.
  localparam logic [31:0] CanonicalNan = 32'h7FC0_0000;

  // Signed working exponent: wide enough for the fused multiply-add's intermediate range
  // (about -300 .. +510 before rounding) with room to spare.
  localparam int unsigned ExpWidth = 12;

  /* verilator lint_on UNUSEDPARAM */

  // The helpers take only the bits they look at (the magnitude x[30:0], or the exponent
  // field), so no caller leaves an input bit unused.

  function automatic logic is_nan(logic [30:0] x);
    return (x[30:23] == 8'hFF) && (x[22:0] != 23'd0);
  endfunction

  function automatic logic is_inf(logic [30:0] x);
    return x[30:0] == 31'h7F80_0000;
  endfunction

  function automatic logic is_zero(logic [30:0] x);
    return x[30:0] == 31'd0;
  endfunction

  // The significand with its hidden bit (0 for zero and subnormals).
  function automatic logic [23:0] sig_of(logic [30:0] x);
    return {x[30:23] != 8'd0, x[22:0]};
  endfunction

  // The biased exponent the significand is scaled by: subnormals share exponent 1 with the
  // smallest normals (value = sig_of(x) * 2^(exp_of(x[30:23]) - 150)).
  function automatic logic [7:0] exp_of(logic [7:0] exp_field);
    return (exp_field == 8'd0) ? 8'd1 : exp_field;
  endfunction

endpackage
