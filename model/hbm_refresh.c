/*
 * hbm_refresh.c - refresh engine; see hbm_refresh.h.
 */
#include "hbm_refresh.h"
#include "hbm_bits.h"

#include <string.h>

#define DEBT_MAX 15

void hbm_refresh_init(struct hbm_refresh *r, const struct hbm_config *cfg)
{
    memset(r, 0, sizeof *r);
    r->mode = cfg->refresh_mode;
    r->postpone = cfg->refresh_postpone;
    r->banks = cfg->banks;
    r->interval = (uint32_t)(cfg->refresh_mode == HBM_REFRESH_PER_BANK ? cfg->trefipb : cfg->trefi);
    r->timer = r->interval;
    r->pick = cfg->refresh_pick;
}

static uint64_t all_banks(const struct hbm_refresh *r)
{
    return r->banks >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << r->banks) - 1);
}


void hbm_refresh_decide(struct hbm_refresh *r, uint64_t busy_banks, int queues_empty)
{
    uint64_t todo, idle_todo;

    if (r->active || r->debt == 0 || r->mode == HBM_REFRESH_NONE)
        return;
    if (r->mode == HBM_REFRESH_ALL_BANK) {
        if (r->debt >= r->postpone || queues_empty)
            r->active = 1;
        return;
    }
    todo = all_banks(r) & ~r->done_mask;
    idle_todo = todo & ~busy_banks;
    if (idle_todo && r->pick == HBM_REFPICK_RECENT) {
        if ((idle_todo >> r->last_closed & 1) && !r->last_closed_end) {
            r->active = 1;
            r->bank = r->last_closed;
        } else if (r->debt >= (r->postpone + 1) / 2) {
            r->active = 1;
            r->bank = hbm_lowest_bit(idle_todo);
        }
    } else if (idle_todo) {
        r->active = 1;
        r->bank = hbm_lowest_bit(idle_todo);
    } else if (r->debt >= r->postpone) {
        r->active = 1;
        r->bank = hbm_lowest_bit(todo);
    }
}

uint64_t hbm_refresh_blocked(const struct hbm_refresh *r)
{
    if (!r->active)
        return 0;
    if (r->mode == HBM_REFRESH_ALL_BANK)
        return all_banks(r);
    return (uint64_t)1 << r->bank;
}

void hbm_refresh_bank_closed(struct hbm_refresh *r, int bank, int at_row_end)
{
    r->last_closed = bank;
    r->last_closed_end = at_row_end ? 1 : 0;
}

void hbm_refresh_done(struct hbm_refresh *r)
{
    r->active = 0;
    r->debt--;
    if (r->mode == HBM_REFRESH_PER_BANK) {
        r->done_mask |= (uint64_t)1 << r->bank;
        if (r->done_mask == all_banks(r))
            r->done_mask = 0;
    }
}

int hbm_refresh_tick(struct hbm_refresh *r, int clocks)
{
    if (r->mode == HBM_REFRESH_NONE)
        return 0;
    if (r->timer > (uint32_t)clocks) {
        r->timer -= (uint32_t)clocks;
        return 0;
    }
    /* an interval ended in one of these clocks (interval >= 2 >= clocks) */
    r->timer += r->interval - (uint32_t)clocks;
    if (r->debt == DEBT_MAX)
        return 0;
    r->debt++;
    return 1;
}
