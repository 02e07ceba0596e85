/*
 * hbm_llm.c - one LLM decode step as one pseudo-channel sees it; see
 * hbm_llm.h and docs/trace-formats.md.
 */
#include "hbm_llm.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Public model shapes (each model's config.json on its model card). */
static const struct hbm_llm_shape models[] = {
    { "llama3-8b", 4096, 32, 32, 8, 14336, 128256 },
    { "llama3-70b", 8192, 80, 64, 8, 28672, 128256 },
    { "mistral-7b", 4096, 32, 32, 8, 14336, 32000 },
};
#define NMODELS ((int)(sizeof models / sizeof models[0]))

static const struct { const char *name; uint64_t bits; } dtypes[] = {
    { "bf16", 16 }, { "fp8", 8 }, { "int4", 4 },
};
#define NDTYPES ((int)(sizeof dtypes / sizeof dtypes[0]))

/* Numeric keys: where the value goes, its range. */
enum { K_BATCH, K_CONTEXT, K_STACKS, K_HIDDEN, K_LAYERS, K_HEADS, K_KV_HEADS, K_FFN, K_VOCAB, K_COUNT };
static const struct { const char *key; uint64_t def, min, max; } nkeys[K_COUNT] = {
    { "batch", 1, 1, 1024 },
    { "context", 4096, 1, 1048576 },
    { "stacks", 0, 1, 64 },          /* 0: the fewest that hold the model */
    { "hidden", 0, 64, 65536 },
    { "layers", 0, 1, 512 },
    { "heads", 0, 1, 512 },
    { "kv_heads", 0, 1, 512 },
    { "ffn", 0, 1, 262144 },
    { "vocab", 0, 1, 1048576 },
};

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

static uint64_t bursts_of(uint64_t bytes, uint64_t pcs)
{
    uint64_t b = (bytes + pcs * HBM_BURST_BYTES - 1) / (pcs * HBM_BURST_BYTES);
    return b ? b : 1;
}

static void add(struct hbm_llm *p, uint64_t addr, uint64_t bursts, int is_write)
{
    if (p->seg) {
        p->seg[p->nseg].addr = addr;
        p->seg[p->nseg].bursts = bursts;
        p->seg[p->nseg].is_write = is_write;
    }
    p->nseg++;
}

/*
 * Lay the step out (seg NULL: only count) and return the bursts of
 * capacity it needs.  Weights of layer l in order (Wq, Wk, Wv, Wo, gate, up,
 * down), then each sequence's KV cache of that layer: its context read,
 * then one token appended; after the last layer the LM head.  Each matrix
 * is sliced evenly over the pseudo-channels; this one holds its slice of
 * each, one after the other.
 */
static uint64_t layout(struct hbm_llm *p)
{
    const struct hbm_llm_shape *m = &p->shape;
    uint64_t hd = m->hidden / m->heads, kvw = m->kv_heads * hd;
    uint64_t bits = p->dtype_bits, pcs = p->pcs;
    uint64_t mats[7], w_end, kv_tok = 2 * kvw * bits / 8, kv_read, kv_app, l, b, k;
    uint64_t wpos = 0, kvpos, wbytes = 0, step = 0;

    mats[0] = m->hidden * m->hidden;
    mats[1] = m->hidden * kvw;
    mats[2] = m->hidden * kvw;
    mats[3] = m->hidden * m->hidden;
    mats[4] = m->hidden * m->ffn;
    mats[5] = m->hidden * m->ffn;
    mats[6] = m->ffn * m->hidden;
    w_end = 0;
    for (k = 0; k < 7; k++)
        w_end += bursts_of(mats[k] * bits / 8, pcs);
    w_end = w_end * m->layers + bursts_of(m->vocab * m->hidden * bits / 8, pcs);
    kv_read = bursts_of(p->context * kv_tok, pcs);
    kv_app = bursts_of(kv_tok, pcs);
    kvpos = w_end;
    p->nseg = 0;
    for (l = 0; l < m->layers; l++) {
        for (k = 0; k < 7; k++) {
            uint64_t n = bursts_of(mats[k] * bits / 8, pcs);
            add(p, wpos * HBM_BURST_BYTES, n, 0);
            wpos += n;
            wbytes += n * HBM_BURST_BYTES;
        }
        for (b = 0; b < p->batch; b++) {
            add(p, kvpos * HBM_BURST_BYTES, kv_read, 0);
            add(p, (kvpos + kv_read) * HBM_BURST_BYTES, kv_app, 1);
            kvpos += kv_read + kv_app;
            step += (kv_read + kv_app) * HBM_BURST_BYTES;
        }
    }
    {
        uint64_t n = bursts_of(m->vocab * m->hidden * bits / 8, pcs);
        add(p, wpos * HBM_BURST_BYTES, n, 0);
        wbytes += n * HBM_BURST_BYTES;
    }
    p->weight_bytes_pc = wbytes;
    p->step_bytes_pc = step + wbytes;
    return kvpos;
}

