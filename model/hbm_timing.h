/*
 * hbm_timing.h - the scheduler's view of DRAM timing: for every bank, the
 * earliest cycle at which each class of command may issue.
 *
 * Owns: the constraint table built once from the config (which command,
 * to which bank relation -- same bank, same bank group, another group of
 * the stack ID, another stack ID -- delays which command class, by how much), the
 * per-bank earliest-cycle array it updates, the four-activate window and
 * the row bus held by a two-clock ACT.  Every rule of docs/timing.md is in
 * hbm_timing_build(); nowhere else in the model is a timing value used.
 * The RTL builds the same rules from hbm_timer/hbm_faw counters: a
 * counter loaded with max(count, delay) and counting down is the same
 * function as "earliest = max(earliest, now + delay)".
 */
#ifndef HBM_TIMING_H
#define HBM_TIMING_H

#include <stdint.h>
#include "hbm_cmd.h"
#include "hbm_config.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Classes of the command that waits (model/hbm_encoding.def). */
enum hbm_tclass {
#define HBM_TCLASS(name, index) HBM_TC_##name = index,
#include "hbm_encoding.def"
#undef HBM_TCLASS
    HBM_TC_COUNT
};

/* Relation of the bank that waits to the bank a command went to. */
enum hbm_relation {
#define HBM_REL(name, index) HBM_REL_##name = index,
#include "hbm_encoding.def"
#undef HBM_REL
    HBM_REL_COUNT
};

#define HBM_MAX_BANKS 64
#define HBM_MAX_SIDS 4

struct hbm_timing {
    /* delay[cmd][relation][class]: 0 means no constraint */
    uint16_t delay[HBM_CMD_COUNT][HBM_REL_COUNT][HBM_TC_COUNT];
    /* The non-zero updates of each command, precomputed from delay[]. */
    struct hbm_timing_update {
        uint8_t level;   /* 0 channel, 1 the other stack IDs, 2 bank group, 3 bank */
        uint8_t cls;
        uint16_t delay;
    } updates[HBM_CMD_COUNT][4 * HBM_TC_COUNT];
    int n_updates[HBM_CMD_COUNT];
    int banks, banks_per_group;
    int group_shift;          /* bank index >> group_shift = bank group */
    int sid_shift;            /* bank index >> sid_shift = stack ID     */
    int sids;
    int tfaw;
    /*
     * Earliest cycles kept at four levels: per bank (bank machines), per
     * bank group, per stack ID for commands to the other stack IDs, and
     * per channel (scheduler).  A bank's earliest cycle for a class is the
     * maximum of the four (the RTL folds them into one counter per bank,
     * loaded with each bank's relation).  This is exact because every
     * rule's delay never grows from same bank to same group to another
     * group of the stack ID, nor from another stack ID to another group of
     * the same one (checked by hbm_timing_init).
     */
    uint64_t bank[HBM_MAX_BANKS][HBM_TC_COUNT];
    uint64_t group[HBM_MAX_BANKS][HBM_TC_COUNT];
    uint64_t sid[HBM_MAX_SIDS][HBM_TC_COUNT];
    uint64_t chan[HBM_TC_COUNT];
    uint64_t act_window[4];  /* cycles of the last four ACTs, oldest first */
    int acts_seen;           /* ACTs so far, saturating at 4              */
};

/*
 * Build the table from cfg and clear all state (everything legal at 0).
 * Returns 0, or -1 with the name of the rule that breaks the level order
 * in err (a config hbm_config_finish accepted never does).
 */
int hbm_timing_init(struct hbm_timing *t, const struct hbm_config *cfg, char *err);

/* Record that cmd went to flat bank index `bank` at cycle now; PREA and REFAB ignore the bank. */
void hbm_timing_issue(struct hbm_timing *t, int code, int bank, uint64_t now);

/* Earliest cycle at which command code may go to flat bank index `bank` (timing only, not bank state). */
uint64_t hbm_timing_earliest(const struct hbm_timing *t, int code, int bank);

/* Earliest cycle of a command class at a bank: the latest of its four levels. */
static inline uint64_t hbm_timing_class(const struct hbm_timing *t, int cls, int bank)
{
    uint64_t e = t->bank[bank][cls];
    uint64_t g = t->group[bank >> t->group_shift][cls];
    uint64_t s = t->sid[bank >> t->sid_shift][cls];
    uint64_t c = t->chan[cls];
    if (g > e)
        e = g;
    if (s > e)
        e = s;
    return c > e ? c : e;
}

/* 1 if cmd may go to bank at cycle now as far as timing is concerned. */
static inline int hbm_timing_ok(const struct hbm_timing *t, int code, int bank, uint64_t now)
{
    switch (code) {
    case HBM_CMD_RD: case HBM_CMD_RDA:
        return hbm_timing_class(t, HBM_TC_RD, bank) <= now;
    case HBM_CMD_WR: case HBM_CMD_WRA:
        return hbm_timing_class(t, HBM_TC_WR, bank) <= now;
    case HBM_CMD_PRE:
        return hbm_timing_class(t, HBM_TC_PRE, bank) <= now;
    default:
        return hbm_timing_earliest(t, code, bank) <= now;
    }
}

#ifdef __cplusplus
}
#endif
#endif
