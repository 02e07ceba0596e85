/*
 * hbm_timing.c - the timing constraint table and the per-bank earliest
 * cycles; see hbm_timing.h and docs/timing.md.
 */
#include "hbm_timing.h"

#include <stdio.h>
#include <string.h>

/* Scopes a rule is written for; expanded to relations by rule(). */
enum scope {
    SC_BANK,      /* the same bank                 */
    SC_BG,        /* any bank of the same group    */
    SC_OTHER_BG,  /* any bank of another group     */
    SC_OTHER_SID, /* any bank of another stack ID  */
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
        case SC_BG: applies = rel == HBM_REL_SAME_BANK || rel == HBM_REL_SAME_BG; break;
        case SC_OTHER_BG: applies = rel == HBM_REL_OTHER_BG || rel == HBM_REL_OTHER_SID; break;
        case SC_OTHER_SID: applies = rel == HBM_REL_OTHER_SID; break;
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

int hbm_timing_init(struct hbm_timing *t, const struct hbm_config *c, char *err)
{
    int cmd, k;
    int wr_end = c->wl + c->tburst;   /* last write data beat + 1 */

    memset(t, 0, sizeof *t);
    t->banks = c->banks;
    t->banks_per_group = c->banks_per_group;
    t->group_shift = c->ba_bits;
    t->sid_shift = c->sid_shift;
    t->sids = c->stack_ids;
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
    rule(t, HBM_CMD_PRE, SC_ALL, HBM_TC_PRE, c->tppd);
    rule(t, HBM_CMD_PREA, SC_ALL, HBM_TC_PRE, c->tppd);

    /* Reads. */
    rule2(t, HBM_CMD_RD, HBM_CMD_RDA, SC_BANK, HBM_TC_PRE, c->trtp);
    rule2(t, HBM_CMD_RD, HBM_CMD_RDA, SC_BG, HBM_TC_RD, c->tccd_l);
    rule2(t, HBM_CMD_RD, HBM_CMD_RDA, SC_OTHER_BG, HBM_TC_RD, c->tccd_s);
    rule2(t, HBM_CMD_RD, HBM_CMD_RDA, SC_OTHER_SID, HBM_TC_RD, c->tccd_r);
    rule2(t, HBM_CMD_RD, HBM_CMD_RDA, SC_ALL, HBM_TC_WR, c->trtw);
    rule(t, HBM_CMD_RDA, SC_BANK, HBM_TC_ACT, c->trtp + c->trp);
    rule(t, HBM_CMD_RDA, SC_BANK, HBM_TC_REF, c->trtp + c->trp);

    /* Writes. */
    rule2(t, HBM_CMD_WR, HBM_CMD_WRA, SC_BANK, HBM_TC_PRE, wr_end + c->twr);
    rule2(t, HBM_CMD_WR, HBM_CMD_WRA, SC_BG, HBM_TC_WR, c->tccd_l);
    rule2(t, HBM_CMD_WR, HBM_CMD_WRA, SC_OTHER_BG, HBM_TC_WR, c->tccd_s);
    rule2(t, HBM_CMD_WR, HBM_CMD_WRA, SC_OTHER_SID, HBM_TC_WR, c->tccd_r);
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

    for (cmd = 0; cmd < HBM_CMD_COUNT; cmd++)
        for (k = 0; k < HBM_TC_COUNT; k++) {
            if (t->delay[cmd][HBM_REL_SAME_BANK][k] < t->delay[cmd][HBM_REL_SAME_BG][k] ||
                t->delay[cmd][HBM_REL_SAME_BG][k] < t->delay[cmd][HBM_REL_OTHER_BG][k] ||
                t->delay[cmd][HBM_REL_OTHER_SID][k] < t->delay[cmd][HBM_REL_OTHER_BG][k]) {
                if (err)
                    snprintf(err, HBM_ERR_MAX,
                             "%s: %s delays a later command class %d less in its own bank (%d), group (%d) "
                             "or another stack ID (%d) than in another group of its stack ID (%d)",
                             c->source, hbm_cmd_name(cmd), k,
                             t->delay[cmd][HBM_REL_SAME_BANK][k], t->delay[cmd][HBM_REL_SAME_BG][k],
                             t->delay[cmd][HBM_REL_OTHER_SID][k], t->delay[cmd][HBM_REL_OTHER_BG][k]);
                return -1;
            }
        }
    /* Keep only the updates that can raise a level (see hbm_timing_issue). */
    for (cmd = 0; cmd < HBM_CMD_COUNT; cmd++) {
        int n = 0;
        for (k = 0; k < HBM_TC_COUNT; k++) {
            int d_other = t->delay[cmd][HBM_REL_OTHER_BG][k];
            int d_sid = t->delay[cmd][HBM_REL_OTHER_SID][k];
            int d_group = t->delay[cmd][HBM_REL_SAME_BG][k];
            int d_bank = t->delay[cmd][HBM_REL_SAME_BANK][k];
            if (d_other)
                t->updates[cmd][n++] = (struct hbm_timing_update){ 0, (uint8_t)k, (uint16_t)d_other };
            if (d_sid > d_other && t->sids > 1)
                t->updates[cmd][n++] = (struct hbm_timing_update){ 1, (uint8_t)k, (uint16_t)d_sid };
            if (d_group > d_other)
                t->updates[cmd][n++] = (struct hbm_timing_update){ 2, (uint8_t)k, (uint16_t)d_group };
            if (d_bank > d_group)
                t->updates[cmd][n++] = (struct hbm_timing_update){ 3, (uint8_t)k, (uint16_t)d_bank };
        }
        t->n_updates[cmd] = n;
    }
    return 0;
}

static void raise_to(uint64_t *e, uint64_t v)
{
    if (*e < v)
        *e = v;
}

void hbm_timing_issue(struct hbm_timing *t, int code, int bank, uint64_t now)
{
    uint64_t *level[4];
    int i, s, own = bank >> t->sid_shift;

    level[0] = t->chan;
    level[1] = NULL;
    level[2] = t->group[bank >> t->group_shift];
    level[3] = t->bank[bank];
    for (i = 0; i < t->n_updates[code]; i++) {
        const struct hbm_timing_update *u = &t->updates[code][i];
        if (u->level == 1) {
            for (s = 0; s < t->sids; s++)
                if (s != own)
                    raise_to(&t->sid[s][u->cls], now + u->delay);
        } else
            raise_to(&level[u->level][u->cls], now + u->delay);
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
        e = hbm_timing_class(t, HBM_TC_ACT, bank);
        /* Fifth ACT: tFAW after the oldest of the last four (none yet: 0). */
        if (t->acts_seen == 4)
            e = max_u64(e, t->act_window[0] + (uint64_t)t->tfaw);
        return e;
    case HBM_CMD_PRE:
        return hbm_timing_class(t, HBM_TC_PRE, bank);
    case HBM_CMD_RD: case HBM_CMD_RDA:
        return hbm_timing_class(t, HBM_TC_RD, bank);
    case HBM_CMD_WR: case HBM_CMD_WRA:
        return hbm_timing_class(t, HBM_TC_WR, bank);
    case HBM_CMD_REFPB:
        return hbm_timing_class(t, HBM_TC_REF, bank);
    case HBM_CMD_PREA:
        for (b = 0; b < t->banks; b++)
            e = max_u64(e, hbm_timing_class(t, HBM_TC_PRE, b));
        return e;
    case HBM_CMD_REFAB:
        for (b = 0; b < t->banks; b++)
            e = max_u64(e, hbm_timing_class(t, HBM_TC_REF, b));
        return e;
    default:
        return 0;
    }
}
