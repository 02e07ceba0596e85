/*
 * hbm_sched.c - mode, refresh command, column and row picks; see
 * hbm_sched.h.
 */
#include "hbm_sched.h"
#include "hbm_bits.h"
#include "hbm_cmd.h"

#include <string.h>

static uint64_t min_u64(uint64_t a, uint64_t b) { return a < b ? a : b; }

void hbm_sched_init(struct hbm_sched *s, const struct hbm_config *cfg, const struct hbm_req_queue *rq,
                    const struct hbm_req_queue *wq, const struct hbm_bank_state *banks,
                    const struct hbm_timing *timing, const struct hbm_refresh *refresh,
                    const struct hbm_datapath *data)
{
    int i;

    memset(s, 0, sizeof *s);
    s->cfg = cfg;
    s->q[HBM_Q_READ] = rq;
    s->q[HBM_Q_WRITE] = wq;
    s->banks = banks;
    s->timing = timing;
    s->refresh = refresh;
    s->data = data;
    for (i = 0; i < cfg->banks; i++)
        s->group_banks[i / cfg->banks_per_group] |= (uint64_t)1 << i;
}

static const struct hbm_queue_entry *head(const struct hbm_sched *s, int qi)
{
    return hbm_req_queue_at_c(s->q[qi], 0);
}

/* 1 if the oldest request of queue qi has waited starve_limit cycles or more. */
static int head_starved(const struct hbm_sched *s, int qi, uint64_t now)
{
    return s->cfg->starve_limit && s->q[qi]->n && !s->leaving[qi] &&
           now - head(s, qi)->accept >= (uint64_t)s->cfg->starve_limit;
}

/* 1 if the oldest request of queue qi is served before any other: fcfs, or starved. */
static int head_first(const struct hbm_sched *s, int qi, uint64_t now)
{
    return (s->cfg->scheduler == HBM_SCHED_FCFS && s->q[qi]->n && !s->leaving[qi]) ||
           head_starved(s, qi, now);
}

/* Issue cycle from which the oldest request of queue qi is starved (its
 * pick cycle + 1; UINT64_MAX: never, or already). */
static uint64_t starve_time(const struct hbm_sched *s, int qi, uint64_t now)
{
    uint64_t t;
    if (!s->cfg->starve_limit || !s->q[qi]->n)
        return UINT64_MAX;
    t = head(s, qi)->accept + (uint64_t)s->cfg->starve_limit;
    /* a lower bound on the last DRAM clock of that pick's issue cycle */
    return t > now ? t + (uint64_t)s->cfg->dfi_ratio * HBM_PICK_TO_ISSUE : UINT64_MAX;
}

static int next_mode(const struct hbm_sched *s, uint64_t now)
{
    int rq = s->q[HBM_Q_READ]->n, wq = s->q[HBM_Q_WRITE]->n;
    int sr = head_starved(s, HBM_Q_READ, now), sw = head_starved(s, HBM_Q_WRITE, now);

    /* A read head waiting for a write drains writes first (a head in
     * transit is no head: the RTL's pick sees the one it pops). */
    if (!s->leaving[HBM_Q_READ] && (s->q[HBM_Q_READ]->wait & 1))
        return 1;
    /* A starved head wins over the watermarks; of two, the older one. */
    if (sr && sw)
        return head(s, HBM_Q_WRITE)->accept < head(s, HBM_Q_READ)->accept;
    if (sr || sw)
        return sw;
    if (!s->write_mode)
        return wq >= s->cfg->wq_high || (rq == 0 && wq > 0);
    return !(wq == 0 || (wq <= s->cfg->wq_low && rq > 0));
}

/* Banks whose bank-group and stack-ID levels allow a command class now. */
static uint64_t groups_ready(const struct hbm_sched *s, int cls, uint64_t now)
{
    const struct hbm_timing *t = s->timing;
    uint64_t mask = 0;
    int g;
    for (g = 0; g < s->cfg->bankgroups; g++)
        if (t->group[g][cls] <= now && t->sid[(g << t->group_shift) >> t->sid_shift][cls] <= now)
            mask |= s->group_banks[g];
    return mask;
}

