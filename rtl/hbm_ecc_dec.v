// hbm_ecc_dec - SECDED check and correction of WORDS 64-bit words.
//
// Combinational.  Word k is data_i[64*k +: 64] with its check bits
// check_i[8*k +: 8].  The syndrome is the check bits the data codes to
// (rows of HBM_ECC_ROWS, as hbm_ecc_enc) xor the check bits read:
//   zero                    the word is right;
//   one bit set             a check bit flipped: the data is right, corrected;
//   data bit i's column     data bit i flipped: it is flipped back, corrected;
//   anything else           two (or more) bits flipped: uncorrectable, the
//                           data goes out as read and uncorrectable_o says so.
// Every column of the Hsiao matrix has odd weight, so two flipped bits
// never look like one.  C twin: hbm_ecc_decode (model/hbm_ecc.c).
`default_nettype none
`include "hbm_encoding.vh"

module hbm_ecc_dec #(
    parameter integer WORDS = 2
) (
    input  wire [64*WORDS-1:0] data_i,
    input  wire [8*WORDS-1:0]  check_i,
    output wire [64*WORDS-1:0] data_o,
    output wire [WORDS-1:0]    corrected_o,
    output wire [WORDS-1:0]    uncorrectable_o
);
    localparam [511:0] ROWS = `HBM_ECC_ROWS;
    genvar k, i, j;
    generate
        for (k = 0; k < WORDS; k = k + 1) begin : gen_word
            wire [63:0] d = data_i[64*k +: 64];
            wire [7:0]  syndrome;
            wire [63:0] flip;       // bit i: the syndrome is data bit i's column
            for (j = 0; j < 8; j = j + 1) begin : gen_syndrome
                assign syndrome[j] = ^(d & ROWS[64*j +: 64]) ^ check_i[8*k + j];
            end
            for (i = 0; i < 64; i = i + 1) begin : gen_flip
                assign flip[i] = syndrome == {ROWS[64*7 + i], ROWS[64*6 + i], ROWS[64*5 + i],
                                              ROWS[64*4 + i], ROWS[64*3 + i], ROWS[64*2 + i],
                                              ROWS[64*1 + i], ROWS[i]};
            end
            // a one-hot syndrome: a flipped check bit
            wire check_bit = syndrome != 8'd0 && (syndrome & (syndrome - 8'd1)) == 8'd0;
            assign data_o[64*k +: 64] = d ^ flip;
            assign corrected_o[k]     = check_bit || flip != 64'd0;
            assign uncorrectable_o[k] = syndrome != 8'd0 && !corrected_o[k];
        end
    endgenerate
endmodule

`resetall
