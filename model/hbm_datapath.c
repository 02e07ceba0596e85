/*
 * hbm_datapath.c - bursts, responses, credits; see hbm_datapath.h.
 */
#include "hbm_datapath.h"
#include "hbm_ecc.h"

#include <string.h>

void hbm_datapath_init(struct hbm_datapath *d, const struct hbm_config *cfg)
{
    memset(d, 0, sizeof *d);
    d->rl = cfg->rl;
    d->wl = cfg->wl;
    d->tburst = cfg->tburst;
    d->depth = cfg->resp_queue_depth;
    d->ecc = cfg->ecc == HBM_ECC_SECDED;
}

/* Bits 0-7 and 8-15 of a 16-byte DFI word as two little-endian 64-bit words. */
static uint64_t word64(const uint8_t *p)
{
    uint64_t v = 0;
    int b;
    for (b = 7; b >= 0; b--)
        v = v << 8 | p[b];
    return v;
}

void hbm_datapath_issue(struct hbm_datapath *d, uint64_t now, int is_write, uint32_t id,
                        uint64_t accept, const uint8_t *data, uint32_t enable)
{
    struct hbm_dp_burst *b = &d->line[(now + (uint64_t)(is_write ? d->wl : d->rl)) % HBM_DP_LINE];

    b->valid = 1;
    b->is_write = is_write;
    b->id = id;
    b->accept = accept;
    b->ecc_error = 0;
    if (is_write) {
        memcpy(b->data, data, HBM_BURST_BYTES);
        b->enable = enable;
        if (d->ecc) {
            int k;
            for (k = 0; k < 4; k++)
                if (!(enable >> (8 * k) & 0xFF))
                    b->ecc_error = 1;   /* poisoned */
        }
    }
    d->inflight++;
}

static const struct hbm_resp *queue_response(struct hbm_datapath *d, uint64_t now)
{
    struct hbm_resp *r = &d->fifo[(d->head + d->n) % HBM_DP_FIFO];
    const struct hbm_dp_burst *b = &d->cur;

    r->id = b->id;
    r->is_write = b->is_write;
    r->ecc_error = b->ecc_error;
    r->accept_cycle = b->accept;
    r->done_cycle = now;
    if (b->is_write)
        memset(r->data, 0, HBM_BURST_BYTES);
    else
        memcpy(r->data, b->data, HBM_BURST_BYTES);
    d->n++;
    d->inflight--;
    return r;
}

const struct hbm_resp *hbm_datapath_step(struct hbm_datapath *d, hbm_device *dev, uint64_t now)
{
    struct hbm_dp_burst *start = &d->line[now % HBM_DP_LINE];
    struct hbm_dfi_data io;
    int part;

    if (start->valid) {
        if (d->cur.valid)
            d->overlaps++; /* impossible with a valid timing table */
        d->cur = *start;
        d->cur_beat = 0;
        start->valid = 0;
    } else if (!d->cur.valid) {
        return NULL; /* nothing on the data bus, and the device has nothing due */
    }
    part = d->cur_beat * (int)HBM_DFI_BYTES;
    io.wrdata_en = d->cur.is_write;
    if (d->cur.is_write) {
        memcpy(io.wrdata, d->cur.data + part, HBM_DFI_BYTES);
        io.wrdata_enable = (uint16_t)(d->cur.enable >> part);
        if (d->ecc) {
            int h;
            for (h = 0; h < 2; h++)   /* a word with no byte enabled is poisoned */
                io.wrdata_ecc[h] = (uint8_t)(hbm_ecc_encode(word64(io.wrdata + 8 * h)) ^
                                             ((io.wrdata_enable >> (8 * h) & 0xFF) ? 0 : HBM_ECC_POISON));
            io.wrdata_enable = 0xFFFF;   /* no data mask with ECC */
        }
    }
    hbm_device_data(dev, now, &io);
    if (!d->cur.is_write && io.rddata_valid) {
        memcpy(d->cur.data + part, io.rddata, HBM_DFI_BYTES);
        if (d->ecc) {
            int h;
            for (h = 0; h < 2; h++) {
                uint64_t w = word64(io.rddata + 8 * h);
                int st = hbm_ecc_decode(&w, io.rddata_ecc[h], NULL), b;
                if (st == HBM_ECC_CORRECTED) {
                    for (b = 0; b < 8; b++)
                        d->cur.data[part + 8 * h + b] = (uint8_t)(w >> (8 * b));
                    d->ecc_corrected++;
                } else if (st == HBM_ECC_UNCORRECTABLE) {
                    d->ecc_uncorrectable++;
                    d->cur.ecc_error = 1;
                }
            }
        }
    }
    if (++d->cur_beat < d->tburst)
        return NULL;
    d->cur.valid = 0;
    return queue_response(d, now);
}

int hbm_datapath_pop(struct hbm_datapath *d, struct hbm_resp *out)
{
    if (!d->n)
        return 0;
    if (out)
        *out = d->fifo[d->head];
    d->head = (d->head + 1) % HBM_DP_FIFO;
    d->n--;
    d->credit_return++;
    return 1;
}
