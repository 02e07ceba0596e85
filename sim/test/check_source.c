/*
 * check_source.c - unit tests of the request sources (sim/hbm_source.c,
 * hbm_trace.c, hbm_workload.c): trace parsing, its error messages, and the
 * exact address sequences of the workloads.
 *
 * Runs from the repository root (loads configs/hbm2_2000.ini: capacity
 * 256 MiB = 2^23 bursts).  Trace files are written with mkstemp under
 * /tmp and removed by the fixture's teardown, also when a test fails.
 * Expected random sequences were computed independently (splitmix64 in
 * Python) and are pinned here.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hbm_config.h"
#include "hbm_source.h"
#include "hbm_llm.h"
#include <inttypes.h>
#include "hbm_addr_map.h"

#define CONFIG "configs/hbm2_2000.ini"
#define CAP UINT64_C(268435456)
#define BURSTS (CAP / 32)
#define MAX_TMP 8

static struct hbm_config cfg;
static char tmp_paths[MAX_TMP][32];
static int tmp_count;

static void setup(void)
{
    char err[HBM_ERR_MAX];

    ck_assert_msg(hbm_config_load(&cfg, CONFIG, err) == 0, "%s", err);
    ck_assert_uint_eq(cfg.capacity_bytes, CAP);
    tmp_count = 0;
}

static void teardown(void)
{
    int i;

    for (i = 0; i < tmp_count; i++)
        unlink(tmp_paths[i]);
    tmp_count = 0;
}

/* Write len bytes of text to a new temporary file; returns its path. */
static const char *tmp_trace_n(const char *text, size_t len)
{
    char *path;
    FILE *f;
    int fd;

    ck_assert_int_lt(tmp_count, MAX_TMP);
    path = tmp_paths[tmp_count];
    strcpy(path, "/tmp/check_source_XXXXXX");
    fd = mkstemp(path);
    ck_assert_msg(fd >= 0, "mkstemp: %s", strerror(errno));
    tmp_count++;
    f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
    return path;
}

static const char *tmp_trace(const char *text)
{
    return tmp_trace_n(text, strlen(text));
}

static hbm_source *open_ok(const char *path, uint64_t limit)
{
    char err[HBM_ERR_MAX] = "";
    hbm_source *src = hbm_source_open_trace(path, &cfg, limit, err);

    ck_assert_msg(src != NULL, "open %s: %s", path, err);
    return src;
}

static hbm_source *workload_ok(const char *spec, uint64_t requests, uint64_t seed)
{
    char err[HBM_ERR_MAX] = "";
    hbm_source *src = hbm_source_workload(spec, &cfg, requests, seed, err);

    ck_assert_msg(src != NULL, "workload %s: %s", spec, err);
    return src;
}

static struct hbm_req next_ok(hbm_source *src)
{
    char err[HBM_ERR_MAX] = "";
    struct hbm_req req;
    int rc = hbm_source_next(src, &req, err);

    if (rc != 1)   /* ck_assert costs a write per call: keep loops cheap */
        ck_abort_msg("next returned %d: %s", rc, err);
    return req;
}

static void expect_end(hbm_source *src)
{
    char err[HBM_ERR_MAX] = "";
    struct hbm_req req;

    ck_assert_int_eq(hbm_source_next(src, &req, err), 0);
    ck_assert_int_eq(hbm_source_next(src, &req, err), 0);
}

/* Skip n requests. */
static void skip(hbm_source *src, uint64_t n)
{
    char err[HBM_ERR_MAX];
    struct hbm_req req;
    uint64_t i;

    for (i = 0; i < n; i++)
        if (hbm_source_next(src, &req, err) != 1)
            ck_abort_msg("request %llu of %llu: %s", (unsigned long long)i,
                         (unsigned long long)n, err);
}

/* Assert err starts with "path:line: " and contains every word given. */
static void assert_err(const char *err, const char *path, int line, const char *w1,
                       const char *w2)
{
    char prefix[128];

    if (line > 0)
        snprintf(prefix, sizeof prefix, "%s:%d: ", path, line);
    else
        snprintf(prefix, sizeof prefix, "%s: ", path);
    ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0,
                  "error '%s' does not start with '%s'", err, prefix);
    ck_assert_msg(strstr(err, w1) != NULL, "error '%s' does not mention '%s'", err, w1);
    if (w2)
        ck_assert_msg(strstr(err, w2) != NULL, "error '%s' does not mention '%s'",
                      err, w2);
}

/* The trace must open and then fail at `line` with the words given. */
static void expect_trace_error(const char *text, int line, const char *w1,
                               const char *w2)
{
    const char *path = tmp_trace(text);
    char err[HBM_ERR_MAX] = "";
    struct hbm_req req;
    hbm_source *src;
    int rc;

    src = hbm_source_open_trace(path, &cfg, 0, err);
    if (src) {   /* the first request was fine: the error comes from next() */
        while ((rc = hbm_source_next(src, &req, err)) == 1)
            ;
        ck_assert_msg(rc == -1, "trace '%s' gave no error", text);
        /* the error sticks */
        ck_assert_int_eq(hbm_source_next(src, &req, err), -1);
        hbm_source_free(src);
    }
    assert_err(err, path, line, w1, w2);
}

/* The workload spec must be refused with an error mentioning the words. */
static void expect_spec_error(const char *spec, const char *w1, const char *w2)
{
    char err[HBM_ERR_MAX] = "";
    hbm_source *src = hbm_source_workload(spec, &cfg, 100, 1, err);

    ck_assert_msg(src == NULL, "spec '%s' was accepted", spec);
    ck_assert_msg(strstr(err, w1) != NULL, "error '%s' does not mention '%s'", err, w1);
    if (w2)
        ck_assert_msg(strstr(err, w2) != NULL, "error '%s' does not mention '%s'",
                      err, w2);
}

/* ---- workloads: exact sequences ---------------------------------------- */

START_TEST(test_stream_reads_consecutive_bursts_from_zero)
{
    hbm_source *src = workload_ok("stream", 4, 1);
    uint64_t i;

    for (i = 0; i < 4; i++) {
        struct hbm_req r = next_ok(src);
        ck_assert_uint_eq(r.addr, i * 32);
        ck_assert_int_eq(r.is_write, 0);
        ck_assert_uint_eq(r.earliest, 0);
        ck_assert_uint_eq(r.line, 0);
    }
    expect_end(src);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_stream_wraps_to_zero_at_capacity)
{
    hbm_source *src = workload_ok("stream", BURSTS + 2, 1);

    skip(src, BURSTS - 1);
    ck_assert_uint_eq(next_ok(src).addr, CAP - 32);
    ck_assert_uint_eq(next_ok(src).addr, 0);
    ck_assert_uint_eq(next_ok(src).addr, 32);
    expect_end(src);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_multistream_default_n4_round_robin_over_quarters)
{
    static const uint64_t want[] = {
        0, CAP / 4, CAP / 2, 3 * CAP / 4, 32, CAP / 4 + 32, CAP / 2 + 32, 3 * CAP / 4 + 32
    };
    hbm_source *src = workload_ok("multistream", 8, 1);
    int i;

    for (i = 0; i < 8; i++) {
        struct hbm_req r = next_ok(src);
        ck_assert_uint_eq(r.addr, want[i]);
        ck_assert_int_eq(r.is_write, 0);
    }
    hbm_source_free(src);
}
END_TEST

