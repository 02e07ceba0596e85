/*
 * check_energy.c - unit tests of the energy model (model/hbm_energy.h)
 * and of the counts it reads (hbm_stats: column commands, refresh kinds,
 * clocks with a bank open), against docs/energy.md.
 *
 * Owns: each formula, recomputed by hand for command streams made here
 * (round currents, so every expected figure is exact); the bank-open
 * clocks over overlapping banks, closes by PRE, PREA, RDA and WRA, and a
 * bank still open at the end; the controller's energy counters (the
 * RTL's registers, compared with the RTL by lockstep) equal those counts
 * on open, adaptive, all-bank and dfi_ratio 2 runs; tCK and VDD scale
 * every part; no [power]
 * section means no energy; and, on the model with the preset, that a
 * random read costs more per bit than a stream, through its activations.
 *
 * Run from the repository root: CK_FORK=no build/test/check_energy
 */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "hbm_bw_monitor.h"
#include "hbm_energy.h"
#include "hbm_stats.h"
#include "hbm_test_util.h"

/* A config with round numbers: tCK 1 ns, VDD 1 V, tRC 48 = tRAS 34 + 14,
 * tBURST 2, tRFC 350, tRFCpb 160 (the preset's timing), and currents
 * chosen so each command's energy is a whole number of pJ. */
static struct hbm_config round_config(void)
{
    struct hbm_config c;
    tu_load(&c, TU_PRESET);
    c.tck_ps = 1000;
    c.vdd_mv = 1000;
    c.idd0_ua = 10000;    /* ACT: 10 x 48 - 4 x 34 - 2 x 14 = 316 pJ */
    c.idd2n_ua = 2000;
    c.idd3n_ua = 4000;
    c.idd4r_ua = 104000;  /* RD: (104 - 4) x 2 = 200 pJ */
    c.idd4w_ua = 54000;   /* WR: (54 - 4) x 2 = 100 pJ */
    c.idd5ab_ua = 14000;  /* REFAB: (14 - 4) x 350 = 3500 pJ */
    c.idd5pb_ua = 5000;   /* REFPB: (5 - 4) x 160 = 160 pJ */
    c.io_read_fj = 500;   /* 0.5 pJ per bit read */
    c.io_write_fj = 250;
    c.power = 1;
    tu_finish(&c);
    return c;
}

static void command(struct hbm_stats *s, uint64_t cycle, int code, int bg, int ba)
{
    struct hbm_cmd c;
    memset(&c, 0, sizeof c);
    c.cycle = cycle;
    c.code = code;
    c.bg = bg;
    c.ba = ba;
    hbm_stats_command(s, &c, 2);
}

#define NEAR(a, b) ck_assert_msg(fabs((a) - (b)) < 1e-6, "%s = %.6f, expected %.6f", #a, (double)(a), (double)(b))

START_TEST(test_each_command_costs_its_current_above_standby_over_its_time)
{
    struct hbm_config c = round_config();
    NEAR(hbm_energy_command_pj(&c, HBM_CMD_ACT), 316.0);
    NEAR(hbm_energy_command_pj(&c, HBM_CMD_RD), 200.0);
    NEAR(hbm_energy_command_pj(&c, HBM_CMD_RDA), 200.0);
    NEAR(hbm_energy_command_pj(&c, HBM_CMD_WR), 100.0);
    NEAR(hbm_energy_command_pj(&c, HBM_CMD_WRA), 100.0);
    NEAR(hbm_energy_command_pj(&c, HBM_CMD_REFAB), 3500.0);
    NEAR(hbm_energy_command_pj(&c, HBM_CMD_REFPB), 160.0);
    NEAR(hbm_energy_command_pj(&c, HBM_CMD_PRE), 0.0);   /* in the ACT's pair */
    NEAR(hbm_energy_command_pj(&c, HBM_CMD_PREA), 0.0);
}
END_TEST

