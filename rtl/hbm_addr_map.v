// hbm_addr_map - byte address to bank group, bank, row and column.
//
// Combinational.  Implements the address_map and address_xor knobs exactly
// as model/hbm_addrmap.c: each field sits at its *_LSB (counted in byte
// address bits, the 5 burst-offset bits below everything); with OPT_XOR the
// bank bits are XORed with the lowest row bits and the bank-group bits with
// the row bits above those.
`default_nettype none

module hbm_addr_map #(
    parameter integer ADDR_BITS     = 28,
    parameter integer BG_BITS       = 2,
    parameter integer BA_BITS       = 2,
    parameter integer ROW_BITS      = 14,
    parameter integer COL_BITS      = 5,
    parameter integer ROW_LSB       = 14,
    parameter integer BANK_LSB      = 12,
    parameter integer BANKGROUP_LSB = 5,
    parameter integer COLUMN_LSB    = 7,
    parameter integer OPT_XOR       = 1
) (
    input  wire [ADDR_BITS-1:0] addr_i,
    output wire [BG_BITS-1:0]   bg_o,
    output wire [BA_BITS-1:0]   ba_o,
    output wire [ROW_BITS-1:0]  row_o,
    output wire [COL_BITS-1:0]  col_o
);
    generate
        if (OPT_XOR != 0 && ROW_BITS < BA_BITS + BG_BITS) begin : gen_bad_xor
            initial begin
                $display("%m: OPT_XOR needs ROW_BITS >= BA_BITS + BG_BITS");
                $finish;
            end
            INVALID_PARAMETER_OPT_XOR u_bad ();
        end
    endgenerate

    wire [BG_BITS-1:0] bg_raw = addr_i[BANKGROUP_LSB +: BG_BITS];
    wire [BA_BITS-1:0] ba_raw = addr_i[BANK_LSB +: BA_BITS];
    assign row_o = addr_i[ROW_LSB +: ROW_BITS];
    assign col_o = addr_i[COLUMN_LSB +: COL_BITS];
    assign ba_o  = (OPT_XOR != 0) ? (ba_raw ^ row_o[BA_BITS-1:0]) : ba_raw;
    assign bg_o  = (OPT_XOR != 0) ? (bg_raw ^ row_o[BA_BITS +: BG_BITS]) : bg_raw;
endmodule

`resetall
