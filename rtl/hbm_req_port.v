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
// clock of latency.  load_o/load_data_o announce the request that becomes
// the head at this edge (the second entry, else the one handed over), so
// that a user can work out what it needs of the head a clock ahead
// (hbm_req_match).  C twin: model/hbm_req_port.c.
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
    output wire [WIDTH-1:0] data_o,
    // the head register loads load_data_o at this edge
    output wire             load_o,
    output wire [WIDTH-1:0] load_data_o
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
    assign load_o      = head_free && (skid_valid_q || take);
    assign load_data_o = skid_valid_q ? skid_q : data_i;
    always @(posedge clk_i) begin
        if (load_o)
            head_q <= load_data_o;
        if (take && !head_free)
            skid_q <= data_i;
    end

    assign ready_o = !skid_valid_q;
    assign valid_o = head_valid_q;
    assign data_o  = head_q;

`ifdef FORMAL
    // ---- formal properties (formal/hbm_req_port.sby) ------------------------
    // The spec (docs/microarchitecture.md, request port register): every
    // request handed over (valid_i && ready_o) comes out on data_o once, in
    // the order handed over, nothing else comes out, and the register holds
    // at most two.  f_in_q / f_out_q count the handshakes on each side
    // (modulo 16); a request f_n (anyconst) handed over with data f_d
    // (anyconst, assumed) must come out with f_d.
    reg f_past_valid = 1'b0;
    always @(posedge clk_i)
        f_past_valid <= 1'b1;
    always @* if (!f_past_valid) assume(rst_i);

    (* anyconst *) reg [3:0]       f_n;
    (* anyconst *) reg [WIDTH-1:0] f_d;
    reg [3:0] f_in_q, f_out_q;
    wire f_in  = valid_i && ready_o;
    wire f_out = valid_o && ready_i;
    always @(posedge clk_i)
        if (rst_i) begin
            f_in_q  <= 4'd0;
            f_out_q <= 4'd0;
        end else begin
            f_in_q  <= f_in_q + {3'd0, f_in};
            f_out_q <= f_out_q + {3'd0, f_out};
        end
    wire [3:0] f_held = f_in_q - f_out_q;
    always @* if (f_past_valid && !rst_i && f_in && f_in_q == f_n)
        assume(data_i == f_d);

    always @* if (f_past_valid && !rst_i) begin
        // what comes out is request f_out_q; f_n's data is f_d
        if (f_out && f_out_q == f_n)
            assert(data_o == f_d);
        // Invariants: the entries held are the requests f_out_q and
        // f_out_q + 1, the head first; ready is "the second entry free".
        assert(f_held == {2'd0, head_valid_q} + {2'd0, skid_valid_q});
        assert(!skid_valid_q || head_valid_q);
        assert(ready_o == !skid_valid_q);
        if (head_valid_q && f_out_q == f_n)
            assert(head_q == f_d);
        if (skid_valid_q && f_out_q + 4'd1 == f_n)
            assert(skid_q == f_d);
    end

    // load_o announces the head register's loads: after an edge with
    // load_o the head holds load_data_o, after one without it the head
    // (if any) is unchanged.
    reg             f_load_q = 1'b0, f_head_valid_q = 1'b0;
    reg [WIDTH-1:0] f_load_data_q, f_head_q;
    always @(posedge clk_i) begin
        f_load_q       <= !rst_i && load_o;
        f_load_data_q  <= load_data_o;
        f_head_valid_q <= !rst_i && head_valid_q && !head_free;
        f_head_q       <= head_q;
    end
    always @* if (f_past_valid && !rst_i) begin
        if (f_load_q)
            assert(valid_o && data_o == f_load_data_q);
        if (f_head_valid_q)
            assert(!f_load_q && valid_o && data_o == f_head_q);
    end

    // Covers: the second entry used; a request out the clock after it came
    // in while the head left in the same clock (one per clock, full rate).
    reg f_in_d = 1'b0;
    always @(posedge clk_i)
        f_in_d <= !rst_i && f_in;
    always @* if (f_past_valid && !rst_i) begin
        cover(skid_valid_q && f_out);
        cover(f_in_d && f_out && f_in && f_held == 4'd1);
    end
`endif
endmodule

`resetall
