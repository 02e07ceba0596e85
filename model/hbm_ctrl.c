/*
 * hbm_ctrl.c - the golden model's top (the API of hbm_model.h): the C twin
 * of rtl/hbm_ctrl.v.  It only wires the units, each the twin of one RTL
 * module (docs/architecture.md has the table): the address map
 * (hbm_addr_map), the read and write queues (hbm_req_queue), the bank
 * state (hbm_bank_state), the timing table (hbm_timing), the refresh
 * engine (hbm_refresh), the scheduler (hbm_sched) and the data path
 * (hbm_datapath); behind the DFI buses, the device (hbm_device).
 *
 * One cycle (hbm_model_tick), as docs/microarchitecture.md "The decision
 * pipeline": the issue register (the picks of the cycle before) ends or
 * lets start a refresh, goes out on the buses and is applied to every unit
 * (timing, device, bank state, queue pops, marks and closes, data path,
 * statistics, command hook); then the scheduler picks the commands of the
 * next cycle from that state; the data buses move; at the clock edge the
 * queues take the ACT's hits and the request they took from the request
 * port register's head (port_cycle, first in the cycle), the register
 * takes the user's request of the cycle, credits return, and the picks
 * become the issue register.
 * With ecc = secded the request port goes through the read-modify-write
 * unit (the twin of rtl/hbm_ecc_rmw.v, below) and the data path codes and
 * checks every 64-bit word.
 */
#include "hbm_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hbm_addr_map.h"
#include "hbm_bits.h"
#include "hbm_bw_monitor.h"
#include "hbm_bank_state.h"
#include "hbm_datapath.h"
#include "hbm_refresh.h"
#include "hbm_req_port.h"
#include "hbm_req_queue.h"
#include "hbm_sched.h"
#include "hbm_timing.h"

struct hbm_model {
    struct hbm_config cfg;
    struct hbm_timing timing;
    struct hbm_refresh refresh;
    struct hbm_bank_state banks;
    struct hbm_req_queue q[2];      /* HBM_Q_READ, HBM_Q_WRITE */
    struct hbm_sched sched;
    struct hbm_sched_out issue;     /* the issue register: on the buses this cycle */
    struct hbm_datapath data;
    hbm_device *dev;
    uint64_t now;

    /* The request port register: the requests the user handed over,
     * offered to the queues oldest first from the cycle after. */
    struct hbm_req_port port;

    /* the request the queues take in the current cycle, enters its queue at the edge */
    int in_valid, in_write;
    struct hbm_queue_entry in_entry;
    uint8_t in_data[HBM_BURST_BYTES];
    uint32_t in_enable;

    /* The forward register: a forwarded read's response, offered before the
     * response queue's head (fwd), and the one taken this cycle, held from
     * the edge (fwd_in). */
    int fwd_valid, fwd_popped, fwd_in_valid;
    struct hbm_resp fwd, fwd_in;
    int wdone_slot;   /* write-queue slot the issue register popped, -1: none */
    int resp_taken;   /* the response port's handshake this cycle: 0, 1 read, 2 write */
    struct hbm_bw_monitor bwmon;

    /* The read-modify-write unit (ecc = secded): its state, the partial
     * write it holds, and a partial write taken this cycle (held from the edge). */
    int rmw_state, rmw_take;
    uint64_t rmw_addr, rmw_arrive;
    uint32_t rmw_id;
    uint8_t rmw_data[HBM_BURST_BYTES];
    uint32_t rmw_enable;
    int rmw_error;

    /* The events of the last cycle; the request port's of this one so far
     * (the pushes'), and those of its last offer. */
    uint32_t events, ev_port, ev_offer;

    hbm_cmd_hook hook;
    void *hook_ctx;
    struct hbm_stats stats;
};

#define EV(name) (1u << HBM_EVENT_##name)

/* The read-modify-write unit's states (rtl/hbm_ecc_rmw.v). */
enum { RMW_IDLE = 0, RMW_READ, RMW_WAIT, RMW_WRITE };
#define FULL_BURST 0xFFFFFFFFu

