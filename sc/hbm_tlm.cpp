/*
 * hbm_tlm.cpp - the TLM-2.0 target around the golden model; see hbm_tlm.h.
 */
#include "hbm_tlm.h"

#include <algorithm>
#include <cstring>

extern "C" {
#include "hbm_report.h"
}

using namespace sc_core;
using namespace tlm;

static const unsigned BURST = HBM_BURST_BYTES;

hbm_tlm_target::hbm_tlm_target(sc_module_name name, const char *config_path)
    : sc_module(name), tsock("tsock"), path_(config_path ? config_path : "")
{
    char err[HBM_ERR_MAX];

    if (hbm_config_load(&cfg_, path_.c_str(), err)) {
        SC_REPORT_ERROR("hbm_tlm_target", (std::string(this->name()) + ": " + err).c_str());
        return;
    }
    if (cfg_.pseudo_channels != 1) {
        std::string why = std::string(this->name()) + ": " + path_ + ": pseudo_channels = " +
                          std::to_string(cfg_.pseudo_channels) +
                          ": hbm_tlm_target is one pseudo-channel's controller; bind one target per "
                          "pseudo-channel (docs/systemc.md)";
        SC_REPORT_ERROR("hbm_tlm_target", why.c_str());
        return;
    }
    model_ = hbm_model_create(&cfg_, err);
    check_ = model_ ? hbm_check_create(&cfg_, err) : nullptr;
    if (!model_ || !check_) {
        SC_REPORT_ERROR("hbm_tlm_target", (std::string(this->name()) + ": " + err).c_str());
        return;
    }
    cfg_ = *hbm_model_config(model_);
    hbm_model_set_cmd_hook(model_, on_command, this);
    period_ = sc_time((double)cfg_.tck_ps * cfg_.dfi_ratio, SC_PS);
    by_id_.resize((size_t)1 << cfg_.id_bits);
    id_busy_.assign((size_t)1 << cfg_.id_bits, 0);

    tsock.register_b_transport(this, &hbm_tlm_target::b_transport);
    tsock.register_nb_transport_fw(this, &hbm_tlm_target::nb_transport_fw);
    tsock.register_transport_dbg(this, &hbm_tlm_target::transport_dbg);

    SC_METHOD(clock_edge);
    sensitive << wake_;
    dont_initialize();
}

hbm_tlm_target::~hbm_tlm_target()
{
    /* SystemC calls end_of_simulation() only after sc_stop(); a simulation
     * that ran out of events gets its report here */
    end_of_simulation();
    for (txn *t : free_txns_)
        delete t;
    hbm_check_free(check_);
    hbm_model_free(model_);
}

void hbm_tlm_target::on_command(void *ctx, const hbm_cmd *cmd)
{
    hbm_tlm_target *self = static_cast<hbm_tlm_target *>(ctx);
    if (hbm_check_command(self->check_, cmd))
        SC_REPORT_WARNING("hbm_tlm_target", hbm_check_last_message(self->check_));
}

uint64_t hbm_tlm_target::protocol_errors() const
{
    return hbm_device_protocol_errors(hbm_model_device(model_)) + hbm_model_stats(model_)->burst_overlaps;
}

bool hbm_tlm_target::idle() const
{
    return !at_req_ && !at_resp_busy_ && at_inflight_ == 0 && hbm_model_idle(model_);
}

void hbm_tlm_target::print_report(FILE *out, bool json, const char *source, uint64_t data_errors,
                                  const struct hbm_llm *llm) const
{
    hbm_report rep;

    std::memset(&rep, 0, sizeof rep);
    rep.config = path_.c_str();
    rep.source = source;
    rep.cfg = &cfg_;
    rep.stats = hbm_model_stats(model_);
    rep.checked = 1;
    rep.timing_violations = hbm_check_violations(check_);
    rep.protocol_errors = protocol_errors();
    rep.data_errors = data_errors;
    rep.llm = llm;
    hbm_report_print(&rep, json ? 1 : 0, out);
}

