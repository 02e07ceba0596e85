/*
 * accel_platform.cpp - a virtual platform in a hundred lines: an
 * accelerator (a TLM-2.0 initiator replaying a trace or a built-in
 * workload of 32-byte requests) bound to hbm_tlm_target.
 *
 *   accel_platform --config FILE (--workload SPEC | --trace FILE)
 *                  [--requests N] [--seed N] [--mode at|lt|lt-dmi] [--outstanding N]
 *                  [--initiators N] [--json]
 *
 * AT (default): the next BEGIN_REQ goes out as soon as END_REQ of the one
 * before comes back (at the request's trace time at the earliest), with
 * at most N transactions in flight (0: no limit), and every BEGIN_RESP is
 * completed at once: with no limit, the cycles are hbmsim's for the same
 * requests.  LT: b_transport, one transaction at a time, the delays kept
 * by a quantum keeper; lt-dmi: LT that takes the target's DMI pointer
 * when b_transport says it may, and from then moves the bytes itself with
 * the target's DMI latencies on the clock.  Every read is checked against a shadow memory
 * (hbm_scoreboard: the write data hbmsim sends); the report is the
 * target's, in hbmsim's format, with the initiator's count of wrong reads.
 * The speed (transactions per CPU-second) goes to stderr.
 *
 * A config of more than one pseudo-channel (configs/hbm2_stack.ini) is a
 * stack: hbm_tlm_stack, one target per pseudo-channel behind the stack's
 * interleave, and --initiators accelerators (default: the config's ports),
 * each on its own slice of the stack; the stack's report.
 */
#include <cinttypes>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#ifdef HBM_TLM_RTL
#include "hbm_tlm_rtl.h"   /* build/sc/rtl_<config>/accel_platform_rtl: the Verilated controller */
#else
#include "hbm_tlm.h"
#endif
#include "hbm_tlm_stack.h"

extern "C" {
#include "hbm_scoreboard.h"
#include "hbm_source.h"
}

using namespace sc_core;
using namespace tlm;

/* The slot a pooled payload belongs to. */
struct slot_ext : tlm_extension<slot_ext> {
    uint32_t id = 0;
    tlm_extension_base *clone() const override { return new slot_ext(*this); }
    void copy_from(const tlm_extension_base &e) override { id = static_cast<const slot_ext &>(e).id; }
};

struct accel : sc_module, tlm_mm_interface {
    tlm_utils::simple_initiator_socket<accel> isock;
    hbm_source *src;
    hbm_scoreboard *sb;
    bool at;
    bool use_dmi = false;              /* LT: take the target's direct pointer when offered */
    tlm_dmi dmi;
    bool dmi_valid = false;
    uint64_t dmi_accesses = 0;
    unsigned max_outstanding;
    sc_time tck;
    uint64_t sent = 0, answered = 0, data_errors = 0, resp_errors = 0;
    std::string error;

    struct slot {
        tlm_generic_payload gp;
        uint8_t data[32], be[32];
        uint32_t id;
        uint64_t addr;                 /* its address, whatever an interconnect does to the payload's */
    };
    uint64_t base = 0;                 /* added to the source's addresses (a stack initiator's slice) */
    std::vector<slot> slots;           /* one per id: the payloads in flight */
    std::vector<uint32_t> free_ids;
    hbm_req next{};
    bool have_next = false, src_done = false, req_busy = false;
    unsigned outstanding = 0;
    sc_event all_done;

    SC_HAS_PROCESS(accel);
    accel(sc_module_name n, hbm_source *s, hbm_scoreboard *b, const hbm_config &cfg, bool at_mode,
          unsigned max_out)
        : sc_module(n), isock("isock"), src(s), sb(b), at(at_mode), max_outstanding(max_out),
          tck(sc_time((double)cfg.tck_ps, SC_PS)), slots((size_t)1 << cfg.id_bits)
    {
        for (size_t i = slots.size(); i-- > 0;) {
            slots[i].id = (uint32_t)i;
            slots[i].gp.set_mm(this);
            slot_ext *e = new slot_ext;
            e->id = (uint32_t)i;
            slots[i].gp.set_extension(e);
            free_ids.push_back((uint32_t)i);
        }
        isock.register_nb_transport_bw(this, &accel::nb_transport_bw);
        isock.register_invalidate_direct_mem_ptr(this, &accel::invalidate);
        SC_THREAD(run);
    }

    void invalidate(sc_dt::uint64, sc_dt::uint64) { dmi_valid = false; }

