/*
 * hbm_addr_map.h - byte address <-> (bank group, bank, row, column): the C
 * twin of rtl/hbm_addr_map.v (with hbm_bit_gather.v).
 *
 * Owns: the address mapping named by the address_map key and the hash of
 * the bank bits named by address_xor.  address_map lists fields most
 * significant first, whole ("ro-ba-co-bg") or in bit ranges
 * ("ro-ba[0]-co[4]-bg[1]-ba[1]-co[3:0]-bg[0]"); the 5 burst-offset bits sit
 * below them.  address_xor:
 *   none  the fields as placed;
 *   row   bank ^= the lowest row bits, bank group ^= the next ones;
 *   fold  h = the row folded onto (bank + bank-group) bits (bit j of h is
 *         the XOR of row bits j, j + w, j + 2w, ...); bank ^= h's low bits,
 *         bank group ^= h's high bits, and bank-group bit 0 ^= bank-field
 *         bit 0.  Regions whose bases differ in any row bit land in
 *         different banks, and the two banks that differ in bank bit 0
 *         sit in different bank groups (a stride that steps the bank
 *         field alternates groups, so tCCD_S paces it, not tCCD_L).
 *   foldmix  (2 bank and 2 bank-group bits only) f = the row folded onto
 *         4 bits as in fold, then mixed: ba[0] ^= f0^f2, ba[1] ^= f1^f3,
 *         bg[0] ^= f1^f2 ^ bank-field bit 0, bg[1] ^= f0^f1^f2.  An
 *         invertible mix, so a region a row bit apart still lands in other
 *         banks, and the low row bits' steps (row + 1, + 2, + 4, with their
 *         carries) mostly change ba[0], the one bank bit a region of up to
 *         4 KiB under the hbm2_2000 map does not span: consecutive tiles
 *         of a tiled read start on banks the last one did not use.
 * The RTL mapper (rtl/hbm_addr_map.v) implements the same function from
 * the generated HBM_*_SRC defines.
 */
#ifndef HBM_ADDR_MAP_H
#define HBM_ADDR_MAP_H

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

/*
 * Parse cfg->address_map (tokens most significant first, joined by '-',
 * each a field whole or in bits: "ro-co[4]-ba-co[3:0]-bg") into
 * cfg->map_bit; every bit of every field placed exactly once.  Returns 0,
 * or -1 with the reason in why (whysz bytes).  hbm_config_finish() calls it.
 */
int hbm_addr_map_parse(struct hbm_config *cfg, char *why, size_t whysz);

#ifdef __cplusplus
}
#endif
#endif
