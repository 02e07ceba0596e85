/*
 * hbm_fcov.c - functional coverage bins; see hbm_fcov.h.
 */
#include "hbm_fcov.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The rules counted: the checker's, as many as the bins hold. */
static int rules(void)
{
    int n = hbm_check_rule_count();
    return n < HBM_FCOV_RULES ? n : HBM_FCOV_RULES;
}

static const char *const ecc_names[HBM_FCOV_ECC_COUNT] = { "corrected", "uncorrectable", "rmw" };

void hbm_fcov_init(struct hbm_fcov *f, const struct hbm_config *cfg)
{
    memset(f, 0, sizeof *f);
    f->cfg = *cfg;
}

void hbm_fcov_cycle(struct hbm_fcov *f, uint32_t events)
{
    f->cycles++;
    for (; events; events &= events - 1u) {
        int b = 0;
        while (!(events >> b & 1u))
            b++;
        if (b < HBM_EVENT_COUNT)
            f->event[b]++;
    }
}

void hbm_fcov_finish(struct hbm_fcov *f, const hbm_check *chk, const struct hbm_stats *st)
{
    int i;
    if (chk)
        for (i = 0; i < rules(); i++)
            f->rule[i] += hbm_check_tight(chk, i);
    if (st) {
        f->ecc[HBM_FCOV_ECC_CORRECTED] += st->ecc_corrected;
        f->ecc[HBM_FCOV_ECC_UNCORRECTABLE] += st->ecc_uncorrectable;
        f->ecc[HBM_FCOV_ECC_RMW] += st->ecc_rmw;
    }
}

void hbm_fcov_add(struct hbm_fcov *f, const struct hbm_fcov *g)
{
    int i;
    f->cycles += g->cycles;
    for (i = 0; i < HBM_EVENT_COUNT; i++)
        f->event[i] += g->event[i];
    for (i = 0; i < HBM_FCOV_RULES; i++)
        f->rule[i] += g->rule[i];
    for (i = 0; i < HBM_FCOV_ECC_COUNT; i++)
        f->ecc[i] += g->ecc[i];
}

int hbm_fcov_bins(void)
{
    return HBM_EVENT_COUNT + rules() + HBM_FCOV_ECC_COUNT;
}

/* Can cfg's controller produce event e? */
static int event_applies(const struct hbm_config *c, int e)
{
    switch (e) {
    case HBM_EVENT_COL_YOUNGER:
    case HBM_EVENT_ACT_YOUNGER:
        return c->scheduler == HBM_SCHED_FRFCFS;
    case HBM_EVENT_HEAD_FIRST_ROW:
        return c->scheduler == HBM_SCHED_FCFS || c->starve_limit > 0;
    case HBM_EVENT_STARVED:
        return c->starve_limit > 0;
    case HBM_EVENT_REFRESH_CMD:
    case HBM_EVENT_REFRESH_URGENT:
        return c->refresh_mode != HBM_REFRESH_NONE;
    case HBM_EVENT_AUTO_PRECHARGE:
        return c->page_policy != HBM_PAGE_OPEN;
    default:
        return 1;
    }
}

/* The commands cfg's controller issues (bit c: code c). */
static unsigned issued_codes(const struct hbm_config *c)
{
    unsigned m = 1u << HBM_CMD_ACT | 1u << HBM_CMD_PRE;
    if (c->page_policy != HBM_PAGE_CLOSED)   /* closed page: every column command auto-precharges */
        m |= 1u << HBM_CMD_RD | 1u << HBM_CMD_WR;
    if (c->page_policy != HBM_PAGE_OPEN)
        m |= 1u << HBM_CMD_RDA | 1u << HBM_CMD_WRA;
    if (c->refresh_mode == HBM_REFRESH_ALL_BANK)
        m |= 1u << HBM_CMD_PREA | 1u << HBM_CMD_REFAB;
    if (c->refresh_mode == HBM_REFRESH_PER_BANK)
        m |= 1u << HBM_CMD_REFPB;
    return m;
}

