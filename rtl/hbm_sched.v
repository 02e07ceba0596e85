// hbm_sched - the scheduler: read/write mode, column pick, row pick, and
// the issue register they feed (docs/microarchitecture.md, "The decision
// pipeline").
//
// Clocking: clk_i, synchronous active-high rst_i.  Two stages:
//   pick  (cycle t): combinational from the state at the start of t and the
//         issue register, seeing the state as the issue register's commands
//         leave it: the bank state, timers and response credit come in as
//         their next-cycle views (open_next_i, *_ok_i, credit_ok_i), and
//         this module masks the entry the issue register pops (it is gone),
//         lowers the queue counts by it, and gives a queue whose head it
//         pops no head this cycle (no starvation; fcfs waits).
//   issue (cycle t+1): the issue register holds the picks; its commands are
//         this module's outputs, registered, on the DFI buses in t+1 and
//         taken by every other unit at that edge.
// Nothing a pick computes reaches a queue, a timer or the bank state in the
// cycle it is computed: the only path from the picks is into the issue
// register.  The starvation test and the mode are registered: decided a
// cycle ahead from the queues' count and head after the edge (the mode
// once per way the next issue register can pop, selected by it), the same
// function of each cycle's state, so the pick reads flags, not a 32-bit
// age or count arithmetic.
// The picks, in the order of the spec:
//   1. mode: a read head waiting for a write (read-after-write) drains
//      writes; else a starved queue head wins (the older of two), else the
//      write watermarks;
//   3. column pick: the oldest row hit of the active queue whose bank is
//      ready for RD/WR, not blocked by refresh, not the bank of a starved
//      head that misses, with a response credit (SCHEDULER fcfs: the head
//      only);
//   4. row pick: the refresh engine's command if legal; else the ACT/PRE of
//      a head served first (fcfs always, frfcfs once starved) that misses;
//      else (frfcfs only) the oldest request needing a legal ACT (bank
//      closed) or PRE (bank holds another row that no request of the active
//      queue hits).
// Works on bit vectors over age positions (bit i: the i-th oldest entry):
// each queue keeps which entries hit their open row and which bank each
// entry targets (hbm_req_queue), so every "oldest entry that ..." is the
// lowest set bit of an AND/OR of vectors (hbm_first_set); no field is
// compared per entry here.
// Owns no timing rule: legality comes from hbm_timing's *_ok vectors.
// C twin: model/hbm_sched.c (the same picks, plus the simulation shortcut)
// with the issue register in model/hbm_ctrl.c.
`default_nettype none
`include "hbm_defs.vh"

