/*
 * hbm_capi.h - the simulator as a library for foreign-function callers
 * (the Python package python/hbmctl through cffi).
 *
 * Owns: two faces with plain C types and no stdio streams, every failure a
 * status and a message, never an exit or an abort:
 *   - hbm_capi_run: a whole hbmsim run (workload or trace, checker,
 *     scoreboard, refresh-cost run, report), its loop in C, with the config
 *     given as text and the report and messages returned as strings;
 *   - hbm_capi_model_*: one controller's model cycle by cycle (the
 *     protocol of hbm_model.h) with the JEDEC checker on its commands.
 * Every call is re-entrant: runs on different threads do not meet.
 */
#ifndef HBM_CAPI_H
#define HBM_CAPI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Run as `hbmsim --config NAME ARGS...` would, with the config parsed from
 * config_text as the file config_path (its based_on is found beside it and
 * errors name it) and called config_name in the report (the tool's name in
 * messages is "hbmctl").  args: argc strings, hbmsim's options
 * other than --config.  *report: what hbmsim prints on stdout; *messages:
 * what it prints on stderr (both malloc'ed, free with hbm_capi_free; never
 * NULL).  Returns hbmsim's exit status: 0 clean, 1 a check failed, 2 bad
 * input (options, config, trace: the message says which).
 */
int hbm_capi_run(const char *config_text, const char *config_path, const char *config_name, int argc, const char *const *args,
                 int threads, char **report, char **messages);

void hbm_capi_free(void *p);

/* 0 if config_text, as the file path, is a valid config, else -1 with the
 * reason in err ("path:line: key 'K' = 'V': ..."). */
int hbm_capi_config_check(const char *config_text, const char *path, char *err, int err_size);

/* One controller's model, cycle by cycle. */
typedef struct hbm_capi_model hbm_capi_model;

/*
 * A model for the config text as the file path, called name in its report,
 * or NULL with the reason in err: "path:line: key 'K' = 'V': ...".
 * A config of more than one pseudo-channel is refused (a stack runs
 * through hbm_capi_run).
 */
hbm_capi_model *hbm_capi_model_create(const char *config_text, const char *path, const char *name, char *err,
                                      int err_size);
void hbm_capi_model_free(hbm_capi_model *m);

/* The config's figures a caller needs: capacity in bytes, id_bits,
 * dfi_ratio, the clock period in picoseconds. */
uint64_t hbm_capi_model_capacity(const hbm_capi_model *m);
int hbm_capi_model_id_bits(const hbm_capi_model *m);
int hbm_capi_model_dfi_ratio(const hbm_capi_model *m);
uint64_t hbm_capi_model_tck_ps(const hbm_capi_model *m);

/* The DRAM clock the model is in (the cycle of hbm_model.h). */
uint64_t hbm_capi_model_cycle(const hbm_capi_model *m);

/* 1 if a request to addr would be taken this cycle, else 0. */
int hbm_capi_model_can_accept(const hbm_capi_model *m, uint64_t addr, int is_write);

/*
 * Offer one request this cycle: data (32 bytes, may be NULL for a read)
 * and its byte enables.  Returns enum hbm_push_result (0 taken; 1 the
 * request port register full or one already this cycle; 3 address beyond
 * the capacity; 4 id wider than id_bits; 2, a hazard, is no longer
 * returned: the register holds such a request).
 */
int hbm_capi_model_push(hbm_capi_model *m, uint64_t addr, int is_write, uint32_t id, const uint8_t *data,
                        uint32_t byte_enable);

/*
 * Take the response offered this cycle: 1 and its fields (data: 32 bytes,
 * zeros for a write acknowledgement), or 0 if there is none.
 */
int hbm_capi_model_pop(hbm_capi_model *m, uint32_t *id, int *is_write, uint8_t *data, uint64_t *accept_cycle,
                       uint64_t *done_cycle);

/* End n cycles (commands, data, the next cycle), taking no responses. */
void hbm_capi_model_tick(hbm_capi_model *m, uint64_t n);

/* 1 when nothing is queued, in flight or waiting as a response. */
int hbm_capi_model_idle(const hbm_capi_model *m);

/*
 * The hbmsim report of the model so far (the checker's end-of-run checks
 * at the current cycle), as one JSON object; source names the traffic.
 * malloc'ed (hbm_capi_free), NULL when out of memory.
 */
char *hbm_capi_model_report(hbm_capi_model *m, const char *source);

/*
 * The bandwidth monitor's register port in this cycle (hbm_model_bwmon):
 * the register addr, written with wdata at the edge when we; returns the
 * read data now (the register addressed in the cycle before).
 */
uint32_t hbm_capi_model_bwmon(hbm_capi_model *m, int addr, int we, uint32_t wdata);

/* The monitor's register at addr by name ("WINDOW", ...), NULL for none. */
const char *hbm_capi_bwmon_reg_name(int addr);

/* Backdoor access to one 32-byte burst (no cycle passes): 0, or -1 for an
 * address beyond the capacity. */
int hbm_capi_model_peek(const hbm_capi_model *m, uint64_t addr, uint8_t *data);
int hbm_capi_model_poke(hbm_capi_model *m, uint64_t addr, const uint8_t *data);

#ifdef __cplusplus
}
#endif
#endif
