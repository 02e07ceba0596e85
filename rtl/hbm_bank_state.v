// hbm_bank_state - which row each bank holds open.
//
// Clocking: clk_i, synchronous active-high rst_i (all banks closed).
// Owns bank state only, no timing: ACT opens a row, PRE closes its bank,
// PREA closes every bank, RDA/WRA close their bank (auto-precharge; the
// scheduler treats the bank as closed from the next cycle, and the timing
// table makes the next ACT wait for the precharge).
`default_nettype none
`include "hbm_defs.vh"

module hbm_bank_state #(
    parameter integer BANKS     = 16,
    parameter integer BANK_BITS = 4,
    parameter integer ROW_BITS  = 14
) (
    input  wire                      clk_i,
    input  wire                      rst_i,
    input  wire [3:0]                row_cmd_i,
    input  wire [BANK_BITS-1:0]      row_bank_i,
    input  wire [ROW_BITS-1:0]       row_row_i,
    input  wire [3:0]                col_cmd_i,
    input  wire [BANK_BITS-1:0]      col_bank_i,
    output wire [BANKS-1:0]          open_o,
    output wire [BANKS*ROW_BITS-1:0] open_row_o
);
    reg [BANKS-1:0]    open_q;
    reg [ROW_BITS-1:0] row_q [0:BANKS-1];
    wire col_auto_pre = (col_cmd_i == `HBM_CMD_RDA) || (col_cmd_i == `HBM_CMD_WRA);
    integer b;

    always @(posedge clk_i) begin
        if (rst_i) begin
            open_q <= {BANKS{1'b0}};
        end else begin
            for (b = 0; b < BANKS; b = b + 1) begin
                if (row_cmd_i == `HBM_CMD_PREA ||
                    (row_cmd_i == `HBM_CMD_PRE && row_bank_i == b[BANK_BITS-1:0]) ||
                    (col_auto_pre && col_bank_i == b[BANK_BITS-1:0]))
                    open_q[b] <= 1'b0;
                else if (row_cmd_i == `HBM_CMD_ACT && row_bank_i == b[BANK_BITS-1:0])
                    open_q[b] <= 1'b1;
            end
        end
        if (row_cmd_i == `HBM_CMD_ACT)
            row_q[row_bank_i] <= row_row_i;
    end

    assign open_o = open_q;

    genvar g;
    generate
        for (g = 0; g < BANKS; g = g + 1) begin : gen_row
            assign open_row_o[g*ROW_BITS +: ROW_BITS] = row_q[g];
        end
    endgenerate
endmodule

`resetall
