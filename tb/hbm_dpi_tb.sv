// hbm_dpi_tb.sv - an SoC-style testbench around hbm_dpi_mem: a small
// traffic master in Verilog replays a Ramulator trace (LD/ST lines, the
// format hbmsim reads with --trace) into the memory, one request offered
// per cycle in file order, every response taken at once; write data is a
// pattern of the address, and each read of a burst this master wrote is
// checked against what it wrote last (+stream=N: N reads of consecutive
// bursts the master makes itself, the speed measurement's small master).  At the end it prints the model's
// report (hbmsim's, JSON) and raises done_o; error_o counts wrong reads and
// DPI failures.  hbmsim --trace on the same file gives the same cycles and
// statistics (make dpi-example compares them).
`default_nettype none

module hbm_dpi_tb #(
    parameter string CONFIG = "configs/hbm2_2000.ini",
    parameter string TRACE  = "build/dpi/example.trace",
    parameter int    IDS    = 256      // request ids the config takes (2^id_bits), handed out in turn
) (
    input  logic clk_i,
    input  logic rst_i,
    output logic done_o,
    output int   errors_o
);
    import "DPI-C" function int hbm_dpi_report(input int h, input string source, input int json);
    localparam int AB = 40, IB = 16;

    logic          req_valid, req_ready, req_write, resp_valid, resp_write, idle, hold;
    logic [AB-1:0] req_addr;
    logic [IB-1:0] req_id, resp_id;
    logic [255:0]  req_wdata, resp_rdata;
    int            status;

    hbm_dpi_mem #(.CONFIG(CONFIG), .ADDR_BITS(AB), .ID_BITS(IB)) u_mem (
        .clk_i(clk_i), .rst_i(rst_i), .hold_i(hold),
        .req_valid_i(req_valid), .req_ready_o(req_ready), .req_addr_i(req_addr), .req_write_i(req_write),
        .req_id_i(req_id), .req_wdata_i(req_wdata), .req_wstrb_i(32'hffff_ffff),
        .resp_valid_o(resp_valid), .resp_ready_i(1'b1), .resp_id_o(resp_id), .resp_write_o(resp_write),
        .resp_rdata_o(resp_rdata), .idle_o(idle), .status_o(status));

    // the trace
    int          fd, got, outstanding;
    logic [15:0] op;
    longint      addr;
    logic        eof;
    function automatic logic [255:0] pattern(input logic [31:0] a);
        return {8{a ^ 32'h9e37_79b9}};
    endfunction
    // the data each burst this master wrote holds, for checking reads
    logic [255:0] written [longint];
    logic [255:0] expect_q [IDS];
    logic         expect_valid [IDS];

    // fetch the next request into the request registers (the file is read
    // at once, in the edge that takes the last request: a testbench's
    // blocking reads)
    /* verilator lint_off BLKSEQ */
    task automatic fetch();
        if (stream_n > 0) begin   // +stream=N: N reads at 0, 32, 64, ... made here, no file
            got = stream_i < stream_n ? 2 : 0;
            op = "LD";
            addr = stream_i * 32;
            stream_i = stream_i + 1;
        end else
            got = $fscanf(fd, "%s %h\n", op, addr);
        if (got != 2) begin
            eof <= 1'b1;
            req_valid <= 1'b0;
        end else begin
            if (addr[63:AB] != '0)
                $display("hbm_dpi_tb: address %h is wider than the port's %0d bits", addr, AB);
            req_valid <= 1'b1;
            req_write <= op == "ST";
            req_addr  <= addr[AB-1:0] & ~40'h1f;
            req_wdata <= pattern(addr[31:0] & ~32'h1f);
        end
    endtask
    /* verilator lint_on BLKSEQ */

    // the trace: the parameter, or +trace=FILE on the command line; or
    // +stream=N, N reads of consecutive bursts made by the master itself
    string trace = TRACE;
    longint stream_n = 0, stream_i = 0;
    initial begin
        void'($value$plusargs("trace=%s", trace));
        void'($value$plusargs("stream=%d", stream_n));
        if (stream_n > 0)
            trace = "stream";
        if (stream_n > 0)
            fd = 1;   // no file
        else
            fd = $fopen(trace, "r");
        if (fd == 0)
            $display("hbm_dpi_tb: cannot read %s", trace);
    end

    // stop the model in the first cycle with nothing left to send or answer
    assign hold = rst_i || (eof && !req_valid && idle && outstanding == 0);

    logic primed = 1'b0;   // the first request is fetched in the first reset cycle, once
    always_ff @(posedge clk_i) begin
        if (rst_i) begin
            if (!primed) begin
                eof <= fd == 0;
                req_valid <= 1'b0;
                req_id <= '0;
                outstanding <= 0;
                done_o <= 1'b0;
                errors_o <= 0;
                primed <= 1'b1;
                if (fd != 0)
                    fetch();
            end
        end else if (!hold) begin
            if (req_valid && req_ready) begin
                // the shadow memory learns the request at once (it is read in this edge's code)
                /* verilator lint_off BLKSEQ */
                if (req_write)
                    written[longint'(req_addr)] = req_wdata;
                else begin
                    expect_valid[int'(req_id)] = written.num() != 0 && written.exists(longint'(req_addr)) != 0;
                    if (expect_valid[int'(req_id)])
                        expect_q[int'(req_id)] = written[longint'(req_addr)];
                end
                /* verilator lint_on BLKSEQ */
                req_id <= req_id == IB'(IDS - 1) ? '0 : req_id + 1'b1;   // fewer in flight than IDS
                outstanding <= outstanding + 1 - (resp_valid ? 1 : 0);
                fetch();
            end else begin
                outstanding <= outstanding - (resp_valid ? 1 : 0);
            end
            if (resp_valid && !resp_write && expect_valid[int'(resp_id)] && resp_rdata != expect_q[int'(resp_id)]) begin
                errors_o <= errors_o + 1;
                $display("hbm_dpi_tb: read id %0d returned the wrong data", resp_id);
            end
        end else if (!done_o && fd != 0 && status == 0) begin
            done_o <= 1'b1;
            void'(hbm_dpi_report(u_mem.h, trace, 1));
        end
        if (!rst_i && status != 0 && !done_o) begin   // a DPI call failed: the run ends, counted
            errors_o <= errors_o + 1;
            done_o <= 1'b1;
        end
    end
endmodule

`default_nettype wire
