// hbm_bist_reqbuf - the self-test SoC's request buffer: two entries
// between the traffic generator and the driver, so that the controller's
// request handshake (whose ready may depend on the offered address) never
// reaches back into the generator's state in the same clock.
//
// Owns: a first-word-fall-through FIFO of two requests (address, write).
// The generator sees in_ready_o = "not full", a register: it pushes
// whatever the driver does this clock.  The driver sees the oldest entry
// (out_valid_o, out_addr_o, out_write_o) and pops it with out_pop_i.
// With the driver popping one a clock and the generator pushing one a
// clock, the FIFO holds one entry after every pop and never runs dry: the
// controller is offered a request every clock, as hbmsim's driver does
// (the SoC starts a pass only once the buffer is primed: full_o, or every
// request of the pass inside).
//
// Clocking: clk_i, synchronous active-high rst_i (empties it); a pop of an
// empty buffer is ignored (the driver only pops a valid entry).
`default_nettype none

module hbm_bist_reqbuf #(
    parameter integer ADDR_BITS = 28
) (
    input  wire                 clk_i,
    input  wire                 rst_i,
    // from the generator
    input  wire                 in_valid_i,
    output wire                 in_ready_o,
    input  wire [ADDR_BITS-1:0] in_addr_i,
    input  wire                 in_write_i,
    // to the driver
    output wire                 out_valid_o,
    input  wire                 out_pop_i,
    output wire [ADDR_BITS-1:0] out_addr_o,
    output wire                 out_write_o,
    output wire                 full_o,
    output wire                 empty_o
);
    reg [ADDR_BITS-1:0] addr_q [0:1];
    reg [1:0]           write_q;
    reg                 rd_q, wr_q;     // entry indices
    reg [1:0]           count_q;        // 0..2
    wire                push = in_valid_i && in_ready_o;
    wire                pop  = out_pop_i && out_valid_o;

    always @(posedge clk_i) begin
        if (rst_i) begin
            rd_q    <= 1'b0;
            wr_q    <= 1'b0;
            count_q <= 2'd0;
        end else begin
            if (push) begin
                addr_q[wr_q]  <= in_addr_i;
                write_q[wr_q] <= in_write_i;
                wr_q          <= ~wr_q;
            end
            if (pop)
                rd_q <= ~rd_q;
            count_q <= count_q + {1'b0, push} - {1'b0, pop};
        end
    end

    assign in_ready_o  = count_q != 2'd2;
    assign out_valid_o = count_q != 2'd0;
    assign out_addr_o  = addr_q[rd_q];
    assign out_write_o = write_q[rd_q];
    assign full_o      = count_q == 2'd2;
    assign empty_o     = count_q == 2'd0;
endmodule

`resetall
