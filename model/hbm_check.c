/*
 * hbm_check.c - independent checker of an HBM command stream.
 *
 * Owns: the checker's own table of timing constraints (docs/timing.md),
 * its bank-state tracking, the row/column/data bus rules and the refresh
 * rate and refresh fairness rules.  It shares nothing with the scheduler
 * (model/hbm_sched*, model/hbm_timing*) but the config and the command
 * codes, so a scheduler bug cannot hide by being repeated here.
 *
 * How it works: every timing rule is one row of rule_table, {name, scope,
 * preceding commands, following commands, delay formula}.  The delay is
 * evaluated once from the config in hbm_check_create().  For each
 * command the checker keeps the cycle of the most recent command of each
 * code per bank, per bank group and per channel, plus, per code, the two
 * most recent bank groups (and banks) that issued it, which answers
 * "most recent in a different bank group / other bank" in O(1).  So a
 * command costs O(rules that follow it); the only history scanned is the
 * four-entry tFAW window.  The data bus is a small ring indexed by
 * data-bus cycle (bursts of reads and writes do not arrive in time
 * order, because RL > WL), so a burst is checked in O(tBURST).
 */
#include "hbm_check.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NEVER UINT64_MAX
/* JEDEC lets a device owe at most this many refresh intervals. */
#define HBM_CHECK_MAX_POSTPONED 8u
#define HBM_CHECK_WHERE_MAX 96
#define HBM_CHECK_RULE_MAX 32
#define HBM_CHECK_DETAIL_MAX 256
#define HBM_CHECK_MSG_MAX (HBM_CHECK_WHERE_MAX + HBM_CHECK_RULE_MAX + \
                           HBM_CHECK_DETAIL_MAX + 8)
/* Sanity limits on the geometry and latencies the checker accepts. */
#define HBM_CHECK_MAX_BANKS 1024
#define HBM_CHECK_MAX_LATENCY (1 << 16)

#define CMD_BIT(c) (1u << (c))
#define M_ACT   CMD_BIT(HBM_CMD_ACT)
#define M_PRE   CMD_BIT(HBM_CMD_PRE)
#define M_PREA  CMD_BIT(HBM_CMD_PREA)
#define M_REFAB CMD_BIT(HBM_CMD_REFAB)
#define M_REFPB CMD_BIT(HBM_CMD_REFPB)
#define M_RD    CMD_BIT(HBM_CMD_RD)
#define M_RDA   CMD_BIT(HBM_CMD_RDA)
#define M_WR    CMD_BIT(HBM_CMD_WR)
#define M_WRA   CMD_BIT(HBM_CMD_WRA)
#define M_READS  (M_RD | M_RDA)
#define M_WRITES (M_WR | M_WRA)

/* Where the preceding command is looked up, relative to the following one. */
enum check_scope {
    SCOPE_BANK,       /* the same bank                                 */
    SCOPE_BG,         /* any bank of the same bank group (incl. same)  */
    SCOPE_OTHER_BG,   /* any bank of a different bank group            */
    SCOPE_ANY,        /* any bank of the channel, or a channel command */
    SCOPE_OTHER_BANK, /* any bank with a different flat index          */
    SCOPE_OPEN_BANKS  /* every bank still open (following PREA only)   */
};

/* Terms a delay is the sum of; names as written in the ini files, in the
 * order a composite delay's formula is printed. */
struct delay_term {
    const char *name;
    size_t offset; /* of the int field in struct hbm_config */
};

enum {
    TERM_WL, TERM_TBURST, TERM_TRC, TERM_TRCDRD, TERM_TRCDWR, TERM_TRAS,
    TERM_TRTP, TERM_TWR, TERM_TRP, TERM_TRFCPB, TERM_TCCD_L, TERM_TCCD_S,
    TERM_TRRD_L, TERM_TRRD_S, TERM_TWTR_L, TERM_TWTR_S, TERM_TRTW,
    TERM_TRFC, TERM_TRREFD, TERM_COUNT
};

