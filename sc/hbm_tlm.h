/*
 * hbm_tlm.h - one pseudo-channel controller (the golden model, libhbm) as a
 * SystemC TLM-2.0 target: what a virtual platform binds its initiator
 * socket to.  docs/systemc.md is the user's guide.
 *
 * Owns: the socket `tsock` (generic payload, base protocol), the model
 * and its clock, the split of a payload into 32-byte bursts and of the
 * model's responses back into payloads, the error responses, and the
 * report.
 *
 * Timing.  The controller clock has period tCK x dfi_ratio (from the
 * config).  Clock edge k is at k x period; at each edge the target, in
 * this order, offers the next burst of the transaction in its request
 * phase (END_REQ goes back in the edge whose burst was the last one
 * taken), takes one response from the model unless the initiator still
 * holds a BEGIN_RESP (the response port's back-pressure), sends
 * BEGIN_RESP in the edge the transaction's last burst came back, and
 * ticks the model: the same cycle protocol as hbmsim's stimulus loop
 * (sim/hbm_drive.c), so an initiator that sends its next BEGIN_REQ as
 * soon as END_REQ arrives, and completes every BEGIN_RESP at once, sees
 * hbmsim's cycles exactly.  A BEGIN_REQ arriving at time T is taken at
 * the first edge at or after T that has not yet run (docs/systemc.md: an
 * arrival at exactly an edge's time from another process).  With nothing
 * to do the clock stops; the idle cycles are caught up (refresh runs as
 * usual) when the next transaction arrives.
 *
 * b_transport (LT) runs its transaction on the model at once, from the
 * later of the model's cycle and the caller's local time, and adds the
 * cycles it took (x period) to the delay; it waits (wait()) while the
 * AT path has work.
 *
 * Errors, set on the payload and nothing written: an address beyond the
 * capacity (or a range that runs past it) TLM_ADDRESS_ERROR_RESPONSE; a
 * command other than read, write or ignore TLM_COMMAND_ERROR_RESPONSE; a
 * byte-enable length that does not divide the data length
 * TLM_BYTE_ENABLE_ERROR_RESPONSE; a streaming width below the data
 * length TLM_BURST_ERROR_RESPONSE; a data length of 0 or no data
 * TLM_GENERIC_ERROR_RESPONSE.  TLM_IGNORE_COMMAND gets only the address
 * check and touches nothing.  A bad config path or config value stops
 * construction with SC_REPORT_ERROR naming the file and the key.
 *
 * DMI: while the AT path is idle, get_direct_mem_ptr grants the whole
 * capacity, read and write, as one array indexed by address (the device's
 * storage, made address-linear on the first request), with the read and
 * write latencies of one request on an idle controller.  The first AT
 * BEGIN_REQ after a grant invalidates it (invalidate_direct_mem_ptr over
 * the whole range), and no DMI is granted while AT transactions are in
 * flight: a DMI access would bypass the controller's queues and timing.
 */
#ifndef HBM_TLM_H
#define HBM_TLM_H

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

extern "C" {
#include "hbm_check.h"
#include "hbm_config.h"
#include "hbm_model.h"
#include "hbm_port.h"
}

class hbm_tlm_target : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<hbm_tlm_target> tsock;

    SC_HAS_PROCESS(hbm_tlm_target);
    hbm_tlm_target(sc_core::sc_module_name name, const char *config_path);
    /* One pseudo-channel of a loaded config (any pseudo_channels: the
     * stack's, hbm_tlm_stack.h); label names the config in the report. */
    hbm_tlm_target(sc_core::sc_module_name name, const hbm_config &cfg, const char *label);
    ~hbm_tlm_target() override;

    const hbm_config &config() const { return cfg_; }
    /* The controller clock period (tCK x dfi_ratio). */
    sc_core::sc_time clock_period() const { return period_; }
    /* The controller's statistics so far (cycles in DRAM clocks, as hbmsim). */
    const hbm_stats &stats() const;
    /* JEDEC timing violations the checker saw in the commands so far. */
    uint64_t timing_violations() const { return check_ ? hbm_check_violations(check_) : 0; }
    /* Commands the device model could not carry out. */
    uint64_t protocol_errors() const;
    /* 1 when nothing is queued, in flight or waiting to be answered. */
    bool idle() const;

    /* The hbmsim report (text, or one JSON object) of the run so far: source
     * names the traffic; an initiator that checks read data gives its count
     * of wrong reads, and an llm-decode source its plan (hbm_source_llm). */
    void print_report(FILE *out, bool json, const char *source = "tlm", uint64_t data_errors = 0,
                      const struct hbm_llm *llm = nullptr) const;
    /* Print it at the end of simulation (default: on, text, stdout). */
    void report_at_end(bool on, bool json = false, FILE *out = stdout)
    {
        report_at_end_ = on;
        report_json_ = json;
        report_out_ = out;
    }

