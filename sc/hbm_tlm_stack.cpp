/*
 * hbm_tlm_stack.cpp - the stack interconnect; see hbm_tlm_stack.h.
 */
#include "hbm_tlm_stack.h"

#include <algorithm>
#include <cinttypes>
#include <cstring>

extern "C" {
#include "hbm_stack.h"
}

using namespace sc_core;
using namespace tlm;

hbm_tlm_stack::hbm_tlm_stack(sc_module_name name, const char *config_path)
    : sc_module(name), tsock("tsock"), isock("isock"), path_(config_path ? config_path : "")
{
    char err[HBM_ERR_MAX];

    tsock.register_b_transport(this, &hbm_tlm_stack::b_transport);
    tsock.register_nb_transport_fw(this, &hbm_tlm_stack::nb_transport_fw);
    tsock.register_transport_dbg(this, &hbm_tlm_stack::transport_dbg);
    isock.register_nb_transport_bw(this, &hbm_tlm_stack::nb_transport_bw);
    if (hbm_config_load(&cfg_, path_.c_str(), err) || hbm_config_finish(&cfg_, err)) {
        SC_REPORT_ERROR("hbm_tlm_stack", (std::string(this->name()) + ": " + err).c_str());
        return;
    }
    for (int n = 0; n < cfg_.pseudo_channels; n++) {
        std::string pc_name = "pc" + std::to_string(n);
        pcs_.emplace_back(new hbm_tlm_target(pc_name.c_str(), cfg_, path_.c_str()));
        pcs_.back()->report_at_end(false);
        isock.bind(pcs_.back()->tsock);
    }
}

hbm_tlm_stack::~hbm_tlm_stack() = default;

void hbm_tlm_stack::end_of_elaboration()
{
    resp_busy_.assign((size_t)tsock.size(), nullptr);
    req_busy_.assign(pcs_.size(), nullptr);
    req_wait_.assign(pcs_.size(), {});
    resp_wait_.assign((size_t)tsock.size(), {});
}

int hbm_tlm_stack::route(uint64_t addr, uint64_t *local) const
{
    if (addr >= cfg_.stack_bytes)
        return -1;
    if (cfg_.stack_switch == HBM_SWITCH_CROSSBAR)
        return hbm_stack_route(&cfg_, addr, local);
    *local = addr % cfg_.capacity_bytes;
    return (int)(addr / cfg_.capacity_bytes);
}

/* The pseudo-channel a whole payload goes to, or why it cannot go. */
tlm_response_status hbm_tlm_stack::check(const tlm_generic_payload &gp, int *pc, uint64_t *local) const
{
    uint64_t addr = gp.get_address(), len = gp.get_data_length(), last = addr + (len ? len - 1 : 0);
    uint64_t block = cfg_.stack_switch == HBM_SWITCH_CROSSBAR ? (uint64_t)cfg_.interleave_bytes : cfg_.capacity_bytes;

    if (pcs_.empty())
        return TLM_GENERIC_ERROR_RESPONSE;
    if (addr >= cfg_.stack_bytes || last >= cfg_.stack_bytes || last < addr)
        return TLM_ADDRESS_ERROR_RESPONSE;
    if (addr / block != last / block)
        return TLM_BURST_ERROR_RESPONSE;   /* two pseudo-channels' data */
    *pc = route(addr, local);
    return TLM_OK_RESPONSE;
}

void hbm_tlm_stack::b_transport(int, tlm_generic_payload &gp, sc_time &delay)
{
    int pc;
    uint64_t local, addr = gp.get_address();
    tlm_response_status st = check(gp, &pc, &local);
    if (st != TLM_OK_RESPONSE) {
        gp.set_response_status(st);
        return;
    }
    gp.set_address(local);
    isock[pc]->b_transport(gp, delay);
    gp.set_address(addr);
}

