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
#include "hbm_source.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct run {
    int ports, pcs;
    hbm_source *src[HBM_STACK_MAX_PC];
    hbm_axi_master *mst[HBM_STACK_MAX_PC];
    hbm_check *chk[HBM_STACK_MAX_PC];
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
static int setup(struct run *r, const struct hbm_opts *o, const struct hbm_config *cfg, hbm_stack_port *port)
{
    char err[HBM_ERR_MAX];
    uint64_t per_port = o->requests ? (o->requests + (uint64_t)r->ports - 1) / (uint64_t)r->ports : 0;
    int p, n;

    for (p = 0; p < r->ports; p++) {
        if (o->trace && p > 0)
            r->src[p] = NULL;   /* the trace is port 0's */
        else if (o->trace) {
            /* trace addresses are port addresses: the whole stack with a crossbar */
            struct hbm_config pc = *cfg;
            pc.capacity_bytes = (uint64_t)1 << cfg->port_addr_bits;
            r->src[p] = hbm_source_open_trace(o->trace, &pc, o->requests, err);
        } else
            r->src[p] = hbm_source_workload(o->workload, cfg, per_port, o->seed + (uint64_t)p * 7919u, err);
        if (!r->src[p] && !(o->trace && p > 0)) {
            fprintf(stderr, "%s: %s\n", o->tool, err);
            return -1;
        }
        r->mst[p] = hbm_axi_master_create(r->src[p], (int)o->axi_burst, (int)o->axi_ids, o->seed + (uint64_t)p);
        if (!r->mst[p]) {
            fprintf(stderr, "%s: out of memory\n", o->tool);
            return -1;
        }
        if (cfg->stack_switch == HBM_SWITCH_CROSSBAR)
            hbm_axi_master_set_base(r->mst[p], cfg->stack_bytes / (uint64_t)r->ports * (uint64_t)p);
    }
    for (n = 0; n < r->pcs; n++) {
        r->chk[n] = hbm_check_create(cfg, err);
        if (!r->chk[n]) {
            fprintf(stderr, "%s: %s\n", o->tool, err);
            return -1;
        }
        port->ops->set_cmd_hook(port->self, n, on_command, r->chk[n]);
    }
    return 0;
}

