/*
 * hbm_drive.h - the one stimulus loop: drives a controller port
 * (hbm_port.h: the model, the RTL, or the two in lockstep) with a request
 * source, one clock at a time.  It offers the next request once its
 * earliest cycle has come (withheld in req_gap_pct % of cycles, seeded),
 * takes a response whenever one is offered (refused in resp_stall_pct % of
 * cycles), hands out request ids not in flight, and checks read data
 * against a scoreboard when one is given.  The random draws come in a
 * fixed order (gap, then stall), so every port sees the same stimulus for
 * the same seed.  hbmsim and vhbm both run it; hbm_drive_without_refresh
 * runs it once more on the model with refresh off for the refresh cost.
 */
#ifndef HBM_DRIVE_H
#define HBM_DRIVE_H

#include <stdint.h>
#include <stdio.h>
#include "hbm_config.h"
#include "hbm_fcov.h"
#include "hbm_model.h"
#include "hbm_port.h"
#include "hbm_report.h"
#include "hbm_scoreboard.h"
#include "hbm_source.h"

#ifdef __cplusplus
extern "C" {
#endif

struct hbm_drive_opts {
    const char *tool;          /* prefix of messages ("hbmsim") */
    FILE *msg;                 /* where they go (NULL: stderr) */
    uint64_t seed;             /* back-pressure and write data, as hbmsim --seed */
    uint64_t resp_stall_pct;   /* 0..100 */
    uint64_t req_gap_pct;      /* 0..100 */
    uint64_t max_cycles;       /* stop before this cycle, answered or not (0: no limit) */
    uint64_t fault_read;       /* test hook: flip bit 0 of the Nth read response's data (0: off) */
    uint64_t bw_window;        /* the bandwidth monitor's window, written in cycle 0 (0: its reset value) */
    /* Called every 2^20 cycles (may be NULL): cycle, responses so far. */
    void (*progress)(void *ctx, uint64_t cycle, uint64_t completed);
    void *progress_ctx;
    struct hbm_fcov *fcov;     /* functional coverage: every cycle's events (may be NULL) */
};

struct hbm_drive_result {
    uint64_t pushed, completed;
    uint64_t data_errors;      /* reads that disagreed with the scoreboard, not flagged */
    uint64_t ecc_flagged;      /* responses flagged ecc_error (reads: data not checked) */
};

/*
 * Run until the source is exhausted and the port is idle (or max_cycles);
 * cfg is the port's config (id width, refresh interval).
 * sb may be NULL (no data check); the first five data errors are printed
 * on stderr.  Returns 0 when the run completed, 1 when the controller
 * refused a request, stopped answering or the port failed (a lockstep
 * mismatch), 2 on a source error or lack of memory; err (HBM_ERR_MAX
 * bytes) then holds the message.
 */
int hbm_drive_run(hbm_port *port, const struct hbm_config *cfg, hbm_source *src, hbm_scoreboard *sb,
                  const struct hbm_drive_opts *o, struct hbm_drive_result *res, char *err);

/*
 * The bandwidth monitor's registers read through its register port, one
 * address a clock, as software would (hbm_drive_run reads one every clock
 * too, so that a lockstep port compares them all the time): the clocks
 * it takes pass on the port.  The count of closed windows is read first
 * and last, and all again if a window closed in between.  Returns 0, or
 * -1 when the port failed (its error()).
 */
int hbm_drive_bwmon_readout(hbm_port *port, struct hbm_bwmon_readout *out);

/*
 * The same requests (workload spec or trace file) on cfg with refresh_mode
 * = none, the model alone: the bandwidth the run would have without
 * refresh.  Fills *stats and returns 0; otherwise returns hbm_drive_run's
 * 1 or 2 (2 also when the run cannot be set up), message in err.
 */
int hbm_drive_without_refresh(const struct hbm_config *cfg, const char *workload, const char *trace,
                              uint64_t requests, const struct hbm_drive_opts *o,
                              struct hbm_stats *stats, char *err);

#ifdef __cplusplus
}
#endif
#endif
