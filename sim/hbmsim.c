/*
 * hbmsim.c - trace-driven simulator on the golden model.
 *
 *   hbmsim --config FILE (--trace FILE | --workload SPEC) [--requests N]
 *          [--seed N] [--stacks N] [--cmdlog FILE] [--json] [--emit-vh]
 *
 * Drives the model one clock at a time (hbm_drive.c): offers the next
 * request when its earliest cycle has come and the port is ready, takes
 * every response at once, checks read data against a shadow memory, runs
 * the independent timing checker on every command; then runs the same
 * requests once more with refresh off, the model alone, for the refresh
 * cost, and prints the report.  Exit status: 0 clean run, 1 a check failed
 * (data, timing, protocol), 2 bad input.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hbm_check.h"
#include "hbm_config.h"
#include "hbm_drive.h"
#include "hbm_model.h"
#include "hbm_report.h"
#include "hbm_scoreboard.h"
#include "hbm_source.h"

#define DEFAULT_REQUESTS 100000

struct options {
    const char *config, *trace, *workload, *cmdlog;
    uint64_t requests, seed;
    uint64_t resp_stall_pct, req_gap_pct, stacks;
    int requests_set, json, emit_vh, no_check, no_refresh_cost;
    char spec[512];        /* --workload with --stacks folded in */
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: hbmsim --config FILE (--trace FILE | --workload SPEC) [options]\n"
            "  --config FILE     preset, e.g. configs/hbm2_2000.ini\n"
            "  --trace FILE      DRAMSim3 (0x1f40 READ 120) or Ramulator (LD 0x1f40) trace\n"
            "  --workload SPEC   built-in workload (below)\n"
            "  --requests N      requests to simulate (workloads: default %d; traces: all)\n"
            "  --seed N          seed of random workloads and write data (default 1)\n"
            "  --stacks N        llm-decode: HBM stacks of the system (the same as stacks=N in the spec)\n"
            "  --cmdlog FILE     write every command: cycle CMD ch pc bg ba row col\n"
            "  --json            print the report as one JSON object\n"
            "  --emit-vh         print the Verilog config header for --config and exit\n"
            "  --resp-stall PCT  hold the response port not-ready in PCT %% of cycles (seeded)\n"
            "  --req-gap PCT     withhold the next request in PCT %% of cycles (seeded)\n"
            "  --no-check        run the model alone: no timing checker, no data check\n"
            "                    (for measuring the model's speed; the report says so)\n"
            "  --no-refresh-cost skip the second run with refresh off that measures\n"
            "                    what refresh costs (the report then leaves the line out)\n"
            "workloads:\n", DEFAULT_REQUESTS);
    hbm_source_print_workloads(out);
}

