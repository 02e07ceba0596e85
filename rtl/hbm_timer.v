// hbm_timer - the down-counters every DRAM timing rule is built from: one
// per bank, for one class of command (ACT, PRE, RD, WR or REF).
//
// Clocking: clk_i, synchronous active-high rst_i, RATIO DRAM clocks per
// clock (dfi_ratio; docs/microarchitecture.md, DFI frequency ratio): the
// counters hold DRAM clocks from this clock's first DRAM clock (phase 0)
// and count down by RATIO; at RATIO 1 a DRAM clock is a clock and the
// text below reads as it stands.  Latency: ready_o is
// combinational from the counter registers and this cycle's loads.
// Function: ready_o says bank b is ready in the NEXT cycle: every rule of
// the class allows the command there in t + 1, the commands of cycle t
// (the load ports) included; the scheduler's pick of cycle t decides the
// commands of t + 1 (docs/microarchitecture.md, the decision pipeline).
// A command in cycle t loads every bank's counter with the wait of that
// bank's relation to the command's bank (same bank, same bank group,
// another group of its stack ID, another stack ID), and bank b is then not
// ready until cycle t + wait + 1.  Loads only ever extend the wait:
// count := max(count - RATIO, wait), the same function as the C model's
// "earliest := max(earliest, t + delay)" with wait = delay - 1 (at RATIO
// 2: delay + phase of the command - 2, the instantiating module's table)
// (model/hbm_timing.c).  Two load ports, because a cycle can carry a row
// and a column command; a port whose four waits are 0 does nothing.
// Owns no rule itself: the instantiating module says which rule it is.
//
// The counters are kept as bit planes: plane j holds bit j of every bank's
// counter.  All banks then count down together with WIDTH vector
// operations (a borrow rippling up the planes), "ready" is one NOR of the
// planes, and a load is a bit-serial compare-and-select across all banks
// at once.  The hardware is the same BANKS counters either way; the planes
// make the simulation of 16 counters nearly as cheap as one.
`default_nettype none

module hbm_timer #(
    parameter integer BANKS     = 16,
    parameter integer BANK_BITS = 4,   // width of a bank index, 2^BANK_BITS >= BANKS
    parameter integer BA_BITS   = 2,   // banks per group = 2^BA_BITS
    parameter integer SID_BANKS = BANKS, // banks per stack ID (BANKS: one stack ID)
    parameter integer WIDTH     = 9,   // counter width: waits up to 2^WIDTH - 1
    parameter integer RATIO     = 1    // DRAM clocks per clock (dfi_ratio): 1 or 2
) (
    input  wire                 clk_i,
    input  wire                 rst_i,
    input  wire [BANK_BITS-1:0] a_bank_i,        // load port a: the command's bank
    input  wire [WIDTH-1:0]     a_wait_bank_i,   // ... the wait of that bank
    input  wire [WIDTH-1:0]     a_wait_group_i,  // ... of the other banks of its group
    input  wire [WIDTH-1:0]     a_wait_other_i,  // ... of the other groups of its stack ID
    input  wire [WIDTH-1:0]     a_wait_sid_i,    // ... of the banks of other stack IDs
    input  wire [BANK_BITS-1:0] b_bank_i,        // load port b, the same
    input  wire [WIDTH-1:0]     b_wait_bank_i,
    input  wire [WIDTH-1:0]     b_wait_group_i,
    input  wire [WIDTH-1:0]     b_wait_other_i,
    input  wire [WIDTH-1:0]     b_wait_sid_i,
    // bank b: the class may issue there in the next cycle, in its DRAM
    // clock (phase) p or later: bits [p*BANKS +: BANKS]
    output reg  [RATIO*BANKS-1:0] ready_o,
    // every bank ready in phase p of the next cycle (the AND of ready_o's
    // bits for p, for PREA and REFAB): from a registered flag and this
    // cycle's command codes, not a reduction over the banks
    output wire [RATIO-1:0]       all_ready_o
);
    localparam integer PER_GROUP = 1 << BA_BITS;
    localparam integer GROUPS    = BANKS / PER_GROUP;

    generate
        if (BANKS < 1 || BANKS > (1 << BANK_BITS) || BANKS != GROUPS * PER_GROUP ||
            SID_BANKS < PER_GROUP || SID_BANKS % PER_GROUP != 0 || BANKS % SID_BANKS != 0 ||
            WIDTH < 2 || WIDTH > 16 || RATIO < 1 || RATIO > 2) begin : gen_bad_params
            initial begin
                $display("%m: BANKS = %0d, BANK_BITS = %0d, BA_BITS = %0d, WIDTH = %0d do not fit",
                         BANKS, BANK_BITS, BA_BITS, WIDTH);
                $finish;
            end
            INVALID_PARAMETER_TIMER u_bad ();
        end
    endgenerate

    reg [WIDTH*BANKS-1:0] planes_q;   // plane j at [j*BANKS +: BANKS]
    reg [BANKS-1:0]       busy;       // counters not at zero
    // Counters above 1 and above 3, registered: worked out from the planes
    // after the edge (planes_d), so that ready_o is one level of logic on
    // this cycle's loads and not a reduction over the planes.
    reg [BANKS-1:0]       above_one_q, above_three_q;
    // No counter above RATIO + p after the edge, for phase p (above 1 at
    // RATIO 1; above 2 and above 3 at RATIO 2): the AND over the banks of
    // "not above", registered.
    reg [RATIO-1:0]       none_above_q;
    wire [BANKS-1:0]      above_one = above_one_q;
    wire [BANKS-1:0]      above_three = above_three_q;
    integer j;
    always @* begin
        busy = planes_q[0 +: BANKS];
        for (j = 1; j < WIDTH; j = j + 1)
            busy = busy | planes_q[j*BANKS +: BANKS];
    end

    // The banks of a command's group, as a lane mask.
    function [BANKS-1:0] group_lanes(input [BANK_BITS-1:0] bank);
        integer l;
        begin
            for (l = 0; l < BANKS; l = l + 1)
                group_lanes[l] = (l / PER_GROUP) == ({{(32-BANK_BITS){1'b0}}, bank} / PER_GROUP);
        end
    endfunction

    // The banks of a command's stack ID (all of them with one stack ID: a
    // constant, so one stack ID costs no logic and no simulation time).
    function [BANKS-1:0] sid_lanes(input [BANK_BITS-1:0] bank);
        integer l;
        begin
            for (l = 0; l < BANKS; l = l + 1)
                sid_lanes[l] = (l / SID_BANKS) == ({{(32-BANK_BITS){1'b0}}, bank} / SID_BANKS);
        end
    endfunction

    // Ready in phase p of the next cycle: the counter is at most p after
    // this edge (count <= RATIO + p) and neither load port gives the bank a
    // wait above p.
    wire [BANKS-1:0] a_own = {{(BANKS-1){1'b0}}, 1'b1} << a_bank_i;
    wire [BANKS-1:0] b_own = {{(BANKS-1){1'b0}}, 1'b1} << b_bank_i;
    wire [BANKS-1:0] a_grp = group_lanes(a_bank_i);
    wire [BANKS-1:0] b_grp = group_lanes(b_bank_i);
    localparam ONE_SID = SID_BANKS == BANKS;
    wire [BANKS-1:0] a_sid = ONE_SID ? {BANKS{1'b1}} : sid_lanes(a_bank_i);
    wire [BANKS-1:0] b_sid = ONE_SID ? {BANKS{1'b1}} : sid_lanes(b_bank_i);
    wire [BANKS-1:0] a_loads = (a_own & {BANKS{|a_wait_bank_i}}) | (a_grp & ~a_own & {BANKS{|a_wait_group_i}}) |
                               (a_sid & ~a_grp & {BANKS{|a_wait_other_i}}) | (~a_sid & {BANKS{|a_wait_sid_i}});
    wire [BANKS-1:0] b_loads = (b_own & {BANKS{|b_wait_bank_i}}) | (b_grp & ~b_own & {BANKS{|b_wait_group_i}}) |
                               (b_sid & ~b_grp & {BANKS{|b_wait_other_i}}) | (~b_sid & {BANKS{|b_wait_sid_i}});
    // A load port gives some bank a wait above q if a wait of a relation
    // that has banks is above q: its own bank always; the rest of its group
    // with more than one bank a group; other groups of its stack ID with
    // more than one group in it; other stack IDs with more than one.
    localparam HAS_GROUP = PER_GROUP > 1;
    localparam HAS_OTHER = SID_BANKS > PER_GROUP;
    localparam HAS_SID   = BANKS > SID_BANKS;
    function any_wait(input [WIDTH-1:0] wb, input [WIDTH-1:0] wg, input [WIDTH-1:0] wo,
                      input [WIDTH-1:0] ws, input integer q);
        begin
            any_wait = (wb >> q) != 0 || (HAS_GROUP && (wg >> q) != 0) ||
                       (HAS_OTHER && (wo >> q) != 0) || (HAS_SID && (ws >> q) != 0);
        end
    endfunction
    genvar q;
    generate
        for (q = 0; q < RATIO; q = q + 1) begin : gen_all
            assign all_ready_o[q] = none_above_q[q] &&
                !any_wait(a_wait_bank_i, a_wait_group_i, a_wait_other_i, a_wait_sid_i, q) &&
                !any_wait(b_wait_bank_i, b_wait_group_i, b_wait_other_i, b_wait_sid_i, q);
        end
    endgenerate

    generate
        if (RATIO == 1) begin : gen_ready1
            always @* ready_o = ~(above_one | a_loads | b_loads);
            wire unused_three = ^above_three;  // ratio 2 only
        end else begin : gen_ready2
            // counters above 2: above 3, or exactly 3
            wire [BANKS-1:0] above_two = above_three | (planes_q[BANKS +: BANKS] & planes_q[0 +: BANKS]);
            // a load's wait above 1 (the phase-1 check)
            wire [BANKS-1:0] a_loads1 = (a_own & {BANKS{|a_wait_bank_i[WIDTH-1:1]}}) |
                                        (a_grp & ~a_own & {BANKS{|a_wait_group_i[WIDTH-1:1]}}) |
                                        (a_sid & ~a_grp & {BANKS{|a_wait_other_i[WIDTH-1:1]}}) |
                                        (~a_sid & {BANKS{|a_wait_sid_i[WIDTH-1:1]}});
            wire [BANKS-1:0] b_loads1 = (b_own & {BANKS{|b_wait_bank_i[WIDTH-1:1]}}) |
                                        (b_grp & ~b_own & {BANKS{|b_wait_group_i[WIDTH-1:1]}}) |
                                        (b_sid & ~b_grp & {BANKS{|b_wait_other_i[WIDTH-1:1]}}) |
                                        (~b_sid & {BANKS{|b_wait_sid_i[WIDTH-1:1]}});
            always @* ready_o = {~(above_three | a_loads1 | b_loads1), ~(above_two | a_loads | b_loads)};
        end
    endgenerate

    always @(posedge clk_i) begin : count
        reg [WIDTH*BANKS-1:0] planes_d;
        reg [BANKS-1:0]       borrow, plane, own, grp, sid, want, gt, eq, one_d, three_d, two_d;
        reg [BANK_BITS-1:0]   bank;
        reg [WIDTH-1:0]       w_bank, w_group, w_other, w_sid;
        reg [RATIO-1:0]       none_d;
        integer k, p;
        // Every busy counter counts down by RATIO, to 0 at the least.
        if (RATIO == 1) begin
            borrow = busy;
            for (k = 0; k < WIDTH; k = k + 1) begin
                plane = planes_q[k*BANKS +: BANKS];
                planes_d[k*BANKS +: BANKS] = plane ^ borrow;
                borrow = borrow & ~plane;
            end
        end else begin
            // counters above 1 subtract 2 from plane 1 up; the others go to 0
            planes_d[0 +: BANKS] = planes_q[0 +: BANKS] & above_one;
            borrow = above_one;
            for (k = 1; k < WIDTH; k = k + 1) begin
                plane = planes_q[k*BANKS +: BANKS];
                planes_d[k*BANKS +: BANKS] = plane ^ borrow;
                borrow = borrow & ~plane;
            end
        end
        // Loads, in the cycles that have them: count := max(count, wait) in
        // every bank, the wait chosen by the bank's relation.
        for (p = 0; p < 2; p = p + 1) begin
            bank    = p == 0 ? a_bank_i : b_bank_i;
            w_bank  = p == 0 ? a_wait_bank_i : b_wait_bank_i;
            w_group = p == 0 ? a_wait_group_i : b_wait_group_i;
            w_other = p == 0 ? a_wait_other_i : b_wait_other_i;
            w_sid   = p == 0 ? a_wait_sid_i : b_wait_sid_i;
            if ((w_bank | w_group | w_other | w_sid) != {WIDTH{1'b0}}) begin
                own = {{(BANKS-1){1'b0}}, 1'b1} << bank;
                grp = group_lanes(bank);
                sid = ONE_SID ? {BANKS{1'b1}} : sid_lanes(bank);
                gt  = {BANKS{1'b0}};          // wait > count, decided from the top bit down
                eq  = {BANKS{1'b1}};
                for (k = WIDTH - 1; k >= 0; k = k - 1) begin
                    want = (own & {BANKS{w_bank[k]}}) | (grp & ~own & {BANKS{w_group[k]}}) |
                           (sid & ~grp & {BANKS{w_other[k]}}) | (~sid & {BANKS{w_sid[k]}});
                    plane = planes_d[k*BANKS +: BANKS];
                    gt = gt | (eq & want & ~plane);
                    eq = eq & ~(want ^ plane);
                end
                for (k = 0; k < WIDTH; k = k + 1) begin
                    want = (own & {BANKS{w_bank[k]}}) | (grp & ~own & {BANKS{w_group[k]}}) |
                           (sid & ~grp & {BANKS{w_other[k]}}) | (~sid & {BANKS{w_sid[k]}});
                    plane = planes_d[k*BANKS +: BANKS];
                    planes_d[k*BANKS +: BANKS] = (want & gt) | (plane & ~gt);
                end
            end
        end
        planes_q <= rst_i ? {(WIDTH*BANKS){1'b0}} : planes_d;
        one_d   = {BANKS{1'b0}};
        three_d = {BANKS{1'b0}};
        for (k = 1; k < WIDTH; k = k + 1) begin
            one_d = one_d | planes_d[k*BANKS +: BANKS];
            if (k >= 2)
                three_d = three_d | planes_d[k*BANKS +: BANKS];
        end
        above_one_q   <= rst_i ? {BANKS{1'b0}} : one_d;
        above_three_q <= rst_i ? {BANKS{1'b0}} : three_d;
        // above 2: above 3, or exactly 3 (planes 1 and 0 with nothing above)
        two_d = three_d | (planes_d[BANKS +: BANKS] & planes_d[0 +: BANKS]);
        if (RATIO == 1) begin
            none_d[0] = ~|one_d;
        end else begin
            none_d[0]       = ~|two_d;
            none_d[RATIO-1] = ~|three_d;
        end
        none_above_q <= rst_i ? {RATIO{1'b1}} : none_d;
    end

`ifdef FORMAL
    // ---- formal properties (formal/hbm_timer.sby) ---------------------------
    // The spec (docs/timing.md): a rule "A -> B, delay d" allows B only d
    // DRAM clocks after A, and a later A only ever pushes B back.  f_rem_q
    // holds, per bank, the DRAM clocks from this cycle's first until the
    // class is allowed, kept as plain numbers (not planes): a load of wait w
    // in cycle t allows the class from DRAM clock RATIO*t + w + RATIO (the
    // instantiating module's table: wait = delay + phase - RATIO).
    // Properties: ready_o says "allowed" exactly (never earlier than the
    // rule, never later), and the planes hold f_rem_q (the induction
    // invariant).
    reg f_past_valid = 1'b0;
    always @(posedge clk_i)
        f_past_valid <= 1'b1;
    always @* if (!f_past_valid) assume(rst_i);

    // The registered reductions are those of the planes.
    reg [BANKS-1:0] f_one, f_three;
    integer f_j2;
    always @* begin
        f_one = {BANKS{1'b0}};
        f_three = {BANKS{1'b0}};
        for (f_j2 = 1; f_j2 < WIDTH; f_j2 = f_j2 + 1) begin
            f_one = f_one | planes_q[f_j2*BANKS +: BANKS];
            if (f_j2 >= 2)
                f_three = f_three | planes_q[f_j2*BANKS +: BANKS];
        end
        if (f_past_valid && !rst_i) begin
            assert(above_one_q == f_one);
            assert(above_three_q == f_three);
            // every bank ready = the AND of the banks' readiness
            assert(all_ready_o[0] == &ready_o[0 +: BANKS]);
            if (RATIO == 2)
                assert(all_ready_o[RATIO-1] == &ready_o[(RATIO-1)*BANKS +: BANKS]);
        end
    end

    genvar f_b;
    generate
        for (f_b = 0; f_b < BANKS; f_b = f_b + 1) begin : gen_f_bank
            localparam integer F_GROUP = f_b / PER_GROUP;
            localparam integer F_SID   = f_b / SID_BANKS;
            wire [WIDTH-1:0] f_wait_a = (a_bank_i == f_b) ? a_wait_bank_i :
                                        ({28'd0, a_bank_i} / PER_GROUP == F_GROUP) ? a_wait_group_i :
                                        ({28'd0, a_bank_i} / SID_BANKS == F_SID) ? a_wait_other_i : a_wait_sid_i;
            wire [WIDTH-1:0] f_wait_b = (b_bank_i == f_b) ? b_wait_bank_i :
                                        ({28'd0, b_bank_i} / PER_GROUP == F_GROUP) ? b_wait_group_i :
                                        ({28'd0, b_bank_i} / SID_BANKS == F_SID) ? b_wait_other_i : b_wait_sid_i;
            wire f_load_a = (a_wait_bank_i | a_wait_group_i | a_wait_other_i | a_wait_sid_i) != {WIDTH{1'b0}};
            wire f_load_b = (b_wait_bank_i | b_wait_group_i | b_wait_other_i | b_wait_sid_i) != {WIDTH{1'b0}};
            reg  [WIDTH:0] f_rem_q;                 // after the loads of earlier cycles
            wire [WIDTH:0] f_rem_a = (f_load_a && {1'b0, f_wait_a} + RATIO > f_rem_q) ?
                                     {1'b0, f_wait_a} + RATIO : f_rem_q;
            wire [WIDTH:0] f_rem   = (f_load_b && {1'b0, f_wait_b} + RATIO > f_rem_a) ?
                                     {1'b0, f_wait_b} + RATIO : f_rem_a;   // with this cycle's
            wire [WIDTH-1:0] f_count;               // the planes, read back
            genvar f_j;
            for (f_j = 0; f_j < WIDTH; f_j = f_j + 1) begin : gen_f_plane
                assign f_count[f_j] = planes_q[f_j*BANKS + f_b];
            end
            always @(posedge clk_i)
                f_rem_q <= rst_i ? {(WIDTH+1){1'b0}} : (f_rem > RATIO ? f_rem - RATIO : {(WIDTH+1){1'b0}});
            always @* if (f_past_valid && !rst_i) begin
                // ready in DRAM clock p of the next cycle: allowed from
                // DRAM clock RATIO*(t+1) + p on
                assert(ready_o[f_b] == (f_rem <= RATIO));
                if (RATIO == 2)
                    assert(ready_o[(RATIO-1)*BANKS + f_b] == (f_rem <= RATIO + 1));
                assert({1'b0, f_count} == f_rem_q);
            end
        end
    endgenerate

    // Covers: the longest wait runs out in the cycle the rule allows; both
    // ports load one bank with different waits; a group wait and an
    // other-group wait in one cycle hold the last bank.
    reg f_long_q = 1'b0;
    always @(posedge clk_i)
        if (rst_i)
            f_long_q <= 1'b0;
        else if (a_wait_bank_i >= 8 && a_bank_i == 0)
            f_long_q <= 1'b1;
    always @* if (f_past_valid && !rst_i) begin
        cover(f_long_q && ready_o[0] && gen_f_bank[0].f_rem_q == RATIO);
        cover(a_bank_i == b_bank_i && a_wait_bank_i != 0 && b_wait_bank_i != 0 &&
              a_wait_bank_i != b_wait_bank_i);
        cover(a_wait_group_i != 0 && b_wait_other_i != 0 && !ready_o[BANKS-1]);
    end
`endif
endmodule

`resetall
