/*
 * hbm_run.c - a tool's whole run around its port; see hbm_run.h.
 */
#include "hbm_run.h"

#include <errno.h>
#include <stdlib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hbm_check.h"
#include "hbm_drive.h"
#include "hbm_report.h"
#include "hbm_scoreboard.h"
#include "hbm_source.h"
#include "hbm_stack_run.h"

/* Everything a command goes to: the checker and the command log. */
struct cmd_sink {
    const char *tool;
    FILE *msg;
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
        fprintf(s->msg, "%s: timing violation: %s\n", s->tool, hbm_check_last_message(s->chk));
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
    const char *tool;
    FILE *msg;
    clock_t start, last;
    int tty, shown;
    uint64_t total;   /* requests of a workload; 0 for a trace */
};

static void show_progress(void *ctx, uint64_t cycle, uint64_t done)
{
    struct progress *p = ctx;
    clock_t now = clock();
    long interval = p->tty ? CLOCKS_PER_SEC : 10 * CLOCKS_PER_SEC;

    if (now - p->start < 3 * CLOCKS_PER_SEC || now - p->last < interval)
        return;
    p->last = now;
    p->shown = 1;
    fprintf(p->msg, "%s%s: cycle %" PRIu64 ", %" PRIu64, p->tty ? "\r" : "", p->tool, cycle, done);
    if (p->total)
        fprintf(p->msg, " of %" PRIu64 " requests done (%" PRIu64 " %%)", p->total, done * 100 / p->total);
    else
        fprintf(p->msg, " requests done");
    fprintf(p->msg, "%s", p->tty ? "" : "\n");
}

int hbm_run(const struct hbm_opts *o, const struct hbm_config *cfg, hbm_port *port, int quiet)
{
    const struct hbm_port_ops *p = port->ops;
    const char *tool = o->tool;
    char err[HBM_ERR_MAX];
    struct cmd_sink sink;
    struct progress prog;
    struct hbm_report rep;
    struct hbm_drive_opts dopts;
    struct hbm_drive_result dres;
    struct hbm_stats norefresh, at_end;
    struct hbm_bwmon_readout bw;
    struct hbm_fcov fcov;
    const char *fcov_dir = getenv("HBM_FCOV_DIR");
    hbm_scoreboard *sb = NULL;
    hbm_source *src;
    int rc = 0, drc;

    memset(&sink, 0, sizeof sink);
    memset(&rep, 0, sizeof rep);
    sink.tool = tool;
    sink.msg = o->msg;
    src = o->trace ? hbm_source_open_trace(o->trace, cfg, o->requests, err)
                   : hbm_source_workload(o->workload, cfg, o->requests, o->seed, err);
    if (!src) {
        fprintf(o->msg, "%s: %s\n", tool, err);
        return 2;
    }
    if (!o->no_check) {
        sink.chk = hbm_check_create(cfg, err);
        sb = hbm_scoreboard_create(cfg, o->seed);
        if (!sink.chk || !sb) {
            fprintf(o->msg, "%s: %s\n", tool, sink.chk ? "out of memory" : err);
            rc = 2;
            goto out;
        }
    }
    if (o->cmdlog && !quiet) {
        sink.log = fopen(o->cmdlog, "w");
        if (!sink.log) {
            fprintf(o->msg, "%s: %s: cannot write: %s\n", tool, o->cmdlog, strerror(errno));
            rc = 2;
            goto out;
        }
    }
    if (sink.chk || sink.log)
        p->set_cmd_hook(port->self, on_command, &sink);
    memset(&prog, 0, sizeof prog);
    prog.tool = tool;
    prog.msg = o->msg;
    prog.start = prog.last = clock();
    prog.tty = o->msg == stderr && isatty(2);
    prog.total = o->workload ? o->requests : 0;
    memset(&dopts, 0, sizeof dopts);
    dopts.tool = tool;
    dopts.seed = o->seed;
    dopts.resp_stall_pct = o->resp_stall_pct;
    dopts.req_gap_pct = o->req_gap_pct;
    dopts.max_cycles = o->cycles;
    dopts.fault_read = o->fault_read;
    dopts.bw_window = o->bw_window;
    dopts.progress = quiet || o->no_progress ? NULL : show_progress;
    dopts.msg = o->msg;
    dopts.progress_ctx = &prog;
    hbm_fcov_init(&fcov, cfg);
    dopts.fcov = fcov_dir && *fcov_dir && !quiet ? &fcov : NULL;

    drc = hbm_drive_run(port, cfg, src, sb, &dopts, &dres, err);
    if (prog.shown && prog.tty)
        fprintf(o->msg, "\n");
    /* The bandwidth monitor's registers, read through its port after the
     * run: the report's figures are the run's, before those clocks. */
    if (!drc && o->bw_window) {
        at_end = *p->stats(port->self);
        if (hbm_drive_bwmon_readout(port, &bw)) {
            snprintf(err, sizeof err, "%s", p->error(port->self));
            drc = 1;
        } else if (bw.read_bytes != at_end.bytes_read || bw.write_bytes != at_end.bytes_written) {
            snprintf(err, sizeof err, "the bandwidth monitor counted %" PRIu64 " bytes read and %" PRIu64
                     " written, the responses %" PRIu64 " and %" PRIu64, bw.read_bytes, bw.write_bytes,
                     at_end.bytes_read, at_end.bytes_written);
            drc = 1;
        } else {
            rep.bwmon = &bw;
        }
    }
    if (!drc && p->finish(port->self)) {
        snprintf(err, sizeof err, "%s", p->error(port->self));
        drc = 1;
    }
    if (drc) {
        if (!quiet)
            fprintf(o->msg, "%s: %s\n", tool, err);
        rc = drc;
        goto out;
    }
    if (quiet)
        goto out;
    if (dres.data_errors > 5)
        fprintf(o->msg, "%s: %" PRIu64 " data errors in all (the first five shown)\n", tool, dres.data_errors);
    if (sink.chk)
        hbm_check_finish(sink.chk, p->cycle(port->self));
    if (dopts.fcov) {
        hbm_fcov_finish(&fcov, sink.chk, p->stats(port->self));
        if (hbm_fcov_save(&fcov, tool, err)) {
            fprintf(o->msg, "%s: %s\n", tool, err);
            rc = 2;
        }
        dopts.fcov = NULL;
    }

    rep.config = o->config;
    rep.source = o->trace ? o->trace : o->workload;
    rep.cfg = cfg;
    rep.stats = rep.bwmon ? &at_end : p->stats(port->self);
    rep.checked = !o->no_check;
    rep.timing_violations = sink.chk ? hbm_check_violations(sink.chk) : 0;
    rep.data_errors = dres.data_errors;
    rep.ecc_flagged = dres.ecc_flagged;
    rep.protocol_errors = p->protocol_errors(port->self);
    rep.llm = hbm_source_llm(src);
    rep.extra_count = p->report_field(port->self, &rep.extra_name[0], &rep.extra_value[0]);
    /* The refresh cost: the same requests with refresh off, the model alone
     * (not for runs cut short by --cycles).  A failure loses only its line. */
    if (cfg->refresh_mode != HBM_REFRESH_NONE && !o->no_refresh_cost && !o->cycles) {
        dopts.progress = NULL;
        drc = hbm_drive_without_refresh(cfg, o->workload, o->trace, o->requests, &dopts, &norefresh, err);
        if (drc) {
            fprintf(o->msg, "%s: the run without refresh failed: %s\n", tool, err);
            rc = drc;
        } else {
            rep.norefresh = &norefresh;
        }
    }
    hbm_report_print(&rep, o->json, o->out);
    if (sink.log_failed) {
        fprintf(o->msg, "%s: %s: write failed\n", tool, o->cmdlog);
        rc = 2;
    }
    if (rc == 0 && (rep.timing_violations || rep.data_errors || rep.protocol_errors))
        rc = 1;
out:
    if (sink.log && fclose(sink.log) && rc == 0) {
        fprintf(o->msg, "%s: %s: write failed\n", tool, o->cmdlog);
        rc = 2;
    }
    hbm_check_free(sink.chk);
    hbm_scoreboard_free(sb);
    hbm_source_free(src);
    return rc;
}

