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
    parameter integer WIDTH    = 10   // counter width
) (
    input  wire clk_i,
    input  wire rst_i,
    input  wire act_i,  // an ACT issues this cycle
    output wire ok_o    // an ACT may issue in the next cycle
);
    reg [WIDTH-1:0] left_q [0:3];  // clocks until each ACT leaves the window
    reg [2:0]       seen_q;        // ACTs so far, saturating at 4
    integer i;

    // Elaboration-time check of the parameter.
    generate
        if (T_FAW_CK < 1 || T_FAW_CK >= (1 << WIDTH)) begin : gen_bad_faw
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
    assign ok_o = !next_full || (next_oldest <= {{(WIDTH-1){1'b0}}, 1'b1});

    always @(posedge clk_i) begin
        if (rst_i) begin
            seen_q <= 3'd0;
            for (i = 0; i < 4; i = i + 1)
                left_q[i] <= {WIDTH{1'b0}};
        end else begin
            for (i = 0; i < 4; i = i + 1)
                if (left_q[i] != {WIDTH{1'b0}})
                    left_q[i] <= left_q[i] - 1'b1;
            if (act_i) begin
                // Shift: slot 0 drops the oldest, slot 3 takes this ACT.
                for (i = 0; i < 3; i = i + 1)
                    left_q[i] <= (left_q[i+1] != {WIDTH{1'b0}}) ? left_q[i+1] - 1'b1 : {WIDTH{1'b0}};
                left_q[3] <= T_FAW_CK[WIDTH-1:0] - 1'b1;
                if (seen_q != 3'd4)
                    seen_q <= seen_q + 1'b1;
            end
        end
    end
endmodule

`resetall
