/*
 * check_device.c - unit tests of the device model (model/hbm_device.h).
 *
 * Owns: the DFI data timing (read data RL cycles after RD, write data
 * taken WL cycles after WR, one 16-byte word per clock for tBURST
 * clocks), bit-accurate storage with byte enables, zeros for bytes never
 * written, the open row the device keeps per bank, and the protocol
 * errors it counts (a column command to a closed bank, write data
 * missing).  The device does not judge timing, so the streams here use
 * legal but arbitrary spacing.  Every test runs on every preset (loop
 * index _i).
 *
 * Run from the repository root: CK_FORK=no build/test/check_device
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hbm_addr_map.h"
#include "hbm_cmd.h"
#include "hbm_config.h"
#include "hbm_test_util.h"
#include "hbm_mem.h"
#include "hbm_device.h"

#define NPRESETS TU_NPRESETS

static struct hbm_config presets[TU_NPRESETS];

static void load_presets(void)
{
    tu_load_presets(presets);
}

#define MAX_WORDS 64
#define ALL16 0xFFFFu

/*
 * A device and the DFI clock that drives it: commands go in at their
 * cycle, write words are driven in the cycle given, every read word is
 * recorded with its cycle.
 */
struct bench {
    const struct hbm_config *c;
    hbm_device *d;
    uint64_t now;          /* next cycle to clock */
    struct {
        uint64_t cycle;
        uint8_t data[HBM_DFI_BYTES];
        uint16_t en;
    } wr[MAX_WORDS];
    int nwr;
    struct {
        uint64_t cycle;
        uint8_t data[HBM_DFI_BYTES];
    } rd[MAX_WORDS];
    int nrd;
};

static struct bench *bench_create(const struct hbm_config *c)
{
    char err[HBM_ERR_MAX];
    struct bench *b = calloc(1, sizeof *b);

    ck_assert_ptr_nonnull(b);
    b->c = c;
    b->d = hbm_device_create(c, err);
    ck_assert_msg(b->d != NULL, "%s", err);
    return b;
}

static void bench_free(struct bench *b)
{
    hbm_device_free(b->d);
    free(b);
}

/* Clock the data buses of every cycle before `cycle`. */
static void run_to(struct bench *b, uint64_t cycle)
{
    for (; b->now < cycle; b->now++) {
        struct hbm_dfi_data io;
        int i;

        memset(&io, 0, sizeof io);
        for (i = 0; i < b->nwr; i++)
            if (b->wr[i].cycle == b->now) {
                io.wrdata_en = 1;
                memcpy(io.wrdata, b->wr[i].data, HBM_DFI_BYTES);
                io.wrdata_enable = b->wr[i].en;
            }
        hbm_device_data(b->d, b->now, &io);
        if (io.rddata_valid) {
            ck_assert_int_lt(b->nrd, MAX_WORDS);
            b->rd[b->nrd].cycle = b->now;
            memcpy(b->rd[b->nrd].data, io.rddata, HBM_DFI_BYTES);
            b->nrd++;
        }
    }
}

/* A command at cycle t (clocks the data buses up to t first). */
static void cmd(struct bench *b, uint64_t t, int code, int bg, int ba, int row, int col)
{
    struct hbm_cmd c;

    run_to(b, t);
    memset(&c, 0, sizeof c);
    c.cycle = t;
    c.code = code;
    c.bg = bg;
    c.ba = ba;
    c.row = row;
    c.col = col;
    hbm_device_command(b->d, &c);
}

/* Drive one burst of write data for a WR at cycle t: word w in t + WL + w, enables en[w]. */
static void drive(struct bench *b, uint64_t t, const uint8_t *data, const uint16_t *en)
{
    int w;
    for (w = 0; w < b->c->tburst; w++) {
        ck_assert_int_lt(b->nwr, MAX_WORDS);
        b->wr[b->nwr].cycle = t + (uint64_t)b->c->wl + (uint64_t)w;
        memcpy(b->wr[b->nwr].data, data + w * HBM_DFI_BYTES, HBM_DFI_BYTES);
        b->wr[b->nwr].en = en ? en[w] : ALL16;
        b->nwr++;
    }
}

