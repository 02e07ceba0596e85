/*
 * hbm_encoding.h - model/hbm_encoding.def (command codes, timing classes,
 * relations, row-hit causes) written out for the other languages: the
 * Verilog header rtl/gen/hbm_encoding.vh and the GTKWave translate filter
 * sim/gtkw/hbm_cmd.txt (`hbmsim --emit-encoding vh|gtkw`, `make gen`).
 */
#ifndef HBM_ENCODING_H
#define HBM_ENCODING_H

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The Verilog defines: codes, their width, the table dimensions. */
void hbm_encoding_emit_vh(FILE *out);

/* The GTKWave translate filter of command codes. */
void hbm_encoding_emit_gtkw(FILE *out);

#ifdef __cplusplus
}
#endif
#endif
