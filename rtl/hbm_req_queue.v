// hbm_req_queue - one request queue (read or write) in arrival order, and
// which of its entries hit their bank's open row.
//
// Clocking: clk_i, synchronous active-high rst_i (resets count, free slots
// and the per-position flags, never the stored fields).  Every output is
// combinational from registers and the read-port positions.
// Storage: entries live in fixed slots (fields, queue cycle, statistics
// flags, write data); a collapsing age list slot_q says which slot is the
// i-th oldest.  A pushed request takes the lowest free slot after this
// cycle's pop and the last age position, as its C twin
// model/hbm_req_queue.c does.  Slots never show outside this module.
// The scheduler works on bit vectors over age positions, so it never
// compares fields per entry per cycle:
//   - hit_q[i]: the i-th oldest targets the row its bank holds open.  Kept
//     up to date from the bank events of each cycle (ACT opens a row: the
//     entries of that bank compare their row once; PRE, PREA, RDA/WRA close
//     banks) and set on push from the bank state after this cycle.
//   - bank_mask_q[b][i]: the i-th oldest targets bank b.
// Both collapse with the age list on a pop.  An ACT compares its row with
// every slot's and takes the result only at the positions of its bank's
// vector (gating the compares by a per-slot copy of the bank vectors cost
// a quarter of a read queue's LUTs and saved nothing: 2,416 of 9,697 LUT4
// and 512 flip-flops with 32 entries, synth_ecp5).  Read ports give the slot of
// the entries at the column pick's and the row pick's position and of the
// head (the scheduler takes banks from the position vectors), and the
// fields the issue stage needs of a slot (the row of the row command's
// entry, read in its own cycle so no pick waits on a row read; column, id,
// statistics flags, write data of the column command's); the probe
// says whether a burst is already queued (hazards), from the vector of
// slots holding it that hbm_req_match keeps a clock ahead (the look port
// compares a burst with every slot as the queue holds them after this
// edge, and kept_o and push_slot_o say how the slots change at the edge:
// both are for it).  Pops (by age
// position) and marks (by slot) come from the scheduler's issue register,
// never from this cycle's picks.
// With OPT_DATA the queue keeps 32 bytes and 32 byte enables per slot in
// block RAM (hbm_ram): read at the edge of the cycle the issue register's
// column command takes the entry (issue_read_i, at issue_slot_i), out on
// issue_data_o, issue_strb_o in the cycle after (the data path needs them
// no sooner: WL >= 2 x dfi_ratio).  Reading from the issue register, not
// the pick, keeps the pick's position-to-slot read off the block RAM's
// address.  A push may take the slot the issue register frees in the
// same cycle, so the block RAM is written a clock after the push: the
// read of that edge still finds the issued entry's data.
// Read-after-write (docs/microarchitecture.md): with OPT_DATA a write
// queue knows per slot whether its entry is the newest queued write to its
// burst (newest_q: a push clears it in the older entries the probe finds,
// so the probe must be the pushed request's burst) and whether it
// writes all 32 bytes (full_q); the probe names the newest entry's slot
// and whether it is full, and a second block-RAM read port (fwd_i) reads
// that slot's data for a forwarded read, shown from the next cycle on and
// held.  With OPT_WAIT a read queue keeps per position whether the entry
// waits for a write (wait_q) and for which write-queue slot (dep_q); both
// collapse with the age list, and a write leaving its queue (wdone_i)
// ends the wait of the entries that name its slot.
`default_nettype none
`include "hbm_defs.vh"

