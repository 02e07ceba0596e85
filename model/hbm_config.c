/*
 * hbm_config.c - the one ini parser and its validation.  The list of keys
 * is model/hbm_params.def; the address_map syntax is parsed by
 * hbm_addr_map.c, the Verilog header written by hbm_config_vh.c.
 *
 * Ini syntax: "[section]" lines, "key = value" lines, comments from ';' or
 * '#' to the end of a line, blank lines.  Every key is required exactly
 * once, except that [power] may be left out as a whole; unknown sections
 * and keys are errors.
 */
#include "hbm_config_int.h"
#include "hbm_addr_map.h"
#include "hbm_timing.h"
#include "hbm_req_port.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define HBM_PARAM(sec, key, field, kind, lo, hi, vh) \
    { #sec, #key, offsetof(struct hbm_config, field), kind, lo, hi, #vh },
const struct key_desc hbm_config_keys[] = {
#include "hbm_params.def"
};
#undef HBM_PARAM
const int hbm_config_nkeys = (int)(sizeof hbm_config_keys / sizeof hbm_config_keys[0]);
#define keys hbm_config_keys
#define NKEYS hbm_config_nkeys

const struct enum_desc hbm_config_enums[] = {
    { HBM_KIND_PAGE,    "PAGE",    3, { "open", "closed", "adaptive" } },
    { HBM_KIND_REFRESH, "REFRESH", 3, { "all_bank", "per_bank", "none" } },
    { HBM_KIND_XOR,     "XOR",     4, { "none", "row", "fold", "foldmix" } },
    { HBM_KIND_SCHED,   "SCHED",   2, { "frfcfs", "fcfs" } },
    { HBM_KIND_REFPICK, "REFPICK", 2, { "lowest", "recent" } },
    { HBM_KIND_SWITCH,  "SWITCH",  2, { "none", "crossbar" } },
    { HBM_KIND_HASH,    "HASH",    2, { "none", "xor" } },
    { HBM_KIND_ECC,     "ECC",     2, { "none", "secded" } },
};
const int hbm_config_nenums = (int)(sizeof hbm_config_enums / sizeof hbm_config_enums[0]);
#define enums hbm_config_enums

static const struct enum_desc *find_enum(enum hbm_kind kind)
{
    int i;
    for (i = 0; i < hbm_config_nenums; i++)
        if (enums[i].kind == kind)
            return &enums[i];
    return NULL;
}

static const char *enum_name(enum hbm_kind kind, int v)
{
    const struct enum_desc *e = find_enum(kind);
    return e && v >= 0 && v < e->count ? e->names[v] : "?";
}

const char *hbm_page_policy_name(int policy) { return enum_name(HBM_KIND_PAGE, policy); }
const char *hbm_refresh_mode_name(int mode) { return enum_name(HBM_KIND_REFRESH, mode); }
const char *hbm_addr_xor_name(int mode) { return enum_name(HBM_KIND_XOR, mode); }
const char *hbm_scheduler_name(int sched) { return enum_name(HBM_KIND_SCHED, sched); }
const char *hbm_refresh_pick_name(int pick) { return enum_name(HBM_KIND_REFPICK, pick); }
const char *hbm_switch_name(int sw) { return enum_name(HBM_KIND_SWITCH, sw); }
const char *hbm_interleave_hash_name(int hash) { return enum_name(HBM_KIND_HASH, hash); }
const char *hbm_ecc_name(int ecc) { return enum_name(HBM_KIND_ECC, ecc); }

int hbm_config_key_count(void) { return NKEYS; }
const char *hbm_config_key_name(int i) { return i >= 0 && i < NKEYS ? keys[i].key : ""; }
const char *hbm_config_key_section(int i) { return i >= 0 && i < NKEYS ? keys[i].section : ""; }

void hbm_config_set_err(char *err, const char *fmt, ...)
{
    va_list ap;
    if (!err)
        return;
    va_start(ap, fmt);
    vsnprintf(err, HBM_ERR_MAX, fmt, ap);
    va_end(ap);
}

static int *int_field(struct hbm_config *cfg, const struct key_desc *k)
{
    return (int *)((char *)cfg + k->offset);
}

const int *hbm_config_cint_field(const struct hbm_config *cfg, const struct key_desc *k)
{
    return (const int *)((const char *)cfg + k->offset);
}

/* Decimal integer with no sign, no spaces, no trailing text. */
static int parse_long(const char *s, long *out)
{
    char *end;
    if (!isdigit((unsigned char)s[0]))
        return -1;
    errno = 0;
    *out = strtol(s, &end, 10);
    if (errno || *end)
        return -1;
    return 0;
}

/* "1.0", "0.625", "2": nanoseconds to integer picoseconds, exact or error. */
static int parse_ns_to_ps(const char *s, long *ps)
{
    long whole = 0, frac = 0;
    int frac_digits = 0;
    const char *p = s;

    if (!isdigit((unsigned char)*p))
        return -1;
    while (isdigit((unsigned char)*p)) {
        whole = whole * 10 + (*p - '0');
        if (whole > 1000000)
            return -1;
        p++;
    }
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return -1;
        while (isdigit((unsigned char)*p)) {
            if (frac_digits == 3) {
                if (*p != '0')
                    return -1; /* finer than a picosecond */
            } else {
                frac = frac * 10 + (*p - '0');
                frac_digits++;
            }
            p++;
        }
    }
    if (*p)
        return -1;
    while (frac_digits < 3) {
        frac *= 10;
        frac_digits++;
    }
    *ps = whole * 1000 + frac;
    return 0;
}

