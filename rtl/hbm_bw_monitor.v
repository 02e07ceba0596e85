// hbm_bw_monitor - the bandwidth monitor of one controller: the bytes the
// response port delivers, reads and writes apart, and, over windows of a
// programmable number of clocks, the bytes of each window (the last one,
// the least, the most and their sum), from which software reads minimum,
// maximum and average bandwidth; and the energy counters: ACT, RD/RDA and
// WR/WRA commands, REFAB and REFPB, and DRAM clocks with a bank open, what
// the energy model's formulas multiply (docs/energy.md).  A small register
// port programs and reads it; the register map is model/hbm_encoding.def's
// (HBM_BWMON_REG), the
// behaviour docs/microarchitecture.md, "The bandwidth monitor".  Its C
// twin is model/hbm_bw_monitor.c.
//
// Clocking: clk_i, synchronous active-high rst_i.  Every register and the
// read data are updated at the rising edge: reg_rdata_o is the register
// reg_addr_i named in the previous clock, as it was before that edge.
// At an edge, in order of precedence:
//   - a write to CLEAR zeroes every counter and the window's progress (the
//     edge's own response is not counted); the window length stays;
//   - a write to WINDOW sets the window length (bits WINDOW_BITS-1:0; 0:
//     no windows) and restarts the windows (the counts of windows, least,
//     most, sum and last are cleared); the edge's response still counts in
//     the byte counters, not in a window;
//   - CLEAR also zeroes the energy counters; otherwise each counts what
//     its inputs say of the clock;
//   - otherwise a response taken counts 32 bytes in its byte counter and,
//     with windows on, in the current window; the window's last clock
//     closes it: its bytes become the last window and enter least, most
//     and sum, and the next clock starts a window at 0.
// A window's bytes fit in 32 bits for any length: at most one 32-byte
// response per clock, and lengths below 2^27.
`default_nettype none
`include "hbm_defs.vh"

