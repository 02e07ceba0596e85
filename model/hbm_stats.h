/*
 * hbm_stats.h - the statistics of a run, counted from what a controller
 * shows on its interfaces: the commands it issues and the responses it
 * returns.  The golden model counts its own with these functions, and the
 * lockstep testbench counts the RTL's from its DFI buses and response port
 * with the same functions, so the two cannot count differently.
 *
 * Owns: struct hbm_stats, the counting rules (which command counts as
 * what), the read-latency histogram and its percentiles.
 */
#ifndef HBM_STATS_H
#define HBM_STATS_H

#include <stdint.h>
#include "hbm_cmd.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HBM_LAT_BINS 65536

struct hbm_stats {
    uint64_t cycles;
    uint64_t reads, writes;           /* completed requests */
    uint64_t bytes_read, bytes_written;
    uint64_t data_busy_cycles;        /* data-bus clocks carrying bursts */
    uint64_t row_hits, row_misses, row_conflicts;
    uint64_t acts, precharges, auto_precharges;
    uint64_t refreshes;               /* REFAB + REFPB */
    uint64_t refabs, refpbs;          /* ... each kind */
    uint64_t col_reads, col_writes;   /* RD/RDA and WR/WRA commands (bursts on the DQ pins) */
    /* DRAM clocks with at least one bank open (an ACT opens its bank from
     * its clock on; PRE, PREA, RDA and WRA close from theirs), up to the
     * last command; hbm_stats_active_cycles() adds the open tail */
    uint64_t active_cycles;
    uint64_t open_banks;              /* bit bg * 8 + ba: the bank is open */
    uint64_t active_since;            /* clock the banks last went from all closed to one open */
    uint64_t read_latency_sum, read_latency_max;
    uint64_t burst_overlaps;          /* must stay 0: a burst began while another ran */
    uint64_t reads_forwarded;         /* reads answered from a queued write's data (also in reads) */
    uint64_t ecc_corrected;           /* ecc = secded: 64-bit words read with one bit corrected */
    uint64_t ecc_uncorrectable;       /* ... with an error it could only detect (flagged) */
    uint64_t ecc_rmw;                 /* partial writes done as read-modify-write */
    uint64_t latency_hist[HBM_LAT_BINS]; /* read latency, last bin = that or more */
};

/*
 * Count one issued command: ACT, PRE/PREA, REFAB/REFPB by code; a column
 * command by its cause (row hit, miss, conflict), tburst data-bus clocks,
 * and an auto-precharge for RDA/WRA.
 */
void hbm_stats_command(struct hbm_stats *s, const struct hbm_cmd *cmd, int tburst);

/*
 * Count one completed request of burst_bytes: a write, or a read whose
 * latency is done_cycle (its last data beat) - accept_cycle (its request
 * handshake).
 */
void hbm_stats_response(struct hbm_stats *s, int is_write, uint64_t accept_cycle,
                        uint64_t done_cycle, int burst_bytes);

/* DRAM clocks of the run (s->cycles) with at least one bank open. */
uint64_t hbm_stats_active_cycles(const struct hbm_stats *s);

/* Nearest-rank percentile (1..100) of read latency in cycles; 0 with no reads. */
uint64_t hbm_stats_latency_percentile(const struct hbm_stats *s, int pct);

/*
 * 1 if a and b hold the same counts (every field, the histogram too);
 * else 0, the name of the first field that differs in *field and its two
 * values in *va and *vb (for the histogram: the first bin that differs,
 * named latency_hist).
 */
int hbm_stats_equal(const struct hbm_stats *a, const struct hbm_stats *b, const char **field,
                    uint64_t *va, uint64_t *vb);

#ifdef __cplusplus
}
#endif
#endif
