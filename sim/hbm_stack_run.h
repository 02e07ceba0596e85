/*
 * hbm_stack_run.h - a run of the top (hbm_stack: AXI4 ports, switch, one
 * controller per pseudo-channel), each port driven by an AXI master
 * (hbm_axi_master) on o's workload or trace: hbmsim --axi and hbmsim on a
 * config of more than one pseudo-channel; vstack.
 *
 * The workload: port p runs the workload (or, port 0 alone, the trace)
 * with seed + p and o->requests / ports requests; with a crossbar its
 * addresses go to slice p of the stack (p x stack_bytes / ports onward),
 * with switch = none to its own pseudo-channel.  A timing checker per
 * pseudo-channel watches its commands; every R beat is checked against
 * the master's reference memory.
 * Returns the exit status: 0 clean, 1 a check failed (a response not
 * OKAY, read data, timing, a lockstep difference), 2 bad input.
 */
#ifndef HBM_STACK_RUN_H
#define HBM_STACK_RUN_H

#include "hbm_config.h"
#include "hbm_opts.h"
#include "hbm_stack_port.h"

#ifdef __cplusplus
extern "C" {
#endif

int hbm_stack_run(const struct hbm_opts *o, const struct hbm_config *cfg, hbm_stack_port *port);

/* The same on the golden model's stack, made here.  With switch = none the
 * ports and their pseudo-channels never meet, so up to `threads` groups of
 * them (a power of two) run apart, each on a thread of its own, and the
 * report is the one a single run gives (its cycles: the last group's end).
 * A crossbar's pseudo-channels meet every cycle: one thread. */
int hbm_stack_run_model(const struct hbm_opts *o, const struct hbm_config *cfg, int threads);

#ifdef __cplusplus
}
#endif
#endif
