/*
 * hbm_test_util.h - helpers shared by the model's Check suites (header
 * only, every function static).
 *
 * Owns: loading a preset and re-deriving an edited copy, a command log
 * filled by hbm_model_set_cmd_hook, and a driver that follows the cycle
 * protocol of hbm_model.h (for each cycle: push, pop, tick).  Tests run
 * from the repository root.
 */
#ifndef HBM_TEST_UTIL_H
#define HBM_TEST_UTIL_H

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hbm_addr_map.h"
#include "hbm_cmd.h"
#include "hbm_config.h"
#include "hbm_model.h"

#define TU_PRESET "configs/hbm2_2000.ini"
#define TU_PRESET_E "configs/hbm2e_3200.ini"
#define TU_PRESET_3 "configs/hbm3_6400.ini"
#define TU_PRESET_3E "configs/hbm3e_9600.ini"
#define TU_MAX_CMDS 16384
#define TU_MAX_RESP 4096

/* The shipped presets, for suites that run every test on each of them. */
#define TU_NPRESETS 4
static inline const char *tu_preset_path(int i)
{
    static const char *const path[TU_NPRESETS] = { TU_PRESET, TU_PRESET_E, TU_PRESET_3, TU_PRESET_3E };
    return path[i];
}

/* Load an ini file; fails the test with the parser's message. */
static inline void tu_load(struct hbm_config *cfg, const char *path)
{
    char err[HBM_ERR_MAX];
    ck_assert_msg(hbm_config_load(cfg, path, err) == 0, "%s", err);
}

/* Load every shipped preset into presets[0 .. TU_NPRESETS-1]. */
static inline void tu_load_presets(struct hbm_config *presets)
{
    int i;
    for (i = 0; i < TU_NPRESETS; i++)
        tu_load(&presets[i], tu_preset_path(i));
}

/* Re-derive an edited config; fails the test with the reason. */
static inline void tu_finish(struct hbm_config *cfg)
{
    char err[HBM_ERR_MAX];
    ck_assert_msg(hbm_config_finish(cfg, err) == 0, "%s", err);
}

/* Byte address of a location (bank group, bank, row, burst column). */
static inline uint64_t tu_addr(const struct hbm_config *cfg, int bg, int ba, int row, int col)
{
    struct hbm_addr a;
    a.bg = bg;
    a.ba = ba;
    a.row = row;
    a.col = col;
    return hbm_addr_encode(cfg, &a);
}

/* ---- command log ---------------------------------------------------- */

struct tu_log {
    struct hbm_cmd c[TU_MAX_CMDS];
    int n;
};

static inline void tu_log_hook(void *ctx, const struct hbm_cmd *cmd)
{
    struct tu_log *log = ctx;
    if (log->n < TU_MAX_CMDS)
        log->c[log->n] = *cmd;
    log->n++;
}

/*
 * Index of the first command at index >= from with this code (-1: any)
 * to this bank group and bank (-1: any), or -1 if there is none.
 */
static inline int tu_find(const struct tu_log *log, int from, int code, int bg, int ba)
{
    int i;
    for (i = from; i < log->n && i < TU_MAX_CMDS; i++) {
        const struct hbm_cmd *c = &log->c[i];
        if ((code < 0 || c->code == code) && (bg < 0 || c->bg == bg) && (ba < 0 || c->ba == ba))
            return i;
    }
    return -1;
}

/* Index of the first column command (RD, RDA, WR, WRA) at index >= from, or -1. */
static inline int tu_find_column(const struct tu_log *log, int from)
{
    int i;
    for (i = from; i < log->n && i < TU_MAX_CMDS; i++)
        if (!hbm_cmd_is_row(log->c[i].code))
            return i;
    return -1;
}

/* Number of commands with this code. */
static inline int tu_count(const struct tu_log *log, int code)
{
    int i, n = 0;
    for (i = 0; i < log->n && i < TU_MAX_CMDS; i++)
        n += log->c[i].code == code;
    return n;
}

/* Command idx of the log is `code` at `cycle` to (bg, ba); -1 skips bg or ba. */
static inline void tu_expect_cmd(const struct tu_log *log, int idx, int code, uint64_t cycle, int bg, int ba)
{
    const struct hbm_cmd *c;

    ck_assert_msg(idx >= 0 && idx < log->n && idx < TU_MAX_CMDS,
                  "expected %s at cycle %llu: command %d missing (log has %d)", hbm_cmd_name(code),
                  (unsigned long long)cycle, idx, log->n);
    c = &log->c[idx];
    ck_assert_msg(c->code == code && c->cycle == cycle && (bg < 0 || c->bg == bg) && (ba < 0 || c->ba == ba),
                  "command %d: expected %s at cycle %llu to bg %d ba %d, got %s at cycle %llu to bg %d ba %d",
                  idx, hbm_cmd_name(code), (unsigned long long)cycle, bg, ba, hbm_cmd_name(c->code),
                  (unsigned long long)c->cycle, c->bg, c->ba);
}

static inline uint64_t tu_max(uint64_t a, uint64_t b) { return a > b ? a : b; }

/* ---- driver ---------------------------------------------------------- */

struct tu_run {
    hbm_model *m;
    struct hbm_config cfg;
    struct tu_log log;
    struct hbm_resp resp[TU_MAX_RESP];
    int nresp;
    int auto_pop;  /* take the offered response in every cycle */
};

