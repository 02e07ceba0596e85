// hbm_axi - an AXI4 slave port in front of one pseudo-channel controller
// (docs/microarchitecture.md, "AXI4 front end").
//
// Clocking: clk_i, synchronous active-high rst_i; every AXI output and the
// controller request come from registers (the W channel's ready also from
// the controller's ready for the beat the write buffer holds), so no AXI
// input reaches an AXI output in the same cycle.
// Owns: the two burst engines, the write buffer, the arbitration of the
// controller's request port, the read reorder buffer and the error
// responses.  The controller (hbm_ctrl) owns everything behind its port.
//   - Bursts: INCR, WRAP (2, 4, 8, 16 beats) and FIXED, 1 to 256 beats,
//     narrow (AxSIZE below the 32-byte bus), unaligned starts.  Each beat
//     is one controller request to the 32-byte burst that holds the beat's
//     address: a write beat with its WSTRB limited to the beat's byte lanes,
//     a read beat returning the whole 32 bytes (the master takes its lanes).
//   - Errors, decided when AW/AR is accepted: SLVERR for a burst the AXI
//     spec makes illegal (AxSIZE above 32 bytes, the reserved burst type, a
//     WRAP whose length is not 2, 4, 8 or 16 or whose start is unaligned,
//     an INCR that crosses a 4 KiB boundary), DECERR for one that reaches
//     beyond the capacity.  Such a burst sends nothing to the controller:
//     its write beats are taken and dropped, its read beats come back with
//     the error and zero data, in order with the others.  And SLVERR (zero
//     data) for a read beat whose controller response is flagged
//     (resp_err_i: ECC found data it could not correct).
//   - Writes: one burst at a time.  AW is taken when the write engine is
//     idle and the B register is empty; W beats then go, one per cycle,
//     through a one-beat buffer into the controller (WLAST is not needed:
//     AWLEN counts the beats; a simulation check compares them).  B (OKAY)
//     is raised when the controller has accepted the last beat, so a
//     later read of those bytes sees them (the controller's read-after-
//     write).  The controller's write responses are dropped.
//   - Reads: one burst at a time is split, a beat per cycle, each taking
//     the next slot of the reorder buffer (ROB_DEPTH beats, the slot index
//     is the controller request's id); responses fill their slots in any
//     order, and R returns the slots in the order they were taken: every
//     burst in AR order, so bursts of one ID stay in order (bursts of
//     different IDs do too: allowed, not required by AXI).  The read data
//     lives in block RAM (hbm_ram), read when a slot moves into the R
//     register.
//   - The request port: the write buffer and the read engine alternate
//     when both have a beat (round robin, the winner decided from
//     registers), one request per cycle.
// C twin: model/hbm_axi.c, the same registers and decisions, cycle by
// cycle (tb/unit/vaxi.cpp holds them equal).
`default_nettype none
`include "hbm_defs.vh"

