/*
 * hbm_bank_state.h - which row each bank holds open: the C twin of
 * rtl/hbm_bank_state.v.
 *
 * Owns bank state only, no timing: ACT opens a row, PRE closes its bank,
 * PREA closes every bank, RDA/WRA close their bank (auto-precharge; the
 * scheduler treats the bank as closed from the next cycle, and the timing
 * table makes the next ACT wait for the precharge).
 */
#ifndef HBM_BANK_STATE_H
#define HBM_BANK_STATE_H

#include <stdint.h>
#include "hbm_timing.h"

#ifdef __cplusplus
extern "C" {
#endif

struct hbm_bank_state {
    int banks;
    uint64_t open;                  /* open_q: bit b, bank b holds a row open */
    uint32_t row[HBM_MAX_BANKS];    /* row_q: the row it holds */
};

/* Every bank closed. */
void hbm_bank_state_init(struct hbm_bank_state *s, int banks);

/*
 * The banks a cycle's commands close (close_o): PRE its bank, PREA all,
 * RDA/WRA its bank.  Codes are enum hbm_cmd_code (HBM_CMD_NOP: none).
 */
uint64_t hbm_bank_state_closes(const struct hbm_bank_state *s, int row_code, int row_bank,
                               int col_code, int col_bank);

/* The clock edge after a cycle's commands: closes, then the ACT's row. */
void hbm_bank_state_update(struct hbm_bank_state *s, int row_code, int row_bank, uint32_t row,
                           int col_code, int col_bank);

/* 1 if bank holds row open. */
static inline int hbm_bank_state_hits(const struct hbm_bank_state *s, int bank, uint32_t row)
{
    return (s->open >> bank & 1) && s->row[bank] == row;
}

#ifdef __cplusplus
}
#endif
#endif
