// hbm_dpi_mem.sv - HBM memory for SoC testbenches: the golden model
// (libhbm, sim/hbm_dpi.c) behind a valid/ready request port and a
// valid/ready response port, through DPI-C.  Simulation only (Verilator
// 5.006); the request and response ports are hbm_ctrl's, so the RTL
// controller can take its place.
//
// Owns: the model's handle, the per-cycle protocol (a request taken when
// valid and ready, a response when valid and ready, then the model's clock
// edge), the registered response port, and the status of the last DPI call
// that failed (status_o: 0, or a negative code of sim/hbm_dpi.c; the
// message is printed once).  Nothing here aborts the simulation.
//
// Cycle c: req_ready_o is the model's ready for the offered request (from
// its state at the start of c); at the rising edge a request valid and
// ready is pushed, a response valid and ready is taken, and the model
// ticks, unless hold_i is high (the model then stands still: a testbench
// stops it there to read its statistics at a cycle of its choice).  The
// response port shows the model's offered response of the next cycle.
`default_nettype none

module hbm_dpi_mem #(
    parameter string CONFIG    = "configs/hbm2_2000.ini",
    parameter int    ADDR_BITS = 40,
    parameter int    ID_BITS   = 16
) (
    input  logic                 clk_i,
    input  logic                 rst_i,
    input  logic                 hold_i,         // 1: no handshake and no clock edge for the model
    // request port
    input  logic                 req_valid_i,
    output logic                 req_ready_o,
    input  logic [ADDR_BITS-1:0] req_addr_i,
    input  logic                 req_write_i,
    input  logic [ID_BITS-1:0]   req_id_i,
    input  logic [255:0]         req_wdata_i,
    input  logic [31:0]          req_wstrb_i,
    // response port
    output logic                 resp_valid_o,
    input  logic                 resp_ready_i,
    output logic [ID_BITS-1:0]   resp_id_o,
    output logic                 resp_write_o,
    output logic [255:0]         resp_rdata_o,
    // the model
    output logic                 idle_o,         // nothing queued, in flight or to answer
    output int                   status_o        // 0, or the last failed call's status
);
    import "DPI-C" function int hbm_dpi_create(input string path);
    import "DPI-C" function string hbm_dpi_error();
    import "DPI-C" function int hbm_dpi_can_accept(input int h, input longint cycle, input longint addr,
                                                   input int write);
    import "DPI-C" function int hbm_dpi_push(input int h, input longint addr, input int write, input int id,
                                             input bit [255:0] wdata, input int strb);
    import "DPI-C" function int hbm_dpi_peek(input int h, output int id, output int write,
                                             output bit [255:0] rdata);
    import "DPI-C" function int hbm_dpi_pop(input int h);
    import "DPI-C" function int hbm_dpi_tick(input int h);
    import "DPI-C" function int hbm_dpi_idle(input int h);

    int     h = -1;           // the model's handle
    string  config_path = CONFIG;
    longint cycle_q = 0;      // the model's cycle count, kept here: it also makes the ready below follow each edge
    int     ready;

    // the config: the parameter, or +hbm_config=FILE on the simulator's command line
    initial begin
        void'($value$plusargs("hbm_config=%s", config_path));
        h = hbm_dpi_create(config_path);
        if (h < 0)
            $display("hbm_dpi_mem: %s", hbm_dpi_error());
    end

    // the request port's ready: the model's, for the request offered now
    always_comb begin
        ready = 0;
        if (h >= 0 && req_valid_i)
            ready = hbm_dpi_can_accept(h, cycle_q, longint'(req_addr_i), int'(req_write_i));
    end
    assign req_ready_o = ready > 0;

    // the DPI's outputs (the response's id is int wide; its low ID_BITS are the id)
    /* verilator lint_off UNUSEDSIGNAL */
    int rid;
    /* verilator lint_on UNUSEDSIGNAL */
    int rwr;
    bit [255:0] rdata;
    always_ff @(posedge clk_i) begin : edge_b
        int st;   // this edge's push status
        if (rst_i) begin
            status_o     <= h < 0 ? h : 0;
            resp_valid_o <= 1'b0;
            idle_o       <= h >= 0;
        end else if (h >= 0 && !hold_i) begin
            if (ready < 0) begin   // the offered request is beyond the capacity, or the cycle is off
                if (status_o == 0)
                    $display("hbm_dpi_mem: %s", hbm_dpi_error());
                status_o <= ready;
            end
            if (req_valid_i && ready > 0) begin
                st = hbm_dpi_push(h, longint'(req_addr_i), int'(req_write_i), int'(req_id_i), req_wdata_i,
                                  int'(req_wstrb_i));
                if (st < 0) begin
                    status_o <= st;
                    $display("hbm_dpi_mem: %s", hbm_dpi_error());
                end
            end
            if (resp_valid_o && resp_ready_i)
                void'(hbm_dpi_pop(h));
            void'(hbm_dpi_tick(h));
            cycle_q <= cycle_q + 1;
            resp_valid_o <= hbm_dpi_peek(h, rid, rwr, rdata) == 1;
            resp_id_o    <= rid[ID_BITS-1:0];
            resp_write_o <= rwr != 0;
            resp_rdata_o <= rdata;
            idle_o       <= hbm_dpi_idle(h) == 1;
        end
    end
endmodule

`default_nettype wire
