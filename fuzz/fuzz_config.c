/*
 * fuzz_config.c - libFuzzer target: the config parser (model/hbm_config.c).
 *
 * The input is an ini text, parsed as configs/fuzz.ini (so a based_on
 * names a real preset beside it).  Properties: the parser never crashes,
 * leaks or reads out of bounds (ASan/UBSan), every refusal has a message
 * that names the file; a config it accepts writes its Verilog header or
 * says, naming the file, why the RTL cannot take it (the model takes more
 * shapes than the RTL), and makes a model that answers 8 reads with the
 * JEDEC checker finding nothing, within a bound of cycles.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hbm_check.h"
#include "hbm_config.h"
#include "hbm_model.h"

static void on_command(void *ctx, const struct hbm_cmd *cmd)
{
    hbm_check_command(ctx, cmd);
}

/* A model of an accepted config must work: 8 reads spread over the banks. */
static void run_model(const struct hbm_config *cfg)
{
    char err[HBM_ERR_MAX];
    hbm_model *m = hbm_model_create(cfg, err);
    hbm_check *chk = m ? hbm_check_create(hbm_model_config(m), err) : NULL;
    uint64_t limit = 8 * (uint64_t)cfg->trefi + 200000;
    int pushed = 0, answered = 0;

    if (!m || !chk) {
        fprintf(stderr, "fuzz_config: an accepted config makes no model: %s\n", err);
        abort();
    }
    hbm_model_set_cmd_hook(m, on_command, chk);
    while (answered < 8 && hbm_model_cycle(m) < limit) {
        uint64_t addr = ((uint64_t)pushed * 0x9e3779b97f4a7c15ull % (cfg->capacity_bytes / 32)) * 32;
        if (pushed < 8 && hbm_model_can_accept(m, addr, 0) &&
            hbm_model_push(m, addr, 0, (uint32_t)pushed, NULL, 0) == HBM_PUSH_OK)
            pushed++;
        answered += hbm_model_pop_resp(m, NULL);
        hbm_model_tick(m);
    }
    hbm_check_finish(chk, hbm_model_cycle(m));
    if (answered < 8 || hbm_check_violations(chk)) {
        fprintf(stderr, "fuzz_config: %d of 8 reads answered by cycle %llu, %llu timing violations (%s)\n",
                answered, (unsigned long long)hbm_model_cycle(m),
                (unsigned long long)hbm_check_violations(chk), hbm_check_last_message(chk));
        abort();
    }
    hbm_check_free(chk);
    hbm_model_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[HBM_ERR_MAX], *text = malloc(size + 1), *vh = NULL;
    size_t vh_len = 0;
    struct hbm_config cfg;
    FILE *out;

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    if (hbm_config_parse(&cfg, text, "configs/fuzz.ini", err)) {
        if (strncmp(err, "configs/fuzz.ini", 16) != 0) {
            fprintf(stderr, "fuzz_config: a refusal that does not name the file: %s\n", err);
            abort();
        }
        free(text);
        return 0;
    }
    /* The RTL takes less than the model (at least 2 bank groups and 2
     * banks each, ...): its header may be refused, with the reason. */
    out = open_memstream(&vh, &vh_len);
    if (!out) {
        free(text);
        return 0;
    }
    if (hbm_config_emit_vh(&cfg, out, err) && strncmp(err, "configs/fuzz.ini", 16) != 0) {
        fprintf(stderr, "fuzz_config: a refused Verilog header without the file named: %s\n", err);
        abort();
    }
    fclose(out);
    free(vh);
    if (cfg.pseudo_channels == 1)
        run_model(&cfg);
    free(text);
    return 0;
}
