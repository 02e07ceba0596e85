/*
 * hbm_rand.h - the one pseudo-random generator of the simulation tools:
 * splitmix64 (Steele, Lea and Flood, 2014).  Integer only, one 64-bit word
 * of state, the same sequence on every machine.
 */
#ifndef HBM_RAND_H
#define HBM_RAND_H

#include <stdint.h>

/* Next value of the generator whose state is *state. */
static inline uint64_t hbm_rand_next(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* A stateless mix of x (one generator step from state x - the increment). */
static inline uint64_t hbm_rand_mix(uint64_t x)
{
    return hbm_rand_next(&x);
}

#endif