module hbm_sched #(
    parameter integer BANKS        = 16,
    parameter integer BANK_BITS    = 4,
    parameter integer ROW_BITS     = 14,
    parameter integer RQ_DEPTH     = 32,
    parameter integer WQ_DEPTH     = 64,
    parameter integer WQ_HIGH      = 60,
    parameter integer WQ_LOW       = 4,
    parameter integer STARVE_LIMIT = 1024,  // 0: off
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
    input  wire [`HBM_CLOG2(RQ_DEPTH):0]  rq_count_next_i,  // count and head's accept cycle after the edge
    input  wire [31:0]                   rq_head_ts_next_i,
    input  wire [ROW_BITS-1:0]           rq_head_row_i,
    input  wire [`HBM_CLOG2(RQ_DEPTH)-1:0] rq_head_slot_i,
    input  wire [`HBM_CLOG2(RQ_DEPTH)-1:0] rq_pick_slot_i,
    input  wire [ROW_BITS-1:0]           rq_row_row_i,
    input  wire [`HBM_CLOG2(RQ_DEPTH)-1:0] rq_row_slot_i,
    input  wire [WQ_DEPTH-1:0]           wq_valid_i,
    input  wire [WQ_DEPTH-1:0]           wq_hit_i,
    input  wire [BANKS*WQ_DEPTH-1:0]     wq_bank_mask_i,
    input  wire [`HBM_CLOG2(WQ_DEPTH):0]  wq_count_next_i,
    input  wire [31:0]                   wq_head_ts_next_i,
    input  wire [ROW_BITS-1:0]           wq_head_row_i,
    input  wire [`HBM_CLOG2(WQ_DEPTH)-1:0] wq_head_slot_i,
    input  wire [`HBM_CLOG2(WQ_DEPTH)-1:0] wq_pick_slot_i,
    input  wire [ROW_BITS-1:0]           wq_row_row_i,
    input  wire [`HBM_CLOG2(WQ_DEPTH)-1:0] wq_row_slot_i,
    // bank state and timing, as the issue register's commands leave them
    input  wire [BANKS-1:0]              open_next_i,
    // (timing per phase p of the next cycle: bits [p*BANKS +: BANKS])
    input  wire [RATIO*BANKS-1:0]        act_ok_i,
    input  wire [RATIO*BANKS-1:0]        pre_ok_i,
    input  wire [RATIO*BANKS-1:0]        rd_ok_i,
    input  wire [RATIO*BANKS-1:0]        wr_ok_i,
    input  wire [RATIO*BANKS-1:0]        ref_ok_i,
    // refresh engine (its view for this pick)
    input  wire                          ref_active_i,
    input  wire [BANK_BITS-1:0]          ref_bank_i,
    input  wire [BANKS-1:0]              blocked_i,
    // response credit for a column command in the next cycle
    input  wire                          credit_ok_i,
    // this cycle's picks: the mode, and the positions of the queues' read ports
    output wire                          write_mode_o,
    output wire [`HBM_CLOG2(`HBM_MAX(RQ_DEPTH, WQ_DEPTH))-1:0] col_pick_pos_o,
    output wire [`HBM_CLOG2(`HBM_MAX(RQ_DEPTH, WQ_DEPTH))-1:0] row_pick_pos_o,
    output wire                          col_pick_o,      // a column command picked (for the issue register) ...
    output wire [`HBM_CLOG2(`HBM_MAX(RQ_DEPTH, WQ_DEPTH))-1:0] col_pick_slot_o, // ... of the entry in this slot
    // the issue register: the commands on the buses this cycle
    output reg  [`HBM_CMD_BITS-1:0]      row_cmd_o,
    output reg                           row_phase_o,  // its DRAM clock in the cycle (0 at RATIO 1)
    output reg  [BANK_BITS-1:0]          row_bank_o,
    output reg  [ROW_BITS-1:0]           row_row_o,
    output reg                           row_mark_o,   // the row command serves a queue entry ...
    output reg                           row_write_o,  // ... of the write queue (0: read queue)
    output reg  [`HBM_CLOG2(`HBM_MAX(RQ_DEPTH, WQ_DEPTH))-1:0] row_slot_o,  // ... in this slot
    output reg  [`HBM_CMD_BITS-1:0]      col_cmd_o,
    output reg                           col_phase_o,
    output reg  [BANK_BITS-1:0]          col_bank_o,
    output reg                           col_write_o,  // the entry it pops: write queue (0: read)
    output reg  [`HBM_CLOG2(`HBM_MAX(RQ_DEPTH, WQ_DEPTH))-1:0] col_pos_o,   // its age position now
    output reg  [`HBM_CLOG2(`HBM_MAX(RQ_DEPTH, WQ_DEPTH))-1:0] col_slot_o,  // its slot
    // this cycle's picks as events (HBM_EV_* of hbm_encoding.vh; the
    // others are 0): what each pick chose and why the mode is what it is
    output reg  [`HBM_NEVENT-1:0]        events_o
);
    localparam integer QD       = `HBM_MAX(RQ_DEPTH, WQ_DEPTH);  // positions of the wider queue
    localparam integer POS_BITS = `HBM_CLOG2(QD);                // an age position
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
    wire                col_issued = col_cmd_o != `HBM_CMD_NOP;
    wire                pop_r = col_issued && !col_write_o;
    wire                pop_w = col_issued && col_write_o;
    wire [QD-1:0]       pop_1h = {{(QD-1){1'b0}}, 1'b1} << col_pos_o;
    wire [QD-1:0]       gone_r = pop_r ? pop_1h : {QD{1'b0}};
    wire [QD-1:0]       gone_w = pop_w ? pop_1h : {QD{1'b0}};
    wire                leaving_r = pop_r && col_pos_o == {POS_BITS{1'b0}};  // head in transit
    wire                leaving_w = pop_w && col_pos_o == {POS_BITS{1'b0}};

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
    // after the edge, so the pick reads registers: old_*_q says the head of
    // this cycle has waited STARVE_LIMIT cycles or more (count > 0); the
    // mode below takes them and w_older_d (the write head is the older of
    // the two) after the edge.  The same function of this cycle's state as
    // now - head accept >= STARVE_LIMIT.
    reg  r_old_q, w_old_q;
    wire r_old_d, w_old_d, w_older_d;  // their values after the edge
    generate
        if (STARVE_LIMIT != 0) begin : gen_starve
            wire [31:0] now_next   = now_i + RATIO;
            wire [31:0] age_r_next = now_next - rq_head_ts_next_i;
            wire [31:0] age_w_next = now_next - wq_head_ts_next_i;
            assign r_old_d   = (rq_count_next_i != 0) && (age_r_next >= STARVE_LIMIT);
            assign w_old_d   = (wq_count_next_i != 0) && (age_w_next >= STARVE_LIMIT);
            assign w_older_d = age_w_next > age_r_next;
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
            wire unused_starve = ^{now_i, rq_head_ts_next_i, wq_head_ts_next_i, rq_count_next_i, wq_count_next_i};
        end
    endgenerate
    wire starved_r = (STARVE_LIMIT != 0) && r_old_q && !leaving_r;
    wire starved_w = (STARVE_LIMIT != 0) && w_old_q && !leaving_w;

    // The mode is decided a cycle ahead: in cycle t, from the state after
    // the edge (counts, starvation flags, this pick's mode as the previous
    // one), once for each way the issue register of t+1 can pop (none; a
    // read at the head or above it; a write at the head or above it), and
    // registered; cycle t+1 selects by its issue register.  The same
    // function of each cycle's state and issue register as before, so the
    // pick starts from registers instead of count arithmetic.
    function mode_of(input r_old, input w_old, input w_older, input prev,
                     input [RQ_SB:0] rq_n, input [WQ_SB:0] wq_n, input leave_r, input leave_w);
        reg sr, sw;
        reg [31:0] wq_n32;
        begin
            sr = (STARVE_LIMIT != 0) && r_old && !leave_r;
            sw = (STARVE_LIMIT != 0) && w_old && !leave_w;
            wq_n32 = {{(31-WQ_SB){1'b0}}, wq_n};
            if (sr && sw)
                mode_of = w_older;
            else if (sr || sw)
                mode_of = sw;
            else if (!prev)
                mode_of = (wq_n32 >= WQ_HIGH) || (rq_n == 0 && wq_n != 0);
            else
                mode_of = !(wq_n == 0 || (wq_n32 <= WQ_LOW && rq_n != 0));
        end
    endfunction
    reg  [4:0] mode_case_q;  // [none, read head, read above, write head, write above]
    reg        mode;
    wire [RQ_SB:0] rq_cn = rq_count_next_i;
    wire [WQ_SB:0] wq_cn = wq_count_next_i;
    wire [RQ_SB:0] rq_cn1 = rq_count_next_i - {{RQ_SB{1'b0}}, 1'b1};
    wire [WQ_SB:0] wq_cn1 = wq_count_next_i - {{WQ_SB{1'b0}}, 1'b1};
    always @(posedge clk_i)
        if (rst_i)
            mode_case_q <= 5'b00000;
        else begin
            mode_case_q[0] <= mode_of(r_old_d, w_old_d, w_older_d, mode, rq_cn,  wq_cn,  1'b0, 1'b0);
            mode_case_q[1] <= mode_of(r_old_d, w_old_d, w_older_d, mode, rq_cn1, wq_cn,  1'b1, 1'b0);
            mode_case_q[2] <= mode_of(r_old_d, w_old_d, w_older_d, mode, rq_cn1, wq_cn,  1'b0, 1'b0);
            mode_case_q[3] <= mode_of(r_old_d, w_old_d, w_older_d, mode, rq_cn,  wq_cn1, 1'b0, 1'b1);
            mode_case_q[4] <= mode_of(r_old_d, w_old_d, w_older_d, mode, rq_cn,  wq_cn1, 1'b0, 1'b0);
        end
    wire col_head_o = col_pos_o == {POS_BITS{1'b0}};
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
    assign write_mode_o = mode;

    // ---- the active (a_) and the other (o_) queue, QD positions each ---------
    // Positions below each queue's count hold entries (S_t's positions); the
    // entry the issue register pops is not valid; positions a queue does not
    // have are never valid.
    wire [QD-1:0] r_hit = {{(QD-RQ_DEPTH){1'b0}}, rq_hit_i};
    wire [QD-1:0] w_hit = {{(QD-WQ_DEPTH){1'b0}}, wq_hit_i};
    wire [QD-1:0] r_valid = {{(QD-RQ_DEPTH){1'b0}}, rq_valid_i};
    wire [QD-1:0] w_valid = {{(QD-WQ_DEPTH){1'b0}}, wq_valid_i};
    wire [QD-1:0] r_wait  = {{(QD-RQ_DEPTH){1'b0}}, rq_wait_i};
    // A read that waits for a write is not scheduled (its hit still counts
    // for the page policy of the write queue's commands, through o_hit).
    wire [QD-1:0] a_valid = mode ? w_valid & ~gone_w : r_valid & ~gone_r & ~r_wait;
    wire [QD-1:0] a_hit   = (mode ? w_hit : r_hit) & a_valid;
    wire [QD-1:0] o_hit   = mode ? r_hit & r_valid & ~gone_r : w_hit & w_valid & ~gone_w;
    wire [QD-1:0] r_mask [0:BANKS-1];  // positions of each queue that target bank b
    wire [QD-1:0] w_mask [0:BANKS-1];
    genvar g;
    generate
        for (g = 0; g < BANKS; g = g + 1) begin : gen_bank_mask
            assign r_mask[g] = {{(QD-RQ_DEPTH){1'b0}}, rq_bank_mask_i[g*RQ_DEPTH +: RQ_DEPTH]};
            assign w_mask[g] = {{(QD-WQ_DEPTH){1'b0}}, wq_bank_mask_i[g*WQ_DEPTH +: WQ_DEPTH]};
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

    // The head of the active queue, served before any other entry (fcfs
    // always, frfcfs once starved), when it does not hit its open row.  A
    // head the issue register pops is no head (a_valid[0] is 0, and it is
    // not starved).  Its hit flag counts only if its bank stays open.
    localparam           FCFS = (SCHEDULER == 1);
    wire                 a_starved = mode ? starved_w : starved_r;
    wire                 a_first   = FCFS ? a_valid[0] : a_starved;
    wire [BANK_BITS*QD-1:0] a_bank_bits = mode ? w_bank_bits : r_bank_bits;
    wire [BANK_BITS-1:0] head_bank, col_bank, fr_bank;  // banks of the head and of the two picks
    wire [QD-1:0]        col_onehot, fr_onehot;
    generate
        for (g = 0; g < BANK_BITS; g = g + 1) begin : gen_bank_of
            assign head_bank[g] = a_bank_bits[g*QD];
            assign col_bank[g]  = |(col_onehot & a_bank_bits[g*QD +: QD]);
            assign fr_bank[g]   = |(fr_onehot & a_bank_bits[g*QD +: QD]);
        end
    endgenerate
    wire [ROW_BITS-1:0]  head_row  = mode ? wq_head_row_i : rq_head_row_i;
    wire [POS_BITS-1:0]  head_slot = mode ? {{(POS_BITS-WQ_SB){1'b0}}, wq_head_slot_i}
                                          : {{(POS_BITS-RQ_SB){1'b0}}, rq_head_slot_i};
    wire                 head_miss = a_first && !(a_hit[0] && open_next_i[head_bank]);
    // fcfs: only the head may take a column command
    wire [QD-1:0]        col_allow = FCFS ? {{(QD-1){1'b0}}, 1'b1} : {QD{1'b1}};
    wire [BANKS-1:0]     head_mask = head_miss ? ({{(BANKS-1){1'b0}}, 1'b1} << head_bank) : {BANKS{1'b0}};

    // ---- bank conditions spread over positions ----------------------------------
    // A bank the issue register closes keeps its hit flags until the edge:
    // open_next_i takes it off the column bus.
    wire [BANKS-1:0] col_ready = (mode ? wr_ok : rd_ok) & open_next_i & ~blocked_i & ~head_mask;
    reg  [BANKS-1:0] a_has_hit;   // banks some active entry hits
    reg  [QD-1:0]    col_ok;      // positions whose bank may take the column command
    reg  [QD-1:0]    act_want;    // positions whose bank is closed and may take an ACT
    reg  [QD-1:0]    pre_bank;    // positions whose bank is open, unhit and may take a PRE
    wire [BANKS-1:0] act_ready = act_ok & ~blocked_i & ~open_next_i;
    wire [BANKS-1:0] pre_ready = pre_ok & ~blocked_i & open_next_i & ~a_has_hit;
    integer b;
    always @* begin
        for (b = 0; b < BANKS; b = b + 1)
            a_has_hit[b] = (a_hit & (mode ? w_mask[b] : r_mask[b])) != {QD{1'b0}};
    end
    always @* begin : spread
        reg [QD-1:0] m;
        m        = {QD{1'b0}};
        col_ok   = {QD{1'b0}};
        act_want = {QD{1'b0}};
        pre_bank = {QD{1'b0}};
        for (b = 0; b < BANKS; b = b + 1)
            if (col_ready[b] || act_ready[b] || pre_ready[b]) begin
                m = mode ? w_mask[b] : r_mask[b];
                if (col_ready[b]) col_ok   = col_ok | m;
                if (act_ready[b]) act_want = act_want | m;
                if (pre_ready[b]) pre_bank = pre_bank | m;
            end
    end

    // ---- 3. column pick: the oldest ready row hit -------------------------------
    wire                col_found;
    wire [POS_BITS-1:0] col_pos;
    hbm_first_set #(.WIDTH(QD)) u_col_pick (
        .vec_i(a_hit & col_ok & col_allow), .found_o(col_found), .onehot_o(col_onehot), .idx_o(col_pos));
    wire                 col_go   = col_found && credit_ok_i;
    wire [POS_BITS-1:0]  col_slot = mode ? {{(POS_BITS-WQ_SB){1'b0}}, wq_pick_slot_i}
                                         : {{(POS_BITS-RQ_SB){1'b0}}, rq_pick_slot_i};
    // Page policy: auto-precharge when no other queued request hits the row.
    wire [QD-1:0] a_col_mask = mode ? w_mask[col_bank] : r_mask[col_bank];
    wire [QD-1:0] o_col_mask = mode ? r_mask[col_bank] : w_mask[col_bank];
    wire other_hit = ((a_hit & ~col_onehot & a_col_mask) != {QD{1'b0}}) ||
                     ((o_hit & o_col_mask) != {QD{1'b0}});
    wire auto_pre = (PAGE_POLICY == 1) || (PAGE_POLICY == 2 && !other_hit);
    wire [`HBM_CMD_BITS-1:0] col_cmd = !col_go ? `HBM_CMD_NOP :
                                       mode ? (auto_pre ? `HBM_CMD_WRA : `HBM_CMD_WR)
                                            : (auto_pre ? `HBM_CMD_RDA : `HBM_CMD_RD);
    // its DRAM clock: the first of the cycle if legal there
    wire col_late = (RATIO > 1) && !(mode ? wr_ok0[col_bank] : rd_ok0[col_bank]);
    // Its age position after the edge: one less if the issue register's
    // column command pops an older entry of the same queue (only at RATIO
    // 2: at 1, tCCD_S >= tBURST keeps column commands two clocks apart).
    wire col_shift = col_issued && col_write_o == mode && col_pos > col_pos_o;
    wire [POS_BITS-1:0] col_pos_next = col_pos - {{(POS_BITS-1){1'b0}}, col_shift};
    assign col_pick_pos_o  = col_pos;
    assign col_pick_o      = col_go;
    assign col_pick_slot_o = col_slot;

    // ---- 4. row pick ------------------------------------------------------
    wire any_open = |open_next_i;
    reg [`HBM_CMD_BITS-1:0] ref_cmd;
    always @* begin
        ref_cmd = `HBM_CMD_NOP;
        if (ref_active_i) begin
            if (REFRESH_MODE == 0) begin
                if (any_open)
                    ref_cmd = (&pre_ok) ? `HBM_CMD_PREA : `HBM_CMD_NOP;
                else
                    ref_cmd = (&ref_ok) ? `HBM_CMD_REFAB : `HBM_CMD_NOP;
            end else if (open_next_i[ref_bank_i]) begin
                ref_cmd = pre_ok[ref_bank_i] ? `HBM_CMD_PRE : `HBM_CMD_NOP;
            end else begin
                ref_cmd = ref_ok[ref_bank_i] ? `HBM_CMD_REFPB : `HBM_CMD_NOP;
            end
        end
    end

    // The oldest entry needing a legal ACT (bank closed) or PRE (its bank
    // holds another row that no active entry hits).
    wire [QD-1:0]       pre_want = pre_bank & ~a_hit;
    wire                fr_found;
    wire [POS_BITS-1:0] fr_pos;
    hbm_first_set #(.WIDTH(QD)) u_row_pick (
        .vec_i((act_want | pre_want) & a_valid), .found_o(fr_found), .onehot_o(fr_onehot), .idx_o(fr_pos));
    wire                fr_is_pre = (fr_onehot & pre_want) != {QD{1'b0}};
    wire [ROW_BITS-1:0]  fr_row   = mode ? wq_row_row_i : rq_row_row_i;
    wire [POS_BITS-1:0]  fr_slot  = mode ? {{(POS_BITS-WQ_SB){1'b0}}, wq_row_slot_i}
                                         : {{(POS_BITS-RQ_SB){1'b0}}, rq_row_slot_i};
    assign row_pick_pos_o = fr_pos;

    reg [`HBM_CMD_BITS-1:0] row_cmd;
    reg [BANK_BITS-1:0]     row_bank;
    reg [ROW_BITS-1:0]      row_row;
    reg                     row_mark;
    reg [POS_BITS-1:0]      row_slot;
    reg                     row_early;  // legal in the first DRAM clock of the cycle
    always @* begin
        row_early = 1'b1;
        row_cmd  = `HBM_CMD_NOP;
        row_bank = {BANK_BITS{1'b0}};
        row_row  = {ROW_BITS{1'b0}};
        row_mark = 1'b0;
        row_slot = {POS_BITS{1'b0}};
        if (ref_cmd != `HBM_CMD_NOP) begin
            row_cmd  = ref_cmd;
            row_bank = (REFRESH_MODE == 0) ? {BANK_BITS{1'b0}} : ref_bank_i;
            case (ref_cmd)
                `HBM_CMD_PREA:  row_early = &pre_ok0;
                `HBM_CMD_REFAB: row_early = &ref_ok0;
                `HBM_CMD_PRE:   row_early = pre_ok0[ref_bank_i];
                default:        row_early = ref_ok0[ref_bank_i];
            endcase
        end else begin
            if (head_miss) begin
                if (!blocked_i[head_bank] &&
                    (open_next_i[head_bank] ? pre_ok[head_bank] : act_ok[head_bank])) begin
                    row_cmd  = open_next_i[head_bank] ? `HBM_CMD_PRE : `HBM_CMD_ACT;
                    row_bank = head_bank;
                    row_row  = head_row;
                    row_mark = 1'b1;
                    row_slot = head_slot;
                    row_early = open_next_i[head_bank] ? pre_ok0[head_bank] : act_ok0[head_bank];
                end
            end else if (fr_found && !FCFS) begin
                row_cmd  = fr_is_pre ? `HBM_CMD_PRE : `HBM_CMD_ACT;
                row_bank = fr_bank;
                row_row  = fr_row;
                row_mark = 1'b1;
                row_slot = fr_slot;
                row_early = fr_is_pre ? pre_ok0[fr_bank] : act_ok0[fr_bank];
            end
        end
    end

    // ---- the picks' events (model/hbm_encoding.def) ---------------------------
    // Positions as the model counts them: after the issue register's pop
    // (an entry of the active queue older than the pick moves down one).
    wire row_shift     = col_issued && col_write_o == mode && col_pos_o < fr_pos;
    wire row_pick_head = head_miss || fr_pos == {{(POS_BITS-1){1'b0}}, row_shift};  // the oldest entry left
    wire row_from_pick = ref_cmd == `HBM_CMD_NOP && row_cmd != `HBM_CMD_NOP;
    always @* begin
        events_o = {`HBM_NEVENT{1'b0}};
        events_o[`HBM_EV_COL_HEAD]       = col_go && col_pos_next == {POS_BITS{1'b0}};
        events_o[`HBM_EV_COL_YOUNGER]    = col_go && col_pos_next != {POS_BITS{1'b0}};
        events_o[`HBM_EV_ACT_HEAD]       = row_from_pick && row_cmd == `HBM_CMD_ACT && row_pick_head;
        events_o[`HBM_EV_ACT_YOUNGER]    = row_from_pick && row_cmd == `HBM_CMD_ACT && !row_pick_head;
        events_o[`HBM_EV_PRE_CONFLICT]   = row_from_pick && row_cmd == `HBM_CMD_PRE;
        events_o[`HBM_EV_HEAD_FIRST_ROW] = row_from_pick && head_miss;
        events_o[`HBM_EV_REFRESH_CMD]    = ref_cmd != `HBM_CMD_NOP;
        events_o[`HBM_EV_AUTO_PRECHARGE] = col_go && auto_pre;
        events_o[`HBM_EV_TO_WRITE]       = mode && !mode_q;
        events_o[`HBM_EV_TO_READ]        = !mode && mode_q;
        events_o[`HBM_EV_STARVED]        = starved_r || starved_w;
        events_o[`HBM_EV_READ_WAITS]     = rq_wait_i[0];
        events_o[`HBM_EV_NO_CREDIT]      = !credit_ok_i;
    end

    // ---- the issue register -----------------------------------------------------
    always @(posedge clk_i) begin
        if (rst_i) begin
            mode_q      <= 1'b0;
            row_cmd_o   <= `HBM_CMD_NOP;
            row_phase_o <= 1'b0;
            col_phase_o <= 1'b0;
            row_bank_o  <= {BANK_BITS{1'b0}};
            row_row_o   <= {ROW_BITS{1'b0}};
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
            row_row_o   <= row_row;
            row_mark_o  <= row_mark;
            row_write_o <= mode;
            row_slot_o  <= row_slot;
            col_cmd_o   <= col_cmd;
            col_bank_o  <= col_bank;
            col_write_o <= mode;
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
