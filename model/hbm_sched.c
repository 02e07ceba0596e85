/*
 * hbm_sched.c - mode, refresh command, column and row picks; see
 * hbm_sched.h.
 */
#include "hbm_sched.h"
#include "hbm_bits.h"
#include "hbm_cmd.h"

#include <string.h>

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
    s->col_bank_now = -1;
    s->k.ref_code = s->kb.ref_code = HBM_CMD_NOP;
    for (i = 0; i < cfg->banks; i++)
        s->group_banks[i / cfg->banks_per_group] |= (uint64_t)1 << i;
    for (i = 0; i < 2; i++)
        s->window[i] = cfg->sched_window && cfg->sched_window < s->q[i]->depth ? cfg->sched_window
                                                                              : s->q[i]->depth;
}

/* The positions of queue qi the candidate stage sees: its oldest
 * sched_window entries as the cycle started (the RTL's candidate stage
 * reads that many positions of the registered queue, before the issue
 * register's pop), so one fewer once the issue register pops from it (the
 * pop is always inside the window: the picks come from it). */
static uint64_t window_mask(const struct hbm_sched *s, int qi)
{
    int w = s->window[qi];
    if (w >= s->q[qi]->depth)
        return ~(uint64_t)0;
    w -= s->popped[qi];
    return ((uint64_t)1 << w) - 1;
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

/* 1 if the oldest request of queue qi is served before any other: fcfs
 * (not a read that waits for a write: the mode drains that write), or
 * starved. */
static int head_first(const struct hbm_sched *s, int qi, uint64_t now)
{
    return (s->cfg->scheduler == HBM_SCHED_FCFS && s->q[qi]->n && !(s->q[qi]->wait & 1)) ||
           head_starved(s, qi, now);
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
        return wq >= s->cfg->wq_high || (rq <= s->cfg->rq_low && wq > 0);
    return !(wq == 0 || (wq <= s->cfg->wq_low && rq > s->cfg->rq_low));
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

/* Banks with an entry of queue q at the positions in win that hits its
 * open row and does not wait for a write. */
static uint64_t live_hit_banks(const struct hbm_req_queue *q, uint64_t win)
{
    uint64_t banks = 0, b;
    if (!q->wait && win == ~(uint64_t)0)
        return hbm_req_queue_hit_banks(q);
    for (b = hbm_req_queue_hit_banks(q); b; b &= b - 1)
        if (q->hit & ~q->wait & win & q->bank_pos[hbm_lowest_bit(b)])
            banks |= b & (0 - b);
    return banks;
}

/* Remove position pos from a vector over age positions (the entry left:
 * the younger ones move down one), as the queues collapse. */
static uint64_t collapse(uint64_t v, int pos)
{
    uint64_t keep = pos >= 63 ? ~(uint64_t)0 >> 1 : ((uint64_t)1 << pos) - 1;
    return (v & keep) | ((v >> 1) & ~keep);
}

/* Banks of the entries of queue q at the positions in pos. */
static uint64_t banks_of(const struct hbm_req_queue *q, uint64_t pos)
{
    uint64_t banks = 0, b;
    for (b = q->busy; b; b &= b - 1) {
        int i = hbm_lowest_bit(b);
        if (q->bank_pos[i] & pos)
            banks |= (uint64_t)1 << i;
    }
    return banks;
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
        return !((a->hit & ~a->wait & ~((uint64_t)1 << pos) & window_mask(s, qi) & a->bank_pos[b]) |
                 (o->hit & window_mask(s, !qi) & o->bank_pos[b]));
    default:
        return 0;
    }
}

/*
 * Candidate stage: what the pick of the next cycle may choose from, from
 * the state as the issue register leaves it; no timing rule is asked.
 */
static void candidates(struct hbm_sched *s, uint64_t now, struct hbm_sched_cand *k, uint32_t *ev)
{
    int mode = next_mode(s, now), qi, i;
    const struct hbm_req_queue *q;
    uint64_t blocked = hbm_refresh_blocked(s->refresh), open = s->banks->open, banks, v;
    const struct hbm_refresh *r = s->refresh;

    /* 1. Mode, from the counts at the start of the cycle. */
    if (mode != s->write_mode)
        *ev |= mode ? 1u << HBM_EVENT_TO_WRITE : 1u << HBM_EVENT_TO_READ;
    if (head_starved(s, HBM_Q_READ, now) || head_starved(s, HBM_Q_WRITE, now))
        *ev |= 1u << HBM_EVENT_STARVED;
    if (!s->leaving[HBM_Q_READ] && (s->q[HBM_Q_READ]->wait & 1))
        *ev |= 1u << HBM_EVENT_READ_WAITS;
    s->write_mode = mode;
    qi = mode ? HBM_Q_WRITE : HBM_Q_READ;
    q = s->q[qi];

    memset(k, 0, sizeof *k);
    k->mode = mode;
    k->ref_code = HBM_CMD_NOP;
    /* 2. Refresh: the engine's next command. */
    if (r->active) {
        if (r->mode == HBM_REFRESH_ALL_BANK)
            k->ref_code = open ? HBM_CMD_PREA : HBM_CMD_REFAB;
        else {
            k->ref_bank = r->bank;
            k->ref_code = (open >> r->bank & 1) ? HBM_CMD_PRE : HBM_CMD_REFPB;
        }
    }
    if (!q->n)
        return;
    /* 3. Column: the row hits of banks not blocked by refresh (fcfs: the
     * head only: while the issue register pops the old one, the next); a
     * starved head that misses keeps younger hits off its bank. */
    {
        banks = hbm_req_queue_hit_banks(q) & ~blocked;
        if (head_starved(s, qi, now) && !(q->hit & 1))
            banks &= ~((uint64_t)1 << head(s, qi)->bank);
        k->col = q->hit & ~q->wait & hbm_req_queue_positions(q, banks) & window_mask(s, qi);
        /* fcfs: the head and the entry after it, which is the head for
         * the reduce stage when the next issue register pops this one */
        if (s->cfg->scheduler == HBM_SCHED_FCFS)
            k->col &= 3;
        if (s->cfg->page_policy == HBM_PAGE_CLOSED)
            k->ap = k->col;
        else if (s->cfg->page_policy == HBM_PAGE_ADAPTIVE)
            for (v = k->col; v; v &= v - 1) {
                i = hbm_lowest_bit(v);
                if (auto_precharge(s, qi, i))
                    k->ap |= (uint64_t)1 << i;
            }
    }
    /* 4. Row: a head served first (fcfs, or starved) that misses takes
     * the row bus alone; else (frfcfs) every request needing an ACT (bank
     * closed) or a PRE (its open row no active request hits). */
    /* The bank the issue register's ACT opens has no hits yet (they come
     * at the edge): no PRE for it, and a head waiting for it has its row. */
    if (head_first(s, qi, now) && !(q->hit & 1) && !(s->act_now >> head(s, qi)->bank & 1)) {
        int b = head(s, qi)->bank;
        k->head_miss = 1;
        k->head_bank = b;
        k->head_code = (open >> b & 1) ? HBM_CMD_PRE : HBM_CMD_ACT;
        k->head_blocked = (int)(blocked >> b & 1);
    } else if (s->cfg->scheduler != HBM_SCHED_FCFS) {
        uint64_t win = window_mask(s, qi);
        k->act = hbm_req_queue_positions(q, q->busy & ~blocked & ~open) & ~q->wait & win;
        k->pre = hbm_req_queue_positions(q, q->busy & ~blocked & open & ~live_hit_banks(q, win) & ~s->act_now) &
                 ~q->wait & win;
    }
}

/* The entry at pos (popped) leaves a candidate register. */
static void drop_popped(struct hbm_sched_cand *k, int pos)
{
    k->col = collapse(k->col, pos);
    k->ap = collapse(k->ap, pos);
    k->act = collapse(k->act, pos);
    k->pre = collapse(k->pre, pos);
    if (pos == 0)
        k->head_miss = 0;
}

void hbm_sched_issued(struct hbm_sched *s, const struct hbm_sched_out *d)
{
    struct hbm_sched_cand *k = &s->k;
    uint64_t all = s->cfg->banks >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << s->cfg->banks) - 1;

    s->touched = 0;
    s->act_now = d->row_code == HBM_CMD_ACT ? (uint64_t)1 << d->row_bank : 0;
    switch (d->row_code) {
    case HBM_CMD_ACT:
    case HBM_CMD_PRE:
    case HBM_CMD_REFPB:
        s->touched |= (uint64_t)1 << d->row_bank;
        break;
    case HBM_CMD_PREA:
    case HBM_CMD_REFAB:
        s->touched = all;
        break;
    default:
        break;
    }
    if (d->col_code == HBM_CMD_RDA || d->col_code == HBM_CMD_WRA)
        s->touched |= (uint64_t)1 << d->col_bank;
    /* The entry the column command pops is gone from both candidate
     * registers. */
    s->col_bank_now = d->col_code != HBM_CMD_NOP ? d->col_bank : -1;
    s->popped[HBM_Q_READ] = d->col_code != HBM_CMD_NOP && !d->write_mode;
    s->popped[HBM_Q_WRITE] = d->col_code != HBM_CMD_NOP && d->write_mode;
    if (d->col_code != HBM_CMD_NOP && d->write_mode == k->mode)
        drop_popped(k, d->col_pos);
    if (d->col_code != HBM_CMD_NOP && d->write_mode == s->kb.mode)
        drop_popped(&s->kb, d->col_pos);
}

