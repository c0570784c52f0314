// axi_addr_decode: which slave an address belongs to. Rule i covers [StartAddr[i],
// EndAddr[i]); the lowest matching rule wins; an address no rule covers selects index
// NoRules, the error slave.
module axi_addr_decode #(
  parameter int unsigned NoRules = 2,
  parameter axi4_pkg::addr_t [NoRules-1:0] StartAddr = {48'h0001_0000, 48'h0000_0000},
  parameter axi4_pkg::addr_t [NoRules-1:0] EndAddr   = {48'h4000_0000, 48'h0001_0000},
  localparam int unsigned SelWidth = $clog2(NoRules + 1)
) (
  input  axi4_pkg::addr_t     addr_i,
  output logic [SelWidth-1:0] sel_o,
  output logic                hit_o
);

  always_comb begin
    sel_o = SelWidth'(NoRules);
    hit_o = 1'b0;
    for (int i = NoRules - 1; i >= 0; i--) begin
      if (addr_i >= StartAddr[i] && addr_i < EndAddr[i]) begin
        sel_o = SelWidth'(i);
        hit_o = 1'b1;
      end
    end
  end

endmodule