static const struct delay_term delay_terms[TERM_COUNT] = {
    { "WL",     offsetof(struct hbm_config, wl) },
    { "tBURST", offsetof(struct hbm_config, tburst) },
    { "tRC",    offsetof(struct hbm_config, trc) },
    { "tRCDRD", offsetof(struct hbm_config, trcdrd) },
    { "tRCDWR", offsetof(struct hbm_config, trcdwr) },
    { "tRAS",   offsetof(struct hbm_config, tras) },
    { "tRTP",   offsetof(struct hbm_config, trtp) },
    { "tWR",    offsetof(struct hbm_config, twr) },
    { "tRP",    offsetof(struct hbm_config, trp) },
    { "tRFCpb", offsetof(struct hbm_config, trfcpb) },
    { "tCCD_L", offsetof(struct hbm_config, tccd_l) },
    { "tCCD_S", offsetof(struct hbm_config, tccd_s) },
    { "tRRD_L", offsetof(struct hbm_config, trrd_l) },
    { "tRRD_S", offsetof(struct hbm_config, trrd_s) },
    { "tWTR_L", offsetof(struct hbm_config, twtr_l) },
    { "tWTR_S", offsetof(struct hbm_config, twtr_s) },
    { "tRTW",   offsetof(struct hbm_config, trtw) },
    { "tRFC",   offsetof(struct hbm_config, trfc) },
    { "tRREFD", offsetof(struct hbm_config, trrefd) },
};

#define T(x) (1u << TERM_##x)

/* One timing constraint: following >= preceding + delay. */
struct rule_desc {
    const char *name;
    int scope;      /* enum check_scope */
    unsigned prev;  /* preceding command codes (CMD_BIT mask) */
    unsigned next;  /* following command codes */
    unsigned terms; /* delay = sum of these config terms */
};

/*
 * The rules of docs/timing.md.  Rows sharing a name are one rule split by
 * scope.  tFAW is not here: it is a window, kept by check_faw().
 */
static const struct rule_desc rule_table[] = {
    /* same bank */
    { "tRC",       SCOPE_BANK,       M_ACT,   M_ACT | M_REFPB,   T(TRC) },
    { "tRC",       SCOPE_ANY,        M_ACT,   M_REFAB,           T(TRC) },
    { "tRCDRD",    SCOPE_BANK,       M_ACT,   M_READS,           T(TRCDRD) },
    { "tRCDWR",    SCOPE_BANK,       M_ACT,   M_WRITES,          T(TRCDWR) },
    { "tRAS",      SCOPE_BANK,       M_ACT,   M_PRE,             T(TRAS) },
    { "tRAS",      SCOPE_OPEN_BANKS, M_ACT,   M_PREA,            T(TRAS) },
    { "tRP",       SCOPE_BANK,       M_PRE,   M_ACT | M_REFPB,   T(TRP) },
    { "tRP",       SCOPE_ANY,        M_PREA,  M_ACT | M_REFPB,   T(TRP) },
    { "tRP",       SCOPE_ANY,        M_PRE | M_PREA, M_REFAB,    T(TRP) },
    { "tRTP",      SCOPE_BANK,       M_RD,    M_PRE,             T(TRTP) },
    { "tRTP",      SCOPE_ANY,        M_RD,    M_PREA,            T(TRTP) },
    { "tWR",       SCOPE_BANK,       M_WR,    M_PRE,
      T(WL) | T(TBURST) | T(TWR) },
    { "tWR",       SCOPE_ANY,        M_WR,    M_PREA,
      T(WL) | T(TBURST) | T(TWR) },
    { "tRTP+tRP",  SCOPE_BANK,       M_RDA,   M_ACT | M_REFPB,   T(TRTP) | T(TRP) },
    { "tRTP+tRP",  SCOPE_ANY,        M_RDA,   M_REFAB,           T(TRTP) | T(TRP) },
    { "tWR+tRP",   SCOPE_BANK,       M_WRA,   M_ACT | M_REFPB,
      T(WL) | T(TBURST) | T(TWR) | T(TRP) },
    { "tWR+tRP",   SCOPE_ANY,        M_WRA,   M_REFAB,
      T(WL) | T(TBURST) | T(TWR) | T(TRP) },
    { "tRFCpb",    SCOPE_BANK,       M_REFPB, M_ACT | M_REFPB,   T(TRFCPB) },
    { "tRFCpb",    SCOPE_ANY,        M_REFPB, M_REFAB,           T(TRFCPB) },
    /* same bank group */
    { "tCCD_L",    SCOPE_BG,         M_READS, M_READS,           T(TCCD_L) },
    { "tCCD_L",    SCOPE_BG,         M_WRITES, M_WRITES,         T(TCCD_L) },
    { "tRRD_L",    SCOPE_BG,         M_ACT,   M_ACT,             T(TRRD_L) },
    { "tWTR_L",    SCOPE_BG,         M_WRITES, M_READS,
      T(WL) | T(TBURST) | T(TWTR_L) },
    /* different bank group */
    { "tCCD_S",    SCOPE_OTHER_BG,   M_READS, M_READS,           T(TCCD_S) },
    { "tCCD_S",    SCOPE_OTHER_BG,   M_WRITES, M_WRITES,         T(TCCD_S) },
    { "tRRD_S",    SCOPE_OTHER_BG,   M_ACT,   M_ACT,             T(TRRD_S) },
    { "tWTR_S",    SCOPE_OTHER_BG,   M_WRITES, M_READS,
      T(WL) | T(TBURST) | T(TWTR_S) },
    /* channel */
    { "tRTW",      SCOPE_ANY,        M_READS, M_WRITES,          T(TRTW) },
    { "tRFC",      SCOPE_ANY,        M_REFAB, M_ACT | M_REFAB | M_REFPB, T(TRFC) },
    { "tRREFD",    SCOPE_OTHER_BANK, M_REFPB, M_ACT | M_REFPB,   T(TRREFD) },
    { "tRRD_S",    SCOPE_OTHER_BANK, M_ACT,   M_REFPB,           T(TRRD_S) },
};

