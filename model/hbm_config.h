/*
 * hbm_config.h - HBM presets and controller knobs: the one parser.
 *
 * Owns: reading the ini files in configs/ into struct hbm_config, validating every
 * value and every cross-key rule (each error names file, line and key),
 * the derived geometry (bit widths, capacity), and writing the Verilog
 * header that the RTL includes (hbm_config_emit_vh).  Nothing else in
 * the project parses an ini file.
 */
#ifndef HBM_CONFIG_H
#define HBM_CONFIG_H

#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Fixed by the HBM2 pseudo-channel format: one burst is 32 bytes. */
#define HBM_BURST_BYTES 32u
#define HBM_BURST_SHIFT 5u
/* One DFI data word per clock: two 64-bit beats (DDR) = 16 bytes. */
#define HBM_DFI_BYTES 16u

#define HBM_STR_MAX 64
#define HBM_ERR_MAX 512

enum hbm_page_policy {
    HBM_PAGE_OPEN = 0,     /* close a row only on a conflict            */
    HBM_PAGE_CLOSED = 1,   /* every column command auto-precharges      */
    HBM_PAGE_ADAPTIVE = 2  /* auto-precharge when no queued request hits */
};

enum hbm_refresh_mode {
    HBM_REFRESH_ALL_BANK = 0, /* REFAB every tREFI                     */
    HBM_REFRESH_PER_BANK = 1, /* REFPB every tREFIpb, one bank at a time */
    HBM_REFRESH_NONE = 2      /* no refresh (experiments only)         */
};

/* How the bank and bank-group bits are hashed (address_xor). */
enum hbm_addr_xor {
    HBM_XOR_NONE = 0,  /* the fields as the map places them               */
    HBM_XOR_ROW = 1,   /* bank ^= lowest row bits, group ^= the next ones  */
    HBM_XOR_FOLD = 2,  /* every row bit folded into bank and group, and
                          group ^= bank: see hbm_addr_map.h               */
    HBM_XOR_FOLDMIX = 3 /* fold, then an invertible mix of the 4 folded
                           bits (2 bank + 2 group bits): hbm_addr_map.h    */
};

/* Which requests the scheduler may serve (scheduler). */
enum hbm_scheduler {
    HBM_SCHED_FRFCFS = 0, /* row hits first, then the oldest request         */
    HBM_SCHED_FCFS = 1    /* only the oldest request of the queue in service */
};

/* Which idle bank a per-bank refresh takes (refresh_pick). */
enum hbm_refresh_pick {
    HBM_REFPICK_LOWEST = 0, /* the lowest-numbered idle bank owed a refresh     */
    HBM_REFPICK_RECENT = 1  /* the bank closed last, if it is idle and owed one */
};

/* What the 8 DM/ECC bits of each 64 data bits carry (ecc). */
enum hbm_ecc_mode {
    HBM_ECC_NONE = 0,    /* the write data mask; no check bits               */
    HBM_ECC_SECDED = 1   /* SECDED check bits (model/hbm_ecc.h); no data mask:
                            a partial write is a read-modify-write           */
};

/* What sits between the AXI ports and the pseudo-channels (switch). */
enum hbm_switch {
    HBM_SWITCH_NONE = 0,     /* port p drives pseudo-channel p, in its own address space */
    HBM_SWITCH_CROSSBAR = 1  /* every port reaches every pseudo-channel: one address space */
};

/* How the pseudo-channel of a stack address is picked (interleave_hash). */
enum hbm_interleave_hash {
    HBM_HASH_NONE = 0,  /* the interleave field above interleave_bytes           */
    HBM_HASH_XOR = 1    /* that field XOR every higher field of its width: see hbm_stack.h */
};

/* Largest number of bits in one address field (row bits at most). */
#define HBM_FIELD_MAX_BITS 40

/*
 * Faults a device injects into what it returns (model/hbm_device.h; a run
 * option of the tools, --inject, never read from an ini file):
 * on every 64-bit word a read returns (with its 8 check bits under ECC, a
 * 72-bit codeword), two random bits flip with probability double_rate,
 * else one with probability single_rate; and each stuck bit reads as its
 * value.  A stuck bit is bit `bit` of the burst holding byte address addr:
 * 0-255 data (bit 8i+j: bit j of byte i), 256-287 check bits (256 + 8k + j:
 * check bit j of word k; ecc = secded only).
 */
#define HBM_INJECT_MAX_STUCK 16
struct hbm_inject {
    double single_rate, double_rate;
    uint64_t seed;
    int nstuck;
    struct {
        uint64_t addr;
        int bit, value;
    } stuck[HBM_INJECT_MAX_STUCK];
};

/* 1 if inj injects anything. */
static inline int hbm_inject_active(const struct hbm_inject *inj)
{
    return inj->single_rate > 0 || inj->double_rate > 0 || inj->nstuck > 0;
}

/* Address-map fields. */
enum hbm_addr_field {
    HBM_FIELD_ROW = 0,
    HBM_FIELD_BANK = 1,
    HBM_FIELD_BANKGROUP = 2,
    HBM_FIELD_COLUMN = 3,
    HBM_FIELD_COUNT = 4
};

struct hbm_config {
    /* [structure] */
    char protocol[HBM_STR_MAX];
    int pseudo_channels;
    int stack_ids;          /* stack IDs of a pseudo-channel (HBM3 8-high: 2) */
    int bankgroups;         /* over all stack IDs: a bank group's SID is its index's top bits */
    int banks_per_group;
    int rows;
    int columns;
    int bus_width_bits;
    int burst_length;

