/*
 * hbm_llm.h - the address stream one HBM pseudo-channel sees during one
 * decode step of a transformer LLM (the `llm-decode` workload).
 *
 * Owns: the shapes of a few public models, the bytes a decode step moves,
 * how they are sliced over the pseudo-channels of a system and laid out in
 * one pseudo-channel's address space, and the order they are read in.
 * See docs/trace-formats.md, "llm-decode".
 */
#ifndef HBM_LLM_H
#define HBM_LLM_H

#include <stdint.h>
#include "hbm_config.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Pseudo-channels of one HBM2/HBM2E stack: 8 channels x 2 pseudo-channels. */
#define HBM_LLM_PCS_PER_STACK 16

struct hbm_llm_shape {
    const char *name;
    uint64_t hidden, layers, heads, kv_heads, ffn, vocab;
};

/* One decode step's plan for one pseudo-channel. */
struct hbm_llm {
    struct hbm_llm_shape shape;
    uint64_t batch, context, dtype_bits, stacks;
    uint64_t pcs;                 /* pseudo-channels sharing the model: 16 x stacks */
    uint64_t step_bytes_pc;       /* bytes this pseudo-channel moves per step */
    uint64_t weight_bytes_pc;     /* of which weights */
    uint64_t nseg;                /* segments of the step, in order */
    struct hbm_llm_seg {
        uint64_t addr, bursts;    /* a run of consecutive bursts */
        int is_write;
    } *seg;
    uint64_t cur, off;            /* position: segment, burst within it */
};

/*
 * Parse the parameters of "llm-decode:<params>" (params may be empty: all
 * defaults) and build the plan for cfg's pseudo-channel capacity.  spec is
 * the whole spec, for messages.  Returns 0, or -1 with err naming the key
 * and value at fault (or the stacks the model needs).
 */
int hbm_llm_init(struct hbm_llm *p, const char *spec, const char *params,
                 const struct hbm_config *cfg, char *err);

/* Next request of the step (wrapping to the next step): byte address, write flag. */
void hbm_llm_next(struct hbm_llm *p, uint64_t *addr, int *is_write);

void hbm_llm_free(struct hbm_llm *p);

#ifdef __cplusplus
}
#endif

#endif