static int parse_u64(const char *opt, const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v;

    if (!s || !*s || *s < '0' || *s > '9') {
        fprintf(stderr, "hbmsim: %s needs a non-negative integer, got '%s'\n", opt, s ? s : "");
        return -1;
    }
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || *end) {
        fprintf(stderr, "hbmsim: %s needs a non-negative integer, got '%s'\n", opt, s);
        return -1;
    }
    *out = (uint64_t)v;
    return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
    int i;

    memset(o, 0, sizeof *o);
    o->seed = 1;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int takes = 1, j;

        for (j = 1; j < i; j++)
            if (a[0] == '-' && !strcmp(argv[j], a)) {
                fprintf(stderr, "hbmsim: option %s given twice\n", a);
                return -1;
            }

        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            exit(0);
        } else if (!strcmp(a, "--json")) {
            o->json = 1;
            takes = 0;
        } else if (!strcmp(a, "--emit-vh")) {
            o->emit_vh = 1;
            takes = 0;
        } else if (!strcmp(a, "--no-check")) {
            o->no_check = 1;
            takes = 0;
        } else if (!strcmp(a, "--no-refresh-cost")) {
            o->no_refresh_cost = 1;
            takes = 0;
        } else if (!v) {
            fprintf(stderr, "hbmsim: %s needs a value (see --help)\n", a);
            return -1;
        } else if (!strcmp(a, "--config")) {
            o->config = v;
        } else if (!strcmp(a, "--trace")) {
            o->trace = v;
        } else if (!strcmp(a, "--workload")) {
            o->workload = v;
        } else if (!strcmp(a, "--cmdlog")) {
            o->cmdlog = v;
        } else if (!strcmp(a, "--requests")) {
            if (parse_u64(a, v, &o->requests))
                return -1;
            o->requests_set = 1;
        } else if (!strcmp(a, "--seed")) {
            if (parse_u64(a, v, &o->seed))
                return -1;
        } else if (!strcmp(a, "--stacks")) {
            if (parse_u64(a, v, &o->stacks))
                return -1;
        } else if (!strcmp(a, "--resp-stall") || !strcmp(a, "--req-gap")) {
            uint64_t *dst = !strcmp(a, "--resp-stall") ? &o->resp_stall_pct : &o->req_gap_pct;
            if (parse_u64(a, v, dst))
                return -1;
            if (*dst > 99) {
                fprintf(stderr, "hbmsim: %s takes a percentage below 100, got '%s'\n", a, v);
                return -1;
            }
        } else {
            fprintf(stderr, "hbmsim: unknown option '%s' (see --help)\n", a);
            return -1;
        }
        i += takes;
    }
    if (!o->config) {
        fprintf(stderr, "hbmsim: --config FILE is required (see --help)\n");
        return -1;
    }
    if (o->emit_vh)
        return 0;
    if (!o->trace == !o->workload) {
        fprintf(stderr, "hbmsim: give exactly one of --trace FILE and --workload SPEC\n");
        return -1;
    }
    if (o->stacks) {
        char err[HBM_ERR_MAX];
        if (!o->workload || hbm_source_spec_with_stacks(o->workload, o->stacks, o->spec,
                                                        sizeof o->spec, err)) {
            fprintf(stderr, "hbmsim: %s\n", o->workload ? err : "--stacks needs --workload llm-decode");
            return -1;
        }
        o->workload = o->spec;
    }
    if (o->workload && !o->requests_set)
        o->requests = DEFAULT_REQUESTS;
    if (o->workload && o->requests == 0) {
        fprintf(stderr, "hbmsim: --requests must be at least 1 for a workload\n");
        return -1;
    }
    return 0;
}


/* Everything a command goes to: the checker and the command log. */
struct cmd_sink {
    hbm_check *chk;
    FILE *log;
    int reported;
    int log_failed;
};

static void on_command(void *ctx, const struct hbm_cmd *cmd)
{
    struct cmd_sink *s = ctx;
    char line[128];

    if (s->chk && hbm_check_command(s->chk, cmd) && s->reported < 5) {
        fprintf(stderr, "hbmsim: timing violation: %s\n", hbm_check_last_message(s->chk));
        s->reported++;
    }
    if (s->log) {
        int n = hbm_cmd_format(cmd, line, sizeof line);
        if (fwrite(line, 1, (size_t)n, s->log) != (size_t)n)
            s->log_failed = 1;
    }
}

/* Progress on stderr once a run has taken more than a few seconds. */
struct progress {
    clock_t start, last;
    int tty, shown;
    uint64_t total;   /* requests of a workload; 0 for a trace */
};

static void show_progress(void *ctx, uint64_t cycle, uint64_t done)
{
    struct progress *p = ctx;
    uint64_t total = p->total;
    clock_t now = clock();
    long interval = p->tty ? CLOCKS_PER_SEC : 10 * CLOCKS_PER_SEC;

    if (now - p->start < 3 * CLOCKS_PER_SEC || now - p->last < interval)
        return;
    p->last = now;
    p->shown = 1;
    if (total)
        fprintf(stderr, "%shbmsim: cycle %" PRIu64 ", %" PRIu64 " of %" PRIu64 " requests done (%" PRIu64 " %%)%s",
                p->tty ? "\r" : "", cycle, done, total, done * 100 / total, p->tty ? "" : "\n");
    else
        fprintf(stderr, "%shbmsim: cycle %" PRIu64 ", %" PRIu64 " requests done%s", p->tty ? "\r" : "",
                cycle, done, p->tty ? "" : "\n");
}

