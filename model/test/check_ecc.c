/*
 * check_ecc.c - unit tests of the SECDED code (model/hbm_ecc.h).
 *
 * Owns: the parity-check matrix is the Hsiao matrix its header describes;
 * every single-bit error of a codeword (any of the 72 bits) is corrected;
 * every double-bit error is detected and never miscorrected; no error of
 * three bits passes as clean; the burst helpers count per 64-bit word.
 * And the controller with ecc = secded (model/hbm_ctrl.c, hbm_datapath.c,
 * docs/microarchitecture.md, ECC): a partial write is a read-modify-write
 * that closes the port and whose read is never offered; every injected
 * single-bit fault is corrected and counted, every double-bit one flagged
 * and counted; a partial write over data it cannot correct is written
 * poisoned and flagged; the injection spec's errors name the item.
 *
 * Run from the repository root: CK_FORK=no build/test/check_ecc
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hbm_ecc.h"
#include "hbm_test_util.h"

/* A fixed xorshift stream: the words the tests code. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t next_word(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static int weight(unsigned v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

/* The words every exhaustive test codes: edge patterns and random ones. */
#define NWORDS 12
static uint64_t words[NWORDS];
static void make_words(void)
{
    words[0] = 0;
    words[1] = ~0ull;
    words[2] = 0xAAAAAAAAAAAAAAAAull;
    words[3] = 0x0123456789ABCDEFull;
    for (int i = 4; i < NWORDS; i++)
        words[i] = next_word();
}

/* Flip bit b of the 72-bit codeword (0..63 data, 64..71 check). */
static void flip(uint64_t *data, uint8_t *check, int b)
{
    if (b < 64)
        *data ^= 1ull << b;
    else
        *check = (uint8_t)(*check ^ (1u << (b - 64)));
}

START_TEST(test_columns_are_the_hsiao_rule_weight_three_then_rotations_of_0x1f)
{
    int seen = 0;
    for (unsigned v = 0; v < 256 && seen < 56; v++)
        if (weight(v) == 3) {
            ck_assert_uint_eq(hbm_ecc_column(seen), v);
            seen++;
        }
    ck_assert_int_eq(seen, 56);
    for (int r = 0; r < 8; r++)
        ck_assert_uint_eq(hbm_ecc_column(56 + r), (uint8_t)((0x1Fu << r) | (0x1Fu >> (8 - r))));
}
END_TEST

START_TEST(test_columns_are_distinct_odd_and_not_a_check_bit)
{
    for (int i = 0; i < 64; i++) {
        ck_assert_int_eq(weight(hbm_ecc_column(i)) & 1, 1);
        ck_assert_int_gt(weight(hbm_ecc_column(i)), 1);
        for (int k = 0; k < i; k++)
            ck_assert_uint_ne(hbm_ecc_column(i), hbm_ecc_column(k));
    }
}
END_TEST

START_TEST(test_every_check_bit_covers_26_data_bits)
{
    for (int j = 0; j < 8; j++) {
        uint64_t r = hbm_ecc_row(j);
        int n = 0;
        for (int i = 0; i < 64; i++)
            n += (int)(r >> i & 1);
        ck_assert_int_eq(n, 26);
    }
}
END_TEST

START_TEST(test_encoding_is_linear_and_zero_codes_to_zero)
{
    ck_assert_uint_eq(hbm_ecc_encode(0), 0);
    for (int i = 0; i < 1000; i++) {
        uint64_t a = next_word(), b = next_word();
        ck_assert_uint_eq(hbm_ecc_encode(a ^ b), hbm_ecc_encode(a) ^ hbm_ecc_encode(b));
    }
    for (int i = 0; i < 64; i++)     /* a one-hot word codes to its column */
        ck_assert_uint_eq(hbm_ecc_encode(1ull << i), hbm_ecc_column(i));
}
END_TEST

START_TEST(test_clean_codeword_decodes_ok_unchanged)
{
    for (int w = 0; w < NWORDS; w++) {
        uint64_t d = words[w];
        uint8_t syn = 0xFF;
        ck_assert_int_eq(hbm_ecc_decode(&d, hbm_ecc_encode(words[w]), &syn), HBM_ECC_OK);
        ck_assert_uint_eq(d, words[w]);
        ck_assert_uint_eq(syn, 0);
    }
}
END_TEST

