/*
 * check_check.c - unit tests of the independent stream checker (hbm_check).
 *
 * Owns: one hand-made stream per rule of docs/timing.md that breaks that
 * rule exactly once, and the same stream with the offending command at
 * its earliest legal cycle, which must be clean; plus a long legal
 * stream, the refresh-rate and refresh-fairness rules, and the data-bus
 * rules' agreement with the presets.  Every test runs on every preset in
 * configs/ (a loop test, _i = preset index); every number comes from the
 * loaded config.  Where a preset cannot show a rule on its own (on both
 * presets 4 x tRRD already exceeds tFAW, and tCCD_S = tBURST), the
 * builder widens one value of its private copy and says so.  Each
 * builder first asserts (NEED) what the stream relies on, so a new
 * preset that breaks an assumption fails loudly instead of silently.
 *
 * Run from the repository root: CK_FORK=no build/test/check_check
 */
#include <check.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hbm_check.h"
#include "hbm_cmd.h"
#include "hbm_config.h"
#include "hbm_stats.h"
#include "hbm_test_util.h"

#define NPRESETS TU_NPRESETS

/* Loaded before every test by the checked fixture; read-only in tests. */
static struct hbm_config presets[TU_NPRESETS];

static void load_presets(void)
{
    tu_load_presets(presets);
}

/* ---- building streams ----------------------------------------------- */

#define T0 1000u  /* first cycle of every hand-made stream */
#define ROW 7
#define COL 3
#define MAXCMDS 64

struct stream {
    struct hbm_cmd c[MAXCMDS];
    int n;
};

static void add(struct stream *s, uint64_t t, int code, int bg, int ba,
                int row, int col)
{
    struct hbm_cmd *c;

    ck_assert_int_lt(s->n, MAXCMDS);
    c = &s->c[s->n++];
    memset(c, 0, sizeof *c);
    c->cycle = t;
    c->code = code;
    c->bg = bg;
    c->ba = ba;
    c->row = row;
    c->col = col;
}

static void act(struct stream *s, uint64_t t, int bg, int ba) { add(s, t, HBM_CMD_ACT, bg, ba, ROW, 0); }
static void pre(struct stream *s, uint64_t t, int bg, int ba) { add(s, t, HBM_CMD_PRE, bg, ba, 0, 0); }
static void prea(struct stream *s, uint64_t t) { add(s, t, HBM_CMD_PREA, 0, 0, 0, 0); }
static void refab(struct stream *s, uint64_t t) { add(s, t, HBM_CMD_REFAB, 0, 0, 0, 0); }
static void refpb(struct stream *s, uint64_t t, int bg, int ba) { add(s, t, HBM_CMD_REFPB, bg, ba, 0, 0); }
static void rd(struct stream *s, uint64_t t, int bg, int ba) { add(s, t, HBM_CMD_RD, bg, ba, 0, COL); }
static void rda(struct stream *s, uint64_t t, int bg, int ba) { add(s, t, HBM_CMD_RDA, bg, ba, 0, COL); }
static void wr(struct stream *s, uint64_t t, int bg, int ba) { add(s, t, HBM_CMD_WR, bg, ba, 0, COL); }
static void wra(struct stream *s, uint64_t t, int bg, int ba) { add(s, t, HBM_CMD_WRA, bg, ba, 0, COL); }

static int imax(int a, int b) { return a > b ? a : b; }

/* What a stream relies on in the preset; fails the test if it does not hold. */
#define NEED(cond) \
    ck_assert_msg((cond), "%s cannot isolate this rule: needs %s", c->source, #cond)

/* Feed a stream; the per-command counts must add up to the total. */
static hbm_check *feed(const struct hbm_config *cfg, const struct hbm_cmd *cmds, int n)
{
    char err[HBM_ERR_MAX];
    hbm_check *chk = hbm_check_create(cfg, err);
    uint64_t sum = 0;
    int i;

    ck_assert_msg(chk != NULL, "%s", err);
    for (i = 0; i < n; i++) {
        int v = hbm_check_command(chk, &cmds[i]);
        ck_assert_int_ge(v, 0);
        sum += (uint64_t)v;
    }
    ck_assert_uint_eq(sum, hbm_check_violations(chk));
    return chk;
}

/*
 * A builder writes its stream for config c (a private copy it may widen);
 * legal = 0 puts the last command one cycle too early, legal = 1 at the
 * earliest legal cycle.
 */
typedef void (*builder_fn)(struct hbm_config *c, int legal, struct stream *s);

static void expect_stream(builder_fn build, int preset, int legal, const char *rule)
{
    struct hbm_config c = presets[preset];
    struct stream s;
    hbm_check *chk;

    s.n = 0;
    build(&c, legal, &s);
    chk = feed(&c, s.c, s.n);
    if (legal) {
        ck_assert_msg(hbm_check_violations(chk) == 0,
                      "%s: expected a legal stream, got %" PRIu64 " violations, last: %s",
                      c.source, hbm_check_violations(chk), hbm_check_last_message(chk));
        ck_assert_int_eq(hbm_check_finish(chk, s.c[s.n - 1].cycle + 1), 0);
        ck_assert_str_eq(hbm_check_last_rule(chk), "");
    } else {
        ck_assert_msg(hbm_check_violations(chk) == 1,
                      "%s: expected exactly one %s, got %" PRIu64 ", last: %s",
                      c.source, rule, hbm_check_violations(chk),
                      hbm_check_last_message(chk));
        ck_assert_str_eq(hbm_check_last_rule(chk), rule);
    }
    hbm_check_free(chk);
}

/* A pair of tests: the stream caught (exactly one `rule`), then legal. */
#define RULE_PAIR(caught, legal, builder, rule) \
    START_TEST(caught) { expect_stream(builder, _i, 0, rule); } END_TEST \
    START_TEST(legal) { expect_stream(builder, _i, 1, rule); } END_TEST

/* ---- same bank ------------------------------------------------------- */

/* tRC = tRAS + tRP on the presets, so close the row with RDA, not PRE. */
static void b_act_act_trc(struct hbm_config *c, int legal, struct stream *s)
{
    NEED(c->trcdrd + c->trtp + c->trp <= c->trc - 1);
    act(s, T0, 0, 0);
    rda(s, T0 + c->trcdrd, 0, 0);
    act(s, T0 + c->trc - 1 + legal, 0, 0);
}
RULE_PAIR(test_act_after_act_same_bank_before_trc_is_caught,
          test_act_after_act_same_bank_at_trc_is_legal, b_act_act_trc, "tRC")

static void b_act_refpb_trc(struct hbm_config *c, int legal, struct stream *s)
{
    NEED(c->trcdrd + c->trtp + c->trp <= c->trc - 1);
    act(s, T0, 2, 1);
    rda(s, T0 + c->trcdrd, 2, 1);
    refpb(s, T0 + c->trc - 1 + legal, 2, 1);
}
RULE_PAIR(test_refpb_after_act_same_bank_before_trc_is_caught,
          test_refpb_after_act_same_bank_at_trc_is_legal, b_act_refpb_trc, "tRC")

static void b_act_refab_trc(struct hbm_config *c, int legal, struct stream *s)
{
    NEED(c->trcdrd + c->trtp + c->trp <= c->trc - 1);
    act(s, T0, 1, 2);
    rda(s, T0 + c->trcdrd, 1, 2);
    refab(s, T0 + c->trc - 1 + legal);
}
RULE_PAIR(test_refab_after_act_of_any_bank_before_trc_is_caught,
          test_refab_after_act_of_any_bank_at_trc_is_legal, b_act_refab_trc, "tRC")

static void b_trcdrd(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 0, 0);
    rd(s, T0 + c->trcdrd - 1 + legal, 0, 0);
}
RULE_PAIR(test_rd_after_act_before_trcdrd_is_caught,
          test_rd_after_act_at_trcdrd_is_legal, b_trcdrd, "tRCDRD")

static void b_trcdrd_rda(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 3, 2);
    rda(s, T0 + c->trcdrd - 1 + legal, 3, 2);
}
RULE_PAIR(test_rda_after_act_before_trcdrd_is_caught,
          test_rda_after_act_at_trcdrd_is_legal, b_trcdrd_rda, "tRCDRD")

static void b_trcdwr(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 0, 0);
    wr(s, T0 + c->trcdwr - 1 + legal, 0, 0);
}
RULE_PAIR(test_wr_after_act_before_trcdwr_is_caught,
          test_wr_after_act_at_trcdwr_is_legal, b_trcdwr, "tRCDWR")

static void b_trcdwr_wra(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 1, 3);
    wra(s, T0 + c->trcdwr - 1 + legal, 1, 3);
}
RULE_PAIR(test_wra_after_act_before_trcdwr_is_caught,
          test_wra_after_act_at_trcdwr_is_legal, b_trcdwr_wra, "tRCDWR")

static void b_tras_pre(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 0, 0);
    pre(s, T0 + c->tras - 1 + legal, 0, 0);
}
RULE_PAIR(test_pre_after_act_before_tras_is_caught,
          test_pre_after_act_at_tras_is_legal, b_tras_pre, "tRAS")

/* PREA must wait tRAS after the ACT of every open bank: the latest binds. */
static void b_tras_prea(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 0, 0);
    act(s, T0 + c->trrd_s, 1, 0);
    prea(s, T0 + c->trrd_s + c->tras - 1 + legal);
}
RULE_PAIR(test_prea_before_tras_of_latest_open_bank_is_caught,
          test_prea_at_tras_of_latest_open_bank_is_legal, b_tras_prea, "tRAS")

/* A bank closed by RDA is not open any more: its ACT does not bind PREA. */
static void b_prea_closed_bank(struct hbm_config *c, int legal, struct stream *s)
{
    NEED(c->tras - c->trrd_s - c->trcdrd >= c->trtp);
    act(s, T0, 0, 0);
    act(s, T0 + c->trrd_s, 1, 0);
    if (legal)
        rda(s, T0 + c->trrd_s + c->trcdrd, 1, 0);
    else
        rd(s, T0 + c->trrd_s + c->trcdrd, 1, 0);
    prea(s, T0 + c->tras);
}
RULE_PAIR(test_prea_checks_tras_of_bank_left_open_by_rd_is_caught,
          test_prea_skips_tras_of_bank_closed_by_rda_is_legal,
          b_prea_closed_bank, "tRAS")

/* PRE late enough that tRC does not bind the next ACT. */
static void b_trp_act(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 0, 0);
    pre(s, T0 + c->trc, 0, 0);
    act(s, T0 + c->trc + c->trp - 1 + legal, 0, 0);
}
RULE_PAIR(test_act_after_pre_before_trp_is_caught,
          test_act_after_pre_at_trp_is_legal, b_trp_act, "tRP")

static void b_trp_prea_act(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 0, 0);
    prea(s, T0 + c->trc);
    act(s, T0 + c->trc + c->trp - 1 + legal, 2, 1);
}
RULE_PAIR(test_act_of_any_bank_after_prea_before_trp_is_caught,
          test_act_of_any_bank_after_prea_at_trp_is_legal, b_trp_prea_act, "tRP")

