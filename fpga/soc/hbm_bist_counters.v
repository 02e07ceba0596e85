// hbm_bist_counters - the self-test SoC's command counters, from the DFI
// command buses as hbmsim counts them (model/hbm_stats.c,
// hbm_stats_command): ACT; PRE and PREA; REFAB and REFPB; RDA and WRA as
// auto-precharges; every column command as a row hit, miss or conflict by
// the cause the controller gives it (perf_col_cause), and as T_BURST_CK
// clocks of the data bus.
//
// Clocking: clk_i; clear_i zeroes every counter; counts while count_i.
// One command slot a bus a clock (dfi_ratio 1).
`default_nettype none
`include "hbm_defs.vh"

module hbm_bist_counters #(
    parameter integer T_BURST_CK = 2
) (
    input  wire                     clk_i,
    input  wire                     clear_i,
    input  wire                     count_i,
    input  wire [`HBM_CMD_BITS-1:0] row_cmd_i,
    input  wire [`HBM_CMD_BITS-1:0] col_cmd_i,
    input  wire [1:0]               col_cause_i,   // 0 hit, 1 miss, 2 conflict
    output reg  [47:0]              acts_o,
    output reg  [47:0]              precharges_o,
    output reg  [47:0]              refreshes_o,
    output reg  [47:0]              auto_precharges_o,
    output reg  [47:0]              row_hits_o,
    output reg  [47:0]              row_misses_o,
    output reg  [47:0]              row_conflicts_o,
    output reg  [47:0]              data_busy_o
);
    localparam integer BURST_I = T_BURST_CK;
    localparam [47:0]  BURST = {40'd0, BURST_I[7:0]};
    wire col = col_cmd_i == `HBM_CMD_RD || col_cmd_i == `HBM_CMD_RDA ||
               col_cmd_i == `HBM_CMD_WR || col_cmd_i == `HBM_CMD_WRA;
    always @(posedge clk_i) begin
        if (clear_i) begin
            acts_o            <= 48'd0;
            precharges_o      <= 48'd0;
            refreshes_o       <= 48'd0;
            auto_precharges_o <= 48'd0;
            row_hits_o        <= 48'd0;
            row_misses_o      <= 48'd0;
            row_conflicts_o   <= 48'd0;
            data_busy_o       <= 48'd0;
        end else if (count_i) begin
            if (row_cmd_i == `HBM_CMD_ACT)
                acts_o <= acts_o + 1'b1;
            if (row_cmd_i == `HBM_CMD_PRE || row_cmd_i == `HBM_CMD_PREA)
                precharges_o <= precharges_o + 1'b1;
            if (row_cmd_i == `HBM_CMD_REFAB || row_cmd_i == `HBM_CMD_REFPB)
                refreshes_o <= refreshes_o + 1'b1;
            if (col_cmd_i == `HBM_CMD_RDA || col_cmd_i == `HBM_CMD_WRA)
                auto_precharges_o <= auto_precharges_o + 1'b1;
            if (col) begin
                data_busy_o <= data_busy_o + BURST;
                if (col_cause_i == 2'd2)
                    row_conflicts_o <= row_conflicts_o + 1'b1;
                else if (col_cause_i == 2'd1)
                    row_misses_o <= row_misses_o + 1'b1;
                else
                    row_hits_o <= row_hits_o + 1'b1;
            end
        end
    end
endmodule

`resetall