static int lookup(const char *const *names, int n, const char *s)
{
    int i;
    for (i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

static int is_pow2(long v) { return v > 0 && (v & (v - 1)) == 0; }

static int log2i(long v)
{
    int n = 0;
    while ((1L << n) < v)
        n++;
    return n;
}

static char *trim(char *s)
{
    char *e;
    while (isspace((unsigned char)*s))
        s++;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

/* Store one value; returns 0 or -1 with the reason in why. */
static int store_value(struct hbm_config *cfg, const struct key_desc *k,
                       const char *val, char *why, size_t whysz)
{
    long v = 0;
    int idx;

    switch (k->kind) {
    case HBM_KIND_STR:
        if (strlen(val) == 0 || strlen(val) >= HBM_STR_MAX) {
            snprintf(why, whysz, "expected text of 1 to %d characters", HBM_STR_MAX - 1);
            return -1;
        }
        strcpy((char *)cfg + k->offset, val);
        return 0;
    case HBM_KIND_PAGE:
    case HBM_KIND_REFRESH:
    case HBM_KIND_XOR:
    case HBM_KIND_SCHED:
    case HBM_KIND_REFPICK:
    case HBM_KIND_SWITCH:
    case HBM_KIND_HASH:
    case HBM_KIND_ECC: {
        const struct enum_desc *e = find_enum(k->kind);
        idx = lookup(e->names, e->count, val);
        if (idx < 0) {
            if (e->count == 2)
                snprintf(why, whysz, "expected %s or %s", e->names[0], e->names[1]);
            else if (e->count == 3)
                snprintf(why, whysz, "expected %s, %s or %s", e->names[0], e->names[1], e->names[2]);
            else
                snprintf(why, whysz, "expected %s, %s, %s or %s", e->names[0], e->names[1],
                         e->names[2], e->names[3]);
            return -1;
        }
        *int_field(cfg, k) = idx;
        return 0;
    }
    case HBM_KIND_PS:
        if (parse_ns_to_ps(val, &v)) {
            snprintf(why, whysz, "expected nanoseconds such as 1.0 or 0.625 (at most 3 decimals)");
            return -1;
        }
        break;
    case HBM_KIND_MILLI:
        if (parse_ns_to_ps(val, &v)) {
            snprintf(why, whysz, "expected a non-negative decimal number such as 27.5 (at most 3 decimals)");
            return -1;
        }
        break;
    case HBM_KIND_INT:
        if (parse_long(val, &v)) {
            snprintf(why, whysz, "expected a non-negative decimal integer");
            return -1;
        }
        break;
    }
    if (v < k->min || v > k->max) {
        if (k->kind == HBM_KIND_PS || k->kind == HBM_KIND_MILLI)
            snprintf(why, whysz, "out of range %ld.%03ld..%ld.%03ld%s",
                     k->min / 1000, k->min % 1000, k->max / 1000, k->max % 1000,
                     k->kind == HBM_KIND_PS ? " ns" : "");
        else
            snprintf(why, whysz, "out of range %ld..%ld", k->min, k->max);
        return -1;
    }
    *int_field(cfg, k) = (int)v;
    return 0;
}

/*
 * Cross-key rules and derived fields.  On failure returns the key to blame
 * and the reason in why; on success returns NULL.
 */
static const char *derive(struct hbm_config *cfg, char *why, size_t whysz)
{
    const char *key = NULL;
    long in_flight;

#define FAIL_IF(cond, k, ...) \
    do { if (cond) { key = k; snprintf(why, whysz, __VA_ARGS__); return key; } } while (0)

    FAIL_IF(!is_pow2(cfg->bankgroups), "bankgroups", "%d is not a power of two", cfg->bankgroups);
    FAIL_IF(!is_pow2(cfg->banks_per_group), "banks_per_group", "%d is not a power of two", cfg->banks_per_group);
    FAIL_IF(!is_pow2(cfg->stack_ids), "stack_ids", "%d is not a power of two", cfg->stack_ids);
    FAIL_IF(cfg->bankgroups % cfg->stack_ids != 0, "stack_ids",
            "%d stack IDs cannot share %d bank groups (bankgroups counts them over all stack IDs)",
            cfg->stack_ids, cfg->bankgroups);
    FAIL_IF(!is_pow2(cfg->rows), "rows", "%d is not a power of two", cfg->rows);
    FAIL_IF(!is_pow2(cfg->columns), "columns", "%d is not a power of two", cfg->columns);
    FAIL_IF(cfg->bus_width_bits * cfg->burst_length != 8 * (int)HBM_BURST_BYTES, "BL",
            "bus_width_bits x BL = %d x %d bits, the controller moves %u-byte bursts (%u bits)",
            cfg->bus_width_bits, cfg->burst_length, HBM_BURST_BYTES, 8 * HBM_BURST_BYTES);
    /* The data bus moves 2 beats a clock (double data rate on CK: HBM2,
     * HBM2E) or 4 (double data rate on a strobe at twice CK: HBM3, HBM3E);
     * either way 16 bytes a clock, the DFI word of the data path. */
    FAIL_IF(cfg->tburst * 2 != cfg->burst_length && cfg->tburst * 4 != cfg->burst_length, "tBURST",
            "%d clocks cannot carry BL%d: the data bus moves 2 beats a clock (double data rate on CK) "
            "or 4 (on a strobe at twice CK, HBM3), so tBURST is BL / 2 = %d or BL / 4 = %d",
            cfg->tburst, cfg->burst_length, cfg->burst_length / 2, cfg->burst_length / 4);
    FAIL_IF(cfg->trc < cfg->tras + cfg->trp, "tRC", "%d < tRAS + tRP = %d + %d",
            cfg->trc, cfg->tras, cfg->trp);
    FAIL_IF(cfg->tccd_s < cfg->tburst, "tCCD_S", "%d < tBURST = %d: bursts would overlap",
            cfg->tccd_s, cfg->tburst);
    FAIL_IF(cfg->tccd_l < cfg->tccd_s, "tCCD_L", "%d < tCCD_S = %d", cfg->tccd_l, cfg->tccd_s);
    FAIL_IF(cfg->tccd_r < cfg->tccd_s, "tCCD_R", "%d < tCCD_S = %d", cfg->tccd_r, cfg->tccd_s);
    FAIL_IF(cfg->trrd_l < cfg->trrd_s, "tRRD_L", "%d < tRRD_S = %d", cfg->trrd_l, cfg->trrd_s);
    FAIL_IF(cfg->twtr_l < cfg->twtr_s, "tWTR_L", "%d < tWTR_S = %d", cfg->twtr_l, cfg->twtr_s);
    FAIL_IF(cfg->tfaw < cfg->trrd_s, "tFAW", "%d < tRRD_S = %d", cfg->tfaw, cfg->trrd_s);
    FAIL_IF(cfg->trtw < cfg->rl + cfg->tburst + 1 - cfg->wl, "tRTW",
            "%d < RL + tBURST + 1 - WL = %d: write data would collide with read data",
            cfg->trtw, cfg->rl + cfg->tburst + 1 - cfg->wl);
    FAIL_IF(cfg->rl + 1 < cfg->wl, "WL", "%d > RL + 1 = %d", cfg->wl, cfg->rl + 1);
    FAIL_IF(cfg->rl < cfg->dfi_ratio, "RL", "%d < dfi_ratio = %d: the read data would be due in the "
            "controller clock of its command", cfg->rl, cfg->dfi_ratio);
    FAIL_IF(cfg->wl < 2 * cfg->dfi_ratio, "WL", "%d < 2 x dfi_ratio = %d: the write data would be due "
            "before the clock after the one the write queue reads it in (two controller clocks after "
            "its command)", cfg->wl, 2 * cfg->dfi_ratio);
    FAIL_IF(cfg->trfcpb > cfg->trfc, "tRFCpb", "%d > tRFC = %d", cfg->trfcpb, cfg->trfc);
    FAIL_IF(cfg->trfcpb < cfg->trrefd, "tRFCpb", "%d < tRREFD = %d", cfg->trfcpb, cfg->trrefd);
    FAIL_IF(cfg->trc < cfg->trrd_l, "tRC", "%d < tRRD_L = %d", cfg->trc, cfg->trrd_l);
    FAIL_IF(cfg->trefi <= cfg->trfc, "tREFI", "%d <= tRFC = %d", cfg->trefi, cfg->trfc);
    FAIL_IF(cfg->trefipb * cfg->bankgroups * cfg->banks_per_group > cfg->trefi, "tREFIpb",
            "%d x %d banks = %d > tREFI = %d: banks would be refreshed too rarely",
            cfg->trefipb, cfg->bankgroups * cfg->banks_per_group,
            cfg->trefipb * cfg->bankgroups * cfg->banks_per_group, cfg->trefi);
    FAIL_IF(cfg->trefipb <= cfg->trrefd, "tREFIpb", "%d <= tRREFD = %d", cfg->trefipb, cfg->trrefd);
    /* Refresh must leave the banks most of their time: a controller that
     * spends more than half of it refreshing cannot keep up with requests. */
    FAIL_IF(cfg->trefi < 2 * (cfg->trfc + cfg->trc), "tREFI",
            "%d < 2 x (tRFC + tRC) = %d: all-bank refresh would leave no time for requests",
            cfg->trefi, 2 * (cfg->trfc + cfg->trc));
    FAIL_IF(cfg->trefipb * cfg->bankgroups * cfg->banks_per_group < 2 * (cfg->trfcpb + cfg->trc), "tREFIpb",
            "%d x %d banks < 2 x (tRFCpb + tRC) = %d: a bank would be refreshing more than half the time",
            cfg->trefipb, cfg->bankgroups * cfg->banks_per_group, 2 * (cfg->trfcpb + cfg->trc));
    if (cfg->power) {
        /* DRAMPower's method needs each command's current above the
         * background it replaces, or its energy would be negative. */
        FAIL_IF(cfg->idd3n_ua < cfg->idd2n_ua, "IDD3N", "below IDD2N = %d.%03d mA: a bank open cannot draw "
                "less than all banks closed", cfg->idd2n_ua / 1000, cfg->idd2n_ua % 1000);
        FAIL_IF(cfg->idd4r_ua <= cfg->idd3n_ua, "IDD4R", "not above IDD3N = %d.%03d mA",
                cfg->idd3n_ua / 1000, cfg->idd3n_ua % 1000);
        FAIL_IF(cfg->idd4w_ua <= cfg->idd3n_ua, "IDD4W", "not above IDD3N = %d.%03d mA",
                cfg->idd3n_ua / 1000, cfg->idd3n_ua % 1000);
        FAIL_IF(cfg->idd5ab_ua <= cfg->idd3n_ua, "IDD5AB", "not above IDD3N = %d.%03d mA",
                cfg->idd3n_ua / 1000, cfg->idd3n_ua % 1000);
        FAIL_IF(cfg->idd5pb_ua <= cfg->idd3n_ua, "IDD5PB", "not above IDD3N = %d.%03d mA",
                cfg->idd3n_ua / 1000, cfg->idd3n_ua % 1000);
        FAIL_IF((long long)cfg->idd0_ua * cfg->trc <
                (long long)cfg->idd3n_ua * cfg->tras + (long long)cfg->idd2n_ua * (cfg->trc - cfg->tras), "IDD0",
                "IDD0 x tRC < IDD3N x tRAS + IDD2N x (tRC - tRAS): an ACT-PRE pair would cost negative energy");
    }
    FAIL_IF(cfg->wq_high > cfg->write_queue_depth, "wq_high_watermark",
            "%d > write_queue_depth = %d", cfg->wq_high, cfg->write_queue_depth);
    FAIL_IF(cfg->wq_low >= cfg->wq_high, "wq_low_watermark",
            "%d >= wq_high_watermark = %d", cfg->wq_low, cfg->wq_high);
    FAIL_IF(cfg->rq_low >= cfg->read_queue_depth, "rq_low_watermark",
            "%d >= read_queue_depth = %d (the read queue would never hold more: write mode whenever a write waits)",
            cfg->rq_low, cfg->read_queue_depth);
    FAIL_IF(cfg->sched_window == 1, "sched_window",
            "1: the window holds a queue's head and the entry after it at least (0: the whole queue)");
    /* In flight: the queues, the response queue, the request port register,
     * the forward register and (ecc = secded) the partial write the
     * read-modify-write unit holds. */
    in_flight = cfg->read_queue_depth + cfg->write_queue_depth + cfg->resp_queue_depth + HBM_REQ_PORT_DEPTH + 1 +
                (cfg->ecc == HBM_ECC_SECDED ? 1 : 0);
    FAIL_IF((1L << cfg->id_bits) < in_flight,
            "id_bits", "%d bits name %ld requests, fewer than the %ld that can be in flight (queues, "
            "response queue, request port register, forward register%s)",
            cfg->id_bits, 1L << cfg->id_bits, in_flight,
            cfg->ecc == HBM_ECC_SECDED ? ", the held partial write" : "");

    cfg->banks = cfg->bankgroups * cfg->banks_per_group;
    cfg->bg_bits = log2i(cfg->bankgroups);
    cfg->ba_bits = log2i(cfg->banks_per_group);
    cfg->sid_shift = cfg->ba_bits + cfg->bg_bits - log2i(cfg->stack_ids);
    cfg->row_bits = log2i(cfg->rows);
    cfg->col_bits = log2i(cfg->columns);
    cfg->field_bits[HBM_FIELD_ROW] = cfg->row_bits;
    cfg->field_bits[HBM_FIELD_BANK] = cfg->ba_bits;
    cfg->field_bits[HBM_FIELD_BANKGROUP] = cfg->bg_bits;
    cfg->field_bits[HBM_FIELD_COLUMN] = cfg->col_bits;
    cfg->addr_bits = cfg->row_bits + cfg->ba_bits + cfg->bg_bits + cfg->col_bits + (int)HBM_BURST_SHIFT;
    cfg->capacity_bytes = (uint64_t)1 << cfg->addr_bits;
    FAIL_IF(cfg->addr_bits > 40, "rows", "capacity of 2^%d bytes exceeds 2^40", cfg->addr_bits);
    FAIL_IF(cfg->address_xor == HBM_XOR_ROW && cfg->row_bits < cfg->ba_bits + cfg->bg_bits, "address_xor",
            "needs at least %d row bits to hash bank and bank-group bits", cfg->ba_bits + cfg->bg_bits);
    FAIL_IF(cfg->address_xor == HBM_XOR_FOLDMIX &&
                (cfg->ba_bits != 2 || cfg->bg_bits < 2 || cfg->bg_bits > 3 ||
                 cfg->row_bits < cfg->ba_bits + cfg->bg_bits), "address_xor",
            "foldmix needs 4 or 8 bank groups of 4 banks and a row bit per bank and bank-group bit "
            "(has %d x %d, %d row bits)", cfg->bankgroups, cfg->banks_per_group, cfg->row_bits);
    if (hbm_addr_map_parse(cfg, why, whysz))
        return "address_map";

    /* [stack] */
    FAIL_IF(!is_pow2(cfg->pseudo_channels), "pseudo_channels", "%d is not a power of two", cfg->pseudo_channels);
    FAIL_IF(cfg->pseudo_channels % cfg->ports != 0, "ports", "%d does not divide pseudo_channels = %d",
            cfg->ports, cfg->pseudo_channels);
    FAIL_IF(cfg->stack_switch == HBM_SWITCH_NONE && cfg->ports != cfg->pseudo_channels, "ports",
            "%d with switch = none: each port drives its own pseudo-channel, so ports must be pseudo_channels = %d",
            cfg->ports, cfg->pseudo_channels);
    FAIL_IF(!is_pow2(cfg->interleave_bytes), "interleave_bytes", "%d is not a power of two", cfg->interleave_bytes);
    FAIL_IF((uint64_t)cfg->interleave_bytes > cfg->capacity_bytes, "interleave_bytes",
            "%d is wider than a pseudo-channel (%" PRIu64 " bytes)", cfg->interleave_bytes, cfg->capacity_bytes);
    FAIL_IF(!is_pow2(cfg->axi_reorder_beats), "axi_reorder_beats", "%d is not a power of two",
            cfg->axi_reorder_beats);
    cfg->pc_bits = log2i(cfg->pseudo_channels);
    cfg->port_bits = cfg->stack_switch == HBM_SWITCH_CROSSBAR ? log2i(cfg->ports) : 0;
    cfg->interleave_bits = log2i(cfg->interleave_bytes);
    cfg->axi_tag_bits = cfg->id_bits - cfg->port_bits;
    cfg->port_addr_bits = cfg->addr_bits + (cfg->stack_switch == HBM_SWITCH_CROSSBAR ? cfg->pc_bits : 0);
    cfg->stack_bytes = cfg->capacity_bytes * (uint64_t)cfg->pseudo_channels;
    FAIL_IF(cfg->axi_tag_bits < log2i(cfg->axi_reorder_beats) + 1, "id_bits",
            "%d bits must name the port (%d bits) and the reorder buffer's %d read slots and its write tags "
            "(%d bits): needs %d", cfg->id_bits, cfg->port_bits, cfg->axi_reorder_beats,
            log2i(cfg->axi_reorder_beats) + 1, cfg->port_bits + log2i(cfg->axi_reorder_beats) + 1);
    return NULL;
#undef FAIL_IF
}

static int key_index(const char *key)
{
    int i;
    for (i = 0; i < NKEYS; i++)
        if (strcmp(keys[i].key, key) == 0)
            return i;
    return -1;
}

/* The value of a key as the ini file would spell it. */
static void value_text(const struct hbm_config *cfg, const struct key_desc *k, char *buf, size_t n)
{
    int v = *hbm_config_cint_field(cfg, k);
    switch (k->kind) {
    case HBM_KIND_STR: snprintf(buf, n, "%s", (const char *)cfg + k->offset); break;
    case HBM_KIND_PAGE:
    case HBM_KIND_REFRESH:
    case HBM_KIND_XOR:
    case HBM_KIND_SCHED:
    case HBM_KIND_REFPICK:
    case HBM_KIND_SWITCH:
    case HBM_KIND_HASH:
    case HBM_KIND_ECC: snprintf(buf, n, "%s", enum_name(k->kind, v)); break;
    case HBM_KIND_PS: snprintf(buf, n, "%d.%03d", v / 1000, v % 1000); break;
    case HBM_KIND_MILLI: {   /* as short as it reads: 27.5, 19, 40.83 */
        int frac = v % 1000, digits = 3;
        while (digits && frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        if (digits)
            snprintf(buf, n, "%d.%0*d", v / 1000, digits, frac);
        else
            snprintf(buf, n, "%d", v / 1000);
        break;
    }
    default: snprintf(buf, n, "%d", v); break;
    }
}

int hbm_config_finish(struct hbm_config *cfg, char *err)
{
    char why[256], val[HBM_STR_MAX + 16];
    const char *key = derive(cfg, why, sizeof why);

    if (!key)
        return 0;
    value_text(cfg, &keys[key_index(key)], val, sizeof val);
    hbm_config_set_err(err, "%s: key '%s' = '%s': %s", cfg->source[0] ? cfg->source : "config", key, val, why);
    return -1;
}

/* Nesting limit of based_on: a base may itself be based on another. */
#define BASED_ON_DEPTH 4

static int load_depth(struct hbm_config *cfg, const char *path, char *err, int depth);

/*
 * based_on = FILE (before any section): start from FILE's values, its path
 * taken relative to the directory of the file naming it.
 */
static int load_base(struct hbm_config *cfg, const char *name, int lineno, const char *val,
                     char *err, int depth)
{
    char path[512], inner[HBM_ERR_MAX];
    const char *slash = strrchr(name, '/');
    int dir = slash ? (int)(slash - name) + 1 : 0;

    if (!val[0]) {
        hbm_config_set_err(err, "%s:%d: key 'based_on' = '': expected the file name of a config", name, lineno);
        return -1;
    }
    if (depth >= BASED_ON_DEPTH) {
        hbm_config_set_err(err, "%s:%d: key 'based_on' = '%s': more than %d nested based_on files",
                name, lineno, val, BASED_ON_DEPTH);
        return -1;
    }
    if (val[0] == '/')
        dir = 0;
    if ((size_t)dir + strlen(val) >= sizeof path) {
        hbm_config_set_err(err, "%s:%d: key 'based_on' = '%s': path too long", name, lineno, val);
        return -1;
    }
    memcpy(path, name, (size_t)dir);
    strcpy(path + dir, val);
    if (load_depth(cfg, path, inner, depth + 1)) {
        hbm_config_set_err(err, "%s:%d: key 'based_on' = '%s': %s", name, lineno, val, inner);
        return -1;
    }
    return 0;
}

static int parse_depth(struct hbm_config *cfg, const char *text, const char *name, char *err,
                       int depth)
{
    int line_of[NKEYS];
    char section[32] = "";
    char base_name[256] = "";
    const char *p = text;
    int lineno = 0, any_key = 0, power_header = 0;
    int i;

    memset(cfg, 0, sizeof *cfg);
    for (i = 0; i < NKEYS; i++)
        line_of[i] = 0;

    while (*p) {
        char raw[1024];
        char *s, *eq, *key, *val, *c;
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char why[256];

        lineno++;
        if (len >= sizeof raw) {
            hbm_config_set_err(err, "%s:%d: line longer than %u characters", name, lineno,
                    (unsigned)sizeof raw - 1);
            return -1;
        }
        memcpy(raw, p, len);
        raw[len] = '\0';
        p += len + (nl ? 1 : 0);

        for (c = raw; *c; c++)
            if (*c == ';' || *c == '#') {
                *c = '\0';
                break;
            }
        s = trim(raw);
        if (!*s)
            continue;
        if (*s == '[') {
            char *close = strchr(s, ']');
            if (!close || close[1] != '\0') {
                hbm_config_set_err(err, "%s:%d: malformed section header '%s'", name, lineno, s);
                return -1;
            }
            *close = '\0';
            if (strcmp(s + 1, "structure") && strcmp(s + 1, "timing") && strcmp(s + 1, "controller") &&
                strcmp(s + 1, "stack") && strcmp(s + 1, "power")) {
                hbm_config_set_err(err, "%s:%d: unknown section '[%s]' (expected structure, timing, controller, stack, power)",
                        name, lineno, s + 1);
                return -1;
            }
            snprintf(section, sizeof section, "%s", s + 1);
            if (!strcmp(section, "power") && !power_header)
                power_header = lineno;
            continue;
        }
        eq = strchr(s, '=');
        if (!eq) {
            hbm_config_set_err(err, "%s:%d: expected 'key = value', got '%s'", name, lineno, s);
            return -1;
        }
        *eq = '\0';
        key = trim(s);
        val = trim(eq + 1);
        if (!section[0] && strcmp(key, "based_on") == 0) {
            if (any_key) {
                hbm_config_set_err(err, "%s:%d: key 'based_on' = '%s': must come first, once, before any section",
                        name, lineno, val);
                return -1;
            }
            if (load_base(cfg, name, lineno, val, err, depth))
                return -1;
            snprintf(base_name, sizeof base_name, "%s", cfg->source);
            any_key = 1;
            continue;
        }
        any_key = 1;
        if (!section[0]) {
            hbm_config_set_err(err, "%s:%d: key '%s' before any [section]", name, lineno, key);
            return -1;
        }
        i = key_index(key);
        if (i < 0) {
            hbm_config_set_err(err, "%s:%d: key '%s' = '%s': unknown key in [%s]", name, lineno, key, val, section);
            return -1;
        }
        if (strcmp(keys[i].section, section) != 0) {
            hbm_config_set_err(err, "%s:%d: key '%s' belongs in [%s], not [%s]", name, lineno, key,
                    keys[i].section, section);
            return -1;
        }
        if (line_of[i]) {
            hbm_config_set_err(err, "%s:%d: key '%s' = '%s': repeated (first set on line %d)", name, lineno, key,
                    val, line_of[i]);
            return -1;
        }
        if (store_value(cfg, &keys[i], val, why, sizeof why)) {
            hbm_config_set_err(err, "%s:%d: key '%s' = '%s': %s", name, lineno, key, val, why);
            return -1;
        }
        line_of[i] = lineno;
    }
    /* [power] is optional as a whole: a file that sets none of its keys
     * keeps its base's (or none: energy not modelled). */
    {
        int power_line = 0;
        for (i = 0; i < NKEYS; i++)
            if (line_of[i] && strcmp(keys[i].section, "power") == 0 && !power_line)
                power_line = line_of[i];
        for (i = 0; i < NKEYS; i++) {
            int is_power = strcmp(keys[i].section, "power") == 0;
            if (line_of[i] || (base_name[0] && !(is_power && power_line && !cfg->power)) ||
                (is_power && !power_line))
                continue;
            if (is_power)
                hbm_config_set_err(err, "%s:%d: [power] is missing key '%s' (a [power] section needs all "
                                   "of its keys; without one, energy is not modelled)", name, power_line,
                                   keys[i].key);
            else
                hbm_config_set_err(err, "%s: missing key '%s' in [%s]", name, keys[i].key, keys[i].section);
            return -1;
        }
        if (power_header && !power_line) {
            hbm_config_set_err(err, "%s:%d: [power] has no keys (give all of them, or leave the section out: "
                               "energy is then not modelled)", name, power_header);
            return -1;
        }
        if (power_line)
            cfg->power = 1;
    }
    snprintf(cfg->source, sizeof cfg->source, "%s", name);

    {
        char why[256], val[HBM_STR_MAX + 16];
        const char *key = derive(cfg, why, sizeof why);
        if (key) {
            i = key_index(key);
            value_text(cfg, &keys[i], val, sizeof val);
            if (line_of[i])
                hbm_config_set_err(err, "%s:%d: key '%s' = '%s': %s", name, line_of[i], key, val, why);
            else
                hbm_config_set_err(err, "%s: key '%s' = '%s' (from based_on %s): %s", name, key, val,
                        base_name, why);
            return -1;
        }
    }
    return 0;
}

int hbm_config_parse(struct hbm_config *cfg, const char *text, const char *name, char *err)
{
    return parse_depth(cfg, text, name, err, 0);
}

int hbm_config_load(struct hbm_config *cfg, const char *path, char *err)
{
    return load_depth(cfg, path, err, 0);
}

static int load_depth(struct hbm_config *cfg, const char *path, char *err, int depth)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long size;
    int rc;

    if (!f) {
        hbm_config_set_err(err, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
        hbm_config_set_err(err, "%s: cannot read: %s", path, strerror(errno));
        fclose(f);
        return -1;
    }
    if (size > (1L << 20)) {
        hbm_config_set_err(err, "%s: larger than 1 MiB, not a config", path);
        fclose(f);
        return -1;
    }
    text = malloc((size_t)size + 1);
    if (!text) {
        hbm_config_set_err(err, "%s: out of memory", path);
        fclose(f);
        return -1;
    }
    if (fread(text, 1, (size_t)size, f) != (size_t)size) {
        hbm_config_set_err(err, "%s: cannot read: %s", path, strerror(errno));
        free(text);
        fclose(f);
        return -1;
    }
    fclose(f);
    text[size] = '\0';
    if (memchr(text, '\0', (size_t)size)) {
        hbm_config_set_err(err, "%s: contains a NUL byte, not a text config", path);
        free(text);
        return -1;
    }
    rc = parse_depth(cfg, text, path, err, depth);
    free(text);
    return rc;
}
