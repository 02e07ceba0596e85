// hbm_refresh - the refresh engine (docs/microarchitecture.md, Refresh).
//
// Clocking: clk_i, synchronous active-high rst_i.  active_o, bank_o and
// blocked_o are the scheduler's view for its candidate stage of this cycle: a refresh
// that starts this cycle already blocks its banks; one whose REFAB/REFPB is
// on the bus this cycle (done_i) no longer does, and the next starts in the
// cycle after at the earliest.  Whether a refresh starts, and at which bank,
// is a function of this cycle's state only (the engine's registers and the
// banks the queues hold), so it is decided a cycle ahead, from the state
// after the edge (the banks and queues as the issue register's pop leaves
// them, busy_stay_i and queues_empty_stay_i, then the request port's push,
// and this engine's own next state), and registered (start_q,
// start_bank_q): the candidate stage reads registers and a decoder, not the
// bank choice (docs/microarchitecture.md, "Hardware notes").  The push
// only selects: the bank choice is worked out without it, as the lowest and
// the second lowest idle bank, and the push of a request to the lowest
// takes the second.  The same function of each cycle's state as deciding
// in the cycle itself, so its C twin decides in the cycle.
// Owns when a refresh is owed (debt counter, one more every T_REFI_CK or
// T_REFIPB_CK clocks, saturating at 15), when it starts (debt reached
// REFRESH_POSTPONE, or its target idle), which bank a per-bank refresh goes
// to (an idle bank not yet refreshed this round: REFRESH_PICK lowest, the
// lowest at once; recent, the bank closed last if it qualifies and was not
// closed on its row's last column, else the lowest once (REFRESH_POSTPONE
// + 1) / 2 are owed; when none is idle and the debt is urgent, the lowest
// not yet refreshed) and the round of per-bank refreshes.  The row commands it
// needs (PREA/REFAB, PRE/REFPB) are issued by the scheduler, which reports
// the REFAB/REFPB back on done_i, and every PRE and RDA/WRA (the bank closed
// last, which this engine keeps).  C twin: model/hbm_refresh.c.
`default_nettype none
`include "hbm_defs.vh"

