/*
 * hbm_stack_run.c - a run of the top behind its AXI4 ports: one AXI master
 * per port (hbm_axi_master) turns its source's requests into bursts; a
 * timing checker per pseudo-channel watches the commands; the report gives
 * the bandwidth at the ports (total and per pseudo-channel), the read
 * latency and the checks.  See hbm_stack_run.h.
 */
#include "hbm_stack_run.h"
#include "hbm_axi_master.h"
#include "hbm_check.h"
#include "hbm_fcov.h"
#include "hbm_source.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The ports [p0, p0 + ports) and their pseudo-channels, on one stack port
 * (the whole stack, or with switch = none a group of it run apart). */
struct run {
    const struct hbm_opts *o;
    const struct hbm_config *cfg;   /* the whole stack's */
    hbm_stack_port *port;
    int p0, ports, pcs;
    int bw_reg;                     /* the bandwidth monitors' register read this cycle */
    uint64_t end;                   /* the cycle the run ended */
    int rc;                         /* -1 while running, then 0, 1 or 2 */
    hbm_source *src[HBM_STACK_MAX_PC];
    hbm_axi_master *mst[HBM_STACK_MAX_PC];
    hbm_check *chk[HBM_STACK_MAX_PC];
    int fcov_on;                    /* HBM_FCOV_DIR is set: count the events */
    struct hbm_fcov fcov;           /* this run's pseudo-channels' bins */
    struct hbm_axi_in in[HBM_STACK_MAX_PC];
    struct hbm_axi_out out[HBM_STACK_MAX_PC];
};

static void on_command(void *ctx, const struct hbm_cmd *cmd)
{
    hbm_check_command((hbm_check *)ctx, cmd);
}

static void run_free(struct run *r)
{
    int i;
    for (i = 0; i < HBM_STACK_MAX_PC; i++) {
        hbm_axi_master_free(r->mst[i]);
        hbm_source_free(r->src[i]);
        hbm_check_free(r->chk[i]);
    }
}

static int masters_done(const struct run *r)
{
    int p;
    for (p = 0; p < r->ports; p++)
        if (!hbm_axi_master_done(r->mst[p]))
            return 0;
    return 1;
}

/* The sources and masters of every port, the checker of every pseudo-channel. */
static int setup(struct run *r)
{
    const struct hbm_opts *o = r->o;
    const struct hbm_config *cfg = r->cfg;
    hbm_stack_port *port = r->port;
    char err[HBM_ERR_MAX];
    uint64_t per_port = o->requests ? (o->requests + (uint64_t)cfg->ports - 1) / (uint64_t)cfg->ports : 0;
    int i, n;

    for (i = 0; i < r->ports; i++) {
        int p = r->p0 + i;   /* the port's number in the stack */
        if (o->trace && p > 0)
            r->src[i] = NULL;   /* the trace is port 0's */
        else if (o->trace) {
            /* trace addresses are port addresses: the whole stack with a crossbar */
            struct hbm_config pc = *cfg;
            pc.capacity_bytes = (uint64_t)1 << cfg->port_addr_bits;
            r->src[i] = hbm_source_open_trace(o->trace, &pc, o->requests, err);
        } else
            r->src[i] = hbm_source_workload(o->workload, cfg, per_port, o->seed + (uint64_t)p * 7919u, err);
        if (!r->src[i] && !(o->trace && p > 0)) {
            fprintf(o->msg, "%s: %s\n", o->tool, err);
            return -1;
        }
        r->mst[i] = hbm_axi_master_create(r->src[i], (int)o->axi_burst, (int)o->axi_ids, o->seed + (uint64_t)p);
        if (r->mst[i])
            hbm_axi_master_set_ecc(r->mst[i], cfg->ecc != HBM_ECC_NONE);
        if (!r->mst[i]) {
            fprintf(o->msg, "%s: out of memory\n", o->tool);
            return -1;
        }
        if (cfg->stack_switch == HBM_SWITCH_CROSSBAR)
            hbm_axi_master_set_base(r->mst[i], cfg->stack_bytes / (uint64_t)cfg->ports * (uint64_t)p);
    }
    for (n = 0; n < r->pcs; n++) {
        r->chk[n] = hbm_check_create(cfg, err);
        if (!r->chk[n]) {
            fprintf(o->msg, "%s: %s\n", o->tool, err);
            return -1;
        }
        port->ops->set_cmd_hook(port->self, n, on_command, r->chk[n]);
    }
    return 0;
}

