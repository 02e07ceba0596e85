// hbm_ecc_formal - the SECDED coder's promise, for every 64-bit word and
// every error pattern of up to two bits (formal/hbm_ecc.sby): encode a
// free word, flip the free bit positions err_a / err_b of the 72-bit
// codeword (n_err of them: 0, 1 or 2), decode:
//   no flip    -> the word, neither flag;
//   one flip   -> the word, corrected, not uncorrectable;
//   two flips  -> uncorrectable, not corrected, the data as read.
// Written from the code's definition (model/hbm_ecc.h), not the RTL.
`default_nettype none

module hbm_ecc_formal;
    (* anyconst *) reg [63:0] data;
    (* anyconst *) reg [6:0]  err_a, err_b;    // codeword bit positions 0..71
    (* anyconst *) reg [1:0]  n_err;

    wire [7:0] check;
    hbm_ecc_enc #(.WORDS(1)) u_enc (.data_i(data), .check_o(check));

    // the codeword as read: {check, data} with the flips
    wire [71:0] one_a = 72'd1 << err_a;
    wire [71:0] one_b = 72'd1 << err_b;
    wire [71:0] errors = n_err == 2'd0 ? 72'd0 : n_err == 2'd1 ? one_a : (one_a | one_b);
    wire [71:0] read_word = {check, data} ^ errors;

    wire [63:0] data_out;
    wire        corrected, uncorrectable;
    hbm_ecc_dec #(.WORDS(1)) u_dec (
        .data_i(read_word[63:0]), .check_i(read_word[71:64]), .data_o(data_out),
        .corrected_o(corrected), .uncorrectable_o(uncorrectable));

    always @* begin
        assume(err_a < 7'd72 && err_b < 7'd72 && n_err != 2'd3);
        if (n_err == 2'd2)
            assume(err_a != err_b);
        case (n_err)
            2'd0: assert(data_out == data && !corrected && !uncorrectable);
            2'd1: assert(data_out == data && corrected && !uncorrectable);
            default: assert(uncorrectable && !corrected && data_out == read_word[63:0]);
        endcase
        // every case is reachable
        cover(n_err == 2'd1 && err_a >= 7'd64);   // a check bit flipped
        cover(n_err == 2'd2 && err_a < 7'd64 && err_b >= 7'd64);
    end
endmodule

`resetall
