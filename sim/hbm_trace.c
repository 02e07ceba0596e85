/*
 * hbm_trace.c - request traces: DRAMSim3 ("ADDR READ|WRITE CYCLE") and
 * Ramulator 2 ("LD|ST ADDR"), detected from the first request line.
 *
 * A trace is read one line at a time with getc_unlocked() into a fixed
 * buffer of TRACE_LINE_MAX characters (never the whole file), split into
 * whitespace-separated fields by offset (the line itself stays intact so
 * errors can quote it) and checked field by field.  The first request line
 * fixes the format; hbm_source_open_trace() reads up to it, so an empty or
 * unrecognisable trace fails at open and the first request is kept in
 * `pending` for the first hbm_source_next().
 */
#include "hbm_source_int.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- traces ----------------------------------------------------------- */

/* Fail the trace at the current line: "path:line: message". */
static int trace_fail(hbm_source *src, char *err, const char *fmt, ...)
{
    size_t n;
    va_list ap;

    hbm_src_err(src->errmsg, "%s:%" PRIu64 ": ", src->path, src->lineno);
    n = strlen(src->errmsg);
    va_start(ap, fmt);
    vsnprintf(src->errmsg + n, sizeof src->errmsg - n, fmt, ap);
    va_end(ap);
    src->state = ST_ERROR;
    hbm_src_err(err, "%s", src->errmsg);
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
                              TRACE_LINE_MAX, hbm_src_quote(q, src->line, n));
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
                          hbm_src_quote(q, src->line, strlen(src->line)));
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
    return f->count >= 1 && (hbm_src_tok_is(f->s[0], f->len[0], "LD") ||
                             hbm_src_tok_is(f->s[0], f->len[0], "ST"));
}

static int is_dramsim3_op(const struct fields *f)
{
    return f->count >= 2 && (hbm_src_tok_is(f->s[1], f->len[1], "READ") ||
                             hbm_src_tok_is(f->s[1], f->len[1], "WRITE"));
}

/* Check one number field; what = "address" or "cycle". */
static int trace_number(hbm_source *src, char *err, const struct fields *f, int i,
                        int allow_hex, const char *what, uint64_t *out)
{
    char q[QUOTE_BUF], ql[QUOTE_BUF];
    int rc = hbm_src_parse_u64(f->s[i], f->len[i], allow_hex, out);

    if (rc == NUM_BAD)
        return trace_fail(src, err, "bad %s '%s' in '%s' (%s)", what,
                          hbm_src_quote(q, f->s[i], f->len[i]),
                          hbm_src_quote(ql, src->line, strlen(src->line)),
                          allow_hex ? "hex with 0x, or decimal" : "decimal");
    if (rc == NUM_OVERFLOW)
        return trace_fail(src, err, "%s '%s' in '%s' overflows 64 bits", what,
                          hbm_src_quote(q, f->s[i], f->len[i]),
                          hbm_src_quote(ql, src->line, strlen(src->line)));
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
                              hbm_src_quote(ql, src->line, len), usage[FMT_DRAMSIM3],
                              usage[FMT_RAMULATOR]);
        src->fmt_line = src->lineno;
    } else if (src->fmt == FMT_DRAMSIM3 && is_ramulator_op(&f)) {
        return trace_fail(src, err,
                          "Ramulator request '%s' in a DRAMSim3 trace (format set by line %"
                          PRIu64 ")", hbm_src_quote(ql, src->line, len), src->fmt_line);
    } else if (src->fmt == FMT_RAMULATOR && is_dramsim3_op(&f)) {
        return trace_fail(src, err,
                          "DRAMSim3 request '%s' in a Ramulator trace (format set by line %"
                          PRIu64 ")", hbm_src_quote(ql, src->line, len), src->fmt_line);
    }

    want = src->fmt == FMT_DRAMSIM3 ? 3 : 2;
    if (f.count < want)
        return trace_fail(src, err, "too few fields in '%s': expected %s",
                          hbm_src_quote(ql, src->line, len), usage[src->fmt]);
    if (f.count > want) {
        const char *extra = f.s[want - 1] + f.len[want - 1];
        while (*extra == ' ' || *extra == '\t')
            extra++;
        return trace_fail(src, err, "trailing text '%s' in '%s': expected %s",
                          hbm_src_quote(q, extra, strlen(extra)), hbm_src_quote(ql, src->line, len),
                          usage[src->fmt]);
    }

    if (src->fmt == FMT_DRAMSIM3) {
        if (hbm_src_tok_is(f.s[1], f.len[1], "READ"))
            is_write = 0;
        else if (hbm_src_tok_is(f.s[1], f.len[1], "WRITE"))
            is_write = 1;
        else
            return trace_fail(src, err, "unknown operation '%s' in '%s' (DRAMSim3 "
                              "traces use READ or WRITE)", hbm_src_quote(q, f.s[1], f.len[1]),
                              hbm_src_quote(ql, src->line, len));
        addr_field = 0;
    } else {
        if (hbm_src_tok_is(f.s[0], f.len[0], "LD"))
            is_write = 0;
        else if (hbm_src_tok_is(f.s[0], f.len[0], "ST"))
            is_write = 1;
        else
            return trace_fail(src, err, "unknown operation '%s' in '%s' (Ramulator "
                              "traces use LD or ST)", hbm_src_quote(q, f.s[0], f.len[0]),
                              hbm_src_quote(ql, src->line, len));
        addr_field = 1;
    }

    if (trace_number(src, err, &f, addr_field, 1, "address", &addr) < 0)
        return -1;
    if (src->fmt == FMT_DRAMSIM3 && trace_number(src, err, &f, 2, 0, "cycle", &cycle) < 0)
        return -1;
    if (addr >= src->capacity)
        return trace_fail(src, err, "address 0x%" PRIx64 " in '%s' is beyond the "
                          "capacity of %" PRIu64 " bytes (0x%" PRIx64 ")", addr,
                          hbm_src_quote(ql, src->line, len), src->capacity, src->capacity);
    if (cycle < src->prev_earliest)
        return trace_fail(src, err, "earliest cycle %" PRIu64 " in '%s' is before the "
                          "previous request's %" PRIu64 " (requests are issued in "
                          "order)", cycle, hbm_src_quote(ql, src->line, len),
                          src->prev_earliest);
    src->prev_earliest = cycle;

    req->addr = addr & ~(uint64_t)(HBM_BURST_BYTES - 1);
    req->is_write = is_write;
    req->earliest = cycle;
    req->line = src->lineno;
    return 1;
}

/* Read up to the next request: 1 with *req, 0 at the end, -1 on error. */
int hbm_trace_fetch(hbm_source *src, struct hbm_req *req, char *err)
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
        hbm_src_err(err, "%s: out of memory", path);
        return NULL;
    }
    strcpy(src->path, path);
    src->kind = SRC_TRACE;
    src->capacity = cfg->capacity_bytes;
    src->limit = limit;
    src->fp = fopen(path, "r");
    if (!src->fp) {
        hbm_src_err(err, "%s: %s", path, strerror(errno));
        hbm_source_free(src);
        return NULL;
    }
    rc = hbm_trace_fetch(src, &src->pending, err);
    if (rc == 0)
        hbm_src_err(err, "%s: no requests", path);
    if (rc <= 0) {
        hbm_source_free(src);
        return NULL;
    }
    src->have_pending = 1;
    return src;
}

