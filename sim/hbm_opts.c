/*
 * hbm_opts.c - the tools' command line; see hbm_opts.h.
 */
#include "hbm_opts.h"
#include "hbm_config.h"
#include "hbm_source.h"
#include "hbm_bw_monitor.h"
#include "hbm_device.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* One option: its name, the feature it needs (0: every tool), and whether it takes a value. */
struct opt {
    const char *name;
    unsigned feature;
    int takes_value;
    const char *help;
};

static const struct opt opts[] = {
    {"--config", 0, 1, "FILE     preset, e.g. configs/hbm2_2000.ini"},
    {"--trace", 0, 1, "FILE      DRAMSim3 (0x1f40 READ 120) or Ramulator (LD 0x1f40) trace"},
    {"--workload", 0, 1, "SPEC   built-in workload (below)"},
    {"--requests", 0, 1, "N      requests to simulate (workloads: default 100000; traces: all)"},
    {"--seed", 0, 1, "N          seed of random workloads and write data (default 1)"},
    {"--stacks", 0, 1, "N        llm-decode: HBM stacks of the system (the same as stacks=N in the spec)"},
    {"--cmdlog", 0, 1, "FILE     write every command: cycle CMD ch pc bg ba row col"},
    {"--json", 0, 0, "           print the report as one JSON object"},
    {"--resp-stall", 0, 1, "PCT  hold the response port not-ready in PCT % of cycles (seeded)"},
    {"--req-gap", 0, 1, "PCT     withhold the next request in PCT % of cycles (seeded)"},
    {"--bw-window", 0, 1, "N    the bandwidth monitor's window: N controller clocks (1..134217727),\n"
     "                    written through its register port in cycle 0; its registers are read\n"
     "                    the same way at the end and reported (min/avg/max bandwidth per window)"},
    {"--inject", 0, 1, "SPEC     faults the device injects into what reads return:\n"
     "                    single:RATE,double:RATE (per 64-bit word read, 0..1), stuck:ADDR:BIT[:VALUE]\n"
     "                    (bit 0-255 data, 256-287 check bits of the burst at ADDR; up to 16),\n"
     "                    and a seed (N or seed:N); with ecc = secded none may be returned silently"},
    {"--no-refresh-cost", 0, 0, "skip the second run with refresh off that measures\n"
     "                    what refresh costs (the report then leaves the line out)"},
    {"--axi", HBM_OPTS_MODEL | HBM_OPTS_STACK, 1, "BYTES[,IDS]  through the AXI4 ports (model/hbm_stack.c): an AXI\n"
     "                    master per port makes INCR bursts of up to BYTES (32..4096) from runs\n"
     "                    of consecutive requests, over IDS IDs (1..16, default 8); AXI report.\n"
     "                    The default (256,8) on a config of more than one pseudo-channel"},
    {"--threads", HBM_OPTS_MODEL, 1, "N      a stack with switch = none: its ports run apart on up to N threads\n"
     "                    (1..8; default: the online CPUs); the report is the same on any number"},
    {"--emit-vh", HBM_OPTS_MODEL, 0, "        print the Verilog config header for --config and exit"},
    {"--emit-encoding", HBM_OPTS_MODEL, 1, "vh|gtkw print the Verilog defines or the GTKWave filter of\n"
     "                    model/hbm_encoding.def and exit (no --config needed)"},
    {"--no-check", HBM_OPTS_MODEL, 0, "       run the model alone: no timing checker, no data check\n"
     "                    (for measuring the model's speed; the report says so)"},
    {"--wave", HBM_OPTS_RTL | HBM_OPTS_STACK, 1, "FILE.fst   dump every signal of the RTL to an FST waveform"},
    {"--no-lockstep", HBM_OPTS_RTL, 0, "    run the RTL alone (checker and data scoreboard still on)"},
    {"--cycles", HBM_OPTS_RTL | HBM_OPTS_STACK, 1, "N        stop after N cycles, answered or not (short runs for --wave)"},
    /* Test hook, not in --help: the Nth read response's data with bit 0 flipped. */
    {"--fault-read", 0, 1, NULL},
};
#define N_OPTS (sizeof opts / sizeof opts[0])

