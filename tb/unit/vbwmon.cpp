// vbwmon.cpp - rtl/hbm_bw_monitor.v against its C twin
// (model/hbm_bw_monitor.c): random response handshakes (reads and writes,
// bursts of them and quiet stretches), and through the register port
// a random address read every clock (each register about every 32nd),
// random commands for the energy counters (ACT, RD, WR, REFAB, REFPB, and
// 0 to 2 DRAM clocks with a bank open),
// window lengths of 0 to 40 clocks written at random times, CLEAR, and
// writes to read-only addresses; the read data compared every clock.  Exit 1 on the first difference.
//   vbwmon [--cycles N]
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "Vhbm_bw_monitor.h"
#include "verilated.h"

#include "hbm_bw_monitor.h"
#include "hbm_rand.h"

int main(int argc, char **argv)
{
    uint64_t cycles = 200000, rng = 11, closed = 0, writes = 0, clears = 0;
    for (int i = 1; i + 1 < argc; i++)
        if (!strcmp(argv[i], "--cycles"))
            cycles = strtoull(argv[++i], nullptr, 10);
    std::unique_ptr<VerilatedContext> ctx(new VerilatedContext);
    std::unique_ptr<Vhbm_bw_monitor> top(new Vhbm_bw_monitor(ctx.get()));
    struct hbm_bw_monitor c;

    hbm_bw_monitor_init(&c);
    top->rst_i = 1;
    for (int i = 0; i < 2; i++) {
        top->clk_i = 0;
        top->eval();
        top->clk_i = 1;
        top->eval();
    }
    top->rst_i = 0;
    int busy = 50;   // % of clocks with a response, changed now and then
    for (uint64_t t = 0; t < cycles; t++) {
        uint64_t r = hbm_rand_next(&rng);
        if (r % 997 == 0)
            busy = int(hbm_rand_next(&rng) % 101);
        int done = int(hbm_rand_next(&rng) % 100) < busy;
        int wr = done && (r >> 8) % 4 == 0;
        int rd = done && !wr;
        int addr = int((r >> 12) % HBM_BWMON_REGS);
        uint64_t r2 = hbm_rand_next(&rng);
        struct hbm_bwmon_clock k;
        k.rd_done = rd;
        k.wr_done = wr;
        k.act = int(r2 % 3 == 0);
        k.rd = int((r2 >> 4) % 2);
        k.wr = !k.rd && (r2 >> 5) % 3 == 0;
        k.refab = int((r2 >> 8) % 50 == 0);
        k.refpb = !k.refab && (r2 >> 16) % 20 == 0;
        k.active = int((r2 >> 24) % 3);
        int we = (r >> 20) % 300 == 0;
        uint32_t wdata = uint32_t(hbm_rand_next(&rng));
        if (we && (r >> 30) % 2)   // mostly short windows, so that many close
            addr = HBM_BWMON_WINDOW, wdata = uint32_t((r >> 32) % 41);
        else if (we && (r >> 31) % 4 == 0)
            addr = HBM_BWMON_CLEAR;
        writes += we && addr == HBM_BWMON_WINDOW;
        clears += we && addr == HBM_BWMON_CLEAR;
        top->clk_i = 0;
        top->rd_done_i = rd;
        top->wr_done_i = wr;
        top->act_i = k.act;
        top->rd_i = k.rd;
        top->wr_i = k.wr;
        top->refab_i = k.refab;
        top->refpb_i = k.refpb;
        top->active_i = k.active;
        top->reg_addr_i = addr;
        top->reg_we_i = we;
        top->reg_wdata_i = wdata;
        top->eval();
        c.addr = addr;
        c.we = we;
        c.wdata = wdata;
        uint32_t windows_before = c.windows;
        hbm_bw_monitor_edge(&c, &k);
        closed += c.windows > windows_before;
        top->clk_i = 1;
        top->eval();
        if (top->reg_rdata_o != c.rdata) {
            fprintf(stderr, "vbwmon: MISMATCH at clock %" PRIu64 ": read data of register %d: model 0x%08x, RTL 0x%08x\n",
                    t, addr, c.rdata, top->reg_rdata_o);
            return 1;
        }
    }
    top->final();
    printf("vbwmon: hbm_bw_monitor = model/hbm_bw_monitor.c on %" PRIu64 " clocks (%" PRIu64 " windows closed, "
           "%" PRIu64 " window lengths and %" PRIu64 " clears written)\n", cycles, closed, writes, clears);
    return 0;
}