/* Banks with an entry of queue q that hits its open row and does not wait for a write. */
static uint64_t live_hit_banks(const struct hbm_req_queue *q)
{
    uint64_t banks = 0, b;
    if (!q->wait)
        return hbm_req_queue_hit_banks(q);
    for (b = hbm_req_queue_hit_banks(q); b; b &= b - 1)
        if (q->hit & ~q->wait & q->bank_pos[hbm_lowest_bit(b)])
            banks |= b & (0 - b);
    return banks;
}

/* Column pick: the oldest row hit of the active queue whose command is
 * legal in the issue cycle: at its last DRAM clock `at`. */
static int pick_column(const struct hbm_sched *s, int qi, uint64_t blocked, uint64_t now, uint64_t at)
{
    const struct hbm_req_queue *q = s->q[qi];
    const struct hbm_timing *t = s->timing;
    uint64_t ready = 0, cand, pos;
    int cls = qi == HBM_Q_READ ? HBM_TC_RD : HBM_TC_WR;

    if (!q->n || hbm_datapath_credits(s->data) <= 0)
        return -1;
    /* fcfs serves the oldest request only, and none while it is in transit */
    if (s->cfg->scheduler == HBM_SCHED_FCFS && s->leaving[qi])
        return -1;
    /* Channel level first (tCCD_S gaps), then bank groups, then banks. */
    if (t->chan[cls] > at)
        return -1;
    for (cand = hbm_req_queue_hit_banks(q) & ~blocked & groups_ready(s, cls, at); cand; cand &= cand - 1) {
        int b = hbm_lowest_bit(cand);
        if (t->bank[b][cls] <= at)
            ready |= (uint64_t)1 << b;
    }
    /* A starved head that misses keeps younger hits off its bank. */
    if (head_starved(s, qi, now) && !(q->hit & 1))
        ready &= ~((uint64_t)1 << head(s, qi)->bank);
    pos = q->hit & ~q->wait & hbm_req_queue_positions(q, ready);
    if (s->cfg->scheduler == HBM_SCHED_FCFS)
        pos &= 1;   /* fcfs serves the oldest request only */
    return pos ? hbm_lowest_bit(pos) : -1;
}

/*
 * Row pick: the oldest request of the active queue that needs a row
 * command (ACT to its closed bank, or PRE of a bank whose open row no
 * request of the active queue hits) that is legal in the issue cycle (at
 * its last DRAM clock `at`).
 */
static int pick_row(const struct hbm_sched *s, int qi, uint64_t blocked, uint64_t now, uint64_t at,
                    int *code, int *head_path)
{
    const struct hbm_req_queue *q = s->q[qi];
    uint64_t act_ok = 0, pre_ok = 0, cand, open = s->banks->open, pos;
    int i;

    if (!q->n)
        return -1;
    /* A head served first (fcfs, or starved) that misses takes the row bus
     * alone, open-page rule or not; under fcfs no other entry gets it. */
    if (head_first(s, qi, now) && !(q->hit & 1)) {
        int b = head(s, qi)->bank;
        *head_path = 1;
        if (blocked >> b & 1)
            return -1;
        *code = (open >> b & 1) ? HBM_CMD_PRE : HBM_CMD_ACT;
        return hbm_timing_ok(s->timing, *code, b, at) ? 0 : -1;
    }
    if (s->cfg->scheduler == HBM_SCHED_FCFS)
        return -1;
    /* Shortcut: the channel level alone holds every bank back (row bus, tRRD). */
    if (s->timing->chan[HBM_TC_ACT] > at && s->timing->chan[HBM_TC_PRE] > at)
        return -1;
    for (cand = q->busy & ~blocked & ~open; cand; cand &= cand - 1) {
        int b = hbm_lowest_bit(cand);
        if (hbm_timing_ok(s->timing, HBM_CMD_ACT, b, at))
            act_ok |= (uint64_t)1 << b;
    }
    for (cand = q->busy & ~blocked & open & ~live_hit_banks(q); cand; cand &= cand - 1) {
        int b = hbm_lowest_bit(cand);
        if (hbm_timing_ok(s->timing, HBM_CMD_PRE, b, at))
            pre_ok |= (uint64_t)1 << b;
    }
    pos = hbm_req_queue_positions(q, act_ok | pre_ok) & ~q->wait;
    if (!pos)
        return -1;
    i = hbm_lowest_bit(pos);
    *code = (act_ok >> hbm_req_queue_at_c(q, i)->bank & 1) ? HBM_CMD_ACT : HBM_CMD_PRE;
    return i;
}

