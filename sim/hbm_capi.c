/*
 * hbm_capi.c - the simulator as a library for foreign-function callers;
 * see hbm_capi.h.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L   /* open_memstream */
#endif
#include "hbm_capi.h"
#include "hbm_bw_monitor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hbm_check.h"
#include "hbm_config.h"
#include "hbm_model.h"
#include "hbm_opts.h"
#include "hbm_report.h"
#include "hbm_run.h"

#define TOOL "hbmctl"
#define MAX_ARGS 64

void hbm_capi_free(void *p) { free(p); }

int hbm_capi_config_check(const char *config_text, const char *path, char *err, int err_size)
{
    char e[HBM_ERR_MAX];
    struct hbm_config cfg;

    if (!config_text || hbm_config_parse(&cfg, config_text, path ? path : "config", e)) {
        snprintf(err, (size_t)err_size, "%s", config_text ? e : "no config text");
        return -1;
    }
    return 0;
}

/* s, or a fresh empty string if the stream could not be made. */
static char *or_empty(char *s)
{
    return s ? s : calloc(1, 1);
}

int hbm_capi_run(const char *config_text, const char *config_path, const char *config_name, int argc, const char *const *args,
                 int threads, char **report, char **messages)
{
    char *argv[MAX_ARGS + 3], err[HBM_ERR_MAX];
    size_t out_len = 0, msg_len = 0;
    struct hbm_opts o;
    struct hbm_config cfg;
    FILE *out, *msg;
    int i, rc;

    *report = *messages = NULL;
    out = open_memstream(report, &out_len);
    msg = open_memstream(messages, &msg_len);
    if (!out || !msg) {
        if (out)
            fclose(out);
        if (msg)
            fclose(msg);
        free(*report);
        free(*messages);
        *report = or_empty(NULL);
        *messages = or_empty(NULL);
        return 2;
    }
    rc = 2;
    if (argc < 0 || argc > MAX_ARGS) {
        fprintf(msg, "%s: %d options: at most %d\n", TOOL, argc, MAX_ARGS);
        goto out;
    }
    /* argv as hbmsim's: the tool, --config NAME, then the caller's options */
    argv[0] = (char *)TOOL;
    argv[1] = (char *)"--config";
    argv[2] = (char *)(config_name ? config_name : "config");
    for (i = 0; i < argc; i++)
        argv[3 + i] = (char *)args[i];
    i = hbm_opts_parse_to(&o, out, msg, TOOL, HBM_OPTS_MODEL, argc + 3, argv);
    if (i > 0) {
        hbm_opts_usage(out, TOOL, HBM_OPTS_MODEL, NULL);
        rc = 0;
        goto out;
    }
    if (i < 0)
        goto out;
    if (o.emit_vh || o.emit_encoding) {
        fprintf(msg, "%s: --emit-vh and --emit-encoding are hbmsim's, not a run\n", TOOL);
        goto out;
    }
    o.no_progress = 1;
    if (!config_text || hbm_config_parse(&cfg, config_text, config_path ? config_path : argv[2], err)) {
        fprintf(msg, "%s: %s\n", TOOL, config_text ? err : "no config text");
        goto out;
    }
    hbm_opts_apply(&o, &cfg);
    rc = hbm_run_model(&o, &cfg, threads < 1 ? 1 : threads > 8 ? 8 : threads);
out:
    fclose(out);
    fclose(msg);
    *report = or_empty(*report);
    *messages = or_empty(*messages);
    return rc;
}

struct hbm_capi_model {
    hbm_model *m;
    hbm_check *chk;
    struct hbm_config cfg;
    uint64_t checked_to;   /* the cycle of the checker's last end-of-run check */
    char name[256];
};

static void on_command(void *ctx, const struct hbm_cmd *cmd)
{
    hbm_capi_model *c = ctx;
    hbm_check_command(c->chk, cmd);
}

hbm_capi_model *hbm_capi_model_create(const char *config_text, const char *path, const char *name, char *err,
                                      int err_size)
{
    char e[HBM_ERR_MAX];
    hbm_capi_model *c = calloc(1, sizeof *c);

    if (!c || !config_text) {
        snprintf(err, (size_t)err_size, "%s", c ? "no config text" : "out of memory");
        free(c);
        return NULL;
    }
    snprintf(c->name, sizeof c->name, "%s", name ? name : "config");
    if (hbm_config_parse(&c->cfg, config_text, path ? path : c->name, e)) {
        snprintf(err, (size_t)err_size, "%s", e);
        free(c);
        return NULL;
    }
    if (c->cfg.pseudo_channels > 1) {
        snprintf(err, (size_t)err_size, "%s: pseudo_channels = %d: a stack runs whole (hbmctl.run), "
                 "a model cycle by cycle is one pseudo-channel", c->name, c->cfg.pseudo_channels);
        free(c);
        return NULL;
    }
    c->m = hbm_model_create(&c->cfg, e);
    c->chk = c->m ? hbm_check_create(hbm_model_config(c->m), e) : NULL;
    if (!c->m || !c->chk) {
        snprintf(err, (size_t)err_size, "%s", e);
        hbm_model_free(c->m);
        free(c);
        return NULL;
    }
    c->cfg = *hbm_model_config(c->m);
    hbm_model_set_cmd_hook(c->m, on_command, c);
    return c;
}

