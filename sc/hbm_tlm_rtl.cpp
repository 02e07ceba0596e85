/*
 * hbm_tlm_rtl.cpp - the Verilated controller behind hbm_tlm_target's
 * socket; see hbm_tlm_rtl.h.  Built with the Verilated model of one config
 * (HBM_VH_PATH names its header).
 */
#include "hbm_tlm_rtl.h"

#include <string>

/* verilated.h, seeing SystemC, takes its time from sc_time_stamp() */
using sc_core::sc_time_stamp;
#include "hbm_rtl_port.h"

extern "C" {
#include "hbm_lockstep.h"
#include "hbm_run.h"
}

#ifndef HBM_VH_PATH
#error "build with -DHBM_VH_PATH=\"...hbm_cfg.vh\" (the header this RTL was built with)"
#endif

struct hbm_tlm_rtl_target::rtl {
    hbm_device *dev = nullptr;
    hbm_model *model = nullptr;
    std::unique_ptr<hbm_rtl::RtlPort> port;
    hbm_port lockstep{};
};

hbm_tlm_rtl_target::hbm_tlm_rtl_target(sc_core::sc_module_name name, const char *config_path, bool lockstep)
    : hbm_tlm_target(name, config_path, backend::none)
{
    char err[HBM_ERR_MAX];

    if (!config_loaded())
        return;
    if (hbm_run_built_for(this->name(), &config(), HBM_VH_PATH)) {
        SC_REPORT_ERROR("hbm_tlm_rtl_target", (std::string(this->name()) + ": " + config_path +
                                               " is not the config this RTL was built for (" HBM_VH_PATH ")")
                                                  .c_str());
        return;
    }
    rtl_ = new rtl;
    rtl_->dev = hbm_device_create(&config(), err);
    rtl_->model = lockstep && rtl_->dev ? hbm_model_create(&config(), err) : nullptr;
    if (!rtl_->dev || (lockstep && !rtl_->model)) {
        SC_REPORT_ERROR("hbm_tlm_rtl_target", (std::string(this->name()) + ": " + err).c_str());
        return;
    }
    rtl_->port.reset(new hbm_rtl::RtlPort(config(), rtl_->dev, nullptr, 0, 0));
    hbm_port dut = hbm_rtl::port_of(*rtl_->port);
    if (lockstep) {
        rtl_->lockstep = hbm_lockstep_create(dut, hbm_port_model(rtl_->model), "RTL", "model");
        if (!rtl_->lockstep.ops) {
            SC_REPORT_ERROR("hbm_tlm_rtl_target", "out of memory");
            return;
        }
        attach(rtl_->lockstep, rtl_->dev);
    } else {
        attach(dut, rtl_->dev);
    }
}

hbm_tlm_rtl_target::~hbm_tlm_rtl_target()
{
    finish();   /* the report, while the RTL is still there */
    if (rtl_) {
        if (rtl_->lockstep.ops)
            hbm_port_free(&rtl_->lockstep);
        rtl_->port.reset();
        hbm_model_free(rtl_->model);
        hbm_device_free(rtl_->dev);
        delete rtl_;
    }
}
