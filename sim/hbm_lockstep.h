/*
 * hbm_lockstep.h - two controllers driven as one port and compared every
 * cycle: the device under test (the RTL) against a reference (the golden
 * model).
 *
 * Owns: what "the same" means between RTL and model.  In every cycle the
 * request port's ready (when a request is offered), the response port's
 * valid and every taken response (id, write flag, 32 data bytes), and the
 * commands on the row and column buses (hbm_cmd_same, and a column
 * command's cause) must be equal; at the end of the run every statistic.
 * The first difference fails the port: tick() or finish() returns -1 and
 * error() gives the cycle, the reference's and the DUT's values.  The DUT's
 * commands go on to the command hook, its statistics are the port's.
 */
#ifndef HBM_LOCKSTEP_H
#define HBM_LOCKSTEP_H

#include "hbm_port.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The pair as one port; dut_name and ref_name label the two in messages
 * ("RTL", "model").  The ports stay the caller's.  Its ops->free frees
 * only the pair.  ops is NULL when memory runs out.
 */
hbm_port hbm_lockstep_create(hbm_port dut, hbm_port ref, const char *dut_name, const char *ref_name);

/* 1 and the cycle if the pair has found a difference, else 0. */
int hbm_lockstep_mismatch(const hbm_port *pair, uint64_t *cycle);

#ifdef __cplusplus
}
#endif
#endif
