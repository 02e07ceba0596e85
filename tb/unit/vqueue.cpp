// vqueue.cpp - rtl/hbm_req_queue.v against its C twin model/hbm_req_queue.c,
// cycle by cycle, on random pushes, pops, marks and bank events.
//
//   vqueue [--cycles N] [--seed N]
//
// Each cycle the same events go to both (a push with its row-hit bit from
// the bank state after this cycle's events, as hbm_ctrl computes it; a pop
// and a mark at random age positions; an ACT of a closed bank, closes of
// open banks); before the edge every output of the RTL is compared with
// the C queue: count, the hit vector, each bank's position vector, the
// head, the pick and row read ports at random positions (slot, row),
// the issue read port at a random occupied slot (column, id, flags), the
// write data (block RAM, read at the issue port's slot at the edge, popped
// there or not: compared in the next cycle), the hazard probe (given the
// slots holding the probed burst, as hbm_req_match gives them) with the
// newest entry to the probed burst (its slot, whether it writes all bytes)
// and the forward port's data (compared in the next cycle), hbm_req_match's
// inputs (the slots occupied after the pop, the push's slot, the look
// port's slots for a random burst: a queued one, the pushed one, another),
// the read-after-write wait vector (pushes that wait for random
// write-queue slots, writes leaving from random slots), and the count and
// head accept cycle announced for after the edge (the scheduler's
// registered starvation test).  Pushes often repeat a queued burst, and
// their enables are often all set, so bursts have several entries.  Marks go by slot, as the
// issue register gives them.  Exit 1 on the first difference, printing
// the cycle and both values.  Built for the DEPTH, BANKS and widths given
// as -G parameters.
#include <type_traits>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "Vhbm_req_queue.h"
#include "verilated.h"

#include "hbm_bits.h"
#include "hbm_rand.h"
#include "hbm_req_queue.h"

#ifndef DEPTH
#error "build with -DDEPTH, -DBANKS, -DROW_BITS, -DCOL_BITS (the -G parameters of the RTL)"
#endif

namespace {

uint64_t rng;
uint64_t rnd(uint64_t n) { return hbm_rand_next(&rng) % n; }

// Bit i of a Verilated wide vector.
// bit i of a port (up to 64 bits: an integer; wider: Verilator's 32-bit words)
template <typename T> bool bit(const T &v, int i)
{
    if constexpr (std::is_integral<T>::value)
        return (uint64_t(v) >> i) & 1;
    else
        return (v[i / 32] >> (i % 32)) & 1;
}
// `HBM_CLOG2(DEPTH): the width of a slot number
static constexpr int clog2(int v) { return v <= 2 ? 1 : 1 + clog2((v + 1) / 2); }
static constexpr int SLOT_BITS = clog2(DEPTH);

int fail(uint64_t cycle, const char *what, uint64_t model, uint64_t rtl)
{
    fprintf(stderr, "vqueue: MISMATCH at cycle %" PRIu64 ": %s: model %" PRIu64 " (0x%" PRIx64
                    "), RTL %" PRIu64 " (0x%" PRIx64 ")\n", cycle, what, model, model, rtl, rtl);
    return 1;
}

uint64_t key_addr(int bank, uint32_t row, int col)
{
    return ((uint64_t(bank) << ROW_BITS | row) << COL_BITS | uint64_t(col)) << 5;
}

}  // namespace