/* A WR at t with its data on time. */
static void write_burst(struct bench *b, uint64_t t, int bg, int ba, int col, const uint8_t *data,
                        const uint16_t *en)
{
    cmd(b, t, HBM_CMD_WR, bg, ba, 0, col);
    drive(b, t, data, en);
}

/* A RD at t; returns the burst read and checks its words came at t + RL + w. */
static void read_burst(struct bench *b, uint64_t t, int bg, int ba, int col, uint8_t *out)
{
    int first = b->nrd, w;

    cmd(b, t, HBM_CMD_RD, bg, ba, 0, col);
    run_to(b, t + (uint64_t)b->c->rl + (uint64_t)b->c->tburst + 1);
    ck_assert_int_eq(b->nrd - first, b->c->tburst);
    for (w = 0; w < b->c->tburst; w++) {
        ck_assert_uint_eq(b->rd[first + w].cycle, t + (uint64_t)b->c->rl + (uint64_t)w);
        memcpy(out + w * HBM_DFI_BYTES, b->rd[first + w].data, HBM_DFI_BYTES);
    }
}

static void fill(uint8_t *d, unsigned seed)
{
    int i;
    for (i = 0; i < (int)HBM_BURST_BYTES; i++)
        d[i] = (uint8_t)(seed * 29u + (unsigned)i * 13u + 5u);
}

#define T0 100u

/* Cycles after a WR at t when a RD may go (timing is not the device's concern, but stay legal). */
static uint64_t after_write(const struct hbm_config *c, uint64_t t)
{
    return t + (uint64_t)(c->wl + c->tburst + c->twtr_l);
}

/* ==== core =============================================================== */

START_TEST(test_read_returns_the_written_burst_rl_cycles_after_rd)
{
    const struct hbm_config *c = &presets[_i];
    struct bench *b = bench_create(c);
    uint8_t d[HBM_BURST_BYTES], got[HBM_BURST_BYTES];
    uint64_t wr = T0 + (uint64_t)c->trcdwr, rd;

    fill(d, 1);
    cmd(b, T0, HBM_CMD_ACT, 1, 2, 7, 0);
    write_burst(b, wr, 1, 2, 3, d, NULL);
    rd = after_write(c, wr);
    read_burst(b, rd, 1, 2, 3, got);
    ck_assert_mem_eq(got, d, HBM_BURST_BYTES);
    /* Nothing on the read bus before or after the burst. */
    ck_assert_int_eq(b->nrd, c->tburst);
    ck_assert_uint_eq(hbm_device_protocol_errors(b->d), 0);
    bench_free(b);
}
END_TEST

START_TEST(test_read_words_carry_the_burst_in_byte_order)
{
    const struct hbm_config *c = &presets[_i];
    struct bench *b = bench_create(c);
    uint8_t d[HBM_BURST_BYTES];
    uint64_t wr = T0 + (uint64_t)c->trcdwr, rd;
    int w;

    fill(d, 2);
    cmd(b, T0, HBM_CMD_ACT, 0, 0, 1, 0);
    write_burst(b, wr, 0, 0, 0, d, NULL);
    rd = after_write(c, wr);
    cmd(b, rd, HBM_CMD_RD, 0, 0, 0, 0);
    run_to(b, rd + (uint64_t)c->rl + (uint64_t)c->tburst + 5);
    ck_assert_int_eq(b->nrd, c->tburst);
    for (w = 0; w < c->tburst; w++) {
        ck_assert_uint_eq(b->rd[w].cycle, rd + (uint64_t)c->rl + (uint64_t)w);
        ck_assert_mem_eq(b->rd[w].data, d + w * HBM_DFI_BYTES, HBM_DFI_BYTES);
    }
    bench_free(b);
}
END_TEST

