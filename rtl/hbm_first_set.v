// hbm_first_set - the lowest set bit of a vector: "the oldest candidate".
//
// Purely combinational.  Queues keep their entries oldest first, so every
// "oldest entry that ..." choice of the scheduler is the lowest set bit of
// a candidate vector.  Built without a loop: the lowest set bit is
// vec & -vec (one carry chain), and bit k of its index is the OR of the
// positions whose index has bit k set.  Owns no timing rule.
`default_nettype none
`include "hbm_defs.vh"

module hbm_first_set #(
    parameter integer WIDTH = 64  // candidates
) (
    input  wire [WIDTH-1:0]               vec_i,
    output wire                           found_o,   // some bit is set
    output wire [WIDTH-1:0]               onehot_o,  // the lowest set bit alone (0 if none)
    output wire [`HBM_CLOG2(WIDTH)-1:0]   idx_o      // its position (0 if none)
);
    localparam integer IDX_BITS = `HBM_CLOG2(WIDTH);
    generate
        if (WIDTH < 1 || WIDTH > 4096) begin : gen_bad_width
            initial begin
                $display("%m: WIDTH = %0d must be 1..4096", WIDTH);
                $finish;
            end
            INVALID_PARAMETER_WIDTH u_bad ();
        end
    endgenerate

    assign found_o  = |vec_i;
    assign onehot_o = vec_i & (~vec_i + {{(WIDTH-1){1'b0}}, 1'b1});

    genvar k, i;
    generate
        for (k = 0; k < IDX_BITS; k = k + 1) begin : gen_bit
            wire [WIDTH-1:0] has_bit;  // positions whose index has bit k set
            for (i = 0; i < WIDTH; i = i + 1) begin : gen_pos
                assign has_bit[i] = ((i >> k) & 1) != 0;
            end
            assign idx_o[k] = |(onehot_o & has_bit);
        end
    endgenerate
endmodule

`resetall