hbm_model *hbm_model_create(const struct hbm_config *cfg, char *err)
{
    hbm_model *m;
    char why[HBM_ERR_MAX];
    struct hbm_config c = *cfg;

    if (hbm_config_finish(&c, why)) {
        if (err)
            snprintf(err, HBM_ERR_MAX, "%s", why);
        return NULL;
    }
    if (c.banks > HBM_MAX_BANKS || c.read_queue_depth > HBM_QUEUE_MAX ||
        c.write_queue_depth > HBM_QUEUE_MAX || c.resp_queue_depth > HBM_DP_FIFO) {
        if (err)
            snprintf(err, HBM_ERR_MAX, "%s: more banks or queue entries than the model holds", c.source);
        return NULL;
    }
    m = calloc(1, sizeof *m);
    if (!m) {
        if (err)
            snprintf(err, HBM_ERR_MAX, "hbm_model: out of memory");
        return NULL;
    }
    m->cfg = c;
    m->dev = hbm_device_create(&m->cfg, err);
    if (!m->dev || hbm_timing_init(&m->timing, &m->cfg, err)) {
        hbm_device_free(m->dev);
        free(m);
        return NULL;
    }
    hbm_refresh_init(&m->refresh, &m->cfg);
    hbm_bank_state_init(&m->banks, m->cfg.banks);
    hbm_req_queue_init(&m->q[HBM_Q_READ], m->cfg.read_queue_depth);
    hbm_req_queue_init(&m->q[HBM_Q_WRITE], m->cfg.write_queue_depth);
    hbm_datapath_init(&m->data, &m->cfg);
    hbm_sched_init(&m->sched, &m->cfg, &m->q[HBM_Q_READ], &m->q[HBM_Q_WRITE], &m->banks, &m->timing,
                   &m->refresh, &m->data);
    m->issue.row_code = m->issue.col_code = HBM_CMD_NOP;
    m->issue.row_pos = m->issue.col_pos = -1;
    m->wdone_slot = -1;
    hbm_bw_monitor_init(&m->bwmon);
    hbm_req_port_init(&m->port);
    return m;
}

void hbm_model_free(hbm_model *m)
{
    if (!m)
        return;
    hbm_device_free(m->dev);
    free(m);
}

const struct hbm_config *hbm_model_config(const hbm_model *m) { return &m->cfg; }
uint64_t hbm_model_cycle(const hbm_model *m) { return m->now; }
const struct hbm_stats *hbm_model_stats(const hbm_model *m) { return &m->stats; }
const hbm_device *hbm_model_device(const hbm_model *m) { return m->dev; }
int hbm_model_queue_count(const hbm_model *m, int is_write) { return m->q[is_write ? 1 : 0].n; }
int hbm_model_port_count(const hbm_model *m) { return m->port.n; }
int hbm_model_write_mode(const hbm_model *m) { return m->sched.write_mode; }

int hbm_model_bank_open(const hbm_model *m, int bank, int *row)
{
    if (row)
        *row = (int)m->banks.row[bank];
    return (int)(m->banks.open >> bank & 1);
}

void hbm_model_set_cmd_hook(hbm_model *m, hbm_cmd_hook fn, void *ctx)
{
    m->hook = fn;
    m->hook_ctx = ctx;
}

int hbm_model_debug_read(const hbm_model *m, uint64_t addr, uint8_t out[HBM_BURST_BYTES])
{
    return hbm_device_read_at(m->dev, addr, out);
}

int hbm_model_debug_write(hbm_model *m, uint64_t addr, const uint8_t data[HBM_BURST_BYTES], uint32_t enable)
{
    return hbm_device_write_at(m->dev, addr, data, enable);
}

hbm_device *hbm_model_device_rw(hbm_model *m) { return m->dev; }

uint8_t *hbm_model_storage(hbm_model *m, uint64_t *bytes)
{
    return hbm_device_linear(m->dev, bytes);
}

/* ---- request port ---------------------------------------------------- */

