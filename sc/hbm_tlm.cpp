/*
 * hbm_tlm.cpp - the TLM-2.0 target around the golden model; see hbm_tlm.h.
 */
#include "hbm_tlm.h"

#include <algorithm>
#include <cmath>
#include <cstring>

extern "C" {
#include "hbm_report.h"
}

using namespace sc_core;
using namespace tlm;

static const unsigned BURST = HBM_BURST_BYTES;

hbm_tlm_target::hbm_tlm_target(sc_module_name name, const char *config_path)
    : hbm_tlm_target(name, config_path, backend::model)
{
}

hbm_tlm_target::hbm_tlm_target(sc_module_name name, const char *config_path, backend b)
    : sc_module(name), tsock("tsock"), path_(config_path ? config_path : "")
{
    char err[HBM_ERR_MAX];

    if (hbm_config_load(&cfg_, path_.c_str(), err) || hbm_config_finish(&cfg_, err)) {
        register_all();
        SC_REPORT_ERROR("hbm_tlm_target", (std::string(this->name()) + ": " + err).c_str());
        return;
    }
    if (cfg_.pseudo_channels != 1) {
        register_all();
        std::string why = std::string(this->name()) + ": " + path_ + ": pseudo_channels = " +
                          std::to_string(cfg_.pseudo_channels) +
                          ": hbm_tlm_target is one pseudo-channel's controller; bind one target per "
                          "pseudo-channel, or the whole stack as hbm_tlm_stack (docs/systemc.md)";
        SC_REPORT_ERROR("hbm_tlm_target", why.c_str());
        return;
    }
    setup(b);
}

hbm_tlm_target::hbm_tlm_target(sc_module_name name, const hbm_config &cfg, const char *label)
    : sc_module(name), tsock("tsock"), path_(label ? label : ""), cfg_(cfg)
{
    setup(backend::model);
}

/* The socket's callbacks and the clock, first thing: a target whose config
 * failed answers every transaction TLM_GENERIC_ERROR_RESPONSE (when
 * SC_ERROR does not throw). */
void hbm_tlm_target::register_all()
{
    tsock.register_b_transport(this, &hbm_tlm_target::b_transport);
    tsock.register_nb_transport_fw(this, &hbm_tlm_target::nb_transport_fw);
    tsock.register_transport_dbg(this, &hbm_tlm_target::transport_dbg);
    tsock.register_get_direct_mem_ptr(this, &hbm_tlm_target::get_direct_mem_ptr);
    SC_METHOD(clock_edge);
    sensitive << wake_;
    dont_initialize();
}

void hbm_tlm_target::setup(backend b)
{
    char err[HBM_ERR_MAX];

    register_all();
    period_ = sc_time((double)cfg_.tck_ps * cfg_.dfi_ratio, SC_PS);
    double units = (double)cfg_.tck_ps * cfg_.dfi_ratio / (sc_get_time_resolution().to_seconds() * 1e12);
    if (units < 1 || std::fabs(units - std::round(units)) > 1e-6) {
        SC_REPORT_ERROR("hbm_tlm_target", (std::string(this->name()) + ": the clock period " +
                                           std::to_string(cfg_.tck_ps * cfg_.dfi_ratio) +
                                           " ps is not a whole number of the time resolution")
                                              .c_str());
        return;
    }
    config_ok_ = true;
    if (b == backend::model) {
        model_ = hbm_model_create(&cfg_, err);
        if (!model_) {
            SC_REPORT_ERROR("hbm_tlm_target", (std::string(this->name()) + ": " + err).c_str());
            return;
        }
        attach(hbm_port_model(model_), hbm_model_device_rw(model_));
    }
}

void hbm_tlm_target::attach(hbm_port port, hbm_device *dev)
{
    char err[HBM_ERR_MAX];

    check_ = hbm_check_create(&cfg_, err);
    if (!check_) {
        SC_REPORT_ERROR("hbm_tlm_target", (std::string(name()) + ": " + err).c_str());
        return;
    }
    port_ = port;
    dev_ = dev;
    port_.ops->set_cmd_hook(port_.self, on_command, this);
    by_id_.resize((size_t)1 << cfg_.id_bits);
    id_busy_.assign((size_t)1 << cfg_.id_bits, 0);
}

void hbm_tlm_target::finish()
{
    end_of_simulation();
    for (auto &t : txns_)   /* payloads a simulation left mid-transaction */
        if (t->gp && t->gp->has_mm())
            t->gp->release();
    txns_.clear();
    free_txns_.clear();
    port_.ops = nullptr;   /* the backend is going */
}

