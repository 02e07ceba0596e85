/*
 * hbm_port.h - the controller's request and response port as the
 * simulation tools drive it, one clock at a time.
 *
 * Owns: the port interface (hbm_port_ops) that everything a driver can
 * drive implements - the golden model (hbm_port_model, below), the
 * Verilated RTL (tb/vhbm.cpp) and the lockstep pair of the two
 * (hbm_lockstep.h) - so that hbm_drive_run() is the only stimulus loop.
 *
 * The cycle protocol is the model's (hbm_model.h):
 *   for each cycle c:
 *     can_accept()/push()        the request handshake of cycle c
 *     resp_valid()/pop_resp()    the response handshake of cycle c
 *     tick()                     the commands and data of c, then c + 1
 * A driver offers a request by calling can_accept() and, if it returns 1,
 * push(); it takes a response by calling pop_resp(); a cycle in which it
 * calls neither has the request valid, respectively the response ready,
 * low.  Every command the controller issues goes to the command hook in
 * issue order during tick().
 */
#ifndef HBM_PORT_H
#define HBM_PORT_H

#include <stdint.h>
#include "hbm_model.h"

#ifdef __cplusplus
extern "C" {
#endif

struct hbm_port_ops {
    uint64_t (*cycle)(void *self);                 /* the cycle the next tick simulates */
    int (*can_accept)(void *self, uint64_t addr, int is_write);
    /* HBM_PUSH_OK, or why not (hbm_model.h); only after can_accept() said 1. */
    int (*push)(void *self, uint64_t addr, int is_write, uint32_t id,
                const uint8_t *data, uint32_t byte_enable);
    int (*resp_valid)(void *self);
    int (*pop_resp)(void *self, struct hbm_resp *out);  /* 1: taken into *out */
    int (*tick)(void *self);                       /* 0, or -1: the port failed (error()) */
    int (*idle)(void *self);                       /* nothing queued, in flight or to answer */
    void (*set_cmd_hook)(void *self, hbm_cmd_hook fn, void *ctx);
    const struct hbm_stats *(*stats)(void *self);  /* counted from its commands and responses */
    uint64_t (*protocol_errors)(void *self);       /* commands the device could not carry out */
    /* End of a run: 0, or -1 if the port fails a whole-run check (error()). */
    int (*finish)(void *self);
    const char *(*error)(void *self);              /* why tick() or finish() failed */
    /* One integer field the port adds to the report (e.g. mismatches); 0: none. */
    int (*report_field)(void *self, const char **name, uint64_t *value);
    /* The bandwidth monitor's register port in this cycle (hbm_model_bwmon):
     * drive addr, we and wdata for the cycle's edge; returns the read data now. */
    uint32_t (*bwmon)(void *self, int addr, int we, uint32_t wdata);
    /* The controller's events of the cycle the last tick simulated
     * (HBM_EVENT_* bits of hbm_cmd.h; the RTL's perf_event_o). */
    uint32_t (*events)(void *self);
    void (*free)(void *self);
};

typedef struct hbm_port {
    const struct hbm_port_ops *ops;
    void *self;
} hbm_port;

/* The golden model as a port (the model stays the caller's; not freed by free()). */
hbm_port hbm_port_model(hbm_model *m);

/* Free a port made by a constructor that allocates (lockstep, RTL); NULL ops allowed. */
void hbm_port_free(hbm_port *p);

#ifdef __cplusplus
}
#endif
#endif
