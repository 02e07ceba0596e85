// vhbm.cpp - the lockstep testbench: the Verilog controller (rtl/, through
// Verilator) and the C golden model (model/) driven with the same requests,
// compared every cycle.
//
//   vhbm --config FILE (--trace FILE | --workload SPEC) [--requests N]
//        [--seed N] [--cmdlog FILE] [--json] [--wave FILE.fst]
//        [--no-lockstep] [--resp-stall PCT] [--req-gap PCT] [--cycles N]
//
// Each cycle: the request (if any) and the response port's ready go to both;
// the RTL's req_ready must equal the model's can_accept, every response
// (valid, id, write flag, data) and the commands on the row and column
// buses must be equal.  The RTL's DFI buses drive a C model of the HBM
// device (model/hbm_device) and an independent checker (model/hbm_check)
// watches them.  On the first mismatch vhbm prints the cycle, the expected
// and the actual values, writes a waveform of the cycles around it and
// exits 1.  The report is hbmsim's, computed from the RTL's side, with
// `mismatches` added.  C++ only because Verilator needs it.
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "Vhbm_ctrl.h"
#include "verilated.h"
#include "verilated_fst_c.h"

#include "hbm_check.h"
#include "hbm_config.h"
#include "hbm_device.h"
#include "hbm_model.h"
#include "hbm_rand.h"
#include "hbm_drive.h"
#include "hbm_report.h"
#include "hbm_scoreboard.h"
#include "hbm_source.h"

#ifndef HBM_VH_PATH
#error "build with -DHBM_VH_PATH=\"...hbm_cfg.vh\" (the header this RTL was built with)"
#endif

namespace {

const int kDefaultRequests = 100000;

struct Options {
    const char *config = nullptr, *trace = nullptr, *workload = nullptr;
    const char *cmdlog = nullptr, *wave = nullptr;
    uint64_t requests = 0, seed = 1, resp_stall = 0, req_gap = 0, cycles = 0, stacks = 0;
    std::string spec;   // --workload with --stacks folded in
    bool requests_set = false, json = false, lockstep = true, refresh_cost = true;
};

void usage(FILE *out)
{
    fprintf(out,
            "usage: vhbm --config FILE (--trace FILE | --workload SPEC) [options]\n"
            "  the options of hbmsim (--requests --seed --stacks --cmdlog --json --resp-stall --req-gap\n"
            "  --no-refresh-cost), and\n"
            "  --wave FILE.fst   dump every signal of the RTL to an FST waveform\n"
            "  --no-lockstep     run the RTL alone (checker and data scoreboard still on)\n"
            "  --cycles N        stop after N cycles, answered or not (short runs for --wave)\n"
            "This binary was built for the config header %s.\n", HBM_VH_PATH);
}

bool parse_u64(const char *opt, const char *s, uint64_t *out)
{
    char *end = nullptr;
    if (!s || *s < '0' || *s > '9') {
        fprintf(stderr, "vhbm: %s needs a non-negative integer, got '%s'\n", opt, s ? s : "");
        return false;
    }
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end) {
        fprintf(stderr, "vhbm: %s needs a non-negative integer, got '%s'\n", opt, s);
        return false;
    }
    *out = v;
    return true;
}

