// hbm_bist_gen - the self-test SoC's traffic generator: hbmsim's built-in
// workloads in hardware, request for request (sim/hbm_workload.c,
// hbm_workload_next), so a run on the board can be compared with hbmsim's
// report for the same workload, request count and seed.
//
// Workloads (kind_i; param1_i, param2_i as in hbmsim's spec, bytes):
//   0 stream                      reads at 0, 32, 64, ... wrapping at C
//   1 multistream:n=param1        n read streams from floor(k*C/n), in turn
//   2 stride:bytes=param1         reads bytes apart; past C one burst on
//   3 random                      reads of uniformly random bursts (seeded)
//   4 mixed:write_pct=param1      a write with probability write_pct %
//                                 (seeded) through [C/2, C), else a read
//                                 through [0, C/2)
//   5 tiled:chunk=param1,pitch=param2  chunk bytes of each pitch-byte row
// C = 2^ADDR_BITS bytes (the pseudo-channel); the values are the caller's
// to check (hbm_bist_cmd does): here they are taken as given.
// fill_i turns every request of the pass into a write (the SoC's fill
// pass writes what the measured pass will read).
//
// Clocking: clk_i, synchronous active-high rst_i.
// Sequence: start_i takes the configuration and the seed; set-up (the
// divisions of multistream and tiled, the multistream slice table, the
// random FIFO's filling) takes up to ~100 clocks, then ready_o rises and
// req_valid_o stays high (one request a clock while req_ready_i) until
// `requests_i` were taken; then done_o.
`default_nettype none

module hbm_bist_gen #(
    parameter integer ADDR_BITS = 28   // pseudo-channel byte address bits (C = 2^ADDR_BITS)
) (
    input  wire                 clk_i,
    input  wire                 rst_i,
    input  wire                 start_i,
    input  wire                 fill_i,
    input  wire [2:0]           kind_i,
    input  wire [31:0]          param1_i,
    input  wire [31:0]          param2_i,
    input  wire [31:0]          requests_i,
    input  wire [63:0]          seed_i,
    output wire                 ready_o,       // set up: requests flow from now on
    output wire                 done_o,        // every request handed out
    output wire                 req_valid_o,
    input  wire                 req_ready_i,
    output wire [ADDR_BITS-1:0] req_addr_o,
    output wire                 req_write_o
);
    localparam integer BW = ADDR_BITS - 5;    // burst-index bits; B = 2^BW bursts
    localparam integer DW = BW + 1;           // divider width: B itself
    localparam [2:0] K_STREAM = 3'd0, K_MULTI = 3'd1, K_STRIDE = 3'd2, K_RANDOM = 3'd3,
                     K_MIXED = 3'd4, K_TILED = 3'd5;
    localparam [DW-1:0] B = {1'b1, {BW{1'b0}}};
    localparam [DW-1:0] HALF = {2'b01, {(BW-1){1'b0}}};

    generate
        if (ADDR_BITS < 12 || ADDR_BITS > 30) begin : gen_bad
            initial begin
                $display("%m: ADDR_BITS = %0d must be 12..30 (parameters are 32-bit byte counts)", ADDR_BITS);
                $finish;
            end
            INVALID_PARAMETER_ADDR_BITS u_bad ();
        end
    endgenerate

    // ---- configuration, taken at start_i ----------------------------------
    reg [2:0]    kind_q;
    reg          fill_q;
    reg [31:0]   requests_q;
    reg [DW-1:0] p1_q, p2_q;   // multistream n; stride, chunk and pitch in bursts; write_pct
    wire [DW-1:0] p1_bursts = param1_i[DW+4:5];
    wire [DW-1:0] p2_bursts = param2_i[DW+4:5];

    // ---- set-up sequence ----------------------------------------------------
    localparam [2:0] S_IDLE = 3'd0, S_DIV1 = 3'd1, S_DIV2 = 3'd2, S_TABLE = 3'd3,
                     S_PRIME = 3'd4, S_RUN = 3'd5, S_DONE = 3'd6;
    reg  [2:0]    state_q;
    reg           div_start;
    reg  [DW-1:0] div_n, div_d;
    wire          div_done;
    wire [DW-1:0] div_q, div_r;
    hbm_bist_div #(.W(DW)) u_div (
        .clk_i(clk_i), .rst_i(rst_i), .start_i(div_start), .n_i(div_n), .d_i(div_d),
        .done_o(div_done), .q_o(div_q), .r_o(div_r)
    );

    wire          rnd_valid;
    wire [63:0]   rnd_value;
    wire [6:0]    rnd_pct;
    wire          rnd_pop;
    reg           rnd_rst_q;
    hbm_bist_rand #(.DEPTH(16)) u_rand (
        .clk_i(clk_i), .rst_i(rst_i || rnd_rst_q), .seed_i(seed_q), .pop_i(rnd_pop),
        .valid_o(rnd_valid), .value_o(rnd_value), .pct_o(rnd_pct)
    );
    reg  [63:0]   seed_q;
    reg  [4:0]    prime_q;    // clocks of priming left: the random FIFO fills

    // multistream: per stream its first burst, slice length and position
    reg  [BW-1:0] ms_base  [0:63];
    reg  [DW-1:0] ms_slice [0:63];
    reg  [BW-1:0] ms_pos   [0:63];
    reg  [5:0]    ms_k_q;      // the stream of the next request; in S_TABLE the entry written
    reg  [DW-1:0] ms_q_q;      // B / n
    reg  [DW-1:0] ms_r_q;      // B % n
    reg  [DW-1:0] ms_acc_q;    // k * (B % n) modulo n
    reg  [DW-1:0] ms_next_q;   // floor(k * B / n) of the entry written
    wire [DW-1:0] ms_acc_sum = ms_acc_q + ms_r_q;
    wire          ms_carry = ms_acc_sum >= p1_q;

    // tiled: rows = B / pitch, passes = pitch / chunk
    reg  [DW-1:0] t_rows_q, t_passes_q;
    reg  [DW-1:0] t_kk_q, t_rr_q, t_pp_q;   // burst in chunk, row, pass
    reg  [DW-1:0] t_row_base_q, t_pass_base_q;

    // stream, stride, mixed positions (bursts)
    reg  [DW-1:0] pos_q, pos2_q;
    reg  [31:0]   produced_q;

    // ---- this request ------------------------------------------------------
    reg  [DW-1:0] addr_b;     // burst index
    reg           is_write;
    reg           uses_rnd;
    wire [BW-1:0] ms_base_k  = ms_base[ms_k_q];
    wire [DW-1:0] ms_slice_k = ms_slice[ms_k_q];
    wire [BW-1:0] ms_pos_k   = ms_pos[ms_k_q];
    always @* begin
        addr_b   = pos_q;
        is_write = 1'b0;
        uses_rnd = 1'b0;
        case (kind_q)
            K_MULTI:  addr_b = {1'b0, ms_base_k} + {1'b0, ms_pos_k};
            K_RANDOM: begin
                addr_b   = {1'b0, rnd_value[BW-1:0]};
                uses_rnd = 1'b1;
            end
            K_MIXED: begin
                uses_rnd = 1'b1;
                is_write = {{(DW-7){1'b0}}, rnd_pct} < p1_q;
                addr_b   = is_write ? HALF + pos2_q : pos_q;
            end
            K_TILED:  addr_b = t_row_base_q + t_pass_base_q + t_kk_q;
            default:  addr_b = pos_q;   // stream, stride
        endcase
    end
    wire running = state_q == S_RUN;
    wire take = running && req_ready_i && (rnd_valid || !uses_rnd);
    assign rnd_pop     = take && uses_rnd;
    assign req_valid_o = running && (rnd_valid || !uses_rnd);
    assign req_addr_o  = {addr_b[BW-1:0], 5'd0};
    assign req_write_o = is_write || fill_q;
    assign ready_o     = running || state_q == S_DONE;
    assign done_o      = state_q == S_DONE;
    // Bursts are below B; the parameters' other bits are the checker's (hbm_bist_cmd).
    wire unused = ^{addr_b[BW], rnd_value[63:BW], param1_i[31:DW], param2_i[31:DW+5], param2_i[4:0]};

    // ---- the state machine and the workloads' next positions ---------------
    wire [DW-1:0] pos_inc = pos_q + 1'b1;
    wire [DW-1:0] pos_str = pos_q + p1_q;
    always @(posedge clk_i) begin
        div_start <= 1'b0;
        rnd_rst_q <= 1'b0;
        if (rst_i) begin
            state_q <= S_IDLE;
        end else if (start_i) begin
            kind_q     <= kind_i;
            fill_q     <= fill_i;
            requests_q <= requests_i;
            seed_q     <= seed_i;
            rnd_rst_q  <= 1'b1;
            p1_q       <= kind_i == K_STRIDE || kind_i == K_TILED ? p1_bursts : param1_i[DW-1:0];
            p2_q       <= p2_bursts;
            pos_q      <= {DW{1'b0}};
            pos2_q     <= {DW{1'b0}};
            produced_q <= 32'd0;
            ms_k_q     <= 6'd0;
            ms_acc_q   <= {DW{1'b0}};
            ms_next_q  <= {DW{1'b0}};
            t_kk_q <= {DW{1'b0}}; t_rr_q <= {DW{1'b0}}; t_pp_q <= {DW{1'b0}};
            t_row_base_q <= {DW{1'b0}}; t_pass_base_q <= {DW{1'b0}};
            prime_q    <= 5'd31;
            // multistream: B / n; tiled: B / pitch
            div_start  <= kind_i == K_MULTI || kind_i == K_TILED;
            div_n      <= B;
            div_d      <= kind_i == K_MULTI ? param1_i[DW-1:0] : p2_bursts;
            state_q    <= kind_i == K_MULTI || kind_i == K_TILED ? S_DIV1 : S_PRIME;
        end else begin
            case (state_q)
                S_DIV1: if (div_done) begin   // B / n or B / pitch
                    if (kind_q == K_MULTI) begin
                        ms_q_q  <= div_q;
                        ms_r_q  <= div_r;
                        state_q <= S_TABLE;
                    end else begin
                        t_rows_q  <= div_q;
                        div_start <= 1'b1;
                        div_n     <= p2_q;
                        div_d     <= p1_q;
                        state_q   <= S_DIV2;
                    end
                end
                S_DIV2: if (div_done) begin   // pitch / chunk
                    t_passes_q <= div_q;
                    state_q    <= S_PRIME;
                end
                S_TABLE: begin   // entry ms_k_q: floor(k B / n), its slice
                    ms_acc_q  <= ms_carry ? ms_acc_sum - p1_q : ms_acc_sum;
                    ms_next_q <= ms_next_q + ms_q_q + {{(DW-1){1'b0}}, ms_carry};
                    ms_k_q    <= ms_k_q + 1'b1;
                    if ({{(DW-6){1'b0}}, ms_k_q} + 1'b1 == p1_q) begin
                        ms_k_q  <= 6'd0;
                        state_q <= S_PRIME;
                    end
                end
                S_PRIME: begin   // the random FIFO fills
                    prime_q <= prime_q - 1'b1;
                    if (prime_q == 0)
                        state_q <= requests_q == 0 ? S_DONE : S_RUN;
                end
                S_RUN: if (take) begin
                    produced_q <= produced_q + 1'b1;
                    if (produced_q + 1'b1 == requests_q)
                        state_q <= S_DONE;
                    case (kind_q)
                        K_STREAM: pos_q <= pos_inc[BW] ? {DW{1'b0}} : pos_inc;
                        K_MULTI:  ms_k_q <= {{(DW-6){1'b0}}, ms_k_q} + 1'b1 == p1_q ? 6'd0 : ms_k_q + 1'b1;
                        K_STRIDE: begin
                            pos_q <= pos_str;
                            if (pos_str >= B) begin
                                pos2_q <= pos2_q + 1'b1 == p1_q ? {DW{1'b0}} : pos2_q + 1'b1;
                                pos_q  <= pos2_q + 1'b1 == p1_q ? {DW{1'b0}} : pos2_q + 1'b1;
                            end
                        end
                        K_MIXED: begin
                            if (is_write)
                                pos2_q <= pos2_q + 1'b1 == HALF ? {DW{1'b0}} : pos2_q + 1'b1;
                            else
                                pos_q <= pos_inc == HALF ? {DW{1'b0}} : pos_inc;
                        end
                        K_TILED: begin
                            t_kk_q <= t_kk_q + 1'b1;
                            if (t_kk_q + 1'b1 == p1_q) begin
                                t_kk_q <= {DW{1'b0}};
                                t_rr_q <= t_rr_q + 1'b1;
                                t_row_base_q <= t_row_base_q + p2_q;
                                if (t_rr_q + 1'b1 == t_rows_q) begin
                                    t_rr_q <= {DW{1'b0}};
                                    t_row_base_q <= {DW{1'b0}};
                                    t_pp_q <= t_pp_q + 1'b1;
                                    t_pass_base_q <= t_pass_base_q + p1_q;
                                    if (t_pp_q + 1'b1 == t_passes_q) begin
                                        t_pp_q <= {DW{1'b0}};
                                        t_pass_base_q <= {DW{1'b0}};
                                    end
                                end
                            end
                        end
                        default: ;
                    endcase
                end
                default: ;
            endcase
        end
    end

    // The slice table (S_TABLE writes entry ms_k_q) and the streams'
    // positions (zeroed in S_TABLE, moved on each multistream request).
    always @(posedge clk_i) begin
        if (state_q == S_TABLE) begin
            ms_base[ms_k_q]  <= ms_next_q[BW-1:0];
            ms_slice[ms_k_q] <= ms_q_q + {{(DW-1){1'b0}}, ms_carry};
            ms_pos[ms_k_q]   <= {BW{1'b0}};
        end else if (take && kind_q == K_MULTI) begin
            ms_pos[ms_k_q] <= {1'b0, ms_pos_k} + 1'b1 == ms_slice_k ? {BW{1'b0}} : ms_pos_k + 1'b1;
        end
    end
endmodule

`resetall
