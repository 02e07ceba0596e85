// vecc.cpp - rtl/hbm_ecc_enc.v and rtl/hbm_ecc_dec.v (through
// tb/unit/hbm_ecc_tb.v, a burst of four words) against their C twins
// hbm_ecc_encode and hbm_ecc_decode (model/hbm_ecc.c): every single-bit
// and every double-bit error of a codeword in every word position, then
// random words with 0 to 4 random flipped bits each: the check bits, the
// corrected data and both flags must agree.  Exit 1 on the first difference.
#include <cinttypes>
#include <cstdio>
#include <memory>

#include "Vhbm_ecc_tb.h"
#include "verilated.h"

#include "hbm_ecc.h"
#include "hbm_rand.h"

static uint64_t rng = 11;

// One burst through both: data words d[4], check bytes c[4] as read.
static bool check(Vhbm_ecc_tb *top, const uint64_t d[4], const uint8_t c[4], uint64_t *count)
{
    for (int k = 0; k < 4; k++) {
        top->enc_data_i[2 * k] = uint32_t(d[k]);
        top->enc_data_i[2 * k + 1] = uint32_t(d[k] >> 32);
        top->dec_data_i[2 * k] = uint32_t(d[k]);
        top->dec_data_i[2 * k + 1] = uint32_t(d[k] >> 32);
    }
    top->dec_check_i = uint32_t(c[0]) | uint32_t(c[1]) << 8 | uint32_t(c[2]) << 16 | uint32_t(c[3]) << 24;
    top->eval();
    for (int k = 0; k < 4; k++) {
        uint64_t w = d[k];
        int st = hbm_ecc_decode(&w, c[k], nullptr);
        uint8_t enc = uint8_t(top->enc_check_o >> (8 * k));
        uint64_t rw = uint64_t(top->dec_data_o[2 * k]) | uint64_t(top->dec_data_o[2 * k + 1]) << 32;
        int corr = top->dec_corrected_o >> k & 1, unc = top->dec_uncorrectable_o >> k & 1;
        ++*count;
        if (enc != hbm_ecc_encode(d[k]) || rw != w || corr != (st == HBM_ECC_CORRECTED) ||
            unc != (st == HBM_ECC_UNCORRECTABLE)) {
            fprintf(stderr, "vecc: MISMATCH word %d data 0x%016" PRIx64 " check 0x%02x: model check 0x%02x "
                    "data 0x%016" PRIx64 " status %d; RTL check 0x%02x data 0x%016" PRIx64 " corrected %d "
                    "uncorrectable %d\n", k, d[k], c[k], hbm_ecc_encode(d[k]), w, st, enc, rw, corr, unc);
            return false;
        }
    }
    return true;
}

static void flip(uint64_t *d, uint8_t *c, int b)
{
    if (b < 64)
        *d ^= 1ull << b;
    else
        *c = uint8_t(*c ^ (1u << (b - 64)));
}

int main()
{
    std::unique_ptr<VerilatedContext> ctx(new VerilatedContext);
    std::unique_ptr<Vhbm_ecc_tb> top(new Vhbm_ecc_tb(ctx.get()));
    uint64_t count = 0;
    uint64_t d[4];
    uint8_t c[4];
    // every single and double error, in each word position in turn
    for (int a = 0; a < HBM_ECC_CODE_BITS; a++)
        for (int b = a; b < HBM_ECC_CODE_BITS; b++) {
            for (int k = 0; k < 4; k++) {
                d[k] = hbm_rand_next(&rng);
                c[k] = hbm_ecc_encode(d[k]);
            }
            int k = (a + b) % 4;
            flip(&d[k], &c[k], a);
            if (b != a)
                flip(&d[k], &c[k], b);
            if (!check(top.get(), d, c, &count))
                return 1;
        }
    // random words with 0..4 random flips each
    for (int n = 0; n < 100000; n++) {
        for (int k = 0; k < 4; k++) {
            d[k] = hbm_rand_next(&rng);
            c[k] = hbm_ecc_encode(d[k]);
            for (int e = int(hbm_rand_next(&rng) % 5); e > 0; e--)
                flip(&d[k], &c[k], int(hbm_rand_next(&rng) % HBM_ECC_CODE_BITS));
        }
        if (!check(top.get(), d, c, &count))
            return 1;
    }
    top->final();
    printf("vecc: hbm_ecc_enc/hbm_ecc_dec = hbm_ecc_encode/hbm_ecc_decode on %" PRIu64 " codewords\n", count);
    return 0;
}
