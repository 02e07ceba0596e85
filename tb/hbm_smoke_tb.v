// hbm_smoke_tb - Icarus smoke test of the RTL with a small Verilog device.
//
// Writes 16 bursts (one with a partial byte mask) to locations spread over
// bank groups, banks and rows, reads them back and checks every byte, then
// checks that a never-written burst reads as zero; then reads the
// bandwidth monitor's byte counters through its register port (17 reads
// and 16 writes of 32 bytes).  The device is the
// project's Verilog device model (rtl/hbm_dev.v: a window of storage by
// bank, low row bits and column, data RL/WL clocks after the command,
// protocol errors fail the test); the full timing check lives in the
// Verilator lockstep (tb/vhbm.cpp).  Ends with "smoke: N passed, 0 failed"
// or $fatal.
`timescale 1ns / 1ps
`default_nettype none
`include "hbm_defs.vh"
`include "hbm_cfg.vh"

module hbm_smoke_tb;
    localparam integer AB = `HBM_ADDR_BITS;
    localparam integer IB = `HBM_ID_BITS;
    localparam integer RL = `HBM_RL_CK;
    localparam integer WL = `HBM_WL_CK;

    reg clk = 1'b0, rst = 1'b1;
    always #1 clk = !clk;
    // Watchdog: a controller that stops taking or answering requests fails
    // the test instead of hanging it (the whole test takes under 2000 clocks).
    initial begin
        #200000;
        $fatal(1, "smoke: no result after 100000 clocks");
    end

    reg           req_valid = 1'b0, req_write = 1'b0, resp_ready = 1'b1;
    reg  [AB-1:0] req_addr = {AB{1'b0}};
    reg  [IB-1:0] req_id = {IB{1'b0}};
    reg  [255:0]  req_wdata = 256'd0;
    reg  [31:0]   req_wstrb = 32'd0;
    wire          req_ready, resp_valid, resp_write;
    wire [IB-1:0] resp_id;
    wire [255:0]  resp_rdata;
    wire [`HBM_CMD_BITS-1:0] row_cmd, col_cmd;
    wire [`HBM_BG_BITS-1:0] row_bg, col_bg;
    wire [`HBM_BA_BITS-1:0] row_ba, col_ba;
    wire [`HBM_ROW_BITS-1:0] row_addr;
    wire [`HBM_COL_BITS-1:0] col_addr;
    wire          wrdata_en;
    wire [127:0]  wrdata;
    wire [15:0]   wrdata_mask;
    wire          rddata_valid;
    wire [127:0]  rddata;
    wire [`HBM_NEVENT-1:0] perf_events;
    wire [1:0]    perf_cause;
    reg  [`HBM_BWMON_ADDR_BITS-1:0] bwmon_addr = {`HBM_BWMON_ADDR_BITS{1'b0}};
    wire [31:0]   bwmon_rdata;
    wire          resp_fwd;      // a forwarded read's response (read-after-write)
    wire [15:0]   wrdata_ecc, rddata_ecc;   // ECC check bits (the preset's ecc)
    wire          resp_err, rmw_read;
    wire [95:0]   ecc_counts;

    hbm_ctrl dut (
        .clk_i(clk), .rst_i(rst),
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
        .bwmon_addr_i(bwmon_addr), .bwmon_we_i(1'b0), .bwmon_wdata_i(32'd0), .bwmon_rdata_o(bwmon_rdata),
        .resp_err_o(resp_err), .ecc_corrected_o(ecc_counts[31:0]), .ecc_uncorrectable_o(ecc_counts[63:32]),
        .ecc_rmw_o(ecc_counts[95:64]), .ecc_rmw_read_o(rmw_read));
    always @(posedge clk)
        if (resp_valid && resp_ready && resp_err)
            $fatal(1, "smoke: a response flagged uncorrectable with no fault injected");

    // ---- the device: the project's Verilog device model ----------------------
    wire          dev_error;
    wire [15:0]   dev_errors, dev_timing_errors;
    hbm_dev #(
        .BG_BITS(`HBM_BG_BITS), .BA_BITS(`HBM_BA_BITS), .ROW_BITS(`HBM_ROW_BITS), .COL_BITS(`HBM_COL_BITS),
        .RL_CK(RL), .WL_CK(WL), .WINDOW_ROW_BITS(3), .ECC(`HBM_ECC),
        `HBM_DEV_TIMING_PARAMS
    ) u_dev (
        .clk_i(clk), .rst_i(rst),
        .dfi_row_cmd(row_cmd), .dfi_row_bg(row_bg), .dfi_row_ba(row_ba), .dfi_row_addr(row_addr),
        .dfi_col_cmd(col_cmd), .dfi_col_bg(col_bg), .dfi_col_ba(col_ba), .dfi_col_addr(col_addr),
        .dfi_wrdata_en(wrdata_en), .dfi_wrdata(wrdata), .dfi_wrdata_mask(wrdata_mask),
        .dfi_wrdata_ecc(wrdata_ecc),
        .dfi_rddata_valid(rddata_valid), .dfi_rddata(rddata), .dfi_rddata_ecc(rddata_ecc),
        .error_o(dev_error), .errors_o(dev_errors), .timing_errors_o(dev_timing_errors));
    always @(posedge clk)
        if (dev_error)
            $fatal(1, "smoke: the device saw %0d protocol error(s) and %0d timing violation(s)", dev_errors,
                   dev_timing_errors);

    // ---- stimulus ---------------------------------------------------------
    reg [255:0] expect_data [0:16];
    reg [AB-1:0] addr_of [0:16];
    integer i, passed = 0, got = 0, acked = 0, timeout;

    function [255:0] pattern(input integer n);
        pattern = {8{32'hA5000000 | (n << 8) | n}} ^ {n[7:0], 248'h0};
    endfunction
    // Burst address of location n: spread over groups, banks, two rows and
    // columns (each field value put where the generated address map says).
    localparam [8*`HBM_ROW_BITS-1:0] ROW_SRC = `HBM_ROW_SRC;
    localparam [8*`HBM_BA_BITS-1:0]  BA_SRC  = `HBM_BANK_SRC;
    localparam [8*`HBM_BG_BITS-1:0]  BG_SRC  = `HBM_BANKGROUP_SRC;
    localparam [8*`HBM_COL_BITS-1:0] COL_SRC = `HBM_COLUMN_SRC;
    function [AB-1:0] location(input integer n);
        integer b;
        begin
            location = {AB{1'b0}};
            for (b = 0; b < `HBM_BG_BITS; b = b + 1) location[BG_SRC[8*b +: 8]] = (n % 4) >> b;
            for (b = 0; b < `HBM_BA_BITS; b = b + 1) location[BA_SRC[8*b +: 8]] = ((n / 4) % 4) >> b;
            for (b = 0; b < `HBM_COL_BITS; b = b + 1) location[COL_SRC[8*b +: 8]] = (n % 8) >> b;
            location[ROW_SRC[7:0]] = n % 2;
        end
    endfunction

    task send(input reg wr, input [AB-1:0] a, input [IB-1:0] id, input [255:0] d, input [31:0] strb);
        begin
            @(negedge clk);
            req_valid = 1'b1; req_write = wr; req_addr = a; req_id = id; req_wdata = d; req_wstrb = strb;
            @(posedge clk);
            while (!req_ready) @(posedge clk);
            @(negedge clk);
            req_valid = 1'b0;
        end
    endtask

    // A bandwidth monitor register: the address in one clock, the data after its edge.
    task check_bwmon(input [`HBM_BWMON_ADDR_BITS-1:0] a, input [31:0] want, input [8*16-1:0] name);
        begin
            @(negedge clk);
            bwmon_addr = a;
            @(negedge clk);
            if (bwmon_rdata !== want)
                $fatal(1, "smoke: bandwidth monitor %0s = %0d, expected %0d", name, bwmon_rdata, want);
            passed = passed + 1;
        end
    endtask

    always @(posedge clk)
        if (!rst && resp_valid && resp_ready && !resp_write) begin
            if (resp_rdata !== expect_data[resp_id])
                $fatal(1, "smoke: read id %0d returned %h, expected %h", resp_id, resp_rdata, expect_data[resp_id]);
            passed = passed + 1;
            got = got + 1;
        end
    always @(posedge clk)
        if (!rst && resp_valid && resp_ready && resp_write)
            acked = acked + 1;

    initial begin
        repeat (4) @(posedge clk);
        rst = 1'b0;
        for (i = 0; i < 16; i = i + 1) begin
            addr_of[i] = location(i);
            expect_data[i] = pattern(i);
            if (i == 5)  // a partial write: only the odd bytes
                expect_data[i] = pattern(i) & {16{16'hFF00}};
            send(1'b1, addr_of[i], i[IB-1:0], pattern(i), (i == 5) ? 32'hAAAAAAAA : 32'hFFFFFFFF);
        end
        for (i = 0; i < 16; i = i + 1)
            send(1'b0, addr_of[i], i[IB-1:0], 256'd0, 32'd0);
        expect_data[16] = 256'd0;    // never written
        send(1'b0, location(16) | ({{(AB-1){1'b0}}, 1'b1} << ROW_SRC[23:16]), 16, 256'd0, 32'd0);
        timeout = 0;
        while (got < 17 && timeout < 5000) begin
            @(posedge clk);
            timeout = timeout + 1;
        end
        if (got != 17)
            $fatal(1, "smoke: only %0d of 17 reads answered", got);
        while (acked < 16 && timeout < 10000) begin   // reads may be answered before the writes drain
            @(posedge clk);
            timeout = timeout + 1;
        end
        check_bwmon(`HBM_BWMON_READ_LO, 17 * 32, "read bytes");
        check_bwmon(`HBM_BWMON_WRITE_LO, 16 * 32, "write bytes");
        $display("smoke: %0d passed, 0 failed", passed);
        $finish;
    end
endmodule

`resetall
