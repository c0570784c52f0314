// engine_reader: the engine's AXI4 read side. A command names rows of bytes in DDR (a first
// row address, a row stride, a row count and the bytes per row); the reader fetches them in
// order as aligned full-width INCR bursts and hands the beats on, each tagged with the bytes
// of it that belong to the current row (skip leading bytes, then `bytes` bytes).
//
// Why it looks like this:
// * Several bursts in flight hide DDR latency: a burst is issued whenever the beat buffer has
//   room for all its beats (credits), so R is never back-pressured and BufBeats beats can be
//   on their way. All reads use one ID, so beats come back in order and the R side can walk
//   the same row sequence as the AR side instead of queueing per-burst metadata.
// * Bursts stop at BurstBeats-beat boundaries (and at row ends), so they never cross 4 KiB.
// * On abort_i no new burst starts; beats still due are taken and dropped, so the job ends
//   with the bus quiet (idle_o) and nothing left in flight for the next job.
`include "sail_cover.svh"

module engine_reader #(
  parameter int unsigned BurstBeats = 32,   // a power of two, at most 256
  parameter int unsigned BufBeats   = 256,  // beat buffer: beats in flight + beats waiting
  parameter axi4_pkg::id_t ReadId   = '0
) (
  input  logic                clk_i,
  input  logic                rst_ni,
  // command: rows at base, base + stride, ...; taken when idle_o
  input  logic                start_i,
  input  axi4_pkg::addr_t     base_i,
  input  logic [31:0]         stride_i,
  input  logic [31:0]         rows_i,      // at least 1
  input  logic [31:0]         row_bytes_i, // at least 1
  input  logic                abort_i,     // level: stop issuing, drop what arrives
  // beats, in row order
  output logic                beat_valid_o,
  input  logic                beat_ready_i,
  output axi4_pkg::data_t     beat_data_o,
  output logic [4:0]          beat_skip_o,   // leading bytes not in the row
  output logic [5:0]          beat_bytes_o,  // row bytes in the beat after the skip, 1..32
  // state
  output logic                idle_o,      // nothing issued, in flight or buffered
  output logic                error_o,     // an error response since the last start
  output logic                stall_o,     // a command is running and no beat is buffered
  output logic                beat_o,      // an R beat was taken this cycle
  // AXI4 read channels
  output axi4_pkg::ax_chan_t  ar_o,
  output logic                ar_valid_o,
  input  logic                ar_ready_i,
  input  axi4_pkg::r_chan_t   r_i,
  input  logic                r_valid_i,
  output logic                r_ready_o
);

  import axi4_pkg::*;

  localparam int unsigned BeatBits   = $clog2(StrbWidth);  // 5
  localparam int unsigned BurstBits  = $clog2(BurstBeats);
  localparam int unsigned CreditBits = $clog2(BufBeats + 1);
  localparam int unsigned BurstsBits = $clog2(BufBeats + 1);  // a burst has at least a beat

  typedef logic [CreditBits-1:0] credit_t;
  typedef logic [BurstsBits-1:0] bursts_t;

  // A row: [start, end) and how many rows follow it.
  typedef struct packed {
    addr_t       start;
    addr_t       stop;
    logic [31:0] rows_left;  // rows after this one
  } row_t;

  function automatic addr_t align(addr_t a);
    return a & ~(addr_t'(StrbWidth) - addr_t'(1));
  endfunction

  function automatic row_t next_row(addr_t start, logic [31:0] rows_left, logic [31:0] stride,
                                    logic [31:0] row_bytes);
    row_t n;
    n.start     = start + addr_t'(stride);
    n.stop      = n.start + addr_t'(row_bytes);
    n.rows_left = rows_left - 32'd1;
    return n;
  endfunction

  logic [31:0] stride_q, row_bytes_q;
  row_t        ar_next, rw_next;  // the rows after the AR side's and the R side's

  // ---- AR side ------------------------------------------------------------------------------
  logic        ar_active_q;   // rows remain to be requested
  row_t        ar_row_q;
  addr_t       ar_addr_q;     // next beat to request (aligned)
  logic        ar_pending_q;  // ar_q offered, not yet taken
  ax_chan_t    ar_q;
  credit_t     reserved_q;    // beats requested and not yet handed on or dropped
  bursts_t     bursts_q;      // bursts requested whose last beat has not arrived

  logic [AddrWidth-BeatBits-1:0] beats_left_row;  // to the end of the row
  logic [BurstBits:0]            beats_to_edge, burst_beats;
  logic                          issue, ar_row_done;

  addr_t ar_span;  // bytes to the row's end, rounded up to whole beats
  assign ar_span        = ar_row_q.stop - ar_addr_q + (addr_t'(StrbWidth) - addr_t'(1));
  assign beats_left_row = ar_span[AddrWidth-1:BeatBits];
  assign beats_to_edge  = (BurstBits+1)'(BurstBeats) - (BurstBits+1)'(ar_addr_q[BeatBits +: BurstBits]);
  assign burst_beats    = beats_left_row < (AddrWidth-BeatBits)'(beats_to_edge)
                        ? (BurstBits+1)'(beats_left_row) : beats_to_edge;
  assign issue          = ar_active_q && !ar_pending_q && !abort_i
                        && 32'(reserved_q) + 32'(burst_beats) <= BufBeats;
  assign ar_row_done    = ar_addr_q + (addr_t'(burst_beats) << BeatBits) >= ar_row_q.stop;

  assign ar_o       = ar_q;
  assign ar_valid_o = ar_pending_q;

  // ---- R side: walks the same rows, one beat at a time ----------------------------------------
  row_t  rw_row_q;
  addr_t rw_addr_q;  // the beat expected next (aligned)

  logic  r_take, fifo_full, fifo_empty, pop;
  addr_t lo, hi, beat_end;
  logic  rw_row_done;

  typedef struct packed {
    data_t      data;
    logic [4:0] skip;
    logic [5:0] bytes;
  } beat_t;
  beat_t push_beat, head;

  assign r_ready_o = 1'b1;  // credits guarantee room
  assign r_take    = r_valid_i;
  assign beat_o    = r_take;

  assign ar_next     = next_row(ar_row_q.start, ar_row_q.rows_left, stride_q, row_bytes_q);
  assign rw_next     = next_row(rw_row_q.start, rw_row_q.rows_left, stride_q, row_bytes_q);
  assign beat_end    = rw_addr_q + addr_t'(StrbWidth);
  assign lo          = rw_row_q.start > rw_addr_q ? rw_row_q.start : rw_addr_q;
  assign hi          = rw_row_q.stop < beat_end ? rw_row_q.stop : beat_end;
  assign rw_row_done = beat_end >= rw_row_q.stop;

  assign push_beat.data  = r_i.data;
  assign push_beat.skip  = 5'(lo - rw_addr_q);
  assign push_beat.bytes = 6'(hi - lo);

  fifo_sync #(
    .Depth (BufBeats),
    .data_t(beat_t)
  ) u_beats (
    .clk_i,
    .rst_ni,
    .push_i (r_take),
    .data_i (push_beat),
    .full_o (fifo_full),
    .pop_i  (pop),
    .data_o (head),
    .empty_o(fifo_empty)
  );

  // Aborting: every beat is dropped as soon as it is buffered.
  assign beat_valid_o = !fifo_empty && !abort_i;
  assign pop          = !fifo_empty && (abort_i || beat_ready_i);
  assign beat_data_o  = head.data;
  assign beat_skip_o  = head.skip;
  assign beat_bytes_o = head.bytes;

  assign idle_o  = !ar_active_q && !ar_pending_q && bursts_q == '0 && fifo_empty;
  assign stall_o = (ar_active_q || ar_pending_q || bursts_q != '0) && fifo_empty;

  logic error_q;
  assign error_o = error_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      stride_q     <= '0;
      row_bytes_q  <= '0;
      ar_active_q  <= 1'b0;
      ar_row_q     <= '0;
      ar_addr_q    <= '0;
      ar_pending_q <= 1'b0;
      ar_q         <= '0;
      reserved_q   <= '0;
      bursts_q     <= '0;
      rw_row_q     <= '0;
      rw_addr_q    <= '0;
      error_q      <= 1'b0;
    end else begin
      // Credits and bursts: + on issue, - on hand-on / last beat.
      reserved_q <= reserved_q + (issue ? credit_t'(burst_beats) : credit_t'(0)) - credit_t'(pop);
      bursts_q   <= bursts_q + bursts_t'(issue) - bursts_t'(r_take && r_i.last);

      if (start_i && idle_o) begin
        stride_q           <= stride_i;
        row_bytes_q        <= row_bytes_i;
        ar_active_q        <= 1'b1;
        ar_row_q.start     <= base_i;
        ar_row_q.stop      <= base_i + addr_t'(row_bytes_i);
        ar_row_q.rows_left <= rows_i - 32'd1;
        ar_addr_q          <= align(base_i);
        rw_row_q.start     <= base_i;
        rw_row_q.stop      <= base_i + addr_t'(row_bytes_i);
        rw_row_q.rows_left <= rows_i - 32'd1;
        rw_addr_q          <= align(base_i);
        error_q            <= 1'b0;
      end else begin
        if (ar_pending_q && ar_ready_i) ar_pending_q <= 1'b0;
        if (abort_i) ar_active_q <= 1'b0;
        if (issue) begin
          ar_pending_q <= 1'b1;
          ar_q         <= '0;
          ar_q.id      <= ReadId;
          ar_q.addr    <= ar_addr_q;
          ar_q.len     <= len_t'(burst_beats) - len_t'(1);
          ar_q.size    <= SIZE_FULL;
          ar_q.burst   <= BURST_INCR;
          if (ar_row_done) begin
            if (ar_row_q.rows_left == '0) begin
              ar_active_q <= 1'b0;
            end else begin
              ar_row_q  <= ar_next;
              ar_addr_q <= align(ar_next.start);
            end
          end else begin
            ar_addr_q <= ar_addr_q + (addr_t'(burst_beats) << BeatBits);
          end
        end
        if (r_take) begin
          if (r_i.resp != RESP_OKAY) error_q <= 1'b1;
          if (rw_row_done) begin
            rw_row_q  <= rw_next;
            rw_addr_q <= align(rw_next.start);
          end else begin
            rw_addr_q <= beat_end;
          end
        end
      end
    end
  end

  // The FIFO cannot overflow: a burst is issued only with credits for all its beats.
  logic unused;
  assign unused = ^{fifo_full, r_i.id, ar_span[BeatBits-1:0]};

`ifdef SAILSIM_COVERAGE
  // The bursts the reader issues: single beats, longest bursts, rows split across bursts.
  `SAIL_COVER(cov_ar_single,   ar_valid_o && ar_ready_i && ar_q.len == '0)
  `SAIL_COVER(cov_ar_multi,    ar_valid_o && ar_ready_i && ar_q.len != '0)
  `SAIL_COVER(cov_ar_longest,  ar_valid_o && ar_ready_i && 32'(ar_q.len) == BurstBeats - 1)
  `SAIL_COVER(cov_ar_stalled,  ar_valid_o && !ar_ready_i)
  `SAIL_COVER(cov_r_error,     r_take && r_i.resp != RESP_OKAY)
  `SAIL_COVER(cov_abort_busy,  abort_i && !idle_o)
`endif

endmodule
