// hbm_ecc_tb - the SECDED encoder and decoder of one 32-byte burst (four
// 64-bit words), side by side, for tb/unit/vecc.cpp: enc_check_o codes
// enc_data_i; dec_* decodes dec_data_i with dec_check_i.
`default_nettype none

module hbm_ecc_tb (
    input  wire [255:0] enc_data_i,
    output wire [31:0]  enc_check_o,
    input  wire [255:0] dec_data_i,
    input  wire [31:0]  dec_check_i,
    output wire [255:0] dec_data_o,
    output wire [3:0]   dec_corrected_o,
    output wire [3:0]   dec_uncorrectable_o
);
    hbm_ecc_enc #(.WORDS(4)) u_enc (.data_i(enc_data_i), .check_o(enc_check_o));
    hbm_ecc_dec #(.WORDS(4)) u_dec (
        .data_i(dec_data_i), .check_i(dec_check_i), .data_o(dec_data_o),
        .corrected_o(dec_corrected_o), .uncorrectable_o(dec_uncorrectable_o));
endmodule

`resetall