tlm_sync_enum hbm_tlm_stack::nb_transport_fw(int id, tlm_generic_payload &gp, tlm_phase &ph, sc_time &delay)
{
    if (ph == BEGIN_REQ) {
        int pc;
        uint64_t local, addr = gp.get_address();
        tlm_response_status st = check(gp, &pc, &local);
        if (st != TLM_OK_RESPONSE) {
            gp.set_response_status(st);
            return TLM_COMPLETED;
        }
        hop &h = hops_[&gp];
        h.initiator = id;
        h.pc = pc;
        h.addr = addr;
        h.local = local;
        h.delay = delay;
        req_wait_[(size_t)pc].push_back(&gp);
        send_req(pc);
        return TLM_ACCEPTED;   /* END_REQ when its pseudo-channel took it */
    }
    if (ph == END_RESP) {
        auto it = hops_.find(&gp);
        if (it == hops_.end() || resp_busy_[(size_t)id] != &gp) {
            SC_REPORT_ERROR("hbm_tlm_stack", "END_RESP for a transaction with no BEGIN_RESP outstanding");
            return TLM_COMPLETED;
        }
        int pc = it->second.pc;
        hops_.erase(it);
        resp_busy_[(size_t)id] = nullptr;
        isock[pc]->nb_transport_fw(gp, ph, delay);   /* the pseudo-channel's response port is free */
        send_resp(id);
        return TLM_COMPLETED;
    }
    return TLM_ACCEPTED;   /* a phase of another protocol */
}

/* The oldest request waiting for a pseudo-channel, if it takes one. */
void hbm_tlm_stack::send_req(int pc)
{
    while (!req_busy_[(size_t)pc] && !req_wait_[(size_t)pc].empty()) {
        tlm_generic_payload *gp = req_wait_[(size_t)pc].front();
        req_wait_[(size_t)pc].pop_front();
        hop &h = hops_[gp];
        tlm_phase ph = BEGIN_REQ;
        sc_time d = h.delay;
        gp->set_address(h.local);
        req_busy_[(size_t)pc] = gp;
        if (isock[pc]->nb_transport_fw(*gp, ph, d) == TLM_COMPLETED) {
            /* answered at once (an error the target found): it goes back now */
            int i = h.initiator;
            gp->set_address(h.addr);
            hops_.erase(gp);
            req_busy_[(size_t)pc] = nullptr;
            ph = BEGIN_RESP;
            d = SC_ZERO_TIME;
            tsock[i]->nb_transport_bw(*gp, ph, d);
        }
    }
}

/* The oldest waiting BEGIN_RESP of an initiator, if its hop is free. */
void hbm_tlm_stack::send_resp(int i)
{
    while (!resp_busy_[(size_t)i] && !resp_wait_[(size_t)i].empty()) {
        tlm_generic_payload *gp = resp_wait_[(size_t)i].front();
        resp_wait_[(size_t)i].pop_front();
        hop h = hops_[gp];
        tlm_phase ph = BEGIN_RESP;
        sc_time d = SC_ZERO_TIME;
        gp->set_address(h.addr);
        resp_busy_[(size_t)i] = gp;
        tlm_sync_enum s = tsock[i]->nb_transport_bw(*gp, ph, d);
        if (s == TLM_COMPLETED || (s == TLM_UPDATED && ph == END_RESP)) {
            hops_.erase(gp);
            resp_busy_[(size_t)i] = nullptr;
            ph = END_RESP;
            isock[h.pc]->nb_transport_fw(*gp, ph, d);
        }
    }
}

tlm_sync_enum hbm_tlm_stack::nb_transport_bw(int, tlm_generic_payload &gp, tlm_phase &ph, sc_time &delay)
{
    auto it = hops_.find(&gp);
    if (it == hops_.end()) {
        SC_REPORT_ERROR("hbm_tlm_stack", "a phase from a pseudo-channel for a transaction not in flight");
        return TLM_COMPLETED;
    }
    hop h = it->second;
    if (ph == END_REQ) {
        gp.set_address(h.addr);
        req_busy_[(size_t)h.pc] = nullptr;
        tlm_sync_enum s = tsock[h.initiator]->nb_transport_bw(gp, ph, delay);
        if (s == TLM_COMPLETED)   /* the initiator completed it early: no BEGIN_RESP will pass */
            hops_.erase(&gp);
        else
            gp.set_address(h.local);   /* the pseudo-channel still works on it */
        send_req(h.pc);   /* the next request for this pseudo-channel */
        return s;
    }
    if (ph != BEGIN_RESP)
        return TLM_ACCEPTED;
    if (resp_busy_[(size_t)h.initiator] || !resp_wait_[(size_t)h.initiator].empty()) {
        resp_wait_[(size_t)h.initiator].push_back(&gp);   /* its pseudo-channel waits for END_RESP */
        return TLM_ACCEPTED;
    }
    gp.set_address(h.addr);
    resp_busy_[(size_t)h.initiator] = &gp;
    tlm_sync_enum s = tsock[h.initiator]->nb_transport_bw(gp, ph, delay);
    if (s == TLM_COMPLETED || (s == TLM_UPDATED && ph == END_RESP)) {
        hops_.erase(&gp);
        resp_busy_[(size_t)h.initiator] = nullptr;
    }
    return s;
}