static void b_trp_refpb(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 0, 0);
    pre(s, T0 + c->trc, 0, 0);
    refpb(s, T0 + c->trc + c->trp - 1 + legal, 0, 0);
}
RULE_PAIR(test_refpb_after_pre_before_trp_is_caught,
          test_refpb_after_pre_at_trp_is_legal, b_trp_refpb, "tRP")

static void b_trp_prea_refpb(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 0, 0);
    prea(s, T0 + c->trc);
    refpb(s, T0 + c->trc + c->trp - 1 + legal, 0, 0);
}
RULE_PAIR(test_refpb_after_prea_before_trp_is_caught,
          test_refpb_after_prea_at_trp_is_legal, b_trp_prea_refpb, "tRP")

static void b_trp_refab(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 1, 1);
    pre(s, T0 + c->trc, 1, 1);
    refab(s, T0 + c->trc + c->trp - 1 + legal);
}
RULE_PAIR(test_refab_after_pre_before_trp_is_caught,
          test_refab_after_pre_at_trp_is_legal, b_trp_refab, "tRP")

static void b_trp_prea_refab(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 1, 1);
    prea(s, T0 + c->trc);
    refab(s, T0 + c->trc + c->trp - 1 + legal);
}
RULE_PAIR(test_refab_after_prea_before_trp_is_caught,
          test_refab_after_prea_at_trp_is_legal, b_trp_prea_refab, "tRP")

/* The read comes at tRAS so that tRAS does not bind the PRE. */
static void b_trtp_pre(struct hbm_config *c, int legal, struct stream *s)
{
    NEED(c->tras >= c->trcdrd);
    act(s, T0, 0, 0);
    rd(s, T0 + c->tras, 0, 0);
    pre(s, T0 + c->tras + c->trtp - 1 + legal, 0, 0);
}
RULE_PAIR(test_pre_after_rd_before_trtp_is_caught,
          test_pre_after_rd_at_trtp_is_legal, b_trtp_pre, "tRTP")

static void b_trtp_prea(struct hbm_config *c, int legal, struct stream *s)
{
    NEED(c->tras >= c->trcdrd);
    act(s, T0, 2, 2);
    rd(s, T0 + c->tras, 2, 2);
    prea(s, T0 + c->tras + c->trtp - 1 + legal);
}
RULE_PAIR(test_prea_after_rd_of_any_bank_before_trtp_is_caught,
          test_prea_after_rd_of_any_bank_at_trtp_is_legal, b_trtp_prea, "tRTP")

static void b_twr_pre(struct hbm_config *c, int legal, struct stream *s)
{
    NEED(c->tras >= c->trcdwr);
    act(s, T0, 0, 0);
    wr(s, T0 + c->tras, 0, 0);
    pre(s, T0 + c->tras + c->wl + c->tburst + c->twr - 1 + legal, 0, 0);
}
RULE_PAIR(test_pre_after_wr_before_wl_tburst_twr_is_caught,
          test_pre_after_wr_at_wl_tburst_twr_is_legal, b_twr_pre, "tWR")

static void b_twr_prea(struct hbm_config *c, int legal, struct stream *s)
{
    NEED(c->tras >= c->trcdwr);
    act(s, T0, 3, 0);
    wr(s, T0 + c->tras, 3, 0);
    prea(s, T0 + c->tras + c->wl + c->tburst + c->twr - 1 + legal);
}
RULE_PAIR(test_prea_after_wr_of_any_bank_before_twr_is_caught,
          test_prea_after_wr_of_any_bank_at_twr_is_legal, b_twr_prea, "tWR")

/* The RDA/WRA comes at tRC so that tRC does not bind the next ACT. */
static void b_rda_act(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 0, 0);
    rda(s, T0 + c->trc, 0, 0);
    act(s, T0 + c->trc + c->trtp + c->trp - 1 + legal, 0, 0);
}
RULE_PAIR(test_act_after_rda_before_trtp_plus_trp_is_caught,
          test_act_after_rda_at_trtp_plus_trp_is_legal, b_rda_act, "tRTP+tRP")

static void b_rda_refpb(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 0, 3);
    rda(s, T0 + c->trc, 0, 3);
    refpb(s, T0 + c->trc + c->trtp + c->trp - 1 + legal, 0, 3);
}
RULE_PAIR(test_refpb_after_rda_before_trtp_plus_trp_is_caught,
          test_refpb_after_rda_at_trtp_plus_trp_is_legal, b_rda_refpb, "tRTP+tRP")

static void b_rda_refab(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 2, 0);
    rda(s, T0 + c->trc, 2, 0);
    refab(s, T0 + c->trc + c->trtp + c->trp - 1 + legal);
}
RULE_PAIR(test_refab_after_rda_before_trtp_plus_trp_is_caught,
          test_refab_after_rda_at_trtp_plus_trp_is_legal, b_rda_refab, "tRTP+tRP")

static void b_wra_act(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 0, 0);
    wra(s, T0 + c->trc, 0, 0);
    act(s, T0 + c->trc + c->wl + c->tburst + c->twr + c->trp - 1 + legal, 0, 0);
}
RULE_PAIR(test_act_after_wra_before_twr_plus_trp_is_caught,
          test_act_after_wra_at_twr_plus_trp_is_legal, b_wra_act, "tWR+tRP")

static void b_wra_refpb(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 1, 1);
    wra(s, T0 + c->trc, 1, 1);
    refpb(s, T0 + c->trc + c->wl + c->tburst + c->twr + c->trp - 1 + legal, 1, 1);
}
RULE_PAIR(test_refpb_after_wra_before_twr_plus_trp_is_caught,
          test_refpb_after_wra_at_twr_plus_trp_is_legal, b_wra_refpb, "tWR+tRP")

static void b_wra_refab(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 3, 3);
    wra(s, T0 + c->trc, 3, 3);
    refab(s, T0 + c->trc + c->wl + c->tburst + c->twr + c->trp - 1 + legal);
}
RULE_PAIR(test_refab_after_wra_before_twr_plus_trp_is_caught,
          test_refab_after_wra_at_twr_plus_trp_is_legal, b_wra_refab, "tWR+tRP")

static void b_trfcpb_act(struct hbm_config *c, int legal, struct stream *s)
{
    refpb(s, T0, 0, 0);
    act(s, T0 + c->trfcpb - 1 + legal, 0, 0);
}
RULE_PAIR(test_act_after_refpb_same_bank_before_trfcpb_is_caught,
          test_act_after_refpb_same_bank_at_trfcpb_is_legal, b_trfcpb_act, "tRFCpb")

/* The other banks get their REFPB in between, so the round stays fair. */
static void b_trfcpb_refpb(struct hbm_config *c, int legal, struct stream *s)
{
    int k, banks = c->bankgroups * c->banks_per_group;

    if (banks * c->trrefd > c->trfcpb - 1) /* 32 banks (HBM3): widened */
        c->trfcpb = banks * c->trrefd + 1;
    refpb(s, T0, 0, 0);
    for (k = 1; k < banks; k++)
        refpb(s, T0 + (uint64_t)k * c->trrefd, k / c->banks_per_group,
              k % c->banks_per_group);
    refpb(s, T0 + c->trfcpb - 1 + legal, 0, 0);
}
RULE_PAIR(test_refpb_after_refpb_same_bank_before_trfcpb_is_caught,
          test_refpb_after_refpb_same_bank_at_trfcpb_is_legal, b_trfcpb_refpb, "tRFCpb")

static void b_trfcpb_refab(struct hbm_config *c, int legal, struct stream *s)
{
    refpb(s, T0, 2, 3);
    refab(s, T0 + c->trfcpb - 1 + legal);
}
RULE_PAIR(test_refab_after_refpb_before_trfcpb_is_caught,
          test_refab_after_refpb_at_trfcpb_is_legal, b_trfcpb_refab, "tRFCpb")

/* ---- same bank group ------------------------------------------------- */

static void b_tccd_l_rd(struct hbm_config *c, int legal, struct stream *s)
{
    uint64_t a = T0 + c->trrd_l + c->trcdrd;

    NEED(c->tccd_l - 1 >= c->tburst);
    act(s, T0, 0, 0);
    act(s, T0 + c->trrd_l, 0, 1);
    rd(s, a, 0, 0);
    rd(s, a + c->tccd_l - 1 + legal, 0, 1);
}
RULE_PAIR(test_rd_after_rd_same_bank_group_before_tccd_l_is_caught,
          test_rd_after_rd_same_bank_group_at_tccd_l_is_legal, b_tccd_l_rd, "tCCD_L")

static void b_tccd_l_wr(struct hbm_config *c, int legal, struct stream *s)
{
    uint64_t a = T0 + c->trrd_l + c->trcdwr;

    NEED(c->tccd_l - 1 >= c->tburst);
    act(s, T0, 2, 0);
    act(s, T0 + c->trrd_l, 2, 1);
    wra(s, a, 2, 0);
    wr(s, a + c->tccd_l - 1 + legal, 2, 1);
}
RULE_PAIR(test_wr_after_wra_same_bank_group_before_tccd_l_is_caught,
          test_wr_after_wra_same_bank_group_at_tccd_l_is_legal, b_tccd_l_wr, "tCCD_L")

static void b_trrd_l(struct hbm_config *c, int legal, struct stream *s)
{
    NEED(c->trrd_l >= 3); /* else the early ACT also hits the row bus */
    act(s, T0, 1, 0);
    act(s, T0 + c->trrd_l - 1 + legal, 1, 3);
}
RULE_PAIR(test_act_after_act_same_bank_group_before_trrd_l_is_caught,
          test_act_after_act_same_bank_group_at_trrd_l_is_legal, b_trrd_l, "tRRD_L")

static void b_twtr_l(struct hbm_config *c, int legal, struct stream *s)
{
    uint64_t a = T0 + c->trrd_l + imax(c->trcdrd, c->trcdwr);

    act(s, T0, 0, 0);
    act(s, T0 + c->trrd_l, 0, 1);
    wr(s, a, 0, 0);
    rd(s, a + c->wl + c->tburst + c->twtr_l - 1 + legal, 0, 1);
}
RULE_PAIR(test_rd_after_wr_same_bank_group_before_wl_tburst_twtr_l_is_caught,
          test_rd_after_wr_same_bank_group_at_wl_tburst_twtr_l_is_legal,
          b_twtr_l, "tWTR_L")

/* ---- different bank group -------------------------------------------- */

/*
 * On the presets tCCD_S = tBURST, so a read one cycle early also overlaps
 * the previous burst (test_rd_one_before_tccd_s_also_overlaps_bursts).
 * Widen tCCD_S by one to see the rule alone.
 */
