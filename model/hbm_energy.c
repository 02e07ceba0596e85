/*
 * hbm_energy.c - energy of a run from its counts; see hbm_energy.h.
 */
#include "hbm_energy.h"
#include "hbm_cmd.h"

#include <string.h>

static const char *const part_names[HBM_ENERGY_PARTS] = {
    "activation", "read_write", "refresh", "background", "io"
};

const char *hbm_energy_part_name(int part)
{
    return part >= 0 && part < HBM_ENERGY_PARTS ? part_names[part] : "?";
}

/* mA from the config's uA; V from its mV; ns per clock from its ps. */
static double ma(int ua) { return ua / 1000.0; }

/* pJ of a current of milliamps for clocks clocks: V x mA x ns. */
static double pj(const struct hbm_config *c, double milliamps, double clocks)
{
    return c->vdd_mv / 1000.0 * milliamps * clocks * (c->tck_ps / 1000.0);
}

double hbm_energy_command_pj(const struct hbm_config *c, int cmd_code)
{
    if (!c->power)
        return 0.0;
    switch (cmd_code) {
    case HBM_CMD_ACT:
        return pj(c, ma(c->idd0_ua) * c->trc - ma(c->idd3n_ua) * c->tras -
                     ma(c->idd2n_ua) * (c->trc - c->tras), 1.0);
    case HBM_CMD_RD:
    case HBM_CMD_RDA:
        return pj(c, ma(c->idd4r_ua) - ma(c->idd3n_ua), c->tburst);
    case HBM_CMD_WR:
    case HBM_CMD_WRA:
        return pj(c, ma(c->idd4w_ua) - ma(c->idd3n_ua), c->tburst);
    case HBM_CMD_REFAB:
        return pj(c, ma(c->idd5ab_ua) - ma(c->idd3n_ua), c->trfc);
    case HBM_CMD_REFPB:
        return pj(c, ma(c->idd5pb_ua) - ma(c->idd3n_ua), c->trfcpb);
    default:
        return 0.0;
    }
}

int hbm_energy_of(const struct hbm_config *c, const struct hbm_stats *s, struct hbm_energy *e)
{
    uint64_t active = hbm_stats_active_cycles(s);
    uint64_t bits_per_burst = (uint64_t)c->bus_width_bits * (uint64_t)c->burst_length;
    double *p = e->part_pj;
    int i;

    memset(e, 0, sizeof *e);
    if (!c->power)
        return -1;
    p[HBM_ENERGY_ACTIVATE] = (double)s->acts * hbm_energy_command_pj(c, HBM_CMD_ACT);
    p[HBM_ENERGY_READ_WRITE] = (double)s->col_reads * hbm_energy_command_pj(c, HBM_CMD_RD) +
                               (double)s->col_writes * hbm_energy_command_pj(c, HBM_CMD_WR);
    p[HBM_ENERGY_REFRESH] = (double)s->refabs * hbm_energy_command_pj(c, HBM_CMD_REFAB) +
                            (double)s->refpbs * hbm_energy_command_pj(c, HBM_CMD_REFPB);
    p[HBM_ENERGY_BACKGROUND] = pj(c, ma(c->idd3n_ua), (double)active) +
                               pj(c, ma(c->idd2n_ua), (double)(s->cycles > active ? s->cycles - active : 0));
    p[HBM_ENERGY_IO] = ((double)s->col_reads * (double)bits_per_burst * c->io_read_fj +
                        (double)s->col_writes * (double)bits_per_burst * c->io_write_fj) / 1000.0;
    for (i = 0; i < HBM_ENERGY_PARTS; i++)
        e->total_pj += p[i];
    e->bits = (s->col_reads + s->col_writes) * bits_per_burst;
    if (s->cycles)
        e->avg_power_mw = e->total_pj / ((double)s->cycles * (c->tck_ps / 1000.0)); /* pJ / ns = mW */
    if (e->bits)
        e->pj_per_bit = e->total_pj / (double)e->bits;
    return 0;
}
