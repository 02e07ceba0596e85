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
//     a write burst's clocks or present outside them.
//   - Timing rules it checks in hardware (timing_errors_o counts the
//     commands that broke one; error_o too; simulation names the rule),
//     as model/hbm_check_rules.c states them: per bank tRC, tRCDRD,
//     tRCDWR, tRAS (PRE; PREA over the open banks), tRP (PRE, PREA),
//     tRTP and WL + tBURST + tWR before a PRE or PREA, tRTP + tRP after an
//     RDA and WL + tBURST + tWR + tRP after a WRA, tRFCpb and tRFC, each
//     before an ACT or refresh; ACT to ACT tRRD_L in a bank group, tRRD_S
//     across; read to read and write to write tCCD_L in a bank group and
//     tCCD_S across (the shorter of tCCD_S and tCCD_R with stack IDs).
//     The rest (tFAW, tWTR, tRTW, tRREFD, tPPD, refresh rates) are the
//     C checker's only (model/hbm_check.c, in every lockstep).  Each T_*
//     parameter is in clocks; 1 (the default) checks nothing.
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
    parameter integer ECC             = 0,
    parameter integer T_BURST_CK      = 2,   // the timing rules checked (above)
    parameter integer T_RC_CK         = 1,
    parameter integer T_RCDRD_CK      = 1,
    parameter integer T_RCDWR_CK      = 1,
    parameter integer T_RAS_CK        = 1,
    parameter integer T_RP_CK         = 1,
    parameter integer T_RTP_CK        = 1,
    parameter integer T_WR_CK         = 1,
    parameter integer T_RFC_CK        = 1,
    parameter integer T_RFCPB_CK      = 1,
    parameter integer T_RRD_L_CK      = 1,
    parameter integer T_RRD_S_CK      = 1,
    parameter integer T_CCD_L_CK      = 1,
    parameter integer T_CCD_S_CK      = 1   // (with stack IDs: the shorter of tCCD_S and tCCD_R)
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
    output reg  [15:0]              errors_o,
    output reg  [15:0]              timing_errors_o
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

    // ---- timing: the clocks each bank (and bank group) still waits -------------
    // A command in clock t with delay d to a later one sets its counter to
    // d - 1 at the edge (unless it waits longer already); the counters
    // count down every clock; a command whose counter is not 0 broke its rule.
    localparam integer TW = 11;   // counter bits: delays up to 2047 clocks
    localparam integer GROUPS = 1 << BG_BITS;
    localparam integer D_WRPRE = WL_CK + T_BURST_CK + T_WR_CK;   // WR to PRE
    generate
        if (T_RFC_CK > 2047 || D_WRPRE + T_RP_CK > 2047 || T_RTP_CK + T_RP_CK > 2047 || T_RC_CK > 2047 ||
            T_RCDRD_CK > 2047 || T_RCDWR_CK > 2047 || T_RAS_CK > 2047 || T_RFCPB_CK > 2047 ||
            T_RRD_L_CK > 2047 || T_RRD_S_CK > 2047 || T_CCD_L_CK > 2047 || T_CCD_S_CK > 2047 || T_RC_CK < 1 || T_RCDRD_CK < 1 || T_RCDWR_CK < 1 || T_RAS_CK < 1 || T_RP_CK < 1 ||
            T_RTP_CK < 1 || T_WR_CK < 1 || T_RFC_CK < 1 || T_RFCPB_CK < 1 || T_RRD_L_CK < 1 || T_RRD_S_CK < 1 ||
            T_CCD_L_CK < 1 || T_CCD_S_CK < 1 || T_BURST_CK < 1) begin : gen_bad_timing
            initial begin
                $display("%m: every T_* and the sums WL + tBURST + tWR + tRP, tRTP + tRP must be 1..2047 clocks");
                $finish;
            end
            INVALID_PARAMETER_DEVICE_TIMING u_bad ();
        end
    endgenerate
    // The counters' loads: each delay less one.
    localparam integer L_RC_I = T_RC_CK - 1;
    localparam integer L_RCDRD_I = T_RCDRD_CK - 1;
    localparam integer L_RCDWR_I = T_RCDWR_CK - 1;
    localparam integer L_RAS_I = T_RAS_CK - 1;
    localparam integer L_RP_I = T_RP_CK - 1;
    localparam integer L_RFC_I = T_RFC_CK - 1;
    localparam integer L_RFCPB_I = T_RFCPB_CK - 1;
    localparam integer L_RTP_I = T_RTP_CK - 1;
    localparam integer L_WRPRE_I = D_WRPRE - 1;
    localparam integer L_RDA_I = T_RTP_CK + T_RP_CK - 1;
    localparam integer L_WRA_I = D_WRPRE + T_RP_CK - 1;
    localparam integer L_RRD_L_I = T_RRD_L_CK - 1;
    localparam integer L_RRD_S_I = T_RRD_S_CK - 1;
    localparam integer L_CCD_L_I = T_CCD_L_CK - 1;
    localparam integer L_CCD_S_I = T_CCD_S_CK - 1;
    localparam [TW-1:0] L_RC = L_RC_I[TW-1:0];
    localparam [TW-1:0] L_RP = L_RP_I[TW-1:0];
    localparam [TW-1:0] L_RFC = L_RFC_I[TW-1:0];
    localparam [TW-1:0] L_RFCPB = L_RFCPB_I[TW-1:0];
    localparam [TW-1:0] L_RTP = L_RTP_I[TW-1:0];
    localparam [TW-1:0] L_WRPRE = L_WRPRE_I[TW-1:0];
    localparam [TW-1:0] L_RDA = L_RDA_I[TW-1:0];
    localparam [TW-1:0] L_WRA = L_WRA_I[TW-1:0];
    localparam [TW-1:0] L_RRD_L = L_RRD_L_I[TW-1:0];
    localparam [TW-1:0] L_RRD_S = L_RRD_S_I[TW-1:0];
    localparam [TW-1:0] L_CCD_L = L_CCD_L_I[TW-1:0];
    localparam [TW-1:0] L_CCD_S = L_CCD_S_I[TW-1:0];
    // A counter's next value: a clock less, or the clock's load if that is
    // longer (the larger of the two; load 0 when nothing starts a wait).
    // One compare per counter against the load its commands select.
    function [TW-1:0] later(input [TW-1:0] now_q, input [TW-1:0] load);
        later = (now_q > load) ? now_q - 1'b1 : load;
    endfunction
    reg [TW-1:0] w_act_q [0:BANKS-1];   // before an ACT or REFPB to the bank, or any REFAB
    reg [TW-1:0] w_rw_q  [0:BANKS-1];   // before a PRE or any PREA (tRTP, tWR)
    // tRCDRD, tRCDWR and tRAS start at an ACT to the bank and nothing else
    // extends them, so one counter per bank holds all three: loaded with
    // the longest of them at the ACT (a later ACT loads the same value,
    // which is never below what is left), a rule's wait not over while the
    // counter is above the longest minus that rule's load.
    localparam integer L_SINCE_I = (L_RAS_I > L_RCDRD_I) ? ((L_RAS_I > L_RCDWR_I) ? L_RAS_I : L_RCDWR_I)
                                                         : ((L_RCDRD_I > L_RCDWR_I) ? L_RCDRD_I : L_RCDWR_I);
    localparam integer SW = `HBM_CLOG2(L_SINCE_I + 1) < 1 ? 1 : `HBM_CLOG2(L_SINCE_I + 1);
    localparam integer RCDRD_LEFT_I = L_SINCE_I - L_RCDRD_I;
    localparam integer RCDWR_LEFT_I = L_SINCE_I - L_RCDWR_I;
    localparam integer RAS_LEFT_I   = L_SINCE_I - L_RAS_I;
    localparam [SW-1:0] L_SINCE    = L_SINCE_I[SW-1:0];
    localparam [SW-1:0] RCDRD_LEFT = RCDRD_LEFT_I[SW-1:0];
    localparam [SW-1:0] RCDWR_LEFT = RCDWR_LEFT_I[SW-1:0];
    localparam [SW-1:0] RAS_LEFT   = RAS_LEFT_I[SW-1:0];
    reg [SW-1:0] w_since_q [0:BANKS-1]; // counts down from L_SINCE after an ACT to the bank
    reg [TW-1:0] w_actg_q [0:GROUPS-1]; // before an ACT in the group (tRRD)
    reg [TW-1:0] w_rdg_q  [0:GROUPS-1]; // before a read in the group (tCCD)
    reg [TW-1:0] w_wrg_q  [0:GROUPS-1]; // before a write in the group (tCCD)
    wire row_act   = dfi_row_cmd == `HBM_CMD_ACT;
    wire row_pre   = dfi_row_cmd == `HBM_CMD_PRE;
    wire row_prea  = dfi_row_cmd == `HBM_CMD_PREA;
    wire row_refab = dfi_row_cmd == `HBM_CMD_REFAB;
    wire row_refpb = dfi_row_cmd == `HBM_CMD_REFPB;
    reg  any_act_wait, any_rw_wait, open_ras_wait;
    integer ob;   // (its own loop variable: the clocked loop's would get a second driver)
    always @* begin
        any_act_wait  = 1'b0;
        any_rw_wait   = 1'b0;
        open_ras_wait = 1'b0;
        for (ob = 0; ob < BANKS; ob = ob + 1) begin
            any_act_wait  = any_act_wait  || w_act_q[ob] != {TW{1'b0}};
            any_rw_wait   = any_rw_wait   || w_rw_q[ob] != {TW{1'b0}};
            open_ras_wait = open_ras_wait || (open_q[ob] && w_since_q[ob] > RAS_LEFT);
        end
    end
    wire terr_act  = (row_act || row_refpb) && w_act_q[rbank] != {TW{1'b0}};
    wire terr_rrd  = row_act && w_actg_q[dfi_row_bg] != {TW{1'b0}};
    wire terr_pre  = row_pre && (w_since_q[rbank] > RAS_LEFT || w_rw_q[rbank] != {TW{1'b0}});
    wire terr_prea = row_prea && (open_ras_wait || any_rw_wait);
    wire terr_ref  = row_refab && any_act_wait;
    wire terr_rd   = col_rd && (w_since_q[cbank] > RCDRD_LEFT || w_rdg_q[dfi_col_bg] != {TW{1'b0}});
    wire terr_wr   = col_wr && (w_since_q[cbank] > RCDWR_LEFT || w_wrg_q[dfi_col_bg] != {TW{1'b0}});
    wire terr_row  = terr_act || terr_rrd || terr_pre || terr_prea || terr_ref;
    wire terr_col  = terr_rd || terr_wr;
    // Each bank's loads this clock.  At most one row command; a column
    // command and a row command to one bank in one clock cannot both be
    // legal, the row's loads are kept then.  RD and WR start the wait before
    // a PRE (tRTP, tWR); an RDA or WRA closes the bank itself, its wait is
    // the one before the next ACT, as hbm_check_rules.c has it.
    wire row_to_bank = row_act || row_pre || row_refpb;   // (to rbank)
    reg [TW-1:0] act_load [0:BANKS-1];
    reg [TW-1:0] rw_load  [0:BANKS-1];
    reg          col_here, row_here;
    integer lb;
    always @* begin
        for (lb = 0; lb < BANKS; lb = lb + 1) begin
            row_here = lb[BANK_BITS-1:0] == rbank;
            col_here = lb[BANK_BITS-1:0] == cbank && !(row_to_bank && row_here);
            if (col_here && col_ap)
                act_load[lb] = col_rd ? L_RDA : L_WRA;
            else if (row_here && row_act)
                act_load[lb] = L_RC;
            else if ((row_here && row_pre) || row_prea)
                act_load[lb] = L_RP;
            else if (row_here && row_refpb)
                act_load[lb] = L_RFCPB;
            else if (row_refab)
                act_load[lb] = L_RFC;
            else
                act_load[lb] = {TW{1'b0}};
            if (col_here && !col_ap && col_rd)
                rw_load[lb] = L_RTP;
            else if (col_here && !col_ap && col_wr)
                rw_load[lb] = L_WRPRE;
            else
                rw_load[lb] = {TW{1'b0}};
        end
    end
    integer b, g;
    always @(posedge clk_i) begin
        for (b = 0; b < BANKS; b = b + 1) begin
            if (rst_i) begin
                w_act_q[b]   <= {TW{1'b0}};
                w_since_q[b] <= {SW{1'b0}};
                w_rw_q[b]    <= {TW{1'b0}};
            end else begin
                w_act_q[b]   <= later(w_act_q[b], act_load[b]);
                w_rw_q[b]    <= later(w_rw_q[b], rw_load[b]);
                w_since_q[b] <= (row_act && b[BANK_BITS-1:0] == rbank) ? L_SINCE :
                                w_since_q[b] == {SW{1'b0}} ? w_since_q[b] : w_since_q[b] - 1'b1;
            end
        end
        for (g = 0; g < GROUPS; g = g + 1) begin
            if (rst_i) begin
                w_actg_q[g] <= {TW{1'b0}};
                w_rdg_q[g]  <= {TW{1'b0}};
                w_wrg_q[g]  <= {TW{1'b0}};
            end else begin
                w_actg_q[g] <= later(w_actg_q[g], !row_act ? {TW{1'b0}} :
                                                  g[BG_BITS-1:0] == dfi_row_bg ? L_RRD_L : L_RRD_S);
                w_rdg_q[g]  <= later(w_rdg_q[g], !col_rd ? {TW{1'b0}} :
                                                 g[BG_BITS-1:0] == dfi_col_bg ? L_CCD_L : L_CCD_S);
                w_wrg_q[g]  <= later(w_wrg_q[g], !col_wr ? {TW{1'b0}} :
                                                 g[BG_BITS-1:0] == dfi_col_bg ? L_CCD_L : L_CCD_S);
            end
        end
    end

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
            timing_errors_o  <= 16'd0;
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
            if (terr_row || terr_col) begin
                error_o         <= 1'b1;
                timing_errors_o <= timing_errors_o + {15'd0, timing_errors_o != 16'hFFFF} +
                                   {15'd0, terr_row && terr_col && timing_errors_o < 16'hFFFE};
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
            if (terr_act)  $display("%m: %0t: timing violation: %s to bank %0d too early (tRC, tRP, tRFC, tRFCpb or an auto-precharge)",
                                    $time, row_act ? "ACT" : "REFPB", rbank);
            if (terr_rrd)  $display("%m: %0t: timing violation: ACT to bank group %0d within tRRD", $time, dfi_row_bg);
            if (terr_pre)  $display("%m: %0t: timing violation: PRE to bank %0d too early (tRAS, tRTP or tWR)", $time, rbank);
            if (terr_prea) $display("%m: %0t: timing violation: PREA too early (tRAS, tRTP or tWR)", $time);
            if (terr_ref)  $display("%m: %0t: timing violation: REFAB too early (tRC, tRP, tRFC or tRFCpb)", $time);
            if (terr_rd)   $display("%m: %0t: timing violation: read of bank %0d too early (tRCDRD or tCCD)", $time, cbank);
            if (terr_wr)   $display("%m: %0t: timing violation: write of bank %0d too early (tRCDWR or tCCD)", $time, cbank);
        end
`endif
endmodule

`resetall
