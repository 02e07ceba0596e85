/*
 * hbm_mem.c - sparse burst storage in pages; see hbm_mem.h.
 */
#include "hbm_mem.h"

#include <stdlib.h>
#include <string.h>

typedef uint8_t page_t[HBM_MEM_PAGE_BURSTS][HBM_MEM_BURST_BYTES];

struct entry {
    uint64_t key;  /* page number + 1, 0 = empty */
    page_t *page;
};

struct hbm_mem {
    struct entry *table;
    size_t cap, used;  /* cap is a power of two; used * 2 <= cap */
};

static size_t slot_of(uint64_t key, size_t cap)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    key *= 0xc4ceb9fe1a85ec53ULL;
    key ^= key >> 33;
    return (size_t)key & (cap - 1);
}

hbm_mem *hbm_mem_create(void)
{
    hbm_mem *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->cap = 256;
    m->table = calloc(m->cap, sizeof *m->table);
    if (!m->table) {
        free(m);
        return NULL;
    }
    return m;
}

void hbm_mem_free(hbm_mem *m)
{
    size_t i;
    if (!m)
        return;
    for (i = 0; i < m->cap; i++)
        free(m->table[i].page);
    free(m->table);
    free(m);
}

static struct entry *find(const hbm_mem *m, uint64_t key)
{
    size_t i = slot_of(key, m->cap);
    while (m->table[i].key) {
        if (m->table[i].key == key)
            return &m->table[i];
        i = (i + 1) & (m->cap - 1);
    }
    return &m->table[i]; /* the empty slot where key would go */
}

static int grow(hbm_mem *m)
{
    struct entry *old = m->table;
    size_t old_cap = m->cap, i;
    struct entry *t = calloc(old_cap * 2, sizeof *t);

    if (!t)
        return -1;
    m->table = t;
    m->cap = old_cap * 2;
    for (i = 0; i < old_cap; i++)
        if (old[i].key)
            *find(m, old[i].key) = old[i];
    free(old);
    return 0;
}

uint8_t *hbm_mem_write(hbm_mem *m, uint64_t index)
{
    uint64_t key = index / HBM_MEM_PAGE_BURSTS + 1;
    struct entry *e = find(m, key);

    if (!e->key) {
        if ((m->used + 1) * 2 > m->cap) {
            if (grow(m))
                return NULL;
            e = find(m, key);
        }
        e->page = calloc(1, sizeof *e->page);
        if (!e->page)
            return NULL;
        e->key = key;
        m->used++;
    }
    return (*e->page)[index % HBM_MEM_PAGE_BURSTS];
}

const uint8_t *hbm_mem_read(const hbm_mem *m, uint64_t index)
{
    const struct entry *e = find(m, index / HBM_MEM_PAGE_BURSTS + 1);
    return e->key ? (*e->page)[index % HBM_MEM_PAGE_BURSTS] : NULL;
}

void hbm_mem_each(const hbm_mem *m, void (*fn)(void *ctx, uint64_t index, const uint8_t *burst), void *ctx)
{
    size_t i;
    int b;

    for (i = 0; i < m->cap; i++)
        if (m->table[i].key)
            for (b = 0; b < HBM_MEM_PAGE_BURSTS; b++)
                fn(ctx, (m->table[i].key - 1) * HBM_MEM_PAGE_BURSTS + (uint64_t)b, (*m->table[i].page)[b]);
}

uint64_t hbm_mem_footprint(const hbm_mem *m)
{
    return (uint64_t)m->used * HBM_MEM_PAGE_BURSTS;
}
