// hbm_uart_tx - serial transmitter, 8 data bits, no parity, one stop bit
// (8N1), least significant bit first; the line idles high.
//
// Clocking: clk_i, synchronous active-high rst_i.  A bit lasts
// CLKS_PER_BIT clocks (clock / baud rate, e.g. 50 MHz / 115200 = 434).
// Handshake: data_i is taken when valid_i && ready_o; ready_o is low while
// a byte (start bit, 8 data bits, stop bit) is on the line.
`default_nettype none

module hbm_uart_tx #(
    parameter integer CLKS_PER_BIT = 434   // clocks per bit, 4..65535
) (
    input  wire       clk_i,
    input  wire       rst_i,
    input  wire       valid_i,
    input  wire [7:0] data_i,
    output wire       ready_o,
    output wire       tx_o
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
    reg [9:0]  shift_q;   // stop bit, data, start bit: bit 0 on the line
    reg [3:0]  bits_q;    // bits still to send (0: idle)
    reg [15:0] clk_q;     // clocks of this bit still to go

    always @(posedge clk_i) begin
        if (rst_i) begin
            shift_q <= 10'h3ff;
            bits_q  <= 4'd0;
            clk_q   <= 16'd0;
        end else if (bits_q == 4'd0) begin
            if (valid_i) begin
                shift_q <= {1'b1, data_i, 1'b0};
                bits_q  <= 4'd10;
                clk_q   <= LAST;
            end
        end else if (clk_q != 16'd0) begin
            clk_q <= clk_q - 1'b1;
        end else begin
            shift_q <= {1'b1, shift_q[9:1]};
            bits_q  <= bits_q - 1'b1;
            clk_q   <= LAST;
        end
    end
    assign ready_o = bits_q == 4'd0;
    assign tx_o    = bits_q == 4'd0 ? 1'b1 : shift_q[0];
endmodule

`resetall
