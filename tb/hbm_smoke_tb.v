// hbm_smoke_tb - Icarus smoke test of the RTL with a small Verilog device.
//
// Writes 16 bursts (one with a partial byte mask) to locations spread over
// bank groups, banks and rows, reads them back and checks every byte, then
// checks that a never-written burst reads as zero.  The device stub below
// keeps data for the locations it is given (a small array indexed by bank,
// low row bits and column) and answers RD with data RL clocks later; the
// full timing check lives in the Verilator lockstep (tb/vhbm.cpp).  Ends
// with "smoke: N passed, 0 failed" or $fatal.
`timescale 1ns / 1ps
`default_nettype none
`include "hbm_defs.vh"
`include "hbm_cfg.vh"

module hbm_smoke_tb;
    localparam integer AB = `HBM_ADDR_BITS;
    localparam integer IB = `HBM_ID_BITS;
    localparam integer BB = `HBM_BG_BITS + `HBM_BA_BITS;
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
    reg           rddata_valid = 1'b0;
    reg  [127:0]  rddata = 128'd0;
    wire [1:0]    perf_cause;
    wire          resp_fwd;      // a forwarded read's response (read-after-write)

    hbm_ctrl dut (
        .clk_i(clk), .rst_i(rst),
        .req_valid_i(req_valid), .req_ready_o(req_ready), .req_addr_i(req_addr),
        .req_write_i(req_write), .req_id_i(req_id), .req_wdata_i(req_wdata), .req_wstrb_i(req_wstrb),
        .resp_valid_o(resp_valid), .resp_ready_i(resp_ready), .resp_id_o(resp_id),
        .resp_write_o(resp_write), .resp_rdata_o(resp_rdata), .resp_fwd_o(resp_fwd),
        .dfi_row_cmd(row_cmd), .dfi_row_bg(row_bg), .dfi_row_ba(row_ba), .dfi_row_addr(row_addr),
        .dfi_col_cmd(col_cmd), .dfi_col_bg(col_bg), .dfi_col_ba(col_ba), .dfi_col_addr(col_addr),
        .dfi_wrdata_en(wrdata_en), .dfi_wrdata(wrdata), .dfi_wrdata_mask(wrdata_mask),
        .dfi_rddata_valid(rddata_valid), .dfi_rddata(rddata),
        .perf_col_cause_o(perf_cause));

    // ---- device stub: open rows, storage, RL/WL data timing ----------------
    reg [`HBM_ROW_BITS-1:0] open_row [0:(1<<BB)-1];
    reg [255:0] mem [0:(1 << (BB + 4 + `HBM_COL_BITS)) - 1];
    reg [BB+4+`HBM_COL_BITS-1:0] rd_at [0:255];   // location of a read burst starting at cycle t
    reg                          rd_go [0:255];
    reg [BB+4+`HBM_COL_BITS-1:0] wr_at [0:255];
    reg                          wr_go [0:255];
    reg [7:0]                    cyc = 8'd0;
    reg [BB+4+`HBM_COL_BITS-1:0] cur_loc;
    reg                          cur_rd, cur_wr;
    integer k;
    initial begin
        for (k = 0; k < (1 << (BB + 4 + `HBM_COL_BITS)); k = k + 1) mem[k] = 256'd0;
        for (k = 0; k < 256; k = k + 1) begin rd_go[k] = 1'b0; wr_go[k] = 1'b0; end
        cur_rd = 1'b0;
        cur_wr = 1'b0;
    end
    // Ring slots of a burst's first data clock, 8 bits wide so they wrap
    // (an index written as cyc + RL may be evaluated wider, past the ring).
    wire [7:0] rd_slot = cyc + RL[7:0];
    wire [7:0] wr_slot = cyc + WL[7:0];
    wire [BB-1:0] cbank = {col_bg, col_ba};
    wire [BB+4+`HBM_COL_BITS-1:0] cloc = {cbank, open_row[cbank][3:0], col_addr};
    always @(posedge clk) begin
        if (!rst) begin
            cyc <= cyc + 8'd1;
            if (row_cmd == `HBM_CMD_ACT)
                open_row[{row_bg, row_ba}] <= row_addr;
            if (col_cmd == `HBM_CMD_RD || col_cmd == `HBM_CMD_RDA) begin
                rd_go[rd_slot] <= 1'b1;
                rd_at[rd_slot] <= cloc;
            end
            if (col_cmd == `HBM_CMD_WR || col_cmd == `HBM_CMD_WRA) begin
                wr_go[wr_slot] <= 1'b1;
                wr_at[wr_slot] <= cloc;
            end
            // second word of a burst that started last cycle
            if (cur_wr)
                for (k = 0; k < 16; k = k + 1)
                    if (!wrdata_mask[k]) mem[cur_loc][128 + 8*k +: 8] <= wrdata[8*k +: 8];
            cur_rd <= rd_go[cyc];
            cur_wr <= wr_go[cyc];
            cur_loc <= rd_go[cyc] ? rd_at[cyc] : wr_at[cyc];
            if (wr_go[cyc]) begin
                if (!wrdata_en) $fatal(1, "smoke: write data missing at %0t", $time);
                for (k = 0; k < 16; k = k + 1)
                    if (!wrdata_mask[k]) mem[wr_at[cyc]][8*k +: 8] <= wrdata[8*k +: 8];
            end
            rd_go[cyc] <= 1'b0;
            wr_go[cyc] <= 1'b0;
        end
    end
    // read data: first word in the cycle a burst starts, second in the next
    always @* begin
        rddata_valid = rd_go[cyc] || cur_rd;
        rddata = rd_go[cyc] ? mem[rd_at[cyc]][127:0] : mem[cur_loc][255:128];
    end

    // ---- stimulus ---------------------------------------------------------
    reg [255:0] expect_data [0:16];
    reg [AB-1:0] addr_of [0:16];
    integer i, passed = 0, got = 0, timeout;

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

    always @(posedge clk)
        if (!rst && resp_valid && resp_ready && !resp_write) begin
            if (resp_rdata !== expect_data[resp_id])
                $fatal(1, "smoke: read id %0d returned %h, expected %h", resp_id, resp_rdata, expect_data[resp_id]);
            passed = passed + 1;
            got = got + 1;
        end

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
        $display("smoke: %0d passed, 0 failed", passed);
        $finish;
    end
endmodule

`resetall
