// hbm_timing - every DRAM timing rule of the controller, as timers.
//
// Clocking: clk_i, synchronous active-high rst_i.  The *_ok_o outputs are
// combinational from timer registers: they say which command classes each
// bank may take in the current cycle.
// Owns all rules of docs/timing.md on the scheduler side, built from one
// delay table (function dly below, the same table as model/hbm_timing.c)
// and two primitives: hbm_timer at three levels (per bank: the bank
// machines' rules; per bank group and per channel: the scheduler's rules)
// and hbm_faw for tFAW.  A bank's class is ready when its bank, group and
// channel timers all are; the row bus held by a two-clock ACT is a table
// rule of delay 2 to every row class.  PREA and REFAB are the AND of every
// bank's PRE and REF readiness (done by the scheduler).
`default_nettype none

module hbm_timing #(
    parameter integer BANKS    = 16,
    parameter integer BA_BITS  = 2,   // banks per group = 2^BA_BITS
    parameter integer RL_CK    = 14,
    parameter integer WL_CK    = 5,
    parameter integer T_BURST_CK = 2,
    parameter integer T_RCDRD_CK = 14,
    parameter integer T_RCDWR_CK = 12,
    parameter integer T_RP_CK  = 14,
    parameter integer T_RAS_CK = 34,
    parameter integer T_RC_CK  = 48,
    parameter integer T_CCD_S_CK = 2,
    parameter integer T_CCD_L_CK = 4,
    parameter integer T_RRD_S_CK = 4,
    parameter integer T_RRD_L_CK = 4,
    parameter integer T_FAW_CK = 15,
    parameter integer T_WR_CK  = 16,
    parameter integer T_WTR_S_CK = 6,
    parameter integer T_WTR_L_CK = 8,
    parameter integer T_RTP_CK = 5,
    parameter integer T_RTW_CK = 13,
    parameter integer T_RFC_CK = 350,
    parameter integer T_RFCPB_CK = 160,
    parameter integer T_RREFD_CK = 8,
    parameter integer BANK_BITS = 4   // width of a flat bank index
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
    localparam integer TW = 12;                 // timer width
    localparam integer WR_END = WL_CK + T_BURST_CK;
    // Classes of the waiting command, relations of the waiting bank.
    localparam integer C_ACT = 0, C_PRE = 1, C_RD = 2, C_WR = 3, C_REF = 4;
    localparam integer R_BANK = 0, R_GROUP = 1, R_OTHER = 2;

    generate
        if (T_RFC_CK >= (1 << TW) || T_RFCPB_CK >= (1 << TW) || WR_END + T_WR_CK + T_RP_CK >= (1 << TW)) begin : gen_bad_delay
            initial begin
                $display("%m: a timing parameter does not fit the %0d-bit timers", TW);
                $finish;
            end
            INVALID_PARAMETER_TIMING_TOO_LONG u_bad ();
        end
        if (BANKS != (GROUPS << BA_BITS) || BANKS > (1 << BANK_BITS)) begin : gen_bad_banks
            initial begin
                $display("%m: BANKS = %0d does not match BA_BITS / BANK_BITS", BANKS);
                $finish;
            end
            INVALID_PARAMETER_BANKS u_bad ();
        end
    endgenerate

    function integer mx(input integer a, input integer b);
        mx = (a > b) ? a : b;
    endfunction

    // Does a rule of scope sc (0 bank, 1 group, 2 other group, 3 other bank,
    // 4 all) reach a bank in relation rel?
    function integer reach(input integer sc, input integer rel);
        case (sc)
            0: reach = (rel == R_BANK) ? 1 : 0;
            1: reach = (rel != R_OTHER) ? 1 : 0;
            2: reach = (rel == R_OTHER) ? 1 : 0;
            3: reach = (rel != R_BANK) ? 1 : 0;
            default: reach = 1;
        endcase
    endfunction

    // The delay table: clocks by which command cmd delays class cls of a bank
    // in relation rel (0: no rule).  Same rules as hbm_timing_init().
    function [TW-1:0] dly(input integer cmd, input integer rel, input integer cls);
        integer d;
        begin
            d = 0;
            case (cmd)
                1: begin // ACT
                    if (cls == C_ACT && reach(0, rel) != 0) d = mx(d, T_RC_CK);
                    if (cls == C_RD  && reach(0, rel) != 0) d = mx(d, T_RCDRD_CK);
                    if (cls == C_WR  && reach(0, rel) != 0) d = mx(d, T_RCDWR_CK);
                    if (cls == C_PRE && reach(0, rel) != 0) d = mx(d, T_RAS_CK);
                    if (cls == C_REF && reach(0, rel) != 0) d = mx(d, T_RC_CK);
                    if (cls == C_ACT && reach(1, rel) != 0) d = mx(d, T_RRD_L_CK);
                    if (cls == C_ACT && reach(2, rel) != 0) d = mx(d, T_RRD_S_CK);
                    if (cls == C_REF && reach(3, rel) != 0) d = mx(d, T_RRD_S_CK);
                    if (cls == C_ACT || cls == C_PRE || cls == C_REF) d = mx(d, 2); // row bus
                end
                2: begin // PRE
                    if ((cls == C_ACT || cls == C_REF) && reach(0, rel) != 0) d = mx(d, T_RP_CK);
                end
                3: begin // PREA
                    if (cls == C_ACT || cls == C_REF) d = mx(d, T_RP_CK);
                end
                4: begin // REFAB
                    if (cls == C_ACT || cls == C_REF) d = mx(d, T_RFC_CK);
                end
                5: begin // REFPB
                    if ((cls == C_ACT || cls == C_REF) && reach(0, rel) != 0) d = mx(d, T_RFCPB_CK);
                    if ((cls == C_ACT || cls == C_REF) && reach(3, rel) != 0) d = mx(d, T_RREFD_CK);
                end
                6, 7: begin // RD, RDA
                    if (cls == C_PRE && reach(0, rel) != 0) d = mx(d, T_RTP_CK);
                    if (cls == C_RD  && reach(1, rel) != 0) d = mx(d, T_CCD_L_CK);
                    if (cls == C_RD  && reach(2, rel) != 0) d = mx(d, T_CCD_S_CK);
                    if (cls == C_WR) d = mx(d, T_RTW_CK);
                    if (cmd == 7 && (cls == C_ACT || cls == C_REF) && reach(0, rel) != 0)
                        d = mx(d, T_RTP_CK + T_RP_CK);
                end
                8, 9: begin // WR, WRA
                    if (cls == C_PRE && reach(0, rel) != 0) d = mx(d, WR_END + T_WR_CK);
                    if (cls == C_WR  && reach(1, rel) != 0) d = mx(d, T_CCD_L_CK);
                    if (cls == C_WR  && reach(2, rel) != 0) d = mx(d, T_CCD_S_CK);
                    if (cls == C_RD  && reach(1, rel) != 0) d = mx(d, WR_END + T_WTR_L_CK);
                    if (cls == C_RD  && reach(2, rel) != 0) d = mx(d, WR_END + T_WTR_S_CK);
                    if (cmd == 9 && (cls == C_ACT || cls == C_REF) && reach(0, rel) != 0)
                        d = mx(d, WR_END + T_WR_CK + T_RP_CK);
                end
                default: d = 0;
            endcase
            dly = d[TW-1:0];
        end
    endfunction

    // Delay of the command code `code` for relation rel and class cls.
    function [TW-1:0] lookup(input [3:0] code, input integer rel, input integer cls);
        begin
            case (code)
                4'd1: lookup = dly(1, rel, cls);
                4'd2: lookup = dly(2, rel, cls);
                4'd3: lookup = dly(3, rel, cls);
                4'd4: lookup = dly(4, rel, cls);
                4'd5: lookup = dly(5, rel, cls);
                4'd6: lookup = dly(6, rel, cls);
                4'd7: lookup = dly(7, rel, cls);
                4'd8: lookup = dly(8, rel, cls);
                4'd9: lookup = dly(9, rel, cls);
                default: lookup = {TW{1'b0}};
            endcase
        end
    endfunction

    function [TW-1:0] mxv(input [TW-1:0] a, input [TW-1:0] b);
        mxv = (a > b) ? a : b;
    endfunction

    wire [GROUPS-1:0] grp_ready [0:4];
    wire [4:0]        chan_ready;
    wire [BANKS-1:0]  bank_ready [0:4];
    wire              faw_ok;

    genvar k, b, g;
    generate
        for (k = 0; k < 5; k = k + 1) begin : gen_class
            // Channel level: the delay to banks of other groups.
            wire [TW-1:0] ch_row = lookup(row_cmd_i, R_OTHER, k);
            wire [TW-1:0] ch_col = lookup(col_cmd_i, R_OTHER, k);
            hbm_timer #(.WIDTH(TW)) u_chan (
                .clk_i(clk_i), .rst_i(rst_i),
                .load_i((ch_row != {TW{1'b0}}) || (ch_col != {TW{1'b0}})),
                .delay_i(mxv(ch_row, ch_col)),
                .ready_o(chan_ready[k]));
            for (g = 0; g < GROUPS; g = g + 1) begin : gen_group
                wire          row_here = (row_bank_i >> BA_BITS) == g;
                wire          col_here = (col_bank_i >> BA_BITS) == g;
                wire [TW-1:0] d_row = row_here ? lookup(row_cmd_i, R_GROUP, k) : {TW{1'b0}};
                wire [TW-1:0] d_col = col_here ? lookup(col_cmd_i, R_GROUP, k) : {TW{1'b0}};
                hbm_timer #(.WIDTH(TW)) u_group (
                    .clk_i(clk_i), .rst_i(rst_i),
                    .load_i((d_row != {TW{1'b0}}) || (d_col != {TW{1'b0}})),
                    .delay_i(mxv(d_row, d_col)),
                    .ready_o(grp_ready[k][g]));
            end
            for (b = 0; b < BANKS; b = b + 1) begin : gen_bank
                wire [TW-1:0] d_row = (row_bank_i == b) ? lookup(row_cmd_i, R_BANK, k) : {TW{1'b0}};
                wire [TW-1:0] d_col = (col_bank_i == b) ? lookup(col_cmd_i, R_BANK, k) : {TW{1'b0}};
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

    hbm_faw #(.T_FAW_CK(T_FAW_CK)) u_faw (
        .clk_i(clk_i), .rst_i(rst_i),
        .act_i(row_cmd_i == 4'd1),
        .ok_o(faw_ok));

    assign act_ok_o = bank_ready[C_ACT] & {BANKS{faw_ok}};
    assign pre_ok_o = bank_ready[C_PRE];
    assign rd_ok_o  = bank_ready[C_RD];
    assign wr_ok_o  = bank_ready[C_WR];
    assign ref_ok_o = bank_ready[C_REF];

    // RL is part of the rules only through tRTW, which the config checks.
    wire unused_rl = (RL_CK != 0);
endmodule

`resetall