START_TEST(test_every_single_bit_error_of_72_is_corrected)
{
    for (int w = 0; w < NWORDS; w++)
        for (int b = 0; b < HBM_ECC_CODE_BITS; b++) {
            uint64_t d = words[w];
            uint8_t c = hbm_ecc_encode(d);
            flip(&d, &c, b);
            ck_assert_int_eq(hbm_ecc_decode(&d, c, NULL), HBM_ECC_CORRECTED);
            ck_assert_uint_eq(d, words[w]);
        }
}
END_TEST

START_TEST(test_every_double_bit_error_is_detected_never_miscorrected)
{
    for (int w = 0; w < NWORDS; w++)
        for (int a = 0; a < HBM_ECC_CODE_BITS; a++)
            for (int b = a + 1; b < HBM_ECC_CODE_BITS; b++) {
                uint64_t d = words[w];
                uint8_t c = hbm_ecc_encode(d);
                flip(&d, &c, a);
                flip(&d, &c, b);
                uint64_t as_read = d;
                ck_assert_int_eq(hbm_ecc_decode(&d, c, NULL), HBM_ECC_UNCORRECTABLE);
                ck_assert_uint_eq(d, as_read);    /* returned as read, flagged */
            }
}
END_TEST

START_TEST(test_no_triple_bit_error_passes_as_clean)
{
    /* SECDED promises nothing more for three bits, but an odd number of
     * odd-weight columns never sums to zero: never silently clean. */
    uint64_t d0 = words[5];
    for (int a = 0; a < HBM_ECC_CODE_BITS; a++)
        for (int b = a + 1; b < HBM_ECC_CODE_BITS; b++)
            for (int e = b + 1; e < HBM_ECC_CODE_BITS; e += 7) {
                uint64_t d = d0;
                uint8_t c = hbm_ecc_encode(d);
                flip(&d, &c, a);
                flip(&d, &c, b);
                flip(&d, &c, e);
                ck_assert_int_ne(hbm_ecc_decode(&d, c, NULL), HBM_ECC_OK);
            }
}
END_TEST

START_TEST(test_burst_helpers_code_each_64_bit_word_little_endian)
{
    uint8_t data[32], check[4], orig[32];
    for (int i = 0; i < 32; i++)
        data[i] = (uint8_t)(next_word() & 0xFF);
    hbm_ecc_encode_burst(data, check);
    for (int k = 0; k < 4; k++) {
        uint64_t w = 0;
        for (int b = 7; b >= 0; b--)
            w = w << 8 | data[8 * k + b];
        ck_assert_uint_eq(check[k], hbm_ecc_encode(w));
    }
    memcpy(orig, data, 32);
    data[3] ^= 0x10;                  /* word 0: one bit */
    data[17] ^= 0x01;                 /* word 2: two bits */
    data[22] ^= 0x80;
    uint64_t corrected = 5, uncorrectable = 7;
    hbm_ecc_decode_burst(data, check, &corrected, &uncorrectable);
    ck_assert_uint_eq(corrected, 6);
    ck_assert_uint_eq(uncorrectable, 8);
    ck_assert_mem_eq(data, orig, 16);                 /* words 0 and 1 right */
    ck_assert_mem_eq(data + 24, orig + 24, 8);        /* word 3 untouched */
    ck_assert_int_ne(memcmp(data + 16, orig + 16, 8), 0);   /* word 2 as read */
}
END_TEST

/* ---- the controller with ecc = secded ------------------------------------ */

static struct hbm_config ecc_base;

static void ecc_setup(void)
{
    tu_load(&ecc_base, TU_PRESET);
    ecc_base.refresh_mode = HBM_REFRESH_NONE;
    ecc_base.ecc = HBM_ECC_SECDED;
    tu_finish(&ecc_base);
}

static void ecc_teardown(void)
{
    tu_run_free_all();
}

static void fill(uint8_t *d, unsigned seed)
{
    for (int i = 0; i < 32; i++)
        d[i] = (uint8_t)(seed * 37u + (unsigned)i * 11u + 1u);
}

