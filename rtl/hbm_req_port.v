// hbm_req_port - the controller's request port register: a two-entry skid
// buffer between the user's request port and the queues.
//
// Clocking: clk_i, synchronous active-high rst_i (empty).
// Owns the requests handed over but not yet taken by the queues (through
// hbm_ecc_rmw): ready_o is a register (the second entry is free), so the
// queues' decision (a full queue, a hazard, the forward register) never
// reaches the user's ready, and the user's request reaches nothing but
// these registers, in the clock it is handed over.  The head is offered on
// valid_o/data_o from the next clock, straight from its register; it
// leaves at the edge of the clock ready_i takes it, and the second entry
// (or the request handed over in that clock) takes its place.  Without
// back-pressure the second entry stays empty: one request per clock at one
// clock of latency.  C twin: model/hbm_req_port.c.
`default_nettype none

module hbm_req_port #(
    parameter integer WIDTH = 1   // the request's bits: address, direction, id, data, enables
) (
    input  wire             clk_i,
    input  wire             rst_i,
    input  wire             valid_i,
    output wire             ready_o,
    input  wire [WIDTH-1:0] data_i,
    output wire             valid_o,
    input  wire             ready_i,
    output wire [WIDTH-1:0] data_o
);
    reg             head_valid_q, skid_valid_q;
    reg [WIDTH-1:0] head_q, skid_q;

    wire take = valid_i && !skid_valid_q;          // handed over this clock
    wire head_free = !head_valid_q || ready_i;     // the head leaves (or is empty) at this edge

    always @(posedge clk_i) begin
        if (rst_i) begin
            head_valid_q <= 1'b0;
            skid_valid_q <= 1'b0;
        end else if (head_free) begin
            head_valid_q <= skid_valid_q || take;
            skid_valid_q <= 1'b0;
        end else if (take) begin
            skid_valid_q <= 1'b1;
        end
    end

    // Data registers: no reset, loaded only with a request.
    always @(posedge clk_i) begin
        if (head_free && (skid_valid_q || take))
            head_q <= skid_valid_q ? skid_q : data_i;
        if (take && !head_free)
            skid_q <= data_i;
    end

    assign ready_o = !skid_valid_q;
    assign valid_o = head_valid_q;
    assign data_o  = head_q;
endmodule

`resetall
