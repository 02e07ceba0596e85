/*
 * hbm_report.c - report formatting; see hbm_report.h.
 */
#include "hbm_report.h"
#include "hbm_energy.h"
#include "hbm_llm.h"

#include <inttypes.h>

void hbm_format_ratio(uint64_t n, uint64_t d, uint64_t scale, char *buf, size_t size)
{
    uint64_t x;
    if (d == 0) {
        snprintf(buf, size, "0.00");
        return;
    }
    /* round half up to two decimals */
    x = (n * scale * 100 + d / 2) / d;
    snprintf(buf, size, "%" PRIu64 ".%02" PRIu64, x / 100, x % 100);
}

void hbm_act_bound(const struct hbm_config *c, const struct hbm_stats *s, char *bound, char *used,
                   size_t size)
{
    /* clocks per ACT x 4: max(4 tRRD_S, tFAW), kept integral */
    uint64_t gap4 = (uint64_t)(4 * c->trrd_s > c->tfaw ? 4 * c->trrd_s : c->tfaw);
    uint64_t data4 = 4 * s->data_busy_cycles, need4 = s->acts * gap4;

    if (data4 >= need4)
        snprintf(bound, size, "100.00");
    else
        hbm_format_ratio(data4, need4, 100, bound, size);
    hbm_format_ratio(need4, 4 * s->cycles, 100, used, size);
}

/* a - b for two percentages with two decimals, signed ("-0.06"). */
static void format_difference(uint64_t an, uint64_t ad, uint64_t bn, uint64_t bd, char *buf, size_t size)
{
    uint64_t a = ad ? (an * 10000 + ad / 2) / ad : 0, b = bd ? (bn * 10000 + bd / 2) / bd : 0;
    uint64_t d = a >= b ? a - b : b - a;
    snprintf(buf, size, "%s%" PRIu64 ".%02" PRIu64, a < b ? "-" : "", d / 100, d % 100);
}

/* A JSON string literal of s. */
static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* The ECC line and fields: with ECC on or faults injected. */
static int ecc_shown(const struct hbm_report *r)
{
    return r->cfg->ecc != HBM_ECC_NONE || hbm_inject_active(&r->cfg->inject);
}