static void b_tccd_s_rd(struct hbm_config *c, int legal, struct stream *s)
{
    uint64_t a;

    c->tccd_s = c->tburst + 1;
    a = T0 + c->trrd_s + c->trcdrd;
    act(s, T0, 0, 0);
    act(s, T0 + c->trrd_s, 1, 0);
    rd(s, a, 0, 0);
    rd(s, a + c->tccd_s - 1 + legal, 1, 0);
}
RULE_PAIR(test_rd_after_rd_other_bank_group_before_tccd_s_is_caught,
          test_rd_after_rd_other_bank_group_at_tccd_s_is_legal, b_tccd_s_rd, "tCCD_S")

static void b_tccd_s_wr(struct hbm_config *c, int legal, struct stream *s)
{
    uint64_t a;

    c->tccd_s = c->tburst + 1;
    a = T0 + c->trrd_s + c->trcdwr;
    act(s, T0, 3, 1);
    act(s, T0 + c->trrd_s, 2, 1);
    wr(s, a, 3, 1);
    wra(s, a + c->tccd_s - 1 + legal, 2, 1);
}
RULE_PAIR(test_wra_after_wr_other_bank_group_before_tccd_s_is_caught,
          test_wra_after_wr_other_bank_group_at_tccd_s_is_legal, b_tccd_s_wr, "tCCD_S")

/* Column to column of another stack ID (HBM3's tCCD_R): two stack IDs on
 * every preset (an HBM2 preset's four groups split in two), tCCD_R widened
 * to tCCD_S + 2 so the early command keeps tCCD_S and the bus. */
static void widen_sids(struct hbm_config *c)
{
    if (c->stack_ids < 2)
        c->stack_ids = 2;
    c->tccd_r = c->tccd_s + 2;
}

static void b_tccd_r_rd(struct hbm_config *c, int legal, struct stream *s)
{
    uint64_t a;
    int x;

    widen_sids(c);
    x = c->bankgroups - 1;  /* the last stack ID's last group */
    a = T0 + c->trrd_s + c->trcdrd;
    act(s, T0, 0, 0);
    act(s, T0 + c->trrd_s, x, 0);
    rd(s, a, 0, 0);
    rd(s, a + c->tccd_r - 1 + legal, x, 0);
}
RULE_PAIR(test_rd_after_rd_other_stack_id_before_tccd_r_is_caught,
          test_rd_after_rd_other_stack_id_at_tccd_r_is_legal, b_tccd_r_rd, "tCCD_R")

static void b_tccd_r_wr(struct hbm_config *c, int legal, struct stream *s)
{
    uint64_t a;
    int x;

    widen_sids(c);
    x = c->bankgroups / c->stack_ids;  /* the second stack ID's first group */
    a = T0 + c->trrd_s + c->trcdwr;
    act(s, T0, 0, 1);
    act(s, T0 + c->trrd_s, x, 1);
    wra(s, a, x, 1);
    wr(s, a + c->tccd_r - 1 + legal, 0, 1);
}
RULE_PAIR(test_wr_after_wra_other_stack_id_before_tccd_r_is_caught,
          test_wr_after_wra_other_stack_id_at_tccd_r_is_legal, b_tccd_r_wr, "tCCD_R")

static void b_trrd_s(struct hbm_config *c, int legal, struct stream *s)
{
    NEED(c->trrd_s >= 3); /* else the early ACT also hits the row bus */
    act(s, T0, 0, 0);
    act(s, T0 + c->trrd_s - 1 + legal, 1, 0);
}
RULE_PAIR(test_act_after_act_other_bank_group_before_trrd_s_is_caught,
          test_act_after_act_other_bank_group_at_trrd_s_is_legal, b_trrd_s, "tRRD_S")

static void b_twtr_s(struct hbm_config *c, int legal, struct stream *s)
{
    uint64_t a = T0 + c->trrd_s + imax(c->trcdrd, c->trcdwr);

    act(s, T0, 0, 0);
    act(s, T0 + c->trrd_s, 1, 0);
    wr(s, a, 0, 0);
    rd(s, a + c->wl + c->tburst + c->twtr_s - 1 + legal, 1, 0);
}
RULE_PAIR(test_rd_after_wr_other_bank_group_before_wl_tburst_twtr_s_is_caught,
          test_rd_after_wr_other_bank_group_at_wl_tburst_twtr_s_is_legal,
          b_twtr_s, "tWTR_S")

/* ---- channel --------------------------------------------------------- */

static void b_trtw(struct hbm_config *c, int legal, struct stream *s)
{
    uint64_t a = T0 + c->trrd_s + imax(c->trcdrd, c->trcdwr);

    /* One cycle early the write burst still leaves an idle cycle. */
    NEED(c->trtw - 1 + c->wl >= c->rl + c->tburst + 1);
    act(s, T0, 0, 0);
    act(s, T0 + c->trrd_s, 1, 0);
    rd(s, a, 0, 0);
    wr(s, a + c->trtw - 1 + legal, 1, 0);
}
RULE_PAIR(test_wr_after_rd_before_trtw_is_caught,
          test_wr_after_rd_at_trtw_is_legal, b_trtw, "tRTW")

/*
 * On both presets 4 x tRRD is already more than tFAW, so the window never
 * binds on its own: widen tFAW to five ACT spacings to see it.
 */
static int faw_spacing(const struct hbm_config *c)
{
    return imax(imax(c->trrd_s, c->trrd_l), 2);
}

static void act_flat(const struct hbm_config *c, struct stream *s, uint64_t t, int k)
{
    act(s, t, k % c->bankgroups, k / c->bankgroups);
}

static void b_tfaw(struct hbm_config *c, int legal, struct stream *s)
{
    int k, d = faw_spacing(c);

    NEED(c->bankgroups * c->banks_per_group >= 5);
    c->tfaw = 5 * d;
    for (k = 0; k < 4; k++)
        act_flat(c, s, T0 + (uint64_t)k * d, k);
    act_flat(c, s, T0 + c->tfaw - 1 + legal, 4);
}
RULE_PAIR(test_fifth_act_before_tfaw_is_caught,
          test_fifth_act_at_tfaw_is_legal, b_tfaw, "tFAW")

/*
 * The window slides: the sixth ACT is measured from the second.  The ACTs
 * are one cycle further apart than tRRD needs so that the sixth, one cycle
 * early, still keeps tRRD from the fifth.
 */
static void b_tfaw_slides(struct hbm_config *c, int legal, struct stream *s)
{
    int k, e = faw_spacing(c) + 1;

    NEED(c->bankgroups * c->banks_per_group >= 6);
    c->tfaw = 5 * e;
    for (k = 0; k < 4; k++)
        act_flat(c, s, T0 + (uint64_t)k * e, k);
    act_flat(c, s, T0 + c->tfaw, 4);
    act_flat(c, s, T0 + e + c->tfaw - 1 + legal, 5);
}
RULE_PAIR(test_sixth_act_before_tfaw_after_the_second_is_caught,
          test_sixth_act_at_tfaw_after_the_second_is_legal, b_tfaw_slides, "tFAW")

static void b_trfc_act(struct hbm_config *c, int legal, struct stream *s)
{
    refab(s, T0);
    act(s, T0 + c->trfc - 1 + legal, 1, 2);
}
RULE_PAIR(test_act_after_refab_before_trfc_is_caught,
          test_act_after_refab_at_trfc_is_legal, b_trfc_act, "tRFC")

static void b_trfc_refab(struct hbm_config *c, int legal, struct stream *s)
{
    refab(s, T0);
    refab(s, T0 + c->trfc - 1 + legal);
}
RULE_PAIR(test_refab_after_refab_before_trfc_is_caught,
          test_refab_after_refab_at_trfc_is_legal, b_trfc_refab, "tRFC")

static void b_trfc_refpb(struct hbm_config *c, int legal, struct stream *s)
{
    refab(s, T0);
    refpb(s, T0 + c->trfc - 1 + legal, 2, 3);
}
RULE_PAIR(test_refpb_after_refab_before_trfc_is_caught,
          test_refpb_after_refab_at_trfc_is_legal, b_trfc_refpb, "tRFC")

static void b_trrefd_act(struct hbm_config *c, int legal, struct stream *s)
{
    NEED(c->trrefd >= 2); /* else both land in one row-bus cycle */
    refpb(s, T0, 0, 0);
    act(s, T0 + c->trrefd - 1 + legal, 1, 1);
}
RULE_PAIR(test_act_other_bank_after_refpb_before_trrefd_is_caught,
          test_act_other_bank_after_refpb_at_trrefd_is_legal, b_trrefd_act, "tRREFD")

static void b_trrefd_refpb(struct hbm_config *c, int legal, struct stream *s)
{
    NEED(c->trrefd >= 2);
    refpb(s, T0, 0, 0);
    refpb(s, T0 + c->trrefd - 1 + legal, 0, 1);
}
RULE_PAIR(test_refpb_other_bank_after_refpb_before_trrefd_is_caught,
          test_refpb_other_bank_after_refpb_at_trrefd_is_legal, b_trrefd_refpb, "tRREFD")

static void b_trrd_s_refpb(struct hbm_config *c, int legal, struct stream *s)
{
    NEED(c->trrd_s >= 3); /* else the REFPB also hits the ACT's row bus */
    act(s, T0, 0, 0);
    refpb(s, T0 + c->trrd_s - 1 + legal, 1, 1);
}
RULE_PAIR(test_refpb_other_bank_after_act_before_trrd_s_is_caught,
          test_refpb_other_bank_after_act_at_trrd_s_is_legal, b_trrd_s_refpb, "tRRD_S")

/* ---- buses ------------------------------------------------------------ */

static void b_row_bus_same_cycle(struct hbm_config *c, int legal, struct stream *s)
{
    uint64_t x = T0 + c->trrd_s + c->tras;

    c->tppd = 0; /* the bus alone: tPPD has its own pair below */
    act(s, T0, 0, 0);
    act(s, T0 + c->trrd_s, 1, 0);
    pre(s, x, 0, 0);
    pre(s, x + legal, 1, 0);
}
RULE_PAIR(test_two_row_commands_in_one_cycle_are_caught,
          test_row_commands_in_consecutive_cycles_are_legal,
          b_row_bus_same_cycle, "row_bus")

/* PRE to PRE of another bank (HBM3's tPPD = 2; widened to 3 on every
 * preset, so the early PRE is 2 clocks after the first, clear of the bus). */
static void b_tppd(struct hbm_config *c, int legal, struct stream *s)
{
    uint64_t x = T0 + c->trrd_s + c->tras;

    if (c->tppd < 3)
        c->tppd = 3;
    act(s, T0, 0, 0);
    act(s, T0 + c->trrd_s, 1, 0);
    pre(s, x, 0, 0);
    pre(s, x + c->tppd - 1 + legal, 1, 0);
}
RULE_PAIR(test_pre_to_pre_before_tppd_is_caught,
          test_pre_to_pre_at_tppd_is_legal, b_tppd, "tPPD")

/* PRE is due at tRAS, but an ACT the cycle before still holds the row bus. */
static void b_row_bus_after_act(struct hbm_config *c, int legal, struct stream *s)
{
    NEED(c->tras - 1 >= c->trrd_s);
    act(s, T0, 0, 0);
    act(s, T0 + c->tras - 1, 1, 0);
    pre(s, T0 + c->tras + legal, 0, 0);
}
RULE_PAIR(test_row_command_in_the_cycle_after_act_is_caught,
          test_row_command_two_cycles_after_act_is_legal, b_row_bus_after_act, "row_bus")

