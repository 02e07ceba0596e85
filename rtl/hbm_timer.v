// hbm_timer - the down-counters every DRAM timing rule is built from.
//
// Clocking: clk_i, synchronous active-high rst_i.  Latency: ready_o is
// combinational from the counter registers.
// Function: COUNT independent timers (one per bank, per bank group, or one
// for the channel).  Timer i is ready in a cycle when the rule it guards
// allows the command there.  A command that starts the rule on timer i in
// cycle t (a load with delay d) makes it not ready until cycle t + d.
// Loads only ever extend the wait: count := max(count - 1, d - 1), the same
// function as the C model's "earliest := max(earliest, t + d)"
// (model/hbm_timing.c).  Two load ports, because a cycle can carry a row
// and a column command; loads of delay 0 do nothing.
// Owns no rule itself: the instantiating module says which rule it is.
`default_nettype none

module hbm_timer #(
    parameter integer COUNT    = 1,   // timers
    parameter integer IDX_BITS = 1,   // width of a timer index, 2^IDX_BITS >= COUNT
    parameter integer WIDTH    = 9    // counter width: delays up to 2^WIDTH - 1
) (
    input  wire                clk_i,
    input  wire                rst_i,
    input  wire [IDX_BITS-1:0] a_idx_i,    // load port a: timer and delay in clocks
    input  wire [WIDTH-1:0]    a_delay_i,
    input  wire [IDX_BITS-1:0] b_idx_i,    // load port b
    input  wire [WIDTH-1:0]    b_delay_i,
    output reg  [COUNT-1:0]    ready_o     // timer i: the guarded command may issue now
);
    generate
        if (COUNT < 1 || IDX_BITS < 1 || (1 << IDX_BITS) < COUNT || WIDTH < 1) begin : gen_bad_params
            initial begin
                $display("%m: COUNT = %0d, IDX_BITS = %0d, WIDTH = %0d do not fit", COUNT, IDX_BITS, WIDTH);
                $finish;
            end
            INVALID_PARAMETER_TIMER u_bad ();
        end
    endgenerate

    // The counters are kept as bit planes: plane_q[j][i] is bit j of timer
    // i.  All timers then count down together with WIDTH vector operations
    // (a borrow rippling up the planes), and "ready" is one NOR of the
    // planes.  The hardware is the same COUNT decrementers either way; the
    // planes make the simulation of 16 timers as cheap as one.
    reg  [WIDTH*COUNT-1:0] planes_q;   // plane j at [j*COUNT +: COUNT]
    wire [WIDTH-1:0] a_left = a_delay_i - 1'b1;
    wire [WIDTH-1:0] b_left = b_delay_i - 1'b1;
    wire [31:0]      a_at = {{(32-IDX_BITS){1'b0}}, a_idx_i};
    wire [31:0]      b_at = {{(32-IDX_BITS){1'b0}}, b_idx_i};
    reg  [COUNT-1:0] busy;   // timers not at zero
    integer j;
    always @* begin
        busy = {COUNT{1'b0}};
        for (j = 0; j < WIDTH; j = j + 1)
            busy = busy | planes_q[j*COUNT +: COUNT];
        ready_o = ~busy;
    end

    always @(posedge clk_i) begin : count
        reg [COUNT-1:0]       borrow, plane;
        reg [WIDTH*COUNT-1:0] planes_d;
        reg [WIDTH-1:0]       now_a, now_b;
        integer k;
        // Every busy timer counts down by one.
        borrow = busy;
        for (k = 0; k < WIDTH; k = k + 1) begin
            plane = planes_q[k*COUNT +: COUNT];
            planes_d[k*COUNT +: COUNT] = plane ^ borrow;
            borrow = borrow & ~plane;
        end
        // Loads, in the cycles that have them: count := max(count, delay - 1).
        if (a_delay_i != {WIDTH{1'b0}}) begin
            for (k = 0; k < WIDTH; k = k + 1)
                now_a[k] = planes_d[k*COUNT + a_at];
            if (a_left > now_a)
                for (k = 0; k < WIDTH; k = k + 1)
                    planes_d[k*COUNT + a_at] = a_left[k];
        end
        if (b_delay_i != {WIDTH{1'b0}}) begin
            for (k = 0; k < WIDTH; k = k + 1)
                now_b[k] = planes_d[k*COUNT + b_at];
            if (b_left > now_b)
                for (k = 0; k < WIDTH; k = k + 1)
                    planes_d[k*COUNT + b_at] = b_left[k];
        end
        planes_q <= rst_i ? {(WIDTH*COUNT){1'b0}} : planes_d;
    end
endmodule

`resetall