#define NRULES ((int)(sizeof rule_table / sizeof rule_table[0]))

/* Most recent issue of one code, and the most recent from another key. */
struct recent2 {
    uint64_t c1; /* most recent cycle            */
    int k1;      /* its key (bank group or bank) */
    uint64_t c2; /* most recent with key != k1   */
};

struct bank_state {
    int open;
    int row;
    int closed_by;       /* code that last closed it, or NOP */
    uint64_t closed_at;
    uint64_t last[HBM_CMD_COUNT];
    uint64_t refreshes;  /* REFPB to it plus every REFAB */
};

/* One data-bus cycle: which burst (if any) holds it. */
struct bus_cell {
    uint64_t cycle;  /* the data-bus cycle this cell describes, or NEVER */
    uint64_t issued; /* cycle of the column command */
    int code;
};

struct hbm_check {
    struct hbm_config cfg;
    int nbanks;
    int delay[NRULES];
    int by_next[HBM_CMD_COUNT][NRULES]; /* rule indices per following code */
    int n_by_next[HBM_CMD_COUNT];

    struct bank_state *bank;   /* nbanks */
    uint64_t *bg_last;         /* bankgroups x HBM_CMD_COUNT */
    uint64_t chan_last[HBM_CMD_COUNT];
    struct recent2 by_bg[HBM_CMD_COUNT];
    struct recent2 by_bank[HBM_CMD_COUNT];
    int open_count;

    uint64_t faw[4];           /* ring of the last four ACT cycles */
    int faw_n, faw_head;

    uint64_t prev_cycle;       /* NEVER before the first command */
    uint64_t last_row;         /* cycle of the last row-bus command */
    int last_row_code;
    uint64_t last_act;         /* cycle of the last ACT on the bus */
    uint64_t last_col;
    int last_col_code;

    struct bus_cell *bus;
    uint64_t bus_mask;

    int refresh_rate_on;
    uint64_t epoch_checked;    /* floor(t / tREFI) last checked */

    uint64_t end_cycle;        /* argument of hbm_check_finish() */

    uint64_t violations;
    char rule[HBM_CHECK_RULE_MAX];
    char msg[HBM_CHECK_MSG_MAX];
};

static int term_value(const struct hbm_config *cfg, int term)
{
    return *(const int *)(const void *)((const char *)cfg +
                                        delay_terms[term].offset);
}

static int rule_delay(const struct hbm_config *cfg, unsigned terms)
{
    int t, sum = 0;
    for (t = 0; t < TERM_COUNT; t++)
        if (terms & (1u << t))
            sum += term_value(cfg, t);
    return sum;
}

/* "WL + tBURST + tWR" for a composite delay, "" for a single term. */
static void rule_formula(unsigned terms, char *buf, size_t size)
{
    int t, n = 0;
    size_t len = 0;

    buf[0] = '\0';
    for (t = 0; t < TERM_COUNT; t++)
        if (terms & (1u << t))
            n++;
    if (n < 2)
        return;
    for (t = 0; t < TERM_COUNT && len < size; t++) {
        if (!(terms & (1u << t)))
            continue;
        len += (size_t)snprintf(buf + len, size - len, "%s%s",
                                len ? " + " : "", delay_terms[t].name);
    }
}

static void recent2_init(struct recent2 *r)
{
    r->c1 = NEVER;
    r->k1 = -1;
    r->c2 = NEVER;
}

static void recent2_note(struct recent2 *r, uint64_t t, int key)
{
    if (r->k1 != key) {
        r->c2 = r->c1;
        r->k1 = key;
    }
    r->c1 = t;
}

static uint64_t recent2_other(const struct recent2 *r, int key)
{
    return r->k1 != key ? r->c1 : r->c2;
}

/*
 * Count a violation and keep its rule and message.  cmd is the command
 * that broke the rule, or NULL for hbm_check_finish() (the message then
 * names the end of the stream).
 */
