/*
 * hbm_axi_master.h - an AXI4 master that turns a request source (a trace
 * or a built-in workload, 32-byte requests) into AXI bursts, for runs of
 * the controller behind its AXI4 front end (model/hbm_axi.h).
 *
 * Owns: the bursts (consecutive requests of one direction at consecutive
 * addresses, up to burst_bytes, never across 4 KiB, INCR with 32-byte
 * beats), their IDs (in turn over `ids`), the write data (a hash of the
 * address and the write's number, every byte enabled), the ordering a
 * master keeps itself (a burst that overlaps an outstanding burst of the
 * other direction waits for it: reads see exactly the writes that got
 * their B before the AR), a reference memory updated at each OKAY B, and
 * the checks of every R beat and B against it; the statistics of the run
 * at the AXI port (beats, bursts, read latency from the AR handshake to
 * the burst's first and last R beat).
 *
 * One cycle: hbm_axi_master_drive() fills the master's AXI inputs for the
 * cycle (valid and payload from its state: held until the handshake);
 * hbm_axi_master_observe() takes the slave's outputs of the same cycle
 * and does the handshakes.
 */
#ifndef HBM_AXI_MASTER_H
#define HBM_AXI_MASTER_H

#include <stdint.h>
#include "hbm_axi.h"
#include "hbm_source.h"

#ifdef __cplusplus
extern "C" {
#endif

struct hbm_axi_master_stats {
    uint64_t read_bursts, write_bursts, read_beats, write_beats;
    uint64_t errors;                      /* responses other than OKAY (none expected) */
    uint64_t data_errors;                 /* R bytes that differ from the reference */
    uint64_t flagged;                     /* R beats SLVERR for data the controller's ECC could
                                             not correct (hbm_axi_master_set_ecc), not checked */
    uint64_t lat_first_sum, lat_last_sum; /* AR handshake to first / last R beat, cycles */
    uint64_t lat_first_min, lat_first_max;
};

typedef struct hbm_axi_master hbm_axi_master;

/* A master on src (not owned; NULL: a master with nothing to send) with bursts of up to burst_bytes (32..8192,
 * a multiple of 32) and `ids` AXI IDs (1..16); NULL when out of memory. */
hbm_axi_master *hbm_axi_master_create(hbm_source *src, int burst_bytes, int ids, uint64_t seed);
void hbm_axi_master_free(hbm_axi_master *m);

/* The controller runs ecc = secded: an R beat with SLVERR is flagged data
 * (counted in flagged, its bytes not checked), not an error. */
void hbm_axi_master_set_ecc(hbm_axi_master *m, int on);

/* Add base (a multiple of 4 KiB) to every address of the source: a port's
 * slice of the stack. */
void hbm_axi_master_set_base(hbm_axi_master *m, uint64_t base);

/* Fill in with this cycle's master outputs; -1 with err on a source error. */
int hbm_axi_master_drive(hbm_axi_master *m, uint64_t now, struct hbm_axi_in *in, char *err);

/* The handshakes of this cycle, given the slave's outputs. */
void hbm_axi_master_observe(hbm_axi_master *m, uint64_t now, const struct hbm_axi_in *in,
                            const struct hbm_axi_out *out);

/* 1 once the source is done and every burst has its response. */
int hbm_axi_master_done(const hbm_axi_master *m);

const struct hbm_axi_master_stats *hbm_axi_master_stats(const hbm_axi_master *m);

#ifdef __cplusplus
}
#endif
#endif
