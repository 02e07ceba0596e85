/*
 * hbm_llm.c - LLM serving steps as one pseudo-channel sees them; see
 * hbm_llm.h and docs/trace-formats.md.
 */
#include "hbm_llm.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Public model shapes (each model's config.json on its model card). */
static const struct hbm_llm_shape models[] = {
    { "llama3-8b", 4096, 32, 32, 8, 14336, 128256, 1, 1 },
    { "llama3-70b", 8192, 80, 64, 8, 28672, 128256, 1, 1 },
    { "mistral-7b", 4096, 32, 32, 8, 14336, 32000, 1, 1 },
    { "mixtral-8x7b", 4096, 32, 32, 8, 14336, 32000, 8, 2 },
    { "mixtral-8x22b", 6144, 56, 48, 8, 16384, 32000, 8, 2 },
};
#define NMODELS ((int)(sizeof models / sizeof models[0]))
#define MODEL_NAMES "llama3-8b, llama3-70b, mistral-7b, mixtral-8x7b, mixtral-8x22b, custom"

static const struct { const char *name; uint64_t bits; } dtypes[] = {
    { "bf16", 16 }, { "fp8", 8 }, { "int8", 8 }, { "int4", 4 },
};
#define NDTYPES ((int)(sizeof dtypes / sizeof dtypes[0]))

/* Numeric keys: where the value goes, its range. */
enum { K_BATCH, K_CONTEXT, K_CONTEXT_MIN, K_PROMPT, K_KV_BLOCK, K_STACKS, K_HIDDEN, K_LAYERS, K_HEADS,
       K_KV_HEADS, K_FFN, K_VOCAB, K_EXPERTS, K_TOP_K, K_COUNT };
#define K_SHAPE K_HIDDEN   /* the shape keys, in the order of struct hbm_llm_shape */
static const struct { const char *key; uint64_t def, min, max; } nkeys[K_COUNT] = {
    { "batch", 1, 1, 1024 },
    { "context", 4096, 0, 1048576 },   /* prefill: 0 unless given */
    { "context_min", 0, 1, 1048576 },  /* 0: every sequence at context */
    { "prompt", 512, 1, 65536 },
    { "kv_block", 0, 1, 4096 },        /* 0: contiguous */
    { "stacks", 0, 1, 64 },            /* 0: the fewest that hold the model */
    { "hidden", 0, 64, 65536 },
    { "layers", 0, 1, 512 },
    { "heads", 0, 1, 512 },
    { "kv_heads", 0, 1, 512 },
    { "ffn", 0, 1, 262144 },
    { "vocab", 0, 1, 1048576 },
    { "experts", 0, 1, HBM_LLM_MAX_EXPERTS },
    { "top_k", 0, 1, HBM_LLM_MAX_EXPERTS },
};
#define KEY_NAMES "model, phase, batch, context, context_min, prompt, kv_block, dtype, stacks, hidden, " \
                  "layers, heads, kv_heads, ffn, vocab, experts, top_k"