#ifdef __GNUC__
__attribute__((format(printf, 4, 5)))
#endif
static void report(hbm_check *chk, const struct hbm_cmd *cmd,
                   const char *rule, const char *fmt, ...)
{
    char where[HBM_CHECK_WHERE_MAX];
    char detail[HBM_CHECK_DETAIL_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);

    if (cmd)
        snprintf(where, sizeof where, "cycle %" PRIu64 ": %s %d %d %d %d",
                 cmd->cycle, hbm_cmd_name(cmd->code), cmd->bg, cmd->ba,
                 cmd->row, cmd->col);
    else
        snprintf(where, sizeof where, "cycle %" PRIu64 ": end of stream",
                 chk->end_cycle);
    chk->violations++;
    snprintf(chk->rule, sizeof chk->rule, "%s", rule);
    snprintf(chk->msg, sizeof chk->msg, "%s: %s: %s", where, chk->rule, detail);
}

hbm_check *hbm_check_create(const struct hbm_config *cfg, char *err)
{
    hbm_check *chk;
    int i, c, banks, lat;
    uint64_t bus_size;
    const char *why = NULL;

    if (!cfg)
        why = "no config";
    else if (cfg->bankgroups < 1 || cfg->banks_per_group < 1 ||
             cfg->bankgroups > HBM_CHECK_MAX_BANKS ||
             cfg->banks_per_group > HBM_CHECK_MAX_BANKS / cfg->bankgroups)
        why = "bankgroups x banks_per_group must be 1..1024";
    else if (cfg->rows < 1 || cfg->columns < 1)
        why = "rows and columns must be positive";
    else if (cfg->rl < 1 || cfg->wl < 1 || cfg->tburst < 1 ||
             cfg->rl > HBM_CHECK_MAX_LATENCY || cfg->wl > HBM_CHECK_MAX_LATENCY ||
             cfg->tburst > HBM_CHECK_MAX_LATENCY)
        why = "RL, WL and tBURST must be 1..65536";
    else if (cfg->trefi < 1)
        why = "tREFI must be positive";
    if (!why) {
        for (i = 0; i < TERM_COUNT; i++) {
            int v = term_value(cfg, i);
            if (v < 0 || v > HBM_CHECK_MAX_LATENCY) {
                why = "a timing value is out of 0..65536";
                break;
            }
        }
    }
    if (why) {
        if (err)
            snprintf(err, HBM_ERR_MAX, "hbm_check_create: %s", why);
        return NULL;
    }

    chk = calloc(1, sizeof *chk);
    if (!chk) {
        if (err)
            snprintf(err, HBM_ERR_MAX, "hbm_check_create: out of memory");
        return NULL;
    }
    chk->cfg = *cfg;
    banks = cfg->bankgroups * cfg->banks_per_group;
    chk->nbanks = banks;

    lat = cfg->rl > cfg->wl ? cfg->rl : cfg->wl;
    bus_size = 1;
    while (bus_size < (uint64_t)lat + (uint64_t)cfg->tburst + 2u)
        bus_size <<= 1;
    chk->bus_mask = bus_size - 1;

    chk->bank = calloc((size_t)banks, sizeof *chk->bank);
    chk->bg_last = calloc((size_t)cfg->bankgroups * HBM_CMD_COUNT,
                          sizeof *chk->bg_last);
    chk->bus = calloc((size_t)bus_size, sizeof *chk->bus);
    if (!chk->bank || !chk->bg_last || !chk->bus) {
        hbm_check_free(chk);
        if (err)
            snprintf(err, HBM_ERR_MAX, "hbm_check_create: out of memory");
        return NULL;
    }

    for (i = 0; i < NRULES; i++) {
        chk->delay[i] = rule_delay(cfg, rule_table[i].terms);
        for (c = 0; c < HBM_CMD_COUNT; c++)
            if (rule_table[i].next & CMD_BIT(c))
                chk->by_next[c][chk->n_by_next[c]++] = i;
    }
    for (i = 0; i < banks; i++) {
        chk->bank[i].closed_by = HBM_CMD_NOP;
        chk->bank[i].closed_at = NEVER;
        for (c = 0; c < HBM_CMD_COUNT; c++)
            chk->bank[i].last[c] = NEVER;
    }
    for (i = 0; i < cfg->bankgroups * HBM_CMD_COUNT; i++)
        chk->bg_last[i] = NEVER;
    for (c = 0; c < HBM_CMD_COUNT; c++) {
        chk->chan_last[c] = NEVER;
        recent2_init(&chk->by_bg[c]);
        recent2_init(&chk->by_bank[c]);
    }
    for (i = 0; i < (int)bus_size; i++)
        chk->bus[i].cycle = NEVER;
    chk->prev_cycle = NEVER;
    chk->last_row = NEVER;
    chk->last_act = NEVER;
    chk->last_col = NEVER;
    /* JEDEC requires refresh whatever the controller's mode: refresh_mode = none is flagged. */
    chk->refresh_rate_on = 1;
    return chk;
}

