// sail_ctrl: the engine's control block, an AXI4 slave at 0x0000_0000 (contracts.md
// section 2). The host identifies the card, queues job descriptors for the engine, takes
// their completions as interrupts and reads performance counters here. sail_pkg is the
// source of truth for the offsets; in brief:
//   0x00 ID, VERSION, CONFIG (RO); SCRATCH (RW); DDR_START lo/hi, DDR_END lo/hi (RO)
//   0x20 ENGINE_CONFIG (RO): {BufBlocks[31:16], QueueDepth[15:8], Lanes[7:0]}
//   0x24 STATUS (RO): busy, queue full, irq_o, [15:8] descriptors waiting
//   0x28 IRQ_STATUS (RO, set by completions), IRQ_ENABLE (RW, Irq* bits only, others read
//        0), IRQ_CLEAR (WO, write 1s)
//   0x34 LAST_TAG, LAST_ERROR (RO): the last completion; 0x3C QUEUE_REJECTS (RO)
//   0x40 .. 0x6F six 64-bit counters, low word first (RO): busy cycles, bytes read,
//        bytes written, read stalls, jobs done, jobs failed; 0x70 PERF_CLEAR (WO, bit 0)
//   0x4000 .. 0x403F the command queue (WO, reads 0)
// Every legal burst works (FIXED, INCR, WRAP, narrow sizes, strobes): a beat reads the
// whole 32-byte line of eight registers its address falls in and writes the strobed bytes
// of it. The R beat is registered (sampled the cycle before it is shown), so that it stays
// stable while RREADY is low, and the two words of a 64-bit counter come from one cycle.
// Unmapped offsets read zero and ignore writes; read-only registers ignore writes; the
// write-only ones read zero.
//
// The command queue: a write burst whose AW address lies in [RegQueue, RegQueue +
// QueueBytes) starts from an all-zero staging descriptor, stores the strobed bytes of each
// beat inside the window (byte 4i + j is byte j of word i) and, at its last beat, pushes the
// descriptor onto a FIFO of QueueDepth entries and answers OKAY; when the FIFO is full it
// pushes nothing, answers SLVERR and counts a reject. A descriptor is therefore one burst:
// one written in two bursts becomes two descriptors, each mostly zero.
//
// Counters and IRQ_STATUS: a completion (done_i) in the same cycle as an IRQ_CLEAR of its
// bit leaves the bit set (set wins); an event in the same cycle as a PERF_CLEAR is lost
// (clear wins). The 64-bit counters wrap. irq_o comes from registers only.
`include "sail_cover.svh"

module sail_ctrl #(
  parameter axi4_pkg::addr_t DdrStart   = sail_pkg::DdrStart,
  parameter axi4_pkg::addr_t DdrEnd     = sail_pkg::DdrEnd,
  parameter int unsigned     IdWidth    = sail_pkg::DownIdWidth,
  // Reported in ENGINE_CONFIG (fields of 8, 8 and 16 bits); QueueDepth also sizes the queue.
  parameter int unsigned     QueueDepth = sail_pkg::QueueDepth,
  parameter int unsigned     Lanes      = sail_pkg::EngineLanes,
  parameter int unsigned     BufBlocks  = sail_pkg::EngineBufBlocks,
  parameter type ax_chan_t = sail_pkg::down_ax_chan_t,
  parameter type w_chan_t  = axi4_pkg::w_chan_t,
  parameter type b_chan_t  = sail_pkg::down_b_chan_t,
  parameter type r_chan_t  = sail_pkg::down_r_chan_t
) (
  input  logic     clk_i,
  input  logic     rst_ni,
  input  ax_chan_t aw_i,
  input  logic     aw_valid_i,
  output logic     aw_ready_o,
  input  w_chan_t  w_i,
  input  logic     w_valid_i,
  output logic     w_ready_o,
  output b_chan_t  b_o,
  output logic     b_valid_o,
  input  logic     b_ready_i,
  input  ax_chan_t ar_i,
  input  logic     ar_valid_i,
  output logic     ar_ready_o,
  output r_chan_t  r_o,
  output logic     r_valid_o,
  input  logic     r_ready_i,
  // toward the engine
  output logic                       job_valid_o,   // a descriptor waits at the queue's head
  input  logic                       job_ready_i,   // the engine takes it (pop on valid && ready)
  output sail_desc_pkg::desc_words_t job_desc_o,
  input  logic                       engine_busy_i, // a job is in the engine
  input  logic                       done_i,        // one-cycle pulse: a job ended
  input  sail_desc_pkg::job_error_e  done_error_i,  // ErrNone or why it failed
  input  logic [31:0]                done_tag_i,
  input  logic                       rd_beat_i,     // an engine read beat handshaked (32 bytes)
  input  logic [5:0]                 wr_bytes_i,    // strobed bytes of an engine W beat (0..32)
  input  logic                       rd_stall_i,    // a busy cycle spent waiting for read data
  output logic                       irq_o,
  output logic [7:0]                 queued_o       // descriptors waiting (STATUS[15:8])
);

  import axi4_pkg::*;
  import sail_pkg::*;
  import sail_desc_pkg::desc_words_t, sail_desc_pkg::job_error_e, sail_desc_pkg::ErrNone;

  localparam int unsigned LineBits = $clog2(StrbWidth);  // byte offset bits within a line
  typedef logic [15-LineBits:0] line_idx_t;              // line within the 64 KiB block

  // The registers: offsets 0x00 .. 0x7F, four lines; word k at bits 32k.
  localparam int unsigned RegLines = 4;
  localparam int unsigned RegWords = RegLines * StrbWidth / 4;
  localparam int unsigned WordBits = $clog2(RegWords);
  typedef logic [WordBits-1:0] word_idx_t;

  // The queue window: QueueBytes / StrbWidth lines from RegQueue (line-aligned).
  localparam int unsigned QueueLines   = QueueBytes / StrbWidth;
  localparam line_idx_t   QueueLine    = RegQueue[15:LineBits];
  localparam int unsigned QueueCntBits = $clog2(QueueDepth + 1);

  localparam int unsigned IrqBits = 2;  // IrqDone, IrqError
  typedef logic [IrqBits-1:0] irq_t;

  // The word of a register offset (below RegWords * 4).
  function automatic word_idx_t word_of(logic [15:0] offset);
    return word_idx_t'(offset >> 2);
  endfunction

  // ---- Registers ---------------------------------------------------------------------------
  logic [31:0]      scratch_q;
  irq_t             irq_status_q, irq_enable_q;
  logic [31:0]      last_tag_q;
  job_error_e       last_error_q;
  logic [31:0]      rejects_q;
  logic [63:0]      busy_cycles_q, bytes_read_q, bytes_written_q, read_stalls_q;
  logic [63:0]      jobs_done_q, jobs_failed_q;
  logic [QueueCntBits-1:0] queued_q;  // descriptors in the FIFO
  logic             queue_full;

  assign irq_o = |(irq_status_q & irq_enable_q);
  assign queued_o = 8'(queued_q);  // for test benches and functional coverage

  // Every register word; offsets outside it (and the write-only words) read zero.
  logic [RegWords-1:0][31:0] reg_words;
  always_comb begin
    reg_words = '0;
    reg_words[word_of(RegId)]         = IdValue;
    reg_words[word_of(RegVersion)]    = VersionValue;
    reg_words[word_of(RegConfig)]     = {8'd0, 8'd1, 8'(IdWidth - MasterIdxWidth), 8'(StrbWidth)};
    reg_words[word_of(RegScratch)]    = scratch_q;
    reg_words[word_of(RegDdrStartLo)] = DdrStart[31:0];
    reg_words[word_of(RegDdrStartHi)] = 32'(DdrStart[AddrWidth-1:32]);
    reg_words[word_of(RegDdrEndLo)]   = DdrEnd[31:0];
    reg_words[word_of(RegDdrEndHi)]   = 32'(DdrEnd[AddrWidth-1:32]);
    reg_words[word_of(RegEngineConfig)] = {16'(BufBlocks), 8'(QueueDepth), 8'(Lanes)};
    reg_words[word_of(RegStatus)][StatusBusy]      = engine_busy_i;
    reg_words[word_of(RegStatus)][StatusQueueFull] = queue_full;
    reg_words[word_of(RegStatus)][StatusIrq]       = irq_o;
    reg_words[word_of(RegStatus)][StatusQueuedLsb +: 8] = queued_o;
    reg_words[word_of(RegIrqStatus)]  = 32'(irq_status_q);
    reg_words[word_of(RegIrqEnable)]  = 32'(irq_enable_q);
    reg_words[word_of(RegLastTag)]    = last_tag_q;
    reg_words[word_of(RegLastError)]  = 32'(last_error_q);
    reg_words[word_of(RegQueueRejects)] = rejects_q;
    {reg_words[word_of(RegBusyCycles) + 1],   reg_words[word_of(RegBusyCycles)]}   = busy_cycles_q;
    {reg_words[word_of(RegBytesRead) + 1],    reg_words[word_of(RegBytesRead)]}    = bytes_read_q;
    {reg_words[word_of(RegBytesWritten) + 1], reg_words[word_of(RegBytesWritten)]} = bytes_written_q;
    {reg_words[word_of(RegReadStalls) + 1],   reg_words[word_of(RegReadStalls)]}   = read_stalls_q;
    {reg_words[word_of(RegJobsDone) + 1],     reg_words[word_of(RegJobsDone)]}     = jobs_done_q;
    {reg_words[word_of(RegJobsFailed) + 1],   reg_words[word_of(RegJobsFailed)]}   = jobs_failed_q;
  end

  // The register line `line` (zero past the registers, the queue window included).
  function automatic data_t line_at(line_idx_t line, logic [RegWords-1:0][31:0] words);
    logic [RegLines-1:0][DataWidth-1:0] lines;
    lines = words;
    if (32'(line) < RegLines) return lines[line[$clog2(RegLines)-1:0]];
    return '0;
  endfunction

  // ---- Reads: one burst at a time, a beat per cycle --------------------------------------
  logic               rd_busy_q;
  logic [IdWidth-1:0] rd_id_q;
  addr_t              rd_addr_q;
  len_t               rd_len_q, rd_beat_q;
  size_t              rd_size_q;
  burst_t             rd_burst_q;
  data_t              rd_data_q;
  logic               rd_last;
  addr_t              rd_next_addr;

  assign ar_ready_o   = !rd_busy_q;
  assign r_valid_o    = rd_busy_q;
  assign rd_last      = rd_beat_q == rd_len_q;
  assign rd_next_addr = next_beat_addr(rd_addr_q, rd_size_q, rd_len_q, rd_burst_q);

  always_comb begin
    r_o      = '0;
    r_o.id   = rd_id_q;
    r_o.data = rd_data_q;
    r_o.resp = RESP_OKAY;
    r_o.last = rd_last;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rd_busy_q  <= 1'b0;
      rd_id_q    <= '0;
      rd_addr_q  <= '0;
      rd_len_q   <= '0;
      rd_beat_q  <= '0;
      rd_size_q  <= '0;
      rd_burst_q <= '0;
      rd_data_q  <= '0;
    end else if (!rd_busy_q) begin
      if (ar_valid_i) begin
        rd_busy_q  <= 1'b1;
        rd_id_q    <= ar_i.id;
        rd_addr_q  <= ar_i.addr;
        rd_len_q   <= ar_i.len;
        rd_beat_q  <= '0;
        rd_size_q  <= ar_i.size;
        rd_burst_q <= ar_i.burst;
        rd_data_q  <= line_at(ar_i.addr[15:LineBits], reg_words);
      end
    end else if (r_ready_i) begin
      if (rd_last) rd_busy_q <= 1'b0;
      rd_beat_q <= rd_beat_q + len_t'(1);
      rd_addr_q <= rd_next_addr;
      rd_data_q <= line_at(rd_next_addr[15:LineBits], reg_words);
    end
  end

  // ---- Writes: AW, then its beats, then B -------------------------------------------------
  typedef enum logic [1:0] {WrIdle, WrData, WrResp} wr_state_e;
  wr_state_e          wr_state_q;
  logic [IdWidth-1:0] wr_id_q;
  addr_t              wr_addr_q;
  len_t               wr_len_q;
  size_t              wr_size_q;
  burst_t             wr_burst_q;
  logic               wr_queue_q;  // the burst writes a descriptor
  resp_t              wr_resp_q;
  logic               wr_beat;     // a W beat handshakes
  logic               aw_in_queue;

  assign aw_ready_o = wr_state_q == WrIdle;
  assign w_ready_o  = wr_state_q == WrData;
  assign b_valid_o  = wr_state_q == WrResp;
  assign wr_beat    = w_ready_o && w_valid_i;

  assign aw_in_queue = 32'(aw_i.addr[15:0]) >= 32'(RegQueue) &&
                       32'(aw_i.addr[15:0]) < 32'(RegQueue) + QueueBytes;

  always_comb begin
    b_o      = '0;
    b_o.id   = wr_id_q;
    b_o.resp = wr_resp_q;
  end

  // The bits of register `offset` a beat on line `line` writes (its strobes).
  function automatic logic [31:0] wr_mask(logic [15:0] offset, line_idx_t line, strb_t strb);
    logic [31:0] mask;
    mask = '0;
    if (line == offset[15:LineBits]) begin
      for (int unsigned b = 0; b < 4; b++) begin
        mask[8*b +: 8] = {8{strb[32'(offset[LineBits-1:0]) + b]}};
      end
    end
    return mask;
  endfunction

  logic [31:0] scratch_mask, irq_enable_mask, irq_clear_mask, perf_clear_mask;
  logic [31:0] beat_word [4];  // this beat's data for SCRATCH, IRQ_ENABLE, IRQ_CLEAR, PERF_CLEAR
  always_comb begin
    scratch_mask    = wr_beat ? wr_mask(RegScratch, wr_addr_q[15:LineBits], w_i.strb) : '0;
    irq_enable_mask = wr_beat ? wr_mask(RegIrqEnable, wr_addr_q[15:LineBits], w_i.strb) : '0;
    irq_clear_mask  = wr_beat ? wr_mask(RegIrqClear, wr_addr_q[15:LineBits], w_i.strb) : '0;
    perf_clear_mask = wr_beat ? wr_mask(RegPerfClear, wr_addr_q[15:LineBits], w_i.strb) : '0;
    beat_word[0] = w_i.data[8*RegScratch[LineBits-1:0] +: 32];
    beat_word[1] = w_i.data[8*RegIrqEnable[LineBits-1:0] +: 32];
    beat_word[2] = w_i.data[8*RegIrqClear[LineBits-1:0] +: 32];
    beat_word[3] = w_i.data[8*RegPerfClear[LineBits-1:0] +: 32];
  end

  logic [31:0] scratch_d, irq_enable_word;
  logic        perf_clear;
  irq_t        irq_clear;
  assign scratch_d       = (scratch_q & ~scratch_mask) | (beat_word[0] & scratch_mask);
  assign irq_enable_word = (32'(irq_enable_q) & ~irq_enable_mask) | (beat_word[1] & irq_enable_mask);
  assign irq_clear       = irq_t'(beat_word[2] & irq_clear_mask);
  assign perf_clear      = perf_clear_mask[0] && beat_word[3][0];

  // ---- The command queue -------------------------------------------------------------------
  logic [QueueBytes*8-1:0] stage_q, stage_d;
  line_idx_t               stage_line;  // the beat's line within the window
  logic                    beat_in_queue, push, reject, pop, queue_empty;

  assign stage_line    = wr_addr_q[15:LineBits] - QueueLine;
  assign beat_in_queue = wr_queue_q && 32'(stage_line) < QueueLines;
  assign push          = wr_beat && w_i.last && wr_queue_q && !queue_full;
  assign reject        = wr_beat && w_i.last && wr_queue_q && queue_full;
  assign pop           = job_ready_i && !queue_empty;
  assign job_valid_o   = !queue_empty;

  always_comb begin
    stage_d = stage_q;
    if (wr_beat && beat_in_queue) begin
      for (int unsigned b = 0; b < StrbWidth; b++) begin
        if (w_i.strb[b]) stage_d[8*(32'(stage_line)*StrbWidth + b) +: 8] = w_i.data[8*b +: 8];
      end
    end
  end

  fifo_sync #(
    .Depth (QueueDepth),
    .data_t(desc_words_t)
  ) i_queue (
    .clk_i,
    .rst_ni,
    .push_i (push),
    .data_i (desc_words_t'(stage_d)),
    .full_o (queue_full),
    .pop_i  (pop),
    .data_o (job_desc_o),
    .empty_o(queue_empty)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      wr_state_q <= WrIdle;
      wr_id_q    <= '0;
      wr_addr_q  <= '0;
      wr_len_q   <= '0;
      wr_size_q  <= '0;
      wr_burst_q <= '0;
      wr_queue_q <= 1'b0;
      wr_resp_q  <= RESP_OKAY;
      stage_q    <= '0;
      scratch_q  <= '0;
      irq_enable_q <= '0;
      rejects_q  <= '0;
      queued_q   <= '0;
    end else begin
      unique case (wr_state_q)
        WrIdle: if (aw_valid_i) begin
          wr_state_q <= WrData;
          wr_id_q    <= aw_i.id;
          wr_addr_q  <= aw_i.addr;
          wr_len_q   <= aw_i.len;
          wr_size_q  <= aw_i.size;
          wr_burst_q <= aw_i.burst;
          wr_queue_q <= aw_in_queue;
          wr_resp_q  <= RESP_OKAY;
          stage_q    <= '0;
        end
        WrData: if (w_valid_i) begin
          wr_addr_q <= next_beat_addr(wr_addr_q, wr_size_q, wr_len_q, wr_burst_q);
          stage_q   <= stage_d;
          if (w_i.last) begin
            wr_state_q <= WrResp;
            if (reject) wr_resp_q <= RESP_SLVERR;
          end
        end
        WrResp: if (b_ready_i) wr_state_q <= WrIdle;
        default: wr_state_q <= WrIdle;
      endcase
      scratch_q    <= scratch_d;
      irq_enable_q <= irq_t'(irq_enable_word);
      if (reject) rejects_q <= rejects_q + 32'd1;
      if (push && !pop) queued_q <= queued_q + QueueCntBits'(1);
      else if (pop && !push) queued_q <= queued_q - QueueCntBits'(1);
    end
  end

  // ---- Completions and counters --------------------------------------------------------------
  logic failed;
  irq_t irq_set;
  assign failed  = done_i && done_error_i != ErrNone;
  always_comb begin
    irq_set           = '0;
    irq_set[IrqDone]  = done_i && !failed;
    irq_set[IrqError] = failed;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      irq_status_q    <= '0;
      last_tag_q      <= '0;
      last_error_q    <= ErrNone;
      busy_cycles_q   <= '0;
      bytes_read_q    <= '0;
      bytes_written_q <= '0;
      read_stalls_q   <= '0;
      jobs_done_q     <= '0;
      jobs_failed_q   <= '0;
    end else begin
      irq_status_q <= (irq_status_q & ~irq_clear) | irq_set;  // set wins over clear
      if (done_i) begin
        last_tag_q   <= done_tag_i;
        last_error_q <= done_error_i;
      end
      if (perf_clear) begin  // an event in this cycle is lost
        busy_cycles_q   <= '0;
        bytes_read_q    <= '0;
        bytes_written_q <= '0;
        read_stalls_q   <= '0;
        jobs_done_q     <= '0;
        jobs_failed_q   <= '0;
      end else begin
        busy_cycles_q   <= busy_cycles_q + 64'(engine_busy_i);
        bytes_read_q    <= bytes_read_q + (rd_beat_i ? 64'(StrbWidth) : 64'd0);
        bytes_written_q <= bytes_written_q + 64'(wr_bytes_i);
        read_stalls_q   <= read_stalls_q + 64'(rd_stall_i);
        jobs_done_q     <= jobs_done_q + 64'(done_i);
        jobs_failed_q   <= jobs_failed_q + 64'(failed);
      end
    end
  end

  // The block decodes offsets below 64 KiB only; cache, prot, qos and lock do not matter
  // to registers. The read and write paths look at a beat's line, not its byte offset.
  logic unused;
  assign unused = ^{aw_i.addr[AddrWidth-1:16], aw_i.lock, aw_i.cache, aw_i.prot, aw_i.qos,
                    ar_i.addr[AddrWidth-1:16], ar_i.lock, ar_i.cache, ar_i.prot, ar_i.qos,
                    rd_addr_q[AddrWidth-1:16], rd_addr_q[LineBits-1:0],
                    wr_addr_q[AddrWidth-1:16], wr_addr_q[LineBits-1:0],
                    rd_next_addr[AddrWidth-1:16], rd_next_addr[LineBits-1:0],
                    // PERF_CLEAR has one bit and IRQ_ENABLE keeps the Irq* bits only.
                    perf_clear_mask[31:1], irq_enable_word[31:IrqBits]};

`ifdef SAILSIM_COVERAGE
  // Host bursts of each type on both channels, the write FSM, the queue and the interrupt.
  `SAIL_COVER(cov_read_incr,      ar_valid_i && ar_ready_o && ar_i.burst == BURST_INCR)
  `SAIL_COVER(cov_read_fixed,     ar_valid_i && ar_ready_o && ar_i.burst == BURST_FIXED)
  `SAIL_COVER(cov_read_wrap,      ar_valid_i && ar_ready_o && ar_i.burst == BURST_WRAP)
  `SAIL_COVER(cov_read_narrow,    ar_valid_i && ar_ready_o && ar_i.size != SIZE_FULL)
  `SAIL_COVER(cov_write_incr,     aw_valid_i && aw_ready_o && aw_i.burst == BURST_INCR)
  `SAIL_COVER(cov_write_fixed,    aw_valid_i && aw_ready_o && aw_i.burst == BURST_FIXED)
  `SAIL_COVER(cov_write_wrap,     aw_valid_i && aw_ready_o && aw_i.burst == BURST_WRAP)
  `SAIL_COVER(cov_write_narrow,   aw_valid_i && aw_ready_o && aw_i.size != SIZE_FULL)
  `SAIL_COVER(cov_wr_idle,        wr_state_q == WrIdle)
  `SAIL_COVER(cov_wr_data,        wr_state_q == WrData)
  `SAIL_COVER(cov_wr_resp,        wr_state_q == WrResp)
  `SAIL_COVER(cov_wr_resp_stall,  wr_state_q == WrResp && !b_ready_i)
  `SAIL_COVER(cov_queue_empty,    queue_empty)
  `SAIL_COVER(cov_queue_full,     queue_full)
  `SAIL_COVER(cov_queue_push,     push)
  `SAIL_COVER(cov_queue_reject,   reject)
  `SAIL_COVER(cov_queue_push_pop, push && pop)
  `SAIL_COVER(cov_job_failed,     failed)
  `SAIL_COVER(cov_irq_raised,     irq_o)
  `SAIL_COVER(cov_irq_set_clear,  |(irq_set & irq_clear))
`endif

endmodule
