// hbm_ram - a simple dual-port memory with a synchronous read port: what
// Yosys maps to block RAM (DP16KD on ECP5, SB_RAM40_4K on iCE40).
//
// Clocking: clk_i; no reset (the contents are never reset; rst_i only
// guards the simulation check).  One write port (we_i, waddr_i, wdata_i),
// one read port: with re_i high in cycle t, rdata_o shows the word at
// raddr_i from cycle t+1 on; with re_i low it keeps its value.
// A read and a write of the same address in one cycle are not allowed
// (block RAMs differ in what they return then; `no_rw_check` tells Yosys
// not to build logic for it): users arrange their addresses so it cannot
// happen, and the simulation check below stops on it.
// Used for the data path's wide storage: the write queue's data per slot
// (hbm_req_queue), the write-data ring and the response data
// (hbm_datapath).
`default_nettype none
`include "hbm_defs.vh"

module hbm_ram #(
    parameter integer WIDTH = 32,
    parameter integer DEPTH = 16
) (
    input  wire                          clk_i,
    input  wire                          rst_i,
    input  wire                          we_i,
    input  wire [`HBM_CLOG2(DEPTH)-1:0]  waddr_i,
    input  wire [WIDTH-1:0]              wdata_i,
    input  wire                          re_i,
    input  wire [`HBM_CLOG2(DEPTH)-1:0]  raddr_i,
    output reg  [WIDTH-1:0]              rdata_o
);
    generate
        if (WIDTH < 1 || DEPTH < 2) begin : gen_bad_param
            initial begin
                $display("%m: WIDTH = %0d must be >= 1 and DEPTH = %0d >= 2", WIDTH, DEPTH);
                $finish;
            end
            INVALID_PARAMETER_RAM u_bad ();
        end
    endgenerate

    (* ram_style = "block", no_rw_check *)
    reg [WIDTH-1:0] mem_q [0:(1 << `HBM_CLOG2(DEPTH))-1];

    always @(posedge clk_i) begin
        if (we_i)
            mem_q[waddr_i] <= wdata_i;
        if (re_i)
            rdata_o <= mem_q[raddr_i];
    end

`ifndef SYNTHESIS
    `HBM_ASSERT("no read and write of one address in a cycle", !(we_i && re_i && waddr_i == raddr_i))
`else
    wire unused_rst = rst_i;
`endif
endmodule

`resetall
