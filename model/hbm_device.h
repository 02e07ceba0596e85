/*
 * hbm_device.h - the HBM pseudo-channel behind the controller: storage and
 * the DFI data path, bit-accurate.
 *
 * Owns: the contents of memory (sparse: only written bursts are stored;
 * never-written bytes read as zero; or, once asked, one address-linear
 * array for direct access), the open row of each bank as the
 * device sees it, and the data timing: read data leaves the device RL
 * cycles after RD, one 16-byte DFI word per clock for tBURST clocks; write
 * data is taken WL cycles after WR, one DFI word per clock, byte enables
 * honoured, and committed when its last word arrives.  The C model drives
 * it directly; the RTL testbench attaches it to the RTL's dfi_* signals.
 * It does not judge timing (that is hbm_check): a command it cannot make
 * sense of (RD to a closed bank) is counted in protocol_errors.
 * With ecc = secded the DM/ECC bits carry 8 check bits per 64 data bits
 * (no write mask): the device stores them beside the data and returns them
 * with it.  Fault injection (hbm_device_set_inject) flips bits of what a
 * read returns (random single or double flips per 72-bit codeword, from
 * a seeded stream) or holds stored bits at a value (stuck bits); the
 * controller's SECDED must correct or flag every one.
 */
#ifndef HBM_DEVICE_H
#define HBM_DEVICE_H

#include <stdint.h>
#include "hbm_cmd.h"
#include "hbm_config.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hbm_device hbm_device;

/* One clock of the DFI data buses. */
struct hbm_dfi_data {
    int wrdata_en;                     /* controller -> device */
    uint8_t wrdata[HBM_DFI_BYTES];
    uint16_t wrdata_enable;            /* bit i: write byte i  */
    uint8_t wrdata_ecc[2];             /* check bits of bytes 0-7 and 8-15 (ecc = secded) */
    int rddata_valid;                  /* device -> controller */
    uint8_t rddata[HBM_DFI_BYTES];
    uint8_t rddata_ecc[2];
};

/* What a device injected so far: codewords given one and two flipped bits, reads of a stuck bit. */
struct hbm_inject_counts {
    uint64_t single, twin, stuck_reads;
};

/*
 * Parse an injection spec, "single:RATE,double:RATE,stuck:ADDR:BIT[:VALUE],SEED"
 * (items in any order, each optional; SEED a plain number or seed:N; RATE
 * a probability per codeword, 0 to 1; ADDR in any C base; VALUE 0 or 1,
 * default 1): 0, or -1 with err naming the item.
 */
int hbm_inject_parse(const char *spec, struct hbm_inject *out, char *err);

/* Start injecting (a copy of *inj; NULL: stop); hbm_device_create starts
 * with cfg->inject when it injects anything.  0, or -1 + err (a stuck bit beyond the capacity or the word). */
int hbm_device_set_inject(hbm_device *dev, const struct hbm_inject *inj, char *err);
const struct hbm_inject_counts *hbm_device_inject_counts(const hbm_device *dev);

/* A device for a validated config, all banks closed, memory all zero. NULL + err on failure. */
hbm_device *hbm_device_create(const struct hbm_config *cfg, char *err);
/* Free a device and its storage; NULL is allowed. */
void hbm_device_free(hbm_device *dev);

/* A command on the row or column bus at cycle cmd->cycle. */
void hbm_device_command(hbm_device *dev, const struct hbm_cmd *cmd);

/*
 * The data buses of cycle now: takes io->wrdata* if a write burst is due
 * now, and fills io->rddata_valid/rddata.  Call after the commands of that
 * cycle, with increasing now, in every cycle in which a burst is due
 * (calling it in every cycle is always right).
 */
void hbm_device_data(hbm_device *dev, uint64_t now, struct hbm_dfi_data *io);

/* Backdoor read of the burst at (flat bank index, row, column), for tests and scoreboards. */
void hbm_device_peek(const hbm_device *dev, int bank, int row, int col, uint8_t out[HBM_BURST_BYTES]);

/* Backdoor read and write of the burst holding byte address addr (below
 * the capacity; the address map gives its place): 0, or -1 (beyond the
 * capacity, out of memory). */
int hbm_device_read_at(const hbm_device *dev, uint64_t addr, uint8_t out[HBM_BURST_BYTES]);
int hbm_device_write_at(hbm_device *dev, uint64_t addr, const uint8_t data[HBM_BURST_BYTES], uint32_t enable);

/* Backdoor write of the enabled bytes (bit i: byte i) of that burst (with
 * ecc = secded its check bits are recomputed). 0, or -1 when out of memory. */
int hbm_device_poke(hbm_device *dev, int bank, int row, int col, const uint8_t data[HBM_BURST_BYTES],
                    uint32_t enable);

/*
 * The storage as one array of capacity_bytes indexed by byte address
 * (made on the first call, the sparse store copied into it; from then on
 * the device reads and writes it): for direct memory access by a
 * simulator (TLM DMI).  *bytes gets the capacity.  NULL when out of memory,
 * and with ecc = secded (a direct write would leave the check bits stale).
 */
uint8_t *hbm_device_linear(hbm_device *dev, uint64_t *bytes);

/* Commands the device could not carry out (RD/WR to a closed bank, data missing). */
uint64_t hbm_device_protocol_errors(const hbm_device *dev);

#ifdef __cplusplus
}
#endif
#endif