void hbm_check_free(hbm_check *chk)
{
    if (!chk)
        return;
    free(chk->bank);
    free(chk->bg_last);
    free(chk->bus);
    free(chk);
}

uint64_t hbm_check_violations(const hbm_check *chk)
{
    return chk->violations;
}

const char *hbm_check_last_rule(const hbm_check *chk)
{
    return chk->rule;
}

const char *hbm_check_last_message(const hbm_check *chk)
{
    return chk->msg;
}

/* ---- refresh -------------------------------------------------------- */

/* Refreshes bank b owes at the last checked cycle beyond the allowance. */
static uint64_t refresh_deficit(const hbm_check *chk, int b)
{
    uint64_t need;

    if (chk->epoch_checked <= HBM_CHECK_MAX_POSTPONED)
        return 0;
    need = chk->epoch_checked - HBM_CHECK_MAX_POSTPONED;
    return chk->bank[b].refreshes < need ? need - chk->bank[b].refreshes : 0;
}

/*
 * Every bank must have had floor(t / tREFI) - 8 refreshes by cycle t.
 * The requirement only grows when t crosses a tREFI boundary, so the
 * banks are scanned once per boundary crossed, not once per command.
 * That is also the reporting rule: between two boundaries a deficit can
 * only shrink (refreshes), and at a boundary it grows by one (or by k
 * when k boundaries pass at once), so a bank short at a boundary is
 * either newly short or shorter than at its last report.  Each bank is
 * therefore reported once per boundary at which it is short, never on
 * every command.
 */
static int check_refresh_rate(hbm_check *chk, uint64_t t,
                              const struct hbm_cmd *cmd)
{
    uint64_t epoch = t / (uint64_t)chk->cfg.trefi;
    int b, n = 0;

    if (!chk->refresh_rate_on || epoch <= chk->epoch_checked)
        return 0;
    chk->epoch_checked = epoch;
    for (b = 0; b < chk->nbanks; b++) {
        uint64_t deficit = refresh_deficit(chk, b);
        if (deficit == 0)
            continue;
        report(chk, cmd, "refresh_rate",
               "bank bg %d ba %d has %" PRIu64 " refreshes by cycle %" PRIu64
               ", needs at least %" PRIu64 " = floor(%" PRIu64 " / tREFI %d) - %u",
               b / chk->cfg.banks_per_group, b % chk->cfg.banks_per_group,
               chk->bank[b].refreshes, t,
               chk->bank[b].refreshes + deficit, t, chk->cfg.trefi,
               HBM_CHECK_MAX_POSTPONED);
        n++;
    }
    return n;
}

static void note_refresh(hbm_check *chk, int b)
{
    chk->bank[b].refreshes++;
}

/* A second REFPB to a bank while another bank has had fewer refreshes. */
static int check_refresh_round(hbm_check *chk, const struct hbm_cmd *cmd, int b)
{
    int i, low = 0;

    for (i = 1; i < chk->nbanks; i++)
        if (chk->bank[i].refreshes < chk->bank[low].refreshes)
            low = i;
    if (chk->bank[b].refreshes <= chk->bank[low].refreshes)
        return 0;
    report(chk, cmd, "refresh_round",
           "refresh %" PRIu64 " of this bank while bank bg %d ba %d has had %"
           PRIu64 " (max - min must stay <= 1)",
           chk->bank[b].refreshes + 1, low / chk->cfg.banks_per_group,
           low % chk->cfg.banks_per_group, chk->bank[low].refreshes);
    return 1;
}

/* ---- timing --------------------------------------------------------- */

static uint64_t lookup(const hbm_check *chk, int scope, int code, int b, int bg)
{
    switch (scope) {
    case SCOPE_BANK:       return chk->bank[b].last[code];
    case SCOPE_BG:         return chk->bg_last[bg * HBM_CMD_COUNT + code];
    case SCOPE_OTHER_BG:   return recent2_other(&chk->by_bg[code], bg);
    case SCOPE_OTHER_BANK: return recent2_other(&chk->by_bank[code], b);
    case SCOPE_ANY:        return chk->chan_last[code];
    default:               return NEVER;
    }
}

