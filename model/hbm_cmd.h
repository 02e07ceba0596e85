/*
 * hbm_cmd.h - DRAM commands as they appear on the HBM row and column
 * command buses, and the command-log line format shared by the model,
 * the checker and (later) the RTL testbench.
 *
 * Owns: the command names, buses and the command-log line format,
 * hbm_cmd_format()/hbm_cmd_parse() for "cycle CMD ch pc bg ba row col".
 * The codes themselves live once in hbm_encoding.def, which also gives
 * the RTL's defines (rtl/gen/hbm_encoding.vh) and GTKWave's filter.
 */
#ifndef HBM_CMD_H
#define HBM_CMD_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Command codes (model/hbm_encoding.def; also the RTL's encoding). */
enum hbm_cmd_code {
#define HBM_CMD(name, code, bus, colour) HBM_CMD_##name = code,
#include "hbm_encoding.def"
#undef HBM_CMD
    HBM_CMD_COUNT
};

/*
 * Why a column command's request needed row commands first, as the
 * controller counts it for its performance counters (the RTL's
 * perf_col_cause_o): none, an ACT to a closed bank, or a PRE of another
 * row (and the ACT after it).
 */
enum hbm_row_cause {
#define HBM_CAUSE(name, value) HBM_CAUSE_##name = value,
#include "hbm_encoding.def"
#undef HBM_CAUSE
    HBM_CAUSE_COUNT
};

/*
 * Per-cycle events of the controller (model/hbm_encoding.def; the RTL's
 * perf_event_o, the model's hbm_model_events()): bit HBM_EVENT_<name>.
 */
enum hbm_event {
#define HBM_EVENT(name, bit, description) HBM_EVENT_##name = bit,
#include "hbm_encoding.def"
#undef HBM_EVENT
    HBM_EVENT_COUNT
};
/* "COL_HEAD", ... and its one-line description; NULL beyond the list. */
const char *hbm_event_name(int bit);
const char *hbm_event_description(int bit);
/* The names of the events set in `set`, space-separated, into buf ("-" if none). */
void hbm_events_text(uint32_t set, char *buf, size_t size);


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
