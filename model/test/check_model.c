/*
 * check_model.c - unit tests of the controller model (model/hbm_model.h)
 * against docs/microarchitecture.md.
 *
 * Owns: the request port and its ready rule, unloaded latencies, the
 * FR-FCFS column and row picks, the write-drain watermarks, response
 * credits, the page policies, the refresh engine as seen on the command
 * bus, the data path (byte enables, read-back, order per address), the
 * statistics and determinism.  Every test drives the model with the
 * documented cycle protocol (for each cycle: push, pop, tick), captures
 * the commands with hbm_model_set_cmd_hook, and asserts an exact cycle
 * or an exact decision computed from the loaded config.  Scheduler tests
 * run with refresh_mode = none unless they are about refresh.
 *
 * Run from the repository root: CK_FORK=no build/test/check_model
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hbm_test_util.h"

/*
 * hbm2_2000 with refresh off, open page, the lowest-bank refresh pick and
 * no read-queue low watermark (write mode from read mode only at the
 * write queue's high watermark or with no read waiting):
 * the rules below are written for those (a test that needs another knob
 * sets it with WITH).  Loaded before every test.
 */
static struct hbm_config base;

static void setup(void)
{
    tu_load(&base, TU_PRESET);
    base.refresh_mode = HBM_REFRESH_NONE;
    base.page_policy = HBM_PAGE_OPEN;
    base.refresh_pick = HBM_REFPICK_LOWEST;
    base.rq_low = 0;
    tu_finish(&base);
}

static void teardown(void)
{
    tu_run_free_all();
}

#define U(x) ((uint64_t)(x))
/* The decision pipeline: state the candidate stage sees in cycle c
 * reaches the buses in c + PIPE at the earliest (candidate register, then
 * the issue register). */
#define PIPE U(HBM_CAND_TO_PICK + HBM_PICK_TO_ISSUE)
/* The request port register: a request handed over in cycle a is taken
 * by its queue in a + PORT at the earliest, and seen by the candidate
 * stage in a + ACC. */
#define PORT U(HBM_PORT_TO_QUEUE)
#define ACC (PORT + 1)
/* The pick stage alone: a response credit returned in cycle c counts from
 * the pick of c + 1, so its column command is on the bus in c + 1 + ISSUE. */
#define ISSUE U(HBM_PICK_TO_ISSUE)

/* What a test relies on in the preset; fails loudly if a preset changes. */
#define NEED(cond) ck_assert_msg((cond), "%s cannot show this rule: needs %s", base.source, #cond)

/* A config derived from base by one statement, e.g. WITH(c, c.resp_queue_depth = 1). */
#define WITH(c, edits) \
    struct hbm_config c = base; \
    edits; \
    tu_finish(&c)

static const struct hbm_resp *resp_of(const struct tu_run *r, uint32_t id)
{
    const struct hbm_resp *p = tu_resp(r, id);
    ck_assert_msg(p != NULL, "no response with id %u", (unsigned)id);
    return p;
}

/* Tick (not popping) until a response is offered; at most limit cycles. */
static void until_resp_valid(struct tu_run *r, uint64_t limit)
{
    uint64_t start = tu_now(r);
    while (!hbm_model_resp_valid(r->m)) {
        if (tu_now(r) - start >= limit)
            ck_abort_msg("no response offered within %llu cycles", (unsigned long long)limit);
        hbm_model_tick(r->m);
    }
}

static void fill(uint8_t *d, unsigned seed)
{
    int i;
    for (i = 0; i < (int)HBM_BURST_BYTES; i++)
        d[i] = (uint8_t)(seed * 37u + (unsigned)i * 11u + 1u);
}

/* ==== unloaded latency ================================================== */

START_TEST(test_read_to_closed_bank_activates_four_clocks_after_accept_and_takes_trcdrd_rl_tburst)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t a = tu_read(r, tu_addr(c, 1, 2, 5, 3), 7);
    const struct hbm_resp *p;

    tu_drain(r, 1000);
    ck_assert_int_eq(r->log.n, 2);
    tu_expect_cmd(&r->log, 0, HBM_CMD_ACT, a + ACC + PIPE, 1, 2);
    tu_expect_cmd(&r->log, 1, HBM_CMD_RD, a + ACC + PIPE + U(c->trcdrd), 1, 2);
    ck_assert_int_eq(r->log.c[0].row, 5);
    ck_assert_int_eq(r->log.c[1].col, 3);
    p = resp_of(r, 7);
    ck_assert_int_eq(p->is_write, 0);
    ck_assert_uint_eq(p->accept_cycle, a);
    ck_assert_uint_eq(p->done_cycle - p->accept_cycle, PORT + PIPE + U(c->trcdrd + c->rl + c->tburst));
    tu_run_free(r);
}
END_TEST

START_TEST(test_read_row_hit_reads_four_clocks_after_accept_and_takes_rl_tburst)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t a;
    int n0;

    tu_read(r, tu_addr(c, 3, 0, 9, 0), 1);
    tu_settle(r);
    n0 = r->log.n;
    a = tu_read(r, tu_addr(c, 3, 0, 9, 1), 2);
    tu_drain(r, 1000);
    ck_assert_int_eq(r->log.n, n0 + 1);
    tu_expect_cmd(&r->log, n0, HBM_CMD_RD, a + ACC + PIPE, 3, 0);
    ck_assert_uint_eq(resp_of(r, 2)->done_cycle - a, PORT + PIPE + U(c->rl + c->tburst));
    tu_run_free(r);
}
END_TEST

START_TEST(test_read_row_conflict_adds_trp_and_trcdrd)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t a;
    int n0;

    tu_read(r, tu_addr(c, 0, 1, 9, 0), 1);
    tu_settle(r);
    n0 = r->log.n;
    a = tu_read(r, tu_addr(c, 0, 1, 10, 0), 2);
    tu_drain(r, 1000);
    ck_assert_int_eq(r->log.n, n0 + 3);
    tu_expect_cmd(&r->log, n0, HBM_CMD_PRE, a + ACC + PIPE, 0, 1);
    tu_expect_cmd(&r->log, n0 + 1, HBM_CMD_ACT, a + ACC + PIPE + U(c->trp), 0, 1);
    tu_expect_cmd(&r->log, n0 + 2, HBM_CMD_RD, a + ACC + PIPE + U(c->trp + c->trcdrd), 0, 1);
    ck_assert_int_eq(r->log.c[n0 + 1].row, 10);
    ck_assert_uint_eq(resp_of(r, 2)->done_cycle - a, PORT + PIPE + U(c->trp + c->trcdrd + c->rl + c->tburst));
    tu_run_free(r);
}
END_TEST

START_TEST(test_write_to_closed_bank_responds_after_trcdwr_wl_tburst)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint8_t d[HBM_BURST_BYTES];
    const struct hbm_resp *p;
    uint64_t a;

    fill(d, 1);
    a = tu_push(r, tu_addr(c, 2, 2, 4, 4), 1, 9, d, 0xFFFFFFFFu);
    tu_drain(r, 1000);
    ck_assert_int_eq(r->log.n, 2);
    tu_expect_cmd(&r->log, 0, HBM_CMD_ACT, a + ACC + PIPE, 2, 2);
    tu_expect_cmd(&r->log, 1, HBM_CMD_WR, a + ACC + PIPE + U(c->trcdwr), 2, 2);
    p = resp_of(r, 9);
    ck_assert_int_eq(p->is_write, 1);
    ck_assert_uint_eq(p->done_cycle - a, PORT + PIPE + U(c->trcdwr + c->wl + c->tburst));
    tu_run_free(r);
}
END_TEST

START_TEST(test_response_is_offered_the_cycle_after_its_last_data_word)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t a, done;
    struct hbm_resp p;

    r->auto_pop = 0;
    a = tu_read(r, tu_addr(c, 0, 0, 1, 1), 3);
    done = a + PORT + PIPE + U(c->trcdrd + c->rl + c->tburst);
    tu_until(r, done);
    ck_assert(!hbm_model_resp_valid(r->m));
    ck_assert(!hbm_model_pop_resp(r->m, &p));
    hbm_model_tick(r->m);
    ck_assert(hbm_model_resp_valid(r->m));
    ck_assert(hbm_model_pop_resp(r->m, &p));
    ck_assert_uint_eq(p.done_cycle, done);
    ck_assert_uint_eq(p.id, 3);
    ck_assert(!hbm_model_resp_valid(r->m));
    tu_run_free(r);
}
END_TEST

/* ==== request port ======================================================= */

START_TEST(test_full_read_queue_holds_the_next_read_in_the_port_until_a_request_leaves_it)
{
    WITH(c, c.read_queue_depth = 2);
    struct tu_run *r = tu_run_create(&c);
    uint64_t rd0, now;

    tu_read(r, tu_addr(&c, 1, 1, 3, 0), 0);
    tu_read(r, tu_addr(&c, 1, 1, 3, 1), 1);
    /* The port takes two more: they wait in its register while the queue is full. */
    tu_read(r, tu_addr(&c, 1, 1, 3, 2), 2);
    tu_read(r, tu_addr(&c, 1, 1, 3, 3), 3);
    rd0 = ACC + PIPE + U(c.trcdrd); /* the first RD: ACT at ACC + PIPE, then tRCDRD */
    for (;;) {
        now = tu_now(r);
        if (hbm_model_can_accept(r->m, tu_addr(&c, 1, 1, 3, 4), 0))
            break;
        if (hbm_model_push(r->m, tu_addr(&c, 1, 1, 3, 4), 0, 4, NULL, 0) != HBM_PUSH_FULL ||
            hbm_model_queue_count(r->m, 0) != (now == rd0 + 1 ? 1 : 2) ||
            hbm_model_port_count(r->m) != 2 || now > rd0 + 1)
            ck_abort_msg("cycle %llu: %d queued, %d in the port", (unsigned long long)now,
                         hbm_model_queue_count(r->m, 0), hbm_model_port_count(r->m));
        tu_tick(r);
    }
    /* The RD in cycle rd0 frees its entry at the edge, the queue takes the
     * port's head in rd0 + 1, and the port has room from rd0 + 2. */
    ck_assert_uint_eq(now, rd0 + 2);
    tu_expect_cmd(&r->log, 1, HBM_CMD_RD, rd0, 1, 1);
    tu_push(r, tu_addr(&c, 1, 1, 3, 4), 0, 4, NULL, 0);
    tu_drain(r, 1000);
    ck_assert_int_eq(r->nresp, 5);
    tu_run_free(r);
}
END_TEST

START_TEST(test_full_write_queue_fills_the_port_register_which_then_refuses)
{
    WITH(c, (c.write_queue_depth = 2, c.wq_high = 2, c.wq_low = 0));
    struct tu_run *r = tu_run_create(&c);
    uint8_t d[HBM_BURST_BYTES];
    int k;

    fill(d, 2);
    for (k = 0; k < 4; k++)
        tu_push(r, tu_addr(&c, 0, 0, 3, k), 1, (uint32_t)k, d, 0xFFFFFFFFu);
    ck_assert_int_eq(hbm_model_queue_count(r->m, 1), 2);
    ck_assert_int_eq(hbm_model_port_count(r->m), 2);
    ck_assert(!hbm_model_can_accept(r->m, tu_addr(&c, 0, 0, 3, 4), 1));
    ck_assert_int_eq(hbm_model_push(r->m, tu_addr(&c, 0, 0, 3, 4), 1, 4, d, 0xFFFFFFFFu), HBM_PUSH_FULL);
    /* The port is in order: a read waits behind the writes too. */
    ck_assert(!hbm_model_can_accept(r->m, tu_addr(&c, 1, 0, 3, 0), 0));
    tu_tick(r);
    ck_assert_int_eq(hbm_model_queue_count(r->m, 1), 2);
    tu_drain(r, 2000);
    ck_assert_int_eq(r->nresp, 4);
    tu_run_free(r);
}
END_TEST

START_TEST(test_second_push_in_one_cycle_is_refused)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;

    ck_assert_int_eq(hbm_model_push(r->m, tu_addr(c, 0, 0, 1, 0), 0, 1, NULL, 0), HBM_PUSH_OK);
    ck_assert(!hbm_model_can_accept(r->m, tu_addr(c, 1, 0, 1, 0), 0));
    ck_assert(!hbm_model_can_accept(r->m, tu_addr(c, 1, 0, 1, 0), 1));
    ck_assert_int_eq(hbm_model_push(r->m, tu_addr(c, 1, 0, 1, 0), 0, 2, NULL, 0), HBM_PUSH_FULL);
    tu_tick(r);
    ck_assert_int_eq(hbm_model_port_count(r->m), 1);
    /* The next cycle takes a request again. */
    ck_assert_int_eq(hbm_model_push(r->m, tu_addr(c, 1, 0, 1, 0), 0, 2, NULL, 0), HBM_PUSH_OK);
    tu_tick(r);
    tu_drain(r, 1000);
    ck_assert_int_eq(r->nresp, 2);
    tu_run_free(r);
}
END_TEST

START_TEST(test_address_at_or_beyond_capacity_is_refused)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint8_t d[HBM_BURST_BYTES];

    fill(d, 3);
    ck_assert(!hbm_model_can_accept(r->m, c->capacity_bytes, 0));
    ck_assert_int_eq(hbm_model_push(r->m, c->capacity_bytes, 0, 1, NULL, 0), HBM_PUSH_ADDR);
    ck_assert_int_eq(hbm_model_push(r->m, c->capacity_bytes + 12345, 1, 1, d, 0xFFFFFFFFu), HBM_PUSH_ADDR);
    ck_assert_int_eq(hbm_model_push(r->m, ~(uint64_t)0, 0, 1, NULL, 0), HBM_PUSH_ADDR);
    /* Nothing was taken: the last byte of the capacity still goes in this cycle. */
    ck_assert(hbm_model_can_accept(r->m, c->capacity_bytes - 1, 0));
    ck_assert_int_eq(hbm_model_push(r->m, c->capacity_bytes - 1, 0, 1, NULL, 0), HBM_PUSH_OK);
    tu_tick(r);
    tu_drain(r, 1000);
    ck_assert_int_eq(r->nresp, 1);
    /* The last burst of the device: last bank group, bank, row and column. */
    tu_expect_cmd(&r->log, 1, HBM_CMD_RD, ACC + PIPE + U(c->trcdrd), -1, -1);
    ck_assert_int_eq(r->log.c[1].col, c->columns - 1);
    ck_assert_int_eq(r->log.c[0].row, c->rows - 1);
    tu_run_free(r);
}
END_TEST