hbm_tlm_target::~hbm_tlm_target()
{
    /* SystemC calls end_of_simulation() only after sc_stop(); a simulation
     * that ran out of events gets its report here */
    finish();
    hbm_check_free(check_);
    hbm_model_free(model_);
}

void hbm_tlm_target::on_command(void *ctx, const hbm_cmd *cmd)
{
    hbm_tlm_target *self = static_cast<hbm_tlm_target *>(ctx);
    if (hbm_check_command(self->check_, cmd))
        SC_REPORT_WARNING("hbm_tlm_target", hbm_check_last_message(self->check_));
}

const hbm_stats &hbm_tlm_target::stats() const
{
    static const hbm_stats none = {};
    return ready() ? *port_.ops->stats(port_.self) : none;
}

uint64_t hbm_tlm_target::protocol_errors() const
{
    return ready() ? port_.ops->protocol_errors(port_.self) : 0;
}

bool hbm_tlm_target::idle() const
{
    return !at_req_ && !at_resp_busy_ && at_inflight_ == 0 && (!ready() || port_.ops->idle(port_.self));
}

void hbm_tlm_target::print_report(FILE *out, bool json, const char *source, uint64_t data_errors,
                                  const struct hbm_llm *llm) const
{
    hbm_report rep;

    if (!ready())
        return;
    std::memset(&rep, 0, sizeof rep);
    rep.config = path_.c_str();
    rep.source = source;
    rep.cfg = &cfg_;
    rep.stats = port_.ops->stats(port_.self);
    rep.checked = 1;
    rep.timing_violations = hbm_check_violations(check_);
    rep.protocol_errors = protocol_errors();
    rep.data_errors = data_errors;
    rep.llm = llm;
    hbm_report_print(&rep, json ? 1 : 0, out);
}

void hbm_tlm_target::end_of_simulation()
{
    if (report_at_end_ && ready() && !reported_)
        print_report(report_out_, report_json_, name());
    reported_ = true;
}

/* ---- transactions ------------------------------------------------------- */

tlm_response_status hbm_tlm_target::validate(tlm_generic_payload &gp) const
{
    uint64_t addr = gp.get_address();
    unsigned len = gp.get_data_length();
    tlm_command cmd = gp.get_command();

    if (!ready() || failed_)
        return TLM_GENERIC_ERROR_RESPONSE;
    if (cmd != TLM_READ_COMMAND && cmd != TLM_WRITE_COMMAND && cmd != TLM_IGNORE_COMMAND)
        return TLM_COMMAND_ERROR_RESPONSE;
    if (cmd == TLM_IGNORE_COMMAND)   /* nothing is done: only the address is checked */
        return addr < cfg_.capacity_bytes && len <= cfg_.capacity_bytes - addr ? TLM_OK_RESPONSE
                                                                               : TLM_ADDRESS_ERROR_RESPONSE;
    if (len == 0 || !gp.get_data_ptr())
        return TLM_GENERIC_ERROR_RESPONSE;
    if (addr >= cfg_.capacity_bytes || len > cfg_.capacity_bytes - addr)
        return TLM_ADDRESS_ERROR_RESPONSE;
    if (gp.get_streaming_width() < len)   /* a width of the length or more is no streaming */
        return TLM_BURST_ERROR_RESPONSE;
    if (gp.get_byte_enable_ptr() &&
        (gp.get_byte_enable_length() == 0 || len % gp.get_byte_enable_length() != 0))
        return TLM_BYTE_ENABLE_ERROR_RESPONSE;
    return TLM_OK_RESPONSE;
}

void hbm_tlm_target::start(txn &t, tlm_generic_payload &gp) const
{
    uint64_t addr = gp.get_address(), end = addr + gp.get_data_length();
    t.gp = &gp;
    t.first_burst = addr & ~(uint64_t)(BURST - 1);
    t.bursts = (unsigned)((end - t.first_burst + BURST - 1) / BURST);
    t.sent = t.done = 0;
    t.write = gp.get_command() == TLM_WRITE_COMMAND;
    t.silent = false;
    t.not_before = 0;
}

/* Between a payload and the 32-byte burst at burst_addr: the bytes the
 * payload covers are lanes [lo, hi) of the burst and start at byte `at` of
 * the payload; of those, the enabled ones are the returned mask. */
