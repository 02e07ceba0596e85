/*
 * check_drive.c - unit tests of the one stimulus loop (sim/hbm_drive.c),
 * the lockstep comparator (sim/hbm_lockstep.c), the shared command line
 * (sim/hbm_opts.c) and the report's data_errors (sim/hbm_run.c).
 *
 * The lockstep is tested with two golden models as DUT and reference:
 * equal configs must never mismatch, configs that differ in one knob must
 * mismatch at the first cycle they behave differently, and a DUT that
 * corrupts one response must be caught at that response.  Runs from the
 * repository root.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hbm_config.h"
#include "hbm_drive.h"
#include "hbm_lockstep.h"
#include "hbm_model.h"
#include "hbm_opts.h"
#include "hbm_port.h"
#include "hbm_run.h"
#include "hbm_source.h"

#define CONFIG "configs/hbm2_2000.ini"

static struct hbm_config cfg;

static void setup(void)
{
    char err[HBM_ERR_MAX];
    ck_assert_msg(hbm_config_load(&cfg, CONFIG, err) == 0, "%s", err);
}

/* Drive a workload through a port; returns hbm_drive_run's code. */
static int drive(hbm_port *port, const struct hbm_config *c, const char *spec, uint64_t requests,
                 uint64_t fault_read, struct hbm_drive_result *res, char *err)
{
    hbm_source *src = hbm_source_workload(spec, c, requests, 5, err);
    hbm_scoreboard *sb = hbm_scoreboard_create(c, 5);
    struct hbm_drive_opts o;
    int rc;

    ck_assert_msg(src != NULL, "%s", err);
    memset(&o, 0, sizeof o);
    o.tool = "check_drive";
    o.seed = 5;
    o.resp_stall_pct = 30;
    o.req_gap_pct = 20;
    o.fault_read = fault_read;
    rc = hbm_drive_run(port, c, src, sb, &o, res, err);
    hbm_scoreboard_free(sb);
    hbm_source_free(src);
    return rc;
}

START_TEST(test_lockstep_of_two_equal_models_never_mismatches_and_counts_the_same)
{
    char err[HBM_ERR_MAX];
    hbm_model *a = hbm_model_create(&cfg, err), *b = hbm_model_create(&cfg, err);
    hbm_port pair = hbm_lockstep_create(hbm_port_model(a), hbm_port_model(b), "dut", "ref");
    struct hbm_drive_result res;
    uint64_t cycle;
    const char *name;
    uint64_t value;

    ck_assert_int_eq(drive(&pair, &cfg, "mixed:write_pct=30", 3000, 0, &res, err), 0);
    ck_assert_int_eq(pair.ops->finish(pair.self), 0);
    ck_assert_int_eq(hbm_lockstep_mismatch(&pair, &cycle), 0);
    ck_assert_uint_eq(res.completed, 3000);
    ck_assert_uint_eq(res.data_errors, 0);
    ck_assert_int_eq(pair.ops->report_field(pair.self, &name, &value), 1);
    ck_assert_str_eq(name, "mismatches");
    ck_assert_uint_eq(value, 0);
    ck_assert_uint_eq(pair.ops->stats(pair.self)->reads, hbm_model_stats(b)->reads);
    hbm_port_free(&pair);
    hbm_model_free(a);
    hbm_model_free(b);
}
END_TEST

START_TEST(test_lockstep_catches_a_dut_with_another_page_policy_at_its_first_other_pick)
{
    char err[HBM_ERR_MAX];
    struct hbm_config open = cfg;
    hbm_model *dut, *ref = hbm_model_create(&cfg, err);
    hbm_port pair;
    struct hbm_drive_result res;
    uint64_t cycle = 0;

    open.page_policy = HBM_PAGE_OPEN;
    ck_assert_msg(hbm_config_finish(&open, err) == 0, "%s", err);
    dut = hbm_model_create(&open, err);
    pair = hbm_lockstep_create(hbm_port_model(dut), hbm_port_model(ref), "dut", "ref");
    ck_assert_int_eq(drive(&pair, &cfg, "stream", 2000, 0, &res, err), 1);
    ck_assert_int_eq(hbm_lockstep_mismatch(&pair, &cycle), 1);
    /* the reference picks an RDA (auto-precharge) where the open-page DUT
     * picks an RD: seen in the pick's events, a cycle before the command */
    ck_assert_msg(strstr(err, "MISMATCH at cycle") && strstr(err, "events"), "%s", err);
    ck_assert_msg(strstr(err, "expected (ref): AUTO_PRECHARGE") != NULL, "%s", err);
    ck_assert_uint_lt(cycle, 2000);
    hbm_port_free(&pair);
    hbm_model_free(dut);
    hbm_model_free(ref);
}
END_TEST

