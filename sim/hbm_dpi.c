/*
 * hbm_dpi.c - the golden model as DPI-C functions, for SystemVerilog
 * testbenches (rtl/sim/hbm_dpi_mem.sv wraps them in a memory module).
 *
 * Owns: a table of models (handles 0, 1, ...), each with the JEDEC checker
 * on its commands and its last error, and the DPI functions below.  Every
 * function returns a status or a value, never aborts: a bad handle, config
 * or request is a negative status and a message (hbm_dpi_error).
 *
 * The cycle protocol is the model's (hbm_model.h): in each clock the
 * SystemVerilog side asks hbm_dpi_can_accept / pushes one request, pops
 * one response, then hbm_dpi_tick.  Data crosses as 8 32-bit words
 * (byte 0 in bits 7:0 of word 0), the layout of a DPI `bit [255:0]`.
 *
 * C99, in the plain C types the DPI maps SystemVerilog's to (int, long
 * long for longint, const char * for string, uint32_t words for svBitVecVal),
 * so the library builds without a simulator's headers.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hbm_check.h"
#include "hbm_config.h"
#include "hbm_model.h"
#include "hbm_report.h"

#define HBM_DPI_MAX 64   /* models at once */

/* Status codes (also in rtl/sim/hbm_dpi_mem.sv). */
enum {
    HBM_DPI_OK = 0,
    HBM_DPI_EHANDLE = -1,   /* no such model */
    HBM_DPI_ECONFIG = -2,   /* the config could not be loaded */
    HBM_DPI_EFULL = -3,     /* the request was not taken this cycle (ready was low) */
    HBM_DPI_EADDR = -4,     /* address beyond the capacity */
    HBM_DPI_EID = -5,       /* id wider than the config's id_bits */
    HBM_DPI_EEMPTY = -6,    /* no response to pop */
    HBM_DPI_ESTAT = -7,     /* no statistic of that name */
    HBM_DPI_ECYCLE = -8     /* the caller's cycle is not the model's: a clock edge was missed or doubled */
};

struct dpi_model {
    hbm_model *m;
    hbm_check *chk;
    struct hbm_config cfg;
    char path[256];
};

static struct dpi_model models[HBM_DPI_MAX];
static char last_error[HBM_ERR_MAX] = "";

static struct dpi_model *get(int h)
{
    if (h < 0 || h >= HBM_DPI_MAX || !models[h].m) {
        snprintf(last_error, sizeof last_error, "hbm_dpi: no model with handle %d", h);
        return NULL;
    }
    return &models[h];
}

static void on_command(void *ctx, const struct hbm_cmd *cmd)
{
    struct dpi_model *d = ctx;
    hbm_check_command(d->chk, cmd);
}

/* A model for the config at path: its handle (>= 0), or HBM_DPI_ECONFIG
 * with the reason in hbm_dpi_error(). */
int hbm_dpi_create(const char *path)
{
    char err[HBM_ERR_MAX];
    int h;

    for (h = 0; h < HBM_DPI_MAX && models[h].m; h++)
        ;
    if (h == HBM_DPI_MAX) {
        snprintf(last_error, sizeof last_error, "hbm_dpi: more than %d models", HBM_DPI_MAX);
        return HBM_DPI_ECONFIG;
    }
    if (!path || hbm_config_load(&models[h].cfg, path, err)) {
        snprintf(last_error, sizeof last_error, "%s", path ? err : "hbm_dpi: no config path");
        return HBM_DPI_ECONFIG;
    }
    models[h].m = hbm_model_create(&models[h].cfg, err);
    models[h].chk = models[h].m ? hbm_check_create(hbm_model_config(models[h].m), err) : NULL;
    if (!models[h].m || !models[h].chk) {
        hbm_model_free(models[h].m);
        models[h].m = NULL;
        snprintf(last_error, sizeof last_error, "%s", err);
        return HBM_DPI_ECONFIG;
    }
    models[h].cfg = *hbm_model_config(models[h].m);
    snprintf(models[h].path, sizeof models[h].path, "%s", path);
    hbm_model_set_cmd_hook(models[h].m, on_command, &models[h]);
    return h;
}

void hbm_dpi_free(int h)
{
    struct dpi_model *d = get(h);
    if (!d)
        return;
    hbm_check_free(d->chk);
    hbm_model_free(d->m);
    memset(d, 0, sizeof *d);
}

/* The message of the last failed call. */
const char *hbm_dpi_error(void) { return last_error; }

/* The request port's ready for this request in this cycle (the caller's
 * count of clock edges so far, checked against the model's): 1, 0, or a
 * status. */
int hbm_dpi_can_accept(int h, long long cycle, long long addr, int write)
{
    struct dpi_model *d = get(h);
    if (!d)
        return HBM_DPI_EHANDLE;
    if ((uint64_t)cycle * (uint64_t)d->cfg.dfi_ratio != hbm_model_cycle(d->m)) {
        snprintf(last_error, sizeof last_error, "hbm_dpi: the caller is at edge %lld, the model at %" PRIu64,
                 cycle, hbm_model_cycle(d->m) / (uint64_t)d->cfg.dfi_ratio);
        return HBM_DPI_ECYCLE;
    }
    if (addr < 0 || (uint64_t)addr >= d->cfg.capacity_bytes) {
        snprintf(last_error, sizeof last_error, "hbm_dpi: address 0x%llx beyond the capacity 0x%" PRIx64,
                 addr, d->cfg.capacity_bytes);
        return HBM_DPI_EADDR;
    }
    return hbm_model_can_accept(d->m, (uint64_t)addr, write);
}

