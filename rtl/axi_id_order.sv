// axi_id_order: AXI keeps transactions with the same ID in order, but two slaves answer
// independently. So, like pulp-platform's axi_demux, a master's transaction may only go to
// the slave that already holds that ID's outstanding transactions, and at most MaxTrans of
// them; otherwise it stalls until they have completed. One instance per direction.
module axi_id_order #(
  parameter int unsigned IdWidth  = 4,
  parameter int unsigned SelWidth = 2,
  parameter int unsigned MaxTrans = 8,
  localparam int unsigned CntWidth = $clog2(MaxTrans + 1)
) (
  input  logic                clk_i,
  input  logic                rst_ni,
  // The request being offered, and whether taking it now would break ordering.
  input  logic [IdWidth-1:0]  req_id_i,
  input  logic [SelWidth-1:0] req_sel_i,
  output logic                stall_o,
  input  logic                push_i,   // that request's handshake
  // A transaction of this ID completed (B, or the last R beat).
  input  logic [IdWidth-1:0]  pop_id_i,
  input  logic                pop_i
);

  localparam int unsigned NoIds = 2 ** IdWidth;

  logic [CntWidth-1:0] count_q [NoIds];
  logic [SelWidth-1:0] sel_q   [NoIds];

  assign stall_o = (count_q[req_id_i] != '0 && sel_q[req_id_i] != req_sel_i)
                || count_q[req_id_i] == CntWidth'(MaxTrans);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int unsigned i = 0; i < NoIds; i++) begin
        count_q[i] <= '0;
        sel_q[i]   <= '0;
      end
    end else begin
      for (int unsigned i = 0; i < NoIds; i++) begin
        if (push_i && req_id_i == IdWidth'(i)) sel_q[i] <= req_sel_i;
        case ({push_i && req_id_i == IdWidth'(i), pop_i && pop_id_i == IdWidth'(i)})
          2'b10:   count_q[i] <= count_q[i] + CntWidth'(1);
          2'b01:   count_q[i] <= count_q[i] - CntWidth'(1);
          default: count_q[i] <= count_q[i];
        endcase
      end
    end
  end

endmodule
