/*
 * hbm_timing.c - the timing constraint table and the per-bank earliest
 * cycles; see hbm_timing.h and docs/timing.md.
 */
#include "hbm_timing.h"

#include <string.h>

/* Scopes a rule is written for; expanded to relations by rule(). */
enum scope {
    SC_BANK,      /* the same bank                 */
    SC_BG,        /* any bank of the same group    */
    SC_OTHER_BG,  /* any bank of another group     */
    SC_OTHER_BANK,/* any other bank                */
    SC_ALL        /* every bank                    */
};

static void rule(struct hbm_timing *t, int cmd, enum scope sc, int cls, int delay)
{
    int rel;
    for (rel = 0; rel < HBM_REL_COUNT; rel++) {
        int applies = 0;
        switch (sc) {
        case SC_BANK: applies = rel == HBM_REL_SAME_BANK; break;
        case SC_BG: applies = rel != HBM_REL_OTHER_BG; break;
        case SC_OTHER_BG: applies = rel == HBM_REL_OTHER_BG; break;
        case SC_OTHER_BANK: applies = rel != HBM_REL_SAME_BANK; break;
        case SC_ALL: applies = 1; break;
        }
        if (applies && t->delay[cmd][rel][cls] < delay)
            t->delay[cmd][rel][cls] = (uint16_t)delay;
    }
}

/* Apply the same rule to a command and its auto-precharge twin. */
static void rule2(struct hbm_timing *t, int cmd, int twin, enum scope sc, int cls, int delay)
{
    rule(t, cmd, sc, cls, delay);
    rule(t, twin, sc, cls, delay);
}

void hbm_timing_init(struct hbm_timing *t, const struct hbm_config *c)
{
    int wr_end = c->wl + c->tburst;   /* last write data beat + 1 */

    memset(t, 0, sizeof *t);
    t->banks = c->banks;
    t->banks_per_group = c->banks_per_group;
    t->tfaw = c->tfaw;

    /* ACT: the bank's row cycle, then bank-group and channel spacing. */
    rule(t, HBM_CMD_ACT, SC_BANK, HBM_TC_ACT, c->trc);
    rule(t, HBM_CMD_ACT, SC_BANK, HBM_TC_RD, c->trcdrd);
    rule(t, HBM_CMD_ACT, SC_BANK, HBM_TC_WR, c->trcdwr);
    rule(t, HBM_CMD_ACT, SC_BANK, HBM_TC_PRE, c->tras);
    rule(t, HBM_CMD_ACT, SC_BANK, HBM_TC_REF, c->trc);
    rule(t, HBM_CMD_ACT, SC_BG, HBM_TC_ACT, c->trrd_l);
    rule(t, HBM_CMD_ACT, SC_OTHER_BG, HBM_TC_ACT, c->trrd_s);
    rule(t, HBM_CMD_ACT, SC_OTHER_BANK, HBM_TC_REF, c->trrd_s);
    /* ACT holds the row bus for two clocks. */
    rule(t, HBM_CMD_ACT, SC_ALL, HBM_TC_ACT, 2);
    rule(t, HBM_CMD_ACT, SC_ALL, HBM_TC_PRE, 2);
    rule(t, HBM_CMD_ACT, SC_ALL, HBM_TC_REF, 2);

    /* Precharge. */
    rule(t, HBM_CMD_PRE, SC_BANK, HBM_TC_ACT, c->trp);
    rule(t, HBM_CMD_PRE, SC_BANK, HBM_TC_REF, c->trp);
    rule(t, HBM_CMD_PREA, SC_ALL, HBM_TC_ACT, c->trp);
    rule(t, HBM_CMD_PREA, SC_ALL, HBM_TC_REF, c->trp);

    /* Reads. */
    rule2(t, HBM_CMD_RD, HBM_CMD_RDA, SC_BANK, HBM_TC_PRE, c->trtp);
    rule2(t, HBM_CMD_RD, HBM_CMD_RDA, SC_BG, HBM_TC_RD, c->tccd_l);
    rule2(t, HBM_CMD_RD, HBM_CMD_RDA, SC_OTHER_BG, HBM_TC_RD, c->tccd_s);
    rule2(t, HBM_CMD_RD, HBM_CMD_RDA, SC_ALL, HBM_TC_WR, c->trtw);
    rule(t, HBM_CMD_RDA, SC_BANK, HBM_TC_ACT, c->trtp + c->trp);
    rule(t, HBM_CMD_RDA, SC_BANK, HBM_TC_REF, c->trtp + c->trp);

    /* Writes. */
    rule2(t, HBM_CMD_WR, HBM_CMD_WRA, SC_BANK, HBM_TC_PRE, wr_end + c->twr);
    rule2(t, HBM_CMD_WR, HBM_CMD_WRA, SC_BG, HBM_TC_WR, c->tccd_l);
    rule2(t, HBM_CMD_WR, HBM_CMD_WRA, SC_OTHER_BG, HBM_TC_WR, c->tccd_s);
    rule2(t, HBM_CMD_WR, HBM_CMD_WRA, SC_BG, HBM_TC_RD, wr_end + c->twtr_l);
    rule2(t, HBM_CMD_WR, HBM_CMD_WRA, SC_OTHER_BG, HBM_TC_RD, wr_end + c->twtr_s);
    rule(t, HBM_CMD_WRA, SC_BANK, HBM_TC_ACT, wr_end + c->twr + c->trp);
    rule(t, HBM_CMD_WRA, SC_BANK, HBM_TC_REF, wr_end + c->twr + c->trp);

    /* Refresh. */
    rule(t, HBM_CMD_REFPB, SC_BANK, HBM_TC_ACT, c->trfcpb);
    rule(t, HBM_CMD_REFPB, SC_BANK, HBM_TC_REF, c->trfcpb);
    rule(t, HBM_CMD_REFPB, SC_OTHER_BANK, HBM_TC_ACT, c->trrefd);
    rule(t, HBM_CMD_REFPB, SC_OTHER_BANK, HBM_TC_REF, c->trrefd);
    rule(t, HBM_CMD_REFAB, SC_ALL, HBM_TC_ACT, c->trfc);
    rule(t, HBM_CMD_REFAB, SC_ALL, HBM_TC_REF, c->trfc);
}

