// q4k_scales: unpacks the 12 scale bytes of a Q4_K block into its eight 6-bit sub-block
// scales and eight 6-bit mins, as GGML's get_scale_min_k4 (spec/ggml-q4k.md), for j = 0..3:
//   sc[j] = s[j] & 63,   sc[j+4] = (s[j+8] & 15) | ((s[j] >> 6) << 4)
//   mn[j] = s[j+4] & 63, mn[j+4] = (s[j+8] >> 4) | ((s[j+4] >> 6) << 4)
// Combinational; every bit of the 12 bytes is used exactly once.
module q4k_scales (
  input  logic [12*8-1:0]  scales_i,  // byte k at [8k+7:8k]
  output logic [7:0][5:0]  sc_o,      // sc_o[j]: scale of sub-block j
  output logic [7:0][5:0]  mn_o       // mn_o[j]: min of sub-block j
);
  logic [11:0][7:0] s;
  assign s = scales_i;

  always_comb begin
    for (int unsigned j = 0; j < 4; j++) begin
      sc_o[j]     = s[j][5:0];
      mn_o[j]     = s[j+4][5:0];
      sc_o[j + 4] = {s[j][7:6], s[j+8][3:0]};
      mn_o[j + 4] = {s[j+4][7:6], s[j+8][7:4]};
    end
  end
endmodule
