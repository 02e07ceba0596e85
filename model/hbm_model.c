/*
 * hbm_model.c - the controller model: queues, scheduler, data path and
 * statistics.  The work inside hbm_model_tick() follows the steps of
 * docs/microarchitecture.md, section "One clock" (mode, refresh, column
 * pick, row pick, issue, data buses, clock edge).
 */
#include "hbm_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hbm_addrmap.h"
#include "hbm_bits.h"
#include "hbm_refresh.h"
#include "hbm_timing.h"

#define MAX_Q 64
#define LINE 128          /* data-path delay lines (RL, WL <= 63) */
#define Q_READ 0
#define Q_WRITE 1

/* Entry flags: why the request needed row commands (for the statistics). */
#define F_MISS 1u
#define F_CONFLICT 2u

struct entry {
    uint64_t addr;
    uint64_t accept;      /* cycle of the handshake */
    uint32_t id;
    uint16_t bank, col;
    uint32_t row;
    uint8_t flags;
};

/*
 * A queue: entries live in fixed slots (a write's data slot has the same
 * index); order[] lists the occupied slots oldest first, as the RTL's
 * collapsing age list does.
 */
struct queue {
    struct entry slot[MAX_Q];
    uint8_t order[MAX_Q];
    uint64_t free_slots;
    int n, depth;
    int pend[HBM_MAX_BANKS]; /* entries per bank */
    int hits[HBM_MAX_BANKS]; /* entries hitting the bank's open row */
    uint64_t pend_mask;      /* banks with pend > 0 */
    uint64_t hit_mask;       /* banks with hits > 0 */
};

/* The i-th oldest entry of a queue. */
#define QE(q, i) (&(q)->slot[(q)->order[i]])

static void set_bit(uint64_t *mask, int b, int on)
{
    if (on)
        *mask |= (uint64_t)1 << b;
    else
        *mask &= ~((uint64_t)1 << b);
}

static void add_pend(struct queue *q, int b, int d)
{
    q->pend[b] += d;
    set_bit(&q->pend_mask, b, q->pend[b] > 0);
}

static void add_hits(struct queue *q, int b, int d)
{
    q->hits[b] += d;
    set_bit(&q->hit_mask, b, q->hits[b] > 0);
}

#define lowest_bit hbm_lowest_bit

/*
 * A burst on the data bus, recorded at its first DFI clock (RL or WL after
 * its column command).  Bursts never overlap, so at most one is in flight
 * on the data bus at a time.
 */
struct burst {
    int valid, is_write;
    uint32_t id;
    uint64_t accept;
    uint8_t data[HBM_BURST_BYTES];   /* write data out, or read data in */
    uint32_t enable;
};

struct resp_fifo {
    struct hbm_resp r[MAX_Q];
    int head, n, depth;
};

struct hbm_model {
    struct hbm_config cfg;
    struct hbm_timing timing;
    struct hbm_refresh refresh;
    hbm_device *dev;
    uint64_t now;

    struct queue q[2];
    uint8_t wdata[MAX_Q][HBM_BURST_BYTES];  /* by write-queue slot */
    uint32_t wenable[MAX_Q];

    int open[HBM_MAX_BANKS];
    uint32_t open_row[HBM_MAX_BANKS];
    uint64_t open_mask;   /* banks with open[b] */
    uint64_t group_banks[HBM_MAX_BANKS]; /* banks of each bank group */
    int write_mode;

    /* the request offered in the current cycle, enters the queue at the edge */
    int in_valid, in_write;
    struct entry in_entry;
    uint8_t in_data[HBM_BURST_BYTES];
    uint32_t in_enable;

    struct resp_fifo resp;
    int inflight;         /* column commands whose response is not yet queued */
    int credit_return;    /* responses popped this cycle */

    struct burst line[LINE];   /* bursts by the cycle of their first DFI clock */
    struct burst cur;          /* the burst on the data bus now */
    int cur_beat;              /* its DFI clock, 0 .. tBURST-1 */

