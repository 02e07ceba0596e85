// hbm_bist_pattern - the self-test SoC's data: the 32-byte burst written to
// (and expected from) a storage location of the device, from the location
// and the run's seed.  Eight 32-bit lanes; lane w is
//   seed half ^ x ^ (x << 13) ^ (x >> 7) ^ w * 0x9E3779B9,   x = {loc, w}
// (the low seed half in even lanes, the high one in odd lanes), so any two
// locations differ in every lane, every lane differs from the others, and
// a new seed changes every bit a run expects.
//
// Combinational; no clock.  The SoC's writer and its checker each have one.
`default_nettype none

module hbm_bist_pattern #(
    parameter integer LOC_BITS = 12   // storage location bits, 1..28
) (
    input  wire [LOC_BITS-1:0] loc_i,
    input  wire [63:0]         seed_i,
    output wire [255:0]        data_o
);
    generate
        if (LOC_BITS < 1 || LOC_BITS > 28) begin : gen_bad
            initial begin
                $display("%m: LOC_BITS = %0d must be 1..28", LOC_BITS);
                $finish;
            end
            INVALID_PARAMETER_LOC_BITS u_bad ();
        end
    endgenerate

    genvar w;
    generate
        for (w = 0; w < 8; w = w + 1) begin : gen_lane
            localparam [2:0]  W3 = w;
            localparam [31:0] SALT = w * 32'h9E3779B9;
            wire [31:0] x = {{(29-LOC_BITS){1'b0}}, loc_i, W3};
            wire [31:0] half = (w % 2) != 0 ? seed_i[63:32] : seed_i[31:0];
            assign data_o[32*w +: 32] = half ^ x ^ (x << 13) ^ (x >> 7) ^ SALT;
        end
    endgenerate
endmodule

`resetall
