/*
 * hbm_model.h - the cycle-accurate golden model of one HBM pseudo-channel
 * controller and the device behind it (library libhbm).
 *
 * Owns: the request port, the bounded read, write and response queues, the
 * scheduler (FR-FCFS with read priority and write-drain watermarks, one
 * row-bus and one column-bus command per clock), the page policy, the
 * data path to and from the device, and the statistics.  It implements
 * docs/microarchitecture.md; the RTL implements the same document, and the
 * lockstep testbench holds the two to the same command in the same cycle.
 *
 * Cycle protocol (the RTL's clock edge is hbm_model_tick; a cycle is a
 * controller clock, dfi_ratio DRAM clocks, and every cycle number the
 * model reports is a DRAM clock):
 *   for each cycle c:
 *     hbm_model_can_accept()/hbm_model_push()   request handshake of cycle c
 *     hbm_model_resp_valid()/hbm_model_pop_resp() response handshake of c
 *     hbm_model_tick()                           commands of c, picks for c+1
 * A request pushed in cycle c waits in the request port register and is
 * offered to its queue from cycle c+1 (HBM_PORT_TO_QUEUE; the port's ready
 * says only that the register has room, whatever the address); taken in
 * c+1, it is visible to the scheduler's candidate stage from cycle c+2;
 * the reduce stage of the next cycle keeps each bank's oldest candidates
 * and the pick of the cycle after chooses among those (HBM_CAND_TO_PICK),
 * and a pick's commands are on the buses HBM_PICK_TO_ISSUE cycles later
 * (the issue register), so its first command can go out in c+5.
 */
#ifndef HBM_MODEL_H
#define HBM_MODEL_H

#include <stdint.h>
#include "hbm_bw_monitor.h"
#include "hbm_cmd.h"
#include "hbm_config.h"
#include "hbm_device.h"
#include "hbm_stats.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hbm_model hbm_model;

/* Clocks from a request's handshake at the request port to the clock its
 * queue can take it (the request port register), from the scheduler's
 * candidate stage to its pick (through the reduce stage), and from the
 * pick to its commands on the buses. */
#define HBM_PORT_TO_QUEUE 1
#define HBM_CAND_TO_PICK 2
#define HBM_PICK_TO_ISSUE 1

/* Result codes of hbm_model_push. */
enum hbm_push_result {
    HBM_PUSH_OK = 0,
    HBM_PUSH_FULL = 1,    /* the request port register is full, or a request is already
                             pushed this cycle */
    HBM_PUSH_HAZARD = 2,  /* no longer returned: a request that must wait for the other
                             queue (a full queue, a hazard) waits in the request port
                             register; the value stays for old callers */
    HBM_PUSH_ADDR = 3,    /* address beyond the configured capacity */
    HBM_PUSH_ID = 4       /* id does not fit in id_bits */
};

struct hbm_resp {
    uint32_t id;
    int is_write;                     /* 1: write acknowledgement, no data */
    int ecc_error;                    /* ecc = secded: a read word was uncorrectable (data as
                                         read), or a write wrote poisoned words (its
                                         read-modify-write read was uncorrectable) */
    uint8_t data[HBM_BURST_BYTES];    /* read data */
    uint64_t accept_cycle;            /* cycle the request was accepted */
    uint64_t done_cycle;              /* cycle of its last data beat */
};

/* Create a model for a validated config.  NULL + err on failure. */
hbm_model *hbm_model_create(const struct hbm_config *cfg, char *err);
/* Free a model and its device; NULL is allowed. */
void hbm_model_free(hbm_model *m);

/* The configuration the model runs (its own copy). */
const struct hbm_config *hbm_model_config(const hbm_model *m);

/* Current cycle: the cycle the next tick will simulate. */
uint64_t hbm_model_cycle(const hbm_model *m);

/*
 * Request ready in this cycle for a request with this address and
 * direction: 1 if hbm_model_push would accept it.
 */
int hbm_model_can_accept(const hbm_model *m, uint64_t addr, int is_write);

/*
 * Offer a request in this cycle.  data (32 bytes) and byte_enable (bit i
 * writes byte i) are used only for writes and may be NULL/0 for reads.
 * Returns HBM_PUSH_OK if accepted; otherwise nothing is stored.
 */
