// hbm_ice40_timing_top - hbm_timing alone on an iCE40 HX8K, for a routed Fmax.
//
// Owns: nothing of the controller's function.  The whole controller does
// not fit an HX8K, so nextpnr cannot report its Fmax; this wrapper places
// and routes one block of it, the timing rules (every hbm_timer and the
// hbm_faw), which is the end of the controller's longest path, to give a
// routed figure for that block and the ratio of routed delay to the cell
// delays yosys `sta` reports.  `scripts/synth.sh --top hbm_ice40_timing_top`.
//
// The block's inputs (the row and column command of the cycle and their
// banks and, at dfi_ratio 2, their phases) come from a serial shift chain fed from sdi_i; its outputs (the
// five *_ok vectors per phase and the two every-bank flags) are registered and XOR-folded into OBS_PINS registered
// pins, so yosys removes nothing.  In the controller the inputs are the
// scheduler's combinational picks; here they are registers, so the routed
// path is the block's own (command register -> delay table -> timer load).
//
// Clocking: one clock clk_i; rst_i is a pin, registered once.  The pins
// are hbm_ice40_pins, shared with hbm_ice40_top.
// What the wrapper costs: 4 * (4 + BANK_BITS) input flip-flops, 5 * BANKS + 2
// output flip-flops (per phase) (most pack with hbm_timing's output LUTs), ~5 * BANKS / 3
// LUT4s of XOR tree and OBS_PINS + 1 flip-flops.
`default_nettype none
`include "hbm_defs.vh"
`include "hbm_cfg.vh"

module hbm_ice40_timing_top #(
    parameter integer OBS_PINS = 8   // observation pins
) (
    input  wire                clk_i,
    input  wire                rst_i,
    input  wire                sdi_i,  // serial data of the input chain
    output wire [OBS_PINS-1:0] obs_o   // XOR-folded, registered block outputs
);
    localparam integer BANKS     = `HBM_BANKS;
    localparam integer BA_BITS   = `HBM_BA_BITS;
    localparam integer BANK_BITS = `HBM_BG_BITS + `HBM_BA_BITS;
    localparam integer CB        = `HBM_CMD_BITS;
    localparam integer IN_BITS   = 2 * (CB + BANK_BITS) + 2;   // + the two phases
    localparam integer R         = `HBM_DFI_RATIO;   // readiness per DRAM clock of the next cycle
    localparam integer OUT_BITS  = 5 * R * BANKS + 2 * R;

    wire               rst_q;
    wire [IN_BITS-1:0] in_q;
    wire [R*BANKS-1:0] act_ok, pre_ok, rd_ok, wr_ok, ref_ok;
    wire [R-1:0]       pre_all_ok, ref_all_ok;
    hbm_ice40_pins #(.IN_BITS(IN_BITS), .OUT_BITS(OUT_BITS), .OBS_PINS(OBS_PINS)) u_pins (
        .clk_i(clk_i), .rst_i(rst_i), .sdi_i(sdi_i), .rst_o(rst_q), .in_o(in_q),
        .out_i({act_ok, pre_ok, rd_ok, wr_ok, ref_ok, pre_all_ok, ref_all_ok}), .obs_o(obs_o));

    hbm_timing #(
        .BANKS(BANKS), .BA_BITS(BA_BITS), .SID_BANKS(BANKS / `HBM_STACK_IDS), .BANK_BITS(BANK_BITS),
        .T_FAW_CK(`HBM_T_FAW_CK), .DELAY_BITS(`HBM_DELAY_BITS), .DELAY_TABLE(`HBM_DELAY_TABLE),
        .RATIO(R)
    ) u_timing (
        .clk_i(clk_i), .rst_i(rst_q),
        .row_cmd_i(in_q[0 +: CB]), .row_bank_i(in_q[CB +: BANK_BITS]), .row_phase_i(in_q[IN_BITS - 2]),
        .col_cmd_i(in_q[CB + BANK_BITS +: CB]), .col_bank_i(in_q[2 * CB + BANK_BITS +: BANK_BITS]),
        .col_phase_i(in_q[IN_BITS - 1]),
        .act_ok_o(act_ok), .pre_ok_o(pre_ok), .rd_ok_o(rd_ok), .wr_ok_o(wr_ok), .ref_ok_o(ref_ok),
        .pre_all_ok_o(pre_all_ok), .ref_all_ok_o(ref_all_ok));
endmodule

`resetall
