/*
 * hbm_fcov.h - functional coverage of the scheduler and the protocol.
 *
 * Owns: the bins and their counts for one run, whether each bin can be
 * hit under the run's config, and the file a run writes them to.  The
 * bins (docs/verification.md, "Functional coverage"):
 *   event:NAME  cycles with the controller's event NAME (HBM_EVENT_* of
 *               hbm_cmd.h: the picks' outcomes, the queues' fill, refresh
 *               urgency, hazards, both ports' back-pressure), as the port
 *               reports them: the RTL's perf_event_o in vhbm (lockstep
 *               holds the model to the same bits every cycle), the model's
 *               hbm_model_events() in hbmsim;
 *   rule:LABEL  commands issued at exactly the earliest cycle a timing
 *               rule allows (the independent checker's table, tFAW);
 *   ecc:NAME    corrected and uncorrectable words, read-modify-writes.
 * A bin is applicable when the config lets the controller produce it
 * (no auto-precharge under page_policy = open, no REFPB rule under
 * all-bank refresh, ...); `make coverage` merges the files of many runs
 * and fails when an applicable bin was never hit.
 */
#ifndef HBM_FCOV_H
#define HBM_FCOV_H

#include <stdint.h>
#include <stdio.h>
#include "hbm_check.h"
#include "hbm_cmd.h"
#include "hbm_config.h"
#include "hbm_stats.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HBM_FCOV_RULES 40   /* >= hbm_check_rule_count() */
enum { HBM_FCOV_ECC_CORRECTED, HBM_FCOV_ECC_UNCORRECTABLE, HBM_FCOV_ECC_RMW, HBM_FCOV_ECC_COUNT };

struct hbm_fcov {
    struct hbm_config cfg;
    uint64_t cycles;
    uint64_t event[HBM_EVENT_COUNT];
    uint64_t rule[HBM_FCOV_RULES];
    uint64_t ecc[HBM_FCOV_ECC_COUNT];
};

void hbm_fcov_init(struct hbm_fcov *f, const struct hbm_config *cfg);
/* One cycle's events (HBM_EVENT_* bits). */
void hbm_fcov_cycle(struct hbm_fcov *f, uint32_t events);
/* The end of the run: the checker's rule counts (chk may be NULL) and the
 * ECC counters, added (a stack: once per pseudo-channel). */
void hbm_fcov_finish(struct hbm_fcov *f, const hbm_check *chk, const struct hbm_stats *st);
/* f += g (the bins of another part of the same run). */
void hbm_fcov_add(struct hbm_fcov *f, const struct hbm_fcov *g);

/* Bin i of hbm_fcov_bins(): its name into buf, whether cfg can hit it, its count. */
int hbm_fcov_bins(void);
void hbm_fcov_bin(const struct hbm_fcov *f, int i, char *name, size_t size, int *applicable,
                  uint64_t *count);

/* Every bin as a line "count<TAB>applicable<TAB>name"; 0, or -1 on a write error. */
int hbm_fcov_write(const struct hbm_fcov *f, FILE *out);

/*
 * When the environment names a folder in HBM_FCOV_DIR, write the run's
 * bins there (fcov_<tool>_<pid>_<n>.txt): 0, or -1 with a message in err.
 */
int hbm_fcov_save(const struct hbm_fcov *f, const char *tool, char *err);

#ifdef __cplusplus
}
#endif
#endif