START_TEST(test_id_wider_than_id_bits_is_refused)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint32_t top = (1u << c->id_bits) - 1u;

    ck_assert_int_eq(hbm_model_push(r->m, tu_addr(c, 0, 0, 1, 0), 0, top + 1u, NULL, 0), HBM_PUSH_ID);
    ck_assert_int_eq(hbm_model_push(r->m, tu_addr(c, 0, 0, 1, 0), 0, 0xFFFFFFFFu, NULL, 0), HBM_PUSH_ID);
    ck_assert_int_eq(hbm_model_push(r->m, tu_addr(c, 0, 0, 1, 0), 0, top, NULL, 0), HBM_PUSH_OK);
    tu_tick(r);
    tu_drain(r, 1000);
    ck_assert_int_eq(r->nresp, 1);
    ck_assert_uint_eq(r->resp[0].id, top);
    tu_run_free(r);
}
END_TEST

/*
 * Hand `addr` over now; it must wait in the request port register until
 * the cycle after the first command with code `code` in the log at or
 * after index from, and go to its queue then.  Returns that cycle.
 */
static uint64_t expect_held_until_issue(struct tu_run *r, uint64_t addr, int is_write, uint32_t id,
                                        const uint8_t *d, int from, int code)
{
    uint64_t a = tu_push(r, addr, is_write, id, d, 0xFFFFFFFFu), taken;
    int idx;

    while (hbm_model_port_count(r->m)) {
        ck_assert_msg(hbm_model_events(r->m) >> HBM_EVENT_WAR_HOLD & 1 || tu_now(r) == a + 1,
                      "cycle %llu: held without WAR_HOLD", (unsigned long long)tu_now(r) - 1);
        ck_assert_uint_lt(tu_now(r), a + 1000);
        tu_tick(r);
    }
    taken = tu_now(r) - 1;   /* the port is empty after the edge of the cycle its queue took it */
    idx = tu_find(&r->log, from, code, -1, -1);
    ck_assert_int_ge(idx, 0);
    ck_assert_uint_eq(taken, r->log.c[idx].cycle + 1);
    return taken;
}

START_TEST(test_read_after_a_full_write_is_answered_from_the_write_queue_once_taken)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t x = tu_addr(c, 2, 1, 6, 7), a;
    uint8_t d[HBM_BURST_BYTES];
    int n0;

    fill(d, 4);
    r->auto_pop = 0;
    tu_push(r, x, 1, 1, d, 0xFFFFFFFFu);
    n0 = r->log.n;
    /* Another byte of the same 32-byte burst is the same burst: taken from
     * the port register in the next cycle, no read command, the response
     * offered in the cycle after (its latency counts as 0). */
    a = tu_read(r, x + 8, 2);
    ck_assert(!hbm_model_resp_valid(r->m));
    tu_tick(r);
    ck_assert_uint_eq(tu_now(r), a + PORT + 1);
    ck_assert(hbm_model_resp_valid(r->m));
    ck_assert(tu_pop(r));
    ck_assert_uint_eq(r->resp[0].id, 2);
    ck_assert_mem_eq(r->resp[0].data, d, HBM_BURST_BYTES);
    ck_assert_uint_eq(r->resp[0].done_cycle, a);
    r->auto_pop = 1;
    tu_drain(r, 1000);
    ck_assert_int_lt(tu_find(&r->log, n0, HBM_CMD_RD, -1, -1), 0);
    ck_assert_int_lt(tu_find(&r->log, n0, HBM_CMD_RDA, -1, -1), 0);
    ck_assert_uint_eq(hbm_model_stats(r->m)->reads_forwarded, 1);
    ck_assert_uint_eq(hbm_model_stats(r->m)->reads, 1);
    tu_run_free(r);
}
END_TEST

START_TEST(test_forward_register_takes_one_read_until_its_response_is_popped)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t x = tu_addr(c, 1, 2, 3, 4), p, a3;
    uint8_t d[HBM_BURST_BYTES];

    fill(d, 9);
    r->auto_pop = 0;
    tu_push(r, x, 1, 1, d, 0xFFFFFFFFu);
    tu_read(r, x, 2);
    /* The forward register holds id 2 until it is popped: the next read of
     * the burst waits in the port register. */
    a3 = tu_read(r, x, 3);
    tu_ticks(r, 3);
    ck_assert_int_eq(hbm_model_port_count(r->m), 1);
    p = tu_now(r);
    ck_assert(tu_pop(r));
    ck_assert_uint_eq(r->resp[0].id, 2);
    /* popped in cycle p: the register takes id 3 in p + 1, offers it in p + 2 */
    tu_tick(r);
    ck_assert_int_eq(hbm_model_port_count(r->m), 1);
    ck_assert(!hbm_model_resp_valid(r->m));
    tu_tick(r);
    ck_assert_uint_eq(tu_now(r), p + 2);
    ck_assert_int_eq(hbm_model_port_count(r->m), 0);
    ck_assert(tu_pop(r));
    ck_assert_uint_eq(r->resp[1].id, 3);
    ck_assert_uint_eq(r->resp[1].accept_cycle, a3);
    r->auto_pop = 1;
    tu_drain(r, 1000);
    ck_assert_int_eq(r->nresp, 3);
    ck_assert_mem_eq(resp_of(r, 3)->data, d, HBM_BURST_BYTES);
    ck_assert_uint_eq(hbm_model_stats(r->m)->reads_forwarded, 2);
    tu_run_free(r);
}
END_TEST

START_TEST(test_read_after_a_partial_write_is_accepted_and_reads_after_the_wr)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t x = tu_addr(c, 2, 1, 6, 7), y = tu_addr(c, 0, 3, 9, 1);
    uint8_t d[HBM_BURST_BYTES], want[HBM_BURST_BYTES];
    uint32_t be = 0x0F0F00FFu;
    int i, n0, wr, rd;

    fill(d, 4);
    for (i = 0; i < (int)HBM_BURST_BYTES; i++)
        want[i] = (be >> i & 1) ? d[i] : 0;
    n0 = r->log.n;
    tu_push(r, x, 1, 1, d, be);
    /* Queued at once (no wait in the port), behind the write. */
    tu_read(r, x + 31, 2);
    tu_tick(r);
    ck_assert_int_eq(hbm_model_queue_count(r->m, 0), 1);
    /* Other reads pass it. */
    tu_read(r, y, 3);
    tu_drain(r, 2000);
    wr = tu_find(&r->log, n0, HBM_CMD_WR, 2, 1);
    if (wr < 0)
        wr = tu_find(&r->log, n0, HBM_CMD_WRA, 2, 1);
    rd = tu_find(&r->log, n0, HBM_CMD_RD, 2, 1);
    if (rd < 0)
        rd = tu_find(&r->log, n0, HBM_CMD_RDA, 2, 1);
    ck_assert_int_ge(wr, 0);
    ck_assert_int_gt(rd, wr);   /* the read of x goes to the device after the write */
    ck_assert_mem_eq(resp_of(r, 2)->data, want, HBM_BURST_BYTES);
    ck_assert_uint_eq(hbm_model_stats(r->m)->reads_forwarded, 0);
    tu_run_free(r);
}
END_TEST

START_TEST(test_a_read_forwards_the_newest_write_and_waits_for_a_partial_newest)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t x = tu_addr(c, 3, 0, 2, 5);
    uint8_t d1[HBM_BURST_BYTES], d2[HBM_BURST_BYTES], want[HBM_BURST_BYTES];
    int i;

    fill(d1, 21);
    fill(d2, 22);
    /* partial then full: the full one is the newest, forwarded */
    tu_push(r, x, 1, 1, d1, 0x000000FFu);
    tu_push(r, x, 1, 2, d2, 0xFFFFFFFFu);
    tu_read(r, x, 3);
    tu_drain(r, 2000);
    ck_assert_mem_eq(resp_of(r, 3)->data, d2, HBM_BURST_BYTES);
    ck_assert_uint_eq(hbm_model_stats(r->m)->reads_forwarded, 1);
    /* full then partial: the read waits for the partial one, reads both */
    tu_push(r, x, 1, 4, d1, 0xFFFFFFFFu);
    tu_push(r, x, 1, 5, d2, 0x0000FF00u);
    tu_read(r, x, 6);
    tu_drain(r, 2000);
    for (i = 0; i < (int)HBM_BURST_BYTES; i++)
        want[i] = (0x0000FF00u >> i & 1) ? d2[i] : d1[i];
    ck_assert_mem_eq(resp_of(r, 6)->data, want, HBM_BURST_BYTES);
    ck_assert_uint_eq(hbm_model_stats(r->m)->reads_forwarded, 1);
    tu_run_free(r);
}
END_TEST

START_TEST(test_write_after_read_to_same_burst_waits_until_the_rd_has_issued)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t x = tu_addr(c, 2, 1, 6, 7);
    uint8_t d[HBM_BURST_BYTES], zero[HBM_BURST_BYTES];

    fill(d, 5);
    memset(zero, 0, sizeof zero);
    tu_read(r, x, 1);
    expect_held_until_issue(r, x + 31, 1, 2, d, 0, HBM_CMD_RD);
    tu_drain(r, 1000);
    ck_assert_mem_eq(resp_of(r, 1)->data, zero, HBM_BURST_BYTES);
    tu_run_free(r);
}
END_TEST

START_TEST(test_same_direction_requests_to_one_burst_are_not_a_hazard)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t x = tu_addr(c, 1, 3, 2, 2);
    uint8_t d[HBM_BURST_BYTES];

    fill(d, 6);
    tu_push(r, x, 1, 1, d, 0xFFFFFFFFu);
    tu_push(r, x, 1, 2, d, 0xFFFFFFFFu);
    /* A read of the next burst is no hazard either. */
    tu_read(r, x + HBM_BURST_BYTES, 3);
    tu_drain(r, 1000);
    tu_read(r, x, 4);
    tu_read(r, x, 5);
    tu_drain(r, 1000);
    ck_assert_int_eq(r->nresp, 5);
    tu_run_free(r);
}
END_TEST

/* ==== FR-FCFS ============================================================ */

START_TEST(test_younger_row_hit_issues_before_older_miss)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    int hi_bg = c->bankgroups - 1, hi_ba = c->banks_per_group - 1;
    uint64_t a;
    int n0;

    NEED(base.trcdrd >= 2);
    tu_read(r, tu_addr(c, 0, 0, 5, 0), 1);
    tu_settle(r);
    n0 = r->log.n;
    a = tu_read(r, tu_addr(c, hi_bg, hi_ba, 5, 0), 2); /* miss, older   */
    tu_read(r, tu_addr(c, 0, 0, 5, 1), 3);             /* hit, younger  */
    tu_drain(r, 1000);
    tu_expect_cmd(&r->log, n0, HBM_CMD_ACT, a + ACC + PIPE, hi_bg, hi_ba);
    tu_expect_cmd(&r->log, n0 + 1, HBM_CMD_RD, a + ACC + 1 + PIPE, 0, 0);
    tu_expect_cmd(&r->log, n0 + 2, HBM_CMD_RD, a + ACC + PIPE + U(c->trcdrd), hi_bg, hi_ba);
    tu_run_free(r);
}
END_TEST

/* sched_window: a row hit behind the window's entries waits for one of them
 * to leave; with the whole queue in view it goes first (the test above). */
START_TEST(test_row_hit_beyond_the_window_waits_until_an_older_entry_leaves)
{
    WITH(c2, c2.sched_window = 2);
    struct tu_run *r = tu_run_create(&c2);
    const struct hbm_config *c = &r->cfg;
    int hi_bg = c->bankgroups - 1, hi_ba = c->banks_per_group - 1, n0, hit, miss;
    uint64_t a;

    NEED(base.trcdrd >= 2 && base.read_queue_depth >= 3);
    tu_read(r, tu_addr(c, 0, 0, 5, 0), 1);
    tu_settle(r);
    n0 = r->log.n;
    a = tu_read(r, tu_addr(c, hi_bg, hi_ba, 5, 0), 2);   /* miss, position 0 */
    tu_read(r, tu_addr(c, hi_bg - 1, hi_ba, 5, 0), 3);   /* miss, position 1 */
    tu_read(r, tu_addr(c, 0, 0, 5, 1), 4);               /* hit, position 2: outside */
    tu_drain(r, 2000);
    /* the misses' ACTs come as they would, the hit's RD only after the
     * first miss's RD has popped it into the window */
    tu_expect_cmd(&r->log, n0, HBM_CMD_ACT, a + ACC + PIPE, hi_bg, hi_ba);
    miss = tu_find(&r->log, n0, HBM_CMD_RD, hi_bg, hi_ba);
    hit = tu_find(&r->log, n0, HBM_CMD_RD, 0, 0);
    ck_assert_msg(miss >= 0 && hit > miss, "the hit's RD (%d) must follow the first miss's RD (%d)", hit, miss);
    ck_assert_uint_gt(r->log.c[hit].cycle, r->log.c[miss].cycle);
    tu_run_free(r);
}
END_TEST

START_TEST(test_fcfs_serves_the_older_miss_before_a_younger_row_hit)
{
    WITH(c, c.scheduler = HBM_SCHED_FCFS);
    struct tu_run *r = tu_run_create(&c);
    int hi_bg = c.bankgroups - 1, hi_ba = c.banks_per_group - 1;
    uint64_t a;
    int n0;

    NEED(base.bankgroups > 1 && base.tccd_s >= base.tburst);
    tu_read(r, tu_addr(&c, 0, 0, 5, 0), 1);
    tu_settle(r);
    n0 = r->log.n;
    a = tu_read(r, tu_addr(&c, hi_bg, hi_ba, 5, 0), 2); /* miss, older   */
    tu_read(r, tu_addr(&c, 0, 0, 5, 1), 3);             /* hit, younger  */
    tu_drain(r, 1000);
    tu_expect_cmd(&r->log, n0, HBM_CMD_ACT, a + ACC + PIPE, hi_bg, hi_ba);
    tu_expect_cmd(&r->log, n0 + 1, HBM_CMD_RD, a + ACC + PIPE + U(c.trcdrd), hi_bg, hi_ba);
    /* under fcfs the candidate register holds the entry after the head
     * too: the hit is the reduce stage's head in the cycle that RD is on
     * the bus, picked in the next; another group: tCCD_S (>= the pick and
     * the issue register) */
    NEED(base.tccd_s >= HBM_PICK_TO_ISSUE + 1);
    tu_expect_cmd(&r->log, n0 + 2, HBM_CMD_RD, a + ACC + PIPE + U(c.trcdrd) + U(c.tccd_s), 0, 0);
    tu_run_free(r);
}
END_TEST