START_TEST(test_a_hand_made_stream_adds_up_part_by_part)
{
    struct hbm_config c = round_config();
    struct hbm_stats s;
    struct hbm_energy e;

    memset(&s, 0, sizeof s);
    command(&s, 10, HBM_CMD_ACT, 0, 0);     /* bank 0 open from 10 */
    command(&s, 24, HBM_CMD_RD, 0, 0);
    command(&s, 26, HBM_CMD_RD, 0, 0);
    command(&s, 28, HBM_CMD_WR, 0, 0);
    command(&s, 30, HBM_CMD_RDA, 0, 0);     /* ... closed at 30: 20 clocks */
    command(&s, 60, HBM_CMD_REFAB, 0, 0);
    command(&s, 500, HBM_CMD_REFPB, 1, 2);
    s.cycles = 1000;
    ck_assert_int_eq(hbm_energy_of(&c, &s, &e), 0);
    NEAR(e.part_pj[HBM_ENERGY_ACTIVATE], 316.0);
    NEAR(e.part_pj[HBM_ENERGY_READ_WRITE], 3 * 200.0 + 100.0);
    NEAR(e.part_pj[HBM_ENERGY_REFRESH], 3500.0 + 160.0);
    NEAR(e.part_pj[HBM_ENERGY_BACKGROUND], 4.0 * 20 + 2.0 * 980);
    NEAR(e.part_pj[HBM_ENERGY_IO], 3 * 256 * 0.5 + 256 * 0.25);
    NEAR(e.total_pj, 316.0 + 700.0 + 3660.0 + 2040.0 + 448.0);
    ck_assert_uint_eq(e.bits, 4 * 256);
    NEAR(e.pj_per_bit, e.total_pj / 1024.0);
    NEAR(e.avg_power_mw, e.total_pj / 1000.0);   /* pJ over 1000 ns */
    ck_assert_uint_eq(s.col_reads, 3);
    ck_assert_uint_eq(s.col_writes, 1);
    ck_assert_uint_eq(s.refabs, 1);
    ck_assert_uint_eq(s.refpbs, 1);
    ck_assert_uint_eq(s.refreshes, 2);
}
END_TEST

START_TEST(test_a_bank_is_active_from_its_act_until_the_last_bank_closes)
{
    struct hbm_stats s;

    memset(&s, 0, sizeof s);
    command(&s, 10, HBM_CMD_ACT, 0, 0);
    command(&s, 20, HBM_CMD_ACT, 3, 1);   /* overlaps: still one active span */
    command(&s, 30, HBM_CMD_PRE, 0, 0);
    command(&s, 50, HBM_CMD_WRA, 3, 1);   /* all closed at 50: 40 clocks */
    ck_assert_uint_eq(s.active_cycles, 40);
    command(&s, 100, HBM_CMD_ACT, 1, 1);
    command(&s, 110, HBM_CMD_ACT, 2, 3);
    command(&s, 125, HBM_CMD_PREA, 0, 0);  /* closes both: 25 more */
    ck_assert_uint_eq(s.active_cycles, 65);
    command(&s, 130, HBM_CMD_PRE, 1, 1);   /* a PRE of a closed bank changes nothing */
    ck_assert_uint_eq(s.active_cycles, 65);
    command(&s, 190, HBM_CMD_ACT, 0, 2);   /* open at the end of the run */
    s.cycles = 200;
    ck_assert_uint_eq(hbm_stats_active_cycles(&s), 75);
}
END_TEST

START_TEST(test_tck_and_vdd_scale_every_part)
{
    struct hbm_config c = round_config(), h;
    struct hbm_stats s;
    struct hbm_energy e1, e2;
    int i;

    memset(&s, 0, sizeof s);
    command(&s, 10, HBM_CMD_ACT, 0, 0);
    command(&s, 24, HBM_CMD_RD, 0, 0);
    command(&s, 40, HBM_CMD_PRE, 0, 0);
    command(&s, 60, HBM_CMD_REFPB, 0, 1);
    s.cycles = 400;
    ck_assert_int_eq(hbm_energy_of(&c, &s, &e1), 0);
    h = c;
    h.tck_ps = 500;      /* the same clocks in half the time */
    h.vdd_mv = 1500;     /* at 1.5 times the voltage */
    ck_assert_int_eq(hbm_energy_of(&h, &s, &e2), 0);
    for (i = 0; i < HBM_ENERGY_IO; i++)
        NEAR(e2.part_pj[i], e1.part_pj[i] * 0.75);
    NEAR(e2.part_pj[HBM_ENERGY_IO], e1.part_pj[HBM_ENERGY_IO]);   /* per bit, not per clock */
}
END_TEST

START_TEST(test_without_a_power_section_energy_is_not_modelled)
{
    struct hbm_config c = round_config();
    struct hbm_stats s;
    struct hbm_energy e;

    memset(&s, 0, sizeof s);
    command(&s, 10, HBM_CMD_ACT, 0, 0);
    s.cycles = 100;
    c.power = 0;
    ck_assert_int_eq(hbm_energy_of(&c, &s, &e), -1);
    NEAR(e.total_pj, 0.0);
    NEAR(hbm_energy_command_pj(&c, HBM_CMD_ACT), 0.0);
}
END_TEST