bool parse_args(int argc, char **argv, Options &o)
{
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : nullptr;
        for (int j = 1; j < i; j++)
            if (a[0] == '-' && a == argv[j]) {
                fprintf(stderr, "vhbm: option %s given twice\n", a.c_str());
                return false;
            }
        if (a == "--help" || a == "-h") {
            usage(stdout);
            exit(0);
        } else if (a == "--no-refresh-cost") {
            o.refresh_cost = false;
            continue;
        } else if (a == "--json") {
            o.json = true;
            continue;
        } else if (a == "--no-lockstep") {
            o.lockstep = false;
            continue;
        } else if (!v) {
            fprintf(stderr, "vhbm: %s needs a value (see --help)\n", a.c_str());
            return false;
        } else if (a == "--config") {
            o.config = v;
        } else if (a == "--trace") {
            o.trace = v;
        } else if (a == "--workload") {
            o.workload = v;
        } else if (a == "--cmdlog") {
            o.cmdlog = v;
        } else if (a == "--wave") {
            o.wave = v;
        } else if (a == "--requests") {
            if (!parse_u64("--requests", v, &o.requests))
                return false;
            o.requests_set = true;
        } else if (a == "--seed") {
            if (!parse_u64("--seed", v, &o.seed))
                return false;
        } else if (a == "--stacks") {
            if (!parse_u64("--stacks", v, &o.stacks))
                return false;
        } else if (a == "--cycles") {
            if (!parse_u64("--cycles", v, &o.cycles))
                return false;
        } else if (a == "--resp-stall" || a == "--req-gap") {
            uint64_t *dst = a == "--resp-stall" ? &o.resp_stall : &o.req_gap;
            if (!parse_u64(a.c_str(), v, dst))
                return false;
            if (*dst > 99) {
                fprintf(stderr, "vhbm: %s takes a percentage below 100, got '%s'\n", a.c_str(), v);
                return false;
            }
        } else {
            fprintf(stderr, "vhbm: unknown option '%s' (see --help)\n", a.c_str());
            return false;
        }
        i++;
    }
    if (!o.config) {
        fprintf(stderr, "vhbm: --config FILE is required (see --help)\n");
        return false;
    }
    if (!o.trace == !o.workload) {
        fprintf(stderr, "vhbm: give exactly one of --trace FILE and --workload SPEC\n");
        return false;
    }
    if (o.stacks) {
        char err[HBM_ERR_MAX], buf[512];
        if (!o.workload || hbm_source_spec_with_stacks(o.workload, o.stacks, buf, sizeof buf, err)) {
            fprintf(stderr, "vhbm: %s\n", o.workload ? err : "--stacks needs --workload llm-decode");
            return false;
        }
        o.spec = buf;
        o.workload = o.spec.c_str();
    }
    if (o.workload && !o.requests_set)
        o.requests = kDefaultRequests;
    if (o.workload && o.requests == 0) {
        fprintf(stderr, "vhbm: --requests must be at least 1 for a workload\n");
        return false;
    }
    return true;
}

// The RTL is built for one config: refuse another one.
bool config_matches_build(const hbm_config &cfg)
{
    FILE *f = fopen(HBM_VH_PATH, "r");
    if (!f) {
        fprintf(stderr, "vhbm: cannot read the build's config header %s\n", HBM_VH_PATH);
        return false;
    }
    std::string built, want;
    char line[512];
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "//", 2) != 0)
            built += line;
    fclose(f);
    char *buf = nullptr;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    char err[HBM_ERR_MAX];
    int emitted = hbm_config_emit_vh(&cfg, mem, err);
    fclose(mem);
    if (emitted) {
        fprintf(stderr, "vhbm: %s\n", err);
        free(buf);
        return false;
    }
    for (char *p = strtok(buf, "\n"); p; p = strtok(nullptr, "\n"))
        if (strncmp(p, "//", 2) != 0)
            want += std::string(p) + "\n";
    free(buf);
    if (built != want) {
        fprintf(stderr,
                "vhbm: %s differs from the config this RTL was built with (%s);\n"
                "      build a testbench for it: make vhbm CONFIG=%s\n",
                cfg.source, HBM_VH_PATH, cfg.source);
        return false;
    }
    return true;
}

// Commands seen in one cycle on each bus.
struct BusCmds {
    bool row = false, col = false;
    hbm_cmd r{}, c{};
};

void collect_model_cmd(void *ctx, const hbm_cmd *cmd)
{
    BusCmds *b = static_cast<BusCmds *>(ctx);
    if (hbm_cmd_is_row(cmd->code)) {
        b->row = true;
        b->r = *cmd;
    } else {
        b->col = true;
        b->c = *cmd;
    }
}

std::string cmd_text(const hbm_cmd &c)
{
    char buf[128];
    hbm_cmd_format(&c, buf, sizeof buf);
    std::string s(buf);
    if (!s.empty() && s.back() == '\n')
        s.pop_back();
    return s;
}

struct Result {
    uint64_t mismatch_cycle = 0;
    bool mismatch = false;
    int rc = 0;
};

