// hbm_addr_map - byte address to bank group, bank, row and column.
//
// Combinational.  Implements the address_map and address_xor knobs exactly
// as its C twin model/hbm_addr_map.c: bit i of each field is byte-address bit
// *_SRC[8*i +: 8] (the generated HBM_*_SRC lists, most significant first);
// then the bank bits are hashed:
//   XOR_ROW  bank ^= the lowest row bits, bank group ^= the next ones;
//   XOR_FOLD h = the row folded onto BA_BITS + BG_BITS bits (bit j = XOR of
//            row bits j, j + w, ...); bank ^= h's low bits, bank group ^=
//            h's high bits, bank-group bit 0 ^= bank-field bit 0.
//   XOR_FOLDMIX (2 bank and 2 or 3 bank-group bits) f = the fold above,
//            mixed: ba[0] ^= f0^f2, ba[1] ^= f1^f3, bg[0] ^= f1^f2 ^
//            bank-field bit 0, bg[1] ^= f0^f1^f2, bg[2] ^= f4.
`default_nettype none

module hbm_addr_map #(
    parameter integer ADDR_BITS     = 28,
    parameter integer BG_BITS       = 2,
    parameter integer BA_BITS       = 2,
    parameter integer ROW_BITS      = 14,
    parameter integer COL_BITS      = 5,
    // byte-address bit of each field bit, 8 bits per entry, bit 0 lowest
    parameter [8*ROW_BITS-1:0] ROW_SRC       = {8'd27, 8'd26, 8'd25, 8'd24, 8'd23, 8'd22, 8'd21,
                                                8'd20, 8'd19, 8'd18, 8'd17, 8'd16, 8'd15, 8'd14},
    parameter [8*BA_BITS-1:0]  BANK_SRC      = {8'd13, 8'd12},
    parameter [8*BG_BITS-1:0]  BANKGROUP_SRC = {8'd6, 8'd5},
    parameter [8*COL_BITS-1:0] COLUMN_SRC    = {8'd11, 8'd10, 8'd9, 8'd8, 8'd7},
    parameter integer ADDRESS_XOR   = 1   // 0 none, 1 row, 2 fold, 3 foldmix (HBM_XOR_*)
) (
    input  wire [ADDR_BITS-1:0] addr_i,
    output wire [BG_BITS-1:0]   bg_o,
    output wire [BA_BITS-1:0]   ba_o,
    output wire [ROW_BITS-1:0]  row_o,
    output wire [COL_BITS-1:0]  col_o
);
    localparam integer HASH_BITS = BA_BITS + BG_BITS;

    // Every source bit must lie in the address, and every address bit above
    // the burst offset must be used exactly once.
    function integer map_ok(input integer dummy);
        integer p, i, uses;
        begin
            map_ok = (ADDR_BITS == ROW_BITS + BA_BITS + BG_BITS + COL_BITS + 5 && dummy == 0) ? 1 : 0;
            for (p = 0; p < 256; p = p + 1) begin
                uses = 0;
                for (i = 0; i < ROW_BITS; i = i + 1) if ({24'd0, ROW_SRC[8*i +: 8]} == p) uses = uses + 1;
                for (i = 0; i < BA_BITS; i = i + 1) if ({24'd0, BANK_SRC[8*i +: 8]} == p) uses = uses + 1;
                for (i = 0; i < BG_BITS; i = i + 1) if ({24'd0, BANKGROUP_SRC[8*i +: 8]} == p) uses = uses + 1;
                for (i = 0; i < COL_BITS; i = i + 1) if ({24'd0, COLUMN_SRC[8*i +: 8]} == p) uses = uses + 1;
                if (uses != ((p >= 5 && p < ADDR_BITS) ? 1 : 0)) map_ok = 0;
            end
        end
    endfunction

    generate
        if (map_ok(0) == 0 || ADDRESS_XOR < 0 || ADDRESS_XOR > 3 ||
            (ADDRESS_XOR == 1 && ROW_BITS < HASH_BITS) ||
            (ADDRESS_XOR == 3 && (BA_BITS != 2 || BG_BITS < 2 || BG_BITS > 3 || ROW_BITS < HASH_BITS))) begin : gen_bad_map
            initial begin
                $display("%m: the *_SRC lists must use every address bit from 5 to ADDR_BITS-1 once, ADDRESS_XOR must be 0..3, XOR_ROW needs ROW_BITS >= BA_BITS + BG_BITS, XOR_FOLDMIX 2 bank bits, 2 or 3 bank-group bits and as many row bits");
                $finish;
            end
            INVALID_PARAMETER_ADDRESS_MAP u_bad ();
        end
    endgenerate

    wire [BG_BITS-1:0] bg_raw;
    wire [BA_BITS-1:0] ba_raw;

    hbm_bit_gather #(.VEC_BITS(ADDR_BITS), .N(ROW_BITS), .SRC(ROW_SRC)) u_row (
        .vec_i(addr_i), .bits_o(row_o));
    hbm_bit_gather #(.VEC_BITS(ADDR_BITS), .N(COL_BITS), .SRC(COLUMN_SRC)) u_col (
        .vec_i(addr_i), .bits_o(col_o));
    hbm_bit_gather #(.VEC_BITS(ADDR_BITS), .N(BA_BITS), .SRC(BANK_SRC)) u_ba (
        .vec_i(addr_i), .bits_o(ba_raw));
    hbm_bit_gather #(.VEC_BITS(ADDR_BITS), .N(BG_BITS), .SRC(BANKGROUP_SRC)) u_bg (
        .vec_i(addr_i), .bits_o(bg_raw));

    genvar i, j;
    generate
        if (ADDRESS_XOR == 1) begin : gen_xor_row
            assign ba_o = ba_raw ^ row_o[BA_BITS-1:0];
            assign bg_o = bg_raw ^ row_o[BA_BITS +: BG_BITS];
        end else if (ADDRESS_XOR == 2 || ADDRESS_XOR == 3) begin : gen_xor_fold
            // fold[j]: XOR of row bits j, j + HASH_BITS, j + 2 * HASH_BITS, ...
            wire [HASH_BITS-1:0] fold;
            for (j = 0; j < HASH_BITS; j = j + 1) begin : gen_fold
                wire [ROW_BITS-1:0] taps;
                for (i = 0; i < ROW_BITS; i = i + 1) begin : gen_tap
                    assign taps[i] = (i % HASH_BITS == j) ? row_o[i] : 1'b0;
                end
                assign fold[j] = ^taps;
            end
            wire [BG_BITS-1:0] ba_bit0 = {{(BG_BITS-1){1'b0}}, ba_raw[0]};
            // the hash bits: the fold itself, or (foldmix) an invertible mix of it
            wire [HASH_BITS-1:0] h;
            if (ADDRESS_XOR == 2) begin : gen_plain
                assign h = fold;
            end else begin : gen_mix   // HASH_BITS = 4: {bg1, bg0, ba1, ba0}; 5: bg2 above
                wire [3:0] mix = {fold[0] ^ fold[1] ^ fold[2], fold[1] ^ fold[2],
                                  fold[1] ^ fold[3], fold[0] ^ fold[2]};
                if (HASH_BITS == 5) begin : gen_sid
                    assign h = {fold[HASH_BITS-1], mix};
                end else begin : gen_four
                    assign h = mix;
                end
            end
            assign ba_o = ba_raw ^ h[BA_BITS-1:0];
            assign bg_o = bg_raw ^ h[BA_BITS +: BG_BITS] ^ ba_bit0;
        end else begin : gen_xor_none
            assign ba_o = ba_raw;
            assign bg_o = bg_raw;
        end
    endgenerate
endmodule

`resetall