START_TEST(test_fcfs_activates_no_younger_bank_ahead_of_the_head)
{
    WITH(c, c.scheduler = HBM_SCHED_FCFS);
    struct tu_run *r = tu_run_create(&c);
    uint64_t a;

    NEED(base.trcdrd > base.trrd_l);
    a = tu_read(r, tu_addr(&c, 0, 0, 5, 0), 1);
    tu_read(r, tu_addr(&c, 0, 1, 7, 0), 2);
    tu_drain(r, 1000);
    tu_expect_cmd(&r->log, 0, HBM_CMD_ACT, a + ACC + PIPE, 0, 0);
    tu_expect_cmd(&r->log, 1, HBM_CMD_RD, a + ACC + PIPE + U(c.trcdrd), 0, 0);
    /* frfcfs would have sent this ACT tRRD after the first; fcfs takes it
     * once it is the head: the candidate stage of the cycle the old head's
     * RD is on the bus (the head in transit hands over at once) */
    tu_expect_cmd(&r->log, 2, HBM_CMD_ACT, a + ACC + 2 * PIPE + U(c.trcdrd), 0, 1);
    tu_expect_cmd(&r->log, 3, HBM_CMD_RD, a + ACC + 2 * PIPE + 2 * U(c.trcdrd), 0, 1);
    tu_run_free(r);
}
END_TEST

START_TEST(test_oldest_row_hit_wins_over_younger_hit_in_a_lower_bank)
{
    WITH(c, c.resp_queue_depth = 1);
    struct tu_run *r = tu_run_create(&c);
    int hi_bg = c.bankgroups - 1, hi_ba = c.banks_per_group - 1;
    uint64_t p;
    int k, i;

    tu_read(r, tu_addr(&c, hi_bg, hi_ba, 5, 0), 1);
    tu_read(r, tu_addr(&c, 0, 0, 5, 0), 2);
    tu_settle(r);
    /* The blocker's response stays queued: no credit, the column bus stops. */
    r->auto_pop = 0;
    tu_read(r, tu_addr(&c, hi_bg, hi_ba, 5, 1), 3);
    k = r->log.n + 1;                                /* after the blocker's RD */
    tu_read(r, tu_addr(&c, hi_bg, hi_ba, 5, 2), 4);  /* older hit, higher bank */
    tu_read(r, tu_addr(&c, 0, 0, 5, 3), 5);          /* younger hit, bank 0    */
    until_resp_valid(r, 1000);
    tu_ticks(r, 2);
    ck_assert_int_eq(tu_find_column(&r->log, k), -1);
    p = tu_now(r);
    ck_assert(tu_pop(r));
    tu_ticks(r, 2 + (int)PIPE);
    /* The credit popped in p counts from the pick of p + 1: RD in p + 1 + ISSUE. */
    i = tu_find_column(&r->log, k);
    tu_expect_cmd(&r->log, i, HBM_CMD_RD, p + 1 + ISSUE, hi_bg, hi_ba);
    ck_assert_int_eq(r->log.c[i].col, 2);
    r->auto_pop = 1;
    tu_drain(r, 1000);
    i = tu_find_column(&r->log, i + 1);
    ck_assert_int_ge(i, 0);
    ck_assert_int_eq(r->log.c[i].col, 3);
    tu_run_free(r);
}
END_TEST

START_TEST(test_row_pick_serves_the_oldest_request_needing_a_row_command)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    int o_bg = c->bankgroups - 1, o_ba = c->banks_per_group - 1;
    uint64_t a;

    NEED(base.bankgroups >= 3);
    a = tu_read(r, tu_addr(c, 0, 0, 5, 0), 1);
    tu_read(r, tu_addr(c, o_bg, o_ba, 5, 0), 2); /* older, higher bank  */
    tu_read(r, tu_addr(c, 1, 0, 5, 0), 3);       /* younger, lower bank */
    tu_drain(r, 1000);
    /* Both wait for tRRD_S (>= 2) after the first ACT, then the older goes first. */
    tu_expect_cmd(&r->log, 0, HBM_CMD_ACT, a + ACC + PIPE, 0, 0);
    tu_expect_cmd(&r->log, tu_find(&r->log, 1, HBM_CMD_ACT, -1, -1), HBM_CMD_ACT,
                  a + ACC + PIPE + U(c->trrd_s), o_bg, o_ba);
    tu_expect_cmd(&r->log, tu_find(&r->log, 2, HBM_CMD_ACT, 1, 0), HBM_CMD_ACT,
                  a + ACC + PIPE + 2 * U(c->trrd_s), 1, 0);
    tu_run_free(r);
}
END_TEST

START_TEST(test_no_precharge_while_the_active_queue_hits_the_open_row)
{
    WITH(c, c.resp_queue_depth = 1);
    struct tu_run *r = tu_run_create(&c);
    uint64_t a, p, pre, act;
    int k, i;

    NEED(base.trtp >= 2);
    tu_read(r, tu_addr(&c, 1, 1, 5, 0), 1);
    tu_settle(r);
    r->auto_pop = 0;
    a = tu_read(r, tu_addr(&c, 1, 1, 5, 1), 2);  /* blocker: RD at a + ACC + PIPE */
    k = r->log.n;
    tu_read(r, tu_addr(&c, 1, 1, 6, 0), 3);      /* conflict, older      */
    tu_read(r, tu_addr(&c, 1, 1, 5, 2), 4);      /* hit, younger         */
    until_resp_valid(r, 1000);
    /* Long past tRTP of the blocker: a PRE would be legal, but row 5 has a hit. */
    tu_until(r, tu_max(tu_now(r), a + ACC + PIPE + U(c.trtp) + 10));
    ck_assert_int_eq(tu_find(&r->log, k, HBM_CMD_PRE, -1, -1), -1);
    p = tu_now(r);
    ck_assert(tu_pop(r));
    r->auto_pop = 1;
    tu_drain(r, 1000);
    i = tu_find(&r->log, k + 1, -1, -1, -1);
    tu_expect_cmd(&r->log, i, HBM_CMD_RD, p + 1 + ISSUE, 1, 1);
    ck_assert_int_eq(r->log.c[i].col, 2);
    pre = p + 1 + ISSUE + U(c.trtp);
    act = pre + U(c.trp);
    tu_expect_cmd(&r->log, i + 1, HBM_CMD_PRE, pre, 1, 1);
    tu_expect_cmd(&r->log, i + 2, HBM_CMD_ACT, act, 1, 1);
    ck_assert_int_eq(r->log.c[i + 2].row, 6);
    /* The conflict's RD also waits for the credit of the hit's response. */
    tu_expect_cmd(&r->log, i + 3, HBM_CMD_RD,
                  tu_max(act + U(c.trcdrd), p + U(c.rl + c.tburst) + 2), 1, 1);
    tu_run_free(r);
}
END_TEST

START_TEST(test_pre_waits_two_clocks_after_an_act_for_the_row_bus)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t a;
    int n0;

    tu_read(r, tu_addr(c, 0, 0, 5, 0), 1);
    tu_settle(r);
    n0 = r->log.n;
    a = tu_read(r, tu_addr(c, 1, 0, 5, 0), 2);  /* miss: ACT at a + ACC + PIPE           */
    tu_read(r, tu_addr(c, 0, 0, 6, 0), 3);      /* conflict, picked from a + 2         */
    tu_drain(r, 1000);
    tu_expect_cmd(&r->log, n0, HBM_CMD_ACT, a + ACC + PIPE, 1, 0);
    tu_expect_cmd(&r->log, n0 + 1, HBM_CMD_PRE, a + ACC + 2 + PIPE, 0, 0);
    tu_run_free(r);
}
END_TEST

START_TEST(test_row_and_column_commands_issue_in_one_cycle_row_first)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t a, t;

    NEED(base.trcdrd >= base.trrd_s);
    a = tu_read(r, tu_addr(c, 0, 0, 5, 0), 1);
    tu_until(r, a + U(c->trcdrd));
    tu_read(r, tu_addr(c, 1, 0, 5, 0), 2);      /* visible when the first RD is due */
    tu_drain(r, 1000);
    t = a + ACC + PIPE + U(c->trcdrd);
    tu_expect_cmd(&r->log, 1, HBM_CMD_ACT, t, 1, 0);
    tu_expect_cmd(&r->log, 2, HBM_CMD_RD, t, 0, 0);
    tu_run_free(r);
}
END_TEST

START_TEST(test_fifth_act_waits_tfaw_after_the_first)
{
    /* tFAW cannot bind on the presets (4 x tRRD_S >= tFAW): widen it. */
    WITH(c, c.tfaw = 6 * c.trrd_s + 5);
    struct tu_run *r = tu_run_create(&c);
    uint64_t a = 0;
    int k;

    for (k = 0; k < 5; k++) {
        uint64_t t = tu_read(r, tu_addr(&c, k % c.bankgroups, k / c.bankgroups, 5, 0), (uint32_t)k);
        if (k == 0)
            a = t;
    }
    tu_drain(r, 1000);
    for (k = 0; k < 4; k++)
        tu_expect_cmd(&r->log, tu_find(&r->log, 0, HBM_CMD_ACT, k % c.bankgroups, k / c.bankgroups), HBM_CMD_ACT,
                      a + ACC + PIPE + (uint64_t)k * U(c.trrd_s), k % c.bankgroups, k / c.bankgroups);
    tu_expect_cmd(&r->log, tu_find(&r->log, 0, HBM_CMD_ACT, 4 % c.bankgroups, 4 / c.bankgroups), HBM_CMD_ACT,
                  a + ACC + PIPE + U(c.tfaw), 4 % c.bankgroups, 4 / c.bankgroups);
    tu_run_free(r);
}
END_TEST

/* ==== write drain ======================================================== */

/*
 * One read to bank (0,0) at cycle 0, then four writes to bank (1,0) in
 * cycles 1..4, with wq_high = 4 and wq_low = 1.  mode[c] is the mode the
 * model ran cycle c in.
 */
#define DRAIN_CYCLES 1024
struct drain {
    struct tu_run *r;
    int mode[DRAIN_CYCLES];
    uint64_t act_r, act_w, wr[4], rd;
};

static void drain_tick(struct drain *s)
{
    uint64_t now = tu_now(s->r);
    tu_tick(s->r);
    if (now < DRAIN_CYCLES)
        s->mode[now] = hbm_model_write_mode(s->r->m);
}

static void drain_scenario(struct drain *s)
{
    WITH(c, (c.wq_high = 4, c.wq_low = 1));
    uint8_t d[HBM_BURST_BYTES];
    int k;

    NEED(base.trcdrd >= 4);  /* the read's RD is not legal before the 4th write's candidate cycle */
    memset(s, 0, sizeof *s);
    s->r = tu_run_create(&c);
    fill(d, 7);
    ck_assert_int_eq(hbm_model_push(s->r->m, tu_addr(&c, 0, 0, 5, 0), 0, 100, NULL, 0), HBM_PUSH_OK);
    drain_tick(s);
    for (k = 0; k < 4; k++) {
        ck_assert_int_eq(hbm_model_push(s->r->m, tu_addr(&c, 1, 0, 7, k), 1, (uint32_t)k, d, 0xFFFFFFFFu),
                         HBM_PUSH_OK);
        drain_tick(s);
    }
    while (!hbm_model_idle(s->r->m) && tu_now(s->r) < DRAIN_CYCLES)
        drain_tick(s);
    ck_assert(hbm_model_idle(s->r->m));
    ck_assert_int_eq(s->r->log.n, 7);
    /* Expected cycles, from the spec's mode rules and the timing table. */
    s->act_r = ACC + PIPE;
    s->act_w = tu_max(4 + ACC + PIPE, s->act_r + U(c.trrd_s));  /* the 4th write is a candidate from 4 + ACC */
    for (k = 0; k < 3; k++)
        s->wr[k] = s->act_w + U(c.trcdwr) + (uint64_t)k * U(c.tccd_l);
    s->rd = tu_max(s->wr[2] + PIPE, tu_max(s->wr[2] + U(c.wl + c.tburst + c.twtr_s), s->act_r + U(c.trcdrd)));
    s->wr[3] = tu_max(s->rd + U(c.trtw), s->wr[2] + U(c.tccd_l));
}

START_TEST(test_write_drain_starts_when_write_queue_reaches_high_watermark)
{
    struct drain s;
    int k;

    drain_scenario(&s);
    for (k = 0; k <= 4 + (int)PORT; k++)
        ck_assert_msg(s.mode[k] == 0, "write mode in cycle %d with fewer than wq_high writes", k);
    ck_assert_int_eq(s.mode[5 + PORT], 1);
    tu_expect_cmd(&s.r->log, 0, HBM_CMD_ACT, s.act_r, 0, 0);
    tu_expect_cmd(&s.r->log, 1, HBM_CMD_ACT, s.act_w, 1, 0);
    tu_run_free(s.r);
}
END_TEST

START_TEST(test_write_drain_stops_at_low_watermark_when_reads_wait)
{
    struct drain s;
    int k;

    drain_scenario(&s);
    for (k = 0; k < 3; k++)
        tu_expect_cmd(&s.r->log, 2 + k, HBM_CMD_WR, s.wr[k], 1, 0);
    /* mode[] is the candidate stage's mode of each cycle; it sees the
     * write queue at wq_low in the cycle the last WR is on the bus */
    ck_assert_int_eq(s.mode[s.wr[2] - 1], 1);
    ck_assert_int_eq(s.mode[s.wr[2]], 0);
    /* The waiting read goes next, WL + tBURST + tWTR_S after the last WR. */
    tu_expect_cmd(&s.r->log, 5, HBM_CMD_RD, s.rd, 0, 0);
    tu_run_free(s.r);
}
END_TEST

