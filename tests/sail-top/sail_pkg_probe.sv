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
  output logic [15:0] reg_offsets_o [8],  // ID, VERSION, CONFIG, SCRATCH, DDR_START lo/hi, DDR_END lo/hi
  output logic [31:0] id_value_o,
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
  assign id_value_o         = IdValue;
  assign version_value_o    = VersionValue;
endmodule
