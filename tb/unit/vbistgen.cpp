// vbistgen.cpp - fpga/soc/hbm_bist_gen.v (the self-test SoC's traffic
// generator) against hbmsim's workloads (sim/hbm_workload.c): for each
// workload spec and seed the generator's requests, taken under random
// back-pressure, must be hbm_source_next's, address for address and read
// or write for read or write; the fill pass must give the same addresses,
// all writes.  Exit 1 on the first difference, naming the spec, seed and
// request.
//   vbistgen --config FILE [--requests N]
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "Vhbm_bist_gen.h"
#include "verilated.h"

#include "hbm_config.h"
#include "hbm_rand.h"
#include "hbm_source.h"

namespace {

struct Case {
    const char *spec;
    int kind;
    uint32_t p1, p2;
};

// Multistream with n not dividing the capacity's bursts (3, 7, 64), stride
// past the capacity's end, tiled with chunks that are not a power of two
// and pitches whose rows do not divide the capacity.
const Case cases[] = {
    {"stream", 0, 0, 0},
    {"multistream:n=1", 1, 1, 0},
    {"multistream:n=3", 1, 3, 0},
    {"multistream:n=7", 1, 7, 0},
    {"multistream:n=64", 1, 64, 0},
    {"stride:bytes=4096", 2, 4096, 0},
    {"stride:bytes=96", 2, 96, 0},
    {"random", 3, 0, 0},
    {"mixed:write_pct=20", 4, 20, 0},
    {"mixed:write_pct=0", 4, 0, 0},
    {"mixed:write_pct=100", 4, 100, 0},
    {"tiled:chunk=1536,pitch=16384", 5, 1536, 16384},
    {"tiled:chunk=96,pitch=224", 5, 96, 224},
    {"tiled:chunk=32,pitch=64", 5, 32, 64},
};

struct Bench {
    std::unique_ptr<VerilatedContext> ctx{new VerilatedContext};
    std::unique_ptr<Vhbm_bist_gen> top{new Vhbm_bist_gen(ctx.get())};
    void tick()
    {
        top->clk_i = 0;
        top->eval();
        top->clk_i = 1;
        top->eval();
    }
};

}  // namespace

int main(int argc, char **argv)
{
    const char *config = nullptr;
    uint64_t requests = 3000, rng = 7;
    for (int i = 1; i + 1 < argc; i++) {
        if (!strcmp(argv[i], "--config"))
            config = argv[++i];
        else if (!strcmp(argv[i], "--requests"))
            requests = strtoull(argv[++i], nullptr, 10);
    }
    char err[HBM_ERR_MAX];
    struct hbm_config cfg;
    if (!config || hbm_config_load(&cfg, config, err)) {
        fprintf(stderr, "vbistgen: %s\n", config ? err : "--config FILE is required");
        return 2;
    }
    // Smaller capacities wrap more often: the run's capacity is the RTL's
    // (ADDR_BITS of the build, -DADDR_BITS).
    cfg.capacity_bytes = uint64_t(1) << ADDR_BITS;
    Bench b;
    b.top->rst_i = 1;
    b.tick();
    b.top->rst_i = 0;
    int checked = 0;
    for (const Case &c : cases) {
        for (uint64_t seed : {uint64_t(1), uint64_t(0x123456789abcdefULL)}) {
            for (int fill = 0; fill < 2; fill++) {
                hbm_source *src = hbm_source_workload(c.spec, &cfg, requests, seed, err);
                if (!src) {
                    fprintf(stderr, "vbistgen: %s\n", err);
                    return 2;
                }
                b.top->start_i = 1;
                b.top->fill_i = fill;
                b.top->kind_i = c.kind;
                b.top->param1_i = c.p1;
                b.top->param2_i = c.p2;
                b.top->requests_i = uint32_t(requests);
                b.top->seed_i = seed;
                b.top->req_ready_i = 0;
                b.tick();
                b.top->start_i = 0;
                int setup = 0;
                while (!b.top->ready_o) {
                    b.tick();
                    if (++setup > 1000) {
                        fprintf(stderr, "vbistgen: %s: not set up after 1000 clocks\n", c.spec);
                        return 1;
                    }
                }
                uint64_t n = 0, clocks = 0;
                while (!b.top->done_o) {
                    int ready = hbm_rand_next(&rng) % 4 != 0;   // refused a quarter of the time
                    b.top->req_ready_i = ready;
                    b.top->eval();
                    if (!b.top->req_valid_o) {
                        fprintf(stderr, "vbistgen: %s seed %" PRIu64 ": no request offered at request %" PRIu64 "\n",
                                c.spec, seed, n);
                        return 1;
                    }
                    if (ready) {
                        struct hbm_req want;
                        if (hbm_source_next(src, &want, err) != 1) {
                            fprintf(stderr, "vbistgen: %s: the source ended early\n", c.spec);
                            return 1;
                        }
                        int wr = fill ? 1 : want.is_write;
                        if (b.top->req_addr_o != want.addr || b.top->req_write_o != wr) {
                            fprintf(stderr, "vbistgen: %s seed %" PRIu64 "%s request %" PRIu64
                                    ": RTL %s 0x%" PRIx64 ", hbmsim %s 0x%" PRIx64 "\n", c.spec, seed,
                                    fill ? " (fill pass)" : "", n, b.top->req_write_o ? "write" : "read",
                                    uint64_t(b.top->req_addr_o), wr ? "write" : "read", want.addr);
                            return 1;
                        }
                        n++;
                        checked++;
                    }
                    b.tick();
                    if (++clocks > 4 * requests + 100) {
                        fprintf(stderr, "vbistgen: %s: not done after %" PRIu64 " clocks\n", c.spec, clocks);
                        return 1;
                    }
                }
                if (n != requests) {
                    fprintf(stderr, "vbistgen: %s: %" PRIu64 " requests, expected %" PRIu64 "\n", c.spec, n, requests);
                    return 1;
                }
                hbm_source_free(src);
            }
        }
    }
    printf("vbistgen: %d requests of %zu workloads x 2 seeds x (run, fill) equal to hbmsim's (capacity 2^%d)\n",
           checked, sizeof cases / sizeof cases[0], ADDR_BITS);
    return 0;
}
