/*
 * check_timing.c - unit tests of the timing table (model/hbm_timing.h).
 *
 * Owns: every rule of docs/timing.md's table at its exact earliest cycle: a command
 * issued at T0 on a clean table makes the later command's earliest cycle
 * exactly T0 + delay, hbm_timing_ok says no one cycle before and yes at
 * it, and the rule holds for exactly the bank relations it is written
 * for (same bank, same bank group, other bank group).  Each test runs on
 * every preset in configs/ (loop index _i); every number comes from the
 * loaded config.  tFAW cannot bind on the presets (4 x tRRD_S >= tFAW),
 * so its tests widen tFAW in a private copy and say so.
 *
 * Run from the repository root: CK_FORK=no build/test/check_timing
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
#include "hbm_timing.h"

#define NPRESETS TU_NPRESETS

static struct hbm_config presets[TU_NPRESETS];

static void load_presets(void)
{
    tu_load_presets(presets);
}

#define T0 1000u

/* The table of config c, cleared. */
static void init(struct hbm_timing *t, const struct hbm_config *c)
{
    char err[HBM_ERR_MAX];
    ck_assert_msg(hbm_timing_init(t, c, err) == 0, "%s", err);
}

/* Banks by relation to bank A = (bg 0, ba 0). */
static int bank_a(const struct hbm_config *c) { return hbm_bank_index(c, 0, 0); }
static int bank_same_bg(const struct hbm_config *c) { return hbm_bank_index(c, 0, c->banks_per_group - 1); }
/* another group of bank_a's stack ID (every preset has two or more a stack ID) */
static int bank_other_bg(const struct hbm_config *c) { return hbm_bank_index(c, 1, 0); }
/* a bank of another stack ID than bank_a's, or -1 with one stack ID */
static int bank_other_sid(const struct hbm_config *c)
{
    return c->stack_ids > 1 ? hbm_bank_index(c, c->bankgroups - 1, 0) : -1;
}

/*
 * The rule's exact earliest cycle: hbm_timing_earliest is `at`, the
 * command is illegal at at - 1 and legal at at.
 */
static void expect_at(const struct hbm_timing *t, int code, int bank, uint64_t at, const char *rule)
{
    uint64_t e = hbm_timing_earliest(t, code, bank);
    ck_assert_msg(e == at, "%s: %s to bank %d earliest %llu, expected %llu", rule,
                  hbm_cmd_name(code), bank, (unsigned long long)e, (unsigned long long)at);
    ck_assert_msg(!hbm_timing_ok(t, code, bank, at - 1), "%s: %s to bank %d legal at %llu, one early",
                  rule, hbm_cmd_name(code), bank, (unsigned long long)(at - 1));
    ck_assert_msg(hbm_timing_ok(t, code, bank, at), "%s: %s to bank %d illegal at its earliest %llu",
                  rule, hbm_cmd_name(code), bank, (unsigned long long)at);
}

/* No rule applies: the command is legal in the cycle of the earlier one. */
static void expect_free(const struct hbm_timing *t, int code, int bank, const char *rule)
{
    ck_assert_msg(hbm_timing_earliest(t, code, bank) <= T0, "%s: %s to bank %d delayed to %llu", rule,
                  hbm_cmd_name(code), bank, (unsigned long long)hbm_timing_earliest(t, code, bank));
    ck_assert_msg(hbm_timing_ok(t, code, bank, T0), "%s: %s to bank %d not legal at T0", rule,
                  hbm_cmd_name(code), bank);
}

/* A table with one command issued at T0 to bank A. */
#define GIVEN(cmd)                                  \
    const struct hbm_config *c = &presets[_i];      \
    struct hbm_timing t;                            \
    int a = bank_a(c), g = bank_same_bg(c), o = bank_other_bg(c); \
    init(&t, c);                                    \
    (void)g;                                        \
    (void)o;                                        \
    hbm_timing_issue(&t, (cmd), a, T0)

/* ---- a clean table ----------------------------------------------------- */

START_TEST(test_fresh_table_allows_every_command_at_cycle_0)
{
    const struct hbm_config *c = &presets[_i];
    struct hbm_timing t;
    int code, b;

    init(&t, c);
    for (code = HBM_CMD_ACT; code < HBM_CMD_COUNT; code++)
        for (b = 0; b < c->banks; b++) {
            ck_assert_uint_eq(hbm_timing_earliest(&t, code, b), 0);
            ck_assert(hbm_timing_ok(&t, code, b, 0));
        }
}
END_TEST

/* ---- ACT -------------------------------------------------------------- */

