/*
 * check_stack.c - unit tests of the top (model/hbm_stack.h): the address
 * interleave and the switch.
 *
 * Owns: the interleave as docs/configuration.md states it (one to one,
 * interleave_bytes per pseudo-channel, the XOR hash moving slices that
 * differ in high bits to other pseudo-channels, the hash leaving the
 * pseudo-channel address alone), and the switch seen from the AXI ports:
 * a write through one port read back through another, over every
 * pseudo-channel, and two ports that want one pseudo-channel served in
 * turn.
 *
 * Run from the repository root: CK_FORK=no build/test/check_stack
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hbm_config.h"
#include "hbm_stack.h"
#include "hbm_test_util.h"

#define STACK_PRESET "configs/hbm2_stack.ini"

static uint64_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* hbm2_stack with its interleave and hash replaced. */
static void stack_config(struct hbm_config *c, int interleave_bytes, int hash)
{
    tu_load(c, STACK_PRESET);
    c->interleave_bytes = interleave_bytes;
    c->interleave_hash = hash;
    tu_finish(c);
}

START_TEST(test_interleave_is_one_to_one)
{
    struct hbm_config c;
    uint64_t s = 0x1234567u;
    int hash, k;

    for (hash = 0; hash < 2; hash++) {
        stack_config(&c, hash ? 256 : 4096, hash);
        for (k = 0; k < 100000; k++) {
            uint64_t a = rnd(&s) % c.stack_bytes, local;
            int pc = hbm_stack_route(&c, a, &local);
            ck_assert_int_ge(pc, 0);
            ck_assert_int_lt(pc, c.pseudo_channels);
            ck_assert_uint_lt(local, c.capacity_bytes);
            ck_assert_uint_eq(hbm_stack_unroute(&c, pc, local), a);
        }
    }
}
END_TEST

START_TEST(test_interleave_keeps_interleave_bytes_in_one_pseudo_channel)
{
    struct hbm_config c;
    uint64_t a, local, prev_local = 0;
    int pc, first;

    stack_config(&c, 256, HBM_HASH_NONE);
    /* 0..255 in pseudo-channel 0, 256..511 in 1, ..., 16 x 256 back in 0 */
    for (a = 0; a < 2 * 16 * 256; a += 32) {
        pc = hbm_stack_route(&c, a, &local);
        ck_assert_int_eq(pc, (int)(a / 256 % 16));
        ck_assert_uint_eq(local, a / 4096 * 256 + a % 256);
    }
    /* with the hash, a stream still visits every pseudo-channel once per 4 KiB */
    stack_config(&c, 256, HBM_HASH_XOR);
    for (first = 0; first < 4; first++) {
        uint32_t seen = 0;
        for (a = (uint64_t)first * 4096 * 77; a < (uint64_t)first * 4096 * 77 + 4096; a += 256) {
            pc = hbm_stack_route(&c, a, &local);
            seen |= 1u << pc;
            if (a % 4096)
                ck_assert_uint_eq(local, prev_local);   /* same local chunk, another pseudo-channel */
            prev_local = local;
        }
        ck_assert_uint_eq(seen, 0xffffu);
    }
}
END_TEST

START_TEST(test_xor_hash_starts_port_slices_on_different_pseudo_channels)
{
    struct hbm_config c;
    uint64_t local;
    uint32_t seen_none = 0, seen_xor = 0;
    int p;

    stack_config(&c, 256, HBM_HASH_NONE);
    for (p = 0; p < c.ports; p++)
        seen_none |= 1u << hbm_stack_route(&c, c.stack_bytes / (uint64_t)c.ports * (uint64_t)p, &local);
    stack_config(&c, 256, HBM_HASH_XOR);
    for (p = 0; p < c.ports; p++)
        seen_xor |= 1u << hbm_stack_route(&c, c.stack_bytes / (uint64_t)c.ports * (uint64_t)p, &local);
    ck_assert_uint_eq(seen_none, 1u);                  /* every slice starts in pseudo-channel 0 */
    ck_assert_uint_eq((unsigned)__builtin_popcount(seen_xor), (unsigned)c.ports);   /* each its own */
}
END_TEST

/* ---- the switch, driven through the AXI ports ---------------------------- */

