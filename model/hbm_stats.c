/*
 * hbm_stats.c - counting commands and responses; see hbm_stats.h.
 */
#include "hbm_stats.h"


/* The bank-open mask after a command, and the active clocks it ends. */
static void track_open(struct hbm_stats *s, const struct hbm_cmd *cmd)
{
    uint64_t bit = (uint64_t)1 << ((cmd->bg & 7) * 8 + (cmd->ba & 7)), was = s->open_banks;

    switch (cmd->code) {
    case HBM_CMD_ACT:
        s->open_banks |= bit;
        break;
    case HBM_CMD_PRE:
    case HBM_CMD_RDA:
    case HBM_CMD_WRA:
        s->open_banks &= ~bit;
        break;
    case HBM_CMD_PREA:
        s->open_banks = 0;
        break;
    default:
        return;
    }
    if (!was && s->open_banks)
        s->active_since = cmd->cycle;
    else if (was && !s->open_banks)
        s->active_cycles += cmd->cycle - s->active_since;
}

uint64_t hbm_stats_active_cycles(const struct hbm_stats *s)
{
    uint64_t tail = s->open_banks && s->cycles > s->active_since ? s->cycles - s->active_since : 0;
    return s->active_cycles + tail;
}

void hbm_stats_command(struct hbm_stats *s, const struct hbm_cmd *cmd, int tburst)
{
    track_open(s, cmd);
    switch (cmd->code) {
    case HBM_CMD_ACT:
        s->acts++;
        break;
    case HBM_CMD_PRE:
    case HBM_CMD_PREA:
        s->precharges++;
        break;
    case HBM_CMD_REFAB:
        s->refreshes++;
        s->refabs++;
        break;
    case HBM_CMD_REFPB:
        s->refreshes++;
        s->refpbs++;
        break;
    case HBM_CMD_RD:
    case HBM_CMD_RDA:
    case HBM_CMD_WR:
    case HBM_CMD_WRA:
        if (cmd->cause == HBM_CAUSE_CONFLICT)
            s->row_conflicts++;
        else if (cmd->cause == HBM_CAUSE_MISS)
            s->row_misses++;
        else
            s->row_hits++;
        s->data_busy_cycles += (uint64_t)tburst;
        if (cmd->code == HBM_CMD_RD || cmd->code == HBM_CMD_RDA)
            s->col_reads++;
        else
            s->col_writes++;
        if (cmd->code == HBM_CMD_RDA || cmd->code == HBM_CMD_WRA)
            s->auto_precharges++;
        break;
    default:
        break;
    }
}

void hbm_stats_response(struct hbm_stats *s, int is_write, uint64_t accept_cycle,
                        uint64_t done_cycle, int burst_bytes)
{
    uint64_t lat = done_cycle - accept_cycle;

    if (is_write) {
        s->writes++;
        s->bytes_written += (uint64_t)burst_bytes;
        return;
    }
    s->reads++;
    s->bytes_read += (uint64_t)burst_bytes;
    s->read_latency_sum += lat;
    if (lat > s->read_latency_max)
        s->read_latency_max = lat;
    s->latency_hist[lat < HBM_LAT_BINS ? lat : HBM_LAT_BINS - 1]++;
}

uint64_t hbm_stats_latency_percentile(const struct hbm_stats *s, int pct)
{
    uint64_t rank, seen = 0;
    int i;

    if (!s->reads)
        return 0;
    rank = (s->reads * (uint64_t)pct + 99) / 100;
    if (rank == 0)
        rank = 1;
    for (i = 0; i < HBM_LAT_BINS; i++) {
        seen += s->latency_hist[i];
        if (seen >= rank)
            return (uint64_t)i;
    }
    return HBM_LAT_BINS - 1;
}

int hbm_stats_equal(const struct hbm_stats *a, const struct hbm_stats *b, const char **field,
                    uint64_t *va, uint64_t *vb)
{
    int i;
#define SAME(f) if (a->f != b->f) { *field = #f; *va = a->f; *vb = b->f; return 0; }
    SAME(cycles) SAME(reads) SAME(writes) SAME(bytes_read) SAME(bytes_written)
    SAME(data_busy_cycles) SAME(row_hits) SAME(row_misses) SAME(row_conflicts)
    SAME(acts) SAME(precharges) SAME(auto_precharges) SAME(refreshes)
    SAME(read_latency_sum) SAME(read_latency_max) SAME(burst_overlaps) SAME(reads_forwarded)
    SAME(ecc_corrected) SAME(ecc_uncorrectable) SAME(ecc_rmw)
    SAME(refabs) SAME(refpbs) SAME(col_reads) SAME(col_writes) SAME(active_cycles)
    SAME(open_banks) SAME(active_since)
#undef SAME
    for (i = 0; i < HBM_LAT_BINS; i++)
        if (a->latency_hist[i] != b->latency_hist[i]) {
            *field = "latency_hist";
            *va = a->latency_hist[i];
            *vb = b->latency_hist[i];
            return 0;
        }
    return 1;
}
