/*
 * test_tlm.cpp - hbm_tlm_target against the TLM-2.0 rules it promises
 * (sc/hbm_tlm.h): error responses that write nothing, payloads of any
 * length, alignment and byte-enable pattern through LT and AT equal to a
 * reference memory, the AT base protocol with an initiator that holds its
 * responses, LT timing equal to the model's own, debug transport, and
 * config errors that name the file and key.
 *
 *   test_tlm CONFIG STACK_CONFIG TEST   (make systemc-test runs every TEST)
 *
 * Each test prints "PASS name" or "FAIL name: why"; the exit status is
 * the number of failures.
 */
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "hbm_tlm.h"
#include "hbm_tlm_stack.h"
extern "C" {
#include "hbm_stack.h"
}

using namespace sc_core;
using namespace tlm;

static int failures;
static std::string current;
static bool failed;

#define EXPECT(cond, ...)                                                    \
    do {                                                                     \
        if (!(cond) && !failed) {                                            \
            char why_[512];                                                  \
            std::snprintf(why_, sizeof why_, __VA_ARGS__);                   \
            std::printf("FAIL %s: %s\n", current.c_str(), why_);             \
            failed = true;                                                   \
            failures++;                                                      \
        }                                                                    \
    } while (0)

#include "test_initiator.h"

/* A whole simulation: a target for cfg, an initiator running ops. */
struct bench {
    hbm_tlm_target mem;
    initiator cpu;
    bench(const char *cfg, std::deque<op> &ops, bool at, unsigned hold = 0)
        : mem("mem", cfg), cpu("cpu")
    {
        for (auto &o : ops)
            o.lt = o.lt || !at;
        cpu.ops = &ops;
        cpu.hold_cycles = hold;
        cpu.period = mem.clock_period();
        cpu.isock.bind(mem.tsock);
        mem.report_at_end(false);
    }
};

/* Every test runs in a simulation of its own (sc_start once each). */
static void run_test(const char *name, const std::function<void()> &body)
{
    current = name;
    failed = false;
    try {
        body();
    } catch (const sc_report &r) {
        EXPECT(false, "unexpected SystemC report: %s", r.what());
    } catch (const std::exception &e) {
        EXPECT(false, "exception: %s", e.what());
    }
    if (!failed)
        std::printf("PASS %s\n", name);
}

static op make(tlm_command c, uint64_t addr, size_t len, uint8_t fill)
{
    op o;
    o.cmd = c;
    o.addr = addr;
    o.data.assign(len, fill);
    return o;
}

static std::string g_cfg, g_stack;

/* ---- the tests ------------------------------------------------------------- */

