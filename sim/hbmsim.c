/*
 * hbmsim.c - trace-driven simulator on the golden model.
 *
 *   hbmsim --config FILE (--trace FILE | --workload SPEC) [--requests N]
 *          [--seed N] [--stacks N] [--cmdlog FILE] [--json] [--emit-vh]
 *          [--axi BYTES[,IDS]]   (through the AXI4 ports: hbm_stack_run.c)
 *   hbmsim --emit-encoding vh|gtkw
 *
 * The model behind the port interface, driven by the one stimulus loop
 * (hbm_run.c: source, checker, scoreboard, refresh-cost run, report).
 * Exit status: 0 clean run, 1 a check failed (data, timing, protocol),
 * 2 bad input.
 */
#include <stdio.h>

#include <unistd.h>
#include "hbm_config.h"
#include "hbm_encoding.h"
#include "hbm_opts.h"
#include "hbm_run.h"

int main(int argc, char **argv)
{
    struct hbm_opts o;
    struct hbm_config cfg;
    char err[HBM_ERR_MAX];
    long cpus;
    int rc = hbm_opts_parse(&o, "hbmsim", HBM_OPTS_MODEL, argc, argv);

    if (rc) {
        if (rc > 0)
            hbm_opts_usage(stdout, "hbmsim", HBM_OPTS_MODEL, NULL);
        return rc > 0 ? 0 : 2;
    }
    if (o.emit_encoding) {
        if (o.emit_encoding[0] == 'v')
            hbm_encoding_emit_vh(stdout);
        else
            hbm_encoding_emit_gtkw(stdout);
        return 0;
    }
    if (hbm_config_load(&cfg, o.config, err)) {
        fprintf(stderr, "hbmsim: %s\n", err);
        return 2;
    }
    if (o.emit_vh) {
        if (hbm_config_emit_vh(&cfg, stdout, err)) {
            fprintf(stderr, "hbmsim: %s\n", err);
            return 2;
        }
        return 0;
    }
    hbm_opts_apply(&o, &cfg);
    cpus = sysconf(_SC_NPROCESSORS_ONLN);   /* a stack's threads: the online CPUs, at most 8 */
    return hbm_run_model(&o, &cfg, cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus);
}