/* The model on the preset: n reads, consecutive or spread one per row. */
static void run_reads(const struct hbm_config *cfg, int random_rows, struct hbm_energy *e)
{
    struct tu_run *r = tu_run_create(cfg);
    uint32_t x = 12345;
    int i;

    for (i = 0; i < 2000; i++) {
        uint64_t addr;
        if (random_rows) {
            x = x * 1103515245u + 12345u;
            addr = tu_addr(cfg, (int)(x >> 8) % cfg->bankgroups, (int)(x >> 12) % cfg->banks_per_group,
                           (int)(x >> 16) % cfg->rows, (int)(x >> 4) % cfg->columns);
        } else {
            addr = (uint64_t)i * HBM_BURST_BYTES;
        }
        tu_push_retry(r, addr, 0, (uint32_t)i & 0xff, NULL, 0, 100000);
        tu_pop(r);
    }
    tu_drain(r, 1000000);
    ck_assert_int_eq(hbm_energy_of(cfg, hbm_model_stats(r->m), e), 0);
    tu_run_free(r);
}

/* The energy counters (hbm_bw_monitor, the RTL's registers) count what
 * the statistics count from the command stream: two ways to one figure. */
static void expect_counters_match_stats(const struct hbm_config *cfg, int writes)
{
    struct tu_run *r = tu_run_create(cfg);
    const struct hbm_bw_monitor *b;
    const struct hbm_stats *s;
    uint32_t x = 777;
    int i;

    for (i = 0; i < 3000; i++) {
        x = x * 1103515245u + 12345u;
        tu_push_retry(r, (uint64_t)(x >> 6) % (cfg->capacity_bytes / HBM_BURST_BYTES) * HBM_BURST_BYTES,
                      writes && (x >> 3) % 3 == 0, (uint32_t)i & 0x7f, NULL, 0xffffffffu, 100000);
        tu_pop(r);
        tu_pop(r);
    }
    tu_drain(r, 1000000);
    tu_ticks(r, 5000);   /* refreshes go on while idle */
    b = hbm_model_bwmon_state(r->m);
    s = hbm_model_stats(r->m);
    ck_assert_uint_eq(b->acts, s->acts);
    ck_assert_uint_eq(b->rds, s->col_reads);
    ck_assert_uint_eq(b->wrs, s->col_writes);
    ck_assert_uint_eq(b->refabs, s->refabs);
    ck_assert_uint_eq(b->refpbs, s->refpbs);
    ck_assert_uint_eq(b->active, hbm_stats_active_cycles(s));
    ck_assert_uint_gt(b->active, 0);
    ck_assert_uint_gt(b->refabs + b->refpbs, 0);
    tu_run_free(r);
}

START_TEST(test_energy_counters_count_what_the_statistics_count)
{
    struct hbm_config cfg;

    tu_load(&cfg, TU_PRESET);
    expect_counters_match_stats(&cfg, 1);
    cfg.page_policy = HBM_PAGE_OPEN;            /* banks left open, PRE on conflicts */
    cfg.refresh_mode = HBM_REFRESH_ALL_BANK;    /* PREA and REFAB */
    tu_finish(&cfg);
    expect_counters_match_stats(&cfg, 1);
    cfg.dfi_ratio = 2;                          /* two DRAM clocks a clock: phases */
    tu_finish(&cfg);
    expect_counters_match_stats(&cfg, 1);
}
END_TEST

START_TEST(test_random_reads_cost_more_per_bit_than_a_stream_through_activation)
{
    struct hbm_config cfg;
    struct hbm_energy st, rnd;

    tu_load(&cfg, TU_PRESET);
    run_reads(&cfg, 0, &st);
    run_reads(&cfg, 1, &rnd);
    ck_assert_msg(rnd.pj_per_bit > st.pj_per_bit, "random %.3f pJ/bit, stream %.3f", rnd.pj_per_bit,
                  st.pj_per_bit);
    ck_assert_msg(rnd.part_pj[HBM_ENERGY_ACTIVATE] / rnd.total_pj >
                  4 * st.part_pj[HBM_ENERGY_ACTIVATE] / st.total_pj,
                  "activation share random %.3f, stream %.3f", rnd.part_pj[HBM_ENERGY_ACTIVATE] / rnd.total_pj,
                  st.part_pj[HBM_ENERGY_ACTIVATE] / st.total_pj);
}
END_TEST

static Suite *energy_suite(void)
{
    Suite *s = suite_create("hbm_energy");
    TCase *t = tcase_create("core");

    tcase_add_checked_fixture(t, NULL, tu_run_free_all);
    tcase_add_test(t, test_each_command_costs_its_current_above_standby_over_its_time);
    tcase_add_test(t, test_a_hand_made_stream_adds_up_part_by_part);
    tcase_add_test(t, test_a_bank_is_active_from_its_act_until_the_last_bank_closes);
    tcase_add_test(t, test_tck_and_vdd_scale_every_part);
    tcase_add_test(t, test_without_a_power_section_energy_is_not_modelled);
    tcase_add_test(t, test_energy_counters_count_what_the_statistics_count);
    tcase_add_test(t, test_random_reads_cost_more_per_bit_than_a_stream_through_activation);
    tcase_set_timeout(t, 60);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(energy_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