static int fail(char *err, const char *fmt, ...)
{
    va_list ap;
    if (err) {
        va_start(ap, fmt);
        vsnprintf(err, HBM_ERR_MAX, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* xorshift64*: the seeded choices. */
static uint64_t next_rand(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static uint64_t bursts_of(uint64_t bytes, uint64_t pcs)
{
    uint64_t b = (bytes + pcs * HBM_BURST_BYTES - 1) / (pcs * HBM_BURST_BYTES);
    return b ? b : 1;
}

static void add(struct hbm_llm *p, uint64_t addr, uint64_t bursts, int is_write)
{
    if (p->seg && p->nseg < p->seg_cap) {
        p->seg[p->nseg].addr = addr;
        p->seg[p->nseg].bursts = bursts;
        p->seg[p->nseg].is_write = is_write;
    }
    p->nseg++;
}

/* The weight matrices of a layer, in the order they are stored and read:
 * Wq, Wk, Wv, Wo; with MoE the router, then each expert's gate, up, down;
 * a dense MLP is one expert that every token takes. */
struct mats {
    uint64_t attn[4], router, expert[3];
};

static void matrices(const struct hbm_llm *p, struct mats *m)
{
    const struct hbm_llm_shape *s = &p->shape;
    uint64_t kvw = s->kv_heads * (s->hidden / s->heads), bits = p->dtype_bits, pcs = p->pcs;

    m->attn[0] = bursts_of(s->hidden * s->hidden * bits / 8, pcs);
    m->attn[1] = bursts_of(s->hidden * kvw * bits / 8, pcs);
    m->attn[2] = m->attn[1];
    m->attn[3] = m->attn[0];
    m->router = s->experts > 1 ? bursts_of(s->hidden * s->experts * bits / 8, pcs) : 0;
    m->expert[0] = bursts_of(s->hidden * s->ffn * bits / 8, pcs);
    m->expert[1] = m->expert[0];
    m->expert[2] = bursts_of(s->ffn * s->hidden * bits / 8, pcs);
}

/* Experts the tokens of one layer route to (top_k distinct each, seeded). */
static uint64_t route(struct hbm_llm *p, uint64_t tokens)
{
    uint64_t used = 0, t, k, all;
    const struct hbm_llm_shape *s = &p->shape;

    if (s->experts == 1)
        return 1;
    all = s->experts == 64 ? ~(uint64_t)0 : ((uint64_t)1 << s->experts) - 1;
    for (t = 0; t < tokens && used != all; t++) {
        uint64_t mine = 0;
        for (k = 0; k < s->top_k; k++) {
            uint64_t e;
            do
                e = next_rand(&p->rng) % s->experts;
            while (mine >> e & 1);
            mine |= (uint64_t)1 << e;
        }
        used |= mine;
    }
    return used;
}

/*
 * Lay the step out (p->seg NULL: only count) with fresh routing, and return
 * the bursts of capacity it needs.  Per layer: its attention weights; then
 * each sequence's KV cache of that layer: its context read (contiguous, or
 * its pages in order) and the step's new tokens' K and V written after it;
 * then (MoE) the router and the experts its tokens route to, or the dense
 * MLP; after the last layer the LM head.  Each matrix and each KV cache is
 * sliced evenly over the pseudo-channels; this one holds its slice of each.
 */
static uint64_t layout(struct hbm_llm *p)
{
    const struct hbm_llm_shape *s = &p->shape;
    struct mats m;
    uint64_t per_layer, w_end, l, b, k, e, blk = 0, step = 0, wbytes = 0, kvpos;
    uint64_t newtok = p->prefill ? p->prompt : 1;
    uint64_t kv_tok = 2 * s->kv_heads * (s->hidden / s->heads) * p->dtype_bits / 8;

    matrices(p, &m);
    per_layer = m.attn[0] + m.attn[1] + m.attn[2] + m.attn[3] + m.router +
                s->experts * (m.expert[0] + m.expert[1] + m.expert[2]);
    w_end = per_layer * s->layers + bursts_of(s->vocab * s->hidden * p->dtype_bits / 8, p->pcs);
    p->tok_bursts = bursts_of(kv_tok, p->pcs);
    p->block_bursts = bursts_of(p->kv_block * kv_tok, p->pcs);
    p->pool_base = w_end;
    kvpos = w_end;
    p->nseg = 0;
    p->weight_bytes_pc = 0;
    for (l = 0; l < s->layers; l++) {
        uint64_t base = l * per_layer, used;
        for (k = 0; k < 4; k++) {
            add(p, base * HBM_BURST_BYTES, m.attn[k], 0);
            wbytes += m.attn[k] * HBM_BURST_BYTES;
            base += m.attn[k];
        }
        for (b = 0; b < p->batch; b++) {
            uint64_t ctx = p->ctx ? p->ctx[b] : p->context;
            if (!p->kv_block) {
                /* the context, then room for the step's new tokens */
                uint64_t rd = bursts_of(ctx * kv_tok, p->pcs), wr = bursts_of(newtok * kv_tok, p->pcs);
                if (ctx)
                    add(p, kvpos * HBM_BURST_BYTES, rd, 0);
                else
                    rd = 0;
                add(p, (kvpos + rd) * HBM_BURST_BYTES, wr, 1);
                kvpos += rd + wr;
                step += (rd + wr) * HBM_BURST_BYTES;
            } else {
                /* pages of kv_block tokens, each anywhere in the pool; a
                 * block's slice is whole bursts, the tokens in it are not */
                uint64_t j, nblk = (ctx + newtok + p->kv_block - 1) / p->kv_block, t;
                for (j = 0; j * p->kv_block < ctx; j++) {
                    uint64_t toks = ctx - j * p->kv_block < p->kv_block ? ctx - j * p->kv_block : p->kv_block;
                    uint64_t at = p->pool_base + (p->block ? p->block[blk + j] : 0) * p->block_bursts;
                    uint64_t n = bursts_of(toks * kv_tok, p->pcs);
                    add(p, at * HBM_BURST_BYTES, n, 0);
                    step += n * HBM_BURST_BYTES;
                }
                for (t = ctx; t < ctx + newtok;) {   /* the new tokens, block by block */
                    uint64_t j2 = t / p->kv_block, off = t % p->kv_block;
                    uint64_t n = p->kv_block - off < ctx + newtok - t ? p->kv_block - off : ctx + newtok - t;
                    uint64_t slice = p->pcs * HBM_BURST_BYTES;   /* bytes of the model per burst here */
                    uint64_t first = off * kv_tok / slice, last = ((off + n) * kv_tok + slice - 1) / slice;
                    uint64_t at = p->pool_base + (p->block ? p->block[blk + j2] : 0) * p->block_bursts + first;
                    add(p, at * HBM_BURST_BYTES, last - first, 1);
                    step += (last - first) * HBM_BURST_BYTES;
                    t += n;
                }
                blk += nblk;
            }
        }
        if (m.router) {
            add(p, base * HBM_BURST_BYTES, m.router, 0);
            wbytes += m.router * HBM_BURST_BYTES;
            base += m.router;
        }
        /* counting: every expert (the largest step) */
        used = p->seg ? route(p, p->batch * newtok) : ~(uint64_t)0;
        for (e = 0; e < s->experts; e++, base += m.expert[0] + m.expert[1] + m.expert[2]) {
            uint64_t at = base;
            if (!(used >> e & 1))
                continue;
            for (k = 0; k < 3; k++) {
                add(p, at * HBM_BURST_BYTES, m.expert[k], 0);
                wbytes += m.expert[k] * HBM_BURST_BYTES;
                at += m.expert[k];
            }
        }
    }
    {
        uint64_t n = bursts_of(s->vocab * s->hidden * p->dtype_bits / 8, p->pcs);
        add(p, per_layer * s->layers * HBM_BURST_BYTES, n, 0);
        wbytes += n * HBM_BURST_BYTES;
    }
    p->weight_bytes_pc = wbytes;
    p->step_bytes_pc = step + wbytes;
    p->nblocks = blk;
    return p->kv_block ? p->pool_base : kvpos;
}

/* Expected distinct experts of a layer when n tokens take top_k of E each. */
static double expected_experts(const struct hbm_llm_shape *s, uint64_t n)
{
    double miss = 1.0, per = (double)(s->experts - s->top_k) / (double)s->experts;
    uint64_t i;
    if (s->experts == 1)
        return 1.0;
    for (i = 0; i < n && miss > 1e-12; i++)
        miss *= per;
    return (double)s->experts * (1.0 - miss);
}

int hbm_llm_init(struct hbm_llm *p, const char *spec, const char *params,
                 const struct hbm_config *cfg, uint64_t seed, char *err)
{
    uint64_t v[K_COUNT], cap_bursts = cfg->capacity_bytes / HBM_BURST_BYTES, need;
    int given[K_COUNT] = {0};
    const char *model = "llama3-8b", *q = params;
    size_t model_len = strlen(model);
    int i, custom = 0;

    memset(p, 0, sizeof *p);
    p->dtype_bits = 16;
    for (i = 0; i < K_COUNT; i++)
        v[i] = nkeys[i].def;
    while (q && *q) {
        const char *end = strchr(q, ','), *eq, *r;
        size_t len = end ? (size_t)(end - q) : strlen(q), klen, vlen;
        eq = memchr(q, '=', len);
        if (!eq || eq == q || (size_t)(eq - q) == len - 1)
            return fail(err, "workload '%s': '%.*s' is not KEY=VALUE", spec, (int)len, q);
        klen = (size_t)(eq - q);
        vlen = len - klen - 1;
        for (r = params; r < q; r++)   /* the same key earlier in the list? */
            if ((r == params || r[-1] == ',') && !strncmp(r, q, klen + 1))
                return fail(err, "workload '%s': parameter '%.*s' given twice", spec, (int)klen, q);
        if (klen == 5 && !strncmp(q, "model", 5)) {
            model = eq + 1;
            model_len = vlen;
        } else if (klen == 5 && !strncmp(q, "phase", 5)) {
            if (vlen == 6 && !strncmp(eq + 1, "decode", 6))
                p->prefill = 0;
            else if (vlen == 7 && !strncmp(eq + 1, "prefill", 7))
                p->prefill = 1;
            else
                return fail(err, "workload '%s': phase '%.*s' is not known (decode, prefill)", spec, (int)vlen,
                            eq + 1);
        } else if (klen == 5 && !strncmp(q, "dtype", 5)) {
            for (i = 0; i < NDTYPES; i++)
                if (strlen(dtypes[i].name) == vlen && !strncmp(eq + 1, dtypes[i].name, vlen))
                    break;
            if (i == NDTYPES)
                return fail(err, "workload '%s': dtype '%.*s' is not known (bf16, fp8, int8, int4)",
                            spec, (int)vlen, eq + 1);
            p->dtype_bits = dtypes[i].bits;
        } else {
            char *stop;
            unsigned long long x;
            for (i = 0; i < K_COUNT; i++)
                if (strlen(nkeys[i].key) == klen && !strncmp(q, nkeys[i].key, klen))
                    break;
            if (i == K_COUNT)
                return fail(err, "workload '%s': unknown parameter '%.*s' (llm-decode takes: " KEY_NAMES ")",
                            spec, (int)klen, q);
            x = strtoull(eq + 1, &stop, 10);
            if (stop != eq + 1 + vlen || eq[1] < '0' || eq[1] > '9' || x < nkeys[i].min ||
                x > nkeys[i].max)
                return fail(err, "workload '%s': parameter '%s' value '%.*s' is not a number in "
                            "%" PRIu64 "..%" PRIu64, spec, nkeys[i].key, (int)vlen, eq + 1,
                            nkeys[i].min, nkeys[i].max);
            v[i] = x;
            given[i] = 1;
        }
        q = end ? end + 1 : NULL;
    }
    if (model_len == 6 && !strncmp(model, "custom", 6)) {
        custom = 1;
        p->shape.name = "custom";
        p->shape.experts = p->shape.top_k = 1;
    } else {
        for (i = 0; i < NMODELS; i++)
            if (strlen(models[i].name) == model_len && !strncmp(model, models[i].name, model_len))
                break;
        if (i == NMODELS)
            return fail(err, "workload '%s': model '%.*s' is not known (" MODEL_NAMES ")", spec, (int)model_len,
                        model);
        p->shape = models[i];
    }
    /* Shape keys set a custom model and may override a named one
     * (experts and top_k are optional: dense without them). */
    {
        uint64_t *f[8] = { &p->shape.hidden, &p->shape.layers, &p->shape.heads, &p->shape.kv_heads,
                           &p->shape.ffn, &p->shape.vocab, &p->shape.experts, &p->shape.top_k };
        for (i = 0; i < 8; i++) {
            if (v[K_SHAPE + i])
                *f[i] = v[K_SHAPE + i];
            else if (custom && i < 6)
                return fail(err, "workload '%s': model=custom needs '%s'", spec, nkeys[K_SHAPE + i].key);
        }
    }
    if (p->shape.hidden % p->shape.heads || p->shape.heads % p->shape.kv_heads)
        return fail(err, "workload '%s': hidden %" PRIu64 ", heads %" PRIu64 ", kv_heads %" PRIu64
                    ": hidden must be a multiple of heads and heads of kv_heads", spec,
                    p->shape.hidden, p->shape.heads, p->shape.kv_heads);
    if (p->shape.top_k > p->shape.experts)
        return fail(err, "workload '%s': top_k %" PRIu64 " exceeds experts %" PRIu64 ": a token takes top_k "
                    "of the experts", spec, p->shape.top_k, p->shape.experts);
    if (p->prefill && !given[K_CONTEXT])
        v[K_CONTEXT] = 0;   /* a fresh prompt: no context before it */
    if (!p->prefill && v[K_CONTEXT] == 0)
        return fail(err, "workload '%s': parameter 'context' value '0': a decode step attends to a context of "
                    "at least 1 token", spec);
    if (v[K_CONTEXT_MIN] > v[K_CONTEXT])
        return fail(err, "workload '%s': context_min %" PRIu64 " exceeds context %" PRIu64
                    ": contexts are drawn from [context_min, context]", spec, v[K_CONTEXT_MIN], v[K_CONTEXT]);
    p->batch = v[K_BATCH];
    p->context = v[K_CONTEXT];
    p->context_min = v[K_CONTEXT_MIN] ? v[K_CONTEXT_MIN] : v[K_CONTEXT];
    p->prompt = p->prefill ? v[K_PROMPT] : 1;
    p->kv_block = v[K_KV_BLOCK];
    p->tokens_per_step = p->batch * p->prompt;
    p->rng = seed * 0x9E3779B97F4A7C15ull + 0x1234567;
    if (!p->rng)
        p->rng = 1;
    /* Each sequence's context, seeded, from [context_min, context]. */
    p->ctx = calloc(p->batch, sizeof *p->ctx);
    if (!p->ctx)
        return fail(err, "workload '%s': out of memory", spec);
    {
        uint64_t b, span = p->context - p->context_min + 1;
        for (b = 0; b < p->batch; b++)
            p->ctx[b] = p->context_min + (span > 1 ? next_rand(&p->rng) % span : 0);
    }
    /* A paged cache's blocks are segments of the plan: bound them. */
    if (p->kv_block) {
        uint64_t b, blocks = 0;
        for (b = 0; b < p->batch; b++)
            blocks += (p->ctx[b] + p->prompt + p->kv_block - 1) / p->kv_block;
        if (blocks > HBM_LLM_MAX_BLOCKS / p->shape.layers) {
            hbm_llm_free(p);
            return fail(err, "workload '%s': a paged KV cache of %" PRIu64 " blocks of %" PRIu64 " tokens per "
                        "layer over %" PRIu64 " layers: more than %d in all; give a larger kv_block", spec,
                        blocks, p->kv_block, p->shape.layers, HBM_LLM_MAX_BLOCKS);
        }
    }
    /* The fewest stacks that hold the model, unless given. */
    for (p->stacks = v[K_STACKS] ? v[K_STACKS] : 1;; p->stacks++) {
        p->pcs = (uint64_t)(HBM_LLM_STACK_DQ_BITS / cfg->bus_width_bits) * p->stacks;
        need = layout(p);
        if (p->kv_block)
            need += p->nblocks * p->block_bursts;
        if (need <= cap_bursts)
            break;
        if (v[K_STACKS] || p->stacks == 64) {
            hbm_llm_free(p);
            return fail(err, "workload '%s': %s with batch %" PRIu64 " and context %" PRIu64
                        " needs %" PRIu64 " bursts of a pseudo-channel's %" PRIu64 " at %" PRIu64
                        " stacks; give more stacks", spec, p->shape.name, p->batch, p->context,
                        need, cap_bursts, p->stacks);
        }
    }
    /* Paged: every block of every (layer, sequence) anywhere in the pool
     * (the capacity after the weights), seeded: a partial shuffle. */
    if (p->kv_block) {
        /* block i goes to pool slot (a * i + c) mod pool: distinct for any
         * a coprime with pool, scattered, and no table of the pool */
        uint64_t pool = (cap_bursts - p->pool_base) / p->block_bursts, i2, a, c;
        p->block = malloc((p->nblocks ? p->nblocks : 1) * sizeof *p->block);
        if (!p->block) {
            hbm_llm_free(p);
            return fail(err, "workload '%s': out of memory", spec);
        }
        if (pool > UINT32_MAX)
            pool = UINT32_MAX;
        for (;;) {
            uint64_t x, y, t;
            a = pool > 2 ? 1 + next_rand(&p->rng) % (pool - 1) : 1;
            for (x = a, y = pool; y; t = x % y, x = y, y = t)   /* gcd(a, pool) */
                ;
            if (x == 1)
                break;
        }
        c = next_rand(&p->rng) % pool;
        for (i2 = 0; i2 < p->nblocks; i2++)
            p->block[i2] = (uint32_t)((a % pool * (i2 % pool) % pool + c) % pool);
    }
    /* The segments of the largest step (every expert routed), then the first step. */
    p->seg_cap = p->nseg;
    p->seg = calloc(p->seg_cap, sizeof *p->seg);
    if (!p->seg) {
        hbm_llm_free(p);
        return fail(err, "workload '%s': out of memory", spec);
    }
    layout(p);
    /* A step's bytes averaged over the routing: the weights every step
     * reads, the KV traffic, and the expected number of distinct experts
     * a layer's tokens take (all of them for a dense model). */
    {
        struct mats m;
        uint64_t one, always, kv = p->step_bytes_pc - p->weight_bytes_pc;
        matrices(p, &m);
        one = (m.expert[0] + m.expert[1] + m.expert[2]) * HBM_BURST_BYTES;
        always = ((m.attn[0] + m.attn[1] + m.attn[2] + m.attn[3] + m.router) * p->shape.layers +
                  bursts_of(p->shape.vocab * p->shape.hidden * p->dtype_bits / 8, p->pcs)) * HBM_BURST_BYTES;
        p->expected_step_bytes_pc = (double)kv + (double)always +
                                    expected_experts(&p->shape, p->tokens_per_step) * (double)one *
                                    (double)p->shape.layers;
    }
    return 0;
}

void hbm_llm_next(struct hbm_llm *p, uint64_t *addr, int *is_write)
{
    const struct hbm_llm_seg *s = &p->seg[p->cur];
    *addr = s->addr + p->off * HBM_BURST_BYTES;
    *is_write = s->is_write;
    p->bursts_in_step++;
    if (++p->off == s->bursts) {
        p->off = 0;
        if (++p->cur == p->nseg) {   /* the step is done: the next one, routed anew */
            p->cur = 0;
            p->steps_done++;
            p->bursts_in_step = 0;
            if (p->shape.experts > 1)
                layout(p);
        }
    }
}

double hbm_llm_tokens(const struct hbm_llm *p)
{
    double step = (double)p->step_bytes_pc / HBM_BURST_BYTES;
    return ((double)p->steps_done + (step > 0 ? (double)p->bursts_in_step / step : 0.0)) *
           (double)p->tokens_per_step;
}

void hbm_llm_free(struct hbm_llm *p)
{
    free(p->seg);
    free(p->ctx);
    free(p->block);
    p->seg = NULL;
    p->ctx = NULL;
    p->block = NULL;
}