/*
 * Any two column commands in one cycle also break a timing rule (tCCD,
 * tRTW or tWTR); tRTW = 0 lets the bus rule show alone.
 */
static void b_column_bus(struct hbm_config *c, int legal, struct stream *s)
{
    uint64_t a = T0 + c->trrd_s + c->trcdrd;

    NEED(c->rl >= c->wl + c->tburst + 2); /* the write burst stays clear */
    c->trtw = 0;
    act(s, T0, 0, 0);
    act(s, T0 + c->trrd_s, 1, 0);
    rd(s, a, 0, 0);
    wr(s, a + legal, 1, 0);
}
RULE_PAIR(test_two_column_commands_in_one_cycle_are_caught,
          test_column_commands_in_consecutive_cycles_are_legal, b_column_bus, "column_bus")

/* tCCD_S = 1 lets two reads' bursts collide without another rule. */
static void b_overlap(struct hbm_config *c, int legal, struct stream *s)
{
    uint64_t a = T0 + c->trrd_s + c->trcdrd;

    c->tccd_s = 1;
    act(s, T0, 0, 0);
    act(s, T0 + c->trrd_s, 1, 0);
    rd(s, a, 0, 0);
    rd(s, a + c->tburst - 1 + legal, 1, 0);
}
RULE_PAIR(test_read_burst_overlapping_the_previous_is_caught,
          test_read_burst_right_after_the_previous_is_legal, b_overlap, "data_bus_overlap")

/* tRTW = 0 lets the write burst come right after the read burst. */
static void b_turnaround_rd_wr(struct hbm_config *c, int legal, struct stream *s)
{
    uint64_t a = T0 + c->trrd_s + imax(c->trcdrd, c->trcdwr);

    NEED(c->rl + c->tburst - c->wl >= 1);
    c->trtw = 0;
    act(s, T0, 0, 0);
    act(s, T0 + c->trrd_s, 1, 0);
    rd(s, a, 0, 0);
    wr(s, a + c->rl + c->tburst - c->wl + legal, 1, 0);
}
RULE_PAIR(test_write_burst_right_after_read_burst_is_caught,
          test_write_burst_one_idle_cycle_after_read_burst_is_legal,
          b_turnaround_rd_wr, "data_bus_turnaround")

/*
 * RL > WL: a write issued after a read can put its burst before the read's.
 * Ending right where the read burst starts is caught; one cycle earlier
 * leaves the idle cycle (here the legal stream is the earlier one).
 */
static void b_turnaround_wr_before(struct hbm_config *c, int legal, struct stream *s)
{
    uint64_t a = T0 + c->trrd_s + imax(c->trcdrd, c->trcdwr);

    NEED(c->rl - c->wl - c->tburst >= 2);
    c->trtw = 0;
    act(s, T0, 0, 0);
    act(s, T0 + c->trrd_s, 1, 0);
    rd(s, a, 0, 0);
    wr(s, a + c->rl - c->wl - c->tburst - legal, 1, 0);
}
RULE_PAIR(test_write_burst_ending_where_earlier_read_burst_starts_is_caught,
          test_write_burst_ending_one_cycle_before_read_burst_is_legal,
          b_turnaround_wr_before, "data_bus_turnaround")

START_TEST(test_write_burst_landing_on_earlier_issued_read_burst_is_caught)
{
    struct hbm_config cfg = presets[_i], *c = &cfg;
    uint64_t a = T0 + c->trrd_s + imax(c->trcdrd, c->trcdwr);
    struct stream s;
    hbm_check *chk;

    NEED(c->rl > c->wl);
    c->trtw = 0;
    s.n = 0;
    act(&s, T0, 0, 0);
    act(&s, T0 + c->trrd_s, 1, 0);
    rd(&s, a, 0, 0);
    wr(&s, a + c->rl - c->wl, 1, 0); /* both bursts start on one cycle */
    chk = feed(c, s.c, s.n);
    ck_assert_uint_eq(hbm_check_violations(chk), 1);
    ck_assert_str_eq(hbm_check_last_rule(chk), "data_bus_overlap");
    hbm_check_free(chk);
}
END_TEST

static void b_cycle_order(struct hbm_config *c, int legal, struct stream *s)
{
    uint64_t b = T0 + c->trcdrd + 10;

    act(s, T0, 0, 0);
    rd(s, b, 0, 0);
    act(s, b - 1 + legal, 1, 0);
}
RULE_PAIR(test_command_before_previous_cycle_is_caught,
          test_row_command_in_same_cycle_as_column_command_is_legal,
          b_cycle_order, "cycle_order")

/* ---- bank state -------------------------------------------------------- */

static void b_bank_open(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 0, 0);
    if (legal)
        pre(s, T0 + c->tras, 0, 0);
    act(s, T0 + imax(c->trc, c->tras + c->trp), 0, 0);
}
RULE_PAIR(test_act_to_open_bank_is_caught,
          test_act_after_pre_of_that_bank_is_legal, b_bank_open, "bank_open")

static void b_bank_closed(struct hbm_config *c, int legal, struct stream *s)
{
    if (legal)
        act(s, T0, 0, 0);
    rd(s, T0 + c->trcdrd, 0, 0);
}
RULE_PAIR(test_rd_to_never_opened_bank_is_caught,
          test_rd_to_activated_bank_is_legal, b_bank_closed, "bank_closed")

static void b_bank_closed_by_rda(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 0, 0);
    if (legal)
        rd(s, T0 + c->trcdrd, 0, 0);
    else
        rda(s, T0 + c->trcdrd, 0, 0);
    wr(s, T0 + c->trcdrd + c->trtw, 0, 0);
}
RULE_PAIR(test_wr_after_rda_closed_the_bank_is_caught,
          test_wr_after_rd_left_the_bank_open_is_legal, b_bank_closed_by_rda, "bank_closed")

static void b_refpb_open(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 0, 0);
    if (legal)
        pre(s, T0 + c->tras, 0, 0);
    refpb(s, T0 + imax(c->trc, c->tras + c->trp), 0, 0);
}
RULE_PAIR(test_refpb_to_open_bank_is_caught,
          test_refpb_to_precharged_bank_is_legal, b_refpb_open, "refresh_open_bank")

static void b_refab_open(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 3, 3);
    if (legal)
        pre(s, T0 + c->tras, 3, 3);
    refab(s, T0 + imax(c->trc, c->tras + c->trp));
}
RULE_PAIR(test_refab_with_a_bank_open_is_caught,
          test_refab_with_all_banks_precharged_is_legal, b_refab_open, "refresh_open_bank")

static void b_bad_row(struct hbm_config *c, int legal, struct stream *s)
{
    add(s, T0, HBM_CMD_ACT, 0, 0, c->rows - legal, 0);
}
RULE_PAIR(test_act_to_row_past_the_last_is_caught,
          test_act_to_last_row_is_legal, b_bad_row, "bad_address")

static void b_bad_bg(struct hbm_config *c, int legal, struct stream *s)
{
    add(s, T0, HBM_CMD_ACT, c->bankgroups - legal, 0, ROW, 0);
}
RULE_PAIR(test_act_to_bank_group_past_the_last_is_caught,
          test_act_to_last_bank_group_is_legal, b_bad_bg, "bad_address")

static void b_bad_ba(struct hbm_config *c, int legal, struct stream *s)
{
    add(s, T0, HBM_CMD_REFPB, 1, c->banks_per_group - legal, 0, 0);
}
RULE_PAIR(test_refpb_to_bank_past_the_last_is_caught,
          test_refpb_to_last_bank_is_legal, b_bad_ba, "bad_address")

static void b_bad_col(struct hbm_config *c, int legal, struct stream *s)
{
    act(s, T0, 0, 0);
    add(s, T0 + c->trcdrd, HBM_CMD_RD, 0, 0, 0, c->columns - legal);
}
RULE_PAIR(test_rd_to_column_past_the_last_is_caught,
          test_rd_to_last_column_is_legal, b_bad_col, "bad_address")

START_TEST(test_negative_bank_group_is_caught)
{
    struct stream s;
    hbm_check *chk;

    s.n = 0;
    add(&s, T0, HBM_CMD_PRE, -1, 0, 0, 0);
    chk = feed(&presets[_i], s.c, s.n);
    ck_assert_uint_eq(hbm_check_violations(chk), 1);
    ck_assert_str_eq(hbm_check_last_rule(chk), "bad_address");
    hbm_check_free(chk);
}
END_TEST

/* ---- refresh ----------------------------------------------------------- */

static void b_refresh_round(struct hbm_config *c, int legal, struct stream *s)
{
    int k, banks = c->bankgroups * c->banks_per_group;

    if (banks * c->trrefd > c->trfcpb) /* 32 banks (HBM3): widened */
        c->trfcpb = banks * c->trrefd;
    refpb(s, T0, 0, 0);
    if (legal)
        for (k = 1; k < banks; k++)
            refpb(s, T0 + (uint64_t)k * c->trrefd, k / c->banks_per_group,
                  k % c->banks_per_group);
    refpb(s, T0 + c->trfcpb, 0, 0);
}
RULE_PAIR(test_second_refpb_before_the_round_ends_is_caught,
          test_second_refpb_after_every_bank_had_one_is_legal,
          b_refresh_round, "refresh_round")

/* REFAB counts for every bank: REFPB, REFAB, REFPB to one bank is 3 vs 1. */
static void b_refresh_round_refab(struct hbm_config *c, int legal, struct stream *s)
{
    refpb(s, T0, 0, 0);
    refab(s, T0 + c->trfcpb);
    if (legal)
        refpb(s, T0 + c->trfcpb + c->trfc, 0, 1); /* 2 vs 1: fair */
    else
        refpb(s, T0 + c->trfcpb + c->trfc, 0, 0); /* 3 vs 1 */
}
RULE_PAIR(test_refab_does_not_excuse_a_second_refpb_to_one_bank,
          test_refab_then_refpb_to_another_bank_is_legal,
          b_refresh_round_refab, "refresh_round")

/* Feed a NOP-free stream of PREA (no bank state) and report the count. */
static int prea_at(hbm_check *chk, uint64_t t)
{
    struct hbm_cmd cmd;

    memset(&cmd, 0, sizeof cmd);
    cmd.cycle = t;
    cmd.code = HBM_CMD_PREA;
    return hbm_check_command(chk, &cmd);
}

