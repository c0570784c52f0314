// sail_engine: the Q4_K x Q8_K matmul engine. Takes a job descriptor (sail_desc_pkg) from the
// control block's queue, reads A (Q4_K weights) and B (Q8_K activations) from DDR through its
// AXI4 master port, and writes OUT[n*M + m] = vec_dot(A row m, B row n) as float32, bit for
// bit as GGML's reference (or its FMA-contracted order, flag bit 0). docs/engine.md has the
// block diagram and the reasoning; in short:
//
// * Activations stay on chip, weights stream. The columns of B are taken in groups of up to
//   Lanes: a group's Q8_K rows are fetched into the block buffer (BufBlocks blocks), then
//   every A row streams past once and each 144-byte weight block feeds Lanes q4k_dot lanes at
//   once, one per activation column. For N <= Lanes (the target) A is read exactly once, so
//   the job reads |A| + |B| bytes, the minimum. A long K takes fewer columns per group
//   (BufBlocks / (K/256)); K over BufBlocks blocks is refused by sail_desc_check.
// * The lanes are identical and see identical inputs, so they run in lock step: one handshake
//   (lane 0's) stands for all, and a result bank takes a whole row of results at once.
// * A lane takes a block every 4 cycles; DDR brings a weight block every 4.5 cycles at 32
//   bytes a cycle, so the datapath outruns the port and the job is bandwidth bound.
// * Results are gathered per lane into 32-byte lines (OUT rows are contiguous in m) and
//   written as single-beat bursts with strobes.
// * A refused descriptor ends at once with its error code; an error response on a read or a
//   write aborts the job: no new reads, the row in the lanes runs out on garbage, results are
//   dropped, outstanding transactions are waited for, then the job ends with ErrAxiRead or
//   ErrAxiWrite. Nothing is left in flight for the next job.
`include "sail_cover.svh"

module sail_engine #(
  parameter axi4_pkg::addr_t DdrStart   = sail_pkg::DdrStart,
  parameter axi4_pkg::addr_t DdrEnd     = sail_pkg::DdrEnd,
  parameter int unsigned     Lanes      = sail_pkg::EngineLanes,
  parameter int unsigned     BufBlocks  = sail_pkg::EngineBufBlocks,
  parameter int unsigned     BurstBeats = 32,   // read burst length (bursts stop at its edges)
  parameter int unsigned     ReadBeats  = 256,  // read beats in flight or buffered
  parameter int unsigned     WriteLines = 8     // result lines queued for the write port
) (
  input  logic                       clk_i,
  input  logic                       rst_ni,
  // jobs from the control block
  input  logic                       job_valid_i,
  output logic                       job_ready_o,
  input  sail_desc_pkg::desc_words_t job_desc_i,
  // completion (a one-cycle pulse) and events for the counters
  output logic                       done_o,
  output sail_desc_pkg::job_error_e  done_error_o,
  output logic [31:0]                done_tag_o,
  output logic                       busy_o,
  output logic                       rd_beat_o,
  output logic [5:0]                 wr_bytes_o,
  output logic                       rd_stall_o,
  // AXI4 master port (toward the crossbar)
  output axi4_pkg::ax_chan_t         aw_o,
  output logic                       aw_valid_o,
  input  logic                       aw_ready_i,
  output axi4_pkg::w_chan_t          w_o,
  output logic                       w_valid_o,
  input  logic                       w_ready_i,
  input  axi4_pkg::b_chan_t          b_i,
  input  logic                       b_valid_i,
  output logic                       b_ready_o,
  output axi4_pkg::ax_chan_t         ar_o,
  output logic                       ar_valid_o,
  input  logic                       ar_ready_i,
  input  axi4_pkg::r_chan_t          r_i,
  input  logic                       r_valid_i,
  output logic                       r_ready_o
);

  import axi4_pkg::*;
  import sail_desc_pkg::*;

  localparam int unsigned Q4Bytes  = q4k_pkg::Q4kBytes;
  localparam int unsigned Q8Bytes  = q4k_pkg::Q8kBytes;
  localparam int unsigned KbBits   = $clog2(BufBlocks + 1);  // blocks per row, 1..BufBlocks
  localparam int unsigned IdxBits  = $clog2(BufBlocks);
  localparam int unsigned LaneBits = $clog2(Lanes + 1);      // a lane count, 1..Lanes
  localparam int unsigned CBits    = (Lanes > 1) ? $clog2(Lanes) : 1;  // a lane index
  localparam int unsigned LineBits = AddrWidth - 5;

  typedef logic [KbBits-1:0]   kb_t;
  typedef logic [IdxBits-1:0]  idx_t;
  typedef logic [LaneBits-1:0] lanes_t;
  typedef logic [CBits-1:0]    lane_t;
  typedef logic [LineBits-1:0] line_addr_t;

  typedef enum logic [3:0] {
    SIdle,    // waiting for a descriptor
    SCheck,   // its verdict
    SGroup,   // start fetching the next group of activation columns
    SLoadB,   // activations into the block buffer
    SRunA,    // weights stream through the lanes
    SFlush,   // write the group's partial result lines
    SDrain,   // wait for the last writes' responses
    SAbort,   // an AXI error: let everything in flight finish, drop results
    SDone     // report
  } state_e;

  state_e state_q;

  // ---- The job ------------------------------------------------------------------------------
  desc_words_t desc_q;
  job_error_e  chk_error, error_q;
  logic [31:0] a_stride, b_stride, out_stride;

  sail_desc_check #(
    .DdrStart  (DdrStart),
    .DdrEnd    (DdrEnd),
    .MaxKBlocks(BufBlocks)
  ) u_check (
    .desc_i      (desc_q),
    .error_o     (chk_error),
    .a_stride_o  (a_stride),
    .b_stride_o  (b_stride),
    .out_stride_o(out_stride)
  );

  logic [31:0] m_total, n_total;
  kb_t         kb_q;          // blocks per row
  lanes_t      cols_q;        // columns per group
  lanes_t      ncols_q;       // columns in this group
  lanes_t      cols_calc, ncols_calc;
  logic [31:0] n0_q;          // first column of this group
  addr_t       b_base_q;      // its first B row
  addr_t       out_base_q;    // its first OUT row
  logic        fused;

  assign m_total = desc_q[WordM];
  assign n_total = desc_q[WordN];
  assign fused   = desc_q[WordFlags][0];

  // The most columns whose blocks fit the buffer, at most Lanes.
  always_comb begin
    cols_calc = lanes_t'(1);
    for (int unsigned c = 1; c <= Lanes; c++) begin
      if (c * 32'(desc_q[WordK] >> 8) <= BufBlocks) cols_calc = lanes_t'(c);
    end
  end
  assign ncols_calc = (n_total - n0_q < 32'(cols_q)) ? lanes_t'(n_total - n0_q) : cols_q;

  // ---- Reader, shared by the B and A phases -------------------------------------------------
  logic            rd_start, rd_abort, rd_idle, rd_error, rd_stall;
  addr_t           rd_base;
  logic [31:0]     rd_stride, rd_rows, rd_row_bytes;
  logic            beat_valid, beat_ready;
  data_t           beat_data;
  logic [4:0]      beat_skip;
  logic [5:0]      beat_bytes;

  engine_reader #(
    .BurstBeats(BurstBeats),
    .BufBeats  (ReadBeats)
  ) u_reader (
    .clk_i,
    .rst_ni,
    .start_i     (rd_start),
    .base_i      (rd_base),
    .stride_i    (rd_stride),
    .rows_i      (rd_rows),
    .row_bytes_i (rd_row_bytes),
    .abort_i     (rd_abort),
    .beat_valid_o(beat_valid),
    .beat_ready_i(beat_ready),
    .beat_data_o (beat_data),
    .beat_skip_o (beat_skip),
    .beat_bytes_o(beat_bytes),
    .idle_o      (rd_idle),
    .error_o     (rd_error),
    .stall_o     (rd_stall),
    .beat_o      (rd_beat_o),
    .ar_o,
    .ar_valid_o,
    .ar_ready_i,
    .r_i,
    .r_valid_i,
    .r_ready_o
  );

  // ---- Unpackers: beats -> Q8_K blocks (B phase), Q4_K blocks (A phase) ----------------------
  logic                 unpack_clear;
  logic                 b_beat_ready, a_beat_ready;
  logic                 b_blk_valid, a_blk_valid, a_blk_ready;
  logic [Q8Bytes*8-1:0] b_blk;
  logic [Q4Bytes*8-1:0] a_blk;

  assign unpack_clear = state_q == SDone;
  assign beat_ready   = (state_q == SLoadB && b_beat_ready) || (state_q == SRunA && a_beat_ready);

  engine_unpack #(.BlockBytes(Q8Bytes)) u_unpack_b (
    .clk_i,
    .rst_ni,
    .clear_i      (unpack_clear),
    .beat_valid_i (beat_valid && state_q == SLoadB),
    .beat_ready_o (b_beat_ready),
    .beat_data_i  (beat_data),
    .beat_skip_i  (beat_skip),
    .beat_bytes_i (beat_bytes),
    .block_valid_o(b_blk_valid),
    .block_ready_i(state_q == SLoadB),
    .block_o      (b_blk)
  );

  engine_unpack #(.BlockBytes(Q4Bytes), .Blocks(2)) u_unpack_a (
    .clk_i,
    .rst_ni,
    .clear_i      (unpack_clear),
    .beat_valid_i (beat_valid && state_q == SRunA),
    .beat_ready_o (a_beat_ready),
    .beat_data_i  (beat_data),
    .beat_skip_i  (beat_skip),
    .beat_bytes_i (beat_bytes),
    .block_valid_o(a_blk_valid),
    .block_ready_i(a_blk_ready),
    .block_o      (a_blk)
  );

  // ---- Block buffer: column c of the group holds blocks [c*kb, (c+1)*kb) ---------------------
  logic [Q8Bytes*8-1:0] bbuf_q [BufBlocks];
  logic [IdxBits:0]     bwr_q;      // next block to write
  logic [31:0]          bneed_q;    // blocks in this group
  logic                 b_loaded;

  assign b_loaded = 32'(bwr_q) == bneed_q;

  always_ff @(posedge clk_i) begin
    if (state_q == SLoadB && b_blk_valid) bbuf_q[bwr_q[IdxBits-1:0]] <= b_blk;
  end

  // ---- Lanes --------------------------------------------------------------------------------
  logic [31:0] m_feed_q;   // rows whose blocks have all been fed
  kb_t         kb_feed_q;  // next block of the row being fed
  logic        blk_open_q; // a block is offered and not yet taken (the lanes are mid-block)
  logic        feeding, lane_valid, lane_fire, blk_first, blk_last;
  logic [Lanes-1:0]        lane_ready, res_valid;
  logic [Lanes-1:0][31:0]  res;
  logic                    res_ready;

  // In SAbort a row already started runs to its end on whatever is in the unpacker, so that
  // every lane is back at a row boundary for the next job.
  assign feeding    = (state_q == SRunA && m_feed_q != m_total)
                   || (state_q == SAbort && (kb_feed_q != '0 || blk_open_q));
  assign lane_valid = feeding && (state_q == SAbort || a_blk_valid);
  assign lane_fire  = lane_valid && lane_ready[0];
  assign a_blk_ready = state_q == SRunA && feeding && lane_ready[0];
  assign blk_first  = kb_feed_q == '0;
  assign blk_last   = kb_feed_q == kb_q - kb_t'(1);

  for (genvar c = 0; c < Lanes; c++) begin : g_lane
    idx_t q8_idx;
    // Lanes past the group's columns compute on column 0's blocks; their results are unused.
    assign q8_idx = (lanes_t'(c) < ncols_q) ? idx_t'(32'(c) * 32'(kb_q) + 32'(kb_feed_q))
                                            : idx_t'(kb_feed_q);
    q4k_dot u_dot (
      .clk_i,
      .rst_ni,
      .fused_i    (fused),
      .blk_valid_i(lane_valid),
      .blk_ready_o(lane_ready[c]),
      .blk_first_i(blk_first),
      .blk_last_i (blk_last),
      .q4_i       (a_blk),
      .q8_i       (bbuf_q[q8_idx]),
      .res_valid_o(res_valid[c]),
      .res_ready_i(res_ready),
      .res_o      (res[c])
    );
  end

  // ---- Result bank and per-lane line gathering ----------------------------------------------
  logic                   bank_full_q;
  logic [Lanes-1:0][31:0] bank_q;
  logic [31:0]            bank_row_q;  // the row m of the banked results
  logic [31:0]            m_res_q;     // rows whose results reached the bank
  lane_t                  ser_q;       // the lane being gathered
  logic                   drop;        // results are not written (aborting)

  line_addr_t [Lanes-1:0] line_addr_q;
  data_t      [Lanes-1:0] line_data_q;
  strb_t      [Lanes-1:0] line_strb_q;
  logic       [Lanes-1:0] line_valid_q;

  addr_t      res_addr;
  line_addr_t res_line;
  logic       res_hit, ser_step, ser_push, ser_last;
  lane_t      flush_q;
  logic       flush_push, flush_step;

  logic            wr_valid, wr_ready, wr_idle, wr_error;
  line_addr_t      wr_addr;
  data_t           wr_data;
  strb_t           wr_strb;

  assign res_ready = !bank_full_q;
  assign drop      = state_q == SAbort;
  assign res_addr  = out_base_q + addr_t'(32'(ser_q) * out_stride) + addr_t'({bank_row_q, 2'b00});
  assign res_line  = res_addr[AddrWidth-1:5];
  assign res_hit   = line_valid_q[ser_q] && line_addr_q[ser_q] == res_line;
  // A lane's result moves into its line; a line it does not belong to is written out first.
  assign ser_push  = bank_full_q && !drop && line_valid_q[ser_q] && !res_hit;
  assign ser_step  = bank_full_q && (!ser_push || wr_ready);
  assign ser_last  = lanes_t'(ser_q) == ncols_q - lanes_t'(1);

  assign flush_push = state_q == SFlush && line_valid_q[flush_q];
  assign flush_step = state_q == SFlush && (!flush_push || wr_ready);

  assign wr_valid = ser_push || flush_push;
  assign wr_addr  = ser_push ? line_addr_q[ser_q] : line_addr_q[flush_q];
  assign wr_data  = ser_push ? line_data_q[ser_q] : line_data_q[flush_q];
  assign wr_strb  = ser_push ? line_strb_q[ser_q] : line_strb_q[flush_q];

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      bank_full_q  <= 1'b0;
      bank_q       <= '0;
      bank_row_q   <= '0;
      m_res_q      <= '0;
      ser_q        <= '0;
      line_addr_q  <= '0;
      line_data_q  <= '0;
      line_strb_q  <= '0;
      line_valid_q <= '0;
      flush_q      <= '0;
    end else begin
      if (res_valid[0] && res_ready) begin
        bank_full_q <= 1'b1;
        bank_q      <= res;
        bank_row_q  <= m_res_q;
        m_res_q     <= m_res_q + 32'd1;
        ser_q       <= '0;
      end else if (ser_step) begin
        if (!drop) begin
          if (!res_hit) begin
            line_addr_q[ser_q] <= res_line;
            line_data_q[ser_q] <= '0;
            line_strb_q[ser_q] <= '0;
          end
          line_data_q[ser_q][{res_addr[4:2], 5'd0} +: 32] <= bank_q[ser_q];
          line_strb_q[ser_q][{res_addr[4:2], 2'd0} +: 4]  <= 4'hF;
          line_valid_q[ser_q] <= 1'b1;
        end
        if (ser_last) bank_full_q <= 1'b0;
        else ser_q <= ser_q + lane_t'(1);
      end
      if (flush_step) begin
        line_valid_q[flush_q] <= 1'b0;
        flush_q <= flush_q + lane_t'(1);
      end
      if (state_q == SCheck || state_q == SDone) begin
        line_valid_q <= '0;
        m_res_q      <= '0;
        flush_q      <= '0;
      end else if (state_q == SGroup) begin
        m_res_q <= '0;
        flush_q <= '0;
      end
    end
  end

  // ---- Writer -------------------------------------------------------------------------------
  engine_writer #(.Depth(WriteLines)) u_writer (
    .clk_i,
    .rst_ni,
    .clear_i     (state_q == SCheck),
    .line_valid_i(wr_valid),
    .line_ready_o(wr_ready),
    .line_addr_i (wr_addr),
    .line_data_i (wr_data),
    .line_strb_i (wr_strb),
    .idle_o      (wr_idle),
    .error_o     (wr_error),
    .bytes_o     (wr_bytes_o),
    .aw_o,
    .aw_valid_o,
    .aw_ready_i,
    .w_o,
    .w_valid_o,
    .w_ready_i,
    .b_i,
    .b_valid_i,
    .b_ready_o
  );

  // ---- Sequencing ---------------------------------------------------------------------------
  logic group_done, last_group, bus_error, quiet;

  assign group_done = m_res_q == m_total && !bank_full_q;
  assign last_group = n0_q + 32'(ncols_q) == n_total;
  assign bus_error  = rd_error || wr_error;
  // Nothing in flight anywhere: bus, lanes, bank.
  assign quiet      = rd_idle && wr_idle && !feeding && m_res_q == m_feed_q && !bank_full_q;

  // Dense rows follow each other, so the reader gets them as one long row and its bursts run
  // across row ends (with K = 256 a row is 4.5 beats; a burst per row would leave the port
  // idle at high latency).
  logic [31:0] a_row, b_row;
  logic [63:0] a_all, b_all;
  logic        a_merge, b_merge;
  assign a_row   = 32'(kb_q) * Q4Bytes;
  assign b_row   = 32'(kb_q) * Q8Bytes;
  assign a_all   = 64'(m_total) * 64'(a_row);
  assign b_all   = 64'(ncols_calc) * 64'(b_row);
  assign a_merge = a_stride == a_row && a_all[63:32] == '0;
  assign b_merge = b_stride == b_row && b_all[63:32] == '0;

  assign rd_abort = state_q == SAbort;
  always_comb begin
    rd_start     = 1'b0;
    rd_base      = b_base_q;
    rd_stride    = b_stride;
    rd_rows      = b_merge ? 32'd1 : 32'(ncols_calc);
    rd_row_bytes = b_merge ? b_all[31:0] : b_row;
    if (state_q == SGroup) begin
      rd_start = 1'b1;
    end else if (state_q == SLoadB && b_loaded && rd_idle && !bus_error) begin
      rd_start     = 1'b1;
      rd_base      = addr_t'({desc_q[WordAHi], desc_q[WordALo]});
      rd_stride    = a_stride;
      rd_rows      = a_merge ? 32'd1 : m_total;
      rd_row_bytes = a_merge ? a_all[31:0] : a_row;
    end
  end

  assign job_ready_o  = state_q == SIdle;
  assign done_o       = state_q == SDone;
  assign done_error_o = error_q;
  assign done_tag_o   = desc_q[WordTag];
  assign busy_o       = state_q != SIdle;
  assign rd_stall_o   = (state_q == SLoadB || state_q == SRunA) && rd_stall;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q    <= SIdle;
      desc_q     <= '0;
      error_q    <= ErrNone;
      kb_q       <= '0;
      cols_q     <= '0;
      ncols_q    <= '0;
      n0_q       <= '0;
      b_base_q   <= '0;
      out_base_q <= '0;
      bwr_q      <= '0;
      bneed_q    <= '0;
      m_feed_q   <= '0;
      kb_feed_q  <= '0;
      blk_open_q <= 1'b0;
    end else begin
      if (lane_fire) begin
        blk_open_q <= 1'b0;
        if (blk_last) begin
          kb_feed_q <= '0;
          m_feed_q  <= m_feed_q + 32'd1;
        end else begin
          kb_feed_q <= kb_feed_q + kb_t'(1);
        end
      end else if (lane_valid) begin
        blk_open_q <= 1'b1;
      end
      if (state_q == SLoadB && b_blk_valid) bwr_q <= bwr_q + (IdxBits+1)'(1);

      unique case (state_q)
        SIdle: if (job_valid_i) begin
          desc_q  <= job_desc_i;
          state_q <= SCheck;
        end
        SCheck: begin
          error_q <= chk_error;
          if (chk_error != ErrNone) begin
            state_q <= SDone;
          end else begin
            kb_q       <= kb_t'(desc_q[WordK] >> 8);
            cols_q     <= cols_calc;
            n0_q       <= '0;
            b_base_q   <= addr_t'({desc_q[WordBHi], desc_q[WordBLo]});
            out_base_q <= addr_t'({desc_q[WordOutHi], desc_q[WordOutLo]});
            state_q    <= SGroup;
          end
        end
        SGroup: begin
          ncols_q  <= ncols_calc;
          bneed_q  <= 32'(ncols_calc) * 32'(kb_q);
          bwr_q    <= '0;
          m_feed_q <= '0;
          state_q  <= SLoadB;
        end
        SLoadB: if (rd_start) state_q <= SRunA;
        SRunA:  if (group_done) state_q <= SFlush;
        SFlush: begin
          if (flush_step && 32'(flush_q) == Lanes - 1) begin
            if (last_group) begin
              state_q <= SDrain;
            end else begin
              n0_q       <= n0_q + 32'(ncols_q);
              b_base_q   <= b_base_q + addr_t'(32'(ncols_q) * b_stride);
              out_base_q <= out_base_q + addr_t'(32'(ncols_q) * out_stride);
              state_q    <= SGroup;
            end
          end
        end
        SDrain: if (wr_idle && rd_idle) state_q <= SDone;
        SAbort: if (quiet) state_q <= SDone;
        SDone: begin
          state_q   <= SIdle;
          kb_feed_q <= '0;
          m_feed_q  <= '0;
        end
        default: state_q <= SIdle;
      endcase
      // An error response while the job uses the bus overrides the step above.
      if (bus_error && state_q inside {SLoadB, SRunA, SFlush, SDrain}) begin
        error_q <= rd_error ? ErrAxiRead : ErrAxiWrite;
        state_q <= SAbort;
      end
    end
  end

  // Lanes run in lock step: lane 0's handshakes stand for all of them.
  logic unused;
  assign unused = ^{lane_ready[Lanes-1:1], res_valid[Lanes-1:1], res_addr[1:0]};

`ifdef SAILSIM_COVERAGE
  // Every state, every transition, every job outcome, both dot orders, multi-group jobs.
  state_e cov_prev_q;
  always_ff @(posedge clk_i) cov_prev_q <= state_q;
  `SAIL_COVER(cov_state_idle,  state_q == SIdle)
  `SAIL_COVER(cov_state_check, state_q == SCheck)
  `SAIL_COVER(cov_state_group, state_q == SGroup)
  `SAIL_COVER(cov_state_loadb, state_q == SLoadB)
  `SAIL_COVER(cov_state_runa,  state_q == SRunA)
  `SAIL_COVER(cov_state_flush, state_q == SFlush)
  `SAIL_COVER(cov_state_drain, state_q == SDrain)
  `SAIL_COVER(cov_state_abort, state_q == SAbort)
  `SAIL_COVER(cov_state_done,  state_q == SDone)
  `SAIL_COVER(cov_idle_to_check,  cov_prev_q == SIdle && state_q == SCheck)
  `SAIL_COVER(cov_check_to_done,  cov_prev_q == SCheck && state_q == SDone)
  `SAIL_COVER(cov_check_to_group, cov_prev_q == SCheck && state_q == SGroup)
  `SAIL_COVER(cov_group_to_loadb, cov_prev_q == SGroup && state_q == SLoadB)
  `SAIL_COVER(cov_loadb_to_runa,  cov_prev_q == SLoadB && state_q == SRunA)
  `SAIL_COVER(cov_runa_to_flush,  cov_prev_q == SRunA && state_q == SFlush)
  `SAIL_COVER(cov_flush_to_drain, cov_prev_q == SFlush && state_q == SDrain)
  `SAIL_COVER(cov_flush_to_group, cov_prev_q == SFlush && state_q == SGroup)
  `SAIL_COVER(cov_drain_to_done,  cov_prev_q == SDrain && state_q == SDone)
  `SAIL_COVER(cov_loadb_to_abort, cov_prev_q == SLoadB && state_q == SAbort)
  `SAIL_COVER(cov_runa_to_abort,  cov_prev_q == SRunA && state_q == SAbort)
  `SAIL_COVER(cov_flush_to_abort, cov_prev_q == SFlush && state_q == SAbort)
  `SAIL_COVER(cov_drain_to_abort, cov_prev_q == SDrain && state_q == SAbort)
  `SAIL_COVER(cov_abort_to_done,  cov_prev_q == SAbort && state_q == SDone)
  `SAIL_COVER(cov_done_to_idle,   cov_prev_q == SDone && state_q == SIdle)
  `SAIL_COVER(cov_job_ok,          state_q == SDone && error_q == ErrNone)
  `SAIL_COVER(cov_job_bad_k,       state_q == SDone && error_q == ErrBadK)
  `SAIL_COVER(cov_job_bad_shape,   state_q == SDone && error_q == ErrBadShape)
  `SAIL_COVER(cov_job_bad_flags,   state_q == SDone && error_q == ErrBadFlags)
  `SAIL_COVER(cov_job_bad_stride,  state_q == SDone && error_q == ErrBadStride)
  `SAIL_COVER(cov_job_bad_align,   state_q == SDone && error_q == ErrBadAlign)
  `SAIL_COVER(cov_job_bad_address, state_q == SDone && error_q == ErrBadAddress)
  `SAIL_COVER(cov_job_axi_read,    state_q == SDone && error_q == ErrAxiRead)
  `SAIL_COVER(cov_job_axi_write,   state_q == SDone && error_q == ErrAxiWrite)
  `SAIL_COVER(cov_job_fused,       state_q == SCheck && fused)
  `SAIL_COVER(cov_job_generic,     state_q == SCheck && !fused)
  `SAIL_COVER(cov_group_all_lanes, state_q == SRunA && 32'(ncols_q) == Lanes)
  `SAIL_COVER(cov_group_one_col,   state_q == SRunA && ncols_q == lanes_t'(1))
`endif

endmodule