START_TEST(test_act_to_act_same_bank_waits_trc)
{
    GIVEN(HBM_CMD_ACT);
    expect_at(&t, HBM_CMD_ACT, a, T0 + (uint64_t)c->trc, "tRC");
}
END_TEST

START_TEST(test_act_to_act_same_bank_group_waits_trrd_l)
{
    GIVEN(HBM_CMD_ACT);
    expect_at(&t, HBM_CMD_ACT, g, T0 + (uint64_t)c->trrd_l, "tRRD_L");
}
END_TEST

START_TEST(test_act_to_act_other_bank_group_waits_trrd_s)
{
    GIVEN(HBM_CMD_ACT);
    expect_at(&t, HBM_CMD_ACT, o, T0 + (uint64_t)c->trrd_s, "tRRD_S");
}
END_TEST

START_TEST(test_act_to_rd_same_bank_waits_trcdrd_and_delays_no_other_bank)
{
    GIVEN(HBM_CMD_ACT);
    expect_at(&t, HBM_CMD_RD, a, T0 + (uint64_t)c->trcdrd, "tRCDRD");
    expect_at(&t, HBM_CMD_RDA, a, T0 + (uint64_t)c->trcdrd, "tRCDRD");
    expect_free(&t, HBM_CMD_RD, g, "ACT->RD other bank");
    expect_free(&t, HBM_CMD_RD, o, "ACT->RD other bank group");
}
END_TEST

START_TEST(test_act_to_wr_same_bank_waits_trcdwr_and_delays_no_other_bank)
{
    GIVEN(HBM_CMD_ACT);
    expect_at(&t, HBM_CMD_WR, a, T0 + (uint64_t)c->trcdwr, "tRCDWR");
    expect_at(&t, HBM_CMD_WRA, a, T0 + (uint64_t)c->trcdwr, "tRCDWR");
    expect_free(&t, HBM_CMD_WR, g, "ACT->WR other bank");
    expect_free(&t, HBM_CMD_WR, o, "ACT->WR other bank group");
}
END_TEST

START_TEST(test_act_to_pre_same_bank_waits_tras)
{
    GIVEN(HBM_CMD_ACT);
    expect_at(&t, HBM_CMD_PRE, a, T0 + (uint64_t)c->tras, "tRAS");
}
END_TEST

START_TEST(test_act_holds_the_row_bus_for_two_clocks)
{
    GIVEN(HBM_CMD_ACT);
    /* PRE of another bank has no rule of its own: only the row bus. */
    expect_at(&t, HBM_CMD_PRE, g, T0 + 2, "ACT row bus");
    expect_at(&t, HBM_CMD_PRE, o, T0 + 2, "ACT row bus");
}
END_TEST

START_TEST(test_act_to_refpb_same_bank_waits_trc_other_bank_trrd_s)
{
    GIVEN(HBM_CMD_ACT);
    expect_at(&t, HBM_CMD_REFPB, a, T0 + (uint64_t)c->trc, "tRC");
    expect_at(&t, HBM_CMD_REFPB, g, T0 + (uint64_t)c->trrd_s, "tRRD_S");
    expect_at(&t, HBM_CMD_REFPB, o, T0 + (uint64_t)c->trrd_s, "tRRD_S");
}
END_TEST

START_TEST(test_act_to_refab_waits_trc_of_the_activated_bank)
{
    GIVEN(HBM_CMD_ACT);
    expect_at(&t, HBM_CMD_REFAB, 0, T0 + (uint64_t)c->trc, "tRC");
}
END_TEST

/*
 * tFAW cannot bind when 4 x tRRD_S >= tFAW (both presets): widen tFAW in
 * a private copy, to more than 5 x tRRD_S so that the window, not tRRD_S,
 * decides even when the first two ACTs are 2 x tRRD_S apart.
 */
static void widen_tfaw(struct hbm_config *w, const struct hbm_config *c)
{
    char err[HBM_ERR_MAX];
    *w = *c;
    w->tfaw = 6 * c->trrd_s + 5;
    ck_assert_msg(hbm_config_finish(w, err) == 0, "%s", err);
}

