/*
 * hbm_report.h - the end-of-run report of hbmsim (and of the lockstep
 * testbench): a readable table or one JSON object, from integer statistics
 * (percentages and rates are printed with two decimals computed in integer
 * arithmetic; the energy, from hbm_energy, in floating point).
 */
#ifndef HBM_REPORT_H
#define HBM_REPORT_H

#include <stdint.h>
#include <stdio.h>
#include "hbm_config.h"
#include "hbm_model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The bandwidth monitor's registers at the end of a run (hbm_drive_bwmon_readout). */
struct hbm_bwmon_readout {
    uint32_t window;           /* clocks per window */
    uint32_t windows;          /* windows closed */
    uint32_t least, most, last;   /* bytes of a window */
    uint64_t sum;              /* bytes of every closed window */
    uint64_t read_bytes, write_bytes;
};

struct hbm_report {
    const char *config;        /* config file */
    const char *source;        /* workload spec or trace file */
    const struct hbm_config *cfg;
    const struct hbm_stats *stats;
    int checked;               /* 0: run with --no-check, no checker or scoreboard */
    uint64_t timing_violations;
    uint64_t data_errors;
    uint64_t protocol_errors;  /* device could not carry out a command */
    uint64_t ecc_flagged;      /* responses flagged ecc_error */
    const struct hbm_llm *llm; /* llm-decode workload: step size, stacks; else NULL */
    const struct hbm_stats *norefresh; /* the same requests with refresh off; NULL: not run */
    const struct hbm_bwmon_readout *bwmon; /* the bandwidth monitor (--bw-window); NULL: not read */
    int extra_count;           /* extra integer fields (e.g. mismatches) */
    const char *extra_name[4];
    uint64_t extra_value[4];
};

void hbm_report_print(const struct hbm_report *r, int json, FILE *out);

/* n * 100 / d with two decimals, as text ("93.75"); d == 0 gives "0.00". */
void hbm_format_ratio(uint64_t n, uint64_t d, uint64_t scale, char *buf, size_t size);

/*
 * The activation bound of a run: every ACT needs max(tRRD_S, tFAW / 4)
 * clocks of the row bus on average, so the data bus can be busy at most
 * bursts x tBURST / (ACTs x that) of the time.  bound: that in % of peak
 * (at most 100.00); used: the ACT rate reached, in % of the most those two
 * rules allow.
 */
void hbm_act_bound(const struct hbm_config *c, const struct hbm_stats *s, char *bound, char *used,
                   size_t size);

#ifdef __cplusplus
}
#endif
#endif