void hbm_capi_model_free(hbm_capi_model *c)
{
    if (!c)
        return;
    hbm_check_free(c->chk);
    hbm_model_free(c->m);
    free(c);
}

uint64_t hbm_capi_model_capacity(const hbm_capi_model *c) { return c->cfg.capacity_bytes; }
int hbm_capi_model_id_bits(const hbm_capi_model *c) { return c->cfg.id_bits; }
int hbm_capi_model_dfi_ratio(const hbm_capi_model *c) { return c->cfg.dfi_ratio; }
uint64_t hbm_capi_model_tck_ps(const hbm_capi_model *c) { return (uint64_t)c->cfg.tck_ps; }
uint64_t hbm_capi_model_cycle(const hbm_capi_model *c) { return hbm_model_cycle(c->m); }

int hbm_capi_model_can_accept(const hbm_capi_model *c, uint64_t addr, int is_write)
{
    return addr < c->cfg.capacity_bytes && hbm_model_can_accept(c->m, addr, is_write);
}

int hbm_capi_model_push(hbm_capi_model *c, uint64_t addr, int is_write, uint32_t id, const uint8_t *data,
                        uint32_t byte_enable)
{
    uint8_t zero[HBM_BURST_BYTES];

    if (is_write && !data) {
        memset(zero, 0, sizeof zero);
        data = zero;
    }
    return hbm_model_push(c->m, addr, is_write, id, is_write ? data : NULL, is_write ? byte_enable : 0);
}

int hbm_capi_model_pop(hbm_capi_model *c, uint32_t *id, int *is_write, uint8_t *data, uint64_t *accept_cycle,
                       uint64_t *done_cycle)
{
    struct hbm_resp r;

    if (!hbm_model_pop_resp(c->m, &r))
        return 0;
    *id = r.id;
    *is_write = r.is_write;
    if (r.is_write)
        memset(data, 0, HBM_BURST_BYTES);
    else
        memcpy(data, r.data, HBM_BURST_BYTES);
    *accept_cycle = r.accept_cycle;
    *done_cycle = r.done_cycle;
    return 1;
}

void hbm_capi_model_tick(hbm_capi_model *c, uint64_t n)
{
    while (n--)
        hbm_model_tick(c->m);
}

int hbm_capi_model_idle(const hbm_capi_model *c) { return hbm_model_idle(c->m); }

char *hbm_capi_model_report(hbm_capi_model *c, const char *source)
{
    struct hbm_report rep;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    if (!out)
        return NULL;
    if (c->checked_to != hbm_model_cycle(c->m)) {   /* once per end: a second would count again */
        c->checked_to = hbm_model_cycle(c->m);
        hbm_check_finish(c->chk, c->checked_to);
    }
    memset(&rep, 0, sizeof rep);
    rep.config = c->name;
    rep.source = source ? source : "requests";
    rep.cfg = &c->cfg;
    rep.stats = hbm_model_stats(c->m);
    rep.checked = 1;
    rep.timing_violations = hbm_check_violations(c->chk);
    rep.protocol_errors = hbm_device_protocol_errors(hbm_model_device(c->m)) + rep.stats->burst_overlaps;
    hbm_report_print(&rep, 1, out);
    fclose(out);
    return text;
}

uint32_t hbm_capi_model_bwmon(hbm_capi_model *c, int addr, int we, uint32_t wdata)
{
    return hbm_model_bwmon(c->m, addr, we, wdata);
}

const char *hbm_capi_bwmon_reg_name(int addr)
{
    const char *name = hbm_bw_monitor_reg_name(addr);
    return strcmp(name, "?") ? name : NULL;
}

int hbm_capi_model_peek(const hbm_capi_model *c, uint64_t addr, uint8_t *data)
{
    return hbm_model_debug_read(c->m, addr, data);
}

int hbm_capi_model_poke(hbm_capi_model *c, uint64_t addr, const uint8_t *data)
{
    return hbm_model_debug_write(c->m, addr, data, 0xffffffffu);
}