static void errors_write_nothing(bool at)
{
    uint64_t cap;
    {
        hbm_config c;
        char err[HBM_ERR_MAX];
        hbm_config_load(&c, g_cfg.c_str(), err);
        cap = c.capacity_bytes;
    }
    std::deque<op> ops;
    ops.push_back(make(TLM_WRITE_COMMAND, 0x1000, 64, 0x11));               /* 0: the known contents */
    ops.push_back(make(TLM_WRITE_COMMAND, cap, 32, 0xee));                  /* 1: beyond the capacity */
    ops.push_back(make(TLM_WRITE_COMMAND, cap - 16, 32, 0xee));             /* 2: runs past it */
    op be = make(TLM_WRITE_COMMAND, 0x1000, 64, 0xee);                      /* 3: 3 does not divide 64 */
    be.be.assign(3, TLM_BYTE_ENABLED);
    ops.push_back(be);
    op sw = make(TLM_WRITE_COMMAND, 0x1000, 64, 0xee);                      /* 4: streaming width 32 */
    sw.streaming = 32;
    ops.push_back(sw);
    op bad = make(TLM_WRITE_COMMAND, 0x1000, 32, 0xee);                     /* 5: no such command */
    bad.cmd = static_cast<tlm_command>(3);   /* within the enum's range (0..3), no command of the base protocol */
    ops.push_back(bad);
    ops.push_back(make(TLM_WRITE_COMMAND, 0x1000, 0, 0xee));                /* 6: no data */
    ops.push_back(make(TLM_IGNORE_COMMAND, 0x1000, 32, 0xee));              /* 7: ignore */
    ops.push_back(make(TLM_READ_COMMAND, cap + 0x100, 32, 0));              /* 8: read beyond */
    ops.push_back(make(TLM_READ_COMMAND, 0x1000, 64, 0));                   /* 9: read back */
    bench b(g_cfg.c_str(), ops, at);
    sc_start();
    const tlm_response_status want[] = {TLM_OK_RESPONSE, TLM_ADDRESS_ERROR_RESPONSE, TLM_ADDRESS_ERROR_RESPONSE,
                                        TLM_BYTE_ENABLE_ERROR_RESPONSE, TLM_BURST_ERROR_RESPONSE,
                                        TLM_COMMAND_ERROR_RESPONSE, TLM_GENERIC_ERROR_RESPONSE, TLM_OK_RESPONSE,
                                        TLM_ADDRESS_ERROR_RESPONSE, TLM_OK_RESPONSE};
    for (size_t i = 0; i < ops.size(); i++)
        EXPECT(ops[i].status == want[i], "op %zu: status %d, want %d", i, (int)ops[i].status, (int)want[i]);
    EXPECT(ops[9].data == std::vector<uint8_t>(64, 0x11), "a refused write changed memory");
    EXPECT(b.mem.stats().writes == 2 && b.mem.stats().reads == 2,
           "only the good ops reach the controller: %llu writes, %llu reads",
           (unsigned long long)b.mem.stats().writes, (unsigned long long)b.mem.stats().reads);
}

/* Random lengths (1..300), starts, byte-enable patterns; LT or AT; the
 * memory ends equal to a reference and every read returns it. */
static void any_length_alignment_and_enables(bool at, unsigned hold)
{
    std::mt19937_64 rng(at ? 7 + hold : 3);
    const uint64_t span = 8192;
    std::vector<uint8_t> ref(span, 0);
    std::deque<op> ops;
    std::vector<std::vector<uint8_t>> expect;
    for (int n = 0; n < 300; n++) {
        size_t len = 1 + rng() % 300;
        uint64_t addr = rng() % (span - len);
        if (rng() % 2) {
            op o = make(TLM_WRITE_COMMAND, addr, len, 0);
            for (auto &x : o.data)
                x = (uint8_t)rng();
            if (rng() % 2) {   /* a pattern whose length divides len */
                std::vector<size_t> divs;
                for (size_t d = 1; d <= len && d <= 16; d++)
                    if (len % d == 0)
                        divs.push_back(d);
                o.be.resize(divs[rng() % divs.size()]);
                for (auto &e : o.be)
                    e = rng() % 3 ? TLM_BYTE_ENABLED : TLM_BYTE_DISABLED;
            }
            for (size_t i = 0; i < len; i++)
                if (o.be.empty() || o.be[i % o.be.size()] == TLM_BYTE_ENABLED)
                    ref[addr + i] = o.data[i];
            ops.push_back(o);
            expect.emplace_back();
        } else {
            op o = make(TLM_READ_COMMAND, addr, len, 0xa5);
            ops.push_back(o);
            expect.emplace_back(ref.begin() + (long)addr, ref.begin() + (long)(addr + len));
        }
    }
    ops.push_back(make(TLM_READ_COMMAND, 0, span, 0));
    expect.push_back(ref);
    bench b(g_cfg.c_str(), ops, at, hold);
    sc_start();
    EXPECT(b.cpu.protocol_ok, "a BEGIN_RESP came while the last one was held");
    for (size_t i = 0; i < ops.size(); i++) {
        EXPECT(ops[i].status == TLM_OK_RESPONSE, "op %zu: status %d", i, (int)ops[i].status);
        if (ops[i].cmd == TLM_READ_COMMAND)
            EXPECT(ops[i].data == expect[i], "op %zu: read of %zu bytes at %#llx differs from the reference", i,
                   ops[i].data.size(), (unsigned long long)ops[i].addr);
    }
    EXPECT(b.mem.timing_violations() == 0 && b.mem.protocol_errors() == 0, "checker: %llu violations",
           (unsigned long long)b.mem.timing_violations());
    EXPECT(b.mem.idle(), "the target is not idle at the end");
}


