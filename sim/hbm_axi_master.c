/*
 * hbm_axi_master.c - an AXI4 master on a request source; see
 * hbm_axi_master.h.
 */
#include "hbm_axi_master.h"
#include "hbm_mem.h"
#include "hbm_rand.h"

#include <stdlib.h>
#include <string.h>

#define RING 512   /* bursts in flight per direction, at most */

struct mburst {
    int write, beats;
    uint64_t addr, wno, ar_cycle;
    uint32_t id;
    int beat;                 /* R beats seen / W beats sent */
};

struct ring {
    struct mburst b[RING];
    unsigned head, n;
};

static struct mburst *ring_at(struct ring *r, unsigned i) { return &r->b[(r->head + i) % RING]; }
static void ring_push(struct ring *r, const struct mburst *b) { r->b[(r->head + r->n++) % RING] = *b; }
static void ring_pop(struct ring *r) { r->head = (r->head + 1) % RING; r->n--; }

struct hbm_axi_master {
    int ecc;                  /* hbm_axi_master_set_ecc */
    hbm_source *src;
    int burst_beats, ids;
    uint64_t seed, base;
    int src_done, have_req;
    struct hbm_req req;
    struct mburst next;       /* formed, not yet on its address channel */
    int next_valid;
    uint32_t next_id;
    uint64_t writes;
    int aw_valid, ar_valid;
    struct mburst aw, ar;
    struct ring wdata;        /* AW taken, W beats to send */
    struct ring wresp;        /* AW taken, B to come */
    struct ring rresp;        /* AR taken, R beats to come */
    hbm_mem *ref;
    struct hbm_axi_master_stats st;
};

hbm_axi_master *hbm_axi_master_create(hbm_source *src, int burst_bytes, int ids, uint64_t seed)
{
    hbm_axi_master *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->ref = hbm_mem_create();
    if (!m->ref) {
        free(m);
        return NULL;
    }
    m->src = src;
    m->src_done = src == NULL;
    m->burst_beats = burst_bytes / 32;
    m->ids = ids;
    m->seed = seed;
    m->st.lat_first_min = UINT64_MAX;
    return m;
}

void hbm_axi_master_free(hbm_axi_master *m)
{
    if (!m)
        return;
    hbm_mem_free(m->ref);
    free(m);
}

const struct hbm_axi_master_stats *hbm_axi_master_stats(const hbm_axi_master *m) { return &m->st; }

void hbm_axi_master_set_base(hbm_axi_master *m, uint64_t base) { m->base = base; }

int hbm_axi_master_done(const hbm_axi_master *m)
{
    return m->src_done && !m->have_req && !m->next_valid && !m->aw_valid && !m->ar_valid &&
           !m->wdata.n && !m->wresp.n && !m->rresp.n;
}

/* Byte k of beat `beat` of write number wno at burst address addr. */
static uint8_t wbyte(const hbm_axi_master *m, uint64_t wno, uint64_t addr, int k)
{
    return (uint8_t)(hbm_rand_mix(addr ^ (wno << 40) ^ hbm_rand_mix(m->seed)) >> (8 * (k % 8)) ^ (uint64_t)(k / 8));
}

static int overlaps(const struct mburst *a, const struct mburst *b)
{
    return a->addr < b->addr + 32u * (unsigned)b->beats && b->addr < a->addr + 32u * (unsigned)a->beats;
}

/* 1 if burst b must wait: it overlaps a burst of the other direction in flight. */
static int held(hbm_axi_master *m, const struct mburst *b)
{
    unsigned i;
    if (b->write) {
        if (m->ar_valid && overlaps(b, &m->ar))
            return 1;
        for (i = 0; i < m->rresp.n; i++)
            if (overlaps(b, ring_at(&m->rresp, i)))
                return 1;
        return 0;
    }
    if (m->aw_valid && overlaps(b, &m->aw))
        return 1;
    for (i = 0; i < m->wresp.n; i++)
        if (overlaps(b, ring_at(&m->wresp, i)))
            return 1;
    return 0;
}

/* Form the next burst from the source (consecutive requests of one
 * direction, consecutive addresses, one 4 KiB page, up to burst_beats). */
static int form(hbm_axi_master *m, uint64_t now, char *err)
{
    if (m->next_valid)
        return 0;
    for (;;) {
        if (!m->have_req) {
            int got;
            if (m->src_done)
                break;
            got = hbm_source_next(m->src, &m->req, err);
            if (got < 0)
                return -1;
            if (!got) {
                m->src_done = 1;
                break;
            }
            m->req.addr += m->base;
            m->have_req = 1;
        }
        if (!m->next_valid) {
            if (m->req.earliest > now)
                return 0;
            memset(&m->next, 0, sizeof m->next);
            m->next.write = m->req.is_write;
            m->next.addr = m->req.addr & ~(uint64_t)31;
            m->next.beats = 1;
            m->next_valid = 1;
            m->have_req = 0;
            continue;
        }
        if (m->req.is_write == m->next.write && m->next.beats < m->burst_beats &&
            m->req.addr == m->next.addr + 32u * (unsigned)m->next.beats &&
            (m->req.addr >> 12) == (m->next.addr >> 12) && m->req.earliest <= now) {
            m->next.beats++;
            m->have_req = 0;
            continue;
        }
        break;
    }
    return 0;
}

