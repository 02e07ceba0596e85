// vstack.cpp - the lockstep testbench of the top: the Verilog hbm_stack
// (AXI4 ports, switch, one hbm_ctrl per pseudo-channel; rtl/, through
// Verilator) against the C model's hbm_stack, both driven by the same AXI
// masters (sim/hbm_stack_run.c) and compared every cycle on every AXI
// output of every port and every command of every pseudo-channel
// (sim/hbm_stack_port.c).
//
//   vstack --config FILE (--trace FILE | --workload SPEC) [hbmsim's options]
//          [--axi BYTES[,IDS]] [--wave FILE.fst] [--cycles N]
//
// It always runs the RTL in lockstep with the model (hbmsim runs the model alone).
//
// This file is the adaptor only: it turns the stack port calls into the
// RTL's pins, drives one C model of an HBM device (model/hbm_device) per
// pseudo-channel from that pseudo-channel's DFI buses and counts its
// statistics from its commands (tb/hbm_dfi.h, shared with vhbm), and writes
// waveforms.
// C++ only because Verilator needs it.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "Vhbm_stack.h"
#include "verilated.h"
#include "verilated_fst_c.h"

#include "hbm_config.h"
#include "hbm_device.h"
#include "hbm_dfi.h"
#include "hbm_opts.h"
#include "hbm_run.h"
#include "hbm_stack.h"
#include "hbm_stack_port.h"
#include "hbm_stack_run.h"
#include "hbm_stats.h"

// The config header this binary's RTL was built with: a string in the
// build folder's built_for.cpp, which make writes (Makefile, write_built_for).
extern const char hbm_built_for_vh[];

namespace {

// The Verilated hbm_stack as a stack port.
class RtlStack {
public:
    RtlStack(const hbm_config &cfg, const char *wave)
        : cfg_(cfg), ports_(cfg.ports), pcs_(cfg.pseudo_channels),
          ab_(cfg.port_addr_bits < 32 ? 32 : cfg.port_addr_bits)   // hbm_stack's AXI_ADDR_BITS
    {
        char err[HBM_ERR_MAX];
        ratio_ = cfg.dfi_ratio;
        for (int n = 0; n < pcs_; n++) {
            hbm_device *d = hbm_device_create(&cfg, err);
            if (!d) {
                fprintf(stderr, "vstack: %s\n", err);
                exit(2);
            }
            dev_.push_back(d);
            dfi_.emplace_back(new DfiChannel(cfg, d));
        }
        ctx_.reset(new VerilatedContext);
        ctx_->traceEverOn(wave != nullptr);
        top_.reset(new Vhbm_stack(ctx_.get()));
        if (wave) {
            tfp_.reset(new VerilatedFstC);
            top_->trace(tfp_.get(), 99);
            tfp_->open(wave);
        }
        top_->rst_i = 1;
        top_->clk_i = 0;
        top_->bwmon_we_i = 0;
        for (int i = 0; i < 4; i++) {
            top_->eval();
            clock();
        }
        top_->rst_i = 0;
    }
    ~RtlStack()
    {
        if (tfp_)
            tfp_->close();
        top_->final();
        hbm_write_rtl_coverage(ctx_.get());
        for (auto d : dev_)
            hbm_device_free(d);
    }

    uint64_t cycle() const { return now_; }

    // No AXI input reaches an AXI output in the same cycle (hbm_axi): the
    // outputs are registers, read as the last edge's eval left them (edge()
    // has the eval of this clock's inputs, which is also the falling edge).
    void outputs(hbm_axi_out *out)
    {
        const int ib = AXI_ID_BITS;
        for (int p = 0; p < ports_; p++) {
            hbm_axi_out &o = out[p];
            memset(&o, 0, sizeof o);
            o.awready = int(get(top_->s_axi_awready, p, 1));
            o.wready = int(get(top_->s_axi_wready, p, 1));
            o.arready = int(get(top_->s_axi_arready, p, 1));
            o.bvalid = int(get(top_->s_axi_bvalid, p, 1));
            o.bid = uint32_t(get(top_->s_axi_bid, p * ib, ib));
            o.bresp = int(get(top_->s_axi_bresp, p * 2, 2));
            o.rvalid = int(get(top_->s_axi_rvalid, p, 1));
            o.rid = uint32_t(get(top_->s_axi_rid, p * ib, ib));
            o.rresp = int(get(top_->s_axi_rresp, p * 2, 2));
            o.rlast = int(get(top_->s_axi_rlast, p, 1));
            get_bytes(top_->s_axi_rdata, p * 256, o.rdata, 32);
        }
    }

