// hbm_dfi_rules - every rule of docs/timing.md as assertions on a DFI
// command stream (formal/hbm_ctrl.sby; instantiated by
// formal/hbm_ctrl_formal.v on hbm_ctrl's DFI buses).
//
// Written from the spec, not from the RTL: the delays are the formulas of
// docs/timing.md's table over the config's timing values (tRC, tRCDRD,
// WL + tBURST + tWR, ...), never rtl/gen's delay table, and the scopes are
// the table's (same bank, same bank group, other bank group, other bank,
// any bank, each open bank).  What it checks, as docs/timing.md names it:
// every row of the timing table, tFAW, row_bus, the data-bus rules
// (data_bus_overlap, data_bus_turnaround), the bank-state rules
// (bank_open, bank_closed, refresh_open_bank, bad_address: the command
// codes) and refresh_round.  Not here: refresh_rate (9 x tREFI is far
// beyond a bounded proof), column_bus and cycle_order (one command slot
// per bus per clock cannot break them).
//
// dfi_ratio 1: one command per bus per clock, a DRAM clock is a clock.
// A command's cycle is its clock.  Within one clock the row command comes
// first (docs/timing.md, bus rules): a column command is checked against
// the bank state and the ACT of its own clock, a row command against the
// commands of earlier clocks only.
//
// How: per bank, per bank group and for the channel, saturating counters
// of the clocks since the most recent command of each kind (NEVER after
// reset: any rule holds); a rule "A -> B, delay d" asserts, when B is on
// its bus, that the counter of A in B's scope is at least d.  Counters are
// SW bits wide, SW from the longest delay, so saturation never hides a
// rule.  open_o / open_row_o give the bank state after this clock's row
// command (the harness checks a column command's row with it).
`default_nettype none
`include "hbm_defs.vh"