/* Index of the lowest set bit of a non-zero command set. */
static int lowest_code(unsigned m)
{
#if defined(__GNUC__)
    return __builtin_ctz(m);
#else
    int c = 0;
    while (!(m >> c & 1u))
        c++;
    return c;
#endif
}

/* Most recent preceding command of rule r in its scope; *code receives it. */
static uint64_t latest_preceding(const hbm_check *chk, const struct rule_desc *r,
                                 int b, int bg, int *code)
{
    uint64_t best = NEVER;
    unsigned m;
    int c, i;

    for (m = r->prev; m; m &= m - 1u) {
        c = lowest_code(m);
        if (r->scope == SCOPE_OPEN_BANKS) {
            for (i = 0; i < chk->nbanks; i++) {
                uint64_t t = chk->bank[i].last[c];
                if (chk->bank[i].open && t != NEVER && (best == NEVER || t > best)) {
                    best = t;
                    *code = c;
                }
            }
        } else {
            uint64_t t = lookup(chk, r->scope, c, b, bg);
            if (t != NEVER && (best == NEVER || t > best)) {
                best = t;
                *code = c;
            }
        }
    }
    return best;
}

/* Every table rule whose following set holds cmd's code. b, bg: its bank. */
static int check_timing(hbm_check *chk, const struct hbm_cmd *cmd, int b, int bg)
{
    int k, n = 0;

    for (k = 0; k < chk->n_by_next[cmd->code]; k++) {
        int i = chk->by_next[cmd->code][k];
        const struct rule_desc *r = &rule_table[i];
        int pcode = HBM_CMD_NOP;
        uint64_t t = latest_preceding(chk, r, b, bg, &pcode);
        char formula[96];

        if (t == NEVER || cmd->cycle >= t + (uint64_t)chk->delay[i])
            continue;
        rule_formula(r->terms, formula, sizeof formula);
        report(chk, cmd, r->name,
               "issued %" PRIu64 " cycles %s %s at %" PRIu64 ", needs %s = %s%s%d",
               cmd->cycle >= t ? cmd->cycle - t : t - cmd->cycle,
               cmd->cycle >= t ? "after" : "before",
               hbm_cmd_name(pcode), t, r->name, formula,
               formula[0] ? " = " : "", chk->delay[i]);
        n++;
    }
    return n;
}

/* A fifth ACT within tFAW of the fourth most recent one. */
static int check_faw(hbm_check *chk, const struct hbm_cmd *cmd)
{
    uint64_t oldest;

    if (chk->faw_n < 4)
        return 0;
    oldest = chk->faw[chk->faw_head];
    if (cmd->cycle >= oldest + (uint64_t)chk->cfg.tfaw)
        return 0;
    report(chk, cmd, "tFAW",
           "fifth ACT %" PRIu64 " cycles after the ACT at %" PRIu64
           " (fourth most recent), needs tFAW = %d",
           cmd->cycle >= oldest ? cmd->cycle - oldest : 0, oldest,
           chk->cfg.tfaw);
    return 1;
}

static void note_faw(hbm_check *chk, uint64_t t)
{
    chk->faw[chk->faw_head] = t;
    chk->faw_head = (chk->faw_head + 1) & 3;
    if (chk->faw_n < 4)
        chk->faw_n++;
}

/* Remember a bank command for every scope. */
static void note_bank_cmd(hbm_check *chk, int code, int b, int bg, uint64_t t)
{
    chk->bank[b].last[code] = t;
    chk->bg_last[bg * HBM_CMD_COUNT + code] = t;
    chk->chan_last[code] = t;
    recent2_note(&chk->by_bg[code], t, bg);
    recent2_note(&chk->by_bank[code], t, b);
}

static void close_bank(hbm_check *chk, int b, int code, uint64_t t)
{
    if (chk->bank[b].open) {
        chk->bank[b].open = 0;
        chk->open_count--;
    }
    chk->bank[b].closed_by = code;
    chk->bank[b].closed_at = t;
}

/* ---- buses ---------------------------------------------------------- */

static int check_cmd_buses(hbm_check *chk, const struct hbm_cmd *cmd)
{
    int n = 0;

    if (hbm_cmd_is_row(cmd->code)) {
        if (chk->last_row == cmd->cycle) {
            report(chk, cmd, "row_bus", "%s already on the row bus in this cycle",
                   hbm_cmd_name(chk->last_row_code));
            n++;
        } else if (chk->last_act != NEVER && chk->last_act + 1 == cmd->cycle) {
            report(chk, cmd, "row_bus",
                   "ACT at %" PRIu64 " holds the row bus for two clocks",
                   chk->last_act);
            n++;
        }
        chk->last_row = cmd->cycle;
        chk->last_row_code = cmd->code;
        if (cmd->code == HBM_CMD_ACT)
            chk->last_act = cmd->cycle;
    } else {
        if (chk->last_col == cmd->cycle) {
            report(chk, cmd, "column_bus",
                   "%s already on the column bus in this cycle",
                   hbm_cmd_name(chk->last_col_code));
            n++;
        }
        chk->last_col = cmd->cycle;
        chk->last_col_code = cmd->code;
    }
    return n;
}

