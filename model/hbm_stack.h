/*
 * hbm_stack.h - the top: `ports` AXI4 slave ports, each an hbm_axi front
 * end, `pseudo_channels` controllers (the golden model, one per
 * pseudo-channel) and the switch between them.  The C twin of
 * rtl/hbm_stack.v and rtl/hbm_switch.v: the same routing, the same round
 * robins, the same cycle of every handshake (docs/microarchitecture.md,
 * "The stack").
 *
 * Owns: the address interleave (which pseudo-channel a stack address is
 * in, and its address there: hbm_stack_route), the request switch (each
 * pseudo-channel takes the request of one port per cycle, round robin over
 * the ports that offer it one, starting after the port it took last), the
 * response switch (each port takes one response per cycle, round robin over
 * the pseudo-channels that offer it one), and the request ids on the
 * pseudo-channel side: {port, the port's tag} with a crossbar, the port's
 * tag alone with switch = none.
 *
 * One cycle:
 *   hbm_stack_outputs(s, out)  the AXI outputs of every port (out[ports]);
 *                              they depend on the stack's state only
 *   hbm_stack_edge(s, in)      the AXI inputs of every port (in[ports]):
 *                              the handshakes, then every controller ticks
 */
#ifndef HBM_STACK_H
#define HBM_STACK_H

#include <stdint.h>
#include "hbm_axi.h"
#include "hbm_config.h"
#include "hbm_model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HBM_STACK_MAX_PC 32

typedef struct hbm_stack hbm_stack;

/* The pseudo-channel of stack address addr (an AXI port's address with a
 * crossbar) and, in *local, its address in that pseudo-channel. */
int hbm_stack_route(const struct hbm_config *cfg, uint64_t addr, uint64_t *local);

/* The stack address of address local of pseudo-channel pc (the inverse). */
uint64_t hbm_stack_unroute(const struct hbm_config *cfg, int pc, uint64_t local);

/* A stack for a validated config; NULL and err on failure. */
hbm_stack *hbm_stack_create(const struct hbm_config *cfg, char *err);
void hbm_stack_free(hbm_stack *s);

int hbm_stack_ports(const hbm_stack *s);
int hbm_stack_pcs(const hbm_stack *s);
uint64_t hbm_stack_cycle(const hbm_stack *s);
/* Pseudo-channel n's controller (its hooks, statistics, device). */
hbm_model *hbm_stack_pc(hbm_stack *s, int n);
/* 1 when no port holds a burst or a response and every controller is idle. */
int hbm_stack_idle(const hbm_stack *s);

void hbm_stack_outputs(hbm_stack *s, struct hbm_axi_out *out);
void hbm_stack_edge(hbm_stack *s, const struct hbm_axi_in *in);

#ifdef __cplusplus
}
#endif
#endif