module hbm_refresh #(
    parameter integer BANKS            = 16,
    parameter integer BANK_BITS        = 4,
    parameter integer REFRESH_MODE     = 1,    // 0 all_bank, 1 per_bank, 2 none
    parameter integer REFRESH_POSTPONE = 8,
    parameter integer REFRESH_PICK     = 0,    // 0 lowest, 1 recent
    parameter integer T_REFI_CK        = 3900,
    parameter integer T_REFIPB_CK      = 243,
    parameter integer RATIO            = 1     // DRAM clocks per clock (dfi_ratio): 1 or 2
) (
    input  wire                 clk_i,
    input  wire                 rst_i,
    input  wire [BANKS-1:0]     busy_stay_i,    // after this edge, but for the push: a queued request
                                                // targets the bank (the pop has left)
    input  wire                 queues_empty_stay_i, // ... both request queues are empty
    input  wire                 push_i,         // a request enters a queue at this edge ...
    input  wire [BANK_BITS-1:0] push_bank_i,    // ... for this bank
    input  wire                 pre_i,          // a PRE on the row bus this cycle ...
    input  wire [BANK_BITS-1:0] pre_bank_i,     // ... to this bank
    input  wire                 auto_pre_i,     // an RDA/WRA on the column bus this cycle ...
    input  wire [BANK_BITS-1:0] auto_pre_bank_i, // ... to this bank ...
    input  wire                 auto_pre_end_i, // ... on its row's last column
    input  wire                 done_i,         // the REFAB/REFPB on the row bus this cycle
    output wire                 active_o,
    output wire [BANK_BITS-1:0] bank_o,         // target bank (per_bank)
    output wire [BANKS-1:0]     blocked_o,      // banks that take no ACT or column command
    output wire                 urgent_o        // event: a refresh is owed and its debt has
                                                // reached REFRESH_POSTPONE (registered state)
);
    localparam integer INTERVAL = (REFRESH_MODE == 1) ? T_REFIPB_CK : T_REFI_CK;
    localparam [BANKS-1:0] ALL = {BANKS{1'b1}};

    generate
        if (REFRESH_MODE < 0 || REFRESH_MODE > 2 || REFRESH_POSTPONE < 0 || REFRESH_POSTPONE > 8 ||
            REFRESH_PICK < 0 || REFRESH_PICK > 1 ||
            INTERVAL < 2 || INTERVAL > 65535 || RATIO < 1 || RATIO > 2) begin : gen_bad_refresh
            initial begin
                $display("%m: bad refresh parameters (mode %0d, postpone %0d, pick %0d, interval %0d)",
                         REFRESH_MODE, REFRESH_POSTPONE, REFRESH_PICK, INTERVAL);
                $finish;
            end
            INVALID_PARAMETER_REFRESH u_bad ();
        end
    endgenerate

    reg [15:0]          timer_q;
    reg [3:0]           debt_q;
    reg                 active_q;
    reg [BANK_BITS-1:0] bank_q;
    reg [BANKS-1:0]     done_mask_q;

    // The bank of the latest PRE or RDA/WRA, and whether that RDA/WRA was on
    // its row's last column, for REFRESH_PICK recent; a column
    // auto-precharge wins over a row PRE of the same cycle.
    reg [BANK_BITS-1:0] last_closed_q;
    reg                 last_end_q;
    wire [BANK_BITS-1:0] last_closed_next = auto_pre_i ? auto_pre_bank_i : pre_i ? pre_bank_i : last_closed_q;
    wire                 last_end_next    = auto_pre_i ? auto_pre_end_i : pre_i ? 1'b0 : last_end_q;
    always @(posedge clk_i)
        if (rst_i) begin
            last_closed_q <= {BANK_BITS{1'b0}};
            last_end_q    <= 1'b0;
        end else begin
            last_closed_q <= last_closed_next;
            last_end_q    <= last_end_next;
        end

    // Lowest set bit of a mask (0 when empty).
    function [BANK_BITS-1:0] lowest(input [BANKS-1:0] mask);
        integer k;
        begin
            lowest = {BANK_BITS{1'b0}};
            for (k = BANKS - 1; k >= 0; k = k - 1)
                if (mask[k])
                    lowest = k[BANK_BITS-1:0];
        end
    endfunction

    localparam integer WAIT = (REFRESH_POSTPONE + 1) / 2;  // recent: owed before falling back

    // Does a refresh start, and at which bank, in a cycle whose state is
    // (active, debt, done mask, bank closed last, busy banks, queues empty)?
    // Evaluated on the state after the edge and registered.
    reg              start_q;
    reg [BANK_BITS-1:0] start_bank_q;
    reg              start_d;
    reg [BANK_BITS-1:0] start_bank_d;
    wire             active_next;
    wire [3:0]       debt_next;
    wire [BANKS-1:0] done_mask_next;
    wire [BANKS-1:0] todo_next      = ~done_mask_next;
    // Idle banks not yet refreshed, as the pop leaves the queues (before the
    // push): the lowest and the second lowest; the push of a request to
    // the lowest makes the second the choice (and none, if it was alone).
    wire [BANKS-1:0] idle_stay      = todo_next & ~busy_stay_i;
    wire [BANK_BITS-1:0] idle_lo1   = lowest(idle_stay);
    wire [BANKS-1:0] idle_rest      = idle_stay & (idle_stay - {{(BANKS-1){1'b0}}, 1'b1});  // without its lowest bit
    wire [BANK_BITS-1:0] idle_lo2   = lowest(idle_rest);
    wire             push_lo1       = push_i && push_bank_i == idle_lo1;
    wire             idle_any_next  = idle_stay != {BANKS{1'b0}} && !(push_lo1 && idle_rest == {BANKS{1'b0}});
    wire [BANK_BITS-1:0] idle_lowest_next = push_lo1 ? idle_lo2 : idle_lo1;
    wire             queues_empty_next = queues_empty_stay_i && !push_i;
    wire             recent_ok_next = idle_stay[last_closed_next] && !(push_i && push_bank_i == last_closed_next) &&
                                      !last_end_next;
    wire             urgent_next;   // the debt has reached the postponement limit
    wire             waited_next;   // recent: owed long enough to take any idle bank
    generate
        if (REFRESH_POSTPONE == 0) begin : gen_no_postpone
            assign urgent_next = 1'b1;      // every refresh is due at once
            assign waited_next = 1'b1;
        end else begin : gen_postpone
            assign urgent_next = {28'd0, debt_next} >= REFRESH_POSTPONE;
            assign waited_next = {28'd0, debt_next} >= WAIT;
        end
    endgenerate
    always @* begin
        start_d = 1'b0;
        start_bank_d = {BANK_BITS{1'b0}};
        if (!active_next && debt_next != 4'd0) begin
            if (REFRESH_MODE == 0) begin
                start_d = urgent_next || queues_empty_next;
            end else if (REFRESH_MODE == 1) begin
                if (idle_any_next) begin
                    start_d = (REFRESH_PICK == 0) || recent_ok_next || waited_next;
                    start_bank_d = (REFRESH_PICK == 1 && recent_ok_next) ? last_closed_next
                                                                         : idle_lowest_next;
                end else if (urgent_next) begin
                    start_d = 1'b1;
                    start_bank_d = lowest(todo_next);
                end
            end
        end
    end
    wire urgent = (REFRESH_POSTPONE == 0) || {28'd0, debt_q} >= REFRESH_POSTPONE;
    wire start  = start_q;

    assign active_o  = (active_q && !done_i) || start;
    assign urgent_o  = debt_q != 4'd0 && urgent;
    assign bank_o    = active_q ? bank_q : start_bank_q;
    assign blocked_o = !active_o ? {BANKS{1'b0}} :
                       (REFRESH_MODE == 0) ? ALL : ({{(BANKS-1){1'b0}}, 1'b1} << bank_o);

    // The interval counter counts DRAM clocks, RATIO per clock: an interval
    // ends in this clock when at most RATIO are left (INTERVAL >= 2 >= RATIO).
    localparam [31:0] RATIO_32  = RATIO;
    localparam [31:0] REFILL_32 = INTERVAL - RATIO;
    localparam [15:0] RATIO_16  = RATIO_32[15:0];
    localparam [15:0] REFILL    = REFILL_32[15:0];
    wire       tick_inc  = (REFRESH_MODE != 2) && (timer_q <= RATIO_16);
    wire [3:0] debt_paid = debt_q - {3'd0, done_i};
    wire [BANKS-1:0] done_next = done_mask_q | ({{(BANKS-1){1'b0}}, 1'b1} << bank_o);
    assign debt_next      = debt_paid + {3'd0, tick_inc && debt_paid != 4'd15};
    assign active_next    = active_o;
    assign done_mask_next = (done_i && REFRESH_MODE == 1) ? ((done_next == ALL) ? {BANKS{1'b0}} : done_next)
                                                          : done_mask_q;

    always @(posedge clk_i) begin
        if (rst_i) begin
            timer_q      <= INTERVAL[15:0];
            debt_q       <= 4'd0;
            active_q     <= 1'b0;
            bank_q       <= {BANK_BITS{1'b0}};
            done_mask_q  <= {BANKS{1'b0}};
            start_q      <= 1'b0;
            start_bank_q <= {BANK_BITS{1'b0}};
        end else begin
            if (REFRESH_MODE != 2)
                timer_q <= tick_inc ? timer_q + REFILL : timer_q - RATIO_16;
            debt_q       <= debt_next;
            active_q     <= active_next;
            bank_q       <= bank_o;
            done_mask_q  <= done_mask_next;
            start_q      <= start_d;
            start_bank_q <= start_bank_d;
        end
    end

`ifndef SYNTHESIS
    `HBM_ASSERT("refresh done only while active", !done_i || active_q)
`endif
`ifdef FORMAL
    // ---- formal properties (formal/hbm_refresh.sby) -------------------------
    // The spec (docs/timing.md, refresh_rate): a bank may owe at most 8
    // refreshes; this engine promises REFRESH_POSTPONE (1 when that is 0:
    // a refresh is owed from its interval's end until it is done).  It owes
    // one more every INTERVAL clocks and relies on the scheduler to put an
    // active refresh on the bus within F_SERVICE clocks (assumed below; a
    // REFAB/REFPB waits at most for the bank's row to close and the last
    // refresh's tRFC), and to report done only while a refresh is active.
    // Then: the debt never exceeds the promise, a refresh starts at once
    // when the debt is urgent, and a per-bank round refreshes each bank
    // once.  Written for dfi_ratio 1 (counts in clocks).
    localparam integer F_SERVICE = INTERVAL - 2;
    localparam integer F_LIMIT   = (REFRESH_POSTPONE == 0) ? 1 : REFRESH_POSTPONE;
    reg        f_past_valid = 1'b0;
    reg [15:0] f_age_q;          // clocks the active refresh has been waiting
    always @(posedge clk_i)
        f_past_valid <= 1'b1;
    always @* if (!f_past_valid) assume(rst_i);
    always @* assume(RATIO == 1);
    always @(posedge clk_i)
        f_age_q <= (rst_i || !active_o || done_i) ? 16'd0 : f_age_q + 16'd1;
    always @* if (f_past_valid && !rst_i) begin
        assume(!done_i || active_q);
        assume(!active_q || f_age_q < F_SERVICE || done_i);
    end
    wire f_at_limit = {28'd0, debt_q} == F_LIMIT;
    always @* if (f_past_valid && !rst_i && REFRESH_MODE != 2) begin
        // the promise
        assert({28'd0, debt_q} <= F_LIMIT);
        // an urgent refresh is under way or starts now
        if (urgent && debt_q != 4'd0)
            assert(active_q || start);
        // the invariant behind them: at the limit, a refresh is under way
        // and ends before the next interval adds to the debt, or starts
        // in the clock the interval ended
        if (f_at_limit && active_q)
            assert({16'd0, f_age_q} + {16'd0, timer_q} >= F_SERVICE + 1);
        if (f_at_limit && !active_q)
            assert({16'd0, timer_q} == INTERVAL);
        assert({16'd0, timer_q} >= 1 && {16'd0, timer_q} <= INTERVAL);
        assert(active_q == (f_age_q != 16'd0));
        assert(!start_q || (!active_q && debt_q != 4'd0));  // decided a cycle ahead, from this state
        assert(!active_q || debt_q != 4'd0);   // a refresh is under way only when owed
    end
    always @* if (f_past_valid && !rst_i && REFRESH_MODE == 1) begin
        // a round: the bank being refreshed has not been yet in this round
        if (active_q)
            assert(!done_mask_q[bank_q]);
        assert(done_mask_q != ALL);
    end
    // Covers: the debt at the limit; the refresh that completes a round.
    always @* if (f_past_valid && !rst_i) begin
        cover(f_at_limit && REFRESH_MODE != 2);
        cover(REFRESH_MODE == 1 && done_i && (done_mask_q | ({{(BANKS-1){1'b0}}, 1'b1} << bank_q)) == ALL);
    end
`endif
endmodule

`resetall