    void edge(const hbm_axi_in *in)
    {
        const int ib = AXI_ID_BITS, ab = ab_;
        for (int p = 0; p < ports_; p++) {
            const hbm_axi_in &i = in[p];
            put(top_->s_axi_awvalid, p, 1, uint64_t(i.awvalid));
            put(top_->s_axi_awid, p * ib, ib, i.awid);
            put(top_->s_axi_awaddr, p * ab, ab, i.awaddr);
            put(top_->s_axi_awlen, p * 8, 8, uint64_t(i.awlen));
            put(top_->s_axi_awsize, p * 3, 3, uint64_t(i.awsize));
            put(top_->s_axi_awburst, p * 2, 2, uint64_t(i.awburst));
            put(top_->s_axi_wvalid, p, 1, uint64_t(i.wvalid));
            put(top_->s_axi_wlast, p, 1, uint64_t(i.wlast));
            put_bytes(top_->s_axi_wdata, p * 256, i.wdata, 32);
            put(top_->s_axi_wstrb, p * 32, 32, i.wstrb);
            put(top_->s_axi_bready, p, 1, uint64_t(i.bready));
            put(top_->s_axi_arvalid, p, 1, uint64_t(i.arvalid));
            put(top_->s_axi_arid, p * ib, ib, i.arid);
            put(top_->s_axi_araddr, p * ab, ab, i.araddr);
            put(top_->s_axi_arlen, p * 8, 8, uint64_t(i.arlen));
            put(top_->s_axi_arsize, p * 3, 3, uint64_t(i.arsize));
            put(top_->s_axi_arburst, p * 2, 2, uint64_t(i.arburst));
            put(top_->s_axi_rready, p, 1, uint64_t(i.rready));
        }
        top_->eval();
        for (int n = 0; n < pcs_; n++) {
            events_[size_t(n)] = uint32_t(get(top_->perf_event_o, n * HBM_EVENT_COUNT, HBM_EVENT_COUNT));
            dfi_[size_t(n)]->cycle(*top_, n, now_);
        }
        if (tfp_) {
            top_->eval();
            tfp_->dump(ticks_ * 10 + 2);
        }
        clock();
        top_->bwmon_we_i = 0;   // a register write lasts one clock
        now_ += uint64_t(ratio_);
        for (auto &d : dfi_)
            d->stats().cycles = now_;
    }

    // Pseudo-channel pc's bandwidth monitor port: this cycle's inputs, the read data now.
    uint32_t events(int pc) const { return events_[size_t(pc)]; }
    uint32_t bwmon(int pc, int addr, bool we, uint32_t wdata)
    {
        const int ab = HBM_BWMON_ADDR_BITS;
        put(top_->bwmon_addr_i, pc * ab, ab, uint64_t(addr));
        put(top_->bwmon_we_i, pc, 1, uint64_t(we));
        put(top_->bwmon_wdata_i, pc * 32, 32, wdata);
        return uint32_t(get(top_->bwmon_rdata_o, pc * 32, 32));
    }
    void set_hook(int pc, hbm_cmd_hook fn, void *ctx) { dfi_[size_t(pc)]->set_hook(fn, ctx); }
    const hbm_stats *stats(int pc) const { return &dfi_[size_t(pc)]->stats(); }
    uint64_t protocol_errors() const
    {
        uint64_t e = 0;
        for (auto &d : dfi_)
            e += d->protocol_errors();
        return e;
    }

private:
    static constexpr int AXI_ID_BITS = 4;   // hbm_stack's default

