/*
 * hbm_workload.c - the built-in synthetic workloads and their spec syntax
 * "name[:key=value[,key=value...]]".  A workload is a small state machine
 * per kind (see hbm_workload_next()) driven by a splitmix64 generator; it
 * never touches floating point and never fails once created.
 */
#include "hbm_source_int.h"
#include "hbm_addr_map.h"
#include "hbm_rand.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* Upper bound of a workload parameter: fixed, or derived from capacity C. */
enum wl_max { MAX_FIXED = 0, MAX_HALF_CAPACITY, MAX_FIXED_AND_CAPACITY, MAX_CAPACITY };

struct wl_param {
    const char *key;
    uint64_t def;
    uint64_t min;
    uint64_t max;        /* MAX_FIXED, MAX_FIXED_AND_CAPACITY */
    int max_kind;        /* enum wl_max */
    int mult32;          /* value must be a multiple of HBM_BURST_BYTES */
    const char *range;   /* for --help */
};

#define WL_PARAMS_MAX 2
struct wl_desc {
    const char *name;
    int kind;                                    /* enum wl_kind */
    const struct wl_param *param[WL_PARAMS_MAX]; /* in use first, the rest NULL; none: no parameters */
    const char *help[3];                         /* usage lines, the unused ones NULL */
};

static const struct wl_param param_n = {
    "n", 4, 1, MULTISTREAM_MAX, MAX_FIXED, 0, "1..64"
};
static const struct wl_param param_stride = {
    "bytes", 4096, HBM_BURST_BYTES, 0, MAX_HALF_CAPACITY, 1,
    "multiple of 32, 32..C/2"
};
static const struct wl_param param_block = {
    "bytes", 2048, HBM_BURST_BYTES, KVBLOCK_MAX_BYTES, MAX_FIXED_AND_CAPACITY, 1,
    "multiple of 32, 32..1048576 (1 MiB) and <= C"
};
static const struct wl_param param_pct = {
    "write_pct", 20, 0, 100, MAX_FIXED, 0, "0..100"
};

static const struct wl_param param_miss = {
    "miss_pct", 10, 1, 90, MAX_FIXED, 0, "1..90"
};

static const struct wl_param param_kv = {
    "kv_pct", 10, 1, 50, MAX_FIXED, 0, "1..50"
};

static const struct wl_param param_chunk = {
    "chunk", 1536, HBM_BURST_BYTES, 0, MAX_HALF_CAPACITY, 1,
    "multiple of 32, 32..pitch"
};
static const struct wl_param param_pitch = {
    "pitch", 16384, 2 * HBM_BURST_BYTES, 0, MAX_HALF_CAPACITY, 1,
    "multiple of 32, 64..C/2"
};

static const struct wl_param param_span = {
    "span", 0, 0, 0, MAX_CAPACITY, 1, "multiple of 32, up to C; 0: C"
};

/* decode: the KV cache's 2 KiB blocks and where the regions start. */
#define DECODE_BLOCK_BURSTS 64u

static const struct wl_desc workloads[] = {
    { "stream", WL_STREAM, { NULL },
      { "reads at 0, 32, 64, ..., wrapping at C", NULL, NULL } },
    { "multistream", WL_MULTISTREAM, { &param_n },
      { "n read streams from k*C/n (k = 0..n-1), taken in turn,",
        "each wrapping inside its own slice", NULL } },
    { "stride", WL_STRIDE, { &param_stride },
      { "reads at 0, bytes, 2*bytes, ...; past C the next pass",
        "starts one burst further on (pass p starts at p*32)", NULL } },
    { "random", WL_RANDOM, { NULL },
      { "reads at uniformly random bursts of [0, C) (seeded)", NULL, NULL } },
    { "kvblock", WL_KVBLOCK, { &param_block },
      { "a random block-aligned block of `bytes`, read whole in",
        "order, then the next random block (seeded)", NULL } },
    { "mixed", WL_MIXED, { &param_pct },
      { "a write with probability write_pct % (seeded), else a read;",
        "reads in turn through [0, C/2), writes through [C/2, C)", NULL } },
    { "decode", WL_DECODE, { &param_kv },
      { "one LLM decode step: weights read in order through [0, 3C/4); after every",
        "64*(100-kv_pct)/kv_pct of them a random 2 KiB KV block of [3C/4, C), then one KV append write", } },
    { "llm-decode", WL_LLM, { NULL },
      { "one transformer decode step, this pseudo-channel's slice; key=value list:",
        "model, batch, context, dtype, stacks, and a custom shape (docs/trace-formats.md)", NULL } },
    { "hotrow", WL_HOTROW, { &param_miss },
      { "reads of bank 0: the columns of row 0 in turn, and with probability miss_pct %",
        "(seeded) a random column of a random other row: hits starve the misses", NULL } },
    { "tiled", WL_TILED, { &param_chunk, &param_pitch },
      { "a tile column of a row-major matrix, as tiled GEMV reads weights: `chunk` bytes",
        "of each row of `pitch` bytes, row after row; past C, the next `chunk` of each row",
        "(pass p at p*chunk, for pitch/chunk passes), then again from 0" } },
    { "raw", WL_RAW, { &param_span },
      { "read after write: a write of a uniformly random burst of [0, span), then a",
        "read of the same burst, in turn (seeded): KV-cache updates read back;",
        "a small span puts several writes and reads of one burst in the queues" } },
};
#define WORKLOAD_COUNT ((int)(sizeof workloads / sizeof workloads[0]))

