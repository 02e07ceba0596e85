/*
 * hbm_axi.c - the AXI4 front end, cycle by cycle; see hbm_axi.h.  Each
 * function mirrors one part of rtl/hbm_axi.v (named in the comments).
 */
#include "hbm_axi.h"

#include <string.h>

int hbm_axi_init(struct hbm_axi *a, int addr_bits, int id_bits, int axi_addr_bits, int rob_depth)
{
    memset(a, 0, sizeof *a);
    if (rob_depth < 2 || rob_depth > HBM_AXI_ROB_MAX || (rob_depth & (rob_depth - 1)) ||
        id_bits < 2 || rob_depth > (1 << (id_bits - 1)) || axi_addr_bits < addr_bits || axi_addr_bits > 63)
        return -1;
    a->addr_bits = addr_bits;
    a->id_bits = id_bits;
    a->axi_addr_bits = axi_addr_bits;
    a->rob_depth = rob_depth;
    return 0;
}

static uint64_t amask(const struct hbm_axi *a) { return ((uint64_t)1 << a->axi_addr_bits) - 1; }

/* burst_resp() */
int hbm_axi_burst_resp(const struct hbm_axi *a, uint64_t addr, int len, int size, int burst)
{
    uint64_t nb = (uint64_t)1 << size, bytes = ((uint64_t)len + 1) << size;
    uint64_t aligned = addr & ~(nb - 1), first, last_end;
    int bad = size > 5 || burst == 3 ||
              (burst == HBM_AXI_WRAP && ((len != 1 && len != 3 && len != 7 && len != 15) || aligned != addr)) ||
              (burst == HBM_AXI_INCR && (aligned & 0xfff) + bytes > 4096);

    if (bad)
        return HBM_AXI_SLVERR;
    first = burst == HBM_AXI_WRAP ? aligned & ~(bytes - 1) : aligned;
    last_end = burst == HBM_AXI_FIXED ? aligned + nb : first + bytes;
    return last_end > ((uint64_t)1 << a->addr_bits) ? HBM_AXI_DECERR : HBM_AXI_OKAY;
}

/* next_addr() */
static uint64_t next_addr(const struct hbm_axi *a, const struct hbm_axi_burst *b)
{
    uint64_t nb = (uint64_t)1 << b->size, aligned = b->addr & ~(nb - 1);

    switch (b->burst) {
    case HBM_AXI_INCR:
        return (aligned + nb) & amask(a);
    case HBM_AXI_WRAP:
        return ((aligned & ~b->wmask) | ((aligned + nb) & b->wmask)) & amask(a);
    default:
        return b->addr;
    }
}

/* lanes() */
static uint32_t lanes(uint64_t addr, int size)
{
    unsigned nb = 1u << (size > 5 ? 5 : size), lo = (unsigned)(addr & 31), base = lo & ~(nb - 1);
    uint32_t all = nb == 32 ? 0xffffffffu : ((1u << nb) - 1) << base;
    return all & ~((1u << lo) - 1);
}

static void start(const struct hbm_axi *a, struct hbm_axi_burst *b, uint32_t id, uint64_t addr, int len,
                  int size, int burst)
{
    b->busy = 1;
    b->id = id;
    b->addr = addr & amask(a);
    b->size = size;
    b->burst = burst;
    b->wmask = ((((uint64_t)len + 1) << size) - 1) & amask(a);
    b->left = len + 1;
    b->resp = hbm_axi_burst_resp(a, b->addr, len, size, burst);
}

static int rob_full(const struct hbm_axi *a) { return a->head == (a->tail ^ (unsigned)a->rob_depth); }
static unsigned slot(const struct hbm_axi *a, unsigned p) { return p % (unsigned)a->rob_depth; }

/* r_want, grant_w: who has the request port this cycle */
static int r_want(const struct hbm_axi *a) { return a->r.busy && a->r.resp == HBM_AXI_OKAY && !rob_full(a); }
static int grant_w(const struct hbm_axi *a) { return a->wb_valid && (!r_want(a) || a->prio_w); }

void hbm_axi_request(const struct hbm_axi *a, struct hbm_axi_req *req)
{
    int gw = grant_w(a);

    memset(req, 0, sizeof *req);
    req->valid = gw || r_want(a);
    req->write = gw;
    if (gw) {
        req->addr = a->wb_addr;
        req->id = (1u << (a->id_bits - 1)) | a->w_tag;
        memcpy(req->data, a->wb_data, 32);
        req->strb = a->wb_strb;
    } else {
        req->addr = a->r.addr & (((uint64_t)1 << a->addr_bits) - 1) & ~(uint64_t)31;
        req->id = slot(a, a->tail);
        memcpy(req->data, a->wb_data, 32);
    }
}

