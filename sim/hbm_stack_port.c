/*
 * hbm_stack_port.c - the golden model's stack as a stack port, and the
 * lockstep pair of two stack ports; see hbm_stack_port.h.
 */
#include "hbm_stack_port.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the model ---------------------------------------------------------- */

static uint64_t m_cycle(void *s) { return hbm_stack_cycle(s); }
static void m_outputs(void *s, struct hbm_axi_out *out) { hbm_stack_outputs(s, out); }
static int m_edge(void *s, const struct hbm_axi_in *in)
{
    hbm_stack_edge(s, in);
    return 0;
}
static int m_idle(void *s) { return hbm_stack_idle(s); }
static void m_set_cmd_hook(void *s, int pc, hbm_cmd_hook fn, void *ctx)
{
    hbm_model_set_cmd_hook(hbm_stack_pc(s, pc), fn, ctx);
}
static const struct hbm_stats *m_stats(void *s, int pc) { return hbm_model_stats(hbm_stack_pc(s, pc)); }
static uint64_t m_protocol_errors(void *s)
{
    uint64_t n = 0;
    int i;
    for (i = 0; i < hbm_stack_pcs(s); i++)
        n += hbm_device_protocol_errors(hbm_model_device(hbm_stack_pc(s, i)));
    return n;
}
static const char *m_error(void *s)
{
    (void)s;
    return "";
}
static int m_report_field(void *s, const char **name, uint64_t *value)
{
    (void)s;
    (void)name;
    (void)value;
    return 0;
}
static uint32_t m_bwmon(void *s, int pc, int addr, int we, uint32_t wdata)
{
    return hbm_model_bwmon(hbm_stack_pc(s, pc), addr, we, wdata);
}
static uint32_t m_events(void *s, int pc) { return hbm_model_events(hbm_stack_pc(s, pc)); }
static void m_free(void *s) { (void)s; }

static const struct hbm_stack_port_ops model_ops = {
    m_cycle, m_outputs, m_edge, m_idle, m_set_cmd_hook, m_stats, m_protocol_errors, m_error, m_report_field,
    m_bwmon, m_events, m_free,
};

hbm_stack_port hbm_stack_port_model(hbm_stack *s)
{
    hbm_stack_port p = { &model_ops, s };
    return p;
}

void hbm_stack_port_free(hbm_stack_port *p)
{
    if (p && p->ops)
        p->ops->free(p->self);
    if (p)
        p->ops = NULL;
}

/* ---- the lockstep pair -------------------------------------------------- */

/* Commands of one cycle of one pseudo-channel, by bus. */
struct bus_cmds {
    int row, col;
    struct hbm_cmd r, c;
};

struct slock;

struct collector {
    struct slock *l;
    struct bus_cmds *b;
    int pc, is_dut;
};

struct slock {
    hbm_stack_port dut, ref;
    int ports, pcs;
    struct hbm_axi_out *dut_out, *ref_out;
    struct bus_cmds dut_cmds[HBM_STACK_MAX_PC], ref_cmds[HBM_STACK_MAX_PC];
    struct collector col[2][HBM_STACK_MAX_PC];
    hbm_cmd_hook hook[HBM_STACK_MAX_PC];
    void *hook_ctx[HBM_STACK_MAX_PC];
    int failed;
    uint64_t mismatches;
    char msg[1024];
};

static void collect(void *ctx, const struct hbm_cmd *cmd)
{
    struct collector *c = ctx;
    if (hbm_cmd_is_row(cmd->code)) {
        c->b->row = 1;
        c->b->r = *cmd;
    } else {
        c->b->col = 1;
        c->b->c = *cmd;
    }
    if (c->is_dut && c->l->hook[c->pc])
        c->l->hook[c->pc](c->l->hook_ctx[c->pc], cmd);
}

static void failf(struct slock *l, const char *where, const char *what, const char *ref, const char *dut)
{
    if (l->failed)
        return;
    l->failed = 1;
    l->mismatches++;
    snprintf(l->msg, sizeof l->msg, "MISMATCH at cycle %" PRIu64 ": %s %s\n  expected (model): %s\n"
             "  actual   (RTL):   %s", l->dut.ops->cycle(l->dut.self), where, what, ref, dut);
}