/* Runs not yet freed: a test that fails midway leaves them to tu_run_free_all (teardown). */
#define TU_MAX_LIVE 8
struct tu_live {
    struct tu_run *r[TU_MAX_LIVE];
};

static inline struct tu_live *tu_live(void)
{
    static struct tu_live live;
    return &live;
}

/* A model for cfg with the command log attached; popping on. */
static inline struct tu_run *tu_run_create(const struct hbm_config *cfg)
{
    char err[HBM_ERR_MAX];
    struct tu_run *r = calloc(1, sizeof *r);
    int i;

    ck_assert_ptr_nonnull(r);
    for (i = 0; i < TU_MAX_LIVE && tu_live()->r[i]; i++)
        ;
    ck_assert_int_lt(i, TU_MAX_LIVE);
    tu_live()->r[i] = r;
    r->cfg = *cfg;
    r->m = hbm_model_create(cfg, err);
    ck_assert_msg(r->m != NULL, "%s", err);
    hbm_model_set_cmd_hook(r->m, tu_log_hook, &r->log);
    r->auto_pop = 1;
    return r;
}

static inline void tu_run_free(struct tu_run *r)
{
    int i;

    if (!r)
        return;
    for (i = 0; i < TU_MAX_LIVE; i++)
        if (tu_live()->r[i] == r)
            tu_live()->r[i] = NULL;
    hbm_model_free(r->m);
    free(r);
}

/* Free every run a failed test left behind (use as the fixture's teardown). */
static inline void tu_run_free_all(void)
{
    int i;
    for (i = 0; i < TU_MAX_LIVE; i++)
        if (tu_live()->r[i])
            tu_run_free(tu_live()->r[i]);
}

static inline uint64_t tu_now(const struct tu_run *r) { return hbm_model_cycle(r->m); }

/* The response handshake of this cycle: 1 if a response was taken. */
static inline int tu_pop(struct tu_run *r)
{
    struct hbm_resp resp;
    if (!hbm_model_pop_resp(r->m, &resp))
        return 0;
    if (r->nresp < TU_MAX_RESP)
        r->resp[r->nresp] = resp;
    r->nresp++;
    return 1;
}

/* End the current cycle: pop if popping is on, then tick. */
static inline void tu_tick(struct tu_run *r)
{
    if (r->auto_pop)
        tu_pop(r);
    hbm_model_tick(r->m);
}

static inline void tu_ticks(struct tu_run *r, uint64_t n)
{
    while (n--)
        tu_tick(r);
}

/* Tick until the current cycle is `cycle` (no-op if already there). */
static inline void tu_until(struct tu_run *r, uint64_t cycle)
{
    ck_assert_uint_le(tu_now(r), cycle);
    while (tu_now(r) < cycle)
        tu_tick(r);
}

/* Push in this cycle, which must be accepted, then tick; returns the accept cycle. */
static inline uint64_t tu_push(struct tu_run *r, uint64_t addr, int is_write, uint32_t id,
                        const uint8_t *data, uint32_t be)
{
    uint64_t a = tu_now(r);
    int rc = hbm_model_push(r->m, addr, is_write, id, data, be);
    ck_assert_msg(rc == HBM_PUSH_OK, "push at cycle %llu refused with %d",
                  (unsigned long long)a, rc);
    tu_tick(r);
    return a;
}

static inline uint64_t tu_read(struct tu_run *r, uint64_t addr, uint32_t id)
{
    return tu_push(r, addr, 0, id, NULL, 0);
}

/* Offer the request every cycle until accepted (at most limit cycles); returns the accept cycle. */
static inline uint64_t tu_push_retry(struct tu_run *r, uint64_t addr, int is_write, uint32_t id,
                              const uint8_t *data, uint32_t be, uint64_t limit)
{
    uint64_t start = tu_now(r);
    for (;;) {
        uint64_t a = tu_now(r);
        if (hbm_model_push(r->m, addr, is_write, id, data, be) == HBM_PUSH_OK) {
            tu_tick(r);
            return a;
        }
        if (a - start >= limit)
            ck_abort_msg("request refused for %llu cycles", (unsigned long long)limit);
        tu_tick(r);
    }
}

/* Tick until the model is idle (at most limit cycles). */
static inline void tu_drain(struct tu_run *r, uint64_t limit)
{
    uint64_t start = tu_now(r);
    while (!hbm_model_idle(r->m)) {
        if (tu_now(r) - start >= limit)
            ck_abort_msg("model not idle after %llu cycles", (unsigned long long)limit);
        tu_tick(r);
    }
}

/*
 * Drain, then wait long enough that every timing rule of earlier
 * commands has run out (tRC, write recovery, refresh cycle), so the next
 * request sees an unloaded controller.
 */
static inline void tu_settle(struct tu_run *r)
{
    const struct hbm_config *c = &r->cfg;
    tu_drain(r, 100000);
    tu_ticks(r, (uint64_t)(c->trc + c->wl + c->tburst + c->twr + c->trp + c->trfc + c->rl));
}

/* The response with this id (the last one taken), or NULL. */
static inline const struct hbm_resp *tu_resp(const struct tu_run *r, uint32_t id)
{
    int i;
    for (i = (r->nresp < TU_MAX_RESP ? r->nresp : TU_MAX_RESP) - 1; i >= 0; i--)
        if (r->resp[i].id == id)
            return &r->resp[i];
    return NULL;
}

#endif