/* The refresh engine's row command for issue cycle at, if it has a legal one. */
static int refresh_command(const struct hbm_sched *s, uint64_t now, int *bank)
{
    const struct hbm_refresh *r = s->refresh;

    if (!r->active)
        return HBM_CMD_NOP;
    if (r->mode == HBM_REFRESH_ALL_BANK) {
        *bank = 0;
        if (s->banks->open)
            return hbm_timing_ok(s->timing, HBM_CMD_PREA, 0, now) ? HBM_CMD_PREA : HBM_CMD_NOP;
        return hbm_timing_ok(s->timing, HBM_CMD_REFAB, 0, now) ? HBM_CMD_REFAB : HBM_CMD_NOP;
    }
    *bank = r->bank;
    if (s->banks->open >> r->bank & 1)
        return hbm_timing_ok(s->timing, HBM_CMD_PRE, r->bank, now) ? HBM_CMD_PRE : HBM_CMD_NOP;
    return hbm_timing_ok(s->timing, HBM_CMD_REFPB, r->bank, now) ? HBM_CMD_REFPB : HBM_CMD_NOP;
}

/* Page policy: auto-precharge the column command of the entry at pos of queue qi? */
static int auto_precharge(const struct hbm_sched *s, int qi, int pos)
{
    const struct hbm_req_queue *a = s->q[qi], *o = s->q[!qi];
    int b = hbm_req_queue_at_c(a, pos)->bank;

    switch (s->cfg->page_policy) {
    case HBM_PAGE_CLOSED:
        return 1;
    case HBM_PAGE_ADAPTIVE:
        /* no other queued request (either queue, reads waiting for a
         * write counted only in the other queue) hits the same open row */
        return !((a->hit & ~a->wait & ~((uint64_t)1 << pos) & a->bank_pos[b]) | (o->hit & o->bank_pos[b]));
    default:
        return 0;
    }
}

/* Lower bound on the next issue cycle the column pick can succeed in, the
 * state staying as it is (now: this pick's issue cycle). */
static uint64_t column_wake(const struct hbm_sched *s, int qi, uint64_t blocked, uint64_t now)
{
    const struct hbm_timing *t = s->timing;
    uint64_t w = UINT64_MAX, cand;
    int cls = qi == HBM_Q_READ ? HBM_TC_RD : HBM_TC_WR;

    /* Responses popped this cycle give their credits back from the next one. */
    if (hbm_datapath_credits(s->data) + s->data->credit_return <= 0)
        return UINT64_MAX;
    if (t->chan[cls] > now)
        return t->chan[cls]; /* a lower bound is enough */
    for (cand = hbm_req_queue_hit_banks(s->q[qi]) & ~blocked; cand; cand &= cand - 1)
        w = min_u64(w, hbm_timing_class(t, cls, hbm_lowest_bit(cand)));
    return w > now ? w : now + 1;
}

/* The same for the row pick and the refresh engine's command. */
static uint64_t row_wake(const struct hbm_sched *s, int qi, uint64_t blocked, uint64_t now)
{
    const struct hbm_req_queue *q = s->q[qi];
    const struct hbm_timing *t = s->timing;
    uint64_t w = UINT64_MAX, cand, open = s->banks->open;

    for (cand = q->busy & ~blocked & ~open; cand; cand &= cand - 1)
        w = min_u64(w, hbm_timing_earliest(t, HBM_CMD_ACT, hbm_lowest_bit(cand)));
    for (cand = q->busy & ~blocked & open & ~hbm_req_queue_hit_banks(q); cand; cand &= cand - 1)
        w = min_u64(w, hbm_timing_class(t, HBM_TC_PRE, hbm_lowest_bit(cand)));
    /* A head served first may precharge its bank in spite of hits. */
    if (head_first(s, qi, now) && !(q->hit & 1) && (open >> head(s, qi)->bank & 1))
        w = min_u64(w, hbm_timing_class(t, HBM_TC_PRE, head(s, qi)->bank));
    if (s->refresh->active) {
        if (s->refresh->mode == HBM_REFRESH_ALL_BANK) {
            w = min_u64(w, hbm_timing_earliest(t, HBM_CMD_PREA, 0));
            w = min_u64(w, hbm_timing_earliest(t, HBM_CMD_REFAB, 0));
        } else {
            int b = s->refresh->bank;
            w = min_u64(w, hbm_timing_earliest(t, (open >> b & 1) ? HBM_CMD_PRE : HBM_CMD_REFPB, b));
        }
    }
    return w;
}

