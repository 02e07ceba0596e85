// vfirstset.cpp - rtl/hbm_first_set.v against its C twin hbm_lowest_bit
// (model/hbm_bits.h): every one-hot and two-hot vector, then random ones
// of every density, for the WIDTH the bench was built with (-DWIDTH and
// -GWIDTH).  Exit 1 on the first difference.
#include <cinttypes>
#include <cstdio>
#include <memory>

#include "Vhbm_first_set.h"
#include "verilated.h"

#include "hbm_bits.h"
#include "hbm_rand.h"

#ifndef WIDTH
#error "build with -DWIDTH (the -GWIDTH of the RTL)"
#endif

int main()
{
    std::unique_ptr<VerilatedContext> ctx(new VerilatedContext);
    std::unique_ptr<Vhbm_first_set> top(new Vhbm_first_set(ctx.get()));
    const uint64_t all = WIDTH >= 64 ? ~0ull : (1ull << WIDTH) - 1;
    uint64_t rng = 7, checked = 0;
    auto check = [&](uint64_t v) {
        v &= all;
        top->vec_i = v;
        top->eval();
        uint64_t onehot = v & (~v + 1);
        int idx = v ? hbm_lowest_bit(v) : 0;
        checked++;
        if (top->found_o != (v != 0) || uint64_t(top->onehot_o) != onehot || int(top->idx_o) != idx) {
            fprintf(stderr, "vfirstset: MISMATCH for 0x%" PRIx64 ": model found %d idx %d, RTL found %d idx %d\n",
                    v, v != 0, idx, int(top->found_o), int(top->idx_o));
            return false;
        }
        return true;
    };
    if (!check(0))
        return 1;
    for (int i = 0; i < WIDTH; i++)
        for (int j = i; j < WIDTH; j++)
            if (!check((1ull << i) | (1ull << j)))
                return 1;
    for (int k = 0; k < 200000; k++) {
        uint64_t v = hbm_rand_next(&rng);
        for (int d = k % 5; d > 0; d--)   // sparser and sparser vectors
            v &= hbm_rand_next(&rng);
        if (!check(v))
            return 1;
    }
    top->final();
    printf("vfirstset: hbm_first_set (WIDTH %d) = hbm_lowest_bit on %" PRIu64 " vectors\n", WIDTH, checked);
    return 0;
}
