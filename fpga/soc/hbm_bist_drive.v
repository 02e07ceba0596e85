// hbm_bist_drive - the self-test SoC's request and response ports: takes
// the traffic generator's requests to the controller and its responses
// back, as hbmsim's driver does (sim/hbm_drive.c, no back-pressure): a
// request is offered the clock the generator has it, every response is
// taken the clock it is offered.
//
// Owns:
//   - request ids: a free list of all 2^ID_BITS ids (filled after rst_i,
//     ready_o then), one taken per request, given back by its response;
//   - write data: the pattern (hbm_bist_pattern) of the burst's storage
//     location in the device (its bank, the low WINDOW_ROW_BITS bits of its
//     row and its column, from hbm_addr_map) and the seed, all bytes enabled;
//   - the read check: every read response against the pattern of the
//     location its request named (data_errors_o);
//   - the run's statistics as hbmsim counts them (model/hbm_stats.c):
//     requests completed, and the latency of each read, from its request's
//     handshake to the clock its burst's last beat was on the DFI data bus
//     (bursts end in the order their responses are queued; a read answered
//     from a queued write has latency 0), its sum, minimum and maximum;
//     cycles_o is the clock after the last response, hbmsim's cycle count.
// Clocking: clk_i, synchronous active-high rst_i (power-on: refills the
// free list); clear_i zeroes the statistics and the clock count (the SoC
// raises it while the controller is held in reset before a pass), count_i
// says the pass is measured.  Responses are checked two clocks after their
// handshake; idle_o: nothing outstanding, nothing being checked.
`default_nettype none
`include "hbm_cfg.vh"