    /* LT through the direct pointer: the bytes moved here, the target's
     * DMI latency on the clock; false if there is no pointer for it. */
    bool dmi_access(slot &s, tlm_utils::tlm_quantumkeeper &qk)
    {
        uint64_t a = s.gp.get_address();
        if (!dmi_valid || a < dmi.get_start_address() || a + 32 > dmi.get_end_address() + 1)
            return false;
        unsigned char *p = dmi.get_dmi_ptr() + (a - dmi.get_start_address());
        if (s.gp.get_command() == TLM_WRITE_COMMAND) {
            for (int i = 0; i < 32; i++)
                if (!s.gp.get_byte_enable_ptr() || s.be[i] == TLM_BYTE_ENABLED)
                    p[i] = s.data[i];
            qk.inc(dmi.get_write_latency());
        } else {
            std::memcpy(s.data, p, 32);
            qk.inc(dmi.get_read_latency());
        }
        s.gp.set_response_status(TLM_OK_RESPONSE);
        dmi_accesses++;
        return true;
    }

    /* tlm_mm_interface: the last reference to a payload is gone */
    void free(tlm_generic_payload *gp) override
    {
        slot_ext *e = nullptr;
        gp->get_extension(e);
        free_ids.push_back(e->id);
    }

    /* The next request of the source into `next`; false at its end. */
    bool fetch()
    {
        char err[HBM_ERR_MAX];
        if (!have_next && !src_done) {
            int got = hbm_source_next(src, &next, err);
            if (got < 0)
                error = err;
            have_next = got > 0;
            src_done = got <= 0;
        }
        return have_next;
    }

    slot &fill(const hbm_req &r)
    {
        slot &s = slots[free_ids.back()];
        free_ids.pop_back();
        s.gp.acquire();
        uint32_t en = 0xffffffffu;
        s.addr = r.addr + base;
        std::memset(s.data, 0, 32);
        if (r.is_write)
            hbm_scoreboard_write_data(sb, s.addr, s.data, &en);
        for (int i = 0; i < 32; i++)
            s.be[i] = (en >> i & 1) ? TLM_BYTE_ENABLED : TLM_BYTE_DISABLED;
        s.gp.set_command(r.is_write ? TLM_WRITE_COMMAND : TLM_READ_COMMAND);
        s.gp.set_address(s.addr);
        s.gp.set_data_ptr(s.data);
        s.gp.set_data_length(32);
        s.gp.set_streaming_width(32);
        s.gp.set_byte_enable_ptr(r.is_write ? s.be : nullptr);
        s.gp.set_byte_enable_length(r.is_write ? 32 : 0);
        s.gp.set_dmi_allowed(false);
        s.gp.set_response_status(TLM_INCOMPLETE_RESPONSE);
        return s;
    }

    static uint32_t enables(const slot &s)
    {
        uint32_t en = 0;
        if (s.gp.get_byte_enable_ptr())
            for (int i = 0; i < 32; i++)
                en |= (uint32_t)(s.be[i] == TLM_BYTE_ENABLED) << i;
        else
            en = 0xffffffffu;
        return en;
    }

    /* The request was taken: the shadow memory learns it (request order). */
    void accepted(slot &s)
    {
        bool wr = s.gp.get_command() == TLM_WRITE_COMMAND;
        hbm_scoreboard_accepted(sb, s.addr, wr, s.id, s.data, wr ? enables(s) : 0);
    }

    void finished(slot &s)
    {
        char msg[256];
        if (s.gp.get_response_status() != TLM_OK_RESPONSE)
            resp_errors++;
        else if (s.gp.get_command() == TLM_READ_COMMAND && hbm_scoreboard_check_read(sb, s.id, s.data, msg)) {
            if (data_errors++ < 5)
                std::fprintf(stderr, "accel_platform: data error: %s\n", msg);
        }
        answered++;
        s.gp.release();   /* back to the pool once the target has let go of it too */
    }

    /* AT: send BEGIN_REQ if the request channel is free and a slot is. */
    void try_send()
    {
        while (!req_busy && fetch() && !free_ids.empty() && (!max_outstanding || outstanding < max_outstanding)) {
            slot &s = fill(next);
            sc_time when = tck * (double)next.earliest;
            sc_time delay = when > sc_time_stamp() ? when - sc_time_stamp() : SC_ZERO_TIME;
            tlm_phase ph = BEGIN_REQ;
            have_next = false;
            req_busy = true;
            outstanding++;
            sent++;
            tlm_sync_enum r = isock->nb_transport_fw(s.gp, ph, delay);
            if (r == TLM_COMPLETED) {       /* an error, answered at once */
                req_busy = false;
                outstanding--;
                finished(s);
            } else if (r == TLM_UPDATED && ph == END_REQ) {
                req_busy = false;
                accepted(s);
            }
        }
        if (src_done && outstanding == 0)
            all_done.notify(SC_ZERO_TIME);
    }