protected:
    /* For a target with another controller behind it (hbm_tlm_rtl_target):
     * the config is loaded and checked, no controller made; the derived
     * class calls attach() with its controller's port and device, and
     * finish() in its destructor, while the controller still exists. */
    enum class backend { model, none };
    hbm_tlm_target(sc_core::sc_module_name name, const char *config_path, backend b);
    void setup(backend b);   /* after cfg_ is loaded: check it, make the controller */
    bool config_loaded() const { return config_ok_; }
    void attach(hbm_port port, hbm_device *dev);
    void finish();

private:
    struct txn {
        tlm::tlm_generic_payload *gp = nullptr;
        uint64_t first_burst = 0;   /* address of its first 32-byte burst */
        unsigned bursts = 0, sent = 0, done = 0;
        bool write = false;
        bool silent = false;        /* AT: completed by the initiator at END_REQ: no BEGIN_RESP */
        uint64_t not_before = 0;    /* AT: the first edge at or after its arrival time */
    };
    struct inflight {
        txn *t;
        unsigned index;              /* which burst of t */
    };

    std::string path_;
    hbm_config cfg_;
    bool config_ok_ = false;
    hbm_port port_{};                /* the controller: the model, the RTL, or both in lockstep */
    hbm_device *dev_ = nullptr;      /* the device behind it (debug transport, DMI) */
    hbm_model *model_ = nullptr;     /* owned when the model is the controller */
    bool failed_ = false;            /* the controller's port failed (a lockstep mismatch) */
    hbm_check *check_ = nullptr;
    sc_core::sc_time period_;
    sc_core::sc_event wake_;
    bool running_ = false;           /* the clock process runs every edge */
    txn *at_req_ = nullptr;          /* the AT transaction in its request phase */
    txn *at_resp_busy_ = nullptr;    /* BEGIN_RESP sent, END_RESP not yet back */
    std::vector<std::unique_ptr<txn>> txns_;   /* every AT transaction record, owned */
    std::vector<txn *> free_txns_;   /* the records not in use */
    uint64_t resp_free_edge_ = 0;    /* END_RESP's time (with its delay): no response before this edge */
    std::vector<inflight> by_id_;    /* model request id -> burst */
    std::vector<uint8_t> id_busy_;
    uint32_t next_id_ = 0;
    unsigned at_inflight_ = 0;       /* AT transactions accepted, not yet answered */
    sc_core::sc_event at_idle_;
    bool report_at_end_ = true, report_json_ = false, reported_ = false;
    bool dmi_granted_ = false;       /* a DMI pointer is out: the AT path invalidates it */
    sc_core::sc_time dmi_read_latency_, dmi_write_latency_;
    FILE *report_out_ = stdout;

    bool ready() const { return port_.ops != nullptr; }
    void register_all();
    static void on_command(void *ctx, const hbm_cmd *cmd);
    tlm::tlm_response_status validate(tlm::tlm_generic_payload &gp) const;
    void start(txn &t, tlm::tlm_generic_payload &gp) const;
    uint64_t edge_cycle() const;     /* the controller cycle the next tick simulates */
    void catch_up(uint64_t edge);
    bool offer(txn &t);
    int take_response(txn **completed);
    void model_tick();
    void clock_edge();
    void resp_end(const sc_core::sc_time &delay);
    void retire(txn *t);
    txn *new_txn();
    uint64_t edge_at(const sc_core::sc_time &t) const;   /* the first edge at or after t */

    void b_transport(tlm::tlm_generic_payload &gp, sc_core::sc_time &delay);
    tlm::tlm_sync_enum nb_transport_fw(tlm::tlm_generic_payload &gp, tlm::tlm_phase &phase,
                                       sc_core::sc_time &delay);
    unsigned int transport_dbg(tlm::tlm_generic_payload &gp);
    bool get_direct_mem_ptr(tlm::tlm_generic_payload &gp, tlm::tlm_dmi &dmi);
    void dmi_invalidate();
    void end_of_simulation() override;
};

#endif