static void report(const struct run *r, const struct hbm_opts *o, const struct hbm_config *cfg,
                   hbm_stack_port *port, uint64_t now, uint64_t violations, uint64_t errors, uint64_t data_errors)
{
    struct hbm_axi_master_stats t;
    uint64_t bytes, peak = (uint64_t)cfg->bus_width_bits / 8 * 2 * (uint64_t)r->pcs; /* bytes per DRAM clock */
    double busy_min = 100.0, busy_max = 0.0, busy_sum = 0.0, pct, gbps, lat_first, lat_last;
    uint64_t reads = 0, lat_sum = 0, fwd = 0, field_value = 0;
    const char *field_name = NULL;
    int p, n, has_field = port->ops->report_field(port->self, &field_name, &field_value);

    memset(&t, 0, sizeof t);
    t.lat_first_min = UINT64_MAX;
    for (p = 0; p < r->ports; p++) {
        const struct hbm_axi_master_stats *s = hbm_axi_master_stats(r->mst[p]);
        t.read_bursts += s->read_bursts;
        t.write_bursts += s->write_bursts;
        t.read_beats += s->read_beats;
        t.write_beats += s->write_beats;
        t.lat_first_sum += s->lat_first_sum;
        t.lat_last_sum += s->lat_last_sum;
        if (s->read_bursts && s->lat_first_min < t.lat_first_min)
            t.lat_first_min = s->lat_first_min;
        if (s->lat_first_max > t.lat_first_max)
            t.lat_first_max = s->lat_first_max;
    }
    if (!t.read_bursts)
        t.lat_first_min = 0;
    for (n = 0; n < r->pcs; n++) {
        const struct hbm_stats *cs = port->ops->stats(port->self, n);
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
    bytes = 32 * (t.read_beats + t.write_beats);
    pct = now ? 100.0 * (double)bytes / (double)(now * peak) : 0.0;
    gbps = now ? (double)bytes / ((double)now * (double)cfg->tck_ps / 1000.0) : 0.0;
    lat_first = t.read_bursts ? (double)t.lat_first_sum / (double)t.read_bursts : 0.0;
    lat_last = t.read_bursts ? (double)t.lat_last_sum / (double)t.read_bursts : 0.0;
    if (o->json) {
        printf("{\"config\": \"%s\", \"workload\": \"%s\", \"pseudo_channels\": %d, \"ports\": %d, \"switch\": \"%s\""
               ", \"axi_burst_bytes\": %" PRIu64 ", \"axi_ids\": %" PRIu64 ", \"cycles\": %" PRIu64
               ", \"read_bursts\": %" PRIu64 ", \"write_bursts\": %" PRIu64 ", \"read_beats\": %" PRIu64
               ", \"write_beats\": %" PRIu64 ", \"axi_bandwidth_pct\": %.2f, \"gbps\": %.2f"
               ", \"bandwidth_pct\": %.2f, \"pc_busy_min_pct\": %.2f, \"pc_busy_max_pct\": %.2f"
               ", \"axi_read_latency_first_avg\": %.2f, \"axi_read_latency_first_min\": %" PRIu64
               ", \"axi_read_latency_last_avg\": %.2f, \"read_latency_avg\": %.2f, \"reads_forwarded\": %" PRIu64
               ", \"resp_errors\": %" PRIu64 ", \"data_errors\": %" PRIu64 ", \"timing_violations\": %" PRIu64
               ", \"protocol_errors\": %" PRIu64,
               o->config, o->trace ? o->trace : o->workload, r->pcs, r->ports, hbm_switch_name(cfg->stack_switch),
               o->axi_burst, o->axi_ids, now, t.read_bursts, t.write_bursts, t.read_beats, t.write_beats, pct, gbps,
               busy_sum / r->pcs, busy_min, busy_max, lat_first, t.lat_first_min, lat_last,
               reads ? (double)lat_sum / (double)reads : 0.0, fwd, errors, data_errors, violations,
               port->ops->protocol_errors(port->self));
        if (has_field)
            printf(", \"%s\": %" PRIu64, field_name, field_value);
        printf("}\n");
        return;
    }
    printf("hbmctl AXI report: %s on %s: %d pseudo-channel%s behind %d AXI4 port%s (switch %s), INCR bursts of up to %"
           PRIu64 " bytes over %" PRIu64 " IDs per port\n", o->trace ? o->trace : o->workload, o->config, r->pcs,
           r->pcs > 1 ? "s" : "", r->ports, r->ports > 1 ? "s" : "", hbm_switch_name(cfg->stack_switch),
           o->axi_burst, o->axi_ids);
    printf("  %-22s %" PRIu64 "\n", "cycles", now);
    printf("  %-22s %" PRIu64 " read (%" PRIu64 " beats), %" PRIu64 " write (%" PRIu64 " beats)\n", "bursts",
           t.read_bursts, t.read_beats, t.write_bursts, t.write_beats);
    printf("  %-22s %.2f %% of peak at the AXI ports, %.2f GB/s\n", "bandwidth", pct, gbps);
    printf("  %-22s %.2f %% busy on average (min %.2f, max %.2f over the pseudo-channels)\n", "data buses",
           busy_sum / r->pcs, busy_min, busy_max);
    if (r->pcs > 1) {
        printf("  %-22s", "per pseudo-channel");
        for (n = 0; n < r->pcs; n++) {
            const struct hbm_stats *cs = port->ops->stats(port->self, n);
            printf(" %.1f", now ? 100.0 * (double)cs->data_busy_cycles / (double)now : 0.0);
        }
        printf(" %% busy\n");
    }
    printf("  %-22s AR to first R beat avg %.2f, min %" PRIu64 ", max %" PRIu64 "; to last beat avg %.2f cycles\n",
           "AXI read latency", lat_first, t.lat_first_min, t.lat_first_max, lat_last);
    if (reads)
        printf("  %-22s avg %.2f cycles per 32-byte read (controller ports), %" PRIu64 " reads forwarded\n",
               "controller latency", (double)lat_sum / (double)reads, fwd);
    printf("  %-22s %" PRIu64 " responses not OKAY, %" PRIu64 " read beats with wrong data, %" PRIu64
           " timing violations, %" PRIu64 " protocol errors\n", "checks", errors, data_errors, violations,
           port->ops->protocol_errors(port->self));
    if (has_field)
        printf("  %-22s %" PRIu64 "\n", field_name, field_value);
}

int hbm_stack_run(const struct hbm_opts *o, const struct hbm_config *cfg, hbm_stack_port *port)
{
    struct run *r = calloc(1, sizeof *r);
    char err[HBM_ERR_MAX];
    uint64_t now = 0, violations = 0, errors = 0, data_errors = 0;
    int p, n, rc = 2;

    if (!r) {
        fprintf(stderr, "%s: out of memory\n", o->tool);
        return 2;
    }
    r->ports = cfg->ports;
    r->pcs = cfg->pseudo_channels;
    if (o->cmdlog || o->resp_stall_pct || o->req_gap_pct || o->fault_read || o->no_check) {
        fprintf(stderr, "%s: --cmdlog, --resp-stall, --req-gap and --no-check act on a controller's own port; "
                "a run through the AXI ports (--axi, or a config of %d pseudo-channels) takes none of them\n",
                o->tool, cfg->pseudo_channels);
        free(r);
        return 2;
    }
    if (setup(r, o, cfg, port))
        goto out;
    rc = 1;
    for (;;) {
        now = port->ops->cycle(port->self);
        if (masters_done(r) && port->ops->idle(port->self))
            break;
        for (p = 0; p < r->ports; p++)
            if (hbm_axi_master_drive(r->mst[p], now, &r->in[p], err)) {
                fprintf(stderr, "%s: %s\n", o->tool, err);
                rc = 2;
                goto out;
            }
        port->ops->outputs(port->self, r->out);
        for (p = 0; p < r->ports; p++)
            hbm_axi_master_observe(r->mst[p], now, &r->in[p], &r->out[p]);
        if (port->ops->edge(port->self, r->in)) {
            fprintf(stderr, "%s: %s\n", o->tool, port->ops->error(port->self));
            goto out;
        }
        if (o->cycles && now >= o->cycles)
            break;
        if (now > 2000000000u) {
            fprintf(stderr, "%s: the AXI run did not finish\n", o->tool);
            goto out;
        }
    }
    for (n = 0; n < r->pcs; n++) {
        hbm_check_finish(r->chk[n], now);
        violations += hbm_check_violations(r->chk[n]);
    }
    for (p = 0; p < r->ports; p++) {
        errors += hbm_axi_master_stats(r->mst[p])->errors;
        data_errors += hbm_axi_master_stats(r->mst[p])->data_errors;
    }
    report(r, o, cfg, port, now, violations, errors, data_errors);
    rc = errors || data_errors || violations || port->ops->protocol_errors(port->self) ? 1 : 0;
out:
    run_free(r);
    free(r);
    return rc;
}