    // A rising edge (see vhbm.cpp: the falling edge needs its own eval only
    // for the waveform).
    void clock()
    {
        top_->clk_i = 1;
        top_->eval();
        if (tfp_)
            tfp_->dump(ticks_ * 10 + 5);
        top_->clk_i = 0;
        if (tfp_) {
            top_->eval();
            tfp_->dump(ticks_ * 10 + 10);
        }
        ticks_++;
    }

    const hbm_config &cfg_;
    int ports_, pcs_, ab_, ratio_ = 1;
    std::vector<hbm_device *> dev_;
    std::vector<std::unique_ptr<DfiChannel>> dfi_;   // per pseudo-channel
    std::vector<uint32_t> events_ = std::vector<uint32_t>(HBM_STACK_MAX_PC, 0);   // per pseudo-channel, this cycle
    std::unique_ptr<VerilatedContext> ctx_;
    std::unique_ptr<Vhbm_stack> top_;
    std::unique_ptr<VerilatedFstC> tfp_;
    uint64_t now_ = 0, ticks_ = 0;
};

RtlStack &S(void *s) { return *static_cast<RtlStack *>(s); }
const struct hbm_stack_port_ops rtl_ops = {
    [](void *s) { return S(s).cycle(); },
    [](void *s, hbm_axi_out *out) { S(s).outputs(out); },
    [](void *s, const hbm_axi_in *in) {
        S(s).edge(in);
        return 0;
    },
    // The RTL's end is the model's: the lockstep pair asks both, and the
    // commands of the two are equal every cycle.
    [](void *) { return 1; },
    [](void *s, int pc, hbm_cmd_hook fn, void *ctx) { S(s).set_hook(pc, fn, ctx); },
    [](void *s, int pc) { return S(s).stats(pc); },
    [](void *s) { return S(s).protocol_errors(); },
    [](void *) { return ""; },
    [](void *, const char **, uint64_t *) { return 0; },
    [](void *s, int pc, int a, int we, uint32_t d) { return S(s).bwmon(pc, a, we, d); },
    [](void *s, int pc) { return S(s).events(pc); },
    [](void *) {},
};

}  // namespace

int main(int argc, char **argv)
{
    hbm_opts o;
    hbm_config cfg;
    char err[HBM_ERR_MAX];
    int rc = hbm_opts_parse(&o, "vstack", HBM_OPTS_STACK, argc, argv);
    if (rc) {
        if (rc > 0) {
            std::string built = std::string("This binary was built for the config header ") + hbm_built_for_vh + ".";
            hbm_opts_usage(stdout, "vstack", HBM_OPTS_STACK, built.c_str());
        }
        return rc > 0 ? 0 : 2;
    }
    if (hbm_config_load(&cfg, o.config, err)) {
        fprintf(stderr, "vstack: %s\n", err);
        return 2;
    }
    if (hbm_run_built_for("vstack", &cfg, hbm_built_for_vh))
        return 2;
    hbm_opts_apply(&o, &cfg);

    if (!o.axi_burst) {
        o.axi_burst = 256;
        o.axi_ids = 8;
    }
    std::unique_ptr<hbm_stack, void (*)(hbm_stack *)> model(hbm_stack_create(&cfg, err), hbm_stack_free);
    if (!model) {
        fprintf(stderr, "vstack: %s\n", err);
        return 2;
    }
    RtlStack rtl(cfg, o.wave);
    hbm_stack_port dut = {&rtl_ops, &rtl};
    hbm_stack_port pair = hbm_stack_lockstep_create(dut, hbm_stack_port_model(model.get()), cfg.ports,
                                                    cfg.pseudo_channels);
    if (!pair.ops) {
        fprintf(stderr, "vstack: out of memory\n");
        return 2;
    }
    rc = hbm_stack_run(&o, &cfg, &pair);
    hbm_stack_port_free(&pair);
    return rc;
}