START_TEST(test_fifth_act_waits_tfaw_after_the_first)
{
    struct hbm_config w;
    struct hbm_timing t;
    int k;

    widen_tfaw(&w, &presets[_i]);
    init(&t, &w);
    /* Four ACTs tRRD_S apart, alternating bank groups 0 and 1. */
    for (k = 0; k < 4; k++)
        hbm_timing_issue(&t, HBM_CMD_ACT, hbm_bank_index(&w, k % 2, k / 2), T0 + (uint64_t)(k * w.trrd_s));
    /* The fifth, to bank group 2: tRRD_S alone would allow T0 + 4 tRRD_S. */
    expect_at(&t, HBM_CMD_ACT, hbm_bank_index(&w, 2, 0), T0 + (uint64_t)w.tfaw, "tFAW");
    /* The four-activate window does not hold other commands. */
    ck_assert_uint_eq(hbm_timing_earliest(&t, HBM_CMD_PRE, hbm_bank_index(&w, 2, 0)),
                      T0 + 3 * (uint64_t)w.trrd_s + 2);
}
END_TEST

START_TEST(test_only_the_last_four_acts_count_for_tfaw)
{
    struct hbm_config w;
    struct hbm_timing t;
    uint64_t at[5];
    int k;

    widen_tfaw(&w, &presets[_i]);
    init(&t, &w);
    /* ACTs at T0, T0 + 2, 3, 4 x tRRD_S, then the fifth at its earliest, T0 + tFAW. */
    for (k = 0; k < 5; k++) {
        at[k] = k == 0 ? T0 : k < 4 ? T0 + (uint64_t)((k + 1) * w.trrd_s) : T0 + (uint64_t)w.tfaw;
        if (k == 4)
            expect_at(&t, HBM_CMD_ACT, hbm_bank_index(&w, 0, 1), at[k], "tFAW");
        hbm_timing_issue(&t, HBM_CMD_ACT, hbm_bank_index(&w, k % w.bankgroups, k / w.bankgroups), at[k]);
    }
    /* The sixth waits tFAW after the second (tRRD_S after the fifth is earlier). */
    expect_at(&t, HBM_CMD_ACT, hbm_bank_index(&w, 1, 1), at[1] + (uint64_t)w.tfaw, "tFAW");
}
END_TEST

START_TEST(test_four_acts_never_wait_tfaw)
{
    struct hbm_config w;
    struct hbm_timing t;
    int k;

    widen_tfaw(&w, &presets[_i]);
    init(&t, &w);
    for (k = 0; k < 3; k++)
        hbm_timing_issue(&t, HBM_CMD_ACT, hbm_bank_index(&w, k, 0), T0 + (uint64_t)(k * w.trrd_s));
    expect_at(&t, HBM_CMD_ACT, hbm_bank_index(&w, 3, 0), T0 + 3 * (uint64_t)w.trrd_s, "tRRD_S");
}
END_TEST

/* ---- PRE, PREA ---------------------------------------------------------- */

START_TEST(test_pre_to_act_same_bank_waits_trp_and_delays_no_other_bank)
{
    GIVEN(HBM_CMD_PRE);
    expect_at(&t, HBM_CMD_ACT, a, T0 + (uint64_t)c->trp, "tRP");
    expect_free(&t, HBM_CMD_ACT, g, "PRE->ACT other bank");
    expect_free(&t, HBM_CMD_ACT, o, "PRE->ACT other bank group");
}
END_TEST

START_TEST(test_pre_to_refpb_same_bank_waits_trp)
{
    GIVEN(HBM_CMD_PRE);
    expect_at(&t, HBM_CMD_REFPB, a, T0 + (uint64_t)c->trp, "tRP");
    expect_free(&t, HBM_CMD_REFPB, o, "PRE->REFPB other bank");
}
END_TEST

/* tPPD: HBM3's 2 clocks; 1 on the HBM2 presets (the row bus's next clock). */
START_TEST(test_pre_to_pre_or_prea_of_any_bank_waits_tppd)
{
    GIVEN(HBM_CMD_PRE);
    expect_at(&t, HBM_CMD_PRE, g, T0 + (uint64_t)c->tppd, "tPPD");
    expect_at(&t, HBM_CMD_PRE, o, T0 + (uint64_t)c->tppd, "tPPD");
    expect_at(&t, HBM_CMD_PREA, a, T0 + (uint64_t)c->tppd, "tPPD");
}
END_TEST

START_TEST(test_prea_to_pre_waits_tppd)
{
    GIVEN(HBM_CMD_PREA);
    expect_at(&t, HBM_CMD_PRE, o, T0 + (uint64_t)c->tppd, "tPPD");
}
END_TEST

START_TEST(test_prea_to_act_waits_trp_on_every_bank)
{
    const struct hbm_config *c = &presets[_i];
    struct hbm_timing t;
    int b;

    init(&t, c);
    hbm_timing_issue(&t, HBM_CMD_PREA, 0, T0);
    for (b = 0; b < c->banks; b++) {
        expect_at(&t, HBM_CMD_ACT, b, T0 + (uint64_t)c->trp, "tRP after PREA");
        expect_at(&t, HBM_CMD_REFPB, b, T0 + (uint64_t)c->trp, "tRP after PREA");
    }
    expect_at(&t, HBM_CMD_REFAB, 0, T0 + (uint64_t)c->trp, "tRP after PREA");
}
END_TEST