static const struct hbm_resp *resp_of(const struct tu_run *r, uint32_t id)
{
    const struct hbm_resp *p = tu_resp(r, id);
    ck_assert_msg(p != NULL, "no response with id %u", (unsigned)id);
    return p;
}

START_TEST(test_partial_write_is_read_then_full_write_and_reads_back_merged)
{
    struct tu_run *r = tu_run_create(&ecc_base);
    const struct hbm_config *c = &r->cfg;
    uint64_t x = tu_addr(c, 2, 3, 9, 4);
    uint32_t be = 0x0F0F00FFu;
    uint8_t d1[32], d2[32], want[32];

    fill(d1, 1);
    fill(d2, 2);
    for (int i = 0; i < 32; i++)
        want[i] = (be >> i & 1) ? d2[i] : d1[i];
    tu_push_retry(r, x, 1, 1, d1, 0xFFFFFFFFu, 1000);
    tu_push_retry(r, x, 1, 2, d2, be, 1000);
    /* no write passes the unit while it reads and writes back: the next
     * two fill the request port register, and the port closes */
    tu_push(r, x + 64, 1, 3, d1, 0xFFFFFFFFu);
    tu_push(r, x + 96, 1, 5, d1, 0xFFFFFFFFu);
    ck_assert_int_eq(hbm_model_can_accept(r->m, x + 128, 0), 0);
    ck_assert_int_eq(hbm_model_push(r->m, x + 128, 0, 6, NULL, 0), HBM_PUSH_FULL);
    tu_push_retry(r, x, 0, 4, NULL, 0, 1000);
    tu_drain(r, 2000);
    ck_assert_mem_eq(resp_of(r, 4)->data, want, 32);
    ck_assert_int_eq(resp_of(r, 2)->ecc_error, 0);
    ck_assert_int_eq(resp_of(r, 4)->ecc_error, 0);
    /* the held writes are answered after the partial one */
    ck_assert_uint_gt(resp_of(r, 3)->done_cycle, resp_of(r, 2)->done_cycle);
    /* five responses: the unit's own read is never offered */
    ck_assert_int_eq(r->nresp, 5);
    ck_assert_uint_eq(hbm_model_stats(r->m)->ecc_rmw, 1);
    ck_assert_uint_eq(hbm_model_stats(r->m)->reads, 1);
    ck_assert_uint_eq(hbm_model_stats(r->m)->writes, 4);
    tu_run_free(r);
}
END_TEST

START_TEST(test_full_write_is_not_read_modify_written)
{
    struct tu_run *r = tu_run_create(&ecc_base);
    uint8_t d[32];
    fill(d, 3);
    tu_push_retry(r, 0x1000, 1, 1, d, 0xFFFFFFFFu, 1000);
    ck_assert_int_eq(hbm_model_can_accept(r->m, 0x2000, 0), 1);   /* the port stays open */
    tu_drain(r, 1000);
    ck_assert_uint_eq(hbm_model_stats(r->m)->ecc_rmw, 0);
    tu_run_free(r);
}
END_TEST

/* Write n bursts, read them back under inj; returns the run (caller frees). */
static struct tu_run *write_then_read(const struct hbm_config *c0, const char *inj, int n)
{
    char err[HBM_ERR_MAX];
    struct hbm_config c = *c0;
    struct tu_run *r;
    uint8_t d[32];

    ck_assert_msg(hbm_inject_parse(inj, &c.inject, err) == 0, "%s", err);
    r = tu_run_create(&c);
    for (int i = 0; i < n; i++) {
        fill(d, (unsigned)i);
        tu_push_retry(r, (uint64_t)i * 32, 1, (uint32_t)i, d, 0xFFFFFFFFu, 1000);
    }
    tu_drain(r, 5000);
    for (int i = 0; i < n; i++)
        tu_push_retry(r, (uint64_t)i * 32, 0, (uint32_t)(n + i), NULL, 0, 1000);
    tu_drain(r, 5000);
    return r;
}

