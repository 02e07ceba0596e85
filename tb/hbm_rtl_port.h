// hbm_rtl_port.h - the Verilated controller (hbm_ctrl) behind the port
// interface of sim/hbm_port.h: what vhbm drives and compares with the
// model, and what the SystemC RTL target (sc/hbm_tlm_rtl.cpp) serves
// transactions with.  One adaptor for both.
//
// Owns: the Verilated top and its reset, turning the port calls into the
// request and response pins, the DFI buses through tb/hbm_dfi.h (the C
// device, the statistics counted from the RTL's own buses), the accept
// cycle of every id, and an optional FST waveform.  Include it after the
// Verilated header of the build (Vhbm_ctrl.h); C++ only because Verilator
// needs it.
#ifndef HBM_RTL_PORT_H
#define HBM_RTL_PORT_H

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "Vhbm_ctrl.h"
#include "verilated.h"
#include "verilated_fst_c.h"

#include "hbm_dfi.h"
#include "hbm_port.h"

namespace hbm_rtl {

// The Verilated hbm_ctrl as a port.  Tracing covers cycles [from, to].
class RtlPort {
public:
    RtlPort(const hbm_config &cfg, hbm_device *dev, const char *wave, uint64_t from, uint64_t to)
        : cfg_(cfg), dfi_(cfg, dev), accept_(size_t(1) << cfg.id_bits, 0), from_(from), to_(to),
          ratio_(cfg.dfi_ratio)
    {
        if (ratio_ * dfi_.cmd_bits() > int(sizeof(top_->dfi_row_cmd) * 8)) {
            fprintf(stderr, "hbm_rtl_port: %d command slots of %d bits do not fit dfi_row_cmd (built for another header)\n",
                    ratio_, dfi_.cmd_bits());
            exit(2);
        }
        ctx_.reset(new VerilatedContext);
        ctx_->traceEverOn(wave != nullptr);
        top_.reset(new Vhbm_ctrl(ctx_.get()));
        if (wave) {
            tfp_.reset(new VerilatedFstC);
            top_->trace(tfp_.get(), 99);
            tfp_->open(wave);
        }
        top_->rst_i = 1;
        top_->clk_i = 0;
        top_->req_valid_i = 0;
        top_->resp_ready_i = 0;
        top_->dfi_rddata_valid = 0;
        top_->bwmon_addr_i = 0;
        top_->bwmon_we_i = 0;
        top_->bwmon_wdata_i = 0;
        for (int i = 0; i < 4; i++) {
            top_->eval();
            edge();
        }
        top_->rst_i = 0;
    }
    ~RtlPort()
    {
        if (tfp_)
            tfp_->close();
        top_->final();
        hbm_write_rtl_coverage(ctx_.get());
    }