/*
 * Can a command of cfg's controller meet rule i at exactly its delay?  Not
 * when the controller issues none of its preceding or following commands,
 * nor (ignore bins, docs/verification.md) for
 *   - PREA -> ACT/REFPB: the refresh engine follows every PREA with its
 *     REFAB, so an ACT after a PREA waits for tRFC, never for tRP alone;
 *   - tFAW when four tRRD_S (each ACT holds the row bus two clocks) already
 *     span more than tFAW: the fifth ACT can never be due by tFAW.
 */
static int rule_applies(const struct hbm_config *c, int i)
{
    unsigned prev, next, m = issued_codes(c);
    int two_groups = hbm_check_rule_codes(i, &prev, &next);
    int rrd = c->bankgroups > 1 ? c->trrd_s : c->trrd_l;   /* the closest two ACTs can be */

    if (rrd < 2)
        rrd = 2;

    if (i == hbm_check_rule_count() - 1)   /* tFAW, the checker's last */
        return c->tfaw >= 4 * rrd;
    if (prev == (1u << HBM_CMD_PREA) && !(next & (1u << HBM_CMD_REFAB)))
        return 0;
    if (two_groups == 2)   /* tCCD_R: two stack IDs */
        return (prev & m) && (next & m) && c->stack_ids > 1;
    return (prev & m) && (next & m) && (!two_groups || c->bankgroups / c->stack_ids > 1);
}

void hbm_fcov_bin(const struct hbm_fcov *f, int i, char *name, size_t size, int *applicable,
                  uint64_t *count)
{
    if (i < HBM_EVENT_COUNT) {
        snprintf(name, size, "event:%s", hbm_event_name(i));
        *applicable = event_applies(&f->cfg, i);
        *count = f->event[i];
        return;
    }
    i -= HBM_EVENT_COUNT;
    if (i < rules()) {
        char label[160];
        hbm_check_rule_label(i, label, sizeof label);
        snprintf(name, size, "rule:%s", label);
        *applicable = rule_applies(&f->cfg, i);
        *count = f->rule[i];
        return;
    }
    i -= rules();
    snprintf(name, size, "ecc:%s", ecc_names[i]);
    *applicable = f->cfg.ecc == HBM_ECC_SECDED;
    *count = f->ecc[i];
}

int hbm_fcov_write(const struct hbm_fcov *f, FILE *out)
{
    int i, app;
    uint64_t n;
    char name[200];

    for (i = 0; i < hbm_fcov_bins(); i++) {
        hbm_fcov_bin(f, i, name, sizeof name, &app, &n);
        if (fprintf(out, "%" PRIu64 "\t%d\t%s\n", n, app, name) < 0)
            return -1;
    }
    return 0;
}

int hbm_fcov_save(const struct hbm_fcov *f, const char *tool, char *err)
{
    static unsigned serial;
    const char *dir = getenv("HBM_FCOV_DIR");
    char path[HBM_ERR_MAX / 2];
    FILE *out;
    int bad;

    if (!dir || !*dir)
        return 0;
    if ((size_t)snprintf(path, sizeof path, "%s/fcov_%s_%ld_%u.txt", dir, tool, (long)getpid(), serial++) >=
        sizeof path) {
        snprintf(err, HBM_ERR_MAX, "HBM_FCOV_DIR: the folder's name is too long");
        return -1;
    }
    out = fopen(path, "w");
    if (!out) {
        snprintf(err, HBM_ERR_MAX, "%.200s: cannot write: %.100s", path, strerror(errno));
        return -1;
    }
    bad = hbm_fcov_write(f, out);
    if (fclose(out) || bad) {
        snprintf(err, HBM_ERR_MAX, "%.200s: write failed", path);
        return -1;
    }
    return 0;
}