/* AT phases other initiators play: a write completed at END_REQ (no
 * BEGIN_RESP for it, and it still lands), an END_RESP returned with
 * TLM_UPDATED and 20 clocks of delay (no response before that time). */
static void at_phase_variants()
{
    std::deque<op> ops;
    op w = make(TLM_WRITE_COMMAND, 0x8000, 64, 0x5a);
    w.complete_at_end_req = true;
    ops.push_back(w);
    op r = make(TLM_READ_COMMAND, 0x9000, 32, 0);
    r.updated_end = 20;
    ops.push_back(r);
    for (int i = 0; i < 6; i++)
        ops.push_back(make(TLM_READ_COMMAND, 0xa000 + 64 * (uint64_t)i, 32, 0));
    ops.push_back(make(TLM_READ_COMMAND, 0x8000, 64, 0));
    bench b(g_cfg.c_str(), ops, true);
    sc_start();
    EXPECT(b.cpu.protocol_ok, "a BEGIN_RESP for the write completed at END_REQ, or two at once");
    EXPECT(ops.back().data == std::vector<uint8_t>(64, 0x5a), "the write completed at END_REQ did not land");
    for (size_t i = 2; i < ops.size(); i++)
        if (ops[i].done > ops[1].done)
            EXPECT(ops[i].done >= ops[1].done + b.mem.clock_period() * 20.0,
                   "op %zu answered %s after the END_RESP that named 20 clocks", i,
                   (ops[i].done - ops[1].done).to_string().c_str());
    EXPECT(b.mem.idle(), "the target is not idle at the end");
}

/* The model driven by hand: a read of addr pushed on an idle controller,
 * then ticks until its response is there; how many. */
static uint64_t ticks_to_response(uint64_t addr)
{
    hbm_config c;
    char err[HBM_ERR_MAX];
    hbm_config_load(&c, g_cfg.c_str(), err);
    hbm_model *m = hbm_model_create(&c, err);
    uint64_t ticks = 0;
    hbm_resp r;
    hbm_model_push(m, addr, 0, 0, nullptr, 0);
    while (!hbm_model_pop_resp(m, &r)) {
        hbm_model_tick(m);
        ticks++;
    }
    hbm_model_free(m);
    return ticks;
}

/* BEGIN_REQ's annotated delay, with the clock running: a read elsewhere
 * keeps it running; the next read, sent at its END_REQ (time 0) with 100.5
 * clocks of delay, is taken at edge 101 and answered the model's latency
 * later. */
static void at_request_delay()
{
    uint64_t cycles = ticks_to_response(0x4000);
    std::deque<op> ops;
    ops.push_back(make(TLM_READ_COMMAND, 0x200000, 32, 0));
    op o = make(TLM_READ_COMMAND, 0x4000, 32, 0);
    o.req_delay = 100.5;
    ops.push_back(o);
    bench b(g_cfg.c_str(), ops, true);
    sc_start();
    EXPECT(ops[1].sent == SC_ZERO_TIME, "the second read went at %s, not at the first's END_REQ",
           ops[1].sent.to_string().c_str());
    EXPECT(ops[1].done == b.mem.clock_period() * (double)(101 + cycles), "answered at %s, want %s",
           ops[1].done.to_string().c_str(), (b.mem.clock_period() * (double)(101 + cycles)).to_string().c_str());
}

/* LT and AT on one target: a b_transport sent while AT transactions are in
 * flight returns after every one of them, and every read is right. */