int main(int argc, char **argv)
{
    uint64_t cycles = 200000, seed = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--cycles"))
            cycles = strtoull(argv[i + 1], nullptr, 10);
        else if (!strcmp(argv[i], "--seed"))
            seed = strtoull(argv[i + 1], nullptr, 10);
    }
    rng = seed;
    std::unique_ptr<VerilatedContext> ctx(new VerilatedContext);
    std::unique_ptr<Vhbm_req_queue> top(new Vhbm_req_queue(ctx.get()));
    static hbm_req_queue q;
    hbm_req_queue_init(&q, DEPTH);
    uint64_t open = 0;                 // the bench's bank state
    bool data_due = false;             // write data read last cycle, expected now
    uint8_t data_want[32];
    bool fwd_due = false;              // forward port read last cycle, expected now
    uint8_t fwd_want[32];
    uint32_t strb_want = 0;
    uint32_t open_row[BANKS] = {0};

    top->clk_i = 0;
    top->rst_i = 1;
    top->eval();
    top->clk_i = 1;
    top->eval();
    top->rst_i = 0;
    top->clk_i = 0;
    for (uint64_t c = 0; c < cycles; c++) {
        // This cycle's events.
        int n = q.n;
        bool pop = n && rnd(3) == 0;
        int pop_pos = pop ? int(rnd(n)) : 0;
        bool mark = n > 1 && rnd(4) == 0;
        int mark_pos = mark ? int(rnd(n)) : 0;
        if (mark && pop && mark_pos == pop_pos)
            mark = false;           // the row and column picks never serve one entry
        bool conflict = rnd(2);
        uint64_t closed = ~open & ((BANKS >= 64 ? ~0ull : (1ull << BANKS) - 1));
        bool act = closed && rnd(4) == 0;
        int act_bank = 0;
        if (act) {                  // a random closed bank
            int k = int(rnd(uint64_t(__builtin_popcountll(closed))));
            uint64_t m = closed;
            while (k--)
                m &= m - 1;
            act_bank = hbm_lowest_bit(m);
        }
        uint32_t act_row = uint32_t(rnd(4));   // few rows: many hits
        uint64_t close = 0;
        if (open && rnd(4) == 0)
            close = open & (rnd(8) == 0 ? ~0ull : (1ull << rnd(BANKS)));
        bool push = (n - (pop ? 1 : 0)) < DEPTH && rnd(3) != 0;
        int pb = int(rnd(BANKS));
        uint32_t prow = uint32_t(rnd(4));
        int pcol = int(rnd(1u << COL_BITS));
        if (n && rnd(3) == 0) {     // a burst already queued
            const hbm_queue_entry *e = hbm_req_queue_at(&q, int(rnd(n)));
            pb = e->bank, prow = e->row, pcol = e->col;
        }
        bool pwait = rnd(2);
        int pdep = int(rnd(64));
        bool wdone = rnd(3) == 0;
        int wdone_slot = int(rnd(64));
        if (q.wait && rnd(2)) {     // the slot a waiting entry names
            const hbm_queue_entry *e = hbm_req_queue_at(&q, hbm_lowest_bit(q.wait));
            wdone_slot = e->dep;
        }
        uint32_t pid = uint32_t(rnd(256));
        uint32_t pts = uint32_t(c * 3 + 1);

        // Drive the RTL.
        top->push_i = push;
        top->push_bank_i = pb;
        top->push_row_i = prow;
        top->push_col_i = pcol;
        top->push_id_i = pid;
        top->push_ts_i = pts;
        uint8_t data[32];
        for (int w = 0; w < 8; w++) {
            uint32_t word = uint32_t(hbm_rand_next(&rng));
            top->push_data_i[w] = word;
            memcpy(&data[w * 4], &word, 4);
        }
        uint32_t strb = rnd(2) ? 0xFFFFFFFFu : uint32_t(hbm_rand_next(&rng));
        top->push_strb_i = strb;
        top->push_wait_i = pwait;
        top->push_dep_i = pdep;
        top->wdone_i = wdone;
        top->wdone_slot_i = wdone_slot;
        top->pop_i = pop;
        top->pop_pos_i = pop_pos;
        top->pop_slot_i = pop ? q.order[pop_pos] : 0;
        top->mark_i = mark;
        top->mark_slot_i = n ? q.order[mark_pos] : 0;
        top->mark_conflict_i = conflict;
        top->act_i = act;
        top->act_bank_i = act_bank;
        top->act_row_i = act_row;
        top->open_i = open;
        for (int b = 0; b < BANKS; b++)
            for (int k = 0; k < ROW_BITS; k++) {
                int i = b * ROW_BITS + k;
                uint32_t &w = top->open_row_i[i / 32];
                w = (w & ~(1u << (i % 32))) | (((open_row[b] >> k) & 1u) << (i % 32));
            }
        top->close_i = close;
        int issue_pos = n ? int(rnd(n)) : 0;
        top->issue_slot_i = n ? q.order[issue_pos] : 0;
        // the write data of the issue port's entry, read at this edge for
        // the next cycle (popped at this edge or not, and its slot perhaps
        // pushed again in this cycle): an entry pushed two cycles ago or
        // earlier, since the block RAM is written a clock after the push (in
        // the controller an entry is issued three clocks after its push at
        // the earliest)
        bool next_read = n && rnd(2) && c - (hbm_req_queue_at(&q, issue_pos)->accept - 1) / 3 >= 2;
        top->issue_read_i = next_read;
        // probe: half the time a queued burst
        int qb = int(rnd(BANKS)), qc = int(rnd(1u << COL_BITS));
        uint32_t qr = uint32_t(rnd(4));
        if (n && rnd(2)) {
            const hbm_queue_entry *e = hbm_req_queue_at(&q, int(rnd(n)));
            qb = e->bank, qr = e->row, qc = e->col;
        }
        if (push)                   // the probe carries the pushed burst
            qb = pb, qr = prow, qc = pcol;
        int newest = hbm_req_queue_newest(&q, key_addr(qb, qr, qc));
        bool full = newest >= 0 && hbm_req_queue_full(&q, newest);
        bool fwd = !push && full && rnd(2);   // a forward is taken in a cycle with no push
        top->fwd_i = fwd;
        // the probe's input: the slots holding the burst (hbm_req_match's
        // vector in the controller), from the model's entries
        uint64_t probe_match = 0;
        for (int i = 0; i < q.n; i++)
            if (hbm_req_queue_at(&q, i)->addr == key_addr(qb, qr, qc))
                probe_match |= 1ull << q.order[i];
        top->probe_i = 1;
        top->probe_match_i = probe_match;
        top->probe_key_i = uint32_t(key_addr(qb, qr, qc) >> 5);
        // the look port: a queued burst, the pushed one or another
        int lb = int(rnd(BANKS)), lc = int(rnd(1u << COL_BITS));
        uint32_t lr = uint32_t(rnd(4));
        if (n && rnd(2)) {
            const hbm_queue_entry *e = hbm_req_queue_at(&q, int(rnd(n)));
            lb = e->bank, lr = e->row, lc = e->col;
        } else if (push && rnd(2)) {
            lb = pb, lr = prow, lc = pcol;
        }
        top->look_key_i = uint32_t(key_addr(lb, lr, lc) >> 5);
        bool look = rnd(4) != 0;   // a look in three cycles of four (else the port is 0)
        top->look_i = look;
        top->eval();

        // Compare the outputs of this cycle.
        if (top->count_o != uint32_t(q.n))
            return fail(c, "count", q.n, top->count_o);
        uint64_t valid = q.n >= 64 ? ~0ull : (1ull << q.n) - 1;
        if ((uint64_t(top->hit_o) & valid) != q.hit)
            return fail(c, "hit vector", q.hit, uint64_t(top->hit_o) & valid);
        for (int b = 0; b < BANKS; b++)
            for (int i = 0; i < q.n; i++)
                if (bit(top->bank_mask_o, b * DEPTH + i) != bool(q.bank_pos[b] >> i & 1))
                    return fail(c, "bank position vector bit (bank * DEPTH + position)", b * DEPTH + i,
                                bit(top->bank_mask_o, b * DEPTH + i));
        if (n) {
            const hbm_queue_entry *h = hbm_req_queue_at(&q, 0), *m = hbm_req_queue_at(&q, mark_pos),
                                  *e = hbm_req_queue_at(&q, issue_pos);
            if (top->head_ts_o != uint32_t(h->accept))
                return fail(c, "head accept", h->accept, top->head_ts_o);
            if (top->head_slot_o != q.order[0])
                return fail(c, "head slot", q.order[0], top->head_slot_o);
            // the age list: the slot of every position
            for (int i = 0; i < n; i++) {
                uint32_t slot = 0;
                for (int k = 0; k < SLOT_BITS; k++)
                    slot |= uint32_t(bit(top->order_o, i * SLOT_BITS + k)) << k;
                if (slot != uint32_t(q.order[i]))
                    return fail(c, "age list slot (position)", i, slot);
            }
            if (top->mark_row_o != m->row)
                return fail(c, "row of the marked slot", m->row, top->mark_row_o);
            if (top->issue_col_o != e->col || top->issue_id_o != e->id)
                return fail(c, "issue port id", e->id, top->issue_id_o);
            if (top->issue_flags_o != e->flags)
                return fail(c, "issue port flags", e->flags, top->issue_flags_o);
        }
        if (data_due && (top->issue_strb_o != strb_want || memcmp(&top->issue_data_o, data_want, 32) != 0))
            return fail(c, "write data/enables read at the last edge", strb_want, top->issue_strb_o);
        data_due = next_read;
        if (next_read) {
            int ns = q.order[issue_pos];
            memcpy(data_want, q.data[ns], 32);
            strb_want = q.enable[ns];
        }
        if (top->probe_hit_o != hbm_req_queue_holds(&q, key_addr(qb, qr, qc)))
            return fail(c, "probe", hbm_req_queue_holds(&q, key_addr(qb, qr, qc)), top->probe_hit_o);
        if (top->probe_full_o != full)
            return fail(c, "probe: the newest entry writes all bytes", full, top->probe_full_o);
        if (newest >= 0 && top->probe_slot_o != uint32_t(newest))
            return fail(c, "probe: slot of the newest entry", newest, top->probe_slot_o);
        // hbm_req_match's inputs: the slots occupied once the pop has left,
        // the slot the push writes, and the look port (a burst against every
        // slot as the queue holds them after the edge)
        uint64_t slots = DEPTH >= 64 ? ~0ull : (1ull << DEPTH) - 1;
        uint64_t kept = ~q.free_slots & slots & ~(pop ? 1ull << q.order[pop_pos] : 0);
        uint64_t push_slot = push ? 1ull << hbm_lowest_bit(~kept & slots) : 0;
        if (uint64_t(top->kept_o) != kept)
            return fail(c, "slots occupied once the pop has left", kept, uint64_t(top->kept_o));
        if (uint64_t(top->push_slot_o) != push_slot)
            return fail(c, "the slot the push writes", push_slot, uint64_t(top->push_slot_o));
        uint64_t look_want = 0;
        for (int i = 0; i < q.n; i++)
            if (kept >> q.order[i] & 1 && !(push_slot >> q.order[i] & 1) &&
                hbm_req_queue_at(&q, i)->addr == key_addr(lb, lr, lc))
                look_want |= 1ull << q.order[i];
        if (push && key_addr(pb, prow, pcol) == key_addr(lb, lr, lc))
            look_want |= push_slot;
        if (!look)
            look_want = 0;
        if (uint64_t(top->look_match_o) != look_want)
            return fail(c, "the look port's slots", look_want, uint64_t(top->look_match_o));
        if ((uint64_t(top->wait_o) & valid) != q.wait)
            return fail(c, "wait vector", q.wait, uint64_t(top->wait_o) & valid);
        if (fwd_due && memcmp(&top->fwd_data_o, fwd_want, 32) != 0)
            return fail(c, "forward port data", fwd_want[0], top->fwd_data_o[0] & 0xff);
        fwd_due = fwd;
        if (fwd)
            memcpy(fwd_want, q.data[newest], 32);

        // The count and head the RTL announces for after the edge.
        uint32_t count_next = top->count_next_o, head_ts_next = top->head_ts_next_o;
        // The clock edge, in both.
        top->clk_i = 1;
        top->eval();
        top->clk_i = 0;
        if (mark)
            hbm_req_queue_at(&q, mark_pos)->flags |= conflict ? HBM_QF_PRE : HBM_QF_ACT;
        if (wdone)
            hbm_req_queue_write_done(&q, wdone_slot);
        for (uint64_t m = close & q.busy; m; m &= m - 1)
            hbm_req_queue_bank_closed(&q, hbm_lowest_bit(m));
        if (act)
            hbm_req_queue_bank_opened(&q, act_bank, act_row);
        if (pop)
            hbm_req_queue_pop(&q, pop_pos);
        open &= ~close;
        if (act) {
            open |= 1ull << act_bank;
            open_row[act_bank] = act_row;
        }
        if (push) {
            hbm_queue_entry e;
            memset(&e, 0, sizeof e);
            e.addr = key_addr(pb, prow, pcol);
            e.accept = pts;
            e.id = pid;
            e.bank = uint16_t(pb);
            e.row = prow;
            e.col = uint16_t(pcol);
            e.dep = int8_t(pwait ? pdep : -1);
            hbm_req_queue_push(&q, &e, (open >> pb & 1) && open_row[pb] == prow, data, strb);
        }
        if (count_next != uint32_t(q.n))
            return fail(c, "count after the edge", q.n, count_next);
        if (q.n && head_ts_next != uint32_t(hbm_req_queue_at(&q, 0)->accept))
            return fail(c, "head accept cycle after the edge", hbm_req_queue_at(&q, 0)->accept, head_ts_next);
    }
    top->final();
    printf("vqueue: hbm_req_queue (DEPTH %d, %d banks) = model/hbm_req_queue.c for %" PRIu64 " cycles\n",
           DEPTH, BANKS, cycles);
    return 0;
}
