// hbm_ice40_top - area/Fmax wrapper of hbm_ctrl for an iCE40 HX8K.
//
// Owns: nothing of the controller's function.  It only gives hbm_ctrl's
// ~900 port bits (256-bit write data in, 256-bit read data out, 128-bit DFI
// data each way) a home on a device with ~200 pins, in a way yosys cannot
// see through, so `make synth` measures the whole controller:
//   - every controller input is a bit of one serial shift chain fed from
//     the pin sdi_i (a registered source, as a real request port would be);
//   - every controller output is registered once (the DFI/PHY boundary
//     register a real design has) and the registers are folded by an XOR
//     tree into OBS_PINS registered pins obs_o.
// A bit that reaches neither the chain nor the tree could be removed by
// yosys, so every port is in both lists below.  The chain, the output
// registers and the tree are hbm_ice40_pins, shared with
// hbm_ice40_timing_top.
//
// Clocking: one clock clk_i (the controller's clock); rst_i is a pin,
// registered once and given to the controller as its synchronous reset.
//
// What the wrapper itself costs (subtract it from the totals):
//   - the input chain: one flip-flop per controller input bit (IN_BITS,
//     493 for hbm2_2000 with OPT_DATA = 1); each sits alone in a logic cell
//     (an iCE40 flip-flop is fed through its cell's LUT), so ~IN_BITS LCs;
//   - the output registers: OUT_BITS flip-flops (482 for hbm2_2000); most
//     pack into the logic cell of the controller LUT that drives them, so
//     they cost flip-flops but few extra LCs;
//   - the XOR tree: ~OUT_BITS / 3 LUT4s, plus OBS_PINS + 1 flip-flops.
// `scripts/synth.sh` prints the exact figures (yosys `stat` of this module).
//
// OPT_DATA = 0 is a control-only measurement: the data inputs (write data,
// byte enables, DFI read data) are tied to zero and the data outputs are
// not observed, so yosys removes the write-data store, the write pipeline
// and the response FIFO's data.  What remains is the control logic: queues
// (addresses, ids, age order), timing, scheduler, refresh, bank state.
`default_nettype none
`include "hbm_defs.vh"
`include "hbm_cfg.vh"

module hbm_ice40_top #(
    parameter integer OPT_DATA = 1,  // 1: data ports live; 0: control only (see above)
    parameter integer OBS_PINS = 8   // observation pins
) (
    input  wire                clk_i,
    input  wire                rst_i,
    input  wire                sdi_i,  // serial data of the input chain
    output wire [OBS_PINS-1:0] obs_o   // XOR-folded, registered controller outputs
);
    localparam integer ADDR_BITS = `HBM_ADDR_BITS;
    localparam integer ID_BITS   = `HBM_ID_BITS;
    localparam integer BG_BITS   = `HBM_BG_BITS;
    localparam integer BA_BITS   = `HBM_BA_BITS;
    localparam integer ROW_BITS  = `HBM_ROW_BITS;
    localparam integer COL_BITS  = `HBM_COL_BITS;
    localparam integer R         = `HBM_DFI_RATIO;   // DFI slots per clock
    // Controller inputs: req_valid, addr, write, id, wdata, wstrb, resp_ready,
    // dfi_rddata_valid, dfi_rddata.
    localparam integer MB      = `HBM_BWMON_ADDR_BITS;   // bandwidth monitor register address
    localparam integer CTL_IN  = 1 + ADDR_BITS + 1 + ID_BITS + 1 + R + MB + 1 + 32;
    localparam integer DATA_IN = 256 + 32 + R * 128;
    localparam integer IN_BITS = CTL_IN + ((OPT_DATA != 0) ? DATA_IN : 0);
    // Controller outputs: req_ready, resp_valid, resp_id, resp_write,
    // resp_fwd, both DFI command buses, perf_col_cause; with data:
    // resp_rdata, dfi_wrdata_en/data/mask.
    localparam integer CTL_OUT  = 1 + 1 + ID_BITS + 1 + 1 + 2 * (R * `HBM_CMD_BITS + BG_BITS + BA_BITS) +
                                  ROW_BITS + COL_BITS + 2 + 32;
    localparam integer DATA_OUT = 256 + R * (1 + 128 + 16);
    localparam integer OUT_BITS = CTL_OUT + ((OPT_DATA != 0) ? DATA_OUT : 0);

    generate
        if (OPT_DATA < 0 || OPT_DATA > 1 || OBS_PINS < 1 || OBS_PINS > OUT_BITS) begin : gen_bad_param
            initial begin
                $display("%m: OPT_DATA = %0d must be 0 or 1, OBS_PINS = %0d must be 1..%0d",
                         OPT_DATA, OBS_PINS, OUT_BITS);
                $finish;
            end
            INVALID_PARAMETER_WRAPPER u_bad ();
        end
    endgenerate

    // ---- the pins: input chain, reset, output registers and XOR fold ----------
    wire                rst_q;
    wire [IN_BITS-1:0]  in_q;
    wire [OUT_BITS-1:0] out_d;
    hbm_ice40_pins #(.IN_BITS(IN_BITS), .OUT_BITS(OUT_BITS), .OBS_PINS(OBS_PINS)) u_pins (
        .clk_i(clk_i), .rst_i(rst_i), .sdi_i(sdi_i), .rst_o(rst_q), .in_o(in_q),
        .out_i(out_d), .obs_o(obs_o));

    wire                 req_valid        = in_q[0];
    wire [ADDR_BITS-1:0] req_addr         = in_q[1 +: ADDR_BITS];
    wire                 req_write        = in_q[1 + ADDR_BITS];
    wire [ID_BITS-1:0]   req_id           = in_q[2 + ADDR_BITS +: ID_BITS];
    wire                 resp_ready       = in_q[2 + ADDR_BITS + ID_BITS];
    wire [R-1:0]         dfi_rddata_valid = in_q[3 + ADDR_BITS + ID_BITS +: R];
    wire [MB-1:0]        bwmon_addr       = in_q[3 + ADDR_BITS + ID_BITS + R +: MB];
    wire                 bwmon_we         = in_q[3 + ADDR_BITS + ID_BITS + R + MB];
    wire [31:0]          bwmon_wdata      = in_q[4 + ADDR_BITS + ID_BITS + R + MB +: 32];
    wire [255:0]         req_wdata;
    wire [31:0]          req_wstrb;
    wire [R*128-1:0]     dfi_rddata;
    generate
        if (OPT_DATA != 0) begin : gen_data_in
            assign req_wdata  = in_q[CTL_IN +: 256];
            assign req_wstrb  = in_q[CTL_IN + 256 +: 32];
            assign dfi_rddata = in_q[CTL_IN + 288 +: R * 128];
        end else begin : gen_no_data_in
            assign req_wdata  = 256'd0;
            assign req_wstrb  = 32'd0;
            assign dfi_rddata = {(R * 128){1'b0}};
        end
    endgenerate

    // ---- the controller -------------------------------------------------------
    wire                 req_ready, resp_valid, resp_write, resp_fwd;
    wire [R-1:0]         dfi_wrdata_en;
    wire [ID_BITS-1:0]   resp_id;
    wire [255:0]         resp_rdata;
    wire [R*`HBM_CMD_BITS-1:0] dfi_row_cmd, dfi_col_cmd;
    wire [BG_BITS-1:0]   dfi_row_bg, dfi_col_bg;
    wire [BA_BITS-1:0]   dfi_row_ba, dfi_col_ba;
    wire [ROW_BITS-1:0]  dfi_row_addr;
    wire [COL_BITS-1:0]  dfi_col_addr;
    wire [R*128-1:0]     dfi_wrdata;
    wire [R*16-1:0]      dfi_wrdata_mask;
    wire [1:0]           perf_col_cause;
    wire [31:0]          bwmon_rdata;
    wire [R*16-1:0]      dfi_wrdata_ecc;   // the presets' ecc = none: no check bits
    wire                 resp_err, rmw_read;
    wire [95:0]          ecc_counts;
    wire [`HBM_NEVENT-1:0] perf_events;   // verification and counter events: not measured here

    hbm_ctrl u_ctrl (
        .clk_i(clk_i), .rst_i(rst_q),
        .req_valid_i(req_valid), .req_ready_o(req_ready), .req_addr_i(req_addr),
        .req_write_i(req_write), .req_id_i(req_id), .req_wdata_i(req_wdata), .req_wstrb_i(req_wstrb),
        .resp_valid_o(resp_valid), .resp_ready_i(resp_ready), .resp_id_o(resp_id),
        .resp_write_o(resp_write), .resp_rdata_o(resp_rdata), .resp_fwd_o(resp_fwd),
        .dfi_row_cmd(dfi_row_cmd), .dfi_row_bg(dfi_row_bg), .dfi_row_ba(dfi_row_ba),
        .dfi_row_addr(dfi_row_addr),
        .dfi_col_cmd(dfi_col_cmd), .dfi_col_bg(dfi_col_bg), .dfi_col_ba(dfi_col_ba),
        .dfi_col_addr(dfi_col_addr),
        .dfi_wrdata_en(dfi_wrdata_en), .dfi_wrdata(dfi_wrdata), .dfi_wrdata_mask(dfi_wrdata_mask),
        .dfi_wrdata_ecc(dfi_wrdata_ecc),
        .dfi_rddata_valid(dfi_rddata_valid), .dfi_rddata(dfi_rddata), .dfi_rddata_ecc({(R * 16){1'b0}}),
        .perf_col_cause_o(perf_col_cause),
        .bwmon_addr_i(bwmon_addr), .bwmon_we_i(bwmon_we), .bwmon_wdata_i(bwmon_wdata),
        .bwmon_rdata_o(bwmon_rdata),
        .resp_err_o(resp_err), .ecc_corrected_o(ecc_counts[31:0]), .ecc_uncorrectable_o(ecc_counts[63:32]),
        .ecc_rmw_o(ecc_counts[95:64]), .ecc_rmw_read_o(rmw_read), .perf_event_o(perf_events));
    wire unused_ecc = ^{dfi_wrdata_ecc, resp_err, rmw_read, ecc_counts};   // 0 with ecc = none
    wire unused_events = ^perf_events;

    // ---- the controller's outputs, to the pins ---------------------------------
    wire [CTL_OUT-1:0] ctl_out = {req_ready, resp_valid, resp_id, resp_write, resp_fwd,
                                  dfi_row_cmd, dfi_row_bg, dfi_row_ba, dfi_row_addr,
                                  dfi_col_cmd, dfi_col_bg, dfi_col_ba, dfi_col_addr,
                                  perf_col_cause, bwmon_rdata};
    generate
        if (OPT_DATA != 0) begin : gen_data_out
            assign out_d = {resp_rdata, dfi_wrdata_en, dfi_wrdata, dfi_wrdata_mask, ctl_out};
        end else begin : gen_no_data_out
            assign out_d = ctl_out;
            wire unused_data = ^{resp_rdata, dfi_wrdata_en, dfi_wrdata, dfi_wrdata_mask};
        end
    endgenerate
endmodule

`resetall