void hbm_report_print(const struct hbm_report *r, int json, FILE *out)
{
    const struct hbm_stats *s = r->stats;
    const struct hbm_config *c = r->cfg;
    char bw[32], got[32], peak[32], lat[32], tok[32] = "", abound[32], aused[32];
    char bw0[32] = "", cost[32] = "", bwl[32] = "", bwa[32] = "", bwm[32] = "";
    uint64_t bytes = s->bytes_read + s->bytes_written;
    uint64_t peak_bytes_per_cycle = HBM_BURST_BYTES / (uint64_t)c->tburst; /* 16: one DFI word */
    uint64_t p50 = hbm_stats_latency_percentile(s, 50);
    uint64_t p99 = hbm_stats_latency_percentile(s, 99);
    int i, have_energy;
    struct hbm_energy en;
    double j_per_token = 0.0, tokens = 0.0, bytes_per_token = 0.0;

    hbm_format_ratio(s->data_busy_cycles, s->cycles, 100, bw, sizeof bw);
    /* bytes / (cycles * tCK) in GB/s = bytes * 1000 / (cycles * tCK_ps) */
    hbm_format_ratio(bytes, s->cycles * (uint64_t)c->tck_ps, 1000, got, sizeof got);
    hbm_format_ratio(peak_bytes_per_cycle, (uint64_t)c->tck_ps, 1000, peak, sizeof peak);
    hbm_format_ratio(s->read_latency_sum, s->reads, 1, lat, sizeof lat);
    hbm_act_bound(c, s, abound, aused, sizeof abound);
    if (r->norefresh) {
        const struct hbm_stats *z = r->norefresh;
        hbm_format_ratio(z->data_busy_cycles, z->cycles, 100, bw0, sizeof bw0);
        format_difference(z->data_busy_cycles, z->cycles, s->data_busy_cycles, s->cycles, cost, sizeof cost);
    }
    /* The monitor's windows in % of the peak of a window: its clocks are
     * controller clocks of dfi_ratio DRAM clocks each. */
    if (r->bwmon) {
        uint64_t per_window = (uint64_t)r->bwmon->window * (uint64_t)c->dfi_ratio * peak_bytes_per_cycle;
        int none = r->bwmon->windows == 0;
        hbm_format_ratio(none ? 0 : r->bwmon->least, per_window, 100, bwl, sizeof bwl);
        hbm_format_ratio(r->bwmon->sum, per_window * r->bwmon->windows, 100, bwa, sizeof bwa);
        hbm_format_ratio(r->bwmon->most, per_window, 100, bwm, sizeof bwm);
    }
    /* llm-decode: every pseudo-channel moves the same slice per step, so one
     * channel's rate bounds the system: the tokens its requests amount to
     * (whole steps and the share of the last) over the run's time. */
    if (r->llm) {
        tokens = hbm_llm_tokens(r->llm);
        if (s->cycles)
            snprintf(tok, sizeof tok, "%.2f", tokens / ((double)s->cycles * c->tck_ps * 1e-12));
        else
            snprintf(tok, sizeof tok, "0.00");
        if (tokens > 0)
            bytes_per_token = (double)bytes * (double)r->llm->pcs / tokens;
    }

    /* Energy (docs/energy.md): this pseudo-channel's, and for llm-decode
     * per token of the whole system (every pseudo-channel moves the same
     * slice per step at this run's energy per byte). */
    have_energy = hbm_energy_of(c, s, &en) == 0;
    if (have_energy && r->llm && tokens > 0)
        j_per_token = en.total_pj * (double)r->llm->pcs / tokens * 1e-12;

    if (json) {
        fprintf(out, "{\"config\": ");
        json_string(out, r->config);
        fprintf(out, ", \"workload\": ");
        json_string(out, r->source);
        fprintf(out, ", ");
        fprintf(out, "\"cycles\": %" PRIu64 ", \"reads\": %" PRIu64 ", \"writes\": %" PRIu64
                ", \"bytes_read\": %" PRIu64 ", \"bytes_written\": %" PRIu64 ", ",
                s->cycles, s->reads, s->writes, s->bytes_read, s->bytes_written);
        fprintf(out, "\"bandwidth_pct\": %s, \"achieved_gbps\": %s, \"peak_gbps\": %s, ", bw, got, peak);
        if (r->norefresh)
            fprintf(out, "\"bandwidth_without_refresh_pct\": %s, \"refresh_cost_pct\": %s, ", bw0, cost);
        fprintf(out, "\"act_bound_pct\": %s, \"act_rate_of_max_pct\": %s, ", abound, aused);
        fprintf(out, "\"read_latency_avg\": %s, \"read_latency_p50\": %" PRIu64
                ", \"read_latency_p99\": %" PRIu64 ", \"read_latency_max\": %" PRIu64 ", ",
                lat, p50, p99, s->read_latency_max);
        fprintf(out, "\"reads_forwarded\": %" PRIu64 ", ", s->reads_forwarded);
        if (ecc_shown(r))
            fprintf(out, "\"ecc_corrected\": %" PRIu64 ", \"ecc_uncorrectable\": %" PRIu64 ", \"ecc_rmw\": %" PRIu64
                    ", \"ecc_flagged\": %" PRIu64 ", ", s->ecc_corrected, s->ecc_uncorrectable, s->ecc_rmw,
                    r->ecc_flagged);
        fprintf(out, "\"row_hits\": %" PRIu64 ", \"row_misses\": %" PRIu64 ", \"row_conflicts\": %" PRIu64
                ", \"acts\": %" PRIu64 ", \"precharges\": %" PRIu64 ", \"auto_precharges\": %" PRIu64
                ", \"refreshes\": %" PRIu64 ", ",
                s->row_hits, s->row_misses, s->row_conflicts, s->acts, s->precharges,
                s->auto_precharges, s->refreshes);
        if (r->bwmon)
            fprintf(out, "\"bwmon_window\": %" PRIu32 ", \"bwmon_windows\": %" PRIu32 ", \"bwmon_least_pct\": %s"
                    ", \"bwmon_avg_pct\": %s, \"bwmon_most_pct\": %s, \"bwmon_read_bytes\": %" PRIu64
                    ", \"bwmon_write_bytes\": %" PRIu64 ", ", r->bwmon->window, r->bwmon->windows, bwl, bwa, bwm,
                    r->bwmon->read_bytes, r->bwmon->write_bytes);
        if (r->llm)
            fprintf(out, "\"llm_stacks\": %" PRIu64 ", \"llm_step_bytes_per_pc\": %.0f, \"llm_tokens\": %.3f"
                    ", \"llm_bytes_per_token\": %.0f, \"llm_tokens_per_s\": %s, ", r->llm->stacks,
                    r->llm->expected_step_bytes_pc, tokens, bytes_per_token, tok);
        if (have_energy) {
            fprintf(out, "\"energy_pj\": %.2f, \"avg_power_mw\": %.2f, \"pj_per_bit\": %.3f, ",
                    en.total_pj, en.avg_power_mw, en.pj_per_bit);
            for (i = 0; i < HBM_ENERGY_PARTS; i++)
                fprintf(out, "\"energy_%s_pj\": %.2f, ", hbm_energy_part_name(i), en.part_pj[i]);
            if (r->llm)
                fprintf(out, "\"llm_joules_per_token\": %.6g, ", j_per_token);
        } else {
            fprintf(out, "\"energy_pj\": null, ");
        }
        for (i = 0; i < r->extra_count; i++)
            fprintf(out, "\"%s\": %" PRIu64 ", ", r->extra_name[i], r->extra_value[i]);
        if (!r->checked) {
            fprintf(out, "\"data_errors\": null, \"protocol_errors\": %" PRIu64
                    ", \"timing_violations\": null}\n", r->protocol_errors);
            return;
        }
        fprintf(out, "\"data_errors\": %" PRIu64 ", \"protocol_errors\": %" PRIu64
                ", \"timing_violations\": %" PRIu64 "}\n",
                r->data_errors, r->protocol_errors, r->timing_violations);
        return;
    }
    fprintf(out, "hbmctl report: %s on %s (%s, %s page, %s refresh)\n", r->source, r->config,
            c->protocol, hbm_page_policy_name(c->page_policy), hbm_refresh_mode_name(c->refresh_mode));
    fprintf(out, "  %-22s %" PRIu64 "\n", "cycles", s->cycles);
    fprintf(out, "  %-22s %" PRIu64 " reads, %" PRIu64 " writes", "requests", s->reads, s->writes);
    if (s->reads_forwarded)
        fprintf(out, " (%" PRIu64 " reads forwarded from queued writes)", s->reads_forwarded);
    fputc('\n', out);
    fprintf(out, "  %-22s %s %% of peak (%s of %s GB/s)\n", "bandwidth", bw, got, peak);
    if (r->norefresh)
        fprintf(out, "  %-22s %s points of peak (%s %% with refresh_mode = none: the same requests, model)\n",
                "refresh cost", cost, bw0);
    fprintf(out, "  %-22s %s %% of peak (%" PRIu64 " ACT at one per max(tRRD_S, tFAW/4) clocks); "
            "ACT rate %s %% of that maximum\n", "activation bound", abound, s->acts, aused);
    fprintf(out, "  %-22s avg %s, p50 %" PRIu64 ", p99 %" PRIu64 ", max %" PRIu64 " cycles\n",
            "read latency", lat, p50, p99, s->read_latency_max);
    fprintf(out, "  %-22s %" PRIu64 " hits, %" PRIu64 " misses, %" PRIu64 " conflicts\n", "row buffer",
            s->row_hits, s->row_misses, s->row_conflicts);
    fprintf(out, "  %-22s %" PRIu64 " ACT, %" PRIu64 " PRE/PREA, %" PRIu64 " auto-precharge, %" PRIu64
            " refresh\n", "commands", s->acts, s->precharges, s->auto_precharges, s->refreshes);
    if (ecc_shown(r))
        fprintf(out, "  %-22s %s: %" PRIu64 " words corrected, %" PRIu64 " uncorrectable; %" PRIu64
                " responses flagged; %" PRIu64 " partial writes read-modify-written\n", "ecc",
                hbm_ecc_name(c->ecc), s->ecc_corrected, s->ecc_uncorrectable, r->ecc_flagged, s->ecc_rmw);
    if (r->bwmon)
        fprintf(out, "  %-22s %" PRIu32 " windows of %" PRIu32 " clocks: least %s %%, average %s %%, most %s %% "
                "of peak; %" PRIu64 " bytes read, %" PRIu64 " written\n", "bandwidth monitor", r->bwmon->windows,
                r->bwmon->window, bwl, bwa, bwm, r->bwmon->read_bytes, r->bwmon->write_bytes);
    if (r->llm)
        fprintf(out, "  %-22s %s, %s: %" PRIu64 " stacks (%" PRIu64 " pseudo-channels), %.0f bytes per step "
                "per pseudo-channel, %.0f bytes per token; the run: %.3f tokens; at this bandwidth %s tokens/s\n",
                "llm", r->llm->shape.name, r->llm->prefill ? "prefill" : "decode", r->llm->stacks, r->llm->pcs,
                r->llm->expected_step_bytes_pc, bytes_per_token, tokens, tok);
    if (have_energy) {
        fprintf(out, "  %-22s %.2f nJ, %.3f pJ/bit, %.2f mW average:", "energy", en.total_pj / 1000.0,
                en.pj_per_bit, en.avg_power_mw);
        for (i = 0; i < HBM_ENERGY_PARTS; i++)
            fprintf(out, "%s %s %.1f %%", i ? "," : "", hbm_energy_part_name(i),
                    en.total_pj > 0 ? 100.0 * en.part_pj[i] / en.total_pj : 0.0);
        fputc('\n', out);
        if (r->llm)
            fprintf(out, "  %-22s %.6g J per token (%" PRIu64 " pseudo-channels at this run's energy per byte)\n",
                    "llm energy", j_per_token, r->llm->pcs);
    } else {
        fprintf(out, "  %-22s not modelled (the config has no [power] section)\n", "energy");
    }
    for (i = 0; i < r->extra_count; i++)
        fprintf(out, "  %-22s %" PRIu64 "\n", r->extra_name[i], r->extra_value[i]);
    fprintf(out, "  %-22s %" PRIu64 "\n", "protocol errors", r->protocol_errors);
    if (!r->checked) {
        fprintf(out, "  %-22s not checked (--no-check)\n", "data, timing");
        return;
    }
    fprintf(out, "  %-22s %" PRIu64 "\n", "data errors", r->data_errors);
    fprintf(out, "  %-22s %" PRIu64 "\n", "timing violations", r->timing_violations);
}
