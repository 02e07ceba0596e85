/*
 * hbm_mem.h - sparse storage of 32-byte bursts, for the device model and
 * the testbenches' shadow memory.
 *
 * Owns: a map from a burst index (any 64-bit number) to 32 bytes, zero
 * until written.  Bursts are kept in pages of HBM_MEM_PAGE_BURSTS
 * neighbours found through a small open-addressing hash table, so that
 * streaming access stays in cache however large the address space is.
 */
#ifndef HBM_MEM_H
#define HBM_MEM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HBM_MEM_BURST_BYTES 32
#define HBM_MEM_PAGE_BURSTS 32

typedef struct hbm_mem hbm_mem;

/* An empty store, or NULL when out of memory. */
hbm_mem *hbm_mem_create(void);

/* Free the store and every page (NULL is allowed). */
void hbm_mem_free(hbm_mem *m);

/*
 * The 32 bytes of burst `index` for writing: created (zero) if new.
 * NULL only when out of memory.
 */
uint8_t *hbm_mem_write(hbm_mem *m, uint64_t index);

/* The 32 bytes of burst `index`, or NULL if it was never written (read as zero). */
const uint8_t *hbm_mem_read(const hbm_mem *m, uint64_t index);

/* Calls fn for every burst of every page in use (bursts never written
 * read as zero), in no particular order. */
void hbm_mem_each(const hbm_mem *m, void (*fn)(void *ctx, uint64_t index, const uint8_t *burst), void *ctx);

/* Bursts that were ever written: pages in use times the page size (an upper bound). */
uint64_t hbm_mem_footprint(const hbm_mem *m);

#ifdef __cplusplus
}
#endif

#endif