START_TEST(test_multistream_bases_are_k_cap_over_n_aligned_down)
{
    /* floor(C/3) = 89478485 -> 89478464, floor(2C/3) = 178956970 -> 178956960 */
    hbm_source *src = workload_ok("multistream:n=3", 6, 1);

    ck_assert_uint_eq(next_ok(src).addr, 0);
    ck_assert_uint_eq(next_ok(src).addr, 89478464);
    ck_assert_uint_eq(next_ok(src).addr, 178956960);
    ck_assert_uint_eq(next_ok(src).addr, 32);
    ck_assert_uint_eq(next_ok(src).addr, 89478464 + 32);
    ck_assert_uint_eq(next_ok(src).addr, 178956960 + 32);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_multistream_each_stream_wraps_inside_its_slice)
{
    /* n=3: slice 0 holds 2796202 bursts, slices 1 and 2 hold 2796203 */
    const uint64_t s0 = 89478464 / 32;
    hbm_source *src = workload_ok("multistream:n=3", 3 * s0 + 3, 1);

    skip(src, 3 * (s0 - 1));
    ck_assert_uint_eq(next_ok(src).addr, 89478464 - 32);          /* end of slice 0 */
    ck_assert_uint_eq(next_ok(src).addr, 89478464 + (s0 - 1) * 32);
    ck_assert_uint_eq(next_ok(src).addr, 178956960 + (s0 - 1) * 32);
    ck_assert_uint_eq(next_ok(src).addr, 0);                       /* stream 0 wrapped */
    ck_assert_uint_eq(next_ok(src).addr, 178956960 - 32);          /* stream 1 not yet */
    ck_assert_uint_eq(next_ok(src).addr, CAP - 32);                /* stream 2 not yet */
    hbm_source_free(src);
}
END_TEST

START_TEST(test_multistream_n64_wraps_after_a_full_slice)
{
    const uint64_t slice = BURSTS / 64;
    hbm_source *src = workload_ok("multistream:n=64", 64 * slice + 64, 1);
    uint64_t k;

    skip(src, 64 * slice);
    for (k = 0; k < 64; k++)
        ck_assert_uint_eq(next_ok(src).addr, k * (CAP / 64));
    expect_end(src);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_tiled_reads_chunk_of_each_row_then_the_next_column)
{
    /* chunk 96 (3 bursts) of each 256-byte row; CAP / 256 rows; 2 passes */
    const uint64_t rows = CAP / 256;
    hbm_source *src = workload_ok("tiled:chunk=96,pitch=256", 3 * rows * 2 + 3, 1);

    ck_assert_uint_eq(next_ok(src).addr, 0);
    ck_assert_uint_eq(next_ok(src).addr, 32);
    ck_assert_uint_eq(next_ok(src).addr, 64);
    ck_assert_uint_eq(next_ok(src).addr, 256);      /* the next row's chunk */
    skip(src, 3 * rows - 5);
    ck_assert_uint_eq(next_ok(src).addr, CAP - 256 + 64);
    ck_assert_uint_eq(next_ok(src).addr, 96);       /* pass 1: the next chunk of row 0 */
    skip(src, 3 * rows - 1);
    ck_assert_uint_eq(next_ok(src).addr, 0);        /* pitch / chunk = 2 passes, then again */
    hbm_source_free(src);
}
END_TEST

START_TEST(test_tiled_default_is_1536_byte_chunks_at_16_kib)
{
    hbm_source *src = workload_ok("tiled", 49, 1);

    skip(src, 47);
    ck_assert_uint_eq(next_ok(src).addr, 1504);     /* last burst of the first chunk */
    ck_assert_uint_eq(next_ok(src).addr, 16384);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_tiled_errors_name_the_parameter)
{
    expect_spec_error("tiled:chunk=4096,pitch=2048", "parameter chunk 4096", "exceeds parameter pitch 2048");
    expect_spec_error("tiled:pitch=1024", "the default chunk 1536", "exceeds parameter pitch 1024");
    expect_spec_error("tiled:chunk=100", "'chunk'", "multiple of 32");
    expect_spec_error("tiled:pitch=32", "'pitch'", "out of range");
    expect_spec_error("tiled:width=64", "unknown parameter 'width'", "chunk, pitch");
    expect_spec_error("tiled:chunk=64,chunk=64", "'chunk' given twice", NULL);
}
END_TEST

START_TEST(test_stride_reads_every_bytes)
{
    hbm_source *src = workload_ok("stride", 3, 1);   /* default 4096 */

    ck_assert_uint_eq(next_ok(src).addr, 0);
    ck_assert_uint_eq(next_ok(src).addr, 4096);
    ck_assert_uint_eq(next_ok(src).addr, 8192);
    expect_end(src);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_stride_pass_p_starts_at_p_bursts)
{
    const uint64_t per_pass = CAP / 4096;
    hbm_source *src = workload_ok("stride:bytes=4096", 2 * per_pass + 1, 1);

    skip(src, per_pass - 1);
    ck_assert_uint_eq(next_ok(src).addr, CAP - 4096);
    ck_assert_uint_eq(next_ok(src).addr, 32);
    ck_assert_uint_eq(next_ok(src).addr, 32 + 4096);
    skip(src, per_pass - 2);
    ck_assert_uint_eq(next_ok(src).addr, 64);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_stride_returns_to_zero_after_bytes_over_32_passes)
{
    /* bytes=64: two passes (even bursts, then odd) cover every burst */
    const uint64_t per_pass = CAP / 64;
    hbm_source *src = workload_ok("stride:bytes=64", 2 * per_pass + 1, 1);

    skip(src, per_pass);
    ck_assert_uint_eq(next_ok(src).addr, 32);
    skip(src, per_pass - 2);
    ck_assert_uint_eq(next_ok(src).addr, CAP - 32);
    ck_assert_uint_eq(next_ok(src).addr, 0);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_stride_half_capacity_alternates_halves)
{
    hbm_source *src = workload_ok("stride:bytes=134217728", 5, 1);

    ck_assert_uint_eq(next_ok(src).addr, 0);
    ck_assert_uint_eq(next_ok(src).addr, CAP / 2);
    ck_assert_uint_eq(next_ok(src).addr, 32);
    ck_assert_uint_eq(next_ok(src).addr, CAP / 2 + 32);
    ck_assert_uint_eq(next_ok(src).addr, 64);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_random_seed1_first_addresses)
{
    static const uint64_t want[] = { 0x4b9820, 0x1dd8ce0, 0x64aabc0, 0x8592160 };
    hbm_source *src = workload_ok("random", 4, 1);
    int i;

    for (i = 0; i < 4; i++) {
        struct hbm_req r = next_ok(src);
        ck_assert_uint_eq(r.addr, want[i]);
        ck_assert_int_eq(r.is_write, 0);
    }
    hbm_source_free(src);
}
END_TEST

START_TEST(test_kvblock_reads_random_block_whole_then_next_block)
{
    hbm_source *src = workload_ok("kvblock", 66, 1);   /* default 2048: 64 bursts */
    uint64_t i;

    for (i = 0; i < 64; i++)
        ck_assert_uint_eq(next_ok(src).addr, 0x2e60800 + i * 32);
    ck_assert_uint_eq(next_ok(src).addr, 0x7633800);
    ck_assert_uint_eq(next_ok(src).addr, 0x7633800 + 32);
    expect_end(src);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_kvblock_blocks_are_block_aligned_and_whole)
{
    hbm_source *src = workload_ok("kvblock:bytes=4096", 128 * 100, 9);
    int b, i;

    for (b = 0; b < 100; b++) {
        uint64_t base = next_ok(src).addr;
        ck_assert_uint_eq(base % 4096, 0);
        for (i = 1; i < 128; i++)
            ck_assert_uint_eq(next_ok(src).addr, base + (uint64_t)i * 32);
    }
    expect_end(src);
    hbm_source_free(src);
}
END_TEST


