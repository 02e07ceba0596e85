// hbm_datapath - write data out, read data in, responses and their credits.
//
// Clocking: clk_i, synchronous active-high rst_i, RATIO DRAM clocks per
// clock (dfi_ratio; docs/microarchitecture.md, DFI frequency ratio): each
// DFI data bus carries one 16-byte word per DRAM clock, RATIO per clock,
// in phase p at [p*128 +: 128].  At RATIO 1 a DRAM clock is a clock.
// A column command in DRAM clock c (phase issue_phase_i of this clock)
// puts its burst on the data buses in DRAM clocks c + WL (write) or c + RL
// (read) and the one after (tBURST = 2: BL4 on a 64-bit double-data-rate
// bus); at RATIO 2 that is both phases of one clock, or phase 1 and the
// next clock's phase 0.  Bursts of one direction start in the order they
// were issued, so each direction keeps its bursts in flight in a FIFO
// (the write data and enables in block RAM, hbm_ram, read one clock ahead
// at the slot that starts next, with a bypass register for a burst
// written and due in consecutive clocks) and a line of start bits in DRAM
// clocks.  In the clock of a burst's last word its response (id, write
// flag, read data) enters the response FIFO, offered on the response port
// from the next cycle.  credit_ok_o says a column command in the NEXT
// cycle will have room for its response: RESP_DEPTH > responses held +
// commands whose response is not yet queued, this cycle's included (the
// scheduler picks one cycle ahead).
// The forward register holds a forwarded read's response (read-after-
// write, docs/microarchitecture.md): taken at the edge of the cycle the
// read is accepted (fwd_take_i, its data on fwd_data_i from the next
// cycle, held by the write queue's forward port), offered on the response
// port before the response FIFO's head, freed at the edge of the cycle it
// is popped; it takes a read only while empty (fwd_free_o), and uses no
// response credit.  C twin: model/hbm_datapath.c (the forward register
// in model/hbm_ctrl.c).
// With ECC (ecc = secded) each 64-bit word of write data goes out with its
// 8 SECDED check bits on dfi_wrdata_ecc (hbm_ecc_enc; a word whose 8 byte
// enables are all off is poisoned: two check bits inverted, so it reads
// back uncorrectable) and no data mask; each read word is checked and
// corrected as it arrives (hbm_ecc_dec), the corrected and uncorrectable
// words are counted, and a response is flagged (resp_err_o) when a word of
// its read burst was uncorrectable or its write burst was poisoned.
`default_nettype none
`include "hbm_defs.vh"

