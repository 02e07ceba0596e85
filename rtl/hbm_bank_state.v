// hbm_bank_state - which row each bank holds open.
//
// Clocking: clk_i, synchronous active-high rst_i (all banks closed).
// Owns bank state only, no timing: ACT opens a row, PRE closes its bank,
// PREA closes every bank, RDA/WRA close their bank (auto-precharge; the
// scheduler treats the bank as closed from the next cycle, and the timing
// table makes the next ACT wait for the precharge).  The commands come
// from the scheduler's issue register with their banks decoded (act_i,
// close_i: registers), so the bank state after this cycle's commands
// (open_next_o, which the scheduler's candidate stage starts from) is one
// AND-OR of registers.  C twin: model/hbm_bank_state.c.
`default_nettype none
`include "hbm_defs.vh"

module hbm_bank_state #(
    parameter integer BANKS     = 16,
    parameter integer BANK_BITS = 4,
    parameter integer ROW_BITS  = 14
) (
    input  wire                      clk_i,
    input  wire                      rst_i,
    input  wire [`HBM_CMD_BITS-1:0]  row_cmd_i,
    input  wire [BANK_BITS-1:0]      row_bank_i,
    input  wire [ROW_BITS-1:0]       row_row_i,
    input  wire [`HBM_CMD_BITS-1:0]  col_cmd_i,
    input  wire [BANK_BITS-1:0]      col_bank_i,
    input  wire [BANKS-1:0]          act_i,      // the bank the row command's ACT opens (decoded)
    input  wire [BANKS-1:0]          close_i,    // the banks PRE, PREA, RDA or WRA close (decoded)
    output wire [BANKS-1:0]          open_o,
    output wire [BANKS-1:0]          open_next_o, // open after this cycle's commands (the pick's view)
    output wire [BANKS*ROW_BITS-1:0] open_row_o,
    output wire [BANKS-1:0]          close_o     // banks this cycle's commands close
);
    reg [BANKS-1:0]    open_q;
    reg [ROW_BITS-1:0] row_q [0:BANKS-1];

    // This cycle's bank events as bank vectors.
    wire [BANKS-1:0] opens = act_i;
    assign close_o = close_i;

    always @(posedge clk_i) begin
        if (rst_i)
            open_q <= {BANKS{1'b0}};
        else
            open_q <= (open_q & ~close_o) | opens;
        if (row_cmd_i == `HBM_CMD_ACT)
            row_q[row_bank_i] <= row_row_i;
    end

    assign open_o      = open_q;
    assign open_next_o = (open_q & ~close_o) | opens;

    genvar g;
    generate
        for (g = 0; g < BANKS; g = g + 1) begin : gen_row
            assign open_row_o[g*ROW_BITS +: ROW_BITS] = row_q[g];
        end
    endgenerate

`ifndef SYNTHESIS
    `HBM_ASSERT("a bank is never opened and closed in one cycle", (opens & close_o) == {BANKS{1'b0}})
    // The decoded banks are those of the commands.
    wire [BANKS-1:0] row_1h = {{(BANKS-1){1'b0}}, 1'b1} << row_bank_i;
    wire [BANKS-1:0] col_1h = {{(BANKS-1){1'b0}}, 1'b1} << col_bank_i;
    wire             col_auto_pre = (col_cmd_i == `HBM_CMD_RDA) || (col_cmd_i == `HBM_CMD_WRA);
    `HBM_ASSERT("act_i and close_i decode the commands",
                act_i == ((row_cmd_i == `HBM_CMD_ACT) ? row_1h : {BANKS{1'b0}}) &&
                close_i == (((row_cmd_i == `HBM_CMD_PREA) ? {BANKS{1'b1}} : {BANKS{1'b0}}) |
                            ((row_cmd_i == `HBM_CMD_PRE) ? row_1h : {BANKS{1'b0}}) |
                            (col_auto_pre ? col_1h : {BANKS{1'b0}})))
`else
    wire unused_cmd = ^{col_cmd_i, col_bank_i};
`endif
endmodule

`resetall