START_TEST(test_prea_waits_for_the_latest_pre_class_of_any_bank)
{
    const struct hbm_config *c = &presets[_i];
    struct hbm_timing t;
    int last = c->banks - 1;

    init(&t, c);
    hbm_timing_issue(&t, HBM_CMD_ACT, 0, T0);
    hbm_timing_issue(&t, HBM_CMD_ACT, last, T0 + (uint64_t)c->trrd_s);
    /* Bank 0 may precharge at T0 + tRAS, the last bank only tRRD_S later. */
    expect_at(&t, HBM_CMD_PRE, 0, T0 + (uint64_t)c->tras, "tRAS");
    expect_at(&t, HBM_CMD_PREA, 0, T0 + (uint64_t)c->trrd_s + (uint64_t)c->tras, "tRAS (PREA)");
    /* PREA ignores the bank argument. */
    ck_assert_uint_eq(hbm_timing_earliest(&t, HBM_CMD_PREA, 0), hbm_timing_earliest(&t, HBM_CMD_PREA, last));
}
END_TEST

/* ---- RD, RDA ----------------------------------------------------------- */

/* HBM3's stack IDs: a column command to another stack ID waits tCCD_R, to
 * another group of the same one tCCD_S (with one stack ID: none is another). */
START_TEST(test_rd_to_rd_other_stack_id_waits_tccd_r)
{
    GIVEN(HBM_CMD_RD);
    int x = bank_other_sid(c);
    expect_at(&t, HBM_CMD_RD, o, T0 + (uint64_t)c->tccd_s, "tCCD_S");
    if (x >= 0) {
        expect_at(&t, HBM_CMD_RD, x, T0 + (uint64_t)c->tccd_r, "tCCD_R");
        expect_at(&t, HBM_CMD_RDA, x, T0 + (uint64_t)c->tccd_r, "tCCD_R");
        expect_free(&t, HBM_CMD_ACT, x, "RD->ACT other stack ID");
    }
}
END_TEST

START_TEST(test_wr_to_wr_other_stack_id_waits_tccd_r)
{
    GIVEN(HBM_CMD_WRA);
    int x = bank_other_sid(c);
    expect_at(&t, HBM_CMD_WR, o, T0 + (uint64_t)c->tccd_s, "tCCD_S");
    if (x >= 0)
        expect_at(&t, HBM_CMD_WR, x, T0 + (uint64_t)c->tccd_r, "tCCD_R");
}
END_TEST

START_TEST(test_rd_to_pre_same_bank_waits_trtp)
{
    GIVEN(HBM_CMD_RD);
    expect_at(&t, HBM_CMD_PRE, a, T0 + (uint64_t)c->trtp, "tRTP");
    expect_free(&t, HBM_CMD_PRE, g, "RD->PRE other bank");
}
END_TEST

START_TEST(test_rd_to_rd_same_bank_group_waits_tccd_l)
{
    GIVEN(HBM_CMD_RD);
    expect_at(&t, HBM_CMD_RD, a, T0 + (uint64_t)c->tccd_l, "tCCD_L");
    expect_at(&t, HBM_CMD_RD, g, T0 + (uint64_t)c->tccd_l, "tCCD_L");
    expect_at(&t, HBM_CMD_RDA, g, T0 + (uint64_t)c->tccd_l, "tCCD_L");
}
END_TEST

START_TEST(test_rd_to_rd_other_bank_group_waits_tccd_s)
{
    GIVEN(HBM_CMD_RD);
    expect_at(&t, HBM_CMD_RD, o, T0 + (uint64_t)c->tccd_s, "tCCD_S");
}
END_TEST

START_TEST(test_rd_to_wr_any_bank_waits_trtw)
{
    GIVEN(HBM_CMD_RD);
    expect_at(&t, HBM_CMD_WR, a, T0 + (uint64_t)c->trtw, "tRTW");
    expect_at(&t, HBM_CMD_WR, g, T0 + (uint64_t)c->trtw, "tRTW");
    expect_at(&t, HBM_CMD_WRA, o, T0 + (uint64_t)c->trtw, "tRTW");
}
END_TEST

