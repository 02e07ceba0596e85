// hbm_stack - the top an SoC instantiates: PORTS AXI4 slave ports (one
// hbm_axi front end each), the switch (hbm_switch) and PCS pseudo-channel
// controllers (hbm_ctrl), each with its DFI buses to one pseudo-channel.
// Sizes and the switch come from the generated header (configs/*.ini,
// [structure] pseudo_channels and [stack]); the C twin is
// model/hbm_stack.c, compared every cycle by vstack.
//
// Ports: verilog-axi's naming, each signal the concatenation of the ports'
// (port p at [p*W +: W]); the DFI buses and the performance outputs the
// concatenation of the pseudo-channels' (pseudo-channel n at [n*W +: W]), and so
// are the bandwidth monitors' register ports (bwmon_*, hbm_ctrl's).
// Addresses: with switch = crossbar every port addresses the whole stack
// (PCS x capacity bytes, interleaved as hbm_switch describes); with switch
// = none port p addresses pseudo-channel p alone.  Beyond that: DECERR.
//
// Clocking: clk_i (the controller clock), synchronous active-high rst_i.
`default_nettype none
`include "hbm_defs.vh"
`include "hbm_cfg.vh"

module hbm_stack #(
    parameter integer PORTS         = `HBM_PORTS,
    parameter integer PCS           = `HBM_PSEUDO_CHANNELS,
    parameter integer AXI_ID_BITS   = 4,
    parameter integer AXI_ADDR_BITS = `HBM_PORT_ADDR_BITS < 32 ? 32 : `HBM_PORT_ADDR_BITS,
    parameter integer DFI_RATIO     = `HBM_DFI_RATIO
) (
    input  wire                           clk_i,
    input  wire                           rst_i,
    // AXI4 slave ports
    input  wire [PORTS*AXI_ID_BITS-1:0]   s_axi_awid,
    input  wire [PORTS*AXI_ADDR_BITS-1:0] s_axi_awaddr,
    input  wire [PORTS*8-1:0]             s_axi_awlen,
    input  wire [PORTS*3-1:0]             s_axi_awsize,
    input  wire [PORTS*2-1:0]             s_axi_awburst,
    input  wire [PORTS-1:0]               s_axi_awlock,
    input  wire [PORTS*4-1:0]             s_axi_awcache,
    input  wire [PORTS*3-1:0]             s_axi_awprot,
    input  wire [PORTS-1:0]               s_axi_awvalid,
    output wire [PORTS-1:0]               s_axi_awready,
    input  wire [PORTS*256-1:0]           s_axi_wdata,
    input  wire [PORTS*32-1:0]            s_axi_wstrb,
    input  wire [PORTS-1:0]               s_axi_wlast,
    input  wire [PORTS-1:0]               s_axi_wvalid,
    output wire [PORTS-1:0]               s_axi_wready,
    output wire [PORTS*AXI_ID_BITS-1:0]   s_axi_bid,
    output wire [PORTS*2-1:0]             s_axi_bresp,
    output wire [PORTS-1:0]               s_axi_bvalid,
    input  wire [PORTS-1:0]               s_axi_bready,
    input  wire [PORTS*AXI_ID_BITS-1:0]   s_axi_arid,
    input  wire [PORTS*AXI_ADDR_BITS-1:0] s_axi_araddr,
    input  wire [PORTS*8-1:0]             s_axi_arlen,
    input  wire [PORTS*3-1:0]             s_axi_arsize,
    input  wire [PORTS*2-1:0]             s_axi_arburst,
    input  wire [PORTS-1:0]               s_axi_arlock,
    input  wire [PORTS*4-1:0]             s_axi_arcache,
    input  wire [PORTS*3-1:0]             s_axi_arprot,
    input  wire [PORTS-1:0]               s_axi_arvalid,
    output wire [PORTS-1:0]               s_axi_arready,
    output wire [PORTS*AXI_ID_BITS-1:0]   s_axi_rid,
    output wire [PORTS*256-1:0]           s_axi_rdata,
    output wire [PORTS*2-1:0]             s_axi_rresp,
    output wire [PORTS-1:0]               s_axi_rlast,
    output wire [PORTS-1:0]               s_axi_rvalid,
    input  wire [PORTS-1:0]               s_axi_rready,
    // DFI, per pseudo-channel (hbm_ctrl's buses)
    output wire [PCS*DFI_RATIO*`HBM_CMD_BITS-1:0] dfi_row_cmd,
    output wire [PCS*`HBM_BG_BITS-1:0]            dfi_row_bg,
    output wire [PCS*`HBM_BA_BITS-1:0]            dfi_row_ba,
    output wire [PCS*`HBM_ROW_BITS-1:0]           dfi_row_addr,
    output wire [PCS*DFI_RATIO*`HBM_CMD_BITS-1:0] dfi_col_cmd,
    output wire [PCS*`HBM_BG_BITS-1:0]            dfi_col_bg,
    output wire [PCS*`HBM_BA_BITS-1:0]            dfi_col_ba,
    output wire [PCS*`HBM_COL_BITS-1:0]           dfi_col_addr,
    output wire [PCS*DFI_RATIO-1:0]               dfi_wrdata_en,
    output wire [PCS*DFI_RATIO*128-1:0]           dfi_wrdata,
    output wire [PCS*DFI_RATIO*16-1:0]            dfi_wrdata_mask,
    output wire [PCS*DFI_RATIO*16-1:0]            dfi_wrdata_ecc,
    input  wire [PCS*DFI_RATIO-1:0]               dfi_rddata_valid,
    input  wire [PCS*DFI_RATIO*128-1:0]           dfi_rddata,
    input  wire [PCS*DFI_RATIO*16-1:0]            dfi_rddata_ecc,
    // performance events, per pseudo-channel (hbm_ctrl's resp_fwd_o and perf_col_cause_o)
    output wire [PCS-1:0]                         perf_resp_fwd_o,
    output wire [PCS-1:0]                         perf_resp_take_o,
    output wire [PCS*2-1:0]                       perf_col_cause_o,
    output wire [PCS*`HBM_NEVENT-1:0]             perf_event_o,   // hbm_ctrl's perf_event_o
    // each pseudo-channel's bandwidth monitor register port (hbm_ctrl's bwmon_*)
    input  wire [PCS*`HBM_BWMON_ADDR_BITS-1:0]    bwmon_addr_i,
    input  wire [PCS-1:0]                         bwmon_we_i,
    input  wire [PCS*32-1:0]                      bwmon_wdata_i,
    output wire [PCS*32-1:0]                      bwmon_rdata_o
);
    localparam integer PA  = `HBM_PORT_ADDR_BITS;
    localparam integer AB  = `HBM_ADDR_BITS;
    localparam integer TB  = `HBM_AXI_TAG_BITS;
    localparam integer IB  = `HBM_ID_BITS;
    localparam integer CB  = `HBM_CMD_BITS;

    generate
        if (PORTS != `HBM_PORTS || PCS != `HBM_PSEUDO_CHANNELS || DFI_RATIO != `HBM_DFI_RATIO) begin : gen_bad
            initial begin
                $display("%m: PORTS, PCS and DFI_RATIO come from the config header (%0d, %0d, %0d)",
                         `HBM_PORTS, `HBM_PSEUDO_CHANNELS, `HBM_DFI_RATIO);
                $finish;
            end
            INVALID_PARAMETER_STACK u_bad ();
        end
    endgenerate

    // the ports' side of the switch
    wire [PORTS-1:0]     p_req_valid, p_req_ready, p_req_write, p_resp_valid, p_resp_write;
    wire [PORTS*PA-1:0]  p_req_addr;
    wire [PORTS*TB-1:0]  p_req_id, p_resp_id;
    wire [PORTS*256-1:0] p_req_wdata, p_resp_rdata;
    wire [PORTS*32-1:0]  p_req_wstrb;
    // the pseudo-channels' side
    wire [PCS-1:0]       c_req_valid, c_req_ready, c_req_write, c_resp_valid, c_resp_ready, c_resp_write;
    wire [PCS*AB-1:0]    c_req_addr;
    wire [PCS*IB-1:0]    c_req_id, c_resp_id;
    wire [PCS*256-1:0]   c_req_wdata, c_resp_rdata;
    wire [PCS*32-1:0]    c_req_wstrb;
    wire [PORTS-1:0]     p_resp_err;          // ECC: a read the controller could not correct (SLVERR)
    wire [PCS-1:0]       c_resp_err;
    wire [PCS-1:0]       ecc_rmw_read_unused; // ECC events and counters: on hbm_ctrl's ports, not the stack's
    wire [PCS*96-1:0]    ecc_counts_unused;

    genvar gp, gn;
    for (gp = 0; gp < PORTS; gp = gp + 1) begin : g_port
        wire resp_ready_unused;   // hbm_axi takes every response (its reorder buffer reserved the room)
        hbm_axi #(
            .ADDR_BITS(PA), .ID_BITS(TB), .AXI_ID_BITS(AXI_ID_BITS), .AXI_ADDR_BITS(AXI_ADDR_BITS),
            .ROB_DEPTH(`HBM_AXI_REORDER_BEATS)
        ) u_axi (
            .clk_i(clk_i), .rst_i(rst_i),
            .s_axi_awid(s_axi_awid[gp*AXI_ID_BITS +: AXI_ID_BITS]),
            .s_axi_awaddr(s_axi_awaddr[gp*AXI_ADDR_BITS +: AXI_ADDR_BITS]),
            .s_axi_awlen(s_axi_awlen[gp*8 +: 8]), .s_axi_awsize(s_axi_awsize[gp*3 +: 3]),
            .s_axi_awburst(s_axi_awburst[gp*2 +: 2]), .s_axi_awlock(s_axi_awlock[gp]),
            .s_axi_awcache(s_axi_awcache[gp*4 +: 4]), .s_axi_awprot(s_axi_awprot[gp*3 +: 3]),
            .s_axi_awvalid(s_axi_awvalid[gp]), .s_axi_awready(s_axi_awready[gp]),
            .s_axi_wdata(s_axi_wdata[gp*256 +: 256]), .s_axi_wstrb(s_axi_wstrb[gp*32 +: 32]),
            .s_axi_wlast(s_axi_wlast[gp]), .s_axi_wvalid(s_axi_wvalid[gp]), .s_axi_wready(s_axi_wready[gp]),
            .s_axi_bid(s_axi_bid[gp*AXI_ID_BITS +: AXI_ID_BITS]), .s_axi_bresp(s_axi_bresp[gp*2 +: 2]),
            .s_axi_bvalid(s_axi_bvalid[gp]), .s_axi_bready(s_axi_bready[gp]),
            .s_axi_arid(s_axi_arid[gp*AXI_ID_BITS +: AXI_ID_BITS]),
            .s_axi_araddr(s_axi_araddr[gp*AXI_ADDR_BITS +: AXI_ADDR_BITS]),
            .s_axi_arlen(s_axi_arlen[gp*8 +: 8]), .s_axi_arsize(s_axi_arsize[gp*3 +: 3]),
            .s_axi_arburst(s_axi_arburst[gp*2 +: 2]), .s_axi_arlock(s_axi_arlock[gp]),
            .s_axi_arcache(s_axi_arcache[gp*4 +: 4]), .s_axi_arprot(s_axi_arprot[gp*3 +: 3]),
            .s_axi_arvalid(s_axi_arvalid[gp]), .s_axi_arready(s_axi_arready[gp]),
            .s_axi_rid(s_axi_rid[gp*AXI_ID_BITS +: AXI_ID_BITS]), .s_axi_rdata(s_axi_rdata[gp*256 +: 256]),
            .s_axi_rresp(s_axi_rresp[gp*2 +: 2]), .s_axi_rlast(s_axi_rlast[gp]),
            .s_axi_rvalid(s_axi_rvalid[gp]), .s_axi_rready(s_axi_rready[gp]),
            .req_valid_o(p_req_valid[gp]), .req_ready_i(p_req_ready[gp]), .req_addr_o(p_req_addr[gp*PA +: PA]),
            .req_write_o(p_req_write[gp]), .req_id_o(p_req_id[gp*TB +: TB]),
            .req_wdata_o(p_req_wdata[gp*256 +: 256]), .req_wstrb_o(p_req_wstrb[gp*32 +: 32]),
            .resp_valid_i(p_resp_valid[gp]), .resp_ready_o(resp_ready_unused), .resp_id_i(p_resp_id[gp*TB +: TB]),
            .resp_write_i(p_resp_write[gp]), .resp_rdata_i(p_resp_rdata[gp*256 +: 256]),
            .resp_err_i(p_resp_err[gp]));
    end

    hbm_switch #(
        .PORTS(PORTS), .PCS(PCS), .CROSSBAR(`HBM_SWITCH == `HBM_SWITCH_CROSSBAR ? 1 : 0),
        .PORT_ADDR_BITS(PA), .ADDR_BITS(AB), .TAG_BITS(TB), .PORT_BITS(`HBM_PORT_BITS),
        .PC_BITS(`HBM_PC_BITS), .INTERLEAVE_BITS(`HBM_INTERLEAVE_BITS),
        .HASH(`HBM_INTERLEAVE_HASH == `HBM_HASH_XOR ? 1 : 0), .ID_BITS(IB)
    ) u_switch (
        .clk_i(clk_i), .rst_i(rst_i),
        .p_req_valid_i(p_req_valid), .p_req_ready_o(p_req_ready), .p_req_addr_i(p_req_addr),
        .p_req_write_i(p_req_write), .p_req_id_i(p_req_id), .p_req_wdata_i(p_req_wdata),
        .p_req_wstrb_i(p_req_wstrb), .p_resp_valid_o(p_resp_valid), .p_resp_id_o(p_resp_id),
        .p_resp_write_o(p_resp_write), .p_resp_rdata_o(p_resp_rdata), .p_resp_err_o(p_resp_err),
        .c_req_valid_o(c_req_valid), .c_req_ready_i(c_req_ready), .c_req_addr_o(c_req_addr),
        .c_req_write_o(c_req_write), .c_req_id_o(c_req_id), .c_req_wdata_o(c_req_wdata),
        .c_req_wstrb_o(c_req_wstrb), .c_resp_valid_i(c_resp_valid), .c_resp_ready_o(c_resp_ready),
        .c_resp_id_i(c_resp_id), .c_resp_write_i(c_resp_write), .c_resp_rdata_i(c_resp_rdata),
        .c_resp_err_i(c_resp_err));

    for (gn = 0; gn < PCS; gn = gn + 1) begin : g_pc
        hbm_ctrl u_ctrl (
            .clk_i(clk_i), .rst_i(rst_i),
            .req_valid_i(c_req_valid[gn]), .req_ready_o(c_req_ready[gn]), .req_addr_i(c_req_addr[gn*AB +: AB]),
            .req_write_i(c_req_write[gn]), .req_id_i(c_req_id[gn*IB +: IB]),
            .req_wdata_i(c_req_wdata[gn*256 +: 256]), .req_wstrb_i(c_req_wstrb[gn*32 +: 32]),
            .resp_valid_o(c_resp_valid[gn]), .resp_ready_i(c_resp_ready[gn]), .resp_id_o(c_resp_id[gn*IB +: IB]),
            .resp_write_o(c_resp_write[gn]), .resp_rdata_o(c_resp_rdata[gn*256 +: 256]),
            .resp_fwd_o(perf_resp_fwd_o[gn]),
            .dfi_row_cmd(dfi_row_cmd[gn*DFI_RATIO*CB +: DFI_RATIO*CB]),
            .dfi_row_bg(dfi_row_bg[gn*`HBM_BG_BITS +: `HBM_BG_BITS]),
            .dfi_row_ba(dfi_row_ba[gn*`HBM_BA_BITS +: `HBM_BA_BITS]),
            .dfi_row_addr(dfi_row_addr[gn*`HBM_ROW_BITS +: `HBM_ROW_BITS]),
            .dfi_col_cmd(dfi_col_cmd[gn*DFI_RATIO*CB +: DFI_RATIO*CB]),
            .dfi_col_bg(dfi_col_bg[gn*`HBM_BG_BITS +: `HBM_BG_BITS]),
            .dfi_col_ba(dfi_col_ba[gn*`HBM_BA_BITS +: `HBM_BA_BITS]),
            .dfi_col_addr(dfi_col_addr[gn*`HBM_COL_BITS +: `HBM_COL_BITS]),
            .dfi_wrdata_en(dfi_wrdata_en[gn*DFI_RATIO +: DFI_RATIO]),
            .dfi_wrdata(dfi_wrdata[gn*DFI_RATIO*128 +: DFI_RATIO*128]),
            .dfi_wrdata_mask(dfi_wrdata_mask[gn*DFI_RATIO*16 +: DFI_RATIO*16]),
            .dfi_wrdata_ecc(dfi_wrdata_ecc[gn*DFI_RATIO*16 +: DFI_RATIO*16]),
            .dfi_rddata_valid(dfi_rddata_valid[gn*DFI_RATIO +: DFI_RATIO]),
            .dfi_rddata(dfi_rddata[gn*DFI_RATIO*128 +: DFI_RATIO*128]),
            .dfi_rddata_ecc(dfi_rddata_ecc[gn*DFI_RATIO*16 +: DFI_RATIO*16]),
            .perf_col_cause_o(perf_col_cause_o[gn*2 +: 2]),
            .perf_event_o(perf_event_o[gn*`HBM_NEVENT +: `HBM_NEVENT]),
            .bwmon_addr_i(bwmon_addr_i[gn*`HBM_BWMON_ADDR_BITS +: `HBM_BWMON_ADDR_BITS]),
            .bwmon_we_i(bwmon_we_i[gn]), .bwmon_wdata_i(bwmon_wdata_i[gn*32 +: 32]),
            .bwmon_rdata_o(bwmon_rdata_o[gn*32 +: 32]),
            .resp_err_o(c_resp_err[gn]), .ecc_corrected_o(ecc_counts_unused[gn*96 +: 32]),
            .ecc_uncorrectable_o(ecc_counts_unused[gn*96 + 32 +: 32]), .ecc_rmw_o(ecc_counts_unused[gn*96 + 64 +: 32]),
            .ecc_rmw_read_o(ecc_rmw_read_unused[gn]));
        assign perf_resp_take_o[gn] = c_resp_valid[gn] & c_resp_ready[gn];
    end
endmodule

`default_nettype wire