START_TEST(test_write_drain_starts_when_read_queue_is_empty)
{
    struct drain s;

    drain_scenario(&s);
    ck_assert_int_eq(s.mode[s.rd - 1], 0);
    ck_assert_int_eq(s.mode[s.rd], 1);
    tu_expect_cmd(&s.r->log, 6, HBM_CMD_WR, s.wr[3], 1, 0);
    ck_assert_int_eq(s.r->log.c[6].col, 3);
    /* The write queue is empty after it: back to read mode. */
    ck_assert_int_eq(s.mode[s.wr[3] - 1], 1);
    ck_assert_int_eq(s.mode[s.wr[3]], 0);
    tu_run_free(s.r);
}
END_TEST

/*
 * One read to bank (0,0), then one write to bank (1,0) a cycle later, with
 * wq_high = 4: the write queue never reaches its high watermark.  Returns
 * the code of the first column command, and in *write_mode_with_read 1 if
 * the model ran a cycle in write mode while the read was still queued.
 */
static int first_column_of_read_then_write(int rq_low, int *write_mode_with_read)
{
    WITH(c, (c.wq_high = 4, c.wq_low = 1, c.rq_low = rq_low));
    struct tu_run *r = tu_run_create(&c);
    uint8_t d[HBM_BURST_BYTES];
    int first;

    fill(d, 9);
    *write_mode_with_read = 0;
    ck_assert_int_eq(hbm_model_push(r->m, tu_addr(&c, 0, 0, 5, 0), 0, 1, NULL, 0), HBM_PUSH_OK);
    tu_tick(r);
    ck_assert_int_eq(hbm_model_push(r->m, tu_addr(&c, 1, 0, 7, 0), 1, 2, d, 0xFFFFFFFFu), HBM_PUSH_OK);
    while (!hbm_model_idle(r->m) && tu_now(r) < 1000) {
        tu_tick(r);
        if (hbm_model_write_mode(r->m) && hbm_model_queue_count(r->m, 0) == 1)
            *write_mode_with_read = 1;
    }
    ck_assert(hbm_model_idle(r->m));
    first = tu_find_column(&r->log, 0);
    ck_assert_int_ge(first, 0);
    first = r->log.c[first].code;
    tu_run_free(r);
    return first;
}

START_TEST(test_write_drain_starts_at_read_low_watermark)
{
    int wm;

    /* rq_low_watermark = 0: a waiting read keeps read mode; its RD first. */
    ck_assert_int_eq(first_column_of_read_then_write(0, &wm), HBM_CMD_RD);
    ck_assert_int_eq(wm, 0);
    /* rq_low_watermark = 1: one waiting read is at the watermark, so the
     * write below wq_high drains first. */
    ck_assert_int_eq(first_column_of_read_then_write(1, &wm), HBM_CMD_WR);
    ck_assert_int_eq(wm, 1);
}
END_TEST

/*
 * Two writes to one row of bank (1,0), then a read to bank (0,0), with
 * wq_high = 2 and wq_low = 1: the first WR leaves one write, at the low
 * watermark, with one read waiting.  codes[] gets the first three column
 * commands; *read_mode_between is 1 if the model ran a cycle in read mode
 * after the first WR's cycle and before the second WR's.
 */
static void columns_of_two_writes_then_read(int rq_low, int codes[3], int *read_mode_between)
{
    WITH(c, (c.wq_high = 2, c.wq_low = 1, c.rq_low = rq_low));
    struct tu_run *r = tu_run_create(&c);
    uint8_t d[HBM_BURST_BYTES];
    int mode[DRAIN_CYCLES], k, i, n = 0;
    uint64_t wr[2] = { 0, 0 }, now;

    fill(d, 10);
    for (k = 0; k < 2; k++) {
        ck_assert_int_eq(hbm_model_push(r->m, tu_addr(&c, 1, 0, 7, k), 1, (uint32_t)k, d, 0xFFFFFFFFu),
                         HBM_PUSH_OK);
        tu_tick(r);
    }
    ck_assert_int_eq(hbm_model_push(r->m, tu_addr(&c, 0, 0, 5, 0), 0, 2, NULL, 0), HBM_PUSH_OK);
    while (!hbm_model_idle(r->m) && (now = tu_now(r)) < DRAIN_CYCLES) {
        tu_tick(r);
        mode[now] = hbm_model_write_mode(r->m);
    }
    ck_assert(hbm_model_idle(r->m));
    for (i = 0, k = 0; i < r->log.n && n < 3; i++)
        if (r->log.c[i].code == HBM_CMD_RD || r->log.c[i].code == HBM_CMD_WR) {
            if (r->log.c[i].code == HBM_CMD_WR && k < 2)
                wr[k++] = r->log.c[i].cycle;
            codes[n++] = r->log.c[i].code;
        }
    ck_assert_int_eq(n, 3);
    ck_assert_int_eq(k, 2);
    *read_mode_between = 0;
    for (now = wr[0]; now < wr[1]; now++)
        if (!mode[now])
            *read_mode_between = 1;
    tu_run_free(r);
}

START_TEST(test_write_drain_holds_at_low_watermark_while_reads_are_at_read_low_watermark)
{
    int codes[3], between;

    /* rq_low_watermark = 0: one waiting read ends the drain at wq_low. */
    columns_of_two_writes_then_read(0, codes, &between);
    ck_assert_int_eq(codes[0], HBM_CMD_WR);
    ck_assert_int_eq(codes[1], HBM_CMD_RD);
    ck_assert_int_eq(codes[2], HBM_CMD_WR);
    /* rq_low_watermark = 1: one waiting read is not more than the read
     * queue's low watermark, so the drain goes on, in write mode every
     * cycle, to the empty queue. */
    columns_of_two_writes_then_read(1, codes, &between);
    ck_assert_int_eq(codes[0], HBM_CMD_WR);
    ck_assert_int_eq(codes[1], HBM_CMD_WR);
    ck_assert_int_eq(codes[2], HBM_CMD_RD);
    ck_assert_msg(!between, "read mode between the two WRs: the drain did not hold");
}
END_TEST

START_TEST(test_write_drain_without_waiting_reads_empties_the_write_queue)
{
    WITH(c, (c.wq_high = 4, c.wq_low = 2));
    struct tu_run *r = tu_run_create(&c);
    uint8_t d[HBM_BURST_BYTES];
    uint64_t a = 0;
    int k;

    fill(d, 8);
    for (k = 0; k < 4; k++) {
        uint64_t t = tu_push(r, tu_addr(&c, 3, 1, 2, k), 1, (uint32_t)k, d, 0xFFFFFFFFu);
        if (k == 0)
            a = t;
    }
    tu_drain(r, 1000);
    ck_assert_int_eq(r->log.n, 5);
    tu_expect_cmd(&r->log, 0, HBM_CMD_ACT, a + ACC + PIPE, 3, 1);
    for (k = 0; k < 4; k++)
        tu_expect_cmd(&r->log, 1 + k, HBM_CMD_WR, a + ACC + PIPE + U(c.trcdwr) + (uint64_t)k * U(c.tccd_l), 3, 1);
    tu_run_free(r);
}
END_TEST

/* ==== response credits =================================================== */

START_TEST(test_full_response_queue_stops_the_column_bus_until_a_pop)
{
    WITH(c, c.resp_queue_depth = 2);
    struct tu_run *r = tu_run_create(&c);
    uint64_t p, rd0;
    int k, i;

    r->auto_pop = 0;
    for (k = 0; k < 5; k++)
        tu_read(r, tu_addr(&c, 2, 0, 5, k), (uint32_t)k);
    tu_until(r, U(c.trcdrd + 5 * c.tccd_l + c.rl + c.tburst) + 100);
    /* Exactly resp_queue_depth column commands, then nothing. */
    rd0 = ACC + PIPE + U(c.trcdrd);
    ck_assert_int_eq(r->log.n, 3);
    tu_expect_cmd(&r->log, 1, HBM_CMD_RD, rd0, 2, 0);
    tu_expect_cmd(&r->log, 2, HBM_CMD_RD, rd0 + U(c.tccd_l), 2, 0);
    ck_assert(hbm_model_resp_valid(r->m));
    ck_assert_int_eq(hbm_model_queue_count(r->m, 0), 3);
    p = tu_now(r);
    ck_assert(tu_pop(r));
    hbm_model_tick(r->m);
    ck_assert_int_eq(r->log.n, 3);
    tu_ticks(r, 1 + (int)PIPE);
    tu_expect_cmd(&r->log, 3, HBM_CMD_RD, p + 1 + ISSUE, 2, 0);
    /* No response is dropped, and they come in order. */
    r->auto_pop = 1;
    tu_drain(r, 2000);
    ck_assert_int_eq(r->nresp, 5);
    for (i = 0; i < 5; i++)
        ck_assert_uint_eq(r->resp[i].id, (uint32_t)i);
    tu_run_free(r);
}
END_TEST

START_TEST(test_write_responses_also_need_a_credit)
{
    WITH(c, c.resp_queue_depth = 1);
    struct tu_run *r = tu_run_create(&c);
    uint8_t d[HBM_BURST_BYTES];

    fill(d, 9);
    r->auto_pop = 0;
    tu_push(r, tu_addr(&c, 0, 2, 5, 0), 1, 1, d, 0xFFFFFFFFu);
    tu_push(r, tu_addr(&c, 0, 2, 5, 1), 1, 2, d, 0xFFFFFFFFu);
    tu_until(r, U(c.trcdwr + 2 * c.tccd_l + c.wl + c.tburst) + 100);
    ck_assert_int_eq(tu_count(&r->log, HBM_CMD_WR), 1);
    ck_assert_int_eq(hbm_model_queue_count(r->m, 1), 1);
    r->auto_pop = 1;
    tu_drain(r, 1000);
    ck_assert_int_eq(tu_count(&r->log, HBM_CMD_WR), 2);
    tu_run_free(r);
}
END_TEST

/* ==== page policy ======================================================== */

START_TEST(test_open_page_reads_with_rd_and_leaves_the_row_open)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    int row = -1;

    tu_read(r, tu_addr(c, 1, 2, 8, 0), 1);
    tu_drain(r, 1000);
    ck_assert_int_eq(tu_count(&r->log, HBM_CMD_RD), 1);
    ck_assert_int_eq(tu_count(&r->log, HBM_CMD_RDA), 0);
    ck_assert(hbm_model_bank_open(r->m, hbm_bank_index(c, 1, 2), &row));
    ck_assert_int_eq(row, 8);
    tu_run_free(r);
}
END_TEST

START_TEST(test_closed_page_reads_with_rda_and_next_act_waits_trtp_trp_and_trc)
{
    WITH(c, c.page_policy = HBM_PAGE_CLOSED);
    struct tu_run *r = tu_run_create(&c);
    uint64_t a, rda, act2;

    a = tu_read(r, tu_addr(&c, 1, 2, 8, 0), 1);
    tu_read(r, tu_addr(&c, 1, 2, 8, 1), 2);
    tu_drain(r, 1000);
    ck_assert_int_eq(r->log.n, 4);
    rda = a + ACC + PIPE + U(c.trcdrd);
    act2 = tu_max(rda + U(c.trtp + c.trp), a + ACC + PIPE + U(c.trc));
    tu_expect_cmd(&r->log, 0, HBM_CMD_ACT, a + ACC + PIPE, 1, 2);
    tu_expect_cmd(&r->log, 1, HBM_CMD_RDA, rda, 1, 2);
    tu_expect_cmd(&r->log, 2, HBM_CMD_ACT, act2, 1, 2);
    tu_expect_cmd(&r->log, 3, HBM_CMD_RDA, act2 + U(c.trcdrd), 1, 2);
    ck_assert(!hbm_model_bank_open(r->m, hbm_bank_index(&c, 1, 2), NULL));
    tu_run_free(r);
}
END_TEST

START_TEST(test_closed_page_writes_with_wra_and_next_act_waits_write_recovery_and_trp)
{
    WITH(c, c.page_policy = HBM_PAGE_CLOSED);
    struct tu_run *r = tu_run_create(&c);
    uint8_t d[HBM_BURST_BYTES];
    uint64_t a, wra, act2;

    fill(d, 10);
    a = tu_push(r, tu_addr(&c, 3, 3, 8, 0), 1, 1, d, 0xFFFFFFFFu);
    tu_push(r, tu_addr(&c, 3, 3, 8, 1), 1, 2, d, 0xFFFFFFFFu);
    tu_drain(r, 1000);
    ck_assert_int_eq(r->log.n, 4);
    wra = a + ACC + PIPE + U(c.trcdwr);
    act2 = tu_max(wra + U(c.wl + c.tburst + c.twr + c.trp), a + ACC + PIPE + U(c.trc));
    tu_expect_cmd(&r->log, 1, HBM_CMD_WRA, wra, 3, 3);
    tu_expect_cmd(&r->log, 2, HBM_CMD_ACT, act2, 3, 3);
    tu_expect_cmd(&r->log, 3, HBM_CMD_WRA, act2 + U(c.trcdwr), 3, 3);
    tu_run_free(r);
}
END_TEST

START_TEST(test_adaptive_page_keeps_the_row_open_while_another_request_hits_it)
{
    WITH(c, c.page_policy = HBM_PAGE_ADAPTIVE);
    struct tu_run *r = tu_run_create(&c);
    uint64_t a, rd;

    a = tu_read(r, tu_addr(&c, 0, 3, 8, 0), 1);
    tu_read(r, tu_addr(&c, 0, 3, 8, 1), 2);
    tu_drain(r, 1000);
    ck_assert_int_eq(r->log.n, 3);
    rd = a + ACC + PIPE + U(c.trcdrd);
    tu_expect_cmd(&r->log, 1, HBM_CMD_RD, rd, 0, 3);
    tu_expect_cmd(&r->log, 2, HBM_CMD_RDA, rd + U(c.tccd_l), 0, 3);
    ck_assert(!hbm_model_bank_open(r->m, hbm_bank_index(&c, 0, 3), NULL));
    tu_run_free(r);
}
END_TEST

START_TEST(test_adaptive_page_counts_hits_in_the_write_queue_too)
{
    WITH(c, c.page_policy = HBM_PAGE_ADAPTIVE);
    struct tu_run *r = tu_run_create(&c);
    uint8_t d[HBM_BURST_BYTES];
    uint64_t a, rd;

    fill(d, 11);
    a = tu_read(r, tu_addr(&c, 2, 3, 8, 0), 1);
    tu_push(r, tu_addr(&c, 2, 3, 8, 1), 1, 2, d, 0xFFFFFFFFu);
    tu_drain(r, 1000);
    ck_assert_int_eq(r->log.n, 3);
    rd = a + ACC + PIPE + U(c.trcdrd);
    tu_expect_cmd(&r->log, 1, HBM_CMD_RD, rd, 2, 3);
    /* Read queue empty from rd + 1: write mode; the lone write auto-precharges. */
    tu_expect_cmd(&r->log, 2, HBM_CMD_WRA, tu_max(rd + U(c.trtw), a + ACC + PIPE + U(c.trcdwr)), 2, 3);
    tu_run_free(r);
}
END_TEST

