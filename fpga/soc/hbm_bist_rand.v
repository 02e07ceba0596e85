// hbm_bist_rand - the self-test SoC's random numbers: the splitmix64
// sequence of the simulation tools (sim/hbm_rand.h: state += 0x9E37...,
// then two xor-shift-multiply rounds), so the hardware traffic generator
// draws the same numbers as hbmsim's workloads for the same seed.
//
// Clocking: clk_i; synchronous active-high rst_i empties the FIFO and loads
// seed_i as the generator's state (the first value is mix(seed + gamma), as
// hbm_rand_next's first call).
// Latency: values are made in a 6-stage pipeline into a FIFO of DEPTH
// (show-ahead: value_o is the oldest value while valid_o); the pipeline
// runs ahead of the consumer, so after the FIFO fills (DEPTH + 6 clocks
// after reset) pop_i can take one value every clock.
// Owns: value_o and pct_o = value_o % 100 (hbmsim's `rng % 100 < pct`
// tests), worked out in the pipeline from the value's 16-bit pieces
// (2^16, 2^32, 2^48 are 36, 96, 56 modulo 100).
`default_nettype none

module hbm_bist_rand #(
    parameter integer DEPTH = 8   // FIFO entries, 8..64
) (
    input  wire        clk_i,
    input  wire        rst_i,
    input  wire [63:0] seed_i,
    input  wire        pop_i,     // take value_o (only while valid_o)
    output wire        valid_o,
    output wire [63:0] value_o,
    output wire [6:0]  pct_o
);
    localparam integer PB = DEPTH <= 8 ? 3 : DEPTH <= 16 ? 4 : DEPTH <= 32 ? 5 : 6;   // pointer bits
    localparam integer STAGES = 6;

    generate
        if (DEPTH < 8 || DEPTH > 64 || DEPTH != (1 << PB)) begin : gen_bad
            initial begin
                $display("%m: DEPTH = %0d must be a power of two, 8..64", DEPTH);
                $finish;
            end
            INVALID_PARAMETER_DEPTH u_bad ();
        end
    endgenerate

    localparam [63:0] GAMMA = 64'h9E3779B97F4A7C15;
    localparam [63:0] MUL1  = 64'hBF58476D1CE4E5B9;
    localparam [63:0] MUL2  = 64'h94D049BB133111EB;

    // ---- the pipeline: stage k holds a value while busy_q[k-1] -----------------
    reg [63:0]       state_q;
    reg [STAGES-1:0] busy_q;
    reg [63:0]       s1_q, s2_q, s3_q, s4_q, s5_q, s6_q;
    reg [23:0]       s5_sum_q;   // s5_q modulo 100, before the last reductions
    reg [6:0]        s6_pct_q;
    reg [PB:0]       count_q;    // FIFO entries
    reg [PB:0]       inflight;
    integer          b;
    always @* begin
        inflight = {(PB+1){1'b0}};
        for (b = 0; b < STAGES; b = b + 1)
            inflight = inflight + {{PB{1'b0}}, busy_q[b]};
    end
    wire             pop = pop_i && count_q != 0;
    // Start a value when the FIFO has room for it and for all in flight.
    localparam [PB+1:0] LIMIT = DEPTH[PB+1:0];
    wire             start = {1'b0, count_q} + {1'b0, inflight} < LIMIT;

    wire [63:0] m1 = s2_q * MUL1;                 // s2_q: z ^ (z >> 30)
    wire [63:0] x2 = m1 ^ (m1 >> 27);
    wire [63:0] m2 = s3_q * MUL2;                 // s3_q: x2
    wire [63:0] v  = s4_q ^ (s4_q >> 31);        // s4_q: m2; v is the value
    // v mod 100 from its 16-bit pieces: below 65535 * 189 < 2^24
    wire [23:0] sum4 = {8'd0, v[15:0]} + 24'd36 * {8'd0, v[31:16]} +
                       24'd96 * {8'd0, v[47:32]} + 24'd56 * {8'd0, v[63:48]};
    // 24 -> 19 -> 14 bits (2^12 and 2^10 are 96 and 24 modulo 100), then
    // 7-bit pieces (2^7 is 28 modulo 100) down to below 400
    wire [18:0] r1 = {7'd0, s5_sum_q[11:0]} + 19'd96 * {7'd0, s5_sum_q[23:12]};
    wire [13:0] r2 = {4'd0, r1[9:0]} + 14'd24 * {5'd0, r1[18:10]};
    wire [11:0] r3 = {5'd0, r2[6:0]} + 12'd28 * {5'd0, r2[13:7]};
    wire [9:0]  r4 = {3'd0, r3[6:0]} + 10'd28 * {5'd0, r3[11:7]};
    wire [8:0]  r5 = {2'd0, r4[6:0]} + 9'd28 * {6'd0, r4[9:7]};
    wire [8:0]  r6 = r5 >= 9'd300 ? r5 - 9'd300 : r5 >= 9'd200 ? r5 - 9'd200 :
                     r5 >= 9'd100 ? r5 - 9'd100 : r5;
    wire        push = busy_q[STAGES-1];
    wire        unused_r6 = ^r6[8:7];   // below 100 by then

    always @(posedge clk_i) begin
        if (rst_i) begin
            state_q <= seed_i;
            busy_q  <= {STAGES{1'b0}};
        end else begin
            busy_q <= {busy_q[STAGES-2:0], start};
            if (start)
                state_q <= state_q + GAMMA;
        end
        s1_q     <= state_q + GAMMA;    // z = (state += gamma)
        s2_q     <= s1_q ^ (s1_q >> 30);
        s3_q     <= x2;
        s4_q     <= m2;
        s5_q     <= v;
        s5_sum_q <= sum4;
        s6_q     <= s5_q;
        s6_pct_q <= r6[6:0];
    end

    // ---- the FIFO (show-ahead) --------------------------------------------
    reg [63:0]   fifo_v [0:DEPTH-1];
    reg [6:0]    fifo_p [0:DEPTH-1];
    reg [PB-1:0] wr_q, rd_q;
    always @(posedge clk_i) begin
        if (rst_i) begin
            wr_q    <= {PB{1'b0}};
            rd_q    <= {PB{1'b0}};
            count_q <= {(PB+1){1'b0}};
        end else begin
            if (push)
                wr_q <= wr_q + 1'b1;
            if (pop)
                rd_q <= rd_q + 1'b1;
            count_q <= count_q + {{PB{1'b0}}, push} - {{PB{1'b0}}, pop};
        end
        if (push) begin
            fifo_v[wr_q] <= s6_q;
            fifo_p[wr_q] <= s6_pct_q;
        end
    end
    assign valid_o = count_q != 0;
    assign value_o = fifo_v[rd_q];
    assign pct_o   = fifo_p[rd_q];
endmodule

`resetall
