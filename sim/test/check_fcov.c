/*
 * check_fcov.c - unit tests of the controller's per-cycle events
 * (hbm_model_events, the twin of the RTL's perf_event_o), the checker's
 * "met at exactly its earliest cycle" counts, and the functional coverage
 * bins built from them (sim/hbm_fcov.c).  Runs from the repository root.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hbm_addr_map.h"
#include "hbm_check.h"
#include "hbm_config.h"
#include "hbm_fcov.h"
#include "hbm_model.h"

#define CONFIG "configs/hbm2_2000.ini"
#define EV(name) (1u << HBM_EVENT_##name)

static struct hbm_config cfg;

static void setup(void)
{
    char err[HBM_ERR_MAX];
    ck_assert_msg(hbm_config_load(&cfg, CONFIG, err) == 0, "%s", err);
}

/* Address of row `row`, column 0 of bank group 0, bank 0. */
static uint64_t bank0_row(int row)
{
    struct hbm_addr a = {0, 0, row, 0};
    return hbm_addr_encode(&cfg, &a);
}

START_TEST(test_every_event_has_a_name_a_description_and_its_own_bit)
{
    int i, j;
    for (i = 0; i < HBM_EVENT_COUNT; i++) {
        ck_assert_ptr_nonnull(hbm_event_name(i));
        ck_assert_ptr_nonnull(hbm_event_description(i));
        for (j = 0; j < i; j++)
            ck_assert_str_ne(hbm_event_name(i), hbm_event_name(j));
    }
    ck_assert_ptr_null(hbm_event_name(HBM_EVENT_COUNT));
    ck_assert_ptr_null(hbm_event_name(-1));
}
END_TEST

/*
 * Reads to other rows of one bank (each a row conflict, one every tRC or
 * so) offered every cycle: the read queue goes from empty through one left
 * to full, the request port register fills behind it, and an offer into the
 * full register is a request-port stall; no offer is stalled before the
 * queue is full (or one entry from it, the one it takes in that cycle).
 */
START_TEST(test_a_filling_read_queue_is_empty_then_one_left_then_full_and_stalls_offers)
{
    char err[HBM_ERR_MAX];
    hbm_model *m = hbm_model_create(&cfg, err);
    int row = 1, cyc, saw_one_left = 0, saw_full = 0, stalls = 0;
    uint32_t ev;

    ck_assert_ptr_nonnull(m);
    hbm_model_tick(m);
    ck_assert_uint_ne(hbm_model_events(m) & EV(RQ_EMPTY), 0);
    ck_assert_uint_ne(hbm_model_events(m) & EV(WQ_EMPTY), 0);
    ck_assert_uint_eq(hbm_model_events(m) & (EV(RQ_FULL) | EV(REQ_STALL)), 0);
    for (cyc = 0; cyc < 400; cyc++) {
        int n_before = hbm_model_queue_count(m, 0), p_before = hbm_model_port_count(m);
        if (hbm_model_offer(m, bank0_row(row), 0))
            ck_assert_int_eq(hbm_model_push(m, bank0_row(row++), 0, (uint32_t)cyc % 64, NULL, 0), HBM_PUSH_OK);
        while (hbm_model_pop_resp(m, NULL))
            ;
        hbm_model_tick(m);
        ev = hbm_model_events(m);
        ck_assert_int_eq(!!(ev & EV(RQ_FULL)), n_before == cfg.read_queue_depth);
        ck_assert_int_eq(!!(ev & EV(RQ_ONE_LEFT)), n_before == cfg.read_queue_depth - 1);
        ck_assert_int_eq(!!(ev & EV(RQ_EMPTY)), n_before == 0);
        if (ev & EV(REQ_STALL)) {
            ck_assert_int_eq(p_before, 2);
            ck_assert_int_ge(n_before, cfg.read_queue_depth - 1);
            stalls++;
        }
        saw_one_left |= !!(ev & EV(RQ_ONE_LEFT));
        saw_full |= !!(ev & EV(RQ_FULL));
    }
    ck_assert(saw_one_left && saw_full);
    ck_assert_int_gt(stalls, 0);
    hbm_model_free(m);
}
END_TEST