/*
 * Read-after-write (docs/microarchitecture.md): the write-queue slot of the
 * newest queued write to a read's burst (-1: none), and what the read does:
 * RAW_FORWARD (that write has all 32 bytes: answered from its data) or
 * RAW_WAIT (a partial write: the read queues behind it).  A write whose WR
 * is in the issue register leaves its queue at this edge: no read waits
 * for it.
 */
enum { RAW_NONE = 0, RAW_FORWARD, RAW_WAIT };

static int raw_of(const hbm_model *m, uint64_t burst, int *slot)
{
    const struct hbm_req_queue *wq = &m->q[HBM_Q_WRITE];
    const struct hbm_sched_out *d = &m->issue;

    *slot = wq->n ? hbm_req_queue_newest(wq, burst) : -1;
    if (*slot < 0)
        return RAW_NONE;
    if (hbm_req_queue_full(wq, *slot))
        return RAW_FORWARD;
    if (d->col_code != HBM_CMD_NOP && d->write_mode && wq->order[d->col_pos] == *slot)
        return RAW_NONE;
    return RAW_WAIT;
}

static int check_push(const hbm_model *m, uint64_t addr, int is_write)
{
    const struct hbm_req_queue *q = &m->q[is_write ? HBM_Q_WRITE : HBM_Q_READ];
    uint64_t burst = addr & ~(uint64_t)(HBM_BURST_BYTES - 1);
    int slot;

    if (addr >= m->cfg.capacity_bytes)
        return HBM_PUSH_ADDR;
    if (m->in_valid || m->fwd_in_valid)
        return HBM_PUSH_FULL;   /* one request per cycle */
    if (is_write) {
        /* write after read: waits until the queued read has gone */
        if (q->n >= q->depth)
            return HBM_PUSH_FULL;
        return m->q[HBM_Q_READ].n && hbm_req_queue_holds(&m->q[HBM_Q_READ], burst) ? HBM_PUSH_HAZARD
                                                                                  : HBM_PUSH_OK;
    }
    if (raw_of(m, burst, &slot) == RAW_FORWARD)
        return m->fwd_valid ? HBM_PUSH_FULL : HBM_PUSH_OK;  /* the forward register is busy */
    return q->n >= q->depth ? HBM_PUSH_FULL : HBM_PUSH_OK;
}

/* The queues' request port: a request the read-modify-write unit passes
 * on, or its own (an internal read's id has bit id_bits set). */
static int core_push(hbm_model *m, uint64_t addr, int is_write, uint32_t id,
                     const uint8_t *data, uint32_t byte_enable, uint64_t arrive)
{
    struct hbm_addr a;
    int rc;

    rc = check_push(m, addr, is_write);
    if (rc != HBM_PUSH_OK)
        return rc;
    if (!is_write) {
        int slot, raw = raw_of(m, addr & ~(uint64_t)(HBM_BURST_BYTES - 1), &slot);
        if (raw == RAW_FORWARD) {
            /* answered from the write's data, read in this cycle */
            const struct hbm_req_queue *wq = &m->q[HBM_Q_WRITE];
            m->fwd_in_valid = 1;
            m->fwd_in.id = id;
            m->fwd_in.is_write = 0;
            m->fwd_in.accept_cycle = arrive;   /* no data beat: latency 0 */
            m->fwd_in.done_cycle = arrive;
            memcpy(m->fwd_in.data, wq->data[slot], HBM_BURST_BYTES);
            m->ev_port |= EV(RAW_FORWARD);
            return HBM_PUSH_OK;
        }
        m->in_entry.dep = (int8_t)(raw == RAW_WAIT ? slot : -1);
        if (raw == RAW_WAIT)
            m->ev_port |= EV(RAW_WAIT);
    } else {
        m->in_entry.dep = -1;
    }
    hbm_addr_decode(&m->cfg, addr, &a);
    m->in_valid = 1;
    m->in_write = is_write ? 1 : 0;
    m->in_entry.addr = addr & ~(uint64_t)(HBM_BURST_BYTES - 1);
    m->in_entry.accept = m->now;
    m->in_entry.arrive = arrive;
    m->in_entry.id = id;
    m->in_entry.bank = (uint16_t)hbm_bank_index(&m->cfg, a.bg, a.ba);
    m->in_entry.row = (uint32_t)a.row;
    m->in_entry.col = (uint16_t)a.col;
    m->in_entry.flags = 0;
    if (is_write && data)
        memcpy(m->in_data, data, HBM_BURST_BYTES);
    else
        memset(m->in_data, 0, HBM_BURST_BYTES);
    m->in_enable = is_write ? byte_enable : 0;
    return HBM_PUSH_OK;
}

