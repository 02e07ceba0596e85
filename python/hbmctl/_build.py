"""The cffi build of hbmctl._native: the project's C99 model and simulator
(model/*.c, sim/*.c of the repository this package sits in) compiled into
one extension, with sim/hbm_capi.h as its interface (its declarations are
read from the header itself).

setup.py names this file in cffi_modules; `python hbmctl/_build.py` builds
the extension in place (for a quick try without pip).
"""
import glob
import os
import re

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


def _cdef(header):
    """The declarations of sim/hbm_capi.h as cffi takes them: no comments,
    no preprocessor lines, no C++ guard (the header is the one source)."""
    with open(header) as f:
        text = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
    lines = [line for line in text.split("\n")
             if line.strip() and not line.lstrip().startswith("#")
             and line.strip() not in ('extern "C" {', "}")]
    return "\n".join(lines)



ffibuilder = FFI()
_src, _inc = _sources()
ffibuilder.cdef(_cdef(os.path.join(_inc[1], "hbm_capi.h")))
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