START_TEST(test_rd_delays_no_row_command_of_another_bank)
{
    GIVEN(HBM_CMD_RD);
    expect_free(&t, HBM_CMD_ACT, o, "RD->ACT");
    expect_free(&t, HBM_CMD_ACT, g, "RD->ACT");
    expect_free(&t, HBM_CMD_REFPB, o, "RD->REFPB");
}
END_TEST

START_TEST(test_rda_to_act_same_bank_waits_trtp_plus_trp)
{
    GIVEN(HBM_CMD_RDA);
    expect_at(&t, HBM_CMD_ACT, a, T0 + (uint64_t)(c->trtp + c->trp), "tRTP + tRP");
    expect_at(&t, HBM_CMD_REFPB, a, T0 + (uint64_t)(c->trtp + c->trp), "tRTP + tRP");
    expect_free(&t, HBM_CMD_ACT, g, "RDA->ACT other bank");
}
END_TEST

START_TEST(test_rda_delays_later_column_commands_like_rd)
{
    GIVEN(HBM_CMD_RDA);
    expect_at(&t, HBM_CMD_RD, g, T0 + (uint64_t)c->tccd_l, "tCCD_L");
    expect_at(&t, HBM_CMD_RD, o, T0 + (uint64_t)c->tccd_s, "tCCD_S");
    expect_at(&t, HBM_CMD_WR, o, T0 + (uint64_t)c->trtw, "tRTW");
}
END_TEST

/* ---- WR, WRA ----------------------------------------------------------- */

START_TEST(test_wr_to_pre_same_bank_waits_wl_tburst_twr)
{
    GIVEN(HBM_CMD_WR);
    expect_at(&t, HBM_CMD_PRE, a, T0 + (uint64_t)(c->wl + c->tburst + c->twr), "WL + tBURST + tWR");
    expect_free(&t, HBM_CMD_PRE, g, "WR->PRE other bank");
}
END_TEST

START_TEST(test_wr_to_wr_same_bank_group_waits_tccd_l)
{
    GIVEN(HBM_CMD_WR);
    expect_at(&t, HBM_CMD_WR, a, T0 + (uint64_t)c->tccd_l, "tCCD_L");
    expect_at(&t, HBM_CMD_WR, g, T0 + (uint64_t)c->tccd_l, "tCCD_L");
    expect_at(&t, HBM_CMD_WRA, g, T0 + (uint64_t)c->tccd_l, "tCCD_L");
}
END_TEST

START_TEST(test_wr_to_wr_other_bank_group_waits_tccd_s)
{
    GIVEN(HBM_CMD_WR);
    expect_at(&t, HBM_CMD_WR, o, T0 + (uint64_t)c->tccd_s, "tCCD_S");
}
END_TEST

START_TEST(test_wr_to_rd_same_bank_group_waits_wl_tburst_twtr_l)
{
    GIVEN(HBM_CMD_WR);
    expect_at(&t, HBM_CMD_RD, a, T0 + (uint64_t)(c->wl + c->tburst + c->twtr_l), "WL + tBURST + tWTR_L");
    expect_at(&t, HBM_CMD_RD, g, T0 + (uint64_t)(c->wl + c->tburst + c->twtr_l), "WL + tBURST + tWTR_L");
}
END_TEST

START_TEST(test_wr_to_rd_other_bank_group_waits_wl_tburst_twtr_s)
{
    GIVEN(HBM_CMD_WR);
    expect_at(&t, HBM_CMD_RD, o, T0 + (uint64_t)(c->wl + c->tburst + c->twtr_s), "WL + tBURST + tWTR_S");
    expect_at(&t, HBM_CMD_RDA, o, T0 + (uint64_t)(c->wl + c->tburst + c->twtr_s), "WL + tBURST + tWTR_S");
}
END_TEST

START_TEST(test_wra_to_act_same_bank_waits_write_recovery_plus_trp)
{
    GIVEN(HBM_CMD_WRA);
    expect_at(&t, HBM_CMD_ACT, a, T0 + (uint64_t)(c->wl + c->tburst + c->twr + c->trp),
              "WL + tBURST + tWR + tRP");
    expect_at(&t, HBM_CMD_REFPB, a, T0 + (uint64_t)(c->wl + c->tburst + c->twr + c->trp),
              "WL + tBURST + tWR + tRP");
    expect_free(&t, HBM_CMD_ACT, o, "WRA->ACT other bank");
}
END_TEST