/* The queues' response port: a forwarded read's response first, then the
 * response FIFO's head.  The head as at the start of the cycle: 1 and *out,
 * or 0 (none, or one was taken this cycle). */
static int core_head(const hbm_model *m, struct hbm_resp *out)
{
    if (m->fwd_valid) {
        if (m->fwd_popped)
            return 0;
        *out = m->fwd;
        return 1;
    }
    if (!m->data.n || m->data.credit_return)
        return 0;
    *out = m->data.fifo[m->data.head];
    return 1;
}

static void core_pop(hbm_model *m)
{
    if (m->fwd_valid) {
        m->fwd_popped = 1;
        return;
    }
    hbm_datapath_pop(&m->data, NULL);
}

/* An internal read's response (the read-modify-write unit's): never offered. */
static int internal(const hbm_model *m, const struct hbm_resp *r)
{
    return (int)(r->id >> m->cfg.id_bits & 1);
}

/* ---- the request and response ports (through the read-modify-write unit) */

/*
 * ecc = secded has no write mask, so a partial write (any byte enable off)
 * is a read-modify-write (rtl/hbm_ecc_rmw.v, docs/microarchitecture.md):
 * the unit takes it from the request port register's head when the write
 * queue would (the head is then held but for reads of other bursts while
 * the unit waits for its read), sends
 * a read of its burst with the internal id bit from the next cycle until
 * it is accepted, takes that read's response off the response port in the
 * cycle it heads it (the user never sees it), merges the enabled bytes
 * into the corrected data, and sends the full write from the next cycle
 * until it is accepted; the head moves again in the cycle after.  When the
 * read was uncorrectable the write goes out with no byte enabled: the data
 * path poisons its words and its response carries ecc_error.
 */
/* The user's request may go to the queues: always while idle; while the
 * unit waits for its read, a read of another burst. */
static int rmw_passes(const hbm_model *m, uint64_t addr, int is_write)
{
    if (m->rmw_take)
        return 0;
    return m->rmw_state == RMW_IDLE ||
           (m->rmw_state == RMW_WAIT && !is_write &&
            (addr & ~(uint64_t)(HBM_BURST_BYTES - 1)) != m->rmw_addr);
}

int hbm_model_can_accept(const hbm_model *m, uint64_t addr, int is_write)
{
    (void)is_write;
    return addr < m->cfg.capacity_bytes && hbm_req_port_ready(&m->port);
}

/* 1 if a write to addr's burst at the queues' request port must wait: the
 * read queue holds a read of that burst (the RTL's probe, rq_same). */
static int war_hold(const hbm_model *m, uint64_t addr)
{
    const struct hbm_req_queue *rq = &m->q[HBM_Q_READ];
    return rq->n && hbm_req_queue_holds(rq, addr & ~(uint64_t)(HBM_BURST_BYTES - 1));
}

int hbm_model_offer(hbm_model *m, uint64_t addr, int is_write)
{
    int ok = hbm_model_can_accept(m, addr, is_write);

    /* the last offer of a cycle is the one the request port holds */
    m->ev_offer = ok ? 0 : EV(REQ_STALL);
    return ok;
}

uint32_t hbm_model_events(const hbm_model *m) { return m->events; }

int hbm_model_push(hbm_model *m, uint64_t addr, int is_write, uint32_t id,
                   const uint8_t *data, uint32_t byte_enable)
{
    if (id >> m->cfg.id_bits)
        return HBM_PUSH_ID;
    if (addr >= m->cfg.capacity_bytes)
        return HBM_PUSH_ADDR;
    if (!hbm_req_port_ready(&m->port))
        return HBM_PUSH_FULL;
    hbm_req_port_take(&m->port, addr, is_write, id, is_write ? data : NULL, is_write ? byte_enable : 0,
                      m->now);
    return HBM_PUSH_OK;
}