module hbm_dfi_rules #(
    parameter integer BG_BITS  = 2,
    parameter integer BA_BITS  = 2,
    parameter integer ROW_BITS = 14,
    parameter integer COL_BITS = 5,
    // the config's timing values in clocks ([timing] of configs/*.ini)
    parameter integer RL       = 14,
    parameter integer WL       = 5,
    parameter integer T_BURST  = 2,
    parameter integer T_RCDRD  = 14,
    parameter integer T_RCDWR  = 12,
    parameter integer T_RP     = 14,
    parameter integer T_RAS    = 34,
    parameter integer T_RC     = 48,
    parameter integer T_CCD_S  = 2,
    parameter integer T_CCD_L  = 4,
    parameter integer T_RRD_S  = 4,
    parameter integer T_RRD_L  = 4,
    parameter integer T_FAW    = 15,
    parameter integer T_WR     = 16,
    parameter integer T_WTR_S  = 6,
    parameter integer T_WTR_L  = 8,
    parameter integer T_RTP    = 5,
    parameter integer T_RTW    = 13,
    parameter integer T_RFC    = 350,
    parameter integer T_RFCPB  = 160,
    parameter integer T_RREFD  = 8,
    parameter integer BANKS    = 1 << (BG_BITS + BA_BITS)   // derived: do not set
) (
    input  wire                      clk_i,
    input  wire                      rst_i,
    input  wire [`HBM_CMD_BITS-1:0]  row_cmd_i,
    input  wire [BG_BITS-1:0]        row_bg_i,
    input  wire [BA_BITS-1:0]        row_ba_i,
    input  wire [ROW_BITS-1:0]       row_addr_i,
    input  wire [`HBM_CMD_BITS-1:0]  col_cmd_i,
    input  wire [BG_BITS-1:0]        col_bg_i,
    input  wire [BA_BITS-1:0]        col_ba_i,
    // the bank state after this clock's row command
    output wire [BANKS-1:0]          open_o,
    output wire [BANKS*ROW_BITS-1:0] open_row_o
);
    localparam integer BANK_BITS = BG_BITS + BA_BITS;
    localparam integer GROUPS    = 1 << BG_BITS;

    // ---- the delays of docs/timing.md's table --------------------------------
    localparam integer D_RC     = T_RC;
    localparam integer D_RCDRD  = T_RCDRD;
    localparam integer D_RCDWR  = T_RCDWR;
    localparam integer D_RAS    = T_RAS;
    localparam integer D_RP     = T_RP;
    localparam integer D_RTP    = T_RTP;
    localparam integer D_WR     = WL + T_BURST + T_WR;
    localparam integer D_RTP_RP = T_RTP + T_RP;
    localparam integer D_WR_RP  = WL + T_BURST + T_WR + T_RP;
    localparam integer D_RFCPB  = T_RFCPB;
    localparam integer D_CCD_L  = T_CCD_L;
    localparam integer D_CCD_S  = T_CCD_S;
    localparam integer D_RRD_L  = T_RRD_L;
    localparam integer D_RRD_S  = T_RRD_S;
    localparam integer D_WTR_L  = WL + T_BURST + T_WTR_L;
    localparam integer D_WTR_S  = WL + T_BURST + T_WTR_S;
    localparam integer D_RTW    = T_RTW;
    localparam integer D_FAW    = T_FAW;
    localparam integer D_RFC    = T_RFC;
    localparam integer D_RREFD  = T_RREFD;
    // the longest (2 at least: the row bus rule looks one clock back)
    localparam integer MAXD =
        `HBM_MAX(`HBM_MAX(`HBM_MAX(`HBM_MAX(D_RC, D_RCDRD), `HBM_MAX(D_RCDWR, D_RAS)),
                         `HBM_MAX(`HBM_MAX(D_RP, D_RTP), `HBM_MAX(D_WR, D_RTP_RP))),
                 `HBM_MAX(`HBM_MAX(`HBM_MAX(`HBM_MAX(D_WR_RP, D_RFCPB), `HBM_MAX(D_CCD_L, D_CCD_S)),
                                  `HBM_MAX(`HBM_MAX(D_RRD_L, D_RRD_S), `HBM_MAX(D_WTR_L, D_WTR_S))),
                          `HBM_MAX(`HBM_MAX(`HBM_MAX(D_RTW, D_FAW), `HBM_MAX(D_RFC, D_RREFD)), 2)));
    localparam integer SW = `HBM_CLOG2(MAXD + 1);   // 2^SW - 1 >= MAXD
    localparam [SW-1:0] NEVER = {SW{1'b1}};

    // The data bus, in clocks from now: a burst of a command in this clock
    // takes [L, L + tBURST), L = RL (read) or WL (write); the cells either
    // side of it must not hold the other direction's burst.
    localparam integer LN = `HBM_MAX(RL, WL) + T_BURST + 1;
    function [LN-1:0] span(input integer from, input integer len);
        integer k;
        begin
            span = {LN{1'b0}};
            for (k = 0; k < LN; k = k + 1)
                if (k >= from && k < from + len)
                    span[k] = 1'b1;
        end
    endfunction
    localparam [LN-1:0] RD_BURST = span(RL, T_BURST);
    localparam [LN-1:0] WR_BURST = span(WL, T_BURST);
    localparam [LN-1:0] RD_SIDES = span(RL - 1, 1) | span(RL + T_BURST, 1);
    localparam [LN-1:0] WR_SIDES = span(WL - 1, 1) | span(WL + T_BURST, 1);

    generate
        if (RL < 1 || WL < 1 || T_BURST < 1 || T_RRD_S < 1 || T_RRD_L < 1 || T_FAW < 1 ||
            BANKS != (1 << BANK_BITS)) begin : gen_bad_param
            initial begin
                $display("%m: RL, WL, tBURST and the ACT rules must be at least 1 clock");
                $finish;
            end
            INVALID_PARAMETER_RULES u_bad ();
        end
    endgenerate

    function [SW-1:0] older(input [SW-1:0] s);   // one clock on, saturating
        older = (s == NEVER) ? NEVER : s + 1'b1;
    endfunction

    // ---- this clock's commands ------------------------------------------------
    wire [BANK_BITS-1:0] rb = {row_bg_i, row_ba_i};
    wire [BANK_BITS-1:0] cb = {col_bg_i, col_ba_i};
    wire r_act   = row_cmd_i == `HBM_CMD_ACT;
    wire r_pre   = row_cmd_i == `HBM_CMD_PRE;
    wire r_prea  = row_cmd_i == `HBM_CMD_PREA;
    wire r_refab = row_cmd_i == `HBM_CMD_REFAB;
    wire r_refpb = row_cmd_i == `HBM_CMD_REFPB;
    wire r_any   = row_cmd_i != `HBM_CMD_NOP;
    wire c_rd    = col_cmd_i == `HBM_CMD_RD;
    wire c_rda   = col_cmd_i == `HBM_CMD_RDA;
    wire c_wr    = col_cmd_i == `HBM_CMD_WR;
    wire c_wra   = col_cmd_i == `HBM_CMD_WRA;
    wire c_reads  = c_rd || c_rda;
    wire c_writes = c_wr || c_wra;
    wire c_any    = c_reads || c_writes;

    // ---- state ----------------------------------------------------------------
    reg             act_prev_q;               // an ACT in the last clock (row bus)
    reg  [SW-1:0]   refab_q;                  // since the last REFAB
    reg  [SW-1:0]   faw0_q, faw1_q, faw2_q, faw3_q;  // since the 1st..4th most recent ACT
    reg  [LN-1:0]   bus_rd_q, bus_wr_q;       // data-bus cells held, from this clock on
    reg  [BANKS-1:0] round_q;                 // banks a REFPB ahead of the least refreshed
    wire [BANKS-1:0] open_q;                  // per bank, below
    wire             any_open = open_q != {BANKS{1'b0}};

    wire all_refreshed = (round_q | ({{(BANKS-1){1'b0}}, 1'b1} << rb)) == {BANKS{1'b1}};
    always @(posedge clk_i) begin
        if (rst_i) begin
            act_prev_q <= 1'b0;
            refab_q    <= NEVER;
            faw0_q     <= NEVER;
            faw1_q     <= NEVER;
            faw2_q     <= NEVER;
            faw3_q     <= NEVER;
            bus_rd_q   <= {LN{1'b0}};
            bus_wr_q   <= {LN{1'b0}};
            round_q    <= {BANKS{1'b0}};
        end else begin
            act_prev_q <= r_act;
            refab_q    <= r_refab ? {{(SW-1){1'b0}}, 1'b1} : older(refab_q);
            faw0_q     <= r_act ? {{(SW-1){1'b0}}, 1'b1} : older(faw0_q);
            faw1_q     <= older(r_act ? faw0_q : faw1_q);
            faw2_q     <= older(r_act ? faw1_q : faw2_q);
            faw3_q     <= older(r_act ? faw2_q : faw3_q);
            bus_rd_q   <= (bus_rd_q | (c_reads ? RD_BURST : {LN{1'b0}})) >> 1;
            bus_wr_q   <= (bus_wr_q | (c_writes ? WR_BURST : {LN{1'b0}})) >> 1;
            if (r_refpb)
                round_q <= all_refreshed ? {BANKS{1'b0}} : round_q | ({{(BANKS-1){1'b0}}, 1'b1} << rb);
        end
    end

    // ---- channel rules ----------------------------------------------------------
    always @* if (!rst_i) begin
        // bad_address: only the command codes of docs/timing.md on each bus
        assert(row_cmd_i == `HBM_CMD_NOP || r_act || r_pre || r_prea || r_refab || r_refpb);
        assert(col_cmd_i == `HBM_CMD_NOP || c_any);
        // row_bus: an ACT holds the row bus for two clocks
        if (r_any)
            assert(!act_prev_q);
        // tFAW: a fifth ACT at or after the fourth most recent + tFAW
        if (r_act)
            assert(faw3_q >= D_FAW);
        // (cover: a fifth ACT in the first clock the window allows)
        cover(r_act && faw3_q == D_FAW);
        // tRFC (any bank): REFAB -> ACT, REFAB, REFPB
        if (r_act || r_refab || r_refpb)
            assert(refab_q >= D_RFC);
        // refresh_open_bank: REFAB while any bank is open
        if (r_refab)
            assert(!any_open);
        // refresh_round: no REFPB to a bank ahead of another
        if (r_refpb)
            assert(!round_q[rb]);
        // data_bus_overlap and data_bus_turnaround
        if (c_reads) begin
            assert(((bus_rd_q | bus_wr_q) & RD_BURST) == {LN{1'b0}});
            assert((bus_wr_q & RD_SIDES) == {LN{1'b0}});
        end
        if (c_writes) begin
            assert(((bus_rd_q | bus_wr_q) & WR_BURST) == {LN{1'b0}});
            assert((bus_rd_q & WR_SIDES) == {LN{1'b0}});
        end
    end

    // ---- per bank group -----------------------------------------------------------
    genvar g;
    generate
        for (g = 0; g < GROUPS; g = g + 1) begin : gen_group
            reg  [SW-1:0] act_q, rd_q, wr_q;   // since its last ACT, RD/RDA, WR/WRA
            wire r_here = row_bg_i == g;
            wire c_here = col_bg_i == g;
            always @(posedge clk_i)
                if (rst_i) begin
                    act_q <= NEVER;
                    rd_q  <= NEVER;
                    wr_q  <= NEVER;
                end else begin
                    act_q <= (r_act && r_here) ? {{(SW-1){1'b0}}, 1'b1} : older(act_q);
                    rd_q  <= (c_reads && c_here) ? {{(SW-1){1'b0}}, 1'b1} : older(rd_q);
                    wr_q  <= (c_writes && c_here) ? {{(SW-1){1'b0}}, 1'b1} : older(wr_q);
                end
            always @* if (!rst_i) begin
                // tRRD_L (same group) / tRRD_S (other group): ACT -> ACT
                if (r_act)
                    assert(act_q >= (r_here ? D_RRD_L : D_RRD_S));
                // tCCD_L / tCCD_S: RD/RDA -> RD/RDA, WR/WRA -> WR/WRA;
                // tWTR_L / tWTR_S: WR/WRA -> RD/RDA
                if (c_reads) begin
                    assert(rd_q >= (c_here ? D_CCD_L : D_CCD_S));
                    assert(wr_q >= (c_here ? D_WTR_L : D_WTR_S));
                end
                if (c_writes) begin
                    assert(wr_q >= (c_here ? D_CCD_L : D_CCD_S));
                    // tRTW (any bank): RD/RDA -> WR/WRA
                    assert(rd_q >= D_RTW);
                end
            end
        end
    endgenerate

    // ---- per bank -------------------------------------------------------------------
    genvar b;
    generate
        for (b = 0; b < BANKS; b = b + 1) begin : gen_bank
            reg                open_r;
            reg [ROW_BITS-1:0] row_q;
            // since its last ACT; PRE to it while open, or PREA (tRP); RD;
            // WR; RDA; WRA; REFPB
            reg [SW-1:0] act_q, pre_q, rd_q, wr_q, rda_q, wra_q, refpb_q;
            wire r_here = rb == b;
            wire c_here = cb == b;
            // after this clock's row command; after its column command
            wire open_mid = (r_act && r_here) || (open_r && !(r_prea || (r_pre && r_here)));
            wire open_end = open_mid && !((c_rda || c_wra) && c_here);
            assign open_q[b] = open_r;
            assign open_o[b] = open_mid;
            assign open_row_o[b*ROW_BITS +: ROW_BITS] = (r_act && r_here) ? row_addr_i : row_q;
            always @(posedge clk_i) begin
                if (rst_i) begin
                    open_r  <= 1'b0;
                    act_q   <= NEVER;
                    pre_q   <= NEVER;
                    rd_q    <= NEVER;
                    wr_q    <= NEVER;
                    rda_q   <= NEVER;
                    wra_q   <= NEVER;
                    refpb_q <= NEVER;
                end else begin
                    open_r  <= open_end;
                    act_q   <= (r_act && r_here) ? {{(SW-1){1'b0}}, 1'b1} : older(act_q);
                    // a PRE to a closed bank does nothing; PREA restarts every bank
                    pre_q   <= (r_prea || (r_pre && r_here && open_r)) ? {{(SW-1){1'b0}}, 1'b1} : older(pre_q);
                    rd_q    <= (c_rd && c_here) ? {{(SW-1){1'b0}}, 1'b1} : older(rd_q);
                    wr_q    <= (c_wr && c_here) ? {{(SW-1){1'b0}}, 1'b1} : older(wr_q);
                    rda_q   <= (c_rda && c_here) ? {{(SW-1){1'b0}}, 1'b1} : older(rda_q);
                    wra_q   <= (c_wra && c_here) ? {{(SW-1){1'b0}}, 1'b1} : older(wra_q);
                    refpb_q <= (r_refpb && r_here) ? {{(SW-1){1'b0}}, 1'b1} : older(refpb_q);
                end
                if (r_act && r_here)
                    row_q <= row_addr_i;
            end

            always @* if (!rst_i) begin
                // ---- ACT to this bank
                if (r_act && r_here) begin
                    assert(!open_r);                 // bank_open
                    assert(act_q >= D_RC);           // tRC
                    assert(pre_q >= D_RP);           // tRP (PRE, PREA)
                    assert(rda_q >= D_RTP_RP);       // tRTP+tRP
                    assert(wra_q >= D_WR_RP);        // tWR+tRP
                    assert(refpb_q >= D_RFCPB);      // tRFCpb
                end
                // ---- REFPB to this bank
                if (r_refpb && r_here) begin
                    assert(!open_r);                 // refresh_open_bank
                    assert(act_q >= D_RC);           // tRC
                    assert(pre_q >= D_RP);           // tRP (PRE, PREA)
                    assert(rda_q >= D_RTP_RP);       // tRTP+tRP
                    assert(wra_q >= D_WR_RP);        // tWR+tRP
                    assert(refpb_q >= D_RFCPB);      // tRFCpb
                end
                // ---- ACT or REFPB to another bank
                if ((r_act || r_refpb) && !r_here)
                    assert(refpb_q >= D_RREFD);      // tRREFD (other bank)
                if (r_refpb && !r_here)
                    assert(act_q >= D_RRD_S);        // tRRD_S (other bank): ACT -> REFPB
                // ---- REFAB: every bank
                if (r_refab) begin
                    assert(act_q >= D_RC);           // tRC (any bank)
                    assert(pre_q >= D_RP);           // tRP (PRE, PREA; any bank)
                    assert(rda_q >= D_RTP_RP);       // tRTP+tRP (any bank)
                    assert(wra_q >= D_WR_RP);        // tWR+tRP (any bank)
                    assert(refpb_q >= D_RFCPB);      // tRFCpb (any bank)
                end
                // ---- PRE to this bank (a PRE to a closed bank is a no-op)
                if (r_pre && r_here && open_r) begin
                    assert(act_q >= D_RAS);          // tRAS
                    assert(rd_q >= D_RTP);           // tRTP
                    assert(wr_q >= D_WR);            // tWR
                end
                // ---- PREA: every bank
                if (r_prea) begin
                    if (open_r)
                        assert(act_q >= D_RAS);      // tRAS (each open bank)
                    assert(rd_q >= D_RTP);           // tRTP (any bank)
                    assert(wr_q >= D_WR);            // tWR (any bank)
                end
                // ---- a column command to this bank, after this clock's row command
                if (c_any && c_here)
                    assert(open_mid);                // bank_closed
                if (c_reads && c_here)
                    assert(!(r_act && r_here) && act_q >= D_RCDRD);   // tRCDRD
                if (c_writes && c_here)
                    assert(!(r_act && r_here) && act_q >= D_RCDWR);   // tRCDWR
            end
        end
    endgenerate
endmodule

`resetall