START_TEST(test_byte_enables_write_only_the_enabled_bytes)
{
    const struct hbm_config *c = &presets[_i];
    struct bench *b = bench_create(c);
    uint8_t d1[HBM_BURST_BYTES], d2[HBM_BURST_BYTES], want[HBM_BURST_BYTES], got[HBM_BURST_BYTES];
    uint16_t en[2] = { 0x00FF, 0xF00F };
    uint64_t wr1 = T0 + (uint64_t)c->trcdwr, wr2 = wr1 + (uint64_t)c->tccd_l;
    int i;

    ck_assert_int_eq(c->tburst, 2);
    fill(d1, 3);
    fill(d2, 4);
    for (i = 0; i < (int)HBM_BURST_BYTES; i++)
        want[i] = (en[i / HBM_DFI_BYTES] >> (i % HBM_DFI_BYTES) & 1) ? d2[i] : d1[i];
    cmd(b, T0, HBM_CMD_ACT, 3, 1, 9, 0);
    write_burst(b, wr1, 3, 1, 5, d1, NULL);
    write_burst(b, wr2, 3, 1, 5, d2, en);
    read_burst(b, after_write(c, wr2), 3, 1, 5, got);
    ck_assert_mem_eq(got, want, HBM_BURST_BYTES);
    ck_assert_uint_eq(hbm_device_protocol_errors(b->d), 0);
    bench_free(b);
}
END_TEST

START_TEST(test_never_written_bytes_read_as_zero)
{
    const struct hbm_config *c = &presets[_i];
    struct bench *b = bench_create(c);
    uint8_t d[HBM_BURST_BYTES], want[HBM_BURST_BYTES], got[HBM_BURST_BYTES], zero[HBM_BURST_BYTES];
    uint16_t en[2] = { 0x8001, 0x0000 };
    uint64_t wr;
    int i;

    fill(d, 5);
    memset(zero, 0, sizeof zero);
    for (i = 0; i < (int)HBM_BURST_BYTES; i++)
        want[i] = (en[i / HBM_DFI_BYTES] >> (i % HBM_DFI_BYTES) & 1) ? d[i] : 0;
    cmd(b, T0, HBM_CMD_ACT, 2, 0, 4, 0);
    read_burst(b, T0 + (uint64_t)c->trcdrd, 2, 0, 6, got);
    ck_assert_mem_eq(got, zero, HBM_BURST_BYTES);
    wr = b->now + (uint64_t)c->trtw;
    write_burst(b, wr, 2, 0, 7, d, en);
    read_burst(b, after_write(c, wr), 2, 0, 7, got);
    ck_assert_mem_eq(got, want, HBM_BURST_BYTES);
    /* The next column of the same row is still unwritten. */
    read_burst(b, b->now, 2, 0, 8, got);
    ck_assert_mem_eq(got, zero, HBM_BURST_BYTES);
    ck_assert_uint_eq(hbm_device_protocol_errors(b->d), 0);
    bench_free(b);
}
END_TEST

START_TEST(test_locations_differ_by_bank_row_and_column)
{
    const struct hbm_config *c = &presets[_i];
    struct bench *b = bench_create(c);
    uint8_t d[HBM_BURST_BYTES], got[HBM_BURST_BYTES], zero[HBM_BURST_BYTES];
    uint64_t t;

    fill(d, 6);
    memset(zero, 0, sizeof zero);
    cmd(b, T0, HBM_CMD_ACT, 1, 1, 3, 0);
    write_burst(b, T0 + (uint64_t)c->trcdwr, 1, 1, 2, d, NULL);
    t = after_write(c, T0 + (uint64_t)c->trcdwr);
    /* Another row of the same bank: PRE, ACT row 4, read column 2. */
    cmd(b, t + (uint64_t)c->twr, HBM_CMD_PRE, 1, 1, 0, 0);
    t += (uint64_t)(c->twr + c->trp);
    cmd(b, t, HBM_CMD_ACT, 1, 1, 4, 0);
    read_burst(b, t + (uint64_t)c->trcdrd, 1, 1, 2, got);
    ck_assert_mem_eq(got, zero, HBM_BURST_BYTES);
    /* The same row and column of another bank. */
    cmd(b, b->now, HBM_CMD_ACT, 1, 0, 3, 0);
    read_burst(b, b->now + (uint64_t)c->trcdrd, 1, 0, 2, got);
    ck_assert_mem_eq(got, zero, HBM_BURST_BYTES);
    /* The backdoor sees the data where it was written, nowhere else. */
    hbm_device_peek(b->d, hbm_bank_index(c, 1, 1), 3, 2, got);
    ck_assert_mem_eq(got, d, HBM_BURST_BYTES);
    hbm_device_peek(b->d, hbm_bank_index(c, 1, 1), 3, 3, got);
    ck_assert_mem_eq(got, zero, HBM_BURST_BYTES);
    ck_assert_uint_eq(hbm_device_protocol_errors(b->d), 0);
    bench_free(b);
}
END_TEST

