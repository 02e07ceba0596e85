// hbm_sched - the scheduler: read/write mode, the candidate register, the
// bank candidate register, the column and row picks, and the issue
// register they feed (docs/microarchitecture.md, "The decision pipeline").
//
// Clocking: clk_i, synchronous active-high rst_i.  Four stages:
//   candidate (cycle t): combinational from the state at the start of t and
//         the issue register, seeing the state as the issue register's
//         commands leave it (open_next_i; the entry it pops is gone; a
//         queue whose head it pops has no head): mode, refresh command,
//         and per age position which entries may take a column command
//         (with the page policy's auto-precharge), an ACT or a PRE, and
//         the head's row command when the head is served first.  No timing
//         rule is asked.  Registered into the candidate register (k_*),
//         collapsed at the edge by the issue register's pop.
//   reduce (cycle t+1): from the candidate register, per bank its oldest
//         column candidate and its oldest row candidate, without the
//         entry the issue register pops and the banks its commands touch;
//         their slots (the queues' age lists), positions after the pop,
//         and for every two banks whose candidate is older.  Registered
//         into the bank candidate register (kb_*).
//   pick  (cycle t+2): from the bank candidate register, what is legal in
//         t+3: the timers' next-cycle views (*_ok_i, which hold the issue
//         register's commands), the response credit, and no candidate of
//         a bank the issue register's commands open or close (touched),
//         nor the column candidate of the bank of its column command, nor
//         the head it pops.  The refresh command, else the head's row
//         command, else the oldest legal ACT/PRE bank candidate; the
//         oldest legal column bank candidate: one AND-NOR over the banks
//         with the registered age order.
//   issue (cycle t+3): the issue register holds the picks; its commands are
//         this module's outputs, registered, on the DFI buses in t+3 and
//         taken by every other unit at that edge.
// Nothing a pick computes reaches a queue, a timer or the bank state in the
// cycle it is computed, and nothing the candidate or reduce stage computes
// reaches the next stage in its own cycle: the long policy logic (mode,
// refresh, per-bank hit summaries, page policy), the search of every
// position (each bank's oldest candidate, their age order) and the loop
// issue register -> legality -> pick -> issue register are in different
// clocks, and that loop compares banks, not positions.  The starvation test and
// the mode are registered too: decided a cycle ahead from the queues'
// count and head after the edge (the mode once per way the next issue
// register can pop, selected by it), the same function of each cycle's
// state, so the candidate stage reads flags, not a 32-bit age or count
// arithmetic.
// Works on bit vectors over age positions (bit i: the i-th oldest entry):
// each queue keeps which entries hit their open row and which bank each
// entry targets (hbm_req_queue), so every "oldest entry that ..." is the
// lowest set bit of an AND/OR of vectors (hbm_first_set); no field is
// compared per entry here.
// For clock speed, nothing starts at a decode of the issue register: it
// also holds its commands decoded (col_issued, pop_*, gone_*, k_gone,
// kb_gone*, col_bank_now, act_now, close_now, touched: loaded from the
// picks, asserted equal to the decodes), and the candidate stage is worked
// out for both modes, the mode only selecting one result before the
// candidate register.
// Owns no timing rule: legality comes from hbm_timing's *_ok vectors.
// C twin: model/hbm_sched.c (the same stages) with the issue register in
// model/hbm_ctrl.c.
`default_nettype none
`include "hbm_defs.vh"