int hbm_axi_master_drive(hbm_axi_master *m, uint64_t now, struct hbm_axi_in *in, char *err)
{
    if (form(m, now, err))
        return -1;
    /* the formed burst onto its address channel, when that is free */
    if (m->next_valid && !held(m, &m->next)) {
        struct mburst *b = &m->next;
        if (b->write && !m->aw_valid && m->wresp.n < RING && m->wdata.n < RING) {
            b->id = m->next_id++ % (uint32_t)m->ids;
            b->wno = m->writes++;
            m->aw = *b;
            m->aw_valid = 1;
            m->next_valid = 0;
        } else if (!b->write && !m->ar_valid && m->rresp.n < RING) {
            b->id = m->next_id++ % (uint32_t)m->ids;
            m->ar = *b;
            m->ar_valid = 1;
            m->next_valid = 0;
        }
    }
    memset(in, 0, sizeof *in);
    in->awvalid = m->aw_valid;
    in->awid = m->aw.id;
    in->awaddr = m->aw.addr;
    in->awlen = m->aw.beats - 1;
    in->awsize = 5;
    in->awburst = HBM_AXI_INCR;
    in->arvalid = m->ar_valid;
    in->arid = m->ar.id;
    in->araddr = m->ar.addr;
    in->arlen = m->ar.beats - 1;
    in->arsize = 5;
    in->arburst = HBM_AXI_INCR;
    if (m->wdata.n) {
        struct mburst *w = ring_at(&m->wdata, 0);
        int k;
        in->wvalid = 1;
        for (k = 0; k < 32; k++)
            in->wdata[k] = wbyte(m, w->wno, w->addr + 32u * (unsigned)w->beat, k);
        in->wstrb = 0xffffffffu;
        in->wlast = w->beat == w->beats - 1;
    }
    in->bready = 1;
    in->rready = 1;
    return 0;
}

void hbm_axi_master_observe(hbm_axi_master *m, uint64_t now, const struct hbm_axi_in *in,
                            const struct hbm_axi_out *out)
{
    if (in->awvalid && out->awready) {
        ring_push(&m->wdata, &m->aw);
        ring_push(&m->wresp, &m->aw);
        m->aw_valid = 0;
    }
    if (in->arvalid && out->arready) {
        m->ar.ar_cycle = now;
        ring_push(&m->rresp, &m->ar);
        m->ar_valid = 0;
    }
    if (in->wvalid && out->wready) {
        struct mburst *w = ring_at(&m->wdata, 0);
        m->st.write_beats++;
        if (++w->beat == w->beats)
            ring_pop(&m->wdata);
    }
    if (out->bvalid && in->bready && m->wresp.n) {
        struct mburst *w = ring_at(&m->wresp, 0);
        int j, k;
        if (out->bresp != HBM_AXI_OKAY || out->bid != w->id) {
            m->st.errors++;
        } else {
            for (j = 0; j < w->beats; j++) {
                uint8_t *d = hbm_mem_write(m->ref, (w->addr >> 5) + (unsigned)j);
                if (d)
                    for (k = 0; k < 32; k++)
                        d[k] = wbyte(m, w->wno, w->addr + 32u * (unsigned)j, k);
            }
        }
        m->st.write_bursts++;
        ring_pop(&m->wresp);
    }
    if (out->rvalid && in->rready && m->rresp.n) {
        struct mburst *r = ring_at(&m->rresp, 0);
        const uint8_t *want = hbm_mem_read(m->ref, (r->addr >> 5) + (unsigned)r->beat);
        static const uint8_t zero[32];
        uint64_t lat = now - r->ar_cycle;
        int flagged = m->ecc && out->rresp == HBM_AXI_SLVERR;
        if ((out->rresp != HBM_AXI_OKAY && !flagged) || out->rid != r->id || out->rlast != (r->beat == r->beats - 1))
            m->st.errors++;
        if (flagged)
            m->st.flagged++;
        else if (memcmp(out->rdata, want ? want : zero, 32))
            m->st.data_errors++;
        m->st.read_beats++;
        if (r->beat == 0) {
            m->st.lat_first_sum += lat;
            if (lat < m->st.lat_first_min)
                m->st.lat_first_min = lat;
            if (lat > m->st.lat_first_max)
                m->st.lat_first_max = lat;
        }
        if (++r->beat == r->beats) {
            m->st.lat_last_sum += lat;
            m->st.read_bursts++;
            ring_pop(&m->rresp);
        }
    }
}

void hbm_axi_master_set_ecc(hbm_axi_master *m, int on)
{
    m->ecc = on;
}
