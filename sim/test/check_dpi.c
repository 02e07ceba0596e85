/*
 * check_dpi.c - unit tests of the DPI-C face (sim/hbm_dpi.c): what a
 * SystemVerilog testbench gets back from each call, errors as statuses
 * with a message, never an abort.  Runs from the repository root.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* the DPI functions, as SystemVerilog's imports declare them */
int hbm_dpi_create(const char *path);
void hbm_dpi_free(int h);
const char *hbm_dpi_error(void);
int hbm_dpi_can_accept(int h, long long cycle, long long addr, int write);
int hbm_dpi_push(int h, long long addr, int write, int id, const uint32_t *wdata, int strb);
int hbm_dpi_peek(int h, int *id, int *write, uint32_t *rdata);
int hbm_dpi_pop(int h);
int hbm_dpi_tick(int h);
int hbm_dpi_idle(int h);
long long hbm_dpi_stat(int h, const char *name);

#define CONFIG "configs/hbm2_2000.ini"

START_TEST(test_a_config_that_does_not_load_is_status_minus_2_with_the_file_named)
{
    ck_assert_int_eq(hbm_dpi_create("configs/no_such.ini"), -2);
    ck_assert_ptr_nonnull(strstr(hbm_dpi_error(), "configs/no_such.ini"));
    ck_assert_int_eq(hbm_dpi_create(NULL), -2);
}
END_TEST

START_TEST(test_a_write_then_a_read_of_it_returns_its_bytes_with_their_ids)
{
    int h = hbm_dpi_create(CONFIG), id = -1, wr = -1, got = 0, i;
    uint32_t w[8], r[8];
    long long cycle = 0;

    ck_assert_int_ge(h, 0);
    for (i = 0; i < 8; i++)
        w[i] = 0x01020304u * (uint32_t)(i + 1);
    ck_assert_int_eq(hbm_dpi_can_accept(h, cycle, 0x4000, 1), 1);
    ck_assert_int_eq(hbm_dpi_push(h, 0x4000, 1, 7, w, -1), 0);
    hbm_dpi_tick(h);
    cycle++;
    ck_assert_int_eq(hbm_dpi_can_accept(h, cycle, 0x4000, 0), 1);
    ck_assert_int_eq(hbm_dpi_push(h, 0x4000, 0, 9, NULL, 0), 0);
    for (; cycle < 2000 && got < 2; cycle++) {
        if (hbm_dpi_peek(h, &id, &wr, r) == 1) {
            ck_assert_int_eq(hbm_dpi_pop(h), 0);
            if (!wr) {
                ck_assert_int_eq(id, 9);
                ck_assert_mem_eq(r, w, sizeof w);
            } else {
                ck_assert_int_eq(id, 7);
            }
            got++;
        }
        hbm_dpi_tick(h);
    }
    ck_assert_int_eq(got, 2);
    ck_assert_int_eq(hbm_dpi_stat(h, "reads"), 1);
    ck_assert_int_eq(hbm_dpi_stat(h, "writes"), 1);
    ck_assert_int_eq(hbm_dpi_stat(h, "timing_violations"), 0);
    ck_assert_int_eq(hbm_dpi_stat(h, "cycles"), cycle);
    ck_assert_int_eq(hbm_dpi_idle(h), 1);
    hbm_dpi_free(h);
}
END_TEST

START_TEST(test_bad_requests_and_calls_are_statuses_with_a_message)
{
    int h = hbm_dpi_create(CONFIG), id, wr;
    uint32_t r[8];

    ck_assert_int_ge(h, 0);
    ck_assert_int_eq(hbm_dpi_can_accept(h, 0, 0x10000000, 0), -4);   /* the capacity is 256 MiB */
    ck_assert_ptr_nonnull(strstr(hbm_dpi_error(), "beyond the capacity"));
    ck_assert_int_eq(hbm_dpi_push(h, -32, 0, 1, NULL, 0), -4);
    ck_assert_int_eq(hbm_dpi_push(h, 0x100, 0, 1 << 8, NULL, 0), -5);  /* id_bits = 8 */
    ck_assert_int_eq(hbm_dpi_can_accept(h, 3, 0x100, 0), -8);          /* the caller is off by edges */
    ck_assert_ptr_nonnull(strstr(hbm_dpi_error(), "edge 3"));
    ck_assert_int_eq(hbm_dpi_peek(h, &id, &wr, r), 0);
    ck_assert_int_eq(hbm_dpi_pop(h), -6);
    ck_assert_int_eq(hbm_dpi_stat(h, "no_such_stat"), -7);
    ck_assert_int_eq(hbm_dpi_push(h, 0x100, 0, 1, NULL, 0), 0);
    ck_assert_int_eq(hbm_dpi_push(h, 0x200, 0, 2, NULL, 0), -3);       /* one request a cycle */
    hbm_dpi_free(h);
    ck_assert_int_eq(hbm_dpi_tick(h), -1);                             /* freed: no such model */
    ck_assert_int_eq(hbm_dpi_can_accept(99, 0, 0, 0), -1);
}
END_TEST

static Suite *dpi_suite(void)
{
    Suite *s = suite_create("dpi");
    TCase *core = tcase_create("core");

    tcase_add_test(core, test_a_config_that_does_not_load_is_status_minus_2_with_the_file_named);
    tcase_add_test(core, test_a_write_then_a_read_of_it_returns_its_bytes_with_their_ids);
    tcase_add_test(core, test_bad_requests_and_calls_are_statuses_with_a_message);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(dpi_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