/* The report of the runs rs[0 .. nr-1] (their ports and pseudo-channels
 * in order), which ended by cycle now. */
static void report(struct run *rs, int nr, uint64_t now, uint64_t violations, uint64_t errors, uint64_t data_errors)
{
    const struct hbm_opts *o = rs[0].o;
    const struct hbm_config *cfg = rs[0].cfg;
    hbm_stack_port *port0 = rs[0].port;
    struct hbm_axi_master_stats t;
    int pcs = cfg->pseudo_channels, ports = cfg->ports;
    uint64_t bytes, peak = HBM_BURST_BYTES / (uint64_t)cfg->tburst * (uint64_t)pcs; /* bytes per DRAM clock */
    double busy_min = 100.0, busy_max = 0.0, busy_sum = 0.0, pct, gbps, lat_first, lat_last;
    uint64_t reads = 0, lat_sum = 0, fwd = 0, protocol = 0, field_value = 0;
    const char *field_name = NULL;
    int k, p, n, has_field = nr == 1 && port0->ops->report_field(port0->self, &field_name, &field_value);

    memset(&t, 0, sizeof t);
    t.lat_first_min = UINT64_MAX;
    for (k = 0; k < nr; k++) {
        protocol += rs[k].port->ops->protocol_errors(rs[k].port->self);
        for (p = 0; p < rs[k].ports; p++) {
            const struct hbm_axi_master_stats *s = hbm_axi_master_stats(rs[k].mst[p]);
            t.read_bursts += s->read_bursts;
            t.write_bursts += s->write_bursts;
            t.read_beats += s->read_beats;
            t.flagged += s->flagged;
            t.write_beats += s->write_beats;
            t.lat_first_sum += s->lat_first_sum;
            t.lat_last_sum += s->lat_last_sum;
            if (s->read_bursts && s->lat_first_min < t.lat_first_min)
                t.lat_first_min = s->lat_first_min;
            if (s->lat_first_max > t.lat_first_max)
                t.lat_first_max = s->lat_first_max;
        }
        for (n = 0; n < rs[k].pcs; n++) {
            const struct hbm_stats *cs = rs[k].port->ops->stats(rs[k].port->self, n);
            double b = now ? 100.0 * (double)cs->data_busy_cycles / (double)now : 0.0;
            busy_sum += b;
            if (b < busy_min)
                busy_min = b;
            if (b > busy_max)
                busy_max = b;
            reads += cs->reads;
            lat_sum += cs->read_latency_sum;
            fwd += cs->reads_forwarded;
        }
    }
    if (!t.read_bursts)
        t.lat_first_min = 0;
    bytes = 32 * (t.read_beats + t.write_beats);
    pct = now ? 100.0 * (double)bytes / (double)(now * peak) : 0.0;
    gbps = now ? (double)bytes / ((double)now * (double)cfg->tck_ps / 1000.0) : 0.0;
    lat_first = t.read_bursts ? (double)t.lat_first_sum / (double)t.read_bursts : 0.0;
    lat_last = t.read_bursts ? (double)t.lat_last_sum / (double)t.read_bursts : 0.0;
    if (o->json) {
        fprintf(o->out, "{\"config\": \"%s\", \"workload\": \"%s\", \"pseudo_channels\": %d, \"ports\": %d, \"switch\": \"%s\""
               ", \"axi_burst_bytes\": %" PRIu64 ", \"axi_ids\": %" PRIu64 ", \"cycles\": %" PRIu64
               ", \"read_bursts\": %" PRIu64 ", \"write_bursts\": %" PRIu64 ", \"read_beats\": %" PRIu64
               ", \"write_beats\": %" PRIu64 ", \"axi_bandwidth_pct\": %.2f, \"gbps\": %.2f"
               ", \"bandwidth_pct\": %.2f, \"pc_busy_min_pct\": %.2f, \"pc_busy_max_pct\": %.2f"
               ", \"axi_read_latency_first_avg\": %.2f, \"axi_read_latency_first_min\": %" PRIu64
               ", \"axi_read_latency_last_avg\": %.2f, \"read_latency_avg\": %.2f, \"reads_forwarded\": %" PRIu64
               ", \"resp_errors\": %" PRIu64 ", \"data_errors\": %" PRIu64 ", \"timing_violations\": %" PRIu64
               ", \"protocol_errors\": %" PRIu64,
               o->config, o->trace ? o->trace : o->workload, pcs, ports, hbm_switch_name(cfg->stack_switch),
               o->axi_burst, o->axi_ids, now, t.read_bursts, t.write_bursts, t.read_beats, t.write_beats, pct, gbps,
               busy_sum / pcs, busy_min, busy_max, lat_first, t.lat_first_min, lat_last,
               reads ? (double)lat_sum / (double)reads : 0.0, fwd, errors, data_errors, violations, protocol);
        if (cfg->ecc != HBM_ECC_NONE)
            fprintf(o->out, ", \"ecc_flagged_beats\": %" PRIu64, t.flagged);
        if (has_field)
            fprintf(o->out, ", \"%s\": %" PRIu64, field_name, field_value);
        fprintf(o->out, "}\n");
        return;
    }
    fprintf(o->out, "hbmctl AXI report: %s on %s: %d pseudo-channel%s behind %d AXI4 port%s (switch %s), INCR bursts of up to %"
           PRIu64 " bytes over %" PRIu64 " IDs per port\n", o->trace ? o->trace : o->workload, o->config, pcs,
           pcs > 1 ? "s" : "", ports, ports > 1 ? "s" : "", hbm_switch_name(cfg->stack_switch),
           o->axi_burst, o->axi_ids);
    fprintf(o->out, "  %-22s %" PRIu64 "%s\n", "cycles", now,
           nr > 1 ? " (the ports and their pseudo-channels run apart, on threads)" : "");
    fprintf(o->out, "  %-22s %" PRIu64 " read (%" PRIu64 " beats), %" PRIu64 " write (%" PRIu64 " beats)\n", "bursts",
           t.read_bursts, t.read_beats, t.write_bursts, t.write_beats);
    fprintf(o->out, "  %-22s %.2f %% of peak at the AXI ports, %.2f GB/s\n", "bandwidth", pct, gbps);
    fprintf(o->out, "  %-22s %.2f %% busy on average (min %.2f, max %.2f over the pseudo-channels)\n", "data buses",
           busy_sum / pcs, busy_min, busy_max);
    if (pcs > 1) {
        fprintf(o->out, "  %-22s", "per pseudo-channel");
        for (k = 0; k < nr; k++)
            for (n = 0; n < rs[k].pcs; n++) {
                const struct hbm_stats *cs = rs[k].port->ops->stats(rs[k].port->self, n);
                fprintf(o->out, " %.1f", now ? 100.0 * (double)cs->data_busy_cycles / (double)now : 0.0);
            }
        fprintf(o->out, " %% busy\n");
    }
    fprintf(o->out, "  %-22s AR to first R beat avg %.2f, min %" PRIu64 ", max %" PRIu64 "; to last beat avg %.2f cycles\n",
           "AXI read latency", lat_first, t.lat_first_min, t.lat_first_max, lat_last);
    if (reads)
        fprintf(o->out, "  %-22s avg %.2f cycles per 32-byte read (controller ports), %" PRIu64 " reads forwarded\n",
               "controller latency", (double)lat_sum / (double)reads, fwd);
    fprintf(o->out, "  %-22s %" PRIu64 " responses not OKAY, %" PRIu64 " read beats with wrong data, %" PRIu64
           " timing violations, %" PRIu64 " protocol errors\n", "checks", errors, data_errors, violations, protocol);
    if (cfg->ecc != HBM_ECC_NONE)
        fprintf(o->out, "  %-22s %" PRIu64 " read beats SLVERR: data the controller's SECDED could not correct\n",
               "ecc", t.flagged);
    if (has_field)
        fprintf(o->out, "  %-22s %" PRIu64 "\n", field_name, field_value);
}

