// hbm_dpi_main.cpp - the clock of the DPI example (make dpi-example):
// resets tb/hbm_dpi_tb.sv for four cycles, then toggles its clock until it
// says done (or a cycle limit), and prints the simulated cycles per
// CPU-second on stderr.  C++ only because Verilator needs it.
//
//   hbm_dpi_example [+max=CYCLES]      (the tb's parameters are set at build time)
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>

#include "Vhbm_dpi_tb.h"
#include "verilated.h"

int main(int argc, char **argv)
{
    std::unique_ptr<VerilatedContext> ctx(new VerilatedContext);
    ctx->commandArgs(argc, argv);
    std::unique_ptr<Vhbm_dpi_tb> tb(new Vhbm_dpi_tb(ctx.get()));
    uint64_t max = 100000000, cycles = 0;
    const char *m = ctx->commandArgsPlusMatch("max=");
    if (m && *m)
        max = std::strtoull(m + 5, nullptr, 10);
    std::clock_t c0 = std::clock();
    tb->rst_i = 1;
    for (int i = 0; i < 4; i++) {
        tb->clk_i = 0;
        tb->eval();
        tb->clk_i = 1;
        tb->eval();
    }
    tb->rst_i = 0;
    while (!tb->done_o && cycles < max) {
        tb->clk_i = 0;
        tb->eval();
        tb->clk_i = 1;
        tb->eval();
        cycles++;
    }
    double s = double(std::clock() - c0) / CLOCKS_PER_SEC;
    std::fprintf(stderr, "hbm_dpi_example: %" PRIu64 " cycles in %.2f CPU-s: %.2f M cycles per CPU-second; %d errors\n",
                 cycles, s, s > 0 ? cycles / s / 1e6 : 0.0, int(tb->errors_o));
    tb->final();
    return !tb->done_o || tb->errors_o ? 1 : 0;
}