    /*
     * Simulation shortcut, not hardware: each pick is a pure function of
     * the state, so once it fails it keeps failing until the earliest
     * timing bound among its candidates (col_wake, row_wake) unless the
     * state changes first.  A command, a mode or refresh change, or a
     * popped response resets a bound to 0 (evaluate); a new request only
     * lowers it to its own bank's bound.  Skipping the picks in between
     * gives exactly the same commands in the same cycles.
     */
    uint64_t col_wake, row_wake;
    int col_wants_credit;  /* the column pick last failed for want of a credit */
    uint64_t starve_at;    /* next cycle a queue head starves */

    hbm_cmd_hook hook;
    void *hook_ctx;
    struct hbm_stats stats;
};

/* ------------------------------------------------------------------ */

hbm_model *hbm_model_create(const struct hbm_config *cfg, char *err)
{
    hbm_model *m;
    int i;
    char why[HBM_ERR_MAX];
    struct hbm_config c = *cfg;

    if (hbm_config_finish(&c, why)) {
        if (err)
            snprintf(err, HBM_ERR_MAX, "%s", why);
        return NULL;
    }
    if (c.banks > HBM_MAX_BANKS || c.read_queue_depth > MAX_Q || c.write_queue_depth > MAX_Q ||
        c.resp_queue_depth > MAX_Q) {
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
    m->dev = hbm_device_create(&c, err);
    if (!m->dev) {
        free(m);
        return NULL;
    }
    if (hbm_timing_init(&m->timing, &c, err)) {
        hbm_device_free(m->dev);
        free(m);
        return NULL;
    }
    hbm_refresh_init(&m->refresh, &c);
    for (i = 0; i < c.banks; i++)
        m->group_banks[i / c.banks_per_group] |= (uint64_t)1 << i;
    m->q[Q_READ].depth = c.read_queue_depth;
    m->q[Q_WRITE].depth = c.write_queue_depth;
    m->resp.depth = c.resp_queue_depth;
    m->q[Q_READ].free_slots = c.read_queue_depth >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << c.read_queue_depth) - 1);
    m->q[Q_WRITE].free_slots = c.write_queue_depth >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << c.write_queue_depth) - 1);
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
int hbm_model_write_mode(const hbm_model *m) { return m->write_mode; }

int hbm_model_bank_open(const hbm_model *m, int bank, int *row)
{
    if (row)
        *row = (int)m->open_row[bank];
    return m->open[bank];
}

void hbm_model_set_cmd_hook(hbm_model *m, hbm_cmd_hook fn, void *ctx)
{
    m->hook = fn;
    m->hook_ctx = ctx;
}

/* ------------------------------------------------------------------ */
/* Request port                                                        */

static int same_burst_queued(const struct queue *q, uint64_t addr)
{
    int i;
    for (i = 0; i < q->n; i++)
        if (QE(q, i)->addr == addr)
            return 1;
    return 0;
}

static int check_push(const hbm_model *m, uint64_t addr, int is_write)
{
    const struct queue *q = &m->q[is_write ? Q_WRITE : Q_READ];
    const struct queue *other = &m->q[is_write ? Q_READ : Q_WRITE];
    uint64_t burst = addr & ~(uint64_t)(HBM_BURST_BYTES - 1);

    if (addr >= m->cfg.capacity_bytes)
        return HBM_PUSH_ADDR;
    if (m->in_valid || q->n >= q->depth)
        return HBM_PUSH_FULL;
    if (other->n && same_burst_queued(other, burst))
        return HBM_PUSH_HAZARD;
    return HBM_PUSH_OK;
}

int hbm_model_can_accept(const hbm_model *m, uint64_t addr, int is_write)
{
    return check_push(m, addr, is_write) == HBM_PUSH_OK;
}

