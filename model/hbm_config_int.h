/*
 * hbm_config_int.h - the parser's tables (keys of hbm_params.def, the
 * enumerated values), shared by hbm_config.c (parsing) and hbm_config_vh.c
 * (the Verilog header).  Private to model/.
 */
#ifndef HBM_CONFIG_INT_H
#define HBM_CONFIG_INT_H

#include <stddef.h>
#include "hbm_config.h"

enum hbm_kind {
    HBM_KIND_INT,
    HBM_KIND_PS,
    HBM_KIND_MILLI,
    HBM_KIND_STR,
    HBM_KIND_PAGE,
    HBM_KIND_REFRESH,
    HBM_KIND_XOR,
    HBM_KIND_SCHED,
    HBM_KIND_REFPICK,
    HBM_KIND_SWITCH,
    HBM_KIND_HASH,
    HBM_KIND_ECC
};

struct key_desc {
    const char *section;
    const char *key;
    size_t offset;
    enum hbm_kind kind;
    long min, max;
    const char *vh_name;
};

/* The enumerated kinds: their names, in the order of the enum's values. */
struct enum_desc {
    enum hbm_kind kind;
    const char *vh_prefix;   /* `define HBM_<prefix>_<NAME> value in the header */
    int count;
    const char *names[4];
};

extern const struct key_desc hbm_config_keys[];
extern const int hbm_config_nkeys;
extern const struct enum_desc hbm_config_enums[];
extern const int hbm_config_nenums;

/* The int field key k describes, in cfg. */
const int *hbm_config_cint_field(const struct hbm_config *cfg, const struct key_desc *k);
/* printf into err (HBM_ERR_MAX bytes); err may be NULL. */
void hbm_config_set_err(char *err, const char *fmt, ...);

#endif
