/*
 * hbm_source.c - request traces and built-in workloads.
 *
 * A trace is read one line at a time with getc_unlocked() into a fixed
 * buffer of TRACE_LINE_MAX characters (never the whole file), split into
 * whitespace-separated fields by offset (the line itself stays intact so
 * errors can quote it) and checked field by field.  The first request line
 * fixes the format; hbm_source_open_trace() reads up to it, so an empty or
 * unrecognisable trace fails at open and the first request is kept in
 * `pending` for the first hbm_source_next().
 *
 * A workload is a small state machine per kind (see wl_next()) driven by
 * a splitmix64 generator; it never touches floating point and never fails
 * once created.  docs/trace-formats.md is the user's view of both.
 */
#include "hbm_source.h"
#include "hbm_addr_map.h"
#include "hbm_llm.h"
#include "hbm_rand.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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
    WL_LLM
};

/* Upper bound of a workload parameter: fixed, or derived from capacity C. */
enum wl_max { MAX_FIXED = 0, MAX_HALF_CAPACITY, MAX_FIXED_AND_CAPACITY };

struct wl_param {
    const char *key;
    uint64_t def;
    uint64_t min;
    uint64_t max;        /* MAX_FIXED, MAX_FIXED_AND_CAPACITY */
    int max_kind;        /* enum wl_max */
    int mult32;          /* value must be a multiple of HBM_BURST_BYTES */
    const char *range;   /* for --help */
};