/* The request port register's head at the read-modify-write unit and the
 * queues (the request the RTL's hbm_ecc_rmw sees on req_*): 1 if it goes
 * at this edge.  A write the read queue holds back counts WAR_HOLD. */
static int port_cycle(hbm_model *m, uint32_t *ev)
{
    const struct hbm_port_req *h = hbm_req_port_head(&m->port);
    int rc;

    if (!h)
        return 0;
    if (h->is_write && rmw_passes(m, h->addr, 1) && war_hold(m, h->addr))
        *ev |= EV(WAR_HOLD);
    if (!rmw_passes(m, h->addr, h->is_write))
        return 0;
    if (m->cfg.ecc == HBM_ECC_SECDED && h->is_write && h->enable != FULL_BURST) {
        rc = check_push(m, h->addr, 1);
        if (rc != HBM_PUSH_OK)
            return 0;
        m->rmw_take = 1;
        m->rmw_addr = h->addr & ~(uint64_t)(HBM_BURST_BYTES - 1);
        m->rmw_arrive = h->arrive;
        m->rmw_id = h->id;
        memcpy(m->rmw_data, h->data, HBM_BURST_BYTES);
        m->rmw_enable = h->enable;
        return 1;
    }
    return core_push(m, h->addr, h->is_write, h->id, h->data, h->enable, h->arrive) == HBM_PUSH_OK;
}

/* The read-modify-write unit's part of a cycle, before the issue stage:
 * its request to the queues, and its read's response off the port. */
static int rmw_cycle(hbm_model *m)
{
    struct hbm_resp r;
    int next = m->rmw_state, b;

    if (m->rmw_state == RMW_READ) {
        if (core_push(m, m->rmw_addr, 0, m->rmw_id | 1u << m->cfg.id_bits, NULL, 0, m->now) == HBM_PUSH_OK)
            next = RMW_WAIT;
    } else if (m->rmw_state == RMW_WRITE) {
        if (core_push(m, m->rmw_addr, 1, m->rmw_id, m->rmw_data, m->rmw_error ? 0 : FULL_BURST,
                      m->rmw_arrive) == HBM_PUSH_OK) {
            next = RMW_IDLE;
            m->stats.ecc_rmw++;
        }
    }
    if (core_head(m, &r) && internal(m, &r)) {
        core_pop(m);
        for (b = 0; b < (int)HBM_BURST_BYTES; b++)
            if (!(m->rmw_enable >> b & 1))
                m->rmw_data[b] = r.data[b];
        m->rmw_error = r.ecc_error;
        next = RMW_WRITE;
    }
    return next;
}

int hbm_model_resp_valid(const hbm_model *m)
{
    struct hbm_resp r;
    return core_head(m, &r) && !internal(m, &r);
}

int hbm_model_peek_resp(const hbm_model *m, struct hbm_resp *out)
{
    struct hbm_resp r;
    if (!core_head(m, &r) || internal(m, &r))
        return 0;
    *out = r;
    return 1;
}

int hbm_model_pop_resp(hbm_model *m, struct hbm_resp *out)
{
    struct hbm_resp r;

    if (!core_head(m, &r) || internal(m, &r))
        return 0;   /* none, an internal one, or one was taken this cycle */
    core_pop(m);
    m->resp_taken = r.is_write ? 2 : 1;
    if (out)
        *out = r;
    return 1;
}

uint32_t hbm_model_bwmon(hbm_model *m, int addr, int we, uint32_t wdata)
{
    m->bwmon.addr = addr & (HBM_BWMON_REGS - 1);
    m->bwmon.we = we;
    m->bwmon.wdata = wdata;
    return m->bwmon.rdata;
}

const struct hbm_bw_monitor *hbm_model_bwmon_state(const hbm_model *m) { return &m->bwmon; }

int hbm_model_idle(const hbm_model *m)
{
    return !m->port.n && !m->port.took && !m->in_valid && m->rmw_state == RMW_IDLE && !m->rmw_take && !m->q[0].n && !m->q[1].n && !m->data.inflight && !m->data.n &&
           !m->fwd_valid && m->issue.col_code == HBM_CMD_NOP;
}

