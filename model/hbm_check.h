/*
 * hbm_check.h - independent JEDEC-style checker of an HBM command stream.
 *
 * Owns: deciding whether a stream of commands (from the C model, from the
 * RTL's DFI buses, or from a hand-written test) is legal for a config.
 * It shares nothing with the scheduler but the config and the command
 * codes: its rules are its own table, so a scheduler bug cannot hide by
 * being repeated here.  It checks every timing rule of docs/timing.md,
 * bank state (column command to a closed bank, ACT to an open bank,
 * refresh of an open bank), the row and column command buses, the data
 * bus (overlapping bursts, read/write turnaround) and the refresh rate.
 */
#ifndef HBM_CHECK_H
#define HBM_CHECK_H

#include <stdint.h>
#include "hbm_cmd.h"
#include "hbm_config.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hbm_check hbm_check;

/* Create a checker for cfg (copied).  Returns NULL and fills err on failure. */
hbm_check *hbm_check_create(const struct hbm_config *cfg, char *err);
void hbm_check_free(hbm_check *chk);

/*
 * Feed one command.  Commands arrive in non-decreasing cycle order; within
 * one cycle the row-bus command comes first.  Returns the number of rules
 * this command breaks (0 if it is legal).  The checker's state advances
 * as the device's would, even for an illegal command.
 */
int hbm_check_command(hbm_check *chk, const struct hbm_cmd *cmd);

/*
 * The stream ended at end_cycle (the first cycle not simulated): checks
 * the refresh rate up to there.  Returns violations found by this call.
 */
int hbm_check_finish(hbm_check *chk, uint64_t end_cycle);

/* Total violations so far. */
uint64_t hbm_check_violations(const hbm_check *chk);

/*
 * Rule name of the most recent violation ("tRCDRD", "tFAW",
 * "bank_closed", "data_bus_overlap", ...; see docs/timing.md), or "" if
 * none.
 */
const char *hbm_check_last_rule(const hbm_check *chk);

/*
 * Message of the most recent violation: "cycle N: CMD bg ba row col:
 * rule: detail", or "" if none.
 */
const char *hbm_check_last_message(const hbm_check *chk);

/*
 * Functional coverage of the timing rules: rule i of
 * hbm_check_rule_count() (the rows of the checker's table, split by
 * scope, and tFAW last) is "met at exactly its earliest cycle" when a
 * command follows its preceding command by exactly the rule's delay.
 * hbm_check_tight() counts those commands; the label reads
 * "tRCDRD: ACT -> RD/RDA, same bank"; the codes are CMD bit masks
 * (bit c: command code c) of the preceding and following commands, and
 * hbm_check_rule_codes() returns 1 when the rule relates banks of two
 * different bank groups (of one stack ID for tCCD_S), 2 when it relates
 * banks of two stack IDs (tCCD_R), else 0.
 */
int hbm_check_rule_count(void);
uint64_t hbm_check_tight(const hbm_check *chk, int i);
void hbm_check_rule_label(int i, char *buf, size_t size);
int hbm_check_rule_codes(int i, unsigned *prev, unsigned *next);

#ifdef __cplusplus
}
#endif
#endif
