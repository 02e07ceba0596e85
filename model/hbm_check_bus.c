/*
 * hbm_check_bus.c - the checker's bus and refresh rules: one command per
 * bus per cycle, a row command's second clock (ACT), bursts that overlap
 * on the data bus, the refresh rate (at most postpone + 1 intervals owed)
 * and per-bank refresh rounds.  See hbm_check.h.
 */
#include "hbm_check_int.h"

#include <inttypes.h>
#include <stdio.h>

/* ---- refresh -------------------------------------------------------- */

/* Refreshes bank b owes at the last checked cycle beyond the allowance. */
static uint64_t refresh_deficit(const hbm_check *chk, int b)
{
    uint64_t need;

    if (chk->epoch_checked <= HBM_CHECK_MAX_POSTPONED)
        return 0;
    need = chk->epoch_checked - HBM_CHECK_MAX_POSTPONED;
    return chk->bank[b].refreshes < need ? need - chk->bank[b].refreshes : 0;
}

/*
 * Every bank must have had floor(t / tREFI) - 8 refreshes by cycle t.
 * The requirement only grows when t crosses a tREFI boundary, so the
 * banks are scanned once per boundary crossed, not once per command.
 * That is also the reporting rule: between two boundaries a deficit can
 * only shrink (refreshes), and at a boundary it grows by one (or by k
 * when k boundaries pass at once), so a bank short at a boundary is
 * either newly short or shorter than at its last report.  Each bank is
 * therefore reported once per boundary at which it is short, never on
 * every command.
 */
int hbm_check_refresh_rate(hbm_check *chk, uint64_t t,
                              const struct hbm_cmd *cmd)
{
    uint64_t epoch = t / (uint64_t)chk->cfg.trefi;
    int b, n = 0;

    if (!chk->refresh_rate_on || epoch <= chk->epoch_checked)
        return 0;
    chk->epoch_checked = epoch;
    for (b = 0; b < chk->nbanks; b++) {
        uint64_t deficit = refresh_deficit(chk, b);
        if (deficit == 0)
            continue;
        hbm_check_report(chk, cmd, "refresh_rate",
               "bank bg %d ba %d has %" PRIu64 " refreshes by cycle %" PRIu64
               ", needs at least %" PRIu64 " = floor(%" PRIu64 " / tREFI %d) - %u",
               b / chk->cfg.banks_per_group, b % chk->cfg.banks_per_group,
               chk->bank[b].refreshes, t,
               chk->bank[b].refreshes + deficit, t, chk->cfg.trefi,
               HBM_CHECK_MAX_POSTPONED);
        n++;
    }
    return n;
}

void hbm_check_note_refresh(hbm_check *chk, int b)
{
    chk->bank[b].refreshes++;
}

/* A second REFPB to a bank while another bank has had fewer refreshes. */
int hbm_check_refresh_round(hbm_check *chk, const struct hbm_cmd *cmd, int b)
{
    int i, low = 0;

    for (i = 1; i < chk->nbanks; i++)
        if (chk->bank[i].refreshes < chk->bank[low].refreshes)
            low = i;
    if (chk->bank[b].refreshes <= chk->bank[low].refreshes)
        return 0;
    hbm_check_report(chk, cmd, "refresh_round",
           "refresh %" PRIu64 " of this bank while bank bg %d ba %d has had %"
           PRIu64 " (max - min must stay <= 1)",
           chk->bank[b].refreshes + 1, low / chk->cfg.banks_per_group,
           low % chk->cfg.banks_per_group, chk->bank[low].refreshes);
    return 1;
}

/* ---- buses ---------------------------------------------------------- */

int hbm_check_cmd_buses(hbm_check *chk, const struct hbm_cmd *cmd)
{
    int n = 0;

    if (hbm_cmd_is_row(cmd->code)) {
        if (chk->last_row == cmd->cycle) {
            hbm_check_report(chk, cmd, "row_bus", "%s already on the row bus in this cycle",
                   hbm_cmd_name(chk->last_row_code));
            n++;
        } else if (chk->last_act != NEVER && chk->last_act + 1 == cmd->cycle) {
            hbm_check_report(chk, cmd, "row_bus",
                   "ACT at %" PRIu64 " holds the row bus for two clocks",
                   chk->last_act);
            n++;
        }
        chk->last_row = cmd->cycle;
        chk->last_row_code = cmd->code;
        if (cmd->code == HBM_CMD_ACT)
            chk->last_act = cmd->cycle;
    } else {
        if (chk->last_col == cmd->cycle) {
            hbm_check_report(chk, cmd, "column_bus",
                   "%s already on the column bus in this cycle",
                   hbm_cmd_name(chk->last_col_code));
            n++;
        }
        chk->last_col = cmd->cycle;
        chk->last_col_code = cmd->code;
    }
    return n;
}

/* The burst of a column command against the bursts already placed. */
int hbm_check_data_bus(hbm_check *chk, const struct hbm_cmd *cmd)
{
    int is_read = hbm_cmd_is_read(cmd->code);
    uint64_t start = cmd->cycle + (uint64_t)(is_read ? chk->cfg.rl : chk->cfg.wl);
    uint64_t end = start + (uint64_t)chk->cfg.tburst;
    uint64_t c;
    int n = 0, side;

    for (c = start; c < end; c++) {
        const struct bus_cell *cell = &chk->bus[c & chk->bus_mask];
        if (cell->cycle != c)
            continue;
        hbm_check_report(chk, cmd, "data_bus_overlap",
               "burst [%" PRIu64 ", %" PRIu64 ") overlaps the burst of %s at %"
               PRIu64 " on data-bus cycle %" PRIu64,
               start, end, hbm_cmd_name(cell->code), cell->issued, c);
        n++;
        break;
    }
    for (side = 0; side < 2; side++) {
        uint64_t nb = side ? end : start - 1;
        const struct bus_cell *cell = &chk->bus[nb & chk->bus_mask];
        if (cell->cycle != nb || hbm_cmd_is_read(cell->code) == is_read)
            continue;
        hbm_check_report(chk, cmd, "data_bus_turnaround",
               "burst [%" PRIu64 ", %" PRIu64 ") is next to the burst of %s at %"
               PRIu64 " with no idle data-bus cycle between read and write",
               start, end, hbm_cmd_name(cell->code), cell->issued);
        n++;
        break;
    }
    for (c = start; c < end; c++) {
        struct bus_cell *cell = &chk->bus[c & chk->bus_mask];
        cell->cycle = c;
        cell->issued = cmd->cycle;
        cell->code = cmd->code;
    }
    return n;
}
