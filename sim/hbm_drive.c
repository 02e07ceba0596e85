/*
 * hbm_drive.c - the request/response driver of the golden model; see
 * hbm_drive.h.
 */
#include "hbm_drive.h"
#include "hbm_rand.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hbm_drive_run(hbm_port *port, const struct hbm_config *cfg, hbm_source *src, hbm_scoreboard *sb,
                  const struct hbm_drive_opts *o, struct hbm_drive_result *res, char *err)
{
    const struct hbm_port_ops *p = port->ops;
    void *m = port->self;
    struct hbm_req req;
    struct hbm_resp resp;
    int have_req = 0, src_done = 0, rc = 0;
    uint64_t last_progress = 0, stall_limit, rng = o->seed ^ 0x5eedULL, reads_seen = 0;
    uint32_t next_id = 0, id_count = 1u << cfg->id_bits;
    uint8_t *id_busy = calloc(id_count, 1);  /* ids in flight: never handed out twice */
    uint8_t wdata[32];
    uint32_t wen = 0;
    int bw_reg = 0;

    memset(res, 0, sizeof *res);
    memset(wdata, 0, sizeof wdata);
    if (!id_busy) {
        snprintf(err, HBM_ERR_MAX, "out of memory");
        return 2;
    }
    /* No response for this long means the controller is stuck. */
    stall_limit = 20 * (uint64_t)cfg->trefi + 100000;

    for (;;) {
        uint64_t now = p->cycle(m);

        if (!have_req && !src_done) {
            int got = hbm_source_next(src, &req, err);
            if (got < 0) {
                rc = 2;
                break;
            }
            have_req = got;
            src_done = !got;
            if (got && req.is_write && sb)   /* without a scoreboard: zeros, all enabled */
                hbm_scoreboard_write_data(sb, req.addr, wdata, &wen);
            else if (got && req.is_write)
                wen = 0xffffffffu;
        }
        if ((src_done && p->idle(m)) || (o->max_cycles && now >= o->max_cycles))
            break;
        if (have_req && now >= req.earliest &&
            (!o->req_gap_pct || hbm_rand_next(&rng) % 100 >= o->req_gap_pct) &&
            p->can_accept(m, req.addr, req.is_write)) {
            uint32_t id;
            int pr;
            /* Responses come back out of order: take the next id not in flight
             * (the config guarantees more ids than requests in flight). */
            while (id_busy[next_id])
                next_id = (next_id + 1) % id_count;
            id = next_id;
            next_id = (next_id + 1) % id_count;
            id_busy[id] = 1;
            pr = p->push(m, req.addr, req.is_write, id, req.is_write ? wdata : NULL,
                                req.is_write ? wen : 0);
            if (pr != HBM_PUSH_OK) {
                snprintf(err, HBM_ERR_MAX, "request refused (code %d) at cycle %" PRIu64, pr, now);
                rc = 1;
                break;
            }
            if (sb && hbm_scoreboard_accepted(sb, req.addr, req.is_write, id, wdata, wen)) {
                snprintf(err, HBM_ERR_MAX, "out of memory for the shadow memory");
                rc = 2;
                break;
            }
            have_req = 0;
            res->pushed++;
        }
        if ((!o->resp_stall_pct || hbm_rand_next(&rng) % 100 >= o->resp_stall_pct) &&
            p->pop_resp(m, &resp)) {
            char msg[256];
            res->completed++;
            if (!resp.is_write && o->fault_read && ++reads_seen == o->fault_read)
                resp.data[0] ^= 1;
            last_progress = now;
            id_busy[resp.id] = 0;
            /* A read flagged uncorrectable says its data is wrong: counted,
             * not checked; every read not flagged must be right. */
            if (resp.ecc_error)
                res->ecc_flagged++;
            if (sb && !resp.is_write && resp.ecc_error)
                hbm_scoreboard_check_read(sb, resp.id, resp.data, msg);   /* retires the read */
            else if (sb && !resp.is_write && hbm_scoreboard_check_read(sb, resp.id, resp.data, msg)) {
                if (res->data_errors < 5)
                    fprintf(o->msg ? o->msg : stderr, "%s: data error at cycle %" PRIu64 ": %s\n", o->tool ? o->tool : "hbm", now, msg);
                res->data_errors++;
            }
        } else if (res->pushed > res->completed && now - last_progress > stall_limit) {
            snprintf(err, HBM_ERR_MAX, "no response for %" PRIu64 " cycles at cycle %" PRIu64
                     " with %" PRIu64 " requests outstanding: controller stuck",
                     stall_limit, now, res->pushed - res->completed);
            rc = 1;
            break;
        }
        /* The bandwidth monitor: its window in the first cycle, else one
         * register read a clock, round the readable ones. */
        if (now == 0 && o->bw_window)
            (void)p->bwmon(m, HBM_BWMON_WINDOW, 1, (uint32_t)o->bw_window);
        else
            (void)p->bwmon(m, bw_reg, 0, 0);
        bw_reg = hbm_bw_monitor_next_reg(bw_reg);
        if (p->tick(m)) {
            snprintf(err, HBM_ERR_MAX, "%s", p->error(m));
            rc = 1;
            break;
        }
        if (o->fcov)
            hbm_fcov_cycle(o->fcov, p->events(m));
        if ((now & 0xfffff) == 0 && o->progress)
            o->progress(o->progress_ctx, now, res->completed);
    }
    free(id_busy);
    return rc;
}