START_TEST(test_no_refresh_past_nine_trefi_is_caught_for_every_bank)
{
    const struct hbm_config *c = &presets[_i];
    hbm_check *chk = hbm_check_create(c, NULL);
    int banks = c->bankgroups * c->banks_per_group;

    ck_assert_ptr_nonnull(chk);
    ck_assert_int_eq(hbm_check_finish(chk, 9 * (uint64_t)c->trefi + 1), banks);
    ck_assert_uint_eq(hbm_check_violations(chk), (uint64_t)banks);
    ck_assert_str_eq(hbm_check_last_rule(chk), "refresh_rate");
    ck_assert_msg(strncmp(hbm_check_last_message(chk), "cycle ", 6) == 0 &&
                  strstr(hbm_check_last_message(chk), ": end of stream: refresh_rate: "),
                  "%s", hbm_check_last_message(chk));
    hbm_check_free(chk);
}
END_TEST

START_TEST(test_no_refresh_until_nine_trefi_is_legal)
{
    const struct hbm_config *c = &presets[_i];
    hbm_check *chk = hbm_check_create(c, NULL);

    ck_assert_int_eq(hbm_check_finish(chk, 8 * (uint64_t)c->trefi), 0);
    ck_assert_int_eq(hbm_check_finish(chk, 9 * (uint64_t)c->trefi), 0);
    ck_assert_uint_eq(hbm_check_violations(chk), 0);
    hbm_check_free(chk);
}
END_TEST

/* Every bank but the first gets one REFPB: only the first falls behind. */
static hbm_check *refresh_all_but_first(const struct hbm_config *c)
{
    struct stream s;
    int k, banks = c->bankgroups * c->banks_per_group;

    ck_assert_int_le(banks, MAXCMDS);
    s.n = 0;
    for (k = 1; k < banks; k++)
        refpb(&s, T0 + (uint64_t)k * c->trrefd, k / c->banks_per_group,
              k % c->banks_per_group);
    return feed(c, s.c, s.n);
}

START_TEST(test_one_bank_never_refreshed_past_nine_trefi_is_caught_once)
{
    const struct hbm_config *c = &presets[_i];
    hbm_check *chk = refresh_all_but_first(c);

    ck_assert_int_eq(hbm_check_finish(chk, 9 * (uint64_t)c->trefi + 1), 1);
    ck_assert_uint_eq(hbm_check_violations(chk), 1);
    ck_assert_str_eq(hbm_check_last_rule(chk), "refresh_rate");
    ck_assert_msg(strstr(hbm_check_last_message(chk), "bank bg 0 ba 0 has 0 refreshes") != NULL,
                  "%s", hbm_check_last_message(chk));
    hbm_check_free(chk);
}
END_TEST

START_TEST(test_one_bank_never_refreshed_until_nine_trefi_is_legal)
{
    const struct hbm_config *c = &presets[_i];
    hbm_check *chk = refresh_all_but_first(c);

    ck_assert_int_eq(hbm_check_finish(chk, 9 * (uint64_t)c->trefi), 0);
    ck_assert_uint_eq(hbm_check_violations(chk), 0);
    hbm_check_free(chk);
}
END_TEST

/* A command at t checks the refresh rate for cycle t - 1 (the PREAs that
 * probe it come a clock apart: tPPD set to 1, its own pair tests it). */
START_TEST(test_refresh_rate_is_checked_for_the_cycle_before_each_command)
{
    struct hbm_config cfg = presets[_i];
    const struct hbm_config *c = &cfg;
    uint64_t limit = 9 * (uint64_t)c->trefi;
    int banks = c->bankgroups * c->banks_per_group;
    hbm_check *chk;

    cfg.tppd = 1;
    chk = hbm_check_create(c, NULL);
    ck_assert_int_eq(prea_at(chk, limit), 0);
    ck_assert_int_eq(prea_at(chk, limit + 1), banks);
    ck_assert_str_eq(hbm_check_last_rule(chk), "refresh_rate");
    hbm_check_free(chk);
}
END_TEST

START_TEST(test_refresh_deficit_is_reported_once_until_it_grows)
{
    struct hbm_config cfg = presets[_i];
    const struct hbm_config *c = &cfg;
    uint64_t ti = (uint64_t)c->trefi;
    int banks = c->bankgroups * c->banks_per_group;
    hbm_check *chk;
    struct hbm_cmd r;

    cfg.tppd = 1;
    chk = hbm_check_create(c, NULL);
    ck_assert_int_eq(prea_at(chk, 9 * ti + 1), banks);   /* owes 1 */
    ck_assert_int_eq(prea_at(chk, 9 * ti + 2), 0);       /* same deficit */
    ck_assert_int_eq(hbm_check_finish(chk, 10 * ti), 0); /* still 1 */
    ck_assert_int_eq(prea_at(chk, 10 * ti + 1), banks);  /* grows to 2 */
    ck_assert_int_eq(prea_at(chk, 10 * ti + 2), 0);
    /* A REFAB pays one back (2 -> 1); the next interval's 2 is new again. */
    memset(&r, 0, sizeof r);
    r.cycle = 10 * ti + 2 + (uint64_t)c->trp;
    r.code = HBM_CMD_REFAB;
    ck_assert_int_eq(hbm_check_command(chk, &r), 0);
    ck_assert_int_eq(hbm_check_finish(chk, 11 * ti), 0);
    ck_assert_int_eq(hbm_check_finish(chk, 11 * ti + 1), banks);
    ck_assert_uint_eq(hbm_check_violations(chk), 3 * (uint64_t)banks);
    hbm_check_free(chk);
}
END_TEST

START_TEST(test_refresh_rate_is_checked_even_with_refresh_mode_none)
{
    struct hbm_config c = presets[_i];
    hbm_check *chk;

    c.refresh_mode = HBM_REFRESH_NONE;
    chk = hbm_check_create(&c, NULL);
    ck_assert_int_eq(hbm_check_finish(chk, 9 * (uint64_t)c.trefi), 0);
    ck_assert_int_eq(hbm_check_finish(chk, 9 * (uint64_t)c.trefi + 1), c.banks);
    hbm_check_free(chk);
}
END_TEST

/* ---- agreement of the data-bus rules with the presets ------------------- */

/* tRTW leaves at least one idle data-bus cycle before the write burst. */
START_TEST(test_trtw_covers_the_read_to_write_turnaround)
{
    const struct hbm_config *c = &presets[_i];

    ck_assert_int_ge(c->trtw + c->wl, c->rl + c->tburst + 1);
}
END_TEST

/* Reads in rotating bank groups at tCCD_S fill the data bus, no overlap. */
START_TEST(test_reads_at_tccd_s_across_bank_groups_never_collide)
{
    const struct hbm_config *c = &presets[_i];
    struct stream s;
    uint64_t a = T0 + 3 * (uint64_t)faw_spacing(c) + c->trcdrd;
    hbm_check *chk;
    int g, k;

    NEED(4 * imax(c->tccd_s, c->tburst) >= c->tccd_l);
    s.n = 0;
    for (g = 0; g < 4 && g < c->bankgroups; g++)
        act(&s, T0 + (uint64_t)g * faw_spacing(c), g, 0);
    for (k = 0; k < 32; k++)
        rd(&s, a + (uint64_t)k * imax(c->tccd_s, c->tburst), k % g, 0);
    chk = feed(c, s.c, s.n);
    ck_assert_msg(hbm_check_violations(chk) == 0, "%s", hbm_check_last_message(chk));
    hbm_check_free(chk);
}
END_TEST

/* On the presets tCCD_S = tBURST: one cycle early breaks two rules. */
START_TEST(test_rd_one_before_tccd_s_also_overlaps_bursts)
{
    const struct hbm_config *c = &presets[_i];
    uint64_t a = T0 + c->trrd_s + c->trcdrd;
    struct stream s;
    hbm_check *chk;

    NEED(c->tccd_s <= c->tburst);
    s.n = 0;
    act(&s, T0, 0, 0);
    act(&s, T0 + c->trrd_s, 1, 0);
    rd(&s, a, 0, 0);
    rd(&s, a + c->tccd_s - 1, 1, 0);
    chk = feed(c, s.c, s.n);
    ck_assert_uint_eq(hbm_check_violations(chk), 2);
    ck_assert_str_eq(hbm_check_last_rule(chk), "data_bus_overlap");
    hbm_check_free(chk);
}
END_TEST

/* With the preset's tRTW, RD and WR in one cycle break the bus and tRTW. */
START_TEST(test_rd_and_wr_in_one_cycle_break_column_bus_and_trtw)
{
    const struct hbm_config *c = &presets[_i];
    uint64_t a = T0 + c->trrd_s + imax(c->trcdrd, c->trcdwr);
    struct stream s;
    hbm_check *chk;

    s.n = 0;
    act(&s, T0, 0, 0);
    act(&s, T0 + c->trrd_s, 1, 0);
    rd(&s, a, 0, 0);
    wr(&s, a, 1, 0);
    chk = feed(c, s.c, s.n);
    ck_assert_uint_eq(hbm_check_violations(chk), 2);
    ck_assert_str_eq(hbm_check_last_rule(chk), "tRTW");
    hbm_check_free(chk);
}
END_TEST

/* ---- messages and behaviour ------------------------------------------- */

START_TEST(test_message_states_cycle_command_rule_and_numbers)
{
    const struct hbm_config *c = &presets[_i];
    struct stream s;
    char want[256];
    hbm_check *chk;

    s.n = 0;
    act(&s, 100, 1, 2);
    add(&s, 103, HBM_CMD_RD, 1, 2, 0, 5);
    chk = feed(c, s.c, s.n);
    snprintf(want, sizeof want,
             "cycle 103: RD 1 2 0 5: tRCDRD: issued 3 cycles after ACT at 100, "
             "needs tRCDRD = %d", c->trcdrd);
    ck_assert_str_eq(hbm_check_last_message(chk), want);
    hbm_check_free(chk);
}
END_TEST

START_TEST(test_message_of_a_composite_delay_names_its_terms)
{
    struct hbm_config cfg = presets[_i], *c = &cfg;
    struct stream s;
    hbm_check *chk;
    char want[256];

    s.n = 0;
    b_wra_act(c, 0, &s);
    chk = feed(c, s.c, s.n);
    snprintf(want, sizeof want,
             "needs tWR+tRP = WL + tBURST + tWR + tRP = %d",
             c->wl + c->tburst + c->twr + c->trp);
    ck_assert_msg(strstr(hbm_check_last_message(chk), want) != NULL,
                  "%s", hbm_check_last_message(chk));
    hbm_check_free(chk);
}
END_TEST

START_TEST(test_fresh_checker_has_no_rule_and_no_message)
{
    hbm_check *chk = hbm_check_create(&presets[_i], NULL);

    ck_assert_uint_eq(hbm_check_violations(chk), 0);
    ck_assert_str_eq(hbm_check_last_rule(chk), "");
    ck_assert_str_eq(hbm_check_last_message(chk), "");
    hbm_check_free(chk);
}
END_TEST

/* A PRE to a closed bank is a NOP: it does not restart tRP. */
START_TEST(test_pre_to_closed_bank_restarts_nothing)
{
    const struct hbm_config *c = &presets[_i];
    struct stream s;
    hbm_check *chk;

    s.n = 0;
    act(&s, T0, 0, 0);
    pre(&s, T0 + c->trc, 0, 0);
    pre(&s, T0 + c->trc + c->trp - 1, 0, 0);
    act(&s, T0 + c->trc + c->trp, 0, 0);
    chk = feed(c, s.c, s.n);
    ck_assert_msg(hbm_check_violations(chk) == 0, "%s", hbm_check_last_message(chk));
    hbm_check_free(chk);
}
END_TEST

