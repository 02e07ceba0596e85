/*
 * hbm_axi.h - an AXI4 slave port in front of one pseudo-channel
 * controller: the C twin of rtl/hbm_axi.v, with the same registers and
 * the same decision in every cycle (docs/microarchitecture.md, "AXI4
 * front end").
 *
 * Owns: the write engine (one burst at a time, a one-beat write buffer
 * into the controller, B when the controller has taken the last beat),
 * the read engine (a burst split into beats, each taking the next slot of
 * the reorder buffer, whose index is the controller request's id), the
 * reorder buffer and the R register, the round robin between the two on
 * the controller's request port, and the error responses (SLVERR for an
 * illegal burst, DECERR beyond the capacity; such a burst sends nothing
 * to the controller).
 *
 * One cycle: hbm_axi_request() says what the request port offers (from
 * registers); hbm_axi_outputs() gives the AXI outputs, which depend on
 * the controller's ready for that request (W's ready); hbm_axi_edge()
 * takes the cycle's AXI inputs, the controller's ready and the response
 * the controller offers (always taken), and advances to the next cycle.
 */
#ifndef HBM_AXI_H
#define HBM_AXI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HBM_AXI_ROB_MAX 128

enum { HBM_AXI_OKAY = 0, HBM_AXI_SLVERR = 2, HBM_AXI_DECERR = 3 };
enum { HBM_AXI_FIXED = 0, HBM_AXI_INCR = 1, HBM_AXI_WRAP = 2 };

/* The AXI inputs of one cycle (what the master drives). */
struct hbm_axi_in {
    int awvalid, wvalid, bready, arvalid, rready, wlast;
    uint32_t awid, arid;
    uint64_t awaddr, araddr;
    int awlen, awsize, awburst, arlen, arsize, arburst;
    uint8_t wdata[32];
    uint32_t wstrb;
};

/* The AXI outputs of one cycle. */
struct hbm_axi_out {
    int awready, wready, bvalid, arready, rvalid, rlast;
    uint32_t bid, rid;
    int bresp, rresp;
    uint8_t rdata[32];
};

/* The controller request the port offers in a cycle. */
struct hbm_axi_req {
    int valid, write;
    uint64_t addr;
    uint32_t id;
    uint8_t data[32];
    uint32_t strb;
};

/* The controller response of a cycle (taken whenever valid). */
struct hbm_axi_resp {
    int valid, write;
    int err;          /* ecc = secded: flagged uncorrectable (a read's beats answer SLVERR) */
    uint32_t id;
    uint8_t data[32];
};

struct hbm_axi_burst {
    int busy;
    uint32_t id;
    uint64_t addr, wmask;
    int size, burst, left, resp;
};

struct hbm_axi {
    int addr_bits, id_bits, axi_addr_bits, rob_depth;
    struct hbm_axi_burst w, r;
    int b_valid, b_resp;
    uint32_t b_id;
    int wb_valid, wb_last;
    uint64_t wb_addr;
    uint8_t wb_data[32];
    uint32_t wb_strb;
    uint32_t w_tag;
    int prio_w;
    unsigned head, tail;            /* reorder buffer, modulo 2 * rob_depth */
    uint8_t done[HBM_AXI_ROB_MAX];
    uint32_t slot_id[HBM_AXI_ROB_MAX];
    uint8_t slot_last[HBM_AXI_ROB_MAX], slot_resp[HBM_AXI_ROB_MAX];
    uint8_t data[HBM_AXI_ROB_MAX][32];
    int rv_valid, rv_last, rv_resp;
    uint32_t rv_id;
    uint8_t rv_data[32];            /* the block RAM's read register */
};

/* A port for a controller of 2^addr_bits bytes and id_bits request ids;
 * 0, or -1 if the sizes are out of range (rob_depth a power of two,
 * 2 .. 2^(id_bits-1) and HBM_AXI_ROB_MAX). */
int hbm_axi_init(struct hbm_axi *a, int addr_bits, int id_bits, int axi_addr_bits, int rob_depth);

/* The response a burst gets (HBM_AXI_OKAY, _SLVERR, _DECERR). */
int hbm_axi_burst_resp(const struct hbm_axi *a, uint64_t addr, int len, int size, int burst);

void hbm_axi_request(const struct hbm_axi *a, struct hbm_axi_req *req);
void hbm_axi_outputs(const struct hbm_axi *a, int req_ready, struct hbm_axi_out *out);
void hbm_axi_edge(struct hbm_axi *a, const struct hbm_axi_in *in, int req_ready, const struct hbm_axi_resp *resp);

#ifdef __cplusplus
}
#endif
#endif
