// Test-only: exposes axi4_pkg's constants as ports, so a C++ test can check that the
// Verilated package says what contracts.md (and the C++ side) says.
module axi4_pkg_probe
  import axi4_pkg::*;
(
  output logic [31:0] data_width_o,
  output logic [31:0] strb_width_o,
  output logic [31:0] addr_width_o,
  output logic [31:0] id_width_o,
  output logic [31:0] len_width_o,
  output logic [31:0] size_width_o,
  output logic [31:0] burst_width_o,
  output logic [31:0] resp_width_o,
  output logic [31:0] cache_width_o,
  output logic [31:0] prot_width_o,
  output logic [31:0] qos_width_o,
  output logic [7:0]  bursts_o,     // {WRAP, INCR, FIXED} as 2-bit codes, FIXED lowest
  output logic [7:0]  resps_o,      // {DECERR, SLVERR, EXOKAY, OKAY}, OKAY lowest
  output logic [2:0]  size_full_o,
  output logic [31:0] max_beats_incr_o,
  output logic [31:0] max_beats_wrap_fixed_o,
  output logic [31:0] boundary_bytes_o,
  output logic [31:0] ax_chan_bits_o,
  output logic [31:0] w_chan_bits_o
);
  assign data_width_o  = DataWidth;
  assign strb_width_o  = StrbWidth;
  assign addr_width_o  = AddrWidth;
  assign id_width_o    = IdWidth;
  assign len_width_o   = LenWidth;
  assign size_width_o  = SizeWidth;
  assign burst_width_o = BurstWidth;
  assign resp_width_o  = RespWidth;
  assign cache_width_o = CacheWidth;
  assign prot_width_o  = ProtWidth;
  assign qos_width_o   = QosWidth;
  assign bursts_o      = {2'b00, BURST_WRAP, BURST_INCR, BURST_FIXED};
  assign resps_o       = {RESP_DECERR, RESP_SLVERR, RESP_EXOKAY, RESP_OKAY};
  assign size_full_o   = SIZE_FULL;
  assign max_beats_incr_o       = MaxBeatsIncr;
  assign max_beats_wrap_fixed_o = MaxBeatsWrapFixed;
  assign boundary_bytes_o       = BoundaryBytes;
  assign ax_chan_bits_o = $bits(ax_chan_t);
  assign w_chan_bits_o  = $bits(w_chan_t);
endmodule
