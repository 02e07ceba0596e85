/*
 * hbm_sched.h - the scheduler: read/write mode, the refresh engine's row
 * command, the column pick and the row pick, with the page policy's
 * auto-precharge choice: the C twin of rtl/hbm_sched.v.
 *
 * The decision pipeline (docs/microarchitecture.md): the picks of cycle t
 * decide the commands of cycle t + HBM_PICK_TO_ISSUE; they go into the
 * top's issue register and out on the buses in the next cycle.  The picks
 * of cycle t see the state as the commands of the issue register (issued
 * in t) leave it: the top has applied them to the timing table, the bank
 * state and the queues (pop, closes; the ACT's hits come after the
 * picks), timing is asked for the issue cycle's last DRAM clock (t + 1 at
 * dfi_ratio 1), and a queue whose head leaves
 * in t (leaving[]) has no head in this pick.  In this order:
 *   1. mode: a starved queue head wins (the older of two), else the write
 *      watermarks;
 *   2. refresh: the engine's PREA/REFAB or PRE/REFPB when legal;
 *   3. column pick: the oldest row hit of the active queue whose bank is
 *      ready for RD/WR, not blocked by refresh, not the bank of a starved
 *      head that misses, with a response credit (fcfs: the head only);
 *   4. row pick (when refresh takes no row command): the ACT/PRE of a head
 *      served first (fcfs always, frfcfs once starved) that misses; else
 *      (frfcfs only) the oldest request needing a legal ACT (bank closed)
 *      or PRE (its bank holds a row no request of the active queue hits).
 * Every "oldest entry that ..." is the lowest set bit of the queue's
 * vectors over age positions (hbm_req_queue.h), as in the RTL.
 *
 * Simulation shortcut (not hardware, the only one in the model): each
 * pick is a pure function of the state, so once it fails it keeps failing
 * until the earliest timing bound among its candidates unless the state
 * changes first.  hbm_sched_note() is its one hook: the top reports each
 * change of state there, and the picks are skipped until their wake-up
 * cycle.  Building with -DHBM_MODEL_NO_SHORTCUT evaluates every pick in
 * every cycle; the regression checks both builds issue the same commands.
 */
#ifndef HBM_SCHED_H
#define HBM_SCHED_H

#include <stdint.h>
#include "hbm_bank_state.h"
#include "hbm_config.h"
#include "hbm_datapath.h"
#include "hbm_refresh.h"
#include "hbm_req_queue.h"
#include "hbm_timing.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HBM_Q_READ 0
#define HBM_Q_WRITE 1

struct hbm_sched {
    const struct hbm_config *cfg;
    const struct hbm_req_queue *q[2];      /* read, write */
    const struct hbm_bank_state *banks;
    const struct hbm_timing *timing;
    const struct hbm_refresh *refresh;
    const struct hbm_datapath *data;
    uint64_t group_banks[HBM_MAX_BANKS];   /* banks of each bank group */
    int write_mode;                        /* mode_q */
    int leaving[2];                        /* set by the top: the issue register pops this queue's head */
    /* the shortcut: next cycle each pick may succeed */
    uint64_t col_wake, row_wake, starve_at;
    int col_wants_credit;  /* the column pick last failed for want of a credit */
};

/* The decisions of one cycle: the issue register of the next. */
struct hbm_sched_out {
    int write_mode;             /* the queue both commands serve (the mode of their pick) */
    int row_code, row_bank;     /* HBM_CMD_NOP: none */
    uint32_t row_row;
    int row_pos;                /* age position it serves in its queue; -1: refresh */
    int col_code, col_bank;     /* HBM_CMD_NOP: none */
    int col_pos;                /* age position in its queue */
    uint64_t row_cycle, col_cycle; /* the DRAM clocks they go out in (dfi_ratio 2: either
                                     clock of the issue cycle, the first where legal) */
    uint32_t events;            /* the picks' events (HBM_EVENT_* bits of hbm_cmd.h) */
};

void hbm_sched_init(struct hbm_sched *s, const struct hbm_config *cfg, const struct hbm_req_queue *rq,
                    const struct hbm_req_queue *wq, const struct hbm_bank_state *banks,
                    const struct hbm_timing *timing, const struct hbm_refresh *refresh,
                    const struct hbm_datapath *data);

/* The picks of cycle now, for issue cycle now + HBM_PICK_TO_ISSUE (the
 * refresh engine has decided already; positions are those of the queues
 * as they are now, the issue register's pop done). */
void hbm_sched_decide(struct hbm_sched *s, uint64_t now, struct hbm_sched_out *out);

/* What the shortcut must hear of: every change of the state the picks read. */
enum hbm_sched_event {
    HBM_EV_REFRESH,     /* the refresh engine started a refresh */
    HBM_EV_ROW_CMD,     /* a row command issued (its timing and bank state; again after its ACT's hits) */
    HBM_EV_COL_CMD,     /* a column command issued to bank (popped, closed) */
    HBM_EV_NEW_HEAD,    /* a queue's oldest entry left */
    HBM_EV_REQUEST,     /* a request entered a queue: bank, hit (its row is open) */
    HBM_EV_CREDIT       /* a response was popped */
};
void hbm_sched_note(struct hbm_sched *s, enum hbm_sched_event ev, int bank, int hit);

#ifdef __cplusplus
}
#endif
#endif
