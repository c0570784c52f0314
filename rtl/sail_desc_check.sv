// sail_desc_check: whether a job descriptor may run, and if not, why (the first rule of
// sail_desc_pkg::job_error_e it breaks). Combinational, exact for every 32-bit M, K, N and
// stride: extents are computed on 66 bits, so nothing wraps into a valid-looking range.
// Also gives the effective row strides (a zero stride means dense rows).
module sail_desc_check #(
  parameter axi4_pkg::addr_t DdrStart = sail_pkg::DdrStart,
  parameter axi4_pkg::addr_t DdrEnd   = sail_pkg::DdrEnd,  // exclusive
  // The longest K the engine's activation buffer holds, in 256-value blocks.
  parameter int unsigned     MaxKBlocks = sail_pkg::EngineBufBlocks
) (
  input  sail_desc_pkg::desc_words_t desc_i,
  output sail_desc_pkg::job_error_e  error_o,
  output logic [31:0]                a_stride_o,    // bytes between A rows
  output logic [31:0]                b_stride_o,
  output logic [31:0]                out_stride_o
);

  import sail_desc_pkg::*;

  typedef logic [65:0] wide_t;

  logic [31:0] m, k, n, blocks;
  logic [63:0] a_addr, b_addr, out_addr;
  logic [34:0] a_row, b_row, out_row;  // bytes of one row, dense
  wide_t       a_end, b_end, out_end;  // one past the last byte

  assign m        = desc_i[WordM];
  assign k        = desc_i[WordK];
  assign n        = desc_i[WordN];
  assign blocks   = k / BlockValues;
  assign a_addr   = {desc_i[WordAHi], desc_i[WordALo]};
  assign b_addr   = {desc_i[WordBHi], desc_i[WordBLo]};
  assign out_addr = {desc_i[WordOutHi], desc_i[WordOutLo]};
  assign a_row    = 35'(blocks) * 35'(Q4kBlockBytes);
  assign b_row    = 35'(blocks) * 35'(Q8kBlockBytes);
  assign out_row  = 35'(m) * 35'd4;

  assign a_stride_o   = desc_i[WordAStride] != '0 ? desc_i[WordAStride] : a_row[31:0];
  assign b_stride_o   = desc_i[WordBStride] != '0 ? desc_i[WordBStride] : b_row[31:0];
  assign out_stride_o = desc_i[WordOutStride] != '0 ? desc_i[WordOutStride] : out_row[31:0];

  // start + (rows - 1) * stride + row, for rows >= 1.
  function automatic wide_t extent_end(logic [63:0] start, logic [31:0] rows, logic [31:0] stride,
                                       logic [34:0] row);
    logic [31:0] gaps;  // rows - 1 (M or N = 0 is rejected before extents matter)
    gaps = rows - 32'd1;
    return wide_t'(start) + wide_t'(gaps) * wide_t'(stride) + wide_t'(row);
  endfunction

  assign a_end   = extent_end(a_addr, m, a_stride_o, a_row);
  assign b_end   = extent_end(b_addr, n, b_stride_o, b_row);
  assign out_end = extent_end(out_addr, n, out_stride_o, out_row);

  function automatic logic inside_ddr(logic [63:0] start, wide_t stop);
    return wide_t'(start) >= wide_t'(DdrStart) && stop <= wide_t'(DdrEnd);
  endfunction

  always_comb begin
    error_o = ErrNone;
    if (k == '0 || k % BlockValues != 0 || blocks > 32'(MaxKBlocks)) begin
      error_o = ErrBadK;
    end else if (m == '0 || n == '0) begin
      error_o = ErrBadShape;
    end else if ((desc_i[WordFlags] & ~FlagsKnown) != '0 || desc_i[14] != '0 || desc_i[15] != '0) begin
      error_o = ErrBadFlags;
    end else if ((desc_i[WordAStride] != '0 && 35'(desc_i[WordAStride]) < a_row)
              || (desc_i[WordBStride] != '0 && 35'(desc_i[WordBStride]) < b_row)
              || (desc_i[WordOutStride] != '0 && 35'(desc_i[WordOutStride]) < out_row)
              || a_row[34:32] != '0 || b_row[34:32] != '0 || out_row[34:32] != '0) begin
      error_o = ErrBadStride;
    end else if (out_addr[1:0] != 2'b00 || out_stride_o[1:0] != 2'b00) begin
      error_o = ErrBadAlign;
    end else if (!inside_ddr(a_addr, a_end) || !inside_ddr(b_addr, b_end)
              || !inside_ddr(out_addr, out_end)) begin
      error_o = ErrBadAddress;
    end
  end

  // The tag is the command queue's business, not the checker's.
  logic unused;
  assign unused = ^desc_i[WordTag];

endmodule