/* ---- one cycle ------------------------------------------------------- */

/* A command on the bus in DRAM clock `cycle`: timing, device, statistics, the hook. */
static void emit(hbm_model *m, uint64_t cycle, int code, int bank, uint32_t row, int col, int cause)
{
    struct hbm_cmd c;

    c.cycle = cycle;
    c.code = code;
    c.ch = 0;
    c.pc = 0;
    c.bg = bank / m->cfg.banks_per_group;
    c.ba = bank % m->cfg.banks_per_group;
    c.row = (int)row;
    c.col = col;
    c.cause = cause;
    hbm_stats_command(&m->stats, &c, m->cfg.tburst);
    hbm_timing_issue(&m->timing, code, bank, cycle);
    hbm_device_command(m->dev, &c);
    if (m->hook)
        m->hook(m->hook_ctx, &c);
}

static int cause_of(uint8_t flags)
{
    return (flags & HBM_QF_PRE) ? HBM_CAUSE_CONFLICT : (flags & HBM_QF_ACT) ? HBM_CAUSE_MISS : HBM_CAUSE_HIT;
}

/* The issue register's bank events: bank state, and the closes in every
 * queue (hit flags of closed banks cleared).  The ACT's hits wait for the
 * edge (act_hits). */
static void bank_events(hbm_model *m, const struct hbm_sched_out *d)
{
    uint64_t closes;
    int qi;

    closes = hbm_bank_state_closes(&m->banks, d->row_code, d->row_bank, d->col_code, d->col_bank);
    hbm_bank_state_update(&m->banks, d->row_code, d->row_bank, d->row_row, d->col_code, d->col_bank);
    for (qi = 0; qi < 2; qi++) {
        uint64_t c;
        for (c = closes & m->q[qi].busy; c; c &= c - 1)
            hbm_req_queue_bank_closed(&m->q[qi], hbm_lowest_bit(c));
    }
}

static void act_hits(hbm_model *m, const struct hbm_sched_out *d)
{
    int qi;
    if (d->row_code == HBM_CMD_ACT)
        for (qi = 0; qi < 2; qi++)
            hbm_req_queue_bank_opened(&m->q[qi], d->row_bank, d->row_row);
}

/*
 * What the energy counters (hbm_bw_monitor) count in this clock: the issue
 * register's commands, and its DRAM clocks that have a bank open, each
 * after the commands of its own and the earlier clocks (rtl/hbm_ctrl.v
 * computes the same from open_o and open_next_o).
 */
static void energy_counts(const hbm_model *m, const struct hbm_sched_out *d, struct hbm_bwmon_clock *k)
{
    int p;

    k->rd_done = k->wr_done = 0;
    if (d->row_code == HBM_CMD_NOP && d->col_code == HBM_CMD_NOP) {   /* most clocks */
        k->act = k->refab = k->refpb = k->rd = k->wr = 0;
        k->active = m->banks.open ? m->cfg.dfi_ratio : 0;
        return;
    }
    k->active = 0;
    k->act = d->row_code == HBM_CMD_ACT;
    k->refab = d->row_code == HBM_CMD_REFAB;
    k->refpb = d->row_code == HBM_CMD_REFPB;
    k->rd = d->col_code == HBM_CMD_RD || d->col_code == HBM_CMD_RDA;
    k->wr = d->col_code == HBM_CMD_WR || d->col_code == HBM_CMD_WRA;
    for (p = 0; p < m->cfg.dfi_ratio; p++) {
        uint64_t open = m->banks.open, at = m->now + (uint64_t)p;
        if (d->row_code != HBM_CMD_NOP && d->row_cycle <= at) {
            if (d->row_code == HBM_CMD_ACT)
                open |= (uint64_t)1 << d->row_bank;
            else if (d->row_code == HBM_CMD_PRE)
                open &= ~((uint64_t)1 << d->row_bank);
            else if (d->row_code == HBM_CMD_PREA)
                open = 0;
        }
        if ((d->col_code == HBM_CMD_RDA || d->col_code == HBM_CMD_WRA) && d->col_cycle <= at)
            open &= ~((uint64_t)1 << d->col_bank);
        k->active += open != 0;
    }
}