void hbm_tlm_target::end_of_simulation()
{
    if (report_at_end_ && model_ && !reported_)
        print_report(report_out_, report_json_, name());
    reported_ = true;
}

/* ---- transactions ------------------------------------------------------- */

tlm_response_status hbm_tlm_target::validate(tlm_generic_payload &gp) const
{
    uint64_t addr = gp.get_address();
    unsigned len = gp.get_data_length();
    tlm_command cmd = gp.get_command();

    if (cmd != TLM_READ_COMMAND && cmd != TLM_WRITE_COMMAND && cmd != TLM_IGNORE_COMMAND)
        return TLM_COMMAND_ERROR_RESPONSE;
    if (len == 0 || (cmd != TLM_IGNORE_COMMAND && !gp.get_data_ptr()))
        return TLM_GENERIC_ERROR_RESPONSE;
    if (addr >= cfg_.capacity_bytes || len > cfg_.capacity_bytes - addr)
        return TLM_ADDRESS_ERROR_RESPONSE;
    if (gp.get_streaming_width() != len)
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
}

/* The bytes of burst `index` of t that the payload covers and enables:
 * bit i = byte i of the burst; off[i] = the byte's offset in the payload. */
static uint32_t burst_lanes(const tlm_generic_payload &gp, uint64_t burst_addr, unsigned off[BURST])
{
    uint64_t addr = gp.get_address(), end = addr + gp.get_data_length();
    const unsigned char *be = gp.get_byte_enable_ptr();
    unsigned be_len = gp.get_byte_enable_length();
    uint32_t lanes = 0;

    for (unsigned i = 0; i < BURST; i++) {
        uint64_t a = burst_addr + i;
        if (a < addr || a >= end)
            continue;
        off[i] = (unsigned)(a - addr);
        if (be && be[off[i] % be_len] != TLM_BYTE_ENABLED)
            continue;
        lanes |= 1u << i;
    }
    return lanes;
}

/* The controller cycle (DRAM clocks / dfi_ratio) of the model's next tick. */
uint64_t hbm_tlm_target::edge_cycle() const
{
    return hbm_model_cycle(model_) / (uint64_t)cfg_.dfi_ratio;
}