/* The burst of a column command against the bursts already placed. */
static int check_data_bus(hbm_check *chk, const struct hbm_cmd *cmd)
{
    int is_read = hbm_cmd_is_read(cmd->code);
    uint64_t start = cmd->cycle + (uint64_t)(is_read ? chk->cfg.rl : chk->cfg.wl);
    uint64_t end = start + (uint64_t)chk->cfg.tburst;
    uint64_t c;
    int n = 0, side;

    for (c = start; c < end; c++) {
        const struct bus_cell *cell = &chk->bus[c & chk->bus_mask];
        if (cell->cycle != c)
            continue;
        report(chk, cmd, "data_bus_overlap",
               "burst [%" PRIu64 ", %" PRIu64 ") overlaps the burst of %s at %"
               PRIu64 " on data-bus cycle %" PRIu64,
               start, end, hbm_cmd_name(cell->code), cell->issued, c);
        n++;
        break;
    }
    for (side = 0; side < 2; side++) {
        uint64_t nb = side ? end : start - 1;
        const struct bus_cell *cell = &chk->bus[nb & chk->bus_mask];
        if (cell->cycle != nb || hbm_cmd_is_read(cell->code) == is_read)
            continue;
        report(chk, cmd, "data_bus_turnaround",
               "burst [%" PRIu64 ", %" PRIu64 ") is next to the burst of %s at %"
               PRIu64 " with no idle data-bus cycle between read and write",
               start, end, hbm_cmd_name(cell->code), cell->issued);
        n++;
        break;
    }
    for (c = start; c < end; c++) {
        struct bus_cell *cell = &chk->bus[c & chk->bus_mask];
        cell->cycle = c;
        cell->issued = cmd->cycle;
        cell->code = cmd->code;
    }
    return n;
}

/* ---- commands ------------------------------------------------------- */

static int bank_fields(int code)
{
    return code != HBM_CMD_PREA && code != HBM_CMD_REFAB;
}

static int check_address(hbm_check *chk, const struct hbm_cmd *cmd, int *bank_ok)
{
    const struct hbm_config *cfg = &chk->cfg;
    int n = 0;

    *bank_ok = 1;
    if (bank_fields(cmd->code) &&
        (cmd->bg < 0 || cmd->bg >= cfg->bankgroups ||
         cmd->ba < 0 || cmd->ba >= cfg->banks_per_group)) {
        report(chk, cmd, "bad_address", "bank bg %d ba %d outside %d x %d banks",
               cmd->bg, cmd->ba, cfg->bankgroups, cfg->banks_per_group);
        *bank_ok = 0;
        return 1;
    }
    if (cmd->code == HBM_CMD_ACT && (cmd->row < 0 || cmd->row >= cfg->rows)) {
        report(chk, cmd, "bad_address", "row %d outside 0..%d", cmd->row,
               cfg->rows - 1);
        n++;
    }
    if (!hbm_cmd_is_row(cmd->code) && (cmd->col < 0 || cmd->col >= cfg->columns)) {
        report(chk, cmd, "bad_address", "column %d outside 0..%d", cmd->col,
               cfg->columns - 1);
        n++;
    }
    return n;
}

static int do_act(hbm_check *chk, const struct hbm_cmd *cmd, int b, int bg)
{
    struct bank_state *bk = &chk->bank[b];
    int n = 0;

    if (bk->open) {
        report(chk, cmd, "bank_open", "bank already open with row %d", bk->row);
        n++;
    }
    n += check_timing(chk, cmd, b, bg);
    n += check_faw(chk, cmd);
    note_bank_cmd(chk, HBM_CMD_ACT, b, bg, cmd->cycle);
    note_faw(chk, cmd->cycle);
    if (!bk->open)
        chk->open_count++;
    bk->open = 1;
    bk->row = cmd->row;
    return n;
}

static int do_pre(hbm_check *chk, const struct hbm_cmd *cmd, int b, int bg)
{
    int n;

    if (!chk->bank[b].open)
        return 0; /* a NOP: legal, restarts nothing */
    n = check_timing(chk, cmd, b, bg);
    note_bank_cmd(chk, HBM_CMD_PRE, b, bg, cmd->cycle);
    close_bank(chk, b, HBM_CMD_PRE, cmd->cycle);
    return n;
}

