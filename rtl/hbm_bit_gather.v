// hbm_bit_gather - N bits picked out of a vector at listed positions.
//
// Combinational: bit i of bits_o is vec_i[SRC[8*i +: 8]].  The address map
// uses one per field (row, column, bank, bank group), its SRC the
// generated HBM_*_SRC list.  Each position must lie inside the vector.
`default_nettype none

module hbm_bit_gather #(
    parameter integer        VEC_BITS = 28,
    parameter integer        N        = 2,
    parameter [8*N-1:0]      SRC      = {8'd6, 8'd5}   // position of bit i at [8*i +: 8]
) (
    input  wire [VEC_BITS-1:0] vec_i,
    output wire [N-1:0]        bits_o
);
    genvar i;
    generate
        for (i = 0; i < N; i = i + 1) begin : gen_bit
            localparam integer POS = {24'd0, SRC[8*i +: 8]};
            if (POS >= VEC_BITS) begin : gen_bad_pos
                initial begin
                    $display("%m: position %0d of bit %0d is outside the %0d-bit vector", POS, i, VEC_BITS);
                    $finish;
                end
                INVALID_PARAMETER_SRC u_bad ();
            end else begin : gen_pick
                assign bits_o[i] = vec_i[POS];
            end
        end
    endgenerate
endmodule

`resetall
