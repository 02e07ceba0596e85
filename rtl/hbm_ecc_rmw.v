// hbm_ecc_rmw - the read-modify-write unit of ecc = secded, between the
// request and response ports and the controller's queues.
//
// Clocking: clk_i, synchronous active-high rst_i.  With ECC the DM/ECC
// bits carry check bits, so the device has no write mask and a write with
// any byte enable off cannot go out as it is.  This unit turns such a
// partial write into a read of its burst and a full write
// (docs/microarchitecture.md, ECC):
//   IDLE   requests pass through (q_* = req_*).  A partial write is taken
//          when the queues would take a write to its burst (req_ready_o
//          = q_ready_i, q_hold_o keeps it out of them): its burst, id,
//          data and enables are held, and the port closes (req_ready_o = 0)
//          until the unit is IDLE again, but for WAIT:
//   READ   offers a read of the burst with the internal id bit (the id's
//          top bit, IQ_BITS = ID_BITS + 1) until the queues take it.
//   WAIT   reads of other bursts pass through (nothing overtakes the partial
//          write to its own burst, and no write passes).  The read's
//          response is taken off the response port in the cycle it heads
//          it (c_resp_ready_o = 1; never offered on resp_*); its corrected
//          data fills the bytes the write does not enable.
//   WRITE  offers the merged write, all bytes enabled (none when the read
//          was uncorrectable: the data path then writes its words poisoned
//          and flags its response), until the queues take it.
// Requests name their burst by its key ({bank, row, column}, which the
// address map makes one to one with the burst address).  For the queues'
// hazard vectors (hbm_req_match) the unit says when it takes the request
// in (take_o: the port's head moves into it at this edge), which key it
// holds (held_key_o) and when the request it offers is its own (own_o).
// The unit is a plain wire when ENABLE = 0 (ecc = none).  C twin:
// rmw_cycle and port_cycle in model/hbm_ctrl.c.
`default_nettype none
`include "hbm_defs.vh"

