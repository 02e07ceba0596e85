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

`ifdef FORMAL
    // ---- formal properties (formal/hbm_faw.sby) -----------------------------
    // The spec (docs/timing.md, tFAW): an ACT at DRAM clock T is allowed
    // when fewer than four ACTs came before it, or the fourth most recent
    // came at T - T_FAW_CK or earlier.  f_age_q[k] is the age of the k-th
    // most recent ACT (0 = the newest) in DRAM clocks at this cycle's first
    // DRAM clock, saturating at T_FAW_CK (older counts the same); f_seen_q
    // counts the ACTs, saturating at 4.  The row bus carries one command a
    // cycle, so at most one ACT.
    localparam [WIDTH:0] F_CAP = T_FAW_CK;
    localparam [WIDTH:0] F_RATIO = RATIO;
    reg f_past_valid = 1'b0;
    always @(posedge clk_i)
        f_past_valid <= 1'b1;
    always @* if (!f_past_valid) assume(rst_i);
    always @* if (RATIO == 1) assume(!act_phase_i);

    function [WIDTH:0] f_older(input [WIDTH:0] age);
        f_older = (age + F_RATIO >= F_CAP) ? F_CAP : age + F_RATIO;
    endfunction

    reg  [WIDTH:0] f_age_q [0:3];
    reg  [2:0]     f_seen_q;
    // the same at the next cycle's first DRAM clock, this cycle's ACT in
    wire [WIDTH:0] f_age0 = act_i ? F_RATIO - {{WIDTH{1'b0}}, act_phase_i} : f_older(f_age_q[0]);
    wire [WIDTH:0] f_age1 = f_older(act_i ? f_age_q[0] : f_age_q[1]);
    wire [WIDTH:0] f_age2 = f_older(act_i ? f_age_q[1] : f_age_q[2]);
    wire [WIDTH:0] f_age3 = f_older(act_i ? f_age_q[2] : f_age_q[3]);
    wire [2:0]     f_seen = (act_i && f_seen_q != 3'd4) ? f_seen_q + 3'd1 : f_seen_q;

    always @(posedge clk_i) begin
        f_seen_q   <= rst_i ? 3'd0 : f_seen;
        f_age_q[0] <= rst_i ? F_CAP : f_age0;
        f_age_q[1] <= rst_i ? F_CAP : f_age1;
        f_age_q[2] <= rst_i ? F_CAP : f_age2;
        f_age_q[3] <= rst_i ? F_CAP : f_age3;
    end

    // The window left to the k-th newest ACT, as the slots should hold it.
    function [WIDTH:0] f_left(input integer k);
        f_left = (k >= f_seen_q || f_age_q[k] >= F_CAP) ? {(WIDTH+1){1'b0}} : F_CAP - f_age_q[k];
    endfunction

    always @* if (f_past_valid && !rst_i) begin
        // The rule, in DRAM clock 0 (and 1) of the next cycle.
        assert(ok_o[0] == (f_seen != 3'd4 || f_age3 >= F_CAP));
        if (RATIO == 2)
            assert(ok_o[RATIO-1] == (f_seen != 3'd4 || f_age3 + 1 >= F_CAP));
        // Invariant: slot 3 - k holds the window left to the k-th newest ACT.
        assert(seen_q == f_seen_q);
        assert({1'b0, left_q[3]} == f_left(0));
        assert({1'b0, left_q[2]} == f_left(1));
        assert({1'b0, left_q[1]} == f_left(2));
        assert({1'b0, left_q[0]} == f_left(3));
        // ... over ages that make sense: an ACT a cycle at most, so newer
        // is younger, and the ones not seen yet are out of the window.
        assert(f_seen_q <= 3'd4);
        assert(f_age_q[0] >= 1 && f_age_q[0] <= F_CAP);
        assert(f_age_q[1] <= F_CAP && f_age_q[2] <= F_CAP && f_age_q[3] <= F_CAP);
        assert(f_age_q[1] > f_age_q[0] || f_age_q[1] == F_CAP);
        assert(f_age_q[2] > f_age_q[1] || f_age_q[2] == F_CAP);
        assert(f_age_q[3] > f_age_q[2] || f_age_q[3] == F_CAP);
        assert(f_seen_q >= 3'd1 || f_age_q[0] == F_CAP);
        assert(f_seen_q >= 3'd2 || f_age_q[1] == F_CAP);
        assert(f_seen_q >= 3'd3 || f_age_q[2] == F_CAP);
        assert(f_seen_q >= 3'd4 || f_age_q[3] == F_CAP);
    end

    // Covers: a fifth ACT in the first cycle the window allows it; an ACT
    // held off by the window.
    reg f_ok_q = 1'b0, f_ok_q2 = 1'b0;
    always @(posedge clk_i) begin
        f_ok_q  <= ok_o[0];
        f_ok_q2 <= f_ok_q;
    end
    always @* if (f_past_valid && !rst_i) begin
        cover(act_i && f_ok_q && !f_ok_q2 && f_seen_q == 3'd4);
        cover(f_seen_q == 3'd4 && !ok_o[0] && f_age3 + F_RATIO >= F_CAP);
    end
`endif
endmodule

`resetall
