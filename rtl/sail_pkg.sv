// sail_pkg: the Sail card's configuration: its address map (contracts.md section 2), the
// ports of its crossbar, and the identification registers of the control block. The C++
// side reads the same numbers from sailsim/rtl/sail_map.hpp; tests/sail-top checks that the
// two agree, constant by constant through a probe and register by register over AXI.
`include "axi4_typedef.svh"

package sail_pkg;

  // Constants for all of the card; each module uses a few.
  /* verilator lint_off UNUSEDPARAM */

  // Crossbar masters (slave ports of the crossbar) and slaves (its master ports).
  localparam int unsigned NoMasters   = 2;  // 0: host port, 1: engine
  localparam int unsigned NoSlaves    = 2;  // 0: control block, 1: DDR
  localparam int unsigned MasterHost   = 0;
  localparam int unsigned MasterEngine = 1;
  localparam int unsigned SlaveCtrl    = 0;
  localparam int unsigned SlaveDdr     = 1;

  // Behind the crossbar an ID carries the master's index above the master's own ID.
  localparam int unsigned MasterIdxWidth = 1;
  localparam int unsigned DownIdWidth    = axi4_pkg::IdWidth + MasterIdxWidth;
  typedef logic [DownIdWidth-1:0] down_id_t;
  `AXI4_TYPEDEF_ALL(down, down_id_t)

  // Address map: [start, end) per crossbar slave; anything else answers DECERR.
  localparam axi4_pkg::addr_t CtrlStart = 48'h0000_0000;
  localparam axi4_pkg::addr_t CtrlEnd   = 48'h0001_0000;
  localparam axi4_pkg::addr_t DdrStart  = 48'h0001_0000;
  localparam axi4_pkg::addr_t DdrEnd    = 48'h4000_0000;  // default; a parameter of sail_top

  // Control block registers (byte offsets; 32-bit registers, little-endian in the line).
  localparam logic [15:0] RegId      = 16'h0000;  // RO: IdValue
  localparam logic [15:0] RegVersion = 16'h0004;  // RO: major[31:24] minor[23:16] patch[15:0]
  localparam logic [15:0] RegConfig  = 16'h0008;  // RO: DDR ports[23:16] ID bits[15:8] bytes/beat[7:0]
  localparam logic [15:0] RegScratch = 16'h000C;  // RW: no effect, for bus tests
  localparam logic [15:0] RegDdrStartLo = 16'h0010;  // RO: the DDR window, [start, end)
  localparam logic [15:0] RegDdrStartHi = 16'h0014;
  localparam logic [15:0] RegDdrEndLo   = 16'h0018;
  localparam logic [15:0] RegDdrEndHi   = 16'h001C;
  localparam logic [15:0] RegEngineConfig = 16'h0020;  // RO: max K blocks[31:16] queue depth[15:8] lanes[7:0]
  localparam logic [15:0] RegStatus     = 16'h0024;  // RO: see Status* below
  localparam logic [15:0] RegIrqStatus  = 16'h0028;  // RO: Irq* bits, set by completions
  localparam logic [15:0] RegIrqEnable  = 16'h002C;  // RW: Irq* bits; irq_o = |(status & enable)
  localparam logic [15:0] RegIrqClear   = 16'h0030;  // WO: a 1 clears that IRQ_STATUS bit; reads 0
  localparam logic [15:0] RegLastTag    = 16'h0034;  // RO: the tag of the last job that ended
  localparam logic [15:0] RegLastError  = 16'h0038;  // RO: its sail_desc_pkg::job_error_e (0: OK)
  localparam logic [15:0] RegQueueRejects = 16'h003C;  // RO: descriptors refused (queue full)
  // Performance counters, 64 bits each (low word first); one beat reads a counter whole.
  localparam logic [15:0] RegBusyCycles   = 16'h0040;  // cycles with a job in the engine
  localparam logic [15:0] RegBytesRead    = 16'h0048;  // 32 per engine read beat
  localparam logic [15:0] RegBytesWritten = 16'h0050;  // strobed bytes of engine write beats
  localparam logic [15:0] RegReadStalls   = 16'h0058;  // busy cycles waiting for read data
  localparam logic [15:0] RegJobsDone     = 16'h0060;  // jobs that ended, OK or not
  localparam logic [15:0] RegJobsFailed   = 16'h0068;  // jobs that ended with an error
  localparam logic [15:0] RegPerfClear    = 16'h0070;  // WO: bit 0 = 1 zeroes the counters
  // The command queue: a descriptor (sail_desc_pkg, 64 bytes) written in one burst here is
  // queued at the burst's end; when the queue is full the burst answers SLVERR instead.
  localparam logic [15:0] RegQueue      = 16'h4000;
  localparam int unsigned QueueBytes    = 64;

  // STATUS bits.
  localparam int unsigned StatusBusy      = 0;  // a job is in the engine
  localparam int unsigned StatusQueueFull = 1;
  localparam int unsigned StatusIrq       = 2;  // the level of irq_o
  localparam int unsigned StatusQueuedLsb = 8;  // [15:8] jobs waiting in the queue
  // IRQ_STATUS / IRQ_ENABLE / IRQ_CLEAR bits.
  localparam int unsigned IrqDone  = 0;  // a job ended without error
  localparam int unsigned IrqError = 1;  // a job ended with an error (rejected or AXI error)

  // The engine's defaults (parameters of sail_top).
  localparam int unsigned EngineLanes     = 8;    // activation columns per pass over A
  localparam int unsigned EngineBufBlocks = 128;  // Q8_K blocks of on-chip activations
  localparam int unsigned QueueDepth      = 4;    // descriptors waiting behind the running job

  localparam logic [31:0] IdValue      = 32'h5341_494C;  // "SAIL" read as a big-endian word
  localparam logic [7:0]  VersionMajor = 8'd0;
  localparam logic [7:0]  VersionMinor = 8'd2;  // 0.2: engine, queue, IRQ, counters
  localparam logic [15:0] VersionPatch = 16'd0;
  localparam logic [31:0] VersionValue = {VersionMajor, VersionMinor, VersionPatch};

  /* verilator lint_on UNUSEDPARAM */

endpackage
