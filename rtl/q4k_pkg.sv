// q4k_pkg: the byte layouts of GGML's Q4_K and Q8_K super-blocks (spec/ggml-q4k.md) as the
// Q4_K x Q8_K datapath sees them. A block travels as one packed vector, byte b at bits
// [8b+7:8b] (little-endian, as the bytes lie in memory), so field offsets below are byte
// offsets into that vector.
package q4k_pkg;
  // A package is a library of constants: no one module uses all of them.
  /* verilator lint_off UNUSEDPARAM */
  localparam int unsigned QK = 256;            // values per super-block
  localparam int unsigned SubBlocks = 8;       // 32 values each, one 6-bit scale and min
  localparam int unsigned Lanes = 8;           // aux32 lanes: lane l sums elements e % 8 == l
  localparam int unsigned Chunks = 4;          // 64 elements = 32 qs bytes each

  // block_q4_K: 144 bytes.
  localparam int unsigned Q4kBytes = 144;
  localparam int unsigned Q4kOffD = 0;         // fp16
  localparam int unsigned Q4kOffDmin = 2;      // fp16
  localparam int unsigned Q4kOffScales = 4;    // 12 bytes of packed 6-bit scales and mins
  localparam int unsigned Q4kOffQs = 16;       // 128 bytes, two 4-bit quants each
  localparam int unsigned Q4kScaleBytes = 12;
  localparam int unsigned Q4kQsBytes = 128;

  // block_q8_K: 292 bytes.
  localparam int unsigned Q8kBytes = 292;
  localparam int unsigned Q8kOffD = 0;         // float32
  localparam int unsigned Q8kOffQs = 4;        // 256 int8
  localparam int unsigned Q8kOffBsums = 260;   // 16 int16, bsums[g] = sum of qs[16g..16g+15]
  localparam int unsigned Q8kQsBytes = 256;
  localparam int unsigned Q8kBsums = 16;
  /* verilator lint_on UNUSEDPARAM */
endpackage
