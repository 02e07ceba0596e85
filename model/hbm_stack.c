/*
 * hbm_stack.c - the top: AXI4 ports, the switch and one controller per
 * pseudo-channel; see hbm_stack.h.  Mirrors rtl/hbm_stack.v and
 * rtl/hbm_switch.v decision for decision.
 */
#include "hbm_stack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct hbm_stack {
    struct hbm_config cfg;
    int ports, pcs;
    struct hbm_axi axi[HBM_STACK_MAX_PC];
    hbm_model *pc[HBM_STACK_MAX_PC];
    int req_last[HBM_STACK_MAX_PC];    /* per pseudo-channel: the port it took last */
    int resp_last[HBM_STACK_MAX_PC];   /* per port: the pseudo-channel it took last */
    /* This cycle's decisions (hbm_stack_outputs), used by hbm_stack_edge. */
    struct hbm_axi_req req[HBM_STACK_MAX_PC];
    int req_pc[HBM_STACK_MAX_PC];
    uint64_t req_local[HBM_STACK_MAX_PC];
    int req_grant[HBM_STACK_MAX_PC];   /* per pseudo-channel: the port granted, or -1 */
    int req_ready[HBM_STACK_MAX_PC];   /* per port */
    int decided;
};

static uint64_t mask(int bits) { return bits >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << bits) - 1; }

/* The XOR of every k-bit group of v (k >= 1). */
static unsigned fold(uint64_t v, int k)
{
    unsigned f = 0;
    for (; v; v >>= k)
        f ^= (unsigned)(v & mask(k));
    return f;
}

int hbm_stack_route(const struct hbm_config *cfg, uint64_t addr, uint64_t *local)
{
    int g = cfg->interleave_bits, k = cfg->pc_bits;
    uint64_t upper, field;
    int pc;

    if (cfg->stack_switch != HBM_SWITCH_CROSSBAR || k == 0) {
        *local = addr & mask(cfg->addr_bits);
        return 0;
    }
    addr &= mask(cfg->addr_bits + k);
    field = (addr >> g) & mask(k);
    upper = addr >> (g + k);
    pc = (int)field;
    if (cfg->interleave_hash == HBM_HASH_XOR)
        pc ^= (int)fold(upper, k);
    *local = (upper << g) | (addr & mask(g));
    return pc;
}

uint64_t hbm_stack_unroute(const struct hbm_config *cfg, int pc, uint64_t local)
{
    int g = cfg->interleave_bits, k = cfg->pc_bits;
    uint64_t upper = local >> g;
    unsigned field = (unsigned)pc;

    if (cfg->stack_switch != HBM_SWITCH_CROSSBAR || k == 0)
        return local;
    if (cfg->interleave_hash == HBM_HASH_XOR)
        field ^= fold(upper, k);
    return (upper << (g + k)) | ((uint64_t)field << g) | (local & mask(g));
}

hbm_stack *hbm_stack_create(const struct hbm_config *cfg, char *err)
{
    hbm_stack *s;
    int i;

    if (cfg->pseudo_channels > HBM_STACK_MAX_PC || cfg->ports > HBM_STACK_MAX_PC) {
        snprintf(err, HBM_ERR_MAX, "%s: more than %d pseudo-channels or ports", cfg->source, HBM_STACK_MAX_PC);
        return NULL;
    }
    s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, HBM_ERR_MAX, "out of memory");
        return NULL;
    }
    s->cfg = *cfg;
    s->ports = cfg->ports;
    s->pcs = cfg->pseudo_channels;
    for (i = 0; i < s->ports; i++) {
        /* The config parser checked these sizes (id_bits against axi_reorder_beats). */
        if (hbm_axi_init(&s->axi[i], cfg->port_addr_bits, cfg->axi_tag_bits,
                         cfg->port_addr_bits < 32 ? 32 : cfg->port_addr_bits, cfg->axi_reorder_beats)) {
            snprintf(err, HBM_ERR_MAX, "%s: an AXI port of %d address bits and %d-bit tags cannot keep %d reads",
                     cfg->source, cfg->port_addr_bits, cfg->axi_tag_bits, cfg->axi_reorder_beats);
            hbm_stack_free(s);
            return NULL;
        }
        s->resp_last[i] = s->pcs - 1;
    }
    for (i = 0; i < s->pcs; i++) {
        s->pc[i] = hbm_model_create(cfg, err);
        if (!s->pc[i]) {
            hbm_stack_free(s);
            return NULL;
        }
        s->req_last[i] = s->ports - 1;
    }
    return s;
}

void hbm_stack_free(hbm_stack *s)
{
    int i;
    if (!s)
        return;
    for (i = 0; i < s->pcs; i++)
        hbm_model_free(s->pc[i]);
    free(s);
}

