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
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "hbm_tlm.h"

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

/* One transaction as the tests describe it. */
struct op {
    tlm_command cmd;
    uint64_t addr;
    std::vector<uint8_t> data;        /* write data, or the read's result */
    std::vector<uint8_t> be;          /* empty: no byte enables */
    unsigned streaming = 0;           /* 0: the data length */
    /* how the initiator plays the phases (AT) */
    double req_delay = 0;             /* BEGIN_REQ's annotated delay, in clocks */
    bool complete_at_end_req = false; /* answer END_REQ with TLM_COMPLETED */
    unsigned hold = 0;                /* hold BEGIN_RESP this many clocks, then END_RESP */
    int updated_end = -1;             /* >= 0: return TLM_UPDATED, END_RESP, this many clocks of delay */
    bool lt = false;                  /* sent by b_transport once every op before it is sent */
    tlm_response_status status = TLM_INCOMPLETE_RESPONSE;
    sc_time sent, done;               /* when BEGIN_REQ went and BEGIN_RESP came (LT: returned) */
    int resp_count = 0;               /* BEGIN_RESPs it got */
};

static void fill_payload(tlm_generic_payload &gp, op &o)
{
    gp.set_command(o.cmd);
    gp.set_address(o.addr);
    gp.set_data_ptr(o.data.data());
    gp.set_data_length((unsigned)o.data.size());
    gp.set_streaming_width(o.streaming ? o.streaming : (unsigned)o.data.size());
    gp.set_byte_enable_ptr(o.be.empty() ? nullptr : o.be.data());
    gp.set_byte_enable_length((unsigned)o.be.size());
    gp.set_response_status(TLM_INCOMPLETE_RESPONSE);
}

/* An initiator that runs a list of ops through one socket: AT ops go one
 * request phase at a time, all in flight together, each playing the
 * phases its op says; an LT op goes by b_transport once every op before it
 * has been sent.  Its payloads have a memory manager (the base protocol
 * asks for one on nb_transport); they live as long as the initiator. */
struct initiator : sc_module, tlm_mm_interface {
    tlm_utils::simple_initiator_socket<initiator> isock;
    std::deque<op> *ops = nullptr;
    unsigned hold_cycles = 0;         /* default hold for every AT op */
    sc_time period;
    std::vector<std::unique_ptr<tlm_generic_payload>> gps;
    size_t next = 0, answered = 0;
    bool req_busy = false, resp_busy = false, protocol_ok = true, in_lt = false;
    sc_event progress_ev, end_resp_ev;
    tlm_generic_payload *held = nullptr;
    std::vector<sc_time> lt_delays;

    SC_HAS_PROCESS(initiator);
    explicit initiator(sc_module_name n) : sc_module(n), isock("isock")
    {
        isock.register_nb_transport_bw(this, &initiator::nb_transport_bw);
        SC_THREAD(run);
        SC_THREAD(release);
    }

    void free(tlm_generic_payload *) override {}   /* owned by gps */

    size_t index_of(tlm_generic_payload &gp)
    {
        for (size_t i = 0; i < gps.size(); i++)
            if (gps[i].get() == &gp)
                return i;
        SC_REPORT_FATAL("test", "unknown payload");
        return 0;
    }

    void answer(op &o, tlm_generic_payload &gp)
    {
        o.status = gp.get_response_status();
        o.done = sc_time_stamp();
        answered++;
        gp.release();
        progress_ev.notify(SC_ZERO_TIME);
    }

    void send()
    {
        while (!req_busy && !in_lt && next < ops->size() && !(*ops)[next].lt) {
            tlm_generic_payload &gp = *gps[next];
            op &o = (*ops)[next++];
            tlm_phase ph = BEGIN_REQ;
            sc_time d = period * o.req_delay;
            req_busy = true;
            gp.acquire();
            o.sent = sc_time_stamp();
            if (isock->nb_transport_fw(gp, ph, d) == TLM_COMPLETED) {
                req_busy = false;
                answer(o, gp);
            }
        }
        progress_ev.notify(SC_ZERO_TIME);
    }

