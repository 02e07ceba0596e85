/*
 * hbm_device.c - sparse storage and DFI data timing; see hbm_device.h.
 */
#include "hbm_device.h"
#include "hbm_addr_map.h"
#include "hbm_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE 128 /* delay-line slots: more than RL/WL (<= 63) + tBURST */

struct beat {
    int valid;
    uint64_t index; /* burst index in the store */
    int part;       /* which 16-byte half of the burst */
};

struct hbm_device {
    struct hbm_config cfg;
    hbm_mem *mem;
    uint8_t *linear;                   /* address-linear storage once asked for (DMI), else NULL */
    int open[64];
    int row[64];
    struct beat rd_line[LINE];
    struct beat wr_line[LINE];
    uint8_t rd_burst[HBM_BURST_BYTES]; /* the read burst being sent, read at its first clock */
    uint8_t wr_burst[HBM_BURST_BYTES]; /* the write burst being received */
    uint32_t wr_enable;                /* its byte enables so far */
    int wr_missing;                    /* a word of it did not come */
    uint64_t protocol_errors;
};

/* Bursts of one row are neighbours in the store (one page per row part). */
static uint64_t burst_index(const hbm_device *d, int bank, int row, int col)
{
    return ((uint64_t)bank * (uint64_t)d->cfg.rows + (uint64_t)row) * (uint64_t)d->cfg.columns +
           (uint64_t)col;
}

/* The byte address of a burst index (the address map's inverse). */
static uint64_t addr_of(const hbm_device *d, uint64_t index)
{
    struct hbm_addr a;
    uint64_t per_bank = (uint64_t)d->cfg.rows * (uint64_t)d->cfg.columns;
    int bank = (int)(index / per_bank);

    a.bg = bank / d->cfg.banks_per_group;
    a.ba = bank % d->cfg.banks_per_group;
    a.row = (int)(index / (uint64_t)d->cfg.columns % (uint64_t)d->cfg.rows);
    a.col = (int)(index % (uint64_t)d->cfg.columns);
    return hbm_addr_encode(&d->cfg, &a);
}

/* The burst's bytes in whichever store the device uses. */
static uint8_t *store_write(hbm_device *d, uint64_t index)
{
    return d->linear ? d->linear + addr_of(d, index) : hbm_mem_write(d->mem, index);
}

static const uint8_t *store_read(const hbm_device *d, uint64_t index)
{
    return d->linear ? d->linear + addr_of(d, index) : hbm_mem_read(d->mem, index);
}

hbm_device *hbm_device_create(const struct hbm_config *cfg, char *err)
{
    hbm_device *d = calloc(1, sizeof *d);

    if (!d || cfg->banks > 64) {
        if (err)
            snprintf(err, HBM_ERR_MAX, "hbm_device: %s", d ? "more than 64 banks" : "out of memory");
        free(d);
        return NULL;
    }
    d->cfg = *cfg;
    d->mem = hbm_mem_create();
    if (!d->mem) {
        if (err)
            snprintf(err, HBM_ERR_MAX, "hbm_device: out of memory");
        free(d);
        return NULL;
    }
    return d;
}

void hbm_device_free(hbm_device *d)
{
    if (!d)
        return;
    hbm_mem_free(d->mem);
    free(d->linear);
    free(d);
}

struct copy_ctx {
    hbm_device *d;
    uint8_t *to;
};

static void copy_burst(void *ctx, uint64_t index, const uint8_t *burst)
{
    struct copy_ctx *c = ctx;
    memcpy(c->to + addr_of(c->d, index), burst, HBM_BURST_BYTES);
}

uint8_t *hbm_device_linear(hbm_device *d, uint64_t *bytes)
{
    *bytes = d->cfg.capacity_bytes;
    if (!d->linear) {
        struct copy_ctx c;
        /* calloc: pages never touched cost no memory on a paging OS */
        c.to = calloc(1, (size_t)d->cfg.capacity_bytes);
        if (!c.to)
            return NULL;
        c.d = d;
        hbm_mem_each(d->mem, copy_burst, &c);
        d->linear = c.to;
    }
    return d->linear;
}

static void schedule(struct beat *line, uint64_t first, int beats, uint64_t index, uint64_t *errors)
{
    int i;
    for (i = 0; i < beats; i++) {
        struct beat *b = &line[(first + (uint64_t)i) % LINE];
        if (b->valid)
            (*errors)++; /* two bursts on the data bus at once */
        b->valid = 1;
        b->index = index;
        b->part = i;
    }
}