START_TEST(test_refresh_keeps_the_data)
{
    const struct hbm_config *c = &presets[_i];
    struct bench *b = bench_create(c);
    uint8_t d[HBM_BURST_BYTES], got[HBM_BURST_BYTES];
    uint64_t t = T0 + (uint64_t)c->trcdwr;

    fill(d, 7);
    cmd(b, T0, HBM_CMD_ACT, 0, 3, 2, 0);
    write_burst(b, t, 0, 3, 1, d, NULL);
    t = after_write(c, t) + (uint64_t)c->twr;
    cmd(b, t, HBM_CMD_PREA, 0, 0, 0, 0);
    t += (uint64_t)c->trp;
    cmd(b, t, HBM_CMD_REFPB, 0, 3, 0, 0);
    t += (uint64_t)c->trfcpb;
    cmd(b, t, HBM_CMD_REFAB, 0, 0, 0, 0);
    t += (uint64_t)c->trfc;
    cmd(b, t, HBM_CMD_ACT, 0, 3, 2, 0);
    read_burst(b, t + (uint64_t)c->trcdrd, 0, 3, 1, got);
    ck_assert_mem_eq(got, d, HBM_BURST_BYTES);
    ck_assert_uint_eq(hbm_device_protocol_errors(b->d), 0);
    bench_free(b);
}
END_TEST

START_TEST(test_rd_to_a_closed_bank_counts_a_protocol_error_and_returns_no_data)
{
    const struct hbm_config *c = &presets[_i];
    struct bench *b = bench_create(c);

    cmd(b, T0, HBM_CMD_RD, 2, 2, 0, 0);
    run_to(b, T0 + (uint64_t)c->rl + (uint64_t)c->tburst + 5);
    ck_assert_uint_eq(hbm_device_protocol_errors(b->d), 1);
    ck_assert_int_eq(b->nrd, 0);
    bench_free(b);
}
END_TEST

START_TEST(test_wr_to_a_closed_bank_counts_a_protocol_error)
{
    const struct hbm_config *c = &presets[_i];
    struct bench *b = bench_create(c);
    uint8_t got[HBM_BURST_BYTES], zero[HBM_BURST_BYTES];

    memset(zero, 0, sizeof zero);
    cmd(b, T0, HBM_CMD_WR, 2, 2, 0, 0);
    run_to(b, T0 + 1);
    ck_assert_uint_eq(hbm_device_protocol_errors(b->d), 1);
    hbm_device_peek(b->d, hbm_bank_index(c, 2, 2), 0, 0, got);
    ck_assert_mem_eq(got, zero, HBM_BURST_BYTES);
    bench_free(b);
}
END_TEST