    tlm_sync_enum nb_transport_bw(tlm_generic_payload &gp, tlm_phase &ph, sc_time &delay)
    {
        op &o = (*ops)[index_of(gp)];
        if (ph == END_REQ) {
            req_busy = false;
            if (o.complete_at_end_req) {
                answer(o, gp);
                send();
                return TLM_COMPLETED;
            }
            send();
            return TLM_ACCEPTED;
        }
        /* a second BEGIN_RESP before END_RESP, or one for a completed op, breaks the rules */
        if (ph != BEGIN_RESP || resp_busy || o.complete_at_end_req || o.resp_count++)
            protocol_ok = false;
        answer(o, gp);
        unsigned hold = o.hold ? o.hold : hold_cycles;
        if (o.updated_end >= 0) {
            ph = END_RESP;
            delay = period * (double)o.updated_end;
            send();
            return TLM_UPDATED;
        }
        if (hold) {
            resp_busy = true;
            held = &gp;
            end_resp_ev.notify(period * (double)hold);
            return TLM_ACCEPTED;
        }
        send();
        return TLM_COMPLETED;
    }

    void release()
    {
        for (;;) {
            wait(end_resp_ev);
            tlm_phase ph = END_RESP;
            sc_time d = SC_ZERO_TIME;
            resp_busy = false;
            isock->nb_transport_fw(*held, ph, d);
            send();
        }
    }

    void run()
    {
        for (auto &o : *ops) {
            gps.emplace_back(new tlm_generic_payload);
            gps.back()->set_mm(this);
            fill_payload(*gps.back(), o);
        }
        send();
        while (next < ops->size() || answered < ops->size()) {
            if (next < ops->size() && (*ops)[next].lt && !req_busy) {
                op &o = (*ops)[next];
                tlm_generic_payload &gp = *gps[next++];
                sc_time d = SC_ZERO_TIME;
                o.sent = sc_time_stamp();
                gp.acquire();
                in_lt = true;   /* the ops after it wait for it, in program order */
                isock->b_transport(gp, d);
                lt_delays.push_back(d);
                wait(d);
                in_lt = false;
                answer(o, gp);
                send();
                continue;
            }
            wait(progress_ev);
        }
    }
};

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

/* BEGIN_REQ's annotated delay, with the clock running: a read elsewhere
 * keeps it running; the next read, sent at its END_REQ (time 0) with 100.5
 * clocks of delay, is taken at edge 101 and answered the model's latency
 * later. */
static void at_request_delay()
{
    hbm_config c;
    char err[HBM_ERR_MAX];
    hbm_config_load(&c, g_cfg.c_str(), err);
    hbm_model *m = hbm_model_create(&c, err);
    uint64_t cycles = 0;
    hbm_model_push(m, 0x4000, 0, 0, nullptr, 0);
    hbm_resp r;
    while (!hbm_model_pop_resp(m, &r)) {
        hbm_model_tick(m);
        cycles++;
    }
    hbm_model_free(m);
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
    hbm_config c;
    char err[HBM_ERR_MAX];
    hbm_config_load(&c, g_cfg.c_str(), err);
    hbm_model *m = hbm_model_create(&c, err);
    uint64_t cycles = 0;
    hbm_model_push(m, 0x4000, 0, 0, nullptr, 0);
    hbm_resp r;
    for (;;) {
        int got = hbm_model_pop_resp(m, &r);
        hbm_model_tick(m);
        cycles++;
        if (got)
            break;
    }
    hbm_model_free(m);
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
    else if (t == "lt_at") run_test("LT and AT on one target: LT waits for the AT work", lt_and_at_on_one_target);
    else {
        std::fprintf(stderr, "test_tlm: no test '%s'\n", t.c_str());
        return 2;
    }
    return failures;
}
