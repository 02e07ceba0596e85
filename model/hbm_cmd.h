/*
 * hbm_cmd.h - DRAM commands as they appear on the HBM row and column
 * command buses, and the command-log line format shared by the model,
 * the checker and (later) the RTL testbench.
 *
 * Owns: the command codes (their numeric values are also the RTL's
 * command encoding and the GTKWave translate file's), the command names,
 * and hbm_cmd_format()/hbm_cmd_parse() for "cycle CMD ch pc bg ba row col".
 */
#ifndef HBM_CMD_H
#define HBM_CMD_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum hbm_cmd_code {
    HBM_CMD_NOP = 0,
    HBM_CMD_ACT = 1,   /* row bus, occupies it for two clocks  */
    HBM_CMD_PRE = 2,   /* row bus, one bank                    */
    HBM_CMD_PREA = 3,  /* row bus, all banks                   */
    HBM_CMD_REFAB = 4, /* row bus, all-bank refresh            */
    HBM_CMD_REFPB = 5, /* row bus, one-bank refresh            */
    HBM_CMD_RD = 6,    /* column bus                           */
    HBM_CMD_RDA = 7,   /* column bus, read with auto-precharge */
    HBM_CMD_WR = 8,    /* column bus                           */
    HBM_CMD_WRA = 9,   /* column bus, write with auto-precharge */
    HBM_CMD_COUNT = 10
};

/*
 * Why a column command's request needed row commands first, as the
 * controller counts it for its performance counters (the RTL's
 * perf_col_cause_o): none, an ACT to a closed bank, or a PRE of another
 * row (and the ACT after it).
 */
enum hbm_row_cause {
    HBM_CAUSE_HIT = 0,
    HBM_CAUSE_MISS = 1,
    HBM_CAUSE_CONFLICT = 2
};

/* One command as issued: the cycle is the clock it is on the bus. */
struct hbm_cmd {
    uint64_t cycle;
    int code;      /* enum hbm_cmd_code */
    int ch, pc;    /* channel and pseudo-channel (0 in a one-PC model) */
    int bg, ba;    /* bank group, bank within the group */
    int row, col;  /* col counts bursts within the row */
    int cause;     /* column commands: enum hbm_row_cause (not in the log line) */
};

/* Name of a command code ("ACT", ...) or "?" for an invalid code. */
const char *hbm_cmd_name(int code);

/* Code for a name, or -1 if the name is not a command. */
int hbm_cmd_from_name(const char *name);

/* 1 for commands of the row bus (ACT PRE PREA REFAB REFPB). */
int hbm_cmd_is_row(int code);
/* 1 for RD and RDA, WR and WRA respectively. */
int hbm_cmd_is_read(int code);
int hbm_cmd_is_write(int code);

/*
 * Write "cycle CMD ch pc bg ba row col\n" into buf (at least 96 bytes).
 * Fields that do not apply to the command are written as 0.  Returns the
 * length written.
 */
int hbm_cmd_format(const struct hbm_cmd *cmd, char *buf, size_t size);

/*
 * 1 if a and b are the same command as the command log shows it (cycle,
 * code, channel, pseudo-channel and the address fields the command
 * carries), else 0.  Cheaper than comparing two hbm_cmd_format() lines.
 */
int hbm_cmd_same(const struct hbm_cmd *a, const struct hbm_cmd *b);

/* Parse one command-log line.  Returns 0, or -1 if the line is malformed. */
int hbm_cmd_parse(const char *line, struct hbm_cmd *cmd);

#ifdef __cplusplus
}
#endif
#endif