module hbm_bw_monitor #(
    parameter integer WINDOW_RESET = `HBM_BWMON_WINDOW_RESET   // window length after reset, clocks
) (
    input  wire                            clk_i,
    input  wire                            rst_i,
    // the response port's handshake of this clock (at most one of the two)
    input  wire                            rd_done_i,   // a read's data taken
    input  wire                            wr_done_i,   // a write's acknowledgement taken
    // the commands of this clock, and its DRAM clocks with a bank open
    input  wire                            act_i,       // an ACT
    input  wire                            rd_i,        // an RD or RDA
    input  wire                            wr_i,        // a WR or WRA
    input  wire                            refab_i,     // a REFAB
    input  wire                            refpb_i,     // a REFPB
    input  wire [1:0]                      active_i,    // 0 .. dfi_ratio
    // register port
    input  wire [`HBM_BWMON_ADDR_BITS-1:0] reg_addr_i,
    input  wire                            reg_we_i,
    input  wire [31:0]                     reg_wdata_i,
    output reg  [31:0]                     reg_rdata_o
);
    localparam integer WB = `HBM_BWMON_WINDOW_BITS;
    localparam [31:0] NONE = 32'hffff_ffff;   // least bytes before the first window closes

    reg [WB-1:0] window_q;     // clocks per window, 0: off
    reg [WB-1:0] pos_q;        // clocks of the current window so far
    reg [31:0]   cur_q;        // bytes of the current window so far
    reg [31:0]   last_q, least_q, most_q, windows_q;
    reg [63:0]   sum_q;        // bytes of every closed window
    reg [63:0]   rd_bytes_q, wr_bytes_q;
    reg [63:0]   acts_q, rds_q, wrs_q, active_q;   // energy counters
    reg [31:0]   refabs_q, refpbs_q;

    wire        done      = rd_done_i | wr_done_i;
    wire [31:0] window_bytes = cur_q + (done ? 32'd32 : 32'd0);   // with this clock's response
    wire        closing   = window_q != {WB{1'b0}} && pos_q == window_q - 1'b1;
    wire        clear     = reg_we_i && reg_addr_i == `HBM_BWMON_CLEAR;
    wire        set_window = reg_we_i && reg_addr_i == `HBM_BWMON_WINDOW;

    // A window length has WB bits; the write data's upper bits are ignored.
    wire unused = ^reg_wdata_i[31:WB];

    reg [31:0] value;   // the addressed register
    always @* begin
        case (reg_addr_i)
            `HBM_BWMON_WINDOW:   value = {{(32 - WB){1'b0}}, window_q};
            `HBM_BWMON_READ_LO:  value = rd_bytes_q[31:0];
            `HBM_BWMON_READ_HI:  value = rd_bytes_q[63:32];
            `HBM_BWMON_WRITE_LO: value = wr_bytes_q[31:0];
            `HBM_BWMON_WRITE_HI: value = wr_bytes_q[63:32];
            `HBM_BWMON_WINDOWS:  value = windows_q;
            `HBM_BWMON_LEAST:    value = least_q;
            `HBM_BWMON_MOST:     value = most_q;
            `HBM_BWMON_SUM_LO:   value = sum_q[31:0];
            `HBM_BWMON_SUM_HI:   value = sum_q[63:32];
            `HBM_BWMON_LAST:     value = last_q;
            `HBM_BWMON_CURRENT:  value = cur_q;
            `HBM_BWMON_POSITION: value = {{(32 - WB){1'b0}}, pos_q};
            `HBM_BWMON_ACTS_LO:  value = acts_q[31:0];
            `HBM_BWMON_ACTS_HI:  value = acts_q[63:32];
            `HBM_BWMON_RDS_LO:   value = rds_q[31:0];
            `HBM_BWMON_RDS_HI:   value = rds_q[63:32];
            `HBM_BWMON_WRS_LO:   value = wrs_q[31:0];
            `HBM_BWMON_WRS_HI:   value = wrs_q[63:32];
            `HBM_BWMON_REFABS:   value = refabs_q;
            `HBM_BWMON_REFPBS:   value = refpbs_q;
            `HBM_BWMON_ACTIVE_LO: value = active_q[31:0];
            `HBM_BWMON_ACTIVE_HI: value = active_q[63:32];
            default:             value = 32'd0;
        endcase
    end

    always @(posedge clk_i) begin
        if (rst_i) begin
            window_q    <= WINDOW_RESET[WB-1:0];
            pos_q       <= {WB{1'b0}};
            cur_q       <= 32'd0;
            last_q      <= 32'd0;
            least_q     <= NONE;
            most_q      <= 32'd0;
            windows_q   <= 32'd0;
            sum_q       <= 64'd0;
            rd_bytes_q  <= 64'd0;
            wr_bytes_q  <= 64'd0;
            acts_q      <= 64'd0;
            rds_q       <= 64'd0;
            wrs_q       <= 64'd0;
            active_q    <= 64'd0;
            refabs_q    <= 32'd0;
            refpbs_q    <= 32'd0;
            reg_rdata_o <= 32'd0;
        end else begin
            reg_rdata_o <= value;
            if (clear || set_window) begin
                pos_q     <= {WB{1'b0}};
                cur_q     <= 32'd0;
                last_q    <= 32'd0;
                least_q   <= NONE;
                most_q    <= 32'd0;
                windows_q <= 32'd0;
                sum_q     <= 64'd0;
            end
            if (clear) begin
                rd_bytes_q <= 64'd0;
                wr_bytes_q <= 64'd0;
                acts_q     <= 64'd0;
                rds_q      <= 64'd0;
                wrs_q      <= 64'd0;
                active_q   <= 64'd0;
                refabs_q   <= 32'd0;
                refpbs_q   <= 32'd0;
            end else begin
                if (rd_done_i)
                    rd_bytes_q <= rd_bytes_q + 64'd32;
                if (wr_done_i)
                    wr_bytes_q <= wr_bytes_q + 64'd32;
                acts_q   <= acts_q + {63'd0, act_i};
                rds_q    <= rds_q + {63'd0, rd_i};
                wrs_q    <= wrs_q + {63'd0, wr_i};
                refabs_q <= refabs_q + {31'd0, refab_i};
                refpbs_q <= refpbs_q + {31'd0, refpb_i};
                active_q <= active_q + {62'd0, active_i};
            end
            if (set_window)
                window_q <= reg_wdata_i[WB-1:0];
            if (!clear && !set_window && window_q != {WB{1'b0}}) begin
                if (closing) begin
                    pos_q     <= {WB{1'b0}};
                    cur_q     <= 32'd0;
                    last_q    <= window_bytes;
                    windows_q <= windows_q + 32'd1;
                    sum_q     <= sum_q + {32'd0, window_bytes};
                    if (window_bytes < least_q)
                        least_q <= window_bytes;
                    if (window_bytes > most_q)
                        most_q <= window_bytes;
                end else begin
                    pos_q <= pos_q + 1'b1;
                    cur_q <= window_bytes;
                end
            end
        end
    end
endmodule
`resetall
