// sail_desc_pkg: the job descriptor a host writes to the command queue (0x4000) in one
// burst, and the error codes of a rejected or failed job. The C++ side
// (sailsim/rtl/sail_desc.hpp) has the same layout and the same checks; sail_desc_test
// compares the two on every rule and on random descriptors.
//
// 16 little-endian 32-bit words (64 bytes, two 256-bit beats), word i at bytes 4i..4i+3:
//   0, 1  A: Q4_K weights, M rows of K/256 blocks (low, high 32 bits of the address)
//   2, 3  B: Q8_K activations, N rows of K/256 blocks
//   4, 5  OUT: float32 results, N rows of M values (out[n*M + m], contracts.md section 5)
//   6 M   7 K   8 N
//   9     A row stride in bytes (0: dense, K/256 * 144)
//   10    B row stride in bytes (0: dense, K/256 * 292)
//   11    OUT row stride in bytes (0: dense, M * 4)
//   12    flags: bit 0 = FMA-contracted order; other bits must be 0
//   13    tag: returned with the job's completion
//   14,15 reserved, must be 0
package sail_desc_pkg;

  // Constants for the engine and the control block; each uses a few.
  /* verilator lint_off UNUSEDPARAM */

  localparam int unsigned Words = 16;
  typedef logic [Words-1:0][31:0] desc_words_t;  // [i] is word i

  localparam int unsigned WordALo = 0, WordAHi = 1, WordBLo = 2, WordBHi = 3;
  localparam int unsigned WordOutLo = 4, WordOutHi = 5;
  localparam int unsigned WordM = 6, WordK = 7, WordN = 8;
  localparam int unsigned WordAStride = 9, WordBStride = 10, WordOutStride = 11;
  localparam int unsigned WordFlags = 12, WordTag = 13;

  localparam logic [31:0] FlagFused = 32'h1;
  localparam logic [31:0] FlagsKnown = FlagFused;

  localparam int unsigned Q4kBlockBytes = 144;
  localparam int unsigned Q8kBlockBytes = 292;
  localparam int unsigned BlockValues = 256;

  // Why a job did not complete; the first rule broken, in this order.
  typedef enum logic [3:0] {
    ErrNone       = 4'd0,
    ErrBadK       = 4'd1,  // K = 0, not a multiple of 256, or over the engine's buffer
    ErrBadShape   = 4'd2,  // M = 0 or N = 0
    ErrBadFlags   = 4'd3,  // unknown flag bits, or reserved words not 0
    ErrBadStride  = 4'd4,  // a row stride smaller than its row
    ErrBadAlign   = 4'd5,  // OUT or its stride not a multiple of 4
    ErrBadAddress = 4'd6,  // A, B or OUT not wholly inside DDR
    ErrAxiRead    = 4'd7,  // an error response on a fetch
    ErrAxiWrite   = 4'd8   // an error response on a write-back
  } job_error_e;

  /* verilator lint_on UNUSEDPARAM */

endpackage
