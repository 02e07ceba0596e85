/*
 * hbm_check_rules.h - the independent checker's own table of timing
 * constraints (docs/timing.md), kept apart from the scheduler's
 * (model/hbm_timing.c) so that a scheduler bug cannot hide by being
 * repeated here.  Private to the checker (hbm_check*.c).
 */
#ifndef HBM_CHECK_RULES_H
#define HBM_CHECK_RULES_H

#include <stddef.h>
#include "hbm_cmd.h"
#include "hbm_config.h"

#define CMD_BIT(c) (1u << (c))
#define M_ACT   CMD_BIT(HBM_CMD_ACT)
#define M_PRE   CMD_BIT(HBM_CMD_PRE)
#define M_PREA  CMD_BIT(HBM_CMD_PREA)
#define M_REFAB CMD_BIT(HBM_CMD_REFAB)
#define M_REFPB CMD_BIT(HBM_CMD_REFPB)
#define M_RD    CMD_BIT(HBM_CMD_RD)
#define M_RDA   CMD_BIT(HBM_CMD_RDA)
#define M_WR    CMD_BIT(HBM_CMD_WR)
#define M_WRA   CMD_BIT(HBM_CMD_WRA)
#define M_READS  (M_RD | M_RDA)
#define M_WRITES (M_WR | M_WRA)

/* Where the preceding command is looked up, relative to the following one. */
enum check_scope {
    SCOPE_BANK,       /* the same bank                                 */
    SCOPE_BG,         /* any bank of the same bank group (incl. same)  */
    SCOPE_OTHER_BG,   /* any bank of a different bank group            */
    SCOPE_ANY,        /* any bank of the channel, or a channel command */
    SCOPE_OTHER_BANK, /* any bank with a different flat index          */
    SCOPE_OPEN_BANKS, /* every bank still open (following PREA only)   */
    SCOPE_SID_OTHER_BG, /* a bank of another bank group of the same stack ID */
    SCOPE_OTHER_SID   /* a bank of another stack ID                    */
};

/* One timing constraint: following >= preceding + delay. */
struct rule_desc {
    const char *name;
    int scope;      /* enum check_scope */
    unsigned prev;  /* preceding command codes (CMD_BIT mask) */
    unsigned next;  /* following command codes */
    unsigned terms; /* delay = sum of config terms (hbm_check_rules.c) */
};

/* The rules: hbm_check_rule(0 .. HBM_CHECK_NRULES - 1). */
#define HBM_CHECK_NRULES 34
const struct rule_desc *hbm_check_rule(int i);
/* The delay of rule i in cfg's clocks. */
int hbm_check_rule_delay(const struct hbm_config *cfg, int i);
/* 1 if every timing value a rule uses is within 0..max in cfg. */
int hbm_check_terms_within(const struct hbm_config *cfg, int max);
/* "WL + tBURST + tWR" for rule i's composite delay, "" for a single term. */
void hbm_check_rule_formula(int i, char *buf, size_t size);

#endif
