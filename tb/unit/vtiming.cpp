// vtiming.cpp - rtl/hbm_timing.v (its hbm_timer and hbm_faw primitives)
// against its C twin model/hbm_timing.c, cycle by cycle.
//
//   vtiming --config FILE [--cycles N] [--seed N]
//
// Each cycle a random legal row command (ACT, PRE, PREA, REFAB, REFPB to a
// random bank, as the model's table allows it now) and a random legal
// column command (RD, RDA, WR, WRA) go to both, each in a random DRAM clock
// (phase) of the cycle when the config's dfi_ratio is 2; before the edge
// the RTL's readiness vectors, which say what the next cycle allows in
// each of its DRAM clocks with this cycle's commands counted (the
// scheduler picks one cycle ahead), must equal the model's per bank for
// those DRAM clocks once it has recorded the commands: act_ok (with tFAW),
// pre_ok, rd_ok, wr_ok, ref_ok, and every bank's PRE and REF readiness at once
// (pre_all_ok, ref_all_ok: PREA, REFAB).  Exit 1 on the first difference.  The
// config must be the one whose header the bench was built with.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "Vhbm_timing_tb.h"
#include "verilated.h"

#include "hbm_cmd.h"
#include "hbm_config.h"
#include "hbm_rand.h"
#include "hbm_timing.h"