static int relation(const struct hbm_timing *t, int a, int b)
{
    if (a == b)
        return HBM_REL_SAME_BANK;
    if (a / t->banks_per_group == b / t->banks_per_group)
        return HBM_REL_SAME_BG;
    return HBM_REL_OTHER_BG;
}

void hbm_timing_issue(struct hbm_timing *t, int code, int bank, uint64_t now)
{
    int b, k;

    for (b = 0; b < t->banks; b++) {
        const uint16_t *d = t->delay[code][relation(t, bank, b)];
        uint64_t *e = t->earliest[b];
        for (k = 0; k < HBM_TC_COUNT; k++)
            if (d[k] && e[k] < now + d[k])
                e[k] = now + d[k];
    }
    if (code == HBM_CMD_ACT) {
        t->act_window[0] = t->act_window[1];
        t->act_window[1] = t->act_window[2];
        t->act_window[2] = t->act_window[3];
        t->act_window[3] = now;
        if (t->acts_seen < 4)
            t->acts_seen++;
    }
}

static uint64_t max_u64(uint64_t a, uint64_t b) { return a > b ? a : b; }

uint64_t hbm_timing_earliest(const struct hbm_timing *t, int code, int bank)
{
    uint64_t e = 0;
    int b;

    switch (code) {
    case HBM_CMD_ACT:
        e = t->earliest[bank][HBM_TC_ACT];
        /* Fifth ACT: tFAW after the oldest of the last four (none yet: 0). */
        if (t->acts_seen == 4)
            e = max_u64(e, t->act_window[0] + (uint64_t)t->tfaw);
        return e;
    case HBM_CMD_PRE:
        return t->earliest[bank][HBM_TC_PRE];
    case HBM_CMD_RD: case HBM_CMD_RDA:
        return t->earliest[bank][HBM_TC_RD];
    case HBM_CMD_WR: case HBM_CMD_WRA:
        return t->earliest[bank][HBM_TC_WR];
    case HBM_CMD_REFPB:
        return t->earliest[bank][HBM_TC_REF];
    case HBM_CMD_PREA:
        for (b = 0; b < t->banks; b++)
            e = max_u64(e, t->earliest[b][HBM_TC_PRE]);
        return e;
    case HBM_CMD_REFAB:
        for (b = 0; b < t->banks; b++)
            e = max_u64(e, t->earliest[b][HBM_TC_REF]);
        return e;
    default:
        return 0;
    }
}