    uint64_t cycle() const { return now_; }
    // req_ready_o is a register (hbm_req_port): read as the last edge left
    // it, without an eval.  Verilator runs the logic that depends on the
    // inputs on every eval, so vhbm keeps to the two a clock needs: tick's
    // (this clock's inputs: perf_event_o; and the falling edge) and the
    // rising edge's.
    bool can_accept(uint64_t addr, bool is_write)
    {
        top_->req_valid_i = 1;
        top_->req_addr_i = addr;
        top_->req_write_i = is_write;
        offered_ = true;
        return top_->req_ready_o;
    }
    int push(bool is_write, uint32_t id, const uint8_t *data, uint32_t enable)
    {
        top_->req_id_i = id;
        for (int w = 0; w < 8; w++) {
            uint32_t word = 0;
            for (int k = 0; k < 4; k++)
                word |= uint32_t(is_write && data ? data[w * 4 + k] : 0) << (8 * k);
            top_->req_wdata_i[w] = word;
        }
        top_->req_wstrb_i = is_write ? enable : 0;
        accept_[id] = now_;
        outstanding_++;
        return top_->req_ready_o ? HBM_PUSH_OK : HBM_PUSH_FULL;
    }
    bool resp_valid() const { return top_->resp_valid_o; }
    bool pop_resp(hbm_resp *out)
    {
        top_->resp_ready_i = 1;
        popped_ = true;
        if (!top_->resp_valid_o)
            return false;
        hbm_resp r;
        r.id = top_->resp_id_o;
        r.is_write = top_->resp_write_o;
        r.ecc_error = top_->resp_err_o;
        for (int w = 0; w < 8; w++)
            for (int k = 0; k < 4; k++)
                r.data[w * 4 + k] = uint8_t(top_->resp_rdata_o[w] >> (8 * k));
        // Responses are queued in the order their bursts end on the DFI data
        // buses; a forwarded read (from the forward register, no burst) is
        // done in its accept cycle.
        r.accept_cycle = accept_[r.id];
        if (top_->resp_fwd_o) {
            r.done_cycle = r.accept_cycle;
            dfi_.stats().reads_forwarded++;
        } else if (dfi_.burst_ends().empty()) {
            failed_ = true;    // reported by the next tick
            r.done_cycle = now_;
        } else {
            r.done_cycle = dfi_.burst_ends().front();
            dfi_.burst_ends().pop_front();
        }
        hbm_stats_response(&dfi_.stats(), r.is_write, r.accept_cycle, r.done_cycle, HBM_BURST_BYTES);
        outstanding_--;
        if (out)
            *out = r;
        return true;
    }
    // false: the RTL answered a request before its burst ended on the DFI bus.
    bool tick()
    {
        if (failed_)
            return false;
        if (!offered_)
            top_->req_valid_i = 0;
        if (!popped_)
            top_->resp_ready_i = 0;
        offered_ = popped_ = false;
        top_->eval();
        events_ = top_->perf_event_o;   // the cycle's events, with its inputs
        // The read-modify-write unit's own read (ECC) takes its response off
        // the port: no request of the driver's, but its burst ended on the bus.
        if (top_->ecc_rmw_read_o && !top_->resp_fwd_o && !dfi_.burst_ends().empty())
            dfi_.burst_ends().pop_front();
        dfi_.cycle(*top_, 0, now_);
        // The read data goes only into registers: the rising edge's eval
        // takes it in; the waveform shows it a little before the edge.
        if (tracing()) {
            top_->eval();
            tfp_->dump(ticks_ * 10 + 2);
        }
        edge();
        top_->bwmon_we_i = 0;   // a register write lasts one clock
        now_ += uint64_t(ratio_);
        dfi_.stats().cycles = now_;
        dfi_.stats().ecc_corrected = top_->ecc_corrected_o;
        dfi_.stats().ecc_uncorrectable = top_->ecc_uncorrectable_o;
        dfi_.stats().ecc_rmw = top_->ecc_rmw_o;
        return true;
    }
    // The bandwidth monitor's register port: this cycle's inputs, the read data now.
    uint32_t bwmon(int addr, bool we, uint32_t wdata)
    {
        top_->bwmon_addr_i = addr;
        top_->bwmon_we_i = we;
        top_->bwmon_wdata_i = wdata;
        return top_->bwmon_rdata_o;
    }
    bool idle() const { return outstanding_ == 0; }
    uint32_t events() const { return events_; }
    void set_hook(hbm_cmd_hook fn, void *ctx) { dfi_.set_hook(fn, ctx); }
    const hbm_stats *stats() const { return &dfi_.stats(); }
    uint64_t protocol_errors() const { return dfi_.protocol_errors(); }

private:
    bool tracing() const { return tfp_ && now_ >= from_ && now_ <= to_; }
    // A rising edge.  The falling edge needs an eval of its own only for the
    // waveform: otherwise it happens in the next cycle's first eval, which
    // changes no state (every register is on the rising edge).
    void edge()
    {
        bool dump = tracing();
        top_->clk_i = 1;
        top_->eval();
        if (dump)
            tfp_->dump(ticks_ * 10 + 5);
        top_->clk_i = 0;
        if (tfp_) {
            top_->eval();
            if (dump)
                tfp_->dump(ticks_ * 10 + 10);
        }
        ticks_++;
    }

    const hbm_config &cfg_;
    DfiChannel dfi_;
    std::unique_ptr<VerilatedContext> ctx_;
    std::unique_ptr<Vhbm_ctrl> top_;
    std::unique_ptr<VerilatedFstC> tfp_;
    std::vector<uint64_t> accept_;   // accept cycle by request id
    uint64_t now_ = 0, ticks_ = 0, from_, to_, outstanding_ = 0;
    int ratio_ = 1;   // DRAM clocks per clock
    uint32_t events_ = 0;
    bool offered_ = false, popped_ = false, failed_ = false;
};

// The port table of RtlPort.
inline RtlPort &R(void *s) { return *static_cast<RtlPort *>(s); }
inline const struct hbm_port_ops rtl_ops = {
    [](void *s) { return R(s).cycle(); },
    [](void *s, uint64_t a, int w) { return int(R(s).can_accept(a, w)); },
    [](void *s, uint64_t, int w, uint32_t id, const uint8_t *d, uint32_t be) { return R(s).push(w, id, d, be); },
    [](void *s) { return int(R(s).resp_valid()); },
    [](void *s, hbm_resp *r) { return int(R(s).pop_resp(r)); },
    [](void *s) { return R(s).tick() ? 0 : -1; },
    [](void *s) { return int(R(s).idle()); },
    [](void *s, hbm_cmd_hook fn, void *ctx) { R(s).set_hook(fn, ctx); },
    [](void *s) { return R(s).stats(); },
    [](void *s) { return R(s).protocol_errors(); },
    [](void *) { return 0; },
    [](void *) { return "the RTL gave a response before its burst ended on the DFI data bus"; },
    [](void *, const char **name, uint64_t *value) { *name = "lockstep_off"; *value = 1; return 1; },
    [](void *s, int a, int we, uint32_t d) { return R(s).bwmon(a, we, d); },
    [](void *s) { return R(s).events(); },
    [](void *) {},
};

// RtlPort behind the port interface (the RtlPort stays the caller's).
inline hbm_port port_of(RtlPort &r) { return hbm_port{&rtl_ops, &r}; }

}  // namespace hbm_rtl

#endif