/* Issue stage: the commands of the issue register on the buses, and their
 * effect on every unit (all but the ACT's hits). */
static void issue(hbm_model *m, struct hbm_sched_out *d)
{
    struct hbm_req_queue *q = &m->q[d->write_mode ? HBM_Q_WRITE : HBM_Q_READ];
    struct hbm_queue_entry col_entry = {0, 0, 0, 0, 0, 0, 0, 0, -1};

    m->sched.leaving[HBM_Q_READ] = m->sched.leaving[HBM_Q_WRITE] = 0;
    hbm_sched_issued(&m->sched, d);
    if (d->row_code == HBM_CMD_NOP && d->col_code == HBM_CMD_NOP)
        return;
    /* The row pick marks the entry it serves (before the column command
     * reads its flags: the two never serve the same entry). */
    if (d->row_code != HBM_CMD_NOP && d->row_pos >= 0)
        hbm_req_queue_at(q, d->row_pos)->flags |= d->row_code == HBM_CMD_PRE ? HBM_QF_PRE : HBM_QF_ACT;
    /* The commands in the order of their DRAM clocks (dfi_ratio 2: a
     * column command may go out in the clock before the row command). */
    if (d->row_code != HBM_CMD_NOP && (d->col_code == HBM_CMD_NOP || d->row_cycle <= d->col_cycle))
        emit(m, d->row_cycle, d->row_code, d->row_bank, d->row_row, 0, HBM_CAUSE_HIT);
    if (d->col_code != HBM_CMD_NOP) {
        int slot = q->order[d->col_pos];
        col_entry = *hbm_req_queue_at(q, d->col_pos);
        if (d->write_mode)
            m->wdone_slot = slot;   /* reads waiting for it stop at the edge */
        emit(m, d->col_cycle, d->col_code, col_entry.bank, col_entry.row, col_entry.col,
             cause_of(col_entry.flags));
        hbm_datapath_issue(&m->data, d->col_cycle, d->write_mode, col_entry.id, col_entry.arrive,
                           q->data[slot], q->enable[slot]);
        if (d->row_code != HBM_CMD_NOP && d->row_cycle > d->col_cycle)
            emit(m, d->row_cycle, d->row_code, d->row_bank, d->row_row, 0, HBM_CAUSE_HIT);
    }
    bank_events(m, d);
    if (d->row_code == HBM_CMD_PRE)
        hbm_refresh_bank_closed(&m->refresh, d->row_bank, 0);
    if (d->col_code == HBM_CMD_RDA || d->col_code == HBM_CMD_WRA)  /* wins over a PRE */
        hbm_refresh_bank_closed(&m->refresh, col_entry.bank, col_entry.col == m->cfg.columns - 1);
    if (d->col_code != HBM_CMD_NOP) {
        hbm_req_queue_pop(q, d->col_pos);
        if (d->col_pos == 0)
            m->sched.leaving[d->write_mode ? HBM_Q_WRITE : HBM_Q_READ] = 1;
    }
}

