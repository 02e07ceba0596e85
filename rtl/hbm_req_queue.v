// hbm_req_queue - one request queue (read or write) in arrival order.
//
// Clocking: clk_i, synchronous active-high rst_i (resets the valid state:
// count and free slots, never the stored fields).  Outputs are
// combinational from registers.
// Entries live in fixed slots; order_q lists the occupied slots oldest
// first and collapses when an entry leaves (pop at an age position).  A
// pushed request takes the lowest free slot after this cycle's pop and the
// last age position: exactly the C model's queue (model/hbm_model.c).
// Each entry also holds its accept cycle (for the starvation limit) and two
// statistics flags set by the row pick (needed an ACT, needed a PRE).
// With OPT_DATA the queue keeps 32 bytes and 32 byte enables per slot.
`default_nettype none

module hbm_req_queue #(
    parameter integer DEPTH     = 32,
    parameter integer BANK_BITS = 4,
    parameter integer ROW_BITS  = 14,
    parameter integer COL_BITS  = 5,
    parameter integer ID_BITS   = 8,
    parameter integer OPT_DATA  = 0,
    parameter integer SLOT_BITS = 5   // max(1, ceil(log2(DEPTH)))
) (
    input  wire                          clk_i,
    input  wire                          rst_i,
    // push (the request accepted this cycle)
    input  wire                          push_i,
    input  wire [BANK_BITS-1:0]          push_bank_i,
    input  wire [ROW_BITS-1:0]           push_row_i,
    input  wire [COL_BITS-1:0]           push_col_i,
    input  wire [ID_BITS-1:0]            push_id_i,
    input  wire [31:0]                   push_ts_i,
    input  wire [255:0]                  push_data_i,
    input  wire [31:0]                   push_strb_i,
    // pop (the column command issued this cycle), by age position
    input  wire                          pop_i,
    input  wire [SLOT_BITS-1:0]          pop_pos_i,
    // statistics flag of the entry the row pick served, by age position
    input  wire                          mark_i,
    input  wire [SLOT_BITS-1:0]          mark_pos_i,
    input  wire                          mark_conflict_i,  // 1: PRE, 0: ACT
    // state, entry i = i-th oldest
    output wire [SLOT_BITS:0]            count_o,
    output wire [DEPTH*BANK_BITS-1:0]    e_bank_o,
    output wire [DEPTH*ROW_BITS-1:0]     e_row_o,
    output wire [DEPTH*COL_BITS-1:0]     e_col_o,
    output wire [DEPTH*ID_BITS-1:0]      e_id_o,
    output wire [DEPTH*2-1:0]            e_flags_o,        // {conflict, miss}
    output wire [31:0]                   head_ts_o,        // accept cycle of the oldest
    // data of the entry at age position pop_pos_i
    output wire [255:0]                  pop_data_o,
    output wire [31:0]                   pop_strb_o
);
    generate
        if (DEPTH < 1 || DEPTH > 64 || (1 << SLOT_BITS) < DEPTH ||
            (SLOT_BITS > 1 && (1 << (SLOT_BITS - 1)) >= DEPTH)) begin : gen_bad_depth
            initial begin
                $display("%m: DEPTH = %0d must be 1..64 and fit SLOT_BITS = %0d", DEPTH, SLOT_BITS);
                $finish;
            end
            INVALID_PARAMETER_QUEUE_DEPTH u_bad ();
        end
    endgenerate

    localparam integer SLOTS = 1 << SLOT_BITS;  // storage rounded up to a power of two

    reg [SLOT_BITS-1:0] order_q [0:SLOTS-1];
    reg [SLOT_BITS:0]   count_q;
    reg [DEPTH-1:0]     free_q;
    reg [BANK_BITS-1:0] bank_q  [0:SLOTS-1];
    reg [ROW_BITS-1:0]  row_q   [0:SLOTS-1];
    reg [COL_BITS-1:0]  col_q   [0:SLOTS-1];
    reg [ID_BITS-1:0]   id_q    [0:SLOTS-1];
    reg [31:0]          ts_q    [0:SLOTS-1];
    reg [1:0]           flags_q [0:SLOTS-1];

    // Free slots once this cycle's pop has left, and the lowest of them.
    wire [SLOT_BITS-1:0] pop_slot  = order_q[pop_pos_i];
    wire [DEPTH-1:0]     free_now  = free_q | (pop_i ? ({{(DEPTH-1){1'b0}}, 1'b1} << pop_slot) : {DEPTH{1'b0}});
    reg  [SLOT_BITS-1:0] push_slot;
    integer s;
    always @* begin
        push_slot = {SLOT_BITS{1'b0}};
        for (s = DEPTH - 1; s >= 0; s = s - 1)
            if (free_now[s])
                push_slot = s[SLOT_BITS-1:0];
    end

    wire [SLOT_BITS:0] count_after_pop = count_q - {{SLOT_BITS{1'b0}}, pop_i};

    integer i;
    always @(posedge clk_i) begin
        if (rst_i) begin
            count_q <= {(SLOT_BITS+1){1'b0}};
            free_q  <= {DEPTH{1'b1}};
        end else begin
            if (pop_i)
                for (i = 0; i < DEPTH - 1; i = i + 1)
                    if (i >= pop_pos_i)
                        order_q[i] <= order_q[i+1];
            if (push_i)
                order_q[count_after_pop[SLOT_BITS-1:0]] <= push_slot;
            count_q <= count_after_pop + {{SLOT_BITS{1'b0}}, push_i};
            free_q  <= free_now & ~(push_i ? ({{(DEPTH-1){1'b0}}, 1'b1} << push_slot) : {DEPTH{1'b0}});
        end
        // Stored fields: written on push, never reset.
        if (push_i) begin
            bank_q[push_slot]  <= push_bank_i;
            row_q[push_slot]   <= push_row_i;
            col_q[push_slot]   <= push_col_i;
            id_q[push_slot]    <= push_id_i;
            ts_q[push_slot]    <= push_ts_i;
            flags_q[push_slot] <= 2'b00;
        end
        if (mark_i)
            flags_q[order_q[mark_pos_i]] <= flags_q[order_q[mark_pos_i]] | (mark_conflict_i ? 2'b10 : 2'b01);
    end

    genvar e;
    generate
        for (e = 0; e < DEPTH; e = e + 1) begin : gen_out
            assign e_bank_o[e*BANK_BITS +: BANK_BITS] = bank_q[order_q[e]];
            assign e_row_o[e*ROW_BITS +: ROW_BITS]    = row_q[order_q[e]];
            assign e_col_o[e*COL_BITS +: COL_BITS]    = col_q[order_q[e]];
            assign e_id_o[e*ID_BITS +: ID_BITS]       = id_q[order_q[e]];
            assign e_flags_o[e*2 +: 2]                = flags_q[order_q[e]];
        end
        if (OPT_DATA != 0) begin : gen_data
            reg [255:0] data_q [0:SLOTS-1];
            reg [31:0]  strb_q [0:SLOTS-1];
            always @(posedge clk_i)
                if (push_i) begin
                    data_q[push_slot] <= push_data_i;
                    strb_q[push_slot] <= push_strb_i;
                end
            assign pop_data_o = data_q[pop_slot];
            assign pop_strb_o = strb_q[pop_slot];
        end else begin : gen_no_data
            assign pop_data_o = 256'd0;
            assign pop_strb_o = 32'd0;
            wire unused_data = ^{push_data_i, push_strb_i};
        end
    endgenerate

    assign count_o   = count_q;
    assign head_ts_o = ts_q[order_q[0]];
endmodule

`resetall
