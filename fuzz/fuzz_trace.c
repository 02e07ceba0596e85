/*
 * fuzz_trace.c - libFuzzer target: the trace parsers (sim/hbm_trace.c,
 * DRAMSim3 and Ramulator formats).
 *
 * The input is a trace file, read against hbm2_2000's capacity.
 * Properties: no crash, leak or out-of-bounds read (ASan/UBSan); every
 * refusal names the file (and a line where there is one); every request
 * it returns is a 32-byte burst below the capacity; a trace ends.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hbm_config.h"
#include "hbm_source.h"

static struct hbm_config cfg;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char err[HBM_ERR_MAX];
    (void)argc;
    (void)argv;
    if (hbm_config_load(&cfg, "configs/hbm2_2000.ini", err)) {
        fprintf(stderr, "fuzz_trace: run from the repository root: %s\n", err);
        exit(2);
    }
    snprintf(path, sizeof path, "/tmp/fuzz_trace.%ld", (long)getpid());
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[HBM_ERR_MAX];
    struct hbm_req req;
    hbm_source *src;
    FILE *f = fopen(path, "wb");
    uint64_t n = 0;
    int got;

    if (!f || fwrite(data, 1, size, f) != size || fclose(f)) {
        fprintf(stderr, "fuzz_trace: cannot write %s\n", path);
        abort();
    }
    src = hbm_source_open_trace(path, &cfg, 0, err);
    if (!src) {
        if (strncmp(err, path, strlen(path)) != 0) {
            fprintf(stderr, "fuzz_trace: a refusal that does not name the file: %s\n", err);
            abort();
        }
        return 0;
    }
    while ((got = hbm_source_next(src, &req, err)) == 1) {
        if (req.addr >= cfg.capacity_bytes || req.addr % 32 || ++n > size) {
            fprintf(stderr, "fuzz_trace: request %llu: address 0x%llx (capacity 0x%llx)\n",
                    (unsigned long long)n, (unsigned long long)req.addr,
                    (unsigned long long)cfg.capacity_bytes);
            abort();
        }
    }
    if (got < 0 && strncmp(err, path, strlen(path)) != 0) {
        fprintf(stderr, "fuzz_trace: an error that does not name the file: %s\n", err);
        abort();
    }
    hbm_source_free(src);
    unlink(path);
    return 0;
}