/* One command can break several rules: each counts, the last is kept. */
START_TEST(test_every_broken_rule_of_one_command_counts)
{
    const struct hbm_config *c = &presets[_i];
    struct stream s;
    hbm_check *chk;

    s.n = 0;
    act(&s, T0, 0, 0);
    act(&s, T0 + 1, 0, 0); /* row_bus, bank_open, tRC, tRRD_L */
    chk = feed(c, s.c, s.n);
    ck_assert_uint_eq(hbm_check_violations(chk), 4);
    hbm_check_free(chk);
}
END_TEST

/* The checker's state advances even for an illegal command. */
START_TEST(test_illegal_act_still_opens_the_bank)
{
    const struct hbm_config *c = &presets[_i];
    struct stream s;
    hbm_check *chk;

    s.n = 0;
    act(&s, T0, 0, 0);
    act(&s, T0 + 1, 0, 1);               /* row_bus and tRRD_L */
    rd(&s, T0 + 1 + c->trcdrd, 0, 1);    /* legal: the bank is open */
    chk = feed(c, s.c, s.n);
    ck_assert_uint_eq(hbm_check_violations(chk), 2);
    ck_assert_str_eq(hbm_check_last_rule(chk), "tRRD_L");
    hbm_check_free(chk);
}
END_TEST

START_TEST(test_nop_is_ignored)
{
    struct hbm_cmd nop;
    hbm_check *chk = hbm_check_create(&presets[_i], NULL);

    memset(&nop, 0, sizeof nop);
    ck_assert_int_eq(hbm_check_command(chk, &nop), 0);
    ck_assert_uint_eq(hbm_check_violations(chk), 0);
    hbm_check_free(chk);
}
END_TEST

/* ---- docs/timing.md ----------------------------------------------------- */

/* Config values a delay formula of docs/timing.md may name. */
static const struct { const char *name; size_t offset; } doc_terms[] = {
    { "RL", offsetof(struct hbm_config, rl) },
    { "WL", offsetof(struct hbm_config, wl) },
    { "tBURST", offsetof(struct hbm_config, tburst) },
    { "tRC", offsetof(struct hbm_config, trc) },
    { "tRCDRD", offsetof(struct hbm_config, trcdrd) },
    { "tRCDWR", offsetof(struct hbm_config, trcdwr) },
    { "tRAS", offsetof(struct hbm_config, tras) },
    { "tRP", offsetof(struct hbm_config, trp) },
    { "tRTP", offsetof(struct hbm_config, trtp) },
    { "tWR", offsetof(struct hbm_config, twr) },
    { "tRFCpb", offsetof(struct hbm_config, trfcpb) },
    { "tCCD_L", offsetof(struct hbm_config, tccd_l) },
    { "tCCD_S", offsetof(struct hbm_config, tccd_s) },
    { "tRRD_L", offsetof(struct hbm_config, trrd_l) },
    { "tRRD_S", offsetof(struct hbm_config, trrd_s) },
    { "tWTR_L", offsetof(struct hbm_config, twtr_l) },
    { "tWTR_S", offsetof(struct hbm_config, twtr_s) },
    { "tRTW", offsetof(struct hbm_config, trtw) },
    { "tFAW", offsetof(struct hbm_config, tfaw) },
    { "tRFC", offsetof(struct hbm_config, trfc) },
    { "tRREFD", offsetof(struct hbm_config, trrefd) },
    { "tPPD", offsetof(struct hbm_config, tppd) },
    { "tCCD_R", offsetof(struct hbm_config, tccd_r) },
};

/* Evaluate "WL + tBURST + tWR" for cfg; fails the test on an unknown name. */
static int doc_formula(const struct hbm_config *cfg, const char *formula)
{
    char buf[128], *tok, *save = NULL;
    int sum = 0;

    snprintf(buf, sizeof buf, "%s", formula);
    for (tok = strtok_r(buf, "+ ", &save); tok; tok = strtok_r(NULL, "+ ", &save)) {
        size_t i;
        for (i = 0; i < sizeof doc_terms / sizeof doc_terms[0]; i++)
            if (strcmp(tok, doc_terms[i].name) == 0)
                break;
        ck_assert_msg(i < sizeof doc_terms / sizeof doc_terms[0],
                      "docs/timing.md: unknown term '%s' in '%s'", tok, formula);
        sum += *(const int *)(const void *)((const char *)cfg + doc_terms[i].offset);
    }
    return sum;
}

/* Split a markdown table row into trimmed cells; returns the cell count. */
static int doc_cells(char *line, char **cell, int max)
{
    int n = 0;
    char *p = line, *bar;

    if (*p == '|')
        p++;
    while (n < max && (bar = strchr(p, '|')) != NULL) {
        char *end = bar;
        *bar = '\0';
        while (*p == ' ')
            p++;
        while (end > p && end[-1] == ' ')
            *--end = '\0';
        cell[n++] = p;
        p = bar + 1;
    }
    return n;
}

/* Every value in the timing table equals its formula on the loaded presets. */
START_TEST(test_timing_doc_values_match_the_presets)
{
    FILE *f = fopen("docs/timing.md", "r");
    char line[512], *cell[8];
    int col[TU_NPRESETS];
    int i, k, n, rows = 0, in_table = 0;

    ck_assert_msg(f != NULL, "docs/timing.md not found (run from the repo root)");
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "| rule | scope |", 16) == 0) {
            n = doc_cells(line, cell, 8);
            for (i = 0; i < NPRESETS; i++) {
                const char *base = strrchr(tu_preset_path(i), '/') + 1;
                col[i] = -1;
                for (k = 0; k < n; k++)
                    if (strncmp(cell[k], base, strlen(cell[k])) == 0 &&
                        base[strlen(cell[k])] == '.')
                        col[i] = k;
                ck_assert_msg(col[i] >= 0, "docs/timing.md: no column for %s", base);
            }
            in_table = 1;
            continue;
        }
        if (!in_table || strncmp(line, "| `", 3) != 0) {
            if (in_table && rows > 0 && line[0] != '|')
                break;
            continue;
        }
        n = doc_cells(line, cell, 8);
        ck_assert_int_eq(n, 8);
        for (i = 0; i < NPRESETS; i++)
            ck_assert_msg(atoi(cell[col[i]]) == doc_formula(&presets[i], cell[3]),
                          "docs/timing.md row %s (%s): the %s column says %s, the config gives %d",
                          cell[0], cell[2], tu_preset_path(i), cell[col[i]],
                          doc_formula(&presets[i], cell[3]));
        rows++;
    }
    fclose(f);
    ck_assert_int_eq(rows, 32);
}
END_TEST

/* ---- limits ------------------------------------------------------------ */

START_TEST(test_create_rejects_missing_config)
{
    char err[HBM_ERR_MAX] = "";

    ck_assert_ptr_null(hbm_check_create(NULL, err));
    ck_assert_str_ne(err, "");
}
END_TEST

START_TEST(test_create_rejects_config_without_banks)
{
    struct hbm_config c = presets[_i];
    char err[HBM_ERR_MAX] = "";

    c.bankgroups = 0;
    ck_assert_ptr_null(hbm_check_create(&c, err));
    ck_assert_msg(strstr(err, "bankgroups") != NULL, "%s", err);
}
END_TEST

START_TEST(test_unknown_command_code_is_caught)
{
    struct hbm_cmd bad;
    hbm_check *chk = hbm_check_create(&presets[_i], NULL);

    memset(&bad, 0, sizeof bad);
    bad.code = HBM_CMD_COUNT;
    ck_assert_int_eq(hbm_check_command(chk, &bad), 1);
    ck_assert_str_eq(hbm_check_last_rule(chk), "bad_address");
    hbm_check_free(chk);
}
END_TEST

/*
 * A long, hand-scheduled legal stream: every tREFIpb one REFPB (banks in
 * rotation, so each bank is refreshed every banks x tREFIpb <= tREFI),
 * then one ACT per bank group, a burst of column commands rotating the
 * bank groups at the fastest legal spacing (reads; every fourth period
 * writes), and a PREA in time for the next period's REFPB.  Runs past
 * 9 x tREFI so the refresh rate is really exercised.
 */
struct long_stream {
    struct hbm_cmd *c;
    int n, cap;
};

static void long_add(struct long_stream *ls, uint64_t t, int code, int bg, int ba,
                     int row, int col)
{
    struct hbm_cmd *c;

    if (ls->n == ls->cap) {
        ls->cap = ls->cap ? 2 * ls->cap : 1024;
        ls->c = realloc(ls->c, (size_t)ls->cap * sizeof *ls->c);
        ck_assert_ptr_nonnull(ls->c);
    }
    c = &ls->c[ls->n++];
    memset(c, 0, sizeof *c);
    c->cycle = t;
    c->code = code;
    c->bg = bg;
    c->ba = ba;
    c->row = row;
    c->col = col;
}

/* c: the caller's copy; with more banks than tREFIpb leaves tRFCpb for
 * (HBM3's 32: 195 clocks a REFPB, 320 each) its tRFCpb is cut to the
 * period, a device the stream's one REFPB a period suits. */
static uint64_t build_long_stream(struct hbm_config *c, struct long_stream *ls)
{
    int banks = c->bankgroups * c->banks_per_group;
    int periods = banks * ((9 * c->trefi) / (banks * c->trefipb) + 2);
    int p_len = c->trefipb;
    int d = imax(imax(c->trrd_s, 2), (c->tfaw + 3) / 4);
    int sp = imax(c->tccd_s, c->tburst);
    int i;

    if (c->stack_ids > 1) /* the rotation crosses stack IDs */
        sp = imax(sp, c->tccd_r);
    while (sp * c->bankgroups < c->tccd_l)
        sp++;
    NEED(banks * c->trefipb <= c->trefi);
    if (c->trfcpb > p_len)
        c->trfcpb = p_len;
    NEED(c->trrefd <= c->trfcpb && c->trc <= p_len);
    ls->n = 0;
    for (i = 0; i < periods; i++) {
        uint64_t base = (uint64_t)i * (uint64_t)p_len;
        int r = i % banks, writes = (i % 4) == 3;
        int lat = writes ? c->wl + c->tburst + c->twr : c->trtp;
        uint64_t a_last, r0, last, p;
        int g, k, n, ba[8];

        long_add(ls, base, HBM_CMD_REFPB, r / c->banks_per_group,
                 r % c->banks_per_group, 0, 0);
        for (g = 0; g < c->bankgroups; g++) {
            ba[g] = (i + g) % c->banks_per_group;
            if (g * c->banks_per_group + ba[g] == r)
                ba[g] = (ba[g] + 1) % c->banks_per_group;
            long_add(ls, base + c->trrefd + (uint64_t)g * d, HBM_CMD_ACT, g,
                     ba[g], (i * 7 + g) % c->rows, 0);
        }
        a_last = base + c->trrefd + (uint64_t)(c->bankgroups - 1) * d;
        r0 = a_last + imax(c->trcdrd, c->trcdwr);
        n = (int)(((int64_t)(base + p_len) - c->trp - lat - (int64_t)r0) / sp) + 1;
        NEED(n >= 8);
        for (k = 0; k < n; k++)
            long_add(ls, r0 + (uint64_t)k * sp, writes ? HBM_CMD_WR : HBM_CMD_RD,
                     k % c->bankgroups, ba[k % c->bankgroups], 0,
                     (k / c->bankgroups) % c->columns);
        last = r0 + (uint64_t)(n - 1) * sp;
        p = last + lat;
        if (p < a_last + c->tras)
            p = a_last + c->tras;
        NEED(p + c->trp <= base + p_len);
        long_add(ls, p, HBM_CMD_PREA, 0, 0, 0, 0);
    }
    return (uint64_t)periods * (uint64_t)p_len;
}

