/*
 * hbm_req_queue.c - one request queue; see hbm_req_queue.h.
 */
#include "hbm_req_queue.h"
#include "hbm_bits.h"

#include <string.h>

void hbm_req_queue_init(struct hbm_req_queue *q, int depth)
{
    memset(q, 0, sizeof *q);
    q->depth = depth;
    q->free_slots = depth >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << depth) - 1);
}

int hbm_req_queue_holds(const struct hbm_req_queue *q, uint64_t burst_addr)
{
    int i;
    for (i = 0; i < q->n; i++)
        if (hbm_req_queue_at_c(q, i)->addr == burst_addr)
            return 1;
    return 0;
}

int hbm_req_queue_newest(const struct hbm_req_queue *q, uint64_t burst_addr)
{
    int i;
    for (i = 0; i < q->n; i++)
        if ((q->newest >> q->order[i] & 1) && hbm_req_queue_at_c(q, i)->addr == burst_addr)
            return q->order[i];
    return -1;
}

void hbm_req_queue_push(struct hbm_req_queue *q, const struct hbm_queue_entry *e, int hit,
                        const uint8_t *data, uint32_t enable)
{
    int s = hbm_lowest_bit(q->free_slots);
    uint64_t bit = (uint64_t)1 << q->n;

    int i;

    /* older entries to the same burst stop being the newest */
    for (i = 0; i < q->n; i++)
        if (hbm_req_queue_at_c(q, i)->addr == e->addr)
            q->newest &= ~((uint64_t)1 << q->order[i]);
    q->newest |= (uint64_t)1 << s;
    if (enable == 0xffffffffu)
        q->full |= (uint64_t)1 << s;
    else
        q->full &= ~((uint64_t)1 << s);
    if (e->dep >= 0)
        q->wait |= bit;
    q->free_slots &= ~((uint64_t)1 << s);
    q->order[q->n++] = (uint8_t)s;
    q->slot[s] = *e;
    q->bank_pos[e->bank] |= bit;
    q->busy |= (uint64_t)1 << e->bank;
    if (hit) {
        q->hit |= bit;
        q->hit_banks |= (uint64_t)1 << e->bank;
    }
    if (data)
        memcpy(q->data[s], data, HBM_BURST_BYTES);
    else
        memset(q->data[s], 0, HBM_BURST_BYTES);
    q->enable[s] = enable;
}

/* Drop bit pos of v; the bits above it move down one. */
static uint64_t collapse(uint64_t v, int pos)
{
    uint64_t keep = ((uint64_t)1 << pos) - 1;
    return (v & keep) | ((v >> 1) & ~keep);
}

void hbm_req_queue_pop(struct hbm_req_queue *q, int pos)
{
    int bank = hbm_req_queue_at(q, pos)->bank;
    uint64_t banks;

    q->free_slots |= (uint64_t)1 << q->order[pos];
    memmove(&q->order[pos], &q->order[pos + 1], (size_t)(q->n - pos - 1));
    q->n--;
    q->hit = collapse(q->hit, pos);
    q->wait = collapse(q->wait, pos);
    /* Only banks with entries above pos have bits to move. */
    for (banks = q->busy; banks; banks &= banks - 1) {
        int b = hbm_lowest_bit(banks);
        q->bank_pos[b] = collapse(q->bank_pos[b], pos);
    }
    if (!q->bank_pos[bank])
        q->busy &= ~((uint64_t)1 << bank);
    if (!(q->hit & q->bank_pos[bank]))
        q->hit_banks &= ~((uint64_t)1 << bank);
}

void hbm_req_queue_write_done(struct hbm_req_queue *q, int s)
{
    uint64_t w;
    for (w = q->wait; w; w &= w - 1) {
        int i = hbm_lowest_bit(w);
        struct hbm_queue_entry *e = hbm_req_queue_at(q, i);
        if (e->dep == s) {
            q->wait &= ~((uint64_t)1 << i);
            e->dep = -1;
        }
    }
}

void hbm_req_queue_bank_closed(struct hbm_req_queue *q, int bank)
{
    q->hit &= ~q->bank_pos[bank];
    q->hit_banks &= ~((uint64_t)1 << bank);
}

void hbm_req_queue_bank_opened(struct hbm_req_queue *q, int bank, uint32_t row)
{
    uint64_t pos;

    q->hit &= ~q->bank_pos[bank];
    for (pos = q->bank_pos[bank]; pos; pos &= pos - 1) {
        int i = hbm_lowest_bit(pos);
        if (hbm_req_queue_at(q, i)->row == row)
            q->hit |= (uint64_t)1 << i;
    }
    if (q->hit & q->bank_pos[bank])
        q->hit_banks |= (uint64_t)1 << bank;
    else
        q->hit_banks &= ~((uint64_t)1 << bank);
}
