/*
 * hbm_bits.h - bit-mask helpers shared by the model's units.
 */
#ifndef HBM_BITS_H
#define HBM_BITS_H

#include <stdint.h>

/* Index of the lowest set bit of a non-zero mask (a priority encoder). */
static inline int hbm_lowest_bit(uint64_t mask)
{
#if defined(__GNUC__)
    return __builtin_ctzll(mask);
#else
    int i = 0;
    while (!(mask & 1)) {
        mask >>= 1;
        i++;
    }
    return i;
#endif
}

#endif
