// hbm_clog2.vh - `HBM_CLOG2(v): the width of an index into v entries,
// ceil(log2(v)), at least 1, for 1 <= v <= 2^24.  A macro, not a function,
// so that port declarations can size themselves from a parameter: every
// derived width (slot, position, pointer, timer) is `HBM_CLOG2 of the
// parameter it derives from, never a parameter of its own.
`ifndef HBM_CLOG2_VH
`define HBM_CLOG2_VH
`define HBM_CLOG2(v) ((v) <= 2 ? 1 : (v) <= 4 ? 2 : (v) <= 8 ? 3 : (v) <= 16 ? 4 : \
    (v) <= 32 ? 5 : (v) <= 64 ? 6 : (v) <= 128 ? 7 : (v) <= 256 ? 8 : (v) <= 512 ? 9 : \
    (v) <= 1024 ? 10 : (v) <= 2048 ? 11 : (v) <= 4096 ? 12 : (v) <= 8192 ? 13 : \
    (v) <= 16384 ? 14 : (v) <= 32768 ? 15 : (v) <= 65536 ? 16 : (v) <= 131072 ? 17 : \
    (v) <= 262144 ? 18 : (v) <= 524288 ? 19 : (v) <= 1048576 ? 20 : (v) <= 2097152 ? 21 : \
    (v) <= 4194304 ? 22 : (v) <= 8388608 ? 23 : 24)
// `HBM_MAX(a, b): the larger of two constants (e.g. two queue depths).
`define HBM_MAX(a, b) ((a) > (b) ? (a) : (b))
`endif