module hbm_ecc_rmw #(
    parameter integer ENABLE    = 1,
    parameter integer KEY_BITS  = 23,   // a burst's {bank, row, column}
    parameter integer ID_BITS   = 8,
    parameter integer IQ_BITS   = ID_BITS + 1   // the queues' ids: ID_BITS + ENABLE
) (
    input  wire                 clk_i,
    input  wire                 rst_i,
    // the request port
    input  wire                 req_valid_i,
    output wire                 req_ready_o,
    input  wire [KEY_BITS-1:0]  req_key_i,
    input  wire                 req_write_i,
    input  wire [ID_BITS-1:0]   req_id_i,
    input  wire [255:0]         req_wdata_i,
    input  wire [31:0]          req_wstrb_i,
    // to the queues: q_valid_o with the request the queues judge
    // (q_ready_i); q_hold_o: the unit takes it, the queues must not
    output wire                 q_valid_o,
    input  wire                 q_ready_i,
    output wire                 q_hold_o,
    output wire [KEY_BITS-1:0]  q_key_o,
    output wire                 q_write_o,
    output wire [IQ_BITS-1:0]   q_id_o,
    output wire [255:0]         q_wdata_o,
    output wire [31:0]          q_wstrb_o,
    // the queues' response port
    input  wire                 c_resp_valid_i,
    output wire                 c_resp_ready_o,
    input  wire [IQ_BITS-1:0]   c_resp_id_i,
    input  wire [255:0]         c_resp_rdata_i,
    input  wire                 c_resp_err_i,
    // the response port's handshake (the rest of the response passes by)
    output wire                 resp_valid_o,
    input  wire                 resp_ready_i,
    // partial writes done; the unit takes its read's response this cycle
    output wire [31:0]          rmw_count_o,
    output wire                 read_taken_o,
    // the port's head moves into the unit at this edge; the burst the unit
    // holds; the request on q_* is the unit's own (its read or merged write)
    output wire                 take_o,
    output wire [KEY_BITS-1:0]  held_key_o,
    output wire                 own_o
);
    generate
        if (ENABLE == 0) begin : gen_wire
            assign req_ready_o    = q_ready_i;
            assign q_valid_o      = req_valid_i;
            assign q_hold_o       = 1'b0;
            assign q_key_o        = req_key_i;
            assign q_write_o      = req_write_i;
            assign q_id_o         = req_id_i;
            assign q_wdata_o      = req_wdata_i;
            assign q_wstrb_o      = req_wstrb_i;
            assign c_resp_ready_o = resp_ready_i;
            assign resp_valid_o   = c_resp_valid_i;
            assign rmw_count_o    = 32'd0;
            assign read_taken_o   = 1'b0;
            assign take_o         = 1'b0;
            assign held_key_o     = {KEY_BITS{1'b0}};
            assign own_o          = 1'b0;
            // no state, no internal responses: the clock and the response's payload are unused
            wire unused = ^{clk_i, rst_i, c_resp_id_i, c_resp_rdata_i, c_resp_err_i};
        end else begin : gen_rmw
            localparam [1:0] IDLE = 2'd0, READ = 2'd1, WAIT = 2'd2, WRITE = 2'd3;
            reg [1:0]           state_q;
            reg [KEY_BITS-1:0]  key_q;
            reg [ID_BITS-1:0]   id_q;
            reg [255:0]         data_q;
            reg [31:0]          strb_q;
            reg                 err_q;
            reg [31:0]          count_q;

            wire idle     = state_q == IDLE;
            wire partial  = req_write_i && req_wstrb_i != 32'hFFFF_FFFF;
            // the user's request goes to the queues: always when idle; while
            // waiting, a read of another burst
            wire pass     = idle || (state_q == WAIT && !req_write_i &&
                                     req_key_i != key_q);
            wire take     = idle && req_valid_i && partial && q_ready_i;
            wire internal = c_resp_valid_i && c_resp_id_i[IQ_BITS-1];
            reg [255:0] merged;
            integer b;
            always @* begin
                for (b = 0; b < 32; b = b + 1)
                    merged[8*b +: 8] = strb_q[b] ? data_q[8*b +: 8] : c_resp_rdata_i[8*b +: 8];
            end

            assign req_ready_o    = pass && q_ready_i;
            assign q_valid_o      = pass ? req_valid_i : (state_q == READ || state_q == WRITE);
            assign q_hold_o       = idle && partial;
            assign q_key_o        = pass ? req_key_i : key_q;
            assign q_write_o      = pass ? req_write_i : state_q == WRITE;
            assign q_id_o         = pass ? {1'b0, req_id_i} : {state_q == READ, id_q};
            assign q_wdata_o      = pass ? req_wdata_i : data_q;
            assign q_wstrb_o      = pass ? req_wstrb_i : (err_q ? 32'd0 : 32'hFFFF_FFFF);
            assign c_resp_ready_o = internal || resp_ready_i;
            assign resp_valid_o   = c_resp_valid_i && !c_resp_id_i[IQ_BITS-1];
            assign rmw_count_o    = count_q;
            assign read_taken_o   = internal;
            assign take_o         = take;
            assign held_key_o     = key_q;
            assign own_o          = !pass;

            always @(posedge clk_i) begin
                if (rst_i) begin
                    state_q <= IDLE;
                    count_q <= 32'd0;
                end else begin
                    if (take)
                        state_q <= READ;
                    else if (state_q == READ && q_ready_i)
                        state_q <= WAIT;
                    else if (state_q == WRITE && q_ready_i)
                        state_q <= IDLE;
                    if (internal)   // only in WAIT: one internal read at a time
                        state_q <= WRITE;
                    if (state_q == WRITE && q_ready_i)
                        count_q <= count_q + 32'd1;
                end
                if (take) begin
                    key_q  <= req_key_i;
                    id_q   <= req_id_i;
                    data_q <= req_wdata_i;
                    strb_q <= req_wstrb_i;
                end
                if (internal) begin
                    data_q <= merged;
                    err_q  <= c_resp_err_i;
                end
            end
`ifndef SYNTHESIS
            `HBM_ASSERT("an internal response comes only while the unit waits for it",
                        !internal || state_q == WAIT)
`endif
        end
    endgenerate
endmodule

`resetall
