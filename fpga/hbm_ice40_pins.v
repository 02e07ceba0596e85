// hbm_ice40_pins - the few-pin harness of the FPGA area/Fmax wrappers.
//
// Owns: how a block with hundreds of port bits is given a home on a device
// with ~200 pins without yosys removing any of its logic:
//   - every input bit of the block is a bit of one serial shift chain fed
//     from the pin sdi_i (in_o, IN_BITS flip-flops);
//   - every output bit (out_i) is registered once and the registers are
//     folded by an XOR tree into OBS_PINS registered pins obs_o;
//   - the reset pin is registered once (rst_o).
// Clocking: one clock clk_i.  Cost: IN_BITS + OUT_BITS + OBS_PINS + 1
// flip-flops and about OUT_BITS / 3 LUT4s of XOR tree.
`default_nettype none

module hbm_ice40_pins #(
    parameter integer IN_BITS  = 8,   // input bits of the block
    parameter integer OUT_BITS = 8,   // output bits of the block
    parameter integer OBS_PINS = 8    // observation pins
) (
    input  wire                clk_i,
    input  wire                rst_i,   // reset pin
    input  wire                sdi_i,   // serial data of the input chain
    output reg                 rst_o,   // the reset pin, registered
    output reg  [IN_BITS-1:0]  in_o,    // the block's inputs
    input  wire [OUT_BITS-1:0] out_i,   // the block's outputs
    output reg  [OBS_PINS-1:0] obs_o    // XOR-folded, registered outputs
);
    generate
        if (IN_BITS < 2 || OBS_PINS < 1 || OBS_PINS > OUT_BITS) begin : gen_bad_param
            initial begin
                $display("%m: IN_BITS = %0d must be >= 2, OBS_PINS = %0d must be 1..%0d",
                         IN_BITS, OBS_PINS, OUT_BITS);
                $finish;
            end
            INVALID_PARAMETER_PINS u_bad ();
        end
    endgenerate

    reg [OUT_BITS-1:0] out_q;
    reg [OBS_PINS-1:0] obs_d;
    integer p, j;
    always @* begin
        obs_d = {OBS_PINS{1'b0}};
        for (p = 0; p < OBS_PINS; p = p + 1)
            for (j = p; j < OUT_BITS; j = j + OBS_PINS)
                obs_d[p] = obs_d[p] ^ out_q[j];
    end
    always @(posedge clk_i) begin
        rst_o <= rst_i;
        in_o  <= {in_o[IN_BITS-2:0], sdi_i};
        out_q <= out_i;
        obs_o <= obs_d;
    end
endmodule

`resetall