START_TEST(test_column_command_after_pre_prea_or_rda_counts_a_protocol_error)
{
    const struct hbm_config *c = &presets[_i];
    struct bench *b = bench_create(c);
    uint64_t t = T0;

    cmd(b, t, HBM_CMD_ACT, 0, 0, 1, 0);
    t += (uint64_t)c->tras;
    cmd(b, t, HBM_CMD_PRE, 0, 0, 0, 0);
    t += (uint64_t)c->trp;
    cmd(b, t, HBM_CMD_RD, 0, 0, 0, 0);
    ck_assert_uint_eq(hbm_device_protocol_errors(b->d), 1);

    t += 10;
    cmd(b, t, HBM_CMD_ACT, 0, 0, 1, 0);
    t += (uint64_t)c->trcdrd;
    cmd(b, t, HBM_CMD_RDA, 0, 0, 0, 0);
    t += (uint64_t)c->tccd_l;
    cmd(b, t, HBM_CMD_RD, 0, 0, 0, 1);
    ck_assert_uint_eq(hbm_device_protocol_errors(b->d), 2);

    t += (uint64_t)c->trc;
    cmd(b, t, HBM_CMD_ACT, 3, 3, 1, 0);
    t += (uint64_t)c->tras;
    cmd(b, t, HBM_CMD_PREA, 0, 0, 0, 0);
    t += (uint64_t)c->trp;
    cmd(b, t, HBM_CMD_WR, 3, 3, 0, 0);
    ck_assert_uint_eq(hbm_device_protocol_errors(b->d), 3);
    run_to(b, t + 100);
    bench_free(b);
}
END_TEST

START_TEST(test_write_word_missing_counts_a_protocol_error)
{
    const struct hbm_config *c = &presets[_i];
    struct bench *b = bench_create(c);
    uint8_t d[HBM_BURST_BYTES];
    uint64_t wr = T0 + (uint64_t)c->trcdwr;

    fill(d, 8);
    cmd(b, T0, HBM_CMD_ACT, 1, 3, 5, 0);
    cmd(b, wr, HBM_CMD_WR, 1, 3, 0, 0);
    drive(b, wr, d, NULL);
    b->nwr = 1;  /* drop the burst's last word */
    run_to(b, wr + (uint64_t)c->wl + (uint64_t)c->tburst + 5);
    ck_assert_uint_eq(hbm_device_protocol_errors(b->d), 1);
    bench_free(b);
}
END_TEST

START_TEST(test_wr_with_all_its_data_missing_counts_one_protocol_error)
{
    const struct hbm_config *c = &presets[_i];
    struct bench *b = bench_create(c);
    uint64_t wr = T0 + (uint64_t)c->trcdwr;

    cmd(b, T0, HBM_CMD_ACT, 1, 3, 5, 0);
    cmd(b, wr, HBM_CMD_WR, 1, 3, 0, 0);
    run_to(b, wr + (uint64_t)c->wl + (uint64_t)c->tburst + 5);
    ck_assert_uint_eq(hbm_device_protocol_errors(b->d), 1);
    bench_free(b);
}
END_TEST

START_TEST(test_write_is_committed_when_its_last_word_arrives)
{
    const struct hbm_config *c = &presets[_i];
    struct bench *b = bench_create(c);
    uint8_t d[HBM_BURST_BYTES], got[HBM_BURST_BYTES], zero[HBM_BURST_BYTES];
    uint64_t wr = T0 + (uint64_t)c->trcdwr;

    fill(d, 9);
    memset(zero, 0, sizeof zero);
    cmd(b, T0, HBM_CMD_ACT, 1, 3, 5, 0);
    write_burst(b, wr, 1, 3, 0, d, NULL);
    run_to(b, wr + (uint64_t)c->wl + (uint64_t)c->tburst - 1);
    hbm_device_peek(b->d, hbm_bank_index(c, 1, 3), 5, 0, got);
    ck_assert_mem_eq(got, zero, HBM_BURST_BYTES);
    run_to(b, wr + (uint64_t)c->wl + (uint64_t)c->tburst);
    hbm_device_peek(b->d, hbm_bank_index(c, 1, 3), 5, 0, got);
    ck_assert_mem_eq(got, d, HBM_BURST_BYTES);
    bench_free(b);
}
END_TEST

