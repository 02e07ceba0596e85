/*
 * hbm_req_port.c - the controller's request port register (the C twin of
 * rtl/hbm_req_port.v; see hbm_req_port.h).
 */
#include "hbm_req_port.h"

#include <string.h>

void hbm_req_port_init(struct hbm_req_port *p) { memset(p, 0, sizeof *p); }

int hbm_req_port_ready(const struct hbm_req_port *p) { return p->n < HBM_REQ_PORT_DEPTH && !p->took; }

void hbm_req_port_take(struct hbm_req_port *p, uint64_t addr, int is_write, uint32_t id,
                       const uint8_t *data, uint32_t enable, uint64_t now)
{
    p->took = 1;
    p->in.addr = addr;
    p->in.arrive = now;
    p->in.id = id;
    p->in.is_write = is_write ? 1 : 0;
    p->in.enable = enable;
    if (data)
        memcpy(p->in.data, data, HBM_BURST_BYTES);
    else
        memset(p->in.data, 0, HBM_BURST_BYTES);
}

const struct hbm_port_req *hbm_req_port_head(const struct hbm_req_port *p) { return p->n ? &p->slot[0] : NULL; }

void hbm_req_port_edge(struct hbm_req_port *p, int went)
{
    if (went && p->n) {
        p->slot[0] = p->slot[1];
        p->n--;
    }
    if (p->took) {
        p->slot[p->n++] = p->in;
        p->took = 0;
    }
}
