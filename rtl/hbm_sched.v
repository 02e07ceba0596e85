// hbm_sched - the scheduler: read/write mode, column pick, row pick.
//
// Clocking: clk_i, synchronous active-high rst_i; one register (the mode).
// Every pick is combinational from registered state (queues, bank state,
// timers, refresh engine), as docs/microarchitecture.md "One clock" says:
//   1. mode: a starved queue head wins (the older of two), else the write
//      watermarks;
//   3. column pick: the oldest row hit of the active queue whose bank is
//      ready for RD/WR, not blocked by refresh, not the bank of a starved
//      head that misses, with a response credit;
//   4. row pick: the refresh engine's command if legal; else a starved
//      head's own ACT/PRE; else the oldest request needing a legal ACT (bank
//      closed) or PRE (bank holds another row that no request of the active
//      queue hits).
// Owns no timing rule: legality comes from hbm_timing's *_ok vectors.
`default_nettype none
`include "hbm_defs.vh"

module hbm_sched #(
    parameter integer BANKS        = 16,
    parameter integer BANK_BITS    = 4,
    parameter integer ROW_BITS     = 14,
    parameter integer RQ_DEPTH     = 32,
    parameter integer WQ_DEPTH     = 64,
    parameter integer RQ_SLOT_BITS = 5,
    parameter integer WQ_SLOT_BITS = 6,
    parameter integer WQ_HIGH      = 60,
    parameter integer WQ_LOW       = 4,
    parameter integer STARVE_LIMIT = 1024,  // 0: off
    parameter integer PAGE_POLICY  = 0,     // 0 open, 1 closed, 2 adaptive
    parameter integer REFRESH_MODE = 1,     // 0 all_bank, 1 per_bank, 2 none
    parameter integer POS_BITS     = 6      // width of an age position: max of the slot widths
) (
    input  wire                         clk_i,
    input  wire                         rst_i,
    input  wire [31:0]                  now_i,       // cycle counter
    // queues, entries oldest first
    input  wire [RQ_SLOT_BITS:0]        rq_count_i,
    input  wire [RQ_DEPTH*BANK_BITS-1:0] rq_bank_i,
    input  wire [RQ_DEPTH*ROW_BITS-1:0] rq_row_i,
    input  wire [31:0]                  rq_head_ts_i,
    input  wire [WQ_SLOT_BITS:0]        wq_count_i,
    input  wire [WQ_DEPTH*BANK_BITS-1:0] wq_bank_i,
    input  wire [WQ_DEPTH*ROW_BITS-1:0] wq_row_i,
    input  wire [31:0]                  wq_head_ts_i,
    // bank state and timing
    input  wire [BANKS-1:0]             open_i,
    input  wire [BANKS*ROW_BITS-1:0]    open_row_i,
    input  wire [BANKS-1:0]             act_ok_i,
    input  wire [BANKS-1:0]             pre_ok_i,
    input  wire [BANKS-1:0]             rd_ok_i,
    input  wire [BANKS-1:0]             wr_ok_i,
    input  wire [BANKS-1:0]             ref_ok_i,
    // refresh engine
    input  wire                         ref_active_i,
    input  wire [BANK_BITS-1:0]         ref_bank_i,
    input  wire [BANKS-1:0]             blocked_i,
    // response credit
    input  wire                         credit_ok_i,
    // decisions of this cycle
    output wire                         write_mode_o,
    output reg  [3:0]                   row_cmd_o,
    output reg  [BANK_BITS-1:0]         row_bank_o,
    output reg  [ROW_BITS-1:0]          row_row_o,
    output reg                          row_mark_o,   // the row command serves a queue entry
    output reg  [POS_BITS-1:0]          row_pos_o,    // its age position in the active queue
    output wire [3:0]                   col_cmd_o,
    output wire [BANK_BITS-1:0]         col_bank_o,
    output wire [POS_BITS-1:0]          col_pos_o
);
    localparam integer QD = (RQ_DEPTH > WQ_DEPTH) ? RQ_DEPTH : WQ_DEPTH;

    // ---- 1. mode -------------------------------------------------------
    reg  mode_q;
    wire [31:0] age_r = now_i - rq_head_ts_i;
    wire [31:0] age_w = now_i - wq_head_ts_i;
    wire starved_r = (STARVE_LIMIT != 0) && (rq_count_i != 0) && (age_r >= STARVE_LIMIT);
    wire starved_w = (STARVE_LIMIT != 0) && (wq_count_i != 0) && (age_w >= STARVE_LIMIT);
    reg  mode;
    always @* begin
        if (starved_r && starved_w)
            mode = age_w > age_r;
        else if (starved_r || starved_w)
            mode = starved_w;
        else if (!mode_q)
            mode = ({25'd0, wq_count_i} >= WQ_HIGH) || (rq_count_i == 0 && wq_count_i != 0);
        else
            mode = !(wq_count_i == 0 || ({25'd0, wq_count_i} <= WQ_LOW && rq_count_i != 0));
    end
    always @(posedge clk_i)
        if (rst_i)
            mode_q <= 1'b0;
        else
            mode_q <= mode;
    assign write_mode_o = mode;

    // ---- the active and the other queue, as arrays of QD entries ------------
    // (constant part-selects only: cheap in every simulator and in synthesis)
    wire [BANK_BITS-1:0] ab [0:QD-1];   // active queue
    wire [ROW_BITS-1:0]  ar [0:QD-1];
    wire [BANK_BITS-1:0] ob [0:QD-1];   // other queue (for the adaptive page rule)
    wire [ROW_BITS-1:0]  orw [0:QD-1];
    wire [ROW_BITS-1:0]  open_row [0:BANKS-1];
    wire [7:0] rq_n = {{(7-RQ_SLOT_BITS){1'b0}}, rq_count_i};
    wire [7:0] wq_n = {{(7-WQ_SLOT_BITS){1'b0}}, wq_count_i};
    wire [7:0] a_count = mode ? wq_n : rq_n;
    wire [7:0] o_count = mode ? rq_n : wq_n;
    wire [QD-1:0] a_valid, a_hit, a_closed, o_hit;
    genvar i;
    generate
        for (i = 0; i < BANKS; i = i + 1) begin : gen_open_row
            assign open_row[i] = open_row_i[i*ROW_BITS +: ROW_BITS];
        end
        for (i = 0; i < QD; i = i + 1) begin : gen_entry
            wire [BANK_BITS-1:0] rb, wb;
            wire [ROW_BITS-1:0]  rr, wr;
            if (i < RQ_DEPTH) begin : gen_r
                assign rb = rq_bank_i[i*BANK_BITS +: BANK_BITS];
                assign rr = rq_row_i[i*ROW_BITS +: ROW_BITS];
            end else begin : gen_r0
                assign rb = {BANK_BITS{1'b0}};
                assign rr = {ROW_BITS{1'b0}};
            end
            if (i < WQ_DEPTH) begin : gen_w
                assign wb = wq_bank_i[i*BANK_BITS +: BANK_BITS];
                assign wr = wq_row_i[i*ROW_BITS +: ROW_BITS];
            end else begin : gen_w0
                assign wb = {BANK_BITS{1'b0}};
                assign wr = {ROW_BITS{1'b0}};
            end
            assign ab[i]  = mode ? wb : rb;
            assign ar[i]  = mode ? wr : rr;
            assign ob[i]  = mode ? rb : wb;
            assign orw[i] = mode ? rr : wr;
            assign a_valid[i]  = i < a_count;
            assign a_closed[i] = a_valid[i] && !open_i[ab[i]];
            assign a_hit[i]    = a_valid[i] && open_i[ab[i]] && open_row[ab[i]] == ar[i];
            assign o_hit[i]    = (i < o_count) && open_i[ob[i]] && open_row[ob[i]] == orw[i];
        end
    endgenerate

    integer e;
    reg [BANKS-1:0] a_has_hit;
    always @* begin
        a_has_hit = {BANKS{1'b0}};
        for (e = 0; e < QD; e = e + 1)
            if (a_hit[e])
                a_has_hit[ab[e]] = 1'b1;
    end

    // A starved head of the active queue that does not hit its open row.
    wire                 a_starved = mode ? starved_w : starved_r;
    wire [BANK_BITS-1:0] head_bank = ab[0];
    wire                 head_miss = a_starved && !a_hit[0];
    wire [BANKS-1:0]     head_mask = head_miss ? ({{(BANKS-1){1'b0}}, 1'b1} << head_bank) : {BANKS{1'b0}};

    // ---- 3. column pick --------------------------------------------------
    wire [BANKS-1:0] col_ready = (mode ? wr_ok_i : rd_ok_i) & ~blocked_i & ~head_mask;
    reg              col_found;
    reg  [POS_BITS-1:0] col_pos;
    always @* begin
        col_found = 1'b0;
        col_pos   = {POS_BITS{1'b0}};
        for (e = QD - 1; e >= 0; e = e - 1)
            if (a_hit[e] && col_ready[ab[e]]) begin
                col_found = 1'b1;
                col_pos   = e[POS_BITS-1:0];
            end
    end
    wire                 col_go   = col_found && credit_ok_i;
    wire [BANK_BITS-1:0] col_bank = ab[col_pos];
    // Page policy: auto-precharge when no other queued request hits the row.
    reg other_hit;
    always @* begin
        other_hit = 1'b0;
        for (e = 0; e < QD; e = e + 1) begin
            if (a_hit[e] && e[POS_BITS-1:0] != col_pos && ab[e] == col_bank)
                other_hit = 1'b1;
            if (o_hit[e] && ob[e] == col_bank)
                other_hit = 1'b1;
        end
    end
    wire auto_pre = (PAGE_POLICY == 1) || (PAGE_POLICY == 2 && !other_hit);
    assign col_cmd_o  = !col_go ? `HBM_CMD_NOP :
                        mode ? (auto_pre ? `HBM_CMD_WRA : `HBM_CMD_WR)
                             : (auto_pre ? `HBM_CMD_RDA : `HBM_CMD_RD);
    assign col_bank_o = col_bank;
    assign col_pos_o  = col_pos;

    // ---- 4. row pick ------------------------------------------------------
    wire any_open = |open_i;
    reg [3:0] ref_cmd;
    always @* begin
        ref_cmd = `HBM_CMD_NOP;
        if (ref_active_i) begin
            if (REFRESH_MODE == 0) begin
                if (any_open)
                    ref_cmd = (&pre_ok_i) ? `HBM_CMD_PREA : `HBM_CMD_NOP;
                else
                    ref_cmd = (&ref_ok_i) ? `HBM_CMD_REFAB : `HBM_CMD_NOP;
            end else if (open_i[ref_bank_i]) begin
                ref_cmd = pre_ok_i[ref_bank_i] ? `HBM_CMD_PRE : `HBM_CMD_NOP;
            end else begin
                ref_cmd = ref_ok_i[ref_bank_i] ? `HBM_CMD_REFPB : `HBM_CMD_NOP;
            end
        end
    end

    wire [BANKS-1:0] act_ready = act_ok_i & ~blocked_i;
    wire [BANKS-1:0] pre_ready = pre_ok_i & ~blocked_i & open_i & ~a_has_hit;
    reg       fr_found, fr_is_pre;
    reg [BANK_BITS-1:0] fb;
    reg [POS_BITS-1:0] fr_pos;
    always @* begin
        fr_found  = 1'b0;
        fr_is_pre = 1'b0;
        fr_pos    = {POS_BITS{1'b0}};
        fb        = {BANK_BITS{1'b0}};
        for (e = QD - 1; e >= 0; e = e - 1) begin
            fb = ab[e];
            if (a_closed[e] && act_ready[fb]) begin
                fr_found = 1'b1; fr_is_pre = 1'b0; fr_pos = e[POS_BITS-1:0];
            end else if (a_valid[e] && !a_hit[e] && pre_ready[fb]) begin
                fr_found = 1'b1; fr_is_pre = 1'b1; fr_pos = e[POS_BITS-1:0];
            end
        end
    end

    always @* begin
        row_cmd_o  = `HBM_CMD_NOP;
        row_bank_o = {BANK_BITS{1'b0}};
        row_row_o  = {ROW_BITS{1'b0}};
        row_mark_o = 1'b0;
        row_pos_o  = {POS_BITS{1'b0}};
        if (ref_cmd != `HBM_CMD_NOP) begin
            row_cmd_o  = ref_cmd;
            row_bank_o = (REFRESH_MODE == 0) ? {BANK_BITS{1'b0}} : ref_bank_i;
        end else begin
            if (head_miss) begin
                if (!blocked_i[head_bank] &&
                    (open_i[head_bank] ? pre_ok_i[head_bank] : act_ok_i[head_bank])) begin
                    row_cmd_o  = open_i[head_bank] ? `HBM_CMD_PRE : `HBM_CMD_ACT;
                    row_bank_o = head_bank;
                    row_row_o  = ar[0];
                    row_mark_o = 1'b1;
                    row_pos_o  = {POS_BITS{1'b0}};
                end
            end else if (fr_found) begin
                row_cmd_o  = fr_is_pre ? `HBM_CMD_PRE : `HBM_CMD_ACT;
                row_bank_o = ab[fr_pos];
                row_row_o  = ar[fr_pos];
                row_mark_o = 1'b1;
                row_pos_o  = fr_pos;
            end
        end
    end

    wire unused_depth = (RQ_SLOT_BITS + WQ_SLOT_BITS) != 0;
endmodule

`resetall
