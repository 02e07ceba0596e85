/*
 * hbm_req_port.h - the controller's request port register: the C twin of
 * rtl/hbm_req_port.v.
 *
 * Owns the two-entry buffer between the user's request port and the
 * queues (through the read-modify-write unit): its ready is a register
 * (the second entry is free), so nothing the queues decide reaches the
 * user's ready in the same clock.  A request taken in cycle c is offered
 * to the queues from cycle c+1, oldest first; it leaves the buffer at the
 * edge of the cycle the queues take it.  Without back-pressure the second
 * entry is never used: one request per clock passes at one clock of
 * latency.
 */
#ifndef HBM_REQ_PORT_H
#define HBM_REQ_PORT_H

#include <stdint.h>
#include "hbm_config.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HBM_REQ_PORT_DEPTH 2

struct hbm_port_req {
    uint64_t addr;
    uint64_t arrive;      /* cycle of its handshake at the request port */
    uint32_t id, enable;
    int is_write;
    uint8_t data[HBM_BURST_BYTES];
};

struct hbm_req_port {
    int n;                                      /* entries held (head_valid_q + skid_valid_q) */
    struct hbm_port_req slot[HBM_REQ_PORT_DEPTH];   /* slot[0]: the head, offered to the queues */
    int took;                                   /* a request was taken this cycle (in) */
    struct hbm_port_req in;
};

void hbm_req_port_init(struct hbm_req_port *p);

/* req_ready_o in this cycle: the second entry is free and no request has
 * been taken yet this cycle. */
int hbm_req_port_ready(const struct hbm_req_port *p);

/* The handshake of this cycle (the caller checked ready): the request
 * enters the buffer at the edge.  data may be NULL (zeros). */
void hbm_req_port_take(struct hbm_req_port *p, uint64_t addr, int is_write, uint32_t id,
                       const uint8_t *data, uint32_t enable, uint64_t now);

/* The request offered to the queues this cycle (valid_o, data_o), or NULL. */
const struct hbm_port_req *hbm_req_port_head(const struct hbm_req_port *p);

/* The clock edge: the head leaves when went (the queues took it), then the
 * request taken this cycle enters. */
void hbm_req_port_edge(struct hbm_req_port *p, int went);

#ifdef __cplusplus
}
#endif

#endif