/* decode: weights in order, then a whole 2 KiB KV block in the top quarter, then one append write. */
START_TEST(test_decode_runs_weights_then_a_kv_block_then_an_append)
{
    uint64_t c = cfg.capacity_bytes, kv = c / 4 * 3, weights = 64 * 90 / 10, i, blk;
    hbm_source *src = workload_ok("decode", weights + 64 + 1 + 3, 1);   /* kv_pct = 10 */
    struct hbm_req r;

    for (i = 0; i < weights; i++) {
        r = next_ok(src);
        if (r.addr != i * 32 || r.is_write)
            ck_abort_msg("weight %llu: addr 0x%llx", (unsigned long long)i, (unsigned long long)r.addr);
    }
    r = next_ok(src);
    blk = r.addr;
    ck_assert_uint_ge(blk, kv);
    ck_assert_uint_lt(blk, c);
    ck_assert_uint_eq(blk % 2048, 0);
    ck_assert_int_eq(r.is_write, 0);
    for (i = 1; i < 64; i++)
        ck_assert_uint_eq(next_ok(src).addr, blk + i * 32);
    r = next_ok(src);
    ck_assert_int_eq(r.is_write, 1);
    ck_assert_uint_eq(r.addr, kv);          /* the first append */
    for (i = 0; i < 3; i++)                  /* weights go on where they stopped */
        ck_assert_uint_eq(next_ok(src).addr, (weights + i) * 32);
    expect_end(src);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_decode_kv_pct_out_of_range_is_an_error)
{
    expect_spec_error("decode:kv_pct=0", "kv_pct", "1..50");
    expect_spec_error("decode:kv_pct=51", "kv_pct", "1..50");
}
END_TEST

START_TEST(test_mixed_seed1_first_requests)
{
    /* seed 1: the second draw is < 20, the others up to the 12th are not */
    hbm_source *src = workload_ok("mixed", 4, 1);
    struct hbm_req r;

    r = next_ok(src);
    ck_assert_uint_eq(r.addr, 0);
    ck_assert_int_eq(r.is_write, 0);
    r = next_ok(src);
    ck_assert_uint_eq(r.addr, CAP / 2);
    ck_assert_int_eq(r.is_write, 1);
    r = next_ok(src);
    ck_assert_uint_eq(r.addr, 32);
    ck_assert_int_eq(r.is_write, 0);
    r = next_ok(src);
    ck_assert_uint_eq(r.addr, 64);
    ck_assert_int_eq(r.is_write, 0);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_mixed_reads_and_writes_each_sequential_in_their_half)
{
    hbm_source *src = workload_ok("mixed:write_pct=50", 20000, 3);
    uint64_t next_rd = 0, next_wr = CAP / 2;
    int i;

    for (i = 0; i < 20000; i++) {
        struct hbm_req r = next_ok(src);
        uint64_t *next = r.is_write ? &next_wr : &next_rd;
        if (r.addr != *next)
            ck_abort_msg("request %d (%s) at 0x%llx, expected 0x%llx", i,
                         r.is_write ? "write" : "read", (unsigned long long)r.addr,
                         (unsigned long long)*next);
        *next += 32;
    }
    hbm_source_free(src);
}
END_TEST

START_TEST(test_mixed_write_fraction_within_bound_over_10000)
{
    /* binomial(10000, 0.2): mean 2000, sd 40; allow 5 sd */
    static const struct { const char *spec; uint64_t lo, hi; } cases[] = {
        { "mixed", 1800, 2200 },
        { "mixed:write_pct=20", 1800, 2200 },
        { "mixed:write_pct=50", 4750, 5250 },
        { "mixed:write_pct=0", 0, 0 },
        { "mixed:write_pct=100", 10000, 10000 },
    };
    uint64_t seed;
    size_t c;

    for (c = 0; c < sizeof cases / sizeof cases[0]; c++)
        for (seed = 1; seed <= 3; seed++) {
            hbm_source *src = workload_ok(cases[c].spec, 10000, seed);
            uint64_t writes = 0;
            int i;
            for (i = 0; i < 10000; i++)
                writes += (uint64_t)next_ok(src).is_write;
            ck_assert_msg(writes >= cases[c].lo && writes <= cases[c].hi,
                          "%s seed %d: %d writes", cases[c].spec, (int)seed, (int)writes);
            hbm_source_free(src);
        }
}
END_TEST

START_TEST(test_hotrow_reads_row_0_in_turn_and_misses_elsewhere_in_bank_0)
{
    /* Every request is a read of bank 0; the hits walk row 0's columns in
     * turn; the misses go to other rows; binomial(10000, 0.1) misses:
     * mean 1000, sd 30, allow 5 sd. */
    static const struct { const char *spec; int lo, hi; } cases[] = {
        { "hotrow", 850, 1150 },
        { "hotrow:miss_pct=50", 4750, 5250 },
        { "hotrow:miss_pct=1", 50, 150 },
    };
    size_t c;

    for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        hbm_source *src = workload_ok(cases[c].spec, 10000, 3);
        int i, misses = 0, next_col = 0;
        for (i = 0; i < 10000; i++) {
            struct hbm_req r = next_ok(src);
            struct hbm_addr a;
            hbm_addr_decode(&cfg, r.addr, &a);
            ck_assert_int_eq(r.is_write, 0);
            ck_assert_msg(a.bg == 0 && a.ba == 0, "%s request %d: bank %d.%d", cases[c].spec, i, a.bg, a.ba);
            if (a.row == 0) {
                ck_assert_int_eq(a.col, next_col);
                next_col = (next_col + 1) % cfg.columns;
            } else {
                misses++;
            }
        }
        ck_assert_msg(misses >= cases[c].lo && misses <= cases[c].hi, "%s: %d misses",
                      cases[c].spec, misses);
        hbm_source_free(src);
    }
    expect_spec_error("hotrow:miss_pct=0", "miss_pct", "1..90");
    expect_spec_error("hotrow:miss_pct=91", "miss_pct", "1..90");
}
END_TEST

/* A tiny custom model: 2 layers, batch 4, one stack (16 pseudo-channels). */
#define LLM_TINY "llm-decode:model=custom,hidden=512,layers=2,heads=8,kv_heads=2,ffn=1024," \
                 "vocab=2000,batch=4,context=1024,stacks=1"