START_TEST(test_adaptive_page_closes_the_row_of_a_lone_request)
{
    WITH(c, c.page_policy = HBM_PAGE_ADAPTIVE);
    struct tu_run *r = tu_run_create(&c);

    tu_read(r, tu_addr(&c, 0, 0, 8, 0), 1);
    tu_drain(r, 1000);
    ck_assert_int_eq(r->log.n, 2);
    ck_assert_int_eq(r->log.c[1].code, HBM_CMD_RDA);
    tu_run_free(r);
}
END_TEST

/* ==== data =============================================================== */

START_TEST(test_read_returns_written_bytes_and_keeps_bytes_not_enabled)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t x = tu_addr(c, 2, 3, 9, 4);
    uint32_t be = 0x0F0F00FFu;  /* bytes 0-7, 16-19, 24-27: both DFI words */
    uint8_t d1[HBM_BURST_BYTES], d2[HBM_BURST_BYTES], want[HBM_BURST_BYTES], peek[HBM_BURST_BYTES];
    int i;

    fill(d1, 12);
    fill(d2, 13);
    for (i = 0; i < (int)HBM_BURST_BYTES; i++)
        want[i] = (be >> i & 1) ? d2[i] : d1[i];
    tu_push_retry(r, x, 1, 1, d1, 0xFFFFFFFFu, 1000);
    tu_push_retry(r, x, 1, 2, d2, be, 1000);
    tu_push_retry(r, x, 0, 3, NULL, 0, 1000);
    tu_drain(r, 1000);
    ck_assert_mem_eq(resp_of(r, 3)->data, want, HBM_BURST_BYTES);
    hbm_device_peek(hbm_model_device(r->m), hbm_bank_index(c, 2, 3), 9, 4, peek);
    ck_assert_mem_eq(peek, want, HBM_BURST_BYTES);
    tu_run_free(r);
}
END_TEST

START_TEST(test_never_written_bytes_read_as_zero)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t z = tu_addr(c, 1, 0, 11, 5), y = tu_addr(c, 1, 0, 11, 6);
    uint32_t be = 0xA5A5A5A5u;
    uint8_t d[HBM_BURST_BYTES], want[HBM_BURST_BYTES], zero[HBM_BURST_BYTES];
    int i;

    fill(d, 14);
    memset(zero, 0, sizeof zero);
    for (i = 0; i < (int)HBM_BURST_BYTES; i++)
        want[i] = (be >> i & 1) ? d[i] : 0;
    tu_push_retry(r, z, 1, 1, d, be, 1000);
    tu_push_retry(r, z, 0, 2, NULL, 0, 1000);
    tu_push_retry(r, y, 0, 3, NULL, 0, 1000);
    /* A write with no byte enabled stores nothing. */
    tu_push_retry(r, y + HBM_BURST_BYTES, 1, 4, d, 0, 1000);
    tu_push_retry(r, y + HBM_BURST_BYTES, 0, 5, NULL, 0, 1000);
    tu_drain(r, 1000);
    ck_assert_mem_eq(resp_of(r, 2)->data, want, HBM_BURST_BYTES);
    ck_assert_mem_eq(resp_of(r, 3)->data, zero, HBM_BURST_BYTES);
    ck_assert_mem_eq(resp_of(r, 5)->data, zero, HBM_BURST_BYTES);
    tu_run_free(r);
}
END_TEST

START_TEST(test_debug_access_reads_and_writes_the_device_behind_the_controller)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t x = tu_addr(c, 3, 1, 77, 2);
    uint32_t be = 0x00FF00F0u;
    uint8_t d[HBM_BURST_BYTES], w[HBM_BURST_BYTES], got[HBM_BURST_BYTES], want[HBM_BURST_BYTES];
    int i;

    /* a debug write lands where the controller reads (any byte of the burst addresses it) */
    fill(d, 21);
    ck_assert_int_eq(hbm_model_debug_write(r->m, x + 5, d, be), 0);
    for (i = 0; i < (int)HBM_BURST_BYTES; i++)
        want[i] = (be >> i & 1) ? d[i] : 0;
    tu_push_retry(r, x, 0, 1, NULL, 0, 1000);
    tu_drain(r, 1000);
    ck_assert_mem_eq(resp_of(r, 1)->data, want, HBM_BURST_BYTES);
    /* a debug read sees what the controller wrote, and takes no cycle */
    fill(w, 22);
    tu_push_retry(r, x, 1, 2, w, 0xFFFFFFFFu, 1000);
    tu_drain(r, 1000);
    {
        uint64_t before = hbm_model_cycle(r->m);
        ck_assert_int_eq(hbm_model_debug_read(r->m, x, got), 0);
        ck_assert_uint_eq(hbm_model_cycle(r->m), before);
    }
    ck_assert_mem_eq(got, w, HBM_BURST_BYTES);
    /* beyond the capacity: refused, nothing stored */
    ck_assert_int_eq(hbm_model_debug_write(r->m, c->capacity_bytes, d, 0xFFFFFFFFu), -1);
    ck_assert_int_eq(hbm_model_debug_read(r->m, c->capacity_bytes + 32, got), -1);
    tu_run_free(r);
}
END_TEST

START_TEST(test_storage_is_one_array_by_address_shared_with_the_controller)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t x = tu_addr(c, 1, 2, 300, 7), y = tu_addr(c, 3, 0, 5, 31), z = tu_addr(c, 0, 3, 4095, 0), bytes = 0;
    uint8_t dx[HBM_BURST_BYTES], dy[HBM_BURST_BYTES], dz[HBM_BURST_BYTES];
    uint8_t *mem;

    fill(dx, 31);
    fill(dy, 32);
    fill(dz, 33);
    /* written through the controller before the array exists: copied into it */
    tu_push_retry(r, x, 1, 1, dx, 0xFFFFFFFFu, 1000);
    tu_drain(r, 1000);
    mem = hbm_model_storage(r->m, &bytes);
    ck_assert_ptr_nonnull(mem);
    ck_assert_uint_eq(bytes, c->capacity_bytes);
    ck_assert_mem_eq(mem + x, dx, HBM_BURST_BYTES);
    /* written into the array: the controller reads it */
    memcpy(mem + y, dy, HBM_BURST_BYTES);
    tu_push_retry(r, y, 0, 2, NULL, 0, 1000);
    /* written through the controller afterwards: in the array */
    tu_push_retry(r, z, 1, 3, dz, 0xFFFFFFFFu, 1000);
    tu_drain(r, 1000);
    ck_assert_mem_eq(resp_of(r, 2)->data, dy, HBM_BURST_BYTES);
    ck_assert_mem_eq(mem + z, dz, HBM_BURST_BYTES);
    ck_assert_ptr_eq(hbm_model_storage(r->m, &bytes), mem);
    tu_run_free(r);
}
END_TEST

START_TEST(test_requests_to_one_address_take_effect_in_accept_order)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    uint64_t x = tu_addr(c, 3, 2, 1, 0);
    uint8_t v1[HBM_BURST_BYTES], v2[HBM_BURST_BYTES], v3[HBM_BURST_BYTES];
    int i, last = -1;

    fill(v1, 15);
    fill(v2, 16);
    fill(v3, 17);
    tu_push_retry(r, x, 1, 1, v1, 0xFFFFFFFFu, 1000);
    tu_push_retry(r, x, 1, 2, v2, 0xFFFFFFFFu, 1000);
    tu_push_retry(r, x, 0, 3, NULL, 0, 1000);
    tu_push_retry(r, x, 1, 4, v3, 0xFFFFFFFFu, 1000);
    tu_push_retry(r, x, 0, 5, NULL, 0, 1000);
    tu_drain(r, 2000);
    ck_assert_int_eq(r->nresp, 5);
    ck_assert_mem_eq(resp_of(r, 3)->data, v2, HBM_BURST_BYTES);
    ck_assert_mem_eq(resp_of(r, 5)->data, v3, HBM_BURST_BYTES);
    /* The writes to one address complete in accept order (reads are
     * answered from the newest write before it, forwarded here). */
    for (i = 0; i < r->nresp; i++) {
        if (!r->resp[i].is_write)
            continue;
        ck_assert_int_gt((int)r->resp[i].id, last);
        last = (int)r->resp[i].id;
    }
    ck_assert_uint_eq(hbm_model_stats(r->m)->reads_forwarded, 2);
    tu_run_free(r);
}
END_TEST

/* ---- random traffic with a scoreboard ---------------------------------- */

#define POOL 48

struct rng {
    uint64_t s;
};

static uint32_t rnd(struct rng *g)
{
    g->s ^= g->s << 13;
    g->s ^= g->s >> 7;
    g->s ^= g->s << 17;
    return (uint32_t)(g->s >> 11);
}

struct scoreboard {
    uint8_t mem[POOL][HBM_BURST_BYTES];     /* reference contents by pool index */
    uint8_t want[1 << 16][HBM_BURST_BYTES]; /* expected read data by id         */
    uint8_t busy[1 << 16];                  /* id in flight                     */
    uint64_t reads_checked, writes_acked;
};

/* Static, so a failing test leaks nothing; run_random clears it. */
static struct scoreboard sb_store;

static void sb_pop(struct tu_run *r, struct scoreboard *sb)
{
    struct hbm_resp p;
    if (!hbm_model_pop_resp(r->m, &p))
        return;
    if (!sb->busy[p.id])
        ck_abort_msg("cycle %llu: response for id %u that is not in flight", (unsigned long long)tu_now(r),
                     (unsigned)p.id);
    sb->busy[p.id] = 0;
    if (p.is_write) {
        sb->writes_acked++;
    } else {
        if (memcmp(p.data, sb->want[p.id], HBM_BURST_BYTES) != 0)
            ck_abort_msg("cycle %llu: read id %u returned data other than the writes accepted before it",
                         (unsigned long long)tu_now(r), (unsigned)p.id);
        sb->reads_checked++;
    }
}

/*
 * n random requests over a pool of 48 bursts (4 banks x 3 rows x 4
 * columns), offered back to back, random byte enables.  Every read must
 * return the reference contents at its accept cycle: the ready rule
 * (RAW/WAR hazards) and oldest-hit-first make that the model's order.
 */
static void run_random(struct tu_run *r, struct scoreboard *sb, uint64_t seed, int n)
{
    const struct hbm_config *c = &r->cfg;
    struct rng g;
    uint64_t pool[POOL];
    int i, k;

    g.s = seed * 0x9E3779B97F4A7C15ull + 1;
    memset(sb, 0, sizeof *sb);
    for (k = 0; k < POOL; k++)
        pool[k] = tu_addr(c, (k / 12) % c->bankgroups, (k / 12) % c->banks_per_group, 3 + (k / 4) % 3, k % 4);
    for (i = 0; i < n; i++) {
        int idx = (int)(rnd(&g) % POOL);
        int is_write = rnd(&g) % 5 < 2;
        uint32_t id = (uint32_t)i & ((1u << c->id_bits) - 1u);
        uint32_t be = rnd(&g) % 3 ? 0xFFFFFFFFu : rnd(&g);
        uint8_t d[HBM_BURST_BYTES];
        uint64_t start = tu_now(r);

        for (k = 0; k < (int)HBM_BURST_BYTES; k++)
            d[k] = (uint8_t)rnd(&g);
        for (;;) {
            /* An id is reused only after its response (the requester's rule). */
            int rc = sb->busy[id] ? -1 : hbm_model_push(r->m, pool[idx], is_write, id, d, be);
            sb_pop(r, sb);
            hbm_model_tick(r->m);
            if (rc == HBM_PUSH_OK)
                break;
            if (tu_now(r) - start > 100000)
                ck_abort_msg("request %d refused for 100000 cycles", i);
        }
        sb->busy[id] = 1;
        if (is_write) {
            for (k = 0; k < (int)HBM_BURST_BYTES; k++)
                if (be >> k & 1)
                    sb->mem[idx][k] = d[k];
        } else {
            memcpy(sb->want[id], sb->mem[idx], HBM_BURST_BYTES);
        }
    }
    while (!hbm_model_idle(r->m)) {
        if (tu_now(r) > 10000000)
            ck_abort_msg("not idle");
        sb_pop(r, sb);
        hbm_model_tick(r->m);
    }
}

START_TEST(test_every_read_returns_the_writes_accepted_before_it)
{
    struct hbm_config c;
    struct tu_run *r;
    struct scoreboard *sb = &sb_store;
    const struct hbm_stats *st;

    tu_load(&c, TU_PRESET);  /* with the preset's refresh */
    r = tu_run_create(&c);
    run_random(r, sb, 1, 3000);
    st = hbm_model_stats(r->m);
    ck_assert_uint_eq(sb->reads_checked + sb->writes_acked, 3000);
    ck_assert_uint_eq(st->reads, sb->reads_checked);
    ck_assert_uint_eq(st->writes, sb->writes_acked);
    /* every request but a forwarded read has its column command */
    ck_assert_uint_eq(st->row_hits + st->row_misses + st->row_conflicts, 3000 - st->reads_forwarded);
    ck_assert_uint_gt(st->refreshes, 0);
    tu_run_free(r);
}
END_TEST

/* ==== refresh ============================================================ */

START_TEST(test_all_bank_refresh_precharges_at_trefi_and_refreshes_trp_later)
{
    WITH(c, (c.refresh_mode = HBM_REFRESH_ALL_BANK, c.refresh_postpone = 0));
    struct tu_run *r = tu_run_create(&c);
    uint64_t t = U(c.trefi);
    int i;

    tu_read(r, tu_addr(&c, 1, 1, 5, 0), 1);  /* leaves bank (1,1) open */
    tu_drain(r, 1000);
    ck_assert_uint_lt(tu_now(r), t);
    tu_until(r, 2 * t + 1 + PIPE);
    ck_assert_int_eq(r->log.n, 5);
    i = tu_find(&r->log, 0, HBM_CMD_PREA, -1, -1);
    tu_expect_cmd(&r->log, i, HBM_CMD_PREA, t + PIPE, -1, -1);
    tu_expect_cmd(&r->log, i + 1, HBM_CMD_REFAB, t + PIPE + U(c.trp), -1, -1);
    /* All banks closed at the next interval: REFAB at once. */
    tu_expect_cmd(&r->log, i + 2, HBM_CMD_REFAB, 2 * t + PIPE, -1, -1);
    ck_assert_uint_eq(hbm_model_stats(r->m)->refreshes, 2);
    tu_run_free(r);
}
END_TEST