/*
 * Reduce stage: from the candidate register (the issue register's entry
 * gone), per bank its oldest column candidate and its oldest row
 * candidate, for the bank candidate register; nothing of a bank the issue
 * register's commands touch (they change what the candidate stage saw).
 * Legality is per bank, so the oldest legal candidate of the pick is the
 * same among these as among all of K.  fcfs: the head only.
 */
static void reduce(struct hbm_sched *s)
{
    const struct hbm_sched_cand *k = &s->k;
    struct hbm_sched_cand *kb = &s->kb;
    const struct hbm_req_queue *q = s->q[k->mode ? HBM_Q_WRITE : HBM_Q_READ];
    uint64_t T = s->touched, col = k->col, row = k->act | k->pre, b, v;

    *kb = *k;
    kb->col = kb->ap = kb->act = kb->pre = 0;
    if (s->cfg->scheduler == HBM_SCHED_FCFS)
        col &= 1;
    for (b = banks_of(q, col | row) & ~T; b; b &= b - 1) {
        int i = hbm_lowest_bit(b);
        v = col & q->bank_pos[i];
        v &= 0 - v;
        kb->col |= v;
        kb->ap |= k->ap & v;
        v = row & q->bank_pos[i];
        v &= 0 - v;
        kb->act |= k->act & v;
        kb->pre |= k->pre & v;
    }
    if (k->head_miss && (T >> k->head_bank & 1))
        kb->head_miss = 0;
    if (k->ref_code != HBM_CMD_NOP &&
        (s->refresh->mode == HBM_REFRESH_ALL_BANK ? T != 0 : (T >> k->ref_bank & 1) != 0))
        kb->ref_code = HBM_CMD_NOP;
}