void hbm_tlm_target::model_tick()
{
    hbm_model_tick(model_);
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
    unsigned off[BURST];
    uint32_t lanes = 0, id;

    if (!hbm_model_can_accept(model_, a, t.write))
        return false;
    std::memset(data, 0, sizeof data);
    if (t.write) {
        lanes = burst_lanes(*t.gp, a, off);
        for (unsigned i = 0; i < BURST; i++)
            if (lanes >> i & 1)
                data[i] = t.gp->get_data_ptr()[off[i]];
    }
    /* the next id not in flight, as hbmsim's driver hands them out */
    while (id_busy_[next_id_])
        next_id_ = (next_id_ + 1) % (uint32_t)id_busy_.size();
    id = next_id_;
    next_id_ = (next_id_ + 1) % (uint32_t)id_busy_.size();
    if (hbm_model_push(model_, a, t.write, id, t.write ? data : nullptr, lanes) != HBM_PUSH_OK)
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
    if (!hbm_model_pop_resp(model_, &r))
        return 0;
    inflight f = by_id_[r.id];
    id_busy_[r.id] = 0;
    txn &t = *f.t;
    if (!t.write) {
        uint64_t a = t.first_burst + (uint64_t)f.index * BURST;
        unsigned off[BURST];
        uint32_t lanes = burst_lanes(*t.gp, a, off);
        for (unsigned i = 0; i < BURST; i++)
            if (lanes >> i & 1)
                t.gp->get_data_ptr()[off[i]] = r.data[i];
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
        tsock->nb_transport_bw(*t->gp, ph, d);   /* the initiator may send BEGIN_REQ in here */
    }
    /* response: one per cycle unless the initiator holds the last BEGIN_RESP */
    if (!at_resp_busy_ && take_response(&done) && done) {
        done->gp->set_response_status(TLM_OK_RESPONSE);
        tlm_phase ph = BEGIN_RESP;
        sc_time d = SC_ZERO_TIME;
        at_resp_busy_ = done;
        tlm_sync_enum s = tsock->nb_transport_bw(*done->gp, ph, d);
        if (s == TLM_COMPLETED || (s == TLM_UPDATED && ph == END_RESP))
            resp_end();
    }
    model_tick();
    if (at_req_ || at_resp_busy_ || at_inflight_ || !hbm_model_idle(model_)) {
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
    if (free_txns_.empty())
        return new txn;
    txn *t = free_txns_.back();
    free_txns_.pop_back();
    return t;
}

void hbm_tlm_target::resp_end()
{
    txn *t = at_resp_busy_;
    at_resp_busy_ = nullptr;
    at_inflight_--;
    free_txns_.push_back(t);
}

tlm_sync_enum hbm_tlm_target::nb_transport_fw(tlm_generic_payload &gp, tlm_phase &phase, sc_time &delay)
{
    if (phase == END_RESP) {
        if (!at_resp_busy_ || at_resp_busy_->gp != &gp)
            SC_REPORT_ERROR("hbm_tlm_target", "END_RESP for a transaction that has no BEGIN_RESP outstanding");
        else
            resp_end();
        return TLM_COMPLETED;
    }
    if (phase != BEGIN_REQ) {
        SC_REPORT_ERROR("hbm_tlm_target", "nb_transport_fw: only BEGIN_REQ and END_RESP come from an initiator");
        return TLM_COMPLETED;
    }
    if (at_req_) {
        SC_REPORT_ERROR("hbm_tlm_target", "BEGIN_REQ before END_REQ of the previous request (request exclusion rule)");
        gp.set_response_status(TLM_GENERIC_ERROR_RESPONSE);
        return TLM_COMPLETED;
    }
    tlm_response_status st = validate(gp);
    if (st != TLM_OK_RESPONSE || gp.get_command() == TLM_IGNORE_COMMAND) {
        gp.set_response_status(st);
        phase = BEGIN_RESP;
        return TLM_COMPLETED;   /* answered at once, nothing reaches the model */
    }
    at_req_ = new_txn();
    start(*at_req_, gp);
    at_inflight_++;
    /* the arrival time, with the annotated delay: the first edge at or after it */
    sc_time t = sc_time_stamp() + delay;
    at_req_->not_before = (uint64_t)((t.value() + period_.value() - 1) / period_.value());
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
    while (running_ || at_inflight_)
        wait(at_idle_);
    /* from the later of the model's time and the caller's local time */
    sc_time local = sc_time_stamp() + delay;
    uint64_t start_edge = std::max(edge_cycle(),
                                   (uint64_t)((local.value() + period_.value() - 1) / period_.value()));
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
    sc_time end = period_ * (double)edge_cycle();
    delay = end - sc_time_stamp();
}

/* ---- debug transport ------------------------------------------------------ */

unsigned int hbm_tlm_target::transport_dbg(tlm_generic_payload &gp)
{
    uint64_t addr = gp.get_address();
    unsigned len = gp.get_data_length();
    unsigned char *p = gp.get_data_ptr();

    if (gp.get_command() == TLM_IGNORE_COMMAND || addr >= cfg_.capacity_bytes || !p)
        return 0;
    len = (unsigned)std::min<uint64_t>(len, cfg_.capacity_bytes - addr);
    for (unsigned done = 0; done < len;) {
        uint64_t a = addr + done, b = a & ~(uint64_t)(BURST - 1);
        unsigned lo = (unsigned)(a - b), n = std::min(len - done, BURST - lo);
        uint8_t burst[BURST];
        if (gp.get_command() == TLM_READ_COMMAND) {
            hbm_model_debug_read(model_, b, burst);
            std::memcpy(p + done, burst + lo, n);
        } else {
            uint32_t en = (n == BURST ? 0xffffffffu : ((1u << n) - 1)) << lo;
            std::memcpy(burst + lo, p + done, n);
            if (hbm_model_debug_write(model_, b, burst, en))
                return done;
        }
        done += n;
    }
    return len;
}