START_TEST(test_write_with_no_byte_enabled_stores_nothing)
{
    const struct hbm_config *c = &presets[_i];
    struct bench *b = bench_create(c);
    uint8_t d[HBM_BURST_BYTES], got[HBM_BURST_BYTES], zero[HBM_BURST_BYTES];
    uint16_t en[2] = { 0, 0 };
    uint64_t wr = T0 + (uint64_t)c->trcdwr;

    fill(d, 10);
    memset(zero, 0, sizeof zero);
    cmd(b, T0, HBM_CMD_ACT, 0, 1, 5, 0);
    write_burst(b, wr, 0, 1, 4, d, en);
    read_burst(b, after_write(c, wr), 0, 1, 4, got);
    ck_assert_mem_eq(got, zero, HBM_BURST_BYTES);
    ck_assert_uint_eq(hbm_device_protocol_errors(b->d), 0);
    bench_free(b);
}
END_TEST

/* ==== limits ============================================================= */

START_TEST(test_last_bank_row_and_column_store_their_data)
{
    const struct hbm_config *c = &presets[_i];
    struct bench *b = bench_create(c);
    uint8_t d[HBM_BURST_BYTES], got[HBM_BURST_BYTES];
    int bg = c->bankgroups - 1, ba = c->banks_per_group - 1;
    uint64_t wr = T0 + (uint64_t)c->trcdwr;

    fill(d, 11);
    cmd(b, T0, HBM_CMD_ACT, bg, ba, c->rows - 1, 0);
    write_burst(b, wr, bg, ba, c->columns - 1, d, NULL);
    read_burst(b, after_write(c, wr), bg, ba, c->columns - 1, got);
    ck_assert_mem_eq(got, d, HBM_BURST_BYTES);
    hbm_device_peek(b->d, c->banks - 1, c->rows - 1, c->columns - 1, got);
    ck_assert_mem_eq(got, d, HBM_BURST_BYTES);
    bench_free(b);
}
END_TEST

START_TEST(test_many_bursts_are_all_kept)
{
    const struct hbm_config *c = &presets[_i];
    struct bench *b = bench_create(c);
    uint8_t d[HBM_BURST_BYTES], got[HBM_BURST_BYTES];
    uint64_t t = T0;
    int bank, col, row;

    /* 16 banks x 8 rows x 32 columns = 4096 bursts: the sparse store grows. */
    for (row = 0; row < 8; row++) {
        for (bank = 0; bank < c->banks; bank++)
            cmd(b, t + (uint64_t)bank, HBM_CMD_ACT, bank / c->banks_per_group, bank % c->banks_per_group, row, 0);
        t += (uint64_t)c->banks + (uint64_t)c->trcdwr;
        for (bank = 0; bank < c->banks; bank++)
            for (col = 0; col < c->columns; col++) {
                b->nwr = 0;
                fill(d, (unsigned)(row * 4096 + bank * 64 + col));
                write_burst(b, t, bank / c->banks_per_group, bank % c->banks_per_group, col, d, NULL);
                t += (uint64_t)c->tburst;
                run_to(b, t + (uint64_t)c->wl);
            }
        t += (uint64_t)(c->wl + c->tburst + c->twr);
        cmd(b, t, HBM_CMD_PREA, 0, 0, 0, 0);
        t += (uint64_t)c->trp;
    }
    run_to(b, t + 100);
    ck_assert_uint_eq(hbm_device_protocol_errors(b->d), 0);
    for (row = 0; row < 8; row++)
        for (bank = 0; bank < c->banks; bank++)
            for (col = 0; col < c->columns; col++) {
                fill(d, (unsigned)(row * 4096 + bank * 64 + col));
                hbm_device_peek(b->d, bank, row, col, got);
                if (memcmp(got, d, HBM_BURST_BYTES) != 0)
                    ck_abort_msg("bank %d row %d col %d lost its data", bank, row, col);
            }
    bench_free(b);
}
END_TEST

/* ---- hbm_mem, the sparse store under the device ------------------------- */