int hbm_model_push(hbm_model *m, uint64_t addr, int is_write, uint32_t id,
                   const uint8_t *data, uint32_t byte_enable)
{
    struct hbm_addr a;
    int rc;

    if (id >> m->cfg.id_bits)
        return HBM_PUSH_ID;
    rc = check_push(m, addr, is_write);
    if (rc != HBM_PUSH_OK)
        return rc;
    hbm_addr_decode(&m->cfg, addr, &a);
    m->in_valid = 1;
    m->in_write = is_write ? 1 : 0;
    m->in_entry.addr = addr & ~(uint64_t)(HBM_BURST_BYTES - 1);
    m->in_entry.accept = m->now;
    m->in_entry.id = id;
    m->in_entry.bank = (uint16_t)hbm_bank_index(&m->cfg, a.bg, a.ba);
    m->in_entry.row = (uint32_t)a.row;
    m->in_entry.col = (uint16_t)a.col;
    m->in_entry.flags = 0;
    if (is_write) {
        if (data)
            memcpy(m->in_data, data, HBM_BURST_BYTES);
        else
            memset(m->in_data, 0, HBM_BURST_BYTES);
        m->in_enable = byte_enable;
    }
    return HBM_PUSH_OK;
}

int hbm_model_resp_valid(const hbm_model *m)
{
    return m->resp.n > 0;
}

int hbm_model_pop_resp(hbm_model *m, struct hbm_resp *out)
{
    struct resp_fifo *f = &m->resp;
    if (!f->n)
        return 0;
    if (out)
        *out = f->r[f->head];
    f->head = (f->head + 1) % MAX_Q;
    f->n--;
    m->credit_return++;
    if (m->col_wants_credit)
        m->col_wake = 0; /* the pick waited for this credit */
    return 1;
}

int hbm_model_idle(const hbm_model *m)
{
    return !m->in_valid && !m->q[0].n && !m->q[1].n && !m->inflight && !m->resp.n &&
           !m->refresh.active;
}

/* ------------------------------------------------------------------ */
/* Queue bookkeeping                                                   */

static int hits_row(const hbm_model *m, const struct entry *e)
{
    return m->open[e->bank] && m->open_row[e->bank] == e->row;
}

static uint64_t min_u64(uint64_t a, uint64_t b) { return a < b ? a : b; }

/* A new request can make a pick succeed only through its own bank. */
static void lower_wakes(hbm_model *m, const struct entry *e)
{
    const struct hbm_timing *t = &m->timing;
    int b = e->bank;

    if (hits_row(m, e)) {
        m->col_wake = min_u64(m->col_wake, min_u64(hbm_timing_class(t, HBM_TC_RD, b),
                                                   hbm_timing_class(t, HBM_TC_WR, b)));
    } else if (!m->open[b]) {
        m->row_wake = min_u64(m->row_wake, hbm_timing_earliest(t, HBM_CMD_ACT, b));
    } else {
        m->row_wake = min_u64(m->row_wake, hbm_timing_class(t, HBM_TC_PRE, b));
    }
}

static void enqueue(hbm_model *m)
{
    struct queue *q = &m->q[m->in_write];
    int s = lowest_bit(q->free_slots);
    struct entry *e = &q->slot[s];

    q->free_slots &= ~((uint64_t)1 << s);
    q->order[q->n++] = (uint8_t)s;
    *e = m->in_entry;
    add_pend(q, e->bank, 1);
    if (hits_row(m, e))
        add_hits(q, e->bank, 1);
    if (m->in_write) {
        memcpy(m->wdata[s], m->in_data, HBM_BURST_BYTES);
        m->wenable[s] = m->in_enable;
    }
    m->in_valid = 0;
    lower_wakes(m, e);
}

static void dequeue(hbm_model *m, struct queue *q, int idx)
{
    const struct entry *e = QE(q, idx);

    add_pend(q, e->bank, -1);
    if (hits_row(m, e))
        add_hits(q, e->bank, -1);
    q->free_slots |= (uint64_t)1 << q->order[idx];
    memmove(&q->order[idx], &q->order[idx + 1], (size_t)(q->n - idx - 1));
    q->n--;
    if (idx == 0) {
        /* A new head: its starvation changes what the picks may do. */
        m->col_wake = 0;
        m->row_wake = 0;
    }
}

