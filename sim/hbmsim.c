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

#include "hbm_stack_run.h"

#include <unistd.h>
#include "hbm_config.h"
#include "hbm_encoding.h"
#include "hbm_model.h"
#include "hbm_opts.h"
#include "hbm_port.h"
#include "hbm_run.h"

int main(int argc, char **argv)
{
    struct hbm_opts o;
    struct hbm_config cfg;
    char err[HBM_ERR_MAX];
    hbm_model *m;
    hbm_port port;
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
    if (o.axi_burst || cfg.pseudo_channels > 1) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        if (!o.axi_burst) {   /* a stack has AXI ports only: 256-byte bursts over 8 IDs */
            o.axi_burst = 256;
            o.axi_ids = 8;
        }
        /* threads: --threads, else the online CPUs (at most 8) */
        return hbm_stack_run_model(&o, &cfg, o.threads ? (int)o.threads : cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus);
    }
    m = hbm_model_create(&cfg, err);
    if (!m) {
        fprintf(stderr, "hbmsim: %s\n", err);
        return 2;
    }
    port = hbm_port_model(m);
    rc = hbm_run(&o, &cfg, &port, 0);
    hbm_model_free(m);
    return rc;
}
