/*
 * hbm_ecc.h - SECDED over a 64-bit word: the (72,64) code of the
 * controller's ECC mode (ecc = secded in [controller]).
 *
 * Owns: the code's parity-check matrix, encoding and decoding.  An HBM
 * pseudo-channel carries 8 check bits with every 64 data bits on the
 * pins a mode register gives to either the write data mask or ECC
 * (docs/microarchitecture.md, ECC), so the code is one codeword per
 * 64-bit word: a 32-byte burst is four codewords, a 16-byte DFI word two.
 *
 * The code is a Hsiao code (M. Y. Hsiao, "A Class of Optimal Minimum
 * Odd-weight-column SEC-DED Codes", IBM J. Res. Dev. 14(4), 1970): every
 * column of the matrix has odd weight, so a single flipped bit gives an
 * odd syndrome equal to its column (corrected), and two flipped bits an
 * even non-zero one (detected, never miscorrected).  Data bit i has the
 * i-th column of HBM_ECC_COLUMN: the 56 weight-3 bytes in increasing
 * order, then 0x1F rotated left by 0..7 (weight 5), so each check bit
 * covers 26 data bits; check bit j's own column is 1 << j.  The RTL
 * (rtl/hbm_ecc_enc.v, rtl/hbm_ecc_dec.v) takes the same columns from the
 * generated rtl/gen/hbm_encoding.vh (HBM_ECC_COLUMNS).
 */
#ifndef HBM_ECC_H
#define HBM_ECC_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HBM_ECC_DATA_BITS 64
#define HBM_ECC_CHECK_BITS 8
#define HBM_ECC_CODE_BITS (HBM_ECC_DATA_BITS + HBM_ECC_CHECK_BITS)

/* The check bits a poisoned word is written with are its own xor this:
 * two bits, so it always reads back uncorrectable. */
#define HBM_ECC_POISON 0x03

/* What decoding found. */
enum hbm_ecc_status {
    HBM_ECC_OK = 0,            /* no error */
    HBM_ECC_CORRECTED = 1,     /* one bit was wrong (data or check); the data is corrected */
    HBM_ECC_UNCORRECTABLE = 2  /* two (or an odd number >= 3 not a column) wrong: data as read */
};

/* The column of data bit i (0..63) of the parity-check matrix. */
uint8_t hbm_ecc_column(int bit);
/* Row j (0..7): the data bits check bit j is the parity of. */
uint64_t hbm_ecc_row(int j);

/* The 8 check bits of a 64-bit data word. */
uint8_t hbm_ecc_encode(uint64_t data);

/*
 * Decode a codeword: *data is corrected in place when one data bit was
 * wrong.  *syndrome (if not NULL) gets the syndrome, encode(data) ^ check
 * of the word as read.
 */
enum hbm_ecc_status hbm_ecc_decode(uint64_t *data, uint8_t check, uint8_t *syndrome);

/*
 * A 32-byte burst (four little-endian 64-bit words, word k at bytes
 * 8k..8k+7) and its 4 check bytes (byte k for word k).
 */
void hbm_ecc_encode_burst(const uint8_t data[32], uint8_t check[4]);
/* Decode a burst in place; the counts of corrected and uncorrectable words are added. */
void hbm_ecc_decode_burst(uint8_t data[32], const uint8_t check[4], uint64_t *corrected,
                          uint64_t *uncorrectable);

#ifdef __cplusplus
}
#endif

#endif
