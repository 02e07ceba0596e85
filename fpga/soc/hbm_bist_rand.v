// hbm_bist_rand - the self-test SoC's random numbers: the splitmix64
// sequence of the simulation tools (sim/hbm_rand.h: state += 0x9E37...,
// then two xor-shift-multiply rounds), so the hardware traffic generator
// draws the same numbers as hbmsim's workloads for the same seed.
//
// Clocking: clk_i; synchronous active-high rst_i empties the FIFO and loads
// seed_i as the generator's state (the first value is mix(seed + gamma), as
// hbm_rand_next's first call).
// Latency: values are made in a 12-stage pipeline into a FIFO of DEPTH
// (show-ahead: value_o is the oldest value while valid_o); the pipeline
// runs ahead of the consumer, so after the FIFO fills (DEPTH + 12 clocks
// after reset) pop_i can take one value every clock.
// Owns: value_o and pct_o = value_o % 100 (hbmsim's `rng % 100 < pct`
// tests), worked out in the pipeline from the value's 16-bit pieces
// (2^16, 2^32, 2^48 are 36, 96, 56 modulo 100); the reduction's
// multiplications by constants are written as shifts and adds (no
// multiplier block), two reduction steps a stage.  The splitmix
// multiplications (by MUL1, MUL2) use the multiplier blocks.
`default_nettype none

module hbm_bist_rand #(
    parameter integer DEPTH = 16  // FIFO entries, 16..64 (one value a clock needs STAGES + 2)
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
    localparam integer STAGES = 12;

    generate
        if (DEPTH < STAGES + 2 || DEPTH > 64 || DEPTH != (1 << PB)) begin : gen_bad
            initial begin
                $display("%m: DEPTH = %0d must be a power of two, 16..64", DEPTH);
                $finish;
            end
            INVALID_PARAMETER_DEPTH u_bad ();
        end
    endgenerate

    localparam [63:0] GAMMA = 64'h9E3779B97F4A7C15;
    localparam [63:0] MUL1  = 64'hBF58476D1CE4E5B9;
    localparam [63:0] MUL2  = 64'h94D049BB133111EB;

    // ---- the pipeline: stage k holds a value while busy_q[k-1] -----------------
    // 1 z = state + gamma; 2 z ^ z >> 30; 3-4 the first multiply (two halves,
    // then their sum); 5 x ^ x >> 27; 6-7 the second multiply; 8 the value
    // and its 16-bit pieces times 36, 96 and 56; 9 their sum; 10-12 that sum
    // reduced modulo 100 (the FIFO takes the value with its residue).
    reg [63:0]       state_q;
    reg [STAGES-1:0] busy_q;
    reg [63:0]       s1_q, s2_q, s4_q, s5_q, s7_q, s8_q, s9_q, s10_q, s11_q, s12_q;
    reg [63:0]       s3_lo_q, s3_hi_q, s6_lo_q, s6_hi_q;   // the multiplies' halves
    reg [22:0]       s8_p0_q, s8_p1_q, s8_p2_q, s8_p3_q;   // the value's pieces, weighted (< 2^23)
    reg [23:0]       s9_sum_q;   // s9_q modulo 100, before the reductions
    reg [13:0]       s10_r2_q;   // ... reduced below 2^14
    reg [9:0]        s11_r4_q;   // ... below 2^10
    reg [6:0]        s12_pct_q;
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

    // x * M modulo 2^64 as (x_lo * M) + (x_hi * M_lo) << 32: two products
    // a clock, their sum the next
    wire [63:0] m1_lo = {32'd0, s2_q[31:0]} * MUL1;
    wire [63:0] m1_hi = {32'd0, s2_q[63:32]} * {32'd0, MUL1[31:0]};
    wire [63:0] m1    = s3_lo_q + {s3_hi_q[31:0], 32'd0};
    wire [63:0] m2_lo = {32'd0, s5_q[31:0]} * MUL2;
    wire [63:0] m2_hi = {32'd0, s5_q[63:32]} * {32'd0, MUL2[31:0]};
    wire [63:0] m2    = s6_lo_q + {s6_hi_q[31:0], 32'd0};
    wire [63:0] v     = s7_q ^ (s7_q >> 31);   // s7_q: m2; v is the value
    // v mod 100 from its 16-bit pieces: below 65535 * 189 < 2^24
    // (36 = 32 + 4, 96 = 64 + 32, 56 = 64 - 8)
    wire [22:0] p0   = {7'd0, v[15:0]};
    wire [22:0] p1   = {2'd0, v[31:16], 5'd0} + {5'd0, v[31:16], 2'd0};
    wire [22:0] p2   = {1'd0, v[47:32], 6'd0} + {2'd0, v[47:32], 5'd0};
    wire [22:0] p3   = {1'd0, v[63:48], 6'd0} - {4'd0, v[63:48], 3'd0};
    wire [23:0] sum4 = ({1'd0, s8_p0_q} + {1'd0, s8_p1_q}) + ({1'd0, s8_p2_q} + {1'd0, s8_p3_q});
    // 24 -> 19 -> 14 bits (2^12 and 2^10 are 96 and 24 modulo 100), then
    // 7-bit pieces (2^7 is 28 modulo 100) down to below 400
    // (28 = 32 - 4, 24 = 16 + 8)
    wire [11:0] h1 = s9_sum_q[23:12];
    wire [18:0] r1 = {7'd0, s9_sum_q[11:0]} + ({1'd0, h1, 6'd0} + {2'd0, h1, 5'd0});
    wire [8:0]  h2 = r1[18:10];
    wire [13:0] r2 = {4'd0, r1[9:0]} + ({1'd0, h2, 4'd0} + {2'd0, h2, 3'd0});
    wire [6:0]  h3 = s10_r2_q[13:7];
    wire [11:0] r3 = {5'd0, s10_r2_q[6:0]} + ({h3, 5'd0} - {3'd0, h3, 2'd0});
    wire [4:0]  h4 = r3[11:7];
    wire [9:0]  r4 = {3'd0, r3[6:0]} + ({h4, 5'd0} - {3'd0, h4, 2'd0});
    wire [2:0]  h5 = s11_r4_q[9:7];
    wire [8:0]  r5 = {2'd0, s11_r4_q[6:0]} + ({1'd0, h5, 5'd0} - {4'd0, h5, 2'd0});
    wire [8:0]  r6 = r5 >= 9'd300 ? r5 - 9'd300 : r5 >= 9'd200 ? r5 - 9'd200 :
                     r5 >= 9'd100 ? r5 - 9'd100 : r5;
    wire        push = busy_q[STAGES-1];
    wire        unused_r6 = ^{r6[8:7], s3_hi_q[63:32], s6_hi_q[63:32]};   // below 100 by then; bits past 2^64

    always @(posedge clk_i) begin
        if (rst_i) begin
            state_q <= seed_i;
            busy_q  <= {STAGES{1'b0}};
        end else begin
            busy_q <= {busy_q[STAGES-2:0], start};
            if (start)
                state_q <= state_q + GAMMA;
        end
        s1_q      <= state_q + GAMMA;    // z = (state += gamma)
        s2_q      <= s1_q ^ (s1_q >> 30);
        s3_lo_q   <= m1_lo;
        s3_hi_q   <= m1_hi;
        s4_q      <= m1;
        s5_q      <= s4_q ^ (s4_q >> 27);
        s6_lo_q   <= m2_lo;
        s6_hi_q   <= m2_hi;
        s7_q      <= m2;
        s8_q      <= v;
        s8_p0_q   <= p0;
        s8_p1_q   <= p1;
        s8_p2_q   <= p2;
        s8_p3_q   <= p3;
        s9_q      <= s8_q;
        s9_sum_q  <= sum4;
        s10_q     <= s9_q;
        s10_r2_q  <= r2;
        s11_q     <= s10_q;
        s11_r4_q  <= r4;
        s12_q     <= s11_q;
        s12_pct_q <= r6[6:0];
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
            fifo_v[wr_q] <= s12_q;
            fifo_p[wr_q] <= s12_pct_q;
        end
    end
    assign valid_o = count_q != 0;
    assign value_o = fifo_v[rd_q];
    assign pct_o   = fifo_p[rd_q];
endmodule

`resetall