/* A DUT port that forwards to a model but flips bit 0 of its nth
 * response's data, or the event bit flip_event in its tick number flip_at. */
struct corrupt {
    hbm_port inner;
    int n, seen;
    int flip_event;
    uint64_t flip_at, ticks;
};
#define IN(s) (((struct corrupt *)(s))->inner)
static uint64_t c_cycle(void *s) { return IN(s).ops->cycle(IN(s).self); }
static int c_can_accept(void *s, uint64_t a, int w) { return IN(s).ops->can_accept(IN(s).self, a, w); }
static int c_push(void *s, uint64_t a, int w, uint32_t id, const uint8_t *d, uint32_t be)
{
    return IN(s).ops->push(IN(s).self, a, w, id, d, be);
}
static int c_resp_valid(void *s) { return IN(s).ops->resp_valid(IN(s).self); }
static int c_pop_resp(void *s, struct hbm_resp *r)
{
    struct corrupt *c = s;
    int got = c->inner.ops->pop_resp(c->inner.self, r);
    if (got && ++c->seen == c->n)
        r->data[0] ^= 1;
    return got;
}
static int c_tick(void *s) { return IN(s).ops->tick(IN(s).self); }
static int c_idle(void *s) { return IN(s).ops->idle(IN(s).self); }
static void c_hook(void *s, hbm_cmd_hook fn, void *ctx) { IN(s).ops->set_cmd_hook(IN(s).self, fn, ctx); }
static const struct hbm_stats *c_stats(void *s) { return IN(s).ops->stats(IN(s).self); }
static uint64_t c_perr(void *s) { return IN(s).ops->protocol_errors(IN(s).self); }
static int c_finish(void *s) { return IN(s).ops->finish(IN(s).self); }
static const char *c_error(void *s) { return IN(s).ops->error(IN(s).self); }
static int c_field(void *s, const char **n, uint64_t *v) { return IN(s).ops->report_field(IN(s).self, n, v); }
static uint32_t c_bwmon(void *s, int a, int we, uint32_t d) { return IN(s).ops->bwmon(IN(s).self, a, we, d); }
static uint32_t c_events(void *s)
{
    struct corrupt *c = s;
    uint32_t e = c->inner.ops->events(c->inner.self);
    return ++c->ticks == c->flip_at ? e ^ 1u << c->flip_event : e;
}
static void c_free(void *s) { (void)s; }
static const struct hbm_port_ops corrupt_ops = {
    c_cycle, c_can_accept, c_push, c_resp_valid, c_pop_resp, c_tick, c_idle, c_hook,
    c_stats, c_perr, c_finish, c_error, c_field, c_bwmon, c_events, c_free
};

START_TEST(test_lockstep_catches_one_corrupted_response_at_that_response)
{
    char err[HBM_ERR_MAX];
    hbm_model *a = hbm_model_create(&cfg, err), *b = hbm_model_create(&cfg, err);
    struct corrupt c;
    hbm_port dut, pair;
    struct hbm_drive_result res;
    uint64_t cycle = 0;

    memset(&c, 0, sizeof c);
    c.inner = hbm_port_model(a);
    c.n = 100;
    dut.ops = &corrupt_ops;
    dut.self = &c;
    pair = hbm_lockstep_create(dut, hbm_port_model(b), "dut", "ref");
    ck_assert_int_eq(drive(&pair, &cfg, "random", 1000, 0, &res, err), 1);
    ck_assert_int_eq(hbm_lockstep_mismatch(&pair, &cycle), 1);
    ck_assert_msg(strstr(err, ": response\n") != NULL, "%s", err);
    ck_assert_msg(strstr(err, "data[0..3] 01") != NULL, "%s", err);   /* the DUT's flipped byte */
    ck_assert_uint_eq(res.completed, 100);  /* stopped in the cycle of the 100th response */
    ck_assert_uint_eq(cycle, hbm_model_cycle(a));
    hbm_port_free(&pair);
    hbm_model_free(a);
    hbm_model_free(b);
}
END_TEST

