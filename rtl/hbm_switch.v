// hbm_switch - the switch between the AXI ports' request/response ports
// (hbm_axi) and the pseudo-channel controllers (hbm_ctrl) of hbm_stack.
//
// Owns: the address interleave (which pseudo-channel a port address is in,
// and its address there), the request arbiters (each pseudo-channel takes
// the request of one port per clock, round robin over the ports that offer
// it one, starting after the port it took last) and the response arbiters
// (each port takes one response per clock, round robin over the
// pseudo-channels that offer it one), and the request ids on the
// controller side: {port, tag} with a crossbar.  With CROSSBAR = 0, port p
// is wired to pseudo-channel p.  The C twin is model/hbm_stack.c.
//
// Interleave (docs/configuration.md, [stack]): with g = INTERLEAVE_BITS and
// k = PC_BITS, address bits [g+k-1:g] name the pseudo-channel, XORed with
// every k-bit group of the bits above them when HASH = 1; the
// pseudo-channel's address is the port address without those k bits.
//
// Clocking: clk_i, synchronous active-high rst_i.  The request path is
// combinational from the ports' registered requests to the controllers
// and back (a port's ready is its pseudo-channel's ready when granted); the
// response path from the controllers' registered responses to the ports,
// which always take a response (hbm_axi's resp_ready_o is 1).
`default_nettype none

module hbm_switch #(
    parameter integer PORTS           = 1,
    parameter integer PCS             = 1,
    parameter integer CROSSBAR        = 0,
    parameter integer PORT_ADDR_BITS  = 28,  // a port's address
    parameter integer ADDR_BITS       = 28,  // a pseudo-channel's address
    parameter integer TAG_BITS        = 8,   // a port's request id
    parameter integer PORT_BITS       = 0,   // log2 PORTS with a crossbar, else 0
    parameter integer PC_BITS         = 0,   // log2 PCS
    parameter integer INTERLEAVE_BITS = 8,
    parameter integer HASH            = 0,
    parameter integer ID_BITS         = 8    // TAG_BITS + PORT_BITS: the controllers' request id
) (
    input  wire                        clk_i,
    input  wire                        rst_i,

    // the ports' request and response ports (hbm_axi)
    input  wire [PORTS-1:0]                p_req_valid_i,
    output reg  [PORTS-1:0]                p_req_ready_o,
    input  wire [PORTS*PORT_ADDR_BITS-1:0] p_req_addr_i,
    input  wire [PORTS-1:0]                p_req_write_i,
    input  wire [PORTS*TAG_BITS-1:0]       p_req_id_i,
    input  wire [PORTS*256-1:0]            p_req_wdata_i,
    input  wire [PORTS*32-1:0]             p_req_wstrb_i,
    output reg  [PORTS-1:0]                p_resp_valid_o,
    output reg  [PORTS*TAG_BITS-1:0]       p_resp_id_o,
    output reg  [PORTS-1:0]                p_resp_write_o,
    output reg  [PORTS*256-1:0]            p_resp_rdata_o,
    output reg  [PORTS-1:0]                p_resp_err_o,     // ECC: flagged uncorrectable

    // the controllers' request and response ports (hbm_ctrl)
    output reg  [PCS-1:0]                  c_req_valid_o,
    input  wire [PCS-1:0]                  c_req_ready_i,
    output reg  [PCS*ADDR_BITS-1:0]        c_req_addr_o,
    output reg  [PCS-1:0]                  c_req_write_o,
    output reg  [PCS*ID_BITS-1:0]          c_req_id_o,
    output reg  [PCS*256-1:0]              c_req_wdata_o,
    output reg  [PCS*32-1:0]               c_req_wstrb_o,
    input  wire [PCS-1:0]                  c_resp_valid_i,
    output reg  [PCS-1:0]                  c_resp_ready_o,
    input  wire [PCS*ID_BITS-1:0]          c_resp_id_i,
    input  wire [PCS-1:0]                  c_resp_write_i,
    input  wire [PCS*256-1:0]              c_resp_rdata_i,
    input  wire [PCS-1:0]                  c_resp_err_i
);
    localparam integer PA  = PORT_ADDR_BITS;
    localparam integer PCW = PC_BITS > 0 ? PC_BITS : 1;     // a pseudo-channel index
    localparam integer PTW = PORTS > 1 ? $clog2(PORTS) : 1; // a port index

    generate
        if (ID_BITS != TAG_BITS + PORT_BITS || (CROSSBAR == 0 && PORTS != PCS) ||
            (CROSSBAR != 0 && PA != ADDR_BITS + PC_BITS) || (CROSSBAR == 0 && PA != ADDR_BITS) ||
            (1 << PC_BITS) != PCS || PORTS > 32 || PCS > 32) begin : gen_bad
            initial begin
                $display("%m: inconsistent switch parameters (ports %0d, pseudo-channels %0d, crossbar %0d)",
                         PORTS, PCS, CROSSBAR);
                $finish;
            end
            INVALID_PARAMETER_SWITCH u_bad ();
        end
    endgenerate

    // ---- the interleave ------------------------------------------------------
    function [PCW-1:0] route_pc(input [PA-1:0] addr);
        integer b;
        reg [PCW-1:0] f;
        begin
            f = {PCW{1'b0}};
            if (PC_BITS > 0) begin
                for (b = 0; b < PC_BITS; b = b + 1)
                    f[b] = addr[INTERLEAVE_BITS + b];
                if (HASH != 0)
                    for (b = INTERLEAVE_BITS + PC_BITS; b < PA; b = b + 1)
                        f[(b - INTERLEAVE_BITS - PC_BITS) % PCW] = f[(b - INTERLEAVE_BITS - PC_BITS) % PCW] ^ addr[b];
            end
            route_pc = f;
        end
    endfunction

    function [ADDR_BITS-1:0] route_local(input [PA-1:0] addr);
        integer b;
        begin
            for (b = 0; b < ADDR_BITS; b = b + 1)
                route_local[b] = b < INTERLEAVE_BITS ? addr[b] : addr[b + PA - ADDR_BITS];
        end
    endfunction

    // ---- requests: a round robin per pseudo-channel ------------------------------
    reg [PTW-1:0] req_last_q [0:PCS-1];   // the port each pseudo-channel took last
    reg [PCW-1:0] req_pc     [0:PORTS-1];
    reg [PTW-1:0] req_gnt    [0:PCS-1];
    reg [PCS-1:0] req_any;
    integer rp, rn, rk, rb;
    reg [PTW-1:0]     ri;
    reg [ID_BITS-1:0] rid;

    always @* begin
        for (rp = 0; rp < PORTS; rp = rp + 1)
            req_pc[rp] = CROSSBAR != 0 ? route_pc(p_req_addr_i[rp*PA +: PA]) : rp[PCW-1:0];
        for (rn = 0; rn < PCS; rn = rn + 1) begin
            req_gnt[rn] = {PTW{1'b0}};
            req_any[rn] = 1'b0;
            for (rk = PORTS; rk >= 1; rk = rk - 1) begin   // the lowest k wins: the first after req_last_q
                ri = PORTS > 1 ? req_last_q[rn] + rk[PTW-1:0] : {PTW{1'b0}};
                if (p_req_valid_i[ri] && req_pc[ri] == rn[PCW-1:0]) begin
                    req_gnt[rn] = ri;
                    req_any[rn] = 1'b1;
                end
            end
        end
        for (rn = 0; rn < PCS; rn = rn + 1) begin
            c_req_valid_o[rn]                      = req_any[rn];
            c_req_addr_o[rn*ADDR_BITS +: ADDR_BITS] = CROSSBAR != 0
                ? route_local(p_req_addr_i[req_gnt[rn]*PA +: PA])
                : p_req_addr_i[req_gnt[rn]*PA +: ADDR_BITS];
            c_req_write_o[rn]                      = p_req_write_i[req_gnt[rn]];
            rid = {ID_BITS{1'b0}};
            rid[TAG_BITS-1:0] = p_req_id_i[req_gnt[rn]*TAG_BITS +: TAG_BITS];
            for (rb = 0; rb < PORT_BITS; rb = rb + 1)
                rid[TAG_BITS + rb] = req_gnt[rn][rb];
            c_req_id_o[rn*ID_BITS +: ID_BITS]      = rid;
            c_req_wdata_o[rn*256 +: 256]           = p_req_wdata_i[req_gnt[rn]*256 +: 256];
            c_req_wstrb_o[rn*32 +: 32]             = p_req_wstrb_i[req_gnt[rn]*32 +: 32];
        end
    end

    // A port's ready: its pseudo-channel's, when granted (apart from the
    // block above: a controller's ready may depend on its request).
    integer an;
    always @* begin
        p_req_ready_o = {PORTS{1'b0}};
        for (an = 0; an < PCS; an = an + 1)
            if (req_any[an] && c_req_ready_i[an])
                p_req_ready_o[req_gnt[an]] = 1'b1;
    end

    // ---- responses: a round robin per port ---------------------------------------
    reg [PCW-1:0] resp_last_q [0:PORTS-1];   // the pseudo-channel each port took last
    reg [PTW-1:0] resp_port   [0:PCS-1];
    reg [PCW-1:0] resp_gnt    [0:PORTS-1];
    reg [PORTS-1:0] resp_any;
    integer sp, sn, sk;
    reg [PCW-1:0] si;

    always @* begin
        for (sn = 0; sn < PCS; sn = sn + 1)
            resp_port[sn] = PORT_BITS > 0 ? c_resp_id_i[sn*ID_BITS + TAG_BITS +: PTW] : sn[PTW-1:0];
        c_resp_ready_o = {PCS{1'b0}};
        for (sp = 0; sp < PORTS; sp = sp + 1) begin
            resp_gnt[sp] = {PCW{1'b0}};
            resp_any[sp] = 1'b0;
            for (sk = PCS; sk >= 1; sk = sk - 1) begin
                si = PCS > 1 ? resp_last_q[sp] + sk[PCW-1:0] : {PCW{1'b0}};
                if (c_resp_valid_i[si] && resp_port[si] == sp[PTW-1:0]) begin
                    resp_gnt[sp] = si;
                    resp_any[sp] = 1'b1;
                end
            end
            p_resp_valid_o[sp]                   = resp_any[sp];
            p_resp_id_o[sp*TAG_BITS +: TAG_BITS] = c_resp_id_i[resp_gnt[sp]*ID_BITS +: TAG_BITS];
            p_resp_write_o[sp]                   = c_resp_write_i[resp_gnt[sp]];
            p_resp_rdata_o[sp*256 +: 256]        = c_resp_rdata_i[resp_gnt[sp]*256 +: 256];
            p_resp_err_o[sp]                     = c_resp_err_i[resp_gnt[sp]];
            if (resp_any[sp])
                c_resp_ready_o[resp_gnt[sp]] = 1'b1;
        end
    end

    integer q;

    always @(posedge clk_i) begin
        if (rst_i) begin
            for (q = 0; q < PCS; q = q + 1)
                req_last_q[q] <= PORTS[PTW-1:0] - 1'b1;
            for (q = 0; q < PORTS; q = q + 1)
                resp_last_q[q] <= PCS[PCW-1:0] - 1'b1;
        end else begin
            for (q = 0; q < PCS; q = q + 1)
                if (req_any[q] && c_req_ready_i[q])
                    req_last_q[q] <= req_gnt[q];
            for (q = 0; q < PORTS; q = q + 1)
                if (resp_any[q])
                    resp_last_q[q] <= resp_gnt[q];
        end
    end
endmodule

`default_nettype wire