void hbm_device_command(hbm_device *d, const struct hbm_cmd *c)
{
    int bank = c->bg * d->cfg.banks_per_group + c->ba;
    int b;

    switch (c->code) {
    case HBM_CMD_ACT:
        if (d->open[bank])
            d->protocol_errors++;
        d->open[bank] = 1;
        d->row[bank] = c->row;
        break;
    case HBM_CMD_PRE:
        d->open[bank] = 0;
        break;
    case HBM_CMD_PREA:
        for (b = 0; b < d->cfg.banks; b++)
            d->open[b] = 0;
        break;
    case HBM_CMD_RD: case HBM_CMD_RDA:
    case HBM_CMD_WR: case HBM_CMD_WRA: {
        int is_rd = hbm_cmd_is_read(c->code);
        if (!d->open[bank]) {
            d->protocol_errors++;
            break;
        }
        schedule(is_rd ? d->rd_line : d->wr_line,
                 c->cycle + (uint64_t)(is_rd ? d->cfg.rl : d->cfg.wl), d->cfg.tburst,
                 burst_index(d, bank, d->row[bank], c->col), &d->protocol_errors);
        if (c->code == HBM_CMD_RDA || c->code == HBM_CMD_WRA)
            d->open[bank] = 0;
        break;
    }
    default:
        break; /* refresh keeps the data */
    }
}

/* The last word of a write burst arrived: store the enabled bytes. */
static void commit_write(hbm_device *d, uint64_t index)
{
    uint8_t *burst;
    int i;

    if (d->wr_missing) {
        d->protocol_errors++; /* one WR that could not be carried out */
        return;
    }
    if (!d->wr_enable)
        return;
    burst = store_write(d, index);
    if (!burst) {
        d->protocol_errors++;
        return;
    }
    for (i = 0; i < (int)HBM_BURST_BYTES; i++)
        if (d->wr_enable >> i & 1)
            burst[i] = d->wr_burst[i];
}

void hbm_device_data(hbm_device *d, uint64_t now, struct hbm_dfi_data *io)
{
    struct beat *r = &d->rd_line[now % LINE];
    struct beat *w = &d->wr_line[now % LINE];

    io->rddata_valid = 0;
    if (r->valid) {
        /* The array is read once per burst, at its first clock. */
        if (r->part == 0) {
            const uint8_t *burst = store_read(d, r->index);
            if (burst)
                memcpy(d->rd_burst, burst, HBM_BURST_BYTES);
            else
                memset(d->rd_burst, 0, HBM_BURST_BYTES);
        }
        io->rddata_valid = 1;
        memcpy(io->rddata, d->rd_burst + r->part * HBM_DFI_BYTES, HBM_DFI_BYTES);
        r->valid = 0;
    }
    if (w->valid) {
        /* Collect the burst; it takes effect when its last word arrives. */
        if (w->part == 0) {
            d->wr_enable = 0;
            d->wr_missing = 0;
        }
        if (!io->wrdata_en) {
            d->wr_missing = 1;
        } else {
            memcpy(d->wr_burst + w->part * HBM_DFI_BYTES, io->wrdata, HBM_DFI_BYTES);
            d->wr_enable |= (uint32_t)io->wrdata_enable << (w->part * HBM_DFI_BYTES);
        }
        if (w->part == d->cfg.tburst - 1)
            commit_write(d, w->index);
        w->valid = 0;
    } else if (io->wrdata_en) {
        d->protocol_errors++; /* write data with no WR behind it */
    }
}

void hbm_device_peek(const hbm_device *d, int bank, int row, int col, uint8_t out[HBM_BURST_BYTES])
{
    const uint8_t *burst = store_read(d, burst_index(d, bank, row, col));
    if (burst)
        memcpy(out, burst, HBM_BURST_BYTES);
    else
        memset(out, 0, HBM_BURST_BYTES);
}

int hbm_device_poke(hbm_device *d, int bank, int row, int col, const uint8_t data[HBM_BURST_BYTES],
                    uint32_t enable)
{
    uint8_t *burst;
    int i;

    if (!enable)
        return 0;
    burst = store_write(d, burst_index(d, bank, row, col));
    if (!burst)
        return -1;
    for (i = 0; i < (int)HBM_BURST_BYTES; i++)
        if (enable >> i & 1)
            burst[i] = data[i];
    return 0;
}

int hbm_device_read_at(const hbm_device *d, uint64_t addr, uint8_t out[HBM_BURST_BYTES])
{
    struct hbm_addr a;

    if (addr >= d->cfg.capacity_bytes)
        return -1;
    hbm_addr_decode(&d->cfg, addr, &a);
    hbm_device_peek(d, hbm_bank_index(&d->cfg, a.bg, a.ba), a.row, a.col, out);
    return 0;
}

int hbm_device_write_at(hbm_device *d, uint64_t addr, const uint8_t data[HBM_BURST_BYTES], uint32_t enable)
{
    struct hbm_addr a;

    if (addr >= d->cfg.capacity_bytes)
        return -1;
    hbm_addr_decode(&d->cfg, addr, &a);
    return hbm_device_poke(d, hbm_bank_index(&d->cfg, a.bg, a.ba), a.row, a.col, data, enable);
}

uint64_t hbm_device_protocol_errors(const hbm_device *d)
{
    return d->protocol_errors;
}
