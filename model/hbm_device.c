/*
 * hbm_device.c - sparse storage and DFI data timing; see hbm_device.h.
 */
#include "hbm_device.h"
#include "hbm_addr_map.h"
#include "hbm_ecc.h"
#include "hbm_mem.h"

#include <errno.h>
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
    /* ecc = secded: check bytes, 4 per burst, 8 bursts per 32-byte record of ecc_mem */
    hbm_mem *ecc_mem;
    uint8_t rd_check[4], wr_check[4];
    /* fault injection */
    int inject_on;
    struct hbm_inject inj;
    uint64_t stuck_index[HBM_INJECT_MAX_STUCK];   /* burst index of each stuck bit */
    uint64_t rng;
    struct hbm_inject_counts injected;
};

static uint64_t burst_index(const hbm_device *d, int bank, int row, int col);

static uint8_t *check_write(hbm_device *d, uint64_t index)
{
    uint8_t *rec = hbm_mem_write(d->ecc_mem, index >> 3);
    return rec ? rec + (index & 7) * 4 : NULL;
}

static const uint8_t *check_read(const hbm_device *d, uint64_t index)
{
    const uint8_t *rec = hbm_mem_read(d->ecc_mem, index >> 3);
    return rec ? rec + (index & 7) * 4 : NULL;
}

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
    d->ecc_mem = cfg->ecc == HBM_ECC_SECDED ? hbm_mem_create() : NULL;
    if (!d->mem || (cfg->ecc == HBM_ECC_SECDED && !d->ecc_mem)) {
        hbm_mem_free(d->mem);
        if (err)
            snprintf(err, HBM_ERR_MAX, "hbm_device: out of memory");
        free(d);
        return NULL;
    }
    if (hbm_inject_active(&cfg->inject) && hbm_device_set_inject(d, &cfg->inject, err)) {
        hbm_device_free(d);
        return NULL;
    }
    return d;
}

void hbm_device_free(hbm_device *d)
{
    if (!d)
        return;
    hbm_mem_free(d->mem);
    hbm_mem_free(d->ecc_mem);
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
    if (d->cfg.ecc == HBM_ECC_SECDED)
        return NULL;   /* direct writes would leave the check bits stale */
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
    if (d->cfg.ecc == HBM_ECC_SECDED) {
        /* no write mask: the DM/ECC bits are check bits, every byte is written */
        uint8_t *check = check_write(d, index);
        burst = store_write(d, index);
        if (!burst || !check) {
            d->protocol_errors++;
            return;
        }
        memcpy(burst, d->wr_burst, HBM_BURST_BYTES);
        memcpy(check, d->wr_check, 4);
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

/* xorshift64*: the injection stream (the same in every device with the same seed). */
static uint64_t next_random(hbm_device *d)
{
    d->rng ^= d->rng >> 12;
    d->rng ^= d->rng << 25;
    d->rng ^= d->rng >> 27;
    return d->rng * 0x2545F4914F6CDD1Dull;
}

/* Flip bit b of word k of the burst being read: 0-63 data, 64-71 its check bits. */
static void flip_bit(hbm_device *d, int k, int b)
{
    if (b < 64)
        d->rd_burst[8 * k + b / 8] ^= (uint8_t)(1u << (b % 8));
    else
        d->rd_check[k] ^= (uint8_t)(1u << (b - 64));
}

/* The faults of one read of burst index: stuck bits, then random flips per word. */
static void inject(hbm_device *d, uint64_t index)
{
    int width = d->ecc_mem ? HBM_ECC_CODE_BITS : HBM_ECC_DATA_BITS, i, k;

    for (i = 0; i < d->inj.nstuck; i++) {
        int bit = d->inj.stuck[i].bit;
        uint8_t *byte, mask;
        if (d->stuck_index[i] != index)
            continue;
        byte = bit < 256 ? &d->rd_burst[bit / 8] : &d->rd_check[(bit - 256) / 8];
        mask = (uint8_t)(1u << (bit % 8));
        *byte = (uint8_t)(d->inj.stuck[i].value ? (*byte | mask) : (*byte & ~mask));
        d->injected.stuck_reads++;
    }
    if (d->inj.single_rate <= 0 && d->inj.double_rate <= 0)
        return;
    for (k = 0; k < 4; k++) {
        double u = (double)(next_random(d) >> 11) * (1.0 / 9007199254740992.0);   /* [0, 1) */
        if (u < d->inj.double_rate) {
            int a = (int)(next_random(d) % (uint64_t)width);
            int b = (int)(next_random(d) % (uint64_t)(width - 1));
            flip_bit(d, k, a);
            flip_bit(d, k, b >= a ? b + 1 : b);   /* a bit other than a */
            d->injected.twin++;
        } else if (u < d->inj.double_rate + d->inj.single_rate) {
            flip_bit(d, k, (int)(next_random(d) % (uint64_t)width));
            d->injected.single++;
        }
    }
}

int hbm_device_set_inject(hbm_device *d, const struct hbm_inject *inj, char *err)
{
    int i;

    d->inject_on = 0;
    if (!inj)
        return 0;
    for (i = 0; i < inj->nstuck; i++) {
        struct hbm_addr a;
        int limit = d->ecc_mem ? 288 : 256;
        if (inj->stuck[i].addr >= d->cfg.capacity_bytes || inj->stuck[i].bit < 0 || inj->stuck[i].bit >= limit) {
            if (err)
                snprintf(err, HBM_ERR_MAX, "inject: stuck bit %d at 0x%llx: the address must be below the "
                         "capacity (0x%llx) and the bit below %d%s", inj->stuck[i].bit,
                         (unsigned long long)inj->stuck[i].addr, (unsigned long long)d->cfg.capacity_bytes,
                         limit, d->ecc_mem ? "" : " (no check bits: ecc = none)");
            return -1;
        }
        hbm_addr_decode(&d->cfg, inj->stuck[i].addr, &a);
        d->stuck_index[i] = burst_index(d, hbm_bank_index(&d->cfg, a.bg, a.ba), a.row, a.col);
    }
    d->inj = *inj;
    d->rng = inj->seed ? inj->seed : 0x9E3779B97F4A7C15ull;   /* xorshift needs a non-zero state */
    d->inject_on = 1;
    return 0;
}

const struct hbm_inject_counts *hbm_device_inject_counts(const hbm_device *d)
{
    return &d->injected;
}

/* A probability 0..1 from text; -1 if it is not one. */
static double parse_rate(const char *s)
{
    char *end;
    double v;
    errno = 0;
    v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= 0 && v <= 1))
        return -1;
    return v;
}

