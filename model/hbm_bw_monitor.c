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
    default:                 return 0;
    }
}

void hbm_bw_monitor_edge(struct hbm_bw_monitor *b, int rd_done, int wr_done)
{
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
    } else {
        b->rd_bytes += rd_done ? 32u : 0u;
        b->wr_bytes += wr_done ? 32u : 0u;
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