/* The DRAM clock a command legal in the issue cycle goes out in: the
 * first of the cycle's clocks (from `first`) where it is legal. */
static uint64_t slot_of(const struct hbm_sched *s, int code, int bank, uint64_t first)
{
    uint64_t e = hbm_timing_earliest(s->timing, code, bank);
    return e > first ? e : first;
}

void hbm_sched_decide(struct hbm_sched *s, uint64_t now, struct hbm_sched_out *out)
{
    /* The issue cycle these picks go out in: DRAM clocks first .. at. */
    uint64_t first = now + (uint64_t)s->cfg->dfi_ratio * HBM_PICK_TO_ISSUE;
    uint64_t at = first + (uint64_t)s->cfg->dfi_ratio - 1;
    int mode = next_mode(s, now), qi, ref_bank = 0, ref_code, col_pos = -1, row_pos = -1;
    int row_code = HBM_CMD_NOP, head_path = 0;
    uint32_t ev = 0;
    uint64_t blocked = hbm_refresh_blocked(s->refresh);
    const struct hbm_req_queue *q;

    /* 1. Mode for this cycle, from the counts at its start. */
    if (mode != s->write_mode) {
        s->col_wake = s->row_wake = 0;
        ev |= mode ? 1u << HBM_EVENT_TO_WRITE : 1u << HBM_EVENT_TO_READ;
    }
    if (head_starved(s, HBM_Q_READ, now) || head_starved(s, HBM_Q_WRITE, now))
        ev |= 1u << HBM_EVENT_STARVED;
    if (!s->leaving[HBM_Q_READ] && (s->q[HBM_Q_READ]->wait & 1))
        ev |= 1u << HBM_EVENT_READ_WAITS;
    if (hbm_datapath_credits(s->data) <= 0)
        ev |= 1u << HBM_EVENT_NO_CREDIT;
    s->write_mode = mode;
    qi = mode ? HBM_Q_WRITE : HBM_Q_READ;
    q = s->q[qi];
#ifdef HBM_MODEL_NO_SHORTCUT
    s->col_wake = s->row_wake = 0;
#endif
    /* Reads waiting for writes: no shortcut (their wait ends at an edge). */
    if (s->q[HBM_Q_READ]->wait)
        s->col_wake = s->row_wake = 0;
    /* The next cycle a queue head starves changes the picks: wake up then. */
    s->starve_at = min_u64(starve_time(s, HBM_Q_READ, now), starve_time(s, HBM_Q_WRITE, now));

    /* 2.-4. Picks, all from the state as the issue register leaves it. */
    if (at >= s->col_wake) {
        col_pos = pick_column(s, qi, blocked, now, at);
        s->col_wants_credit = col_pos < 0 && hbm_datapath_credits(s->data) + s->data->credit_return <= 0;
        if (col_pos < 0)
            s->col_wake = min_u64(column_wake(s, qi, blocked, at), s->starve_at);
    }
    ref_code = refresh_command(s, at, &ref_bank);
    if (ref_code == HBM_CMD_NOP && at >= s->row_wake) {
        row_pos = pick_row(s, qi, blocked, now, at, &row_code, &head_path);
        if (row_pos < 0)
            s->row_wake = min_u64(row_wake(s, qi, blocked, now), s->starve_at);
    }
    /* A head in transit has a successor the next pick sees whole. */
    if (s->leaving[HBM_Q_READ] || s->leaving[HBM_Q_WRITE])
        s->col_wake = s->row_wake = 0;

    out->write_mode = mode;
    out->row_code = HBM_CMD_NOP;
    out->row_pos = -1;
    if (ref_code != HBM_CMD_NOP) {
        out->row_code = ref_code;
        out->row_bank = ref_bank;
        out->row_row = 0;
    } else if (row_pos >= 0) {
        const struct hbm_queue_entry *e = hbm_req_queue_at_c(q, row_pos);
        out->row_code = row_code;
        out->row_bank = e->bank;
        out->row_row = e->row;
        out->row_pos = row_pos;
    }
    if (out->row_code != HBM_CMD_NOP)
        out->row_cycle = slot_of(s, out->row_code, out->row_bank, first);
    if (ref_code != HBM_CMD_NOP)
        ev |= 1u << HBM_EVENT_REFRESH_CMD;
    else if (row_pos >= 0) {
        if (row_code == HBM_CMD_PRE)
            ev |= 1u << HBM_EVENT_PRE_CONFLICT;
        else
            ev |= row_pos == 0 ? 1u << HBM_EVENT_ACT_HEAD : 1u << HBM_EVENT_ACT_YOUNGER;
        if (head_path)
            ev |= 1u << HBM_EVENT_HEAD_FIRST_ROW;
    }
    out->col_code = HBM_CMD_NOP;
    out->col_pos = col_pos;
    if (col_pos >= 0) {
        int ap = auto_precharge(s, qi, col_pos);
        out->col_bank = hbm_req_queue_at_c(q, col_pos)->bank;
        if (qi == HBM_Q_READ)
            out->col_code = ap ? HBM_CMD_RDA : HBM_CMD_RD;
        else
            out->col_code = ap ? HBM_CMD_WRA : HBM_CMD_WR;
        out->col_cycle = slot_of(s, out->col_code, out->col_bank, first);
        ev |= col_pos == 0 ? 1u << HBM_EVENT_COL_HEAD : 1u << HBM_EVENT_COL_YOUNGER;
        if (ap)
            ev |= 1u << HBM_EVENT_AUTO_PRECHARGE;
    }
    out->events = ev;
}

