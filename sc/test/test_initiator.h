/*
 * test_initiator.h - the tests' TLM-2.0 initiator: a list of transactions
 * (op), each playing the AT phases its fields say or going by b_transport,
 * with what came back recorded in the op (status, data, times).  Shared by
 * sc/test/test_tlm.cpp and sc/test/test_tlm_rtl.cpp.
 */
#ifndef TEST_INITIATOR_H
#define TEST_INITIATOR_H

#include <deque>
#include <memory>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

using namespace sc_core;
using namespace tlm;

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

inline void fill_payload(tlm_generic_payload &gp, op &o)
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

#endif
