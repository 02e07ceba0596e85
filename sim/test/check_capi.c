/*
 * check_capi.c - unit tests of the library face for foreign-function
 * callers (sim/hbm_capi.c, under the Python package): a run's report and
 * messages come back as strings, bad input is a status and a message, the
 * model cycle by cycle gives back what was written.  Also under ASan/UBSan
 * (make sanitize): nothing leaks, nothing is read out of bounds.  Runs
 * from the repository root.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hbm_capi.h"

#define CONFIG "configs/hbm2_2000.ini"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    char *text;
    long n;

    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    text = calloc(1, (size_t)n + 1);
    ck_assert_uint_eq(fread(text, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return text;
}

START_TEST(test_a_run_returns_the_json_report_and_no_messages)
{
    char *text = slurp(CONFIG), *report, *messages;
    const char *args[] = {"--workload", "random", "--requests", "300", "--json"};
    int rc = hbm_capi_run(text, CONFIG, "shown.ini", 5, args, 1, &report, &messages);

    ck_assert_int_eq(rc, 0);
    ck_assert_str_eq(messages, "");
    ck_assert_msg(strncmp(report, "{\"config\": \"shown.ini\", \"workload\": \"random\", \"cycles\": ", 54) == 0,
                  "%s", report);
    ck_assert_ptr_nonnull(strstr(report, "\"reads\": 300,"));
    ck_assert_ptr_nonnull(strstr(report, "\"timing_violations\": 0}\n"));
    hbm_capi_free(report);
    hbm_capi_free(messages);
    free(text);
}
END_TEST

START_TEST(test_bad_options_and_configs_are_status_2_with_the_message)
{
    char *text = slurp(CONFIG), *report, *messages, err[512];
    const char *bad_wl[] = {"--workload", "nope"};
    const char *bad_opt[] = {"--workload", "stream", "--frobnicate"};
    char *broken = strdup(text), *p = strstr(broken, "tRP     = 14");

    ck_assert_int_eq(hbm_capi_run(text, CONFIG, CONFIG, 2, bad_wl, 1, &report, &messages), 2);
    ck_assert_str_eq(report, "");
    ck_assert_ptr_nonnull(strstr(messages, "hbmctl: unknown workload 'nope'"));
    hbm_capi_free(report);
    hbm_capi_free(messages);
    ck_assert_int_eq(hbm_capi_run(text, CONFIG, CONFIG, 3, bad_opt, 1, &report, &messages), 2);
    ck_assert_ptr_nonnull(strstr(messages, "unknown option '--frobnicate'"));
    hbm_capi_free(report);
    hbm_capi_free(messages);

    ck_assert_ptr_nonnull(p);
    memcpy(p, "tRP     = xx", 12);
    ck_assert_int_eq(hbm_capi_config_check(broken, "my.ini", err, sizeof err), -1);
    ck_assert_msg(strstr(err, "my.ini:") == err && strstr(err, "key 'tRP' = 'xx'"), "%s", err);
    ck_assert_ptr_null(hbm_capi_model_create(broken, "my.ini", "my.ini", err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "key 'tRP' = 'xx'"));
    ck_assert_int_eq(hbm_capi_run(broken, "my.ini", "my.ini", 2, bad_wl, 1, &report, &messages), 2);
    hbm_capi_free(report);
    hbm_capi_free(messages);
    ck_assert_int_eq(hbm_capi_config_check(text, CONFIG, err, sizeof err), 0);
    free(broken);
    free(text);
}
END_TEST

START_TEST(test_the_model_gives_back_a_written_burst_and_reports_it)
{
    char *text = slurp(CONFIG), err[512], *report;
    hbm_capi_model *m = hbm_capi_model_create(text, CONFIG, "m.ini", err, sizeof err);
    uint8_t w[32], r[32];
    uint64_t acc = 0, done = 0;
    uint32_t id = 0;
    int i, wr = -1, got = 0;

    ck_assert_ptr_nonnull(m);
    for (i = 0; i < 32; i++)
        w[i] = (uint8_t)(3 * i + 1);
    ck_assert_int_eq(hbm_capi_model_can_accept(m, hbm_capi_model_capacity(m), 0), 0);
    ck_assert_int_eq(hbm_capi_model_push(m, hbm_capi_model_capacity(m), 0, 0, NULL, 0), 3);
    ck_assert_int_eq(hbm_capi_model_push(m, 0x800, 1, 5, w, 0xffffffffu), 0);
    ck_assert_int_eq(hbm_capi_model_push(m, 0x800, 0, 6, NULL, 0), 1);   /* one a cycle */
    hbm_capi_model_tick(m, 1);
    ck_assert_int_eq(hbm_capi_model_push(m, 0x800, 0, 6, NULL, 0), 0);
    while (got < 2 && hbm_capi_model_cycle(m) < 5000) {
        if (hbm_capi_model_pop(m, &id, &wr, r, &acc, &done)) {
            ck_assert_uint_eq(id, wr ? 5 : 6);
            if (!wr)
                ck_assert_mem_eq(r, w, sizeof w);
            got++;
        }
        hbm_capi_model_tick(m, 1);
    }
    ck_assert_int_eq(got, 2);
    ck_assert_uint_gt(done, acc);
    ck_assert_int_eq(hbm_capi_model_idle(m), 1);
    memset(r, 0, sizeof r);
    ck_assert_int_eq(hbm_capi_model_peek(m, 0x800, r), 0);
    ck_assert_mem_eq(r, w, sizeof w);
    report = hbm_capi_model_report(m, "two requests");
    ck_assert_ptr_nonnull(strstr(report, "{\"config\": \"m.ini\", \"workload\": \"two requests\""));
    ck_assert_ptr_nonnull(strstr(report, "\"reads\": 1, \"writes\": 1,"));
    hbm_capi_free(report);
    hbm_capi_model_free(m);
    free(text);
}
END_TEST

static Suite *capi_suite(void)
{
    Suite *s = suite_create("capi");
    TCase *c = tcase_create("core");

    tcase_add_test(c, test_a_run_returns_the_json_report_and_no_messages);
    tcase_add_test(c, test_bad_options_and_configs_are_status_2_with_the_message);
    tcase_add_test(c, test_the_model_gives_back_a_written_burst_and_reports_it);
    suite_add_tcase(s, c);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(capi_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
