/*
 * test_tlm_rtl.cpp - the Verilated controller behind the TLM socket
 * (hbm_tlm_rtl_target) against the model behind it (hbm_tlm_target): one
 * simulation, two targets, each with an initiator running the same
 * transactions (any length, alignment and byte-enable pattern, AT with
 * responses held and not, then LT); every transaction's status, data and
 * the times its phases came back must be equal, and the RTL runs in
 * lockstep with a model of its own (a difference stops the simulation).
 *
 *   test_tlm_rtl CONFIG SEED    (make systemc-test, for the RTL's config)
 */
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "hbm_tlm_rtl.h"
#include "test_initiator.h"

static std::deque<op> traffic(uint64_t seed, bool lt)
{
    std::mt19937_64 rng(seed);
    std::deque<op> ops;
    const uint64_t span = 1 << 20;
    for (int n = 0; n < 400; n++) {
        size_t len = rng() % 4 ? 32 : 1 + rng() % 300;
        uint64_t addr = rng() % 3 ? (rng() % (span / 32)) * 32 : rng() % (span - len);
        op o;
        o.cmd = rng() % 3 ? TLM_READ_COMMAND : TLM_WRITE_COMMAND;
        o.addr = addr;
        o.data.resize(len);
        for (auto &x : o.data)
            x = (uint8_t)rng();
        if (o.cmd == TLM_WRITE_COMMAND && rng() % 4 == 0) {
            o.be.resize(len % 4 == 0 ? 4 : 1);
            for (auto &e : o.be)
                e = rng() % 3 ? TLM_BYTE_ENABLED : TLM_BYTE_DISABLED;
        }
        if (rng() % 8 == 0)
            o.hold = 1 + rng() % 6;
        if (n % 50 == 25)
            o.hold = 80;   /* long enough for the response queue to fill: credits matter */
        o.lt = lt;
        ops.push_back(o);
    }
    return ops;
}

int sc_main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: test_tlm_rtl CONFIG SEED\n");
        return 2;
    }
    sc_report_handler::set_actions(SC_ERROR, SC_DISPLAY | SC_THROW);
    uint64_t seed = std::strtoull(argv[2], nullptr, 10);
    std::deque<op> at_m = traffic(seed, false), at_r = at_m;
    std::deque<op> lt_m = traffic(seed + 1, true), lt_r = lt_m;
    for (auto &o : lt_m)
        at_m.push_back(o);
    for (auto &o : lt_r)
        at_r.push_back(o);
    int failures = 0;
    try {
        hbm_tlm_target model("model", argv[1]);
        hbm_tlm_rtl_target rtl("rtl", argv[1]);
        initiator im("im"), ir("ir");
        im.ops = &at_m;
        ir.ops = &at_r;
        im.period = ir.period = model.clock_period();
        im.isock.bind(model.tsock);
        ir.isock.bind(rtl.tsock);
        model.report_at_end(false);
        rtl.report_at_end(false);
        sc_start();
        for (size_t i = 0; i < at_m.size(); i++) {
            const op &a = at_m[i], &b = at_r[i];
            if (a.status != b.status || a.data != b.data || a.done != b.done || a.sent != b.sent) {
                if (failures++ < 5)
                    std::printf("FAIL op %zu (%s %zu bytes at %#llx): model %d at %s, RTL %d at %s%s\n", i,
                                a.lt ? "LT" : "AT", a.data.size(), (unsigned long long)a.addr, (int)a.status,
                                a.done.to_string().c_str(), (int)b.status, b.done.to_string().c_str(),
                                a.data != b.data ? ", data differ" : "");
            }
            if (a.status != TLM_OK_RESPONSE && failures++ < 5)
                std::printf("FAIL op %zu: status %d\n", i, (int)a.status);
        }
        if (!im.protocol_ok || !ir.protocol_ok) {
            std::printf("FAIL the base protocol was broken\n");
            failures++;
        }
        if (model.stats().reads != rtl.stats().reads || model.stats().writes != rtl.stats().writes ||
            rtl.timing_violations() || rtl.protocol_errors()) {
            std::printf("FAIL statistics differ or the RTL broke a timing rule\n");
            failures++;
        }
        if (!failures)
            std::printf("PASS the RTL behind the socket answers %zu transactions as the model does "
                        "(status, data, times; lockstep on), last at %s\n",
                        at_m.size(), at_m.back().done.to_string().c_str());
    } catch (const sc_report &r) {
        std::printf("FAIL %s\n", r.what());
        failures++;
    }
    return failures ? 1 : 0;
}
