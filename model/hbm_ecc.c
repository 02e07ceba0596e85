/*
 * hbm_ecc.c - SECDED (72,64) Hsiao code; see hbm_ecc.h.
 * RTL twins: rtl/hbm_ecc_enc.v, rtl/hbm_ecc_dec.v.
 */
#include "hbm_ecc.h"

#include <stddef.h>

static int weight8(unsigned v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

/*
 * Row j of the parity-check matrix over the data bits: the data bits check
 * bit j covers (26 each).  Bit i of the rows read down the column of data
 * bit i: 0x07, 0x0B, ... (the weight-3 bytes in order), then 0x1F, 0x3E,
 * ... (0x1F rotated); model/test/check_ecc.c rebuilds them from that rule.
 */
static const uint64_t rows[HBM_ECC_CHECK_BITS] = {
    0xf104225844b12cb7ull, 0xe30844a88952555bull, 0xc710893112649a6dull, 0x8f2111c22388e38eull,
    0x1f421e043c0f03f0ull, 0x3e83e007c00ffc00ull, 0x7cfc0007fff00000ull, 0xf8fffff800000000ull,
};

uint64_t hbm_ecc_row(int j)
{
    return rows[j];
}

uint8_t hbm_ecc_column(int bit)
{
    unsigned col = 0;
    for (int j = 0; j < HBM_ECC_CHECK_BITS; j++)
        col |= (unsigned)(rows[j] >> bit & 1) << j;
    return (uint8_t)col;
}

static int parity64(uint64_t v)
{
    v ^= v >> 32;
    v ^= v >> 16;
    v ^= v >> 8;
    v ^= v >> 4;
    v ^= v >> 2;
    v ^= v >> 1;
    return (int)(v & 1);
}

uint8_t hbm_ecc_encode(uint64_t data)
{
    unsigned check = 0;
    for (int j = 0; j < HBM_ECC_CHECK_BITS; j++)
        check |= (unsigned)parity64(data & rows[j]) << j;
    return (uint8_t)check;
}

enum hbm_ecc_status hbm_ecc_decode(uint64_t *data, uint8_t check, uint8_t *syndrome)
{
    uint8_t s = (uint8_t)(hbm_ecc_encode(*data) ^ check);
    if (syndrome)
        *syndrome = s;
    if (s == 0)
        return HBM_ECC_OK;
    if (weight8(s) == 1)                    /* a check bit */
        return HBM_ECC_CORRECTED;
    for (int i = 0; i < HBM_ECC_DATA_BITS; i++)
        if (hbm_ecc_column(i) == s) {
            *data ^= 1ull << i;
            return HBM_ECC_CORRECTED;
        }
    return HBM_ECC_UNCORRECTABLE;
}

static uint64_t load64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int b = 7; b >= 0; b--)
        v = v << 8 | p[b];
    return v;
}

static void store64(uint8_t *p, uint64_t v)
{
    for (int b = 0; b < 8; b++, v >>= 8)
        p[b] = (uint8_t)v;
}

void hbm_ecc_encode_burst(const uint8_t data[32], uint8_t check[4])
{
    for (int k = 0; k < 4; k++)
        check[k] = hbm_ecc_encode(load64(data + 8 * k));
}

void hbm_ecc_decode_burst(uint8_t data[32], const uint8_t check[4], uint64_t *corrected,
                          uint64_t *uncorrectable)
{
    for (int k = 0; k < 4; k++) {
        uint64_t w = load64(data + 8 * k);
        switch (hbm_ecc_decode(&w, check[k], NULL)) {
        case HBM_ECC_OK:
            break;
        case HBM_ECC_CORRECTED:
            store64(data + 8 * k, w);
            ++*corrected;
            break;
        case HBM_ECC_UNCORRECTABLE:
            ++*uncorrectable;
            break;
        }
    }
}
