// engine_unpack: turns the reader's tagged beats into whole blocks of BlockBytes bytes (144
// for Q4_K, 292 for Q8_K), which straddle beats: a block is 4.5 or 9.125 beats. Bytes are
// gathered in a buffer of Blocks blocks plus one beat, and a beat is taken whenever it fits
// after this cycle's block leaves (at most one a cycle). With Blocks = 2 the next block is
// complete while the consumer still holds the current one, which the lanes need: they hold a
// block for 4 cycles and take it at the end. Rows are whole blocks long, so a block never spans two
// rows and the reader's per-beat byte ranges are all it needs. clear_i empties the buffer
// (after an aborted job).
module engine_unpack #(
  parameter int unsigned BlockBytes = 144,
  parameter int unsigned Blocks     = 1   // whole blocks buffered ahead
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,
  input  logic                    clear_i,
  // beats: bytes [skip, skip + bytes) of data belong to the stream
  input  logic                    beat_valid_i,
  output logic                    beat_ready_o,
  input  axi4_pkg::data_t         beat_data_i,
  input  logic [4:0]              beat_skip_i,
  input  logic [5:0]              beat_bytes_i,
  // blocks, byte b at [8b+7:8b]
  output logic                    block_valid_o,
  input  logic                    block_ready_i,
  output logic [BlockBytes*8-1:0] block_o
);

  localparam int unsigned BeatBytes = axi4_pkg::StrbWidth;
  localparam int unsigned BufBytes  = Blocks * BlockBytes + BeatBytes;
  localparam int unsigned CountBits = $clog2(BufBytes + 1);

  typedef logic [BufBytes*8-1:0] buf_t;
  typedef logic [CountBits-1:0]  count_t;

  buf_t   buf_q, kept, incoming;
  count_t count_q, kept_count;
  logic   emit, take;

  assign block_valid_o = count_q >= count_t'(BlockBytes);
  assign block_o       = buf_q[BlockBytes*8-1:0];
  assign emit          = block_valid_o && block_ready_i;

  // What stays after this cycle's block leaves; a beat fits if a whole beat does.
  assign kept         = emit ? buf_q >> (BlockBytes * 8) : buf_q;
  assign kept_count   = emit ? count_q - count_t'(BlockBytes) : count_q;
  assign beat_ready_o = kept_count <= count_t'(Blocks * BlockBytes);
  assign take         = beat_valid_i && beat_ready_o;

  // The beat's row bytes, moved down to byte 0 and masked, then up to the fill level.
  always_comb begin
    axi4_pkg::data_t bytes;
    axi4_pkg::data_t mask;
    bytes    = beat_data_i >> {beat_skip_i, 3'b000};
    mask     = beat_bytes_i[5] ? '1 : ~('1 << {beat_bytes_i[4:0], 3'b000});
    bytes    = bytes & mask;
    incoming = buf_t'(bytes);
    incoming = incoming << {kept_count, 3'b000};
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      buf_q   <= '0;
      count_q <= '0;
    end else if (clear_i) begin
      buf_q   <= '0;
      count_q <= '0;
    end else begin
      buf_q   <= take ? kept | incoming : kept;
      count_q <= take ? kept_count + count_t'(beat_bytes_i) : kept_count;
    end
  end

endmodule
