"""The cffi build of hbmctl._native: the project's C99 model and simulator
(model/*.c, sim/*.c of the repository this package sits in) compiled into
one extension, with sim/hbm_capi.h as its interface.

setup.py names this file in cffi_modules; `python hbmctl/_build.py` builds
the extension in place (for a quick try without pip).
"""
import glob
import os

from cffi import FFI

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))   # the repository: python/hbmctl/ -> ./


def _sources():
    model = os.path.join(ROOT, "model")
    sim = os.path.join(ROOT, "sim")
    if not os.path.isfile(os.path.join(sim, "hbm_capi.h")):
        raise SystemExit("hbmctl: build from the hbmctl repository (pip install ./python): "
                         "no %s" % os.path.join(sim, "hbm_capi.h"))
    # Not the tools' mains and not the DPI-C table (a SystemVerilog face).
    skip = {"hbmsim.c", "hbm_dpi.c"}
    files = sorted(glob.glob(os.path.join(model, "*.c"))) + sorted(glob.glob(os.path.join(sim, "*.c")))
    # setuptools takes sources relative to setup.py's folder (python/)
    pkg = os.path.dirname(HERE)
    return [os.path.relpath(f, pkg) for f in files if os.path.basename(f) not in skip], [model, sim]


CDEF = """
int hbm_capi_run(const char *config_text, const char *config_path, const char *config_name, int argc, const char *const *args,
                 int threads, char **report, char **messages);
void hbm_capi_free(void *p);
int hbm_capi_config_check(const char *config_text, const char *path, char *err, int err_size);

typedef struct hbm_capi_model hbm_capi_model;
hbm_capi_model *hbm_capi_model_create(const char *config_text, const char *path, const char *name, char *err,
                                      int err_size);
void hbm_capi_model_free(hbm_capi_model *m);
uint64_t hbm_capi_model_capacity(const hbm_capi_model *m);
int hbm_capi_model_id_bits(const hbm_capi_model *m);
int hbm_capi_model_dfi_ratio(const hbm_capi_model *m);
uint64_t hbm_capi_model_tck_ps(const hbm_capi_model *m);
uint64_t hbm_capi_model_cycle(const hbm_capi_model *m);
int hbm_capi_model_can_accept(const hbm_capi_model *m, uint64_t addr, int is_write);
int hbm_capi_model_push(hbm_capi_model *m, uint64_t addr, int is_write, uint32_t id, const uint8_t *data,
                        uint32_t byte_enable);
int hbm_capi_model_pop(hbm_capi_model *m, uint32_t *id, int *is_write, uint8_t *data, uint64_t *accept_cycle,
                       uint64_t *done_cycle);
void hbm_capi_model_tick(hbm_capi_model *m, uint64_t n);
int hbm_capi_model_idle(const hbm_capi_model *m);
char *hbm_capi_model_report(hbm_capi_model *m, const char *source);
uint32_t hbm_capi_model_bwmon(hbm_capi_model *m, int addr, int we, uint32_t wdata);
const char *hbm_capi_bwmon_reg_name(int addr);
int hbm_capi_model_peek(const hbm_capi_model *m, uint64_t addr, uint8_t *data);
int hbm_capi_model_poke(hbm_capi_model *m, uint64_t addr, const uint8_t *data);
"""

ffibuilder = FFI()
ffibuilder.cdef(CDEF)
_src, _inc = _sources()
ffibuilder.set_source(
    "hbmctl._native",
    '#include "hbm_capi.h"\n',
    sources=_src,
    include_dirs=_inc,
    define_macros=[("_POSIX_C_SOURCE", "200809L")],
    extra_compile_args=["-std=c99", "-O2", "-Wall", "-Wno-unused-parameter"],
    extra_link_args=["-pthread"],
)

if __name__ == "__main__":
    os.chdir(os.path.dirname(HERE))
    ffibuilder.compile(verbose=False)
