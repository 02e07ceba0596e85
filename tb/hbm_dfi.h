// hbm_dfi.h - one pseudo-channel's DFI buses in the Verilator testbenches
// (vhbm.cpp, vstack.cpp): the C++ side of what hbm_ctrl drives.
//
// Owns: reading a Verilated top's command slots, bank and address fields
// and write data (pseudo-channel n of a top whose DFI ports concatenate
// several, n = 0 for hbm_ctrl itself), carrying them to the C device model
// (model/hbm_device), putting its read data back on the top's inputs,
// counting the pseudo-channel's statistics from its commands, handing each
// command to a hook, and noting the DRAM clock each burst ends on the data
// bus.  Also the bit-field helpers both testbenches use on Verilated
// signals of any width.  C++ only because Verilator needs it.
#ifndef HBM_DFI_H
#define HBM_DFI_H

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>
#include <unistd.h>

#include "verilated.h"

#include "hbm_cmd.h"
#include "hbm_config.h"
#include "hbm_device.h"
#include "hbm_model.h"
#include "hbm_stats.h"

// Bits [lo, lo + w) (w <= 64) of a Verilated signal: an integer type up to
// 64 bits, or a VlWide of 32-bit words.
template <typename T>
inline uint64_t get(const T &s, int lo, int w)
{
    uint64_t m = w >= 64 ? ~uint64_t(0) : (uint64_t(1) << w) - 1;
    return (uint64_t(s) >> lo) & m;
}
template <std::size_t N>
inline uint64_t get(const VlWide<N> &s, int lo, int w)
{
    uint64_t v = 0;
    for (int i = 0; i < w;) {
        int b = lo + i, k = 32 - b % 32 < w - i ? 32 - b % 32 : w - i;
        uint64_t part = (uint64_t(s[b / 32]) >> (b % 32)) & ((uint64_t(1) << k) - 1);
        v |= part << i;
        i += k;
    }
    return v;
}
template <typename T>
inline void put(T &s, int lo, int w, uint64_t v)
{
    uint64_t m = (w >= 64 ? ~uint64_t(0) : (uint64_t(1) << w) - 1) << lo;
    s = T((uint64_t(s) & ~m) | ((v << lo) & m));
}
template <std::size_t N>
inline void put(VlWide<N> &s, int lo, int w, uint64_t v)
{
    for (int i = 0; i < w;) {
        int b = lo + i, k = 32 - b % 32 < w - i ? 32 - b % 32 : w - i;
        uint32_t m = uint32_t(((uint64_t(1) << k) - 1) << (b % 32));
        s[b / 32] = (s[b / 32] & ~m) | (uint32_t((v >> i) << (b % 32)) & m);
        i += k;
    }
}
// n bytes at bit lo (a multiple of 8), byte 0 lowest.
template <typename T>
inline void put_bytes(T &s, int lo, const uint8_t *d, int n)
{
    for (int i = 0; i < n; i += 4) {
        uint64_t v = 0;
        for (int k = 0; k < 4 && i + k < n; k++)
            v |= uint64_t(d[i + k]) << (8 * k);
        put(s, lo + 8 * i, n - i < 4 ? 8 * (n - i) : 32, v);
    }
}
template <typename T>
inline void get_bytes(const T &s, int lo, uint8_t *d, int n)
{
    for (int i = 0; i < n; i += 4) {
        uint64_t v = get(s, lo + 8 * i, n - i < 4 ? 8 * (n - i) : 32);
        for (int k = 0; k < 4 && i + k < n; k++)
            d[i + k] = uint8_t(v >> (8 * k));
    }
}

// A coverage build (verilator --coverage, make coverage) writes the RTL's
// line and toggle counts at the end of a run, as
// $HBM_RTL_COVERAGE_DIR/cov_<pid>.dat (nothing without that variable).
inline void hbm_write_rtl_coverage(VerilatedContext *ctx)
{
#if VM_COVERAGE
    const char *dir = getenv("HBM_RTL_COVERAGE_DIR");
    if (dir && *dir)
        ctx->coveragep()->write((std::string(dir) + "/cov_" + std::to_string(getpid()) + ".dat").c_str());
#else
    (void)ctx;
#endif
}

// One pseudo-channel's DFI buses and the device behind them.
class DfiChannel {
public:
    DfiChannel(const hbm_config &cfg, hbm_device *dev) : cfg_(cfg), dev_(dev), ratio_(cfg.dfi_ratio)
    {
        while ((1 << cmd_bits_) < HBM_CMD_COUNT)   // the width of a command slot (hbm_encoding.vh)
            cmd_bits_++;
        memset(&stats_, 0, sizeof stats_);
    }

