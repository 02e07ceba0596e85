/*
 * hbm_scoreboard.c - shadow memory and expected read data; see hbm_scoreboard.h.
 */
#include "hbm_scoreboard.h"
#include "hbm_rand.h"
#include "hbm_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct hbm_scoreboard {
    uint64_t seed, writes;
    hbm_mem *mem;   /* what memory holds, burst index = address / 32 */
    uint8_t (*expect)[32];
    uint64_t *expect_addr;
    uint32_t ids;
};

/* The project's generator, used as a hash of the address and write number. */
#define mix hbm_rand_mix

hbm_scoreboard *hbm_scoreboard_create(const struct hbm_config *cfg, uint64_t seed)
{
    hbm_scoreboard *sb = calloc(1, sizeof *sb);
    if (!sb)
        return NULL;
    sb->seed = seed;
    sb->mem = hbm_mem_create();
    sb->ids = 1u << cfg->id_bits;
    sb->expect = calloc(sb->ids, sizeof *sb->expect);
    sb->expect_addr = calloc(sb->ids, sizeof *sb->expect_addr);
    if (!sb->mem || !sb->expect || !sb->expect_addr) {
        hbm_scoreboard_free(sb);
        return NULL;
    }
    return sb;
}

void hbm_scoreboard_free(hbm_scoreboard *sb)
{
    if (!sb)
        return;
    hbm_mem_free(sb->mem);
    free(sb->expect);
    free(sb->expect_addr);
    free(sb);
}

void hbm_scoreboard_write_data(hbm_scoreboard *sb, uint64_t addr, uint8_t data[32], uint32_t *enable)
{
    uint64_t h = mix(addr ^ mix(sb->seed) ^ (sb->writes << 40));
    int i;

    for (i = 0; i < 32; i++) {
        if (i % 8 == 0 && i)
            h = mix(h);
        data[i] = (uint8_t)(h >> (8 * (i % 8)));
    }
    *enable = (sb->writes % 8 == 7) ? (uint32_t)mix(h ^ 0x5a5a) : 0xffffffffu;
}

int hbm_scoreboard_accepted(hbm_scoreboard *sb, uint64_t addr, int is_write, uint32_t id,
                            const uint8_t data[32], uint32_t enable)
{
    int i;

    if (is_write) {
        uint8_t *burst = hbm_mem_write(sb->mem, addr >> 5);
        sb->writes++;
        if (!burst)
            return -1;
        for (i = 0; i < 32; i++)
            if (enable >> i & 1)
                burst[i] = data[i];
        return 0;
    }
    id &= sb->ids - 1;
    {
        const uint8_t *burst = hbm_mem_read(sb->mem, addr >> 5);
        if (burst)
            memcpy(sb->expect[id], burst, 32);
        else
            memset(sb->expect[id], 0, 32);
    }
    sb->expect_addr[id] = addr;
    return 0;
}

int hbm_scoreboard_check_read(hbm_scoreboard *sb, uint32_t id, const uint8_t data[32], char *msg)
{
    int i;
    id &= sb->ids - 1;
    if (memcmp(sb->expect[id], data, 32) == 0)
        return 0;
    for (i = 0; i < 32 && sb->expect[id][i] == data[i]; i++)
        ;
    snprintf(msg, 256, "read id %u of 0x%llx: byte %d is 0x%02x, expected 0x%02x", id,
             (unsigned long long)sb->expect_addr[id], i, data[i], sb->expect[id][i]);
    return -1;
}