// One whole run.  Tracing covers cycles [trace_from, trace_to] when a
// waveform file is given.
Result run(const Options &o, const hbm_config &cfg, const char *wave, uint64_t trace_from,
           uint64_t trace_to, bool quiet)
{
    Result res;
    char err[HBM_ERR_MAX];
    std::unique_ptr<VerilatedContext> ctx(new VerilatedContext);
    ctx->traceEverOn(wave != nullptr);
    std::unique_ptr<Vhbm_ctrl> top(new Vhbm_ctrl(ctx.get()));
    std::unique_ptr<VerilatedFstC> tfp;
    if (wave) {
        tfp.reset(new VerilatedFstC);
        top->trace(tfp.get(), 99);
        tfp->open(wave);
    }

    hbm_source *src = o.trace ? hbm_source_open_trace(o.trace, &cfg, o.requests, err)
                              : hbm_source_workload(o.workload, &cfg, o.requests, o.seed, err);
    if (!src) {
        fprintf(stderr, "vhbm: %s\n", err);
        res.rc = 2;
        return res;
    }
    hbm_model *m = o.lockstep ? hbm_model_create(&cfg, err) : nullptr;
    hbm_device *dev = hbm_device_create(&cfg, err);
    hbm_check *chk = hbm_check_create(&cfg, err);
    hbm_scoreboard *sb = hbm_scoreboard_create(&cfg, o.seed);
    FILE *log = nullptr;
    if ((o.lockstep && !m) || !dev || !chk || !sb) {
        fprintf(stderr, "vhbm: %s\n", err);
        res.rc = 2;
        return res;
    }
    if (o.cmdlog && !quiet) {
        log = fopen(o.cmdlog, "w");
        if (!log) {
            fprintf(stderr, "vhbm: %s: cannot write: %s\n", o.cmdlog, strerror(errno));
            res.rc = 2;
            return res;
        }
    }
    BusCmds model_cmds;
    if (m)
        hbm_model_set_cmd_hook(m, collect_model_cmd, &model_cmds);

    // Reset.
    uint64_t ticks = 0;
    // A rising edge.  The falling edge needs an eval of its own only for the
    // waveform: otherwise it happens in the next cycle's first eval, which
    // changes no state (every register is on the rising edge).
    auto edge = [&](uint64_t cycle) {
        top->clk_i = 1;
        top->eval();
        if (tfp && cycle >= trace_from && cycle <= trace_to)
            tfp->dump(ticks * 10 + 5);
        top->clk_i = 0;
        if (tfp) {
            top->eval();
            if (cycle >= trace_from && cycle <= trace_to)
                tfp->dump(ticks * 10 + 10);
        }
        ticks++;
    };
    top->rst_i = 1;
    top->clk_i = 0;
    top->req_valid_i = 0;
    top->resp_ready_i = 0;
    top->dfi_rddata_valid = 0;
    for (int i = 0; i < 4; i++) {
        top->eval();
        edge(0);
    }
    top->rst_i = 0;

    hbm_stats st;
    memset(&st, 0, sizeof st);
    std::vector<uint8_t> id_busy(1u << cfg.id_bits, 0);
    uint32_t next_id = 0, id_count = 1u << cfg.id_bits;
    uint64_t rng = o.seed ^ 0x5eedULL, reported = 0, pushed = 0, completed = 0;
    uint64_t last_progress = 0, stall_limit = 20 * (uint64_t)cfg.trefi + 100000;
    hbm_req req{};
    bool have_req = false, src_done = false;
    uint8_t wdata[32];
    uint32_t wen = 0;
    auto fail = [&](uint64_t cycle, const char *what, const std::string &exp, const std::string &got) {
        if (!quiet)
            fprintf(stderr, "vhbm: MISMATCH at cycle %" PRIu64 ": %s\n  expected (model): %s\n"
                            "  actual   (RTL):   %s\n", cycle, what, exp.c_str(), got.c_str());
        res.mismatch = true;
        res.mismatch_cycle = cycle;
    };

    for (uint64_t now = 0;; now++) {
        if (!have_req && !src_done) {
            int got = hbm_source_next(src, &req, err);
            if (got < 0) {
                fprintf(stderr, "vhbm: %s\n", err);
                res.rc = 2;
                break;
            }
            have_req = got == 1;
            src_done = got == 0;
            if (have_req && req.is_write)
                hbm_scoreboard_write_data(sb, req.addr, wdata, &wen);
        }
        // Done: every request answered (in lockstep: the model idle, as hbmsim ends).
        if (src_done && !have_req && pushed == completed && (!m || hbm_model_idle(m)))
            break;
        if (tfp && now > trace_to)
            break;
        if (o.cycles && now >= o.cycles)
            break;

        // Inputs of this cycle.
        bool offer = have_req && now >= req.earliest &&
                     (!o.req_gap || hbm_rand_next(&rng) % 100 >= o.req_gap);
        uint32_t id = 0;
        if (offer) {
            while (id_busy[next_id])
                next_id = (next_id + 1) % id_count;
            id = next_id;
        }
        bool ready_in = !o.resp_stall || hbm_rand_next(&rng) % 100 >= o.resp_stall;
        top->req_valid_i = offer;
        top->req_addr_i = req.addr;
        top->req_write_i = req.is_write;
        top->req_id_i = id;
        for (int w = 0; w < 8; w++) {
            uint32_t word = 0;
            for (int k = 0; k < 4; k++)
                word |= (uint32_t)(req.is_write ? wdata[w * 4 + k] : 0) << (8 * k);
            top->req_wdata_i[w] = word;
        }
        top->req_wstrb_i = req.is_write ? wen : 0;
        top->resp_ready_i = ready_in;
        top->eval();

        // Request handshake.
        bool rtl_ready = top->req_ready_o;
        if (offer && m && rtl_ready != (bool)hbm_model_can_accept(m, req.addr, req.is_write)) {
            fail(now, "req_ready", hbm_model_can_accept(m, req.addr, req.is_write) ? "1" : "0",
                 rtl_ready ? "1" : "0");
            break;
        }
        if (offer && rtl_ready) {
            if (m && hbm_model_push(m, req.addr, req.is_write, id, req.is_write ? wdata : nullptr,
                                    req.is_write ? wen : 0) != HBM_PUSH_OK) {
                fail(now, "model refused an accepted request", "accept", "refused");
                break;
            }
            if (hbm_scoreboard_accepted(sb, req.addr, req.is_write, id, wdata, wen)) {
                fprintf(stderr, "vhbm: out of memory\n");
                res.rc = 2;
                break;
            }
            id_busy[id] = 1;
            next_id = (id + 1) % id_count;
            have_req = false;
            pushed++;
        }

        // Response handshake.
        bool rtl_valid = top->resp_valid_o;
        if (m && rtl_valid != (bool)hbm_model_resp_valid(m)) {
            fail(now, "resp_valid", hbm_model_resp_valid(m) ? "1" : "0", rtl_valid ? "1" : "0");
            break;
        }
        if (rtl_valid && ready_in) {
            uint8_t rdata[32];
            for (int w = 0; w < 8; w++)
                for (int k = 0; k < 4; k++)
                    rdata[w * 4 + k] = (uint8_t)(top->resp_rdata_o[w] >> (8 * k));
            uint32_t rid = top->resp_id_o;
            bool rwr = top->resp_write_o;
            if (m) {
                hbm_resp mr;
                hbm_model_pop_resp(m, &mr);
                if (mr.id != rid || (bool)mr.is_write != rwr || memcmp(mr.data, rdata, 32) != 0) {
                    char e[96], g[96];
                    snprintf(e, sizeof e, "id %u %s data[0..3] %02x%02x%02x%02x", mr.id,
                             mr.is_write ? "write" : "read", mr.data[0], mr.data[1], mr.data[2], mr.data[3]);
                    snprintf(g, sizeof g, "id %u %s data[0..3] %02x%02x%02x%02x", rid,
                             rwr ? "write" : "read", rdata[0], rdata[1], rdata[2], rdata[3]);
                    fail(now, "response", e, g);
                    break;
                }
            }
            char msg[256];
            if (!rwr && hbm_scoreboard_check_read(sb, rid, rdata, msg)) {
                fprintf(stderr, "vhbm: data error at cycle %" PRIu64 ": %s\n", now, msg);
                res.rc = 1;
            }
            id_busy[rid] = 0;
            completed++;
            last_progress = now;
        } else if (pushed > completed && now - last_progress > stall_limit) {
            fprintf(stderr, "vhbm: no response for %" PRIu64 " cycles at cycle %" PRIu64 ": stuck\n",
                    stall_limit, now);
            res.rc = 1;
            break;
        }

        // The RTL's commands of this cycle.
        BusCmds rtl;
        if (top->dfi_row_cmd) {
            rtl.row = true;
            rtl.r = hbm_cmd{now, (int)top->dfi_row_cmd, 0, 0, (int)top->dfi_row_bg, (int)top->dfi_row_ba,
                            (int)top->dfi_row_addr, 0};
        }
        if (top->dfi_col_cmd) {
            rtl.col = true;
            rtl.c = hbm_cmd{now, (int)top->dfi_col_cmd, 0, 0, (int)top->dfi_col_bg, (int)top->dfi_col_ba,
                            0, (int)top->dfi_col_addr};
        }
        // The model's cycle.
        if (m) {
            model_cmds = BusCmds();
            hbm_model_tick(m);
            std::string e, g;
            if (model_cmds.row != rtl.row || (rtl.row && !hbm_cmd_same(&model_cmds.r, &rtl.r)) ||
                model_cmds.col != rtl.col || (rtl.col && !hbm_cmd_same(&model_cmds.c, &rtl.c))) {
                e = (model_cmds.row ? cmd_text(model_cmds.r) : "no row command") + std::string(" | ") +
                    (model_cmds.col ? cmd_text(model_cmds.c) : "no column command");
                g = (rtl.row ? cmd_text(rtl.r) : "no row command") + std::string(" | ") +
                    (rtl.col ? cmd_text(rtl.c) : "no column command");
                fail(now, "commands", e, g);
                break;
            }
        }
        // Statistics from the RTL's side.
        const hbm_cmd *cmds[2] = {rtl.row ? &rtl.r : nullptr, rtl.col ? &rtl.c : nullptr};
        for (const hbm_cmd *c : cmds) {
            if (!c)
                continue;
            if (hbm_check_command(chk, c) && reported < 5 && !quiet) {
                fprintf(stderr, "vhbm: timing violation: %s\n", hbm_check_last_message(chk));
                reported++;
            }
            hbm_device_command(dev, c);
            if (log) {
                char line[128];
                int n = hbm_cmd_format(c, line, sizeof line);
                fwrite(line, 1, (size_t)n, log);
            }
            switch (c->code) {
            case HBM_CMD_ACT: st.acts++; break;
            case HBM_CMD_PRE: case HBM_CMD_PREA: st.precharges++; break;
            case HBM_CMD_REFAB: case HBM_CMD_REFPB: st.refreshes++; break;
            default: {
                unsigned flags = top->dbg_col_flags_o;
                if (flags & 2u)
                    st.row_conflicts++;
                else if (flags & 1u)
                    st.row_misses++;
                else
                    st.row_hits++;
                st.data_busy_cycles += (uint64_t)cfg.tburst;
                if (c->code == HBM_CMD_RDA || c->code == HBM_CMD_WRA)
                    st.auto_precharges++;
            }
            }
        }
        // DFI data of this cycle.
        hbm_dfi_data io;
        memset(&io, 0, sizeof io);
        io.wrdata_en = top->dfi_wrdata_en;
        for (int w = 0; w < 4; w++)
            for (int k = 0; k < 4; k++)
                io.wrdata[w * 4 + k] = (uint8_t)(top->dfi_wrdata[w] >> (8 * k));
        io.wrdata_enable = (uint16_t)~top->dfi_wrdata_mask;
        hbm_device_data(dev, now, &io);
        top->dfi_rddata_valid = io.rddata_valid;
        for (int w = 0; w < 4; w++) {
            uint32_t word = 0;
            for (int k = 0; k < 4; k++)
                word |= (uint32_t)io.rddata[w * 4 + k] << (8 * k);
            top->dfi_rddata[w] = word;
        }
        // The read data goes only into registers: the rising edge's eval
        // takes it in; the waveform shows it a little before the edge.
        if (tfp && now >= trace_from && now <= trace_to) {
            top->eval();
            tfp->dump(ticks * 10 + 2);
        }
        edge(now);
        st.cycles = now + 1;
    }

    if (!res.mismatch && !quiet && res.rc != 2) {
        hbm_check_finish(chk, st.cycles);
        // Reads, writes, bytes and latency come from the model when in lockstep
        // (identical by construction, or a mismatch would have stopped the run);
        // the command counts above are the RTL's own.
        if (m) {
            const hbm_stats *ms = hbm_model_stats(m);
            st.reads = ms->reads;
            st.writes = ms->writes;
            st.bytes_read = ms->bytes_read;
            st.bytes_written = ms->bytes_written;
            st.read_latency_sum = ms->read_latency_sum;
            st.read_latency_max = ms->read_latency_max;
            memcpy(st.latency_hist, ms->latency_hist, sizeof st.latency_hist);
            if (ms->acts != st.acts || ms->precharges != st.precharges ||
                ms->refreshes != st.refreshes || ms->row_hits != st.row_hits ||
                ms->row_misses != st.row_misses || ms->row_conflicts != st.row_conflicts ||
                ms->data_busy_cycles != st.data_busy_cycles || ms->cycles != st.cycles) {
                fail(st.cycles, "statistics", "model statistics", "RTL statistics differ");
            }
        }
        hbm_report rep;
        memset(&rep, 0, sizeof rep);
        rep.config = o.config;
        rep.source = o.trace ? o.trace : o.workload;
        rep.cfg = &cfg;
        rep.stats = &st;
        rep.llm = hbm_source_llm(src);
        rep.checked = 1;
        rep.timing_violations = hbm_check_violations(chk);
        rep.protocol_errors = hbm_device_protocol_errors(dev);
        rep.extra_count = 1;
        rep.extra_name[0] = "mismatches";
        rep.extra_value[0] = res.mismatch ? 1 : 0;
        if (!m) {
            rep.extra_name[0] = "lockstep_off";
            rep.extra_value[0] = 1;
        }
        // The refresh cost, as hbmsim measures it: the same requests with
        // refresh off, the model alone (not for runs cut short by --cycles).
        hbm_stats norefresh;
        if (o.refresh_cost && cfg.refresh_mode != HBM_REFRESH_NONE && !o.cycles) {
            hbm_drive_opts dopts;
            memset(&dopts, 0, sizeof dopts);
            dopts.seed = o.seed;
            dopts.resp_stall_pct = o.resp_stall;
            dopts.req_gap_pct = o.req_gap;
            int drc = hbm_drive_without_refresh(&cfg, o.workload, o.trace, o.requests, &dopts, &norefresh, err);
            if (drc) {   // the report goes out without the refresh-cost line
                fprintf(stderr, "vhbm: the run without refresh failed: %s\n", err);
                res.rc = res.rc ? res.rc : drc;
            } else {
                rep.norefresh = &norefresh;
            }
        }
        hbm_report_print(&rep, o.json, stdout);
        if (rep.timing_violations || rep.protocol_errors)
            res.rc = res.rc ? res.rc : 1;
    }
    if (tfp)
        tfp->close();
    if (log)
        fclose(log);
    top->final();
    hbm_scoreboard_free(sb);
    hbm_check_free(chk);
    hbm_device_free(dev);
    hbm_model_free(m);
    hbm_source_free(src);
    return res;
}

}  // namespace

int main(int argc, char **argv)
{
    Options o;
    hbm_config cfg;
    char err[HBM_ERR_MAX];

    if (!parse_args(argc, argv, o))
        return 2;
    if (hbm_config_load(&cfg, o.config, err)) {
        fprintf(stderr, "vhbm: %s\n", err);
        return 2;
    }
    if (!config_matches_build(cfg))
        return 2;
    Result r = run(o, cfg, o.wave, 0, UINT64_MAX, false);
    if (r.mismatch) {
        // Write the cycles around the first mismatch to a waveform.
        std::string wave = o.wave ? o.wave : "vhbm_mismatch.fst";
        if (!o.wave) {
            uint64_t from = r.mismatch_cycle > 200 ? r.mismatch_cycle - 200 : 0;
            run(o, cfg, wave.c_str(), from, r.mismatch_cycle + 5, true);
        }
        fprintf(stderr, "vhbm: waveform of the cycles around the mismatch: %s\n", wave.c_str());
        return 1;
    }
    return r.rc;
}