int main(int argc, char **argv)
{
    const char *config = nullptr;
    uint64_t cycles = 200000, seed = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--config"))
            config = argv[i + 1];
        else if (!strcmp(argv[i], "--cycles"))
            cycles = strtoull(argv[i + 1], nullptr, 10);
        else if (!strcmp(argv[i], "--seed"))
            seed = strtoull(argv[i + 1], nullptr, 10);
    }
    hbm_config cfg;
    char err[HBM_ERR_MAX];
    static hbm_timing t;
    if (!config || hbm_config_load(&cfg, config, err) || hbm_timing_init(&t, &cfg, err)) {
        fprintf(stderr, "vtiming: %s\n", config ? err : "--config FILE is required");
        return 2;
    }
    std::unique_ptr<VerilatedContext> ctx(new VerilatedContext);
    std::unique_ptr<Vhbm_timing_tb> top(new Vhbm_timing_tb(ctx.get()));
    uint64_t rng = seed, counts[HBM_CMD_COUNT] = {0};
    const int row_codes[] = {HBM_CMD_ACT, HBM_CMD_ACT, HBM_CMD_ACT, HBM_CMD_PRE, HBM_CMD_PRE,
                             HBM_CMD_REFPB, HBM_CMD_PREA, HBM_CMD_REFAB};
    const int col_codes[] = {HBM_CMD_RD, HBM_CMD_RDA, HBM_CMD_WR, HBM_CMD_WRA};

    top->rst_i = 1;
    top->clk_i = 0;
    top->eval();
    top->clk_i = 1;
    top->eval();
    top->clk_i = 0;
    top->rst_i = 0;
    const uint64_t ratio = uint64_t(cfg.dfi_ratio);
    for (uint64_t clk = 0; clk < cycles; clk++) {
        int rb = int(hbm_rand_next(&rng) % cfg.banks), cb = int(hbm_rand_next(&rng) % cfg.banks);
        int rc = row_codes[hbm_rand_next(&rng) % 8], cc = col_codes[hbm_rand_next(&rng) % 4];
        int rp = int(hbm_rand_next(&rng) % ratio), cp = int(hbm_rand_next(&rng) % ratio);
        uint64_t now = clk * ratio;   // this cycle's first DRAM clock
        // 200 clocks in every 2000 take only all-bank commands (so that PREA
        // and REFAB find every bank ready); otherwise a random command when
        // it is legal, the row bus left idle about a third of the time.
        bool quiet = clk % 2000 < 200;
        if (quiet)
            rc = hbm_rand_next(&rng) % 2 ? HBM_CMD_PREA : HBM_CMD_REFAB;
        if (hbm_rand_next(&rng) % 3 == 0 || !hbm_timing_ok(&t, rc, rb, now + rp))
            rc = HBM_CMD_NOP;
        if (rc == HBM_CMD_PREA || rc == HBM_CMD_REFAB)
            rb = 0;
        if (quiet || hbm_rand_next(&rng) % 4 == 0 || !hbm_timing_ok(&t, cc, cb, now + cp))
            cc = HBM_CMD_NOP;
        top->row_cmd_i = rc;
        top->row_bank_i = rb;
        top->row_phase_i = rp;
        top->col_cmd_i = cc;
        top->col_bank_i = cb;
        top->col_phase_i = cp;
        top->eval();
        if (rc != HBM_CMD_NOP)
            hbm_timing_issue(&t, rc, rb, now + rp);
        if (cc != HBM_CMD_NOP)
            hbm_timing_issue(&t, cc, cb, now + cp);
        for (uint64_t p = 0; p < ratio; p++)
        for (int b = 0; b < cfg.banks; b++) {
            const int lane = int(p) * cfg.banks + b;
            const uint64_t at = now + ratio + p;   // the next cycle's DRAM clock p
            const struct {
                const char *name;
                uint64_t rtl;
                int code;
            } v[] = {{"act_ok", top->act_ok_o, HBM_CMD_ACT}, {"pre_ok", top->pre_ok_o, HBM_CMD_PRE},
                     {"rd_ok", top->rd_ok_o, HBM_CMD_RD}, {"wr_ok", top->wr_ok_o, HBM_CMD_WR},
                     {"ref_ok", top->ref_ok_o, HBM_CMD_REFPB}};
            for (const auto &x : v)
                if (bool(x.rtl >> lane & 1) != bool(hbm_timing_ok(&t, x.code, b, at))) {
                    fprintf(stderr, "vtiming: MISMATCH at cycle %" PRIu64 " (DRAM clock %" PRIu64 "): %s of bank %d "
                                    "for DRAM clock %" PRIu64 ": model %d, RTL %d\n",
                            clk, now, x.name, b, at, hbm_timing_ok(&t, x.code, b, at), int(x.rtl >> lane & 1));
                    return 1;
                }
        }
        // every bank at once (PREA, REFAB): the AND of the banks' readiness
        for (uint64_t p = 0; p < ratio; p++) {
            const uint64_t at = now + ratio + p;
            bool pre_all = true, ref_all = true;
            for (int b = 0; b < cfg.banks; b++) {
                pre_all = pre_all && hbm_timing_ok(&t, HBM_CMD_PRE, b, at);
                ref_all = ref_all && hbm_timing_ok(&t, HBM_CMD_REFPB, b, at);
            }
            if (bool(top->pre_all_ok_o >> p & 1) != pre_all || bool(top->ref_all_ok_o >> p & 1) != ref_all) {
                fprintf(stderr, "vtiming: MISMATCH at cycle %" PRIu64 ": every bank's PRE / REF ok for DRAM clock "
                                "%" PRIu64 ": model %d / %d, RTL %d / %d\n", clk, at, pre_all, ref_all,
                        int(top->pre_all_ok_o >> p & 1), int(top->ref_all_ok_o >> p & 1));
                return 1;
            }
        }
        counts[rc]++;
        counts[cc]++;
        top->clk_i = 1;
        top->eval();
        top->clk_i = 0;
    }
    top->final();
    printf("vtiming: hbm_timing = model/hbm_timing.c (%s, dfi_ratio %d) for %" PRIu64 " cycles:", cfg.source,
           cfg.dfi_ratio, cycles);
    for (int c = 1; c < HBM_CMD_COUNT; c++)
        printf(" %" PRIu64 " %s", counts[c], hbm_cmd_name(c));
    printf("\n");
    return 0;
}