static int parse_u64(const char *s, uint64_t *v)
{
    char *end;
    if (!*s || *s == '-')
        return -1;
    errno = 0;
    *v = strtoull(s, &end, 0);
    return errno || *end ? -1 : 0;
}

int hbm_inject_parse(const char *spec, struct hbm_inject *out, char *err)
{
    char buf[512], *item, *save = NULL;

    memset(out, 0, sizeof *out);
    if (strlen(spec) >= sizeof buf) {
        if (err)
            snprintf(err, HBM_ERR_MAX, "inject: spec longer than %d characters", (int)sizeof buf - 1);
        return -1;
    }
    strcpy(buf, spec);
    for (item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char *colon = strchr(item, ':'), text[128];
        const char *what = "an item";
        int ok = 1;
        snprintf(text, sizeof text, "%s", item);   /* for the message: the item as written */
        if (colon)
            *colon = '\0';
        if (!colon) {
            what = "a seed";
            ok = parse_u64(item, &out->seed) == 0;
        } else if (!strcmp(item, "seed")) {
            what = "a seed";
            ok = parse_u64(colon + 1, &out->seed) == 0;
        } else if (!strcmp(item, "single") || !strcmp(item, "double")) {
            double r = parse_rate(colon + 1);
            what = "a rate from 0 to 1";
            ok = r >= 0;
            if (ok && item[0] == 's')
                out->single_rate = r;
            else if (ok)
                out->double_rate = r;
        } else if (!strcmp(item, "stuck")) {
            char *bit = strchr(colon + 1, ':'), *val = bit ? strchr(bit + 1, ':') : NULL;
            uint64_t addr, b, v = 1;
            what = "stuck:ADDR:BIT[:VALUE] (BIT 0-287, VALUE 0 or 1)";
            if (bit)
                *bit++ = '\0';
            if (val)
                *val++ = '\0';
            ok = bit && parse_u64(colon + 1, &addr) == 0 && parse_u64(bit, &b) == 0 && b < 288 &&
                 (!val || (parse_u64(val, &v) == 0 && v <= 1)) && out->nstuck < HBM_INJECT_MAX_STUCK;
            if (ok) {
                out->stuck[out->nstuck].addr = addr;
                out->stuck[out->nstuck].bit = (int)b;
                out->stuck[out->nstuck].value = (int)v;
                out->nstuck++;
            } else if (out->nstuck >= HBM_INJECT_MAX_STUCK) {
                what = "at most 16 stuck bits";
            }
        } else {
            if (err)
                snprintf(err, HBM_ERR_MAX, "inject: unknown item '%s' in '%s' (single:RATE, double:RATE, "
                         "stuck:ADDR:BIT[:VALUE], seed:N or N)", item, spec);
            return -1;
        }
        if (!ok) {
            if (err)
                snprintf(err, HBM_ERR_MAX, "inject: '%.120s' in '%.200s': expected %s", text, spec, what);
            return -1;
        }
    }
    if (out->single_rate + out->double_rate > 1) {
        if (err)
            snprintf(err, HBM_ERR_MAX, "inject: single + double rates %g > 1 in '%s'",
                     out->single_rate + out->double_rate, spec);
        return -1;
    }
    return 0;
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
            if (d->ecc_mem) {
                const uint8_t *check = check_read(d, r->index);
                if (check)
                    memcpy(d->rd_check, check, 4);
                else
                    memset(d->rd_check, 0, 4);
            }
            if (d->inject_on)
                inject(d, r->index);
        }
        io->rddata_valid = 1;
        memcpy(io->rddata, d->rd_burst + r->part * HBM_DFI_BYTES, HBM_DFI_BYTES);
        memcpy(io->rddata_ecc, d->rd_check + r->part * 2, 2);
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
            memcpy(d->wr_check + w->part * 2, io->wrdata_ecc, 2);
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
    if (d->ecc_mem) {
        uint8_t *check = check_write(d, burst_index(d, bank, row, col));
        if (!check)
            return -1;
        hbm_ecc_encode_burst(burst, check);
    }
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