/* The cycle loop of one run: r->rc 0 when every master is done and the
 * stack idle, 1 on a failed check or a lockstep difference, 2 on bad input. */
static void loop(struct run *r)
{
    const struct hbm_opts *o = r->o;
    hbm_stack_port *port = r->port;
    char err[HBM_ERR_MAX];
    uint64_t now;
    int p;

    for (;;) {
        now = port->ops->cycle(port->self);
        if ((masters_done(r) && port->ops->idle(port->self)) || (o->cycles && now >= o->cycles))
            break;
        for (p = 0; p < r->ports; p++)
            if (hbm_axi_master_drive(r->mst[p], now, &r->in[p], err)) {
                fprintf(o->msg, "%s: %s\n", o->tool, err);
                r->rc = 2;
                return;
            }
        /* every controller's bandwidth monitor: one register a clock, round
         * the readable ones (a lockstep port compares them) */
        for (p = 0; p < r->pcs; p++)
            (void)port->ops->bwmon(port->self, p, r->bw_reg, 0, 0);
        r->bw_reg = hbm_bw_monitor_next_reg(r->bw_reg);
        port->ops->outputs(port->self, r->out);
        for (p = 0; p < r->ports; p++)
            hbm_axi_master_observe(r->mst[p], now, &r->in[p], &r->out[p]);
        if (port->ops->edge(port->self, r->in)) {
            fprintf(o->msg, "%s: %s\n", o->tool, port->ops->error(port->self));
            r->rc = 1;
            return;
        }
        if (r->fcov_on)
            for (p = 0; p < r->pcs; p++)
                hbm_fcov_cycle(&r->fcov, port->ops->events(port->self, p));
        if (now > 2000000000u) {
            fprintf(o->msg, "%s: the AXI run did not finish\n", o->tool);
            r->rc = 1;
            return;
        }
    }
    r->end = now;
    r->rc = 0;
}