void hbm_axi_outputs(const struct hbm_axi *a, int req_ready, struct hbm_axi_out *out)
{
    int wb_go = grant_w(a) && req_ready;

    memset(out, 0, sizeof *out);
    out->awready = !a->w.busy && !a->b_valid;
    out->wready = a->w.busy && a->w.left != 0 && (!a->wb_valid || wb_go);
    out->bvalid = a->b_valid;
    out->bid = a->b_id;
    out->bresp = a->b_resp;
    out->arready = !a->r.busy;
    out->rvalid = a->rv_valid;
    out->rid = a->rv_id;
    out->rresp = a->rv_resp;
    out->rlast = a->rv_last;
    if (a->rv_resp == HBM_AXI_OKAY)
        memcpy(out->rdata, a->rv_data, 32);
}

void hbm_axi_edge(struct hbm_axi *a, const struct hbm_axi_in *in, int req_ready, const struct hbm_axi_resp *resp)
{
    struct hbm_axi_out o;
    int gw = grant_w(a), want = r_want(a);
    int wb_go = gw && req_ready, rd_go = !gw && want && req_ready;
    int rd_err = a->r.busy && a->r.resp != HBM_AXI_OKAY && !rob_full(a);
    int aw_go, w_go, ar_go, w_ok = a->w.resp == HBM_AXI_OKAY, w_end;
    int resp_rd = resp->valid && !resp->write;
    unsigned head = slot(a, a->head), tail = slot(a, a->tail);
    int rob_move = a->head != a->tail && a->done[head] && (!a->rv_valid || in->rready);
    int wb_valid0 = a->wb_valid;
    struct hbm_axi_burst w0 = a->w;   /* the registers before the edge */

    hbm_axi_outputs(a, req_ready, &o);
    aw_go = in->awvalid && o.awready;
    w_go = in->wvalid && o.wready;
    ar_go = in->arvalid && o.arready;
    w_end = w_go && a->w.left == 1;

    /* ---- write engine (its always block) ---- */
    if (w_go) {
        a->w.addr = next_addr(a, &w0);
        a->w.left--;
    }
    if ((wb_go && a->wb_last) || (w_end && !w_ok)) {
        a->w.busy = 0;
        a->b_valid = 1;
        a->b_id = w0.id;
        a->b_resp = w0.resp;
    } else if (in->bready && a->b_valid) {
        a->b_valid = 0;
    }
    if (aw_go)
        start(a, &a->w, in->awid, in->awaddr, in->awlen, in->awsize, in->awburst);
    if (w_go && w_ok) {
        a->wb_valid = 1;
        a->wb_last = w0.left == 1;
        a->wb_addr = w0.addr & (((uint64_t)1 << a->addr_bits) - 1) & ~(uint64_t)31;
        memcpy(a->wb_data, in->wdata, 32);
        a->wb_strb = in->wstrb & lanes(w0.addr, w0.size);
    } else if (wb_go) {
        a->wb_valid = 0;
    }
    if (wb_go)
        a->w_tag = (a->w_tag + 1) & ((1u << (a->id_bits - 1)) - 1);
    /* round robin: when both wanted the port and the granted one went,
     * the other goes first next time */
    if (wb_valid0 && want && req_ready)
        a->prio_w = !gw;

    /* ---- read engine and reorder buffer ---- */
    if (rd_go || rd_err) {
        a->slot_id[tail] = a->r.id;
        a->slot_last[tail] = a->r.left == 1;
        a->slot_resp[tail] = (uint8_t)a->r.resp;
        a->done[tail] = (uint8_t)rd_err;
        a->r.addr = next_addr(a, &a->r);
        a->r.left--;
        a->tail = (a->tail + 1) % (2u * (unsigned)a->rob_depth);
        if (a->r.left == 0)
            a->r.busy = 0;
    }
    if (ar_go)
        start(a, &a->r, in->arid, in->araddr, in->arlen, in->arsize, in->arburst);
    if (rob_move) {
        a->rv_valid = 1;
        a->rv_id = a->slot_id[head];
        a->rv_resp = a->slot_resp[head];
        a->rv_last = a->slot_last[head];
        memcpy(a->rv_data, a->data[head], 32);
        a->done[head] = 0;
        a->head = (a->head + 1) % (2u * (unsigned)a->rob_depth);
    } else if (in->rready) {
        a->rv_valid = 0;
    }
    if (resp_rd) {
        unsigned s = resp->id % (unsigned)a->rob_depth;
        a->done[s] = 1;
        memcpy(a->data[s], resp->data, 32);
        if (resp->err)   /* data the controller could not correct: SLVERR, never OKAY */
            a->slot_resp[s] = HBM_AXI_SLVERR;
    }
}