START_TEST(test_wra_delays_later_column_commands_like_wr)
{
    GIVEN(HBM_CMD_WRA);
    expect_at(&t, HBM_CMD_WR, g, T0 + (uint64_t)c->tccd_l, "tCCD_L");
    expect_at(&t, HBM_CMD_WR, o, T0 + (uint64_t)c->tccd_s, "tCCD_S");
    expect_at(&t, HBM_CMD_RD, g, T0 + (uint64_t)(c->wl + c->tburst + c->twtr_l), "WL + tBURST + tWTR_L");
    expect_at(&t, HBM_CMD_RD, o, T0 + (uint64_t)(c->wl + c->tburst + c->twtr_s), "WL + tBURST + tWTR_S");
}
END_TEST

/* ---- refresh ------------------------------------------------------------ */

START_TEST(test_refpb_to_act_same_bank_waits_trfcpb)
{
    GIVEN(HBM_CMD_REFPB);
    expect_at(&t, HBM_CMD_ACT, a, T0 + (uint64_t)c->trfcpb, "tRFCpb");
}
END_TEST

START_TEST(test_refpb_to_act_other_bank_waits_trrefd)
{
    GIVEN(HBM_CMD_REFPB);
    expect_at(&t, HBM_CMD_ACT, g, T0 + (uint64_t)c->trrefd, "tRREFD");
    expect_at(&t, HBM_CMD_ACT, o, T0 + (uint64_t)c->trrefd, "tRREFD");
}
END_TEST

START_TEST(test_refpb_to_refpb_same_bank_trfcpb_other_bank_trrefd)
{
    GIVEN(HBM_CMD_REFPB);
    expect_at(&t, HBM_CMD_REFPB, a, T0 + (uint64_t)c->trfcpb, "tRFCpb");
    expect_at(&t, HBM_CMD_REFPB, g, T0 + (uint64_t)c->trrefd, "tRREFD");
    expect_at(&t, HBM_CMD_REFPB, o, T0 + (uint64_t)c->trrefd, "tRREFD");
}
END_TEST

START_TEST(test_refpb_delays_no_column_command)
{
    GIVEN(HBM_CMD_REFPB);
    expect_free(&t, HBM_CMD_RD, o, "REFPB->RD");
    expect_free(&t, HBM_CMD_WR, g, "REFPB->WR");
    expect_free(&t, HBM_CMD_PRE, o, "REFPB->PRE");
}
END_TEST

START_TEST(test_refab_to_act_waits_trfc_on_every_bank)
{
    const struct hbm_config *c = &presets[_i];
    struct hbm_timing t;
    int b;

    init(&t, c);
    hbm_timing_issue(&t, HBM_CMD_REFAB, 0, T0);
    for (b = 0; b < c->banks; b++) {
        expect_at(&t, HBM_CMD_ACT, b, T0 + (uint64_t)c->trfc, "tRFC");
        expect_at(&t, HBM_CMD_REFPB, b, T0 + (uint64_t)c->trfc, "tRFC");
    }
    expect_at(&t, HBM_CMD_REFAB, 0, T0 + (uint64_t)c->trfc, "tRFC");
}
END_TEST

START_TEST(test_refab_waits_for_the_latest_ref_class_of_any_bank)
{
    const struct hbm_config *c = &presets[_i];
    struct hbm_timing t;
    int last = c->banks - 1;

    init(&t, c);
    hbm_timing_issue(&t, HBM_CMD_REFPB, last, T0);
    /* Every other bank is free after tRREFD; the refreshed one after tRFCpb. */
    expect_at(&t, HBM_CMD_REFPB, 0, T0 + (uint64_t)c->trrefd, "tRREFD");
    expect_at(&t, HBM_CMD_REFAB, 0, T0 + (uint64_t)c->trfcpb, "tRFCpb (REFAB)");
}
END_TEST

START_TEST(test_refab_waits_trp_trtp_trp_and_twr_trp_after_pre_rda_wra_of_any_bank)
{
    const struct hbm_config *c = &presets[_i];
    struct hbm_timing t;
    int last = c->banks - 1;

    init(&t, c);
    hbm_timing_issue(&t, HBM_CMD_PRE, last, T0);
    expect_at(&t, HBM_CMD_REFAB, 0, T0 + (uint64_t)c->trp, "tRP (REFAB)");
    init(&t, c);
    hbm_timing_issue(&t, HBM_CMD_RDA, last, T0);
    expect_at(&t, HBM_CMD_REFAB, 0, T0 + (uint64_t)(c->trtp + c->trp), "tRTP+tRP (REFAB)");
    init(&t, c);
    hbm_timing_issue(&t, HBM_CMD_WRA, last, T0);
    expect_at(&t, HBM_CMD_REFAB, 0, T0 + (uint64_t)(c->wl + c->tburst + c->twr + c->trp), "tWR+tRP (REFAB)");
}
END_TEST

