// vhbm.cpp - the lockstep testbench: the Verilog controller (rtl/, through
// Verilator) behind the port interface of sim/hbm_port.h, driven by the
// same stimulus loop as hbmsim (sim/hbm_run.c) and compared every cycle
// with the C golden model (sim/hbm_lockstep.c).
//
//   vhbm --config FILE (--trace FILE | --workload SPEC) [hbmsim's options]
//        [--wave FILE.fst] [--no-lockstep] [--cycles N]
//
// The RTL's adaptor (its pins, the C device on its DFI buses, its
// statistics, waveforms) is tb/hbm_rtl_port.h, shared with the SystemC RTL
// target; this file runs it beside the model and handles a mismatch.
// On the first mismatch vhbm prints the cycle, the expected and the actual
// values, runs again to write a waveform of the cycles around it and exits
// 1.  C++ only because Verilator needs it.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "Vhbm_ctrl.h"
#include "verilated.h"
#include "verilated_fst_c.h"

#include "hbm_config.h"
#include "hbm_device.h"
#include "hbm_rtl_port.h"
#include "hbm_lockstep.h"
#include "hbm_model.h"
#include "hbm_opts.h"
#include "hbm_port.h"
#include "hbm_run.h"

// The config header this binary's RTL was built with: a string in the
// build folder's built_for.cpp, which make writes (Makefile, write_built_for).
extern const char hbm_built_for_vh[];

namespace {

using hbm_rtl::RtlPort;

// One whole run; returns the exit status and, after a mismatch, its cycle.
int run(const hbm_opts &o, const hbm_config &cfg, const char *wave, uint64_t from, uint64_t to,
        bool quiet, uint64_t *mismatch_cycle)
{
    char err[HBM_ERR_MAX];
    std::unique_ptr<hbm_device, void (*)(hbm_device *)> dev(hbm_device_create(&cfg, err), hbm_device_free);
    std::unique_ptr<hbm_model, void (*)(hbm_model *)> model(
        o.no_lockstep ? nullptr : hbm_model_create(&cfg, err), hbm_model_free);
    if (!dev || (!o.no_lockstep && !model)) {
        fprintf(stderr, "vhbm: %s\n", err);
        return 2;
    }
    RtlPort rtl(cfg, dev.get(), wave, from, to);
    hbm_port dut = hbm_rtl::port_of(rtl), port = dut;
    if (model) {
        port = hbm_lockstep_create(dut, hbm_port_model(model.get()), "RTL", "model");
        if (!port.ops) {
            fprintf(stderr, "vhbm: out of memory\n");
            return 2;
        }
    }
    int rc = hbm_run(&o, &cfg, &port, quiet);
    if (!hbm_lockstep_mismatch(&port, mismatch_cycle))
        *mismatch_cycle = UINT64_MAX;
    if (model)
        hbm_port_free(&port);
    return rc;
}

}  // namespace

int main(int argc, char **argv)
{
    hbm_opts o;
    hbm_config cfg;
    char err[HBM_ERR_MAX];
    int rc = hbm_opts_parse(&o, "vhbm", HBM_OPTS_RTL, argc, argv);
    if (rc) {
        if (rc > 0) {
            std::string built = std::string("This binary was built for the config header ") + hbm_built_for_vh + ".";
            hbm_opts_usage(stdout, "vhbm", HBM_OPTS_RTL, built.c_str());
        }
        return rc > 0 ? 0 : 2;
    }
    if (hbm_config_load(&cfg, o.config, err)) {
        fprintf(stderr, "vhbm: %s\n", err);
        return 2;
    }
    if (hbm_run_built_for("vhbm", &cfg, hbm_built_for_vh))
        return 2;
    hbm_opts_apply(&o, &cfg);
    uint64_t mismatch;
    rc = run(o, cfg, o.wave, 0, UINT64_MAX, false, &mismatch);
    if (mismatch != UINT64_MAX) {
        // Write the cycles around the first mismatch to a waveform.
        const char *wave = o.wave ? o.wave : "vhbm_mismatch.fst";
        if (!o.wave) {
            hbm_opts again = o;
            again.cycles = mismatch + 6;
            run(again, cfg, wave, mismatch > 200 ? mismatch - 200 : 0, mismatch + 5, true, &mismatch);
        }
        fprintf(stderr, "vhbm: waveform of the cycles around the mismatch: %s\n", wave);
        return 1;
    }
    return rc;
}