START_TEST(test_every_single_bit_fault_is_corrected_and_counted)
{
    struct tu_run *r = write_then_read(&ecc_base, "single:1,seed:5", 64);
    const struct hbm_inject_counts *inj = hbm_device_inject_counts(hbm_model_device(r->m));
    uint8_t d[32];

    for (int i = 0; i < 64; i++) {
        fill(d, (unsigned)i);
        ck_assert_mem_eq(resp_of(r, (uint32_t)(64 + i))->data, d, 32);
        ck_assert_int_eq(resp_of(r, (uint32_t)(64 + i))->ecc_error, 0);
    }
    ck_assert_uint_eq(inj->single, 64 * 4);    /* a flip in every word read */
    ck_assert_uint_eq(hbm_model_stats(r->m)->ecc_corrected, 64 * 4);
    ck_assert_uint_eq(hbm_model_stats(r->m)->ecc_uncorrectable, 0);
    tu_run_free(r);
}
END_TEST

START_TEST(test_every_double_bit_fault_is_flagged_never_returned_as_good)
{
    struct tu_run *r = write_then_read(&ecc_base, "double:1,seed:6", 64);
    const struct hbm_inject_counts *inj = hbm_device_inject_counts(hbm_model_device(r->m));

    for (int i = 0; i < 64; i++)
        ck_assert_int_eq(resp_of(r, (uint32_t)(64 + i))->ecc_error, 1);
    ck_assert_uint_eq(inj->twin, 64 * 4);
    ck_assert_uint_eq(hbm_model_stats(r->m)->ecc_uncorrectable, 64 * 4);
    ck_assert_uint_eq(hbm_model_stats(r->m)->ecc_corrected, 0);
    tu_run_free(r);
}
END_TEST

START_TEST(test_without_ecc_an_injected_fault_is_silent)
{
    /* what ECC is for: the same faults with ecc = none come back as data */
    struct hbm_config c = ecc_base;
    struct tu_run *r;
    uint8_t d[32];
    int wrong = 0;

    c.ecc = HBM_ECC_NONE;
    r = write_then_read(&c, "single:1,seed:5", 16);
    for (int i = 0; i < 16; i++) {
        fill(d, (unsigned)i);
        wrong += memcmp(resp_of(r, (uint32_t)(16 + i))->data, d, 32) != 0;
        ck_assert_int_eq(resp_of(r, (uint32_t)(16 + i))->ecc_error, 0);
    }
    ck_assert_int_eq(wrong, 16);
    tu_run_free(r);
}
END_TEST

START_TEST(test_partial_write_over_uncorrectable_data_is_poisoned_and_flagged)
{
    char err[HBM_ERR_MAX];
    struct hbm_config c = ecc_base;
    struct tu_run *r;
    uint8_t d[32], zero[32];

    memset(zero, 0, sizeof zero);
    /* bits 0 and 1 of byte 0 stuck at 1 over zeros: a double error in word 0 */
    ck_assert(hbm_inject_parse("stuck:0x40:0:1,stuck:0x40:1:1", &c.inject, err) == 0);
    r = tu_run_create(&c);
    fill(d, 9);
    tu_push_retry(r, 0x40, 1, 1, zero, 0xFFFFFFFFu, 1000);
    tu_drain(r, 2000);    /* in the device: the unit's read is not forwarded from the queue */
    tu_push_retry(r, 0x40, 1, 2, d, 0x0000FF00u, 1000);   /* partial: a read-modify-write */
    tu_drain(r, 2000);
    ck_assert_int_eq(resp_of(r, 2)->ecc_error, 1);        /* the write says so */
    /* the faults gone, the burst still reads back flagged: it was written poisoned */
    hbm_device_set_inject(hbm_model_device_rw(r->m), NULL, NULL);
    tu_push_retry(r, 0x40, 0, 3, NULL, 0, 1000);
    tu_drain(r, 2000);
    ck_assert_int_eq(resp_of(r, 3)->ecc_error, 1);
    /* a full write heals it */
    tu_push_retry(r, 0x40, 1, 4, d, 0xFFFFFFFFu, 1000);
    tu_drain(r, 2000);
    tu_push_retry(r, 0x40, 0, 5, NULL, 0, 1000);
    tu_drain(r, 2000);
    ck_assert_int_eq(resp_of(r, 5)->ecc_error, 0);
    ck_assert_mem_eq(resp_of(r, 5)->data, d, 32);
    tu_run_free(r);
}
END_TEST

START_TEST(test_no_direct_memory_access_with_ecc)
{
    struct tu_run *r = tu_run_create(&ecc_base);
    uint64_t bytes = 0;
    ck_assert_ptr_null(hbm_model_storage(r->m, &bytes));
    tu_run_free(r);
}
END_TEST

