// hbm_bist_cmd - the self-test SoC's register file and the commands that
// set it over the serial port, a line at a time (CR or LF ends a line;
// spaces are ignored; empty lines too):
//   R=HEX   register R (one hex digit) takes HEX (1..16 hex digits)
//           0 workload (kind, hbm_bist_gen: 0..5)   1 param1   2 param2
//           3 requests (1..2^32-1)                 4 seed (64 bits)
//   g       run the workload in the registers
//   n       the next workload (kind + 1, wrapping after tiled) with its
//           hbmsim default parameters, then run it (the board's button too)
//   h       print the help line
// Bad input never changes a register; it raises err_o with the message
// to print (MSG_* of hbm_bist_report) and its argument: a line that is
// none of the above (MSG_SYNTAX), a register above 4 (MSG_REG, the
// register), a workload above 5 (MSG_KIND, the value), requests 0 or
// above 32 bits (MSG_LEN, the value), a parameter above 32 bits
// (MSG_SYNTAX), and at `g` parameters the workload cannot take
// (MSG_PARAM: multistream n 1..64; stride bytes 32..C/2; mixed write_pct
// 0..100; tiled chunk 32..pitch and pitch 64..C/2; bytes in multiples of 32).
//
// A byte lost to a framing error (rx_error_i) makes its line bad.  While
// busy_i (a run is in progress) `n` and the button are refused with
// MSG_BUSY and change nothing (`g` is answered so by the SoC).
//
// Clocking: clk_i, synchronous active-high rst_i (registers to their
// defaults: stream, DEFAULT_REQUESTS requests, seed 1).  Input bytes on
// rx_valid_i/rx_data_i (hbm_uart_rx); next_i (a one-clock pulse) is `n`.
`default_nettype none

module hbm_bist_cmd #(
    parameter integer ADDR_BITS        = 28,      // capacity C = 2^ADDR_BITS bytes
    parameter integer DEFAULT_REQUESTS = 100000
) (
    input  wire        clk_i,
    input  wire        rst_i,
    input  wire        rx_valid_i,
    input  wire [7:0]  rx_data_i,
    input  wire        rx_error_i,
    input  wire        next_i,
    input  wire        busy_i,
    output reg  [2:0]  kind_o,
    output reg  [31:0] param1_o,
    output reg  [31:0] param2_o,
    output reg  [31:0] requests_o,
    output reg  [63:0] seed_o,
    output reg         go_o,       // run the registers' workload (checked)
    output reg         help_o,     // print the help line
    output reg         err_o,      // print message err_msg_o with err_arg_o
    output reg  [3:0]  err_msg_o,
    output reg  [63:0] err_arg_o
);
    localparam [3:0] MSG_SYNTAX = 4'd2, MSG_REG = 4'd3, MSG_KIND = 4'd4, MSG_LEN = 4'd5, MSG_PARAM = 4'd6,
                     MSG_BUSY = 4'd7;
    localparam [31:0] DEF_REQ = DEFAULT_REQUESTS;
    localparam [32:0] HALF_C = 33'd1 << (ADDR_BITS - 1);

    generate
        if (ADDR_BITS < 16 || ADDR_BITS > 30 || DEFAULT_REQUESTS < 1) begin : gen_bad
            initial begin
                $display("%m: ADDR_BITS = %0d must be 16..30 (the defaults of n fit from 16), DEFAULT_REQUESTS = %0d at least 1",
                         ADDR_BITS, DEFAULT_REQUESTS);
                $finish;
            end
            INVALID_PARAMETER_CMD u_bad ();
        end
    endgenerate

    // ---- the line ------------------------------------------------------------
    localparam [2:0] L_START = 3'd0, L_EQ = 3'd1, L_HEX = 3'd2, L_CMD = 3'd3, L_BAD = 3'd4;
    reg [2:0]  line_q;
    reg [3:0]  reg_q;       // the register named
    reg [7:0]  cmd_q;       // g, n or h
    reg [63:0] value_q;
    reg [4:0]  digits_q;
    reg        go_next_q;   // `n` set the registers: run them next clock

    wire [7:0] c = rx_data_i;
    wire       eol = c == 8'h0d || c == 8'h0a;
    wire       is_dec = c >= "0" && c <= "9";
    wire       is_hex_lc = c >= "a" && c <= "f";
    wire       is_hex_uc = c >= "A" && c <= "F";
    wire       is_hex = is_dec || is_hex_lc || is_hex_uc;
    wire [3:0] nibble = is_dec ? c[3:0] : c[3:0] + 4'd9;   // 'a'/'A' = 0x61/0x41: low nibble 1
    wire       wide32 = value_q[63:32] != 32'd0;

    wire       want_next = next_i || (rx_valid_i && eol && line_q == L_CMD && cmd_q == "n");
    wire       do_next = want_next && !busy_i;
    wire [2:0] next_kind = kind_o >= 3'd5 ? 3'd0 : kind_o + 1'b1;

    // Parameters the registers' workload cannot take.
    reg params_ok;
    always @* begin
        case (kind_o)
            3'd1: params_ok = param1_o >= 32'd1 && param1_o <= 32'd64;
            3'd2: params_ok = param1_o[4:0] == 5'd0 && param1_o >= 32'd32 && {1'b0, param1_o} <= HALF_C;
            3'd4: params_ok = param1_o <= 32'd100;
            3'd5: params_ok = param1_o[4:0] == 5'd0 && param2_o[4:0] == 5'd0 && param1_o >= 32'd32 &&
                              param2_o >= 32'd64 && param1_o <= param2_o && {1'b0, param2_o} <= HALF_C;
            default: params_ok = 1'b1;
        endcase
    end

    always @(posedge clk_i) begin
        go_o   <= 1'b0;
        help_o <= 1'b0;
        err_o  <= 1'b0;
        if (rst_i) begin
            line_q     <= L_START;
            kind_o     <= 3'd0;
            param1_o   <= 32'd0;
            param2_o   <= 32'd0;
            requests_o <= DEF_REQ;
            seed_o     <= 64'd1;
            go_next_q  <= 1'b0;
        end else begin
            go_next_q <= 1'b0;
            if (go_next_q)
                go_o <= 1'b1;   // `n`'s defaults always fit
            if (rx_valid_i && c != " ") begin
                case (line_q)
                    L_START: begin
                        value_q  <= 64'd0;
                        digits_q <= 5'd0;
                        if (eol) begin
                            line_q <= L_START;
                        end else if (is_hex && !(c == "g" || c == "n" || c == "h")) begin
                            reg_q  <= nibble;
                            line_q <= L_EQ;
                        end else if (c == "g" || c == "n" || c == "h") begin
                            cmd_q  <= c;
                            line_q <= L_CMD;
                        end else begin
                            line_q <= L_BAD;
                        end
                    end
                    L_EQ: line_q <= c == "=" ? L_HEX : L_BAD;
                    L_HEX: begin
                        if (is_hex && digits_q != 5'd16) begin
                            value_q  <= {value_q[59:0], nibble};
                            digits_q <= digits_q + 1'b1;
                        end else if (!eol) begin
                            line_q <= L_BAD;
                        end
                    end
                    L_CMD: if (!eol) line_q <= L_BAD;
                    default: ;   // L_BAD: to the end of the line
                endcase
                if (eol && line_q != L_START) begin
                    line_q    <= L_START;
                    err_arg_o <= value_q;
                    err_msg_o <= MSG_SYNTAX;
                    if (line_q == L_BAD || line_q == L_EQ || (line_q == L_HEX && digits_q == 5'd0)) begin
                        err_o <= 1'b1;
                    end else if (line_q == L_CMD) begin
                        if (cmd_q == "h") begin
                            help_o <= 1'b1;
                        end else if (cmd_q == "n") begin
                            ;   // below, as the button
                        end else if (params_ok) begin
                            go_o <= 1'b1;
                        end else begin
                            err_o     <= 1'b1;
                            err_msg_o <= MSG_PARAM;
                        end
                    end else begin   // L_HEX with its digits: a register write
                        case (reg_q)
                            4'd0: if (value_q > 64'd5) begin
                                err_o     <= 1'b1;
                                err_msg_o <= MSG_KIND;
                            end else begin
                                kind_o <= value_q[2:0];
                            end
                            4'd1: if (wide32) err_o <= 1'b1; else param1_o <= value_q[31:0];
                            4'd2: if (wide32) err_o <= 1'b1; else param2_o <= value_q[31:0];
                            4'd3: if (wide32 || value_q == 64'd0) begin
                                err_o     <= 1'b1;
                                err_msg_o <= MSG_LEN;
                            end else begin
                                requests_o <= value_q[31:0];
                            end
                            4'd4: seed_o <= value_q;
                            default: begin
                                err_o     <= 1'b1;
                                err_msg_o <= MSG_REG;
                                err_arg_o <= {60'd0, reg_q};
                            end
                        endcase
                    end
                end
            end
            if (rx_error_i)   // a byte of this line was lost
                line_q <= L_BAD;
            if (want_next && busy_i) begin
                err_o     <= 1'b1;
                err_msg_o <= MSG_BUSY;
            end
            if (do_next) begin   // the next workload with hbmsim's defaults, then run
                kind_o   <= next_kind;
                param1_o <= 32'd0;
                param2_o <= 32'd0;
                case (next_kind)
                    3'd1: param1_o <= 32'd4;        // multistream:n=4
                    3'd2: param1_o <= 32'd4096;     // stride:bytes=4096
                    3'd4: param1_o <= 32'd20;       // mixed:write_pct=20
                    3'd5: begin                     // tiled:chunk=1536,pitch=16384
                        param1_o <= 32'd1536;
                        param2_o <= 32'd16384;
                    end
                    default: ;
                endcase
                go_next_q <= 1'b1;
            end
        end
    end
endmodule

`resetall