START_TEST(test_long_bank_group_rotating_stream_with_refpb_rounds_is_legal)
{
    struct hbm_config cfg = presets[_i], *c = &cfg;
    struct long_stream ls = { NULL, 0, 0 };
    uint64_t end = build_long_stream(c, &ls);
    hbm_check *chk;

    ck_assert_uint_gt(end, 9 * (uint64_t)c->trefi);
    chk = feed(c, ls.c, ls.n);
    ck_assert_int_eq(hbm_check_finish(chk, end), 0);
    ck_assert_msg(hbm_check_violations(chk) == 0, "%s", hbm_check_last_message(chk));
    hbm_check_free(chk);
    free(ls.c);
}
END_TEST

/* The same stream with one read a cycle earlier than its rule allows (the
 * stream may space reads wider: across stack IDs it keeps tCCD_R). */
START_TEST(test_long_stream_with_one_command_early_is_caught)
{
    struct hbm_config cfg = presets[_i], *c = &cfg;
    struct long_stream ls = { NULL, 0, 0 };
    hbm_check *chk;
    int k, per_sid, need;

    build_long_stream(c, &ls);
    for (k = ls.n / 2; ls.c[k].code != HBM_CMD_RD || ls.c[k - 1].code != HBM_CMD_RD; k++)
        ;
    per_sid = c->bankgroups / c->stack_ids;
    need = ls.c[k].bg / per_sid != ls.c[k - 1].bg / per_sid ? c->tccd_r : imax(c->tccd_s, c->tburst);
    ls.c[k].cycle = ls.c[k - 1].cycle + (uint64_t)need - 1;
    chk = feed(c, ls.c, ls.n);
    ck_assert_uint_ge(hbm_check_violations(chk), 1);
    ck_assert_msg(strcmp(hbm_check_last_rule(chk), "tCCD_S") == 0 ||
                  strcmp(hbm_check_last_rule(chk), "tCCD_R") == 0 ||
                  strcmp(hbm_check_last_rule(chk), "data_bus_overlap") == 0,
                  "%s", hbm_check_last_message(chk));
    hbm_check_free(chk);
    free(ls.c);
}
END_TEST

/* Without its REFPBs each bank is reported once per interval it falls behind. */
START_TEST(test_long_stream_without_refreshes_is_caught)
{
    struct hbm_config cfg = presets[_i], *c = &cfg;
    struct long_stream ls = { NULL, 0, 0 };
    uint64_t end = build_long_stream(c, &ls);
    uint64_t banks = (uint64_t)(c->bankgroups * c->banks_per_group);
    hbm_check *chk;
    int k, j = 0;

    for (k = 0; k < ls.n; k++)
        if (ls.c[k].code != HBM_CMD_REFPB)
            ls.c[j++] = ls.c[k];
    chk = feed(c, ls.c, j);
    hbm_check_finish(chk, end);
    ck_assert_str_eq(hbm_check_last_rule(chk), "refresh_rate");
    ck_assert_uint_eq(hbm_check_violations(chk),
                      banks * ((end - 1) / (uint64_t)c->trefi - 8));
    hbm_check_free(chk);
    free(ls.c);
}
END_TEST

/* ---- comparing commands as the log shows them --------------------------- */

START_TEST(test_cmd_same_is_equality_of_formatted_lines)
{
    /* Every pair from a small set of commands: hbm_cmd_same must agree with
     * comparing the two command-log lines, including fields a command does
     * not carry (RD's row, ACT's column, PREA's bank). */
    struct hbm_cmd set[12];
    int n = 0, i, j, code;

    for (code = HBM_CMD_ACT; code <= HBM_CMD_WRA; code += 4) {
        struct hbm_cmd c = { 100, code, 0, 0, 1, 2, 300, 7, HBM_CAUSE_HIT };
        set[n++] = c;
        c.row = 301;            /* differs only in the row  */
        set[n++] = c;
        c.col = 6;              /* ... and the column       */
        set[n++] = c;
    }
    {
        struct hbm_cmd c = { 100, HBM_CMD_PREA, 0, 0, 3, 1, 0, 0, HBM_CAUSE_HIT };
        set[n++] = c;
        c.bg = 0;               /* PREA carries no bank     */
        set[n++] = c;
        c.cycle = 101;
        set[n++] = c;
    }
    ck_assert_int_le(n, 12);
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            char a[128], b[128];
            hbm_cmd_format(&set[i], a, sizeof a);
            hbm_cmd_format(&set[j], b, sizeof b);
            ck_assert_msg(hbm_cmd_same(&set[i], &set[j]) == (strcmp(a, b) == 0),
                          "%d/%d: '%s' vs '%s'", i, j, a, b);
        }
}
END_TEST

START_TEST(test_every_command_name_parses_back_from_its_log_line)
{
    /* name <-> code for every code, "?" and -1 outside; a log line parses
     * back to the command; malformed lines and NOP are refused. */
    int code;
    struct hbm_cmd back;
    char line[128];

    for (code = HBM_CMD_NOP; code < HBM_CMD_COUNT; code++) {
        struct hbm_cmd c = { 1234, code, 0, 0, 1, 2, hbm_cmd_is_row(code) ? 77 : 0, 5, HBM_CAUSE_HIT };
        ck_assert_int_eq(hbm_cmd_from_name(hbm_cmd_name(code)), code);
        ck_assert_int_eq(hbm_cmd_is_read(code), code == HBM_CMD_RD || code == HBM_CMD_RDA);
        ck_assert_int_eq(hbm_cmd_is_write(code), code == HBM_CMD_WR || code == HBM_CMD_WRA);
        hbm_cmd_format(&c, line, sizeof line);
        if (code == HBM_CMD_NOP) {
            ck_assert_int_eq(hbm_cmd_parse(line, &back), -1);
            continue;
        }
        ck_assert_msg(hbm_cmd_parse(line, &back) == 0, "%s", line);
        ck_assert_msg(hbm_cmd_same(&c, &back), "%s", line);
    }
    ck_assert_str_eq(hbm_cmd_name(-1), "?");
    ck_assert_str_eq(hbm_cmd_name(HBM_CMD_COUNT), "?");
    ck_assert_int_eq(hbm_cmd_from_name("ACTIVATE"), -1);
    ck_assert_int_eq(hbm_cmd_is_row(HBM_CMD_COUNT), 0);
    ck_assert_int_eq(hbm_cmd_parse("12 RD 0 0 1 2 0", &back), -1);        /* a field short */
    ck_assert_int_eq(hbm_cmd_parse("12 RD 0 0 1 2 0 3 x", &back), -1);    /* one too many  */
    ck_assert_int_eq(hbm_cmd_parse("12 FOO 0 0 1 2 0 3", &back), -1);     /* no command    */
}
END_TEST

START_TEST(test_stats_equal_names_the_first_field_that_differs)
{
    /* The lockstep's end-of-run comparison: every field, and the latency
     * histogram, is compared and named with both values. */
    struct hbm_stats a, b;
    const char *field = "";
    uint64_t va = 0, vb = 0;

    memset(&a, 0, sizeof a);
    b = a;
    ck_assert_int_eq(hbm_stats_equal(&a, &b, &field, &va, &vb), 1);
    b.row_conflicts = 3;
    ck_assert_int_eq(hbm_stats_equal(&a, &b, &field, &va, &vb), 0);
    ck_assert_str_eq(field, "row_conflicts");
    ck_assert_uint_eq(va, 0);
    ck_assert_uint_eq(vb, 3);
    b = a;
    b.ecc_rmw = 1;
    ck_assert_int_eq(hbm_stats_equal(&a, &b, &field, &va, &vb), 0);
    ck_assert_str_eq(field, "ecc_rmw");
    b = a;
    b.latency_hist[HBM_LAT_BINS - 1] = 9;
    ck_assert_int_eq(hbm_stats_equal(&a, &b, &field, &va, &vb), 0);
    ck_assert_str_eq(field, "latency_hist");
    ck_assert_uint_eq(vb, 9);
}
END_TEST

/* ---- suite ------------------------------------------------------------- */

#define ADD(tc, t) tcase_add_loop_test(tc, t, 0, NPRESETS)
#define ADD2(tc, a, b) do { ADD(tc, a); ADD(tc, b); } while (0)

