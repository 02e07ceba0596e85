// hbm_ecc_enc - SECDED check bits of WORDS 64-bit words (ecc = secded).
//
// Combinational.  Word k is data_i[64*k +: 64], its 8 check bits
// check_o[8*k +: 8]: check bit j is the parity of the data bits that row j
// of the (72,64) Hsiao matrix names (HBM_ECC_ROWS, generated from
// model/hbm_ecc.c into rtl/gen/hbm_encoding.vh).  C twin: hbm_ecc_encode.
`default_nettype none
`include "hbm_encoding.vh"

module hbm_ecc_enc #(
    parameter integer WORDS = 2
) (
    input  wire [64*WORDS-1:0] data_i,
    output wire [8*WORDS-1:0]  check_o
);
    localparam [511:0] ROWS = `HBM_ECC_ROWS;
    genvar k, j;
    generate
        for (k = 0; k < WORDS; k = k + 1) begin : gen_word
            for (j = 0; j < 8; j = j + 1) begin : gen_check
                assign check_o[8*k + j] = ^(data_i[64*k +: 64] & ROWS[64*j +: 64]);
            end
        end
    endgenerate
endmodule

`resetall
