// hbm_bist_top - the self-test SoC: one pseudo-channel controller
// (hbm_ctrl) with the Verilog device model behind its DFI buses (hbm_dev,
// storage in block RAM), a traffic generator running hbmsim's workloads in
// hardware (hbm_bist_gen), a two-request buffer (hbm_bist_reqbuf), the
// request/response driver with its data check and latency statistics
// (hbm_bist_drive), command counters from the DFI
// buses (hbm_bist_counters), and a serial port (115200 8N1 by default)
// that takes commands (hbm_bist_cmd) and prints one JSON report line per
// run with hbmsim --json's field names (hbm_bist_report).  fpga/README.md
// has the block diagram, the register map and the serial format.
//
// A run (the `g` command, `n` or the button):
//   1. fill pass: the workload's own addresses, every request a write of
//      the pattern of its storage location and the seed, so every burst
//      the run reads holds a known value;
//   2. the controller and the device are reset (the device keeps its
//      storage), the generator restarts from the seed;
//   3. measured pass: the workload as hbmsim runs it (a request offered
//      the clock it exists, every response taken at once), from the
//      controller's first clock out of reset; every read is checked;
//   4. the report line: the measured pass's counts, equal to hbmsim's
//      for the same config, workload, request count and seed; its
//      protocol errors and timing violations are both passes' (the device
//      resets between them).
// A pass in which the controller leaves requests unanswered for 2^20
// clocks, or whose set-up (the generator, the request buffer) does not
// end in 2^20 clocks, is abandoned (the controller and the driver reset)
// with an error line.  Messages wait for the printer in a queue of MSG_DEPTH; one that
// finds it full is dropped and counted (the report's messages_dropped).
// LEDs: 0 heartbeat (about 1 Hz), 1 a run is in progress, 2 the last run
// passed (no data or protocol error, no timing violation), 3 some run
// failed since power-on, 6:4 the last run's workload (kind), 7 off.
//
// Clocking: one clock clk_i of CLK_HZ, the controller's (DFI ratio 1: the
// DRAM command clock); rst_i synchronous, active high (the board's
// power-on reset).  Every controller parameter comes from the generated
// config header (hbm_cfg.vh on the include path).
`default_nettype none
`include "hbm_defs.vh"
`include "hbm_cfg.vh"

module hbm_bist_top #(
    parameter integer CLK_HZ           = 50000000,   // clk_i's frequency
    parameter integer BAUD             = 115200,     // the serial port's bit rate
    parameter integer WINDOW_ROW_BITS  = 3,          // the device keeps 2^(banks + these + columns) bursts
    parameter integer DEFAULT_REQUESTS = 100000,     // requests of a run until register 3 is written
    parameter integer DEBOUNCE_CLKS    = CLK_HZ / 100  // the button is stable this long (10 ms)
) (
    input  wire       clk_i,
    input  wire       rst_i,
    input  wire       uart_rx_i,
    output wire       uart_tx_o,
    input  wire       button_i,    // active high: run the next workload
    output wire [7:0] led_o
);
    localparam integer AB = `HBM_ADDR_BITS;
    localparam integer IB = `HBM_ID_BITS;
    localparam integer CLKS_PER_BIT = (CLK_HZ + BAUD / 2) / BAUD;
    localparam [3:0] MSG_REPORT = 4'd0, MSG_HELP = 4'd1, MSG_BUSY = 4'd7, MSG_STUCK = 4'd8;
    localparam integer MSG_DEPTH = 4;      // messages waiting for the printer
    localparam integer STALL_BITS = 20;    // a pass is abandoned after 2^20 clocks without progress

    generate
        if (`HBM_DFI_RATIO != 1 || `HBM_ECC != 0 || CLKS_PER_BIT < 4 || DEBOUNCE_CLKS < 1 ||
            DEBOUNCE_CLKS > 16777215) begin : gen_bad
            initial begin
                $display("%m: the SoC runs the device model at dfi_ratio 1 without ECC (the config has %0d, %0d); CLK_HZ / BAUD = %0d must be at least 4, DEBOUNCE_CLKS = %0d 1..2^24-1",
                         `HBM_DFI_RATIO, `HBM_ECC, CLKS_PER_BIT, DEBOUNCE_CLKS);
                $finish;
            end
            INVALID_PARAMETER_BIST u_bad ();
        end
    endgenerate

    // ---- serial port and commands ----------------------------------------------
    wire       rx_valid;
    wire [7:0] rx_data, rx_frame_errors;
    wire       rx_error;
    hbm_uart_rx #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_rx (
        .clk_i(clk_i), .rst_i(rst_i), .rx_i(uart_rx_i),
        .valid_o(rx_valid), .data_o(rx_data), .frame_error_o(rx_error), .frame_errors_o(rx_frame_errors));

    // The button: two flip-flops, then stable for DEBOUNCE_CLKS, then a rising edge.
    reg        btn_q1, btn_q2, btn_stable_q, btn_prev_q;
    reg [23:0] btn_cnt_q;
    always @(posedge clk_i) begin
        btn_q1 <= button_i;
        btn_q2 <= btn_q1;
        if (rst_i) begin
            btn_stable_q <= 1'b0;
            btn_prev_q   <= 1'b0;
            btn_cnt_q    <= 24'd0;
        end else begin
            btn_prev_q <= btn_stable_q;
            if (btn_q2 == btn_stable_q)
                btn_cnt_q <= 24'd0;
            else if (btn_cnt_q == DEBOUNCE_CLKS[23:0] - 1'b1) begin
                btn_stable_q <= btn_q2;
                btn_cnt_q    <= 24'd0;
            end else
                btn_cnt_q <= btn_cnt_q + 1'b1;
        end
    end
    wire button_press = btn_stable_q && !btn_prev_q;

    wire [2:0]  reg_kind;
    wire [31:0] reg_p1, reg_p2, reg_requests;
    wire [63:0] reg_seed, err_arg;
    wire        go, help, err;
    wire [3:0]  err_msg;
    hbm_bist_cmd #(.ADDR_BITS(AB), .DEFAULT_REQUESTS(DEFAULT_REQUESTS)) u_cmd (
        .clk_i(clk_i), .rst_i(rst_i), .rx_valid_i(rx_valid), .rx_data_i(rx_data), .rx_error_i(rx_error),
        .next_i(button_press), .busy_i(state_q != S_IDLE),
        .kind_o(reg_kind), .param1_o(reg_p1), .param2_o(reg_p2), .requests_o(reg_requests), .seed_o(reg_seed),
        .go_o(go), .help_o(help), .err_o(err), .err_msg_o(err_msg), .err_arg_o(err_arg));

    // ---- the run's sequence ------------------------------------------------------
    localparam [2:0] S_BOOT = 3'd0, S_IDLE = 3'd1, S_FILL_SET = 3'd2, S_FILL = 3'd3,
                     S_RUN_SET = 3'd4, S_RUN = 3'd5, S_REPORT = 3'd6;
    reg  [2:0]  state_q;
    reg         run_q;          // the controller is out of reset
    reg  [2:0]  run_kind_q;     // the run's registers, taken at go
    reg  [31:0] run_p1_q, run_p2_q, run_requests_q;
    reg  [63:0] run_seed_q;
    reg         gen_start;
    wire        gen_ready, gen_done, gen_valid, gen_ready_in, gen_write;
    wire [AB-1:0] gen_addr;
    wire        buf_valid, buf_pop, buf_write, buf_full, buf_empty;
    wire [AB-1:0] buf_addr;
    wire        issued = gen_done && buf_empty;   // every request of the pass handed to the driver
    wire        primed = gen_ready && (buf_full || gen_done);
    wire        drive_ready, drive_idle;
    wire        rep_busy;
    reg         rep_start_q;
    reg  [3:0]  rep_msg_q;
    reg  [63:0] rep_arg_q;
    // the queue of messages for the printer
    reg  [3:0]  mq_msg [0:MSG_DEPTH-1];
    reg  [63:0] mq_arg [0:MSG_DEPTH-1];
    reg  [1:0]  mq_rd_q, mq_wr_q;
    reg  [2:0]  mq_count_q;
    reg  [15:0] dropped_q;
    reg         mq_push;        // this clock's message, if any
    reg  [3:0]  mq_push_msg;
    reg  [63:0] mq_push_arg;
    wire        mq_pop;
    reg         reported_q;     // S_REPORT: the report was started
    reg         passed_q, failed_q;
    reg  [15:0] prot_errors_q, timing_errors_q;   // the device's counts, both passes
    reg  [STALL_BITS:0] stall_q;    // clocks of a pass's set-up, or without a response while requests are outstanding
    reg         abort_q;           // abandon the pass: reset the controller and the driver
    reg         fill_order_q;      // the fill pass answered a request before its burst ended
    wire [IB:0] outstanding;       // the driver's requests not answered yet
    wire        clear = state_q == S_RUN_SET || state_q == S_IDLE;
    wire        fill = state_q == S_FILL_SET || state_q == S_FILL;

    wire [47:0] cycles, reads, writes, lat_sum, lat_max, lat_min, data_errors;
    wire [47:0] acts, precharges, refreshes, auto_precharges, row_hits, row_misses, row_conflicts, data_busy;
    wire        order_error, dev_error;
    wire [15:0] dev_errors, dev_timing_errors;
    wire        quiet;          // measured pass: every request handed out and answered
    wire        run_clean = data_errors == 48'd0 && prot_errors_q == 16'd0 && dev_errors == 16'd0 &&
                            timing_errors_q == 16'd0 && dev_timing_errors == 16'd0 && !order_error &&
                            !fill_order_q;

    // This clock's message: the commands' (help, an error, `g` while busy),
    // the hello after reset, or a pass abandoned (one at a time: the
    // commands give at most one a clock, and not in the hello's or an
    // abandon's clock but by chance; the commands' then wins).
    always @* begin
        mq_push     = 1'b0;
        mq_push_msg = MSG_HELP;
        mq_push_arg = err_arg;
        if (help || err || (go && state_q != S_IDLE)) begin
            mq_push     = 1'b1;
            mq_push_msg = help ? MSG_HELP : err ? err_msg : MSG_BUSY;
        end else if (state_q == S_BOOT && drive_ready) begin
            mq_push = 1'b1;
        end else if (stall_q[STALL_BITS] && !abort_q) begin
            mq_push     = 1'b1;
            mq_push_msg = MSG_STUCK;
            mq_push_arg = {{(63-IB){1'b0}}, outstanding};
        end
    end
    assign mq_pop = mq_count_q != 3'd0 && !rep_busy && !rep_start_q && state_q != S_REPORT;
    always @(posedge clk_i) begin
        if (rst_i) begin
            mq_rd_q    <= 2'd0;
            mq_wr_q    <= 2'd0;
            mq_count_q <= 3'd0;
            dropped_q  <= 16'd0;
        end else begin
            if (mq_push && mq_count_q != MSG_DEPTH[2:0]) begin
                mq_msg[mq_wr_q] <= mq_push_msg;
                mq_arg[mq_wr_q] <= mq_push_arg;
                mq_wr_q         <= mq_wr_q + 1'b1;
            end else if (mq_push && dropped_q != 16'hffff) begin
                dropped_q <= dropped_q + 1'b1;
            end
            if (mq_pop)
                mq_rd_q <= mq_rd_q + 1'b1;
            mq_count_q <= mq_count_q + {2'd0, mq_push && mq_count_q != MSG_DEPTH[2:0]} - {2'd0, mq_pop};
        end
    end

    always @(posedge clk_i) begin
        gen_start   <= 1'b0;
        rep_start_q <= 1'b0;
        abort_q     <= 1'b0;
        if (rst_i) begin
            state_q    <= S_BOOT;
            run_q      <= 1'b0;
            passed_q   <= 1'b0;
            failed_q   <= 1'b0;
            run_kind_q <= 3'd0;
            stall_q    <= {(STALL_BITS+1){1'b0}};
        end else begin
            // the watchdog: clocks of a pass without a response while requests wait
            // (or of a pass's set-up: the generator and the buffer not ready)
            if (!(state_q == S_FILL || state_q == S_RUN || state_q == S_FILL_SET || state_q == S_RUN_SET) ||
                ((state_q == S_FILL || state_q == S_RUN) && (quiet || resp_valid)))
                stall_q <= {(STALL_BITS+1){1'b0}};
            else if (!stall_q[STALL_BITS])
                stall_q <= stall_q + 1'b1;
            case (state_q)
                S_BOOT: if (drive_ready)   // the id list is full: say hello (queued above)
                    state_q <= S_IDLE;
                S_IDLE: if (go && drive_ready) begin
                    run_kind_q     <= reg_kind;
                    run_p1_q       <= reg_p1;
                    run_p2_q       <= reg_p2;
                    run_requests_q <= reg_requests;
                    run_seed_q     <= reg_seed;
                    gen_start      <= 1'b1;
                    passed_q       <= 1'b0;
                    state_q        <= S_FILL_SET;
                end
                S_FILL_SET: if (primed && !gen_start) begin
                    run_q   <= 1'b1;
                    state_q <= S_FILL;
                end
                S_FILL: if (issued && drive_idle) begin
                    // the device resets with the controller: its counts now
                    prot_errors_q   <= dev_errors;
                    timing_errors_q <= dev_timing_errors;
                    fill_order_q    <= order_error;
                    run_q     <= 1'b0;
                    gen_start <= 1'b1;
                    state_q   <= S_RUN_SET;
                end
                S_RUN_SET: if (primed && !gen_start) begin
                    run_q   <= 1'b1;
                    state_q <= S_RUN;
                end
                S_RUN: if (issued && drive_idle) begin
                    run_q      <= 1'b0;
                    reported_q <= 1'b0;
                    state_q    <= S_REPORT;
                    prot_errors_q   <= sat_add(prot_errors_q, dev_errors);
                    timing_errors_q <= sat_add(timing_errors_q, dev_timing_errors);
                    passed_q   <= run_clean;
                    failed_q   <= failed_q || !run_clean;
                end
                S_REPORT: begin
                    if (!rep_busy && !rep_start_q && !reported_q) begin
                        rep_start_q <= 1'b1;
                        rep_msg_q   <= MSG_REPORT;
                        reported_q  <= 1'b1;
                    end else if (reported_q && !rep_busy && !rep_start_q) begin
                        state_q <= S_IDLE;
                    end
                end
                default: state_q <= S_IDLE;
            endcase
            // a pass abandoned: reset the controller and the driver, back to idle
            if (stall_q[STALL_BITS] && (state_q == S_FILL || state_q == S_RUN ||
                                        state_q == S_FILL_SET || state_q == S_RUN_SET)) begin
                abort_q  <= 1'b1;
                run_q    <= 1'b0;
                failed_q <= 1'b1;
                state_q  <= S_IDLE;
            end
            // other messages when the printer is free (not the report's turn)
            if (mq_pop) begin
                rep_start_q <= 1'b1;
                rep_msg_q   <= mq_msg[mq_rd_q];
                rep_arg_q   <= mq_arg[mq_rd_q];
            end
        end
    end
    function [15:0] sat_add(input [15:0] a, input [15:0] b);
        reg [16:0] s;
        begin
            s = {1'b0, a} + {1'b0, b};
            sat_add = s[16] ? 16'hffff : s[15:0];
        end
    endfunction


    // ---- generator, driver, controller, device ------------------------------------
    hbm_bist_gen #(.ADDR_BITS(AB)) u_gen (
        .clk_i(clk_i), .rst_i(rst_i), .start_i(gen_start), .fill_i(fill),
        .kind_i(run_kind_q), .param1_i(run_p1_q), .param2_i(run_p2_q), .requests_i(run_requests_q),
        .seed_i(run_seed_q), .ready_o(gen_ready), .done_o(gen_done),
        .req_valid_o(gen_valid), .req_ready_i(gen_ready_in), .req_addr_o(gen_addr), .req_write_o(gen_write));

    // Two requests between the generator and the driver: the controller's
    // request handshake stops at the buffer's registers.  A pass starts
    // once the buffer is primed (above).
    hbm_bist_reqbuf #(.ADDR_BITS(AB)) u_buf (
        .clk_i(clk_i), .rst_i(rst_i || abort_q || gen_start),
        .in_valid_i(gen_valid), .in_ready_o(gen_ready_in), .in_addr_i(gen_addr), .in_write_i(gen_write),
        .out_valid_o(buf_valid), .out_pop_i(buf_pop), .out_addr_o(buf_addr), .out_write_o(buf_write),
        .full_o(buf_full), .empty_o(buf_empty));

    wire          req_valid, req_ready, req_write, resp_valid, resp_ready, resp_write, resp_fwd;
    wire [AB-1:0] req_addr;
    wire [IB-1:0] req_id, resp_id;
    wire [255:0]  req_wdata, resp_rdata;
    wire [31:0]   req_wstrb;
    wire [`HBM_CMD_BITS-1:0] row_cmd, col_cmd;
    wire [`HBM_BG_BITS-1:0]  row_bg, col_bg;
    wire [`HBM_BA_BITS-1:0]  row_ba, col_ba;
    wire [`HBM_ROW_BITS-1:0] row_addr;
    wire [`HBM_COL_BITS-1:0] col_addr;
    wire         wrdata_en, rddata_valid;
    wire [127:0] wrdata, rddata;
    wire [15:0]  wrdata_mask, wrdata_ecc, rddata_ecc;
    wire [`HBM_NEVENT-1:0] perf_events;
    wire [1:0]   perf_cause;
    wire [31:0]  bwmon_rdata;
    wire         resp_err, rmw_read;
    wire [95:0]  ecc_counts;
    wire         ctrl_rst = !run_q;

    hbm_bist_drive #(.WINDOW_ROW_BITS(WINDOW_ROW_BITS)) u_drive (
        .clk_i(clk_i), .rst_i(rst_i || abort_q), .ready_o(drive_ready), .clear_i(clear),
        .count_i(state_q == S_RUN), .run_i(run_q), .seed_i(run_seed_q),
        .gen_valid_i(buf_valid), .gen_ready_o(buf_pop), .gen_addr_i(buf_addr), .gen_write_i(buf_write),
        .req_valid_o(req_valid), .req_ready_i(req_ready), .req_addr_o(req_addr), .req_write_o(req_write),
        .req_id_o(req_id), .req_wdata_o(req_wdata), .req_wstrb_o(req_wstrb),
        .resp_valid_i(resp_valid), .resp_ready_o(resp_ready), .resp_id_i(resp_id), .resp_write_i(resp_write),
        .resp_rdata_i(resp_rdata), .resp_fwd_i(resp_fwd), .dfi_beat_i(wrdata_en || rddata_valid),
        .idle_o(drive_idle), .quiet_o(quiet), .outstanding_o(outstanding), .cycles_o(cycles), .reads_o(reads), .writes_o(writes),
        .lat_sum_o(lat_sum), .lat_max_o(lat_max), .lat_min_o(lat_min), .data_errors_o(data_errors),
        .order_error_o(order_error));

    hbm_ctrl u_ctrl (
        .clk_i(clk_i), .rst_i(ctrl_rst),
        .req_valid_i(req_valid), .req_ready_o(req_ready), .req_addr_i(req_addr),
        .req_write_i(req_write), .req_id_i(req_id), .req_wdata_i(req_wdata), .req_wstrb_i(req_wstrb),
        .resp_valid_o(resp_valid), .resp_ready_i(resp_ready), .resp_id_o(resp_id),
        .resp_write_o(resp_write), .resp_rdata_o(resp_rdata), .resp_fwd_o(resp_fwd),
        .dfi_row_cmd(row_cmd), .dfi_row_bg(row_bg), .dfi_row_ba(row_ba), .dfi_row_addr(row_addr),
        .dfi_col_cmd(col_cmd), .dfi_col_bg(col_bg), .dfi_col_ba(col_ba), .dfi_col_addr(col_addr),
        .dfi_wrdata_en(wrdata_en), .dfi_wrdata(wrdata), .dfi_wrdata_mask(wrdata_mask),
        .dfi_wrdata_ecc(wrdata_ecc),
        .dfi_rddata_valid(rddata_valid), .dfi_rddata(rddata), .dfi_rddata_ecc(rddata_ecc),
        .perf_col_cause_o(perf_cause),
        .perf_event_o(perf_events),
        .bwmon_addr_i({`HBM_BWMON_ADDR_BITS{1'b0}}), .bwmon_we_i(1'b0), .bwmon_wdata_i(32'd0),
        .bwmon_rdata_o(bwmon_rdata),
        .resp_err_o(resp_err), .ecc_corrected_o(ecc_counts[31:0]), .ecc_uncorrectable_o(ecc_counts[63:32]),
        .ecc_rmw_o(ecc_counts[95:64]), .ecc_rmw_read_o(rmw_read));

    hbm_dev #(
        .BG_BITS(`HBM_BG_BITS), .BA_BITS(`HBM_BA_BITS), .ROW_BITS(`HBM_ROW_BITS), .COL_BITS(`HBM_COL_BITS),
        .RL_CK(`HBM_RL_CK), .WL_CK(`HBM_WL_CK), .WINDOW_ROW_BITS(WINDOW_ROW_BITS), .ECC(0),
        `HBM_DEV_TIMING_PARAMS
    ) u_dev (
        .clk_i(clk_i), .rst_i(ctrl_rst),
        .dfi_row_cmd(row_cmd), .dfi_row_bg(row_bg), .dfi_row_ba(row_ba), .dfi_row_addr(row_addr),
        .dfi_col_cmd(col_cmd), .dfi_col_bg(col_bg), .dfi_col_ba(col_ba), .dfi_col_addr(col_addr),
        .dfi_wrdata_en(wrdata_en), .dfi_wrdata(wrdata), .dfi_wrdata_mask(wrdata_mask),
        .dfi_wrdata_ecc(wrdata_ecc),
        .dfi_rddata_valid(rddata_valid), .dfi_rddata(rddata), .dfi_rddata_ecc(rddata_ecc),
        .error_o(dev_error), .errors_o(dev_errors), .timing_errors_o(dev_timing_errors));

    // Commands are counted up to the clock of the last response, as hbmsim
    // counts them up to its last cycle.
    hbm_bist_counters #(.T_BURST_CK(`HBM_T_BURST_CK)) u_count (
        .clk_i(clk_i), .clear_i(clear), .count_i(state_q == S_RUN && !(issued && quiet)),
        .row_cmd_i(row_cmd), .col_cmd_i(col_cmd), .col_cause_i(perf_cause),
        .acts_o(acts), .precharges_o(precharges), .refreshes_o(refreshes),
        .auto_precharges_o(auto_precharges), .row_hits_o(row_hits), .row_misses_o(row_misses),
        .row_conflicts_o(row_conflicts), .data_busy_o(data_busy));

    // ---- the report ----------------------------------------------------------------
    wire       tx_valid, tx_ready;
    wire [7:0] tx_data;
    wire       rep_own = rep_msg_q == MSG_REPORT;   // the run's registers, else the register file's
    hbm_bist_report #(.ADDR_BITS(AB)) u_report (
        .clk_i(clk_i), .rst_i(rst_i), .start_i(rep_start_q), .msg_i(rep_msg_q), .busy_o(rep_busy),
        .kind_i(rep_own ? run_kind_q : reg_kind), .param1_i(rep_own ? run_p1_q : reg_p1),
        .param2_i(rep_own ? run_p2_q : reg_p2), .requests_i(run_requests_q), .seed_i(run_seed_q),
        .arg_i(rep_arg_q),
        .cycles_i(cycles), .reads_i(reads), .writes_i(writes), .lat_sum_i(lat_sum), .lat_max_i(lat_max),
        .lat_min_i(lat_min), .row_hits_i(row_hits), .row_misses_i(row_misses), .row_conflicts_i(row_conflicts),
        .acts_i(acts), .precharges_i(precharges), .auto_precharges_i(auto_precharges),
        .refreshes_i(refreshes), .data_busy_i(data_busy), .data_errors_i(data_errors),
        .protocol_errors_i(prot_errors_q), .timing_violations_i(timing_errors_q), .dropped_i(dropped_q),
        .out_valid_o(tx_valid), .out_data_o(tx_data), .out_ready_i(tx_ready));
    hbm_uart_tx #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_tx (
        .clk_i(clk_i), .rst_i(rst_i), .valid_i(tx_valid), .data_i(tx_data), .ready_o(tx_ready),
        .tx_o(uart_tx_o));

    // ---- LEDs --------------------------------------------------------------------------
    reg [31:0] beat_q;
    always @(posedge clk_i)
        if (rst_i || beat_q == CLK_HZ / 2 - 1)
            beat_q <= 32'd0;
        else
            beat_q <= beat_q + 1'b1;
    reg heart_q;
    always @(posedge clk_i)
        if (rst_i)
            heart_q <= 1'b0;
        else if (beat_q == 32'd0)
            heart_q <= !heart_q;
    assign led_o = {1'b0, run_kind_q, failed_q, passed_q, state_q != S_IDLE && state_q != S_BOOT, heart_q};


    wire unused = ^{perf_events, bwmon_rdata, rmw_read, ecc_counts, resp_err, rx_frame_errors, dev_error};
endmodule

`resetall