module hbm_req_queue #(
    parameter integer DEPTH     = 32,
    parameter integer BANKS     = 16,
    parameter integer BANK_BITS = 4,
    parameter integer ROW_BITS  = 14,
    parameter integer COL_BITS  = 5,
    parameter integer ID_BITS   = 8,
    parameter integer OPT_DATA  = 0,   // write data, newest/full flags, forward read port
    parameter integer OPT_WAIT  = 0,   // entries that wait for a write
    parameter integer DEP_BITS  = 6    // width of a write-queue slot (OPT_WAIT)
) (
    input  wire                          clk_i,
    input  wire                          rst_i,
    // push (the request taken from the port register this cycle)
    input  wire                          push_i,
    input  wire [BANK_BITS-1:0]          push_bank_i,
    input  wire [ROW_BITS-1:0]           push_row_i,
    input  wire [COL_BITS-1:0]           push_col_i,
    input  wire [ID_BITS-1:0]            push_id_i,
    input  wire [31:0]                   push_ts_i,
    input  wire [255:0]                  push_data_i,
    input  wire [31:0]                   push_strb_i,
    input  wire                          push_wait_i,      // OPT_WAIT: it waits for the write ...
    input  wire [DEP_BITS-1:0]           push_dep_i,       // ... in this write-queue slot
    // OPT_WAIT: the write in write-queue slot wdone_slot_i leaves its queue at this edge
    input  wire                          wdone_i,
    input  wire [DEP_BITS-1:0]           wdone_slot_i,
    // pop (the column command on the bus this cycle), by age position
    input  wire                          pop_i,
    input  wire [`HBM_CLOG2(DEPTH)-1:0]  pop_pos_i,
    input  wire [`HBM_CLOG2(DEPTH)-1:0]  pop_slot_i,       // ... and its slot (the issue register holds it)
    // statistics flag of the entry the row command on the bus serves, by slot
    input  wire                          mark_i,
    input  wire [`HBM_CLOG2(DEPTH)-1:0]  mark_slot_i,
    input  wire                          mark_conflict_i,  // 1: PRE, 0: ACT
    // bank state now and the bank events of this cycle
    input  wire [BANKS-1:0]              open_i,
    input  wire [BANKS*ROW_BITS-1:0]     open_row_i,
    input  wire                          act_i,            // an ACT opens act_row_i in act_bank_i
    input  wire [BANK_BITS-1:0]          act_bank_i,
    input  wire [ROW_BITS-1:0]           act_row_i,
    input  wire [BANKS-1:0]              close_i,          // banks a PRE, PREA, RDA or WRA closes
    // state over age positions (bit i: the i-th oldest)
    output wire [`HBM_CLOG2(DEPTH):0]    count_o,
    output wire [DEPTH-1:0]              valid_o,          // positions below the count (a register)
    output wire [DEPTH-1:0]              hit_o,
    output wire [DEPTH-1:0]              wait_o,           // OPT_WAIT: waits for a write
    output wire [BANKS*DEPTH-1:0]        bank_mask_o,      // [b*DEPTH + i]
    // the age list: the slot of the i-th oldest entry at [i*SLOT_BITS +:
    // SLOT_BITS] (a register; the scheduler's reduce stage reads the slots
    // of its candidates)
    output wire [DEPTH*`HBM_CLOG2(DEPTH)-1:0] order_o,
    // read port: the row of the entry in slot mark_slot_i (the row command
    // on the bus, read in its own cycle)
    output wire [ROW_BITS-1:0]           mark_row_o,
    // the oldest entry
    output wire [31:0]                   head_ts_o,        // its queue cycle (the clock it entered)
    // after this cycle's edge: the count and the oldest entry's queue cycle
    // (don't care when the count is 0; the scheduler's starvation test uses
    // the parts below, the unit bench checks these)
    output wire [`HBM_CLOG2(DEPTH):0]    count_next_o,
    output wire [31:0]                   head_ts_next_o,
    // ... the same as its parts, so that a user can compare before it
    // selects: the second oldest's queue cycle, and which entry heads the
    // queue after the edge ([1]: the pushed one, the queue being empty
    // once the pop has left; else [0]: the second oldest, the pop taking
    // the head; else the head)
    output wire [31:0]                   second_ts_o,
    output wire [1:0]                    head_from_o,
    output wire [`HBM_CLOG2(DEPTH)-1:0]  head_slot_o,
    // read port: the entry in slot issue_slot_i (the column command on the bus)
    input  wire [`HBM_CLOG2(DEPTH)-1:0]  issue_slot_i,
    input  wire                          issue_read_i,     // the command takes this queue's entry
    output wire [COL_BITS-1:0]           issue_col_o,
    output wire [ID_BITS-1:0]            issue_id_o,
    output wire [1:0]                    issue_flags_o,    // {needed PRE, needed ACT}
    output wire [255:0]                  issue_data_o,     // its write data, in the NEXT cycle
    output wire [31:0]                   issue_strb_o,
    // probe: is a request to this burst queued?  probe_match_i: the slots
    // holding it (hbm_req_match; with OPT_DATA, a push_i pushes the probed
    // burst); probe_key_i: that burst's {bank, row, col}, for the
    // simulation's and the formal harness's check of probe_match_i only
    input  wire                          probe_i,
    input  wire [DEPTH-1:0]              probe_match_i,
    input  wire [BANK_BITS+ROW_BITS+COL_BITS-1:0] probe_key_i,
    output wire                          probe_hit_o,
    output wire                          probe_full_o,     // OPT_DATA: the newest of them writes all bytes
    output wire [`HBM_CLOG2(DEPTH)-1:0]  probe_slot_o,     // ... and sits in this slot
    // OPT_DATA: read the data of slot probe_slot_o (a forwarded read);
    // fwd_data_o shows it from the next cycle and holds it
    input  wire                          fwd_i,
    output wire [255:0]                  fwd_data_o,
    // for hbm_req_match: the look port (look_match_o: the slots that hold
    // burst look_key_i after this edge, the pushed slot compared with the
    // pushed burst), the slots still occupied once this edge's pop has
    // left, and the slot this edge's push writes (one-hot, zero without a
    // push)
    input  wire                          look_i,           // look this cycle (else look_match_o is 0)
    input  wire [BANK_BITS+ROW_BITS+COL_BITS-1:0] look_key_i,
    output reg  [DEPTH-1:0]              look_match_o,
    output wire [DEPTH-1:0]              kept_o,
    output wire [DEPTH-1:0]              push_slot_o
);
    localparam integer SLOT_BITS = `HBM_CLOG2(DEPTH);  // an age position or a slot

    generate
        if (DEPTH < 1 || DEPTH > 64) begin : gen_bad_depth
            initial begin
                $display("%m: DEPTH = %0d must be 1..64", DEPTH);
                $finish;
            end
            INVALID_PARAMETER_QUEUE_DEPTH u_bad ();
        end
        if (BANKS > (1 << BANK_BITS)) begin : gen_bad_banks
            initial begin
                $display("%m: BANKS = %0d does not fit BANK_BITS = %0d", BANKS, BANK_BITS);
                $finish;
            end
            INVALID_PARAMETER_BANKS u_bad ();
        end
    endgenerate

    localparam integer SLOTS = 1 << SLOT_BITS;  // storage rounded up to a power of two
    localparam integer KEY_BITS = BANK_BITS + ROW_BITS + COL_BITS;
    localparam integer LW = DEPTH * SLOT_BITS;  // width of the age list

    // ---- age list and per-position vectors ------------------------------
    reg  [LW-1:0]        slot_q;       // [i*SLOT_BITS +: SLOT_BITS]: slot of the i-th oldest
    reg  [SLOT_BITS:0]   count_q;
    reg  [DEPTH-1:0]     free_q;       // free slots
    reg  [DEPTH-1:0]     hit_q;
    reg  [DEPTH-1:0]     valid_q;      // thermometer of count_q
    reg  [DEPTH-1:0]     bank_mask_q [0:BANKS-1];

    // ---- per-slot storage ------------------------------------------------
    reg [KEY_BITS-1:0]   key_q   [0:SLOTS-1];  // {bank, row, col}
    reg [ID_BITS-1:0]    id_q    [0:SLOTS-1];
    reg [31:0]           ts_q    [0:SLOTS-1];
    reg [1:0]            flags_q [0:SLOTS-1];

    function [SLOT_BITS-1:0] slot_at(input [LW-1:0] list, input [SLOT_BITS-1:0] pos);
        slot_at = list[pos * SLOT_BITS +: SLOT_BITS];
    endfunction

    // Free slots once this cycle's pop has left, and the lowest of them.
    wire [SLOT_BITS-1:0] pop_slot   = pop_slot_i;
    // Gated by pop_i, not shifted by it: pop_pos_i may name a position past
    // the count (an empty slot field, X in a 4-state simulator) when no pop
    // happens, and that must not reach the free vector.
    wire [DEPTH-1:0]     pop_onehot = pop_i ? ({{(DEPTH-1){1'b0}}, 1'b1} << pop_slot) : {DEPTH{1'b0}};
    wire [DEPTH-1:0]     free_now   = free_q | pop_onehot;
    wire [DEPTH-1:0]     push_onehot;
    wire                 free_any;
    wire [SLOT_BITS-1:0] push_slot;
    hbm_first_set #(.WIDTH(DEPTH)) u_free (
        .vec_i(free_now), .found_o(free_any), .onehot_o(push_onehot), .idx_o(push_slot));

    wire [SLOT_BITS:0]   count_after_pop = count_q - {{SLOT_BITS{1'b0}}, pop_i};
    wire [SLOT_BITS-1:0] push_pos = count_after_pop[SLOT_BITS-1:0];

    // Positions below the pop, and the push's position, as vectors over the
    // positions.  The age list (and the wait list) is collapsed and written
    // through these widened to its fields, field by field (constant
    // indexes, in the clocks with a pop or a push), so that no position is
    // multiplied by a field width: a product of a variable makes Yosys
    // build a multiplier and a shifter across the whole list.
    wire [DEPTH-1:0]     keep_pos   = ~({DEPTH{1'b1}} << pop_pos_i);
    wire [DEPTH-1:0]     push_pos1h = {{(DEPTH-1){1'b0}}, 1'b1} << push_pos;

    // Does the pushed request hit, given this cycle's bank events?
    wire [ROW_BITS-1:0] push_open_row = open_row_i[push_bank_i * ROW_BITS +: ROW_BITS];
    wire push_hit = (act_i && act_bank_i == push_bank_i) ? (push_row_i == act_row_i)
                  : (open_i[push_bank_i] && !close_i[push_bank_i] && push_open_row == push_row_i);

    // ---- next state: bank events, then the pop, then the push --------------
    // Worked out with block-local variables inside the clocked block, so that
    // each event's work is done only in the cycles that have the event.
    always @(posedge clk_i) begin : upd
        integer s, i, b;
        reg [DEPTH-1:0] mask_b;     // one bank's position vector
        reg [DEPTH-1:0] keep;       // positions below the pop
        reg [SLOTS-1:0] row_match;  // per slot: holds act_row_i
        reg [DEPTH-1:0] act_match;  // per position
        reg [DEPTH-1:0] closed_pos; // positions whose bank closes
        reg [LW-1:0]    slot_d;
        reg [LW-1:0]    lw_mask;    // a position vector widened to the list's fields
        reg [DEPTH-1:0] hit_d;
        if (rst_i) begin
            count_q <= {(SLOT_BITS+1){1'b0}};
            free_q  <= {DEPTH{1'b1}};
            hit_q   <= {DEPTH{1'b0}};
            valid_q <= {DEPTH{1'b0}};
            for (b = 0; b < BANKS; b = b + 1)
                bank_mask_q[b] <= {DEPTH{1'b0}};
        end else begin
            slot_d = slot_q;
            hit_d  = hit_q;
            // 1. closes clear the hits of their banks; an ACT sets the hits
            //    of its bank's entries that want its row.
            if (close_i != {BANKS{1'b0}}) begin
                closed_pos = {DEPTH{1'b0}};
                for (b = 0; b < BANKS; b = b + 1)
                    if (close_i[b])
                        closed_pos = closed_pos | bank_mask_q[b];
                hit_d = hit_d & ~closed_pos;
            end
            if (act_i && bank_mask_q[act_bank_i] != {DEPTH{1'b0}}) begin
                row_match = {SLOTS{1'b0}};
                for (s = 0; s < DEPTH; s = s + 1)
                    row_match[s] = key_q[s][COL_BITS +: ROW_BITS] == act_row_i;
                for (i = 0; i < DEPTH; i = i + 1)
                    act_match[i] = row_match[slot_at(slot_q, i[SLOT_BITS-1:0])];
                hit_d = (hit_d & ~bank_mask_q[act_bank_i]) | (act_match & bank_mask_q[act_bank_i]);
            end
            // 2. pop: everything above the popped position moves down one;
            // 3. push: the new entry takes the last position.
            keep = keep_pos;
            if (pop_i) begin
                for (i = 0; i < DEPTH; i = i + 1)
                    lw_mask[i*SLOT_BITS +: SLOT_BITS] = {SLOT_BITS{keep[i]}};
                slot_d = (slot_d & lw_mask) | ((slot_d >> SLOT_BITS) & ~lw_mask);
                hit_d  = (hit_d & keep) | ((hit_d >> 1) & ~keep);
            end
            if (push_i) begin
                for (i = 0; i < DEPTH; i = i + 1)
                    lw_mask[i*SLOT_BITS +: SLOT_BITS] = {SLOT_BITS{push_pos1h[i]}};
                slot_d = (slot_d & ~lw_mask) | ({DEPTH{push_slot}} & lw_mask);
                hit_d[push_pos] = push_hit;
            end
            if (pop_i || push_i)
                for (b = 0; b < BANKS; b = b + 1) begin
                    mask_b = bank_mask_q[b];
                    if (pop_i)
                        mask_b = (mask_b & keep) | ((mask_b >> 1) & ~keep);
                    if (push_i && push_bank_i == b[BANK_BITS-1:0])
                        mask_b[push_pos] = 1'b1;
                    bank_mask_q[b] <= mask_b;
                end
            slot_q  <= slot_d;
            hit_q   <= hit_d;
            count_q <= count_after_pop + {{SLOT_BITS{1'b0}}, push_i};
            valid_q <= (pop_i ? valid_q >> 1 : valid_q) |
                       (push_i ? {{(DEPTH-1){1'b0}}, 1'b1} << push_pos : {DEPTH{1'b0}});
            free_q  <= free_now & ~(push_i ? push_onehot : {DEPTH{1'b0}});
        end
        // Stored fields: written on push, never reset.
        if (push_i) begin
            key_q[push_slot]   <= {push_bank_i, push_row_i, push_col_i};
            id_q[push_slot]    <= push_id_i;
            ts_q[push_slot]    <= push_ts_i;
            flags_q[push_slot] <= 2'b00;
        end
        if (mark_i)
            flags_q[mark_slot_i] <= flags_q[mark_slot_i] | (mark_conflict_i ? 2'b10 : 2'b01);
    end

    // ---- read-after-write state ----------------------------------------------
    genvar g;
    generate
        if (OPT_WAIT != 0) begin : gen_wait
            // wait_q: by position, the entry waits for a write; dep_q: for
            // the one in write-queue slot [i*DEP_BITS +: DEP_BITS].
            reg [DEPTH-1:0]          wait_q;
            reg [DEPTH*DEP_BITS-1:0] dep_q;
            assign wait_o = wait_q;
            // Waits end (wdone), then the pop collapses, then the push.
            always @(posedge clk_i) begin : wait_upd
                integer i;
                reg [DEPTH-1:0]          wait_d;
                reg [DEPTH*DEP_BITS-1:0] dep_d;
                reg [DEPTH*DEP_BITS-1:0] dep_mask;  // a position vector widened to dep_q's fields
                wait_d = wait_q;
                dep_d  = dep_q;
                if (wdone_i)
                    for (i = 0; i < DEPTH; i = i + 1)
                        if (dep_q[i*DEP_BITS +: DEP_BITS] == wdone_slot_i)
                            wait_d[i] = 1'b0;
                if (pop_i) begin
                    for (i = 0; i < DEPTH; i = i + 1)
                        dep_mask[i*DEP_BITS +: DEP_BITS] = {DEP_BITS{keep_pos[i]}};
                    wait_d = (wait_d & keep_pos) | ((wait_d >> 1) & ~keep_pos);
                    dep_d  = (dep_d & dep_mask) | ((dep_d >> DEP_BITS) & ~dep_mask);
                end
                if (push_i) begin
                    for (i = 0; i < DEPTH; i = i + 1)
                        dep_mask[i*DEP_BITS +: DEP_BITS] = {DEP_BITS{push_pos1h[i]}};
                    wait_d[push_pos] = push_wait_i;
                    dep_d = (dep_d & ~dep_mask) | ({DEPTH{push_dep_i}} & dep_mask);
                end
                wait_q <= rst_i ? {DEPTH{1'b0}} : wait_d;
                dep_q  <= dep_d;
            end
        end else begin : gen_no_wait
            assign wait_o = {DEPTH{1'b0}};
            wire unused_wait = ^{push_wait_i, push_dep_i, wdone_i, wdone_slot_i};
        end
    endgenerate

    // ---- outputs -----------------------------------------------------------
    generate
        for (g = 0; g < BANKS; g = g + 1) begin : gen_mask_out
            assign bank_mask_o[g*DEPTH +: DEPTH] = bank_mask_q[g];
        end
    endgenerate
    assign count_o = count_q;
    assign hit_o   = hit_q;
    assign valid_o = valid_q;

    wire [SLOT_BITS-1:0] head_slot = slot_q[SLOT_BITS-1:0];
    wire [KEY_BITS-1:0]  mark_key  = key_q[mark_slot_i];
    wire [KEY_BITS-1:0]  issue_key = key_q[issue_slot_i];
    assign order_o       = slot_q;
    assign mark_row_o    = mark_key[COL_BITS +: ROW_BITS];
    assign head_ts_o     = ts_q[head_slot];
    // The head after the edge: the pushed entry if the queue is empty once
    // this cycle's pop has left; the second oldest if the pop takes the
    // head; else the head.
    wire [SLOT_BITS-1:0] second_slot;
    generate
        if (DEPTH > 1) begin : gen_second
            assign second_slot = slot_at(slot_q, {{(SLOT_BITS-1){1'b0}}, 1'b1});
        end else begin : gen_no_second
            assign second_slot = {SLOT_BITS{1'b0}};
        end
    endgenerate
    assign count_next_o   = count_after_pop + {{SLOT_BITS{1'b0}}, push_i};
    assign head_from_o    = {count_after_pop == {(SLOT_BITS+1){1'b0}},
                             pop_i && pop_pos_i == {SLOT_BITS{1'b0}}};
    assign second_ts_o    = ts_q[second_slot];
    assign head_ts_next_o = head_from_o[1] ? push_ts_i : head_from_o[0] ? second_ts_o : head_ts_o;
    assign head_slot_o   = head_slot;
    assign issue_col_o   = issue_key[COL_BITS-1:0];
    assign issue_id_o    = id_q[issue_slot_i];
    assign issue_flags_o = flags_q[issue_slot_i];

    // Probe: the slots holding the probed burst come from hbm_req_match.
    wire [DEPTH-1:0] probe_match = probe_match_i;
    assign probe_hit_o = probe_i && (probe_match != {DEPTH{1'b0}});
    assign kept_o      = ~free_now;
    assign push_slot_o = push_i ? push_onehot : {DEPTH{1'b0}};
    // The look port: a burst against every slot as the queue holds them
    // after this edge.
    wire push_is_look = {push_bank_i, push_row_i, push_col_i} == look_key_i;
    // Only in a cycle with a look (a simulator then skips the compare in
    // the others; the user takes look_match_o only then).
    integer ls;
    always @* begin
        look_match_o = {DEPTH{1'b0}};
        ls = 0;   // (assigned on every path: no latch)
        if (look_i)
            for (ls = 0; ls < DEPTH; ls = ls + 1)
                look_match_o[ls] = (push_i && push_onehot[ls]) ? push_is_look
                                                               : (!free_now[ls] && key_q[ls] == look_key_i);
    end
`ifndef SYNTHESIS
    // probe_match_i is the compare of the probed burst with every occupied
    // slot (what hbm_req_match keeps a clock ahead).
    function [DEPTH-1:0] slots_holding(input [KEY_BITS-1:0] key);
        integer hs;
        begin
            for (hs = 0; hs < DEPTH; hs = hs + 1)
                slots_holding[hs] = !free_q[hs] && key_q[hs] == key;
        end
    endfunction
    `HBM_ASSERT("the probe's match vector is the compare of the probed burst",
                !probe_i || probe_match_i == slots_holding(probe_key_i))
`endif

    generate
        if (OPT_DATA != 0) begin : gen_data
            // newest_q, by slot: no younger queued write to the burst (a
            // push becomes the newest to its burst and the older entries the
            // probe finds stop being it); full_q: all 32 byte enables set.
            reg [DEPTH-1:0] newest_q, full_q;
            always @(posedge clk_i) begin
                if (rst_i) begin
                    newest_q <= {DEPTH{1'b0}};
                    full_q   <= {DEPTH{1'b0}};
                end else if (push_i) begin
                    newest_q <= (newest_q & ~probe_match) | push_onehot;
                    full_q   <= (full_q & ~push_onehot) | (&push_strb_i ? push_onehot : {DEPTH{1'b0}});
                end
            end
            wire [DEPTH-1:0] newest_match = probe_match & newest_q;   // one bit at most
            wire             unused_found;
            wire [DEPTH-1:0] unused_onehot;
            hbm_first_set #(.WIDTH(DEPTH)) u_newest (
                .vec_i(newest_match), .found_o(unused_found), .onehot_o(unused_onehot), .idx_o(probe_slot_o));
            assign probe_full_o = (newest_match & full_q) != {DEPTH{1'b0}};
            // The data is written a clock after its push (wd_*_q): a push
            // may take the slot the issue register's command frees in the
            // same cycle, which is the slot read at that edge; a clock
            // later no read can name it (an entry is issued three clocks
            // after its push at the earliest).
            reg         wd_valid_q;
            reg [SLOT_BITS-1:0] wd_slot_q;
            reg [287:0] wd_data_q;
            always @(posedge clk_i) begin
                wd_valid_q <= !rst_i && push_i;
                wd_slot_q  <= push_slot;
                wd_data_q  <= {push_strb_i, push_data_i};
            end
            hbm_ram #(.WIDTH(288), .DEPTH(SLOTS)) u_data (
                .clk_i(clk_i), .rst_i(rst_i),
                .we_i(wd_valid_q), .waddr_i(wd_slot_q), .wdata_i(wd_data_q),
                .re_i(issue_read_i), .raddr_i(issue_slot_i), .rdata_o({issue_strb_o, issue_data_o}));
            // The forward port: a copy of the data (block RAM has one read
            // port besides the write port).  A forward is taken in a cycle
            // with no push, so it never reads the slot being written.
            hbm_ram #(.WIDTH(256), .DEPTH(SLOTS)) u_fwd (
                .clk_i(clk_i), .rst_i(rst_i),
                .we_i(push_i), .waddr_i(push_slot), .wdata_i(push_data_i),
                .re_i(fwd_i), .raddr_i(probe_slot_o), .rdata_o(fwd_data_o));
`ifndef SYNTHESIS
            `HBM_ASSERT("one newest entry per burst", (newest_match & (newest_match - 1'b1)) == {DEPTH{1'b0}})
            `HBM_ASSERT("a forward reads a queued full write, in a cycle with no push",
                        !fwd_i || (probe_full_o && !push_i))
`endif
        end else begin : gen_no_data
            assign issue_data_o = 256'd0;
            assign issue_strb_o = 32'd0;
            assign probe_full_o = 1'b0;
            assign probe_slot_o = {SLOT_BITS{1'b0}};
            assign fwd_data_o   = 256'd0;
            wire unused_data = ^{push_data_i, push_strb_i, issue_read_i, fwd_i};
        end
    endgenerate

    wire unused = ^{free_any, mark_key[KEY_BITS-1 -: BANK_BITS],
                    mark_key[COL_BITS-1:0], issue_key[KEY_BITS-1:COL_BITS]};

`ifndef SYNTHESIS
    `HBM_ASSERT("push only with a free slot", !push_i || free_any)
    `HBM_ASSERT("the popped slot is the popped position's", !pop_i || pop_slot_i == slot_at(slot_q, pop_pos_i))
    `HBM_ASSERT("pop only an occupied position", !pop_i || {1'b0, pop_pos_i} < count_q)
`endif
`ifdef FORMAL
    // ---- formal properties (formal/hbm_req_queue.sby) ------------------------
    // The spec (docs/microarchitecture.md, request queues): a queue holds
    // requests in arrival order; a pop takes the one at an age position
    // out, the younger ones move up; a push joins at the end.  f_key_q[i]
    // and f_id_q[i] hold the i-th oldest request as that spec says (a
    // plain list, no slots); the queue must hold the same: nothing lost,
    // duplicated or reordered.  Also: the age list names distinct occupied
    // slots and the free slots are the rest (count and full honest); the
    // bank vectors say which entries target each bank; hit_q[i] says that
    // the i-th oldest targets the row its bank holds open, given bank
    // state inputs that follow the bank events (assumed: hbm_bank_state).
    localparam integer FK = KEY_BITS;
    reg            f_past_valid = 1'b0;
    reg [FK-1:0]   f_key_q [0:DEPTH-1];
    reg [ID_BITS-1:0] f_id_q [0:DEPTH-1];
    reg [BANKS-1:0] f_open_q;
    reg [ROW_BITS-1:0] f_row_q [0:BANKS-1];
    integer fi;   // the list's loop (f_list only)
    always @(posedge clk_i)
        f_past_valid <= 1'b1;
    always @* if (!f_past_valid) assume(rst_i);

    // The environment: pushes with a free entry, pops of occupied
    // positions, bank state as the events of earlier cycles left it, no
    // bank opened and closed at once, one row command a cycle.
    always @* begin : f_env
        integer b;
        for (b = 0; b < BANKS; b = b + 1)
            if (f_past_valid && !rst_i && f_open_q[b])
                assume(open_row_i[b*ROW_BITS +: ROW_BITS] == f_row_q[b]);
        if (f_past_valid && !rst_i) begin
            assume(!push_i || count_after_pop < DEPTH);
            assume(!pop_i || {1'b0, pop_pos_i} < count_q);
            assume(!pop_i || pop_slot_i == slot_at(slot_q, pop_pos_i));
            assume(!probe_i || probe_match_i == slots_holding(probe_key_i));
            assume(open_i == f_open_q);
            assume(!act_i || !f_open_q[act_bank_i]);
            assume(!act_i || !close_i[act_bank_i]);
        end
    end
    always @(posedge clk_i) begin
        if (rst_i)
            f_open_q <= {BANKS{1'b0}};
        else
            f_open_q <= (f_open_q & ~close_i) | (act_i ? ({{(BANKS-1){1'b0}}, 1'b1} << act_bank_i) : {BANKS{1'b0}});
        if (act_i)
            f_row_q[act_bank_i] <= act_row_i;
    end

    // The spec's list: pop, then push at the end.
    always @(posedge clk_i) begin : f_list
        reg [FK-1:0]      k [0:DEPTH-1];
        reg [ID_BITS-1:0] d [0:DEPTH-1];
        for (fi = 0; fi < DEPTH; fi = fi + 1) begin
            k[fi] = f_key_q[fi];
            d[fi] = f_id_q[fi];
        end
        if (pop_i)
            for (fi = 0; fi < DEPTH - 1; fi = fi + 1)
                if (fi >= pop_pos_i) begin
                    k[fi] = k[fi+1];
                    d[fi] = d[fi+1];
                end
        if (push_i) begin
            k[push_pos] = {push_bank_i, push_row_i, push_col_i};
            d[push_pos] = push_id_i;
        end
        for (fi = 0; fi < DEPTH; fi = fi + 1) begin
            f_key_q[fi] <= k[fi];
            f_id_q[fi]  <= d[fi];
        end
    end

    // Per position i: its slot, its request's bank and row, the free count.
    reg [SLOT_BITS:0] f_free_n;
    always @* begin : f_count
        integer j;
        f_free_n = {(SLOT_BITS+1){1'b0}};
        for (j = 0; j < DEPTH; j = j + 1)
            f_free_n = f_free_n + {{SLOT_BITS{1'b0}}, free_q[j]};
    end
    genvar fp, fq;
    generate
        for (fp = 0; fp < DEPTH; fp = fp + 1) begin : gen_f_pos
            localparam [SLOT_BITS-1:0] P = fp;
            wire [SLOT_BITS-1:0] f_slot = slot_at(slot_q, P);
            wire                 f_used = fp < count_q;
            wire [BANK_BITS-1:0] f_bank = f_key_q[fp][FK-1 -: BANK_BITS];
            wire [ROW_BITS-1:0]  f_row  = f_key_q[fp][COL_BITS +: ROW_BITS];
            always @* begin : f_used_pos
                integer b;
                for (b = 0; b < BANKS; b = b + 1)
                    if (f_past_valid && !rst_i && f_used)
                        // the bank vectors: its bank's, no other's
                        assert(bank_mask_q[b][fp] == (b == f_bank));
                if (f_past_valid && !rst_i && f_used) begin
                    // the stored request is the spec's i-th oldest
                    assert(key_q[f_slot] == f_key_q[fp]);
                    assert(id_q[f_slot] == f_id_q[fp]);
                    // its slot is occupied
                    assert({{(32-SLOT_BITS){1'b0}}, f_slot} < DEPTH);
                    assert(!free_q[f_slot]);
                    // the row hit
                    assert(hit_q[fp] == (f_open_q[f_bank] && f_row_q[f_bank] == f_row));
                end
            end
            for (fq = fp + 1; fq < DEPTH; fq = fq + 1) begin : gen_f_pair
                always @* if (f_past_valid && !rst_i && fq < count_q)
                    assert(slot_at(slot_q, P) != slot_at(slot_q, fq[SLOT_BITS-1:0]));
            end
            // beyond the count: no bank's vector names the position
            if (fp == DEPTH - 1) begin : gen_f_cover
                always @* if (f_past_valid && !rst_i)
                    cover(f_used && act_i && act_bank_i == f_bank && act_row_i == f_row);
            end
            always @* begin : f_free_pos
                integer b;
                for (b = 0; b < BANKS; b = b + 1)
                    if (f_past_valid && !rst_i && !f_used)
                        assert(!bank_mask_q[b][fp]);
                if (f_past_valid && !rst_i && !f_used)
                    assert(!hit_q[fp]);
            end
        end
    endgenerate
    always @* begin : f_whole
        integer p;
        if (f_past_valid && !rst_i) begin
            assert(count_q <= DEPTH);
            assert(f_free_n + count_q == DEPTH);
        end
        // valid_o is the thermometer of the count
        for (p = 0; p < DEPTH; p = p + 1)
            if (f_past_valid && !rst_i)
                assert(valid_q[p] == (p < count_q));
    end

    // Covers: the queue full; a pop from the middle while a push comes;
    // (above) an ACT that turns the youngest of a full queue into a hit.
    always @* if (f_past_valid && !rst_i) begin
        cover(count_q == DEPTH);
        cover(pop_i && push_i && pop_pos_i != 0 && {1'b0, pop_pos_i} < count_q - 1'b1);
    end
`endif
endmodule

`resetall