int hbm_stack_ports(const hbm_stack *s) { return s->ports; }
int hbm_stack_pcs(const hbm_stack *s) { return s->pcs; }
uint64_t hbm_stack_cycle(const hbm_stack *s) { return hbm_model_cycle(s->pc[0]); }
hbm_model *hbm_stack_pc(hbm_stack *s, int n) { return s->pc[n]; }

static int axi_idle(const struct hbm_axi *a)
{
    return !a->w.busy && !a->r.busy && !a->b_valid && !a->wb_valid && a->head == a->tail && !a->rv_valid;
}

int hbm_stack_idle(const hbm_stack *s)
{
    int i;
    for (i = 0; i < s->ports; i++)
        if (!axi_idle(&s->axi[i]))
            return 0;
    for (i = 0; i < s->pcs; i++)
        if (!hbm_model_idle(s->pc[i]))
            return 0;
    return 1;
}

/* The first index after `last`, cyclically over n, whose bit is set in
 * cand; -1 if none (hbm_switch.v's rr_pick). */
static int rr_pick(uint32_t cand, int last, int n)
{
    int k;
    for (k = 1; k <= n; k++) {
        int i = (last + k) % n;
        if (cand >> i & 1u)
            return i;
    }
    return -1;
}

/* The request switch: each port's request, its pseudo-channel, the grants
 * and the controllers' ready. */
static void decide(hbm_stack *s)
{
    int p, n;
    uint32_t cand[HBM_STACK_MAX_PC];

    memset(cand, 0, sizeof cand);
    for (p = 0; p < s->ports; p++) {
        hbm_axi_request(&s->axi[p], &s->req[p]);
        s->req_ready[p] = 0;
        if (s->cfg.stack_switch == HBM_SWITCH_CROSSBAR) {
            s->req_pc[p] = hbm_stack_route(&s->cfg, s->req[p].addr, &s->req_local[p]);
        } else {
            s->req_pc[p] = p;
            s->req_local[p] = s->req[p].addr;
        }
        if (s->req[p].valid)
            cand[s->req_pc[p]] |= 1u << p;
    }
    for (n = 0; n < s->pcs; n++) {
        int g = rr_pick(cand[n], s->req_last[n], s->ports);
        s->req_grant[n] = g;
        if (g >= 0)
            s->req_ready[g] = hbm_model_offer(s->pc[n], s->req_local[g], s->req[g].write);
    }
    s->decided = 1;
}

void hbm_stack_outputs(hbm_stack *s, struct hbm_axi_out *out)
{
    int p;
    decide(s);
    for (p = 0; p < s->ports; p++)
        hbm_axi_outputs(&s->axi[p], s->req_ready[p], &out[p]);
}

void hbm_stack_edge(hbm_stack *s, const struct hbm_axi_in *in)
{
    int p, n, tag_bits = s->cfg.axi_tag_bits;
    struct hbm_resp peek[HBM_STACK_MAX_PC];
    uint32_t cand[HBM_STACK_MAX_PC];

    if (!s->decided)
        decide(s);
    s->decided = 0;
    /* Requests: the granted port's, into its pseudo-channel, id {port, tag}. */
    for (n = 0; n < s->pcs; n++) {
        int g = s->req_grant[n];
        if (g < 0 || !s->req_ready[g])
            continue;
        hbm_model_push(s->pc[n], s->req_local[g], s->req[g].write,
                       s->req[g].id | (uint32_t)(s->cfg.port_bits ? g << tag_bits : 0),
                       s->req[g].data, s->req[g].strb);
        s->req_last[n] = g;
    }
    /* Responses: each port takes one, round robin over the pseudo-channels. */
    memset(cand, 0, sizeof cand);
    for (n = 0; n < s->pcs; n++)
        if (hbm_model_peek_resp(s->pc[n], &peek[n])) {
            int port = s->cfg.port_bits ? (int)(peek[n].id >> tag_bits) : n;
            cand[port] |= 1u << n;
        }
    for (p = 0; p < s->ports; p++) {
        struct hbm_axi_resp rs;
        int g = rr_pick(cand[p], s->resp_last[p], s->pcs);
        rs.valid = 0;
        if (g >= 0) {
            struct hbm_resp r;
            hbm_model_pop_resp(s->pc[g], &r);
            rs.valid = 1;
            rs.write = r.is_write;
            rs.err = r.ecc_error;
            rs.id = r.id & (uint32_t)mask(tag_bits);
            memcpy(rs.data, r.data, sizeof rs.data);
            s->resp_last[p] = g;
        }
        hbm_axi_edge(&s->axi[p], &in[p], s->req_ready[p], &rs);
    }
    for (n = 0; n < s->pcs; n++)
        hbm_model_tick(s->pc[n]);
}