START_TEST(test_all_bank_refresh_blocks_act_until_trfc_after_refab)
{
    WITH(c, (c.refresh_mode = HBM_REFRESH_ALL_BANK, c.refresh_postpone = 0));
    struct tu_run *r = tu_run_create(&c);
    uint64_t t = U(c.trefi);

    tu_until(r, t - 1);
    tu_read(r, tu_addr(&c, 2, 2, 5, 0), 1);  /* visible in cycle tREFI */
    tu_drain(r, 2000);
    ck_assert_int_eq(r->log.n, 3);
    tu_expect_cmd(&r->log, 0, HBM_CMD_REFAB, t + PIPE, -1, -1);
    tu_expect_cmd(&r->log, 1, HBM_CMD_ACT, t + PIPE + U(c.trfc), 2, 2);
    tu_expect_cmd(&r->log, 2, HBM_CMD_RD, t + PIPE + U(c.trfc + c.trcdrd), 2, 2);
    tu_run_free(r);
}
END_TEST

START_TEST(test_all_bank_refresh_waits_for_refresh_postpone_while_requests_wait)
{
    WITH(c, (c.refresh_mode = HBM_REFRESH_ALL_BANK, c.refresh_postpone = 2, c.resp_queue_depth = 1));
    struct tu_run *r = tu_run_create(&c);
    uint64_t t = U(c.trefi), refab2, act, p;
    int i, k;

    /* The first read's response is never popped, so the second stays queued. */
    r->auto_pop = 0;
    tu_read(r, tu_addr(&c, 1, 1, 5, 0), 1);
    tu_read(r, tu_addr(&c, 1, 1, 5, 1), 2);
    tu_until(r, 3 * t + U(c.trp + c.trfc + c.trc) + 10);
    k = tu_find(&r->log, 0, HBM_CMD_PREA, -1, -1);
    /* Owed one at tREFI, two at 2 tREFI: only then does it start. */
    tu_expect_cmd(&r->log, k, HBM_CMD_PREA, 2 * t + PIPE, -1, -1);
    tu_expect_cmd(&r->log, k + 1, HBM_CMD_REFAB, 2 * t + PIPE + U(c.trp), -1, -1);
    tu_expect_cmd(&r->log, k + 2, HBM_CMD_ACT, 2 * t + PIPE + U(c.trp + c.trfc), 1, 1);
    tu_expect_cmd(&r->log, k + 3, HBM_CMD_PREA, 3 * t + PIPE, -1, -1);
    refab2 = 3 * t + PIPE + U(c.trp);
    tu_expect_cmd(&r->log, k + 4, HBM_CMD_REFAB, refab2, -1, -1);
    act = refab2 + U(c.trfc);
    tu_expect_cmd(&r->log, k + 5, HBM_CMD_ACT, act, 1, 1);
    ck_assert_int_eq(r->log.n, k + 6);
    /* Owing one, it goes as soon as both queues are empty. */
    p = tu_now(r);
    ck_assert(tu_pop(r));
    r->auto_pop = 1;
    tu_until(r, p + U(c.trtp + c.trp) + 10);
    for (i = k + 6; i < r->log.n && r->log.c[i].code != HBM_CMD_RD; i++)
        ;
    tu_expect_cmd(&r->log, i, HBM_CMD_RD, p + 1 + ISSUE, 1, 1);
    tu_expect_cmd(&r->log, i + 1, HBM_CMD_PREA, p + 1 + ISSUE + U(c.trtp), -1, -1);
    tu_expect_cmd(&r->log, i + 2, HBM_CMD_REFAB, p + 1 + ISSUE + U(c.trtp + c.trp), -1, -1);
    tu_run_free(r);
}
END_TEST

START_TEST(test_per_bank_refresh_visits_every_bank_once_per_round_in_bank_order)
{
    WITH(c, c.refresh_mode = HBM_REFRESH_PER_BANK);
    struct tu_run *r = tu_run_create(&c);
    int k, n = 2 * c.banks;

    tu_until(r, (uint64_t)n * U(c.trefipb) + 1 + PIPE);
    ck_assert_int_eq(r->log.n, n);
    for (k = 0; k < n; k++) {
        int b = k % c.banks;
        tu_expect_cmd(&r->log, k, HBM_CMD_REFPB, (uint64_t)(k + 1) * U(c.trefipb) + PIPE,
                      b / c.banks_per_group, b % c.banks_per_group);
    }
    tu_run_free(r);
}
END_TEST

START_TEST(test_per_bank_refresh_pick_recent_takes_the_bank_closed_last)
{
    WITH(c, (c.refresh_mode = HBM_REFRESH_PER_BANK, c.refresh_pick = HBM_REFPICK_RECENT,
             c.page_policy = HBM_PAGE_CLOSED, c.refresh_postpone = 8));
    struct tu_run *r = tu_run_create(&c);
    int bg = c.bankgroups - 1, ba = c.banks_per_group - 1, i;
    uint64_t ti = U(c.trefipb);

    NEED(base.trcdrd + base.trtp + base.trp < base.trefipb && base.columns > 1);
    tu_read(r, tu_addr(&c, bg, ba, 5, 0), 1);   /* ACT, RDA at column 0: closed in mid-row */
    tu_until(r, 6 * ti + 1 + PIPE);
    i = tu_find(&r->log, 0, HBM_CMD_REFPB, -1, -1);
    tu_expect_cmd(&r->log, i, HBM_CMD_REFPB, ti + PIPE, bg, ba);
    /* no bank closed since: wait until (8 + 1) / 2 = 4 are owed, then the lowest idle bank */
    tu_expect_cmd(&r->log, i + 1, HBM_CMD_REFPB, 5 * ti + PIPE, 0, 0);
    tu_run_free(r);
}
END_TEST

START_TEST(test_per_bank_refresh_pick_recent_skips_a_bank_closed_on_the_last_column)
{
    WITH(c, (c.refresh_mode = HBM_REFRESH_PER_BANK, c.refresh_pick = HBM_REFPICK_RECENT,
             c.page_policy = HBM_PAGE_CLOSED, c.refresh_postpone = 4));
    struct tu_run *r = tu_run_create(&c);
    int bg = c.bankgroups - 1, ba = c.banks_per_group - 1, i;
    uint64_t ti = U(c.trefipb);

    NEED(base.trcdrd + base.trtp + base.trp < base.trefipb);
    tu_read(r, tu_addr(&c, bg, ba, 5, c.columns - 1), 1);  /* RDA at the row's last column */
    tu_until(r, 3 * ti + 1 + PIPE);
    i = tu_find(&r->log, 0, HBM_CMD_REFPB, -1, -1);
    /* not taken: the lowest idle bank once (4 + 1) / 2 = 2 are owed */
    tu_expect_cmd(&r->log, i, HBM_CMD_REFPB, 2 * ti + PIPE, 0, 0);
    tu_run_free(r);
}
END_TEST

START_TEST(test_per_bank_refresh_skips_a_busy_bank_until_refresh_postpone)
{
    WITH(c, (c.refresh_mode = HBM_REFRESH_PER_BANK, c.refresh_postpone = 2, c.resp_queue_depth = 1));
    struct tu_run *r = tu_run_create(&c);
    uint64_t ti = U(c.trefipb), pre0, x;
    int k, i;

    NEED(base.trfcpb > 2 * base.trrefd);
    /* Bank 0 keeps a queued request: the blocker's response is never popped. */
    r->auto_pop = 0;
    tu_read(r, tu_addr(&c, 0, 0, 5, 0), 1);
    tu_read(r, tu_addr(&c, 0, 0, 5, 1), 2);
    pre0 = (uint64_t)(c.banks + c.refresh_postpone - 1) * ti + PIPE;
    x = pre0 + U(c.trp);
    tu_until(r, x + U(c.trfcpb) + 1);
    i = tu_find(&r->log, 0, HBM_CMD_REFPB, -1, -1);
    /* The round goes on without bank 0 ... */
    for (k = 1; k < c.banks; k++, i++)
        tu_expect_cmd(&r->log, i, HBM_CMD_REFPB, (uint64_t)k * ti + PIPE, k / c.banks_per_group, k % c.banks_per_group);
    /* ... until refresh_postpone are owed: then bank 0, busy or not. */
    tu_expect_cmd(&r->log, i, HBM_CMD_PRE, pre0, 0, 0);
    tu_expect_cmd(&r->log, i + 1, HBM_CMD_REFPB, x, 0, 0);
    /* A new round starts with the lowest idle bank, owed one more. */
    tu_expect_cmd(&r->log, i + 2, HBM_CMD_REFPB, x + U(c.trrefd), 0, 1);
    /* Bank 0's request gets its row back tRFCpb after the refresh. */
    tu_expect_cmd(&r->log, i + 3, HBM_CMD_ACT, x + U(c.trfcpb), 0, 0);
    tu_run_free(r);
}
END_TEST

START_TEST(test_all_bank_refresh_blocks_the_column_bus_and_prea_waits_tras)
{
    WITH(c, (c.refresh_mode = HBM_REFRESH_ALL_BANK, c.refresh_postpone = 0));
    struct tu_run *r = tu_run_create(&c);
    uint64_t t = U(c.trefi), act, refab;

    NEED(base.trcdrd > 2);
    tu_until(r, t - 3 - PORT);
    tu_read(r, tu_addr(&c, 3, 2, 5, 0), 1);  /* ACT at tREFI - 2 + PIPE, RD would be tRCDRD later */
    tu_drain(r, 2000);
    act = t - 2 + PIPE;
    refab = act + U(c.tras) + U(c.trp);
    ck_assert_int_eq(r->log.n, 5);
    tu_expect_cmd(&r->log, 0, HBM_CMD_ACT, act, 3, 2);
    tu_expect_cmd(&r->log, 1, HBM_CMD_PREA, act + U(c.tras), -1, -1);
    tu_expect_cmd(&r->log, 2, HBM_CMD_REFAB, refab, -1, -1);
    tu_expect_cmd(&r->log, 3, HBM_CMD_ACT, refab + U(c.trfc), 3, 2);
    tu_expect_cmd(&r->log, 4, HBM_CMD_RD, refab + U(c.trfc + c.trcdrd), 3, 2);
    tu_run_free(r);
}
END_TEST

START_TEST(test_per_bank_refresh_blocks_only_its_target_bank)
{
    WITH(c, c.refresh_mode = HBM_REFRESH_PER_BANK);
    struct tu_run *r = tu_run_create(&c);
    uint64_t ti = U(c.trefipb), refpb;
    int n0;

    tu_read(r, tu_addr(&c, 0, 0, 5, 0), 1);
    tu_read(r, tu_addr(&c, 0, 1, 5, 0), 2);
    tu_drain(r, 1000);
    ck_assert_uint_lt(tu_now(r) + U(c.trc), ti - 1 - PORT);
    tu_until(r, ti - 1 - PORT);
    n0 = r->log.n;
    tu_read(r, tu_addr(&c, 0, 1, 5, 1), 3);  /* hit on bank 1, visible in tREFIpb    */
    tu_read(r, tu_addr(&c, 0, 0, 5, 1), 4);  /* hit on bank 0, the idle open target, */
                                             /* arriving once its refresh started    */
    tu_drain(r, 2000);
    refpb = ti + PIPE + U(c.trp);
    tu_expect_cmd(&r->log, n0, HBM_CMD_PRE, ti + PIPE, 0, 0);
    tu_expect_cmd(&r->log, n0 + 1, HBM_CMD_RD, ti + PIPE, 0, 1);
    tu_expect_cmd(&r->log, n0 + 2, HBM_CMD_REFPB, refpb, 0, 0);
    tu_expect_cmd(&r->log, n0 + 3, HBM_CMD_ACT, refpb + U(c.trfcpb), 0, 0);
    tu_expect_cmd(&r->log, n0 + 4, HBM_CMD_RD, refpb + U(c.trfcpb + c.trcdrd), 0, 0);
    tu_run_free(r);
}
END_TEST

START_TEST(test_per_bank_refresh_forced_on_a_busy_bank_blocks_its_row_hits)
{
    /* One bank, so the forced target is the busy bank itself (tREFIpb raised so one bank can keep up). */
    WITH(c, (c.refresh_mode = HBM_REFRESH_PER_BANK, c.refresh_postpone = 1, c.bankgroups = 1,
             c.banks_per_group = 1, c.trefipb = 1000, c.address_xor = HBM_XOR_FOLD,
             snprintf(c.address_map, sizeof c.address_map, "ro-ba-co-bg")));
    struct tu_run *r = tu_run_create(&c);
    uint64_t ti = U(c.trefipb), refpb;
    int n0;

    tu_read(r, tu_addr(&c, 0, 0, 5, 0), 1);
    tu_drain(r, 1000);
    ck_assert_uint_lt(tu_now(r) + U(c.trc), ti - 1);
    tu_until(r, ti - 1);
    n0 = r->log.n;
    tu_read(r, tu_addr(&c, 0, 0, 5, 1), 2);  /* a row hit, visible in tREFIpb */
    tu_drain(r, 2000);
    refpb = ti + PIPE + U(c.trp);
    ck_assert_int_eq(r->log.n, n0 + 4);
    tu_expect_cmd(&r->log, n0, HBM_CMD_PRE, ti + PIPE, 0, 0);
    tu_expect_cmd(&r->log, n0 + 1, HBM_CMD_REFPB, refpb, 0, 0);
    tu_expect_cmd(&r->log, n0 + 2, HBM_CMD_ACT, refpb + U(c.trfcpb), 0, 0);
    tu_expect_cmd(&r->log, n0 + 3, HBM_CMD_RD, refpb + U(c.trfcpb + c.trcdrd), 0, 0);
    tu_run_free(r);
}
END_TEST

