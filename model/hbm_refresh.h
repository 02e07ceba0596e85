/*
 * hbm_refresh.h - the refresh engine.
 *
 * The C twin of rtl/hbm_refresh.v.
 * Owns: when a refresh is owed and which bank it goes to (with the bank
 * closed last, which refresh_pick = recent prefers).  A counter adds
 * one to the refresh debt every tREFI (all_bank) or tREFIpb (per_bank)
 * clocks.  A refresh starts when debt > 0 and either the debt has reached
 * refresh_postpone or the target is idle (all_bank: both request queues
 * empty; per_bank: no queued request for the target bank).  Once started
 * it stays active until its REFAB/REFPB issues, and while active it blocks
 * ACT and column commands to the banks it needs (all banks, or the target
 * bank).  Per-bank targets: the lowest-numbered bank not yet refreshed in
 * the current round that has no queued request, else the lowest-numbered
 * bank not yet refreshed; a round ends when all banks are refreshed.
 */
#ifndef HBM_REFRESH_H
#define HBM_REFRESH_H

#include <stdint.h>
#include "hbm_config.h"

#ifdef __cplusplus
extern "C" {
#endif

struct hbm_refresh {
    int mode;            /* enum hbm_refresh_mode */
    int postpone;        /* refresh_postpone      */
    int banks;
    uint32_t interval;   /* tREFI or tREFIpb      */
    uint32_t timer;      /* clocks until the next debt increment */
    int debt;            /* refreshes owed, 0..15 */
    int active;          /* a refresh is in progress */
    int bank;            /* its bank (per_bank)   */
    uint64_t done_mask;  /* banks refreshed this round (per_bank) */
    int pick;            /* refresh_pick          */
    int last_closed;     /* bank of the latest PRE or RDA/WRA (its
                            column command wins a cycle with both) */
    int last_closed_end; /* 1: that RDA/WRA was on the row's last column */
};

/* Reset state for cfg's refresh mode: no debt, interval counter full, nothing refreshed. */
void hbm_refresh_init(struct hbm_refresh *r, const struct hbm_config *cfg);

/*
 * Start of a cycle: decide whether a refresh starts now.  busy_banks has
 * bit b set when a queued request targets bank b; queues_empty is 1 when
 * both request queues are empty.  A per-bank refresh takes an idle bank
 * not yet refreshed this round.  refresh_pick = lowest: the lowest such
 * bank, at once.  refresh_pick = recent: the bank closed last, if it
 * qualifies and was not closed on its row's last column (a stream that
 * leaves a bank in mid-row is busy elsewhere until it comes back for the
 * rest of the row; one that leaves at the row's end may want the bank
 * next, in the following row); else nothing until (refresh_postpone + 1)
 * / 2 refreshes are owed, then the lowest such bank.  When no bank is idle
 * and the debt has reached refresh_postpone: the lowest bank not yet
 * refreshed.
 */
void hbm_refresh_decide(struct hbm_refresh *r, uint64_t busy_banks, int queues_empty);

/* Banks that may not take ACT or column commands this cycle. */
uint64_t hbm_refresh_blocked(const struct hbm_refresh *r);

/*
 * A bank was closed this cycle: by a PRE (at_row_end 0), or by an RDA/WRA
 * (at_row_end: on its row's last column), which wins a cycle with both.
 * refresh_pick = recent looks at the latest.
 */
void hbm_refresh_bank_closed(struct hbm_refresh *r, int bank, int at_row_end);

/* The REFAB or REFPB of the active refresh issued this cycle. */
void hbm_refresh_done(struct hbm_refresh *r);

/* End of a controller cycle of `clocks` DRAM clocks (dfi_ratio): count
 * towards the next refresh.  Returns 1 if the debt grew. */
int hbm_refresh_tick(struct hbm_refresh *r, int clocks);

#ifdef __cplusplus
}
#endif
#endif