int hbm_drive_bwmon_readout(hbm_port *port, struct hbm_bwmon_readout *out)
{
    static const int order[] = {HBM_BWMON_WINDOWS, HBM_BWMON_WINDOW, HBM_BWMON_LEAST, HBM_BWMON_MOST,
                                HBM_BWMON_LAST, HBM_BWMON_SUM_LO, HBM_BWMON_SUM_HI, HBM_BWMON_READ_LO,
                                HBM_BWMON_READ_HI, HBM_BWMON_WRITE_LO, HBM_BWMON_WRITE_HI, HBM_BWMON_WINDOWS};
    const int n = (int)(sizeof order / sizeof order[0]);
    const struct hbm_port_ops *p = port->ops;
    uint32_t v[16];
    int attempt, i;

    for (attempt = 0; attempt < 3; attempt++) {
        for (i = 0; i <= n; i++) {   /* the address of clock i, its data in clock i + 1 */
            uint32_t d = p->bwmon(port->self, i < n ? order[i] : 0, 0, 0);
            if (i > 0)
                v[i - 1] = d;
            if (p->tick(port->self))
                return -1;
        }
        if (v[0] == v[n - 1])
            break;
    }
    out->windows = v[0];
    out->window = v[1];
    out->least = v[2];
    out->most = v[3];
    out->last = v[4];
    out->sum = (uint64_t)v[6] << 32 | v[5];
    out->read_bytes = (uint64_t)v[8] << 32 | v[7];
    out->write_bytes = (uint64_t)v[10] << 32 | v[9];
    return 0;
}

int hbm_drive_without_refresh(const struct hbm_config *cfg, const char *workload, const char *trace,
                              uint64_t requests, const struct hbm_drive_opts *o,
                              struct hbm_stats *stats, char *err)
{
    struct hbm_config c = *cfg;
    struct hbm_drive_result res;
    struct hbm_drive_opts dopts;
    hbm_port port;
    hbm_source *src;
    hbm_model *m;
    int rc;

    c.refresh_mode = HBM_REFRESH_NONE;
    if (hbm_config_finish(&c, err))
        return 2;
    src = trace ? hbm_source_open_trace(trace, &c, requests, err)
                : hbm_source_workload(workload, &c, requests, o->seed, err);
    if (!src)
        return 2;
    m = hbm_model_create(&c, err);
    if (!m) {
        hbm_source_free(src);
        return 2;
    }
    port = hbm_port_model(m);
    dopts = *o;
    dopts.fault_read = 0;
    dopts.max_cycles = 0;
    rc = hbm_drive_run(&port, &c, src, NULL, &dopts, &res, err);
    if (rc == 0)
        *stats = *hbm_model_stats(m);
    hbm_model_free(m);
    hbm_source_free(src);
    return rc;
}