START_TEST(test_prea_waits_trtp_after_rd_and_write_recovery_after_wr_of_any_bank)
{
    const struct hbm_config *c = &presets[_i];
    struct hbm_timing t;
    int last = c->banks - 1;

    init(&t, c);
    hbm_timing_issue(&t, HBM_CMD_RD, last, T0);
    expect_at(&t, HBM_CMD_PREA, 0, T0 + (uint64_t)c->trtp, "tRTP (PREA)");
    init(&t, c);
    hbm_timing_issue(&t, HBM_CMD_WR, last, T0);
    expect_at(&t, HBM_CMD_PREA, 0, T0 + (uint64_t)(c->wl + c->tburst + c->twr), "tWR (PREA)");
}
END_TEST

/* ---- how rules combine --------------------------------------------------- */

START_TEST(test_later_command_with_shorter_delay_does_not_lower_earliest)
{
    GIVEN(HBM_CMD_REFPB);
    /* PRE to the same bank one cycle later would allow ACT at T0 + 1 + tRP. */
    hbm_timing_issue(&t, HBM_CMD_PRE, a, T0 + 1);
    expect_at(&t, HBM_CMD_ACT, a, T0 + (uint64_t)c->trfcpb, "tRFCpb");
}
END_TEST

START_TEST(test_bank_rd_waits_for_the_latest_of_bank_group_and_channel_levels)
{
    GIVEN(HBM_CMD_ACT);
    ck_assert_msg(c->tccd_l >= 2, "%s: needs tCCD_L >= 2 to separate the levels", c->source);
    /* A RD to the same bank group later than tRCDRD - tCCD_L pushes bank A's RD past tRCDRD. */
    hbm_timing_issue(&t, HBM_CMD_RD, g, T0 + (uint64_t)c->trcdrd - 1);
    expect_at(&t, HBM_CMD_RD, a, T0 + (uint64_t)c->trcdrd - 1 + (uint64_t)c->tccd_l, "tCCD_L over tRCDRD");
    /* A RD to another group only needs tCCD_S. */
    expect_at(&t, HBM_CMD_RD, o, T0 + (uint64_t)c->trcdrd - 1 + (uint64_t)c->tccd_s, "tCCD_S");
}
END_TEST

/* ---- limits ------------------------------------------------------------- */

START_TEST(test_last_bank_has_its_own_bank_group)
{
    const struct hbm_config *c = &presets[_i];
    struct hbm_timing t;
    int last = c->banks - 1;

    init(&t, c);
    hbm_timing_issue(&t, HBM_CMD_RD, last, T0);
    expect_at(&t, HBM_CMD_RD, last - 1, T0 + (uint64_t)c->tccd_l, "tCCD_L");
    expect_at(&t, HBM_CMD_RD, last - c->banks_per_group, T0 + (uint64_t)c->tccd_s, "tCCD_S");
}
END_TEST

START_TEST(test_cycles_beyond_32_bits_do_not_wrap)
{
    const struct hbm_config *c = &presets[_i];
    struct hbm_timing t;
    uint64_t big = (uint64_t)1 << 40;

    init(&t, c);
    hbm_timing_issue(&t, HBM_CMD_REFAB, 0, big);
    ck_assert_uint_eq(hbm_timing_earliest(&t, HBM_CMD_ACT, 3), big + (uint64_t)c->trfc);
    ck_assert(!hbm_timing_ok(&t, HBM_CMD_ACT, 3, big + (uint64_t)c->trfc - 1));
}
END_TEST

START_TEST(test_init_rejects_tccd_l_below_tccd_s)
{
    struct hbm_config w = presets[_i];
    struct hbm_timing t;
    char err[HBM_ERR_MAX] = "";

    /* hbm_config_finish refuses this; the table checks its own level order too. */
    w.tccd_s = w.tccd_l + 1;
    ck_assert_int_eq(hbm_timing_init(&t, &w, err), -1);
    ck_assert_msg(strstr(err, "RD") != NULL, "message does not name the command: %s", err);
}
END_TEST

START_TEST(test_init_rejects_twtr_l_below_twtr_s)
{
    struct hbm_config w = presets[_i];
    struct hbm_timing t;
    char err[HBM_ERR_MAX] = "";

    w.twtr_s = w.twtr_l + 1;
    ck_assert_int_eq(hbm_timing_init(&t, &w, err), -1);
    ck_assert_msg(strstr(err, "WR") != NULL, "message does not name the command: %s", err);
}
END_TEST