static void *loop_thread(void *arg)
{
    loop(arg);
    return NULL;
}

/* Run rs[0 .. nr-1] (rs[0] on this thread, the others on threads of their
 * own), check and report; the exit status. */
static int run_all(struct run *rs, int nr)
{
    const struct hbm_opts *o = rs[0].o;
    pthread_t th[HBM_STACK_MAX_PC];
    int started[HBM_STACK_MAX_PC];
    uint64_t now = 0, violations = 0, errors = 0, data_errors = 0, protocol = 0;
    int k, p, n, rc = 0;

    if (o->cmdlog || o->resp_stall_pct || o->req_gap_pct || o->fault_read || o->no_check) {
        fprintf(o->msg, "%s: --cmdlog, --resp-stall, --req-gap and --no-check act on a controller's own port; "
                "a run through the AXI ports (--axi, or a config of %d pseudo-channels) takes none of them\n",
                o->tool, rs[0].cfg->pseudo_channels);
        return 2;
    }
    for (k = 0; k < nr; k++)
        if (setup(&rs[k]))
            return 2;
    for (k = 1; k < nr; k++)
        started[k] = pthread_create(&th[k], NULL, loop_thread, &rs[k]) == 0;
    loop(&rs[0]);
    for (k = 1; k < nr; k++) {
        if (started[k])
            pthread_join(th[k], NULL);
        else
            loop(&rs[k]);   /* no thread: here, after the others */
    }
    for (k = 0; k < nr; k++) {
        if (rs[k].rc > rc)
            rc = rs[k].rc;
        if (rs[k].end > now)
            now = rs[k].end;
    }
    if (rc)
        return rc;
    for (k = 0; k < nr; k++) {
        for (n = 0; n < rs[k].pcs; n++) {
            hbm_check_finish(rs[k].chk[n], now);
            violations += hbm_check_violations(rs[k].chk[n]);
        }
        for (p = 0; p < rs[k].ports; p++) {
            errors += hbm_axi_master_stats(rs[k].mst[p])->errors;
            data_errors += hbm_axi_master_stats(rs[k].mst[p])->data_errors;
        }
        protocol += rs[k].port->ops->protocol_errors(rs[k].port->self);
    }
    report(rs, nr, now, violations, errors, data_errors);
    if (rs[0].fcov_on) {   /* every pseudo-channel's bins, as one run's */
        struct hbm_fcov all;
        char err[HBM_ERR_MAX];
        hbm_fcov_init(&all, rs[0].cfg);
        for (k = 0; k < nr; k++) {
            for (n = 0; n < rs[k].pcs; n++)
                hbm_fcov_finish(&all, rs[k].chk[n], rs[k].port->ops->stats(rs[k].port->self, n));
            hbm_fcov_add(&all, &rs[k].fcov);
        }
        if (hbm_fcov_save(&all, o->tool, err)) {
            fprintf(o->msg, "%s: %s\n", o->tool, err);
            return 2;
        }
    }
    return errors || data_errors || violations || protocol ? 1 : 0;
}