struct span {
    unsigned lo, hi, at;
};
static uint32_t burst_lanes(const tlm_generic_payload &gp, uint64_t burst_addr, span &sp)
{
    uint64_t addr = gp.get_address(), end = addr + gp.get_data_length();
    const unsigned char *be = gp.get_byte_enable_ptr();
    unsigned be_len = gp.get_byte_enable_length();
    uint32_t lanes = 0;

    sp.lo = addr > burst_addr ? (unsigned)(addr - burst_addr) : 0;
    sp.hi = end < burst_addr + BURST ? (unsigned)(end - burst_addr) : BURST;
    sp.at = (unsigned)(burst_addr + sp.lo - addr);
    if (!be)
        return (sp.hi - sp.lo == BURST ? 0xffffffffu : ((1u << (sp.hi - sp.lo)) - 1)) << sp.lo;
    for (unsigned i = sp.lo; i < sp.hi; i++)
        if (be[(sp.at + i - sp.lo) % be_len] == TLM_BYTE_ENABLED)
            lanes |= 1u << i;
    return lanes;
}

/* The controller cycle (DRAM clocks / dfi_ratio) of the model's next tick. */
uint64_t hbm_tlm_target::edge_cycle() const
{
    return port_.ops->cycle(port_.self) / (uint64_t)cfg_.dfi_ratio;
}

uint64_t hbm_tlm_target::edge_at(const sc_time &t) const
{
    return (uint64_t)((t.value() + period_.value() - 1) / period_.value());
}

void hbm_tlm_target::model_tick()
{
    if (failed_)
        return;
    if (port_.ops->tick(port_.self)) {
        /* the RTL and the model in lockstep differed, or the RTL broke a rule */
        failed_ = true;
        SC_REPORT_ERROR("hbm_tlm_target", (std::string(name()) + ": " + port_.ops->error(port_.self)).c_str());
    }
}

/* Idle edges up to (not including) `edge`: refresh runs as it would have. */
void hbm_tlm_target::catch_up(uint64_t edge)
{
    while (edge_cycle() < edge)
        model_tick();
}

/* Offer t's next burst to the model in this cycle; true if taken. */
bool hbm_tlm_target::offer(txn &t)
{
    uint64_t a = t.first_burst + (uint64_t)t.sent * BURST;
    uint8_t data[BURST];
    uint32_t lanes = 0, id;
    span sp;

    if (!port_.ops->can_accept(port_.self, a, t.write))
        return false;
    if (t.write) {
        lanes = burst_lanes(*t.gp, a, sp);
        std::memset(data, 0, sizeof data);
        std::memcpy(data + sp.lo, t.gp->get_data_ptr() + sp.at, sp.hi - sp.lo);   /* the mask picks */
    }
    /* the next id not in flight, as hbmsim's driver hands them out */
    while (id_busy_[next_id_])
        next_id_ = (next_id_ + 1) % (uint32_t)id_busy_.size();
    id = next_id_;
    next_id_ = (next_id_ + 1) % (uint32_t)id_busy_.size();
    if (port_.ops->push(port_.self, a, t.write, id, t.write ? data : nullptr, lanes) != HBM_PUSH_OK)
        return false;
    id_busy_[id] = 1;
    by_id_[id].t = &t;
    by_id_[id].index = t.sent;
    t.sent++;
    return true;
}

/* Take one response from the model: 1 if taken, and *completed = its
 * transaction when that was its last burst. */
int hbm_tlm_target::take_response(txn **completed)
{
    hbm_resp r;
    *completed = nullptr;
    if (!port_.ops->pop_resp(port_.self, &r))
        return 0;
    inflight f = by_id_[r.id];
    id_busy_[r.id] = 0;
    txn &t = *f.t;
    if (!t.write && t.gp) {
        uint64_t a = t.first_burst + (uint64_t)f.index * BURST;
        span sp;
        uint32_t lanes = burst_lanes(*t.gp, a, sp);
        unsigned char *p = t.gp->get_data_ptr() + sp.at;   /* lane sp.lo's byte */
        if (lanes == ((sp.hi - sp.lo == BURST ? 0xffffffffu : ((1u << (sp.hi - sp.lo)) - 1)) << sp.lo))
            std::memcpy(p, r.data + sp.lo, sp.hi - sp.lo);
        else
            for (unsigned i = sp.lo; i < sp.hi; i++)
                if (lanes >> i & 1)
                    p[i - sp.lo] = r.data[i];
    }
    if (++t.done == t.bursts)
        *completed = &t;
    return 1;
}

/* ---- AT: the clock ------------------------------------------------------- */