START_TEST(test_inject_spec_errors_name_the_item)
{
    static const struct {
        const char *spec, *says;
    } bad[] = {
        {"single:2", "'single:2'"},
        {"double:x", "'double:x'"},
        {"single:0.7,double:0.7", "> 1"},
        {"bogus:1", "unknown item 'bogus'"},
        {"stuck:0x40", "stuck:ADDR:BIT"},
        {"stuck:0x40:288", "stuck:ADDR:BIT"},
        {"stuck:0x40:3:2", "stuck:ADDR:BIT"},
        {"-5", "a seed"},
    };
    char err[HBM_ERR_MAX];
    struct hbm_inject inj;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        ck_assert_int_eq(hbm_inject_parse(bad[i].spec, &inj, err), -1);
        ck_assert_msg(strstr(err, bad[i].says) != NULL, "'%s': error '%s' lacks '%s'", bad[i].spec, err,
                      bad[i].says);
    }
    ck_assert_int_eq(hbm_inject_parse("single:0.5,double:1e-3,stuck:64:270:0,42", &inj, err), 0);
    ck_assert_int_eq(inj.nstuck, 1);
    ck_assert_int_eq(inj.stuck[0].bit, 270);
    ck_assert_int_eq(inj.stuck[0].value, 0);
    ck_assert_uint_eq(inj.seed, 42);
}
END_TEST

START_TEST(test_a_stuck_check_bit_without_ecc_is_refused_naming_it)
{
    char err[HBM_ERR_MAX];
    struct hbm_config c = ecc_base;
    c.ecc = HBM_ECC_NONE;
    ck_assert(hbm_inject_parse("stuck:0x40:260", &c.inject, err) == 0);
    ck_assert_ptr_null(hbm_model_create(&c, err));
    ck_assert_msg(strstr(err, "stuck bit 260") && strstr(err, "ecc = none"), "%s", err);
}
END_TEST

static Suite *ecc_suite(void)
{
    Suite *s = suite_create("ecc");
    TCase *code = tcase_create("code");
    tcase_add_unchecked_fixture(code, make_words, NULL);
    tcase_set_timeout(code, 60);
    tcase_add_test(code, test_columns_are_the_hsiao_rule_weight_three_then_rotations_of_0x1f);
    tcase_add_test(code, test_columns_are_distinct_odd_and_not_a_check_bit);
    tcase_add_test(code, test_every_check_bit_covers_26_data_bits);
    tcase_add_test(code, test_encoding_is_linear_and_zero_codes_to_zero);
    tcase_add_test(code, test_clean_codeword_decodes_ok_unchanged);
    tcase_add_test(code, test_every_single_bit_error_of_72_is_corrected);
    tcase_add_test(code, test_every_double_bit_error_is_detected_never_miscorrected);
    tcase_add_test(code, test_no_triple_bit_error_passes_as_clean);
    tcase_add_test(code, test_burst_helpers_code_each_64_bit_word_little_endian);
    suite_add_tcase(s, code);

    TCase *ctrl = tcase_create("controller");
    tcase_add_checked_fixture(ctrl, ecc_setup, ecc_teardown);
    tcase_set_timeout(ctrl, 60);
    tcase_add_test(ctrl, test_partial_write_is_read_then_full_write_and_reads_back_merged);
    tcase_add_test(ctrl, test_full_write_is_not_read_modify_written);
    tcase_add_test(ctrl, test_every_single_bit_fault_is_corrected_and_counted);
    tcase_add_test(ctrl, test_every_double_bit_fault_is_flagged_never_returned_as_good);
    tcase_add_test(ctrl, test_without_ecc_an_injected_fault_is_silent);
    tcase_add_test(ctrl, test_partial_write_over_uncorrectable_data_is_poisoned_and_flagged);
    tcase_add_test(ctrl, test_no_direct_memory_access_with_ecc);
    tcase_add_test(ctrl, test_inject_spec_errors_name_the_item);
    tcase_add_test(ctrl, test_a_stuck_check_bit_without_ecc_is_refused_naming_it);
    suite_add_tcase(s, ctrl);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(ecc_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