/* A bank's row changed: recount the entries that hit its open row. */
static void recount_hits(hbm_model *m, int bank)
{
    int qi, i;
    for (qi = 0; qi < 2; qi++) {
        struct queue *q = &m->q[qi];
        int n = 0;
        if (m->open[bank] && q->pend[bank])
            for (i = 0; i < q->n; i++)
                if (QE(q, i)->bank == bank && QE(q, i)->row == m->open_row[bank])
                    n++;
        add_hits(q, bank, n - q->hits[bank]);
    }
}

/* ------------------------------------------------------------------ */
/* Issue                                                               */

static void emit(hbm_model *m, int code, int bank, uint32_t row, int col, int cause)
{
    struct hbm_cmd c;

    /* Any command can enable a column command; row commands can enable
     * row commands too (a column command lowers row_wake itself). */
    m->col_wake = 0;
    if (hbm_cmd_is_row(code))
        m->row_wake = 0;
    c.cycle = m->now;
    c.code = code;
    c.ch = 0;
    c.pc = 0;
    c.bg = bank / m->cfg.banks_per_group;
    c.ba = bank % m->cfg.banks_per_group;
    c.row = (int)row;
    c.col = col;
    c.cause = cause;
    hbm_stats_command(&m->stats, &c, m->cfg.tburst);
    hbm_timing_issue(&m->timing, code, bank, m->now);
    hbm_device_command(m->dev, &c);
    if (m->hook)
        m->hook(m->hook_ctx, &c);
}

static void close_bank(hbm_model *m, int bank)
{
    m->open[bank] = 0;
    m->open_mask &= ~((uint64_t)1 << bank);
    add_hits(&m->q[0], bank, -m->q[0].hits[bank]);
    add_hits(&m->q[1], bank, -m->q[1].hits[bank]);
}

static void issue_row(hbm_model *m, int code, int bank, uint32_t row)
{
    int b;

    emit(m, code, bank, row, 0, HBM_CAUSE_HIT);
    switch (code) {
    case HBM_CMD_ACT:
        m->open[bank] = 1;
        m->open_mask |= (uint64_t)1 << bank;
        m->open_row[bank] = row;
        recount_hits(m, bank);
        break;
    case HBM_CMD_PRE:
        close_bank(m, bank);
        m->refresh.last_closed = bank;
        m->refresh.last_closed_end = 0;
        break;
    case HBM_CMD_PREA:
        for (b = 0; b < m->cfg.banks; b++)
            close_bank(m, b);
        break;
    case HBM_CMD_REFAB:
    case HBM_CMD_REFPB:
        hbm_refresh_done(&m->refresh);
        break;
    default:
        break;
    }
}

/* Auto-precharge decision of the page policy for the entry at idx. */
static int auto_precharge(const hbm_model *m, int qi, int idx)
{
    const struct entry *e = QE(&m->q[qi], idx);
    int others;

    switch (m->cfg.page_policy) {
    case HBM_PAGE_CLOSED:
        return 1;
    case HBM_PAGE_ADAPTIVE:
        /* Other queued requests (either queue) that hit the same open row. */
        others = m->q[0].hits[e->bank] + m->q[1].hits[e->bank] - 1;
        return others == 0;
    default:
        return 0;
    }
}

