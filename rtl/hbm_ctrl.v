// hbm_ctrl - one HBM pseudo-channel controller (the top of rtl/).
//
// Clocking: one clock clk_i at the HBM command clock (DFI_RATIO = 1) or at
// half of it (DFI_RATIO = 2: each DFI bus carries a command slot and a
// data word per DRAM clock, phase 0 in the low bits), synchronous
// active-high rst_i.  Implements docs/microarchitecture.md;
// the lockstep testbench (tb/) holds it to the C model command for command;
// its C twin, model/hbm_ctrl.c, wires the C twins of the same modules.
// Flow: request port -> hbm_addr_map -> hbm_req_port (its register) -> read/write hbm_req_queue ->
// hbm_sched (with hbm_timing, hbm_bank_state, hbm_refresh) -> DFI command
// buses; hbm_datapath moves the data and queues the responses;
// hbm_bw_monitor counts the responses taken, behind a register port.
// With ECC (ecc = secded) the request and response ports pass through
// hbm_ecc_rmw (a partial write becomes a read and a full write; its read
// carries the queues' extra id bit) and hbm_datapath codes and checks
// every 64-bit word on the DFI data buses.
// Every parameter defaults to the generated config header (rtl/gen/, made
// from configs/*.ini by `hbmsim --emit-vh`); none is a timing number here.
// The decision is a three-stage pipeline (docs/microarchitecture.md): the
// scheduler's candidate stage works in cycle t from the state and its
// issue register, its pick in t+1 from the candidate register, and the
// picks go out in t+2 from the issue register, whose commands every unit
// takes at that edge.  The DFI command, bank and column fields come from
// the issue register; the ACT's row address is read from its queue entry
// by the issue register's slot in the same clock (a mux of registers).
`default_nettype none
`include "hbm_defs.vh"
`include "hbm_cfg.vh"

module hbm_ctrl #(
    parameter integer STACK_IDS        = `HBM_STACK_IDS,   // bank groups' top index bits: the SID
    parameter integer BANKGROUPS       = `HBM_BANKGROUPS,
    parameter integer BANKS_PER_GROUP  = `HBM_BANKS_PER_GROUP,
    parameter integer BG_BITS          = `HBM_BG_BITS,
    parameter integer BA_BITS          = `HBM_BA_BITS,
    parameter integer ROW_BITS         = `HBM_ROW_BITS,
    parameter integer COL_BITS         = `HBM_COL_BITS,
    parameter integer ADDR_BITS        = `HBM_ADDR_BITS,
    parameter [8*ROW_BITS-1:0] ROW_SRC       = `HBM_ROW_SRC,
    parameter [8*BA_BITS-1:0]  BANK_SRC      = `HBM_BANK_SRC,
    parameter [8*BG_BITS-1:0]  BANKGROUP_SRC = `HBM_BANKGROUP_SRC,
    parameter [8*COL_BITS-1:0] COLUMN_SRC    = `HBM_COLUMN_SRC,
    parameter integer ADDRESS_XOR      = `HBM_ADDRESS_XOR,
    parameter integer ID_BITS          = `HBM_ID_BITS,
    parameter integer RQ_DEPTH         = `HBM_READ_QUEUE_DEPTH,
    parameter integer WQ_DEPTH         = `HBM_WRITE_QUEUE_DEPTH,
    parameter integer RESP_DEPTH       = `HBM_RESP_QUEUE_DEPTH,
    parameter integer WQ_HIGH          = `HBM_WQ_HIGH_WATERMARK,
    parameter integer WQ_LOW           = `HBM_WQ_LOW_WATERMARK,
    parameter integer RQ_LOW           = `HBM_RQ_LOW_WATERMARK,
    parameter integer STARVE_LIMIT     = `HBM_STARVE_LIMIT,
    parameter integer SCHED_WINDOW     = `HBM_SCHED_WINDOW,
    parameter integer SCHEDULER        = `HBM_SCHEDULER,
    parameter integer PAGE_POLICY      = `HBM_PAGE_POLICY,
    parameter integer REFRESH_MODE     = `HBM_REFRESH_MODE,
    parameter integer REFRESH_POSTPONE = `HBM_REFRESH_POSTPONE,
    parameter integer REFRESH_PICK     = `HBM_REFRESH_PICK,
    parameter integer RL_CK            = `HBM_RL_CK,
    parameter integer WL_CK            = `HBM_WL_CK,
    parameter integer T_BURST_CK       = `HBM_T_BURST_CK,
    parameter integer T_FAW_CK         = `HBM_T_FAW_CK,
    parameter integer DELAY_BITS       = `HBM_DELAY_BITS,
    parameter [`HBM_NCMD*`HBM_NREL*`HBM_NCLASS*DELAY_BITS-1:0] DELAY_TABLE = `HBM_DELAY_TABLE,
    parameter integer T_REFI_CK        = `HBM_T_REFI_CK,
    parameter integer T_REFIPB_CK      = `HBM_T_REFIPB_CK,
    parameter integer DFI_RATIO        = `HBM_DFI_RATIO,
    parameter integer ECC              = `HBM_ECC
) (
    input  wire                 clk_i,
    input  wire                 rst_i,
    // request port
    input  wire                 req_valid_i,
    output wire                 req_ready_o,
    input  wire [ADDR_BITS-1:0] req_addr_i,
    input  wire                 req_write_i,
    input  wire [ID_BITS-1:0]   req_id_i,
    input  wire [255:0]         req_wdata_i,
    input  wire [31:0]          req_wstrb_i,
    // response port
    output wire                 resp_valid_o,
    input  wire                 resp_ready_i,
    output wire [ID_BITS-1:0]   resp_id_o,
    output wire                 resp_write_o,
    output wire [255:0]         resp_rdata_o,
    output wire                 resp_fwd_o,    // the offered response is a forwarded read's
    output wire                 resp_err_o,    // ECC: an uncorrectable read (data as read) or a
                                               // write its read-modify-write had to poison
    // DFI row and column command buses (command codes of hbm_defs.vh), one
    // command slot per DRAM clock of the clock (phase p at [p*CMD_BITS +:
    // CMD_BITS]); at most one slot per bus carries a command, and the
    // bank and address fields are that command's
    output wire [DFI_RATIO*`HBM_CMD_BITS-1:0] dfi_row_cmd,
    output wire [BG_BITS-1:0]   dfi_row_bg,
    output wire [BA_BITS-1:0]   dfi_row_ba,
    output wire [ROW_BITS-1:0]  dfi_row_addr,
    output wire [DFI_RATIO*`HBM_CMD_BITS-1:0] dfi_col_cmd,
    output wire [BG_BITS-1:0]   dfi_col_bg,
    output wire [BA_BITS-1:0]   dfi_col_ba,
    output wire [COL_BITS-1:0]  dfi_col_addr,
    // DFI data buses: one 16-byte word per DRAM clock (phase p at [p*128 +: 128])
    output wire [DFI_RATIO-1:0]     dfi_wrdata_en,
    output wire [DFI_RATIO*128-1:0] dfi_wrdata,
    output wire [DFI_RATIO*16-1:0]  dfi_wrdata_mask,   // 0 with ECC (no data mask)
    output wire [DFI_RATIO*16-1:0]  dfi_wrdata_ecc,    // ECC: check bits of bytes 0-7, 8-15 per phase
    input  wire [DFI_RATIO-1:0]     dfi_rddata_valid,
    input  wire [DFI_RATIO*128-1:0] dfi_rddata,
    input  wire [DFI_RATIO*16-1:0]  dfi_rddata_ecc,
    // performance-counter event: why this cycle's column command's request
    // needed row commands first (0 row hit, 1 miss: ACT, 2 conflict: PRE
    // and ACT; enum hbm_row_cause of model/hbm_cmd.h); 0 with no command
    output wire [1:0]           perf_col_cause_o,
    // the bandwidth monitor's register port (hbm_bw_monitor; the register
    // map is HBM_BWMON_* of hbm_encoding.vh): read data one clock after
    // the address
    input  wire [`HBM_BWMON_ADDR_BITS-1:0] bwmon_addr_i,
    input  wire                 bwmon_we_i,
    input  wire [31:0]          bwmon_wdata_i,
    output wire [31:0]          bwmon_rdata_o,
    // ECC counters (0 with ECC off): 64-bit words read corrected, read
    // uncorrectable, partial writes done as read-modify-write
    output wire [31:0]          ecc_corrected_o,
    output wire [31:0]          ecc_uncorrectable_o,
    output wire [31:0]          ecc_rmw_o,
    // performance-counter event: the read-modify-write unit takes its
    // read's response this cycle (it is not offered on the response port)
    output wire                 ecc_rmw_read_o,