void hbm_tlm_target::clock_edge()
{
    txn *done = nullptr;

    /* request: the next burst of the transaction in its request phase */
    if (at_req_ && edge_cycle() >= at_req_->not_before && offer(*at_req_) && at_req_->sent == at_req_->bursts) {
        txn *t = at_req_;
        at_req_ = nullptr;
        tlm_phase ph = END_REQ;
        sc_time d = SC_ZERO_TIME;
        /* the initiator may send its next BEGIN_REQ in here (taken from the next edge) */
        if (tsock->nb_transport_bw(*t->gp, ph, d) == TLM_COMPLETED) {
            /* completed early: its bursts still run, but nothing goes back to the payload */
            t->silent = true;
            if (t->gp->has_mm())
                t->gp->release();
            t->gp = nullptr;
        }
    }
    /* response: one per cycle, not while the initiator holds a BEGIN_RESP
     * (nor before the time its END_RESP named) */
    if (!at_resp_busy_ && edge_cycle() >= resp_free_edge_ && take_response(&done) && done) {
        if (done->silent) {
            retire(done);
        } else {
            done->gp->set_response_status(TLM_OK_RESPONSE);
            tlm_phase ph = BEGIN_RESP;
            sc_time d = SC_ZERO_TIME;
            at_resp_busy_ = done;
            tlm_sync_enum s = tsock->nb_transport_bw(*done->gp, ph, d);
            if (s == TLM_COMPLETED)
                resp_end(SC_ZERO_TIME);
            else if (s == TLM_UPDATED && ph == END_RESP)
                resp_end(d);
        }
    }
    model_tick();
    if (!failed_ && (at_req_ || at_resp_busy_ || at_inflight_ || !port_.ops->idle(port_.self))) {
        running_ = true;
        next_trigger(period_);
    } else {
        running_ = false;
        at_idle_.notify(SC_ZERO_TIME);
        next_trigger(wake_);
    }
}

hbm_tlm_target::txn *hbm_tlm_target::new_txn()
{
    if (free_txns_.empty()) {
        txns_.emplace_back(new txn);
        return txns_.back().get();
    }
    txn *t = free_txns_.back();
    free_txns_.pop_back();
    return t;
}

/* The transaction's last word: the payload goes back to its owner. */
void hbm_tlm_target::retire(txn *t)
{
    if (t->gp && t->gp->has_mm())
        t->gp->release();
    t->gp = nullptr;
    at_inflight_--;
    free_txns_.push_back(t);
}

/* END_RESP (at now + delay): the response port is free from that time's edge. */
void hbm_tlm_target::resp_end(const sc_time &delay)
{
    txn *t = at_resp_busy_;
    at_resp_busy_ = nullptr;
    resp_free_edge_ = edge_at(sc_time_stamp() + delay);
    retire(t);
}

tlm_sync_enum hbm_tlm_target::nb_transport_fw(tlm_generic_payload &gp, tlm_phase &phase, sc_time &delay)
{
    if (phase == END_RESP) {
        if (!at_resp_busy_ || at_resp_busy_->gp != &gp)
            SC_REPORT_ERROR("hbm_tlm_target", "END_RESP for a transaction that has no BEGIN_RESP outstanding");
        else
            resp_end(delay);
        return TLM_COMPLETED;
    }
    if (phase == END_REQ || phase == BEGIN_RESP) {
        SC_REPORT_ERROR("hbm_tlm_target", "END_REQ and BEGIN_RESP go from target to initiator, not back");
        return TLM_ACCEPTED;
    }
    if (phase != BEGIN_REQ)
        return TLM_ACCEPTED;   /* a phase of another protocol: ignored, as the base protocol asks */
    if (at_req_) {
        SC_REPORT_ERROR("hbm_tlm_target", "BEGIN_REQ before END_REQ of the previous request (request exclusion rule)");
        gp.set_response_status(TLM_GENERIC_ERROR_RESPONSE);
        return TLM_COMPLETED;
    }
    tlm_response_status st = validate(gp);
    if (st != TLM_OK_RESPONSE || gp.get_command() == TLM_IGNORE_COMMAND) {
        gp.set_response_status(st);
        return TLM_COMPLETED;   /* answered at once, nothing reaches the model */
    }
    if (dmi_granted_)
        dmi_invalidate();   /* the AT path is in use: DMI would bypass its queues and timing */
    if (gp.has_mm())
        gp.acquire();
    at_req_ = new_txn();
    start(*at_req_, gp);
    at_inflight_++;
    /* the arrival time, with the annotated delay: the first edge at or after it */
    at_req_->not_before = edge_at(sc_time_stamp() + delay);
    if (!running_) {
        /* restart the clock there (the model's idle edges before it caught up) */
        uint64_t edge = std::max(at_req_->not_before, edge_cycle());
        catch_up(edge);
        running_ = true;
        wake_.notify(period_ * (double)edge - sc_time_stamp());
    }
    return TLM_ACCEPTED;
}

/* ---- LT ---------------------------------------------------------------- */

