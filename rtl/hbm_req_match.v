// hbm_req_match - which slots of one request queue hold the burst of the
// request the queues judge next: the hazard probe, worked out a clock
// ahead.
//
// Clocking: clk_i, synchronous active-high rst_i (no slot matches).
// Owns one vector over the queue's slots for the request port's head
// (head_q) and, with the ECC read-modify-write unit, one for the partial
// write it holds (held_q).  Bit s is set when slot s holds a request to the
// same burst (the same {bank, row, column} key).  The vectors are kept
// true at every edge:
//   - a new head (head_load_i: the port register loads a request) takes
//     the queue's look port's answer for its key (load_match_i: its burst
//     compared with every slot as the queue holds them after the edge, the
//     slot being pushed with the pushed burst);
//   - a head that stays, and the held request, follow the queue: the
//     slot a pop frees leaves the vector, the slot a push writes joins it
//     when the pushed key is their own (one compare each);
//   - the held vector is the head's, followed, when the head moves into
//     the read-modify-write unit (held_take_i).
// match_o is the vector of the request on the queues' port (held_q when
// the unit offers its own request, else head_q), straight from a register,
// so the controller's take decision (a hazard, a forward) starts at a
// register rather than at a compare of the port's key with every slot.
// The decision is the one a compare at the port would give, cycle for
// cycle; hbm_req_queue asserts that whenever it is probed, in simulation
// and in the controller's formal harness.
// No C twin: the model asks the same question by search
// (hbm_req_queue_holds, hbm_req_queue_newest in model/hbm_req_queue.c).
`default_nettype none

module hbm_req_match #(
    parameter integer DEPTH    = 32,
    parameter integer KEY_BITS = 23
) (
    input  wire                      clk_i,
    input  wire                      rst_i,
    // the queue: the slots occupied once this edge's pop has left (before
    // the push), the slot this edge's push writes (one-hot, zero without a
    // push), the pushed key, and its look port's answer for a new head
    input  wire [DEPTH-1:0]          kept_i,
    input  wire [DEPTH-1:0]          push_slot_i,
    input  wire [KEY_BITS-1:0]       push_key_i,
    input  wire [DEPTH-1:0]          load_match_i,
    // the request port's head: a new one at this edge, and the key of the
    // one now
    input  wire                      head_load_i,
    input  wire [KEY_BITS-1:0]       head_key_i,
    // the read-modify-write unit: it takes the head in at this edge; the
    // key it holds; the request it offers now is its own
    input  wire                      held_take_i,
    input  wire [KEY_BITS-1:0]       held_key_i,
    input  wire                      own_i,
    output wire [DEPTH-1:0]          match_o
);
    reg [DEPTH-1:0] head_q, held_q;

    // A vector followed across this edge: the popped slot leaves, the
    // pushed slot joins when it holds the same burst.
    wire [DEPTH-1:0] head_follow = (head_q & kept_i & ~push_slot_i) |
                                   (push_key_i == head_key_i ? push_slot_i : {DEPTH{1'b0}});
    wire [DEPTH-1:0] held_follow = (held_q & kept_i & ~push_slot_i) |
                                   (push_key_i == held_key_i ? push_slot_i : {DEPTH{1'b0}});

    always @(posedge clk_i) begin
        if (rst_i) begin
            head_q <= {DEPTH{1'b0}};
            held_q <= {DEPTH{1'b0}};
        end else begin
            head_q <= head_load_i ? load_match_i : head_follow;
            held_q <= held_take_i ? head_follow : held_follow;
        end
    end

    assign match_o = own_i ? held_q : head_q;
endmodule

`resetall
