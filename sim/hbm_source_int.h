/*
 * hbm_source_int.h - the inside of a request source, shared by the three
 * files that make it: hbm_source.c (the common calls and helpers),
 * hbm_trace.c (trace files) and hbm_workload.c (built-in workloads).
 * Private to sim/: nothing outside includes it.
 */
#ifndef HBM_SOURCE_INT_H
#define HBM_SOURCE_INT_H

#include <stdint.h>
#include <stdio.h>

#include "hbm_config.h"
#include "hbm_llm.h"
#include "hbm_source.h"

#define TRACE_LINE_MAX 4096   /* characters per line, newline not counted */
#define TRACE_FIELDS_MAX 4    /* fields remembered; more are only counted */
#define QUOTE_MAX 60          /* characters of quoted text in a message   */
#define MULTISTREAM_MAX 64
#define KVBLOCK_MAX_BYTES (1024u * 1024u)

enum src_kind { SRC_TRACE = 0, SRC_WORKLOAD = 1 };
enum trace_fmt { FMT_NONE = 0, FMT_DRAMSIM3 = 1, FMT_RAMULATOR = 2 };
enum src_state { ST_OK = 0, ST_END = 1, ST_ERROR = 2 };

enum wl_kind {
    WL_STREAM = 0,
    WL_MULTISTREAM,
    WL_STRIDE,
    WL_RANDOM,
    WL_KVBLOCK,
    WL_MIXED,
    WL_DECODE,
    WL_HOTROW,
    WL_LLM,
    WL_TILED,
    WL_RAW
};

struct hbm_source {
    int kind;               /* enum src_kind  */
    int state;              /* enum src_state */
    char errmsg[HBM_ERR_MAX];
    uint64_t capacity;
    uint64_t produced;      /* requests returned so far */

    /* trace */
    FILE *fp;
    char *path;
    uint64_t limit;         /* 0 = no limit */
    uint64_t lineno;
    int fmt;                /* enum trace_fmt */
    uint64_t fmt_line;      /* line that fixed the format */
    uint64_t prev_earliest;
    int have_pending;
    struct hbm_req pending;
    char line[TRACE_LINE_MAX + 1];

    /* workload */
    int wl;                 /* enum wl_kind */
    uint64_t requests;
    uint64_t rng;           /* splitmix64 state */
    uint64_t bursts;        /* capacity / 32 */
    uint64_t param;         /* n, bytes or write_pct; tiled: chunk */
    uint64_t param2;        /* tiled: pitch */
    uint64_t pos;           /* stream/mixed reads: burst; stride/kvblock: byte address */
    uint64_t pos2;          /* stride: pass; kvblock: bursts left; mixed writes: burst */
    uint64_t base[MULTISTREAM_MAX];   /* multistream: slice base, bytes  */
    uint64_t slice[MULTISTREAM_MAX];  /* multistream: slice length, bursts */
    uint64_t spos[MULTISTREAM_MAX];   /* multistream: next burst in slice */
    int phase;              /* decode: 0 weights, 1 KV block, 2 KV append */
    uint64_t left;          /* decode: requests left in this phase */
    uint64_t append;        /* decode: next KV append, burst in the KV region */
    struct hbm_config cfg;  /* hotrow: the address map */
    struct hbm_llm llm;     /* llm-decode: the step's plan */
};

/* Helpers (hbm_source.c). */
void hbm_src_err(char *err, const char *fmt, ...);
#define QUOTE_BUF (QUOTE_MAX + 4)
const char *hbm_src_quote(char *buf, const char *s, size_t len);
int hbm_src_tok_is(const char *s, size_t len, const char *word);
enum { NUM_OK = 0, NUM_BAD = -1, NUM_OVERFLOW = -2 };
int hbm_src_parse_u64(const char *s, size_t len, int allow_hex, uint64_t *out);

/* The next trace request (hbm_trace.c): 1, 0 at the end, -1 on error. */
int hbm_trace_fetch(hbm_source *src, struct hbm_req *req, char *err);
/* The next workload request (hbm_workload.c). */
void hbm_workload_next(hbm_source *src, struct hbm_req *req);

#endif
