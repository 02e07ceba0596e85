// hbm_dev - an HBM pseudo-channel device behind the DFI buses, in Verilog:
// the one device model of the Verilog tests (tb/hbm_smoke_tb.v,
// tb/hbm_axi_dut.v and the cocotb test through it) and, being
// synthesizable, of FPGA builds.  The C device (model/hbm_device.c) serves
// the C model and the Verilator lockstep; this one keeps less (below).
//
// Clocking: clk_i at the DRAM command clock (DFI ratio 1: one command slot
// and one data word per bus per clock), synchronous active-high rst_i.
// Owns: which row each bank holds open, a window of storage, data timing
// and the protocol errors it can see.
//   - Storage: a window of 2^(BANK_BITS + WINDOW_ROW_BITS + COL_BITS)
//     bursts of 32 bytes, a burst at {bank, low WINDOW_ROW_BITS bits of
//     its row, column}: rows that differ only above those bits share
//     storage (the window wraps).  Two memories of 16-byte words with byte
//     enables (block RAM); contents start at zero.
//   - Data timing: a read command (RD/RDA) in clock t puts its burst on
//     dfi_rddata in t + RL (bytes 0..15) and t + RL + 1 (16..31), with
//     dfi_rddata_valid; a write command (WR/WRA) takes dfi_wrdata in t + WL
//     and t + WL + 1, byte k written unless dfi_wrdata_mask bit k is set.
//   - ECC (ECC = 1, ecc = secded): the DM/ECC bits carry check bits, 16
//     per word on dfi_wrdata_ecc / dfi_rddata_ecc, stored beside the data
//     (two more memories); there is no write mask then, every byte is
//     written.  With ECC = 0 dfi_rddata_ecc is 0.
//   - Protocol errors (error_o goes high and stays; errors_o counts them;
//     simulation prints each): ACT to an open bank, RD/WR to a closed one,
//     REFAB with a bank open, REFPB to an open bank, write data missing in
//     a write burst's clocks or present outside them.  Timing rules are
//     the C checker's job (model/hbm_check.c, in the lockstep).
`default_nettype none
`include "hbm_defs.vh"

