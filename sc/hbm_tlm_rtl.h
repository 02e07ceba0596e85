/*
 * hbm_tlm_rtl.h - the Verilog controller (rtl/hbm_ctrl.v, Verilated)
 * behind the same TLM-2.0 socket as hbm_tlm_target: a platform swaps the
 * golden model for the RTL by changing one line,
 *
 *     hbm_tlm_target     mem("hbm", "configs/hbm2_2000.ini");   // the model
 *     hbm_tlm_rtl_target mem("hbm", "configs/hbm2_2000.ini");   // the RTL
 *
 * Owns: the Verilated controller and the C device behind its DFI buses
 * (tb/hbm_rtl_port.h, the adaptor vhbm uses) and, with lockstep on (the
 * default), the golden model run beside it and compared every cycle
 * (sim/hbm_lockstep.c): a difference stops the simulation with
 * SC_REPORT_ERROR naming the cycle and both values.  Everything else
 * (phases, timing, errors, DMI, debug, the report) is hbm_tlm_target's:
 * the target drives whichever controller through the port interface of
 * sim/hbm_port.h with one cycle protocol, so the RTL answers every
 * transaction at the time the model does.
 *
 * The RTL is elaborated for one config header: the binary is built per
 * config (make systemc-rtl CONFIG=...), and a target given another config
 * refuses it (SC_REPORT_ERROR, as vhbm does).  The Verilated model is C++,
 * clocked by the target's own clock process rather than by SystemC
 * signals: it is reset before the simulation starts, so its cycle 0 is
 * the model's, and a cycle costs one evaluation, not a delta cycle per
 * signal.
 */
#ifndef HBM_TLM_RTL_H
#define HBM_TLM_RTL_H

#include "hbm_tlm.h"

class hbm_tlm_rtl_target : public hbm_tlm_target {
public:
    hbm_tlm_rtl_target(sc_core::sc_module_name name, const char *config_path, bool lockstep = true);
    ~hbm_tlm_rtl_target() override;

private:
    struct rtl;
    rtl *rtl_ = nullptr;
};

#endif
