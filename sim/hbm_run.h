/*
 * hbm_run.h - one whole run of a simulation tool: the part hbmsim and
 * vhbm share after each has made its controller port.
 *
 * Owns: the request source of the command line, the independent timing
 * checker and the command log on the port's command hook, the data
 * scoreboard, the progress line, hbm_drive_run(), the run without refresh
 * for the refresh cost, the report (text or JSON) and the exit status:
 * 0 clean run, 1 a check failed (data, timing, protocol, lockstep),
 * 2 bad input or a run that could not be set up.
 */
#ifndef HBM_RUN_H
#define HBM_RUN_H

#include <stdint.h>
#include "hbm_config.h"
#include "hbm_opts.h"
#include "hbm_port.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Run o's workload or trace through port (built for cfg) and print the
 * report on stdout.  quiet: no report, no command log and no messages
 * (a second run that only writes a waveform).  Returns the exit status.
 */
int hbm_run(const struct hbm_opts *o, const struct hbm_config *cfg, hbm_port *port, int quiet);

/*
 * hbmsim's run after its options and config: a config of more than one
 * pseudo-channel (or o->axi_burst) through the stack's AXI4 ports on up to
 * threads threads (hbm_stack_run.h; 256-byte bursts over 8 IDs unless
 * --axi says), else one controller's model through hbm_run().  o may be
 * changed (the AXI defaults).  Returns the exit status.
 */
int hbm_run_model(struct hbm_opts *o, const struct hbm_config *cfg, int threads);

/*
 * An RTL build is for one config: 0 if cfg's Verilog header equals the
 * header at vh_path (comments aside), else -1 with the reason and the
 * command that builds a matching testbench printed on stderr.
 */
int hbm_run_built_for(const char *tool, const struct hbm_config *cfg, const char *vh_path);

#ifdef __cplusplus
}
#endif
#endif