int hbm_llm_init(struct hbm_llm *p, const char *spec, const char *params,
                 const struct hbm_config *cfg, char *err)
{
    uint64_t v[K_COUNT], cap_bursts = cfg->capacity_bytes / HBM_BURST_BYTES;
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
        } else if (klen == 5 && !strncmp(q, "dtype", 5)) {
            for (i = 0; i < NDTYPES; i++)
                if (strlen(dtypes[i].name) == vlen && !strncmp(eq + 1, dtypes[i].name, vlen))
                    break;
            if (i == NDTYPES)
                return fail(err, "workload '%s': dtype '%.*s' is not known (bf16, fp8, int4)",
                            spec, (int)vlen, eq + 1);
            p->dtype_bits = dtypes[i].bits;
        } else {
            char *stop;
            unsigned long long x;
            for (i = 0; i < K_COUNT; i++)
                if (strlen(nkeys[i].key) == klen && !strncmp(q, nkeys[i].key, klen))
                    break;
            if (i == K_COUNT)
                return fail(err, "workload '%s': unknown parameter '%.*s' (llm-decode takes: model, "
                            "batch, context, dtype, stacks, hidden, layers, heads, kv_heads, ffn, vocab)",
                            spec, (int)klen, q);
            x = strtoull(eq + 1, &stop, 10);
            if (stop != eq + 1 + vlen || eq[1] < '0' || eq[1] > '9' || x < nkeys[i].min ||
                x > nkeys[i].max)
                return fail(err, "workload '%s': parameter '%s' value '%.*s' is not a number in "
                            "%" PRIu64 "..%" PRIu64, spec, nkeys[i].key, (int)vlen, eq + 1,
                            nkeys[i].min, nkeys[i].max);
            v[i] = x;
        }
        q = end ? end + 1 : NULL;
    }
    if (model_len == 6 && !strncmp(model, "custom", 6)) {
        custom = 1;
        p->shape.name = "custom";
    } else {
        for (i = 0; i < NMODELS; i++)
            if (strlen(models[i].name) == model_len && !strncmp(model, models[i].name, model_len))
                break;
        if (i == NMODELS)
            return fail(err, "workload '%s': model '%.*s' is not known (llama3-8b, llama3-70b, "
                        "mistral-7b, custom)", spec, (int)model_len, model);
        p->shape = models[i];
    }
    /* Shape keys set a custom model and may override a named one. */
    {
        uint64_t *f[6] = { &p->shape.hidden, &p->shape.layers, &p->shape.heads,
                           &p->shape.kv_heads, &p->shape.ffn, &p->shape.vocab };
        for (i = 0; i < 6; i++) {
            if (v[K_HIDDEN + i])
                *f[i] = v[K_HIDDEN + i];
            else if (custom)
                return fail(err, "workload '%s': model=custom needs '%s'", spec, nkeys[K_HIDDEN + i].key);
        }
    }
    if (p->shape.hidden % p->shape.heads || p->shape.heads % p->shape.kv_heads)
        return fail(err, "workload '%s': hidden %" PRIu64 ", heads %" PRIu64 ", kv_heads %" PRIu64
                    ": hidden must be a multiple of heads and heads of kv_heads", spec,
                    p->shape.hidden, p->shape.heads, p->shape.kv_heads);
    p->batch = v[K_BATCH];
    p->context = v[K_CONTEXT];
    /* The fewest stacks that hold the model, unless given. */
    for (p->stacks = v[K_STACKS] ? v[K_STACKS] : 1;; p->stacks++) {
        p->pcs = HBM_LLM_PCS_PER_STACK * p->stacks;
        if (layout(p) <= cap_bursts)
            break;
        if (v[K_STACKS] || p->stacks == 64)
            return fail(err, "workload '%s': %s with batch %" PRIu64 " and context %" PRIu64
                        " needs %" PRIu64 " bursts of a pseudo-channel's %" PRIu64 " at %" PRIu64
                        " stacks; give more stacks", spec, p->shape.name, p->batch, p->context,
                        layout(p), cap_bursts, p->stacks);
    }
    p->seg = calloc(p->nseg, sizeof *p->seg);
    if (!p->seg)
        return fail(err, "workload '%s': out of memory", spec);
    layout(p);
    return 0;
}

void hbm_llm_next(struct hbm_llm *p, uint64_t *addr, int *is_write)
{
    const struct hbm_llm_seg *s = &p->seg[p->cur];
    *addr = s->addr + p->off * HBM_BURST_BYTES;
    *is_write = s->is_write;
    if (++p->off == s->bursts) {
        p->off = 0;
        p->cur = (p->cur + 1) % p->nseg;
    }
}

void hbm_llm_free(struct hbm_llm *p)
{
    free(p->seg);
    p->seg = NULL;
}