void hbm_opts_usage(FILE *out, const char *tool, unsigned features, const char *note)
{
    size_t i;

    fprintf(out, "usage: %s --config FILE (--trace FILE | --workload SPEC) [options]\n", tool);
    for (i = 0; i < N_OPTS; i++)
        if (opts[i].help && (!opts[i].feature || (opts[i].feature & features)))
            fprintf(out, "  %s %s\n", opts[i].name, opts[i].help);
    fprintf(out, "workloads:\n");
    hbm_source_print_workloads(out);
    if (note)
        fprintf(out, "%s\n", note);
}

static int parse_u64(FILE *msg, const char *tool, const char *opt, const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v;

    if (!s || *s < '0' || *s > '9') {
        fprintf(msg, "%s: %s needs a non-negative integer, got '%s'\n", tool, opt, s ? s : "");
        return -1;
    }
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || *end) {
        fprintf(msg, "%s: %s needs a non-negative integer, got '%s'\n", tool, opt, s);
        return -1;
    }
    *out = (uint64_t)v;
    return 0;
}

/* Store the value v of option name into o; 0 or -1 (message printed). */
static int set_value(struct hbm_opts *o, const char *name, const char *v)
{
    const char *t = o->tool;

    if (!strcmp(name, "--config"))
        o->config = v;
    else if (!strcmp(name, "--trace"))
        o->trace = v;
    else if (!strcmp(name, "--workload"))
        o->workload = v;
    else if (!strcmp(name, "--cmdlog"))
        o->cmdlog = v;
    else if (!strcmp(name, "--wave"))
        o->wave = v;
    else if (!strcmp(name, "--emit-encoding")) {
        if (strcmp(v, "vh") && strcmp(v, "gtkw")) {
            fprintf(o->msg, "%s: --emit-encoding takes vh or gtkw, got '%s'\n", t, v);
            return -1;
        }
        o->emit_encoding = v;
    }
    else if (!strcmp(name, "--requests"))
        return parse_u64(o->msg, t, name, v, &o->requests);
    else if (!strcmp(name, "--seed"))
        return parse_u64(o->msg, t, name, v, &o->seed);
    else if (!strcmp(name, "--stacks")) {
        if (parse_u64(o->msg, t, name, v, &o->stacks))
            return -1;
        if (o->stacks == 0) {
            fprintf(o->msg, "%s: --stacks takes 1 or more, got '%s'\n", t, v);
            return -1;
        }
    }
    else if (!strcmp(name, "--cycles"))
        return parse_u64(o->msg, t, name, v, &o->cycles);
    else if (!strcmp(name, "--axi")) {
        char *end;
        errno = 0;
        o->axi_burst = strtoull(v, &end, 10);
        o->axi_ids = 8;
        if (*end == ',')
            o->axi_ids = strtoull(end + 1, &end, 10);
        if (errno || *end || end == v || o->axi_burst < 32 || o->axi_burst > 4096 || o->axi_burst % 32 ||
            o->axi_ids < 1 || o->axi_ids > 16) {
            fprintf(o->msg, "%s: --axi takes BYTES[,IDS]: a multiple of 32 from 32 to 4096, and 1..16 IDs; got '%s'\n",
                    t, v);
            return -1;
        }
    }
    else if (!strcmp(name, "--threads")) {
        if (parse_u64(o->msg, t, name, v, &o->threads))
            return -1;
        if (o->threads < 1 || o->threads > 8) {
            fprintf(o->msg, "%s: --threads takes 1..8, got '%s'\n", t, v);
            return -1;
        }
    }
    else if (!strcmp(name, "--bw-window")) {
        if (parse_u64(o->msg, t, name, v, &o->bw_window))
            return -1;
        if (o->bw_window < 1 || o->bw_window >= (1u << HBM_BWMON_WINDOW_BITS)) {
            fprintf(o->msg, "%s: --bw-window takes 1..%u clocks, got '%s'\n", t, (1u << HBM_BWMON_WINDOW_BITS) - 1, v);
            return -1;
        }
    }
    else if (!strcmp(name, "--inject")) {
        char err[HBM_ERR_MAX];
        if (hbm_inject_parse(v, &o->inject, err)) {
            fprintf(o->msg, "%s: --inject: %s\n", t, err);
            return -1;
        }
    }
    else if (!strcmp(name, "--fault-read"))
        return parse_u64(o->msg, t, name, v, &o->fault_read);
    else {
        uint64_t *dst = !strcmp(name, "--resp-stall") ? &o->resp_stall_pct : &o->req_gap_pct;
        if (parse_u64(o->msg, t, name, v, dst))
            return -1;
        if (*dst > 99) {
            fprintf(o->msg, "%s: %s takes a percentage below 100, got '%s'\n", t, name, v);
            return -1;
        }
    }
    return 0;
}