static void issue_column(hbm_model *m, int qi, int idx)
{
    struct entry e = *QE(&m->q[qi], idx);
    int slot = m->q[qi].order[idx];
    const struct hbm_config *c = &m->cfg;
    int ap = auto_precharge(m, qi, idx);
    int code;
    uint64_t first;
    struct burst *bu;

    if (qi == Q_READ)
        code = ap ? HBM_CMD_RDA : HBM_CMD_RD;
    else
        code = ap ? HBM_CMD_WRA : HBM_CMD_WR;
    emit(m, code, e.bank, e.row, e.col,
         (e.flags & F_CONFLICT) ? HBM_CAUSE_CONFLICT : (e.flags & F_MISS) ? HBM_CAUSE_MISS : HBM_CAUSE_HIT);
    m->inflight++;

    /* Data path: record the burst at its first DFI clock. */
    first = m->now + (uint64_t)(qi == Q_READ ? c->rl : c->wl);
    bu = &m->line[first % LINE];
    bu->valid = 1;
    bu->is_write = qi == Q_WRITE;
    bu->id = e.id;
    bu->accept = e.accept;
    if (qi == Q_WRITE) {
        memcpy(bu->data, m->wdata[slot], HBM_BURST_BYTES);
        bu->enable = m->wenable[slot];
    }
    dequeue(m, &m->q[qi], idx);
    if (ap) {
        close_bank(m, e.bank);
        m->refresh.last_closed = e.bank;  /* issued after the row command */
        m->refresh.last_closed_end = e.col == c->columns - 1;
    }
    /* The row pick can only gain this bank: closed now, or open with no hits left. */
    if (!m->open[e.bank])
        m->row_wake = min_u64(m->row_wake, hbm_timing_earliest(&m->timing, HBM_CMD_ACT, e.bank));
    else if (!m->q[qi].hits[e.bank])
        m->row_wake = min_u64(m->row_wake, hbm_timing_class(&m->timing, HBM_TC_PRE, e.bank));
}

/* ------------------------------------------------------------------ */
/* Scheduler                                                           */

/* 1 if the oldest request of queue qi has waited starve_limit cycles or more. */
static int head_starved(const hbm_model *m, int qi)
{
    const struct queue *q = &m->q[qi];
    return m->cfg.starve_limit && q->n &&
           m->now - QE(q, 0)->accept >= (uint64_t)m->cfg.starve_limit;
}

/*
 * 1 if the oldest request of queue qi is served before any other: always
 * under the fcfs scheduler, and under frfcfs once it has starved.
 */
static int head_first(const hbm_model *m, int qi)
{
    return (m->cfg.scheduler == HBM_SCHED_FCFS && m->q[qi].n) || head_starved(m, qi);
}

/* Cycle at which the oldest request of queue qi starves (UINT64_MAX: never, or already). */
static uint64_t starve_time(const hbm_model *m, int qi)
{
    const struct queue *q = &m->q[qi];
    uint64_t t;
    if (!m->cfg.starve_limit || !q->n)
        return UINT64_MAX;
    t = QE(q, 0)->accept + (uint64_t)m->cfg.starve_limit;
    return t > m->now ? t : UINT64_MAX;
}

static int update_write_mode(const hbm_model *m)
{
    int rq = m->q[Q_READ].n, wq = m->q[Q_WRITE].n;
    int sr = head_starved(m, Q_READ), sw = head_starved(m, Q_WRITE);

    /* A starved head wins over the watermarks; of two, the older one. */
    if (sr && sw)
        return QE(&m->q[Q_WRITE], 0)->accept < QE(&m->q[Q_READ], 0)->accept;
    if (sr || sw)
        return sw;
    if (!m->write_mode)
        return wq >= m->cfg.wq_high || (rq == 0 && wq > 0);
    return !(wq == 0 || (wq <= m->cfg.wq_low && rq > 0));
}

static int credits(const hbm_model *m)
{
    /* A response popped this cycle frees its slot at the clock edge. */
    return m->resp.depth - m->resp.n - m->credit_return - m->inflight;
}

/* Banks whose bank-group level allows a command class now. */
static uint64_t groups_ready(const hbm_model *m, int cls)
{
    uint64_t mask = 0;
    int g;
    for (g = 0; g < m->cfg.bankgroups; g++)
        if (m->timing.group[g][cls] <= m->now)
            mask |= m->group_banks[g];
    return mask;
}

