// hbm_faw - the four-activate window.
//
// Clocking: clk_i, synchronous active-high rst_i.  ok_o is combinational
// from registers and act_i: it says an ACT may issue in the NEXT cycle,
// this cycle's ACT included (the scheduler picks one cycle ahead).
// Owns the rule tFAW: an ACT may issue only T_FAW_CK clocks after the
// fourth-most-recent ACT.  Four down-counters hold the remaining window of
// the last four ACTs, oldest in slot 0; the same function as the C model's
// act_window[] (model/hbm_timing.c).
`default_nettype none

module hbm_faw #(
    parameter integer T_FAW_CK = 15,  // four-activate window, clocks
    parameter integer WIDTH    = 10,  // counter width
    parameter integer RATIO    = 1    // DRAM clocks per clock (dfi_ratio): 1 or 2
) (
    input  wire clk_i,
    input  wire rst_i,
    input  wire act_i,        // an ACT issues this cycle
    input  wire act_phase_i,  // ... in this DRAM clock of the cycle (0 at RATIO 1)
    output wire [RATIO-1:0] ok_o  // an ACT may issue in the next cycle, in DRAM clock p or later
);
    reg [WIDTH-1:0] left_q [0:3];  // clocks until each ACT leaves the window
    reg [2:0]       seen_q;        // ACTs so far, saturating at 4
    integer i;

    // Elaboration-time check of the parameter.
    generate
        if (T_FAW_CK < 2 || T_FAW_CK >= (1 << WIDTH) || RATIO < 1 || RATIO > 2) begin : gen_bad_faw
            initial begin
                $display("%m: T_FAW_CK = %0d does not fit WIDTH = %0d", T_FAW_CK, WIDTH);
                $finish;
            end
            INVALID_PARAMETER_T_FAW_CK u_bad ();
        end
    endgenerate

    // After this edge: with an ACT now, slot 0 takes slot 1's window and
    // four ACTs are seen once three were; without, slot 0 counts down.
    wire [WIDTH-1:0] next_oldest = act_i ? left_q[1] : left_q[0];
    wire             next_full   = act_i ? (seen_q >= 3'd3) : (seen_q == 3'd4);
    // (counters in DRAM clocks from this cycle's first; RATIO + p: at most p
    // after this edge)
    genvar p;
    generate
        for (p = 0; p < RATIO; p = p + 1) begin : gen_ok
            localparam [31:0]      LIMIT_32 = RATIO + p;
            localparam [WIDTH-1:0] LIMIT = LIMIT_32[WIDTH-1:0];
            assign ok_o[p] = !next_full || (next_oldest <= LIMIT);
        end
    endgenerate
    // an ACT in phase q leaves the window T_FAW_CK + q - RATIO DRAM clocks
    // after the next cycle's first
    localparam [31:0]      FAW_LEFT_32 = T_FAW_CK - RATIO;
    localparam [WIDTH-1:0] FAW_LEFT = FAW_LEFT_32[WIDTH-1:0];
    wire [WIDTH-1:0] act_left = FAW_LEFT + {{(WIDTH-1){1'b0}}, act_phase_i};
    // count down by RATIO, to 0 at the least
    function [WIDTH-1:0] down(input [WIDTH-1:0] v);
        begin
            down = (v > RATIO[WIDTH-1:0]) ? v - RATIO[WIDTH-1:0] : {WIDTH{1'b0}};
        end
    endfunction

    always @(posedge clk_i) begin
        if (rst_i) begin
            seen_q <= 3'd0;
            for (i = 0; i < 4; i = i + 1)
                left_q[i] <= {WIDTH{1'b0}};
        end else begin
            for (i = 0; i < 4; i = i + 1)
                left_q[i] <= down(left_q[i]);
            if (act_i) begin
                // Shift: slot 0 drops the oldest, slot 3 takes this ACT.
                for (i = 0; i < 3; i = i + 1)
                    left_q[i] <= down(left_q[i+1]);
                left_q[3] <= act_left;
                if (seen_q != 3'd4)
                    seen_q <= seen_q + 1'b1;
            end
        end
    end
endmodule

`resetall
