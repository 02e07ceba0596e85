/*
 * hbm_bw_monitor.c - the bandwidth monitor; see hbm_bw_monitor.h.  Each
 * statement mirrors rtl/hbm_bw_monitor.v.
 */
#include "hbm_bw_monitor.h"

#include <string.h>

#define WINDOW_MASK ((1u << HBM_BWMON_WINDOW_BITS) - 1u)
#define NONE 0xffffffffu   /* least bytes before the first window closes */

void hbm_bw_monitor_init(struct hbm_bw_monitor *b)
{
    memset(b, 0, sizeof *b);
    b->window = HBM_BWMON_WINDOW_RESET & WINDOW_MASK;
    b->least = NONE;
}

uint32_t hbm_bw_monitor_value(const struct hbm_bw_monitor *b, int addr)
{
    switch (addr) {
    case HBM_BWMON_WINDOW:   return b->window;
    case HBM_BWMON_READ_LO:  return (uint32_t)b->rd_bytes;
    case HBM_BWMON_READ_HI:  return (uint32_t)(b->rd_bytes >> 32);
    case HBM_BWMON_WRITE_LO: return (uint32_t)b->wr_bytes;
    case HBM_BWMON_WRITE_HI: return (uint32_t)(b->wr_bytes >> 32);
    case HBM_BWMON_WINDOWS:  return b->windows;
    case HBM_BWMON_LEAST:    return b->least;
    case HBM_BWMON_MOST:     return b->most;
    case HBM_BWMON_SUM_LO:   return (uint32_t)b->sum;
    case HBM_BWMON_SUM_HI:   return (uint32_t)(b->sum >> 32);
    case HBM_BWMON_LAST:     return b->last;
    case HBM_BWMON_CURRENT:  return b->cur;
    case HBM_BWMON_POSITION: return b->pos;
    case HBM_BWMON_ACTS_LO:  return (uint32_t)b->acts;
    case HBM_BWMON_ACTS_HI:  return (uint32_t)(b->acts >> 32);
    case HBM_BWMON_RDS_LO:   return (uint32_t)b->rds;
    case HBM_BWMON_RDS_HI:   return (uint32_t)(b->rds >> 32);
    case HBM_BWMON_WRS_LO:   return (uint32_t)b->wrs;
    case HBM_BWMON_WRS_HI:   return (uint32_t)(b->wrs >> 32);
    case HBM_BWMON_REFABS:   return b->refabs;
    case HBM_BWMON_REFPBS:   return b->refpbs;
    case HBM_BWMON_ACTIVE_LO: return (uint32_t)b->active;
    case HBM_BWMON_ACTIVE_HI: return (uint32_t)(b->active >> 32);
    default:                 return 0;
    }
}

const char *hbm_bw_monitor_reg_name(int addr)
{
    switch (addr) {
#define HBM_BWMON_REG(name, a) case a: return #name;
#include "hbm_encoding.def"
#undef HBM_BWMON_REG
    default: return "?";
    }
}

int hbm_bw_monitor_next_reg(int addr)
{
    if (addr == HBM_BWMON_POSITION)
        return HBM_BWMON_ACTS_LO;
    return addr >= HBM_BWMON_ACTIVE_HI ? 0 : addr + 1;
}

void hbm_bw_monitor_edge(struct hbm_bw_monitor *b, const struct hbm_bwmon_clock *k)
{
    int rd_done = k->rd_done, wr_done = k->wr_done;
    int clear = b->we && b->addr == HBM_BWMON_CLEAR;
    int set_window = b->we && b->addr == HBM_BWMON_WINDOW;
    uint32_t window_bytes = b->cur + (rd_done || wr_done ? 32u : 0u);

    b->rdata = hbm_bw_monitor_value(b, b->addr);
    if (clear || set_window) {
        b->pos = b->cur = b->last = b->most = b->windows = 0;
        b->least = NONE;
        b->sum = 0;
    }
    if (clear) {
        b->rd_bytes = b->wr_bytes = 0;
        b->acts = b->rds = b->wrs = b->active = 0;
        b->refabs = b->refpbs = 0;
    } else {
        b->rd_bytes += rd_done ? 32u : 0u;
        b->wr_bytes += wr_done ? 32u : 0u;
        b->acts += (uint64_t)(k->act != 0);
        b->rds += (uint64_t)(k->rd != 0);
        b->wrs += (uint64_t)(k->wr != 0);
        b->refabs += (uint32_t)(k->refab != 0);
        b->refpbs += (uint32_t)(k->refpb != 0);
        b->active += (uint64_t)k->active;
    }
    if (set_window)
        b->window = b->wdata & WINDOW_MASK;
    else if (!clear && b->window) {
        if (b->pos == b->window - 1) {   /* the window's last clock closes it */
            b->pos = b->cur = 0;
            b->last = window_bytes;
            b->windows++;
            b->sum += window_bytes;
            if (window_bytes < b->least)
                b->least = window_bytes;
            if (window_bytes > b->most)
                b->most = window_bytes;
        } else {
            b->pos++;
            b->cur = window_bytes;
        }
    }
    b->we = 0;   /* a write lasts one clock */
}