void hbm_tlm_target::b_transport(tlm_generic_payload &gp, sc_time &delay)
{
    tlm_response_status st = validate(gp);
    if (st != TLM_OK_RESPONSE || gp.get_command() == TLM_IGNORE_COMMAND) {
        gp.set_response_status(st);
        return;
    }
    sc_time local = sc_time_stamp() + delay;   /* the caller's local time */
    while (running_ || at_inflight_)           /* the AT path's work first */
        wait(at_idle_);
    /* from the latest of the model's time, the caller's local time and now */
    uint64_t start_edge = std::max(edge_cycle(), edge_at(std::max(local, sc_time_stamp())));
    catch_up(start_edge);
    txn t;
    start(t, gp);
    while (t.done < t.bursts) {
        txn *done = nullptr;
        if (t.sent < t.bursts)
            offer(t);
        take_response(&done);
        model_tick();
    }
    gp.set_response_status(TLM_OK_RESPONSE);
    gp.set_dmi_allowed(true);   /* LT may take the direct pointer (get_direct_mem_ptr) */
    sc_time end = period_ * (double)edge_cycle();
    delay = end - sc_time_stamp();
}

/* ---- debug transport ------------------------------------------------------ */

unsigned int hbm_tlm_target::transport_dbg(tlm_generic_payload &gp)
{
    uint64_t addr = gp.get_address();
    unsigned len = gp.get_data_length();
    unsigned char *p = gp.get_data_ptr();

    if (!ready() || gp.get_command() == TLM_IGNORE_COMMAND || addr >= cfg_.capacity_bytes || !p)
        return 0;
    len = (unsigned)std::min<uint64_t>(len, cfg_.capacity_bytes - addr);
    for (unsigned done = 0; done < len;) {
        uint64_t a = addr + done, b = a & ~(uint64_t)(BURST - 1);
        unsigned lo = (unsigned)(a - b), n = std::min(len - done, BURST - lo);
        uint8_t burst[BURST];
        if (gp.get_command() == TLM_READ_COMMAND) {
            if (hbm_device_read_at(dev_, b, burst))
                return done;
            std::memcpy(p + done, burst + lo, n);
        } else {
            uint32_t en = (n == BURST ? 0xffffffffu : ((1u << n) - 1)) << lo;
            std::memcpy(burst + lo, p + done, n);
            if (hbm_device_write_at(dev_, b, burst, en))
                return done;
        }
        done += n;
    }
    return len;
}

/* ---- DMI ------------------------------------------------------------------ */

/* The latency of one request on an idle controller, measured on a scratch
 * model of the same config (push, then tick until its response). */
static uint64_t idle_latency(const hbm_config &cfg, int write)
{
    char err[HBM_ERR_MAX];
    hbm_model *m = hbm_model_create(&cfg, err);
    uint8_t data[HBM_BURST_BYTES] = {0};
    hbm_resp r;
    uint64_t cycles = 1;

    if (!m)
        return 0;
    hbm_model_push(m, 0, write, 0, write ? data : nullptr, write ? 0xffffffffu : 0);
    while (!hbm_model_pop_resp(m, &r) && cycles < 100000) {
        hbm_model_tick(m);
        cycles++;
    }
    hbm_model_free(m);
    return cycles;
}

bool hbm_tlm_target::get_direct_mem_ptr(tlm_generic_payload &gp, tlm_dmi &dmi)
{
    uint64_t bytes = 0;
    uint8_t *base;

    /* the whole capacity is one region; outside it there is no memory */
    dmi.set_start_address(0);
    dmi.set_end_address(ready() ? cfg_.capacity_bytes - 1 : 0);
    if (!ready() || failed_ || gp.get_address() >= cfg_.capacity_bytes || running_ || at_inflight_)
        return false;   /* no memory there, or the AT path has work: ask again when it is idle */
    base = hbm_device_linear(dev_, &bytes);
    if (!base)
        return false;
    if (dmi_read_latency_ == SC_ZERO_TIME) {
        dmi_read_latency_ = period_ * (double)idle_latency(cfg_, 0);
        dmi_write_latency_ = period_ * (double)idle_latency(cfg_, 1);
    }
    dmi.set_dmi_ptr(base);
    dmi.set_start_address(0);
    dmi.set_end_address(bytes - 1);
    dmi.allow_read_write();
    dmi.set_read_latency(dmi_read_latency_);
    dmi.set_write_latency(dmi_write_latency_);
    dmi_granted_ = true;
    return true;
}

void hbm_tlm_target::dmi_invalidate()
{
    dmi_granted_ = false;
    tsock->invalidate_direct_mem_ptr(0, cfg_.capacity_bytes - 1);
}
