/*
 * hbm_axi_run.c - a run of the golden model behind its AXI4 front end
 * (model/hbm_axi.c): an AXI master (hbm_axi_master) turns the source's
 * requests into bursts; the independent timing checker watches the
 * commands; the report gives the bandwidth at the AXI port, the read
 * latency the port adds to the controller's, and the checks.  hbmsim
 * --axi BYTES[,IDS].
 */
#include "hbm_axi_run.h"
#include "hbm_axi.h"
#include "hbm_axi_master.h"
#include "hbm_check.h"
#include "hbm_model.h"
#include "hbm_source.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define AXI_ROB_DEPTH 64   /* tb/hbm_axi_dut.v's and the unit bench's */
#define AXI_ADDR_BITS 32

static void on_command(void *ctx, const struct hbm_cmd *cmd)
{
    hbm_check_command((hbm_check *)ctx, cmd);
}

int hbm_axi_run(const struct hbm_opts *o, const struct hbm_config *cfg)
{
    char err[HBM_ERR_MAX];
    struct hbm_axi ax;
    struct hbm_axi_in in;
    struct hbm_axi_out out;
    struct hbm_axi_req rq;
    struct hbm_axi_resp rs;
    const struct hbm_axi_master_stats *st;
    const struct hbm_stats *cs;
    hbm_source *src;
    hbm_axi_master *mst = NULL;
    hbm_check *chk = NULL;
    hbm_model *m = NULL;
    uint64_t now = 0, peak, bytes, violations;
    int addr_bits = 0, rc = 2;

    while (((uint64_t)1 << addr_bits) < cfg->capacity_bytes)
        addr_bits++;
    if (hbm_axi_init(&ax, addr_bits, cfg->id_bits, AXI_ADDR_BITS, AXI_ROB_DEPTH)) {
        fprintf(stderr, "%s: --axi needs id_bits of 8 or more (a 64-beat reorder buffer)\n", o->tool);
        return 2;
    }
    src = o->trace ? hbm_source_open_trace(o->trace, cfg, o->requests, err)
                   : hbm_source_workload(o->workload, cfg, o->requests, o->seed, err);
    if (!src) {
        fprintf(stderr, "%s: %s\n", o->tool, err);
        return 2;
    }
    m = hbm_model_create(cfg, err);
    chk = m ? hbm_check_create(cfg, err) : NULL;
    mst = chk ? hbm_axi_master_create(src, (int)o->axi_burst, (int)o->axi_ids, o->seed) : NULL;
    if (!mst) {
        fprintf(stderr, "%s: %s\n", o->tool, m && chk ? "out of memory" : err);
        goto out;
    }
    hbm_model_set_cmd_hook(m, on_command, chk);
    for (;;) {
        now = hbm_model_cycle(m);
        if (hbm_axi_master_done(mst) && hbm_model_idle(m))
            break;
        if (hbm_axi_master_drive(mst, now, &in, err)) {
            fprintf(stderr, "%s: %s\n", o->tool, err);
            goto out;
        }
        hbm_axi_request(&ax, &rq);
        {
            int ready = rq.valid && hbm_model_can_accept(m, rq.addr, rq.write);
            struct hbm_resp r;
            hbm_axi_outputs(&ax, ready, &out);
            hbm_axi_master_observe(mst, now, &in, &out);
            if (ready)
                hbm_model_push(m, rq.addr, rq.write, rq.id, rq.data, rq.strb);
            rs.valid = hbm_model_pop_resp(m, &r);
            if (rs.valid) {
                rs.write = r.is_write;
                rs.id = r.id;
                memcpy(rs.data, r.data, 32);
            }
            hbm_axi_edge(&ax, &in, ready, &rs);
        }
        hbm_model_tick(m);
        if (now > 2000000000u) {
            fprintf(stderr, "%s: the AXI run did not finish\n", o->tool);
            rc = 1;
            goto out;
        }
    }
    hbm_check_finish(chk, now);
    violations = hbm_check_violations(chk);
    st = hbm_axi_master_stats(mst);
    cs = hbm_model_stats(m);
    bytes = 32 * (st->read_beats + st->write_beats);
    peak = (uint64_t)cfg->bus_width_bits / 8 * 2;   /* bytes per DRAM clock (DDR) */
    if (o->json) {
        printf("{\"config\": \"%s\", \"workload\": \"%s\", \"axi_burst_bytes\": %" PRIu64 ", \"axi_ids\": %" PRIu64
               ", \"cycles\": %" PRIu64 ", \"read_bursts\": %" PRIu64 ", \"write_bursts\": %" PRIu64
               ", \"read_beats\": %" PRIu64 ", \"write_beats\": %" PRIu64
               ", \"axi_bandwidth_pct\": %.2f, \"bandwidth_pct\": %.2f, \"axi_read_latency_first_avg\": %.2f"
               ", \"axi_read_latency_first_min\": %" PRIu64 ", \"axi_read_latency_last_avg\": %.2f"
               ", \"read_latency_avg\": %.2f, \"reads_forwarded\": %" PRIu64 ", \"resp_errors\": %" PRIu64
               ", \"data_errors\": %" PRIu64 ", \"timing_violations\": %" PRIu64 "}\n",
               o->config, o->trace ? o->trace : o->workload, o->axi_burst, o->axi_ids, now, st->read_bursts,
               st->write_bursts, st->read_beats, st->write_beats, now ? 100.0 * (double)bytes / (double)(now * peak) : 0.0,
               now ? 100.0 * (double)cs->data_busy_cycles / (double)now : 0.0,
               st->read_bursts ? (double)st->lat_first_sum / (double)st->read_bursts : 0.0,
               st->read_bursts ? st->lat_first_min : 0,
               st->read_bursts ? (double)st->lat_last_sum / (double)st->read_bursts : 0.0,
               cs->reads ? (double)cs->read_latency_sum / (double)cs->reads : 0.0, cs->reads_forwarded,
               st->errors, st->data_errors, violations);
    } else {
        printf("hbmctl AXI report: %s on %s, through hbm_axi: INCR bursts of up to %" PRIu64 " bytes, %" PRIu64
               " IDs\n", o->trace ? o->trace : o->workload, o->config, o->axi_burst, o->axi_ids);
        printf("  %-22s %" PRIu64 "\n", "cycles", now);
        printf("  %-22s %" PRIu64 " read (%" PRIu64 " beats), %" PRIu64 " write (%" PRIu64 " beats)\n", "bursts",
               st->read_bursts, st->read_beats, st->write_bursts, st->write_beats);
        printf("  %-22s %.2f %% of peak at the AXI port (data bus %.2f %% busy)\n", "bandwidth",
               now ? 100.0 * (double)bytes / (double)(now * peak) : 0.0,
               now ? 100.0 * (double)cs->data_busy_cycles / (double)now : 0.0);
        printf("  %-22s AR to first R beat avg %.2f, min %" PRIu64 ", max %" PRIu64 "; to last beat avg %.2f cycles\n",
               "AXI read latency", st->read_bursts ? (double)st->lat_first_sum / (double)st->read_bursts : 0.0,
               st->read_bursts ? st->lat_first_min : 0, st->lat_first_max,
               st->read_bursts ? (double)st->lat_last_sum / (double)st->read_bursts : 0.0);
        printf("  %-22s avg %.2f cycles per 32-byte read (controller port)\n", "controller latency",
               cs->reads ? (double)cs->read_latency_sum / (double)cs->reads : 0.0);
        printf("  %-22s %" PRIu64 " responses not OKAY, %" PRIu64 " read beats with wrong data, %" PRIu64
               " timing violations\n", "checks", st->errors, st->data_errors, violations);
    }
    rc = st->errors || st->data_errors || violations ? 1 : 0;
out:
    hbm_axi_master_free(mst);
    hbm_check_free(chk);
    hbm_model_free(m);
    hbm_source_free(src);
    return rc;
}
