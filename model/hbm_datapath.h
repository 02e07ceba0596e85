/*
 * hbm_datapath.h - write data out, read data in, responses and their
 * credits: the C twin of rtl/hbm_datapath.v.
 *
 * Owns: the bursts in flight between a column command and its data (a
 * column command issued in DRAM clock t puts its burst on the DFI data
 * buses from t + WL (write) or t + RL (read), one 16-byte word per DRAM
 * clock for tBURST clocks; hbm_datapath_step runs once per DRAM clock),
 * the response FIFO (a burst's response enters it in the controller clock
 * of its last word and is offered from the next one), and the
 * response credits: a column command may issue only while
 * resp_queue_depth > responses held + commands whose response is not yet
 * queued + responses popped this cycle (their slots free at the edge).
 * With ecc = secded it codes each 64-bit word of write data into its 8
 * check bits as the word goes out (a word whose 8 byte enables are all
 * off is poisoned: two check bits inverted, so that it reads back
 * uncorrectable; the read-modify-write of a partial write over data it
 * could not correct writes such words), and checks and corrects each read
 * word as it comes in: the counts of corrected and uncorrectable words,
 * and a response flagged ecc_error if any word of its burst was
 * uncorrectable (a write's: if it wrote poisoned words).
 */
#ifndef HBM_DATAPATH_H
#define HBM_DATAPATH_H

#include <stdint.h>
#include "hbm_config.h"
#include "hbm_device.h"
#include "hbm_model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HBM_DP_LINE 128      /* delay line: RL, WL <= 63 */
#define HBM_DP_FIFO 64

/* A burst on its way to or from the data bus. */
struct hbm_dp_burst {
    int valid, is_write;
    uint32_t id;
    uint64_t accept;                 /* its request's handshake at the port (the latency's start) */
    uint8_t data[HBM_BURST_BYTES];   /* write data out, or read data in */
    uint32_t enable;
    int ecc_error;                   /* a word read was uncorrectable, or a poisoned write */
};

struct hbm_datapath {
    int rl, wl, tburst, depth, ecc;
    struct hbm_dp_burst line[HBM_DP_LINE];  /* by the cycle of their first DFI clock */
    struct hbm_dp_burst cur;                /* the burst on the data bus now */
    int cur_beat;                           /* its DFI clock, 0 .. tburst-1 */
    struct hbm_resp fifo[HBM_DP_FIFO];
    int head, n;
    int inflight;        /* column commands whose response is not yet queued */
    int credit_return;   /* responses popped this cycle */
    uint64_t overlaps;   /* must stay 0: a burst began while another ran */
    uint64_t ecc_corrected, ecc_uncorrectable;   /* 64-bit words read (ecc = secded) */
};

void hbm_datapath_init(struct hbm_datapath *d, const struct hbm_config *cfg);

/* Credits a column command may use now (> 0: it may issue). */
static inline int hbm_datapath_credits(const struct hbm_datapath *d)
{
    return d->depth - d->n - d->credit_return - d->inflight;
}

/* A column command issued in cycle now: its burst, with the write's data. */
void hbm_datapath_issue(struct hbm_datapath *d, uint64_t now, int is_write, uint32_t id,
                        uint64_t accept, const uint8_t *data, uint32_t enable);

/*
 * The data buses in cycle now: drive write data to dev, take read data
 * from it.  Returns the response queued in this clock (a burst's last
 * word), or NULL.
 */
const struct hbm_resp *hbm_datapath_step(struct hbm_datapath *d, hbm_device *dev, uint64_t now);

/* The response port: 1 if one is offered; take the oldest (1 if taken). */
static inline int hbm_datapath_resp_valid(const struct hbm_datapath *d) { return d->n > 0; }
int hbm_datapath_pop(struct hbm_datapath *d, struct hbm_resp *out);

/* The clock edge: popped responses' slots are free again. */
static inline void hbm_datapath_edge(struct hbm_datapath *d) { d->credit_return = 0; }

#ifdef __cplusplus
}
#endif
#endif