START_TEST(test_mem_bursts_read_zero_until_written_then_what_was_written)
{
    /* Indices spread over pages and far apart: neighbours in a page, page
     * edges, and enough pages to make the table grow several times. */
    hbm_mem *m = hbm_mem_create();
    uint64_t idx[2000];
    int n = 0, i, k;

    ck_assert_ptr_nonnull(m);
    for (i = 0; i < 500; i++) {
        uint64_t base = (uint64_t)i * 7919u * HBM_MEM_PAGE_BURSTS;
        idx[n++] = base;                                   /* first of a page    */
        idx[n++] = base + HBM_MEM_PAGE_BURSTS - 1;         /* last of the page   */
        idx[n++] = base + HBM_MEM_PAGE_BURSTS;             /* first of the next  */
        idx[n++] = ((uint64_t)i << 40) + 5;                /* far away           */
    }
    for (i = 0; i < n; i++)
        ck_assert_ptr_null(hbm_mem_read(m, idx[i]));
    for (i = 0; i < n; i++) {
        uint8_t *b = hbm_mem_write(m, idx[i]);
        ck_assert_ptr_nonnull(b);
        for (k = 0; k < HBM_MEM_BURST_BYTES; k++)
            ck_assert_uint_eq(b[k], 0);          /* a new burst starts at zero */
        for (k = 0; k < HBM_MEM_BURST_BYTES; k++)
            b[k] = (uint8_t)(idx[i] * 31u + (uint64_t)k + (idx[i] >> 40));
    }
    for (i = 0; i < n; i++) {
        const uint8_t *b = hbm_mem_read(m, idx[i]);
        ck_assert_ptr_nonnull(b);
        for (k = 0; k < HBM_MEM_BURST_BYTES; k++)
            ck_assert_uint_eq(b[k], (uint8_t)(idx[i] * 31u + (uint64_t)k + (idx[i] >> 40)));
    }
    /* A page's unwritten neighbour reads as zero, not as "absent" garbage. */
    {
        const uint8_t *b = hbm_mem_read(m, idx[0] + 1);
        ck_assert_ptr_nonnull(b);
        for (k = 0; k < HBM_MEM_BURST_BYTES; k++)
            ck_assert_uint_eq(b[k], 0);
    }
    ck_assert_uint_ge(hbm_mem_footprint(m), (uint64_t)n);
    hbm_mem_free(m);
}
END_TEST

static Suite *device_suite(void)
{
    Suite *s = suite_create("hbm_device");
    TCase *core = tcase_create("core");
    TCase *limits = tcase_create("limits");

    tcase_add_checked_fixture(core, load_presets, NULL);
    tcase_add_checked_fixture(limits, load_presets, NULL);

#define ADD(tc, fn) tcase_add_loop_test(tc, fn, 0, NPRESETS)
    ADD(core, test_read_returns_the_written_burst_rl_cycles_after_rd);
    ADD(core, test_read_words_carry_the_burst_in_byte_order);
    ADD(core, test_byte_enables_write_only_the_enabled_bytes);
    ADD(core, test_never_written_bytes_read_as_zero);
    ADD(core, test_locations_differ_by_bank_row_and_column);
    ADD(core, test_refresh_keeps_the_data);
    ADD(core, test_rd_to_a_closed_bank_counts_a_protocol_error_and_returns_no_data);
    ADD(core, test_wr_to_a_closed_bank_counts_a_protocol_error);
    ADD(core, test_column_command_after_pre_prea_or_rda_counts_a_protocol_error);
    ADD(core, test_write_word_missing_counts_a_protocol_error);
    ADD(core, test_write_with_no_byte_enabled_stores_nothing);
    ADD(core, test_wr_with_all_its_data_missing_counts_one_protocol_error);
    ADD(core, test_write_is_committed_when_its_last_word_arrives);

    ADD(limits, test_last_bank_row_and_column_store_their_data);
    ADD(limits, test_many_bursts_are_all_kept);
    tcase_add_test(limits, test_mem_bursts_read_zero_until_written_then_what_was_written);
#undef ADD

    suite_add_tcase(s, core);
    suite_add_tcase(s, limits);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(device_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
