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

    localparam integer GROUP_BITS = (BANK_BITS > BA_BITS) ? BANK_BITS - BA_BITS : 1;
    wire [BANK_BITS-1:0]  row_group_w = row_bank_i >> BA_BITS;   // the group: bank >> BA_BITS
    wire [BANK_BITS-1:0]  col_group_w = col_bank_i >> BA_BITS;
    wire [GROUP_BITS-1:0] row_group = row_group_w[GROUP_BITS-1:0];
    wire [GROUP_BITS-1:0] col_group = col_group_w[GROUP_BITS-1:0];
    wire unused_group_msbs = ^{row_group_w, col_group_w};  // zero above GROUP_BITS

    wire [BANKS-1:0]  bank_ready [0:4];
    wire [GROUPS-1:0] grp_ready  [0:4];
    wire [4:0]        chan_ready;
    wire              faw_ok;

    // Bits a class's timers need: its longest delay in the table, so the
    // counters are no wider than the rules they hold (tRFC needs 9 bits at
    // 1 GHz, the column rules 4 or 5).
    function integer class_bits(input integer cls);
        integer c, r, m, n;
        reg [TW-1:0] d;
        begin
            m = 1;
            for (c = 0; c < NCMD; c = c + 1)
                for (r = 0; r < 3; r = r + 1) begin
                    d = DELAY_TABLE[((c * 3 + r) * 5 + cls) * TW +: TW];
                    if ({{(32-TW){1'b0}}, d} > m)
                        m = {{(32-TW){1'b0}}, d};
                end
            n = 1;
            while ((1 << n) <= m)
                n = n + 1;
            class_bits = n;
        end
    endfunction

    genvar k, c;
    generate
        for (k = 0; k < 5; k = k + 1) begin : gen_class
            localparam integer CW = class_bits(k);
            // The table column of this class, indexed by command code (past WRA: 0),
            // for a bank in relation same bank, same group and other group.
            wire [CW-1:0] dly_bank [0:15];
            wire [CW-1:0] dly_group [0:15];
            wire [CW-1:0] dly_other [0:15];
            for (c = 0; c < 16; c = c + 1) begin : gen_code
                if (c < NCMD) begin : gen_cmd
                    assign dly_bank[c]  = DELAY_TABLE[((c * 3 + 0) * 5 + k) * TW +: CW];
                    assign dly_group[c] = DELAY_TABLE[((c * 3 + 1) * 5 + k) * TW +: CW];
                    assign dly_other[c] = DELAY_TABLE[((c * 3 + 2) * 5 + k) * TW +: CW];
                end else begin : gen_none
                    assign dly_bank[c]  = {CW{1'b0}};
                    assign dly_group[c] = {CW{1'b0}};
                    assign dly_other[c] = {CW{1'b0}};
                end
            end
            // Per bank (bank machines): the command's own bank.
            hbm_timer #(.COUNT(BANKS), .IDX_BITS(BANK_BITS), .WIDTH(CW)) u_bank (
                .clk_i(clk_i), .rst_i(rst_i),
                .a_idx_i(row_bank_i), .a_delay_i(dly_bank[row_cmd_i]),
                .b_idx_i(col_bank_i), .b_delay_i(dly_bank[col_cmd_i]),
                .ready_o(bank_ready[k]));
            // Per bank group: the command's own group.
            hbm_timer #(.COUNT(GROUPS), .IDX_BITS(GROUP_BITS), .WIDTH(CW)) u_group (
                .clk_i(clk_i), .rst_i(rst_i),
                .a_idx_i(row_group), .a_delay_i(dly_group[row_cmd_i]),
                .b_idx_i(col_group), .b_delay_i(dly_group[col_cmd_i]),
                .ready_o(grp_ready[k]));
            // Channel: every bank (the delay to banks of other groups).
            hbm_timer #(.COUNT(1), .IDX_BITS(1), .WIDTH(CW)) u_chan (
                .clk_i(clk_i), .rst_i(rst_i),
                .a_idx_i(1'b0), .a_delay_i(dly_other[row_cmd_i]),
                .b_idx_i(1'b0), .b_delay_i(dly_other[col_cmd_i]),
                .ready_o(chan_ready[k +: 1]));
        end
    endgenerate

    // A bank's class is ready when its bank, group and channel timers are
    // (the group and channel bits spread over their banks).
    localparam integer PER_GROUP = BANKS / GROUPS;
    wire [BANKS-1:0] ready [0:4];
    genvar gg;
    generate
        for (k = 0; k < 5; k = k + 1) begin : gen_ready
            wire [BANKS-1:0] grp_wide;
            for (gg = 0; gg < GROUPS; gg = gg + 1) begin : gen_group
                assign grp_wide[gg*PER_GROUP +: PER_GROUP] = {PER_GROUP{grp_ready[k][gg]}};
            end
            assign ready[k] = bank_ready[k] & grp_wide & {BANKS{chan_ready[k]}};
        end
    endgenerate

    hbm_faw #(.T_FAW_CK(T_FAW_CK), .WIDTH(TW)) u_faw (
        .clk_i(clk_i), .rst_i(rst_i),
        .act_i(row_cmd_i == 4'd1),
        .ok_o(faw_ok));

    assign act_ok_o = ready[C_ACT] & {BANKS{faw_ok}};
    assign pre_ok_o = ready[C_PRE];
    assign rd_ok_o  = ready[C_RD];
    assign wr_ok_o  = ready[C_WR];
    assign ref_ok_o = ready[C_REF];

endmodule

`resetall