module hbm_bist_drive #(
    parameter integer ADDR_BITS       = `HBM_ADDR_BITS,
    parameter integer ID_BITS         = `HBM_ID_BITS,
    parameter integer BG_BITS         = `HBM_BG_BITS,
    parameter integer BA_BITS         = `HBM_BA_BITS,
    parameter integer ROW_BITS        = `HBM_ROW_BITS,
    parameter integer COL_BITS        = `HBM_COL_BITS,
    parameter [8*ROW_BITS-1:0] ROW_SRC       = `HBM_ROW_SRC,
    parameter [8*BA_BITS-1:0]  BANK_SRC      = `HBM_BANK_SRC,
    parameter [8*BG_BITS-1:0]  BANKGROUP_SRC = `HBM_BANKGROUP_SRC,
    parameter [8*COL_BITS-1:0] COLUMN_SRC    = `HBM_COLUMN_SRC,
    parameter integer ADDRESS_XOR     = `HBM_ADDRESS_XOR,
    parameter integer T_BURST_CK      = `HBM_T_BURST_CK,
    parameter integer WINDOW_ROW_BITS = 3    // the device's window (hbm_dev)
) (
    input  wire                 clk_i,
    input  wire                 rst_i,
    output wire                 ready_o,       // the free list is full: requests may flow
    input  wire                 clear_i,
    input  wire                 count_i,
    input  wire                 run_i,         // the controller runs (out of reset): clocks count
    input  wire [63:0]          seed_i,
    // the generator's requests
    input  wire                 gen_valid_i,
    output wire                 gen_ready_o,
    input  wire [ADDR_BITS-1:0] gen_addr_i,
    input  wire                 gen_write_i,
    // the controller's ports
    output wire                 req_valid_o,
    input  wire                 req_ready_i,
    output wire [ADDR_BITS-1:0] req_addr_o,
    output wire                 req_write_o,
    output wire [ID_BITS-1:0]   req_id_o,
    output wire [255:0]         req_wdata_o,
    output wire [31:0]          req_wstrb_o,
    input  wire                 resp_valid_i,
    output wire                 resp_ready_o,
    input  wire [ID_BITS-1:0]   resp_id_i,
    input  wire                 resp_write_i,
    input  wire [255:0]         resp_rdata_i,
    input  wire                 resp_fwd_i,
    input  wire                 dfi_beat_i,    // a data word on either DFI data bus this clock
    // results
    output wire                 idle_o,
    output wire                 quiet_o,       // nothing outstanding (responses may still be checked)
    output wire [ID_BITS:0]     outstanding_o, // requests taken and not answered
    output reg  [47:0]          cycles_o,
    output reg  [47:0]          reads_o,
    output reg  [47:0]          writes_o,
    output reg  [47:0]          lat_sum_o,
    output reg  [47:0]          lat_max_o,
    output reg  [47:0]          lat_min_o,     // all ones before the first read
    output reg  [47:0]          data_errors_o,
    output reg                  order_error_o  // a response came before any burst ended, or the
                                               // burst-end FIFO overflowed (until clear_i)
);
    localparam integer BANK_BITS = BG_BITS + BA_BITS;
    localparam integer LOC_BITS  = BANK_BITS + WINDOW_ROW_BITS + COL_BITS;
    localparam integer IDS       = 1 << ID_BITS;
    localparam integer EB        = 5;   // burst-end FIFO: 32 entries

    generate
        if (ID_BITS < 2 || ID_BITS > 10 || WINDOW_ROW_BITS < 1 || WINDOW_ROW_BITS > ROW_BITS ||
            T_BURST_CK < 1 || T_BURST_CK > 8) begin : gen_bad
            initial begin
                $display("%m: ID_BITS = %0d must be 2..10, WINDOW_ROW_BITS = %0d 1..ROW_BITS, T_BURST_CK = %0d 1..8",
                         ID_BITS, WINDOW_ROW_BITS, T_BURST_CK);
                $finish;
            end
            INVALID_PARAMETER_DRIVE u_bad ();
        end
    endgenerate

    reg [47:0] cyc_q;   // the controller's clock since its reset (hbmsim's `now`)
    always @(posedge clk_i)
        if (clear_i)
            cyc_q <= 48'd0;
        else if (run_i)
            cyc_q <= cyc_q + 1'b1;

    // ---- the free list of ids ---------------------------------------------
    reg [ID_BITS-1:0] free_mem [0:IDS-1];
    reg [ID_BITS:0]   free_rd_q, free_wr_q;   // count = wr - rd
    reg [ID_BITS:0]   init_q;                 // ids written after reset
    wire              init_done = init_q[ID_BITS];
    wire              free_any = free_wr_q != free_rd_q;
    wire              accept = req_valid_o && req_ready_i;
    wire              take_resp = resp_valid_i;   // always ready
    always @(posedge clk_i) begin
        if (rst_i) begin
            init_q    <= {(ID_BITS+1){1'b0}};
            free_rd_q <= {(ID_BITS+1){1'b0}};
            free_wr_q <= {(ID_BITS+1){1'b0}};
        end else if (!init_done) begin
            free_mem[init_q[ID_BITS-1:0]] <= init_q[ID_BITS-1:0];
            init_q    <= init_q + 1'b1;
            free_wr_q <= free_wr_q + 1'b1;
        end else begin
            if (accept)
                free_rd_q <= free_rd_q + 1'b1;
            if (take_resp) begin
                free_mem[free_wr_q[ID_BITS-1:0]] <= resp_id_i;
                free_wr_q <= free_wr_q + 1'b1;
            end
        end
    end
    assign ready_o = init_done;

    // ---- requests ---------------------------------------------------------
    wire [BG_BITS-1:0]  m_bg;
    wire [BA_BITS-1:0]  m_ba;
    wire [ROW_BITS-1:0] m_row;
    wire [COL_BITS-1:0] m_col;
    hbm_addr_map #(
        .ADDR_BITS(ADDR_BITS), .BG_BITS(BG_BITS), .BA_BITS(BA_BITS), .ROW_BITS(ROW_BITS),
        .COL_BITS(COL_BITS), .ROW_SRC(ROW_SRC), .BANK_SRC(BANK_SRC), .BANKGROUP_SRC(BANKGROUP_SRC),
        .COLUMN_SRC(COLUMN_SRC), .ADDRESS_XOR(ADDRESS_XOR)
    ) u_map (
        .addr_i(gen_addr_i), .bg_o(m_bg), .ba_o(m_ba), .row_o(m_row), .col_o(m_col)
    );
    wire [LOC_BITS-1:0] req_loc = {m_bg, m_ba, m_row[WINDOW_ROW_BITS-1:0], m_col};
    hbm_bist_pattern #(.LOC_BITS(LOC_BITS)) u_wpat (.loc_i(req_loc), .seed_i(seed_i), .data_o(req_wdata_o));

    assign req_valid_o = gen_valid_i && init_done && free_any && run_i;
    assign gen_ready_o = req_ready_i && init_done && free_any && run_i;
    assign req_addr_o  = gen_addr_i;
    assign req_write_o = gen_write_i;
    assign req_id_o    = free_mem[free_rd_q[ID_BITS-1:0]];
    assign req_wstrb_o = 32'hffffffff;
    assign resp_ready_o = 1'b1;

    // Per id: the request's handshake clock and its location.
    reg [47:0]         tbl_stamp [0:IDS-1];
    reg [LOC_BITS-1:0] tbl_loc   [0:IDS-1];
    reg [47:0]         rd_stamp_q;
    reg [LOC_BITS-1:0] rd_loc_q;
    always @(posedge clk_i) begin
        if (accept) begin
            tbl_stamp[req_id_o] <= cyc_q;
            tbl_loc[req_id_o]   <= req_loc;
        end
        rd_stamp_q <= tbl_stamp[resp_id_i];
        rd_loc_q   <= tbl_loc[resp_id_i];
    end

    // ---- bursts' ends on the data buses, oldest first ------------------------
    reg [47:0] end_mem [0:(1 << EB)-1];
    reg [EB:0] end_rd_q, end_wr_q;
    reg [2:0]  beat_q;
    localparam integer LAST_BEAT_I = T_BURST_CK - 1;
    localparam [2:0]   LAST_BEAT = LAST_BEAT_I[2:0];
    wire       burst_end = dfi_beat_i && beat_q == LAST_BEAT;
    wire       end_any = end_rd_q != end_wr_q;
    wire       end_pop = take_resp && !resp_fwd_i && end_any;
    always @(posedge clk_i) begin
        if (clear_i) begin
            beat_q   <= 3'd0;
            end_rd_q <= {(EB+1){1'b0}};
            end_wr_q <= {(EB+1){1'b0}};
        end else begin
            if (dfi_beat_i)
                beat_q <= burst_end ? 3'd0 : beat_q + 1'b1;
            if (burst_end) begin
                end_mem[end_wr_q[EB-1:0]] <= cyc_q;
                end_wr_q <= end_wr_q + 1'b1;
            end
            if (end_pop)
                end_rd_q <= end_rd_q + 1'b1;
        end
    end

    // ---- responses: latency and data, a clock after the handshake -----------
    reg         r1_valid_q, r1_write_q, r1_fwd_q;
    reg [47:0]  r1_done_q;
    reg [255:0] r1_data_q;
    reg         r2_bad_q;
    reg [ID_BITS:0] outstanding_q;
    wire [LOC_BITS-1:0] exp_loc = rd_loc_q;
    wire [255:0] expected;
    hbm_bist_pattern #(.LOC_BITS(LOC_BITS)) u_rpat (.loc_i(exp_loc), .seed_i(seed_i), .data_o(expected));
    wire [47:0] latency = r1_fwd_q ? 48'd0 : r1_done_q - rd_stamp_q;
    always @(posedge clk_i) begin
        r1_valid_q <= take_resp;
        r1_write_q <= resp_write_i;
        r1_fwd_q   <= resp_fwd_i;
        r1_done_q  <= end_mem[end_rd_q[EB-1:0]];
        r1_data_q  <= resp_rdata_i;
        r2_bad_q   <= r1_valid_q && !r1_write_q && r1_data_q != expected;
        if (rst_i) begin
            outstanding_q <= {(ID_BITS+1){1'b0}};
            order_error_o <= 1'b0;
        end else begin
            outstanding_q <= outstanding_q + {{ID_BITS{1'b0}}, accept} - {{ID_BITS{1'b0}}, take_resp};
            if ((take_resp && !resp_fwd_i && !end_any) ||
                (burst_end && end_wr_q == {~end_rd_q[EB], end_rd_q[EB-1:0]} && !end_pop))
                order_error_o <= 1'b1;
            if (clear_i)
                order_error_o <= 1'b0;
        end
        if (clear_i) begin
            cycles_o      <= 48'd0;
            reads_o       <= 48'd0;
            writes_o      <= 48'd0;
            lat_sum_o     <= 48'd0;
            lat_max_o     <= 48'd0;
            lat_min_o     <= {48{1'b1}};
            data_errors_o <= 48'd0;
            r1_valid_q    <= 1'b0;
            r2_bad_q      <= 1'b0;
        end else begin
            if (take_resp && count_i)
                cycles_o <= cyc_q + 1'b1;
            if (r1_valid_q && count_i) begin
                if (r1_write_q) begin
                    writes_o <= writes_o + 1'b1;
                end else begin
                    reads_o   <= reads_o + 1'b1;
                    lat_sum_o <= lat_sum_o + latency;
                    if (latency > lat_max_o)
                        lat_max_o <= latency;
                    if (latency < lat_min_o)
                        lat_min_o <= latency;
                end
            end
            if (r2_bad_q)
                data_errors_o <= data_errors_o + 1'b1;
        end
    end
    assign idle_o  = outstanding_q == 0 && !r1_valid_q && !r2_bad_q;
    assign quiet_o = outstanding_q == 0;
    assign outstanding_o = outstanding_q;

    wire unused = ^{m_row[ROW_BITS-1:WINDOW_ROW_BITS], resp_ready_o};
endmodule

`resetall