int hbm_run_model(struct hbm_opts *o, const struct hbm_config *cfg, int threads)
{
    char err[HBM_ERR_MAX];
    hbm_model *m;
    hbm_port port;
    int rc;

    if (o->axi_burst || cfg->pseudo_channels > 1) {
        if (!o->axi_burst) {   /* a stack has AXI ports only: 256-byte bursts over 8 IDs */
            o->axi_burst = 256;
            o->axi_ids = 8;
        }
        return hbm_stack_run_model(o, cfg, o->threads ? (int)o->threads : threads);
    }
    m = hbm_model_create(cfg, err);
    if (!m) {
        fprintf(o->msg, "%s: %s\n", o->tool, err);
        return 2;
    }
    port = hbm_port_model(m);
    rc = hbm_run(o, cfg, &port, 0);
    hbm_model_free(m);
    return rc;
}

/* text without its comment lines ("//..."), into a malloc'ed string */
static char *strip_comments(const char *text)
{
    char *out = malloc(strlen(text) + 1), *w = out;
    const char *line = text;

    if (!out)
        return NULL;
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line + 1) : strlen(line);
        if (strncmp(line, "//", 2) != 0) {
            memcpy(w, line, len);
            w += len;
        }
        line += len;
    }
    *w = 0;
    return out;
}

int hbm_run_built_for(const char *tool, const struct hbm_config *cfg, const char *vh_path)
{
    char err[HBM_ERR_MAX], *want = NULL, *built = NULL, *a = NULL, *b = NULL;
    size_t want_len = 0, built_len = 0;
    FILE *mem, *f = fopen(vh_path, "r");
    int rc = -1, emitted;

    if (!f) {
        fprintf(stderr, "%s: cannot read the build's config header %s: %s\n", tool, vh_path, strerror(errno));
        return -1;
    }
    mem = open_memstream(&built, &built_len);
    if (mem) {
        int c;
        while ((c = fgetc(f)) != EOF)
            fputc(c, mem);
        fclose(mem);
    }
    fclose(f);
    mem = built ? open_memstream(&want, &want_len) : NULL;
    if (!mem) {
        fprintf(stderr, "%s: out of memory\n", tool);
        free(built);
        return -1;
    }
    emitted = hbm_config_emit_vh(cfg, mem, err);
    fclose(mem);
    if (emitted) {
        fprintf(stderr, "%s: %s\n", tool, err);
    } else if (!(a = strip_comments(built)) || !(b = strip_comments(want))) {
        fprintf(stderr, "%s: out of memory\n", tool);
    } else if (strcmp(a, b) != 0) {
        fprintf(stderr, "%s: %s differs from the config this RTL was built with (%s);\n"
                "      build a testbench for it: make vhbm CONFIG=%s (a preset changed since: make gen first)\n",
                tool, cfg->source, vh_path, cfg->source);
    } else {
        rc = 0;
    }
    free(a);
    free(b);
    free(want);
    free(built);
    return rc;
}