/* A response not taken is a response-port stall; taken, it is not. */
START_TEST(test_a_response_left_waiting_is_a_response_stall)
{
    char err[HBM_ERR_MAX];
    hbm_model *m = hbm_model_create(&cfg, err);
    int cyc, stalls = 0;

    ck_assert_ptr_nonnull(m);
    ck_assert(hbm_model_offer(m, bank0_row(3), 0));
    ck_assert_int_eq(hbm_model_push(m, bank0_row(3), 0, 1, NULL, 0), HBM_PUSH_OK);
    for (cyc = 0; cyc < 200 && !hbm_model_resp_valid(m); cyc++) {
        hbm_model_tick(m);
        ck_assert_uint_eq(hbm_model_events(m) & EV(RESP_STALL), 0);
    }
    ck_assert(hbm_model_resp_valid(m));
    for (cyc = 0; cyc < 5; cyc++) {
        hbm_model_tick(m);
        stalls += !!(hbm_model_events(m) & EV(RESP_STALL));
    }
    ck_assert_int_eq(stalls, 5);
    ck_assert(hbm_model_pop_resp(m, NULL));
    hbm_model_tick(m);
    ck_assert_uint_eq(hbm_model_events(m) & EV(RESP_STALL), 0);
    hbm_model_free(m);
}
END_TEST

/* A read of a burst whose full write is queued is forwarded; a write to
 * a burst a queued read holds waits (write after read). */
START_TEST(test_read_after_a_full_write_is_forwarded_and_a_write_after_a_read_waits)
{
    char err[HBM_ERR_MAX];
    hbm_model *m = hbm_model_create(&cfg, err);
    uint8_t data[HBM_BURST_BYTES] = {1, 2, 3};

    ck_assert_ptr_nonnull(m);
    ck_assert(hbm_model_offer(m, bank0_row(5), 1));
    ck_assert_int_eq(hbm_model_push(m, bank0_row(5), 1, 1, data, 0xFFFFFFFFu), HBM_PUSH_OK);
    hbm_model_tick(m);
    ck_assert_uint_eq(hbm_model_events(m) & EV(RAW_FORWARD), 0);
    ck_assert(hbm_model_offer(m, bank0_row(5), 0));
    ck_assert_int_eq(hbm_model_push(m, bank0_row(5), 0, 2, NULL, 0), HBM_PUSH_OK);
    hbm_model_tick(m);   /* in the request port register */
    ck_assert_uint_eq(hbm_model_events(m) & EV(RAW_FORWARD), 0);
    hbm_model_tick(m);   /* taken: forwarded */
    ck_assert_uint_ne(hbm_model_events(m) & EV(RAW_FORWARD), 0);

    ck_assert(hbm_model_offer(m, bank0_row(9), 0));
    ck_assert_int_eq(hbm_model_push(m, bank0_row(9), 0, 3, NULL, 0), HBM_PUSH_OK);
    hbm_model_tick(m);
    ck_assert(hbm_model_offer(m, bank0_row(9), 1));   /* the port register has room */
    ck_assert_int_eq(hbm_model_push(m, bank0_row(9), 1, 4, data, 0xFFFFFFFFu), HBM_PUSH_OK);
    hbm_model_tick(m);   /* the read goes to its queue */
    ck_assert_uint_eq(hbm_model_events(m) & EV(WAR_HOLD), 0);
    hbm_model_tick(m);   /* the write heads the port: held */
    ck_assert_uint_ne(hbm_model_events(m) & EV(WAR_HOLD), 0);
    ck_assert_uint_eq(hbm_model_events(m) & EV(REQ_STALL), 0);
    hbm_model_free(m);
}
END_TEST

