// hbm_ctrl_formal - the whole controller under a bounded proof
// (formal/hbm_ctrl.sby): hbm_ctrl with every input free, reset in the
// first clock only, and the rules of docs/timing.md asserted on its DFI
// buses by formal/hbm_dfi_rules.v.  Its parameters are the config header's
// (hbm_cfg.vh, written by scripts/formal.sh into build/formal/cfg/<name>/).
//
// The environment: any request (address, direction, id, data, byte
// enables) offered in any clock, the response port ready or not, the
// bandwidth monitor's register port anything; the device answers every
// RD/RDA with its burst exactly RL clocks later (dfi_rddata_valid for
// tBURST clocks, any data), as docs/timing.md says a read's burst lies on
// the data bus.  The RTL's own checks (HBM_ASSERT, read with
// HBM_ASSERT_FORMAL) are assertions too.
//
// Asserted here, besides the rules:
// - a write burst: dfi_wrdata_en exactly in [t + WL, t + WL + tBURST) of
//   every WR/WRA at t, and in no other clock;
// - a column command serves a queued request: its bank and column, the
//   bank's open row its row, its direction (a shadow list of the accepted
//   requests the queues took, not yet served, from the request port
//   register's head (hbm_ctrl's fv_* ports); a read answered by forwarding
//   is dropped from it when its response appears, the clock after);
// - never more responses than requests accepted, per direction.
// dfi_ratio 1 only (the rules count clocks), ecc none (with secded a
// partial write adds a read of the controller's own).
`default_nettype none
`include "hbm_defs.vh"
`include "hbm_cfg.vh"

module hbm_ctrl_formal (
    input wire clk_i
);
    localparam integer BG_BITS   = `HBM_BG_BITS;
    localparam integer BA_BITS   = `HBM_BA_BITS;
    localparam integer BANK_BITS = BG_BITS + BA_BITS;
    localparam integer BANKS     = 1 << BANK_BITS;
    localparam integer ROW_BITS  = `HBM_ROW_BITS;
    localparam integer COL_BITS  = `HBM_COL_BITS;
    localparam integer ADDR_BITS = `HBM_ADDR_BITS;
    localparam integer ID_BITS   = `HBM_ID_BITS;
    localparam integer RL        = `HBM_RL_CK;
    localparam integer WL        = `HBM_WL_CK;
    localparam integer TB        = `HBM_T_BURST_CK;
    localparam integer SH        = `HBM_READ_QUEUE_DEPTH + `HBM_WRITE_QUEUE_DEPTH;
    localparam integer HL        = `HBM_MAX(RL, WL) + TB;   // command history length

    generate
        if (`HBM_DFI_RATIO != 1 || `HBM_ECC != `HBM_ECC_NONE) begin : gen_bad_config
            initial begin
                $display("%m: the whole-controller proof is written for dfi_ratio 1, ecc none");
                $finish;
            end
            INVALID_PARAMETER_CONFIG u_bad ();
        end
    endgenerate

    reg  f_past_valid = 1'b0;
    always @(posedge clk_i)
        f_past_valid <= 1'b1;
    wire rst_i = !f_past_valid;

    // ---- free inputs -------------------------------------------------------------
    (* anyseq *) reg                  req_valid;
    (* anyseq *) reg  [ADDR_BITS-1:0] req_addr;
    (* anyseq *) reg                  req_write;
    (* anyseq *) reg  [ID_BITS-1:0]   req_id;
    (* anyseq *) reg  [255:0]         req_wdata;
    (* anyseq *) reg  [31:0]          req_wstrb;
    (* anyseq *) reg                  resp_ready;
    (* anyseq *) reg  [127:0]         rddata;
    (* anyseq *) reg  [15:0]          rddata_ecc;
    (* anyseq *) reg  [`HBM_BWMON_ADDR_BITS-1:0] bwmon_addr;
    (* anyseq *) reg                  bwmon_we;
    (* anyseq *) reg  [31:0]          bwmon_wdata;

    wire                 req_ready, resp_valid, resp_write, resp_fwd, resp_err;
    wire [ID_BITS-1:0]   resp_id;
    wire [255:0]         resp_rdata;
    wire [`HBM_CMD_BITS-1:0] row_cmd, col_cmd;
    wire [BG_BITS-1:0]   row_bg, col_bg;
    wire [BA_BITS-1:0]   row_ba, col_ba;
    wire [ROW_BITS-1:0]  row_addr;
    wire [COL_BITS-1:0]  col_addr;
    wire                 wrdata_en;
    wire [127:0]         wrdata;
    wire [15:0]          wrdata_mask, wrdata_ecc;
    wire                 rddata_valid;
    wire [`HBM_NEVENT-1:0] perf_events;
    wire [1:0]           perf_cause;
    wire [31:0]          bwmon_rdata;
    wire [31:0]          ecc_corrected, ecc_uncorrectable, ecc_rmw;
    wire                 ecc_rmw_read;
    wire                 fv_take, fv_write;   // the request port register's head goes to the queues
    wire [BANK_BITS-1:0] fv_bank;             // ... its burst (the port register holds it mapped)
    wire [ROW_BITS-1:0]  fv_row;
    wire [COL_BITS-1:0]  fv_col;

    hbm_ctrl u_ctrl (
        .clk_i(clk_i), .rst_i(rst_i),
        .req_valid_i(req_valid), .req_ready_o(req_ready), .req_addr_i(req_addr),
        .req_write_i(req_write), .req_id_i(req_id), .req_wdata_i(req_wdata), .req_wstrb_i(req_wstrb),
        .resp_valid_o(resp_valid), .resp_ready_i(resp_ready), .resp_id_o(resp_id),
        .resp_write_o(resp_write), .resp_rdata_o(resp_rdata), .resp_fwd_o(resp_fwd),
        .resp_err_o(resp_err),
        .dfi_row_cmd(row_cmd), .dfi_row_bg(row_bg), .dfi_row_ba(row_ba), .dfi_row_addr(row_addr),
        .dfi_col_cmd(col_cmd), .dfi_col_bg(col_bg), .dfi_col_ba(col_ba), .dfi_col_addr(col_addr),
        .dfi_wrdata_en(wrdata_en), .dfi_wrdata(wrdata), .dfi_wrdata_mask(wrdata_mask),
        .dfi_wrdata_ecc(wrdata_ecc),
        .dfi_rddata_valid(rddata_valid), .dfi_rddata(rddata), .dfi_rddata_ecc(rddata_ecc),
        .perf_col_cause_o(perf_cause),
        .fv_take_o(fv_take), .fv_write_o(fv_write), .fv_bank_o(fv_bank), .fv_row_o(fv_row),
        .fv_col_o(fv_col),
        .perf_event_o(perf_events),
        .bwmon_addr_i(bwmon_addr), .bwmon_we_i(bwmon_we), .bwmon_wdata_i(bwmon_wdata),
        .bwmon_rdata_o(bwmon_rdata),
        .ecc_corrected_o(ecc_corrected), .ecc_uncorrectable_o(ecc_uncorrectable),
        .ecc_rmw_o(ecc_rmw), .ecc_rmw_read_o(ecc_rmw_read));

    // ---- the rules on the DFI buses ------------------------------------------------
    wire [BANKS-1:0]          open_mid;
    wire [BANKS*ROW_BITS-1:0] open_row_mid;
    hbm_dfi_rules #(
        .BG_BITS(BG_BITS), .BA_BITS(BA_BITS), .ROW_BITS(ROW_BITS), .COL_BITS(COL_BITS),
        .RL(RL), .WL(WL), .T_BURST(TB),
        .T_RCDRD(`HBM_T_RCDRD_CK), .T_RCDWR(`HBM_T_RCDWR_CK), .T_RP(`HBM_T_RP_CK),
        .T_RAS(`HBM_T_RAS_CK), .T_RC(`HBM_T_RC_CK), .T_CCD_S(`HBM_T_CCD_S_CK),
        .T_CCD_L(`HBM_T_CCD_L_CK), .T_RRD_S(`HBM_T_RRD_S_CK), .T_RRD_L(`HBM_T_RRD_L_CK),
        .T_FAW(`HBM_T_FAW_CK), .T_WR(`HBM_T_WR_CK), .T_WTR_S(`HBM_T_WTR_S_CK),
        .T_WTR_L(`HBM_T_WTR_L_CK), .T_RTP(`HBM_T_RTP_CK), .T_RTW(`HBM_T_RTW_CK),
        .T_RFC(`HBM_T_RFC_CK), .T_RFCPB(`HBM_T_RFCPB_CK), .T_RREFD(`HBM_T_RREFD_CK)
    ) u_rules (
        .clk_i(clk_i), .rst_i(rst_i),
        .row_cmd_i(row_cmd), .row_bg_i(row_bg), .row_ba_i(row_ba), .row_addr_i(row_addr),
        .col_cmd_i(col_cmd), .col_bg_i(col_bg), .col_ba_i(col_ba),
        .open_o(open_mid), .open_row_o(open_row_mid));

    wire c_reads  = col_cmd == `HBM_CMD_RD || col_cmd == `HBM_CMD_RDA;
    wire c_writes = col_cmd == `HBM_CMD_WR || col_cmd == `HBM_CMD_WRA;
    wire c_any    = c_reads || c_writes;
    wire [BANK_BITS-1:0] cb = {col_bg, col_ba};

    // ---- the device: read bursts RL clocks after their RD/RDA ------------------------
    // hist_q[k]: a read / write column command k + 1 clocks ago.
    reg [HL-1:0] rd_hist_q, wr_hist_q;
    always @(posedge clk_i)
        if (rst_i) begin
            rd_hist_q <= {HL{1'b0}};
            wr_hist_q <= {HL{1'b0}};
        end else begin
            rd_hist_q <= {rd_hist_q[HL-2:0], c_reads};
            wr_hist_q <= {wr_hist_q[HL-2:0], c_writes};
        end
    assign rddata_valid = |rd_hist_q[RL-1 +: TB];

    // ---- the request's own location (the config's address map, applied
    // as the port register takes the request) ---------------------------------------------
    wire [BG_BITS-1:0]  req_bg  = fv_bank[BANK_BITS-1 -: BG_BITS];
    wire [BA_BITS-1:0]  req_ba  = fv_bank[BA_BITS-1:0];
    wire [ROW_BITS-1:0] req_row = fv_row;
    wire [COL_BITS-1:0] req_col = fv_col;

    // ---- the shadow list of accepted requests not yet served ---------------------------
    // A request the queues take (from the request port register, a clock
    // after its handshake at the earliest) waits a clock in st_*: a read
    // the forward register took shows as resp_fwd rising in the next clock
    // and leaves; the rest join the list, which their column command (three
    // clocks after the take at the earliest: candidate, pick, then issue)
    // takes them out of.
    wire acc = req_valid && req_ready;   // the user's handshake (the response count)
    reg                 st_v_q, st_w_q, fwd_q;
    reg [BANK_BITS-1:0] st_bank_q;
    reg [ROW_BITS-1:0]  st_row_q;
    reg [COL_BITS-1:0]  st_col_q;
    reg [SH-1:0]        sh_v_q, sh_w_q;
    reg [SH*BANK_BITS-1:0] sh_bank_q;
    reg [SH*ROW_BITS-1:0]  sh_row_q;
    reg [SH*COL_BITS-1:0]  sh_col_q;

    wire [ROW_BITS-1:0] col_row = open_row_mid[cb*ROW_BITS +: ROW_BITS];
    reg  [SH-1:0] match;
    integer i;
    always @* begin
        for (i = 0; i < SH; i = i + 1)
            match[i] = sh_v_q[i] && sh_w_q[i] == c_writes && sh_bank_q[i*BANK_BITS +: BANK_BITS] == cb &&
                       sh_col_q[i*COL_BITS +: COL_BITS] == col_addr &&
                       sh_row_q[i*ROW_BITS +: ROW_BITS] == col_row;
    end
    wire [SH-1:0] take = c_any ? (match & ~(match - 1'b1)) : {SH{1'b0}};   // the lowest match
    wire [SH-1:0] free = ~sh_v_q;
    wire [SH-1:0] put  = free & ~(free - 1'b1);                           // the lowest free slot
    wire forwarded = !st_w_q && resp_fwd && !fwd_q;
    wire join_list = st_v_q && !forwarded;

    integer j;
    always @(posedge clk_i) begin
        if (rst_i) begin
            st_v_q <= 1'b0;
            fwd_q  <= 1'b0;
            sh_v_q <= {SH{1'b0}};
        end else begin
            st_v_q <= fv_take;
            fwd_q  <= resp_fwd;
            sh_v_q <= (sh_v_q & ~take) | (join_list ? put : {SH{1'b0}});
        end
        st_w_q    <= fv_write;
        st_bank_q <= {req_bg, req_ba};
        st_row_q  <= req_row;
        st_col_q  <= req_col;
        for (j = 0; j < SH; j = j + 1)
            if (join_list && put[j]) begin
                sh_w_q[j] <= st_w_q;
                sh_bank_q[j*BANK_BITS +: BANK_BITS] <= st_bank_q;
                sh_row_q[j*ROW_BITS +: ROW_BITS]    <= st_row_q;
                sh_col_q[j*COL_BITS +: COL_BITS]    <= st_col_q;
            end
    end

    // ---- responses against requests ------------------------------------------------------
    reg [7:0] n_rd_acc_q, n_wr_acc_q, n_rd_resp_q, n_wr_resp_q;
    wire resp_take = resp_valid && resp_ready;
    always @(posedge clk_i)
        if (rst_i) begin
            n_rd_acc_q  <= 8'd0;
            n_wr_acc_q  <= 8'd0;
            n_rd_resp_q <= 8'd0;
            n_wr_resp_q <= 8'd0;
        end else begin
            n_rd_acc_q  <= n_rd_acc_q + {7'd0, acc && !req_write};
            n_wr_acc_q  <= n_wr_acc_q + {7'd0, acc && req_write};
            n_rd_resp_q <= n_rd_resp_q + {7'd0, resp_take && !resp_write};
            n_wr_resp_q <= n_wr_resp_q + {7'd0, resp_take && resp_write};
        end

    always @* if (!rst_i) begin
        // write data exactly WL clocks after each WR/WRA, for tBURST clocks
        assert(wrdata_en == |wr_hist_q[WL-1 +: TB]);
        // a column command serves a queued request, on its row
        if (c_any)
            assert(match != {SH{1'b0}});
        // no more requests wait than the queues hold
        if (join_list)
            assert(free != {SH{1'b0}});
        // a response answers a request accepted before it
        if (resp_take && !resp_write)
            assert(n_rd_resp_q < n_rd_acc_q);
        if (resp_take && resp_write)
            assert(n_wr_resp_q < n_wr_acc_q);
    end

    // ---- covers ------------------------------------------------------------------------------
    // A row hit: a second column command to a bank since its ACT.
    reg [BANKS-1:0] used_q;
    wire [BANKS-1:0] row_1h = {{(BANKS-1){1'b0}}, 1'b1} << {row_bg, row_ba};
    wire [BANKS-1:0] col_1h = {{(BANKS-1){1'b0}}, 1'b1} << cb;
    always @(posedge clk_i)
        if (rst_i)
            used_q <= {BANKS{1'b0}};
        else
            used_q <= (used_q & ~(row_cmd == `HBM_CMD_ACT ? row_1h : {BANKS{1'b0}})) |
                      (c_any ? col_1h : {BANKS{1'b0}});
    always @* if (!rst_i) begin
        cover(row_cmd == `HBM_CMD_ACT);
        cover(row_cmd == `HBM_CMD_PRE);
        cover(col_cmd == `HBM_CMD_RD);
        cover(col_cmd == `HBM_CMD_WR);
        cover(c_any && used_q[cb]);                        // a row hit
        cover(wrdata_en);                                  // a write burst
        cover(rddata_valid);                               // a read burst
        cover(resp_take && !resp_write && !resp_fwd);      // a read's response
        cover(resp_take && resp_write);                    // a write's response
        cover(resp_take && resp_fwd);                      // a forwarded read's response
        cover(row_cmd == `HBM_CMD_ACT && col_cmd != `HBM_CMD_NOP);   // both buses in one clock
    end
    // The commands a config's knobs make: auto-precharge (closed or
    // adaptive page), REFPB (per-bank refresh), PREA then REFAB (all-bank)
    // and an ACT after the REFAB.
    reg prea_q, refab_q;
    always @(posedge clk_i)
        if (rst_i) begin
            prea_q  <= 1'b0;
            refab_q <= 1'b0;
        end else begin
            prea_q  <= prea_q || row_cmd == `HBM_CMD_PREA;
            refab_q <= refab_q || row_cmd == `HBM_CMD_REFAB;
        end
    generate
        if (`HBM_PAGE_POLICY != `HBM_PAGE_OPEN) begin : gen_cover_auto
            always @* if (!rst_i) begin
                cover(col_cmd == `HBM_CMD_RDA);
                cover(col_cmd == `HBM_CMD_WRA);
            end
        end
        if (`HBM_REFRESH_MODE == `HBM_REFRESH_PER_BANK) begin : gen_cover_pb
            always @* if (!rst_i)
                cover(row_cmd == `HBM_CMD_REFPB);
        end
        if (`HBM_REFRESH_MODE == `HBM_REFRESH_ALL_BANK) begin : gen_cover_ab
            always @* if (!rst_i) begin
                cover(row_cmd == `HBM_CMD_PREA);
                cover(row_cmd == `HBM_CMD_REFAB);
                cover(row_cmd == `HBM_CMD_REFAB && prea_q);
                cover(row_cmd == `HBM_CMD_ACT && refab_q);
            end
        end
    endgenerate

    wire unused = ^{req_id, resp_id, resp_rdata, resp_err, wrdata, wrdata_mask, wrdata_ecc, perf_cause, perf_events,
                    bwmon_rdata, ecc_corrected, ecc_uncorrectable, ecc_rmw, ecc_rmw_read};
endmodule

`resetall
