// hbm_uart_rx - serial receiver, 8N1, least significant bit first.
//
// Clocking: clk_i, synchronous active-high rst_i; rx_i is asynchronous
// (two flip-flops bring it into clk_i).  A bit lasts CLKS_PER_BIT clocks;
// each bit is sampled in its middle.
// Output: valid_o for one clock with data_o when a byte's stop bit was
// high; a byte whose stop bit is low (a framing error, or a break) is
// dropped, said by frame_error_o for one clock and counted in
// frame_errors_o.
`default_nettype none

module hbm_uart_rx #(
    parameter integer CLKS_PER_BIT = 434   // clocks per bit, 4..65535
) (
    input  wire       clk_i,
    input  wire       rst_i,
    input  wire       rx_i,
    output reg        valid_o,
    output reg  [7:0] data_o,
    output reg        frame_error_o,
    output reg  [7:0] frame_errors_o
);
    generate
        if (CLKS_PER_BIT < 4 || CLKS_PER_BIT > 65535) begin : gen_bad
            initial begin
                $display("%m: CLKS_PER_BIT = %0d must be 4..65535", CLKS_PER_BIT);
                $finish;
            end
            INVALID_PARAMETER_CLKS_PER_BIT u_bad ();
        end
    endgenerate

    localparam integer LAST_I = CLKS_PER_BIT - 1;
    localparam [15:0]  LAST = LAST_I[15:0];
    localparam integer HALF_I = CLKS_PER_BIT / 2 - 1;
    localparam [15:0]  HALF = HALF_I[15:0];
    reg        rx_q1, rx_q2;   // the synchronizer
    reg [3:0]  bits_q;         // 0 idle; 10 start bit, 9..2 data, 1 stop bit
    reg [15:0] clk_q;          // clocks to the next sample
    reg [7:0]  shift_q;

    always @(posedge clk_i) begin
        rx_q1   <= rx_i;
        rx_q2   <= rx_q1;
        valid_o       <= 1'b0;
        frame_error_o <= 1'b0;
        if (rst_i) begin
            rx_q1          <= 1'b1;
            rx_q2          <= 1'b1;
            bits_q         <= 4'd0;
            frame_errors_o <= 8'd0;
        end else if (bits_q == 4'd0) begin
            if (!rx_q2) begin   // a start bit begins: sample it in its middle
                bits_q <= 4'd10;
                clk_q  <= HALF;
            end
        end else if (clk_q != 16'd0) begin
            clk_q <= clk_q - 1'b1;
        end else begin
            clk_q  <= LAST;
            bits_q <= bits_q - 1'b1;
            if (bits_q == 4'd10 && rx_q2)
                bits_q <= 4'd0;                    // a glitch, not a start bit
            else if (bits_q >= 4'd2 && bits_q <= 4'd9)
                shift_q <= {rx_q2, shift_q[7:1]};
            else if (bits_q == 4'd1) begin
                if (rx_q2) begin
                    valid_o <= 1'b1;
                    data_o  <= shift_q;
                end else begin
                    frame_error_o <= 1'b1;
                    if (frame_errors_o != 8'hff)
                        frame_errors_o <= frame_errors_o + 1'b1;
                end
            end
        end
    end
endmodule

`resetall