/* A 2-pseudo-channel, 2-port crossbar of hbm2_2000 with 32-byte interleave. */
static hbm_stack *small_stack(struct hbm_config *c, int interleave_bytes)
{
    char err[HBM_ERR_MAX];
    hbm_stack *s;
    tu_load(c, STACK_PRESET);
    c->pseudo_channels = 2;
    c->ports = 2;
    c->interleave_bytes = interleave_bytes;
    c->axi_reorder_beats = 64;
    c->id_bits = 9;
    tu_finish(c);
    s = hbm_stack_create(c, err);
    ck_assert_msg(s != NULL, "%s", err);
    return s;
}

/* One cycle with these inputs; out gets the cycle's outputs. */
static void step(hbm_stack *s, struct hbm_axi_in *in, struct hbm_axi_out *out)
{
    hbm_stack_outputs(s, out);
    hbm_stack_edge(s, in);
}

/* Write `beats` beats from port wp at addr, then read them through port rp. */
static void write_then_read(hbm_stack *s, int wp, int rp, uint64_t addr, int beats)
{
    struct hbm_axi_in in[2];
    struct hbm_axi_out out[2];
    int sent = 0, got = 0, aw = 0, ar = 0, b = 0, k, cyc;

    memset(in, 0, sizeof in);
    for (cyc = 0; cyc < 5000 && !b; cyc++) {
        in[wp].awvalid = !aw;
        in[wp].awaddr = addr;
        in[wp].awlen = beats - 1;
        in[wp].awsize = 5;
        in[wp].awburst = HBM_AXI_INCR;
        in[wp].wvalid = aw && sent < beats;
        in[wp].wlast = sent == beats - 1;
        for (k = 0; k < 32; k++)
            in[wp].wdata[k] = (uint8_t)(sent * 31 + k + 1);
        in[wp].wstrb = 0xffffffffu;
        in[wp].bready = 1;
        hbm_stack_outputs(s, out);
        if (in[wp].awvalid && out[wp].awready)
            aw = 1;
        else if (in[wp].wvalid && out[wp].wready)
            sent++;
        if (out[wp].bvalid) {
            ck_assert_int_eq(out[wp].bresp, HBM_AXI_OKAY);
            b = 1;
        }
        hbm_stack_edge(s, in);
        in[wp].awvalid = 0;
    }
    ck_assert_msg(b, "no B after 5000 cycles");
    memset(in, 0, sizeof in);
    for (cyc = 0; cyc < 5000 && got < beats; cyc++) {
        in[rp].arvalid = !ar;
        in[rp].araddr = addr;
        in[rp].arlen = beats - 1;
        in[rp].arsize = 5;
        in[rp].arburst = HBM_AXI_INCR;
        in[rp].rready = 1;
        hbm_stack_outputs(s, out);
        if (in[rp].arvalid && out[rp].arready)
            ar = 1;
        if (out[rp].rvalid) {
            ck_assert_int_eq(out[rp].rresp, HBM_AXI_OKAY);
            for (k = 0; k < 32; k++)
                ck_assert_uint_eq(out[rp].rdata[k], (uint8_t)(got * 31 + k + 1));
            ck_assert_int_eq(out[rp].rlast, got == beats - 1);
            got++;
        }
        hbm_stack_edge(s, in);
    }
    ck_assert_int_eq(got, beats);
}

/* Idle inputs until every port and controller is idle. */
static void drain(hbm_stack *s)
{
    struct hbm_axi_in in[2];
    struct hbm_axi_out out[2];
    int cyc;
    memset(in, 0, sizeof in);
    for (cyc = 0; cyc < 100000 && !hbm_stack_idle(s); cyc++)
        step(s, in, out);
    ck_assert(hbm_stack_idle(s));
}

START_TEST(test_a_port_reads_what_another_port_wrote_across_pseudo_channels)
{
    struct hbm_config c;
    hbm_stack *s = small_stack(&c, 32);   /* every other beat in the other pseudo-channel */
    uint64_t before[2];
    int n;

    for (n = 0; n < 2; n++)
        before[n] = hbm_model_stats(hbm_stack_pc(s, n))->writes;
    write_then_read(s, 0, 1, 4096 * 5, 8);
    drain(s);
    for (n = 0; n < 2; n++)
        ck_assert_uint_eq(hbm_model_stats(hbm_stack_pc(s, n))->writes - before[n], 4);
    write_then_read(s, 1, 0, c.stack_bytes - 256, 8);   /* the top of the stack */
    hbm_stack_free(s);
}
END_TEST

