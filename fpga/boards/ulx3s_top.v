// ulx3s_top - the self-test SoC (fpga/soc/hbm_bist_top.v) on the ULX3S
// board: its 25 MHz oscillator through the ECP5 PLL to the SoC's clock,
// the FTDI serial port, the FIRE2 button and the eight LEDs (pins:
// ulx3s.lpf).
//
// Clocking: clk_25mhz in; the PLL (hbm_ulx3s_pll, written by ecppll for
// CLK_HZ at build time: make bitstream BOARD=ulx3s) makes clk, the SoC's
// one clock.  Reset: held until the PLL locks and for 2^16 clocks after
// (the serial line settles), synchronous to clk.
`default_nettype none

module ulx3s_top #(
    parameter integer CLK_HZ          = 40000000,   // the PLL's output (BOARD_CLK_HZ of ulx3s.mk; ulx3s_pll.v makes it)
    parameter integer WINDOW_ROW_BITS = 1           // the device's window (BOARD_WINDOW_ROW_BITS)
) (
    input  wire       clk_25mhz,
    input  wire       ftdi_txd,     // the FTDI chip's transmit: the SoC's receive
    output wire       ftdi_rxd,     // the SoC's transmit
    input  wire       btn_fire2,    // active high: run the next workload
    output wire [7:0] led
);
    wire clk, locked;
    hbm_ulx3s_pll u_pll (.clkin(clk_25mhz), .clkout0(clk), .locked(locked));

    // Power-on reset: the lock, brought into clk, then a count.
    reg [1:0]  lock_q;
    reg [16:0] por_q;
    always @(posedge clk) begin
        lock_q <= {lock_q[0], locked};
        if (!lock_q[1])
            por_q <= 17'd0;
        else if (!por_q[16])
            por_q <= por_q + 1'b1;
    end
    wire rst = !por_q[16];

    hbm_bist_top #(.CLK_HZ(CLK_HZ), .WINDOW_ROW_BITS(WINDOW_ROW_BITS)) u_soc (
        .clk_i(clk), .rst_i(rst), .uart_rx_i(ftdi_txd), .uart_tx_o(ftdi_rxd),
        .button_i(btn_fire2), .led_o(led));
endmodule

`resetall