`ifdef HBM_ASSERT_FORMAL
    // Formal harness only (formal/hbm_ctrl_formal.v): the request port
    // register's head and its handshake with the queues (and hbm_ecc_rmw).
    output wire                 fv_take_o,
    output wire                 fv_write_o,
    output wire [BG_BITS+BA_BITS-1:0] fv_bank_o,
    output wire [ROW_BITS-1:0]  fv_row_o,
    output wire [COL_BITS-1:0]  fv_col_o,
`endif
    // performance and coverage events of this cycle, one bit each
    // (HBM_EV_* of hbm_encoding.vh, listed in model/hbm_encoding.def): the
    // picks, the queues' fill, refresh urgency, the request port's hazards
    // and both ports' back-pressure; the C model's hbm_model_events()
    output wire [`HBM_NEVENT-1:0] perf_event_o
);
    localparam integer BANKS      = BANKGROUPS * BANKS_PER_GROUP;
    localparam integer BANK_BITS  = BG_BITS + BA_BITS;
    localparam integer IQ_BITS    = ID_BITS + (ECC != 0 ? 1 : 0);   // the queues' ids
    localparam integer RQ_SB      = `HBM_CLOG2(RQ_DEPTH);   // a read queue position
    localparam integer WQ_SB      = `HBM_CLOG2(WQ_DEPTH);
    localparam integer POS_BITS   = `HBM_CLOG2(`HBM_MAX(RQ_DEPTH, WQ_DEPTH));
    localparam [RQ_SB:0] RQ_FULL  = RQ_DEPTH[RQ_SB:0];
    localparam [WQ_SB:0] WQ_FULL  = WQ_DEPTH[WQ_SB:0];
    localparam integer   RQ_LAST_I = RQ_DEPTH - 1;   // the count with one entry free
    localparam integer   WQ_LAST_I = WQ_DEPTH - 1;
    localparam [RQ_SB:0] RQ_LAST  = RQ_LAST_I[RQ_SB:0];
    localparam [WQ_SB:0] WQ_LAST  = WQ_LAST_I[WQ_SB:0];

    generate
        if (BANKGROUPS != (1 << BG_BITS) || BANKS_PER_GROUP != (1 << BA_BITS) ||
            ADDR_BITS != ROW_BITS + BA_BITS + BG_BITS + COL_BITS + 5 || ID_BITS < 1 ||
            WQ_HIGH > WQ_DEPTH || WQ_LOW >= WQ_HIGH || RQ_LOW < 0 || RQ_LOW >= RQ_DEPTH) begin : gen_bad_geometry
            initial begin
                $display("%m: inconsistent geometry or watermarks (banks %0dx%0d, addr %0d bits; write queue %0d, watermarks %0d/%0d; read queue %0d, low watermark %0d)",
                         BANKGROUPS, BANKS_PER_GROUP, ADDR_BITS, WQ_DEPTH, WQ_HIGH, WQ_LOW, RQ_DEPTH, RQ_LOW);
                $finish;
            end
            INVALID_PARAMETER_GEOMETRY u_bad ();
        end
        if (ECC < 0 || ECC > 1) begin : gen_bad_ecc
            initial begin
                $display("%m: ECC = %0d must be 0 (none) or 1 (secded)", ECC);
                $finish;
            end
            INVALID_PARAMETER_ECC u_bad ();
        end
        if (DFI_RATIO < 1 || DFI_RATIO > 2) begin : gen_bad_ratio
            initial begin
                $display("%m: DFI_RATIO = %0d must be 1 or 2", DFI_RATIO);
                $finish;
            end
            INVALID_PARAMETER_DFI_RATIO u_bad ();
        end
    endgenerate

    // ---- cycle counter (queue cycles for the starvation limit) ------------
    reg [31:0] now_q;
    always @(posedge clk_i)
        if (rst_i)
            now_q <= 32'd0;
        else
            now_q <= now_q + DFI_RATIO;

    // ---- request port: the address map, its register, then the read-modify-write unit
    // The user's address is mapped as it is handed over, so the register
    // holds the burst's key {bank, row, column} (one to one with the burst
    // address); the port's head goes on to the queues from the next clock.
    localparam integer KEY_BITS  = BANK_BITS + ROW_BITS + COL_BITS;
    localparam integer PORT_BITS = KEY_BITS + 1 + ID_BITS + 256 + 32;
    wire [BG_BITS-1:0]  in_bg;
    wire [BA_BITS-1:0]  in_ba;
    wire [ROW_BITS-1:0] in_row;
    wire [COL_BITS-1:0] in_col;
    hbm_addr_map #(
        .ADDR_BITS(ADDR_BITS), .BG_BITS(BG_BITS), .BA_BITS(BA_BITS), .ROW_BITS(ROW_BITS),
        .COL_BITS(COL_BITS), .ROW_SRC(ROW_SRC), .BANK_SRC(BANK_SRC),
        .BANKGROUP_SRC(BANKGROUP_SRC), .COLUMN_SRC(COLUMN_SRC), .ADDRESS_XOR(ADDRESS_XOR)
    ) u_map (
        .addr_i(req_addr_i), .bg_o(in_bg), .ba_o(in_ba), .row_o(in_row), .col_o(in_col));

    wire                 p_valid, p_ready, p_write, p_load;
    wire [KEY_BITS-1:0]  p_key, p_load_key;
    wire [ID_BITS-1:0]   p_id;
    wire [255:0]         p_wdata;
    wire [31:0]          p_wstrb;
    wire [PORT_BITS-KEY_BITS-1:0] p_load_rest_unused;
    hbm_req_port #(.WIDTH(PORT_BITS)) u_port (
        .clk_i(clk_i), .rst_i(rst_i),
        .valid_i(req_valid_i), .ready_o(req_ready_o),
        .data_i({in_bg, in_ba, in_row, in_col, req_write_i, req_id_i, req_wdata_i, req_wstrb_i}),
        .valid_o(p_valid), .ready_i(p_ready),
        .data_o({p_key, p_write, p_id, p_wdata, p_wstrb}),
        .load_o(p_load), .load_data_o({p_load_key, p_load_rest_unused}));

`ifdef HBM_ASSERT_FORMAL
    assign fv_take_o  = p_valid && p_ready;
    assign fv_write_o = p_write;
    assign {fv_bank_o, fv_row_o, fv_col_o} = p_key;
`endif

    wire                 q_valid, q_ready, q_hold, q_write;
    wire [KEY_BITS-1:0]  q_key;
    wire [IQ_BITS-1:0]   q_id;
    wire [255:0]         q_wdata;
    wire [31:0]          q_wstrb;
    wire                 c_resp_valid, c_resp_ready, c_resp_err;
    wire [IQ_BITS-1:0]   c_resp_id;
    wire                 rmw_take, rmw_own;
    wire [KEY_BITS-1:0]  rmw_key;
    hbm_ecc_rmw #(.ENABLE(ECC), .KEY_BITS(KEY_BITS), .ID_BITS(ID_BITS), .IQ_BITS(IQ_BITS)) u_rmw (
        .clk_i(clk_i), .rst_i(rst_i),
        .req_valid_i(p_valid), .req_ready_o(p_ready), .req_key_i(p_key),
        .req_write_i(p_write), .req_id_i(p_id), .req_wdata_i(p_wdata), .req_wstrb_i(p_wstrb),
        .q_valid_o(q_valid), .q_ready_i(q_ready), .q_hold_o(q_hold), .q_key_o(q_key),
        .q_write_o(q_write), .q_id_o(q_id), .q_wdata_o(q_wdata), .q_wstrb_o(q_wstrb),
        .c_resp_valid_i(c_resp_valid), .c_resp_ready_o(c_resp_ready), .c_resp_id_i(c_resp_id),
        .c_resp_rdata_i(resp_rdata_o), .c_resp_err_i(c_resp_err),
        .resp_valid_o(resp_valid_o), .resp_ready_i(resp_ready_i), .rmw_count_o(ecc_rmw_o),
        .read_taken_o(ecc_rmw_read_o),
        .take_o(rmw_take), .held_key_o(rmw_key), .own_o(rmw_own));
    assign resp_id_o  = c_resp_id[ID_BITS-1:0];
    assign resp_err_o = c_resp_err;

    wire [BANK_BITS-1:0] req_bank;
    wire [ROW_BITS-1:0]  req_row;
    wire [COL_BITS-1:0]  req_col;
    assign {req_bank, req_row, req_col} = q_key;

    // ---- scheduler, queues and their inputs ----------------------------------
    // The issue register (row_/col_): the commands on the buses this cycle.
    wire [`HBM_CMD_BITS-1:0] row_cmd, col_cmd;
    wire [BANK_BITS-1:0] row_bank, col_bank;
    wire [ROW_BITS-1:0]  row_row;      // the row command's row: read from its entry's slot in its own cycle
    wire                 row_mark, row_write, col_write;
    wire [POS_BITS-1:0]  row_slot, col_pos, col_slot;
    wire [BANKS-1:0]     open, open_next, blocked;
    wire [DFI_RATIO*BANKS-1:0] act_ok, pre_ok, rd_ok, wr_ok, ref_ok;  // per phase of the next cycle
    wire [DFI_RATIO-1:0]       pre_all_ok, ref_all_ok;               // ... every bank
    wire                 row_phase, col_phase;  // the issue register's DRAM clocks in this cycle
    wire [BANKS*ROW_BITS-1:0] open_row;
    wire                 ref_active, ref_urgent, credit_ok;
    wire [`HBM_NEVENT-1:0] pick_events;
    wire [BANK_BITS-1:0] ref_bank;
    // the issue register's commands decoded (hbm_sched's registers)
    wire [BANKS-1:0]     issue_act, issue_close;
    wire                 issue_col;
    wire [RQ_DEPTH-1:0]  issue_gone_r;
    wire [WQ_DEPTH-1:0]  issue_gone_w;
    wire col_go = issue_col;   // col_cmd != NOP

    // Bank events of this cycle, for the queues' row-hit flags.
    wire             row_act = row_cmd == `HBM_CMD_ACT;
    wire [BANKS-1:0] bank_close;   // from hbm_bank_state

    // Queue state and read ports (q_ = rq_ / wq_).
    wire [RQ_SB:0]               rq_count;
    wire [RQ_DEPTH-1:0]          rq_hit, rq_valid;
    wire [BANKS*RQ_DEPTH-1:0]    rq_mask;
    wire [31:0]                  rq_head_ts, rq_second_ts, rq_head_ts_next_unused;
    wire [1:0]                   rq_head_from;
    wire [RQ_SB:0]               rq_count_next_unused;
    wire [ROW_BITS-1:0]          rq_mark_row;
    wire [RQ_SB-1:0]             rq_head_slot;
    wire [RQ_DEPTH*RQ_SB-1:0]    rq_order;
    wire [COL_BITS-1:0]          rq_issue_col;
    wire [IQ_BITS-1:0]           rq_issue_id;
    wire [1:0]                   rq_issue_flags;
    wire                         rq_same;
    wire [WQ_SB:0]               wq_count;
    wire [WQ_DEPTH-1:0]          wq_hit, wq_valid;
    wire [BANKS*WQ_DEPTH-1:0]    wq_mask;
    wire [31:0]                  wq_head_ts, wq_second_ts, wq_head_ts_next_unused;
    wire [1:0]                   wq_head_from;
    wire [WQ_SB:0]               wq_count_next_unused;
    wire [ROW_BITS-1:0]          wq_mark_row;
    wire [WQ_SB-1:0]             wq_head_slot;
    wire [WQ_DEPTH*WQ_SB-1:0]    wq_order;
    wire [COL_BITS-1:0]          wq_issue_col;
    wire [IQ_BITS-1:0]           wq_issue_id;
    wire [1:0]                   wq_issue_flags;
    wire                         wq_same;
    wire                         wq_newest_full;   // the newest queued write to the burst is full
    wire [WQ_SB-1:0]             wq_newest_slot;   // ... and sits in this slot
    wire [255:0]                 wq_fwd_data;
    wire [RQ_DEPTH-1:0]          rq_wait;
    wire                         rq_full_unused;
    wire [RQ_SB-1:0]             rq_newest_slot_unused;
    wire [255:0]                 rq_fwd_data_unused;
    wire [WQ_DEPTH-1:0]          wq_wait_unused;
    wire [RQ_DEPTH-1:0]          rq_kept, rq_push_slot, rq_look, rq_match;  // hbm_req_match's, per queue
    wire [WQ_DEPTH-1:0]          wq_kept, wq_push_slot, wq_look, wq_match;
    wire                         fwd_free;         // the forward register takes a read this cycle
    wire [255:0]                 wq_issue_data;
    wire [31:0]                  wq_issue_strb;
    wire [255:0]                 rq_issue_data_unused;
    wire [31:0]                  rq_issue_strb_unused;

    // Hazards (docs/microarchitecture.md, read-after-write): a write waits
    // while the read queue holds a read of its burst.  A read of a burst
    // with queued writes is forwarded when the newest of them writes all
    // 32 bytes (answered from its data, entering no queue: the forward
    // register must be free), else queued waiting for that write (unless
    // the issue register's WR takes it out of its queue at this edge).
    wire rq_full = rq_count >= RQ_FULL;
    wire wq_full = wq_count >= WQ_FULL;
    wire raw_fwd = wq_same && wq_newest_full;
    wire wdone   = col_go && col_write;   // the issue register's WR leaves the write queue
    wire raw_wait = wq_same && !wq_newest_full &&
                    !(wdone && col_slot[WQ_SB-1:0] == wq_newest_slot);
    assign q_ready = q_write ? (!wq_full && !rq_same) : (raw_fwd ? fwd_free : !rq_full);
    wire q_go    = q_valid && q_ready && !q_hold;   // the queues take the request
    wire push_rd = q_go && !q_write && !raw_fwd;
    wire push_wr = q_go && q_write;
    wire fwd_take = q_go && !q_write && raw_fwd;

    hbm_req_queue #(
        .DEPTH(RQ_DEPTH), .BANKS(BANKS), .BANK_BITS(BANK_BITS), .ROW_BITS(ROW_BITS),
        .COL_BITS(COL_BITS), .ID_BITS(IQ_BITS), .OPT_DATA(0), .OPT_WAIT(1), .DEP_BITS(WQ_SB)
    ) u_rq (
        .clk_i(clk_i), .rst_i(rst_i),
        .push_i(push_rd), .push_bank_i(req_bank), .push_row_i(req_row), .push_col_i(req_col),
        .push_id_i(q_id), .push_ts_i(now_q), .push_data_i(q_wdata), .push_strb_i(q_wstrb),
        .push_wait_i(raw_wait), .push_dep_i(wq_newest_slot),
        .wdone_i(wdone), .wdone_slot_i(col_slot[WQ_SB-1:0]),
        .pop_i(col_go && !col_write), .pop_pos_i(col_pos[RQ_SB-1:0]), .pop_slot_i(col_slot[RQ_SB-1:0]),
        .mark_i(row_mark && !row_write), .mark_slot_i(row_slot[RQ_SB-1:0]),
        .mark_conflict_i(row_cmd == `HBM_CMD_PRE),
        .open_i(open), .open_row_i(open_row), .act_i(row_act), .act_bank_i(row_bank),
        .act_row_i(row_row), .close_i(bank_close),
        .count_o(rq_count), .valid_o(rq_valid), .hit_o(rq_hit), .wait_o(rq_wait), .bank_mask_o(rq_mask),
        .order_o(rq_order), .mark_row_o(rq_mark_row),
        .head_ts_o(rq_head_ts), .second_ts_o(rq_second_ts), .head_from_o(rq_head_from),
        .count_next_o(rq_count_next_unused), .head_ts_next_o(rq_head_ts_next_unused),
        .head_slot_o(rq_head_slot),
        .issue_slot_i(col_slot[RQ_SB-1:0]), .issue_col_o(rq_issue_col), .issue_id_o(rq_issue_id),
        .issue_read_i(col_go && !col_write),
        .issue_flags_o(rq_issue_flags),
        .issue_data_o(rq_issue_data_unused), .issue_strb_o(rq_issue_strb_unused),
        .probe_i(q_valid && q_write), .probe_match_i(rq_match), .probe_key_i(q_key), .probe_hit_o(rq_same),
        .probe_full_o(rq_full_unused), .probe_slot_o(rq_newest_slot_unused),
        .fwd_i(1'b0), .fwd_data_o(rq_fwd_data_unused),
        .look_i(p_load), .look_key_i(p_load_key), .look_match_o(rq_look), .kept_o(rq_kept), .push_slot_o(rq_push_slot));

    hbm_req_queue #(
        .DEPTH(WQ_DEPTH), .BANKS(BANKS), .BANK_BITS(BANK_BITS), .ROW_BITS(ROW_BITS),
        .COL_BITS(COL_BITS), .ID_BITS(IQ_BITS), .OPT_DATA(1), .OPT_WAIT(0), .DEP_BITS(WQ_SB)
    ) u_wq (
        .clk_i(clk_i), .rst_i(rst_i),
        .push_i(push_wr), .push_bank_i(req_bank), .push_row_i(req_row), .push_col_i(req_col),
        .push_id_i(q_id), .push_ts_i(now_q), .push_data_i(q_wdata), .push_strb_i(q_wstrb),
        .push_wait_i(1'b0), .push_dep_i({WQ_SB{1'b0}}), .wdone_i(1'b0), .wdone_slot_i({WQ_SB{1'b0}}),
        .pop_i(col_go && col_write), .pop_pos_i(col_pos[WQ_SB-1:0]), .pop_slot_i(col_slot[WQ_SB-1:0]),
        .mark_i(row_mark && row_write), .mark_slot_i(row_slot[WQ_SB-1:0]),
        .mark_conflict_i(row_cmd == `HBM_CMD_PRE),
        .open_i(open), .open_row_i(open_row), .act_i(row_act), .act_bank_i(row_bank),
        .act_row_i(row_row), .close_i(bank_close),
        .count_o(wq_count), .valid_o(wq_valid), .hit_o(wq_hit), .wait_o(wq_wait_unused), .bank_mask_o(wq_mask),
        .order_o(wq_order), .mark_row_o(wq_mark_row),
        .head_ts_o(wq_head_ts), .second_ts_o(wq_second_ts), .head_from_o(wq_head_from),
        .count_next_o(wq_count_next_unused), .head_ts_next_o(wq_head_ts_next_unused),
        .head_slot_o(wq_head_slot),
        .issue_slot_i(col_slot[WQ_SB-1:0]), .issue_col_o(wq_issue_col), .issue_id_o(wq_issue_id),
        .issue_read_i(col_go && col_write),
        .issue_flags_o(wq_issue_flags),
        .issue_data_o(wq_issue_data), .issue_strb_o(wq_issue_strb),
        .probe_i(q_valid && !q_write), .probe_match_i(wq_match), .probe_key_i(q_key), .probe_hit_o(wq_same),
        .probe_full_o(wq_newest_full), .probe_slot_o(wq_newest_slot),
        .fwd_i(fwd_take), .fwd_data_o(wq_fwd_data),
        .look_i(p_load), .look_key_i(p_load_key), .look_match_o(wq_look), .kept_o(wq_kept), .push_slot_o(wq_push_slot));

    // The hazard probe a clock ahead: per queue, the slots holding the
    // burst of the request on the queues' port (hbm_req_match).
    hbm_req_match #(.DEPTH(RQ_DEPTH), .KEY_BITS(KEY_BITS)) u_rq_match (
        .clk_i(clk_i), .rst_i(rst_i),
        .kept_i(rq_kept), .push_slot_i(rq_push_slot), .push_key_i(q_key), .load_match_i(rq_look),
        .head_load_i(p_load), .head_key_i(p_key),
        .held_take_i(rmw_take), .held_key_i(rmw_key), .own_i(rmw_own), .match_o(rq_match));
    hbm_req_match #(.DEPTH(WQ_DEPTH), .KEY_BITS(KEY_BITS)) u_wq_match (
        .clk_i(clk_i), .rst_i(rst_i),
        .kept_i(wq_kept), .push_slot_i(wq_push_slot), .push_key_i(q_key), .load_match_i(wq_look),
        .head_load_i(p_load), .head_key_i(p_key),
        .held_take_i(rmw_take), .held_key_i(rmw_key), .own_i(rmw_own), .match_o(wq_match));


    assign row_row = !row_mark ? {ROW_BITS{1'b0}} : row_write ? wq_mark_row : rq_mark_row;

    hbm_bank_state #(.BANKS(BANKS), .BANK_BITS(BANK_BITS), .ROW_BITS(ROW_BITS)) u_banks (
        .clk_i(clk_i), .rst_i(rst_i),
        .row_cmd_i(row_cmd), .row_bank_i(row_bank), .row_row_i(row_row),
        .col_cmd_i(col_cmd), .col_bank_i(col_bank), .act_i(issue_act), .close_i(issue_close),
        .open_o(open), .open_next_o(open_next), .open_row_o(open_row), .close_o(bank_close));

    hbm_timing #(
        .BANKS(BANKS), .BA_BITS(BA_BITS), .SID_BANKS(BANKS / STACK_IDS), .BANK_BITS(BANK_BITS),
        .T_FAW_CK(T_FAW_CK), .DELAY_BITS(DELAY_BITS), .DELAY_TABLE(DELAY_TABLE), .RATIO(DFI_RATIO)
    ) u_timing (
        .clk_i(clk_i), .rst_i(rst_i),
        .row_cmd_i(row_cmd), .row_bank_i(row_bank), .row_phase_i(row_phase),
        .col_cmd_i(col_cmd), .col_bank_i(col_bank), .col_phase_i(col_phase),
        .act_ok_o(act_ok), .pre_ok_o(pre_ok), .rd_ok_o(rd_ok), .wr_ok_o(wr_ok), .ref_ok_o(ref_ok),
        .pre_all_ok_o(pre_all_ok), .ref_all_ok_o(ref_all_ok));

    // Banks with a queued request after this edge, for the refresh engine,
    // which decides a cycle ahead: a bank's position vector is zero above
    // the queue's count; the issue register's pop leaves (busy_stay); the
    // push enters (the engine takes it apart, so that it only selects).
    wire [RQ_DEPTH-1:0] rq_pop_1h = issue_gone_r;   // (the issue register's, decoded)
    wire [WQ_DEPTH-1:0] wq_pop_1h = issue_gone_w;
    reg [BANKS-1:0] busy_stay;
    integer h;
    always @* begin
        for (h = 0; h < BANKS; h = h + 1)
            busy_stay[h] = (rq_mask[h*RQ_DEPTH +: RQ_DEPTH] & ~rq_pop_1h) != {RQ_DEPTH{1'b0}} ||
                           (wq_mask[h*WQ_DEPTH +: WQ_DEPTH] & ~wq_pop_1h) != {WQ_DEPTH{1'b0}};
    end

    wire [COL_BITS-1:0] col_col = col_write ? wq_issue_col : rq_issue_col;

    hbm_refresh #(
        .BANKS(BANKS), .BANK_BITS(BANK_BITS), .REFRESH_MODE(REFRESH_MODE),
        .REFRESH_POSTPONE(REFRESH_POSTPONE), .REFRESH_PICK(REFRESH_PICK),
        .T_REFI_CK(T_REFI_CK), .T_REFIPB_CK(T_REFIPB_CK), .RATIO(DFI_RATIO)
    ) u_refresh (
        .clk_i(clk_i), .rst_i(rst_i),
        .busy_stay_i(busy_stay), .queues_empty_stay_i(rq_head_from[1] && wq_head_from[1]),
        .push_i(push_rd || push_wr), .push_bank_i(req_bank),
        .pre_i(row_cmd == `HBM_CMD_PRE), .pre_bank_i(row_bank),
        .auto_pre_i(col_cmd == `HBM_CMD_RDA || col_cmd == `HBM_CMD_WRA), .auto_pre_bank_i(col_bank),
        .auto_pre_end_i(&col_col),
        .done_i(row_cmd == `HBM_CMD_REFAB || row_cmd == `HBM_CMD_REFPB),
        .active_o(ref_active), .bank_o(ref_bank), .blocked_o(blocked), .urgent_o(ref_urgent));

    hbm_sched #(
        .BANKS(BANKS), .BANK_BITS(BANK_BITS),
        .RQ_DEPTH(RQ_DEPTH), .WQ_DEPTH(WQ_DEPTH),
        .WQ_HIGH(WQ_HIGH), .WQ_LOW(WQ_LOW), .RQ_LOW(RQ_LOW), .STARVE_LIMIT(STARVE_LIMIT), .WINDOW(SCHED_WINDOW),
        .SCHEDULER(SCHEDULER), .PAGE_POLICY(PAGE_POLICY), .REFRESH_MODE(REFRESH_MODE),
        .RATIO(DFI_RATIO)
    ) u_sched (
        .clk_i(clk_i), .rst_i(rst_i), .now_i(now_q),
        .rq_valid_i(rq_valid), .rq_hit_i(rq_hit), .rq_wait_i(rq_wait), .rq_bank_mask_i(rq_mask),
        .rq_count_i(rq_count), .rq_push_i(push_rd), .rq_head_ts_i(rq_head_ts),
        .rq_second_ts_i(rq_second_ts), .rq_head_from_i(rq_head_from),
        .rq_head_slot_i(rq_head_slot),
        .rq_order_i(rq_order),
        .wq_valid_i(wq_valid), .wq_hit_i(wq_hit), .wq_bank_mask_i(wq_mask), .wq_count_i(wq_count),
        .wq_push_i(push_wr), .wq_head_ts_i(wq_head_ts), .wq_second_ts_i(wq_second_ts),
        .wq_head_from_i(wq_head_from),
        .wq_head_slot_i(wq_head_slot),
        .wq_order_i(wq_order),
        .open_next_i(open_next),
        .act_ok_i(act_ok), .pre_ok_i(pre_ok), .rd_ok_i(rd_ok), .wr_ok_i(wr_ok), .ref_ok_i(ref_ok),
        .pre_all_ok_i(pre_all_ok), .ref_all_ok_i(ref_all_ok),
        .ref_active_i(ref_active), .ref_bank_i(ref_bank), .blocked_i(blocked),
        .credit_ok_i(credit_ok),
        .row_cmd_o(row_cmd), .row_phase_o(row_phase), .row_bank_o(row_bank),
        .row_mark_o(row_mark), .row_write_o(row_write), .row_slot_o(row_slot),
        .col_cmd_o(col_cmd), .col_phase_o(col_phase), .col_bank_o(col_bank), .col_write_o(col_write),
        .col_pos_o(col_pos),
        .col_slot_o(col_slot),
        .issue_act_o(issue_act), .issue_close_o(issue_close), .issue_col_o(issue_col),
        .issue_gone_r_o(issue_gone_r), .issue_gone_w_o(issue_gone_w),
        .events_o(pick_events));

    // ---- column command payload: the entry the issue register pops -----------
    wire [IQ_BITS-1:0]  col_id  = col_write ? wq_issue_id : rq_issue_id;
    wire [1:0] col_flags = col_write ? wq_issue_flags : rq_issue_flags;  // {PRE, ACT} were needed
    assign perf_col_cause_o = !col_go || col_flags == 2'b00 ? `HBM_CAUSE_HIT :
                              col_flags[1] ? `HBM_CAUSE_CONFLICT : `HBM_CAUSE_MISS;

    hbm_datapath #(
        .RL_CK(RL_CK), .WL_CK(WL_CK), .T_BURST_CK(T_BURST_CK), .ID_BITS(IQ_BITS),
        .RESP_DEPTH(RESP_DEPTH), .RATIO(DFI_RATIO), .ECC(ECC)
    ) u_data (
        .clk_i(clk_i), .rst_i(rst_i),
        .rd_issue_i(col_go && !col_write), .wr_issue_i(col_go && col_write), .issue_phase_i(col_phase),
        .issue_id_i(col_id), .issue_data_i(wq_issue_data), .issue_strb_i(wq_issue_strb),
        .credit_ok_o(credit_ok),
        .fwd_take_i(fwd_take), .fwd_id_i(q_id), .fwd_data_i(wq_fwd_data), .fwd_free_o(fwd_free),
        .dfi_wrdata_en_o(dfi_wrdata_en), .dfi_wrdata_o(dfi_wrdata), .dfi_wrdata_mask_o(dfi_wrdata_mask),
        .dfi_wrdata_ecc_o(dfi_wrdata_ecc),
        .dfi_rddata_valid_i(dfi_rddata_valid), .dfi_rddata_i(dfi_rddata), .dfi_rddata_ecc_i(dfi_rddata_ecc),
        .resp_valid_o(c_resp_valid), .resp_ready_i(c_resp_ready), .resp_id_o(c_resp_id),
        .resp_write_o(resp_write_o), .resp_rdata_o(resp_rdata_o), .resp_fwd_o(resp_fwd_o),
        .resp_err_o(c_resp_err),
        .ecc_corrected_o(ecc_corrected_o), .ecc_uncorrectable_o(ecc_uncorrectable_o));

    // ---- DFI command buses -------------------------------------------------------
    genvar ph;
    generate
        for (ph = 0; ph < DFI_RATIO; ph = ph + 1) begin : gen_slot
            assign dfi_row_cmd[ph*`HBM_CMD_BITS +: `HBM_CMD_BITS] =
                (ph == (row_phase ? 1 : 0)) ? row_cmd : `HBM_CMD_NOP;
            assign dfi_col_cmd[ph*`HBM_CMD_BITS +: `HBM_CMD_BITS] =
                (ph == (col_phase ? 1 : 0)) ? col_cmd : `HBM_CMD_NOP;
        end
    endgenerate
    assign dfi_row_bg   = row_bank[BANK_BITS-1:BA_BITS];
    assign dfi_row_ba   = row_bank[BA_BITS-1:0];
    assign dfi_row_addr = (row_cmd == `HBM_CMD_ACT) ? row_row : {ROW_BITS{1'b0}};
    assign dfi_col_bg   = col_bank[BANK_BITS-1:BA_BITS];
    assign dfi_col_ba   = col_bank[BA_BITS-1:0];
    assign dfi_col_addr = col_col;

`ifndef SYNTHESIS
    `HBM_ASSERT("a request the queues take is queued or forwarded, once",
                !q_go || (push_rd ^ push_wr ^ fwd_take))
`endif
    // ---- events: the picks', the queues' fill, refresh, the ports ---------------
    reg [`HBM_NEVENT-1:0] events;
    always @* begin
        events = pick_events;
        events[`HBM_EV_RQ_EMPTY]       = rq_count == {(RQ_SB+1){1'b0}};
        events[`HBM_EV_RQ_ONE_LEFT]    = rq_count == RQ_LAST;
        events[`HBM_EV_RQ_FULL]        = rq_full;
        events[`HBM_EV_WQ_EMPTY]       = wq_count == {(WQ_SB+1){1'b0}};
        events[`HBM_EV_WQ_ONE_LEFT]    = wq_count == WQ_LAST;
        events[`HBM_EV_WQ_FULL]        = wq_full;
        events[`HBM_EV_REFRESH_URGENT] = ref_urgent;
        events[`HBM_EV_RAW_FORWARD]    = fwd_take;
        events[`HBM_EV_RAW_WAIT]       = push_rd && raw_wait;
        events[`HBM_EV_WAR_HOLD]       = q_valid && q_write && rq_same;
        events[`HBM_EV_REQ_STALL]      = req_valid_i && !req_ready_o;
        events[`HBM_EV_RESP_STALL]     = resp_valid_o && !resp_ready_i;
    end
    assign perf_event_o = events;

    // ---- the bandwidth monitor: the response port's handshakes; the energy
    // counters: the issue register's commands, and the DRAM clocks of this
    // clock with a bank open, each after the commands of its own and the
    // earlier DRAM clocks (phase 0: only those of phase 0; the last: all,
    // open_next) ---------------------------------------------------------
    wire resp_take = resp_valid_o && resp_ready_i;
    wire [BANKS-1:0] row_bank_1h = {{(BANKS-1){1'b0}}, 1'b1} << row_bank;
    wire [BANKS-1:0] col_bank_1h = {{(BANKS-1){1'b0}}, 1'b1} << col_bank;
    wire             row_p0 = !row_phase, col_p0 = !col_phase;
    wire [BANKS-1:0] open_p0 =
        (open & ~((row_p0 && row_cmd == `HBM_CMD_PRE) ? row_bank_1h : {BANKS{1'b0}})
              & ~((row_p0 && row_cmd == `HBM_CMD_PREA) ? {BANKS{1'b1}} : {BANKS{1'b0}})
              & ~((col_p0 && (col_cmd == `HBM_CMD_RDA || col_cmd == `HBM_CMD_WRA)) ? col_bank_1h : {BANKS{1'b0}}))
        | ((row_p0 && row_cmd == `HBM_CMD_ACT) ? row_bank_1h : {BANKS{1'b0}});
    wire [1:0] active_clocks = (DFI_RATIO == 1) ? {1'b0, |open_next} : {1'b0, |open_p0} + {1'b0, |open_next};
    hbm_bw_monitor u_bwmon (
        .clk_i(clk_i), .rst_i(rst_i),
        .rd_done_i(resp_take && !resp_write_o), .wr_done_i(resp_take && resp_write_o),
        .act_i(row_cmd == `HBM_CMD_ACT), .rd_i(col_cmd == `HBM_CMD_RD || col_cmd == `HBM_CMD_RDA),
        .wr_i(col_cmd == `HBM_CMD_WR || col_cmd == `HBM_CMD_WRA),
        .refab_i(row_cmd == `HBM_CMD_REFAB), .refpb_i(row_cmd == `HBM_CMD_REFPB), .active_i(active_clocks),
        .reg_addr_i(bwmon_addr_i), .reg_we_i(bwmon_we_i), .reg_wdata_i(bwmon_wdata_i),
        .reg_rdata_o(bwmon_rdata_o));
endmodule

`resetall
