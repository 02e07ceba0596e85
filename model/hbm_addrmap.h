/*
 * hbm_addrmap.h - byte address <-> (bank group, bank, row, column).
 *
 * Owns: the address mapping named by the address_map key (fields listed
 * most significant first, e.g. "ro-ba-co-bg"; the 5 burst-offset bits sit
 * below them) and the optional XOR of the bank and bank-group bits with
 * the low row bits (address_xor).  The RTL mapper implements the same
 * function from the generated HBM_*_LSB defines.
 */
#ifndef HBM_ADDRMAP_H
#define HBM_ADDRMAP_H

#include <stdint.h>
#include "hbm_config.h"

#ifdef __cplusplus
extern "C" {
#endif

struct hbm_addr {
    int bg, ba, row, col; /* col counts bursts within the row */
};

/* Decode a byte address below cfg->capacity_bytes (offset bits ignored). */
void hbm_addr_decode(const struct hbm_config *cfg, uint64_t addr, struct hbm_addr *out);

/* Inverse of hbm_addr_decode: the burst-aligned byte address of a location. */
uint64_t hbm_addr_encode(const struct hbm_config *cfg, const struct hbm_addr *a);

/* Flat bank index used by the model and the RTL: bg * banks_per_group + ba. */
static inline int hbm_bank_index(const struct hbm_config *cfg, int bg, int ba)
{
    return bg * cfg->banks_per_group + ba;
}

#ifdef __cplusplus
}
#endif
#endif