/* One event bit of one cycle different: caught in that cycle, by name. */
START_TEST(test_lockstep_catches_one_different_event_bit_in_its_cycle_by_name)
{
    char err[HBM_ERR_MAX];
    hbm_model *a = hbm_model_create(&cfg, err), *b = hbm_model_create(&cfg, err);
    struct corrupt c;
    hbm_port dut, pair;
    struct hbm_drive_result res;
    uint64_t cycle = 0;

    memset(&c, 0, sizeof c);
    c.inner = hbm_port_model(a);
    c.flip_event = HBM_EVENT_WQ_ONE_LEFT;
    c.flip_at = 321;
    dut.ops = &corrupt_ops;
    dut.self = &c;
    pair = hbm_lockstep_create(dut, hbm_port_model(b), "dut", "ref");
    ck_assert_int_eq(drive(&pair, &cfg, "mixed:write_pct=40", 2000, 0, &res, err), 1);
    ck_assert_int_eq(hbm_lockstep_mismatch(&pair, &cycle), 1);
    ck_assert_msg(strstr(err, "events") && strstr(err, "WQ_ONE_LEFT"), "%s", err);
    ck_assert_uint_eq(cycle, 320 * (uint64_t)cfg.dfi_ratio);   /* the 321st cycle */
    hbm_port_free(&pair);
    hbm_model_free(a);
    hbm_model_free(b);
}
END_TEST

START_TEST(test_drive_counts_a_planted_data_error_and_the_json_report_says_so)
{
    char err[HBM_ERR_MAX], path[] = "/tmp/check_drive_XXXXXX", line[4096];
    struct hbm_opts o;
    hbm_model *m = hbm_model_create(&cfg, err);
    hbm_port port = hbm_port_model(m);
    char *argv[] = {"hbmsim", "--config", CONFIG, "--workload", "random", "--requests", "500",
                    "--fault-read", "17", "--json", "--no-refresh-cost"};
    int fd = mkstemp(path), saved = dup(1), rc;
    FILE *f;

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(hbm_opts_parse(&o, "hbmsim", HBM_OPTS_MODEL, 11, argv), 0);
    fflush(stdout);
    dup2(fd, 1);
    rc = hbm_run(&o, &cfg, &port, 0);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    ck_assert_int_eq(rc, 1);
    f = fdopen(fd, "r");
    rewind(f);
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
    fclose(f);
    unlink(path);
    ck_assert_msg(strstr(line, "\"data_errors\": 1,") != NULL, "%s", line);
    ck_assert_msg(strstr(line, "\"timing_violations\": 0}") != NULL, "%s", line);
    hbm_model_free(m);
}
END_TEST

START_TEST(test_options_are_checked_with_the_tool_name)
{
    struct hbm_opts o;
    char *twice[] = {"vhbm", "--config", CONFIG, "--seed", "1", "--seed", "2", "--workload", "stream"};
    char *model_only[] = {"vhbm", "--config", CONFIG, "--workload", "stream", "--emit-vh"};
    char *rtl_only[] = {"hbmsim", "--config", CONFIG, "--workload", "stream", "--no-lockstep"};
    char *pct[] = {"hbmsim", "--config", CONFIG, "--workload", "stream", "--req-gap", "100"};
    char *ok[] = {"vhbm", "--config", CONFIG, "--workload", "stream", "--cycles", "50", "--no-lockstep"};

    ck_assert_int_eq(hbm_opts_parse(&o, "vhbm", HBM_OPTS_RTL, 9, twice), -1);
    ck_assert_int_eq(hbm_opts_parse(&o, "vhbm", HBM_OPTS_RTL, 6, model_only), -1);
    ck_assert_int_eq(hbm_opts_parse(&o, "hbmsim", HBM_OPTS_MODEL, 6, rtl_only), -1);
    ck_assert_int_eq(hbm_opts_parse(&o, "hbmsim", HBM_OPTS_MODEL, 7, pct), -1);
    ck_assert_int_eq(hbm_opts_parse(&o, "vhbm", HBM_OPTS_RTL, 8, ok), 0);
    ck_assert_uint_eq(o.cycles, 50);
    ck_assert_int_eq(o.no_lockstep, 1);
    ck_assert_uint_eq(o.requests, HBM_DEFAULT_REQUESTS);
}
END_TEST

static Suite *drive_suite(void)
{
    Suite *s = suite_create("drive");
    TCase *core = tcase_create("core");

    tcase_add_checked_fixture(core, setup, NULL);
    tcase_add_test(core, test_lockstep_of_two_equal_models_never_mismatches_and_counts_the_same);
    tcase_add_test(core, test_lockstep_catches_a_dut_with_another_page_policy_at_its_first_other_pick);
    tcase_add_test(core, test_lockstep_catches_one_corrupted_response_at_that_response);
    tcase_add_test(core, test_lockstep_catches_one_different_event_bit_in_its_cycle_by_name);
    tcase_add_test(core, test_drive_counts_a_planted_data_error_and_the_json_report_says_so);
    tcase_add_test(core, test_options_are_checked_with_the_tool_name);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(drive_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
