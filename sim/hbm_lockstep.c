/*
 * hbm_lockstep.c - a DUT and a reference compared every cycle; see
 * hbm_lockstep.h.
 */
#include "hbm_lockstep.h"
#include "hbm_bw_monitor.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Commands of one cycle, by bus. */
struct bus_cmds {
    int row, col;
    struct hbm_cmd r, c;
};

struct lockstep {
    hbm_port dut, ref;
    const char *dut_name, *ref_name;
    struct bus_cmds dut_cmds, ref_cmds;
    hbm_cmd_hook hook;
    void *hook_ctx;
    int popped;            /* a response was taken this cycle */
    int bw_addr;           /* the monitor's register addressed in the cycle before (read data now) */
    uint32_t dut_events;   /* the events of the last cycle (the same in both) */
    int failed;
    uint64_t fail_cycle;
    char msg[512];
};

static void collect(void *ctx, const struct hbm_cmd *cmd)
{
    struct bus_cmds *b = ctx;
    if (hbm_cmd_is_row(cmd->code)) {
        b->row = 1;
        b->r = *cmd;
    } else {
        b->col = 1;
        b->c = *cmd;
    }
}

static void fail_at(struct lockstep *l, uint64_t cycle, const char *what, const char *ref,
                    const char *dut)
{
    if (l->failed)
        return;
    l->failed = 1;
    l->fail_cycle = cycle;
    snprintf(l->msg, sizeof l->msg, "MISMATCH at cycle %" PRIu64 ": %s\n  expected (%s): %s\n"
             "  actual   (%s):%*s%s", l->fail_cycle, what, l->ref_name, ref, l->dut_name,
             (int)(strlen(l->ref_name) > strlen(l->dut_name) ? strlen(l->ref_name) - strlen(l->dut_name) : 0) + 1,
             "", dut);
}

/* A difference in the current cycle. */
static void fail(struct lockstep *l, const char *what, const char *ref, const char *dut)
{
    fail_at(l, l->dut.ops->cycle(l->dut.self), what, ref, dut);
}

static uint64_t ls_cycle(void *s)
{
    struct lockstep *l = s;
    return l->dut.ops->cycle(l->dut.self);
}

static int ls_can_accept(void *s, uint64_t addr, int is_write)
{
    struct lockstep *l = s;
    int d = l->dut.ops->can_accept(l->dut.self, addr, is_write);
    int r = l->ref.ops->can_accept(l->ref.self, addr, is_write);
    if (d != r)
        fail(l, "req_ready", r ? "1" : "0", d ? "1" : "0");
    return d;
}

static int ls_push(void *s, uint64_t addr, int is_write, uint32_t id, const uint8_t *data, uint32_t be)
{
    struct lockstep *l = s;
    int d = l->dut.ops->push(l->dut.self, addr, is_write, id, data, be);
    int r = l->ref.ops->push(l->ref.self, addr, is_write, id, data, be);
    if (d != r) {
        char rs[16], ds[16];
        snprintf(rs, sizeof rs, "code %d", r);
        snprintf(ds, sizeof ds, "code %d", d);
        fail(l, "request push", rs, ds);
    }
    return d;
}

static int ls_resp_valid(void *s)
{
    struct lockstep *l = s;
    return l->dut.ops->resp_valid(l->dut.self);
}

static void resp_text(const struct hbm_resp *r, char *buf, size_t size)
{
    snprintf(buf, size, "id %u %s data[0..3] %02x%02x%02x%02x%s", r->id, r->is_write ? "write" : "read",
             r->data[0], r->data[1], r->data[2], r->data[3], r->ecc_error ? " ecc_error" : "");
}