static int do_prea(hbm_check *chk, const struct hbm_cmd *cmd)
{
    int b, n = check_timing(chk, cmd, 0, 0);

    chk->chan_last[HBM_CMD_PREA] = cmd->cycle;
    for (b = 0; b < chk->nbanks; b++)
        if (chk->bank[b].open)
            close_bank(chk, b, HBM_CMD_PREA, cmd->cycle);
    return n;
}

static int do_refab(hbm_check *chk, const struct hbm_cmd *cmd)
{
    int b, n = 0;

    if (chk->open_count > 0) {
        for (b = 0; !chk->bank[b].open; b++)
            ;
        report(chk, cmd, "refresh_open_bank",
               "%d bank(s) open, e.g. bg %d ba %d with row %d", chk->open_count,
               b / chk->cfg.banks_per_group, b % chk->cfg.banks_per_group,
               chk->bank[b].row);
        n++;
    }
    n += check_timing(chk, cmd, 0, 0);
    chk->chan_last[HBM_CMD_REFAB] = cmd->cycle;
    for (b = 0; b < chk->nbanks; b++)
        note_refresh(chk, b);
    return n;
}

static int do_refpb(hbm_check *chk, const struct hbm_cmd *cmd, int b, int bg)
{
    int n = 0;

    if (chk->bank[b].open) {
        report(chk, cmd, "refresh_open_bank", "bank open with row %d",
               chk->bank[b].row);
        n++;
    }
    n += check_timing(chk, cmd, b, bg);
    n += check_refresh_round(chk, cmd, b);
    note_bank_cmd(chk, HBM_CMD_REFPB, b, bg, cmd->cycle);
    note_refresh(chk, b);
    return n;
}

static int do_column(hbm_check *chk, const struct hbm_cmd *cmd, int b, int bg)
{
    struct bank_state *bk = &chk->bank[b];
    int n = 0;

    if (!bk->open) {
        if (bk->closed_by != HBM_CMD_NOP)
            report(chk, cmd, "bank_closed", "bank closed by %s at %" PRIu64,
                   hbm_cmd_name(bk->closed_by), bk->closed_at);
        else
            report(chk, cmd, "bank_closed", "bank was never activated");
        n++;
    }
    n += check_timing(chk, cmd, b, bg);
    n += check_data_bus(chk, cmd);
    note_bank_cmd(chk, cmd->code, b, bg, cmd->cycle);
    if (cmd->code == HBM_CMD_RDA || cmd->code == HBM_CMD_WRA)
        close_bank(chk, b, cmd->code, cmd->cycle);
    return n;
}

int hbm_check_command(hbm_check *chk, const struct hbm_cmd *cmd)
{
    int n = 0, bank_ok, b, bg;

    if (cmd->code == HBM_CMD_NOP)
        return 0;
    if (cmd->code < 0 || cmd->code >= HBM_CMD_COUNT) {
        report(chk, cmd, "bad_address", "unknown command code %d", cmd->code);
        return 1;
    }
    if (chk->prev_cycle != NEVER && cmd->cycle < chk->prev_cycle) {
        report(chk, cmd, "cycle_order",
               "comes after a command at cycle %" PRIu64, chk->prev_cycle);
        n++;
    }
    chk->prev_cycle = cmd->cycle;
    if (cmd->cycle > 0)
        n += check_refresh_rate(chk, cmd->cycle - 1, cmd);
    n += check_cmd_buses(chk, cmd);
    n += check_address(chk, cmd, &bank_ok);
    if (!bank_ok)
        return n;

    bg = bank_fields(cmd->code) ? cmd->bg : 0;
    b = bank_fields(cmd->code) ? bg * chk->cfg.banks_per_group + cmd->ba : 0;
    switch (cmd->code) {
    case HBM_CMD_ACT:   n += do_act(chk, cmd, b, bg); break;
    case HBM_CMD_PRE:   n += do_pre(chk, cmd, b, bg); break;
    case HBM_CMD_PREA:  n += do_prea(chk, cmd); break;
    case HBM_CMD_REFAB: n += do_refab(chk, cmd); break;
    case HBM_CMD_REFPB: n += do_refpb(chk, cmd, b, bg); break;
    default:            n += do_column(chk, cmd, b, bg); break;
    }
    return n;
}

int hbm_check_finish(hbm_check *chk, uint64_t end_cycle)
{
    if (end_cycle == 0)
        return 0;
    chk->end_cycle = end_cycle;
    return check_refresh_rate(chk, end_cycle - 1, NULL);
}
