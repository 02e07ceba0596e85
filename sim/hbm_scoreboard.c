/*
 * hbm_scoreboard.c - shadow memory and expected read data; see hbm_scoreboard.h.
 */
#include "hbm_scoreboard.h"
#include "hbm_rand.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cell {
    uint64_t key; /* burst index + 1, 0 = empty */
    uint8_t data[32];
};

struct hbm_scoreboard {
    uint64_t seed, writes;
    struct cell *cells;
    size_t cap, used;
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
    sb->cap = 4096;
    sb->cells = calloc(sb->cap, sizeof *sb->cells);
    sb->ids = 1u << cfg->id_bits;
    sb->expect = calloc(sb->ids, sizeof *sb->expect);
    sb->expect_addr = calloc(sb->ids, sizeof *sb->expect_addr);
    if (!sb->cells || !sb->expect || !sb->expect_addr) {
        hbm_scoreboard_free(sb);
        return NULL;
    }
    return sb;
}

void hbm_scoreboard_free(hbm_scoreboard *sb)
{
    if (!sb)
        return;
    free(sb->cells);
    free(sb->expect);
    free(sb->expect_addr);
    free(sb);
}

static struct cell *lookup(hbm_scoreboard *sb, uint64_t addr, int add)
{
    uint64_t key = (addr >> 5) + 1;
    size_t i = (size_t)mix(key) & (sb->cap - 1);

    while (sb->cells[i].key) {
        if (sb->cells[i].key == key)
            return &sb->cells[i];
        i = (i + 1) & (sb->cap - 1);
    }
    if (!add)
        return NULL;
    if ((sb->used + 1) * 2 > sb->cap) {
        struct cell *old = sb->cells;
        size_t oc = sb->cap, j;
        struct cell *n = calloc(oc * 2, sizeof *n);
        if (!n)
            return NULL;
        sb->cells = n;
        sb->cap = oc * 2;
        for (j = 0; j < oc; j++)
            if (old[j].key) {
                size_t k = (size_t)mix(old[j].key) & (sb->cap - 1);
                while (n[k].key)
                    k = (k + 1) & (sb->cap - 1);
                n[k] = old[j];
            }
        free(old);
        return lookup(sb, addr, 1);
    }
    sb->cells[i].key = key;
    memset(sb->cells[i].data, 0, 32);
    sb->used++;
    return &sb->cells[i];
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
    struct cell *c;
    int i;

    if (is_write) {
        sb->writes++;
        c = lookup(sb, addr, 1);
        if (!c)
            return -1;
        for (i = 0; i < 32; i++)
            if (enable >> i & 1)
                c->data[i] = data[i];
        return 0;
    }
    c = lookup(sb, addr, 0);
    id &= sb->ids - 1;
    if (c)
        memcpy(sb->expect[id], c->data, 32);
    else
        memset(sb->expect[id], 0, 32);
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
