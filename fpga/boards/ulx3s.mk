# ulx3s.mk - the ULX3S board (Radiona): Lattice LFE5U-85F-6BG381C, a 25 MHz
# oscillator, an FTDI serial port, 8 LEDs and 7 buttons.  Read by the
# Makefile for BOARD=ulx3s (make fpga-sim, make bitstream).
BOARD_FAMILY := ecp5
BOARD_CONFIG := configs/hbm2_2000.ini
BOARD_KNOBS  := fpga/boards/ulx3s.knobs
# the SoC's clock: what its serial port divides down to 115200 baud
BOARD_CLK_HZ := 40000000
# the clock of the FuseSoC core's build (hbmctl.core, target ulx3s; its PLL
# fpga/boards/ulx3s_pll_fusesoc.v): edalize synthesizes with Debian's Yosys
# 0.23, whose netlist of the SoC routed at 32.3 MHz against 40 (34.9 at 30);
# make bitstream (the current Yosys) runs at 40 MHz: 42.8 MHz routed since
# the controller's request port register (fpga/README.md)
BOARD_FUSESOC_CLK_HZ := 30000000
# the device model keeps 2^(4 banks + this + 5 columns) bursts (32 KiB at 1):
# fewer block RAMs spread over the die
BOARD_WINDOW_ROW_BITS := 1
BOARD_DEVICE  := 85k
BOARD_PACKAGE := CABGA381
BOARD_SPEED   := 6
BOARD_PROGRAM := openFPGALoader --board ulx3s