module hbm_dev #(
    parameter integer BG_BITS         = 2,
    parameter integer BA_BITS         = 2,
    parameter integer ROW_BITS        = 14,
    parameter integer COL_BITS        = 5,
    parameter integer RL_CK           = 14,
    parameter integer WL_CK           = 5,
    parameter integer WINDOW_ROW_BITS = 3,
    parameter integer ECC             = 0
) (
    input  wire                     clk_i,
    input  wire                     rst_i,
    input  wire [`HBM_CMD_BITS-1:0] dfi_row_cmd,
    input  wire [BG_BITS-1:0]       dfi_row_bg,
    input  wire [BA_BITS-1:0]       dfi_row_ba,
    input  wire [ROW_BITS-1:0]      dfi_row_addr,
    input  wire [`HBM_CMD_BITS-1:0] dfi_col_cmd,
    input  wire [BG_BITS-1:0]       dfi_col_bg,
    input  wire [BA_BITS-1:0]       dfi_col_ba,
    input  wire [COL_BITS-1:0]      dfi_col_addr,
    input  wire                     dfi_wrdata_en,
    input  wire [127:0]             dfi_wrdata,
    input  wire [15:0]              dfi_wrdata_mask,
    input  wire [15:0]              dfi_wrdata_ecc,
    output reg                      dfi_rddata_valid,
    output wire [127:0]             dfi_rddata,
    output wire [15:0]              dfi_rddata_ecc,
    output reg                      error_o,
    output reg  [15:0]              errors_o
);
    localparam integer BANK_BITS = BG_BITS + BA_BITS;
    localparam integer BANKS     = 1 << BANK_BITS;
    localparam integer LOC_BITS  = BANK_BITS + WINDOW_ROW_BITS + COL_BITS;

    generate
        if (RL_CK < 2 || WL_CK < 2 || RL_CK > 63 || WL_CK > 63 || WINDOW_ROW_BITS < 0 ||
            WINDOW_ROW_BITS > ROW_BITS) begin : gen_bad
            initial begin
                $display("%m: RL = %0d and WL = %0d must be 2..63, WINDOW_ROW_BITS = %0d 0..ROW_BITS",
                         RL_CK, WL_CK, WINDOW_ROW_BITS);
                $finish;
            end
            INVALID_PARAMETER_DEVICE u_bad ();
        end
    endgenerate

    // ---- bank state --------------------------------------------------------
    reg [BANKS-1:0]    open_q;
    reg [ROW_BITS-1:0] row_q [0:BANKS-1];
    wire [BANK_BITS-1:0] rbank = {dfi_row_bg, dfi_row_ba};
    wire [BANK_BITS-1:0] cbank = {dfi_col_bg, dfi_col_ba};
    wire col_rd = dfi_col_cmd == `HBM_CMD_RD || dfi_col_cmd == `HBM_CMD_RDA;
    wire col_wr = dfi_col_cmd == `HBM_CMD_WR || dfi_col_cmd == `HBM_CMD_WRA;
    wire col_ap = dfi_col_cmd == `HBM_CMD_RDA || dfi_col_cmd == `HBM_CMD_WRA;
    wire [ROW_BITS-1:0]  crow = row_q[cbank];
    wire [LOC_BITS-1:0]  cloc;   // the column command's burst in the window
    generate
        if (WINDOW_ROW_BITS > 0) begin : gen_rows
            assign cloc = {cbank, crow[WINDOW_ROW_BITS-1:0], dfi_col_addr};
        end else begin : gen_no_rows
            assign cloc = {cbank, dfi_col_addr};
        end
    endgenerate

    // This clock's protocol errors.
    wire err_act   = dfi_row_cmd == `HBM_CMD_ACT && open_q[rbank];
    wire err_col   = (col_rd || col_wr) && !open_q[cbank];
    wire err_refab = dfi_row_cmd == `HBM_CMD_REFAB && open_q != {BANKS{1'b0}};
    wire err_refpb = dfi_row_cmd == `HBM_CMD_REFPB && open_q[rbank];

    // ---- data timing: bursts in flight, by the clock their first word is due
    // (bit j of a line: due j clocks from now; a command enters at RL - 1 or
    // WL - 1, so bit 0 is its clock t + RL or t + WL) -------------------------
    reg [RL_CK-1:0]    rd_line_q;
    reg [WL_CK-1:0]    wr_line_q;
    reg [LOC_BITS-1:0] rd_loc_q [0:RL_CK-1];
    reg [LOC_BITS-1:0] wr_loc_q [0:WL_CK-1];
    reg                wr_second_q;   // a write burst's second word is due now ...
    reg [LOC_BITS-1:0] wr2_loc_q;     // ... for this burst
    wire               wr_first = wr_line_q[0];    // first write word due now
    wire [LOC_BITS-1:0] wr_loc_now = wr_first ? wr_loc_q[0] : wr2_loc_q;
    wire               wr_due = wr_first || wr_second_q;
    wire err_wdata = dfi_wrdata_en != wr_due;

    // ---- storage: 16-byte halves, byte enables, synchronous read ----------------
    (* ram_style = "block" *) reg [127:0] mem_lo [0:(1 << LOC_BITS)-1];
    (* ram_style = "block" *) reg [127:0] mem_hi [0:(1 << LOC_BITS)-1];
    reg [127:0] rd_lo_q, rd_hi_q;
    reg         rd_hi_sel_q;   // the word on dfi_rddata is the high half
    // The read of a burst's low half is started a clock before it is due
    // (the line's bit 1), its high half in the clock the low half is out.
    wire               rd_lo_go = RL_CK > 1 ? rd_line_q[RL_CK > 1 ? 1 : 0] : 1'b0;
    wire [LOC_BITS-1:0] rd_lo_loc = rd_loc_q[RL_CK > 1 ? 1 : 0];
    integer k;
    always @(posedge clk_i) begin
        if (wr_due && dfi_wrdata_en)
            for (k = 0; k < 16; k = k + 1)
                if (!dfi_wrdata_mask[k] || ECC != 0) begin
                    if (wr_first)
                        mem_lo[wr_loc_now][8*k +: 8] <= dfi_wrdata[8*k +: 8];
                    else
                        mem_hi[wr_loc_now][8*k +: 8] <= dfi_wrdata[8*k +: 8];
                end
        if (rd_lo_go)
            rd_lo_q <= mem_lo[rd_lo_loc];
        if (rd_line_q[0])
            rd_hi_q <= mem_hi[rd_loc_q[0]];
    end
    assign dfi_rddata = rd_hi_sel_q ? rd_hi_q : rd_lo_q;

    // ---- check bits (ECC): the same places, 16 bits a word ------------------------
    generate
        if (ECC != 0) begin : gen_ecc
            (* ram_style = "block" *) reg [15:0] ecc_lo [0:(1 << LOC_BITS)-1];
            (* ram_style = "block" *) reg [15:0] ecc_hi [0:(1 << LOC_BITS)-1];
            reg [15:0] rd_ecc_lo_q, rd_ecc_hi_q;
            always @(posedge clk_i) begin
                if (wr_due && dfi_wrdata_en) begin
                    if (wr_first)
                        ecc_lo[wr_loc_now] <= dfi_wrdata_ecc;
                    else
                        ecc_hi[wr_loc_now] <= dfi_wrdata_ecc;
                end
                if (rd_lo_go)
                    rd_ecc_lo_q <= ecc_lo[rd_lo_loc];
                if (rd_line_q[0])
                    rd_ecc_hi_q <= ecc_hi[rd_loc_q[0]];
            end
            assign dfi_rddata_ecc = rd_hi_sel_q ? rd_ecc_hi_q : rd_ecc_lo_q;
`ifndef SYNTHESIS
            integer e;
            initial
                for (e = 0; e < (1 << LOC_BITS); e = e + 1) begin
                    ecc_lo[e] = 16'd0;   // zero data codes to zero check bits
                    ecc_hi[e] = 16'd0;
                end
`endif
        end else begin : gen_no_ecc
            assign dfi_rddata_ecc = 16'd0;
            wire unused_ecc = ^dfi_wrdata_ecc;
        end
    endgenerate

    integer j;
    always @(posedge clk_i) begin
        if (rst_i) begin
            open_q           <= {BANKS{1'b0}};
            rd_line_q        <= {RL_CK{1'b0}};
            wr_line_q        <= {WL_CK{1'b0}};
            wr_second_q      <= 1'b0;
            dfi_rddata_valid <= 1'b0;
            rd_hi_sel_q      <= 1'b0;
            error_o          <= 1'b0;
            errors_o         <= 16'd0;
        end else begin
            // bank state
            if (dfi_row_cmd == `HBM_CMD_ACT) begin
                open_q[rbank] <= 1'b1;
                row_q[rbank]  <= dfi_row_addr;
            end else if (dfi_row_cmd == `HBM_CMD_PRE) begin
                open_q[rbank] <= 1'b0;
            end else if (dfi_row_cmd == `HBM_CMD_PREA) begin
                open_q <= {BANKS{1'b0}};
            end
            if (col_ap)
                open_q[cbank] <= 1'b0;
            // bursts in flight move a clock closer
            rd_line_q <= (rd_line_q >> 1) | (col_rd ? {1'b1, {(RL_CK-1){1'b0}}} : {RL_CK{1'b0}});
            wr_line_q <= (wr_line_q >> 1) | (col_wr ? {1'b1, {(WL_CK-1){1'b0}}} : {WL_CK{1'b0}});
            for (j = 0; j + 1 < RL_CK; j = j + 1)
                rd_loc_q[j] <= rd_loc_q[j + 1];
            for (j = 0; j + 1 < WL_CK; j = j + 1)
                wr_loc_q[j] <= wr_loc_q[j + 1];
            if (col_rd)
                rd_loc_q[RL_CK-1] <= cloc;
            if (col_wr)
                wr_loc_q[WL_CK-1] <= cloc;
            wr_second_q <= wr_first;
            if (wr_first)
                wr2_loc_q <= wr_loc_q[0];
            // read data: the low half in the due clock, the high half after
            dfi_rddata_valid <= rd_lo_go || rd_line_q[0];
            rd_hi_sel_q      <= rd_line_q[0];
            if (err_act || err_col || err_refab || err_refpb || err_wdata) begin
                error_o  <= 1'b1;
                errors_o <= errors_o + (errors_o != 16'hFFFF ? 16'd1 : 16'd0);
            end
        end
    end

    wire unused = ^crow;   // (the bits above the window)

`ifndef SYNTHESIS
    initial begin
        for (k = 0; k < (1 << LOC_BITS); k = k + 1) begin
            mem_lo[k] = 128'd0;
            mem_hi[k] = 128'd0;
        end
    end
    always @(posedge clk_i)
        if (!rst_i) begin
            if (err_act)   $display("%m: %0t: protocol error: ACT to open bank %0d", $time, rbank);
            if (err_col)   $display("%m: %0t: protocol error: column command to closed bank %0d", $time, cbank);
            if (err_refab) $display("%m: %0t: protocol error: REFAB with a bank open", $time);
            if (err_refpb) $display("%m: %0t: protocol error: REFPB to open bank %0d", $time, rbank);
            if (err_wdata) $display("%m: %0t: protocol error: write data %s", $time,
                                    wr_due ? "missing in a write burst's clock" : "outside a write burst");
        end
`endif
endmodule

`resetall
