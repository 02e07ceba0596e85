/*
 * hbm_req_queue.h - one request queue (read or write) in arrival order,
 * and which of its entries hit their bank's open row: the C twin of
 * rtl/hbm_req_queue.v, with the same state.
 *
 * Owns: entries in fixed slots (the lowest free slot after this cycle's
 * pop takes a push; a write's data lives in its slot), the age list
 * order[] (slot of the i-th oldest; a pop collapses it), and the vectors
 * over age positions the scheduler works on: hit (bit i: the i-th oldest
 * targets the row its bank holds open) and bank_pos[b] (bit i: the i-th
 * oldest targets bank b).  Bank events keep hit up to date: a close clears
 * the bank's bits, an ACT compares the row of the bank's entries once.
 * Read-after-write (docs/microarchitecture.md): a write queue knows per
 * slot whether its entry is the newest queued write to its burst and
 * whether it writes all 32 bytes; a read queue keeps per position whether
 * the entry waits for a write (wait, bit i: the i-th oldest) and which
 * write-queue slot it waits for (the entry's dep).
 */
#ifndef HBM_REQ_QUEUE_H
#define HBM_REQ_QUEUE_H

#include <stdint.h>
#include "hbm_config.h"
#include "hbm_bits.h"
#include "hbm_timing.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HBM_QUEUE_MAX 64

/* Row commands an entry needed before its column command (the RTL's flags_q). */
#define HBM_QF_ACT 1u
#define HBM_QF_PRE 2u

struct hbm_queue_entry {
    uint64_t addr;        /* burst address: the hazard probe's key */
    uint64_t accept;      /* cycle it entered the queue (its age: starve_limit, write vs read) */
    uint64_t arrive;      /* cycle of its handshake at the request port (its latency) */
    uint32_t id;
    uint16_t bank, col;
    uint32_t row;
    uint8_t flags;        /* HBM_QF_* */
    int8_t dep;           /* read queue: write-queue slot it waits for (wait bit set), else -1 */
};

struct hbm_req_queue {
    int depth, n;
    struct hbm_queue_entry slot[HBM_QUEUE_MAX];
    uint8_t order[HBM_QUEUE_MAX];              /* slot_q: slot of the i-th oldest */
    uint64_t free_slots;                        /* free_q */
    uint64_t hit;                               /* hit_q */
    uint64_t bank_pos[HBM_MAX_BANKS];           /* bank_mask_q */
    uint64_t busy;                              /* banks b with bank_pos[b] != 0 */
    uint64_t hit_banks;                         /* banks b with hit & bank_pos[b] != 0 */
    uint64_t wait;                              /* wait_q: positions waiting for a write */
    uint64_t newest;                            /* newest_q: by slot, no younger write to its burst */
    uint64_t full;                              /* full_q: by slot, all 32 byte enables set */
    uint8_t data[HBM_QUEUE_MAX][HBM_BURST_BYTES]; /* write data by slot */
    uint32_t enable[HBM_QUEUE_MAX];
};

/* An empty queue of depth entries (1..HBM_QUEUE_MAX). */
void hbm_req_queue_init(struct hbm_req_queue *q, int depth);

/* The entry at age position pos (0 = oldest, < n). */
static inline struct hbm_queue_entry *hbm_req_queue_at(struct hbm_req_queue *q, int pos)
{
    return &q->slot[q->order[pos]];
}
static inline const struct hbm_queue_entry *hbm_req_queue_at_c(const struct hbm_req_queue *q, int pos)
{
    return &q->slot[q->order[pos]];
}

/* 1 if a request to this burst address is queued (the hazard probe). */
int hbm_req_queue_holds(const struct hbm_req_queue *q, uint64_t burst_addr);

/* The slot of the newest queued request to this burst address (the one
 * pushed last, while it is queued), -1 if none. */
int hbm_req_queue_newest(const struct hbm_req_queue *q, uint64_t burst_addr);

/* 1 if the entry in slot s writes all 32 bytes. */
static inline int hbm_req_queue_full(const struct hbm_req_queue *q, int s)
{
    return (int)(q->full >> s & 1);
}

/*
 * Append e as the youngest entry; hit says it hits its bank's open row
 * (after this cycle's bank events); data and enable are kept for writes
 * (data may be NULL).  The queue must not be full.  e->dep >= 0 makes the
 * entry wait for the write in that write-queue slot.  The entry becomes
 * the newest to its burst; the older ones to it stop being the newest.
 */
void hbm_req_queue_push(struct hbm_req_queue *q, const struct hbm_queue_entry *e, int hit,
                        const uint8_t *data, uint32_t enable);

/* Remove the entry at age position pos; the younger ones move down one. */
void hbm_req_queue_pop(struct hbm_req_queue *q, int pos);

/* The write in write-queue slot s has left its queue: entries waiting for it stop waiting. */
void hbm_req_queue_write_done(struct hbm_req_queue *q, int s);

/* Bank events: the bank closed (PRE, PREA, RDA/WRA), or opened row (ACT). */
void hbm_req_queue_bank_closed(struct hbm_req_queue *q, int bank);
void hbm_req_queue_bank_opened(struct hbm_req_queue *q, int bank, uint32_t row);

/* Banks with at least one entry that hits their open row (kept as the vectors change). */
static inline uint64_t hbm_req_queue_hit_banks(const struct hbm_req_queue *q)
{
    return q->hit_banks;
}

/* Positions of the entries of the banks in mask. */
static inline uint64_t hbm_req_queue_positions(const struct hbm_req_queue *q, uint64_t mask)
{
    uint64_t pos = 0;
    mask &= q->busy;
    while (mask) {
        pos |= q->bank_pos[hbm_lowest_bit(mask)];
        mask &= mask - 1;
    }
    return pos;
}

#ifdef __cplusplus
}
#endif
#endif
