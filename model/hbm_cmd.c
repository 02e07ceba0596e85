/*
 * hbm_cmd.c - command names and the command-log line format.
 */
#include "hbm_cmd.h"

#include <stdio.h>
#include <string.h>
#include <inttypes.h>

static const char *const cmd_names[HBM_CMD_COUNT] = {
#define HBM_CMD(name, code, bus, colour) #name,
#include "hbm_encoding.def"
#undef HBM_CMD
};

enum { BUS_NONE, BUS_ROW, BUS_COL };
static const unsigned char cmd_bus[HBM_CMD_COUNT] = {
#define HBM_CMD(name, code, bus, colour) BUS_##bus,
#include "hbm_encoding.def"
#undef HBM_CMD
};

/* Every event's bit is its place in the list (dense from 0, at most 32). */
static const struct { const char *name, *description; int bit; } events[] = {
#define HBM_EVENT(name, bit, description) { #name, description, bit },
#include "hbm_encoding.def"
#undef HBM_EVENT
};
typedef char hbm_events_fit_32_bits[HBM_EVENT_COUNT <= 32 ? 1 : -1];

const char *hbm_event_name(int bit)
{
    return bit >= 0 && bit < HBM_EVENT_COUNT && events[bit].bit == bit ? events[bit].name : NULL;
}

void hbm_events_text(uint32_t set, char *buf, size_t size)
{
    size_t len = 0;
    int i;

    buf[0] = '\0';
    for (i = 0; i < HBM_EVENT_COUNT && len < size; i++)
        if (set >> i & 1u)
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? " " : "", events[i].name);
    if (!len)
        snprintf(buf, size, "-");
}

const char *hbm_event_description(int bit)
{
    return bit >= 0 && bit < HBM_EVENT_COUNT && events[bit].bit == bit ? events[bit].description : NULL;
}

const char *hbm_cmd_name(int code)
{
    if (code < 0 || code >= HBM_CMD_COUNT)
        return "?";
    return cmd_names[code];
}

int hbm_cmd_from_name(const char *name)
{
    int i;
    for (i = 0; i < HBM_CMD_COUNT; i++)
        if (strcmp(name, cmd_names[i]) == 0)
            return i;
    return -1;
}

int hbm_cmd_is_row(int code)
{
    return code >= 0 && code < HBM_CMD_COUNT && cmd_bus[code] == BUS_ROW;
}

int hbm_cmd_is_read(int code)
{
    return code == HBM_CMD_RD || code == HBM_CMD_RDA;
}

int hbm_cmd_is_write(int code)
{
    return code == HBM_CMD_WR || code == HBM_CMD_WRA;
}

/* Which address fields a command carries: the rest are logged as 0. */
static void carried(int code, int *bank, int *row, int *col)
{
    *bank = 1;
    *row = 0;
    *col = 0;
    switch (code) {
    case HBM_CMD_ACT:   *row = 1; break;
    case HBM_CMD_PREA:
    case HBM_CMD_REFAB: *bank = 0; break;
    case HBM_CMD_RD: case HBM_CMD_RDA:
    case HBM_CMD_WR: case HBM_CMD_WRA: *col = 1; break;
    default: break;
    }
}

int hbm_cmd_format(const struct hbm_cmd *cmd, char *buf, size_t size)
{
    int bank, row, col;

    carried(cmd->code, &bank, &row, &col);
    return snprintf(buf, size, "%" PRIu64 " %s %d %d %d %d %d %d\n",
                    cmd->cycle, hbm_cmd_name(cmd->code), cmd->ch, cmd->pc,
                    bank ? cmd->bg : 0, bank ? cmd->ba : 0,
                    row ? cmd->row : 0, col ? cmd->col : 0);
}

int hbm_cmd_same(const struct hbm_cmd *a, const struct hbm_cmd *b)
{
    int bank, row, col;

    if (a->cycle != b->cycle || a->code != b->code || a->ch != b->ch || a->pc != b->pc)
        return 0;
    carried(a->code, &bank, &row, &col);
    return (!bank || (a->bg == b->bg && a->ba == b->ba)) && (!row || a->row == b->row) &&
           (!col || a->col == b->col);
}

int hbm_cmd_parse(const char *line, struct hbm_cmd *cmd)
{
    char name[16];
    char tail[2];
    unsigned long long cycle;
    int n;

    n = sscanf(line, "%llu %15s %d %d %d %d %d %d %1s", &cycle, name,
               &cmd->ch, &cmd->pc, &cmd->bg, &cmd->ba, &cmd->row, &cmd->col,
               tail);
    if (n != 8)
        return -1;
    cmd->code = hbm_cmd_from_name(name);
    if (cmd->code <= HBM_CMD_NOP)
        return -1;
    cmd->cycle = (uint64_t)cycle;
    return 0;
}