START_TEST(test_row_pick_serves_other_banks_while_the_refresh_command_waits)
{
    WITH(c, c.refresh_mode = HBM_REFRESH_PER_BANK);
    struct tu_run *r = tu_run_create(&c);
    uint64_t ti = U(c.trefipb), act0, pre;

    NEED(base.tras > base.trcdrd + 5);
    /* Bank 0 is idle at tREFIpb but was opened too recently to precharge. */
    tu_until(r, ti - 20 - PORT);
    tu_read(r, tu_addr(&c, 0, 0, 5, 0), 1);
    act0 = ti - 19 + PIPE;
    tu_until(r, ti - 1 - PORT);
    tu_read(r, tu_addr(&c, 2, 0, 5, 0), 2);  /* visible in tREFIpb */
    tu_drain(r, 2000);
    pre = act0 + U(c.tras);
    tu_expect_cmd(&r->log, 0, HBM_CMD_ACT, act0, 0, 0);
    tu_expect_cmd(&r->log, 1, HBM_CMD_RD, act0 + U(c.trcdrd), 0, 0);
    tu_expect_cmd(&r->log, 2, HBM_CMD_ACT, ti + PIPE, 2, 0);
    tu_expect_cmd(&r->log, 3, HBM_CMD_RD, ti + PIPE + U(c.trcdrd), 2, 0);
    tu_expect_cmd(&r->log, tu_find(&r->log, 0, HBM_CMD_PRE, -1, -1), HBM_CMD_PRE, pre, 0, 0);
    tu_expect_cmd(&r->log, tu_find(&r->log, 0, HBM_CMD_REFPB, -1, -1), HBM_CMD_REFPB, pre + U(c.trp), 0, 0);
    tu_run_free(r);
}
END_TEST

START_TEST(test_refresh_none_issues_no_command_on_an_idle_controller)
{
    struct tu_run *r = tu_run_create(&base);

    tu_until(r, 10 * U(base.trefi));
    ck_assert_int_eq(r->log.n, 0);
    ck_assert(hbm_model_idle(r->m));
    ck_assert_uint_eq(hbm_model_stats(r->m)->cycles, 10 * U(base.trefi));
    tu_run_free(r);
}
END_TEST

/* ==== statistics ========================================================= */

START_TEST(test_statistics_count_hit_miss_conflict_acts_and_busy_cycles)
{
    struct tu_run *r = tu_run_create(&base);
    const struct hbm_config *c = &r->cfg;
    const struct hbm_stats *st;
    uint64_t a, rd1, pre, act2, sum = 0, max = 0;
    int i;

    a = tu_read(r, tu_addr(c, 2, 1, 5, 0), 1);  /* miss     */
    tu_read(r, tu_addr(c, 2, 1, 5, 1), 2);      /* hit      */
    tu_read(r, tu_addr(c, 2, 1, 6, 0), 3);      /* conflict */
    tu_drain(r, 1000);
    rd1 = a + ACC + PIPE + U(c->trcdrd) + U(c->tccd_l);
    pre = tu_max(rd1 + U(c->trtp), a + ACC + PIPE + U(c->tras));
    act2 = pre + U(c->trp);
    ck_assert_int_eq(r->log.n, 6);
    tu_expect_cmd(&r->log, 0, HBM_CMD_ACT, a + ACC + PIPE, 2, 1);
    tu_expect_cmd(&r->log, 1, HBM_CMD_RD, a + ACC + PIPE + U(c->trcdrd), 2, 1);
    tu_expect_cmd(&r->log, 2, HBM_CMD_RD, rd1, 2, 1);
    tu_expect_cmd(&r->log, 3, HBM_CMD_PRE, pre, 2, 1);
    tu_expect_cmd(&r->log, 4, HBM_CMD_ACT, act2, 2, 1);
    tu_expect_cmd(&r->log, 5, HBM_CMD_RD, act2 + U(c->trcdrd), 2, 1);
    st = hbm_model_stats(r->m);
    ck_assert_uint_eq(st->row_misses, 1);
    ck_assert_uint_eq(st->row_hits, 1);
    ck_assert_uint_eq(st->row_conflicts, 1);
    ck_assert_uint_eq(st->acts, 2);
    ck_assert_uint_eq(st->precharges, 1);
    ck_assert_uint_eq(st->auto_precharges, 0);
    ck_assert_uint_eq(st->refreshes, 0);
    ck_assert_uint_eq(st->reads, 3);
    ck_assert_uint_eq(st->writes, 0);
    ck_assert_uint_eq(st->bytes_read, 3 * HBM_BURST_BYTES);
    ck_assert_uint_eq(st->bytes_written, 0);
    ck_assert_uint_eq(st->data_busy_cycles, 3 * U(c->tburst));
    ck_assert_uint_eq(st->cycles, tu_now(r));
    for (i = 0; i < r->nresp; i++) {
        uint64_t lat = r->resp[i].done_cycle - r->resp[i].accept_cycle;
        sum += lat;
        max = tu_max(max, lat);
    }
    ck_assert_uint_eq(st->read_latency_sum, sum);
    ck_assert_uint_eq(st->read_latency_max, max);
    ck_assert_uint_eq(max, act2 + U(c->trcdrd + c->rl + c->tburst) - 1 - (a + 2));  /* the third read was accepted in a + 2 */
    ck_assert_uint_eq(hbm_stats_latency_percentile(st, 100), max);
    tu_run_free(r);
}
END_TEST

START_TEST(test_statistics_count_writes_and_auto_precharges)
{
    WITH(c, c.page_policy = HBM_PAGE_CLOSED);
    struct tu_run *r = tu_run_create(&c);
    const struct hbm_stats *st;
    uint8_t d[HBM_BURST_BYTES];

    fill(d, 18);
    tu_push(r, tu_addr(&c, 0, 1, 5, 0), 1, 1, d, 0xFFFFFFFFu);
    tu_read(r, tu_addr(&c, 3, 1, 5, 0), 2);
    tu_drain(r, 1000);
    st = hbm_model_stats(r->m);
    /* Latency is counted for the read only. */
    ck_assert_uint_eq(st->read_latency_sum, resp_of(r, 2)->done_cycle - resp_of(r, 2)->accept_cycle);
    ck_assert_uint_eq(st->read_latency_max, st->read_latency_sum);
    ck_assert_uint_eq(st->writes, 1);
    ck_assert_uint_eq(st->reads, 1);
    ck_assert_uint_eq(st->bytes_written, HBM_BURST_BYTES);
    ck_assert_uint_eq(st->auto_precharges, 2);
    ck_assert_uint_eq(st->precharges, 0);
    ck_assert_uint_eq(st->row_misses, 2);
    ck_assert_uint_eq(st->data_busy_cycles, 2 * U(c.tburst));
    tu_run_free(r);
}
END_TEST

START_TEST(test_statistics_count_each_refresh_command)
{
    WITH(c, c.refresh_mode = HBM_REFRESH_PER_BANK);
    struct tu_run *r = tu_run_create(&c);

    tu_until(r, 3 * U(c.trefipb) + 1 + PIPE);
    ck_assert_uint_eq(hbm_model_stats(r->m)->refreshes, 3);
    tu_run_free(r);
}
END_TEST

/* ==== determinism ======================================================== */

START_TEST(test_two_runs_of_one_request_list_give_identical_command_logs)
{
    struct hbm_config c;
    struct tu_run *r1, *r2;
    struct scoreboard *sb = &sb_store;
    int i;

    tu_load(&c, TU_PRESET);
    r1 = tu_run_create(&c);
    r2 = tu_run_create(&c);
    run_random(r1, sb, 7, 1500);
    run_random(r2, sb, 7, 1500);
    ck_assert_int_gt(r1->log.n, 1500);
    ck_assert_int_le(r1->log.n, TU_MAX_CMDS);
    ck_assert_int_eq(r1->log.n, r2->log.n);
    for (i = 0; i < r1->log.n; i++) {
        const struct hbm_cmd *x = &r1->log.c[i], *y = &r2->log.c[i];
        if (x->cycle != y->cycle || x->code != y->code || x->bg != y->bg || x->ba != y->ba ||
            x->row != y->row || x->col != y->col)
            ck_abort_msg("command %d differs: %s at %llu vs %s at %llu", i, hbm_cmd_name(x->code),
                         (unsigned long long)x->cycle, hbm_cmd_name(y->code), (unsigned long long)y->cycle);
    }
    ck_assert_uint_eq(tu_now(r1), tu_now(r2));
    ck_assert_mem_eq(hbm_model_stats(r1->m), hbm_model_stats(r2->m), sizeof(struct hbm_stats));
    tu_run_free(r1);
    tu_run_free(r2);
}
END_TEST

/* ==== limits ============================================================= */

START_TEST(test_queues_of_depth_one_still_serve_every_request)
{
    WITH(c, (c.read_queue_depth = 1, c.write_queue_depth = 1, c.resp_queue_depth = 1, c.wq_high = 1,
             c.wq_low = 0, c.refresh_mode = HBM_REFRESH_PER_BANK));
    struct tu_run *r = tu_run_create(&c);
    struct scoreboard *sb = &sb_store;

    run_random(r, sb, 3, 800);
    ck_assert_uint_eq(sb->reads_checked + sb->writes_acked, 800);
    tu_run_free(r);
}
END_TEST

START_TEST(test_deepest_queues_serve_every_request)
{
    WITH(c, (c.read_queue_depth = 64, c.write_queue_depth = 64, c.resp_queue_depth = 64, c.wq_high = 64,
             c.wq_low = 63, c.id_bits = 8, c.page_policy = HBM_PAGE_ADAPTIVE));
    struct tu_run *r = tu_run_create(&c);
    struct scoreboard *sb = &sb_store;

    run_random(r, sb, 4, 2000);
    ck_assert_uint_eq(sb->reads_checked + sb->writes_acked, 2000);
    tu_run_free(r);
}
END_TEST

START_TEST(test_create_rejects_an_invalid_config_naming_the_key)
{
    struct hbm_config c = base;
    char err[HBM_ERR_MAX] = "";

    c.wq_low = c.wq_high;
    ck_assert_ptr_null(hbm_model_create(&c, err));
    ck_assert_msg(strstr(err, "wq_low_watermark") != NULL, "%s", err);
}
END_TEST

START_TEST(test_latency_percentile_is_the_nearest_rank)
{
    static struct hbm_stats s;

    memset(&s, 0, sizeof s);
    ck_assert_uint_eq(hbm_stats_latency_percentile(&s, 50), 0);
    s.reads = 4;
    s.latency_hist[10] = 1;
    s.latency_hist[20] = 2;
    s.latency_hist[30] = 1;
    ck_assert_uint_eq(hbm_stats_latency_percentile(&s, 1), 10);
    ck_assert_uint_eq(hbm_stats_latency_percentile(&s, 25), 10);
    ck_assert_uint_eq(hbm_stats_latency_percentile(&s, 26), 20);
    ck_assert_uint_eq(hbm_stats_latency_percentile(&s, 75), 20);
    ck_assert_uint_eq(hbm_stats_latency_percentile(&s, 76), 30);
    ck_assert_uint_eq(hbm_stats_latency_percentile(&s, 100), 30);
}
END_TEST

START_TEST(test_model_copies_its_config)
{
    struct hbm_config c = base;
    struct tu_run *r = tu_run_create(&c);

    c.trcdrd = 1;
    ck_assert_int_eq(hbm_model_config(r->m)->trcdrd, base.trcdrd);
    ck_assert_uint_eq(hbm_model_cycle(r->m), 0);
    ck_assert(hbm_model_idle(r->m));
    tu_run_free(r);
}
END_TEST

/* ==== starvation limit =================================================== */

/*
 * Keep the read queue full of hits to bank (0,0) row 1 for `cycles`,
 * after one conflicting read to row 2 accepted at *conflict_at.  Returns
 * the log index of the first PRE to (0,0) or -1.
 */
static int starve_conflict_scenario(struct tu_run *r, const struct hbm_config *c, uint64_t cycles,
                                    uint64_t *conflict_at)
{
    uint32_t id = 1;
    int col = 1;
    uint64_t end;

    tu_read(r, tu_addr(c, 0, 0, 1, 0), id++);
    tu_ticks(r, U(c->trcdrd) + 4);
    *conflict_at = tu_read(r, tu_addr(c, 0, 0, 2, 0), id++);
    end = tu_now(r) + cycles;
    while (tu_now(r) < end) {
        uint64_t a = tu_addr(c, 0, 0, 1, col);
        if (hbm_model_can_accept(r->m, a, 0) &&
            hbm_model_push(r->m, a, 0, id, NULL, 0) == HBM_PUSH_OK) {
            id = (id + 1) % 200;
            col = (col + 1) % c->columns;
        }
        tu_tick(r);
    }
    return tu_find(&r->log, 0, HBM_CMD_PRE, 0, 0);
}

START_TEST(test_conflict_waits_while_hits_keep_coming_without_a_starvation_limit)
{
    WITH(c, (c.refresh_mode = HBM_REFRESH_NONE, c.starve_limit = 0));
    struct tu_run *r = tu_run_create(&c);
    uint64_t at;

    ck_assert_int_eq(starve_conflict_scenario(r, &c, 1500, &at), -1);
    tu_run_free(r);
}
END_TEST

START_TEST(test_starved_conflict_gets_its_precharge_in_spite_of_hits)
{
    WITH(c, (c.refresh_mode = HBM_REFRESH_NONE, c.starve_limit = 300));
    struct tu_run *r = tu_run_create(&c);
    uint64_t at;
    int i = starve_conflict_scenario(r, &c, 1500, &at);

    ck_assert_int_ge(i, 0);
    /* It starves once it heads the queue and has waited starve_limit; then
     * the PRE waits only for the last hit's tRTP. */
    ck_assert_uint_ge(r->log.c[i].cycle, at + U(c.starve_limit));
    ck_assert_uint_le(r->log.c[i].cycle, at + U(c.starve_limit) + U(c.trtp) + U(c.tccd_l));
    /* ... and its ACT follows tRP later, nothing else on bank (0,0) between. */
    tu_expect_cmd(&r->log, tu_find(&r->log, i + 1, HBM_CMD_ACT, 0, 0), HBM_CMD_ACT,
                  r->log.c[i].cycle + U(c.trp), 0, 0);
    tu_run_free(r);
}
END_TEST