#define rng_next hbm_rand_next

/* Uniform integer in [0, n), n > 0, by rejection (no modulo bias). */
static uint64_t rng_below(uint64_t *state, uint64_t n)
{
    uint64_t threshold = (0 - n) % n;   /* 2^64 mod n */
    uint64_t x;

    do
        x = rng_next(state);
    while (x < threshold);
    return x % n;
}

/* ---- workloads -------------------------------------------------------- */

static const struct wl_desc *find_workload(const char *name, size_t len)
{
    int i;

    for (i = 0; i < WORKLOAD_COUNT; i++)
        if (hbm_src_tok_is(name, len, workloads[i].name))
            return &workloads[i];
    return NULL;
}

static uint64_t param_max(const struct wl_param *p, uint64_t capacity)
{
    switch (p->max_kind) {
    case MAX_HALF_CAPACITY:
        return capacity / 2;
    case MAX_FIXED_AND_CAPACITY:
        return p->max < capacity ? p->max : capacity;
    case MAX_CAPACITY:
        return capacity;
    default:
        return p->max;
    }
}

/* "n" or "chunk, pitch": the keys d takes, for messages. */
static const char *key_list(const struct wl_desc *d, char *buf, size_t size)
{
    int k;
    buf[0] = '\0';
    for (k = 0; k < WL_PARAMS_MAX && d->param[k]; k++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", k ? ", " : "", d->param[k]->key);
    return buf;
}

/*
 * Parse "key=value[,key=value...]" (params, plen characters) for workload
 * d into value[] (one per parameter of d, in its order; keys not given keep
 * their value) and set seen[] for the keys given.  spec is only for
 * messages.  Returns 0 or -1 with err.
 */
static int parse_params(const char *spec, const struct wl_desc *d, const char *params,
                        size_t plen, uint64_t capacity, uint64_t *value, int *seen, char *err)
{
    char qs[QUOTE_BUF], q[QUOTE_BUF], qv[QUOTE_BUF], keys[64];
    size_t i = 0;

    hbm_src_quote(qs, spec, strlen(spec));
    if (plen == 0) {
        hbm_src_err(err, "workload '%s': nothing after ':' (write %s or %s:KEY=VALUE)",
                qs, d->name, d->name);
        return -1;
    }
    while (i <= plen) {
        size_t start = i, klen, vlen;
        const char *eq, *item = params + i;
        uint64_t v = 0, max;
        int rc, n;
        const struct wl_param *p;

        while (i < plen && params[i] != ',')
            i++;
        if (i == start) {
            hbm_src_err(err, "workload '%s': empty parameter (stray ',')", qs);
            return -1;
        }
        eq = memchr(item, '=', i - start);
        klen = eq ? (size_t)(eq - item) : i - start;
        for (n = 0; n < WL_PARAMS_MAX && d->param[n]; n++)
            if (hbm_src_tok_is(item, klen, d->param[n]->key))
                break;
        if (n == WL_PARAMS_MAX || !d->param[n]) {
            if (d->param[0])
                hbm_src_err(err, "workload '%s': unknown parameter '%s' (%s takes: %s)",
                        qs, hbm_src_quote(q, item, klen), d->name, key_list(d, keys, sizeof keys));
            else
                hbm_src_err(err, "workload '%s': unknown parameter '%s' (%s takes no "
                        "parameters)", qs, hbm_src_quote(q, item, klen), d->name);
            return -1;
        }
        p = d->param[n];
        hbm_src_quote(q, item, klen);
        if (seen[n]) {
            hbm_src_err(err, "workload '%s': parameter '%s' given twice", qs, q);
            return -1;
        }
        seen[n] = 1;
        vlen = eq ? (i - start) - klen - 1 : 0;
        if (!eq || vlen == 0) {
            hbm_src_err(err, "workload '%s': parameter '%s' has no value (write %s=VALUE)",
                    qs, q, q);
            return -1;
        }
        hbm_src_quote(qv, eq + 1, vlen);
        rc = hbm_src_parse_u64(eq + 1, vlen, 1, &v);
        max = param_max(p, capacity);
        if (rc == NUM_BAD) {
            hbm_src_err(err, "workload '%s': parameter '%s' value '%s' is not a number "
                    "(decimal, or hex with 0x)", qs, q, qv);
            return -1;
        }
        if (rc == NUM_OVERFLOW || v < p->min || v > max) {
            hbm_src_err(err, "workload '%s': parameter '%s' value '%s' is out of range "
                    "%" PRIu64 "..%" PRIu64, qs, q, qv, p->min, max);
            return -1;
        }
        if (p->mult32 && v % HBM_BURST_BYTES != 0) {
            hbm_src_err(err, "workload '%s': parameter '%s' value '%s' is not a multiple "
                    "of %u", qs, q, qv, HBM_BURST_BYTES);
            return -1;
        }
        value[n] = v;
        i++;   /* past the ',' (or past the end, which ends the loop) */
    }
    return 0;
}

/* Slices of multistream: stream k covers [floor(k*C/n) & ~31, next base). */
static void multistream_setup(hbm_source *src)
{
    uint64_t n = src->param, c = src->capacity, k;

    for (k = 0; k < n; k++)   /* floor(k*C/n) without overflowing k*C */
        src->base[k] = ((c / n) * k + ((c % n) * k) / n) &
                       ~(uint64_t)(HBM_BURST_BYTES - 1);
    for (k = 0; k < n; k++) {
        uint64_t end = k + 1 < n ? src->base[k + 1] : c;
        src->slice[k] = (end - src->base[k]) / HBM_BURST_BYTES;
        src->spos[k] = 0;
    }
}

hbm_source *hbm_source_workload(const char *spec, const struct hbm_config *cfg,
                                uint64_t requests, uint64_t seed, char *err)
{
    char qs[QUOTE_BUF], q[QUOTE_BUF];
    const struct wl_desc *d;
    const char *colon;
    size_t nlen;
    uint64_t capacity = cfg->capacity_bytes, value, values[WL_PARAMS_MAX] = {0};
    hbm_source *src;
    int i, given[WL_PARAMS_MAX] = {0};

    hbm_src_quote(qs, spec, strlen(spec));
    if (requests == 0) {
        hbm_src_err(err, "workload '%s': the number of requests must be > 0", qs);
        return NULL;
    }
    if (capacity < 2 * HBM_BURST_BYTES || capacity % HBM_BURST_BYTES != 0) {
        hbm_src_err(err, "workload '%s': capacity of %" PRIu64 " bytes is not a multiple "
                "of %u of at least %u", qs, capacity, HBM_BURST_BYTES,
                2 * HBM_BURST_BYTES);
        return NULL;
    }
    colon = strchr(spec, ':');
    nlen = colon ? (size_t)(colon - spec) : strlen(spec);
    d = find_workload(spec, nlen);
    if (!d) {
        char names[128] = "";
        for (i = 0; i < WORKLOAD_COUNT; i++) {
            strcat(names, i ? ", " : "");
            strcat(names, workloads[i].name);
        }
        hbm_src_err(err, "unknown workload '%s' (known: %s)", hbm_src_quote(q, spec, nlen), names);
        return NULL;
    }
    for (i = 0; i < WL_PARAMS_MAX && d->param[i]; i++)
        values[i] = d->param[i]->def;
    if (colon && d->kind != WL_LLM &&
        parse_params(spec, d, colon + 1, strlen(colon + 1), capacity, values, given, err) < 0)
        return NULL;
    /* A default the capacity cannot hold (given values are checked already). */
    for (i = 0; i < WL_PARAMS_MAX && d->param[i]; i++)
        if (!given[i] && (values[i] < d->param[i]->min || values[i] > param_max(d->param[i], capacity))) {
            hbm_src_err(err, "workload '%s': the default %s=%" PRIu64 " is out of range %" PRIu64 "..%"
                    PRIu64 " for this capacity: give %s=VALUE", qs, d->param[i]->key, values[i],
                    d->param[i]->min, param_max(d->param[i], capacity), d->param[i]->key);
            return NULL;
        }
    value = values[0];
    if (d->kind == WL_TILED && values[0] > values[1]) {
        hbm_src_err(err, "workload '%s': %s chunk %" PRIu64 " exceeds %s pitch %" PRIu64
                " (a chunk is part of one row): give chunk <= pitch", qs, given[0] ? "parameter" : "the default",
                values[0], given[1] ? "parameter" : "the default", values[1]);
        return NULL;
    }
    if (d->kind == WL_MULTISTREAM && value > capacity / HBM_BURST_BYTES) {
        hbm_src_err(err, "workload '%s': parameter 'n' value %" PRIu64 " exceeds the %"
                PRIu64 " bursts of the capacity", qs, value, capacity / HBM_BURST_BYTES);
        return NULL;
    }

    src = calloc(1, sizeof *src);
    if (!src) {
        hbm_src_err(err, "workload '%s': out of memory", qs);
        return NULL;
    }
    src->kind = SRC_WORKLOAD;
    src->wl = d->kind;
    src->capacity = capacity;
    src->bursts = capacity / HBM_BURST_BYTES;
    src->cfg = *cfg;
    src->requests = requests;
    src->rng = seed;
    src->param = value;
    src->param2 = values[1];
    if (src->wl == WL_LLM && hbm_llm_init(&src->llm, qs, colon ? colon + 1 : "", cfg, seed, err) < 0) {
        free(src);
        return NULL;
    }
    if (src->wl == WL_MULTISTREAM)
        multistream_setup(src);
    if (src->wl == WL_DECODE) {
        if (src->bursts / 4 < DECODE_BLOCK_BURSTS) {
            hbm_src_err(err, "workload '%s': capacity too small for 2 KiB KV blocks", qs);
            free(src);
            return NULL;
        }
        src->phase = 0;   /* starts with a run of weights */
        src->left = DECODE_BLOCK_BURSTS * (100 - src->param) / src->param;
    }
    return src;
}

void hbm_workload_next(hbm_source *src, struct hbm_req *req)
{
    uint64_t addr = 0;
    int is_write = 0;

    switch (src->wl) {
    case WL_STREAM:
        addr = src->pos * HBM_BURST_BYTES;
        src->pos = (src->pos + 1) % src->bursts;
        break;
    case WL_MULTISTREAM: {
        uint64_t k = src->produced % src->param;
        addr = src->base[k] + src->spos[k] * HBM_BURST_BYTES;
        src->spos[k] = (src->spos[k] + 1) % src->slice[k];
        break;
    }
    case WL_TILED: {
        /* request k: burst k % per_chunk of chunk c = k / per_chunk, which
         * is row c % rows at column pass (c / rows) % passes */
        uint64_t per_chunk = src->param / HBM_BURST_BYTES, rows = src->capacity / src->param2;
        uint64_t passes = src->param2 / src->param, c = src->produced / per_chunk;
        addr = (c % rows) * src->param2 + (c / rows) % passes * src->param +
               src->produced % per_chunk * HBM_BURST_BYTES;
        break;
    }
    case WL_STRIDE:
        addr = src->pos;
        src->pos += src->param;
        if (src->pos >= src->capacity) {
            /* next pass, one burst further; after bytes/32 passes every
             * burst has been read once and pass 0 comes round again */
            src->pos2 = (src->pos2 + 1) % (src->param / HBM_BURST_BYTES);
            src->pos = src->pos2 * HBM_BURST_BYTES;
        }
        break;
    case WL_RANDOM:
        addr = rng_below(&src->rng, src->bursts) * HBM_BURST_BYTES;
        break;
    case WL_RAW:
        /* even requests write a new random burst, odd ones read it back */
        if (src->produced % 2 == 0)
            src->pos = rng_below(&src->rng, src->param ? src->param / HBM_BURST_BYTES : src->bursts);
        addr = src->pos * HBM_BURST_BYTES;
        is_write = src->produced % 2 == 0;
        break;
    case WL_LLM:
        hbm_llm_next(&src->llm, &addr, &is_write);
        break;
    case WL_HOTROW: {
        struct hbm_addr a;
        memset(&a, 0, sizeof a);
        if (rng_next(&src->rng) % 100 < src->param) {
            a.row = 1 + (int)rng_below(&src->rng, (uint64_t)src->cfg.rows - 1);
            a.col = (int)rng_below(&src->rng, (uint64_t)src->cfg.columns);
        } else {
            a.col = (int)src->pos;
            src->pos = (src->pos + 1) % (uint64_t)src->cfg.columns;
        }
        addr = hbm_addr_encode(&src->cfg, &a);
        break;
    }
    case WL_KVBLOCK:
        if (src->pos2 == 0) {
            src->pos = rng_below(&src->rng, src->capacity / src->param) * src->param;
            src->pos2 = src->param / HBM_BURST_BYTES;
        }
        addr = src->pos;
        src->pos += HBM_BURST_BYTES;
        src->pos2--;
        break;
    case WL_MIXED: {
        uint64_t half = src->bursts / 2;
        is_write = rng_next(&src->rng) % 100 < src->param;
        if (is_write) {
            addr = (half + src->pos2) * HBM_BURST_BYTES;
            src->pos2 = (src->pos2 + 1) % (src->bursts - half);
        } else {
            addr = src->pos * HBM_BURST_BYTES;
            src->pos = (src->pos + 1) % half;
        }
        break;
    }
    case WL_DECODE: {
        uint64_t kv_base = src->bursts / 4 * 3, kv_bursts = src->bursts - kv_base;
        uint64_t weight_run = DECODE_BLOCK_BURSTS * (100 - src->param) / src->param;
        if (src->left == 0) {
            /* next phase: weights -> KV block -> KV append -> weights */
            src->phase = (src->phase + 1) % 3;
            if (src->phase == 0) {
                src->left = weight_run;
            } else if (src->phase == 1) {
                src->left = DECODE_BLOCK_BURSTS;
                src->pos2 = kv_base + rng_below(&src->rng, kv_bursts / DECODE_BLOCK_BURSTS) *
                                          DECODE_BLOCK_BURSTS;
            } else {
                src->left = 1;
            }
        }
        if (src->phase == 0) {
            addr = src->pos * HBM_BURST_BYTES;
            src->pos = (src->pos + 1) % kv_base;
        } else if (src->phase == 1) {
            addr = src->pos2 * HBM_BURST_BYTES;
            src->pos2++;
        } else {
            addr = (kv_base + src->append) * HBM_BURST_BYTES;
            src->append = (src->append + 1) % kv_bursts;
            is_write = 1;
        }
        src->left--;
        break;
    }
    default:
        break;
    }
    req->addr = addr;
    req->is_write = is_write;
    req->earliest = 0;
    req->line = 0;
}

void hbm_source_print_workloads(FILE *out)
{
    int i, j;

    fprintf(out, "Workloads: NAME[:KEY=VALUE[,KEY=VALUE...]], shown with the defaults.\n"
                 "Each request is one %u-byte burst below the capacity C, offered at\n"
                 "once; the same spec, request count and seed give the same requests.\n",
            HBM_BURST_BYTES);
    for (i = 0; i < WORKLOAD_COUNT; i++) {
        const struct wl_desc *d = &workloads[i];
        char head[48];

        snprintf(head, sizeof head, "%s", d->name);
        for (j = 0; j < WL_PARAMS_MAX && d->param[j]; j++)
            snprintf(head + strlen(head), sizeof head - strlen(head), "%s%s=%" PRIu64,
                     j ? "," : ":", d->param[j]->key, d->param[j]->def);
        if (strlen(head) > 19)   /* a long head gets its own line */
            fprintf(out, "  %s\n  %-19s %s\n", head, "", d->help[0]);
        else
            fprintf(out, "  %-19s %s\n", head, d->help[0]);
        for (j = 1; j < 3 && d->help[j]; j++)
            fprintf(out, "  %-19s %s\n", "", d->help[j]);
        for (j = 0; j < WL_PARAMS_MAX && d->param[j]; j++)
            fprintf(out, "  %-19s %s: %s\n", "", d->param[j]->key, d->param[j]->range);
    }
}

