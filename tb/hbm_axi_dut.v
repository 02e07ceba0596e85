// hbm_axi_dut - one pseudo-channel behind an AXI4 slave port with its
// device, no C around it: hbm_axi + hbm_ctrl + hbm_dev (the Verilog device
// model) for tests that drive AXI from outside (the cocotb test in
// tb/cocotb/, with cocotbext-axi's master) and for FPGA builds.
//
// Clocking: clk_i (the DRAM command clock: dfi_ratio 1), synchronous
// active-high rst_i.  Every parameter comes from the generated config
// header (hbm_cfg.vh on the include path) except the AXI widths and the
// device's window.  error_o: the device saw a protocol error (sticky).
`default_nettype none
`include "hbm_defs.vh"
`include "hbm_cfg.vh"

module hbm_axi_dut #(
    parameter integer AXI_ID_BITS     = 4,
    parameter integer AXI_ADDR_BITS   = 32,
    parameter integer ROB_DEPTH       = 64,
    parameter integer WINDOW_ROW_BITS = 3    // the device keeps 2^(4 + 3 + 5) bursts: 128 KiB
) (
    input  wire                     clk_i,
    input  wire                     rst_i,
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
    input  wire [255:0]             s_axi_wdata,
    input  wire [31:0]              s_axi_wstrb,
    input  wire                     s_axi_wlast,
    input  wire                     s_axi_wvalid,
    output wire                     s_axi_wready,
    output wire [AXI_ID_BITS-1:0]   s_axi_bid,
    output wire [1:0]               s_axi_bresp,
    output wire                     s_axi_bvalid,
    input  wire                     s_axi_bready,
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
    output wire [AXI_ID_BITS-1:0]   s_axi_rid,
    output wire [255:0]             s_axi_rdata,
    output wire [1:0]               s_axi_rresp,
    output wire                     s_axi_rlast,
    output wire                     s_axi_rvalid,
    input  wire                     s_axi_rready,
    output wire                     error_o
);
    localparam integer AB = `HBM_ADDR_BITS;
    localparam integer IB = `HBM_ID_BITS;

    generate
        if (`HBM_DFI_RATIO != 1) begin : gen_bad_ratio
            initial begin
                $display("%m: the Verilog device model runs at dfi_ratio 1, the config has %0d", `HBM_DFI_RATIO);
                $finish;
            end
            INVALID_PARAMETER_DFI_RATIO u_bad ();
        end
    endgenerate

    wire          req_valid, req_ready, req_write, resp_valid, resp_ready, resp_write, resp_fwd;
    wire [AB-1:0] req_addr;
    wire [IB-1:0] req_id, resp_id;
    wire [255:0]  req_wdata, resp_rdata;
    wire [31:0]   req_wstrb;

    hbm_axi #(
        .ADDR_BITS(AB), .ID_BITS(IB), .AXI_ID_BITS(AXI_ID_BITS), .AXI_ADDR_BITS(AXI_ADDR_BITS),
        .ROB_DEPTH(ROB_DEPTH)
    ) u_axi (
        .clk_i(clk_i), .rst_i(rst_i),
        .s_axi_awid(s_axi_awid), .s_axi_awaddr(s_axi_awaddr), .s_axi_awlen(s_axi_awlen),
        .s_axi_awsize(s_axi_awsize), .s_axi_awburst(s_axi_awburst), .s_axi_awlock(s_axi_awlock),
        .s_axi_awcache(s_axi_awcache), .s_axi_awprot(s_axi_awprot), .s_axi_awvalid(s_axi_awvalid),
        .s_axi_awready(s_axi_awready),
        .s_axi_wdata(s_axi_wdata), .s_axi_wstrb(s_axi_wstrb), .s_axi_wlast(s_axi_wlast),
        .s_axi_wvalid(s_axi_wvalid), .s_axi_wready(s_axi_wready),
        .s_axi_bid(s_axi_bid), .s_axi_bresp(s_axi_bresp), .s_axi_bvalid(s_axi_bvalid), .s_axi_bready(s_axi_bready),
        .s_axi_arid(s_axi_arid), .s_axi_araddr(s_axi_araddr), .s_axi_arlen(s_axi_arlen),
        .s_axi_arsize(s_axi_arsize), .s_axi_arburst(s_axi_arburst), .s_axi_arlock(s_axi_arlock),
        .s_axi_arcache(s_axi_arcache), .s_axi_arprot(s_axi_arprot), .s_axi_arvalid(s_axi_arvalid),
        .s_axi_arready(s_axi_arready),
        .s_axi_rid(s_axi_rid), .s_axi_rdata(s_axi_rdata), .s_axi_rresp(s_axi_rresp), .s_axi_rlast(s_axi_rlast),
        .s_axi_rvalid(s_axi_rvalid), .s_axi_rready(s_axi_rready),
        .req_valid_o(req_valid), .req_ready_i(req_ready), .req_addr_o(req_addr), .req_write_o(req_write),
        .req_id_o(req_id), .req_wdata_o(req_wdata), .req_wstrb_o(req_wstrb),
        .resp_valid_i(resp_valid), .resp_ready_o(resp_ready), .resp_id_i(resp_id),
        .resp_write_i(resp_write), .resp_rdata_i(resp_rdata), .resp_err_i(resp_err));

    wire [`HBM_CMD_BITS-1:0] row_cmd, col_cmd;
    wire [`HBM_BG_BITS-1:0]  row_bg, col_bg;
    wire [`HBM_BA_BITS-1:0]  row_ba, col_ba;
    wire [`HBM_ROW_BITS-1:0] row_addr;
    wire [`HBM_COL_BITS-1:0] col_addr;
    wire         wrdata_en, rddata_valid;
    wire [127:0] wrdata, rddata;
    wire [15:0]  wrdata_mask, dev_errors, dev_timing_errors;
    wire [`HBM_NEVENT-1:0] perf_events;
    wire [1:0]   perf_cause;
    wire [31:0]  bwmon_rdata;   // the monitor is tested in tb/unit/vbwmon.cpp and vhbm
    wire [15:0]  wrdata_ecc, rddata_ecc;   // check bits (the config's ecc; the device stores them)
    wire         resp_err, rmw_read;
    wire [95:0]  ecc_counts;

    hbm_ctrl u_ctrl (
        .clk_i(clk_i), .rst_i(rst_i),
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
        .RL_CK(`HBM_RL_CK), .WL_CK(`HBM_WL_CK), .WINDOW_ROW_BITS(WINDOW_ROW_BITS), .ECC(`HBM_ECC),
        `HBM_DEV_TIMING_PARAMS
    ) u_dev (
        .clk_i(clk_i), .rst_i(rst_i),
        .dfi_row_cmd(row_cmd), .dfi_row_bg(row_bg), .dfi_row_ba(row_ba), .dfi_row_addr(row_addr),
        .dfi_col_cmd(col_cmd), .dfi_col_bg(col_bg), .dfi_col_ba(col_ba), .dfi_col_addr(col_addr),
        .dfi_wrdata_en(wrdata_en), .dfi_wrdata(wrdata), .dfi_wrdata_mask(wrdata_mask),
        .dfi_wrdata_ecc(wrdata_ecc),
        .dfi_rddata_valid(rddata_valid), .dfi_rddata(rddata), .dfi_rddata_ecc(rddata_ecc),
        .error_o(error_o), .errors_o(dev_errors), .timing_errors_o(dev_timing_errors));

    wire unused = ^{resp_fwd, perf_cause, perf_events, dev_errors, dev_timing_errors, bwmon_rdata, rmw_read, ecc_counts};
endmodule

`resetall