/* Offer a request this cycle (wdata: 8 words; strb: byte enables). */
int hbm_dpi_push(int h, long long addr, int write, int id, const uint32_t *wdata, int strb)
{
    struct dpi_model *d = get(h);
    uint8_t data[HBM_BURST_BYTES];
    int i, rc;

    if (!d)
        return HBM_DPI_EHANDLE;
    for (i = 0; i < (int)HBM_BURST_BYTES; i++)
        data[i] = wdata ? (uint8_t)(wdata[i / 4] >> (8 * (i % 4))) : 0;
    if (addr < 0 || id < 0)
        rc = addr < 0 ? HBM_PUSH_ADDR : HBM_PUSH_ID;
    else
        rc = hbm_model_push(d->m, (uint64_t)addr, write, (uint32_t)id, write ? data : NULL,
                            write ? (uint32_t)strb : 0);
    switch (rc) {
    case HBM_PUSH_OK:
        return HBM_DPI_OK;
    case HBM_PUSH_ADDR:
        snprintf(last_error, sizeof last_error, "hbm_dpi: address 0x%llx beyond the capacity", addr);
        return HBM_DPI_EADDR;
    case HBM_PUSH_ID:
        snprintf(last_error, sizeof last_error, "hbm_dpi: id %d wider than id_bits = %d", id, d->cfg.id_bits);
        return HBM_DPI_EID;
    default:
        snprintf(last_error, sizeof last_error, "hbm_dpi: request not taken (ready was low)");
        return HBM_DPI_EFULL;
    }
}

/* The response the port offers this cycle: 1 and its fields, 0 if none. */
int hbm_dpi_peek(int h, int *id, int *write, uint32_t *rdata)
{
    struct dpi_model *d = get(h);
    struct hbm_resp r;
    int i;

    if (!d)
        return HBM_DPI_EHANDLE;
    if (!hbm_model_peek_resp(d->m, &r))
        return 0;
    *id = (int)r.id;
    *write = r.is_write;
    for (i = 0; i < 8; i++)
        rdata[i] = 0;
    for (i = 0; i < (int)HBM_BURST_BYTES; i++)
        rdata[i / 4] |= (uint32_t)r.data[i] << (8 * (i % 4));
    return 1;
}

/* Take the offered response (the handshake of this cycle). */
int hbm_dpi_pop(int h)
{
    struct dpi_model *d = get(h);
    if (!d)
        return HBM_DPI_EHANDLE;
    if (!hbm_model_pop_resp(d->m, NULL)) {
        snprintf(last_error, sizeof last_error, "hbm_dpi: no response to take");
        return HBM_DPI_EEMPTY;
    }
    return HBM_DPI_OK;
}

/* The cycle's end: commands and data, then the next cycle. */
int hbm_dpi_tick(int h)
{
    struct dpi_model *d = get(h);
    if (!d)
        return HBM_DPI_EHANDLE;
    hbm_model_tick(d->m);
    return HBM_DPI_OK;
}

/* 1 when nothing is queued, in flight or waiting as a response. */
int hbm_dpi_idle(int h)
{
    struct dpi_model *d = get(h);
    return d ? hbm_model_idle(d->m) : HBM_DPI_EHANDLE;
}

/* A statistic of the report by its JSON name (cycles, reads, writes,
 * bytes_read, bytes_written, row_hits, row_misses, row_conflicts, acts,
 * precharges, refreshes, reads_forwarded, read_latency_max,
 * timing_violations); -1 (HBM_DPI_ESTAT) for another name. */
long long hbm_dpi_stat(int h, const char *name)
{
    struct dpi_model *d = get(h);
    const struct hbm_stats *s;

    if (!d)
        return HBM_DPI_EHANDLE;
    s = hbm_model_stats(d->m);
#define STAT(n, v) if (name && !strcmp(name, n)) return (long long)(v)
    STAT("cycles", s->cycles);
    STAT("reads", s->reads);
    STAT("writes", s->writes);
    STAT("bytes_read", s->bytes_read);
    STAT("bytes_written", s->bytes_written);
    STAT("row_hits", s->row_hits);
    STAT("row_misses", s->row_misses);
    STAT("row_conflicts", s->row_conflicts);
    STAT("acts", s->acts);
    STAT("precharges", s->precharges);
    STAT("refreshes", s->refreshes);
    STAT("reads_forwarded", s->reads_forwarded);
    STAT("read_latency_max", s->read_latency_max);
    STAT("timing_violations", hbm_check_violations(d->chk));
#undef STAT
    snprintf(last_error, sizeof last_error, "hbm_dpi: no statistic '%s'", name ? name : "");
    return HBM_DPI_ESTAT;
}

/* The hbmsim report on stdout (json: one JSON object); source names the traffic. */
int hbm_dpi_report(int h, const char *source, int json)
{
    struct dpi_model *d = get(h);
    struct hbm_report rep;

    if (!d)
        return HBM_DPI_EHANDLE;
    hbm_check_finish(d->chk, hbm_model_cycle(d->m));
    memset(&rep, 0, sizeof rep);
    rep.config = d->path;
    rep.source = source;
    rep.cfg = &d->cfg;
    rep.stats = hbm_model_stats(d->m);
    rep.checked = 1;
    rep.timing_violations = hbm_check_violations(d->chk);
    rep.protocol_errors = hbm_device_protocol_errors(hbm_model_device(d->m)) + rep.stats->burst_overlaps;
    hbm_report_print(&rep, json, stdout);
    fflush(stdout);
    return HBM_DPI_OK;
}