static void lt_and_at_on_one_target()
{
    std::mt19937_64 rng(11);
    std::vector<uint8_t> ref(4096, 0);
    std::deque<op> ops;
    std::vector<std::vector<uint8_t>> expect;
    for (int n = 0; n < 120; n++) {
        uint64_t addr = (rng() % 120) * 32;
        bool lt = n % 20 == 19;
        if (rng() % 2) {
            op o = make(TLM_WRITE_COMMAND, addr, 32, (uint8_t)rng());
            o.lt = lt;
            std::copy(o.data.begin(), o.data.end(), ref.begin() + (long)addr);
            ops.push_back(o);
            expect.emplace_back();
        } else {
            op o = make(TLM_READ_COMMAND, addr, 32, 0);
            o.lt = lt;
            ops.push_back(o);
            expect.emplace_back(ref.begin() + (long)addr, ref.begin() + (long)addr + 32);
        }
    }
    bench b(g_cfg.c_str(), ops, true);
    sc_start();
    EXPECT(b.cpu.protocol_ok, "base protocol broken");
    for (size_t i = 0; i < ops.size(); i++) {
        EXPECT(ops[i].status == TLM_OK_RESPONSE, "op %zu: status %d", i, (int)ops[i].status);
        if (ops[i].cmd == TLM_READ_COMMAND)
            EXPECT(ops[i].data == expect[i], "op %zu (%s) at %#llx read wrong data (got %02x.. want %02x.., sent %s done %s)", i,
                   ops[i].lt ? "LT" : "AT", (unsigned long long)ops[i].addr, ops[i].data[0], expect[i][0],
                   ops[i].sent.to_string().c_str(), ops[i].done.to_string().c_str());
        if (ops[i].lt)
            for (size_t j = 0; j < i; j++)
                EXPECT(ops[j].done <= ops[i].done, "LT op %zu returned before AT op %zu was answered", i, j);
    }
}

/* A held BEGIN_RESP holds the response port: with 20 reads in flight and
 * each response held 10 cycles, they come at least 10 cycles apart. */
static void held_responses_back_pressure()
{
    std::deque<op> ops;
    for (int i = 0; i < 20; i++)
        ops.push_back(make(TLM_READ_COMMAND, (uint64_t)i * 32, 32, 0));
    bench b(g_cfg.c_str(), ops, true, 10);
    sc_start();
    EXPECT(b.cpu.protocol_ok, "a BEGIN_RESP came while the last one was held");
    for (size_t i = 1; i < ops.size(); i++)
        EXPECT(ops[i].done - ops[i - 1].done >= b.mem.clock_period() * 10.0,
               "responses %zu and %zu only %s apart", i - 1, i, (ops[i].done - ops[i - 1].done).to_string().c_str());
}

/* LT: one read on an idle controller takes as many cycles as the model
 * alone needs from push to response. */
static void lt_delay_is_the_models_latency()
{
    uint64_t cycles = ticks_to_response(0x4000) + 1;   /* the edge that takes the response ends it */
    std::deque<op> ops;
    ops.push_back(make(TLM_READ_COMMAND, 0x4000, 32, 0));
    bench b(g_cfg.c_str(), ops, false);
    sc_start();
    EXPECT(b.cpu.lt_delays.size() == 1 && b.cpu.lt_delays[0] == b.mem.clock_period() * (double)cycles,
           "LT delay %s, the model takes %llu cycles of %s",
           b.cpu.lt_delays.empty() ? "none" : b.cpu.lt_delays[0].to_string().c_str(),
           (unsigned long long)cycles, b.mem.clock_period().to_string().c_str());
}

