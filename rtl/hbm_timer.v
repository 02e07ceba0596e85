// hbm_timer - the down-counter every DRAM timing rule is built from.
//
// Clocking: clk_i, synchronous active-high rst_i.  Latency: ready_o is
// combinational from the counter register.
// Function: ready_o is 1 in a cycle when the rule it guards allows the
// command.  A command that starts the rule in cycle t (load_i with delay_i)
// makes ready_o 0 until cycle t + delay_i.  Loads only ever extend the wait:
// count := max(count - 1, delay - 1), the same function as the C model's
// "earliest := max(earliest, t + delay)" (model/hbm_timing.c).
// Owns no rule itself: the instantiating module says which rule it is.
`default_nettype none

module hbm_timer #(
    parameter integer WIDTH = 12  // counter width; delays up to 2^WIDTH
) (
    input  wire             clk_i,
    input  wire             rst_i,
    input  wire             load_i,   // a command starting the rule issues now
    input  wire [WIDTH-1:0] delay_i,  // its delay in clocks (>= 1 when load_i)
    output wire             ready_o   // the guarded command may issue now
);
    reg  [WIDTH-1:0] count_q;
    wire [WIDTH-1:0] count_dec = (count_q == {WIDTH{1'b0}}) ? count_q : count_q - 1'b1;
    wire [WIDTH-1:0] delay_m1  = delay_i - 1'b1;
    wire [WIDTH-1:0] count_d   = (load_i && delay_m1 > count_dec) ? delay_m1 : count_dec;

    assign ready_o = (count_q == {WIDTH{1'b0}});

    always @(posedge clk_i) begin
        if (rst_i)
            count_q <= {WIDTH{1'b0}};
        else
            count_q <= count_d;
    end
endmodule

`resetall