int main(int argc, char **argv)
{
    struct options o;
    struct hbm_config cfg;
    char err[HBM_ERR_MAX];
    hbm_source *src = NULL;
    hbm_model *m = NULL;
    hbm_scoreboard *sb = NULL;
    struct cmd_sink sink;
    struct progress prog;
    struct hbm_report rep;
    struct hbm_drive_opts dopts;
    struct hbm_drive_result dres;
    struct hbm_stats norefresh;
    int rc = 0, drc;

    if (parse_args(argc, argv, &o))
        return 2;
    if (hbm_config_load(&cfg, o.config, err)) {
        fprintf(stderr, "hbmsim: %s\n", err);
        return 2;
    }
    if (o.emit_vh) {
        if (hbm_config_emit_vh(&cfg, stdout, err)) {
            fprintf(stderr, "hbmsim: %s\n", err);
            return 2;
        }
        return 0;
    }
    src = o.trace ? hbm_source_open_trace(o.trace, &cfg, o.requests, err)
                  : hbm_source_workload(o.workload, &cfg, o.requests, o.seed, err);
    if (!src) {
        fprintf(stderr, "hbmsim: %s\n", err);
        return 2;
    }
    memset(&sink, 0, sizeof sink);
    memset(&rep, 0, sizeof rep);
    m = hbm_model_create(&cfg, err);
    sink.chk = m ? hbm_check_create(&cfg, err) : NULL;
    sb = hbm_scoreboard_create(&cfg, o.seed);
    if (!m || !sink.chk || !sb) {
        fprintf(stderr, "hbmsim: %s\n", m && sink.chk ? "out of memory" : err);
        rc = 2;
        goto out;
    }
    if (o.cmdlog) {
        sink.log = fopen(o.cmdlog, "w");
        if (!sink.log) {
            fprintf(stderr, "hbmsim: %s: cannot write: %s\n", o.cmdlog, strerror(errno));
            rc = 2;
            goto out;
        }
    }
    if (o.no_check) {
        hbm_check_free(sink.chk);
        sink.chk = NULL;
    }
    if (sink.chk || sink.log)
        hbm_model_set_cmd_hook(m, on_command, &sink);
    memset(&prog, 0, sizeof prog);
    prog.start = prog.last = clock();
    prog.tty = isatty(2);
    prog.total = o.workload ? o.requests : 0;
    memset(&dopts, 0, sizeof dopts);
    dopts.seed = o.seed;
    dopts.resp_stall_pct = o.resp_stall_pct;
    dopts.req_gap_pct = o.req_gap_pct;
    dopts.progress = show_progress;
    dopts.progress_ctx = &prog;

    drc = hbm_drive_run(m, src, o.no_check ? NULL : sb, &dopts, &dres, err);
    if (prog.shown && prog.tty)
        fprintf(stderr, "\n");
    if (drc) {
        fprintf(stderr, "hbmsim: %s\n", err);
        rc = drc;
        goto out;
    }
    if (dres.data_errors > 5)
        fprintf(stderr, "hbmsim: %" PRIu64 " data errors in all (the first five shown)\n", dres.data_errors);
    if (sink.chk)
        hbm_check_finish(sink.chk, hbm_model_cycle(m));

    rep.config = o.config;
    rep.source = o.trace ? o.trace : o.workload;
    rep.cfg = &cfg;
    rep.stats = hbm_model_stats(m);
    rep.checked = !o.no_check;
    rep.timing_violations = sink.chk ? hbm_check_violations(sink.chk) : 0;
    rep.data_errors = dres.data_errors;
    rep.protocol_errors = hbm_device_protocol_errors(hbm_model_device(m)) +
                          hbm_model_stats(m)->burst_overlaps;
    rep.llm = hbm_source_llm(src);
    rep.extra_count = 0;
    if (cfg.refresh_mode != HBM_REFRESH_NONE && !o.no_refresh_cost) {
        /* A failure here loses only the refresh-cost line, not the report. */
        dopts.progress = NULL;
        drc = hbm_drive_without_refresh(&cfg, o.workload, o.trace, o.requests, &dopts, &norefresh, err);
        if (drc) {
            fprintf(stderr, "hbmsim: the run without refresh failed: %s\n", err);
            rc = drc;
        } else {
            rep.norefresh = &norefresh;
        }
    }
    hbm_report_print(&rep, o.json, stdout);
    if (sink.log_failed) {
        fprintf(stderr, "hbmsim: %s: write failed\n", o.cmdlog);
        rc = 2;
    }
    if (rc == 0 && (rep.timing_violations || rep.data_errors || rep.protocol_errors))
        rc = 1;
out:
    if (sink.log && fclose(sink.log) && rc == 0) {
        fprintf(stderr, "hbmsim: %s: write failed\n", o.cmdlog);
        rc = 2;
    }
    hbm_check_free(sink.chk);
    hbm_scoreboard_free(sb);
    hbm_model_free(m);
    hbm_source_free(src);
    return rc;
}
