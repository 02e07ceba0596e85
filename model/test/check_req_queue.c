/*
 * check_req_queue.c - unit tests of model/hbm_req_queue.c, the C twin of
 * rtl/hbm_req_queue.v: slots, the age list and the vectors over age
 * positions the scheduler picks from.  tb/unit/vunit.cpp runs the RTL
 * module against this unit cycle by cycle.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "hbm_req_queue.h"

static struct hbm_req_queue q;

static struct hbm_queue_entry entry(int bank, uint32_t row, int col, uint32_t id)
{
    struct hbm_queue_entry e;
    memset(&e, 0, sizeof e);
    e.bank = (uint16_t)bank;
    e.row = row;
    e.col = (uint16_t)col;
    e.id = id;
    e.addr = ((uint64_t)bank << 20) | ((uint64_t)row << 5) | ((uint64_t)col << 12);
    return e;
}

static void push(int bank, uint32_t row, int col, uint32_t id, int hit)
{
    struct hbm_queue_entry e = entry(bank, row, col, id);
    hbm_req_queue_push(&q, &e, hit, NULL, 0);
}

START_TEST(test_push_takes_the_lowest_free_slot_and_the_last_age_position)
{
    hbm_req_queue_init(&q, 4);
    push(1, 10, 0, 100, 0);
    push(2, 20, 0, 101, 0);
    push(1, 11, 0, 102, 0);
    ck_assert_int_eq(q.n, 3);
    ck_assert_int_eq(q.order[0], 0);
    ck_assert_int_eq(q.order[1], 1);
    ck_assert_int_eq(q.order[2], 2);
    hbm_req_queue_pop(&q, 0);           /* slot 0 is free again */
    push(3, 30, 0, 103, 0);
    ck_assert_int_eq(q.order[2], 0);    /* the youngest, in the lowest free slot */
    ck_assert_uint_eq(hbm_req_queue_at(&q, 2)->id, 103);
}
END_TEST

START_TEST(test_pop_collapses_the_age_list_and_every_position_vector)
{
    hbm_req_queue_init(&q, 8);
    push(1, 10, 0, 0, 1);   /* pos 0 */
    push(2, 20, 0, 1, 0);   /* pos 1 */
    push(1, 10, 1, 2, 1);   /* pos 2 */
    push(2, 21, 0, 3, 1);   /* pos 3 */
    ck_assert_uint_eq(q.bank_pos[1], 0x5);
    ck_assert_uint_eq(q.bank_pos[2], 0xa);
    ck_assert_uint_eq(q.hit, 0xd);
    hbm_req_queue_pop(&q, 1);
    ck_assert_uint_eq(q.bank_pos[1], 0x3);
    ck_assert_uint_eq(q.bank_pos[2], 0x4);
    ck_assert_uint_eq(q.hit, 0x7);
    ck_assert_uint_eq(hbm_req_queue_at(&q, 1)->id, 2);
    ck_assert_uint_eq(q.busy, 0x6);
    hbm_req_queue_pop(&q, 2);
    ck_assert_uint_eq(q.busy, 0x2);     /* bank 2 holds nothing any more */
    ck_assert_uint_eq(hbm_req_queue_hit_banks(&q), 0x2);
}
END_TEST

START_TEST(test_act_sets_the_hits_of_its_banks_entries_on_that_row_only)
{
    hbm_req_queue_init(&q, 8);
    push(3, 7, 0, 0, 0);
    push(3, 8, 0, 1, 0);
    push(4, 7, 0, 2, 0);
    push(3, 7, 5, 3, 0);
    hbm_req_queue_bank_opened(&q, 3, 7);
    ck_assert_uint_eq(q.hit, 0x9);
    ck_assert_uint_eq(hbm_req_queue_hit_banks(&q), (uint64_t)1 << 3);
    hbm_req_queue_bank_opened(&q, 3, 8);    /* another row: the old hits go */
    ck_assert_uint_eq(q.hit, 0x2);
}
END_TEST

START_TEST(test_close_clears_the_hits_of_its_bank_only)
{
    hbm_req_queue_init(&q, 8);
    push(3, 7, 0, 0, 1);
    push(4, 9, 0, 1, 1);
    hbm_req_queue_bank_closed(&q, 3);
    ck_assert_uint_eq(q.hit, 0x2);
    ck_assert_uint_eq(hbm_req_queue_hit_banks(&q), (uint64_t)1 << 4);
}
END_TEST

START_TEST(test_probe_finds_a_queued_burst_and_nothing_else)
{
    struct hbm_queue_entry e = entry(5, 100, 3, 9);
    hbm_req_queue_init(&q, 2);
    ck_assert_int_eq(hbm_req_queue_holds(&q, e.addr), 0);
    hbm_req_queue_push(&q, &e, 0, NULL, 0);
    ck_assert_int_eq(hbm_req_queue_holds(&q, e.addr), 1);
    ck_assert_int_eq(hbm_req_queue_holds(&q, e.addr + 32), 0);
}
END_TEST

START_TEST(test_positions_of_banks_is_the_or_of_their_vectors)
{
    hbm_req_queue_init(&q, 8);
    push(0, 1, 0, 0, 0);
    push(5, 1, 0, 1, 0);
    push(9, 1, 0, 2, 0);
    push(5, 2, 0, 3, 0);
    ck_assert_uint_eq(hbm_req_queue_positions(&q, (1u << 5) | (1u << 9)), 0xe);
    ck_assert_uint_eq(hbm_req_queue_positions(&q, 1u << 7), 0);
}
END_TEST

START_TEST(test_a_full_depth_64_queue_keeps_every_position)
{
    int i;
    hbm_req_queue_init(&q, 64);
    for (i = 0; i < 64; i++)
        push(i % 4, (uint32_t)i, 0, (uint32_t)i, i & 1);
    ck_assert_int_eq(q.n, 64);
    ck_assert_uint_eq(q.free_slots, 0);
    ck_assert_uint_eq(q.hit, UINT64_C(0xaaaaaaaaaaaaaaaa));
    hbm_req_queue_pop(&q, 0);
    ck_assert_uint_eq(q.hit, UINT64_C(0x5555555555555555));
    ck_assert_uint_eq(hbm_req_queue_at(&q, 62)->id, 63);
}
END_TEST

static Suite *queue_suite(void)
{
    Suite *s = suite_create("req_queue");
    TCase *core = tcase_create("core");
    TCase *limits = tcase_create("limits");

    tcase_add_test(core, test_push_takes_the_lowest_free_slot_and_the_last_age_position);
    tcase_add_test(core, test_pop_collapses_the_age_list_and_every_position_vector);
    tcase_add_test(core, test_act_sets_the_hits_of_its_banks_entries_on_that_row_only);
    tcase_add_test(core, test_close_clears_the_hits_of_its_bank_only);
    tcase_add_test(core, test_probe_finds_a_queued_burst_and_nothing_else);
    tcase_add_test(core, test_positions_of_banks_is_the_or_of_their_vectors);
    tcase_add_test(limits, test_a_full_depth_64_queue_keeps_every_position);
    suite_add_tcase(s, core);
    suite_add_tcase(s, limits);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(queue_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