START_TEST(test_llm_decode_step_is_attention_kv_mlp_per_layer_then_lm_head)
{
    /* Per pseudo-channel (1/16 of each matrix, in 32-byte bursts):
     * attention weights of a layer 512*512*2/16/32 = 1024 (Wq), 512*128*2/16/32
     * = 256 (Wk, Wv), 1024 (Wo): 2560; then the KV cache of each sequence:
     * 1024 tokens * 2*128*2 bytes / 16 / 32 = 1024 read, then one token: 1
     * burst written; then the MLP, 512*1024*2/16/32 = 2048 (gate, up, down):
     * 6144, stored after the attention weights; LM head 2000*512*2/16/32 =
     * 4000.  Step: 2*(8704 + 4*1025) + 4000 = 29608 bursts, 8 of them writes. */
    const uint64_t step = 29608, kv_base = 2 * 8704 + 4000;
    hbm_source *src = workload_ok(LLM_TINY, 2 * step, 1);
    const struct hbm_llm *p = hbm_source_llm(src);
    hbm_source *other = workload_ok("stream", 1, 1);
    uint64_t i, writes = 0, first_write = 0;

    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(p->step_bytes_pc, step * 32);
    ck_assert_uint_eq(p->pcs, 16);
    ck_assert_uint_eq(p->tokens_per_step, 4);
    ck_assert_msg(p->expected_step_bytes_pc == (double)(step * 32), "%f", p->expected_step_bytes_pc);
    for (i = 0; i < 2 * step; i++) {
        struct hbm_req r = next_ok(src);
        uint64_t k = i % step;
        if (k < 2560)        /* layer 0's attention weights, in order from 0 */
            ck_assert_uint_eq(r.addr, k * 32);
        if (k == 2560)       /* then sequence 0's KV cache of layer 0 */
            ck_assert_uint_eq(r.addr, kv_base * 32);
        if (k >= 2560 + 4100 && k < 8704 + 4100)   /* then the MLP, after Wo */
            ck_assert_uint_eq(r.addr, (k - 4100) * 32);
        if (r.is_write) {
            if (!writes)
                first_write = i;
            writes++;
        }
        if (i == step - 1)   /* one whole step: its tokens */
            ck_assert_msg(hbm_llm_tokens(p) == 4.0, "%f", hbm_llm_tokens(p));
    }
    ck_assert_uint_eq(writes, 2 * 8);
    ck_assert_uint_eq(first_write, 2560 + 1024);   /* after sequence 0's context */
    ck_assert_ptr_null(hbm_source_llm(other));   /* other workloads have no plan */
    hbm_source_free(other);
    hbm_source_free(src);
}
END_TEST

