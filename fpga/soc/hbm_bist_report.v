// hbm_bist_report - the self-test SoC's messages on the serial port: one
// line each, JSON, with hbmsim --json's field names, so a board's report
// can be compared with hbmsim's field by field (scripts/fpga_sim.py does).
//
// The messages are text templates in a ROM (below).  In a template
//   @x prints field x in decimal, %x prints field x as a ratio with two
//   decimals (rounded half up as hbmsim's hbm_format_ratio), $w prints the
//   workload's spec (a sub-template per kind);
// every message ends with CR LF.  Fields:
//   a cycles  b reads  c writes  d bytes read  e bytes written
//   f read latency max  t min (0 with no reads)  u sum
//   g row hits  h misses  i conflicts  j ACT  k PRE/PREA  l auto-precharges
//   m refreshes  n data errors  o protocol errors  v timing violations
//   z messages the printer's queue had no room for
//   p param1  q param2
//   r requests  s seed  x the message's argument  y capacity in bytes
//   %a bandwidth_pct (data-bus clocks / cycles)  %b read_latency_avg
// Clocking: clk_i, synchronous active-high rst_i.  start_i with msg_i
// (0 the report, 1 help, 2 bad command, 3 unknown register, 4 unknown
// workload, 5 bad request count, 6 bad parameters, 7 busy, 8 the run
// made no progress) prints that message with the values on the inputs,
// which must hold still until busy_o falls.  Bytes leave on out_valid_o/out_ready_i
// (hbm_uart_tx).  A number takes ~70 clocks to convert, a ratio ~160: the
// serial port is a hundred times slower.
// The ROM's contents come from the templates at elaboration (the one
// `initial` of the SoC: read-only memory has no other way in Verilog-2005).
`default_nettype none

module hbm_bist_report #(
    parameter integer ADDR_BITS = 28
) (
    input  wire        clk_i,
    input  wire        rst_i,
    input  wire        start_i,
    input  wire [3:0]  msg_i,
    output wire        busy_o,
    input  wire [2:0]  kind_i,
    input  wire [31:0] param1_i,
    input  wire [31:0] param2_i,
    input  wire [31:0] requests_i,
    input  wire [63:0] seed_i,
    input  wire [63:0] arg_i,
    input  wire [47:0] cycles_i,
    input  wire [47:0] reads_i,
    input  wire [47:0] writes_i,
    input  wire [47:0] lat_sum_i,
    input  wire [47:0] lat_max_i,
    input  wire [47:0] lat_min_i,
    input  wire [47:0] row_hits_i,
    input  wire [47:0] row_misses_i,
    input  wire [47:0] row_conflicts_i,
    input  wire [47:0] acts_i,
    input  wire [47:0] precharges_i,
    input  wire [47:0] auto_precharges_i,
    input  wire [47:0] refreshes_i,
    input  wire [47:0] data_busy_i,
    input  wire [47:0] data_errors_i,
    input  wire [15:0] protocol_errors_i,
    input  wire [15:0] timing_violations_i,
    input  wire [15:0] dropped_i,
    output reg         out_valid_o,
    output reg  [7:0]  out_data_o,
    input  wire        out_ready_i
);
    // ---- the messages ------------------------------------------------------
    localparam integer MAXL = 512;   // longest template, bytes
    localparam T_REPORT = {"{\"workload\": \"$w\", \"seed\": @s, \"requests\": @r, \"cycles\": @a, ",
        "\"reads\": @b, \"writes\": @c, \"bytes_read\": @d, \"bytes_written\": @e, \"bandwidth_pct\": %a, ",
        "\"read_latency_avg\": %b, \"read_latency_max\": @f, \"read_latency_min\": @t, \"read_latency_sum\": @u, ",
        "\"row_hits\": @g, \"row_misses\": @h, \"row_conflicts\": @i, \"acts\": @j, \"precharges\": @k, ",
        "\"auto_precharges\": @l, \"refreshes\": @m, \"data_errors\": @n, \"protocol_errors\": @o, ",
        "\"timing_violations\": @v, \"messages_dropped\": @z}"};
    localparam T_HELLO = {"{\"hbm_bist\": \"ready\", \"capacity_bytes\": @y, ",
        "\"registers\": \"0 workload, 1 param1, 2 param2, 3 requests, 4 seed\", ",
        "\"workloads\": \"0 stream, 1 multistream:n, 2 stride:bytes, 3 random, 4 mixed:write_pct, ",
        "5 tiled:chunk,pitch\", \"commands\": \"R=HEX sets register R; g runs the workload; ",
        "n runs the next workload; h prints this\"}"};
    localparam T_SYNTAX = "{\"error\": \"bad command: R=HEX (R 0..4, up to 16 hex digits), g, n or h\"}";
    localparam T_REG = {"{\"error\": \"unknown register @x: 0 workload, 1 param1, 2 param2, ",
        "3 requests, 4 seed\"}"};
    localparam T_KIND = {"{\"error\": \"unknown workload @x: 0 stream, 1 multistream, 2 stride, ",
        "3 random, 4 mixed, 5 tiled\"}"};
    localparam T_LEN = "{\"error\": \"requests must be 1..4294967295, not @x\"}";
    localparam T_PARAM = {"{\"error\": \"$w: a parameter is out of range (multistream n 1..64; ",
        "stride bytes 32..C/2; mixed write_pct 0..100; tiled chunk 32..pitch, pitch 64..C/2; ",
        "bytes in multiples of 32; C = @y)\"}"};
    localparam T_BUSY = "{\"error\": \"busy: a run is in progress\"}";
    localparam T_W0 = "stream";
    localparam T_W1 = "multistream:n=@p";
    localparam T_W2 = "stride:bytes=@p";
    localparam T_W3 = "random";
    localparam T_W4 = "mixed:write_pct=@p";
    localparam T_W5 = "tiled:chunk=@p,pitch=@q";
    localparam T_W6 = "?";   // kinds 6, 7 are refused before a run
    localparam T_STUCK = {"{\"error\": \"the run made no progress for 2^20 clocks (@x requests outstanding, ",
        "0 while the generator sets up); the run is abandoned and the controller reset\"}"};
    // A template's length: its literal sits in the low bytes, zeros above
    // (evaluated at elaboration: every call has a constant argument).
    function integer tlen(input [8*MAXL-1:0] s);
        integer i;
        begin
            tlen = 0;
            for (i = 0; i < MAXL; i = i + 1)
                if (s[8*i +: 8] != 8'd0)
                    tlen = i + 1;
        end
    endfunction
    localparam integer L0 = tlen(T_REPORT);
    localparam integer L1 = tlen(T_HELLO);
    localparam integer L2 = tlen(T_SYNTAX);
    localparam integer L3 = tlen(T_REG);
    localparam integer L4 = tlen(T_KIND);
    localparam integer L5 = tlen(T_LEN);
    localparam integer L6 = tlen(T_PARAM);
    localparam integer L7 = tlen(T_BUSY);
    localparam integer L8 = tlen(T_W0);
    localparam integer L9 = tlen(T_W1);
    localparam integer L10 = tlen(T_W2);
    localparam integer L11 = tlen(T_W3);
    localparam integer L12 = tlen(T_W4);
    localparam integer L13 = tlen(T_W5);
    localparam integer L14 = tlen(T_W6);
    localparam integer L15 = tlen(T_STUCK);
    // Where each template starts in the ROM (each ends with a zero byte).
    localparam integer O0 = 0;
    localparam integer O1 = O0 + L0 + 1;
    localparam integer O2 = O1 + L1 + 1;
    localparam integer O3 = O2 + L2 + 1;
    localparam integer O4 = O3 + L3 + 1;
    localparam integer O5 = O4 + L4 + 1;
    localparam integer O6 = O5 + L5 + 1;
    localparam integer O7 = O6 + L6 + 1;
    localparam integer O8 = O7 + L7 + 1;
    localparam integer O9 = O8 + L8 + 1;
    localparam integer O10 = O9 + L9 + 1;
    localparam integer O11 = O10 + L10 + 1;
    localparam integer O12 = O11 + L11 + 1;
    localparam integer O13 = O12 + L12 + 1;
    localparam integer O14 = O13 + L13 + 1;
    localparam integer O15 = O14 + L14 + 1;
    localparam integer ROM_BYTES = 2048;
    localparam integer ROM_USED = O15 + L15 + 1;

    generate
        if (ROM_USED > ROM_BYTES || ADDR_BITS < 12 || ADDR_BITS > 40) begin : gen_bad
            initial begin
                $display("%m: the templates take %0d bytes of the ROM's %0d; ADDR_BITS = %0d must be 12..40",
                         ROM_USED, ROM_BYTES, ADDR_BITS);
                $finish;
            end
            INVALID_PARAMETER_REPORT u_bad ();
        end
    endgenerate

    reg [7:0] rom [0:ROM_BYTES-1];
    integer i;
    initial begin
        for (i = 0; i < ROM_BYTES; i = i + 1)
            rom[i] = 8'd0;
        for (i = 0; i < L0; i = i + 1) rom[O0 + i] = T_REPORT[8*(L0-1-i) +: 8];
        for (i = 0; i < L1; i = i + 1) rom[O1 + i] = T_HELLO[8*(L1-1-i) +: 8];
        for (i = 0; i < L2; i = i + 1) rom[O2 + i] = T_SYNTAX[8*(L2-1-i) +: 8];
        for (i = 0; i < L3; i = i + 1) rom[O3 + i] = T_REG[8*(L3-1-i) +: 8];
        for (i = 0; i < L4; i = i + 1) rom[O4 + i] = T_KIND[8*(L4-1-i) +: 8];
        for (i = 0; i < L5; i = i + 1) rom[O5 + i] = T_LEN[8*(L5-1-i) +: 8];
        for (i = 0; i < L6; i = i + 1) rom[O6 + i] = T_PARAM[8*(L6-1-i) +: 8];
        for (i = 0; i < L7; i = i + 1) rom[O7 + i] = T_BUSY[8*(L7-1-i) +: 8];
        for (i = 0; i < L8; i = i + 1) rom[O8 + i] = T_W0[8*(L8-1-i) +: 8];
        for (i = 0; i < L9; i = i + 1) rom[O9 + i] = T_W1[8*(L9-1-i) +: 8];
        for (i = 0; i < L10; i = i + 1) rom[O10 + i] = T_W2[8*(L10-1-i) +: 8];
        for (i = 0; i < L11; i = i + 1) rom[O11 + i] = T_W3[8*(L11-1-i) +: 8];
        for (i = 0; i < L12; i = i + 1) rom[O12 + i] = T_W4[8*(L12-1-i) +: 8];
        for (i = 0; i < L13; i = i + 1) rom[O13 + i] = T_W5[8*(L13-1-i) +: 8];
        for (i = 0; i < L14; i = i + 1) rom[O14 + i] = T_W6[8*(L14-1-i) +: 8];
        for (i = 0; i < L15; i = i + 1) rom[O15 + i] = T_STUCK[8*(L15-1-i) +: 8];
    end
    // The sub-templates' starts, by kind (the ROM is small enough for a table).
    reg [10:0] w_off;
    always @* begin
        case (kind_i)
            3'd0: w_off = O8[10:0];
            3'd1: w_off = O9[10:0];
            3'd2: w_off = O10[10:0];
            3'd3: w_off = O11[10:0];
            3'd4: w_off = O12[10:0];
            3'd5: w_off = O13[10:0];
            default: w_off = O14[10:0];
        endcase
    end
    reg [10:0] m_off;
    always @* begin
        case (msg_i)
            4'd0: m_off = O0[10:0];
            4'd1: m_off = O1[10:0];
            4'd2: m_off = O2[10:0];
            4'd3: m_off = O3[10:0];
            4'd4: m_off = O4[10:0];
            4'd5: m_off = O5[10:0];
            4'd6: m_off = O6[10:0];
            4'd8: m_off = O15[10:0];
            default: m_off = O7[10:0];
        endcase
    end

    // ---- fields --------------------------------------------------------------
    reg [63:0] field;     // @x of letter `letter`
    reg [7:0]  letter;
    always @* begin
        case (letter)
            "a": field = {16'd0, cycles_i};
            "b": field = {16'd0, reads_i};
            "c": field = {16'd0, writes_i};
            "d": field = {11'd0, reads_i, 5'd0};
            "e": field = {11'd0, writes_i, 5'd0};
            "f": field = {16'd0, lat_max_i};
            "g": field = {16'd0, row_hits_i};
            "h": field = {16'd0, row_misses_i};
            "i": field = {16'd0, row_conflicts_i};
            "j": field = {16'd0, acts_i};
            "k": field = {16'd0, precharges_i};
            "l": field = {16'd0, auto_precharges_i};
            "m": field = {16'd0, refreshes_i};
            "n": field = {16'd0, data_errors_i};
            "o": field = {48'd0, protocol_errors_i};
            "p": field = {32'd0, param1_i};
            "q": field = {32'd0, param2_i};
            "r": field = {32'd0, requests_i};
            "s": field = seed_i;
            "t": field = reads_i == 48'd0 ? 64'd0 : {16'd0, lat_min_i};
            "u": field = {16'd0, lat_sum_i};
            "v": field = {48'd0, timing_violations_i};
            "z": field = {48'd0, dropped_i};
            "x": field = arg_i;
            "y": field = 64'd1 << ADDR_BITS;
            default: field = 64'd0;
        endcase
    end
    // %a: data_busy / cycles x 100; %b: lat_sum / reads; x 100 for two decimals.
    // The scaled numerator is built by shift-and-add, a bit of the constant a
    // clock (no multiplier blocks, nothing wide between the ROM and the divider).
    wire        ratio_a = letter == "a";
    wire [63:0] ratio_x = ratio_a ? {16'd0, data_busy_i} : {16'd0, lat_sum_i};
    wire [63:0] ratio_d = ratio_a ? {16'd0, cycles_i} : {16'd0, reads_i};
    wire [13:0] ratio_k = ratio_a ? 14'd10000 : 14'd100;

    // ---- the printer ---------------------------------------------------------
    localparam [3:0] F_IDLE = 4'd0, F_FETCH = 4'd1, F_DECODE = 4'd2, F_FETCH_L = 4'd3,
                     F_LETTER = 4'd4, F_DIV = 4'd5, F_BCD = 4'd6, F_DIGITS = 4'd7,
                     F_SEND = 4'd8, F_CR = 4'd9, F_LF = 4'd10, F_POINT = 4'd11,
                     F_SCALE = 4'd12;
    reg [3:0]  state_q, after_q;    // after_q: where F_SEND goes once its byte is out
    reg [10:0] pc_q, ret_q;
    reg        in_sub_q;
    reg [7:0]  rom_q, code_q;
    reg [63:0] bin_q;
    reg [79:0] bcd_q;
    reg [6:0]  step_q;
    reg [4:0]  dig_q;               // digit printed next, 19..0
    reg        started_q, fixed_q;
    reg [63:0] num_q, den_q, addend_q;   // a ratio: numerator so far, denominator, x << bit
    reg [13:0] scale_q;                  // the constant's bits still to add
    reg        div_start;
    wire       div_done;
    wire [63:0] div_q, div_r;
    hbm_bist_div #(.W(64)) u_div (
        .clk_i(clk_i), .rst_i(rst_i), .start_i(div_start), .n_i(num_q), .d_i(den_q),
        .done_o(div_done), .q_o(div_q), .r_o(div_r)
    );
    always @(posedge clk_i)
        rom_q <= rom[pc_q];
    always @* letter = rom_q;

    // double dabble: add 3 to every digit above 4, then shift in a bit
    reg [79:0] bcd_adj;
    integer d;
    always @* begin
        bcd_adj = bcd_q;
        for (d = 0; d < 20; d = d + 1)
            if (bcd_q[4*d +: 4] > 4'd4)
                bcd_adj[4*d +: 4] = bcd_q[4*d +: 4] + 4'd3;
    end
    wire [3:0] digit = bcd_q[4*dig_q +: 4];
    wire       last_digit = dig_q == 5'd0;

    always @(posedge clk_i) begin
        div_start <= 1'b0;
        if (rst_i) begin
            state_q     <= F_IDLE;
            out_valid_o <= 1'b0;
            in_sub_q    <= 1'b0;
            pc_q        <= 11'd0;
        end else begin
            case (state_q)
                F_IDLE: if (start_i) begin
                    pc_q     <= m_off;
                    in_sub_q <= 1'b0;
                    state_q  <= F_FETCH;
                end
                F_FETCH: state_q <= F_DECODE;   // rom_q is rom[pc_q] from now on
                F_DECODE: begin
                    if (rom_q == 8'd0) begin
                        if (in_sub_q) begin
                            pc_q     <= ret_q;
                            in_sub_q <= 1'b0;
                            state_q  <= F_FETCH;
                        end else begin
                            state_q <= F_CR;
                        end
                    end else if (rom_q == "@" || rom_q == "%" || rom_q == "$") begin
                        code_q  <= rom_q;
                        pc_q    <= pc_q + 1'b1;
                        state_q <= F_FETCH_L;
                    end else begin
                        out_valid_o <= 1'b1;
                        out_data_o  <= rom_q;
                        pc_q        <= pc_q + 1'b1;
                        after_q     <= F_FETCH;
                        state_q     <= F_SEND;
                    end
                end
                F_FETCH_L: state_q <= F_LETTER;
                F_LETTER: begin   // rom_q is the field's letter
                    if (code_q == "$") begin
                        ret_q    <= pc_q + 1'b1;
                        in_sub_q <= 1'b1;
                        pc_q     <= w_off;
                        state_q  <= F_FETCH;
                    end else if (code_q == "%") begin
                        num_q    <= ratio_d >> 1;    // rounded half up
                        den_q    <= ratio_d;
                        addend_q <= ratio_x;
                        scale_q  <= ratio_k;
                        state_q  <= F_SCALE;
                    end else begin
                        bin_q   <= field;
                        fixed_q <= 1'b0;
                        bcd_q   <= 80'd0;
                        step_q  <= 7'd0;
                        state_q <= F_BCD;
                    end
                end
                F_SCALE: begin   // num_q += x * constant, a bit a clock
                    if (scale_q[0])
                        num_q <= num_q + addend_q;
                    addend_q <= addend_q << 1;
                    scale_q  <= scale_q >> 1;
                    if (scale_q == 14'd0) begin
                        div_start <= 1'b1;
                        state_q   <= F_DIV;
                    end
                end
                F_DIV: if (div_done) begin
                    bin_q   <= den_q == 64'd0 ? 64'd0 : div_q;
                    fixed_q <= 1'b1;
                    bcd_q   <= 80'd0;
                    step_q  <= 7'd0;
                    state_q <= F_BCD;
                end
                F_BCD: begin
                    {bcd_q, bin_q} <= {bcd_adj[78:0], bin_q, 1'b0};
                    step_q <= step_q + 1'b1;
                    if (step_q == 7'd63) begin
                        dig_q     <= 5'd19;
                        started_q <= 1'b0;
                        state_q   <= F_DIGITS;
                    end
                end
                F_DIGITS: begin
                    // leading zeros are skipped down to the units digit (dig 0,
                    // or 2 with two decimals); a ratio's point after digit 2
                    if (started_q || digit != 4'd0 || dig_q == (fixed_q ? 5'd2 : 5'd0)) begin
                        started_q   <= 1'b1;
                        out_valid_o <= 1'b1;
                        out_data_o  <= {4'h3, digit};
                        state_q     <= F_SEND;
                        after_q     <= F_DIGITS;
                        if (fixed_q && dig_q == 5'd2)
                            after_q <= F_POINT;
                    end
                    if (!last_digit) begin
                        dig_q <= dig_q - 1'b1;
                    end else begin
                        pc_q    <= pc_q + 1'b1;       // past the letter
                        after_q <= F_FETCH;
                    end
                end
                F_SEND: if (out_ready_i) begin
                    out_valid_o <= 1'b0;
                    state_q     <= after_q;
                end
                F_CR: begin
                    out_valid_o <= 1'b1;
                    out_data_o  <= 8'h0d;
                    after_q     <= F_LF;
                    state_q     <= F_SEND;
                end
                F_LF: begin
                    out_valid_o <= 1'b1;
                    out_data_o  <= 8'h0a;
                    after_q     <= F_IDLE;
                    state_q     <= F_SEND;
                end
                F_POINT: begin   // the decimal point of a ratio
                    out_valid_o <= 1'b1;
                    out_data_o  <= ".";
                    after_q     <= F_DIGITS;
                    state_q     <= F_SEND;
                end
                default: state_q <= F_IDLE;
            endcase
        end
    end
    assign busy_o = state_q != F_IDLE;
    wire unused = ^{div_r, bcd_adj[79]};   // (20 digits hold any 64-bit number)
endmodule

`resetall
