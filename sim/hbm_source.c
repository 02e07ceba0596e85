/*
 * hbm_source.c - a request source's common calls (next, free, the llm plan,
 * --stacks) and the helpers its trace and workload halves share:
 * messages, quoting, numbers.  Traces are hbm_trace.c, built-in workloads
 * hbm_workload.c; docs/trace-formats.md is the user's view of both.
 */
#include "hbm_source_int.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------- */

void hbm_src_err(char *err, const char *fmt, ...)
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
const char *hbm_src_quote(char *buf, const char *s, size_t len)
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

int hbm_src_tok_is(const char *s, size_t len, const char *word)
{
    return strlen(word) == len && memcmp(s, word, len) == 0;
}


/*
 * Parse s[0..len): "0x"/"0X" followed by hex digits (if allow_hex), or
 * decimal digits.  No sign, no spaces.  Returns NUM_OK, NUM_BAD or
 * NUM_OVERFLOW (more than 64 bits).
 */
int hbm_src_parse_u64(const char *s, size_t len, int allow_hex, uint64_t *out)
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

/* ---- common ----------------------------------------------------------- */

int hbm_source_next(hbm_source *src, struct hbm_req *req, char *err)
{
    int rc;

    if (src->state == ST_ERROR) {
        hbm_src_err(err, "%s", src->errmsg);
        return -1;
    }
    if (src->state == ST_END)
        return 0;

    if (src->kind == SRC_WORKLOAD) {
        if (src->produced == src->requests) {
            src->state = ST_END;
            return 0;
        }
        hbm_workload_next(src, req);
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
        rc = hbm_trace_fetch(src, req, err);
    }
    if (rc == 1)
        src->produced++;
    else if (rc == 0)
        src->state = ST_END;
    return rc;
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

    if (!hbm_src_tok_is(spec, nlen, "llm-decode")) {
        char q[QUOTE_BUF];
        hbm_src_err(err, "--stacks applies to the llm-decode workload, not '%s'", hbm_src_quote(q, spec, nlen));
        return -1;
    }
    n = snprintf(out, size, "%s%sstacks=%" PRIu64, spec, colon ? (colon[1] ? "," : "") : ":", stacks);
    if (n < 0 || (size_t)n >= size) {
        hbm_src_err(err, "--stacks: workload spec too long");
        return -1;
    }
    return 0;
}