/* Column pick: the oldest row hit of the active queue whose command is legal. */
static int pick_column(const hbm_model *m, int qi, uint64_t blocked)
{
    const struct queue *q = &m->q[qi];
    const struct hbm_timing *t = &m->timing;
    uint64_t ready = 0, cand;
    int cls = qi == Q_READ ? HBM_TC_RD : HBM_TC_WR;
    int i;

    if (!q->n || credits(m) <= 0)
        return -1;
    /* Channel level first (tCCD_S gaps), then bank groups, then banks. */
    if (t->chan[cls] > m->now)
        return -1;
    for (cand = q->hit_mask & ~blocked & groups_ready(m, cls); cand; cand &= cand - 1) {
        int b = lowest_bit(cand);
        if (t->bank[b][cls] <= m->now)
            ready |= (uint64_t)1 << b;
    }
    /* A starved head that misses keeps younger hits off its bank. */
    if (head_starved(m, qi) && !hits_row(m, QE(q, 0)))
        ready &= ~((uint64_t)1 << QE(q, 0)->bank);
    if (!ready)
        return -1;
    /* fcfs serves the oldest request only. */
    for (i = 0; i < (m->cfg.scheduler == HBM_SCHED_FCFS ? 1 : q->n); i++) {
        const struct entry *e = QE(q, i);
        if ((ready >> e->bank & 1) && m->open_row[e->bank] == e->row)
            return i;
    }
    return -1;
}

/*
 * Row pick: the oldest request of the active queue that needs a row
 * command (ACT to its closed bank, or PRE of a bank whose open row no
 * request of the active queue hits) that is legal now.
 */
static int pick_row(const hbm_model *m, int qi, uint64_t blocked, int *code)
{
    const struct queue *q = &m->q[qi];
    uint64_t act_ok = 0, pre_ok = 0, cand;
    int i;

    if (!q->n)
        return -1;
    /* A head served first (fcfs, or starved) that misses takes the row bus
     * alone, open-page rule or not; under fcfs no other entry gets it. */
    if (head_first(m, qi) && !hits_row(m, QE(q, 0))) {
        int b = QE(q, 0)->bank;
        if (blocked >> b & 1)
            return -1;
        *code = m->open[b] ? HBM_CMD_PRE : HBM_CMD_ACT;
        return hbm_timing_ok(&m->timing, *code, b, m->now) ? 0 : -1;
    }
    if (m->cfg.scheduler == HBM_SCHED_FCFS)
        return -1;
    /* Shortcut: the channel level alone holds every bank back (row bus, tRRD). */
    if (m->timing.chan[HBM_TC_ACT] > m->now && m->timing.chan[HBM_TC_PRE] > m->now)
        return -1;
    for (cand = q->pend_mask & ~blocked & ~m->open_mask; cand; cand &= cand - 1) {
        int b = lowest_bit(cand);
        if (hbm_timing_ok(&m->timing, HBM_CMD_ACT, b, m->now))
            act_ok |= (uint64_t)1 << b;
    }
    for (cand = q->pend_mask & ~blocked & m->open_mask & ~q->hit_mask; cand; cand &= cand - 1) {
        int b = lowest_bit(cand);
        if (hbm_timing_ok(&m->timing, HBM_CMD_PRE, b, m->now))
            pre_ok |= (uint64_t)1 << b;
    }
    if (!act_ok && !pre_ok)
        return -1;
    for (i = 0; i < q->n; i++) {
        const struct entry *e = QE(q, i);
        if (act_ok >> e->bank & 1) {
            *code = HBM_CMD_ACT;
            return i;
        }
        if (pre_ok >> e->bank & 1) {
            *code = HBM_CMD_PRE;
            return i;
        }
    }
    return -1;
}

/* The refresh engine's row command this cycle, if it has a legal one. */
static int refresh_command(const hbm_model *m, int *bank)
{
    const struct hbm_refresh *r = &m->refresh;
    int b, any_open = 0;

    if (!r->active)
        return HBM_CMD_NOP;
    if (r->mode == HBM_REFRESH_ALL_BANK) {
        for (b = 0; b < m->cfg.banks; b++)
            any_open |= m->open[b];
        *bank = 0;
        if (any_open)
            return hbm_timing_ok(&m->timing, HBM_CMD_PREA, 0, m->now) ? HBM_CMD_PREA : HBM_CMD_NOP;
        return hbm_timing_ok(&m->timing, HBM_CMD_REFAB, 0, m->now) ? HBM_CMD_REFAB : HBM_CMD_NOP;
    }
    *bank = r->bank;
    if (m->open[r->bank])
        return hbm_timing_ok(&m->timing, HBM_CMD_PRE, r->bank, m->now) ? HBM_CMD_PRE : HBM_CMD_NOP;
    return hbm_timing_ok(&m->timing, HBM_CMD_REFPB, r->bank, m->now) ? HBM_CMD_REFPB : HBM_CMD_NOP;
}