unsigned int hbm_tlm_stack::transport_dbg(int, tlm_generic_payload &gp)
{
    /* debug access may span blocks: one piece per block */
    uint64_t addr = gp.get_address(), len = gp.get_data_length(), done = 0;
    uint64_t block = cfg_.stack_switch == HBM_SWITCH_CROSSBAR ? (uint64_t)cfg_.interleave_bytes : cfg_.capacity_bytes;
    while (done < len && addr + done < cfg_.stack_bytes) {
        uint64_t a = addr + done, n = std::min(len - done, block - a % block), local;
        int pc = route(a, &local);
        tlm_generic_payload piece;
        piece.set_command(gp.get_command());
        piece.set_address(local);
        piece.set_data_ptr(gp.get_data_ptr() + done);
        piece.set_data_length((unsigned)n);
        unsigned got = isock[pc]->transport_dbg(piece);
        done += got;
        if (got < n)
            break;
    }
    return (unsigned)done;
}

void hbm_tlm_stack::print_report(FILE *out, bool json, const char *source) const
{
    uint64_t cycles = 0, bytes = 0, rd = 0, wr = 0;
    for (auto &t : pcs_) {
        cycles = std::max(cycles, t->stats().cycles);
        bytes += t->stats().bytes_read + t->stats().bytes_written;
        rd += t->stats().reads;
        wr += t->stats().writes;
    }
    /* the stack's peak: every pseudo-channel's data bus busy, 32 bytes per tBURST clocks */
    double peak = (double)cycles * (double)pcs_.size() * 32.0 / cfg_.tburst;
    double pct = peak > 0 ? 100.0 * (double)bytes / peak : 0.0;
    double gbps = cycles ? (double)bytes / ((double)cycles * cfg_.tck_ps * 1e-12) / 1e9 : 0.0;
    if (json) {
        std::fprintf(out, "{\"config\": \"%s\", \"workload\": \"%s\", \"pseudo_channels\": %zu, \"cycles\": %" PRIu64
                          ", \"reads\": %" PRIu64 ", \"writes\": %" PRIu64 ", \"bytes\": %" PRIu64
                          ", \"bandwidth_pct\": %.2f, \"gbps\": %.2f, \"pc_reads\": [",
                     path_.c_str(), source, pcs_.size(), cycles, rd, wr, bytes, pct, gbps);
        for (size_t n = 0; n < pcs_.size(); n++)
            std::fprintf(out, "%s%" PRIu64, n ? ", " : "", pcs_[n]->stats().reads);
        std::fprintf(out, "]}\n");
        return;
    }
    std::fprintf(out, "hbmctl stack report: %s on %s (%zu pseudo-channels)\n", source, path_.c_str(), pcs_.size());
    std::fprintf(out, "  cycles                 %" PRIu64 "\n", cycles);
    std::fprintf(out, "  requests               %" PRIu64 " reads, %" PRIu64 " writes\n", rd, wr);
    std::fprintf(out, "  bandwidth              %.2f %% of the stack's peak (%.2f GB/s)\n", pct, gbps);
    for (size_t n = 0; n < pcs_.size(); n++)
        std::fprintf(out, "  pc%-2zu                   %" PRIu64 " reads, %" PRIu64 " writes, %" PRIu64
                          " timing violations\n",
                     n, pcs_[n]->stats().reads, pcs_[n]->stats().writes, pcs_[n]->timing_violations());
}
