/*
 * hbm_addrmap.c - address mapping; see hbm_addrmap.h.
 */
#include "hbm_addrmap.h"

static int field(const struct hbm_config *cfg, uint64_t burst, int f)
{
    return (int)((burst >> cfg->field_lsb[f]) & ((1u << cfg->field_bits[f]) - 1u));
}

/* The bits XORed into bank and bank group: taken from the low row bits. */
static void hash_bits(const struct hbm_config *cfg, int row, int *ba_x, int *bg_x)
{
    if (!cfg->address_xor) {
        *ba_x = 0;
        *bg_x = 0;
        return;
    }
    *ba_x = row & (cfg->banks_per_group - 1);
    *bg_x = (row >> cfg->ba_bits) & (cfg->bankgroups - 1);
}

void hbm_addr_decode(const struct hbm_config *cfg, uint64_t addr, struct hbm_addr *out)
{
    uint64_t burst = addr >> HBM_BURST_SHIFT;
    int ba_x, bg_x;

    out->row = field(cfg, burst, HBM_FIELD_ROW);
    out->col = field(cfg, burst, HBM_FIELD_COLUMN);
    hash_bits(cfg, out->row, &ba_x, &bg_x);
    out->ba = field(cfg, burst, HBM_FIELD_BANK) ^ ba_x;
    out->bg = field(cfg, burst, HBM_FIELD_BANKGROUP) ^ bg_x;
}

uint64_t hbm_addr_encode(const struct hbm_config *cfg, const struct hbm_addr *a)
{
    int ba_x, bg_x;
    uint64_t burst = 0;

    hash_bits(cfg, a->row, &ba_x, &bg_x);
    burst |= (uint64_t)a->row << cfg->field_lsb[HBM_FIELD_ROW];
    burst |= (uint64_t)a->col << cfg->field_lsb[HBM_FIELD_COLUMN];
    burst |= (uint64_t)(a->ba ^ ba_x) << cfg->field_lsb[HBM_FIELD_BANK];
    burst |= (uint64_t)(a->bg ^ bg_x) << cfg->field_lsb[HBM_FIELD_BANKGROUP];
    return burst << HBM_BURST_SHIFT;
}
