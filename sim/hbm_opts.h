/*
 * hbm_opts.h - the command line of the simulation tools (hbmsim, vhbm).
 *
 * Owns: the options both tools take, their checks and messages, the ones
 * only one tool takes (selected by HBM_OPTS_* features), and the usage
 * text.  One parser, so the two tools cannot drift apart.
 */
#ifndef HBM_OPTS_H
#define HBM_OPTS_H

#include <stdint.h>
#include <stdio.h>

#include "hbm_config.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HBM_DEFAULT_REQUESTS 100000

/* Options only some tools take. */
enum hbm_opts_feature {
    HBM_OPTS_MODEL = 1,   /* --emit-vh, --emit-encoding, --no-check (hbmsim) */
    HBM_OPTS_RTL = 2,     /* --wave, --no-lockstep, --cycles (vhbm) */
    HBM_OPTS_STACK = 4    /* --axi, --wave, --cycles (vstack) */
};

struct hbm_opts {
    const char *tool;                 /* program name for messages */
    const char *config, *trace, *workload, *cmdlog, *wave;
    const char *emit_encoding;        /* "vh" or "gtkw": print that form of hbm_encoding.def */
    uint64_t requests, seed, stacks;
    uint64_t resp_stall_pct, req_gap_pct;
    uint64_t cycles;                  /* 0: run to the end */
    uint64_t fault_read;              /* test hook: flip a bit of the Nth read's data (0: off) */
    uint64_t axi_burst, axi_ids;      /* --axi BYTES[,IDS]: through the AXI4 front end (0: off) */
    uint64_t threads;                 /* --threads N: a stack's tick threads (0: default) */
    uint64_t bw_window;               /* --bw-window N: the bandwidth monitor's window (0: not read) */
    struct hbm_inject inject;         /* --inject SPEC: the device's faults (hbm_opts_apply) */
    int json, emit_vh, no_check, no_refresh_cost, no_lockstep;
    FILE *out, *msg;                  /* the report, the messages: stdout and stderr, or a
                                         library caller's streams (hbm_opts_parse_to) */
    int no_progress;                  /* no progress line (a library caller) */
    char spec[512];                   /* --workload with --stacks folded in */
};

/*
 * Parse argv into *o for tool (features: which tool-only options exist).
 * Returns 0, 1 after printing --help to stdout, or -1 after printing the
 * error ("tool: ...") to stderr.
 */
int hbm_opts_parse(struct hbm_opts *o, const char *tool, unsigned features, int argc, char **argv);

/* The same with the report going to out and every message to msg (for a
 * library caller that captures both: sim/hbm_capi.c). */
int hbm_opts_parse_to(struct hbm_opts *o, FILE *out, FILE *msg, const char *tool, unsigned features,
                      int argc, char **argv);

/* The run options that live in the config (--inject) into *cfg, after loading it. */
void hbm_opts_apply(const struct hbm_opts *o, struct hbm_config *cfg);

/* The usage text of tool; note (may be NULL) is printed at its end. */
void hbm_opts_usage(FILE *out, const char *tool, unsigned features, const char *note);

#ifdef __cplusplus
}
#endif
#endif
