// hbm_timing - every DRAM timing rule of the controller, as timers.
//
// Clocking: clk_i, synchronous active-high rst_i.  The *_ok_o outputs are
// combinational from timer registers: they say which command classes each
// bank may take in the current cycle.
// Owns all rules of docs/timing.md on the scheduler side.  It computes no
// rule: the delays come from DELAY_TABLE, the C model's table
// (model/hbm_timing.c) written into the generated config header by
// `hbmsim --emit-vh` (HBM_DELAY_TABLE).  Two primitives apply it:
// hbm_timer at three levels (per bank: the bank machines' rules; per bank
// group and per channel: the scheduler's rules) and hbm_faw for tFAW.  A
// bank's class is ready when its bank, group and channel timers all are;
// the row bus held by a two-clock ACT is a table rule of delay 2 to every
// row class.  PREA and REFAB are the AND of every bank's PRE and REF
// readiness (done by the scheduler).
`default_nettype none

module hbm_timing #(
    parameter integer BANKS      = 16,
    parameter integer BA_BITS    = 2,   // banks per group = 2^BA_BITS
    parameter integer BANK_BITS  = 4,   // width of a flat bank index
    parameter integer T_FAW_CK   = 15,
    parameter integer DELAY_BITS = 9,   // width of a table entry and of every timer
    // Entry (cmd, rel, cls) at bits [((cmd*3 + rel)*5 + cls)*DELAY_BITS +: DELAY_BITS]:
    // clocks by which command code cmd delays class cls of a bank in relation
    // rel (0 same bank, 1 same group, 2 other group); 0 means no rule.
    parameter [10*15*DELAY_BITS-1:0] DELAY_TABLE = {10*15*DELAY_BITS{1'b0}}
) (
    input  wire                 clk_i,
    input  wire                 rst_i,
    input  wire [3:0]           row_cmd_i,   // row command issued this cycle (NOP: none)
    input  wire [BANK_BITS-1:0] row_bank_i,
    input  wire [3:0]           col_cmd_i,   // column command issued this cycle
    input  wire [BANK_BITS-1:0] col_bank_i,
    output wire [BANKS-1:0]     act_ok_o,    // per bank, including tFAW
    output wire [BANKS-1:0]     pre_ok_o,
    output wire [BANKS-1:0]     rd_ok_o,
    output wire [BANKS-1:0]     wr_ok_o,
    output wire [BANKS-1:0]     ref_ok_o
);
    localparam integer GROUPS = BANKS >> BA_BITS;
    localparam integer TW = DELAY_BITS;
    localparam integer C_ACT = 0, C_PRE = 1, C_RD = 2, C_WR = 3, C_REF = 4;  // classes
    localparam integer NCMD = 10;               // command codes 0 (NOP) .. 9 (WRA)

    generate
        if (DELAY_BITS < 2 || DELAY_BITS > 16) begin : gen_bad_delay
            initial begin
                $display("%m: DELAY_BITS = %0d must be 2..16", DELAY_BITS);
                $finish;
            end
            INVALID_PARAMETER_DELAY_BITS u_bad ();
        end
        if (BANKS != (GROUPS << BA_BITS) || BANKS > (1 << BANK_BITS)) begin : gen_bad_banks
            initial begin
                $display("%m: BANKS = %0d does not match BA_BITS / BANK_BITS", BANKS);
                $finish;
            end
            INVALID_PARAMETER_BANKS u_bad ();
        end
    endgenerate

    function [TW-1:0] mxv(input [TW-1:0] a, input [TW-1:0] b);
        mxv = (a > b) ? a : b;
    endfunction

    wire [GROUPS-1:0] grp_ready [0:4];
    wire [4:0]        chan_ready;
    wire [BANKS-1:0]  bank_ready [0:4];
    wire              faw_ok;

    genvar k, c, b, g;
    generate
        for (k = 0; k < 5; k = k + 1) begin : gen_class
            // The table column of this class, indexed by command code (past WRA: 0),
            // for a bank in relation same bank, same group and other group.
            wire [TW-1:0] dly_bank [0:15];
            wire [TW-1:0] dly_group [0:15];
            wire [TW-1:0] dly_other [0:15];
            for (c = 0; c < 16; c = c + 1) begin : gen_code
                if (c < NCMD) begin : gen_cmd
                    assign dly_bank[c]  = DELAY_TABLE[((c * 3 + 0) * 5 + k) * TW +: TW];
                    assign dly_group[c] = DELAY_TABLE[((c * 3 + 1) * 5 + k) * TW +: TW];
                    assign dly_other[c] = DELAY_TABLE[((c * 3 + 2) * 5 + k) * TW +: TW];
                end else begin : gen_none
                    assign dly_bank[c]  = {TW{1'b0}};
                    assign dly_group[c] = {TW{1'b0}};
                    assign dly_other[c] = {TW{1'b0}};
                end
            end
            // Channel level: the delay to banks of other groups.
            wire [TW-1:0] ch_row = dly_other[row_cmd_i];
            wire [TW-1:0] ch_col = dly_other[col_cmd_i];
            hbm_timer #(.WIDTH(TW)) u_chan (
                .clk_i(clk_i), .rst_i(rst_i),
                .load_i((ch_row != {TW{1'b0}}) || (ch_col != {TW{1'b0}})),
                .delay_i(mxv(ch_row, ch_col)),
                .ready_o(chan_ready[k]));
            wire [TW-1:0] grp_row = dly_group[row_cmd_i];
            wire [TW-1:0] grp_col = dly_group[col_cmd_i];
            for (g = 0; g < GROUPS; g = g + 1) begin : gen_group
                wire [TW-1:0] d_row = ((row_bank_i >> BA_BITS) == g) ? grp_row : {TW{1'b0}};
                wire [TW-1:0] d_col = ((col_bank_i >> BA_BITS) == g) ? grp_col : {TW{1'b0}};
                hbm_timer #(.WIDTH(TW)) u_group (
                    .clk_i(clk_i), .rst_i(rst_i),
                    .load_i((d_row != {TW{1'b0}}) || (d_col != {TW{1'b0}})),
                    .delay_i(mxv(d_row, d_col)),
                    .ready_o(grp_ready[k][g]));
            end
            wire [TW-1:0] bank_row = dly_bank[row_cmd_i];
            wire [TW-1:0] bank_col = dly_bank[col_cmd_i];
            for (b = 0; b < BANKS; b = b + 1) begin : gen_bank
                wire [TW-1:0] d_row = (row_bank_i == b) ? bank_row : {TW{1'b0}};
                wire [TW-1:0] d_col = (col_bank_i == b) ? bank_col : {TW{1'b0}};
                wire          bank_t;
                hbm_timer #(.WIDTH(TW)) u_bank (
                    .clk_i(clk_i), .rst_i(rst_i),
                    .load_i((d_row != {TW{1'b0}}) || (d_col != {TW{1'b0}})),
                    .delay_i(mxv(d_row, d_col)),
                    .ready_o(bank_t));
                assign bank_ready[k][b] = bank_t && grp_ready[k][b >> BA_BITS] && chan_ready[k];
            end
        end
    endgenerate

    hbm_faw #(.T_FAW_CK(T_FAW_CK), .WIDTH(TW)) u_faw (
        .clk_i(clk_i), .rst_i(rst_i),
        .act_i(row_cmd_i == 4'd1),
        .ok_o(faw_ok));

    assign act_ok_o = bank_ready[C_ACT] & {BANKS{faw_ok}};
    assign pre_ok_o = bank_ready[C_PRE];
    assign rd_ok_o  = bank_ready[C_RD];
    assign wr_ok_o  = bank_ready[C_WR];
    assign ref_ok_o = bank_ready[C_REF];

endmodule

`resetall
