/*
 * hbm_llm.h - the address stream one HBM pseudo-channel sees while a
 * transformer LLM is served (the `llm-decode` workload): decode steps or
 * prefill steps, step after step.
 *
 * Owns: the shapes of a few public models (dense, grouped-query attention,
 * mixture of experts), the bytes a step moves (weights, the routed
 * experts' weights only, each sequence's KV cache read and the new tokens'
 * KV written), how they are sliced over the pseudo-channels of a system and
 * laid out in one pseudo-channel's address space (the KV cache contiguous
 * per sequence or paged in fixed-size blocks scattered over memory), the
 * seeded choices (per-sequence contexts, block placement, expert routing)
 * and the tokens a run's requests amount to.  See docs/trace-formats.md,
 * "llm-decode".
 */
#ifndef HBM_LLM_H
#define HBM_LLM_H

#include <stdint.h>
#include "hbm_config.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Data bits of one HBM stack (HBM2 to HBM3E): its pseudo-channels are
 * HBM_LLM_STACK_DQ_BITS / bus_width_bits, 16 of 64 bits (HBM2, HBM2E: 8
 * channels x 2) or 32 of 32 bits (HBM3, HBM3E: 16 channels x 2). */
#define HBM_LLM_STACK_DQ_BITS 1024
/* Blocks of a paged KV cache the plan holds (each is a segment). */
#define HBM_LLM_MAX_BLOCKS (1 << 22)
/* Experts of one MoE layer the plan can route to (a bit mask). */
#define HBM_LLM_MAX_EXPERTS 64

struct hbm_llm_shape {
    const char *name;
    uint64_t hidden, layers, heads, kv_heads, ffn, vocab;
    uint64_t experts, top_k;      /* MoE: experts per layer, experts per token; 1, 1: dense */
};

/* The plan of one step for one pseudo-channel, and the run's progress. */
struct hbm_llm {
    struct hbm_llm_shape shape;
    uint64_t batch, context, dtype_bits, stacks;
    int prefill;                  /* phase=prefill: prompt tokens per sequence per step */
    uint64_t prompt;              /* prefill: new tokens per sequence per step */
    uint64_t context_min;         /* per-sequence contexts drawn from [context_min, context] */
    uint64_t kv_block;            /* paged KV cache: tokens per block (0: contiguous) */
    uint64_t pcs;                 /* pseudo-channels sharing the model: P (pseudo-channels per stack x stacks) */
    uint64_t tokens_per_step;     /* batch (decode) or batch x prompt (prefill) */
    uint64_t weight_bytes_pc;     /* weight bytes of a step: every expert's for MoE ... */
    double   expected_step_bytes_pc; /* ... a step's bytes, averaged over the routing */
    uint64_t step_bytes_pc;       /* bytes of the step being generated */
    uint64_t *ctx;                /* [batch]: each sequence's context */
    uint32_t *block;              /* paged: physical block of each (layer, sequence, logical block) */
    uint64_t nblocks;             /* ... how many, and where the pool starts (bursts) */
    uint64_t pool_base, block_bursts;  /* ... in bursts: a block's slice */
    uint64_t tok_bursts;          /* a token's KV slice of one layer, rounded up to bursts */
    uint64_t rng;                 /* the routing's state (seeded) */
    uint64_t nseg, seg_cap;       /* segments of the step, in order */
    struct hbm_llm_seg {
        uint64_t addr, bursts;    /* a run of consecutive bursts */
        int is_write;
    } *seg;
    uint64_t cur, off;            /* position: segment, burst within it */
    uint64_t steps_done;          /* whole steps generated */
    uint64_t bursts_in_step;      /* bursts of the current step generated so far */
};

/*
 * Parse the parameters of "llm-decode:<params>" (params may be empty: all
 * defaults) and build the plan for cfg's pseudo-channel capacity; seed
 * draws the per-sequence contexts, the paged blocks' places and the
 * routing.  spec is the whole spec, for messages.  Returns 0, or -1 with
 * err naming the key and value at fault (or the stacks the model needs).
 */
int hbm_llm_init(struct hbm_llm *p, const char *spec, const char *params,
                 const struct hbm_config *cfg, uint64_t seed, char *err);

/* Next request of the step (wrapping to the next step, routed anew):
 * byte address, write flag. */
void hbm_llm_next(struct hbm_llm *p, uint64_t *addr, int *is_write);

/* Tokens the requests generated so far amount to: whole steps, and the
 * share of the current step's bursts. */
double hbm_llm_tokens(const struct hbm_llm *p);

void hbm_llm_free(struct hbm_llm *p);

#ifdef __cplusplus
}
#endif

#endif