/* Debug transport reads what LT wrote and LT reads what it wrote. */
static void debug_transport()
{
    std::deque<op> ops;
    op w = make(TLM_WRITE_COMMAND, 0x2010, 40, 0);
    for (size_t i = 0; i < 40; i++)
        w.data[i] = (uint8_t)(i * 7 + 1);
    ops.push_back(w);
    ops.push_back(make(TLM_READ_COMMAND, 0x3003, 50, 0));
    bench b(g_cfg.c_str(), ops, false);
    /* preload 0x3000.. by debug transport before the run */
    std::vector<uint8_t> pre(64);
    for (size_t i = 0; i < pre.size(); i++)
        pre[i] = (uint8_t)(200 - i);
    tlm_generic_payload gp;
    gp.set_command(TLM_WRITE_COMMAND);
    gp.set_address(0x3000);
    gp.set_data_ptr(pre.data());
    gp.set_data_length(64);
    EXPECT(b.cpu.isock->transport_dbg(gp) == 64, "debug write took fewer bytes");
    sc_start();
    EXPECT(std::vector<uint8_t>(pre.begin() + 3, pre.begin() + 53) == ops[1].data, "LT read missed the preload");
    std::vector<uint8_t> back(40);
    gp.set_command(TLM_READ_COMMAND);
    gp.set_address(0x2010);
    gp.set_data_ptr(back.data());
    gp.set_data_length(40);
    EXPECT(b.cpu.isock->transport_dbg(gp) == 40 && back == ops[0].data, "debug read differs from what LT wrote");
}

/* DMI: granted to LT over the whole capacity, coherent with LT and debug
 * access, invalidated by the first AT BEGIN_REQ and refused while AT
 * transactions are in flight, granted again once they are done. */
struct dmi_user : sc_module, tlm_mm_interface {
    tlm_utils::simple_initiator_socket<dmi_user> isock;
    uint64_t cap = 0;
    int invalidations = 0;
    uint64_t inv_start = 1, inv_end = 0;
    bool at_done = false;
    sc_event at_done_ev;
    SC_HAS_PROCESS(dmi_user);
    explicit dmi_user(sc_module_name n) : sc_module(n), isock("isock")
    {
        isock.register_invalidate_direct_mem_ptr(this, &dmi_user::invalidate);
        isock.register_nb_transport_bw(this, &dmi_user::bw);
        SC_THREAD(run);
    }
    void free(tlm_generic_payload *) override {}
    void invalidate(sc_dt::uint64 start, sc_dt::uint64 end)
    {
        invalidations++;
        inv_start = start;
        inv_end = end;
    }
    tlm_sync_enum bw(tlm_generic_payload &gp, tlm_phase &ph, sc_time &)
    {
        if (ph == BEGIN_RESP) {
            at_done = true;
            gp.release();
            at_done_ev.notify(SC_ZERO_TIME);
            return TLM_COMPLETED;
        }
        return TLM_ACCEPTED;
    }
    void lt(tlm_command c, uint64_t addr, uint8_t *buf, unsigned len, tlm_generic_payload &gp)
    {
        sc_time d = SC_ZERO_TIME;
        gp.set_command(c);
        gp.set_address(addr);
        gp.set_data_ptr(buf);
        gp.set_data_length(len);
        gp.set_streaming_width(len);
        gp.set_byte_enable_ptr(nullptr);
        gp.set_dmi_allowed(false);
        isock->b_transport(gp, d);
        EXPECT(gp.is_response_ok(), "LT access at %#llx failed", (unsigned long long)addr);
        wait(d);
    }
    void run()
    {
        tlm_generic_payload gp;
        tlm_dmi dmi;
        uint8_t w[64], back[64];
        for (int i = 0; i < 64; i++)
            w[i] = (uint8_t)(i * 5 + 3);
        lt(TLM_WRITE_COMMAND, 0x5000, w, 64, gp);
        EXPECT(gp.is_dmi_allowed(), "b_transport did not hint that DMI is there");
        gp.set_address(0x5000);
        EXPECT(isock->get_direct_mem_ptr(gp, dmi), "no DMI grant while idle");
        EXPECT(dmi.get_start_address() == 0 && dmi.get_end_address() == cap - 1 && dmi.is_read_write_allowed(),
               "grant [%#llx, %#llx], want the whole capacity, read and write",
               (unsigned long long)dmi.get_start_address(), (unsigned long long)dmi.get_end_address());
        EXPECT(dmi.get_read_latency() > SC_ZERO_TIME && dmi.get_write_latency() > SC_ZERO_TIME,
               "DMI latencies of 0");
        unsigned char *mem = dmi.get_dmi_ptr();
        EXPECT(std::memcmp(mem + 0x5000, w, 64) == 0, "DMI does not see what LT wrote");
        for (int i = 0; i < 64; i++)
            mem[0x6000 + i] = (uint8_t)(255 - i);
        lt(TLM_READ_COMMAND, 0x6000, back, 64, gp);
        EXPECT(std::memcmp(back, mem + 0x6000, 64) == 0, "LT does not see what DMI wrote");
        /* AT: the grant goes, and none is given while the transaction runs */
        tlm_generic_payload at;
        uint8_t r[32];
        at.set_mm(this);
        at.acquire();
        at.set_command(TLM_READ_COMMAND);
        at.set_address(0x5000);
        at.set_data_ptr(r);
        at.set_data_length(32);
        at.set_streaming_width(32);
        tlm_phase ph = BEGIN_REQ;
        sc_time d = SC_ZERO_TIME;
        isock->nb_transport_fw(at, ph, d);
        EXPECT(invalidations == 1 && inv_start == 0 && inv_end == cap - 1,
               "%d invalidations, last [%#llx, %#llx]", invalidations, (unsigned long long)inv_start,
               (unsigned long long)inv_end);
        gp.set_address(0x5000);
        EXPECT(!isock->get_direct_mem_ptr(gp, dmi), "DMI granted while an AT transaction runs");
        if (!at_done)
            wait(at_done_ev);
        EXPECT(std::memcmp(r, w, 32) == 0, "AT read wrong data");
        wait(sc_time(1, SC_US));   /* the controller finishes */
        EXPECT(isock->get_direct_mem_ptr(gp, dmi), "no DMI grant once the AT path is idle again");
    }
};

