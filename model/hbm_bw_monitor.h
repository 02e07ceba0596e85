/*
 * hbm_bw_monitor.h - the bandwidth monitor of one controller.
 *
 * The C twin of rtl/hbm_bw_monitor.v (the behaviour, edge by edge, is in
 * that file's header and in docs/microarchitecture.md, "The bandwidth
 * monitor").  Owns: the bytes the response port delivers, reads and writes
 * apart; over windows of a programmable number of controller clocks the
 * bytes of the last window, the least, the most and their sum; the
 * energy counters (ACT, RD and WR commands, REFAB, REFPB, DRAM clocks with
 * a bank open: what docs/energy.md's formulas multiply); the register
 * port that programs and reads them (its map: model/hbm_encoding.def,
 * HBM_BWMON_REG), with its registered read data.
 */
#ifndef HBM_BW_MONITOR_H
#define HBM_BW_MONITOR_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Register addresses (also the RTL's: rtl/gen/hbm_encoding.vh). */
enum hbm_bwmon_reg {
#define HBM_BWMON_REG(name, addr) HBM_BWMON_##name = addr,
#include "hbm_encoding.def"
#undef HBM_BWMON_REG
    HBM_BWMON_REGS = 32   /* addresses: 1 << HBM_BWMON_ADDR_BITS */
};

/* Its constants: register address width, window length width, the window
 * length after reset. */
#define HBM_BWMON_PARAM(name, value) enum { HBM_BWMON_##name = value };
#include "hbm_encoding.def"
#undef HBM_BWMON_PARAM

struct hbm_bw_monitor {
    uint32_t window;            /* clocks per window, 0: off */
    uint32_t pos;               /* clocks of the current window so far */
    uint32_t cur;               /* bytes of the current window so far */
    uint32_t last, least, most, windows;
    uint64_t sum;               /* bytes of every closed window */
    uint64_t rd_bytes, wr_bytes;
    uint64_t acts, rds, wrs, active;   /* energy counters */
    uint32_t refabs, refpbs;
    uint32_t rdata;             /* reg_rdata_o */
    /* the register port's inputs of the current clock */
    int addr, we;
    uint32_t wdata;
};

/* The state after reset. */
void hbm_bw_monitor_init(struct hbm_bw_monitor *b);

/* The value of register addr now (the RTL's read multiplexer). */
uint32_t hbm_bw_monitor_value(const struct hbm_bw_monitor *b, int addr);

/* The name of register addr ("ACTS_LO", ...; "?" for an address without one). */
const char *hbm_bw_monitor_reg_name(int addr);

/* The readable register after addr, round all of them (0 after the
 * last): the rotation the drivers read, one register a clock, so that
 * lockstep compares every counter all through a run. */
int hbm_bw_monitor_next_reg(int addr);

/* What the counters count in one clock. */
struct hbm_bwmon_clock {
    int rd_done, wr_done;   /* the response port's handshake */
    int act, rd, wr;        /* an ACT, an RD/RDA, a WR/WRA issued */
    int refab, refpb;       /* a REFAB, a REFPB issued */
    int active;             /* DRAM clocks of this clock with a bank open (0 .. dfi_ratio) */
};

/* The rising edge, after clock k; the register port's inputs are b->addr,
 * b->we, b->wdata. */
void hbm_bw_monitor_edge(struct hbm_bw_monitor *b, const struct hbm_bwmon_clock *k);

#ifdef __cplusplus
}
#endif
#endif
