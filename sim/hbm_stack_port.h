/*
 * hbm_stack_port.h - the top (hbm_stack: AXI4 ports, switch, one
 * controller per pseudo-channel) as the simulation tools drive it, one
 * clock at a time: what hbm_port.h is for one controller's request port.
 *
 * Owns: the interface (hbm_stack_port_ops) that the golden model
 * (hbm_stack_port_model, below), the Verilated RTL (tb/vstack.cpp) and the
 * lockstep pair of the two (hbm_stack_lockstep) implement, so that
 * hbm_stack_run() is the only stimulus loop of the stack.
 *
 * The cycle protocol is the model's (model/hbm_stack.h):
 *   for each cycle c:
 *     outputs(out)    the AXI outputs of every port in cycle c
 *     edge(in)        the AXI inputs of every port in cycle c: the
 *                     handshakes, the commands and data of c, then c + 1
 * Every command a pseudo-channel's controller issues goes to that
 * pseudo-channel's command hook, in issue order, during edge().
 */
#ifndef HBM_STACK_PORT_H
#define HBM_STACK_PORT_H

#include <stdint.h>
#include "hbm_axi.h"
#include "hbm_model.h"
#include "hbm_stack.h"

#ifdef __cplusplus
extern "C" {
#endif

struct hbm_stack_port_ops {
    uint64_t (*cycle)(void *self);                  /* the cycle edge() simulates next */
    void (*outputs)(void *self, struct hbm_axi_out *out);
    int (*edge)(void *self, const struct hbm_axi_in *in);  /* 0, or -1: failed (error()) */
    int (*idle)(void *self);                        /* every port and controller idle */
    void (*set_cmd_hook)(void *self, int pc, hbm_cmd_hook fn, void *ctx);
    /* Pseudo-channel pc's statistics, counted from its commands (and, for
     * the model, its controller port's responses). */
    const struct hbm_stats *(*stats)(void *self, int pc);
    uint64_t (*protocol_errors)(void *self);        /* commands a device could not carry out */
    const char *(*error)(void *self);               /* why edge() failed */
    /* One integer field the port adds to the report (e.g. mismatches); 0: none. */
    int (*report_field)(void *self, const char **name, uint64_t *value);
    /* Pseudo-channel pc's bandwidth monitor register port in this cycle
     * (hbm_model_bwmon; the RTL's bwmon_* slice pc): returns the read data now. */
    uint32_t (*bwmon)(void *self, int pc, int addr, int we, uint32_t wdata);
    /* Pseudo-channel pc's events of the cycle the last edge() simulated
     * (hbm_model_events; the RTL's perf_event_o slice pc). */
    uint32_t (*events)(void *self, int pc);
    void (*free)(void *self);
};

typedef struct hbm_stack_port {
    const struct hbm_stack_port_ops *ops;
    void *self;
} hbm_stack_port;

/* The golden model as a stack port (the stack stays the caller's). */
hbm_stack_port hbm_stack_port_model(hbm_stack *s);

/*
 * The RTL (dut) and the model (ref) as one stack port, compared every
 * cycle: every AXI output of every port (each ready and valid, and a
 * channel's payload while its valid is high), every command and the
 * events of every pseudo-channel (hbm_cmd_same).  The first difference fails edge(), and
 * error() names the cycle, the port or pseudo-channel, the signal and both
 * values.  Statistics and hooks are the DUT's.  NULL ops: out of memory.
 */
hbm_stack_port hbm_stack_lockstep_create(hbm_stack_port dut, hbm_stack_port ref, int ports, int pcs);

void hbm_stack_port_free(hbm_stack_port *p);

#ifdef __cplusplus
}
#endif
#endif