static uint64_t l_cycle(void *s)
{
    struct slock *l = s;
    return l->dut.ops->cycle(l->dut.self);
}

static void hex(char *buf, size_t n, const uint8_t *d)
{
    int i;
    size_t k = 0;
    for (i = 31; i >= 0 && k + 3 < n; i--)
        k += (size_t)snprintf(buf + k, n - k, "%02x", d[i]);
}

/* One port's outputs: the ready and valid flags, and each channel's
 * payload while its valid is high. */
static void compare_out(struct slock *l, int p, const struct hbm_axi_out *r, const struct hbm_axi_out *d)
{
    char where[32], a[80], b[80];
    snprintf(where, sizeof where, "port %d", p);
#define FLAG(f)                                                              \
    if (r->f != d->f) {                                                      \
        snprintf(a, sizeof a, "%d", r->f);                                   \
        snprintf(b, sizeof b, "%d", d->f);                                   \
        failf(l, where, "s_axi_" #f, a, b);                                  \
        return;                                                              \
    }
    FLAG(awready) FLAG(wready) FLAG(arready) FLAG(bvalid) FLAG(rvalid)
    if (r->bvalid) {
        FLAG(bid) FLAG(bresp)
    }
    if (r->rvalid) {
        FLAG(rid) FLAG(rresp) FLAG(rlast)
        if (memcmp(r->rdata, d->rdata, 32)) {
            hex(a, sizeof a, r->rdata);
            hex(b, sizeof b, d->rdata);
            failf(l, where, "s_axi_rdata", a, b);
        }
    }
#undef FLAG
}

static void l_outputs(void *s, struct hbm_axi_out *out)
{
    struct slock *l = s;
    int p;
    l->dut.ops->outputs(l->dut.self, l->dut_out);
    l->ref.ops->outputs(l->ref.self, l->ref_out);
    for (p = 0; p < l->ports; p++)
        compare_out(l, p, &l->ref_out[p], &l->dut_out[p]);
    memcpy(out, l->dut_out, (size_t)l->ports * sizeof *out);
}

static void compare_cmds(struct slock *l, int pc)
{
    struct bus_cmds *r = &l->ref_cmds[pc], *d = &l->dut_cmds[pc];
    char where[40], a[128], b[128];
    snprintf(where, sizeof where, "pseudo-channel %d", pc);
    if (r->row != d->row || (r->row && !hbm_cmd_same(&r->r, &d->r))) {
        if (r->row)
            hbm_cmd_format(&r->r, a, sizeof a);
        else
            snprintf(a, sizeof a, "no row command");
        if (d->row)
            hbm_cmd_format(&d->r, b, sizeof b);
        else
            snprintf(b, sizeof b, "no row command");
        failf(l, where, "row command", a, b);
    }
    if (r->col != d->col || (r->col && !hbm_cmd_same(&r->c, &d->c))) {
        if (r->col)
            hbm_cmd_format(&r->c, a, sizeof a);
        else
            snprintf(a, sizeof a, "no column command");
        if (d->col)
            hbm_cmd_format(&d->c, b, sizeof b);
        else
            snprintf(b, sizeof b, "no column command");
        failf(l, where, "column command", a, b);
    }
}

static void compare_events(struct slock *l, int pc)
{
    uint32_t d = l->dut.ops->events(l->dut.self, pc), r = l->ref.ops->events(l->ref.self, pc);
    char where[40], a[256], b[256];

    if (d == r)
        return;
    snprintf(where, sizeof where, "pseudo-channel %d", pc);
    hbm_events_text(r & ~d, a, sizeof a);
    hbm_events_text(d & ~r, b, sizeof b);
    failf(l, where, "events (perf_event_o; the ones that differ)", a, b);
}

static int l_edge(void *s, const struct hbm_axi_in *in)
{
    struct slock *l = s;
    uint64_t now = l->dut.ops->cycle(l->dut.self);
    int pc;

    memset(l->dut_cmds, 0, sizeof l->dut_cmds);
    memset(l->ref_cmds, 0, sizeof l->ref_cmds);
    if (l->dut.ops->edge(l->dut.self, in)) {
        if (!l->failed) {
            l->failed = 1;
            snprintf(l->msg, sizeof l->msg, "at cycle %" PRIu64 ": %s", now, l->dut.ops->error(l->dut.self));
        }
        return -1;
    }
    l->ref.ops->edge(l->ref.self, in);
    for (pc = 0; pc < l->pcs; pc++) {
        compare_cmds(l, pc);
        compare_events(l, pc);
    }
    return l->failed ? -1 : 0;
}

static int l_idle(void *s)
{
    struct slock *l = s;
    return l->dut.ops->idle(l->dut.self) && l->ref.ops->idle(l->ref.self);
}

static void l_set_cmd_hook(void *s, int pc, hbm_cmd_hook fn, void *ctx)
{
    struct slock *l = s;
    l->hook[pc] = fn;
    l->hook_ctx[pc] = ctx;
}

static const struct hbm_stats *l_stats(void *s, int pc)
{
    struct slock *l = s;
    return l->dut.ops->stats(l->dut.self, pc);
}

static uint64_t l_protocol_errors(void *s)
{
    struct slock *l = s;
    return l->dut.ops->protocol_errors(l->dut.self);
}

static const char *l_error(void *s)
{
    struct slock *l = s;
    return l->msg;
}

static int l_report_field(void *s, const char **name, uint64_t *value)
{
    struct slock *l = s;
    *name = "mismatches";
    *value = l->mismatches;
    return 1;
}

/* Both monitors' read data, compared. */
static uint32_t l_bwmon(void *s, int pc, int addr, int we, uint32_t wdata)
{
    struct slock *l = s;
    uint32_t d = l->dut.ops->bwmon(l->dut.self, pc, addr, we, wdata);
    uint32_t r = l->ref.ops->bwmon(l->ref.self, pc, addr, we, wdata);

    if (d != r) {
        char where[48], e[16], g[16];
        snprintf(where, sizeof where, "pseudo-channel %d", pc);
        snprintf(e, sizeof e, "0x%08x", r);
        snprintf(g, sizeof g, "0x%08x", d);
        failf(l, where, "bandwidth monitor read data", e, g);
    }
    return d;
}

static uint32_t l_events(void *s, int pc)
{
    struct slock *l = s;
    return l->dut.ops->events(l->dut.self, pc);
}

static void l_free(void *s)
{
    struct slock *l = s;
    if (!l)
        return;
    free(l->dut_out);
    free(l->ref_out);
    free(l);
}

static const struct hbm_stack_port_ops lockstep_ops = {
    l_cycle, l_outputs, l_edge, l_idle, l_set_cmd_hook, l_stats, l_protocol_errors, l_error, l_report_field,
    l_bwmon, l_events, l_free,
};

hbm_stack_port hbm_stack_lockstep_create(hbm_stack_port dut, hbm_stack_port ref, int ports, int pcs)
{
    hbm_stack_port p = { NULL, NULL };
    struct slock *l = calloc(1, sizeof *l);
    int pc, k;

    if (!l || ports > HBM_STACK_MAX_PC || pcs > HBM_STACK_MAX_PC)
        goto oom;
    l->dut = dut;
    l->ref = ref;
    l->ports = ports;
    l->pcs = pcs;
    l->dut_out = calloc((size_t)ports, sizeof *l->dut_out);
    l->ref_out = calloc((size_t)ports, sizeof *l->ref_out);
    if (!l->dut_out || !l->ref_out)
        goto oom;
    for (k = 0; k < 2; k++)
        for (pc = 0; pc < pcs; pc++) {
            struct collector *c = &l->col[k][pc];
            c->l = l;
            c->pc = pc;
            c->is_dut = k == 0;
            c->b = k == 0 ? &l->dut_cmds[pc] : &l->ref_cmds[pc];
            (k == 0 ? dut : ref).ops->set_cmd_hook((k == 0 ? dut : ref).self, pc, collect, c);
        }
    p.ops = &lockstep_ops;
    p.self = l;
    return p;
oom:
    l_free(l);
    return p;
}