static Suite *timing_suite(void)
{
    Suite *s = suite_create("hbm_timing");
    TCase *core = tcase_create("core");
    TCase *limits = tcase_create("limits");

    tcase_add_checked_fixture(core, load_presets, NULL);
    tcase_add_checked_fixture(limits, load_presets, NULL);

#define ADD(tc, fn) tcase_add_loop_test(tc, fn, 0, NPRESETS)
    ADD(core, test_fresh_table_allows_every_command_at_cycle_0);
    ADD(core, test_act_to_act_same_bank_waits_trc);
    ADD(core, test_act_to_act_same_bank_group_waits_trrd_l);
    ADD(core, test_act_to_act_other_bank_group_waits_trrd_s);
    ADD(core, test_act_to_rd_same_bank_waits_trcdrd_and_delays_no_other_bank);
    ADD(core, test_act_to_wr_same_bank_waits_trcdwr_and_delays_no_other_bank);
    ADD(core, test_act_to_pre_same_bank_waits_tras);
    ADD(core, test_act_holds_the_row_bus_for_two_clocks);
    ADD(core, test_act_to_refpb_same_bank_waits_trc_other_bank_trrd_s);
    ADD(core, test_act_to_refab_waits_trc_of_the_activated_bank);
    ADD(core, test_fifth_act_waits_tfaw_after_the_first);
    ADD(core, test_only_the_last_four_acts_count_for_tfaw);
    ADD(core, test_four_acts_never_wait_tfaw);
    ADD(core, test_pre_to_act_same_bank_waits_trp_and_delays_no_other_bank);
    ADD(core, test_pre_to_refpb_same_bank_waits_trp);
    ADD(core, test_pre_to_pre_or_prea_of_any_bank_waits_tppd);
    ADD(core, test_rd_to_rd_other_stack_id_waits_tccd_r);
    ADD(core, test_wr_to_wr_other_stack_id_waits_tccd_r);
    ADD(core, test_prea_to_pre_waits_tppd);
    ADD(core, test_prea_to_act_waits_trp_on_every_bank);
    ADD(core, test_prea_waits_for_the_latest_pre_class_of_any_bank);
    ADD(core, test_rd_to_pre_same_bank_waits_trtp);
    ADD(core, test_rd_to_rd_same_bank_group_waits_tccd_l);
    ADD(core, test_rd_to_rd_other_bank_group_waits_tccd_s);
    ADD(core, test_rd_to_wr_any_bank_waits_trtw);
    ADD(core, test_rd_delays_no_row_command_of_another_bank);
    ADD(core, test_rda_to_act_same_bank_waits_trtp_plus_trp);
    ADD(core, test_rda_delays_later_column_commands_like_rd);
    ADD(core, test_wr_to_pre_same_bank_waits_wl_tburst_twr);
    ADD(core, test_wr_to_wr_same_bank_group_waits_tccd_l);
    ADD(core, test_wr_to_wr_other_bank_group_waits_tccd_s);
    ADD(core, test_wr_to_rd_same_bank_group_waits_wl_tburst_twtr_l);
    ADD(core, test_wr_to_rd_other_bank_group_waits_wl_tburst_twtr_s);
    ADD(core, test_wra_to_act_same_bank_waits_write_recovery_plus_trp);
    ADD(core, test_wra_delays_later_column_commands_like_wr);
    ADD(core, test_refpb_to_act_same_bank_waits_trfcpb);
    ADD(core, test_refpb_to_act_other_bank_waits_trrefd);
    ADD(core, test_refpb_to_refpb_same_bank_trfcpb_other_bank_trrefd);
    ADD(core, test_refpb_delays_no_column_command);
    ADD(core, test_refab_to_act_waits_trfc_on_every_bank);
    ADD(core, test_refab_waits_for_the_latest_ref_class_of_any_bank);
    ADD(core, test_refab_waits_trp_trtp_trp_and_twr_trp_after_pre_rda_wra_of_any_bank);
    ADD(core, test_prea_waits_trtp_after_rd_and_write_recovery_after_wr_of_any_bank);
    ADD(core, test_later_command_with_shorter_delay_does_not_lower_earliest);
    ADD(core, test_bank_rd_waits_for_the_latest_of_bank_group_and_channel_levels);

    ADD(limits, test_last_bank_has_its_own_bank_group);
    ADD(limits, test_cycles_beyond_32_bits_do_not_wrap);
    ADD(limits, test_init_rejects_tccd_l_below_tccd_s);
    ADD(limits, test_init_rejects_twtr_l_below_twtr_s);
#undef ADD

    suite_add_tcase(s, core);
    suite_add_tcase(s, limits);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(timing_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
