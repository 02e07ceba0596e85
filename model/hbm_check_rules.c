/*
 * hbm_check_rules.c - the checker's table of timing constraints; see
 * hbm_check_rules.h.  Every rule is one row {name, scope, preceding
 * commands, following commands, delay formula}; the delay is a sum of
 * config terms, evaluated once per checker.
 */
#include "hbm_check_rules.h"

#include <stdio.h>

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
    TERM_TRFC, TERM_TRREFD, TERM_TPPD, TERM_TCCD_R, TERM_COUNT
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
    { "tPPD",   offsetof(struct hbm_config, tppd) },
    { "tCCD_R", offsetof(struct hbm_config, tccd_r) },
};

#define T(x) (1u << TERM_##x)


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
    /* different bank group (tCCD_S: of the same stack ID) */
    { "tCCD_S",    SCOPE_SID_OTHER_BG, M_READS, M_READS,         T(TCCD_S) },
    { "tCCD_S",    SCOPE_SID_OTHER_BG, M_WRITES, M_WRITES,       T(TCCD_S) },
    { "tRRD_S",    SCOPE_OTHER_BG,   M_ACT,   M_ACT,             T(TRRD_S) },
    { "tWTR_S",    SCOPE_OTHER_BG,   M_WRITES, M_READS,
      T(WL) | T(TBURST) | T(TWTR_S) },
    /* different stack ID */
    { "tCCD_R",    SCOPE_OTHER_SID,  M_READS, M_READS,           T(TCCD_R) },
    { "tCCD_R",    SCOPE_OTHER_SID,  M_WRITES, M_WRITES,         T(TCCD_R) },
    /* channel */
    { "tRTW",      SCOPE_ANY,        M_READS, M_WRITES,          T(TRTW) },
    { "tRFC",      SCOPE_ANY,        M_REFAB, M_ACT | M_REFAB | M_REFPB, T(TRFC) },
    { "tRREFD",    SCOPE_OTHER_BANK, M_REFPB, M_ACT | M_REFPB,   T(TRREFD) },
    { "tRRD_S",    SCOPE_OTHER_BANK, M_ACT,   M_REFPB,           T(TRRD_S) },
    { "tPPD",      SCOPE_ANY,        M_PRE | M_PREA, M_PRE | M_PREA, T(TPPD) },
};

/* HBM_CHECK_NRULES must count the rows above. */
typedef char hbm_check_nrules_is_the_row_count[
    (int)(sizeof rule_table / sizeof rule_table[0]) == HBM_CHECK_NRULES ? 1 : -1];
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

const struct rule_desc *hbm_check_rule(int i)
{
    return &rule_table[i];
}

int hbm_check_rule_delay(const struct hbm_config *cfg, int i)
{
    return rule_delay(cfg, rule_table[i].terms);
}

void hbm_check_rule_formula(int i, char *buf, size_t size)
{
    rule_formula(rule_table[i].terms, buf, size);
}

int hbm_check_terms_within(const struct hbm_config *cfg, int max)
{
    int t;
    for (t = 0; t < TERM_COUNT; t++)
        if (term_value(cfg, t) < 0 || term_value(cfg, t) > max)
            return 0;
    return 1;
}
