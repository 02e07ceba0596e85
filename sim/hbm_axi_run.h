/*
 * hbm_axi_run.h - a run of the golden model behind its AXI4 front end,
 * driven by an AXI master on o's workload or trace (hbmsim --axi).
 * Returns the exit status: 0 clean, 1 a check failed (a response not
 * OKAY, read data, timing), 2 bad input.
 */
#ifndef HBM_AXI_RUN_H
#define HBM_AXI_RUN_H

#include "hbm_config.h"
#include "hbm_opts.h"

#ifdef __cplusplus
extern "C" {
#endif

int hbm_axi_run(const struct hbm_opts *o, const struct hbm_config *cfg);

#ifdef __cplusplus
}
#endif
#endif
