// Test-only: exposes sail_pkg's constants as ports, so that sail_map_test.cpp can check
// every one against the C++ view in sailsim/rtl/sail_map.hpp, offsets included.
module sail_pkg_probe
  import sail_pkg::*;
(
  output logic [31:0] no_masters_o,
  output logic [31:0] no_slaves_o,
  output logic [31:0] master_host_o,
  output logic [31:0] master_engine_o,
  output logic [31:0] slave_ctrl_o,
  output logic [31:0] slave_ddr_o,
  output logic [31:0] master_idx_width_o,
  output logic [47:0] ctrl_start_o,
  output logic [47:0] ctrl_end_o,
  output logic [47:0] ddr_start_o,
  output logic [47:0] ddr_end_o,
  // ID, VERSION, CONFIG, SCRATCH, DDR_START lo/hi, DDR_END lo/hi, ENGINE_CONFIG, STATUS,
  // IRQ_STATUS, IRQ_ENABLE, IRQ_CLEAR, LAST_TAG, LAST_ERROR, QUEUE_REJECTS, BUSY_CYCLES,
  // BYTES_READ, BYTES_WRITTEN, READ_STALLS, JOBS_DONE, JOBS_FAILED, PERF_CLEAR, QUEUE
  output logic [15:0] reg_offsets_o [24],
  output logic [31:0] queue_bytes_o,
  output logic [31:0] status_busy_o,         // bit positions
  output logic [31:0] status_queue_full_o,
  output logic [31:0] status_irq_o,
  output logic [31:0] status_queued_lsb_o,
  output logic [31:0] irq_done_o,
  output logic [31:0] irq_error_o,
  output logic [31:0] engine_lanes_o,
  output logic [31:0] engine_buf_blocks_o,
  output logic [31:0] queue_depth_o,
  output logic [31:0] id_value_o,
  output logic [7:0]  version_major_o,
  output logic [7:0]  version_minor_o,
  output logic [15:0] version_patch_o,
  output logic [31:0] version_value_o
);
  assign no_masters_o       = NoMasters;
  assign no_slaves_o        = NoSlaves;
  assign master_host_o      = MasterHost;
  assign master_engine_o    = MasterEngine;
  assign slave_ctrl_o       = SlaveCtrl;
  assign slave_ddr_o        = SlaveDdr;
  assign master_idx_width_o = MasterIdxWidth;
  assign ctrl_start_o       = CtrlStart;
  assign ctrl_end_o         = CtrlEnd;
  assign ddr_start_o        = DdrStart;
  assign ddr_end_o          = DdrEnd;
  assign reg_offsets_o[0]   = RegId;
  assign reg_offsets_o[1]   = RegVersion;
  assign reg_offsets_o[2]   = RegConfig;
  assign reg_offsets_o[3]   = RegScratch;
  assign reg_offsets_o[4]   = RegDdrStartLo;
  assign reg_offsets_o[5]   = RegDdrStartHi;
  assign reg_offsets_o[6]   = RegDdrEndLo;
  assign reg_offsets_o[7]   = RegDdrEndHi;
  assign reg_offsets_o[8]   = RegEngineConfig;
  assign reg_offsets_o[9]   = RegStatus;
  assign reg_offsets_o[10]  = RegIrqStatus;
  assign reg_offsets_o[11]  = RegIrqEnable;
  assign reg_offsets_o[12]  = RegIrqClear;
  assign reg_offsets_o[13]  = RegLastTag;
  assign reg_offsets_o[14]  = RegLastError;
  assign reg_offsets_o[15]  = RegQueueRejects;
  assign reg_offsets_o[16]  = RegBusyCycles;
  assign reg_offsets_o[17]  = RegBytesRead;
  assign reg_offsets_o[18]  = RegBytesWritten;
  assign reg_offsets_o[19]  = RegReadStalls;
  assign reg_offsets_o[20]  = RegJobsDone;
  assign reg_offsets_o[21]  = RegJobsFailed;
  assign reg_offsets_o[22]  = RegPerfClear;
  assign reg_offsets_o[23]  = RegQueue;
  assign queue_bytes_o       = QueueBytes;
  assign status_busy_o       = StatusBusy;
  assign status_queue_full_o = StatusQueueFull;
  assign status_irq_o        = StatusIrq;
  assign status_queued_lsb_o = StatusQueuedLsb;
  assign irq_done_o          = IrqDone;
  assign irq_error_o         = IrqError;
  assign engine_lanes_o      = EngineLanes;
  assign engine_buf_blocks_o = EngineBufBlocks;
  assign queue_depth_o       = QueueDepth;
  assign id_value_o         = IdValue;
  assign version_major_o    = VersionMajor;
  assign version_minor_o    = VersionMinor;
  assign version_patch_o    = VersionPatch;
  assign version_value_o    = VersionValue;
endmodule