static void init_run(struct run *r, const struct hbm_opts *o, const struct hbm_config *cfg, hbm_stack_port *port,
                     int p0, int ports)
{
    memset(r, 0, sizeof *r);
    r->o = o;
    r->cfg = cfg;
    r->port = port;
    r->p0 = p0;
    r->ports = ports;
    r->pcs = cfg->stack_switch == HBM_SWITCH_CROSSBAR ? cfg->pseudo_channels : ports;
    r->rc = -1;
    r->fcov_on = getenv("HBM_FCOV_DIR") && *getenv("HBM_FCOV_DIR");
    hbm_fcov_init(&r->fcov, cfg);
}

int hbm_stack_run(const struct hbm_opts *o, const struct hbm_config *cfg, hbm_stack_port *port)
{
    struct run *r = calloc(1, sizeof *r);
    int rc;

    if (!r) {
        fprintf(o->msg, "%s: out of memory\n", o->tool);
        return 2;
    }
    init_run(r, o, cfg, port, 0, cfg->ports);
    rc = run_all(r, 1);
    run_free(r);
    free(r);
    return rc;
}

int hbm_stack_run_model(const struct hbm_opts *o, const struct hbm_config *cfg, int threads)
{
    char err[HBM_ERR_MAX];
    struct hbm_config sub = *cfg;
    struct run *rs;
    hbm_stack *stacks[HBM_STACK_MAX_PC];
    hbm_stack_port ports[HBM_STACK_MAX_PC];
    int groups = 1, k, rc = 2;

    /* Without a switch the ports and their pseudo-channels never meet: a
     * power-of-two number of groups of them run apart, one per thread. */
    if (cfg->stack_switch == HBM_SWITCH_NONE)
        while (groups * 2 <= threads && groups * 2 <= cfg->ports)
            groups *= 2;
    if (groups > 1) {
        sub.pseudo_channels = sub.ports = cfg->ports / groups;
        if (hbm_config_finish(&sub, err)) {
            fprintf(o->msg, "%s: %s\n", o->tool, err);
            return 2;
        }
    }
    rs = calloc((size_t)groups, sizeof *rs);
    memset(stacks, 0, sizeof stacks);
    if (!rs) {
        fprintf(o->msg, "%s: out of memory\n", o->tool);
        return 2;
    }
    for (k = 0; k < groups; k++) {
        stacks[k] = hbm_stack_create(&sub, err);
        if (!stacks[k]) {
            fprintf(o->msg, "%s: %s\n", o->tool, err);
            goto out;
        }
        ports[k] = hbm_stack_port_model(stacks[k]);
        init_run(&rs[k], o, cfg, &ports[k], k * sub.ports, sub.ports);
    }
    rc = run_all(rs, groups);
out:
    for (k = 0; k < groups; k++) {
        if (rs[k].o)
            run_free(&rs[k]);
        hbm_stack_free(stacks[k]);
    }
    free(rs);
    return rc;
}