module hbm_datapath #(
    parameter integer RL_CK      = 14,
    parameter integer WL_CK      = 5,
    parameter integer T_BURST_CK = 2,
    parameter integer ID_BITS    = 8,
    parameter integer RESP_DEPTH = 16,
    parameter integer RATIO      = 1,   // DRAM clocks per clock (dfi_ratio): 1 or 2
    parameter integer ECC        = 0    // ecc: 0 none, 1 secded
) (
    input  wire               clk_i,
    input  wire               rst_i,
    // the column command on the bus this cycle
    input  wire               rd_issue_i,
    input  wire               wr_issue_i,
    input  wire               issue_phase_i,   // its DRAM clock in this cycle (0 at RATIO 1)
    input  wire [ID_BITS-1:0] issue_id_i,
    input  wire [255:0]       issue_data_i,    // a write's data and enables, in the cycle
    input  wire [31:0]        issue_strb_i,    // after its command (the write queue's block RAM)
    output wire               credit_ok_o,
    // the forward register
    input  wire               fwd_take_i,
    input  wire [ID_BITS-1:0] fwd_id_i,
    input  wire [255:0]       fwd_data_i,
    output wire               fwd_free_o,
    // DFI data buses, one word per phase
    output wire [RATIO-1:0]     dfi_wrdata_en_o,
    output wire [RATIO*128-1:0] dfi_wrdata_o,
    output wire [RATIO*16-1:0]  dfi_wrdata_mask_o,   // 1: do not write this byte (0 with ECC)
    output wire [RATIO*16-1:0]  dfi_wrdata_ecc_o,    // check bits of bytes 0-7, 8-15 (ECC)
    input  wire [RATIO-1:0]     dfi_rddata_valid_i,
    input  wire [RATIO*128-1:0] dfi_rddata_i,
    input  wire [RATIO*16-1:0]  dfi_rddata_ecc_i,
    // response port
    output wire               resp_valid_o,
    input  wire               resp_ready_i,
    output wire [ID_BITS-1:0] resp_id_o,
    output wire               resp_write_o,
    output wire [255:0]       resp_rdata_o,
    output wire               resp_fwd_o,      // the offered response is the forward register's
    output wire               resp_err_o,      // ... flagged: uncorrectable read, poisoned write
    // ECC counters: 64-bit words read with one bit corrected, uncorrectable
    output wire [31:0]        ecc_corrected_o,
    output wire [31:0]        ecc_uncorrectable_o
);
    generate
        if (T_BURST_CK != 2 || RATIO < 1 || RATIO > 2 || RL_CK < RATIO || RL_CK > 63 ||
            WL_CK < 2 * RATIO || WL_CK > 63 || RESP_DEPTH < 1 || RESP_DEPTH > 64) begin : gen_bad_param
            initial begin
                $display("%m: unsupported data-path parameters (tBURST %0d, RL %0d, WL %0d, depth %0d, ratio %0d)",
                         T_BURST_CK, RL_CK, WL_CK, RESP_DEPTH, RATIO);
                $finish;
            end
            INVALID_PARAMETER_DATAPATH u_bad ();
        end
    endgenerate

    // ---- bursts in flight -------------------------------------------------------
    // Start lines: bit j of w_line_q says a write burst's first word is due
    // in DRAM clock j of this cycle and after (j < RATIO: this cycle's
    // phase j); each clock they move down by RATIO, and a command in phase
    // q enters at q + L - RATIO.  A burst starts in each DRAM clock at most
    // (two are tBURST apart), and no two start in one clock.
    localparam integer WLN = WL_CK + RATIO;
    localparam integer RLN = RL_CK + RATIO;
    reg  [WLN-1:0] w_line_q;
    reg  [RLN-1:0] r_line_q;
    wire [WLN-1:0] w_enter = {{(WLN-1){1'b0}}, wr_issue_i} << (WL_CK - RATIO + (issue_phase_i ? 1 : 0));
    wire [RLN-1:0] r_enter = {{(RLN-1){1'b0}}, rd_issue_i} << (RL_CK - RATIO + (issue_phase_i ? 1 : 0));
    wire [WLN-1:0] w_line_next = (w_line_q >> RATIO) | w_enter;
    wire [RLN-1:0] r_line_next = (r_line_q >> RATIO) | r_enter;
    wire [RATIO-1:0] w_start = w_line_q[RATIO-1:0];   // a write burst starts in phase p
    wire [RATIO-1:0] r_start = r_line_q[RATIO-1:0];
    wire w_starts = |w_start;
    wire r_starts = |r_start;

    // FIFOs of the bursts not yet started: ids (both directions), write
    // data and enables (block RAM).  At least WL (RL) + 2 slots: a burst
    // leaves at most WL (RL) DRAM clocks after it entered, and bursts are
    // at least two DRAM clocks apart.
    localparam integer WAB = `HBM_CLOG2(WL_CK + 2);
    localparam integer RAB = `HBM_CLOG2(RL_CK + 2);
    reg  [WAB-1:0]     w_tail_q, w_head_q;
    reg  [RAB-1:0]     r_tail_q, r_head_q;
    reg  [ID_BITS-1:0] w_id_q [0:(1<<WAB)-1];
    reg                w_poison_q [0:(1<<WAB)-1];   // a word of the burst has no byte enabled (ECC)
    // A write's data arrives the cycle after its command (wd_valid_q), for
    // the slot the command took (wd_slot_q).  WL >= 2 x RATIO DRAM clocks
    // puts its start two cycles after the command or later, so the data is
    // in the ring (or the bypass register) in time.
    reg                wd_valid_q;
    reg  [WAB-1:0]     wd_slot_q;
    wire issue_poison = ECC != 0 && (issue_strb_i[7:0] == 8'd0 || issue_strb_i[15:8] == 8'd0 ||
                                     issue_strb_i[23:16] == 8'd0 || issue_strb_i[31:24] == 8'd0);
    reg  [ID_BITS-1:0] r_id_q [0:(1<<RAB)-1];
    wire [WAB-1:0]     w_head_next = w_head_q + {{(WAB-1){1'b0}}, w_starts};
    // The write data of the burst that starts next, read one clock ahead;
    // a burst written in this clock that starts in the next comes from the
    // bypass register instead.
    wire         w_bypass = wd_valid_q && wd_slot_q == w_head_next;
    wire [287:0] w_ram_rdata;
    reg          w_bypass_q;
    reg  [287:0] w_bypass_data_q;
    hbm_ram #(.WIDTH(288), .DEPTH(1 << WAB)) u_wring (
        .clk_i(clk_i), .rst_i(rst_i),
        .we_i(wd_valid_q), .waddr_i(wd_slot_q), .wdata_i({issue_strb_i, issue_data_i}),
        .re_i(!w_bypass), .raddr_i(w_head_next), .rdata_o(w_ram_rdata));
    wire [255:0] w1_data;   // the starting write burst's data and enables
    wire [31:0]  w1_strb;
    assign {w1_strb, w1_data} = w_bypass_q ? w_bypass_data_q : w_ram_rdata;

    // Second words due in the next clock's phase 0 (a burst that started in
    // the last phase).
    reg                 w2_valid_q;
    reg [ID_BITS-1:0]   w2_id_q;
    reg                 w2_poison_q;
    reg [127:0]         w2_data_q;
    reg [15:0]          w2_strb_q;
    reg                 r2_valid_q;
    reg [ID_BITS-1:0]   r2_id_q;
    reg [127:0]         r_lo_q;       // its first word (corrected)
    reg                 r_lo_err_q;   // ... had an uncorrectable word

    // ---- write data out ------------------------------------------------------
    // Phase p carries the first word of a burst starting in p, or the
    // second word of one that started in p - 1 (p = 0: the last clock's
    // last phase).
    genvar p;
    generate
        for (p = 0; p < RATIO; p = p + 1) begin : gen_wphase
            wire second = (p == 0) ? w2_valid_q : w_start[(p + RATIO - 1) % RATIO];
            wire [127:0] data2 = (p == 0) ? w2_data_q : w1_data[255:128];
            wire [15:0]  strb2 = (p == 0) ? w2_strb_q : w1_strb[31:16];
            wire [127:0] wdata = w_start[p] ? w1_data[127:0] : data2;
            wire [15:0]  wstrb = w_start[p] ? w1_strb[15:0] : strb2;
            assign dfi_wrdata_en_o[p]           = w_start[p] || second;
            assign dfi_wrdata_o[p*128 +: 128]   = wdata;
            if (ECC != 0) begin : gen_ecc_out
                wire [15:0] check;
                hbm_ecc_enc #(.WORDS(2)) u_enc (.data_i(wdata), .check_o(check));
                assign dfi_wrdata_ecc_o[p*16 +: 16] =
                    check ^ {(wstrb[15:8] == 8'd0) ? `HBM_ECC_POISON : 8'd0,
                             (wstrb[7:0] == 8'd0) ? `HBM_ECC_POISON : 8'd0};
                assign dfi_wrdata_mask_o[p*16 +: 16] = 16'd0;   // no data mask with ECC
            end else begin : gen_no_ecc_out
                assign dfi_wrdata_ecc_o[p*16 +: 16]  = 16'd0;
                assign dfi_wrdata_mask_o[p*16 +: 16] = ~wstrb;
            end
        end
    endgenerate

    // ---- read data in: checked and corrected per phase (ECC) ---------------------
    // rd_word[p]: phase p carries a word of a read burst (its first, or the
    // second of one that started in the phase before).
    wire [RATIO-1:0]     rd_word;
    wire [RATIO*128-1:0] rdata;      // the read words, corrected
    wire [RATIO-1:0]     rd_err;     // ... a word of it was uncorrectable
    wire [2*RATIO-1:0]   w_corr, w_unc;
    generate
        for (p = 0; p < RATIO; p = p + 1) begin : gen_rphase
            assign rd_word[p] = r_start[p] || ((p == 0) ? r2_valid_q : r_start[(p + RATIO - 1) % RATIO]);
            if (ECC != 0) begin : gen_ecc_in
                wire [1:0] corr, unc;
                hbm_ecc_dec #(.WORDS(2)) u_dec (
                    .data_i(dfi_rddata_i[p*128 +: 128]), .check_i(dfi_rddata_ecc_i[p*16 +: 16]),
                    .data_o(rdata[p*128 +: 128]), .corrected_o(corr), .uncorrectable_o(unc));
                assign w_corr[2*p +: 2] = rd_word[p] ? corr : 2'b00;
                assign w_unc[2*p +: 2]  = rd_word[p] ? unc : 2'b00;
            end else begin : gen_no_ecc_in
                assign rdata[p*128 +: 128] = dfi_rddata_i[p*128 +: 128];
                assign w_corr[2*p +: 2]    = 2'b00;
                assign w_unc[2*p +: 2]     = 2'b00;
                wire unused = ^{dfi_rddata_ecc_i[p*16 +: 16], rd_word[p]};   // no check bits without ECC
            end
            assign rd_err[p] = |w_unc[2*p +: 2];
        end
    endgenerate
    reg [31:0] corrected_q, uncorrectable_q;
    reg [2:0]  n_corr, n_unc;   // this clock's, up to 2 * RATIO
    integer c;
    always @* begin
        n_corr = 3'd0;
        n_unc  = 3'd0;
        for (c = 0; c < 2 * RATIO; c = c + 1) begin
            n_corr = n_corr + {2'd0, w_corr[c]};
            n_unc  = n_unc + {2'd0, w_unc[c]};
        end
    end
    always @(posedge clk_i)
        if (rst_i) begin
            corrected_q     <= 32'd0;
            uncorrectable_q <= 32'd0;
        end else begin
            corrected_q     <= corrected_q + {29'd0, n_corr};
            uncorrectable_q <= uncorrectable_q + {29'd0, n_unc};
        end
    assign ecc_corrected_o     = corrected_q;
    assign ecc_uncorrectable_o = uncorrectable_q;

    always @(posedge clk_i) begin
        if (rst_i) begin
            w_line_q   <= {WLN{1'b0}};
            r_line_q   <= {RLN{1'b0}};
            w2_valid_q <= 1'b0;
            r2_valid_q <= 1'b0;
            w_tail_q   <= {WAB{1'b0}};
            w_head_q   <= {WAB{1'b0}};
            r_tail_q   <= {RAB{1'b0}};
            r_head_q   <= {RAB{1'b0}};
            w_bypass_q <= 1'b0;
            wd_valid_q <= 1'b0;
        end else begin
            wd_valid_q <= wr_issue_i;
            w_line_q   <= w_line_next;
            r_line_q   <= r_line_next;
            w2_valid_q <= w_start[RATIO-1];
            r2_valid_q <= r_start[RATIO-1];
            w_tail_q   <= w_tail_q + {{(WAB-1){1'b0}}, wr_issue_i};
            w_head_q   <= w_head_next;
            r_tail_q   <= r_tail_q + {{(RAB-1){1'b0}}, rd_issue_i};
            r_head_q   <= r_head_q + {{(RAB-1){1'b0}}, r_starts};
            w_bypass_q <= w_bypass;
        end
        // payload, never reset
        if (w_bypass)
            w_bypass_data_q <= {issue_strb_i, issue_data_i};
        wd_slot_q <= w_tail_q;
        if (wr_issue_i)
            w_id_q[w_tail_q] <= issue_id_i;
        if (wd_valid_q)
            w_poison_q[wd_slot_q] <= issue_poison;
        if (rd_issue_i)
            r_id_q[r_tail_q] <= issue_id_i;
        if (w_start[RATIO-1]) begin
            w2_id_q     <= w_id_q[w_head_q];
            w2_poison_q <= w_poison_q[w_head_q];
            w2_data_q <= w1_data[255:128];
            w2_strb_q <= w1_strb[31:16];
        end
        if (r_start[RATIO-1]) begin
            r2_id_q <= r_id_q[r_head_q];
            r_lo_q     <= rdata[(RATIO-1)*128 +: 128];
            r_lo_err_q <= rd_err[RATIO-1];
        end
    end

    // ---- responses ------------------------------------------------------------
    // The last word of a burst in this clock: a second word carried from
    // the last clock (phase 0), or at RATIO 2 the second word of a burst
    // that started in phase 0.  One at most: bursts never overlap.
    wire               w_last_now = (RATIO > 1) && w_start[0];
    wire               r_last_now = (RATIO > 1) && r_start[0];
    wire               push      = w2_valid_q || r2_valid_q || w_last_now || r_last_now;
    wire               push_wr   = w2_valid_q || w_last_now;
    wire [ID_BITS-1:0] push_id   = w2_valid_q ? w2_id_q : w_last_now ? w_id_q[w_head_q] :
                                   r2_valid_q ? r2_id_q : r_id_q[r_head_q];
    wire [255:0]       push_data = push_wr ? 256'd0 :
                                   r2_valid_q ? {rdata[127:0], r_lo_q}
                                              : {rdata[(RATIO-1)*128 +: 128], rdata[127:0]};
    wire               push_err  = w2_valid_q ? w2_poison_q : w_last_now ? w_poison_q[w_head_q] :
                                   r2_valid_q ? (r_lo_err_q || rd_err[0]) : (rd_err[0] || rd_err[RATIO-1]);

    localparam integer AW = `HBM_CLOG2(RESP_DEPTH);   // storage 2^AW >= RESP_DEPTH, pointers wrap
    localparam integer CW = AW + 1;              // counts up to RESP_DEPTH
    localparam [31:0]   DEPTH_32 = RESP_DEPTH;
    localparam [CW-1:0] DEPTH_C  = DEPTH_32[CW-1:0];

    reg [ID_BITS-1:0] f_id_q   [0:(1<<AW)-1];
    reg               f_wr_q   [0:(1<<AW)-1];
    reg               f_err_q  [0:(1<<AW)-1];
    reg [AW-1:0]      head_q;
    reg [CW-1:0]      count_q, inflight_q;

    reg               fwd_valid_q;
    reg [ID_BITS-1:0] fwd_id_q;
    wire          fifo_valid = count_q != {CW{1'b0}};
    wire          pop  = fifo_valid && !fwd_valid_q && resp_ready_i;   // the FIFO's head
    wire [AW-1:0] tail = head_q + count_q[AW-1:0];
    assign resp_valid_o = fwd_valid_q || fifo_valid;
    assign resp_fwd_o   = fwd_valid_q;
    assign resp_id_o    = fwd_valid_q ? fwd_id_q : f_id_q[head_q];
    assign resp_write_o = !fwd_valid_q && f_wr_q[head_q];
    assign resp_err_o   = !fwd_valid_q && f_err_q[head_q];
    assign fwd_free_o   = !fwd_valid_q;
    always @(posedge clk_i) begin
        if (rst_i)
            fwd_valid_q <= 1'b0;
        else if (fwd_take_i)
            fwd_valid_q <= 1'b1;
        else if (fwd_valid_q && resp_ready_i)
            fwd_valid_q <= 1'b0;
        if (fwd_take_i)
            fwd_id_q <= fwd_id_i;
    end

    // Response data in block RAM, read at the next cycle's head; a word
    // pushed this cycle into that slot is taken from the bypass register.
    wire [AW-1:0] head_next = head_q + {{(AW-1){1'b0}}, pop};
    wire          bypass    = push && tail == head_next;
    wire [255:0]  f_rdata;
    reg           bypass_q;
    reg [255:0]   bypass_data_q;
    hbm_ram #(.WIDTH(256), .DEPTH(1 << AW)) u_resp (
        .clk_i(clk_i), .rst_i(rst_i),
        .we_i(push), .waddr_i(tail), .wdata_i(push_data),
        .re_i(!bypass), .raddr_i(head_next), .rdata_o(f_rdata));
    always @(posedge clk_i) begin
        bypass_q <= !rst_i && bypass;
        if (bypass)
            bypass_data_q <= push_data;
    end
    assign resp_rdata_o = fwd_valid_q ? fwd_data_i : bypass_q ? bypass_data_q : f_rdata;
    assign credit_ok_o  = ({1'b0, count_q} + {1'b0, inflight_q} + {{CW{1'b0}}, rd_issue_i || wr_issue_i}) <
                          {1'b0, DEPTH_C};

    always @(posedge clk_i) begin
        if (rst_i) begin
            head_q     <= {AW{1'b0}};
            count_q    <= {CW{1'b0}};
            inflight_q <= {CW{1'b0}};
        end else begin
            if (pop)
                head_q <= head_q + 1'b1;
            count_q    <= count_q + {{(CW-1){1'b0}}, push} - {{(CW-1){1'b0}}, pop};
            inflight_q <= inflight_q + {{(CW-1){1'b0}}, rd_issue_i || wr_issue_i}
                                     - {{(CW-1){1'b0}}, push};
        end
        if (push) begin
            f_id_q[tail] <= push_id;
            f_wr_q[tail]  <= push_wr;
            f_err_q[tail] <= push_err;
        end
    end

`ifndef SYNTHESIS
    `HBM_ASSERT("one burst start per clock", !(w_starts && r_starts) &&
                ((w_start & (w_start - 1'b1)) | (r_start & (r_start - 1'b1))) == {RATIO{1'b0}})
    `HBM_ASSERT("one burst on the data bus at a time", !(w_start[0] && (r2_valid_q || w2_valid_q)) &&
                                                       !(r_start[0] && (r2_valid_q || w2_valid_q)))
    `HBM_ASSERT("read data arrives with its burst", !r2_valid_q || dfi_rddata_valid_i[0])
    `HBM_ASSERT("read data arrives with its burst (first word)",
                (r_start & ~dfi_rddata_valid_i) == {RATIO{1'b0}})
    `HBM_ASSERT("read data arrives with its burst (second word in the same clock)",
                !r_last_now || dfi_rddata_valid_i[RATIO-1])
    `HBM_ASSERT("response queue never overflows", !push || count_q < DEPTH_C || pop)
    `HBM_ASSERT("the forward register takes a read only while empty", !fwd_take_i || !fwd_valid_q)
`endif
endmodule

`resetall