    tlm_sync_enum nb_transport_bw(tlm_generic_payload &gp, tlm_phase &ph, sc_time &)
    {
        slot_ext *e = nullptr;
        gp.get_extension(e);
        slot &s = slots[e->id];
        if (ph == END_REQ) {
            req_busy = false;
            accepted(s);
            try_send();   /* another payload: this one's slot stays taken until the target lets go */
            return TLM_ACCEPTED;
        }
        if (ph == BEGIN_RESP) {
            outstanding--;
            finished(s);
            try_send();   /* never on s's payload: the target still holds it until this returns */
            return TLM_COMPLETED;
        }
        return TLM_ACCEPTED;
    }

    void run()
    {
        if (at) {
            try_send();
            wait(all_done);
            return;
        }
        tlm_utils::tlm_quantumkeeper qk;
        tlm_utils::tlm_quantumkeeper::set_global_quantum(sc_time(1, SC_US));
        qk.reset();
        while (fetch()) {
            slot &s = fill(next);
            have_next = false;
            sc_time when = tck * (double)next.earliest;
            if (when > qk.get_current_time())
                qk.set(when - sc_time_stamp());
            accepted(s);
            sent++;
            if (!(use_dmi && dmi_access(s, qk))) {
                sc_time delay = qk.get_local_time();
                isock->b_transport(s.gp, delay);
                qk.set(delay);
                if (use_dmi && !dmi_valid && s.gp.is_dmi_allowed())
                    dmi_valid = isock->get_direct_mem_ptr(s.gp, dmi);
            }
            finished(s);
            if (qk.need_sync())
                qk.sync();
        }
        qk.sync();
    }
};

/* A stack config: hbm_tlm_stack (one target per pseudo-channel behind the
 * interleave) and `initiators` accelerators, each with its own slice of the
 * stack (stack bytes / initiators), its own requests (the total split
 * evenly) and seed (seed + 7919 m, as hbmsim's stack ports). */
static int run_stack(const hbm_config &file_cfg, const char *config, const char *workload, const char *trace,
                     uint64_t requests, uint64_t seed, bool at, unsigned outstanding, unsigned initiators, bool json)
{
    char err[HBM_ERR_MAX];
    unsigned m_count = initiators ? initiators : (unsigned)file_cfg.ports;
    if (trace || m_count == 0 || m_count > 64) {
        std::fprintf(stderr, "accel_platform: a stack takes --workload and 1..64 --initiators\n");
        return 2;
    }
    hbm_tlm_stack *stk;
    try {
        stk = new hbm_tlm_stack("hbm", config);
    } catch (const sc_report &r) {
        std::fprintf(stderr, "accel_platform: %s\n", r.get_msg());
        return 2;
    }
    hbm_config full = stk->config(), slice = full;
    full.capacity_bytes = full.stack_bytes;   /* the initiators see one memory */
    slice.capacity_bytes = full.stack_bytes / m_count;
    uint64_t each = (requests ? requests : 100000) / m_count;
    std::vector<std::unique_ptr<accel>> cpus;
    std::vector<hbm_source *> srcs;
    std::vector<hbm_scoreboard *> sbs;
    for (unsigned m = 0; m < m_count; m++) {
        hbm_source *src = hbm_source_workload(workload, &slice, each ? each : 1, seed + 7919u * m, err);
        if (!src) {
            std::fprintf(stderr, "accel_platform: %s\n", err);
            return 2;
        }
        srcs.push_back(src);
        sbs.push_back(hbm_scoreboard_create(&full, seed + 7919u * m));
        std::string n = "accel" + std::to_string(m);
        cpus.emplace_back(new accel(n.c_str(), src, sbs.back(), full, at, outstanding));
        cpus.back()->base = slice.capacity_bytes * m;
        cpus.back()->isock.bind(stk->tsock);
    }
    std::clock_t c0 = std::clock();
    sc_start();
    double cpu_s = (double)(std::clock() - c0) / CLOCKS_PER_SEC;
    uint64_t answered = 0, sent = 0, data_errors = 0, resp_errors = 0, violations = 0;
    for (auto &c : cpus) {
        answered += c->answered;
        sent += c->sent;
        data_errors += c->data_errors;
        resp_errors += c->resp_errors;
    }
    for (int n = 0; n < stk->pseudo_channels(); n++)
        violations += stk->pc(n).timing_violations() + stk->pc(n).protocol_errors();
    stk->print_report(stdout, json, workload);
    std::fprintf(stderr, "accel_platform: %s, %u initiators, %" PRIu64 " transactions in %.2f CPU-s: %.2f M per "
                         "CPU-second; %" PRIu64 " data errors\n",
                 at ? "AT" : "LT", m_count, answered, cpu_s, cpu_s > 0 ? answered / cpu_s / 1e6 : 0.0, data_errors);
    int rc = data_errors || resp_errors || violations || answered != sent ? 1 : 0;
    cpus.clear();
    for (auto *b : sbs)
        hbm_scoreboard_free(b);
    for (auto *src : srcs)
        hbm_source_free(src);
    delete stk;
    return rc;
}

