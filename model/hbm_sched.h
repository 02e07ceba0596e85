/*
 * hbm_sched.h - the scheduler: read/write mode, the refresh engine's row
 * command, the column pick and the row pick, with the page policy's
 * auto-precharge choice: the C twin of rtl/hbm_sched.v.
 *
 * The decision pipeline (docs/microarchitecture.md): four stages, one
 * clock each (HBM_CAND_TO_PICK, two: candidate and reduce, and
 * HBM_PICK_TO_ISSUE of hbm_model.h name them; this file implements
 * exactly one clock for each).  The
 * candidate stage of cycle t sees the state as the commands of the issue
 * register (on the buses in t) leave it: the top has applied them to the
 * timing table, the bank state and the queues (pop, closes; the ACT's hits
 * come after: no PRE for the bank it opens), and a queue whose head leaves
 * in t (leaving[]) has no starved head (under fcfs the next entry is the
 * head at once).
 * It asks no timing rule; it fills the candidate register (struct
 * hbm_sched_cand), in this order:
 *   1. mode: a read head waiting for a write drains writes; else a starved
 *      queue head wins (the older of two), else the write watermarks and
 *      the read queue's low watermark;
 *   2. refresh: the engine's next command (PREA/REFAB or PRE/REFPB);
 *   3. column: the row hits of the active queue on banks not blocked by
 *      refresh, not the bank of a starved head that misses (fcfs: the head
 *      and the entry after it), each with the page policy's
 *      auto-precharge choice;
 *   4. row: the head's ACT/PRE when it is served first (fcfs always,
 *      frfcfs once starved) and misses; else (frfcfs only) every request
 *      needing an ACT (bank closed) or a PRE (its bank holds a row no
 *      request of the active queue hits).
 * The reduce stage of the next cycle keeps, per bank, the oldest column
 * and the oldest row candidate of that register (fcfs: the head alone),
 * without the entry the issue register pops and without the banks its
 * commands touch (ACT, PRE, PREA, REFAB, REFPB, RDA, WRA; the refresh
 * and the head's row command too), in the bank candidate register.
 * The pick stage of the cycle after chooses from that register what is
 * legal in its issue cycle (the table then holds the issue register's
 * commands too): the refresh command, else the head's row command, else
 * the oldest bank candidate with a legal ACT or PRE; the oldest column
 * bank candidate with a legal RD/WR and a response credit.  It drops
 * every candidate of a bank the issue register's commands touch, the
 * column candidate of the bank of its column command, and the entry it
 * pops (hbm_sched_issued).  Its commands go into the top's issue register
 * and out on the buses HBM_PICK_TO_ISSUE cycles later.  Legality is per
 * bank, so the oldest legal bank candidate is the oldest legal candidate.
 * Every "oldest entry that ..." is the lowest set bit of the queue's
 * vectors over age positions (hbm_req_queue.h), as in the RTL.
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

/* The candidate register: what the pick of the next cycle chooses from
 * (vectors over the age positions of the mode's queue). */
struct hbm_sched_cand {
    int mode;                   /* the queue: 0 read, 1 write */
    uint64_t col, ap;           /* row hits that may take RD/WR; of them, with auto-precharge */
    uint64_t act, pre;          /* entries that may take an ACT (bank closed) / a PRE (no hit left) */
    int head_miss;              /* the head is served first and misses: its row command alone */
    int head_bank, head_code, head_blocked;
    int ref_code, ref_bank;     /* the refresh engine's next command (HBM_CMD_NOP: none) */
};

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
    struct hbm_sched_cand k;               /* the candidate register */
    struct hbm_sched_cand kb;              /* the bank candidate register (reduce stage):
                                              at most one column and one row candidate
                                              per bank, its oldest */
    int col_bank_now;                      /* the issue register's column command's bank (-1: none) */
    uint64_t touched;                      /* banks the issue register's commands open or close */
    uint64_t act_now;                      /* the bank its ACT opens (no hits until the edge) */
    int window[2];                         /* per queue: the positions the candidate stage sees
                                              (sched_window; the whole queue if 0 or larger) */
    int popped[2];                         /* the issue register's column command pops this queue */
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

/* The pick of cycle now, for issue cycle now + HBM_PICK_TO_ISSUE, from the
 * bank candidate register, then the reduce stage of cycle now (from the
 * candidate register), then the candidate stage of cycle now (the refresh
 * engine has decided already; positions are those of the queues as they
 * are now, the issue register's pop done). */
void hbm_sched_decide(struct hbm_sched *s, uint64_t now, struct hbm_sched_out *out);

/* The issue register's commands, before the top pops their entry: the
 * banks they touch, and the popped entry leaves the candidates. */
void hbm_sched_issued(struct hbm_sched *s, const struct hbm_sched_out *d);

#ifdef __cplusplus
}
#endif
#endif