static int ls_pop_resp(void *s, struct hbm_resp *out)
{
    struct lockstep *l = s;
    struct hbm_resp dr, rr;
    int d = l->dut.ops->pop_resp(l->dut.self, &dr);
    int r = l->ref.ops->pop_resp(l->ref.self, &rr);

    l->popped = 1;
    if (d != r) {
        fail(l, "resp_valid", r ? "1" : "0", d ? "1" : "0");
    } else if (d && (dr.id != rr.id || dr.is_write != rr.is_write || dr.ecc_error != rr.ecc_error ||
                     memcmp(dr.data, rr.data, sizeof dr.data) != 0)) {
        char e[96], g[96];
        resp_text(&rr, e, sizeof e);
        resp_text(&dr, g, sizeof g);
        fail(l, "response", e, g);
    }
    if (d && out)
        *out = dr;
    return d;
}

static void bus_text(const struct bus_cmds *b, char *buf, size_t size)
{
    char r[96] = "no row command", c[96] = "no column command";
    if (b->row) {
        hbm_cmd_format(&b->r, r, sizeof r);
        r[strcspn(r, "\n")] = 0;
    }
    if (b->col) {
        hbm_cmd_format(&b->c, c, sizeof c);
        c[strcspn(c, "\n")] = 0;
        snprintf(c + strlen(c), sizeof c - strlen(c), " (cause %d)", b->c.cause);
    }
    snprintf(buf, size, "%s | %s", r, c);
}

static int same_cmds(const struct bus_cmds *a, const struct bus_cmds *b)
{
    return a->row == b->row && (!a->row || hbm_cmd_same(&a->r, &b->r)) && a->col == b->col &&
           (!a->col || (hbm_cmd_same(&a->c, &b->c) && a->c.cause == b->c.cause));
}

static int ls_tick(void *s)
{
    struct lockstep *l = s;
    uint64_t now = l->dut.ops->cycle(l->dut.self);

    if (!l->popped) {
        int d = l->dut.ops->resp_valid(l->dut.self), r = l->ref.ops->resp_valid(l->ref.self);
        if (d != r)
            fail(l, "resp_valid", r ? "1" : "0", d ? "1" : "0");
    }
    l->popped = 0;
    if (l->failed)
        return -1;
    memset(&l->dut_cmds, 0, sizeof l->dut_cmds);
    memset(&l->ref_cmds, 0, sizeof l->ref_cmds);
    l->ref.ops->tick(l->ref.self);
    if (l->dut.ops->tick(l->dut.self)) {
        l->failed = 1;
        snprintf(l->msg, sizeof l->msg, "%s", l->dut.ops->error(l->dut.self));
        return -1;
    }
    if (!same_cmds(&l->dut_cmds, &l->ref_cmds)) {
        char e[256], g[256];
        bus_text(&l->ref_cmds, e, sizeof e);
        bus_text(&l->dut_cmds, g, sizeof g);
        fail_at(l, now, "commands", e, g);
        return -1;
    }
    l->dut_events = l->dut.ops->events(l->dut.self);
    if (l->dut_events != l->ref.ops->events(l->ref.self)) {
        char e[256], g[256];
        hbm_events_text(l->ref.ops->events(l->ref.self) & ~l->dut_events, e, sizeof e);
        hbm_events_text(l->dut_events & ~l->ref.ops->events(l->ref.self), g, sizeof g);
        fail_at(l, now, "events (perf_event_o; the ones that differ)", e, g);
        return -1;
    }
    if (l->hook) {
        /* in the order of their DRAM clocks (dfi_ratio 2: a column command
         * may go out in the clock before the row command of its cycle) */
        int col_first = l->dut_cmds.col && l->dut_cmds.row && l->dut_cmds.c.cycle < l->dut_cmds.r.cycle;
        if (col_first)
            l->hook(l->hook_ctx, &l->dut_cmds.c);
        if (l->dut_cmds.row)
            l->hook(l->hook_ctx, &l->dut_cmds.r);
        if (l->dut_cmds.col && !col_first)
            l->hook(l->hook_ctx, &l->dut_cmds.c);
    }
    return 0;
}

static int ls_idle(void *s)
{
    struct lockstep *l = s;
    return l->dut.ops->idle(l->dut.self) && l->ref.ops->idle(l->ref.self);
}

