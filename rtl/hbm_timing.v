// hbm_timing - every DRAM timing rule of the controller, as timers.
//
// Clocking: clk_i, synchronous active-high rst_i.  The *_ok_o outputs are
// combinational from timer registers and this cycle's commands (the issue
// register's): they say which command classes each bank may take in the
// NEXT cycle, the cycle the scheduler's pick of this one issues in.
// Owns all rules of docs/timing.md on the scheduler side.  It computes no
// rule: the delays come from DELAY_TABLE, the C model's table
// (model/hbm_timing.c) written into the generated config header by
// `hbmsim --emit-vh` (HBM_DELAY_TABLE).  Two primitives apply it:
// hbm_timer, one per command class, with a counter per bank (a command
// loads every bank with the wait of that bank's relation to it: same bank,
// same group, another group of its stack ID, another stack ID), and
// hbm_faw for tFAW.  The row bus held by a
// two-clock ACT is a table rule of delay 2 to every row class.  PREA and
// REFAB are the AND of every bank's PRE and REF readiness (done by the
// scheduler).
`default_nettype none
`include "hbm_defs.vh"

module hbm_timing #(
    parameter integer BANKS      = 16,
    parameter integer BA_BITS    = 2,   // banks per group = 2^BA_BITS
    parameter integer SID_BANKS  = BANKS, // banks per stack ID (BANKS: one)
    parameter integer BANK_BITS  = 4,   // width of a flat bank index
    parameter integer T_FAW_CK   = 15,
    parameter integer DELAY_BITS = 9,   // width of a table entry and of every timer
    parameter integer RATIO      = 1,   // DRAM clocks per clock (dfi_ratio): 1 or 2
    // Entry (cmd, rel, cls) at bits [((cmd*NREL + rel)*NCLASS + cls)*DELAY_BITS +: DELAY_BITS]:
    // clocks by which command code cmd delays class cls of a bank in relation
    // rel (`HBM_REL_*); 0 means no rule.  Dimensions from rtl/gen/hbm_encoding.vh.
    parameter [`HBM_NCMD*`HBM_NREL*`HBM_NCLASS*DELAY_BITS-1:0] DELAY_TABLE =
        {`HBM_NCMD*`HBM_NREL*`HBM_NCLASS*DELAY_BITS{1'b0}}
) (
    input  wire                 clk_i,
    input  wire                 rst_i,
    input  wire [`HBM_CMD_BITS-1:0] row_cmd_i,   // row command on the bus this cycle (NOP: none)
    input  wire [BANK_BITS-1:0] row_bank_i,
    input  wire                 row_phase_i, // its DRAM clock in this cycle (0 at RATIO 1)
    input  wire [`HBM_CMD_BITS-1:0] col_cmd_i,   // column command on the bus this cycle
    input  wire [BANK_BITS-1:0] col_bank_i,
    input  wire                 col_phase_i,
    // per bank, in the next cycle, including tFAW; bits [p*BANKS +: BANKS]:
    // in its DRAM clock (phase) p or later
    output wire [RATIO*BANKS-1:0] act_ok_o,
    output wire [RATIO*BANKS-1:0] pre_ok_o,
    output wire [RATIO*BANKS-1:0] rd_ok_o,
    output wire [RATIO*BANKS-1:0] wr_ok_o,
    output wire [RATIO*BANKS-1:0] ref_ok_o,
    // every bank, bit p: the AND of pre_ok_o's (ref_ok_o's) bits for phase
    // p, for PREA (REFAB), from registers and the command codes
    output wire [RATIO-1:0]     pre_all_ok_o,
    output wire [RATIO-1:0]     ref_all_ok_o
);
    localparam integer GROUPS = BANKS >> BA_BITS;
    localparam integer TW = DELAY_BITS;
    localparam integer NCMD   = `HBM_NCMD;     // command codes 0 (NOP) .. NCMD-1
    localparam integer NCODES = 1 << `HBM_CMD_BITS;  // values a command bus can carry
    localparam integer NREL   = `HBM_NREL;
    localparam integer NCLASS = `HBM_NCLASS;

    generate
        if (DELAY_BITS < 2 || DELAY_BITS > 16 || RATIO < 1 || RATIO > 2) begin : gen_bad_delay
            initial begin
                $display("%m: DELAY_BITS = %0d must be 2..16, RATIO = %0d 1 or 2", DELAY_BITS, RATIO);
                $finish;
            end
            INVALID_PARAMETER_DELAY_BITS u_bad ();
        end
        if (BANKS != (GROUPS << BA_BITS) || BANKS > (1 << BANK_BITS) || BANKS % SID_BANKS != 0) begin : gen_bad_banks
            initial begin
                $display("%m: BANKS = %0d does not match BA_BITS / BANK_BITS", BANKS);
                $finish;
            end
            INVALID_PARAMETER_BANKS u_bad ();
        end
    endgenerate

    wire [RATIO-1:0] faw_ok;

    // Bits a class's timers need: its longest delay in the table, so the
    // counters are no wider than the rules they hold (tRFC needs 9 bits at
    // 1 GHz, the column rules 4 or 5).
    function integer class_bits(input integer cls);
        integer c, r, m;
        reg [TW-1:0] d;
        begin
            m = 1;
            for (c = 0; c < NCMD; c = c + 1)
                for (r = 0; r < NREL; r = r + 1) begin
                    d = DELAY_TABLE[((c * NREL + r) * NCLASS + cls) * TW +: TW];
                    if ({{(32-TW){1'b0}}, d} > m)
                        m = {{(32-TW){1'b0}}, d};
                end
            class_bits = `HBM_MAX(2, `HBM_CLOG2(m + 1));
        end
    endfunction

    // The wait a table entry means for a command in phase q: a delay of d
    // DRAM clocks keeps the class waiting d + q - RATIO DRAM clocks after
    // the next clock's first (0 or less: no wait; RATIO 1: d - 1).
    function [TW-1:0] wait_of(input integer cmd, input integer rel, input integer cls, input integer q);
        reg [TW-1:0] d;
        begin
            d = DELAY_TABLE[((cmd * NREL + rel) * NCLASS + cls) * TW +: TW];
            wait_of = ({{(32-TW){1'b0}}, d} + q <= RATIO) ? {TW{1'b0}} : d + q[TW-1:0] - RATIO[TW-1:0];
        end
    endfunction

    wire [RATIO*BANKS-1:0] ready [0:NCLASS-1];
    wire [RATIO-1:0]       all_ready [0:NCLASS-1];
    genvar k, c;
    generate
        for (k = 0; k < NCLASS; k = k + 1) begin : gen_class
            localparam integer CW = class_bits(k);
            // The table column of this class as waits, indexed by phase and
            // command code (past WRA: 0), for a bank in relation same bank,
            // same group, another group of its stack ID and another stack
            // ID to the command's bank.
            wire [CW-1:0] wt_bank  [0:2*NCODES-1];
            wire [CW-1:0] wt_group [0:2*NCODES-1];
            wire [CW-1:0] wt_other [0:2*NCODES-1];
            wire [CW-1:0] wt_sid   [0:2*NCODES-1];
            for (c = 0; c < 2 * NCODES; c = c + 1) begin : gen_code
                if (c % NCODES < NCMD) begin : gen_cmd
                    localparam [TW-1:0] WB = wait_of(c % NCODES, `HBM_REL_SAME_BANK, k, c / NCODES);
                    localparam [TW-1:0] WG = wait_of(c % NCODES, `HBM_REL_SAME_BG, k, c / NCODES);
                    localparam [TW-1:0] WO = wait_of(c % NCODES, `HBM_REL_OTHER_BG, k, c / NCODES);
                    localparam [TW-1:0] WS = wait_of(c % NCODES, `HBM_REL_OTHER_SID, k, c / NCODES);
                    assign wt_bank[c]  = WB[CW-1:0];
                    assign wt_group[c] = WG[CW-1:0];
                    assign wt_other[c] = WO[CW-1:0];
                    assign wt_sid[c]   = WS[CW-1:0];
                end else begin : gen_none
                    assign wt_bank[c]  = {CW{1'b0}};
                    assign wt_group[c] = {CW{1'b0}};
                    assign wt_other[c] = {CW{1'b0}};
                    assign wt_sid[c]   = {CW{1'b0}};
                end
            end
            wire [`HBM_CMD_BITS:0] row_at = {row_phase_i && RATIO > 1, row_cmd_i};
            wire [`HBM_CMD_BITS:0] col_at = {col_phase_i && RATIO > 1, col_cmd_i};
            hbm_timer #(.BANKS(BANKS), .BANK_BITS(BANK_BITS), .BA_BITS(BA_BITS), .SID_BANKS(SID_BANKS),
                        .WIDTH(CW), .RATIO(RATIO)) u_timer (
                .clk_i(clk_i), .rst_i(rst_i),
                .a_bank_i(row_bank_i), .a_wait_bank_i(wt_bank[row_at]),
                .a_wait_group_i(wt_group[row_at]), .a_wait_other_i(wt_other[row_at]),
                .a_wait_sid_i(wt_sid[row_at]),
                .b_bank_i(col_bank_i), .b_wait_bank_i(wt_bank[col_at]),
                .b_wait_group_i(wt_group[col_at]), .b_wait_other_i(wt_other[col_at]),
                .b_wait_sid_i(wt_sid[col_at]),
                .ready_o(ready[k]), .all_ready_o(all_ready[k]));
        end
    endgenerate

    hbm_faw #(.T_FAW_CK(T_FAW_CK), .WIDTH(TW), .RATIO(RATIO)) u_faw (
        .clk_i(clk_i), .rst_i(rst_i),
        .act_i(row_cmd_i == `HBM_CMD_ACT), .act_phase_i(row_phase_i && RATIO > 1),
        .ok_o(faw_ok));

    genvar p;
    generate
        for (p = 0; p < RATIO; p = p + 1) begin : gen_faw_phase
            assign act_ok_o[p*BANKS +: BANKS] = ready[`HBM_TC_ACT][p*BANKS +: BANKS] & {BANKS{faw_ok[p]}};
        end
    endgenerate
    assign pre_ok_o = ready[`HBM_TC_PRE];
    assign rd_ok_o  = ready[`HBM_TC_RD];
    assign wr_ok_o  = ready[`HBM_TC_WR];
    assign ref_ok_o = ready[`HBM_TC_REF];
    assign pre_all_ok_o = all_ready[`HBM_TC_PRE];
    assign ref_all_ok_o = all_ready[`HBM_TC_REF];
    wire unused_all = ^{all_ready[`HBM_TC_ACT], all_ready[`HBM_TC_RD], all_ready[`HBM_TC_WR]};
endmodule

`resetall