static void set_flag(struct hbm_opts *o, const char *name)
{
    if (!strcmp(name, "--json"))
        o->json = 1;
    else if (!strcmp(name, "--emit-vh"))
        o->emit_vh = 1;
    else if (!strcmp(name, "--no-check"))
        o->no_check = 1;
    else if (!strcmp(name, "--no-refresh-cost"))
        o->no_refresh_cost = 1;
    else if (!strcmp(name, "--no-lockstep"))
        o->no_lockstep = 1;
}

/* The combinations: what is required, what goes together. */
static int check_combination(struct hbm_opts *o, int requests_set)
{
    const char *t = o->tool;

    if (o->emit_encoding)
        return 0;
    if (!o->config) {
        fprintf(o->msg, "%s: --config FILE is required (see --help)\n", t);
        return -1;
    }
    if (o->emit_vh)
        return 0;
    if (!o->trace == !o->workload) {
        fprintf(o->msg, "%s: give exactly one of --trace FILE and --workload SPEC\n", t);
        return -1;
    }
    if (o->stacks) {
        char err[HBM_ERR_MAX];
        if (!o->workload || hbm_source_spec_with_stacks(o->workload, o->stacks, o->spec,
                                                        sizeof o->spec, err)) {
            fprintf(o->msg, "%s: %s\n", t, o->workload ? err : "--stacks needs --workload llm-decode");
            return -1;
        }
        o->workload = o->spec;
    }
    if (o->workload && !requests_set)
        o->requests = HBM_DEFAULT_REQUESTS;
    if (o->workload && o->requests == 0) {
        fprintf(o->msg, "%s: --requests must be at least 1 for a workload\n", t);
        return -1;
    }
    return 0;
}

int hbm_opts_parse(struct hbm_opts *o, const char *tool, unsigned features, int argc, char **argv)
{
    return hbm_opts_parse_to(o, stdout, stderr, tool, features, argc, argv);
}

int hbm_opts_parse_to(struct hbm_opts *o, FILE *out, FILE *msg, const char *tool, unsigned features,
                      int argc, char **argv)
{
    int i, j, requests_set = 0;

    memset(o, 0, sizeof *o);
    o->tool = tool;
    o->out = out;
    o->msg = msg;
    o->seed = 1;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const struct opt *op = NULL;
        size_t k;

        for (j = 1; j < i; j++)
            if (a[0] == '-' && !strcmp(argv[j], a)) {
                fprintf(o->msg, "%s: option %s given twice\n", tool, a);
                return -1;
            }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            return 1;
        }
        for (k = 0; k < N_OPTS; k++)
            if (!strcmp(a, opts[k].name) && (!opts[k].feature || (opts[k].feature & features)))
                op = &opts[k];
        if (!op) {
            fprintf(o->msg, "%s: unknown option '%s' (see --help)\n", tool, a);
            return -1;
        }
        if (!op->takes_value) {
            set_flag(o, a);
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(o->msg, "%s: %s needs a value (see --help)\n", tool, a);
            return -1;
        }
        if (set_value(o, a, argv[++i]))
            return -1;
        requests_set |= !strcmp(a, "--requests");
    }
    return check_combination(o, requests_set);
}

void hbm_opts_apply(const struct hbm_opts *o, struct hbm_config *cfg)
{
    cfg->inject = o->inject;
}