static void dmi_grant_and_invalidate()
{
    hbm_tlm_target mem("mem", g_cfg.c_str());
    dmi_user u("u");
    u.cap = mem.config().capacity_bytes;
    u.isock.bind(mem.tsock);
    mem.report_at_end(false);
    sc_start();
}

/* The stack (hbm_tlm_stack over the stack preset): two initiators, AT and
 * LT, on random blocks all over the stack, every read equal to a reference;
 * a transaction crossing an interleave block TLM_BURST_ERROR_RESPONSE, one
 * beyond the stack TLM_ADDRESS_ERROR_RESPONSE; debug transport over 4 KiB
 * (sixteen pseudo-channels) reads back what it wrote and what LT wrote; the
 * requests land on their pseudo-channels as the interleave says. */
static void stack_routes_and_answers()
{
    hbm_tlm_stack stk("stack", g_stack.c_str());
    const hbm_config &c = stk.config();
    uint64_t ib = (uint64_t)c.interleave_bytes;
    std::mt19937_64 rng(5);
    std::map<uint64_t, uint8_t> ref;   /* sparse reference of the bytes written */
    std::deque<op> ops[2];
    std::vector<std::vector<uint8_t>> expect[2];
    std::vector<uint64_t> per_pc((size_t)stk.pseudo_channels(), 0);
    uint64_t pre_at = c.stack_bytes / 2 + 7, pre_len = 16 * ib;   /* the debug preload, left alone by the ops */
    for (int n = 0; n < 400; n++) {
        int who = n % 2;
        /* initiator 0 the lower half of the stack, 1 the upper: no races between them */
        uint64_t half = c.stack_bytes / 2, block = (rng() % (half / ib)) * ib + (uint64_t)who * half;
        size_t len = 1 + rng() % (size_t)ib;
        uint64_t addr = block + rng() % (ib - len + 1);
        if (addr + len > pre_at && addr < pre_at + pre_len) {
            n--;
            continue;
        }
        uint64_t local;
        /* the model's interleave (model/hbm_stack.c), not the router's own */
        per_pc[(size_t)hbm_stack_route(&c, addr, &local)] += (addr + len - 1) / 32 - addr / 32 + 1;
        if (rng() % 2) {
            op o = make(TLM_WRITE_COMMAND, addr, len, 0);
            for (size_t i = 0; i < len; i++) {
                o.data[i] = (uint8_t)rng();
                ref[addr + i] = o.data[i];
            }
            o.lt = who == 1 && rng() % 2;
            ops[who].push_back(o);
            expect[who].emplace_back();
        } else {
            op o = make(TLM_READ_COMMAND, addr, len, 0);
            o.lt = who == 1 && rng() % 2;
            std::vector<uint8_t> e(len);
            for (size_t i = 0; i < len; i++) {
                auto it = ref.find(addr + i);
                e[i] = it == ref.end() ? 0 : it->second;
            }
            ops[who].push_back(o);
            expect[who].push_back(e);
        }
    }
    ops[0].push_back(make(TLM_READ_COMMAND, 3 * ib - 16, 32, 0));        /* crosses a block */
    expect[0].emplace_back();
    ops[0].push_back(make(TLM_WRITE_COMMAND, c.stack_bytes - 8, 8, 1));  /* the last bytes: fine */
    {
        uint64_t local;
        per_pc[(size_t)hbm_stack_route(&c, c.stack_bytes - 8, &local)]++;
    }
    expect[0].emplace_back();
    ops[0].push_back(make(TLM_READ_COMMAND, c.stack_bytes, 8, 0));       /* beyond */
    expect[0].emplace_back();
    initiator a("a"), b("b");
    a.ops = &ops[0];
    b.ops = &ops[1];
    a.period = b.period = stk.pc(0).clock_period();
    a.isock.bind(stk.tsock);
    b.isock.bind(stk.tsock);
    /* debug transport over sixteen blocks, once elaboration has bound the sockets */
    std::vector<uint8_t> pre(pre_len), back(pre_len);
    for (size_t i = 0; i < pre.size(); i++)
        pre[i] = (uint8_t)(i * 13 + 7);
    sc_start(SC_ZERO_TIME);
    tlm_generic_payload gp;
    gp.set_command(TLM_WRITE_COMMAND);
    gp.set_address(pre_at);
    gp.set_data_ptr(pre.data());
    gp.set_data_length((unsigned)pre.size());
    EXPECT(a.isock->transport_dbg(gp) == pre.size(), "debug write over 16 blocks fell short");
    for (size_t i = 0; i < pre.size(); i++)
        ref[pre_at + i] = pre[i];
    sc_start();
    EXPECT(a.protocol_ok && b.protocol_ok, "base protocol broken");
    for (int w = 0; w < 2; w++)
        for (size_t i = 0; i < ops[w].size(); i++) {
            if (w == 0 && i >= ops[0].size() - 3)
                continue;
            EXPECT(ops[w][i].status == TLM_OK_RESPONSE, "initiator %d op %zu: status %d", w, i, (int)ops[w][i].status);
            if (ops[w][i].cmd == TLM_READ_COMMAND)
                EXPECT(ops[w][i].data == expect[w][i], "initiator %d op %zu: read at %#llx wrong", w, i,
                       (unsigned long long)ops[w][i].addr);
        }
    size_t k = ops[0].size();
    EXPECT(ops[0][k - 3].status == TLM_BURST_ERROR_RESPONSE, "crossing a block: status %d", (int)ops[0][k - 3].status);
    EXPECT(ops[0][k - 2].status == TLM_OK_RESPONSE, "the stack's last bytes: status %d", (int)ops[0][k - 2].status);
    EXPECT(ops[0][k - 1].status == TLM_ADDRESS_ERROR_RESPONSE, "beyond the stack: status %d",
           (int)ops[0][k - 1].status);
    gp.set_command(TLM_READ_COMMAND);
    gp.set_data_ptr(back.data());
    EXPECT(a.isock->transport_dbg(gp) == back.size(), "debug read over 16 blocks fell short");
    for (size_t i = 0; i < back.size(); i++)
        if (back[i] != ref[pre_at + i]) {
            EXPECT(false, "debug read at %#llx: %02x, want %02x", (unsigned long long)(pre_at + i), back[i],
                   ref[pre_at + i]);
            break;
        }
    for (int n = 0; n < stk.pseudo_channels(); n++)
        EXPECT(stk.pc(n).stats().reads + stk.pc(n).stats().writes == per_pc[(size_t)n],
               "pc%d served %llu bursts, the interleave sends it %llu", n,
               (unsigned long long)(stk.pc(n).stats().reads + stk.pc(n).stats().writes),
               (unsigned long long)per_pc[(size_t)n]);
}