START_TEST(test_beyond_the_stack_is_decerr_and_reaches_no_pseudo_channel)
{
    struct hbm_config c;
    hbm_stack *s = small_stack(&c, 256);
    struct hbm_axi_in in[2];
    struct hbm_axi_out out[2];
    int cyc, got = 0, n;

    memset(in, 0, sizeof in);
    in[1].arvalid = 1;
    in[1].araddr = c.stack_bytes;
    in[1].arsize = 5;
    in[1].arburst = HBM_AXI_INCR;
    in[1].rready = 1;
    for (cyc = 0; cyc < 100 && !got; cyc++) {
        step(s, in, out);
        if (out[1].arready)
            in[1].arvalid = 0;
        if (out[1].rvalid) {
            ck_assert_int_eq(out[1].rresp, HBM_AXI_DECERR);
            got = 1;
        }
    }
    ck_assert(got);
    for (n = 0; n < 2; n++)
        ck_assert_uint_eq(hbm_model_stats(hbm_stack_pc(s, n))->reads, 0);
    hbm_stack_free(s);
}
END_TEST

START_TEST(test_two_ports_on_one_pseudo_channel_take_turns)
{
    /* Both ports stream reads of pseudo-channel 0 alone (interleave = its
     * whole capacity, no hash): neither port starves, and together they
     * keep it as busy as one port does. */
    struct hbm_config c;
    hbm_stack *s;
    struct hbm_axi_in in[2];
    struct hbm_axi_out out[2];
    char err[HBM_ERR_MAX];
    uint64_t next[2] = { 0, 1u << 20 }, beats[2] = { 0, 0 };
    int cyc, p;

    tu_load(&c, STACK_PRESET);
    c.pseudo_channels = 2;
    c.ports = 2;
    c.id_bits = 9;
    c.axi_reorder_beats = 64;
    c.interleave_hash = HBM_HASH_NONE;
    c.interleave_bytes = (int)(c.capacity_bytes > (1u << 30) ? (1u << 30) : c.capacity_bytes);
    tu_finish(&c);
    s = hbm_stack_create(&c, err);
    ck_assert_msg(s != NULL, "%s", err);
    memset(in, 0, sizeof in);
    for (cyc = 0; cyc < 20000; cyc++) {
        for (p = 0; p < 2; p++) {
            in[p].arvalid = 1;
            in[p].araddr = next[p];
            in[p].arlen = 7;
            in[p].arsize = 5;
            in[p].arburst = HBM_AXI_INCR;
            in[p].rready = 1;
        }
        hbm_stack_outputs(s, out);
        for (p = 0; p < 2; p++) {
            if (out[p].arready)
                next[p] += 256;
            beats[p] += (uint64_t)out[p].rvalid;
        }
        hbm_stack_edge(s, in);
    }
    ck_assert_uint_eq(hbm_model_stats(hbm_stack_pc(s, 1))->reads, 0);
    for (p = 0; p < 2; p++)
        ck_assert_uint_gt(beats[p], 4000);   /* each about half of the 20000 / 2 bursts' worth */
    ck_assert_uint_lt(beats[0] > beats[1] ? beats[0] - beats[1] : beats[1] - beats[0], 300);
    ck_assert_uint_gt(beats[0] + beats[1], 9000);   /* the pseudo-channel's peak is 10000 beats */
    hbm_stack_free(s);
}
END_TEST

static Suite *stack_suite(void)
{
    Suite *s = suite_create("hbm_stack");
    TCase *route = tcase_create("interleave");
    TCase *sw = tcase_create("switch");

    tcase_add_test(route, test_interleave_is_one_to_one);
    tcase_add_test(route, test_interleave_keeps_interleave_bytes_in_one_pseudo_channel);
    tcase_add_test(route, test_xor_hash_starts_port_slices_on_different_pseudo_channels);
    tcase_add_test(sw, test_a_port_reads_what_another_port_wrote_across_pseudo_channels);
    tcase_add_test(sw, test_beyond_the_stack_is_decerr_and_reaches_no_pseudo_channel);
    tcase_add_test(sw, test_two_ports_on_one_pseudo_channel_take_turns);
    tcase_set_timeout(sw, 60);
    suite_add_tcase(s, route);
    suite_add_tcase(s, sw);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(stack_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
