/*
 * hbm_check_int.h - the inside of the independent checker, shared by
 * hbm_check.c (commands, bank state, timing rules) and hbm_check_bus.c
 * (command and data buses, refresh rate and rounds).  Private.
 */
#ifndef HBM_CHECK_INT_H
#define HBM_CHECK_INT_H

#include <stdint.h>
#include "hbm_check.h"
#include "hbm_check_rules.h"

#define NEVER UINT64_MAX
/* JEDEC lets a device owe at most this many refresh intervals. */
#define HBM_CHECK_MAX_POSTPONED 8u
#define HBM_CHECK_WHERE_MAX 96
#define HBM_CHECK_RULE_MAX 32
#define HBM_CHECK_DETAIL_MAX 256
#define HBM_CHECK_MSG_MAX (HBM_CHECK_WHERE_MAX + HBM_CHECK_RULE_MAX + \
                           HBM_CHECK_DETAIL_MAX + 8)
/* Sanity limits on the geometry and latencies the checker accepts. */
#define HBM_CHECK_MAX_BANKS 1024
#define HBM_CHECK_MAX_LATENCY (1 << 16)

/* Most recent issue of one code, and the most recent from another key. */
struct recent2 {
    uint64_t c1; /* most recent cycle            */
    int k1;      /* its key (bank group or bank) */
    uint64_t c2; /* most recent with key != k1   */
};

struct bank_state {
    int open;
    int row;
    int closed_by;       /* code that last closed it, or NOP */
    uint64_t closed_at;
    uint64_t last[HBM_CMD_COUNT];
    uint64_t refreshes;  /* REFPB to it plus every REFAB */
};

/* One data-bus cycle: which burst (if any) holds it. */
struct bus_cell {
    uint64_t cycle;  /* the data-bus cycle this cell describes, or NEVER */
    uint64_t issued; /* cycle of the column command */
    int code;
};

struct hbm_check {
    struct hbm_config cfg;
    int nbanks;
    int delay[HBM_CHECK_NRULES];
    int by_next[HBM_CMD_COUNT][HBM_CHECK_NRULES]; /* rule indices per following code */
    int n_by_next[HBM_CMD_COUNT];

    struct bank_state *bank;   /* nbanks */
    uint64_t *bg_last;         /* bankgroups x HBM_CMD_COUNT */
    uint64_t chan_last[HBM_CMD_COUNT];
    struct recent2 by_bg[HBM_CMD_COUNT];
    struct recent2 by_bank[HBM_CMD_COUNT];
    int open_count;

    uint64_t faw[4];           /* ring of the last four ACT cycles */
    int faw_n, faw_head;

    uint64_t prev_cycle;       /* NEVER before the first command */
    uint64_t last_row;         /* cycle of the last row-bus command */
    int last_row_code;
    uint64_t last_act;         /* cycle of the last ACT on the bus */
    uint64_t last_col;
    int last_col_code;

    struct bus_cell *bus;
    uint64_t bus_mask;

    int refresh_rate_on;
    uint64_t epoch_checked;    /* floor(t / tREFI) last checked */

    uint64_t end_cycle;        /* argument of hbm_check_finish() */

    uint64_t violations;
    uint64_t tight[HBM_CHECK_NRULES + 1];  /* commands at exactly a rule's earliest cycle; last: tFAW */
    char rule[HBM_CHECK_RULE_MAX];
    char msg[HBM_CHECK_MSG_MAX];
};

/* Count a violation of rule by cmd (NULL: the end of the stream) and keep its message. */
#ifdef __GNUC__
__attribute__((format(printf, 4, 5)))
#endif
void hbm_check_report(hbm_check *chk, const struct hbm_cmd *cmd, const char *rule, const char *fmt, ...);

/* hbm_check_bus.c: the row and column buses, the data bus, refresh rate and rounds. */
int hbm_check_cmd_buses(hbm_check *chk, const struct hbm_cmd *cmd);
int hbm_check_data_bus(hbm_check *chk, const struct hbm_cmd *cmd);
int hbm_check_refresh_rate(hbm_check *chk, uint64_t t, const struct hbm_cmd *cmd);
void hbm_check_note_refresh(hbm_check *chk, int b);
int hbm_check_refresh_round(hbm_check *chk, const struct hbm_cmd *cmd, int b);

#endif
