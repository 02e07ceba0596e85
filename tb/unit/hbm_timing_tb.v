// hbm_timing_tb - hbm_timing with the parameters of the generated config
// header on the include path, for tb/unit/vtiming.cpp (Verilator cannot
// take the delay table as a -G parameter).
`default_nettype none
`include "hbm_defs.vh"
`include "hbm_cfg.vh"

module hbm_timing_tb (
    input  wire                     clk_i,
    input  wire                     rst_i,
    input  wire [`HBM_CMD_BITS-1:0] row_cmd_i,
    input  wire [`HBM_BG_BITS+`HBM_BA_BITS-1:0] row_bank_i,
    input  wire                     row_phase_i,
    input  wire [`HBM_CMD_BITS-1:0] col_cmd_i,
    input  wire [`HBM_BG_BITS+`HBM_BA_BITS-1:0] col_bank_i,
    input  wire                     col_phase_i,
    output wire [`HBM_DFI_RATIO*`HBM_BANKS-1:0] act_ok_o,
    output wire [`HBM_DFI_RATIO*`HBM_BANKS-1:0] pre_ok_o,
    output wire [`HBM_DFI_RATIO*`HBM_BANKS-1:0] rd_ok_o,
    output wire [`HBM_DFI_RATIO*`HBM_BANKS-1:0] wr_ok_o,
    output wire [`HBM_DFI_RATIO*`HBM_BANKS-1:0] ref_ok_o,
    output wire [`HBM_DFI_RATIO-1:0]            pre_all_ok_o,
    output wire [`HBM_DFI_RATIO-1:0]            ref_all_ok_o
);
    hbm_timing #(
        .BANKS(`HBM_BANKS), .BA_BITS(`HBM_BA_BITS), .SID_BANKS(`HBM_BANKS / `HBM_STACK_IDS),
        .BANK_BITS(`HBM_BG_BITS + `HBM_BA_BITS),
        .T_FAW_CK(`HBM_T_FAW_CK), .DELAY_BITS(`HBM_DELAY_BITS), .DELAY_TABLE(`HBM_DELAY_TABLE),
        .RATIO(`HBM_DFI_RATIO)
    ) u_timing (
        .clk_i(clk_i), .rst_i(rst_i), .row_cmd_i(row_cmd_i), .row_bank_i(row_bank_i), .row_phase_i(row_phase_i),
        .col_cmd_i(col_cmd_i), .col_bank_i(col_bank_i), .col_phase_i(col_phase_i), .act_ok_o(act_ok_o), .pre_ok_o(pre_ok_o),
        .rd_ok_o(rd_ok_o), .wr_ok_o(wr_ok_o), .ref_ok_o(ref_ok_o),
        .pre_all_ok_o(pre_all_ok_o), .ref_all_ok_o(ref_all_ok_o));
endmodule

`resetall