static void ls_set_cmd_hook(void *s, hbm_cmd_hook fn, void *ctx)
{
    struct lockstep *l = s;
    l->hook = fn;
    l->hook_ctx = ctx;
}

static const struct hbm_stats *ls_stats(void *s)
{
    struct lockstep *l = s;
    return l->dut.ops->stats(l->dut.self);
}

static uint64_t ls_protocol_errors(void *s)
{
    struct lockstep *l = s;
    return l->dut.ops->protocol_errors(l->dut.self);
}

static int ls_finish(void *s)
{
    struct lockstep *l = s;
    const char *field = "";
    uint64_t dv = 0, rv = 0;

    if (l->dut.ops->finish(l->dut.self)) {
        l->failed = 1;
        snprintf(l->msg, sizeof l->msg, "%s", l->dut.ops->error(l->dut.self));
        return -1;
    }
    if (!hbm_stats_equal(l->dut.ops->stats(l->dut.self), l->ref.ops->stats(l->ref.self), &field,
                         &dv, &rv)) {
        char what[64], e[32], g[32];
        snprintf(what, sizeof what, "statistics: %s", field);
        snprintf(e, sizeof e, "%" PRIu64, rv);
        snprintf(g, sizeof g, "%" PRIu64, dv);
        fail(l, what, e, g);
        return -1;
    }
    return l->failed ? -1 : 0;
}

static const char *ls_error(void *s)
{
    struct lockstep *l = s;
    return l->msg;
}

static int ls_report_field(void *s, const char **name, uint64_t *value)
{
    struct lockstep *l = s;
    *name = "mismatches";
    *value = l->failed ? 1 : 0;
    return 1;
}

/* The monitor's read data of both, compared: every register the driver
 * reads is the same in the two at that edge. */
static uint32_t ls_bwmon(void *s, int addr, int we, uint32_t wdata)
{
    struct lockstep *l = s;
    uint32_t d = l->dut.ops->bwmon(l->dut.self, addr, we, wdata);
    uint32_t r = l->ref.ops->bwmon(l->ref.self, addr, we, wdata);

    if (d != r) {
        char e[32], g[32], what[96];
        snprintf(e, sizeof e, "0x%08x", r);
        snprintf(g, sizeof g, "0x%08x", d);
        snprintf(what, sizeof what, "bandwidth monitor read data of %s (register %d, addressed in the cycle before)",
                 hbm_bw_monitor_reg_name(l->bw_addr), l->bw_addr);
        fail(l, what, e, g);
    }
    l->bw_addr = addr & (HBM_BWMON_REGS - 1);
    return d;
}

static uint32_t ls_events(void *s)
{
    struct lockstep *l = s;
    return l->dut_events;
}

static void ls_free(void *s) { free(s); }

static const struct hbm_port_ops lockstep_ops = {
    ls_cycle, ls_can_accept, ls_push, ls_resp_valid, ls_pop_resp, ls_tick, ls_idle,
    ls_set_cmd_hook, ls_stats, ls_protocol_errors, ls_finish, ls_error, ls_report_field, ls_bwmon,
    ls_events, ls_free
};

hbm_port hbm_lockstep_create(hbm_port dut, hbm_port ref, const char *dut_name, const char *ref_name)
{
    hbm_port p;
    struct lockstep *l = calloc(1, sizeof *l);

    p.ops = NULL;
    p.self = l;
    if (!l)
        return p;
    l->dut = dut;
    l->ref = ref;
    l->dut_name = dut_name;
    l->ref_name = ref_name;
    dut.ops->set_cmd_hook(dut.self, collect, &l->dut_cmds);
    ref.ops->set_cmd_hook(ref.self, collect, &l->ref_cmds);
    p.ops = &lockstep_ops;
    return p;
}

int hbm_lockstep_mismatch(const hbm_port *pair, uint64_t *cycle)
{
    const struct lockstep *l = pair->self;
    if (pair->ops != &lockstep_ops || !l->failed)
        return 0;
    *cycle = l->fail_cycle;
    return 1;
}