static void usage()
{
    std::fprintf(stderr, "usage: accel_platform --config FILE (--workload SPEC | --trace FILE) [--requests N]\n"
                         "       [--seed N] [--mode at|lt|lt-dmi] [--outstanding N] [--initiators N] [--json]\n");
}

int sc_main(int argc, char **argv)
{
    const char *config = nullptr, *workload = nullptr, *trace = nullptr;
    uint64_t requests = 0, seed = 1;
    bool at = true, json = false, use_dmi = false;
    unsigned outstanding = 0, initiators = 0;
    char err[HBM_ERR_MAX];

    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : nullptr;
        if (a == "--json") {
            json = true;
            continue;
        }
        if (!v) {
            usage();
            return 2;
        }
        i++;
        if (a == "--config") config = v;
        else if (a == "--workload") workload = v;
        else if (a == "--trace") trace = v;
        else if (a == "--requests") requests = std::strtoull(v, nullptr, 10);
        else if (a == "--seed") seed = std::strtoull(v, nullptr, 10);
        else if (a == "--outstanding") outstanding = (unsigned)std::strtoul(v, nullptr, 10);
        else if (a == "--initiators") initiators = (unsigned)std::strtoul(v, nullptr, 10);
        else if (a == "--mode" && (std::string(v) == "at" || std::string(v) == "lt" || std::string(v) == "lt-dmi")) {
            at = std::string(v) == "at";
            use_dmi = std::string(v) == "lt-dmi";
        }
        else {
            usage();
            return 2;
        }
    }
    if (!config || !workload == !trace) {
        usage();
        return 2;
    }
    sc_report_handler::set_actions(SC_ERROR, SC_DISPLAY | SC_THROW);
    hbm_config file_cfg;
    if (hbm_config_load(&file_cfg, config, err)) {
        std::fprintf(stderr, "accel_platform: %s\n", err);
        return 2;
    }
    if (file_cfg.pseudo_channels > 1)
        return run_stack(file_cfg, config, workload, trace, requests, seed, at, outstanding, initiators, json);
    hbm_tlm_target *mem;
    try {
#ifdef HBM_TLM_RTL
        mem = new hbm_tlm_rtl_target("hbm", config);   /* the one line that swaps model and RTL */
#else
        mem = new hbm_tlm_target("hbm", config);
#endif
    } catch (const sc_report &r) {
        std::fprintf(stderr, "accel_platform: %s\n", r.get_msg());
        return 2;
    }
    hbm_config cfg = mem->config();
    hbm_source *src = trace ? hbm_source_open_trace(trace, &cfg, requests, err)
                            : hbm_source_workload(workload, &cfg, requests ? requests : 100000, seed, err);
    if (!src) {
        std::fprintf(stderr, "accel_platform: %s\n", err);
        return 2;
    }
    hbm_scoreboard *sb = hbm_scoreboard_create(&cfg, seed);
    accel cpu("accel", src, sb, cfg, at, outstanding);
    cpu.use_dmi = use_dmi;
    cpu.isock.bind(mem->tsock);
    mem->report_at_end(false);

    std::clock_t c0 = std::clock();
    sc_start();
    double cpu_s = (double)(std::clock() - c0) / CLOCKS_PER_SEC;
    int rc = 0;
    if (!cpu.error.empty()) {
        std::fprintf(stderr, "accel_platform: %s\n", cpu.error.c_str());
        rc = 2;
    } else {
        mem->print_report(stdout, json, trace ? trace : workload, cpu.data_errors, hbm_source_llm(src));
        std::fprintf(stderr, "accel_platform: %s, %" PRIu64 " transactions in %.2f CPU-s: %.2f M per CPU-second\n",
                     at ? "AT" : use_dmi ? "LT-DMI" : "LT", cpu.answered, cpu_s,
                     cpu_s > 0 ? cpu.answered / cpu_s / 1e6 : 0.0);
        if (use_dmi)
            std::fprintf(stderr, "accel_platform: %" PRIu64 " of them through the DMI pointer, %.2f GB per CPU-second\n",
                         cpu.dmi_accesses, cpu_s > 0 ? cpu.dmi_accesses * 32.0 / cpu_s / 1e9 : 0.0);
        if (cpu.data_errors || cpu.resp_errors || mem->timing_violations() || mem->protocol_errors() ||
            cpu.answered != cpu.sent)
            rc = 1;
    }
    hbm_scoreboard_free(sb);
    hbm_source_free(src);
    delete mem;
    return rc;
}