/* Lower bound on the next cycle the column pick can succeed, the state staying as it is. */
static uint64_t column_wake(const hbm_model *m, int qi, uint64_t blocked)
{
    const struct queue *q = &m->q[qi];
    const struct hbm_timing *t = &m->timing;
    uint64_t w = UINT64_MAX, cand;
    int cls = qi == Q_READ ? HBM_TC_RD : HBM_TC_WR;

    /* Responses popped this cycle give their credits back from the next one. */
    if (credits(m) + m->credit_return <= 0)
        return UINT64_MAX;
    if (t->chan[cls] > m->now)
        return t->chan[cls]; /* a lower bound is enough */
    for (cand = q->hit_mask & ~blocked; cand; cand &= cand - 1)
        w = min_u64(w, hbm_timing_class(t, cls, lowest_bit(cand)));
    return w > m->now ? w : m->now + 1;
}

/* The same for the row pick and the refresh engine's command. */
static uint64_t row_wake(const hbm_model *m, int qi, uint64_t blocked)
{
    const struct queue *q = &m->q[qi];
    const struct hbm_timing *t = &m->timing;
    uint64_t w = UINT64_MAX, cand;

    for (cand = q->pend_mask & ~blocked & ~m->open_mask; cand; cand &= cand - 1)
        w = min_u64(w, hbm_timing_earliest(t, HBM_CMD_ACT, lowest_bit(cand)));
    for (cand = q->pend_mask & ~blocked & m->open_mask & ~q->hit_mask; cand; cand &= cand - 1)
        w = min_u64(w, hbm_timing_class(t, HBM_TC_PRE, lowest_bit(cand)));
    /* A head served first may precharge its bank in spite of hits. */
    if (head_first(m, qi) && !hits_row(m, QE(q, 0)) && m->open[QE(q, 0)->bank])
        w = min_u64(w, hbm_timing_class(t, HBM_TC_PRE, QE(q, 0)->bank));
    if (m->refresh.active) {
        int b;
        if (m->refresh.mode == HBM_REFRESH_ALL_BANK) {
            w = min_u64(w, hbm_timing_earliest(t, HBM_CMD_PREA, 0));
            w = min_u64(w, hbm_timing_earliest(t, HBM_CMD_REFAB, 0));
        } else {
            b = m->refresh.bank;
            w = min_u64(w, hbm_timing_earliest(t, m->open[b] ? HBM_CMD_PRE : HBM_CMD_REFPB, b));
        }
    }
    return w;
}

static uint64_t busy_banks(const hbm_model *m)
{
    return m->q[0].pend_mask | m->q[1].pend_mask;
}

/* ------------------------------------------------------------------ */
/* Data path                                                           */

static void push_response(hbm_model *m, const struct burst *bu)
{
    struct resp_fifo *f = &m->resp;
    struct hbm_resp *r = &f->r[(f->head + f->n) % MAX_Q];
    r->id = bu->id;
    r->is_write = bu->is_write;
    r->accept_cycle = bu->accept;
    r->done_cycle = m->now;
    if (bu->is_write)
        memset(r->data, 0, HBM_BURST_BYTES);
    else
        memcpy(r->data, bu->data, HBM_BURST_BYTES);
    hbm_stats_response(&m->stats, bu->is_write, bu->accept, m->now, HBM_BURST_BYTES);
    f->n++;
    m->inflight--;
}

