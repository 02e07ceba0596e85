/*
 * hbm_addr_map.c - address mapping and the address_map key's syntax; see
 * hbm_addr_map.h.
 */
#include "hbm_addr_map.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    case HBM_XOR_FOLDMIX: {
        /* Two bank bits and two group bits, or three (the third a stack
         * ID's: the config checks it).  The row folded onto 4 (or 5) bits,
         * f0..f3 (f4), then mixed so that the first row bits above a region
         * move the whole region off the banks it spans:
         *   ba[0] ^= f0 ^ f2            ba[1] ^= f1 ^ f3
         *   bg[0] ^= f1 ^ f2 ^ ba[0]    bg[1] ^= f0 ^ f1 ^ f2    bg[2] ^= f4
         * (bg[0]'s ba[0] is the bank field as stored, as in fold). */
        int f0, f1, f2, f3, f4;
        h = fold(row, cfg->row_bits, cfg->ba_bits + cfg->bg_bits);
        f0 = h & 1;
        f1 = h >> 1 & 1;
        f2 = h >> 2 & 1;
        f3 = h >> 3 & 1;
        f4 = h >> 4 & 1;
        *ba_x = (f0 ^ f2) | (f1 ^ f3) << 1;
        *bg_x = (f1 ^ f2 ^ (ba_raw & 1)) | (f0 ^ f1 ^ f2) << 1 | f4 << 2;
        return;
    }
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

/* ---- the address_map key's syntax ------------------------------------ */

static const char *const field_names[HBM_FIELD_COUNT] = { "ro", "ba", "bg", "co" };

static int field_index(const char *name)
{
    int f;
    for (f = 0; f < HBM_FIELD_COUNT; f++)
        if (!strcmp(name, field_names[f]))
            return f;
    return -1;
}

/*
 * One address_map token: a field name, optionally with a bit or a bit
 * range ("co", "co[4]", "co[3:0]").  Sets the field and the bits hi..lo;
 * returns 0, or -1 with the reason in why.
 */
static int parse_map_token(const struct hbm_config *cfg, const char *tok, int *field,
                           int *hi, int *lo, char *why, size_t whysz)
{
    char name[8];
    const char *br = strchr(tok, '[');
    size_t nlen = br ? (size_t)(br - tok) : strlen(tok);
    char *end;
    long a, b;

    if (nlen >= sizeof name)
        nlen = sizeof name - 1;
    memcpy(name, tok, nlen);
    name[nlen] = '\0';
    *field = field_index(name);
    if (*field < 0) {
        snprintf(why, whysz, "unknown field '%s' (fields are ro, ba, bg, co, "
                 "optionally with bits: co[4], co[3:0])", tok);
        return -1;
    }
    if (!br) {
        *hi = cfg->field_bits[*field] - 1;
        *lo = 0;
        return 0;
    }
    if (!isdigit((unsigned char)br[1]))
        goto malformed;
    a = strtol(br + 1, &end, 10);
    b = a;
    if (*end == ':') {
        if (!isdigit((unsigned char)end[1]))
            goto malformed;
        b = strtol(end + 1, &end, 10);
    }
    if (end[0] != ']' || end[1] != '\0')
        goto malformed;
    if (a < b) {
        snprintf(why, whysz, "'%s': write bit ranges most significant first, as %s[%ld:%ld]",
                 tok, name, b, a);
        return -1;
    }
    if (a >= cfg->field_bits[*field]) {
        snprintf(why, whysz, "'%s': bit %ld is out of range (%s has %d bits)", tok, a, name,
                 cfg->field_bits[*field]);
        return -1;
    }
    *hi = (int)a;
    *lo = (int)b;
    return 0;
malformed:
    snprintf(why, whysz, "'%s' is malformed (a bit is written %s[4], a range %s[3:0])",
             tok, name, name);
    return -1;
}

/*
 * address_map: tokens most significant first, joined by '-'.  Fills
 * cfg->map_bit; every bit of every field must be placed exactly once.
 */
int hbm_addr_map_parse(struct hbm_config *cfg, char *why, size_t whysz)
{
    char buf[HBM_STR_MAX];
    char *tok, *save = NULL;
    int order_f[4 * HBM_FIELD_MAX_BITS], order_b[4 * HBM_FIELD_MAX_BITS];
    int seen[HBM_FIELD_COUNT][HBM_FIELD_MAX_BITS];
    int n = 0, f, hi, lo, b, total = 0, pos;

    memset(seen, 0, sizeof seen);
    if (!cfg->address_map[0] || cfg->address_map[0] == '-' || strstr(cfg->address_map, "--") ||
        cfg->address_map[strlen(cfg->address_map) - 1] == '-') {
        snprintf(why, whysz, "empty field: fields are joined by single '-'");
        return -1;
    }
    for (f = 0; f < HBM_FIELD_COUNT; f++) {
        if (cfg->field_bits[f] > HBM_FIELD_MAX_BITS) {
            snprintf(why, whysz, "field '%s' has %d bits, at most %d are supported",
                     field_names[f], cfg->field_bits[f], HBM_FIELD_MAX_BITS);
            return -1;
        }
        total += cfg->field_bits[f];
    }
    strcpy(buf, cfg->address_map);
    for (tok = strtok_r(buf, "-", &save); tok; tok = strtok_r(NULL, "-", &save)) {
        if (parse_map_token(cfg, tok, &f, &hi, &lo, why, whysz))
            return -1;
        for (b = hi; b >= lo; b--) {
            if (seen[f][b]) {
                snprintf(why, whysz, "bit %s[%d] is placed twice", field_names[f], b);
                return -1;
            }
            seen[f][b] = 1;
            order_f[n] = f;
            order_b[n++] = b;
        }
    }
    for (f = 0; f < HBM_FIELD_COUNT; f++)
        for (b = 0; b < cfg->field_bits[f]; b++)
            if (!seen[f][b]) {
                snprintf(why, whysz, "bit %s[%d] is not placed (needs each of ro, ba, bg, co, "
                         "whole or in bit ranges, separated by '-')", field_names[f], b);
                return -1;
            }
    /* n == total here: every bit once.  The last token holds the lowest bits. */
    for (pos = 0; pos < total; pos++)
        cfg->map_bit[order_f[n - 1 - pos]][order_b[n - 1 - pos]] = pos;
    return 0;
}