void hbm_model_tick(hbm_model *m)
{
    struct hbm_sched_out picked;
    const struct hbm_resp *r;
    int was_active = m->refresh.active, p, rmw_next, qi, went;
    uint32_t ev = m->ev_offer;
    struct hbm_bwmon_clock bw;

    /* The request port register's head goes to the queues (or the
     * read-modify-write unit) if they take it. */
    went = port_cycle(m, &ev);
    rmw_next = m->rmw_state;

    /* The events of the state at the start of the cycle. */
    for (qi = 0; qi < 2; qi++) {
        const struct hbm_req_queue *q = &m->q[qi];
        if (q->n == 0)
            ev |= qi ? EV(WQ_EMPTY) : EV(RQ_EMPTY);
        if (q->n == q->depth - 1)
            ev |= qi ? EV(WQ_ONE_LEFT) : EV(RQ_ONE_LEFT);
        if (q->n == q->depth)
            ev |= qi ? EV(WQ_FULL) : EV(RQ_FULL);
    }
    if (!m->resp_taken && hbm_model_resp_valid(m))
        ev |= EV(RESP_STALL);
    if (m->refresh.debt && m->refresh.debt >= m->refresh.postpone)
        ev |= EV(REFRESH_URGENT);
    if (m->rmw_state == RMW_WRITE && war_hold(m, m->rmw_addr))
        ev |= EV(WAR_HOLD);

    /* The read-modify-write unit's request and response of this cycle. */
    if (m->cfg.ecc == HBM_ECC_SECDED)
        rmw_next = rmw_cycle(m);

    /* The refresh engine, from the state at the start of the cycle: a
     * REFAB/REFPB in the issue register ends its refresh; with none
     * active, one may start. */
    if (m->issue.row_code == HBM_CMD_REFAB || m->issue.row_code == HBM_CMD_REFPB)
        hbm_refresh_done(&m->refresh);
    else if (!was_active && m->refresh.debt)
        hbm_refresh_decide(&m->refresh, m->q[0].busy | m->q[1].busy, !m->q[0].n && !m->q[1].n);

    /* Issue stage, then the picks of the next cycle.  The energy counters
     * count the issue register's commands and the DRAM clocks with a bank
     * open after them. */
    energy_counts(m, &m->issue, &bw);
    issue(m, &m->issue);
    hbm_sched_decide(&m->sched, m->now, &picked);
    m->events = ev | picked.events | m->ev_port;
    m->ev_port = m->ev_offer = 0;

    /* The data buses of this cycle's DRAM clocks. */
    for (p = 0; p < m->cfg.dfi_ratio; p++) {
        r = hbm_datapath_step(&m->data, m->dev, m->now + (uint64_t)p);
        if (r && !internal(m, r))   /* the read-modify-write unit's own read is no request */
            hbm_stats_response(&m->stats, r->is_write, r->accept_cycle, r->done_cycle, HBM_BURST_BYTES);
    }
    m->stats.burst_overlaps = m->data.overlaps;
    m->stats.ecc_corrected = m->data.ecc_corrected;
    m->stats.ecc_uncorrectable = m->data.ecc_uncorrectable;

    /* Clock edge: the ACT's hits, the request taken, credits, refresh
     * interval; the picks become the issue register. */
    act_hits(m, &m->issue);
    if (m->wdone_slot >= 0) {
        hbm_req_queue_write_done(&m->q[HBM_Q_READ], m->wdone_slot);
        m->wdone_slot = -1;
    }
    if (m->fwd_popped)
        m->fwd_valid = m->fwd_popped = 0;
    if (m->fwd_in_valid) {
        m->fwd = m->fwd_in;
        m->fwd_valid = 1;
        m->fwd_in_valid = 0;
        if (!internal(m, &m->fwd)) {
            m->stats.reads_forwarded++;
            hbm_stats_response(&m->stats, 0, m->fwd.accept_cycle, m->fwd.done_cycle, HBM_BURST_BYTES);
        }
    }
    if (m->in_valid) {
        const struct hbm_queue_entry *e = &m->in_entry;
        int hit = hbm_bank_state_hits(&m->banks, e->bank, e->row);
        hbm_req_queue_push(&m->q[m->in_write], e, hit, m->in_write ? m->in_data : NULL, m->in_enable);
        m->in_valid = 0;
    }
    hbm_datapath_edge(&m->data);
    bw.rd_done = m->resp_taken == 1;
    bw.wr_done = m->resp_taken == 2;
    hbm_bw_monitor_edge(&m->bwmon, &bw);
    m->resp_taken = 0;
    hbm_refresh_tick(&m->refresh, m->cfg.dfi_ratio);
    hbm_req_port_edge(&m->port, went);
    m->rmw_state = m->rmw_take ? RMW_READ : rmw_next;
    m->rmw_take = 0;
    m->issue = picked;
    m->now += (uint64_t)m->cfg.dfi_ratio;
    m->stats.cycles = m->now;
}
