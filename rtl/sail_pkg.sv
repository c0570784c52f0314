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

  localparam logic [31:0] IdValue      = 32'h5341_494C;  // "SAIL" read as a big-endian word
  localparam logic [7:0]  VersionMajor = 8'd0;
  localparam logic [7:0]  VersionMinor = 8'd1;
  localparam logic [15:0] VersionPatch = 16'd0;
  localparam logic [31:0] VersionValue = {VersionMajor, VersionMinor, VersionPatch};

  /* verilator lint_on UNUSEDPARAM */

endpackage