module hbm_axi #(
    parameter integer ADDR_BITS     = 28,  // the controller's port: capacity 2^ADDR_BITS bytes
    parameter integer ID_BITS       = 8,   // the controller's request id
    parameter integer AXI_ID_BITS   = 4,
    parameter integer AXI_ADDR_BITS = 32,
    parameter integer ROB_DEPTH     = 64   // read beats in flight: 2..2^(ID_BITS-1), a power of two
) (
    input  wire                     clk_i,
    input  wire                     rst_i,
    // AXI4 slave: write address
    input  wire [AXI_ID_BITS-1:0]   s_axi_awid,
    input  wire [AXI_ADDR_BITS-1:0] s_axi_awaddr,
    input  wire [7:0]               s_axi_awlen,
    input  wire [2:0]               s_axi_awsize,
    input  wire [1:0]               s_axi_awburst,
    input  wire                     s_axi_awlock,
    input  wire [3:0]               s_axi_awcache,
    input  wire [2:0]               s_axi_awprot,
    input  wire                     s_axi_awvalid,
    output wire                     s_axi_awready,
    // write data
    input  wire [255:0]             s_axi_wdata,
    input  wire [31:0]              s_axi_wstrb,
    input  wire                     s_axi_wlast,
    input  wire                     s_axi_wvalid,
    output wire                     s_axi_wready,
    // write response
    output wire [AXI_ID_BITS-1:0]   s_axi_bid,
    output wire [1:0]               s_axi_bresp,
    output wire                     s_axi_bvalid,
    input  wire                     s_axi_bready,
    // read address
    input  wire [AXI_ID_BITS-1:0]   s_axi_arid,
    input  wire [AXI_ADDR_BITS-1:0] s_axi_araddr,
    input  wire [7:0]               s_axi_arlen,
    input  wire [2:0]               s_axi_arsize,
    input  wire [1:0]               s_axi_arburst,
    input  wire                     s_axi_arlock,
    input  wire [3:0]               s_axi_arcache,
    input  wire [2:0]               s_axi_arprot,
    input  wire                     s_axi_arvalid,
    output wire                     s_axi_arready,
    // read data
    output wire [AXI_ID_BITS-1:0]   s_axi_rid,
    output wire [255:0]             s_axi_rdata,
    output wire [1:0]               s_axi_rresp,
    output wire                     s_axi_rlast,
    output wire                     s_axi_rvalid,
    input  wire                     s_axi_rready,
    // the controller's request and response ports (hbm_ctrl)
    output wire                     req_valid_o,
    input  wire                     req_ready_i,
    output wire [ADDR_BITS-1:0]     req_addr_o,
    output wire                     req_write_o,
    output wire [ID_BITS-1:0]       req_id_o,
    output wire [255:0]             req_wdata_o,
    output wire [31:0]              req_wstrb_o,
    input  wire                     resp_valid_i,
    output wire                     resp_ready_o,
    input  wire [ID_BITS-1:0]       resp_id_i,
    input  wire                     resp_write_i,
    input  wire [255:0]             resp_rdata_i,
    input  wire                     resp_err_i     // ECC: the read was uncorrectable -> SLVERR
);
    localparam integer RB = `HBM_CLOG2(ROB_DEPTH);   // a reorder-buffer slot
    localparam integer AW = AXI_ADDR_BITS;
    localparam [1:0] OKAY = 2'd0, SLVERR = 2'd2, DECERR = 2'd3;
    localparam [1:0] FIXED = 2'd0, INCR = 2'd1, WRAP = 2'd2;

    generate
        if (ROB_DEPTH < 2 || (1 << RB) != ROB_DEPTH || ROB_DEPTH > (1 << (ID_BITS - 1)) ||
            AXI_ADDR_BITS < ADDR_BITS || AXI_ADDR_BITS > 63 || AXI_ID_BITS < 1 || ID_BITS < 2) begin : gen_bad
            initial begin
                $display("%m: ROB_DEPTH = %0d must be a power of two, 2..2^(ID_BITS-1); AXI_ADDR_BITS = %0d >= ADDR_BITS = %0d",
                         ROB_DEPTH, AXI_ADDR_BITS, ADDR_BITS);
                $finish;
            end
            INVALID_PARAMETER_AXI u_bad ();
        end
    endgenerate

    // ---- burst arithmetic (AXI4 spec, A3.4.1) ----------------------------------
    // The response a burst gets, decided from its AW/AR fields.
    function [1:0] burst_resp(input [AW-1:0] addr, input [7:0] len, input [2:0] size, input [1:0] burst);
        reg [AW:0]  nb, bytes, aligned, first, last_end, wmask;
        reg         bad;
        begin
            nb      = {{AW{1'b0}}, 1'b1} << size;
            bytes   = ({{(AW-8){1'b0}}, 1'b0, len} + 1'b1) << size;
            aligned = {1'b0, addr} & ~(nb - 1'b1);
            wmask   = bytes - 1'b1;
            bad = size > 3'd5 || burst == 2'd3 ||
                  (burst == WRAP && ((len != 8'd1 && len != 8'd3 && len != 8'd7 && len != 8'd15) ||
                                     aligned != {1'b0, addr})) ||
                  (burst == INCR && ({{(AW-11){1'b0}}, aligned[11:0]} + bytes) > 4096);
            first    = (burst == WRAP) ? aligned & ~wmask : aligned;
            last_end = (burst == FIXED) ? aligned + nb : first + bytes;   // one past the last byte
            if (bad)
                burst_resp = SLVERR;
            else if ((last_end >> ADDR_BITS) != 0 && last_end != ({{AW{1'b0}}, 1'b1} << ADDR_BITS))
                burst_resp = DECERR;
            else
                burst_resp = OKAY;
        end
    endfunction

    // The next beat's address.
    function [AW-1:0] next_addr(input [AW-1:0] addr, input [2:0] size, input [1:0] burst, input [AW-1:0] wmask);
        reg [AW-1:0] nb, aligned;
        begin
            nb      = {{(AW-1){1'b0}}, 1'b1} << size;
            aligned = addr & ~(nb - 1'b1);
            case (burst)
                INCR:    next_addr = aligned + nb;
                WRAP:    next_addr = (aligned & ~wmask) | ((aligned + nb) & wmask);
                default: next_addr = addr;
            endcase
        end
    endfunction

    // The byte lanes of the 32-byte bus a beat at addr of 2^size bytes uses.
    function [31:0] lanes(input [4:0] addr, input [2:0] size);   // addr: the beat's address mod 32
        reg [5:0]  nb;
        reg [4:0]  lo, base;
        reg [31:0] all;
        begin
            nb   = 6'd1 << (size > 3'd5 ? 3'd5 : size);
            lo   = addr;
            base = addr & ~(nb[4:0] - 5'd1);
            all  = (nb == 6'd32) ? 32'hFFFF_FFFF : ((32'd1 << nb) - 32'd1) << base;
            lanes = all & ~((32'd1 << lo) - 32'd1);
        end
    endfunction

    // ---- write engine ----------------------------------------------------------
    reg                   w_busy_q;       // a burst's W beats are being taken
    reg [AXI_ID_BITS-1:0] w_id_q;
    reg [AW-1:0]          w_addr_q;       // the next beat's address
    reg [2:0]             w_size_q;
    reg [1:0]             w_burst_q;
    reg [AW-1:0]          w_wmask_q;      // WRAP: the wrap window - 1
    reg [8:0]             w_left_q;       // beats still to take
    reg [1:0]             w_resp_q;
    reg                   b_valid_q;
    reg [AXI_ID_BITS-1:0] b_id_q;
    reg [1:0]             b_resp_q;
    // the write buffer: one beat on its way into the controller
    reg                   wb_valid_q, wb_last_q;
    reg [ADDR_BITS-1:0]   wb_addr_q;
    reg [255:0]           wb_data_q;
    reg [31:0]            wb_strb_q;
    reg [ID_BITS-2:0]     w_tag_q;        // the next write request's id (low bits)

    // ---- read engine and reorder buffer ----------------------------------------
    reg                   r_busy_q;       // a burst's beats are being issued
    reg [AXI_ID_BITS-1:0] r_id_q;
    reg [AW-1:0]          r_addr_q;
    reg [2:0]             r_size_q;
    reg [1:0]             r_burst_q;
    reg [AW-1:0]          r_wmask_q;
    reg [8:0]             r_left_q;
    reg [1:0]             r_resp_q;
    reg [RB:0]            rob_head_q, rob_tail_q;   // with a wrap bit
    reg [ROB_DEPTH-1:0]   rob_done_q;
    reg [AXI_ID_BITS-1:0] rob_id_q   [0:ROB_DEPTH-1];
    reg                   rob_last_q [0:ROB_DEPTH-1];
    reg [1:0]             rob_resp_q [0:ROB_DEPTH-1];
    reg [ROB_DEPTH-1:0]   rob_err_q;      // the slot's read was flagged uncorrectable
    reg                   rv_valid_q;     // the R register
    reg [AXI_ID_BITS-1:0] rv_id_q;
    reg [1:0]             rv_resp_q;
    reg                   rv_last_q;
    reg                   prio_w_q;       // round robin: the write buffer first

    wire [RB-1:0] head = rob_head_q[RB-1:0];
    wire [RB-1:0] tail = rob_tail_q[RB-1:0];
    wire          rob_full  = rob_head_q == {~rob_tail_q[RB], rob_tail_q[RB-1:0]};
    wire          rob_empty = rob_head_q == rob_tail_q;

    // ---- the request port --------------------------------------------------------
    wire r_want = r_busy_q && r_resp_q == OKAY && !rob_full;   // a read beat for the controller
    wire grant_w = wb_valid_q && (!r_want || prio_w_q);
    wire grant_r = r_want && !grant_w;
    assign req_valid_o = grant_w || grant_r;
    assign req_write_o = grant_w;
    assign req_addr_o  = grant_w ? wb_addr_q : r_addr_q[ADDR_BITS-1:0] & ~{{(ADDR_BITS-5){1'b0}}, 5'h1f};
    assign req_id_o    = grant_w ? {1'b1, w_tag_q} : {{(ID_BITS-RB){1'b0}}, tail};
    assign req_wdata_o = wb_data_q;
    assign req_wstrb_o = grant_w ? wb_strb_q : 32'd0;
    wire   wb_go = grant_w && req_ready_i;
    wire   rd_go = grant_r && req_ready_i;
    // an error burst's read beat takes its slot without the controller
    wire   rd_err = r_busy_q && r_resp_q != OKAY && !rob_full;
    wire   rob_take = rd_go || rd_err;

    // ---- AXI handshakes ----------------------------------------------------------
    assign s_axi_awready = !w_busy_q && !b_valid_q;
    assign s_axi_wready  = w_busy_q && w_left_q != 9'd0 && (!wb_valid_q || wb_go);
    assign s_axi_bvalid  = b_valid_q;
    assign s_axi_bid     = b_id_q;
    assign s_axi_bresp   = b_resp_q;
    assign s_axi_arready = !r_busy_q;
    wire aw_go = s_axi_awvalid && s_axi_awready;
    wire w_go  = s_axi_wvalid && s_axi_wready;
    wire ar_go = s_axi_arvalid && s_axi_arready;
    wire w_ok  = w_resp_q == OKAY;
    wire w_end = w_go && w_left_q == 9'd1;      // the burst's last W beat

    always @(posedge clk_i) begin
        if (rst_i) begin
            w_busy_q   <= 1'b0;
            b_valid_q  <= 1'b0;
            wb_valid_q <= 1'b0;
            w_tag_q    <= {(ID_BITS-1){1'b0}};
            prio_w_q   <= 1'b0;
        end else begin
            if (aw_go) begin
                w_busy_q  <= 1'b1;
                w_id_q    <= s_axi_awid;
                w_addr_q  <= s_axi_awaddr;
                w_size_q  <= s_axi_awsize;
                w_burst_q <= s_axi_awburst;
                w_wmask_q <= (({{(AW-8){1'b0}}, s_axi_awlen} + 1'b1) << s_axi_awsize) - 1'b1;
                w_left_q  <= {1'b0, s_axi_awlen} + 9'd1;
                w_resp_q  <= burst_resp(s_axi_awaddr, s_axi_awlen, s_axi_awsize, s_axi_awburst);
            end
            if (w_go) begin
                w_addr_q <= next_addr(w_addr_q, w_size_q, w_burst_q, w_wmask_q);
                w_left_q <= w_left_q - 9'd1;
            end
            // an OKAY burst ends when the controller takes its last beat,
            // an error burst when its last W beat is dropped
            if ((wb_go && wb_last_q) || (w_end && !w_ok)) begin
                w_busy_q  <= 1'b0;
                b_valid_q <= 1'b1;
                b_id_q    <= w_id_q;
                b_resp_q  <= w_resp_q;
            end else if (s_axi_bready && b_valid_q) begin
                b_valid_q <= 1'b0;
            end
            if (w_go && w_ok) begin
                wb_valid_q <= 1'b1;
                wb_last_q  <= w_left_q == 9'd1;
                wb_addr_q  <= w_addr_q[ADDR_BITS-1:0] & ~{{(ADDR_BITS-5){1'b0}}, 5'h1f};
                wb_data_q  <= s_axi_wdata;
                wb_strb_q  <= s_axi_wstrb & lanes(w_addr_q[4:0], w_size_q);
            end else if (wb_go) begin
                wb_valid_q <= 1'b0;
            end
            if (wb_go)
                w_tag_q <= w_tag_q + 1'b1;
            if (wb_valid_q && r_want && req_ready_i)
                prio_w_q <= !grant_w;   // the other side goes first next time
        end
    end

    // ---- read engine -----------------------------------------------------------------
    // Responses fill their slots (every read has one; write responses are
    // dropped); the head slot, once filled, moves into the R register.
    assign resp_ready_o = 1'b1;
    wire          resp_rd   = resp_valid_i && !resp_write_i;
    wire [RB-1:0] resp_slot = resp_id_i[RB-1:0];
    wire          rob_move  = !rob_empty && rob_done_q[head] && (!rv_valid_q || s_axi_rready);
    always @(posedge clk_i) begin
        if (rst_i) begin
            r_busy_q   <= 1'b0;
            rob_head_q <= {(RB+1){1'b0}};
            rob_tail_q <= {(RB+1){1'b0}};
            rob_done_q <= {ROB_DEPTH{1'b0}};
        end else begin
            if (ar_go) begin
                r_busy_q  <= 1'b1;
                r_id_q    <= s_axi_arid;
                r_addr_q  <= s_axi_araddr;
                r_size_q  <= s_axi_arsize;
                r_burst_q <= s_axi_arburst;
                r_wmask_q <= (({{(AW-8){1'b0}}, s_axi_arlen} + 1'b1) << s_axi_arsize) - 1'b1;
                r_left_q  <= {1'b0, s_axi_arlen} + 9'd1;
                r_resp_q  <= burst_resp(s_axi_araddr, s_axi_arlen, s_axi_arsize, s_axi_arburst);
            end
            if (rob_take) begin
                r_addr_q   <= next_addr(r_addr_q, r_size_q, r_burst_q, r_wmask_q);
                r_left_q   <= r_left_q - 9'd1;
                rob_tail_q <= rob_tail_q + 1'b1;
                if (r_left_q == 9'd1)
                    r_busy_q <= 1'b0;
            end
            rob_done_q <= (rob_done_q | (rd_err ? {{(ROB_DEPTH-1){1'b0}}, 1'b1} << tail : {ROB_DEPTH{1'b0}})
                                      | (resp_rd ? {{(ROB_DEPTH-1){1'b0}}, 1'b1} << resp_slot : {ROB_DEPTH{1'b0}}))
                          & ~(rob_move ? {{(ROB_DEPTH-1){1'b0}}, 1'b1} << head : {ROB_DEPTH{1'b0}});
            if (rob_move)
                rob_head_q <= rob_head_q + 1'b1;
        end
        // A slot's beat answers SLVERR when its read came back uncorrectable.
        if (rst_i)
            rob_err_q <= {ROB_DEPTH{1'b0}};
        else
            rob_err_q <= (rob_err_q & ~(rob_take ? {{(ROB_DEPTH-1){1'b0}}, 1'b1} << tail : {ROB_DEPTH{1'b0}}))
                         | (resp_rd && resp_err_i ? {{(ROB_DEPTH-1){1'b0}}, 1'b1} << resp_slot : {ROB_DEPTH{1'b0}});
        if (rob_take) begin
            rob_id_q[tail]   <= r_id_q;
            rob_last_q[tail] <= r_left_q == 9'd1;
            rob_resp_q[tail] <= r_resp_q;
        end
    end

    // ---- the reorder buffer's data, and R ----------------------------------------------
    wire [255:0]  rob_rdata;
    hbm_ram #(.WIDTH(256), .DEPTH(ROB_DEPTH)) u_rob (
        .clk_i(clk_i), .rst_i(rst_i),
        .we_i(resp_rd), .waddr_i(resp_slot), .wdata_i(resp_rdata_i),
        .re_i(rob_move), .raddr_i(head), .rdata_o(rob_rdata));
    always @(posedge clk_i) begin
        if (rst_i)
            rv_valid_q <= 1'b0;
        else if (rob_move)
            rv_valid_q <= 1'b1;
        else if (s_axi_rready)
            rv_valid_q <= 1'b0;
        if (rob_move) begin
            rv_id_q   <= rob_id_q[head];
            rv_resp_q <= rob_err_q[head] && rob_resp_q[head] == OKAY ? SLVERR : rob_resp_q[head];
            rv_last_q <= rob_last_q[head];
        end
    end
    assign s_axi_rvalid = rv_valid_q;
    assign s_axi_rid    = rv_id_q;
    assign s_axi_rresp  = rv_resp_q;
    assign s_axi_rlast  = rv_last_q;
    assign s_axi_rdata  = rv_resp_q == OKAY ? rob_rdata : 256'd0;

    wire unused = ^{s_axi_awlock, s_axi_awcache, s_axi_awprot, s_axi_arlock, s_axi_arcache, s_axi_arprot,
                    s_axi_wlast, resp_id_i[ID_BITS-1:RB]};

`ifndef SYNTHESIS
    `HBM_ASSERT("WLAST marks the burst's last beat", !w_go || s_axi_wlast == (w_left_q == 9'd1))
    `HBM_ASSERT("a read response fills a slot that waits for it", !resp_rd || (!rob_done_q[resp_slot] &&
                !resp_id_i[ID_BITS-1]))
`endif
endmodule

`resetall