int hbm_model_push(hbm_model *m, uint64_t addr, int is_write, uint32_t id,
                   const uint8_t *data, uint32_t byte_enable);

/* 1 if a response is waiting (the response channel's valid). */
int hbm_model_resp_valid(const hbm_model *m);

/* Take the oldest response (the handshake of this cycle); 1 if one was taken. */
int hbm_model_pop_resp(hbm_model *m, struct hbm_resp *out);
/* The response pop_resp() would take, without taking it: 1 and *out, or 0. */
int hbm_model_peek_resp(const hbm_model *m, struct hbm_resp *out);

/* Simulate the current cycle and advance to the next. */
void hbm_model_tick(hbm_model *m);

/* 1 when no request is anywhere in the controller: at the port, in the
 * read-modify-write unit, queued, in the issue register, in flight or
 * waiting as a response.  Refresh may run: an idle controller stays idle
 * until the next request, so a stack of them is idle from the last one's
 * end whatever groups of them run together (hbmsim --threads). */
int hbm_model_idle(const hbm_model *m);

/*
 * The events of the cycle the last tick simulated (bit i: HBM_EVENT i).
 * The request port's REQ_STALL needs the offer of the cycle: a driver
 * that offers requests calls hbm_model_offer() (the port of sim/hbm_port.h
 * does); hbm_model_can_accept() alone records nothing.  WAR_HOLD is the
 * request port register's head's (a write held by a queued read).
 */
uint32_t hbm_model_events(const hbm_model *m);
/* hbm_model_can_accept() that also records the offer for the events. */
int hbm_model_offer(hbm_model *m, uint64_t addr, int is_write);

/* Called for every command the controller issues, in issue order. */
typedef void (*hbm_cmd_hook)(void *ctx, const struct hbm_cmd *cmd);
void hbm_model_set_cmd_hook(hbm_model *m, hbm_cmd_hook fn, void *ctx);

/* Statistics so far (valid until the next tick or hbm_model_free). */
const struct hbm_stats *hbm_model_stats(const hbm_model *m);

/*
 * The bandwidth monitor's register port in the current cycle
 * (rtl/hbm_bw_monitor.v; its registers: model/hbm_bw_monitor.h): the
 * register addr, written with wdata at the edge when we.  Returns the
 * port's read data now: the register addressed in the previous cycle, as
 * it was at that edge.  A cycle without a call keeps the address and
 * writes nothing.  The monitor counts the responses taken at the response
 * port (hbm_model_pop_resp).
 */
uint32_t hbm_model_bwmon(hbm_model *m, int addr, int we, uint32_t wdata);

/* The monitor itself (tests). */
const struct hbm_bw_monitor *hbm_model_bwmon_state(const hbm_model *m);

/*
 * Debug access to the device's storage at a byte address below the
 * capacity, bypassing the controller and its timing (TLM debug transport,
 * preloading): the 32-byte burst holding addr is read into out, or its
 * enabled bytes (bit i: byte i) are written.  Writes still queued in the
 * controller are not seen.  0, or -1 (address beyond the capacity, out of
 * memory).
 */
int hbm_model_debug_read(const hbm_model *m, uint64_t addr, uint8_t out[HBM_BURST_BYTES]);
int hbm_model_debug_write(hbm_model *m, uint64_t addr, const uint8_t data[HBM_BURST_BYTES], uint32_t enable);

/*
 * The device's storage as one array of capacity_bytes indexed by byte
 * address (made on the first call from what was stored so far), for direct
 * memory access (TLM DMI): reading and writing it bypasses the controller,
 * so only while nothing is queued.  *bytes gets its size; NULL when out of
 * memory.
 */
uint8_t *hbm_model_storage(hbm_model *m, uint64_t *bytes);

/* The device behind the controller, for backdoor access (debug transport,
 * DMI: hbm_device_read_at, hbm_device_write_at, hbm_device_linear). */
hbm_device *hbm_model_device_rw(hbm_model *m);

/* Introspection for tests and the lockstep testbench. */
int hbm_model_queue_count(const hbm_model *m, int is_write);
int hbm_model_port_count(const hbm_model *m);   /* requests in the request port register */
int hbm_model_write_mode(const hbm_model *m);
int hbm_model_bank_open(const hbm_model *m, int bank, int *row);
const hbm_device *hbm_model_device(const hbm_model *m);

#ifdef __cplusplus
}
#endif
#endif
