/*
 * hbm_addr_map.c - address mapping; see hbm_addr_map.h.
 */
#include "hbm_addr_map.h"

/* Field f of a burst address: its bits gathered from where map_bit puts them. */
static int gather(const struct hbm_config *cfg, uint64_t burst, int f)
{
    int i, v = 0;
    for (i = 0; i < cfg->field_bits[f]; i++)
        v |= (int)((burst >> cfg->map_bit[f][i]) & 1u) << i;
    return v;
}

static uint64_t scatter(const struct hbm_config *cfg, int value, int f)
{
    uint64_t burst = 0;
    int i;
    for (i = 0; i < cfg->field_bits[f]; i++)
        burst |= (uint64_t)((value >> i) & 1) << cfg->map_bit[f][i];
    return burst;
}

/* The row folded onto w bits: bit j is the XOR of row bits j, j + w, j + 2w, ... */
static int fold(int row, int row_bits, int w)
{
    int i, h = 0;
    for (i = 0; w > 0 && i < row_bits; i++)
        h ^= ((row >> i) & 1) << (i % w);
    return h;
}

/* What address_xor XORs into the bank and bank-group bits of a location. */
static void hash_bits(const struct hbm_config *cfg, int row, int ba_raw, int *ba_x, int *bg_x)
{
    int ba_mask = cfg->banks_per_group - 1, bg_mask = cfg->bankgroups - 1, h;

    switch (cfg->address_xor) {
    case HBM_XOR_ROW:
        *ba_x = row & ba_mask;
        *bg_x = (row >> cfg->ba_bits) & bg_mask;
        return;
    case HBM_XOR_FOLD:
        h = fold(row, cfg->row_bits, cfg->ba_bits + cfg->bg_bits);
        *ba_x = h & ba_mask;
        *bg_x = ((h >> cfg->ba_bits) ^ (ba_raw & 1)) & bg_mask;
        return;
    default:
        *ba_x = 0;
        *bg_x = 0;
        return;
    }
}

void hbm_addr_decode(const struct hbm_config *cfg, uint64_t addr, struct hbm_addr *out)
{
    uint64_t burst = addr >> HBM_BURST_SHIFT;
    int ba_raw = gather(cfg, burst, HBM_FIELD_BANK), ba_x, bg_x;

    out->row = gather(cfg, burst, HBM_FIELD_ROW);
    out->col = gather(cfg, burst, HBM_FIELD_COLUMN);
    hash_bits(cfg, out->row, ba_raw, &ba_x, &bg_x);
    out->ba = ba_raw ^ ba_x;
    out->bg = gather(cfg, burst, HBM_FIELD_BANKGROUP) ^ bg_x;
}

uint64_t hbm_addr_encode(const struct hbm_config *cfg, const struct hbm_addr *a)
{
    int ba_x, bg_x, ba_raw;
    uint64_t burst;

    /* The bank hash depends on the row only: undo it first, then the
     * group hash, which may depend on the bank field as stored. */
    hash_bits(cfg, a->row, 0, &ba_x, &bg_x);
    ba_raw = a->ba ^ ba_x;
    hash_bits(cfg, a->row, ba_raw, &ba_x, &bg_x);
    burst = scatter(cfg, a->row, HBM_FIELD_ROW) | scatter(cfg, a->col, HBM_FIELD_COLUMN) |
            scatter(cfg, ba_raw, HBM_FIELD_BANK) | scatter(cfg, a->bg ^ bg_x, HBM_FIELD_BANKGROUP);
    return burst << HBM_BURST_SHIFT;
}
