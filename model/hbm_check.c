/*
 * hbm_check.c - independent checker of an HBM command stream.
 *
 * Owns: the checker's bank-state tracking and its timing checks, applying
 * its own table of timing constraints (hbm_check_rules.c, docs/timing.md);
 * the row/column/data bus rules and the refresh rate and fairness rules
 * are in hbm_check_bus.c.  It shares nothing with the scheduler
 * (model/hbm_sched*, model/hbm_timing*) but the config and the command
 * codes, so a scheduler bug cannot hide by being repeated here.
 *
 * How it works: every timing rule is one row of the rule table
 * (hbm_check_rules.c), {name, scope,
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
#include "hbm_check_int.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
void hbm_check_report(hbm_check *chk, const struct hbm_cmd *cmd,
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
    else if (cfg->stack_ids < 1 || cfg->bankgroups % cfg->stack_ids != 0)
        why = "stack_ids must divide bankgroups";
    else if (cfg->rows < 1 || cfg->columns < 1)
        why = "rows and columns must be positive";
    else if (cfg->rl < 1 || cfg->wl < 1 || cfg->tburst < 1 ||
             cfg->rl > HBM_CHECK_MAX_LATENCY || cfg->wl > HBM_CHECK_MAX_LATENCY ||
             cfg->tburst > HBM_CHECK_MAX_LATENCY)
        why = "RL, WL and tBURST must be 1..65536";
    else if (cfg->trefi < 1)
        why = "tREFI must be positive";
    else if (!hbm_check_terms_within(cfg, HBM_CHECK_MAX_LATENCY))
        why = "a timing value is out of 0..65536";
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

    for (i = 0; i < HBM_CHECK_NRULES; i++) {
        chk->delay[i] = hbm_check_rule_delay(cfg, i);
        for (c = 0; c < HBM_CMD_COUNT; c++)
            if (hbm_check_rule(i)->next & CMD_BIT(c))
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

/* ---- coverage: the rules met at exactly their earliest cycle ---------- */

int hbm_check_rule_count(void) { return HBM_CHECK_NRULES + 1; }

uint64_t hbm_check_tight(const hbm_check *chk, int i)
{
    return i >= 0 && i <= HBM_CHECK_NRULES ? chk->tight[i] : 0;
}

static size_t codes_text(unsigned m, char *buf, size_t size)
{
    size_t len = 0;
    int c;
    for (c = 0; c < HBM_CMD_COUNT && len < size; c++)
        if (m >> c & 1u)
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "/" : "", hbm_cmd_name(c));
    return len;
}

void hbm_check_rule_label(int i, char *buf, size_t size)
{
    static const char *const scope[] = { "same bank", "same bank group", "other bank group",
                                         "channel", "other bank", "open banks",
                                         "other bank group of the stack ID", "other stack ID" };
    char prev[64], next[64];
    const struct rule_desc *r;

    if (i == HBM_CHECK_NRULES) {
        snprintf(buf, size, "tFAW: 4 ACT -> ACT, channel");
        return;
    }
    r = hbm_check_rule(i);
    codes_text(r->prev, prev, sizeof prev);
    codes_text(r->next, next, sizeof next);
    snprintf(buf, size, "%s: %s -> %s, %s", r->name, prev, next, scope[r->scope]);
}

int hbm_check_rule_codes(int i, unsigned *prev, unsigned *next)
{
    if (i == HBM_CHECK_NRULES) {
        *prev = *next = M_ACT;
        return 0;
    }
    *prev = hbm_check_rule(i)->prev;
    *next = hbm_check_rule(i)->next;
    if (hbm_check_rule(i)->scope == SCOPE_OTHER_SID)
        return 2;
    return hbm_check_rule(i)->scope == SCOPE_OTHER_BG || hbm_check_rule(i)->scope == SCOPE_SID_OTHER_BG;
}

/* ---- timing --------------------------------------------------------- */

/* Latest command `code` in a bank group other than bg: of bg's stack ID
 * (same_sid) or of another stack ID.  At most 8 bank groups: a scan. */
static uint64_t latest_in_groups(const hbm_check *chk, int code, int bg, int same_sid)
{
    int per_sid = chk->cfg.bankgroups / chk->cfg.stack_ids, g;
    uint64_t best = NEVER;
    for (g = 0; g < chk->cfg.bankgroups; g++) {
        uint64_t t = chk->bg_last[g * HBM_CMD_COUNT + code];
        if (g == bg || (g / per_sid == bg / per_sid) != same_sid || t == NEVER)
            continue;
        if (best == NEVER || t > best)
            best = t;
    }
    return best;
}