/* One DFI clock of the data buses: drive write data, take read data. */
static void data_path(hbm_model *m)
{
    struct burst *start = &m->line[m->now % LINE];
    struct hbm_dfi_data io;
    int part;

    if (start->valid) {
        if (m->cur.valid)
            m->stats.burst_overlaps++; /* impossible with a valid timing table */
        m->cur = *start;
        m->cur_beat = 0;
        start->valid = 0;
    } else if (!m->cur.valid) {
        return; /* nothing on the data bus, and the device has nothing due */
    }
    part = m->cur_beat * (int)HBM_DFI_BYTES;
    io.wrdata_en = m->cur.is_write;
    if (m->cur.is_write) {
        memcpy(io.wrdata, m->cur.data + part, HBM_DFI_BYTES);
        io.wrdata_enable = (uint16_t)(m->cur.enable >> part);
    }
    hbm_device_data(m->dev, m->now, &io);
    if (!m->cur.is_write && io.rddata_valid)
        memcpy(m->cur.data + part, io.rddata, HBM_DFI_BYTES);
    if (++m->cur_beat == m->cfg.tburst) {
        push_response(m, &m->cur);
        m->cur.valid = 0;
    }
}

/* ------------------------------------------------------------------ */

void hbm_model_tick(hbm_model *m)
{
    int mode, qi, col_idx = -1, row_idx = -1, row_code = HBM_CMD_NOP, ref_code, ref_bank = 0;
    int was_active;
    uint64_t blocked;

    /* 1. Read/write mode for this cycle, from the counts at its start. */
    mode = update_write_mode(m);
    qi = mode ? Q_WRITE : Q_READ;
    if (mode != m->write_mode) {
        m->col_wake = 0;
        m->row_wake = 0;
    }
    m->write_mode = mode;

    /* 2. Refresh engine. */
    was_active = m->refresh.active;
    if (!was_active && m->refresh.debt)
        hbm_refresh_decide(&m->refresh, busy_banks(m), !m->q[0].n && !m->q[1].n);
    if (m->refresh.active != was_active) {
        m->col_wake = 0;
        m->row_wake = 0;
    }
    blocked = hbm_refresh_blocked(&m->refresh);

#ifdef HBM_MODEL_NO_SHORTCUT
    /* Reference build: evaluate every pick in every cycle. */
    m->col_wake = 0;
    m->row_wake = 0;
#endif
    /* The next cycle a queue head starves changes the picks: wake up then. */
    m->starve_at = min_u64(starve_time(m, Q_READ), starve_time(m, Q_WRITE));

    /* 3. Picks, all from the state at the start of the cycle. */
    if (m->now >= m->col_wake) {
        col_idx = pick_column(m, qi, blocked);
        m->col_wants_credit = col_idx < 0 && credits(m) + m->credit_return <= 0;
        if (col_idx < 0)
            m->col_wake = min_u64(column_wake(m, qi, blocked), m->starve_at);
    }
    ref_code = refresh_command(m, &ref_bank);
    if (ref_code == HBM_CMD_NOP && m->now >= m->row_wake) {
        row_idx = pick_row(m, qi, blocked, &row_code);
        if (row_idx < 0)
            m->row_wake = min_u64(row_wake(m, qi, blocked), m->starve_at);
    }

    /* 4. Issue: row bus first, then column bus. */
    if (ref_code != HBM_CMD_NOP) {
        issue_row(m, ref_code, ref_bank, 0);
    } else if (row_idx >= 0) {
        struct entry *e = QE(&m->q[qi], row_idx);
        e->flags |= row_code == HBM_CMD_PRE ? F_CONFLICT : F_MISS;
        issue_row(m, row_code, e->bank, e->row);
    }
    if (col_idx >= 0)
        issue_column(m, qi, col_idx);

    /* 5. Data buses of this cycle. */
    data_path(m);

    /* 6. Clock edge: the offered request enters its queue, credits return. */
    if (m->in_valid)
        enqueue(m);
    m->credit_return = 0;
    hbm_refresh_tick(&m->refresh);
    m->now++;
    m->stats.cycles = m->now;
}