void hbm_sched_note(struct hbm_sched *s, enum hbm_sched_event ev, int bank, int hit)
{
    const struct hbm_timing *t = s->timing;
    const struct hbm_req_queue *q = s->q[s->write_mode ? HBM_Q_WRITE : HBM_Q_READ];

    switch (ev) {
    case HBM_EV_REFRESH:
    case HBM_EV_NEW_HEAD:
        s->col_wake = s->row_wake = 0;
        break;
    case HBM_EV_ROW_CMD:
        /* a row command can enable column and row commands */
        s->col_wake = s->row_wake = 0;
        break;
    case HBM_EV_COL_CMD:
        /* any command can enable a column command; the row pick can only
         * gain this bank: closed now, or open with no hits left */
        s->col_wake = 0;
        if (!(s->banks->open >> bank & 1))
            s->row_wake = min_u64(s->row_wake, hbm_timing_earliest(t, HBM_CMD_ACT, bank));
        else if (!(q->hit & q->bank_pos[bank]))
            s->row_wake = min_u64(s->row_wake, hbm_timing_class(t, HBM_TC_PRE, bank));
        break;
    case HBM_EV_REQUEST:
        /* a new request can make a pick succeed only through its own bank */
        if (hit)
            s->col_wake = min_u64(s->col_wake, min_u64(hbm_timing_class(t, HBM_TC_RD, bank),
                                                       hbm_timing_class(t, HBM_TC_WR, bank)));
        else if (!(s->banks->open >> bank & 1))
            s->row_wake = min_u64(s->row_wake, hbm_timing_earliest(t, HBM_CMD_ACT, bank));
        else
            s->row_wake = min_u64(s->row_wake, hbm_timing_class(t, HBM_TC_PRE, bank));
        break;
    case HBM_EV_CREDIT:
        if (s->col_wants_credit)
            s->col_wake = 0; /* the pick waited for this credit */
        break;
    }
}