/* A config the target cannot take stops construction, naming file and key. */
static void config_errors_name_file_and_key()
{
    sc_report_handler::set_actions(SC_ERROR, SC_THROW);
    std::string msg;
    try {
        hbm_tlm_target t("bad", "configs/no_such_file.ini");
    } catch (const sc_report &r) {
        msg = r.get_msg();
    }
    EXPECT(msg.find("configs/no_such_file.ini") != std::string::npos, "missing file: '%s'", msg.c_str());
    msg.clear();
    try {
        hbm_tlm_target t("stack", g_stack.c_str());
    } catch (const sc_report &r) {
        msg = r.get_msg();
    }
    EXPECT(msg.find("pseudo_channels = 16") != std::string::npos, "stack config: '%s'", msg.c_str());
}

int sc_main(int argc, char **argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: test_tlm CONFIG STACK_CONFIG TEST\n");
        return 2;
    }
    g_cfg = argv[1];
    g_stack = argv[2];
    std::string t = argv[3];
    sc_report_handler::set_actions(SC_ERROR, SC_DISPLAY | SC_THROW);
    /* one sc_start per process: the runner calls each test in a process of its own */
    if (t == "errors_lt") run_test("LT: every error response, and nothing written", [] { errors_write_nothing(false); });
    else if (t == "errors_at") run_test("AT: every error response, and nothing written", [] { errors_write_nothing(true); });
    else if (t == "payloads_lt") run_test("LT: any length, alignment and byte enables", [] { any_length_alignment_and_enables(false, 0); });
    else if (t == "payloads_at") run_test("AT: any length, alignment and byte enables", [] { any_length_alignment_and_enables(true, 0); });
    else if (t == "payloads_at_held") run_test("AT, responses held 3 cycles: same data, base protocol kept", [] { any_length_alignment_and_enables(true, 3); });
    else if (t == "backpressure") run_test("AT: a held BEGIN_RESP holds the response port", held_responses_back_pressure);
    else if (t == "lt_delay") run_test("LT: the delay is the model's latency", lt_delay_is_the_models_latency);
    else if (t == "debug") run_test("debug transport: preload and read back", debug_transport);
    else if (t == "config") run_test("config errors name file and key", config_errors_name_file_and_key);
    else if (t == "phases") run_test("AT: completion at END_REQ, END_RESP by TLM_UPDATED with a delay", at_phase_variants);
    else if (t == "req_delay") run_test("AT: BEGIN_REQ's annotated delay sets the edge it is taken at", at_request_delay);
    else if (t == "stack") run_test("the stack: routing, interleave errors, debug transport, two initiators", stack_routes_and_answers);
    else if (t == "dmi") run_test("DMI: granted to LT, coherent, invalidated by AT", dmi_grant_and_invalidate);
    else if (t == "lt_at") run_test("LT and AT on one target: LT waits for the AT work", lt_and_at_on_one_target);
    else {
        std::fprintf(stderr, "test_tlm: no test '%s'\n", t.c_str());
        return 2;
    }
    return failures;
}
