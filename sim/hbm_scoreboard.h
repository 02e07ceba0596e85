/*
 * hbm_scoreboard.h - what the memory should return, for whole-run checks.
 *
 * Owns: the write data and byte enables a run sends (a deterministic
 * pattern of address, write number and seed; every eighth write has a
 * random partial byte mask), a shadow copy of memory updated in request
 * order, and the expected data of every read in flight (keyed by id).
 * The controller keeps requests to one burst in order (its request port
 * register is in order, and a hazard holds its head), so a read must
 * return the shadow contents at the moment it was accepted.
 */
#ifndef HBM_SCOREBOARD_H
#define HBM_SCOREBOARD_H

#include <stdint.h>
#include "hbm_config.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hbm_scoreboard hbm_scoreboard;

hbm_scoreboard *hbm_scoreboard_create(const struct hbm_config *cfg, uint64_t seed);
void hbm_scoreboard_free(hbm_scoreboard *sb);

/* Data and byte enables for the next write to addr (does not record it). */
void hbm_scoreboard_write_data(hbm_scoreboard *sb, uint64_t addr, uint8_t data[32], uint32_t *enable);

/*
 * A request was accepted: record a write in the shadow, or a read's
 * expected data under id.  Returns 0, or -1 if memory ran out (the run
 * cannot be checked any more).
 */
int hbm_scoreboard_accepted(hbm_scoreboard *sb, uint64_t addr, int is_write, uint32_t id,
                             const uint8_t data[32], uint32_t enable);

/* A read response arrived: 0 if its data is as expected, else -1 (message in msg, 256 bytes). */
int hbm_scoreboard_check_read(hbm_scoreboard *sb, uint32_t id, const uint8_t data[32], char *msg);

#ifdef __cplusplus
}
#endif
#endif
