/*
 * hbm_source.h - where the simulator's memory requests come from.
 *
 * Owns: reading request traces (DRAMSim3 "ADDR READ|WRITE CYCLE" and
 * Ramulator 2 "LD|ST ADDR", detected from the first request line and
 * streamed line by line), checking every trace line (each error is
 * "file:line: reason" quoting the offending text), aligning addresses
 * down to a 32-byte burst (hbm_trace.c), and the built-in workloads with
 * their spec syntax "name[:key=value[,key=value...]]" (hbm_workload.c;
 * hbm_source_print_workloads() lists every one, and --help prints that
 * list).  docs/trace-formats.md describes both for users.  No global
 * state, no floating point.
 */
#ifndef HBM_SOURCE_H
#define HBM_SOURCE_H

#include <stdint.h>
#include <stdio.h>
#include "hbm_config.h"

#ifdef __cplusplus
extern "C" {
#endif

struct hbm_req {
    uint64_t addr;      /* byte address, aligned down to a 32-byte burst */
    int is_write;       /* 0 read, 1 write */
    uint64_t earliest;  /* earliest cycle the request may be offered (0 = at once) */
    uint64_t line;      /* trace line number (0 for workloads) */
};

typedef struct hbm_source hbm_source;

/*
 * Open a trace file; requests beyond `limit` are not read (0 = whole
 * file).  Reads up to the first request line to detect the format, so a
 * trace with no request ("file: no requests"), an unreadable file
 * ("file: strerror") or a bad first request ("file:line: reason") fails
 * here.  Only cfg->capacity_bytes is used (addresses must be below it);
 * cfg is not kept.  Returns NULL and fills err (HBM_ERR_MAX bytes) on
 * failure.
 */
hbm_source *hbm_source_open_trace(const char *path, const struct hbm_config *cfg,
                                  uint64_t limit, char *err);

/*
 * Built-in workload from a spec such as "stream" or "multistream:n=4";
 * produces exactly `requests` requests (must be > 0), the same sequence
 * for the same (spec, cfg->capacity_bytes, requests, seed).  Returns NULL
 * and fills err (naming the bad part of the spec) on failure.
 */
hbm_source *hbm_source_workload(const char *spec, const struct hbm_config *cfg,
                                uint64_t requests, uint64_t seed, char *err);

/*
 * Next request: returns 1 and fills *req, 0 at the end (and on every call
 * after it), -1 on error with err = "file:line: reason" (trace only; a
 * workload never fails).  After -1, later calls return -1 with the same
 * message.
 */
int hbm_source_next(hbm_source *src, struct hbm_req *req, char *err);

/*
 * Names of the built-in workloads with their parameters, ranges and
 * defaults, for --help: writes a multi-line usage text to out.
 */
void hbm_source_print_workloads(FILE *out);

/* The llm-decode plan of a workload source (sizes for the report), or NULL. */
struct hbm_llm;
const struct hbm_llm *hbm_source_llm(const hbm_source *src);

/*
 * The command line's --stacks N: spec with stacks=N added, into out.  Only
 * for llm-decode; returns 0, or -1 with err (another workload, too long).
 */
int hbm_source_spec_with_stacks(const char *spec, uint64_t stacks, char *out, size_t size,
                                char *err);

/* Close the trace (if any) and free src.  NULL is allowed. */
void hbm_source_free(hbm_source *src);

#ifdef __cplusplus
}
#endif
#endif