/* The checker counts a command at exactly a rule's delay, not one later. */
START_TEST(test_the_checker_counts_a_rule_met_at_exactly_its_earliest_cycle)
{
    char err[HBM_ERR_MAX], label[160];
    hbm_check *chk = hbm_check_create(&cfg, err);
    struct hbm_cmd act = {100, HBM_CMD_ACT, 0, 0, 0, 0, 7, 0, 0};
    struct hbm_cmd rd = {0, HBM_CMD_RD, 0, 0, 0, 0, 7, 0, 0};
    struct hbm_cmd act2 = {0, HBM_CMD_ACT, 0, 0, 1, 0, 7, 0, 0};
    int i, rcd = -1;

    ck_assert_ptr_nonnull(chk);
    for (i = 0; i < hbm_check_rule_count(); i++) {
        hbm_check_rule_label(i, label, sizeof label);
        if (strncmp(label, "tRCDRD:", 7) == 0)
            rcd = i;
    }
    ck_assert_int_ge(rcd, 0);
    ck_assert_int_eq(hbm_check_command(chk, &act), 0);
    act2.cycle = act.cycle + (uint64_t)cfg.trrd_s + 1;   /* another bank group, one late */
    act2.bg = 1;
    act2.ba = 0;
    ck_assert_int_eq(hbm_check_command(chk, &act2), 0);
    rd.cycle = act.cycle + (uint64_t)cfg.trcdrd;
    ck_assert_int_eq(hbm_check_command(chk, &rd), 0);
    ck_assert_uint_eq(hbm_check_tight(chk, rcd), 1);
    for (i = 0; i < hbm_check_rule_count(); i++) {
        hbm_check_rule_label(i, label, sizeof label);
        if (strncmp(label, "tRRD_S: ACT -> ACT", 18) == 0)
            ck_assert_uint_eq(hbm_check_tight(chk, i), 0);
    }
    hbm_check_free(chk);
}
END_TEST

/* The bins: counts from the events, applicability from the config. */
START_TEST(test_bins_count_events_and_know_what_a_config_cannot_hit)
{
    struct hbm_fcov f;
    struct hbm_config open = cfg;
    char name[200];
    int i, app, found_ap = 0, found_refpb = 0;
    uint64_t n;

    open.page_policy = HBM_PAGE_OPEN;
    open.refresh_mode = HBM_REFRESH_ALL_BANK;
    hbm_fcov_init(&f, &open);
    hbm_fcov_cycle(&f, EV(COL_HEAD) | EV(RQ_FULL));
    hbm_fcov_cycle(&f, EV(COL_HEAD));
    ck_assert_uint_eq(f.cycles, 2);
    ck_assert_uint_eq(f.event[HBM_EVENT_COL_HEAD], 2);
    ck_assert_uint_eq(f.event[HBM_EVENT_RQ_FULL], 1);
    for (i = 0; i < hbm_fcov_bins(); i++) {
        hbm_fcov_bin(&f, i, name, sizeof name, &app, &n);
        if (strcmp(name, "event:AUTO_PRECHARGE") == 0) {
            found_ap = 1;
            ck_assert_int_eq(app, 0);   /* open page: no RDA/WRA */
        }
        if (strncmp(name, "rule:tRFCpb: REFPB ->", 21) == 0) {
            found_refpb = 1;
            ck_assert_int_eq(app, 0);   /* all-bank refresh: no REFPB */
        }
        if (strcmp(name, "event:COL_HEAD") == 0)
            ck_assert_uint_eq(n, 2);
    }
    ck_assert(found_ap && found_refpb);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("fcov");
    TCase *tc = tcase_create("events");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_every_event_has_a_name_a_description_and_its_own_bit);
    tcase_add_test(tc, test_a_filling_read_queue_is_empty_then_one_left_then_full_and_stalls_offers);
    tcase_add_test(tc, test_a_response_left_waiting_is_a_response_stall);
    tcase_add_test(tc, test_read_after_a_full_write_is_forwarded_and_a_write_after_a_read_waits);
    tcase_add_test(tc, test_the_checker_counts_a_rule_met_at_exactly_its_earliest_cycle);
    tcase_add_test(tc, test_bins_count_events_and_know_what_a_config_cannot_hit);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
