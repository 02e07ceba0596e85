// hbm_bist_div - unsigned integer division, one quotient bit a clock
// (restoring): the self-test SoC's few divisions (the workloads' slices and
// tiles at set-up, the report's percentages and averages).
//
// Clocking: clk_i, synchronous active-high rst_i.
// Latency: W + 1 clocks from start_i to done_o (a one-clock pulse); the
// operands are taken at start_i.  Division by zero gives quotient all ones
// and remainder n (the callers never divide by zero; the report prints
// 0.00 itself for an empty run).
`default_nettype none

module hbm_bist_div #(
    parameter integer W = 64   // operand width
) (
    input  wire         clk_i,
    input  wire         rst_i,
    input  wire         start_i,
    input  wire [W-1:0] n_i,       // dividend
    input  wire [W-1:0] d_i,       // divisor
    output reg          done_o,
    output wire [W-1:0] q_o,
    output wire [W-1:0] r_o
);
    localparam integer CB = W <= 8 ? 4 : W <= 16 ? 5 : W <= 32 ? 6 : W <= 64 ? 7 : 8;

    generate
        if (W < 2 || W > 128) begin : gen_bad
            initial begin
                $display("%m: W = %0d must be 2..128", W);
                $finish;
            end
            INVALID_PARAMETER_W u_bad ();
        end
    endgenerate

    reg [W-1:0]  q_q;    // dividend bits still to shift out, quotient bits in
    reg [W:0]    r_q;    // partial remainder
    reg [W-1:0]  d_q;
    reg [CB-1:0] left_q; // bits still to do
    reg          busy_q;
    wire [W:0]   shifted = {r_q[W-1:0], q_q[W-1]};
    wire [W:0]   diff = shifted - {1'b0, d_q};
    wire         fits = !diff[W];

    always @(posedge clk_i) begin
        done_o <= 1'b0;
        if (rst_i) begin
            busy_q <= 1'b0;
        end else if (start_i) begin
            busy_q <= 1'b1;
            left_q <= W[CB-1:0];
            q_q    <= n_i;
            r_q    <= {(W+1){1'b0}};
            d_q    <= d_i;
        end else if (busy_q) begin
            r_q    <= fits ? diff : shifted;
            q_q    <= {q_q[W-2:0], fits};
            left_q <= left_q - 1'b1;
            if (left_q == 1) begin
                busy_q <= 1'b0;
                done_o <= 1'b1;
            end
        end
    end
    assign q_o = q_q;
    assign r_o = r_q[W-1:0];
    wire unused = r_q[W];   // the partial remainder is below d_q < 2^W once done
endmodule

`resetall
