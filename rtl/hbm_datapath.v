// hbm_datapath - write data out, read data in, responses and their credits.
//
// Clocking: clk_i, synchronous active-high rst_i.
// A column command issued in cycle t puts its burst on the DFI data buses
// from cycle t + WL (write) or t + RL (read), one 16-byte word per clock for
// two clocks (tBURST = 2: BL4 on a 64-bit double-data-rate bus).  Write
// bursts wait in a ring of WL+ slots with their data, reads in one of RL+
// slots with their id.  The wide storage is block RAM (hbm_ram), read one
// cycle ahead: the write ring at the slot due in the next cycle (with WL =
// 1 a register instead: written and due in consecutive cycles), the
// response data at the next cycle's head (a word pushed into that very
// slot in this cycle comes from a bypass register instead).  In the clock of a burst's last word its
// response (id, write flag, read data) enters the response FIFO, offered on
// the response port from the next cycle.  credit_ok_o says a column
// command in the NEXT cycle will have room for its response: RESP_DEPTH >
// responses held + commands whose response is not yet queued, this
// cycle's included (the scheduler picks one cycle ahead).  C twin:
// model/hbm_datapath.c.
`default_nettype none
`include "hbm_defs.vh"

module hbm_datapath #(
    parameter integer RL_CK      = 14,
    parameter integer WL_CK      = 5,
    parameter integer T_BURST_CK = 2,
    parameter integer ID_BITS    = 8,
    parameter integer RESP_DEPTH = 16
) (
    input  wire               clk_i,
    input  wire               rst_i,
    // the column command on the bus this cycle
    input  wire               rd_issue_i,
    input  wire               wr_issue_i,
    input  wire [ID_BITS-1:0] issue_id_i,
    input  wire [255:0]       issue_data_i,
    input  wire [31:0]        issue_strb_i,
    output wire               credit_ok_o,
    // DFI data buses
    output wire               dfi_wrdata_en_o,
    output wire [127:0]       dfi_wrdata_o,
    output wire [15:0]        dfi_wrdata_mask_o,   // 1: do not write this byte
    input  wire               dfi_rddata_valid_i,
    input  wire [127:0]       dfi_rddata_i,
    // response port
    output wire               resp_valid_o,
    input  wire               resp_ready_i,
    output wire [ID_BITS-1:0] resp_id_o,
    output wire               resp_write_o,
    output wire [255:0]       resp_rdata_o
);
    generate
        if (T_BURST_CK != 2 || RL_CK < 1 || RL_CK > 63 || WL_CK < 1 || WL_CK > 63 ||
            RESP_DEPTH < 1 || RESP_DEPTH > 64) begin : gen_bad_param
            initial begin
                $display("%m: unsupported data-path parameters (tBURST %0d, RL %0d, WL %0d, depth %0d)",
                         T_BURST_CK, RL_CK, WL_CK, RESP_DEPTH);
                $finish;
            end
            INVALID_PARAMETER_DATAPATH u_bad ();
        end
    endgenerate

    // Bursts in flight: a shift register of valid bits per direction, and
    // their payload in a ring written at the issue cycle's slot (a free-
    // running pointer) and read WL (RL) cycles later.  A ring of more than
    // WL (RL) slots is never overwritten before it is read.
    localparam integer WAB = `HBM_CLOG2(WL_CK + 1);
    localparam integer RAB = `HBM_CLOG2(RL_CK + 1);
    localparam [31:0]  WL_32 = WL_CK;
    localparam [31:0]  RL_32 = RL_CK;
    reg  [WAB-1:0]      wptr_q;
    reg  [RAB-1:0]      rptr_q;
    reg  [WL_CK-1:0]    wp_valid_q;   // bit k: a write issued k + 1 cycles ago
    reg  [RL_CK-1:0]    rp_valid_q;   // bit k: a read issued k + 1 cycles ago
    reg  [ID_BITS-1:0]  w_id_q   [0:(1<<WAB)-1];
    reg  [ID_BITS-1:0]  r_id_q   [0:(1<<RAB)-1];
    wire [WAB-1:0]      w_due = wptr_q - WL_32[WAB-1:0];  // slot of the write issued WL ago
    wire [RAB-1:0]      r_due = rptr_q - RL_32[RAB-1:0];
    reg                 w2_valid_q;   // second word of the burst now on the bus
    reg [ID_BITS-1:0]   w2_id_q;
    reg [127:0]         w2_data_q;
    reg [15:0]          w2_strb_q;
    reg                 r2_valid_q;   // second word due now
    reg [ID_BITS-1:0]   r2_id_q;
    reg [127:0]         r_lo_q;       // first word, kept until the second comes

    wire         w1_now  = wp_valid_q[WL_CK-1];   // first write word due this cycle
    wire         r1_now  = rp_valid_q[RL_CK-1];   // first read word due this cycle
    wire [255:0] w1_data;                         // the due write's data and enables
    wire [31:0]  w1_strb;
    generate
        if (WL_CK >= 2) begin : gen_wring_ram
            // read at the slot due next cycle: never the slot written now
            // (that one is due WL >= 2 cycles later)
            wire [WAB-1:0] w_due_next = w_due + 1'b1;
            hbm_ram #(.WIDTH(288), .DEPTH(1 << WAB)) u_wring (
                .clk_i(clk_i), .rst_i(rst_i),
                .we_i(wr_issue_i), .waddr_i(wptr_q), .wdata_i({issue_strb_i, issue_data_i}),
                .re_i(1'b1), .raddr_i(w_due_next), .rdata_o({w1_strb, w1_data}));
        end else begin : gen_wring_reg
            reg [287:0] w1_q;
            always @(posedge clk_i)
                if (wr_issue_i)
                    w1_q <= {issue_strb_i, issue_data_i};
            assign {w1_strb, w1_data} = w1_q;
        end
    endgenerate

    wire [WL_CK:0] wp_shift = {wp_valid_q, wr_issue_i};  // the top bit leaves (it is w1_now)
    wire [RL_CK:0] rp_shift = {rp_valid_q, rd_issue_i};
    wire unused_shift_out = wp_shift[WL_CK] ^ rp_shift[RL_CK];

    assign dfi_wrdata_en_o   = w1_now || w2_valid_q;
    assign dfi_wrdata_o      = w1_now ? w1_data[127:0] : w2_data_q;
    assign dfi_wrdata_mask_o = ~(w1_now ? w1_strb[15:0] : w2_strb_q);

    always @(posedge clk_i) begin
        if (rst_i) begin
            wp_valid_q <= {WL_CK{1'b0}};
            rp_valid_q <= {RL_CK{1'b0}};
            w2_valid_q <= 1'b0;
            r2_valid_q <= 1'b0;
            wptr_q     <= {WAB{1'b0}};
            rptr_q     <= {RAB{1'b0}};
        end else begin
            wp_valid_q <= wp_shift[WL_CK-1:0];
            rp_valid_q <= rp_shift[RL_CK-1:0];
            w2_valid_q <= w1_now;
            r2_valid_q <= r1_now;
            wptr_q     <= wptr_q + 1'b1;
            rptr_q     <= rptr_q + 1'b1;
        end
        // payload, never reset
        if (wr_issue_i)
            w_id_q[wptr_q] <= issue_id_i;
        if (rd_issue_i)
            r_id_q[rptr_q] <= issue_id_i;
        if (w1_now) begin
            w2_id_q   <= w_id_q[w_due];
            w2_data_q <= w1_data[255:128];
            w2_strb_q <= w1_strb[31:16];
        end
        if (r1_now) begin
            r2_id_q <= r_id_q[r_due];
            r_lo_q  <= dfi_rddata_i;
        end
    end

    // ---- responses ------------------------------------------------------------
    // The last word of a burst: the second write word or the second read word.
    wire               push      = w2_valid_q || r2_valid_q;
    wire               push_wr   = w2_valid_q;
    wire [ID_BITS-1:0] push_id   = w2_valid_q ? w2_id_q : r2_id_q;
    wire [255:0]       push_data = w2_valid_q ? 256'd0 : {dfi_rddata_i, r_lo_q};

    localparam integer AW = `HBM_CLOG2(RESP_DEPTH);   // storage 2^AW >= RESP_DEPTH, pointers wrap
    localparam integer CW = AW + 1;              // counts up to RESP_DEPTH
    localparam [31:0]   DEPTH_32 = RESP_DEPTH;
    localparam [CW-1:0] DEPTH_C  = DEPTH_32[CW-1:0];

    reg [ID_BITS-1:0] f_id_q   [0:(1<<AW)-1];
    reg               f_wr_q   [0:(1<<AW)-1];
    reg [AW-1:0]      head_q;
    reg [CW-1:0]      count_q, inflight_q;

    wire          pop  = resp_valid_o && resp_ready_i;
    wire [AW-1:0] tail = head_q + count_q[AW-1:0];
    assign resp_valid_o = count_q != {CW{1'b0}};
    assign resp_id_o    = f_id_q[head_q];
    assign resp_write_o = f_wr_q[head_q];

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
    assign resp_rdata_o = bypass_q ? bypass_data_q : f_rdata;
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
            f_wr_q[tail] <= push_wr;
        end
    end

`ifndef SYNTHESIS
    `HBM_ASSERT("one burst on the data bus at a time", !(w1_now && (r1_now || w2_valid_q)))
    `HBM_ASSERT("one burst on the data bus at a time (reads)", !(r1_now && r2_valid_q))
    `HBM_ASSERT("read data arrives with its burst", !(r1_now || r2_valid_q) || dfi_rddata_valid_i)
    `HBM_ASSERT("response queue never overflows", !push || count_q < DEPTH_C || pop)
`endif
endmodule

`resetall