struct wl_desc {
    const char *name;
    int kind;                      /* enum wl_kind */
    const struct wl_param *param;  /* NULL: takes no parameters */
    const char *help[3];           /* usage lines, NULL-terminated */
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

/* decode: the KV cache's 2 KiB blocks and where the regions start. */
#define DECODE_BLOCK_BURSTS 64u

static const struct wl_desc workloads[] = {
    { "stream", WL_STREAM, NULL,
      { "reads at 0, 32, 64, ..., wrapping at C", NULL, NULL } },
    { "multistream", WL_MULTISTREAM, &param_n,
      { "n read streams from k*C/n (k = 0..n-1), taken in turn,",
        "each wrapping inside its own slice", NULL } },
    { "stride", WL_STRIDE, &param_stride,
      { "reads at 0, bytes, 2*bytes, ...; past C the next pass",
        "starts one burst further on (pass p starts at p*32)", NULL } },
    { "random", WL_RANDOM, NULL,
      { "reads at uniformly random bursts of [0, C) (seeded)", NULL, NULL } },
    { "kvblock", WL_KVBLOCK, &param_block,
      { "a random block-aligned block of `bytes`, read whole in",
        "order, then the next random block (seeded)", NULL } },
    { "mixed", WL_MIXED, &param_pct,
      { "a write with probability write_pct % (seeded), else a read;",
        "reads in turn through [0, C/2), writes through [C/2, C)", NULL } },
    { "decode", WL_DECODE, &param_kv,
      { "one LLM decode step: weights read in order through [0, 3C/4); after every",
        "64*(100-kv_pct)/kv_pct of them a random 2 KiB KV block of [3C/4, C), then one KV append write", } },
    { "llm-decode", WL_LLM, NULL,
      { "one transformer decode step, this pseudo-channel's slice; key=value list:",
        "model, batch, context, dtype, stacks, and a custom shape (docs/trace-formats.md)", NULL } },
    { "hotrow", WL_HOTROW, &param_miss,
      { "reads of bank 0: the columns of row 0 in turn, and with probability miss_pct %",
        "(seeded) a random column of a random other row: hits starve the misses", NULL } },
};
#define WORKLOAD_COUNT ((int)(sizeof workloads / sizeof workloads[0]))

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
    uint64_t param;         /* n, bytes or write_pct */
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

/* ---- helpers ---------------------------------------------------------- */

static void set_err(char *err, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return;
    va_start(ap, fmt);
    vsnprintf(err, HBM_ERR_MAX, fmt, ap);
    va_end(ap);
}

/*
 * Copy at most QUOTE_MAX characters of s[0..len) into buf (QUOTE_MAX + 4
 * bytes) for quoting in a message: non-printable characters become '?',
 * a cut is marked "...".
 */
#define QUOTE_BUF (QUOTE_MAX + 4)
static const char *quote(char *buf, const char *s, size_t len)
{
    size_t i, n = len > QUOTE_MAX ? QUOTE_MAX : len;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        buf[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    if (len > QUOTE_MAX) {
        memcpy(buf + n, "...", 3);
        n += 3;
    }
    buf[n] = '\0';
    return buf;
}

static int tok_is(const char *s, size_t len, const char *word)
{
    return strlen(word) == len && memcmp(s, word, len) == 0;
}

enum { NUM_OK = 0, NUM_BAD = -1, NUM_OVERFLOW = -2 };

/*
 * Parse s[0..len): "0x"/"0X" followed by hex digits (if allow_hex), or
 * decimal digits.  No sign, no spaces.  Returns NUM_OK, NUM_BAD or
 * NUM_OVERFLOW (more than 64 bits).
 */
static int parse_u64(const char *s, size_t len, int allow_hex, uint64_t *out)
{
    uint64_t v = 0;
    size_t i;
    int over = 0;

    if (len == 0)
        return NUM_BAD;
    if (allow_hex && len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        if (len == 2)
            return NUM_BAD;
        for (i = 2; i < len; i++) {
            char c = s[i];
            unsigned d;
            if (c >= '0' && c <= '9')
                d = (unsigned)(c - '0');
            else if (c >= 'a' && c <= 'f')
                d = (unsigned)(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                d = (unsigned)(c - 'A' + 10);
            else
                return NUM_BAD;
            if (v > (UINT64_MAX >> 4))
                over = 1;
            else
                v = (v << 4) | d;
        }
    } else {
        for (i = 0; i < len; i++) {
            unsigned d;
            if (s[i] < '0' || s[i] > '9')
                return NUM_BAD;
            d = (unsigned)(s[i] - '0');
            if (v > (UINT64_MAX - d) / 10)
                over = 1;
            else
                v = v * 10 + d;
        }
    }
    if (over)
        return NUM_OVERFLOW;
    *out = v;
    return NUM_OK;
}

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

/* ---- traces ----------------------------------------------------------- */

/* Fail the trace at the current line: "path:line: message". */
static int trace_fail(hbm_source *src, char *err, const char *fmt, ...)
{
    size_t n;
    va_list ap;

    set_err(src->errmsg, "%s:%" PRIu64 ": ", src->path, src->lineno);
    n = strlen(src->errmsg);
    va_start(ap, fmt);
    vsnprintf(src->errmsg + n, sizeof src->errmsg - n, fmt, ap);
    va_end(ap);
    src->state = ST_ERROR;
    set_err(err, "%s", src->errmsg);
    return -1;
}

/*
 * Read the next line into src->line without its newline.  Returns 1, 0 at
 * the end of the file (nothing read), -1 on a read error or a line longer
 * than TRACE_LINE_MAX characters.
 */
static int read_line(hbm_source *src, char *err)
{
    char q[QUOTE_BUF];
    size_t n = 0;
    int c;

    src->lineno++;
    while ((c = getc_unlocked(src->fp)) != EOF && c != '\n') {
        if (n == TRACE_LINE_MAX) {
            src->line[n] = '\0';
            return trace_fail(src, err, "line longer than %d characters: '%s'",
                              TRACE_LINE_MAX, quote(q, src->line, n));
        }
        src->line[n++] = (char)c;
    }
    if (c == EOF && ferror(src->fp))
        return trace_fail(src, err, "read error: %s", strerror(errno));
    if (c == EOF && n == 0)
        return 0;
    src->line[n] = '\0';
    if (strlen(src->line) != n)
        return trace_fail(src, err, "NUL byte in line '%s'",
                          quote(q, src->line, strlen(src->line)));
    return 1;
}

struct fields {
    int count;                          /* all fields on the line */
    const char *s[TRACE_FIELDS_MAX];
    size_t len[TRACE_FIELDS_MAX];
};

static void split_fields(const char *line, size_t len, struct fields *f)
{
    size_t i = 0;

    f->count = 0;
    while (i < len) {
        size_t start;
        while (i < len && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i == len)
            break;
        start = i;
        while (i < len && line[i] != ' ' && line[i] != '\t')
            i++;
        if (f->count < TRACE_FIELDS_MAX) {
            f->s[f->count] = line + start;
            f->len[f->count] = i - start;
        }
        f->count++;
    }
}

static int is_ramulator_op(const struct fields *f)
{
    return f->count >= 1 && (tok_is(f->s[0], f->len[0], "LD") ||
                             tok_is(f->s[0], f->len[0], "ST"));
}

static int is_dramsim3_op(const struct fields *f)
{
    return f->count >= 2 && (tok_is(f->s[1], f->len[1], "READ") ||
                             tok_is(f->s[1], f->len[1], "WRITE"));
}

/* Check one number field; what = "address" or "cycle". */
static int trace_number(hbm_source *src, char *err, const struct fields *f, int i,
                        int allow_hex, const char *what, uint64_t *out)
{
    char q[QUOTE_BUF], ql[QUOTE_BUF];
    int rc = parse_u64(f->s[i], f->len[i], allow_hex, out);

    if (rc == NUM_BAD)
        return trace_fail(src, err, "bad %s '%s' in '%s' (%s)", what,
                          quote(q, f->s[i], f->len[i]),
                          quote(ql, src->line, strlen(src->line)),
                          allow_hex ? "hex with 0x, or decimal" : "decimal");
    if (rc == NUM_OVERFLOW)
        return trace_fail(src, err, "%s '%s' in '%s' overflows 64 bits", what,
                          quote(q, f->s[i], f->len[i]),
                          quote(ql, src->line, strlen(src->line)));
    return 0;
}

/*
 * Parse src->line.  Returns 1 with *req filled, 0 for a blank or comment
 * line, -1 on error.
 */
static int parse_line(hbm_source *src, struct hbm_req *req, char *err)
{
    static const char *const usage[] = {
        "", "'ADDR READ|WRITE CYCLE' (DRAMSim3)", "'LD|ST ADDR' (Ramulator)"
    };
    char q[QUOTE_BUF], ql[QUOTE_BUF];
    size_t len = strlen(src->line);
    struct fields f;
    uint64_t addr, cycle = 0;
    int want, addr_field, is_write;

    while (len > 0 && (src->line[len - 1] == ' ' || src->line[len - 1] == '\t' ||
                       src->line[len - 1] == '\r'))
        src->line[--len] = '\0';
    split_fields(src->line, len, &f);
    if (f.count == 0 || f.s[0][0] == '#')
        return 0;

    if (src->fmt == FMT_NONE) {
        if (is_ramulator_op(&f))
            src->fmt = FMT_RAMULATOR;
        else if (is_dramsim3_op(&f) || f.count == 3)
            src->fmt = FMT_DRAMSIM3;
        else if (f.count == 2)
            src->fmt = FMT_RAMULATOR;
        else
            return trace_fail(src, err, "unrecognised request '%s': expected %s or %s",
                              quote(ql, src->line, len), usage[FMT_DRAMSIM3],
                              usage[FMT_RAMULATOR]);
        src->fmt_line = src->lineno;
    } else if (src->fmt == FMT_DRAMSIM3 && is_ramulator_op(&f)) {
        return trace_fail(src, err,
                          "Ramulator request '%s' in a DRAMSim3 trace (format set by line %"
                          PRIu64 ")", quote(ql, src->line, len), src->fmt_line);
    } else if (src->fmt == FMT_RAMULATOR && is_dramsim3_op(&f)) {
        return trace_fail(src, err,
                          "DRAMSim3 request '%s' in a Ramulator trace (format set by line %"
                          PRIu64 ")", quote(ql, src->line, len), src->fmt_line);
    }

    want = src->fmt == FMT_DRAMSIM3 ? 3 : 2;
    if (f.count < want)
        return trace_fail(src, err, "too few fields in '%s': expected %s",
                          quote(ql, src->line, len), usage[src->fmt]);
    if (f.count > want) {
        const char *extra = f.s[want - 1] + f.len[want - 1];
        while (*extra == ' ' || *extra == '\t')
            extra++;
        return trace_fail(src, err, "trailing text '%s' in '%s': expected %s",
                          quote(q, extra, strlen(extra)), quote(ql, src->line, len),
                          usage[src->fmt]);
    }

    if (src->fmt == FMT_DRAMSIM3) {
        if (tok_is(f.s[1], f.len[1], "READ"))
            is_write = 0;
        else if (tok_is(f.s[1], f.len[1], "WRITE"))
            is_write = 1;
        else
            return trace_fail(src, err, "unknown operation '%s' in '%s' (DRAMSim3 "
                              "traces use READ or WRITE)", quote(q, f.s[1], f.len[1]),
                              quote(ql, src->line, len));
        addr_field = 0;
    } else {
        if (tok_is(f.s[0], f.len[0], "LD"))
            is_write = 0;
        else if (tok_is(f.s[0], f.len[0], "ST"))
            is_write = 1;
        else
            return trace_fail(src, err, "unknown operation '%s' in '%s' (Ramulator "
                              "traces use LD or ST)", quote(q, f.s[0], f.len[0]),
                              quote(ql, src->line, len));
        addr_field = 1;
    }

    if (trace_number(src, err, &f, addr_field, 1, "address", &addr) < 0)
        return -1;
    if (src->fmt == FMT_DRAMSIM3 && trace_number(src, err, &f, 2, 0, "cycle", &cycle) < 0)
        return -1;
    if (addr >= src->capacity)
        return trace_fail(src, err, "address 0x%" PRIx64 " in '%s' is beyond the "
                          "capacity of %" PRIu64 " bytes (0x%" PRIx64 ")", addr,
                          quote(ql, src->line, len), src->capacity, src->capacity);
    if (cycle < src->prev_earliest)
        return trace_fail(src, err, "earliest cycle %" PRIu64 " in '%s' is before the "
                          "previous request's %" PRIu64 " (requests are issued in "
                          "order)", cycle, quote(ql, src->line, len),
                          src->prev_earliest);
    src->prev_earliest = cycle;

    req->addr = addr & ~(uint64_t)(HBM_BURST_BYTES - 1);
    req->is_write = is_write;
    req->earliest = cycle;
    req->line = src->lineno;
    return 1;
}

/* Read up to the next request: 1 with *req, 0 at the end, -1 on error. */
static int trace_fetch(hbm_source *src, struct hbm_req *req, char *err)
{
    for (;;) {
        int rc = read_line(src, err);
        if (rc <= 0)
            return rc;
        rc = parse_line(src, req, err);
        if (rc != 0)
            return rc;
    }
}

hbm_source *hbm_source_open_trace(const char *path, const struct hbm_config *cfg,
                                  uint64_t limit, char *err)
{
    hbm_source *src;
    int rc;

    src = calloc(1, sizeof *src);
    if (!src || !(src->path = malloc(strlen(path) + 1))) {
        free(src);
        set_err(err, "%s: out of memory", path);
        return NULL;
    }
    strcpy(src->path, path);
    src->kind = SRC_TRACE;
    src->capacity = cfg->capacity_bytes;
    src->limit = limit;
    src->fp = fopen(path, "r");
    if (!src->fp) {
        set_err(err, "%s: %s", path, strerror(errno));
        hbm_source_free(src);
        return NULL;
    }
    rc = trace_fetch(src, &src->pending, err);
    if (rc == 0)
        set_err(err, "%s: no requests", path);
    if (rc <= 0) {
        hbm_source_free(src);
        return NULL;
    }
    src->have_pending = 1;
    return src;
}

/* ---- workloads -------------------------------------------------------- */

static const struct wl_desc *find_workload(const char *name, size_t len)
{
    int i;

    for (i = 0; i < WORKLOAD_COUNT; i++)
        if (tok_is(name, len, workloads[i].name))
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
    default:
        return p->max;
    }
}

/*
 * Parse "key=value[,key=value...]" (params, plen characters) for workload
 * d into *value.  spec is only for messages.  Returns 0 or -1 with err.
 */
static int parse_params(const char *spec, const struct wl_desc *d, const char *params,
                        size_t plen, uint64_t capacity, uint64_t *value, char *err)
{
    char qs[QUOTE_BUF], q[QUOTE_BUF], qv[QUOTE_BUF];
    size_t i = 0;
    int seen = 0;

    quote(qs, spec, strlen(spec));
    if (plen == 0) {
        set_err(err, "workload '%s': nothing after ':' (write %s or %s:KEY=VALUE)",
                qs, d->name, d->name);
        return -1;
    }
    while (i <= plen) {
        size_t start = i, klen, vlen;
        const char *eq, *item = params + i;
        uint64_t v = 0, max;
        int rc;

        while (i < plen && params[i] != ',')
            i++;
        if (i == start) {
            set_err(err, "workload '%s': empty parameter (stray ',')", qs);
            return -1;
        }
        eq = memchr(item, '=', i - start);
        klen = eq ? (size_t)(eq - item) : i - start;
        if (!d->param || !tok_is(item, klen, d->param->key)) {
            if (d->param)
                set_err(err, "workload '%s': unknown parameter '%s' (%s takes: %s)",
                        qs, quote(q, item, klen), d->name, d->param->key);
            else
                set_err(err, "workload '%s': unknown parameter '%s' (%s takes no "
                        "parameters)", qs, quote(q, item, klen), d->name);
            return -1;
        }
        quote(q, item, klen);
        if (seen) {
            set_err(err, "workload '%s': parameter '%s' given twice", qs, q);
            return -1;
        }
        seen = 1;
        vlen = eq ? (i - start) - klen - 1 : 0;
        if (!eq || vlen == 0) {
            set_err(err, "workload '%s': parameter '%s' has no value (write %s=VALUE)",
                    qs, q, q);
            return -1;
        }
        quote(qv, eq + 1, vlen);
        rc = parse_u64(eq + 1, vlen, 1, &v);
        max = param_max(d->param, capacity);
        if (rc == NUM_BAD) {
            set_err(err, "workload '%s': parameter '%s' value '%s' is not a number "
                    "(decimal, or hex with 0x)", qs, q, qv);
            return -1;
        }
        if (rc == NUM_OVERFLOW || v < d->param->min || v > max) {
            set_err(err, "workload '%s': parameter '%s' value '%s' is out of range "
                    "%" PRIu64 "..%" PRIu64, qs, q, qv, d->param->min, max);
            return -1;
        }
        if (d->param->mult32 && v % HBM_BURST_BYTES != 0) {
            set_err(err, "workload '%s': parameter '%s' value '%s' is not a multiple "
                    "of %u", qs, q, qv, HBM_BURST_BYTES);
            return -1;
        }
        *value = v;
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
    uint64_t capacity = cfg->capacity_bytes, value;
    hbm_source *src;
    int i;

    quote(qs, spec, strlen(spec));
    if (requests == 0) {
        set_err(err, "workload '%s': the number of requests must be > 0", qs);
        return NULL;
    }
    if (capacity < 2 * HBM_BURST_BYTES || capacity % HBM_BURST_BYTES != 0) {
        set_err(err, "workload '%s': capacity of %" PRIu64 " bytes is not a multiple "
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
        set_err(err, "unknown workload '%s' (known: %s)", quote(q, spec, nlen), names);
        return NULL;
    }
    value = d->param ? d->param->def : 0;
    if (colon && d->kind != WL_LLM &&
        parse_params(spec, d, colon + 1, strlen(colon + 1), capacity, &value, err) < 0)
        return NULL;
    if (d->kind == WL_MULTISTREAM && value > capacity / HBM_BURST_BYTES) {
        set_err(err, "workload '%s': parameter 'n' value %" PRIu64 " exceeds the %"
                PRIu64 " bursts of the capacity", qs, value, capacity / HBM_BURST_BYTES);
        return NULL;
    }

    src = calloc(1, sizeof *src);
    if (!src) {
        set_err(err, "workload '%s': out of memory", qs);
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
    if (src->wl == WL_LLM && hbm_llm_init(&src->llm, qs, colon ? colon + 1 : "", cfg, err) < 0) {
        free(src);
        return NULL;
    }
    if (src->wl == WL_MULTISTREAM)
        multistream_setup(src);
    if (src->wl == WL_DECODE) {
        if (src->bursts / 4 < DECODE_BLOCK_BURSTS) {
            set_err(err, "workload '%s': capacity too small for 2 KiB KV blocks", qs);
            free(src);
            return NULL;
        }
        src->phase = 0;   /* starts with a run of weights */
        src->left = DECODE_BLOCK_BURSTS * (100 - src->param) / src->param;
    }
    return src;
}

static void wl_next(hbm_source *src, struct hbm_req *req)
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

/* ---- common ----------------------------------------------------------- */

int hbm_source_next(hbm_source *src, struct hbm_req *req, char *err)
{
    int rc;

    if (src->state == ST_ERROR) {
        set_err(err, "%s", src->errmsg);
        return -1;
    }
    if (src->state == ST_END)
        return 0;

    if (src->kind == SRC_WORKLOAD) {
        if (src->produced == src->requests) {
            src->state = ST_END;
            return 0;
        }
        wl_next(src, req);
        src->produced++;
        return 1;
    }

    if (src->limit != 0 && src->produced == src->limit) {
        src->state = ST_END;
        return 0;
    }
    if (src->have_pending) {
        *req = src->pending;
        src->have_pending = 0;
        rc = 1;
    } else {
        rc = trace_fetch(src, req, err);
    }
    if (rc == 1)
        src->produced++;
    else if (rc == 0)
        src->state = ST_END;
    return rc;
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

        if (d->param)
            snprintf(head, sizeof head, "%s:%s=%" PRIu64, d->name, d->param->key,
                     d->param->def);
        else
            snprintf(head, sizeof head, "%s", d->name);
        fprintf(out, "  %-19s %s\n", head, d->help[0]);
        for (j = 1; j < 3 && d->help[j]; j++)
            fprintf(out, "  %-19s %s\n", "", d->help[j]);
        if (d->param)
            fprintf(out, "  %-19s %s: %s\n", "", d->param->key, d->param->range);
    }
}

void hbm_source_free(hbm_source *src)
{
    if (!src)
        return;
    if (src->fp)
        fclose(src->fp);
    if (src->kind == SRC_WORKLOAD && src->wl == WL_LLM)
        hbm_llm_free(&src->llm);
    free(src->path);
    free(src);
}

const struct hbm_llm *hbm_source_llm(const hbm_source *src)
{
    return src && src->kind == SRC_WORKLOAD && src->wl == WL_LLM ? &src->llm : NULL;
}

int hbm_source_spec_with_stacks(const char *spec, uint64_t stacks, char *out, size_t size,
                                char *err)
{
    const char *colon = strchr(spec, ':');
    size_t nlen = colon ? (size_t)(colon - spec) : strlen(spec);
    int n;

    if (!tok_is(spec, nlen, "llm-decode")) {
        char q[QUOTE_BUF];
        set_err(err, "--stacks applies to the llm-decode workload, not '%s'", quote(q, spec, nlen));
        return -1;
    }
    n = snprintf(out, size, "%s%sstacks=%" PRIu64, spec, colon ? (colon[1] ? "," : "") : ":", stacks);
    if (n < 0 || (size_t)n >= size) {
        set_err(err, "--stacks: workload spec too long");
        return -1;
    }
    return 0;
}
