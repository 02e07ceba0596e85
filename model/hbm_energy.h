/*
 * hbm_energy.h - the energy of a run of one pseudo-channel, from its
 * command counts and bank-open clocks (struct hbm_stats) and the currents
 * of the config's [power] section: the DRAMPower / Micron TN-41-01 method
 * as DRAMSim3 applies it (docs/energy.md has the formulas and a worked
 * example).  Owns the formulas; the counts come from hbm_stats (the same
 * functions count the model's commands and the RTL's DFI buses, and the
 * RTL's own command counters are checked against them).
 *
 *   ACT (with its PRE)  VDD x (IDD0 x tRC - IDD3N x tRAS - IDD2N x (tRC - tRAS)) x tCK
 *   RD / RDA            VDD x (IDD4R - IDD3N) x tBURST x tCK
 *   WR / WRA            VDD x (IDD4W - IDD3N) x tBURST x tCK
 *   REFAB / REFPB       VDD x (IDD5AB - IDD3N) x tRFC x tCK, (IDD5PB - IDD3N) x tRFCpb
 *   background          VDD x (IDD3N x clocks a bank is open + IDD2N x the others) x tCK
 *   I/O                 bits read x io_read_pj_per_bit + bits written x io_write_pj_per_bit
 *
 * mA x V x ns = pJ.  Power-down and self-refresh are not modelled (the
 * controller never enters them).
 */
#ifndef HBM_ENERGY_H
#define HBM_ENERGY_H

#include "hbm_config.h"
#include "hbm_stats.h"

#ifdef __cplusplus
extern "C" {
#endif

enum hbm_energy_part {
    HBM_ENERGY_ACTIVATE,    /* ACT-PRE pairs */
    HBM_ENERGY_READ_WRITE,  /* RD and WR bursts in the array */
    HBM_ENERGY_REFRESH,     /* REFAB and REFPB */
    HBM_ENERGY_BACKGROUND,  /* standby, active or precharged */
    HBM_ENERGY_IO,          /* driving the data pins */
    HBM_ENERGY_PARTS
};

struct hbm_energy {
    double part_pj[HBM_ENERGY_PARTS];
    double total_pj;
    double avg_power_mw;   /* total over the run's time */
    double pj_per_bit;     /* total over the bits moved on the data pins (0: none) */
    uint64_t bits;         /* bits moved: (RD + WR commands) x burst bytes x 8 */
};

/* Name of a part as the report and the JSON write it ("activation", ...). */
const char *hbm_energy_part_name(int part);

/* Energy of one command of each kind, in pJ (0 for a code without one). */
double hbm_energy_command_pj(const struct hbm_config *c, int cmd_code);

/*
 * The energy of the run counted in s under config c.  Returns 0, or -1
 * (e zeroed) when c has no [power] section: energy not modelled.
 */
int hbm_energy_of(const struct hbm_config *c, const struct hbm_stats *s, struct hbm_energy *e);

#ifdef __cplusplus
}
#endif
#endif