/* One write, then reads to another bank every cycle for `cycles`: log index of the WR or -1. */
static int starve_write_scenario(struct tu_run *r, const struct hbm_config *c, uint64_t cycles,
                                 uint64_t *write_at)
{
    uint8_t d[HBM_BURST_BYTES];
    uint32_t id = 100;
    int col = 0, row = 0;
    uint64_t end;

    memset(d, 0x5a, sizeof d);
    *write_at = tu_push(r, tu_addr(c, 3, 3, 7, 0), 1, 0, d, 0xFFFFFFFFu);
    end = tu_now(r) + cycles;
    while (tu_now(r) < end) {
        uint64_t a = tu_addr(c, col % c->bankgroups, 0, row, col / c->bankgroups);
        if (hbm_model_can_accept(r->m, a, 0) &&
            hbm_model_push(r->m, a, 0, id, NULL, 0) == HBM_PUSH_OK) {
            id = id == 199 ? 100 : id + 1;
            if (++col == c->bankgroups * c->columns) {
                col = 0;
                row++;
            }
        }
        tu_tick(r);
    }
    return tu_find(&r->log, 0, HBM_CMD_WR, 3, 3);
}

START_TEST(test_write_below_the_watermark_waits_while_reads_keep_coming_without_a_limit)
{
    WITH(c, (c.refresh_mode = HBM_REFRESH_NONE, c.starve_limit = 0));
    struct tu_run *r = tu_run_create(&c);
    uint64_t at;

    ck_assert_int_eq(starve_write_scenario(r, &c, 1500, &at), -1);
    tu_run_free(r);
}
END_TEST

START_TEST(test_starved_write_switches_the_mode_and_is_served)
{
    WITH(c, (c.refresh_mode = HBM_REFRESH_NONE, c.starve_limit = 300));
    struct tu_run *r = tu_run_create(&c);
    uint64_t at;
    int i = starve_write_scenario(r, &c, 1500, &at);

    ck_assert_int_ge(i, 0);
    /* Write mode from cycle at + starve_limit; the WR then needs its ACT
     * (row bus, tRRD) and tRCDWR, and the read-to-write turnaround. */
    ck_assert_uint_ge(r->log.c[i].cycle, at + U(c.starve_limit));
    ck_assert_uint_le(r->log.c[i].cycle,
                      at + U(c.starve_limit) + U(c.tfaw) + U(c.trcdwr) + U(c.trtw));
    tu_run_free(r);
}
END_TEST

/* ==== dfi_ratio = 2: a controller clock of two DRAM clocks ============== */

START_TEST(test_ratio2_commands_go_out_in_the_first_dram_clock_of_their_controller_clock_where_legal)
{
    WITH(c, c.dfi_ratio = 2; c.trcdrd = 15);
    struct tu_run *r = tu_run_create(&c);
    uint64_t a = tu_read(r, tu_addr(&c, 1, 2, 5, 3), 7), act = a + 2 * (ACC + PIPE);

    /* a controller clock starts at an even DRAM clock, and ticks two */
    ck_assert_uint_eq(a % 2, 0);
    ck_assert_uint_eq(tu_now(r), a + 2);
    tu_drain(r, 1000);
    ck_assert_int_eq(r->log.n, 2);
    /* picked in the next controller clock, out in the one after, in its first DRAM clock */
    tu_expect_cmd(&r->log, 0, HBM_CMD_ACT, act, 1, 2);
    /* tRCDRD = 15 later is the second DRAM clock of a controller clock: the RD goes out there */
    tu_expect_cmd(&r->log, 1, HBM_CMD_RD, act + 15, 1, 2);
    /* the last data word RL + tBURST - 1 after it, in DRAM clocks */
    ck_assert_uint_eq(resp_of(r, 7)->done_cycle, act + 15 + U(c.rl + c.tburst - 1));
    tu_run_free(r);
}
END_TEST

START_TEST(test_ratio2_row_hits_in_two_bank_groups_take_a_column_command_every_controller_clock)
{
    WITH(c, c.dfi_ratio = 2);
    struct tu_run *r = tu_run_create(&c);
    int i, n0;

    NEED(c.tccd_s == 2 && c.tccd_l > c.tccd_s);
    tu_read(r, tu_addr(&c, 0, 0, 9, 0), 100);
    tu_read(r, tu_addr(&c, 1, 0, 9, 0), 101);
    tu_settle(r);
    n0 = r->log.n;
    /* one request per controller clock, alternating bank groups: tCCD_S
     * apart, so every controller clock carries one RD */
    for (i = 0; i < 8; i++)
        tu_read(r, tu_addr(&c, i & 1, 0, 9, 1 + i / 2), (uint32_t)i);
    tu_drain(r, 1000);
    ck_assert_int_eq(r->log.n, n0 + 8);
    for (i = 1; i < 8; i++) {
        ck_assert_int_eq(r->log.c[n0 + i].code, HBM_CMD_RD);
        ck_assert_uint_eq(r->log.c[n0 + i].cycle, r->log.c[n0 + i - 1].cycle + 2);
    }
    tu_run_free(r);
}
END_TEST

START_TEST(test_write_latency_of_two_controller_clocks_and_read_latency_of_one)
{
    struct hbm_config c = base;
    char err[HBM_ERR_MAX] = "";
    hbm_model *m;

    /* WL >= 2 x dfi_ratio: the write queue reads the data in the clock
     * after the command, the data path sends it a clock later at the
     * earliest */
    c.wl = 1;
    c.trtw = c.rl + c.tburst + 1 - c.wl;
    ck_assert_ptr_null(hbm_model_create(&c, err));
    ck_assert_msg(strstr(err, "WL") != NULL && strstr(err, "dfi_ratio") != NULL, "%s", err);
    c = base;
    c.dfi_ratio = 2;
    c.wl = 3;
    c.trtw = c.rl + c.tburst + 1 - c.wl;   /* the read-to-write rule for this WL */
    ck_assert_ptr_null(hbm_model_create(&c, err));
    ck_assert_msg(strstr(err, "WL") != NULL && strstr(err, "dfi_ratio") != NULL, "%s", err);
    c.wl = 4;                              /* two controller clocks: accepted */
    c.trtw = c.rl + c.tburst + 1 - c.wl;
    m = hbm_model_create(&c, err);
    ck_assert_msg(m != NULL, "%s", err);
    hbm_model_free(m);
    c = base;
    c.dfi_ratio = 2;
    c.rl = 1;
    c.wl = 2;   /* RL + 1 >= WL, and tRTW as the rule needs it */
    c.trtw = c.rl + c.tburst + 1 - c.wl;
    ck_assert_ptr_null(hbm_model_create(&c, err));
    ck_assert_msg(strstr(err, "RL") != NULL && strstr(err, "dfi_ratio") != NULL, "%s", err);
}
END_TEST

static Suite *model_suite(void)
{
    Suite *s = suite_create("hbm_model");
    TCase *core = tcase_create("core");
    TCase *limits = tcase_create("limits");

    tcase_add_checked_fixture(core, setup, teardown);
    tcase_add_checked_fixture(limits, setup, teardown);
    tcase_set_timeout(core, 30);
    tcase_set_timeout(limits, 30);

    /* starvation limit */
    tcase_add_test(core, test_conflict_waits_while_hits_keep_coming_without_a_starvation_limit);
    tcase_add_test(core, test_starved_conflict_gets_its_precharge_in_spite_of_hits);
    tcase_add_test(core, test_write_below_the_watermark_waits_while_reads_keep_coming_without_a_limit);
    tcase_add_test(core, test_starved_write_switches_the_mode_and_is_served);
    /* unloaded latency */
    tcase_add_test(core, test_read_to_closed_bank_activates_four_clocks_after_accept_and_takes_trcdrd_rl_tburst);
    tcase_add_test(core, test_read_row_hit_reads_four_clocks_after_accept_and_takes_rl_tburst);
    tcase_add_test(core, test_read_row_conflict_adds_trp_and_trcdrd);
    tcase_add_test(core, test_write_to_closed_bank_responds_after_trcdwr_wl_tburst);
    tcase_add_test(core, test_response_is_offered_the_cycle_after_its_last_data_word);
    /* request port */
    tcase_add_test(core, test_full_read_queue_holds_the_next_read_in_the_port_until_a_request_leaves_it);
    tcase_add_test(core, test_full_write_queue_fills_the_port_register_which_then_refuses);
    tcase_add_test(core, test_second_push_in_one_cycle_is_refused);
    tcase_add_test(core, test_address_at_or_beyond_capacity_is_refused);
    tcase_add_test(core, test_id_wider_than_id_bits_is_refused);
    tcase_add_test(core, test_read_after_a_full_write_is_answered_from_the_write_queue_once_taken);
    tcase_add_test(core, test_forward_register_takes_one_read_until_its_response_is_popped);
    tcase_add_test(core, test_read_after_a_partial_write_is_accepted_and_reads_after_the_wr);
    tcase_add_test(core, test_a_read_forwards_the_newest_write_and_waits_for_a_partial_newest);
    tcase_add_test(core, test_write_after_read_to_same_burst_waits_until_the_rd_has_issued);
    tcase_add_test(core, test_same_direction_requests_to_one_burst_are_not_a_hazard);
    /* FR-FCFS */
    tcase_add_test(core, test_younger_row_hit_issues_before_older_miss);
    tcase_add_test(core, test_row_hit_beyond_the_window_waits_until_an_older_entry_leaves);
    tcase_add_test(core, test_fcfs_serves_the_older_miss_before_a_younger_row_hit);
    tcase_add_test(core, test_fcfs_activates_no_younger_bank_ahead_of_the_head);
    tcase_add_test(core, test_oldest_row_hit_wins_over_younger_hit_in_a_lower_bank);
    tcase_add_test(core, test_row_pick_serves_the_oldest_request_needing_a_row_command);
    tcase_add_test(core, test_no_precharge_while_the_active_queue_hits_the_open_row);
    tcase_add_test(core, test_pre_waits_two_clocks_after_an_act_for_the_row_bus);
    tcase_add_test(core, test_row_and_column_commands_issue_in_one_cycle_row_first);
    tcase_add_test(core, test_fifth_act_waits_tfaw_after_the_first);
    /* write drain */
    tcase_add_test(core, test_write_drain_starts_when_write_queue_reaches_high_watermark);
    tcase_add_test(core, test_write_drain_stops_at_low_watermark_when_reads_wait);
    tcase_add_test(core, test_write_drain_starts_when_read_queue_is_empty);
    tcase_add_test(core, test_write_drain_without_waiting_reads_empties_the_write_queue);
    tcase_add_test(core, test_write_drain_starts_at_read_low_watermark);
    tcase_add_test(core, test_write_drain_holds_at_low_watermark_while_reads_are_at_read_low_watermark);
    /* response credits */
    tcase_add_test(core, test_full_response_queue_stops_the_column_bus_until_a_pop);
    tcase_add_test(core, test_write_responses_also_need_a_credit);
    /* page policy */
    tcase_add_test(core, test_open_page_reads_with_rd_and_leaves_the_row_open);
    tcase_add_test(core, test_closed_page_reads_with_rda_and_next_act_waits_trtp_trp_and_trc);
    tcase_add_test(core, test_closed_page_writes_with_wra_and_next_act_waits_write_recovery_and_trp);
    tcase_add_test(core, test_adaptive_page_keeps_the_row_open_while_another_request_hits_it);
    tcase_add_test(core, test_adaptive_page_counts_hits_in_the_write_queue_too);
    tcase_add_test(core, test_adaptive_page_closes_the_row_of_a_lone_request);
    /* data */
    tcase_add_test(core, test_read_returns_written_bytes_and_keeps_bytes_not_enabled);
    tcase_add_test(core, test_never_written_bytes_read_as_zero);
    tcase_add_test(core, test_debug_access_reads_and_writes_the_device_behind_the_controller);
    tcase_add_test(core, test_storage_is_one_array_by_address_shared_with_the_controller);
    tcase_add_test(core, test_requests_to_one_address_take_effect_in_accept_order);
    tcase_add_test(core, test_every_read_returns_the_writes_accepted_before_it);
    /* refresh */
    tcase_add_test(core, test_all_bank_refresh_precharges_at_trefi_and_refreshes_trp_later);
    tcase_add_test(core, test_all_bank_refresh_blocks_act_until_trfc_after_refab);
    tcase_add_test(core, test_all_bank_refresh_waits_for_refresh_postpone_while_requests_wait);
    tcase_add_test(core, test_per_bank_refresh_visits_every_bank_once_per_round_in_bank_order);
    tcase_add_test(core, test_per_bank_refresh_pick_recent_takes_the_bank_closed_last);
    tcase_add_test(core, test_per_bank_refresh_pick_recent_skips_a_bank_closed_on_the_last_column);
    tcase_add_test(core, test_per_bank_refresh_skips_a_busy_bank_until_refresh_postpone);
    tcase_add_test(core, test_all_bank_refresh_blocks_the_column_bus_and_prea_waits_tras);
    tcase_add_test(core, test_per_bank_refresh_blocks_only_its_target_bank);
    tcase_add_test(core, test_per_bank_refresh_forced_on_a_busy_bank_blocks_its_row_hits);
    tcase_add_test(core, test_row_pick_serves_other_banks_while_the_refresh_command_waits);
    tcase_add_test(core, test_refresh_none_issues_no_command_on_an_idle_controller);
    /* statistics, determinism */
    tcase_add_test(core, test_statistics_count_hit_miss_conflict_acts_and_busy_cycles);
    tcase_add_test(core, test_statistics_count_writes_and_auto_precharges);
    tcase_add_test(core, test_statistics_count_each_refresh_command);
    tcase_add_test(core, test_two_runs_of_one_request_list_give_identical_command_logs);

    tcase_add_test(limits, test_queues_of_depth_one_still_serve_every_request);
    tcase_add_test(limits, test_deepest_queues_serve_every_request);
    tcase_add_test(limits, test_create_rejects_an_invalid_config_naming_the_key);
    tcase_add_test(limits, test_latency_percentile_is_the_nearest_rank);
    tcase_add_test(limits, test_model_copies_its_config);
    tcase_add_test(core, test_ratio2_commands_go_out_in_the_first_dram_clock_of_their_controller_clock_where_legal);
    tcase_add_test(core, test_ratio2_row_hits_in_two_bank_groups_take_a_column_command_every_controller_clock);
    tcase_add_test(limits, test_write_latency_of_two_controller_clocks_and_read_latency_of_one);

    suite_add_tcase(s, core);
    suite_add_tcase(s, limits);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(model_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