module hbm_sched #(
    parameter integer BANKS        = 16,
    parameter integer BANK_BITS    = 4,
    parameter integer RQ_DEPTH     = 32,
    parameter integer WQ_DEPTH     = 64,
    parameter integer WQ_HIGH      = 60,
    parameter integer WQ_LOW       = 4,
    parameter integer RQ_LOW       = 0,     // read mode drains writes at this many reads or fewer
    parameter integer STARVE_LIMIT = 1024,  // 0: off
    parameter integer WINDOW       = 0,     // the oldest entries of a queue the stages see (0: all)
    parameter integer SCHEDULER    = 0,     // 0 frfcfs, 1 fcfs
    parameter integer PAGE_POLICY  = 0,     // 0 open, 1 closed, 2 adaptive
    parameter integer REFRESH_MODE = 1,     // 0 all_bank, 1 per_bank, 2 none
    parameter integer RATIO        = 1      // DRAM clocks per clock (dfi_ratio): 1 or 2
) (
    input  wire                          clk_i,
    input  wire                          rst_i,
    input  wire [31:0]                   now_i,       // DRAM clock of this cycle's phase 0
    // queues (hbm_req_queue): vectors over age positions, head, read ports
    input  wire [RQ_DEPTH-1:0]           rq_valid_i,  // positions below the count
    input  wire [RQ_DEPTH-1:0]           rq_hit_i,
    input  wire [RQ_DEPTH-1:0]           rq_wait_i,   // reads waiting for a write: not scheduled
    input  wire [BANKS*RQ_DEPTH-1:0]     rq_bank_mask_i,
    input  wire [`HBM_CLOG2(RQ_DEPTH):0]  rq_count_i,   // entries now; the queue takes one at this edge
    input  wire                          rq_push_i,    // (its pop is the issue register's)
    input  wire [31:0]                   rq_head_ts_i,      // its head's and second oldest's queue cycles
    input  wire [31:0]                   rq_second_ts_i,    // cycles now, and which heads it after the
    input  wire [1:0]                    rq_head_from_i,    // edge (hbm_req_queue head_from_o)
    input  wire [`HBM_CLOG2(RQ_DEPTH)-1:0] rq_head_slot_i,
    input  wire [RQ_DEPTH*`HBM_CLOG2(RQ_DEPTH)-1:0] rq_order_i,  // slot of each position
    input  wire [WQ_DEPTH-1:0]           wq_valid_i,
    input  wire [WQ_DEPTH-1:0]           wq_hit_i,
    input  wire [BANKS*WQ_DEPTH-1:0]     wq_bank_mask_i,
    input  wire [`HBM_CLOG2(WQ_DEPTH):0]  wq_count_i,
    input  wire                          wq_push_i,
    input  wire [31:0]                   wq_head_ts_i,      // its head's and second oldest's queue cycles
    input  wire [31:0]                   wq_second_ts_i,    // cycles now, and which heads it after the
    input  wire [1:0]                    wq_head_from_i,    // edge (hbm_req_queue head_from_o)
    input  wire [`HBM_CLOG2(WQ_DEPTH)-1:0] wq_head_slot_i,
    input  wire [WQ_DEPTH*`HBM_CLOG2(WQ_DEPTH)-1:0] wq_order_i,
    // bank state and timing, as the issue register's commands leave them
    input  wire [BANKS-1:0]              open_next_i,
    // (timing per phase p of the next cycle: bits [p*BANKS +: BANKS])
    input  wire [RATIO*BANKS-1:0]        act_ok_i,
    input  wire [RATIO*BANKS-1:0]        pre_ok_i,
    input  wire [RATIO*BANKS-1:0]        rd_ok_i,
    input  wire [RATIO*BANKS-1:0]        wr_ok_i,
    input  wire [RATIO*BANKS-1:0]        ref_ok_i,
    input  wire [RATIO-1:0]              pre_all_ok_i,   // every bank's PRE (REF) ok, per phase
    input  wire [RATIO-1:0]              ref_all_ok_i,
    // refresh engine (its view for this pick)
    input  wire                          ref_active_i,
    input  wire [BANK_BITS-1:0]          ref_bank_i,
    input  wire [BANKS-1:0]              blocked_i,
    // response credit for a column command in the next cycle
    input  wire                          credit_ok_i,
    // the issue register: the commands on the buses this cycle
    output reg  [`HBM_CMD_BITS-1:0]      row_cmd_o,
    output reg                           row_phase_o,  // its DRAM clock in the cycle (0 at RATIO 1)
    output reg  [BANK_BITS-1:0]          row_bank_o,
    output reg                           row_mark_o,   // the row command serves a queue entry ...
    output reg                           row_write_o,  // ... of the write queue (0: read queue)
    output reg  [`HBM_CLOG2(`HBM_MAX(RQ_DEPTH, WQ_DEPTH))-1:0] row_slot_o,  // ... in this slot
    output reg  [`HBM_CMD_BITS-1:0]      col_cmd_o,
    output reg                           col_phase_o,
    output reg  [BANK_BITS-1:0]          col_bank_o,
    output reg                           col_write_o,  // the entry it pops: write queue (0: read)
    output reg  [`HBM_CLOG2(`HBM_MAX(RQ_DEPTH, WQ_DEPTH))-1:0] col_pos_o,   // its age position now
    output reg  [`HBM_CLOG2(`HBM_MAX(RQ_DEPTH, WQ_DEPTH))-1:0] col_slot_o,  // its slot
    // the issue register's commands decoded (registers): the banks they
    // open and close, a column command, the position it pops per queue
    output wire [BANKS-1:0]              issue_act_o,
    output wire [BANKS-1:0]              issue_close_o,
    output wire                          issue_col_o,
    output wire [RQ_DEPTH-1:0]           issue_gone_r_o,
    output wire [WQ_DEPTH-1:0]           issue_gone_w_o,
    // this cycle's picks as events (HBM_EV_* of hbm_encoding.vh; the
    // others are 0): what each pick chose and why the mode is what it is
    output reg  [`HBM_NEVENT-1:0]        events_o
);
    // The candidate and reduce stages see the oldest WINDOW positions of
    // each queue (sched_window; the whole queue when 0 or larger): their
    // vectors are QD wide.  Positions and slots are still numbered in the
    // wider queue (POS_BITS).
    localparam integer RQ_W     = (WINDOW == 0 || WINDOW >= RQ_DEPTH) ? RQ_DEPTH : WINDOW;
    localparam integer WQ_W     = (WINDOW == 0 || WINDOW >= WQ_DEPTH) ? WQ_DEPTH : WINDOW;
    localparam integer QD       = `HBM_MAX(RQ_W, WQ_W);          // positions the stages see
    localparam integer QB       = `HBM_CLOG2(QD);                // a position among them
    localparam integer POS_BITS = `HBM_CLOG2(`HBM_MAX(RQ_DEPTH, WQ_DEPTH));  // a position or slot
    localparam integer RQ_SB    = `HBM_CLOG2(RQ_DEPTH);
    localparam integer WQ_SB    = `HBM_CLOG2(WQ_DEPTH);

    generate
        if (SCHEDULER < 0 || SCHEDULER > 1 || PAGE_POLICY < 0 || PAGE_POLICY > 2 ||
            REFRESH_MODE < 0 || REFRESH_MODE > 2 || RATIO < 1 || RATIO > 2) begin : gen_bad_policy
            initial begin
                $display("%m: bad policy parameters (scheduler %0d, page policy %0d, refresh mode %0d)",
                         SCHEDULER, PAGE_POLICY, REFRESH_MODE);
                $finish;
            end
            INVALID_PARAMETER_POLICY u_bad ();
        end
    endgenerate

    // ---- the issue register's pop: gone for this pick ------------------------
    // The issue register also holds its commands decoded (*_q below, loaded
    // with it from the picks): whether the column command pops an entry of
    // either queue, the position vector of that entry, whether it is the
    // head, the banks the commands open, close and touch.  Both stages read
    // these flags and vectors instead of decoding command codes, banks and
    // positions at the start of their clock; they equal those decodes in
    // every cycle.
    reg                 col_issued, pop_r, pop_w, leaving_r, leaving_w, col_head_o;
    reg  [QD-1:0]       gone_r, gone_w;   // the popped position of each queue (zero without)
    reg                 k_gone_any;       // the pop is in the candidate register's queue
    reg  [QD-1:0]       k_gone;           // ... at this position
    reg                 kb_gone_any;      // the pop is in the bank candidate register's queue
    reg                 kb_gone0;         // ... at its position 0 (the head)
    reg  [BANKS-1:0]    col_bank_now;     // the bank of its column command (one-hot)
    reg  [BANKS-1:0]    act_now;          // the bank the issue register's ACT opens
    reg  [BANKS-1:0]    close_now;        // banks its PRE, PREA, RDA or WRA closes
    reg  [BANKS-1:0]    touched;          // banks its commands open or close (REFPB, REFAB too)
    reg                 touched_any;
    assign issue_act_o   = act_now;
    assign issue_close_o = close_now;
    assign issue_col_o   = col_issued;
    assign issue_gone_r_o = {{(RQ_DEPTH-RQ_W){1'b0}}, gone_r[RQ_W-1:0]};
    assign issue_gone_w_o = {{(WQ_DEPTH-WQ_W){1'b0}}, gone_w[WQ_W-1:0]};

    // ---- the queue counts after the edge (count - pop + push) and one less,
    // as the predicates the mode asks of them (empty; at or above the high
    // watermark; at or below the low one; the read queue at or below its
    // low watermark), worked out from the count
    // registers for every count the edge can leave (count - 2 .. count + 1)
    // and selected by this cycle's pop and push: the pop and the push only
    // select, no count arithmetic follows them.  Index 0: after the edge;
    // 1: one less (the case the next issue register pops).
    reg       rq_zero_n;   // after the edge only (the starvation flag's)
    reg [1:0] rq_low_n, wq_zero_n, wq_high_n, wq_low_n;
    localparam [RQ_SB:0] RQ_MINUS2 = {(RQ_SB+1){1'b1}} << 1;   // -2 in the count's width
    localparam [WQ_SB:0] WQ_MINUS2 = {(WQ_SB+1){1'b1}} << 1;
    always @* begin : count_preds
        reg [RQ_SB:0] rn;
        reg [WQ_SB:0] wn;
        reg [3:0]     rz, rl, wz, wh, wl;   // at count + o - 2, o = 0..3
        reg [31:0]    rn32, wn32;
        integer o, dr, dw;
        for (o = 0; o < 4; o = o + 1) begin
            rn = rq_count_i + o[RQ_SB:0] + RQ_MINUS2;
            wn = wq_count_i + o[WQ_SB:0] + WQ_MINUS2;
            rn32 = {{(31-RQ_SB){1'b0}}, rn};
            wn32 = {{(31-WQ_SB){1'b0}}, wn};
            rz[o] = rn == {(RQ_SB+1){1'b0}};
            rl[o] = rn32 <= RQ_LOW;
            wz[o] = wn == {(WQ_SB+1){1'b0}};
            wh[o] = wn32 >= WQ_HIGH;
            wl[o] = wn32 <= WQ_LOW;
        end
        dr = 2 + (rq_push_i ? 1 : 0) - (pop_r ? 1 : 0);
        dw = 2 + (wq_push_i ? 1 : 0) - (pop_w ? 1 : 0);
        rq_zero_n = rz[dr];
        rq_low_n  = {rl[dr-1], rl[dr]};
        wq_zero_n = {wz[dw-1], wz[dw]};
        wq_high_n = {wh[dw-1], wh[dw]};
        wq_low_n  = {wl[dw-1], wl[dw]};
    end

    // ---- timing: legal in the issue cycle = legal in its last DRAM clock;
    // the command goes out in its first DRAM clock if legal there
    wire [BANKS-1:0] act_ok  = act_ok_i[(RATIO-1)*BANKS +: BANKS];
    wire [BANKS-1:0] pre_ok  = pre_ok_i[(RATIO-1)*BANKS +: BANKS];
    wire [BANKS-1:0] rd_ok   = rd_ok_i[(RATIO-1)*BANKS +: BANKS];
    wire [BANKS-1:0] wr_ok   = wr_ok_i[(RATIO-1)*BANKS +: BANKS];
    wire [BANKS-1:0] ref_ok  = ref_ok_i[(RATIO-1)*BANKS +: BANKS];
    wire [BANKS-1:0] act_ok0 = act_ok_i[0 +: BANKS];
    wire [BANKS-1:0] pre_ok0 = pre_ok_i[0 +: BANKS];
    wire [BANKS-1:0] rd_ok0  = rd_ok_i[0 +: BANKS];
    wire [BANKS-1:0] wr_ok0  = wr_ok_i[0 +: BANKS];
    wire [BANKS-1:0] ref_ok0 = ref_ok_i[0 +: BANKS];

    // ---- 1. mode -------------------------------------------------------
    reg  mode_q;
    // Starvation is decided a cycle ahead, from the queues' count and head
    // after the edge, so the candidate stage reads registers: old_*_q says the head of
    // this cycle has waited STARVE_LIMIT cycles or more (count > 0); the
    // mode below takes them and w_older_d (the write head is the older of
    // the two) after the edge.  The same function of this cycle's state as
    // now - head queue cycle >= STARVE_LIMIT.
    reg  r_old_q, w_old_q;
    wire r_old_d, w_old_d, w_older_d;  // their values after the edge
    generate
        if (STARVE_LIMIT != 0) begin : gen_starve
            // The ages after the edge of the entries that can head each
            // queue then (its head, its second oldest, a request pushed
            // now: pushed in this cycle, now_i, so of age RATIO), each
            // compared before the queue's head_from selects, so that the
            // issue register's pop only selects among finished compares.
            localparam [31:0] AGE_PUSH = RATIO;
            wire [31:0] now_next = now_i + RATIO;
            wire [31:0] age_r [0:2];
            wire [31:0] age_w [0:2];
            assign age_r[0] = now_next - rq_head_ts_i;
            assign age_r[1] = now_next - rq_second_ts_i;
            assign age_r[2] = AGE_PUSH;
            assign age_w[0] = now_next - wq_head_ts_i;
            assign age_w[1] = now_next - wq_second_ts_i;
            assign age_w[2] = AGE_PUSH;
            wire [2:0] r_old_of, w_old_of;
            wire [8:0] w_older_of;   // [3*x + y]: write candidate x older than read candidate y
            genvar x, y;
            for (x = 0; x < 3; x = x + 1) begin : gen_age
                assign r_old_of[x] = age_r[x] >= STARVE_LIMIT;
                assign w_old_of[x] = age_w[x] >= STARVE_LIMIT;
                for (y = 0; y < 3; y = y + 1) begin : gen_older
                    assign w_older_of[3*x + y] = age_w[x] > age_r[y];
                end
            end
            wire [1:0] r_from = rq_head_from_i[1] ? 2'd2 : {1'b0, rq_head_from_i[0]};
            wire [1:0] w_from = wq_head_from_i[1] ? 2'd2 : {1'b0, wq_head_from_i[0]};
            wire [2:0] w_older_r = w_from == 2'd2 ? w_older_of[8:6] :
                                   w_from == 2'd1 ? w_older_of[5:3] : w_older_of[2:0];
            assign r_old_d   = !rq_zero_n && r_old_of[r_from];
            assign w_old_d   = !wq_zero_n[0] && w_old_of[w_from];
            assign w_older_d = w_older_r[r_from];
            always @(posedge clk_i)
                if (rst_i) begin
                    r_old_q   <= 1'b0;
                    w_old_q   <= 1'b0;
                end else begin
                    r_old_q   <= r_old_d;
                    w_old_q   <= w_old_d;
                end
        end else begin : gen_no_starve  // starve_limit = 0: no head ever starves
            assign r_old_d   = 1'b0;
            assign w_old_d   = 1'b0;
            assign w_older_d = 1'b0;
            always @(posedge clk_i) begin
                r_old_q   <= 1'b0;
                w_old_q   <= 1'b0;
            end
            wire unused_starve = ^{now_i, rq_head_ts_i, rq_second_ts_i, rq_head_from_i, wq_head_ts_i,
                                   wq_second_ts_i, wq_head_from_i, rq_zero_n};
        end
    endgenerate
    wire starved_r = (STARVE_LIMIT != 0) && r_old_q && !leaving_r;
    wire starved_w = (STARVE_LIMIT != 0) && w_old_q && !leaving_w;

    // The mode is decided a cycle ahead: in cycle t, from the state after
    // the edge (counts, starvation flags, this cycle's mode as the previous
    // one), once for each way the issue register of t+1 can pop (none; a
    // read at the head or above it; a write at the head or above it), and
    // registered; cycle t+1 selects by its issue register.  The same
    // function of each cycle's state and issue register as computing it in
    // t+1, so the candidate stage starts from registers instead of count
    // arithmetic.
    function mode_of(input r_old, input w_old, input w_older, input prev,
                     input rq_low, input wq_zero, input wq_high, input wq_low,
                     input leave_r, input leave_w);
        reg sr, sw;
        begin
            sr = (STARVE_LIMIT != 0) && r_old && !leave_r;
            sw = (STARVE_LIMIT != 0) && w_old && !leave_w;
            if (sr && sw)
                mode_of = w_older;
            else if (sr || sw)
                mode_of = sw;
            else if (!prev)
                mode_of = wq_high || (rq_low && !wq_zero);
            else
                mode_of = !(wq_zero || (wq_low && !rq_low));
        end
    endfunction
    reg  [4:0] mode_case_q;  // [none, read head, read above, write head, write above]
    reg        mode;
    always @(posedge clk_i)
        if (rst_i)
            mode_case_q <= 5'b00000;
        else begin
            mode_case_q[0] <= mode_of(r_old_d, w_old_d, w_older_d, mode, rq_low_n[0], wq_zero_n[0],
                                      wq_high_n[0], wq_low_n[0], 1'b0, 1'b0);
            mode_case_q[1] <= mode_of(r_old_d, w_old_d, w_older_d, mode, rq_low_n[1], wq_zero_n[0],
                                      wq_high_n[0], wq_low_n[0], 1'b1, 1'b0);
            mode_case_q[2] <= mode_of(r_old_d, w_old_d, w_older_d, mode, rq_low_n[1], wq_zero_n[0],
                                      wq_high_n[0], wq_low_n[0], 1'b0, 1'b0);
            mode_case_q[3] <= mode_of(r_old_d, w_old_d, w_older_d, mode, rq_low_n[0], wq_zero_n[1],
                                      wq_high_n[1], wq_low_n[1], 1'b0, 1'b1);
            mode_case_q[4] <= mode_of(r_old_d, w_old_d, w_older_d, mode, rq_low_n[0], wq_zero_n[1],
                                      wq_high_n[1], wq_low_n[1], 1'b0, 1'b0);
        end
    always @* begin
        if (rq_wait_i[0])           // a read head waiting for a write drains writes
            mode = 1'b1;
        else if (!col_issued)
            mode = mode_case_q[0];
        else if (!col_write_o)
            mode = col_head_o ? mode_case_q[1] : mode_case_q[2];
        else
            mode = col_head_o ? mode_case_q[3] : mode_case_q[4];
    end

    // =====================================================================
    // Candidate stage (cycle t): from the state as the issue register I_t
    // leaves it, what the pick of t+1 may choose from.  No timing rule is
    // asked here: the pick checks legality in its own cycle.  The result is
    // the candidate register K, collapsed at the edge by I_t's pop (so its
    // positions are those of S_t+1).
    // =====================================================================

    // ---- per queue: positions, hits, banks --------------------------------------
    // Positions below each queue's count hold entries (S_t's positions); the
    // entry the issue register pops is not valid; positions a queue does not
    // have are never valid.
    // (positions beyond the window: read by no stage)
    generate
        if (RQ_W < RQ_DEPTH || WQ_W < WQ_DEPTH) begin : gen_beyond_window
            wire unused_beyond = ^{rq_valid_i, rq_hit_i, rq_wait_i, rq_bank_mask_i,
                                   wq_valid_i, wq_hit_i, wq_bank_mask_i};
        end
    endgenerate
    wire [QD-1:0] r_hit = {{(QD-RQ_W){1'b0}}, rq_hit_i[RQ_W-1:0]};
    wire [QD-1:0] w_hit = {{(QD-WQ_W){1'b0}}, wq_hit_i[WQ_W-1:0]};
    wire [QD-1:0] r_valid = {{(QD-RQ_W){1'b0}}, rq_valid_i[RQ_W-1:0]};
    wire [QD-1:0] w_valid = {{(QD-WQ_W){1'b0}}, wq_valid_i[WQ_W-1:0]};
    wire [QD-1:0] r_wait  = {{(QD-RQ_W){1'b0}}, rq_wait_i[RQ_W-1:0]};
    wire [QD-1:0] r_mask [0:BANKS-1];  // positions of each queue that target bank b
    wire [QD-1:0] w_mask [0:BANKS-1];
    genvar g, gm;
    generate
        for (g = 0; g < BANKS; g = g + 1) begin : gen_bank_mask
            assign r_mask[g] = {{(QD-RQ_W){1'b0}}, rq_bank_mask_i[g*RQ_DEPTH +: RQ_W]};
            assign w_mask[g] = {{(QD-WQ_W){1'b0}}, wq_bank_mask_i[g*WQ_DEPTH +: WQ_W]};
        end
    endgenerate

    // The bank of each position as BANK_BITS vectors over positions (bit k
    // of the bank of the entry at position i is bit k*QD + i), from the
    // registered per-bank position vectors: a picked one-hot gives its bank
    // in two levels of logic, with no read port in the way.  Flat vectors
    // and wires only (no function reading module state), so every simulator
    // sees their changes.
    reg  [BANK_BITS*QD-1:0] r_bank_bits, w_bank_bits;
    integer k, kb;
    always @* begin
        r_bank_bits = {(BANK_BITS*QD){1'b0}};
        w_bank_bits = {(BANK_BITS*QD){1'b0}};
        for (k = 0; k < BANK_BITS; k = k + 1)
            for (kb = 0; kb < BANKS; kb = kb + 1)
                if (((kb >> k) & 1) != 0) begin
                    r_bank_bits[k*QD +: QD] = r_bank_bits[k*QD +: QD] | r_mask[kb];
                    w_bank_bits[k*QD +: QD] = w_bank_bits[k*QD +: QD] | w_mask[kb];
                end
    end
    localparam FCFS = (SCHEDULER == 1);

    // ---- the candidates of each mode ---------------------------------------------
    // The stage is worked out for both modes (gm = 0: read, 1: write) from
    // the registers, and the mode, itself a select of registered cases by
    // the issue register, only picks one of the two results before the
    // candidate register: it never starts the long logic.  In mode gm the
    // active (a_) queue is gm's, the other (o_) the other one.
    wire [QD-1:0]        m_col [0:1], m_ap [0:1], m_act [0:1], m_pre [0:1];
    wire [1:0]           m_head_miss, m_head_pre, m_head_blocked;
    wire [BANK_BITS-1:0] m_head_bank [0:1];
    generate
        for (gm = 0; gm < 2; gm = gm + 1) begin : gen_mode
            // A read that waits for a write is not scheduled (its hit still
            // counts for the page policy of the write queue's commands,
            // through o_hit).
            wire [QD-1:0] a_valid = gm ? w_valid & ~gone_w : r_valid & ~gone_r & ~r_wait;
            wire [QD-1:0] a_hit   = (gm ? w_hit : r_hit) & a_valid;
            wire [QD-1:0] o_hit   = gm ? r_hit & r_valid & ~gone_r : w_hit & w_valid & ~gone_w;

            // The head of the active queue, served before any other entry
            // (fcfs always, frfcfs once starved), when it does not hit its
            // open row.  A head the issue register pops is not starved;
            // under fcfs the entry after it is the head (at position 1
            // until the edge).  Its hit flag counts only if its bank stays
            // open; a head whose bank the issue register's ACT opens has
            // its row (its hit comes at the edge).
            wire                 leaving_a = gm ? leaving_w : leaving_r;
            wire [QD-1:0]        head_1h = (FCFS && leaving_a) ? {{(QD-1){1'b0}}, 1'b1} << 1
                                                               : {{(QD-1){1'b0}}, 1'b1};
            wire                 a_starved = gm ? starved_w : starved_r;
            wire                 a_first   = FCFS ? (a_valid & head_1h) != {QD{1'b0}} : a_starved;
            wire [BANK_BITS*QD-1:0] a_bank_bits = gm ? w_bank_bits : r_bank_bits;
            wire [BANK_BITS-1:0] head_bank;
            genvar hb;
            for (hb = 0; hb < BANK_BITS; hb = hb + 1) begin : gen_head_bank
                assign head_bank[hb] = (a_bank_bits[hb*QD +: QD] & head_1h) != {QD{1'b0}};
            end
            wire                 head_hit  = (a_hit & head_1h) != {QD{1'b0}};
            wire                 head_miss = a_first && !(head_hit && open_next_i[head_bank]) &&
                                             !act_now[head_bank];
            // fcfs: only the head may take a column command
            // (and the entry after it: the head for the reduce stage when
            // the next issue register pops this one)
            wire [QD-1:0]        col_allow = FCFS ? head_1h | (head_1h << 1) : {QD{1'b1}};
            wire [BANKS-1:0]     head_mask = head_miss ? ({{(BANKS-1){1'b0}}, 1'b1} << head_bank)
                                                       : {BANKS{1'b0}};

            // Bank conditions spread over positions.  A bank the issue
            // register closes keeps its hit flags until the edge:
            // open_next_i takes it off the column candidates.
            wire [BANKS-1:0] col_bank_ok = open_next_i & ~blocked_i & ~head_mask;
            reg  [BANKS-1:0] a_has_hit;   // banks some active entry hits
            reg  [BANKS-1:0] a_two_hits;  // ... two or more (adaptive page policy)
            reg  [BANKS-1:0] o_has_hit;   // banks some entry of the other queue hits
            reg  [QD-1:0]    col_ok;      // positions whose bank may take the column command
            reg  [QD-1:0]    act_want;    // positions whose bank is closed (may take an ACT)
            reg  [QD-1:0]    pre_bank;    // positions whose bank is open and unhit (may take a PRE)
            reg  [QD-1:0]    ap_pos;      // positions no other queued request shares a row hit with
            wire [BANKS-1:0] act_bank_ok = ~blocked_i & ~open_next_i;
            wire [BANKS-1:0] pre_bank_ok = ~blocked_i & open_next_i & ~a_has_hit & ~act_now;
            integer mb;
            always @* begin : per_bank_hits
                reg [QD-1:0] h;
                for (mb = 0; mb < BANKS; mb = mb + 1) begin
                    h = a_hit & (gm ? w_mask[mb] : r_mask[mb]);
                    a_has_hit[mb]  = h != {QD{1'b0}};
                    a_two_hits[mb] = (h & (h - {{(QD-1){1'b0}}, 1'b1})) != {QD{1'b0}};
                    o_has_hit[mb]  = (o_hit & (gm ? r_mask[mb] : w_mask[mb])) != {QD{1'b0}};
                end
            end
            always @* begin : spread
                reg [QD-1:0] m;
                col_ok   = {QD{1'b0}};
                act_want = {QD{1'b0}};
                pre_bank = {QD{1'b0}};
                ap_pos   = {QD{1'b0}};
                for (mb = 0; mb < BANKS; mb = mb + 1) begin
                    m = gm ? w_mask[mb] : r_mask[mb];
                    if (col_bank_ok[mb]) col_ok = col_ok | m;
                    if (act_bank_ok[mb]) act_want = act_want | m;
                    if (pre_bank_ok[mb]) pre_bank = pre_bank | m;
                    if (!a_two_hits[mb] && !o_has_hit[mb]) ap_pos = ap_pos | m;
                end
            end

            // The candidates, and the head's row command.
            wire [QD-1:0] cand_col = a_hit & col_ok & col_allow;
            wire          row_queue = !FCFS && !head_miss;  // the oldest-first row candidates
            assign m_col[gm] = cand_col;
            assign m_ap[gm]  = (PAGE_POLICY == 1) ? cand_col :
                               (PAGE_POLICY == 2) ? cand_col & ap_pos : {QD{1'b0}};
            assign m_act[gm] = row_queue ? act_want & a_valid : {QD{1'b0}};
            assign m_pre[gm] = row_queue ? pre_bank & ~a_hit & a_valid : {QD{1'b0}};
            assign m_head_miss[gm]    = head_miss;
            assign m_head_pre[gm]     = open_next_i[head_bank];
            assign m_head_blocked[gm] = blocked_i[head_bank];
            assign m_head_bank[gm]    = head_bank;
        end
    endgenerate

    // the refresh engine's next command
    wire          any_open = |open_next_i;
    wire [`HBM_CMD_BITS-1:0] cand_ref =
        !ref_active_i        ? `HBM_CMD_NOP :
        (REFRESH_MODE == 0)  ? (any_open ? `HBM_CMD_PREA : `HBM_CMD_REFAB) :
        open_next_i[ref_bank_i] ? `HBM_CMD_PRE : `HBM_CMD_REFPB;

    // ---- the candidate register, collapsed by I_t's pop --------------------------
    // (I_t's pop collapses the active queue's positions: the mode's queue.)
    wire [QD-1:0] k_keep = ~({QD{1'b1}} << col_pos_o);   // positions below the pop
    function [QD-1:0] collapse(input [QD-1:0] v, input pop, input [QD-1:0] keep);
        collapse = pop ? (v & keep) | ((v >> 1) & ~keep) : v;
    endfunction
    wire [QD-1:0] c_col [0:1], c_ap [0:1], c_act [0:1], c_pre [0:1];
    generate
        for (gm = 0; gm < 2; gm = gm + 1) begin : gen_collapse
            wire pop = col_issued && col_write_o == gm;
            assign c_col[gm] = collapse(m_col[gm], pop, k_keep);
            assign c_ap[gm]  = collapse(m_ap[gm], pop, k_keep);
            assign c_act[gm] = collapse(m_act[gm], pop, k_keep);
            assign c_pre[gm] = collapse(m_pre[gm], pop, k_keep);
        end
    endgenerate
    reg                     k_mode;
    reg  [QD-1:0]           k_col, k_ap, k_act, k_pre;
    reg                     k_head_miss, k_head_pre, k_head_blocked;
    reg  [BANK_BITS-1:0]    k_head_bank;
    reg  [`HBM_CMD_BITS-1:0] k_ref;
    reg  [BANK_BITS-1:0]    k_ref_bank;
    always @(posedge clk_i)
        if (rst_i) begin
            k_mode         <= 1'b0;
            k_col          <= {QD{1'b0}};
            k_ap           <= {QD{1'b0}};
            k_act          <= {QD{1'b0}};
            k_pre          <= {QD{1'b0}};
            k_head_miss    <= 1'b0;
            k_head_pre     <= 1'b0;
            k_head_blocked <= 1'b0;
            k_head_bank    <= {BANK_BITS{1'b0}};
            k_ref          <= `HBM_CMD_NOP;
            k_ref_bank     <= {BANK_BITS{1'b0}};
        end else begin
            k_mode         <= mode;
            k_col          <= mode ? c_col[1] : c_col[0];
            k_ap           <= mode ? c_ap[1] : c_ap[0];
            k_act          <= mode ? c_act[1] : c_act[0];
            k_pre          <= mode ? c_pre[1] : c_pre[0];
            k_head_miss    <= mode ? m_head_miss[1] : m_head_miss[0];
            k_head_pre     <= mode ? m_head_pre[1] : m_head_pre[0];
            k_head_blocked <= mode ? m_head_blocked[1] : m_head_blocked[0];
            k_head_bank    <= mode ? m_head_bank[1] : m_head_bank[0];
            k_ref          <= cand_ref;
            k_ref_bank     <= (REFRESH_MODE == 0) ? {BANK_BITS{1'b0}} : ref_bank_i;
        end


    // =====================================================================
    // Reduce stage (cycle t): from K (the candidates of t-1, positions of
    // S_t) the bank candidate register KB: per bank its oldest column
    // candidate and its oldest row candidate, without the entry I_t pops
    // and without the banks I_t's commands touch (they change what the
    // candidate stage saw), with their slots, their positions after I_t's
    // pop, and which bank's candidate is the older of each two.  Legality
    // is per bank, so the oldest legal candidate among these is the oldest
    // legal one of K: the pick that follows compares 16 banks, not every
    // position.  fcfs: the head only (K holds the entry after it too, the
    // head once I_t pops the old one).
    // =====================================================================
    localparam [BANKS-1:0] ALL_BANKS = {BANKS{1'b1}};
    localparam [BANKS-1:0] ONE_BANK  = {{(BANKS-1){1'b0}}, 1'b1};
    // fcfs: the head (position 1 while I_t pops position 0)
    wire [QD-1:0] r_col_src = !FCFS ? k_col & ~k_gone :
                              k_gone[0] ? k_col & ({{(QD-1){1'b0}}, 1'b1} << 1) : k_col & {{(QD-1){1'b0}}, 1'b1};
    wire [QD-1:0] r_row_src = (k_act | k_pre) & ~k_gone;
    // (per bank: a bit of a vector, or an element of an array of nets)
    wire [BANKS-1:0]    r_col_v, r_col_ap, r_row_v, r_row_pre;
    wire [POS_BITS-1:0] r_col_at [0:BANKS-1];   // positions of S_t (for the age order)
    wire [POS_BITS-1:0] r_row_at [0:BANKS-1];
    wire [POS_BITS-1:0] r_col_pos [0:BANKS-1];  // ... after I_t's pop
    wire [QD-1:0]       r_col_1h [0:BANKS-1];   // ... as a one-hot
    wire [BANKS-1:0]    r_col_0, r_col_1, r_row_0, r_row_1;  // ... at position 0, 1
    wire [POS_BITS-1:0] r_col_slot [0:BANKS-1];
    wire [POS_BITS-1:0] r_row_slot [0:BANKS-1];
    generate
        for (g = 0; g < BANKS; g = g + 1) begin : gen_reduce
            wire [QD-1:0] m = k_mode ? w_mask[g] : r_mask[g];
            wire [QD-1:0] c1h, r1h;
            wire          c_found, r_found;
            wire [POS_BITS-1:0] c_at, r_at, c_pos;
            wire [QB-1:0]       c_idx, r_idx;
            hbm_first_set #(.WIDTH(QD)) u_col (.vec_i(r_col_src & m), .found_o(c_found), .onehot_o(c1h), .idx_o(c_idx));
            hbm_first_set #(.WIDTH(QD)) u_row (.vec_i(r_row_src & m), .found_o(r_found), .onehot_o(r1h), .idx_o(r_idx));
            assign c_at = {{(POS_BITS-QB){1'b0}}, c_idx};
            assign r_at = {{(POS_BITS-QB){1'b0}}, r_idx};
            // positions after I_t's pop: one less above it
            wire [QD-1:0] c1h_n = k_gone_any ? (c1h & k_keep) | ((c1h >> 1) & ~k_keep) : c1h;
            // (the row candidate: only whether it is at position 0 or 1)
            wire [2:0]    r1h_p, keep_p;   // positions 0..2 (0 past the queue)
            genvar hp;
            for (hp = 0; hp < 3; hp = hp + 1) begin : gen_low
                if (hp < QD) begin : gen_in
                    assign r1h_p[hp]  = r1h[hp];
                    assign keep_p[hp] = k_keep[hp];
                end else begin : gen_out
                    assign r1h_p[hp]  = 1'b0;
                    assign keep_p[hp] = 1'b0;
                end
            end
            wire [1:0]    r1h_n  = k_gone_any ? (r1h_p[1:0] & keep_p[1:0]) | (r1h_p[2:1] & ~keep_p[1:0])
                                              : r1h_p[1:0];
            wire          unused_keep2 = keep_p[2];
            // the candidates' slots (the queue's age list at their
            // positions), and the column one's position after the pop
            wire [POS_BITS-1:0] c_slot = k_mode ? {{(POS_BITS-WQ_SB){1'b0}}, wq_order_i[c_at[WQ_SB-1:0]*WQ_SB +: WQ_SB]}
                                                : {{(POS_BITS-RQ_SB){1'b0}}, rq_order_i[c_at[RQ_SB-1:0]*RQ_SB +: RQ_SB]};
            wire [POS_BITS-1:0] r_slot = k_mode ? {{(POS_BITS-WQ_SB){1'b0}}, wq_order_i[r_at[WQ_SB-1:0]*WQ_SB +: WQ_SB]}
                                                : {{(POS_BITS-RQ_SB){1'b0}}, rq_order_i[r_at[RQ_SB-1:0]*RQ_SB +: RQ_SB]};
            assign c_pos = c_at - {{(POS_BITS-1){1'b0}}, k_gone_any && c_at > col_pos_o};
            assign r_col_1h[g] = c1h_n;
            assign r_col_0[g] = c1h_n[0];
            assign r_row_0[g] = r1h_n[0];
            assign r_row_1[g] = r1h_n[1];
            if (QD > 1) begin : gen_at1
                assign r_col_1[g] = c1h_n[1];
            end else begin : gen_no_at1
                assign r_col_1[g] = 1'b0;
            end
            assign r_col_v[g]   = c_found && !touched[g];
            assign r_col_ap[g]  = (c1h & k_ap) != {QD{1'b0}};
            assign r_row_v[g]   = r_found && !touched[g];
            assign r_row_pre[g] = (r1h & k_pre) != {QD{1'b0}};
            assign r_col_at[g]   = c_at;
            assign r_row_at[g]   = r_at;
            assign r_col_pos[g]  = c_pos;
            assign r_col_slot[g] = c_slot;
            assign r_row_slot[g] = r_slot;
        end
    endgenerate
    // The age order: bit c of [b] says bank c's candidate is older than
    // bank b's (only asked when both are valid: distinct entries), so that
    // the pick asks one vector per bank.
    reg [BANKS-1:0] r_col_elder [0:BANKS-1];
    reg [BANKS-1:0] r_row_elder [0:BANKS-1];
    always @* begin : age_order
        integer ob, oc;
        for (ob = 0; ob < BANKS; ob = ob + 1) begin
            r_col_elder[ob] = {BANKS{1'b0}};
            r_row_elder[ob] = {BANKS{1'b0}};
        end
        // one compare per two banks (two candidates are never at one position)
        for (ob = 0; ob < BANKS; ob = ob + 1)
            for (oc = ob + 1; oc < BANKS; oc = oc + 1) begin
                r_col_elder[ob][oc] = r_col_at[oc] < r_col_at[ob];
                r_row_elder[ob][oc] = r_row_at[oc] < r_row_at[ob];
                r_col_elder[oc][ob] = !r_col_elder[ob][oc];
                r_row_elder[oc][ob] = !r_row_elder[ob][oc];
            end
    end

    // The bank candidate register.
    reg                      kb_mode;
    reg  [BANKS-1:0]         kb_col_v, kb_col_ap, kb_row_v, kb_row_pre;
    reg  [POS_BITS-1:0]      kb_col_pos [0:BANKS-1];
    reg  [POS_BITS-1:0]      kb_col_slot [0:BANKS-1];
    reg  [POS_BITS-1:0]      kb_row_slot [0:BANKS-1];
    reg  [QD-1:0]            kb_col_1h [0:BANKS-1];
    reg  [BANKS-1:0]         kb_col_0, kb_col_1, kb_row_0, kb_row_1;
    reg  [BANKS-1:0]         kb_col_elder [0:BANKS-1];
    reg  [BANKS-1:0]         kb_row_elder [0:BANKS-1];
    reg                      kb_head_miss, kb_head_pre, kb_head_blocked;
    reg  [BANK_BITS-1:0]     kb_head_bank;
    reg  [`HBM_CMD_BITS-1:0] kb_ref;
    reg  [BANK_BITS-1:0]     kb_ref_bank;
    wire r_ref_touched = (REFRESH_MODE == 0) ? touched_any : touched[k_ref_bank];
    always @(posedge clk_i)
        if (rst_i) begin
            kb_mode         <= 1'b0;
            kb_col_v        <= {BANKS{1'b0}};
            kb_row_v        <= {BANKS{1'b0}};
            kb_head_miss    <= 1'b0;
            kb_ref          <= `HBM_CMD_NOP;
        end else begin
            kb_mode         <= k_mode;
            kb_col_v        <= r_col_v;
            kb_row_v        <= r_row_v;
            kb_head_miss    <= k_head_miss && !k_gone[0] && !touched[k_head_bank];
            kb_ref          <= r_ref_touched ? `HBM_CMD_NOP : k_ref;
        end
    // (fields that count only with their valid bit: no reset)
    always @(posedge clk_i) begin : kb_fields
        integer fb;
        for (fb = 0; fb < BANKS; fb = fb + 1) begin
            kb_col_pos[fb]   <= r_col_pos[fb];
            kb_col_1h[fb]    <= r_col_1h[fb];
            kb_col_slot[fb]  <= r_col_slot[fb];
            kb_row_slot[fb]  <= r_row_slot[fb];
            kb_col_elder[fb] <= r_col_elder[fb];
            kb_row_elder[fb] <= r_row_elder[fb];
        end
        kb_col_ap       <= r_col_ap;
        kb_row_pre      <= r_row_pre;
        kb_col_0        <= r_col_0;
        kb_col_1        <= r_col_1;
        kb_row_0        <= r_row_0;
        kb_row_1        <= r_row_1;
        kb_head_pre     <= k_head_pre;
        kb_head_blocked <= k_head_blocked;
        kb_head_bank    <= k_head_bank;
        kb_ref_bank     <= k_ref_bank;
    end

    // =====================================================================
    // Pick stage (cycle t): from KB (reduced in t-1), the commands legal in
    // t+1 (timing of hbm_timing, which holds I_t's commands), dropping
    // every candidate of a bank I_t's commands open or close (touched),
    // the column candidate of the bank of I_t's column command (it may be
    // the entry I_t pops), and the head if I_t pops it.  Among the legal
    // bank candidates the oldest: one AND-NOR over the banks, by the
    // registered age order.
    // =====================================================================
    wire [BANKS-1:0] p_col_ok = (kb_mode ? wr_ok : rd_ok) & ~touched & ~col_bank_now;
    wire [BANKS-1:0] p_act_ok = act_ok & ~touched;
    wire [BANKS-1:0] p_pre_ok = pre_ok & ~touched;
    wire [BANKS-1:0] legal_col = kb_col_v & p_col_ok;
    wire [BANKS-1:0] legal_row = kb_row_v & (kb_row_pre & p_pre_ok | ~kb_row_pre & p_act_ok);
    reg  [BANKS-1:0] col_sel, fr_sel;   // the oldest legal bank candidate (one-hot)
    always @* begin : oldest
        integer sb;
        for (sb = 0; sb < BANKS; sb = sb + 1) begin
            col_sel[sb] = legal_col[sb] && (legal_col & kb_col_elder[sb]) == {BANKS{1'b0}};
            fr_sel[sb]  = legal_row[sb] && (legal_row & kb_row_elder[sb]) == {BANKS{1'b0}};
        end
    end
    // Per bank, its candidate's position after the edge: one less if the
    // issue register's column command pops an older entry of the same
    // queue (only at RATIO 2: at 1, tCCD_S >= tBURST keeps column commands
    // two clocks apart, so no column pick follows one).  Worked out beside
    // the legality, so that the pick only selects.
    reg [POS_BITS-1:0]       n_col_pos [0:BANKS-1];
    reg [QD-1:0]             n_col_1h [0:BANKS-1];
    reg [BANKS-1:0]          n_col_0, n_row_0;
    always @* begin : after_pop
        integer nb;
        reg shift;
        for (nb = 0; nb < BANKS; nb = nb + 1) begin
            shift = (RATIO > 1) && kb_gone_any && kb_col_pos[nb] > col_pos_o;
            n_col_pos[nb] = kb_col_pos[nb] - {{(POS_BITS-1){1'b0}}, shift};
            n_col_1h[nb] = shift ? kb_col_1h[nb] >> 1 : kb_col_1h[nb];
            n_col_0[nb] = kb_col_0[nb] || (shift && kb_col_1[nb]);
            // (a row candidate above the popped entry moves down one too)
            n_row_0[nb] = kb_row_0[nb] || (kb_gone0 && kb_row_1[nb]);
        end
    end
    // the selected bank's fields (an AND-OR over the banks)
    reg [POS_BITS-1:0]  col_pos_next, col_slot, fr_slot;
    reg [QD-1:0]        pop_1h_d;   // the popped entry's position vector after the edge
    reg [BANK_BITS-1:0] col_bank, fr_bank;
    always @* begin : selected
        integer sb;
        col_pos_next = {POS_BITS{1'b0}};
        col_slot = {POS_BITS{1'b0}};
        pop_1h_d = {QD{1'b0}};
        fr_slot  = {POS_BITS{1'b0}};
        col_bank = {BANK_BITS{1'b0}};
        fr_bank  = {BANK_BITS{1'b0}};
        for (sb = 0; sb < BANKS; sb = sb + 1) begin
            if (col_sel[sb]) begin
                col_pos_next = col_pos_next | n_col_pos[sb];
                col_slot = col_slot | kb_col_slot[sb];
                pop_1h_d = pop_1h_d | n_col_1h[sb];
                col_bank = col_bank | sb[BANK_BITS-1:0];
            end
            if (fr_sel[sb]) begin
                fr_slot = fr_slot | kb_row_slot[sb];
                fr_bank = fr_bank | sb[BANK_BITS-1:0];
            end
        end
    end
    // col_pos_next == 0: the oldest legal candidate is at the head exactly
    // when some legal candidate is (no entry is older than the head)
    wire col_at_head = (legal_col & n_col_0) != {BANKS{1'b0}};

    // ---- 3. column pick: the oldest legal candidate ------------------------------
    wire col_found = legal_col != {BANKS{1'b0}};
    wire col_go    = col_found && credit_ok_i;
    wire auto_pre  = (col_sel & kb_col_ap) != {BANKS{1'b0}};
    wire [`HBM_CMD_BITS-1:0] col_cmd = !col_go ? `HBM_CMD_NOP :
                                       kb_mode ? (auto_pre ? `HBM_CMD_WRA : `HBM_CMD_WR)
                                               : (auto_pre ? `HBM_CMD_RDA : `HBM_CMD_RD);
    // its DRAM clock: the first of the cycle if legal there
    wire col_late = (RATIO > 1) && (col_sel & (kb_mode ? wr_ok0 : rd_ok0)) == {BANKS{1'b0}};

    // ---- 4. row pick ------------------------------------------------------
    reg [`HBM_CMD_BITS-1:0] ref_cmd;
    always @* begin
        case (kb_ref)
            `HBM_CMD_PREA:  ref_cmd = (pre_all_ok_i[RATIO-1] && !touched_any) ? kb_ref : `HBM_CMD_NOP;
            `HBM_CMD_REFAB: ref_cmd = (ref_all_ok_i[RATIO-1] && !touched_any) ? kb_ref : `HBM_CMD_NOP;
            `HBM_CMD_PRE:   ref_cmd = (pre_ok[kb_ref_bank] && !touched[kb_ref_bank]) ? kb_ref : `HBM_CMD_NOP;
            `HBM_CMD_REFPB: ref_cmd = (ref_ok[kb_ref_bank] && !touched[kb_ref_bank]) ? kb_ref : `HBM_CMD_NOP;
            default:        ref_cmd = `HBM_CMD_NOP;
        endcase
    end

    // The head's row command (a head I_t pops is no head), else the oldest
    // bank candidate with a legal ACT or PRE.
    wire                head_go   = kb_head_miss && !kb_gone0;
    wire [POS_BITS-1:0] head_slot = kb_mode ? {{(POS_BITS-WQ_SB){1'b0}}, wq_head_slot_i}
                                            : {{(POS_BITS-RQ_SB){1'b0}}, rq_head_slot_i};
    wire                head_ok   = !kb_head_blocked && !touched[kb_head_bank] &&
                                    (kb_head_pre ? pre_ok[kb_head_bank] : act_ok[kb_head_bank]);
    wire                fr_found  = legal_row != {BANKS{1'b0}};
    wire                fr_is_pre = (fr_sel & kb_row_pre) != {BANKS{1'b0}};

    reg [`HBM_CMD_BITS-1:0] row_cmd;
    reg [BANK_BITS-1:0]     row_bank;
    reg                     row_mark;
    reg [POS_BITS-1:0]      row_slot;
    reg                     row_early;  // legal in the first DRAM clock of the cycle
    always @* begin
        row_early = 1'b1;
        row_cmd  = `HBM_CMD_NOP;
        row_bank = {BANK_BITS{1'b0}};
        row_mark = 1'b0;
        row_slot = {POS_BITS{1'b0}};
        if (ref_cmd != `HBM_CMD_NOP) begin
            row_cmd  = ref_cmd;
            row_bank = kb_ref_bank;
            case (ref_cmd)
                `HBM_CMD_PREA:  row_early = pre_all_ok_i[0];
                `HBM_CMD_REFAB: row_early = ref_all_ok_i[0];
                `HBM_CMD_PRE:   row_early = pre_ok0[kb_ref_bank];
                default:        row_early = ref_ok0[kb_ref_bank];
            endcase
        end else if (head_go) begin
            if (head_ok) begin
                row_cmd  = kb_head_pre ? `HBM_CMD_PRE : `HBM_CMD_ACT;
                row_bank = kb_head_bank;
                row_mark = 1'b1;
                row_slot = head_slot;
                row_early = kb_head_pre ? pre_ok0[kb_head_bank] : act_ok0[kb_head_bank];
            end
        end else if (fr_found) begin
            row_cmd  = fr_is_pre ? `HBM_CMD_PRE : `HBM_CMD_ACT;
            row_bank = fr_bank;
            row_mark = 1'b1;
            row_slot = fr_slot;
            row_early = (fr_sel & (fr_is_pre ? pre_ok0 : act_ok0)) != {BANKS{1'b0}};
        end
    end

    // ---- the events (model/hbm_encoding.def): the candidate stage's (mode,
    // starvation, waits) and the pick stage's (what each pick chose) ----------
    // Positions as the model counts them: after the issue register's pop
    // (an entry of KB's queue older than the pick moves down one).
    wire row_pick_head = head_go || (legal_row & n_row_0) != {BANKS{1'b0}};  // the oldest entry left
    wire row_from_pick = ref_cmd == `HBM_CMD_NOP && row_cmd != `HBM_CMD_NOP;
    always @* begin
        events_o = {`HBM_NEVENT{1'b0}};
        events_o[`HBM_EV_COL_HEAD]       = col_go && col_at_head;
        events_o[`HBM_EV_COL_YOUNGER]    = col_go && !col_at_head;
        events_o[`HBM_EV_ACT_HEAD]       = row_from_pick && row_cmd == `HBM_CMD_ACT && row_pick_head;
        events_o[`HBM_EV_ACT_YOUNGER]    = row_from_pick && row_cmd == `HBM_CMD_ACT && !row_pick_head;
        events_o[`HBM_EV_PRE_CONFLICT]   = row_from_pick && row_cmd == `HBM_CMD_PRE;
        events_o[`HBM_EV_HEAD_FIRST_ROW] = row_from_pick && head_go;
        events_o[`HBM_EV_REFRESH_CMD]    = ref_cmd != `HBM_CMD_NOP;
        events_o[`HBM_EV_AUTO_PRECHARGE] = col_go && auto_pre;
        events_o[`HBM_EV_TO_WRITE]       = mode && !mode_q;
        events_o[`HBM_EV_TO_READ]        = !mode && mode_q;
        events_o[`HBM_EV_STARVED]        = starved_r || starved_w;
        events_o[`HBM_EV_READ_WAITS]     = rq_wait_i[0];
        events_o[`HBM_EV_NO_CREDIT]      = !credit_ok_i;
    end

    // ---- the issue register -----------------------------------------------------
    // The decoded flags and vectors of the commands it takes (see the top).
    // The banks as one-hot vectors straight from the picks' bank one-hots
    // (not by decoding the bank numbers the picks give).
    wire [BANKS-1:0] col_bank_d1h = col_sel, fr_bank_d1h = fr_sel;
    wire [BANKS-1:0] row_bank_d1h = (ref_cmd != `HBM_CMD_NOP) ? ONE_BANK << kb_ref_bank :
                                    head_go ? ONE_BANK << kb_head_bank : fr_bank_d1h;
    wire             col_ap_d     = col_go && auto_pre;
    wire [BANKS-1:0] act_d   = (row_cmd == `HBM_CMD_ACT) ? row_bank_d1h : {BANKS{1'b0}};
    wire [BANKS-1:0] close_d = ((row_cmd == `HBM_CMD_PREA) ? ALL_BANKS : {BANKS{1'b0}}) |
                               ((row_cmd == `HBM_CMD_PRE) ? row_bank_d1h : {BANKS{1'b0}}) |
                               (col_ap_d ? col_bank_d1h : {BANKS{1'b0}});
    wire [BANKS-1:0] touched_d =
        ((row_cmd == `HBM_CMD_ACT || row_cmd == `HBM_CMD_PRE || row_cmd == `HBM_CMD_REFPB) ? row_bank_d1h :
         (row_cmd == `HBM_CMD_PREA || row_cmd == `HBM_CMD_REFAB) ? ALL_BANKS : {BANKS{1'b0}}) |
        (col_ap_d ? col_bank_d1h : {BANKS{1'b0}});
    always @(posedge clk_i) begin
        if (rst_i) begin
            col_issued  <= 1'b0;
            pop_r       <= 1'b0;
            pop_w       <= 1'b0;
            leaving_r   <= 1'b0;
            leaving_w   <= 1'b0;
            col_head_o  <= 1'b0;
            gone_r      <= {QD{1'b0}};
            gone_w      <= {QD{1'b0}};
            k_gone_any  <= 1'b0;
            k_gone      <= {QD{1'b0}};
            kb_gone_any <= 1'b0;
            kb_gone0    <= 1'b0;
            col_bank_now <= {BANKS{1'b0}};
            act_now     <= {BANKS{1'b0}};
            close_now   <= {BANKS{1'b0}};
            touched     <= {BANKS{1'b0}};
            touched_any <= 1'b0;
        end else begin
            col_issued  <= col_go;
            pop_r       <= col_go && !kb_mode;
            pop_w       <= col_go && kb_mode;
            leaving_r   <= col_go && !kb_mode && col_at_head;
            leaving_w   <= col_go && kb_mode && col_at_head;
            col_head_o  <= col_at_head;
            gone_r      <= (col_go && !kb_mode) ? pop_1h_d : {QD{1'b0}};
            gone_w      <= (col_go && kb_mode) ? pop_1h_d : {QD{1'b0}};
            k_gone_any  <= col_go && kb_mode == mode;
            k_gone      <= (col_go && kb_mode == mode) ? pop_1h_d : {QD{1'b0}};
            kb_gone_any <= col_go && kb_mode == k_mode;
            kb_gone0    <= col_go && kb_mode == k_mode && col_at_head;
            col_bank_now <= col_go ? col_bank_d1h : {BANKS{1'b0}};
            act_now     <= act_d;
            close_now   <= close_d;
            touched     <= touched_d;
            touched_any <= touched_d != {BANKS{1'b0}};
        end
    end
`ifndef SYNTHESIS
    // The decoded registers are the decodes of the issue register.
    `HBM_ASSERT("the issue register's decoded flags match its commands",
                col_issued == (col_cmd_o != `HBM_CMD_NOP) && pop_r == (col_issued && !col_write_o) &&
                pop_w == (col_issued && col_write_o) &&
                (!col_issued || col_head_o == (col_pos_o == {POS_BITS{1'b0}})) &&
                leaving_r == (pop_r && col_pos_o == {POS_BITS{1'b0}}) &&
                leaving_w == (pop_w && col_pos_o == {POS_BITS{1'b0}}) &&
                gone_r == (pop_r ? {{(QD-1){1'b0}}, 1'b1} << col_pos_o : {QD{1'b0}}) &&
                gone_w == (pop_w ? {{(QD-1){1'b0}}, 1'b1} << col_pos_o : {QD{1'b0}}) &&
                k_gone_any == (col_issued && col_write_o == k_mode) &&
                kb_gone_any == (col_issued && col_write_o == kb_mode) &&
                kb_gone0 == (kb_gone_any && col_pos_o == {POS_BITS{1'b0}}) &&
                col_bank_now == (col_issued ? ONE_BANK << col_bank_o : {BANKS{1'b0}}) &&
                k_gone == (k_gone_any ? {{(QD-1){1'b0}}, 1'b1} << col_pos_o : {QD{1'b0}}))
    `HBM_ASSERT("the issue register's decoded banks match its commands",
                act_now == ((row_cmd_o == `HBM_CMD_ACT) ? ONE_BANK << row_bank_o : {BANKS{1'b0}}) &&
                touched == (((row_cmd_o == `HBM_CMD_ACT || row_cmd_o == `HBM_CMD_PRE ||
                              row_cmd_o == `HBM_CMD_REFPB) ? ONE_BANK << row_bank_o :
                             (row_cmd_o == `HBM_CMD_PREA || row_cmd_o == `HBM_CMD_REFAB) ? ALL_BANKS
                                                                                         : {BANKS{1'b0}}) |
                            ((col_cmd_o == `HBM_CMD_RDA || col_cmd_o == `HBM_CMD_WRA) ? ONE_BANK << col_bank_o
                                                                                        : {BANKS{1'b0}})) &&
                touched_any == (touched != {BANKS{1'b0}}) &&
                close_now == (((row_cmd_o == `HBM_CMD_PREA) ? ALL_BANKS : {BANKS{1'b0}}) |
                              ((row_cmd_o == `HBM_CMD_PRE) ? ONE_BANK << row_bank_o : {BANKS{1'b0}}) |
                              ((col_cmd_o == `HBM_CMD_RDA || col_cmd_o == `HBM_CMD_WRA) ? ONE_BANK << col_bank_o
                                                                                          : {BANKS{1'b0}})))
`endif
    always @(posedge clk_i) begin
        if (rst_i) begin
            mode_q      <= 1'b0;
            row_cmd_o   <= `HBM_CMD_NOP;
            row_phase_o <= 1'b0;
            col_phase_o <= 1'b0;
            row_bank_o  <= {BANK_BITS{1'b0}};
            row_mark_o  <= 1'b0;
            row_write_o <= 1'b0;
            row_slot_o  <= {POS_BITS{1'b0}};
            col_cmd_o   <= `HBM_CMD_NOP;
            col_bank_o  <= {BANK_BITS{1'b0}};
            col_write_o <= 1'b0;
            col_pos_o   <= {POS_BITS{1'b0}};
            col_slot_o  <= {POS_BITS{1'b0}};
        end else begin
            mode_q      <= mode;
            row_cmd_o   <= row_cmd;
            row_phase_o <= (RATIO > 1) && !row_early;
            col_phase_o <= col_late;
            row_bank_o  <= row_bank;
            row_mark_o  <= row_mark;
            row_write_o <= kb_mode;
            row_slot_o  <= row_slot;
            col_cmd_o   <= col_cmd;
            col_bank_o  <= col_bank;
            col_write_o <= kb_mode;
            col_pos_o   <= col_pos_next;
            col_slot_o  <= col_slot;
        end
    end
`ifndef SYNTHESIS
    // At RATIO 1 the column pick's position needs no correction for the
    // issue register's pop: the timing table never allows column commands
    // on two clocks in a row (tCCD_S >= tBURST = 2, checked when the config
    // is read).
    `HBM_ASSERT("no column command on the clock after a column command",
                RATIO > 1 || !(col_issued && col_cmd != `HBM_CMD_NOP))
`endif
endmodule

`resetall
