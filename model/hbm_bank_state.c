/*
 * hbm_bank_state.c - open rows; see hbm_bank_state.h.
 */
#include "hbm_bank_state.h"
#include "hbm_cmd.h"

#include <string.h>

void hbm_bank_state_init(struct hbm_bank_state *s, int banks)
{
    memset(s, 0, sizeof *s);
    s->banks = banks;
}

uint64_t hbm_bank_state_closes(const struct hbm_bank_state *s, int row_code, int row_bank,
                               int col_code, int col_bank)
{
    uint64_t m = 0;

    if (row_code == HBM_CMD_PREA)
        m = s->banks >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << s->banks) - 1);
    else if (row_code == HBM_CMD_PRE)
        m = (uint64_t)1 << row_bank;
    if (col_code == HBM_CMD_RDA || col_code == HBM_CMD_WRA)
        m |= (uint64_t)1 << col_bank;
    return m;
}

void hbm_bank_state_update(struct hbm_bank_state *s, int row_code, int row_bank, uint32_t row,
                           int col_code, int col_bank)
{
    s->open &= ~hbm_bank_state_closes(s, row_code, row_bank, col_code, col_bank);
    if (row_code == HBM_CMD_ACT) {
        s->open |= (uint64_t)1 << row_bank;
        s->row[row_bank] = row;
    }
}
