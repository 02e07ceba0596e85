/*
 * fuzz_workload.c - libFuzzer target: the workload-spec parser and the
 * workload generators (sim/hbm_workload.c, sim/hbm_llm.c).
 *
 * The input is a spec ("mixed:write_pct=30", "llm-decode:model=...") and,
 * after a NUL, bytes that choose the request count and seed.
 * Properties: no crash, leak or out-of-bounds read (ASan/UBSan); a spec it
 * refuses has a message; one it takes produces exactly the requests asked
 * for, each a 32-byte burst below the capacity.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hbm_config.h"
#include "hbm_source.h"

static struct hbm_config cfg;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char err[HBM_ERR_MAX];
    (void)argc;
    (void)argv;
    if (hbm_config_load(&cfg, "configs/hbm2_2000.ini", err)) {
        fprintf(stderr, "fuzz_workload: run from the repository root: %s\n", err);
        exit(2);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[HBM_ERR_MAX], spec[256];
    size_t len = 0, i;
    uint64_t requests = 1, seed = 1, n = 0;
    struct hbm_req req;
    hbm_source *src;
    int got;

    while (len < size && len < sizeof spec - 1 && data[len])
        len++;
    memcpy(spec, data, len);
    spec[len] = 0;
    for (i = len + 1; i < size && i < len + 9; i++)   /* the bytes after the spec */
        seed = seed * 131 + data[i];
    requests += seed % 500;
    err[0] = 0;
    src = hbm_source_workload(spec, &cfg, requests, seed, err);
    if (!src) {
        if (!err[0]) {
            fprintf(stderr, "fuzz_workload: '%s' refused without a message\n", spec);
            abort();
        }
        return 0;
    }
    while ((got = hbm_source_next(src, &req, err)) == 1) {
        if (req.addr >= cfg.capacity_bytes || req.addr % 32 || ++n > requests) {
            fprintf(stderr, "fuzz_workload: '%s' request %llu: address 0x%llx\n", spec,
                    (unsigned long long)n, (unsigned long long)req.addr);
            abort();
        }
    }
    if (got < 0 || n != requests) {
        fprintf(stderr, "fuzz_workload: '%s': %llu of %llu requests (%s)\n", spec, (unsigned long long)n,
                (unsigned long long)requests, got < 0 ? err : "ended early");
        abort();
    }
    hbm_source_free(src);
    return 0;
}
