// hbm_faw - the four-activate window.
//
// Clocking: clk_i, synchronous active-high rst_i.  ok_o is combinational
// from registers.
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
    output wire ok_o    // an ACT may issue this cycle
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

    assign ok_o = (seen_q != 3'd4) || (left_q[0] == {WIDTH{1'b0}});

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