static uint64_t lookup(const hbm_check *chk, int scope, int code, int b, int bg)
{
    switch (scope) {
    case SCOPE_SID_OTHER_BG: return latest_in_groups(chk, code, bg, 1);
    case SCOPE_OTHER_SID:  return latest_in_groups(chk, code, bg, 0);
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
        const struct rule_desc *r = hbm_check_rule(i);
        int pcode = HBM_CMD_NOP;
        uint64_t t = latest_preceding(chk, r, b, bg, &pcode);
        char formula[96];

        if (t != NEVER && cmd->cycle == t + (uint64_t)chk->delay[i])
            chk->tight[i]++;
        if (t == NEVER || cmd->cycle >= t + (uint64_t)chk->delay[i])
            continue;
        hbm_check_rule_formula(i, formula, sizeof formula);
        hbm_check_report(chk, cmd, r->name,
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
    if (cmd->cycle == oldest + (uint64_t)chk->cfg.tfaw)
        chk->tight[HBM_CHECK_NRULES]++;
    if (cmd->cycle >= oldest + (uint64_t)chk->cfg.tfaw)
        return 0;
    hbm_check_report(chk, cmd, "tFAW",
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
        hbm_check_report(chk, cmd, "bad_address", "bank bg %d ba %d outside %d x %d banks",
               cmd->bg, cmd->ba, cfg->bankgroups, cfg->banks_per_group);
        *bank_ok = 0;
        return 1;
    }
    if (cmd->code == HBM_CMD_ACT && (cmd->row < 0 || cmd->row >= cfg->rows)) {
        hbm_check_report(chk, cmd, "bad_address", "row %d outside 0..%d", cmd->row,
               cfg->rows - 1);
        n++;
    }
    if (!hbm_cmd_is_row(cmd->code) && (cmd->col < 0 || cmd->col >= cfg->columns)) {
        hbm_check_report(chk, cmd, "bad_address", "column %d outside 0..%d", cmd->col,
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
        hbm_check_report(chk, cmd, "bank_open", "bank already open with row %d", bk->row);
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
        hbm_check_report(chk, cmd, "refresh_open_bank",
               "%d bank(s) open, e.g. bg %d ba %d with row %d", chk->open_count,
               b / chk->cfg.banks_per_group, b % chk->cfg.banks_per_group,
               chk->bank[b].row);
        n++;
    }
    n += check_timing(chk, cmd, 0, 0);
    chk->chan_last[HBM_CMD_REFAB] = cmd->cycle;
    for (b = 0; b < chk->nbanks; b++)
        hbm_check_note_refresh(chk, b);
    return n;
}

static int do_refpb(hbm_check *chk, const struct hbm_cmd *cmd, int b, int bg)
{
    int n = 0;

    if (chk->bank[b].open) {
        hbm_check_report(chk, cmd, "refresh_open_bank", "bank open with row %d",
               chk->bank[b].row);
        n++;
    }
    n += check_timing(chk, cmd, b, bg);
    n += hbm_check_refresh_round(chk, cmd, b);
    note_bank_cmd(chk, HBM_CMD_REFPB, b, bg, cmd->cycle);
    hbm_check_note_refresh(chk, b);
    return n;
}

static int do_column(hbm_check *chk, const struct hbm_cmd *cmd, int b, int bg)
{
    struct bank_state *bk = &chk->bank[b];
    int n = 0;

    if (!bk->open) {
        if (bk->closed_by != HBM_CMD_NOP)
            hbm_check_report(chk, cmd, "bank_closed", "bank closed by %s at %" PRIu64,
                   hbm_cmd_name(bk->closed_by), bk->closed_at);
        else
            hbm_check_report(chk, cmd, "bank_closed", "bank was never activated");
        n++;
    }
    n += check_timing(chk, cmd, b, bg);
    n += hbm_check_data_bus(chk, cmd);
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
        hbm_check_report(chk, cmd, "bad_address", "unknown command code %d", cmd->code);
        return 1;
    }
    if (chk->prev_cycle != NEVER && cmd->cycle < chk->prev_cycle) {
        hbm_check_report(chk, cmd, "cycle_order",
               "comes after a command at cycle %" PRIu64, chk->prev_cycle);
        n++;
    }
    chk->prev_cycle = cmd->cycle;
    if (cmd->cycle > 0)
        n += hbm_check_refresh_rate(chk, cmd->cycle - 1, cmd);
    n += hbm_check_cmd_buses(chk, cmd);
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
    return hbm_check_refresh_rate(chk, end_cycle - 1, NULL);
}
