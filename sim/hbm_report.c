/*
 * hbm_report.c - report formatting; see hbm_report.h.
 */
#include "hbm_report.h"
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

void hbm_report_print(const struct hbm_report *r, int json, FILE *out)
{
    const struct hbm_stats *s = r->stats;
    const struct hbm_config *c = r->cfg;
    char bw[32], got[32], peak[32], lat[32], tok[32] = "";
    uint64_t bytes = s->bytes_read + s->bytes_written;
    uint64_t peak_bytes_per_cycle = (uint64_t)c->bus_width_bits / 8 * 2; /* DDR */
    uint64_t p50 = hbm_stats_latency_percentile(s, 50);
    uint64_t p99 = hbm_stats_latency_percentile(s, 99);
    int i;

    hbm_format_ratio(s->data_busy_cycles, s->cycles, 100, bw, sizeof bw);
    /* bytes / (cycles * tCK) in GB/s = bytes * 1000 / (cycles * tCK_ps) */
    hbm_format_ratio(bytes, s->cycles * (uint64_t)c->tck_ps, 1000, got, sizeof got);
    hbm_format_ratio(peak_bytes_per_cycle, (uint64_t)c->tck_ps, 1000, peak, sizeof peak);
    hbm_format_ratio(s->read_latency_sum, s->reads, 1, lat, sizeof lat);
    /* llm-decode: every pseudo-channel moves the same slice per step, so one
     * channel's rate bounds the system: batch tokens per step_bytes_pc. */
    if (r->llm) {
        uint64_t per_us = s->cycles ? bytes * 1000000 / (s->cycles * (uint64_t)c->tck_ps) : 0;
        hbm_format_ratio(r->llm->batch * per_us, r->llm->step_bytes_pc, 1000000, tok, sizeof tok);
    }

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
        fprintf(out, "\"read_latency_avg\": %s, \"read_latency_p50\": %" PRIu64
                ", \"read_latency_p99\": %" PRIu64 ", \"read_latency_max\": %" PRIu64 ", ",
                lat, p50, p99, s->read_latency_max);
        fprintf(out, "\"row_hits\": %" PRIu64 ", \"row_misses\": %" PRIu64 ", \"row_conflicts\": %" PRIu64
                ", \"acts\": %" PRIu64 ", \"precharges\": %" PRIu64 ", \"auto_precharges\": %" PRIu64
                ", \"refreshes\": %" PRIu64 ", ",
                s->row_hits, s->row_misses, s->row_conflicts, s->acts, s->precharges,
                s->auto_precharges, s->refreshes);
        if (r->llm)
            fprintf(out, "\"llm_stacks\": %" PRIu64 ", \"llm_step_bytes_per_pc\": %" PRIu64
                    ", \"llm_tokens_per_s\": %s, ", r->llm->stacks, r->llm->step_bytes_pc, tok);
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
    fprintf(out, "  %-22s %" PRIu64 " reads, %" PRIu64 " writes\n", "requests", s->reads, s->writes);
    fprintf(out, "  %-22s %s %% of peak (%s of %s GB/s)\n", "bandwidth", bw, got, peak);
    fprintf(out, "  %-22s avg %s, p50 %" PRIu64 ", p99 %" PRIu64 ", max %" PRIu64 " cycles\n",
            "read latency", lat, p50, p99, s->read_latency_max);
    fprintf(out, "  %-22s %" PRIu64 " hits, %" PRIu64 " misses, %" PRIu64 " conflicts\n", "row buffer",
            s->row_hits, s->row_misses, s->row_conflicts);
    fprintf(out, "  %-22s %" PRIu64 " ACT, %" PRIu64 " PRE/PREA, %" PRIu64 " auto-precharge, %" PRIu64
            " refresh\n", "commands", s->acts, s->precharges, s->auto_precharges, s->refreshes);
    if (r->llm)
        fprintf(out, "  %-22s %s: %" PRIu64 " stacks (%" PRIu64 " pseudo-channels), %" PRIu64
                " bytes per step per pseudo-channel, at this bandwidth %s tokens/s\n", "llm decode",
                r->llm->shape.name, r->llm->stacks, r->llm->pcs, r->llm->step_bytes_pc, tok);
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