/* The banks among `banks` whose command of class cls / code is legal at `at`. */
static uint64_t legal_banks(const struct hbm_sched *s, int code, uint64_t banks, uint64_t at)
{
    uint64_t ok = 0;
    for (; banks; banks &= banks - 1) {
        int b = hbm_lowest_bit(banks);
        if (hbm_timing_ok(s->timing, code, b, at))
            ok |= (uint64_t)1 << b;
    }
    return ok;
}

/* The DRAM clock a command legal in the issue cycle goes out in: the
 * first of the cycle's clocks (from `first`) where it is legal. */
static uint64_t slot_of(const struct hbm_sched *s, int code, int bank, uint64_t first)
{
    uint64_t e = hbm_timing_earliest(s->timing, code, bank);
    return e > first ? e : first;
}

/*
 * Pick stage: from the bank candidates of the cycle before, the commands
 * legal in the issue cycle (its last DRAM clock `at`; the table holds the
 * issue register's commands) on banks the issue register's commands leave
 * as the candidate stage saw them, the column command not on the bank of
 * the issue register's.
 */
static void pick(struct hbm_sched *s, uint64_t now, struct hbm_sched_out *out, uint32_t *ev)
{
    const struct hbm_sched_cand *k = &s->kb;
    uint64_t first = now + (uint64_t)s->cfg->dfi_ratio * HBM_PICK_TO_ISSUE;
    uint64_t at = first + (uint64_t)s->cfg->dfi_ratio - 1;
    int qi = k->mode ? HBM_Q_WRITE : HBM_Q_READ, col_pos = -1, row_pos = -1, row_code = HBM_CMD_NOP;
    int head_path = 0, credits = hbm_datapath_credits(s->data);
    const struct hbm_req_queue *q = s->q[qi];
    const struct hbm_timing *t = s->timing;
    uint64_t T = s->touched, pos;

    out->write_mode = k->mode;
    out->row_code = HBM_CMD_NOP;
    out->row_pos = -1;
    out->col_code = HBM_CMD_NOP;
    out->col_pos = -1;
    if (credits <= 0)
        *ev |= 1u << HBM_EVENT_NO_CREDIT;

    /* Column: the oldest candidate whose RD/WR is legal. */
    if (k->col && credits > 0) {
        int cls = qi == HBM_Q_READ ? HBM_TC_RD : HBM_TC_WR;
        if (t->chan[cls] <= at) {
            uint64_t ready = 0, cand;
            /* not the bank of the issue register's column command: its
             * candidate may be the entry that command pops */
            uint64_t busy = s->col_bank_now >= 0 ? (uint64_t)1 << s->col_bank_now : 0;
            for (cand = banks_of(q, k->col) & ~T & ~busy & groups_ready(s, cls, at); cand; cand &= cand - 1) {
                int b = hbm_lowest_bit(cand);
                if (t->bank[b][cls] <= at)
                    ready |= (uint64_t)1 << b;
            }
            pos = k->col & hbm_req_queue_positions(q, ready);
            if (pos)
                col_pos = hbm_lowest_bit(pos);
        }
    }
    /* Row: refresh first, then a head served first, then the oldest
     * candidate whose ACT or PRE is legal. */
    if (k->ref_code != HBM_CMD_NOP) {
        int touched = s->refresh->mode == HBM_REFRESH_ALL_BANK ? T != 0 : (int)(T >> k->ref_bank & 1);
        if (!touched && hbm_timing_ok(t, k->ref_code, k->ref_bank, at)) {
            out->row_code = k->ref_code;
            out->row_bank = k->ref_bank;
            out->row_row = 0;
            *ev |= 1u << HBM_EVENT_REFRESH_CMD;
        }
    }
    if (out->row_code == HBM_CMD_NOP) {
        if (k->head_miss) {
            head_path = 1;
            if (!k->head_blocked && !(T >> k->head_bank & 1) && hbm_timing_ok(t, k->head_code, k->head_bank, at)) {
                row_pos = 0;
                row_code = k->head_code;
            }
        } else if (k->act | k->pre) {
            uint64_t act_ok = legal_banks(s, HBM_CMD_ACT, banks_of(q, k->act) & ~T, at);
            uint64_t pre_ok = legal_banks(s, HBM_CMD_PRE, banks_of(q, k->pre) & ~T, at);
            pos = (k->act & hbm_req_queue_positions(q, act_ok)) | (k->pre & hbm_req_queue_positions(q, pre_ok));
            if (pos) {
                row_pos = hbm_lowest_bit(pos);
                row_code = (k->act >> row_pos & 1) ? HBM_CMD_ACT : HBM_CMD_PRE;
            }
        }
        if (row_pos >= 0) {
            const struct hbm_queue_entry *e = hbm_req_queue_at_c(q, row_pos);
            out->row_code = row_code;
            out->row_bank = e->bank;
            out->row_row = e->row;
            out->row_pos = row_pos;
            if (row_code == HBM_CMD_PRE)
                *ev |= 1u << HBM_EVENT_PRE_CONFLICT;
            else
                *ev |= row_pos == 0 ? 1u << HBM_EVENT_ACT_HEAD : 1u << HBM_EVENT_ACT_YOUNGER;
            if (head_path)
                *ev |= 1u << HBM_EVENT_HEAD_FIRST_ROW;
        }
    }
    if (out->row_code != HBM_CMD_NOP)
        out->row_cycle = slot_of(s, out->row_code, out->row_bank, first);
    out->col_pos = col_pos;
    if (col_pos >= 0) {
        int ap = (int)(k->ap >> col_pos & 1);
        out->col_bank = hbm_req_queue_at_c(q, col_pos)->bank;
        if (qi == HBM_Q_READ)
            out->col_code = ap ? HBM_CMD_RDA : HBM_CMD_RD;
        else
            out->col_code = ap ? HBM_CMD_WRA : HBM_CMD_WR;
        out->col_cycle = slot_of(s, out->col_code, out->col_bank, first);
        *ev |= col_pos == 0 ? 1u << HBM_EVENT_COL_HEAD : 1u << HBM_EVENT_COL_YOUNGER;
        if (ap)
            *ev |= 1u << HBM_EVENT_AUTO_PRECHARGE;
    }
}

void hbm_sched_decide(struct hbm_sched *s, uint64_t now, struct hbm_sched_out *out)
{
    uint32_t ev = 0;

    pick(s, now, out, &ev);
    reduce(s);
    candidates(s, now, &s->k, &ev);
    out->events = ev;
}