    /* [timing], all in clock cycles except tck_ps */
    int tck_ps;
    int rl, wl, tburst;
    int trcdrd, trcdwr, trp, tras, trc;
    int tccd_s, tccd_l, tccd_r, trrd_s, trrd_l, tfaw;
    int twr, twtr_s, twtr_l, trtp, trtw, tppd;
    int trfc, trfcpb, trrefd, trefi, trefipb;

    /* [controller] */
    int read_queue_depth;
    int write_queue_depth;
    int resp_queue_depth;
    char address_map[HBM_STR_MAX];
    int address_xor;    /* enum hbm_addr_xor     */
    int scheduler;      /* enum hbm_scheduler    */
    int page_policy;    /* enum hbm_page_policy  */
    int refresh_mode;   /* enum hbm_refresh_mode */
    int refresh_postpone;
    int refresh_pick;   /* enum hbm_refresh_pick */
    int wq_high;
    int wq_low;
    int rq_low;         /* read mode drains writes when the read queue holds at most this many */
    int id_bits;
    int starve_limit;   /* cycles; 0 = no limit */
    int sched_window;   /* the oldest entries of a queue the scheduler sees; 0 = all */
    int dfi_ratio;      /* DRAM clocks per controller clock: 1 or 2 (command slots per bus) */
    int ecc;            /* enum hbm_ecc_mode */

    /* [stack] */
    int ports;             /* AXI4 ports of the top */
    int stack_switch;      /* enum hbm_switch */
    int interleave_bytes;  /* bytes of one pseudo-channel before the next (crossbar) */
    int interleave_hash;   /* enum hbm_interleave_hash */
    int axi_reorder_beats; /* read beats in flight per AXI port */

    /* [power] (optional; power = 0 without it): one pseudo-channel's
     * currents in uA, VDD in mV, I/O energy in fJ per bit */
    int vdd_mv;
    int idd0_ua, idd2n_ua, idd3n_ua, idd4r_ua, idd4w_ua, idd5ab_ua, idd5pb_ua;
    int io_read_fj, io_write_fj;
    int power;             /* 1: the config has a [power] section */

    /* Derived by hbm_config_finish(); never read from the file. */
    int banks;                       /* bankgroups * banks_per_group   */
    int bg_bits, ba_bits, row_bits, col_bits;
    int sid_shift;                   /* flat bank index >> sid_shift = stack ID */
    int addr_bits;                   /* byte-address width             */
    uint64_t capacity_bytes;
    int field_bits[HBM_FIELD_COUNT];
    /* map_bit[f][i]: the burst-address bit that carries bit i of field f
     * (before address_xor); every burst-address bit carries exactly one. */
    int map_bit[HBM_FIELD_COUNT][HBM_FIELD_MAX_BITS];
    int pc_bits;                     /* log2 pseudo_channels           */
    int port_bits;                   /* port field of a request id (crossbar), else 0 */
    int interleave_bits;             /* log2 interleave_bytes          */
    int axi_tag_bits;                /* id_bits - port_bits: an AXI port's request ids */
    int port_addr_bits;              /* an AXI port's byte address: the stack's (crossbar)
                                        or one pseudo-channel's (none) */
    uint64_t stack_bytes;            /* capacity_bytes * pseudo_channels */
    char source[256];                /* file the values came from      */

    /* Run options, never read from the file (zero after loading). */
    struct hbm_inject inject;        /* faults every device of this config injects */
};

/*
 * Read and validate an ini file.  Returns 0 on success; on failure returns
 * -1 and writes "file:line: key 'K' = 'V': reason" (or "file: reason") to
 * err (HBM_ERR_MAX bytes).  Every key of hbm_params.def must be present
 * exactly once; unknown keys and sections are errors.
 */
int hbm_config_load(struct hbm_config *cfg, const char *path, char *err);

/*
 * Same as hbm_config_load but parses text already in memory; name is the
 * file name used in error messages.
 */
int hbm_config_parse(struct hbm_config *cfg, const char *text,
                     const char *name, char *err);

/*
 * Recompute the derived fields and re-run every cross-key check.  Tests
 * that edit a loaded config call this before creating a model.  Returns 0
 * or -1 with a message naming the offending key.
 */
int hbm_config_finish(struct hbm_config *cfg, char *err);

/*
 * Write the generated Verilog header (`define HBM_* lines) to out: every
 * key, the derived geometry and the timing model's delay table.  Returns 0,
 * or -1 with a message in err.
 */
int hbm_config_emit_vh(const struct hbm_config *cfg, FILE *out, char *err);

/* Name of an enumerated knob's value as written in the ini file. */
const char *hbm_page_policy_name(int policy);
const char *hbm_refresh_mode_name(int mode);
const char *hbm_addr_xor_name(int mode);
const char *hbm_scheduler_name(int sched);
const char *hbm_refresh_pick_name(int pick);
const char *hbm_switch_name(int sw);
const char *hbm_interleave_hash_name(int hash);
const char *hbm_ecc_name(int ecc);

/* Number of keys in hbm_params.def and the i-th key's section and name. */
int hbm_config_key_count(void);
const char *hbm_config_key_name(int i);
const char *hbm_config_key_section(int i);

#ifdef __cplusplus
}
#endif
#endif