static int bits_set(uint64_t v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

/* A tiny MoE: 4 experts, one per token, of 2048 bursts each matrix. */
#define LLM_TINY_MOE "llm-decode:model=custom,hidden=512,layers=2,heads=8,kv_heads=2,ffn=1024," \
                     "vocab=2000,context=1024,stacks=1,experts=4,top_k=1"

/* The experts each layer of a step reads (bit 4l + e: expert e of layer
 * l), from the addresses of its MLP reads: a layer stores its attention
 * weights (2560 bursts), the router (512*4*2/16/32 = 8) and the four
 * experts (3 x 2048 each), and reads only the routed one's. */
START_TEST(test_moe_reads_only_the_routed_experts_seeded)
{
    const uint64_t attn = 2560, router = 8, expert = 3 * 2048, layer = attn + router + 4 * expert;
    uint64_t steps[2][8] = {{0}}, s2;
    int seed;

    for (seed = 1; seed <= 2; seed++) {
        hbm_source *src = workload_ok(LLM_TINY_MOE, 1000000, (uint64_t)seed);
        const struct hbm_llm *p = hbm_source_llm(src);
        uint64_t i, per_step = 0;
        ck_assert_uint_eq(p->shape.experts, 4);
        /* batch 1, top_k 1: one expert a layer; expected = exactly one */
        ck_assert_msg(p->expected_step_bytes_pc == (double)p->step_bytes_pc, "%f %" PRIu64,
                      p->expected_step_bytes_pc, p->step_bytes_pc);
        for (s2 = 0; s2 < 8; s2++) {
            uint64_t n = p->step_bytes_pc / 32, used = 0;
            per_step = n;
            for (i = 0; i < n; i++) {
                struct hbm_req r = next_ok(src);
                uint64_t b = r.addr / 32, l = b / layer, off = b % layer;
                if (b < 2 * layer && off >= attn + router)
                    used |= (uint64_t)1 << (l * 4 + (off - attn - router) / expert);
            }
            ck_assert_uint_eq(bits_set(used), 2);   /* one expert in each of 2 layers */
            steps[seed - 1][s2] = used;
        }
        ck_assert_uint_eq(per_step * 32, 2 * (attn + router + expert + 1025) * 32 + 4000 * 32);
        hbm_source_free(src);
    }
    /* the same seed routes the same way (a new source), another differently */
    {
        hbm_source *src = workload_ok(LLM_TINY_MOE, 1000000, 1);
        const struct hbm_llm *p = hbm_source_llm(src);
        uint64_t i, n = p->step_bytes_pc / 32, used = 0;
        for (i = 0; i < n; i++) {
            struct hbm_req r = next_ok(src);
            uint64_t b = r.addr / 32, l = b / layer, off = b % layer;
            if (b < 2 * layer && off >= attn + router)
                used |= (uint64_t)1 << (l * 4 + (off - attn - router) / expert);
        }
        ck_assert_uint_eq(used, steps[0][0]);
        hbm_source_free(src);
    }
    ck_assert_msg(memcmp(steps[0], steps[1], sizeof steps[0]) != 0, "seeds 1 and 2 route alike");
    /* many tokens take every expert: batch 64, top 1 of 4 */
    {
        hbm_source *src = workload_ok(LLM_TINY_MOE ",batch=64", 10, 1);
        const struct hbm_llm *p = hbm_source_llm(src);
        ck_assert_msg(p->expected_step_bytes_pc > (double)p->step_bytes_pc - 1.0 &&
                      p->expected_step_bytes_pc < (double)p->step_bytes_pc + 1.0 + 2 * 32.0 * expert * 0.01,
                      "%f vs %" PRIu64, p->expected_step_bytes_pc, p->step_bytes_pc);
        hbm_source_free(src);
    }
}
END_TEST

START_TEST(test_paged_kv_reads_whole_blocks_scattered_and_contexts_per_sequence)
{
    /* kv_block=16: a token is 2 bursts here (2*128*2 bytes / 16 pcs = 32
     * bytes: 1 burst); a block 16 bursts; contexts from [100, 1024]. */
    hbm_source *src = workload_ok(LLM_TINY ",kv_block=16,context_min=100", 100000, 3);
    const struct hbm_llm *p = hbm_source_llm(src);
    uint64_t b, i, total = 0, n = p->step_bytes_pc / 32, prev = 0, jumps = 0, kv_reads = 0;
    int distinct = 0;

    ck_assert_uint_eq(p->tok_bursts, 1);
    ck_assert_uint_eq(p->block_bursts, 16);
    for (b = 0; b < p->batch; b++) {
        ck_assert_uint_ge(p->ctx[b], 100);
        ck_assert_uint_le(p->ctx[b], 1024);
        distinct += b > 0 && p->ctx[b] != p->ctx[0];
        total += (p->ctx[b] + 1 + 15) / 16;
    }
    ck_assert_int_gt(distinct, 0);
    ck_assert_uint_eq(p->nblocks, 2 * total);
    for (i = 0; i < p->nblocks; i++) {   /* every block its own place in the pool */
        uint64_t j;
        for (j = 0; j < i; j++)
            ck_assert_uint_ne(p->block[i], p->block[j]);
    }
    for (i = 0; i < n; i++) {
        struct hbm_req r = next_ok(src);
        uint64_t bu = r.addr / 32;
        if (bu >= p->pool_base && !r.is_write) {
            kv_reads++;
            if (prev && bu != prev + 1) {
                jumps++;
                ck_assert_uint_eq((bu - p->pool_base) % 16, 0);   /* a jump lands on a block's start */
            }
            prev = bu;
        } else {
            prev = 0;
        }
    }
    for (total = 0, b = 0; b < p->batch; b++)
        total += p->ctx[b];
    ck_assert_uint_eq(kv_reads, 2 * total);
    ck_assert_uint_gt(jumps, p->nblocks / 2);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_prefill_writes_the_prompts_kv_and_counts_its_tokens)
{
    /* prompt 64 tokens of 4 sequences, no context: per layer 4 x 64 bursts
     * of KV written, nothing of it read; 256 tokens a step. */
    hbm_source *src = workload_ok("llm-decode:model=custom,hidden=512,layers=2,heads=8,kv_heads=2,ffn=1024,"
                                  "vocab=2000,batch=4,stacks=1,phase=prefill,prompt=64", 100000, 1);
    const struct hbm_llm *p = hbm_source_llm(src);
    uint64_t i, n = p->step_bytes_pc / 32, writes = 0, reads = 0;

    ck_assert_int_eq(p->prefill, 1);
    ck_assert_uint_eq(p->tokens_per_step, 256);
    for (i = 0; i < n; i++) {
        struct hbm_req r = next_ok(src);
        writes += r.is_write;
        reads += !r.is_write;
    }
    ck_assert_uint_eq(writes, 2 * 4 * 64);
    ck_assert_uint_eq(reads, 2 * 8704 + 4000);
    ck_assert_msg(hbm_llm_tokens(p) == 256.0, "%f", hbm_llm_tokens(p));
    hbm_source_free(src);
    src = workload_ok("llm-decode:phase=prefill,dtype=int8", 10, 1);   /* context 0 unless given */
    ck_assert_uint_eq(hbm_source_llm(src)->ctx[0], 0);
    ck_assert_uint_eq(hbm_source_llm(src)->dtype_bits, 8);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_llm_decode_picks_the_fewest_stacks_and_sizes_public_models)
{
    /* Llama-3-8B in bf16: 32 layers of 218,103,808 parameters plus the LM
     * head (128256 x 4096) = 7,504,658,432 read per token (the embedding
     * table is not); 15 GB over 4 stacks of 256 MiB pseudo-channels. */
    hbm_source *src = workload_ok("llm-decode", 10, 1);
    const struct hbm_llm *p = hbm_source_llm(src);
    ck_assert_uint_eq(p->stacks, 4);
    ck_assert_uint_eq(p->weight_bytes_pc, (uint64_t)7504658432 * 2 / 64);
    hbm_source_free(src);
    src = workload_ok("llm-decode:model=llama3-70b,dtype=int4", 10, 1);
    ck_assert_uint_eq(hbm_source_llm(src)->shape.layers, 80);
    ck_assert_uint_eq(hbm_source_llm(src)->dtype_bits, 4);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_llm_decode_errors_name_the_key_and_value)
{
    expect_spec_error("llm-decode:model=gpt9", "model 'gpt9'", "llama3-8b");
    expect_spec_error("llm-decode:dtype=fp16", "dtype 'fp16'", "bf16");
    expect_spec_error("llm-decode:batch=0", "'batch' value '0'", "1..1024");
    expect_spec_error("llm-decode:batch=x", "'batch' value 'x'", NULL);
    expect_spec_error("llm-decode:colour=3", "unknown parameter 'colour'", "context");
    expect_spec_error("llm-decode:batch", "not KEY=VALUE", NULL);
    expect_spec_error("llm-decode:model=custom,hidden=512", "needs 'layers'", NULL);
    expect_spec_error("llm-decode:model=custom,hidden=500,layers=1,heads=8,kv_heads=2,ffn=8,vocab=8",
                      "multiple of heads", NULL);
    expect_spec_error("llm-decode:stacks=1", "needs", "give more stacks");
    expect_spec_error("llm-decode:phase=train", "phase 'train'", "prefill");
    expect_spec_error("llm-decode:experts=4,top_k=5", "top_k 5 exceeds experts 4", NULL);
    expect_spec_error("llm-decode:context=100,context_min=200", "context_min 200 exceeds context 100", NULL);
    expect_spec_error("llm-decode:context=0", "'context' value '0'", "at least 1");
    expect_spec_error("llm-decode:model=mixtral-8x22b,batch=1024,context=65536,kv_block=1", "paged KV cache",
                      "larger kv_block");
}
END_TEST

START_TEST(test_stacks_option_folds_into_an_llm_decode_spec_only)
{
    char out[256], err[HBM_ERR_MAX];

    ck_assert_int_eq(hbm_source_spec_with_stacks("llm-decode", 8, out, sizeof out, err), 0);
    ck_assert_str_eq(out, "llm-decode:stacks=8");
    ck_assert_int_eq(hbm_source_spec_with_stacks("llm-decode:batch=2", 3, out, sizeof out, err), 0);
    ck_assert_str_eq(out, "llm-decode:batch=2,stacks=3");
    ck_assert_int_eq(hbm_source_spec_with_stacks("stream", 8, out, sizeof out, err), -1);
    ck_assert_msg(strstr(err, "llm-decode") && strstr(err, "'stream'"), "%s", err);
    ck_assert_int_eq(hbm_source_spec_with_stacks("llm-decode", 8, out, 8, err), -1);
    /* the same key twice (spec and --stacks) is refused by the workload */
    expect_spec_error("llm-decode:stacks=5,stacks=8", "'stacks' given twice", NULL);
}
END_TEST

START_TEST(test_workload_produces_exactly_the_requested_count)
{
    static const char *const specs[] = {
        "stream", "multistream", "stride", "random", "kvblock", "mixed", "decode", "hotrow"
    };
    size_t s;

    for (s = 0; s < sizeof specs / sizeof specs[0]; s++) {
        hbm_source *src = workload_ok(specs[s], 7, 1);
        skip(src, 7);
        expect_end(src);
        hbm_source_free(src);
    }
}
END_TEST

START_TEST(test_same_seed_gives_same_sequence)
{
    static const char *const specs[] = {
        "stream", "multistream:n=5", "stride:bytes=96", "random", "kvblock:bytes=96",
        "mixed:write_pct=33", "hotrow:miss_pct=30"
    };
    size_t s;
    int i;

    for (s = 0; s < sizeof specs / sizeof specs[0]; s++) {
        hbm_source *a = workload_ok(specs[s], 5000, 42);
        hbm_source *b = workload_ok(specs[s], 5000, 42);
        for (i = 0; i < 5000; i++) {
            struct hbm_req ra = next_ok(a), rb = next_ok(b);
            if (ra.addr != rb.addr || ra.is_write != rb.is_write)
                ck_abort_msg("%s: request %d differs between two runs", specs[s], i);
        }
        hbm_source_free(a);
        hbm_source_free(b);
    }
}
END_TEST

START_TEST(test_different_seed_gives_different_random_sequence)
{
    static const char *const specs[] = { "random", "kvblock", "mixed" };
    size_t s;
    int i, differ;

    for (s = 0; s < sizeof specs / sizeof specs[0]; s++) {
        hbm_source *a = workload_ok(specs[s], 1000, 1);
        hbm_source *b = workload_ok(specs[s], 1000, 2);
        differ = 0;
        for (i = 0; i < 1000; i++) {
            struct hbm_req ra = next_ok(a), rb = next_ok(b);
            differ += ra.addr != rb.addr || ra.is_write != rb.is_write;
        }
        ck_assert_msg(differ > 0, "%s: seeds 1 and 2 gave the same sequence", specs[s]);
        hbm_source_free(a);
        hbm_source_free(b);
    }
    /* and the pinned seed-2 start of random */
    {
        hbm_source *r = workload_ok("random", 2, 2);
        ck_assert_uint_eq(next_ok(r).addr, 0x2ead9c0);
        ck_assert_uint_eq(next_ok(r).addr, 0xf83c840);
        hbm_source_free(r);
    }
}
END_TEST

START_TEST(test_every_workload_address_aligned_and_below_capacity)
{
    static const char *const specs[] = {
        "stream", "multistream", "multistream:n=1", "multistream:n=3",
        "multistream:n=64", "stride", "stride:bytes=32", "stride:bytes=96",
        "stride:bytes=134217728", "random", "kvblock", "kvblock:bytes=32",
        "kvblock:bytes=1048576", "kvblock:bytes=96", "mixed", "mixed:write_pct=0",
        "mixed:write_pct=100", "hotrow", "hotrow:miss_pct=90"
    };
    char err[HBM_ERR_MAX];
    size_t s;

    for (s = 0; s < sizeof specs / sizeof specs[0]; s++) {
        hbm_source *src = workload_ok(specs[s], 200000, 5);
        struct hbm_req r;
        uint64_t n = 0;
        int may_write = strncmp(specs[s], "mixed", 5) == 0;
        while (hbm_source_next(src, &r, err) == 1) {
            if (r.addr % 32 != 0 || r.addr >= CAP || r.earliest != 0 || r.line != 0 ||
                (r.is_write && !may_write))
                ck_abort_msg("%s: request %llu: addr 0x%llx write %d earliest %llu "
                             "line %llu", specs[s], (unsigned long long)n,
                             (unsigned long long)r.addr, r.is_write,
                             (unsigned long long)r.earliest, (unsigned long long)r.line);
            n++;
        }
        ck_assert_uint_eq(n, 200000);
        hbm_source_free(src);
    }
}
END_TEST

START_TEST(test_print_workloads_lists_every_name_and_default)
{
    static const char *const words[] = {
        "stream", "multistream:n=4", "stride:bytes=4096", "random",
        "kvblock:bytes=2048", "mixed:write_pct=20", "1..64", "0..100",
        "multiple of 32", "hotrow:miss_pct=10", "1..90"
    };
    char *text = NULL;
    size_t len = 0, i;
    FILE *f = open_memstream(&text, &len);

    ck_assert_ptr_nonnull(f);
    hbm_source_print_workloads(f);
    ck_assert_int_eq(fclose(f), 0);
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        ck_assert_msg(strstr(text, words[i]) != NULL, "help lacks '%s'", words[i]);
    free(text);
}
END_TEST

/* ---- traces: parsing ---------------------------------------------------- */

START_TEST(test_trace_dramsim3_lines_parse)
{
    const char *path = tmp_trace("# a comment\n\n0x1f40 READ 120\n64 WRITE 130\r\n"
                                 "  0x40\t READ   130  \n");
    hbm_source *src = open_ok(path, 0);
    struct hbm_req r;

    r = next_ok(src);
    ck_assert_uint_eq(r.addr, 0x1f40);
    ck_assert_int_eq(r.is_write, 0);
    ck_assert_uint_eq(r.earliest, 120);
    ck_assert_uint_eq(r.line, 3);
    r = next_ok(src);
    ck_assert_uint_eq(r.addr, 64);
    ck_assert_int_eq(r.is_write, 1);
    ck_assert_uint_eq(r.earliest, 130);
    ck_assert_uint_eq(r.line, 4);
    r = next_ok(src);
    ck_assert_uint_eq(r.addr, 0x40);
    ck_assert_uint_eq(r.earliest, 130);
    ck_assert_uint_eq(r.line, 5);
    expect_end(src);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_trace_ramulator_lines_parse_with_earliest_zero)
{
    const char *path = tmp_trace("LD 0x1f40\nST 128\n# end\n");
    hbm_source *src = open_ok(path, 0);
    struct hbm_req r;

    r = next_ok(src);
    ck_assert_uint_eq(r.addr, 0x1f40);
    ck_assert_int_eq(r.is_write, 0);
    ck_assert_uint_eq(r.earliest, 0);
    ck_assert_uint_eq(r.line, 1);
    r = next_ok(src);
    ck_assert_uint_eq(r.addr, 128);
    ck_assert_int_eq(r.is_write, 1);
    ck_assert_uint_eq(r.earliest, 0);
    ck_assert_uint_eq(r.line, 2);
    expect_end(src);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_trace_address_aligned_down_to_burst)
{
    const char *path = tmp_trace("LD 0x1f5f\nST 0x1f41\nLD 31\nLD 0xfffffff\n");
    hbm_source *src = open_ok(path, 0);

    ck_assert_uint_eq(next_ok(src).addr, 0x1f40);
    ck_assert_uint_eq(next_ok(src).addr, 0x1f40);
    ck_assert_uint_eq(next_ok(src).addr, 0);
    ck_assert_uint_eq(next_ok(src).addr, CAP - 32);   /* last byte is in range */
    expect_end(src);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_trace_limit_stops_before_later_lines_are_read)
{
    /* line 3 is malformed but lies beyond the limit */
    const char *path = tmp_trace("0x0 READ 0\n0x20 WRITE 1\nnonsense here\n");
    hbm_source *src = open_ok(path, 2);

    ck_assert_uint_eq(next_ok(src).addr, 0);
    ck_assert_uint_eq(next_ok(src).addr, 0x20);
    expect_end(src);
    hbm_source_free(src);

    src = open_ok(path, 1);
    ck_assert_uint_eq(next_ok(src).addr, 0);
    expect_end(src);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_trace_equal_earliest_cycles_are_allowed)
{
    const char *path = tmp_trace("0x0 READ 5\n0x20 READ 5\n0x40 WRITE 9\n");
    hbm_source *src = open_ok(path, 0);

    skip(src, 3);
    expect_end(src);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_trace_last_line_without_newline_is_read)
{
    const char *path = tmp_trace("ST 0x40\nLD 0x80");
    hbm_source *src = open_ok(path, 0);

    ck_assert_uint_eq(next_ok(src).addr, 0x40);
    ck_assert_uint_eq(next_ok(src).addr, 0x80);
    expect_end(src);
    hbm_source_free(src);
}
END_TEST

START_TEST(test_mixed_reads_wrap_at_half_and_writes_wrap_at_capacity)
{
    const uint64_t half = BURSTS / 2;
    hbm_source *rd = workload_ok("mixed:write_pct=0", half + 1, 1);
    hbm_source *wr = workload_ok("mixed:write_pct=100", half + 1, 1);

    skip(rd, half - 1);
    ck_assert_uint_eq(next_ok(rd).addr, CAP / 2 - 32);
    ck_assert_uint_eq(next_ok(rd).addr, 0);
    skip(wr, half - 1);
    ck_assert_uint_eq(next_ok(wr).addr, CAP - 32);
    ck_assert_uint_eq(next_ok(wr).addr, CAP / 2);
    hbm_source_free(rd);
    hbm_source_free(wr);
}
END_TEST

START_TEST(test_trace_line_of_exactly_4096_characters_is_accepted)
{
    static char text[4096 + 64];
    hbm_source *src;

    text[0] = '#';
    memset(text + 1, 'x', 4095);
    strcpy(text + 4096, "\nLD 0x40\n");
    src = open_ok(tmp_trace(text), 0);
    ck_assert_uint_eq(next_ok(src).line, 2);
    hbm_source_free(src);
}
END_TEST

/* ---- traces: errors ------------------------------------------------------ */

START_TEST(test_trace_missing_file_reports_strerror)
{
    char err[HBM_ERR_MAX] = "";
    hbm_source *src = hbm_source_open_trace("/tmp/check_source_no_such_file", &cfg, 0,
                                            err);

    ck_assert_ptr_null(src);
    assert_err(err, "/tmp/check_source_no_such_file", 0, strerror(ENOENT), NULL);
}
END_TEST

START_TEST(test_trace_without_requests_is_an_error)
{
    const char *empty = tmp_trace("");
    const char *comments = tmp_trace("# only\n\n   \n# comments\n");
    char err[HBM_ERR_MAX] = "";

    ck_assert_ptr_null(hbm_source_open_trace(empty, &cfg, 0, err));
    assert_err(err, empty, 0, "no requests", NULL);
    ck_assert_ptr_null(hbm_source_open_trace(comments, &cfg, 0, err));
    assert_err(err, comments, 0, "no requests", NULL);
}
END_TEST

START_TEST(test_trace_too_few_fields_is_an_error)
{
    expect_trace_error("0x0 READ 1\n0x40 READ\n", 2, "too few fields", "'0x40 READ'");
    expect_trace_error("LD 0x0\nST\n", 2, "too few fields", "'ST'");
}
END_TEST

START_TEST(test_trace_trailing_text_is_an_error)
{
    expect_trace_error("0x0 READ 1 extra\n", 1, "trailing text 'extra'",
                       "'0x0 READ 1 extra'");
    expect_trace_error("LD 0x0\nST 0x40 # note\n", 2, "trailing text '# note'", NULL);
}
END_TEST

START_TEST(test_trace_unknown_operation_is_an_error)
{
    expect_trace_error("0x0 READ 1\n0x40 read 2\n", 2, "unknown operation 'read'", NULL);
    expect_trace_error("0x0 RD 1\n", 1, "unknown operation 'RD'", NULL);
    expect_trace_error("LD 0x0\nLOAD 0x40\n", 2, "unknown operation 'LOAD'", NULL);
    expect_trace_error("ld 0x0\n", 1, "unknown operation 'ld'", NULL);
}
END_TEST

START_TEST(test_trace_bad_number_is_an_error)
{
    expect_trace_error("0x0 READ 1\n0x4g READ 2\n", 2, "bad address '0x4g'", NULL);
    expect_trace_error("0x READ 2\n", 1, "bad address '0x'", NULL);
    expect_trace_error("-64 READ 2\n", 1, "bad address '-64'", NULL);
    expect_trace_error("0x40 READ 5x\n", 1, "bad cycle '5x'", NULL);
    expect_trace_error("0x40 READ 0x10\n", 1, "bad cycle '0x10'", "decimal");
    expect_trace_error("LD 0x0\nST 4k\n", 2, "bad address '4k'", NULL);
}
END_TEST

START_TEST(test_trace_number_overflow_is_an_error)
{
    expect_trace_error("0x10000000000000000 READ 1\n", 1,
                       "address '0x10000000000000000'", "overflows 64 bits");
    expect_trace_error("LD 18446744073709551616\n", 1, "address '18446744073709551616'",
                       "overflows 64 bits");
    expect_trace_error("0x0 READ 18446744073709551616\n", 1,
                       "cycle '18446744073709551616'", "overflows 64 bits");
}
END_TEST

START_TEST(test_trace_address_at_capacity_is_an_error)
{
    expect_trace_error("0x0 READ 1\n0x10000000 READ 2\n", 2, "beyond the capacity",
                       "268435456 bytes");
    expect_trace_error("LD 0xffffffffffffffff\n", 1, "beyond the capacity",
                       "'LD 0xffffffffffffffff'");
}
END_TEST

START_TEST(test_trace_earliest_cycle_going_backwards_is_an_error)
{
    expect_trace_error("0x0 READ 120\n0x40 READ 121\n0x80 WRITE 119\n", 3,
                       "earliest cycle 119", "previous request's 121");
}
END_TEST

START_TEST(test_trace_mixing_formats_is_an_error)
{
    expect_trace_error("0x0 READ 1\n\nLD 0x40\n", 3, "Ramulator request 'LD 0x40'",
                       "DRAMSim3 trace");
    expect_trace_error("# x\nST 0x0\n0x40 WRITE 2\n", 3, "DRAMSim3 request",
                       "format set by line 2");
}
END_TEST

START_TEST(test_trace_unrecognised_first_line_is_an_error)
{
    expect_trace_error("# header\nhello\n", 2, "unrecognised request 'hello'", NULL);
}
END_TEST

START_TEST(test_trace_line_longer_than_4096_characters_is_an_error)
{
    static char text[5000 + 64];
    hbm_source *src;
    char err[HBM_ERR_MAX] = "";
    struct hbm_req r;
    const char *path;

    /* 4097 characters on line 2 (a comment: it must not be skipped silently) */
    strcpy(text, "LD 0x0\n#");
    memset(text + 8, 'y', 4096);
    strcpy(text + 8 + 4096, "\nLD 0x40\n");
    path = tmp_trace(text);
    src = open_ok(path, 0);
    ck_assert_int_eq(hbm_source_next(src, &r, err), 1);
    ck_assert_int_eq(hbm_source_next(src, &r, err), -1);
    assert_err(err, path, 2, "longer than 4096 characters", "'#yyy");
    hbm_source_free(src);

    /* a request line whose end is past the limit, at the first line */
    memset(text, ' ', 5000);
    memcpy(text, "LD 0x40", 7);
    strcpy(text + 5000 - 1, "9\n");
    expect_trace_error(text, 1, "longer than 4096", NULL);
}
END_TEST

START_TEST(test_trace_nul_byte_is_an_error)
{
    static const char text[] = "LD 0x0\nLD 0x4\0000\n";   /* NUL inside line 2 */
    const char *path = tmp_trace_n(text, sizeof text - 1);
    hbm_source *src = open_ok(path, 0);
    char err[HBM_ERR_MAX] = "";
    struct hbm_req r;

    ck_assert_int_eq(hbm_source_next(src, &r, err), 1);
    ck_assert_int_eq(hbm_source_next(src, &r, err), -1);
    assert_err(err, path, 2, "NUL byte", NULL);
    hbm_source_free(src);
}
END_TEST

/* ---- workload specs: errors ---------------------------------------------- */

START_TEST(test_spec_unknown_workload_is_named)
{
    expect_spec_error("streams", "unknown workload 'streams'", "multistream");
    expect_spec_error("", "unknown workload ''", NULL);
    expect_spec_error("Stream:n=1", "unknown workload 'Stream'", NULL);
}
END_TEST

START_TEST(test_spec_unknown_key_is_named)
{
    expect_spec_error("multistream:m=4", "unknown parameter 'm'", "takes: n");
    expect_spec_error("stream:n=4", "unknown parameter 'n'", "no parameters");
    expect_spec_error("random:bytes=64", "unknown parameter 'bytes'", NULL);
    expect_spec_error("mixed:write_pct=5,n=2", "unknown parameter 'n'", NULL);
}
END_TEST

START_TEST(test_spec_missing_value_is_named)
{
    expect_spec_error("multistream:n", "parameter 'n' has no value", NULL);
    expect_spec_error("stride:bytes=", "parameter 'bytes' has no value", NULL);
    expect_spec_error("multistream:", "nothing after ':'", NULL);
    expect_spec_error("multistream:n=4,", "empty parameter", NULL);
    expect_spec_error("multistream:n=4,n=8", "parameter 'n' given twice", NULL);
}
END_TEST

START_TEST(test_spec_non_numeric_value_is_named)
{
    expect_spec_error("multistream:n=four", "'n' value 'four' is not a number", NULL);
    expect_spec_error("stride:bytes=4k", "'bytes' value '4k' is not a number", NULL);
    expect_spec_error("mixed:write_pct=-1", "'write_pct' value '-1' is not a number",
                      NULL);
}
END_TEST

START_TEST(test_spec_out_of_range_value_is_named)
{
    expect_spec_error("multistream:n=0", "'n' value '0' is out of range 1..64", NULL);
    expect_spec_error("multistream:n=65", "'n' value '65' is out of range", NULL);
    expect_spec_error("stride:bytes=0", "'bytes' value '0' is out of range", NULL);
    expect_spec_error("stride:bytes=134217760", "'bytes' value '134217760' is out of "
                      "range 32..134217728", NULL);
    expect_spec_error("kvblock:bytes=1048608", "out of range 32..1048576", NULL);
    expect_spec_error("mixed:write_pct=101", "'write_pct' value '101' is out of range "
                      "0..100", NULL);
    expect_spec_error("mixed:write_pct=99999999999999999999999", "out of range", NULL);
}
END_TEST

START_TEST(test_spec_bytes_not_multiple_of_32_is_named)
{
    expect_spec_error("stride:bytes=100", "'bytes' value '100' is not a multiple of 32",
                      NULL);
    expect_spec_error("kvblock:bytes=48", "'bytes' value '48' is not a multiple of 32",
                      NULL);
}
END_TEST

START_TEST(test_spec_range_ends_are_accepted)
{
    static const char *const specs[] = {
        "multistream:n=1", "multistream:n=64", "stride:bytes=32",
        "stride:bytes=134217728", "kvblock:bytes=32", "kvblock:bytes=1048576",
        "kvblock:bytes=0x100000", "mixed:write_pct=0", "mixed:write_pct=100"
    };
    size_t s;

    for (s = 0; s < sizeof specs / sizeof specs[0]; s++)
        hbm_source_free(workload_ok(specs[s], 1, 1));
}
END_TEST

START_TEST(test_workload_zero_requests_is_an_error)
{
    char err[HBM_ERR_MAX] = "";

    ck_assert_ptr_null(hbm_source_workload("stream", &cfg, 0, 1, err));
    ck_assert_msg(strstr(err, "requests must be > 0") != NULL, "%s", err);
}
END_TEST

static Suite *source_suite(void)
{
    Suite *s = suite_create("source");
    TCase *core = tcase_create("core");
    TCase *limits = tcase_create("limits");

    tcase_add_checked_fixture(core, setup, teardown);
    tcase_add_checked_fixture(limits, setup, teardown);
    tcase_set_timeout(core, 60);
    tcase_set_timeout(limits, 60);

    tcase_add_test(core, test_stacks_option_folds_into_an_llm_decode_spec_only);
    tcase_add_test(core, test_llm_decode_step_is_attention_kv_mlp_per_layer_then_lm_head);
    tcase_add_test(core, test_moe_reads_only_the_routed_experts_seeded);
    tcase_add_test(core, test_paged_kv_reads_whole_blocks_scattered_and_contexts_per_sequence);
    tcase_add_test(core, test_prefill_writes_the_prompts_kv_and_counts_its_tokens);
    tcase_add_test(core, test_llm_decode_picks_the_fewest_stacks_and_sizes_public_models);
    tcase_add_test(core, test_llm_decode_errors_name_the_key_and_value);
    tcase_add_test(core, test_hotrow_reads_row_0_in_turn_and_misses_elsewhere_in_bank_0);
    tcase_add_test(core, test_stream_reads_consecutive_bursts_from_zero);
    tcase_add_test(core, test_multistream_default_n4_round_robin_over_quarters);
    tcase_add_test(core, test_multistream_bases_are_k_cap_over_n_aligned_down);
    tcase_add_test(core, test_stride_reads_every_bytes);
    tcase_add_test(core, test_tiled_reads_chunk_of_each_row_then_the_next_column);
    tcase_add_test(core, test_tiled_default_is_1536_byte_chunks_at_16_kib);
    tcase_add_test(core, test_tiled_errors_name_the_parameter);
    tcase_add_test(core, test_random_seed1_first_addresses);
    tcase_add_test(core, test_kvblock_reads_random_block_whole_then_next_block);
    tcase_add_test(core, test_kvblock_blocks_are_block_aligned_and_whole);
    tcase_add_test(core, test_mixed_seed1_first_requests);
    tcase_add_test(core, test_decode_runs_weights_then_a_kv_block_then_an_append);
    tcase_add_test(core, test_decode_kv_pct_out_of_range_is_an_error);
    tcase_add_test(core, test_mixed_reads_and_writes_each_sequential_in_their_half);
    tcase_add_test(core, test_mixed_write_fraction_within_bound_over_10000);
    tcase_add_test(core, test_workload_produces_exactly_the_requested_count);
    tcase_add_test(core, test_same_seed_gives_same_sequence);
    tcase_add_test(core, test_different_seed_gives_different_random_sequence);
    tcase_add_test(core, test_every_workload_address_aligned_and_below_capacity);
    tcase_add_test(core, test_print_workloads_lists_every_name_and_default);
    tcase_add_test(core, test_trace_dramsim3_lines_parse);
    tcase_add_test(core, test_trace_ramulator_lines_parse_with_earliest_zero);
    tcase_add_test(core, test_trace_address_aligned_down_to_burst);
    tcase_add_test(core, test_trace_limit_stops_before_later_lines_are_read);
    tcase_add_test(core, test_trace_equal_earliest_cycles_are_allowed);
    tcase_add_test(core, test_trace_last_line_without_newline_is_read);

    tcase_add_test(limits, test_stream_wraps_to_zero_at_capacity);
    tcase_add_test(limits, test_multistream_each_stream_wraps_inside_its_slice);
    tcase_add_test(limits, test_multistream_n64_wraps_after_a_full_slice);
    tcase_add_test(limits, test_stride_pass_p_starts_at_p_bursts);
    tcase_add_test(limits, test_stride_returns_to_zero_after_bytes_over_32_passes);
    tcase_add_test(limits, test_stride_half_capacity_alternates_halves);
    tcase_add_test(limits, test_mixed_reads_wrap_at_half_and_writes_wrap_at_capacity);
    tcase_add_test(limits, test_trace_line_of_exactly_4096_characters_is_accepted);
    tcase_add_test(limits, test_trace_missing_file_reports_strerror);
    tcase_add_test(limits, test_trace_without_requests_is_an_error);
    tcase_add_test(limits, test_trace_too_few_fields_is_an_error);
    tcase_add_test(limits, test_trace_trailing_text_is_an_error);
    tcase_add_test(limits, test_trace_unknown_operation_is_an_error);
    tcase_add_test(limits, test_trace_bad_number_is_an_error);
    tcase_add_test(limits, test_trace_number_overflow_is_an_error);
    tcase_add_test(limits, test_trace_address_at_capacity_is_an_error);
    tcase_add_test(limits, test_trace_earliest_cycle_going_backwards_is_an_error);
    tcase_add_test(limits, test_trace_mixing_formats_is_an_error);
    tcase_add_test(limits, test_trace_unrecognised_first_line_is_an_error);
    tcase_add_test(limits, test_trace_line_longer_than_4096_characters_is_an_error);
    tcase_add_test(limits, test_trace_nul_byte_is_an_error);
    tcase_add_test(limits, test_spec_unknown_workload_is_named);
    tcase_add_test(limits, test_spec_unknown_key_is_named);
    tcase_add_test(limits, test_spec_missing_value_is_named);
    tcase_add_test(limits, test_spec_non_numeric_value_is_named);
    tcase_add_test(limits, test_spec_out_of_range_value_is_named);
    tcase_add_test(limits, test_spec_bytes_not_multiple_of_32_is_named);
    tcase_add_test(limits, test_spec_range_ends_are_accepted);
    tcase_add_test(limits, test_workload_zero_requests_is_an_error);

    suite_add_tcase(s, core);
    suite_add_tcase(s, limits);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(source_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