static Suite *check_suite(void)
{
    Suite *s = suite_create("hbm_check");
    TCase *core = tcase_create("core");
    TCase *limits = tcase_create("limits");

    tcase_add_checked_fixture(core, load_presets, NULL);
    tcase_add_checked_fixture(limits, load_presets, NULL);
    tcase_add_test(core, test_cmd_same_is_equality_of_formatted_lines);
    tcase_add_test(core, test_every_command_name_parses_back_from_its_log_line);
    tcase_add_test(core, test_stats_equal_names_the_first_field_that_differs);
    tcase_set_timeout(limits, 60);

    /* same bank */
    ADD2(core, test_act_after_act_same_bank_before_trc_is_caught,
         test_act_after_act_same_bank_at_trc_is_legal);
    ADD2(core, test_refpb_after_act_same_bank_before_trc_is_caught,
         test_refpb_after_act_same_bank_at_trc_is_legal);
    ADD2(core, test_refab_after_act_of_any_bank_before_trc_is_caught,
         test_refab_after_act_of_any_bank_at_trc_is_legal);
    ADD2(core, test_rd_after_act_before_trcdrd_is_caught,
         test_rd_after_act_at_trcdrd_is_legal);
    ADD2(core, test_rda_after_act_before_trcdrd_is_caught,
         test_rda_after_act_at_trcdrd_is_legal);
    ADD2(core, test_wr_after_act_before_trcdwr_is_caught,
         test_wr_after_act_at_trcdwr_is_legal);
    ADD2(core, test_wra_after_act_before_trcdwr_is_caught,
         test_wra_after_act_at_trcdwr_is_legal);
    ADD2(core, test_pre_after_act_before_tras_is_caught,
         test_pre_after_act_at_tras_is_legal);
    ADD2(core, test_prea_before_tras_of_latest_open_bank_is_caught,
         test_prea_at_tras_of_latest_open_bank_is_legal);
    ADD2(core, test_prea_checks_tras_of_bank_left_open_by_rd_is_caught,
         test_prea_skips_tras_of_bank_closed_by_rda_is_legal);
    ADD2(core, test_act_after_pre_before_trp_is_caught,
         test_act_after_pre_at_trp_is_legal);
    ADD2(core, test_act_of_any_bank_after_prea_before_trp_is_caught,
         test_act_of_any_bank_after_prea_at_trp_is_legal);
    ADD2(core, test_refpb_after_pre_before_trp_is_caught,
         test_refpb_after_pre_at_trp_is_legal);
    ADD2(core, test_refpb_after_prea_before_trp_is_caught,
         test_refpb_after_prea_at_trp_is_legal);
    ADD2(core, test_refab_after_pre_before_trp_is_caught,
         test_refab_after_pre_at_trp_is_legal);
    ADD2(core, test_refab_after_prea_before_trp_is_caught,
         test_refab_after_prea_at_trp_is_legal);
    ADD2(core, test_pre_after_rd_before_trtp_is_caught,
         test_pre_after_rd_at_trtp_is_legal);
    ADD2(core, test_prea_after_rd_of_any_bank_before_trtp_is_caught,
         test_prea_after_rd_of_any_bank_at_trtp_is_legal);
    ADD2(core, test_pre_after_wr_before_wl_tburst_twr_is_caught,
         test_pre_after_wr_at_wl_tburst_twr_is_legal);
    ADD2(core, test_prea_after_wr_of_any_bank_before_twr_is_caught,
         test_prea_after_wr_of_any_bank_at_twr_is_legal);
    ADD2(core, test_act_after_rda_before_trtp_plus_trp_is_caught,
         test_act_after_rda_at_trtp_plus_trp_is_legal);
    ADD2(core, test_refpb_after_rda_before_trtp_plus_trp_is_caught,
         test_refpb_after_rda_at_trtp_plus_trp_is_legal);
    ADD2(core, test_refab_after_rda_before_trtp_plus_trp_is_caught,
         test_refab_after_rda_at_trtp_plus_trp_is_legal);
    ADD2(core, test_act_after_wra_before_twr_plus_trp_is_caught,
         test_act_after_wra_at_twr_plus_trp_is_legal);
    ADD2(core, test_refpb_after_wra_before_twr_plus_trp_is_caught,
         test_refpb_after_wra_at_twr_plus_trp_is_legal);
    ADD2(core, test_refab_after_wra_before_twr_plus_trp_is_caught,
         test_refab_after_wra_at_twr_plus_trp_is_legal);
    ADD2(core, test_act_after_refpb_same_bank_before_trfcpb_is_caught,
         test_act_after_refpb_same_bank_at_trfcpb_is_legal);
    ADD2(core, test_refpb_after_refpb_same_bank_before_trfcpb_is_caught,
         test_refpb_after_refpb_same_bank_at_trfcpb_is_legal);
    ADD2(core, test_refab_after_refpb_before_trfcpb_is_caught,
         test_refab_after_refpb_at_trfcpb_is_legal);
    /* same bank group */
    ADD2(core, test_rd_after_rd_same_bank_group_before_tccd_l_is_caught,
         test_rd_after_rd_same_bank_group_at_tccd_l_is_legal);
    ADD2(core, test_wr_after_wra_same_bank_group_before_tccd_l_is_caught,
         test_wr_after_wra_same_bank_group_at_tccd_l_is_legal);
    ADD2(core, test_act_after_act_same_bank_group_before_trrd_l_is_caught,
         test_act_after_act_same_bank_group_at_trrd_l_is_legal);
    ADD2(core, test_rd_after_wr_same_bank_group_before_wl_tburst_twtr_l_is_caught,
         test_rd_after_wr_same_bank_group_at_wl_tburst_twtr_l_is_legal);
    /* different bank group */
    ADD2(core, test_rd_after_rd_other_bank_group_before_tccd_s_is_caught,
         test_rd_after_rd_other_bank_group_at_tccd_s_is_legal);
    ADD2(core, test_wra_after_wr_other_bank_group_before_tccd_s_is_caught,
         test_wra_after_wr_other_bank_group_at_tccd_s_is_legal);
    ADD2(core, test_rd_after_rd_other_stack_id_before_tccd_r_is_caught,
         test_rd_after_rd_other_stack_id_at_tccd_r_is_legal);
    ADD2(core, test_wr_after_wra_other_stack_id_before_tccd_r_is_caught,
         test_wr_after_wra_other_stack_id_at_tccd_r_is_legal);
    ADD2(core, test_act_after_act_other_bank_group_before_trrd_s_is_caught,
         test_act_after_act_other_bank_group_at_trrd_s_is_legal);
    ADD2(core, test_rd_after_wr_other_bank_group_before_wl_tburst_twtr_s_is_caught,
         test_rd_after_wr_other_bank_group_at_wl_tburst_twtr_s_is_legal);
    /* channel */
    ADD2(core, test_wr_after_rd_before_trtw_is_caught, test_wr_after_rd_at_trtw_is_legal);
    ADD2(core, test_fifth_act_before_tfaw_is_caught, test_fifth_act_at_tfaw_is_legal);
    ADD2(core, test_sixth_act_before_tfaw_after_the_second_is_caught,
         test_sixth_act_at_tfaw_after_the_second_is_legal);
    ADD2(core, test_act_after_refab_before_trfc_is_caught, test_act_after_refab_at_trfc_is_legal);
    ADD2(core, test_refab_after_refab_before_trfc_is_caught,
         test_refab_after_refab_at_trfc_is_legal);
    ADD2(core, test_refpb_after_refab_before_trfc_is_caught,
         test_refpb_after_refab_at_trfc_is_legal);
    ADD2(core, test_act_other_bank_after_refpb_before_trrefd_is_caught,
         test_act_other_bank_after_refpb_at_trrefd_is_legal);
    ADD2(core, test_refpb_other_bank_after_refpb_before_trrefd_is_caught,
         test_refpb_other_bank_after_refpb_at_trrefd_is_legal);
    ADD2(core, test_refpb_other_bank_after_act_before_trrd_s_is_caught,
         test_refpb_other_bank_after_act_at_trrd_s_is_legal);
    /* buses */
    ADD2(core, test_two_row_commands_in_one_cycle_are_caught,
         test_row_commands_in_consecutive_cycles_are_legal);
    ADD2(core, test_pre_to_pre_before_tppd_is_caught, test_pre_to_pre_at_tppd_is_legal);
    ADD2(core, test_row_command_in_the_cycle_after_act_is_caught,
         test_row_command_two_cycles_after_act_is_legal);
    ADD2(core, test_two_column_commands_in_one_cycle_are_caught,
         test_column_commands_in_consecutive_cycles_are_legal);
    ADD2(core, test_read_burst_overlapping_the_previous_is_caught,
         test_read_burst_right_after_the_previous_is_legal);
    ADD2(core, test_write_burst_right_after_read_burst_is_caught,
         test_write_burst_one_idle_cycle_after_read_burst_is_legal);
    ADD2(core, test_write_burst_ending_where_earlier_read_burst_starts_is_caught,
         test_write_burst_ending_one_cycle_before_read_burst_is_legal);
    ADD(core, test_write_burst_landing_on_earlier_issued_read_burst_is_caught);
    ADD2(core, test_command_before_previous_cycle_is_caught,
         test_row_command_in_same_cycle_as_column_command_is_legal);
    /* bank state */
    ADD2(core, test_act_to_open_bank_is_caught, test_act_after_pre_of_that_bank_is_legal);
    ADD2(core, test_rd_to_never_opened_bank_is_caught, test_rd_to_activated_bank_is_legal);
    ADD2(core, test_wr_after_rda_closed_the_bank_is_caught,
         test_wr_after_rd_left_the_bank_open_is_legal);
    ADD2(core, test_refpb_to_open_bank_is_caught, test_refpb_to_precharged_bank_is_legal);
    ADD2(core, test_refab_with_a_bank_open_is_caught,
         test_refab_with_all_banks_precharged_is_legal);
    /* refresh */
    ADD2(core, test_second_refpb_before_the_round_ends_is_caught,
         test_second_refpb_after_every_bank_had_one_is_legal);
    ADD2(core, test_refab_does_not_excuse_a_second_refpb_to_one_bank,
         test_refab_then_refpb_to_another_bank_is_legal);
    ADD(core, test_no_refresh_past_nine_trefi_is_caught_for_every_bank);
    ADD(core, test_no_refresh_until_nine_trefi_is_legal);
    ADD(core, test_one_bank_never_refreshed_past_nine_trefi_is_caught_once);
    ADD(core, test_one_bank_never_refreshed_until_nine_trefi_is_legal);
    ADD(core, test_refresh_rate_is_checked_for_the_cycle_before_each_command);
    ADD(core, test_refresh_deficit_is_reported_once_until_it_grows);
    ADD(core, test_refresh_rate_is_checked_even_with_refresh_mode_none);
    /* data bus against the presets */
    ADD(core, test_trtw_covers_the_read_to_write_turnaround);
    ADD(core, test_reads_at_tccd_s_across_bank_groups_never_collide);
    ADD(core, test_rd_one_before_tccd_s_also_overlaps_bursts);
    ADD(core, test_rd_and_wr_in_one_cycle_break_column_bus_and_trtw);
    /* messages and behaviour */
    ADD(core, test_message_states_cycle_command_rule_and_numbers);
    ADD(core, test_message_of_a_composite_delay_names_its_terms);
    ADD(core, test_fresh_checker_has_no_rule_and_no_message);
    ADD(core, test_pre_to_closed_bank_restarts_nothing);
    ADD(core, test_every_broken_rule_of_one_command_counts);
    ADD(core, test_illegal_act_still_opens_the_bank);
    ADD(core, test_nop_is_ignored);

    ADD2(limits, test_act_to_row_past_the_last_is_caught, test_act_to_last_row_is_legal);
    ADD2(limits, test_act_to_bank_group_past_the_last_is_caught,
         test_act_to_last_bank_group_is_legal);
    ADD2(limits, test_refpb_to_bank_past_the_last_is_caught, test_refpb_to_last_bank_is_legal);
    ADD2(limits, test_rd_to_column_past_the_last_is_caught, test_rd_to_last_column_is_legal);
    ADD(limits, test_negative_bank_group_is_caught);
    ADD(limits, test_unknown_command_code_is_caught);
    ADD(limits, test_create_rejects_config_without_banks);
    tcase_add_test(limits, test_create_rejects_missing_config);
    tcase_add_test(limits, test_timing_doc_values_match_the_presets);
    ADD(limits, test_long_bank_group_rotating_stream_with_refpb_rounds_is_legal);
    ADD(limits, test_long_stream_with_one_command_early_is_caught);
    ADD(limits, test_long_stream_without_refreshes_is_caught);

    suite_add_tcase(s, core);
    suite_add_tcase(s, limits);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(check_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