    int cmd_bits() const { return cmd_bits_; }

    // The commands and data of the clock that starts at DRAM clock now, of
    // pseudo-channel n of top (evaluated with this clock's inputs): the
    // commands to the statistics, the device and the hook; the write data to
    // the device; the device's read data onto the top's read-data inputs
    // (taken at the next rising edge).
    template <class Top>
    void cycle(Top &t, int n, uint64_t now)
    {
        const int slots = ratio_ * cmd_bits_, bgb = cfg_.bg_bits, bab = cfg_.ba_bits;
        const unsigned slot_mask = (1u << cmd_bits_) - 1;
        unsigned rows = unsigned(get(t.dfi_row_cmd, n * slots, slots));
        unsigned cols = unsigned(get(t.dfi_col_cmd, n * slots, slots));
        for (int ph = 0; ph < ratio_; ph++) {
            unsigned row = (rows >> (ph * cmd_bits_)) & slot_mask;
            unsigned col = (cols >> (ph * cmd_bits_)) & slot_mask;
            if (row)
                command(hbm_cmd{now + uint64_t(ph), int(row), 0, 0, int(get(t.dfi_row_bg, n * bgb, bgb)),
                                int(get(t.dfi_row_ba, n * bab, bab)),
                                int(get(t.dfi_row_addr, n * cfg_.row_bits, cfg_.row_bits)), 0, HBM_CAUSE_HIT});
            if (col)
                command(hbm_cmd{now + uint64_t(ph), int(col), 0, 0, int(get(t.dfi_col_bg, n * bgb, bgb)),
                                int(get(t.dfi_col_ba, n * bab, bab)), 0,
                                int(get(t.dfi_col_addr, n * cfg_.col_bits, cfg_.col_bits)),
                                int(get(t.perf_col_cause_o, n * 2, 2))});
        }
        for (int ph = 0; ph < ratio_; ph++) {
            hbm_dfi_data io;
            int slot = n * ratio_ + ph;
            memset(&io, 0, sizeof io);
            io.wrdata_en = int(get(t.dfi_wrdata_en, slot, 1));
            get_bytes(t.dfi_wrdata, slot * 128, io.wrdata, 16);
            io.wrdata_enable = uint16_t(~get(t.dfi_wrdata_mask, slot * 16, 16));
            io.wrdata_ecc[0] = uint8_t(get(t.dfi_wrdata_ecc, slot * 16, 8));
            io.wrdata_ecc[1] = uint8_t(get(t.dfi_wrdata_ecc, slot * 16 + 8, 8));
            hbm_device_data(dev_, now + uint64_t(ph), &io);
            put(t.dfi_rddata_valid, slot, 1, io.rddata_valid ? 1 : 0);
            put_bytes(t.dfi_rddata, slot * 128, io.rddata, 16);
            put(t.dfi_rddata_ecc, slot * 16, 16, uint64_t(io.rddata_ecc[0]) | uint64_t(io.rddata_ecc[1]) << 8);
            if ((io.wrdata_en || io.rddata_valid) && ++beat_ == cfg_.tburst) {
                burst_ends_.push_back(now + uint64_t(ph));
                beat_ = 0;
            }
        }
    }

    void set_hook(hbm_cmd_hook fn, void *ctx)
    {
        hook_ = fn;
        hook_ctx_ = ctx;
    }
    hbm_stats &stats() { return stats_; }
    const hbm_stats &stats() const { return stats_; }
    // The DRAM clocks at which bursts ended on the data bus, oldest first.
    std::deque<uint64_t> &burst_ends() { return burst_ends_; }
    uint64_t protocol_errors() const { return hbm_device_protocol_errors(dev_); }

private:
    void command(const hbm_cmd &c)
    {
        hbm_stats_command(&stats_, &c, cfg_.tburst);
        hbm_device_command(dev_, &c);
        if (hook_)
            hook_(hook_ctx_, &c);
    }

    const hbm_config &cfg_;
    hbm_device *dev_;
    hbm_stats stats_;
    hbm_cmd_hook hook_ = nullptr;
    void *hook_ctx_ = nullptr;
    std::deque<uint64_t> burst_ends_;
    int ratio_ = 1, cmd_bits_ = 0, beat_ = 0;
};

#endif
