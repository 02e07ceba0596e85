#!/usr/bin/env bash
# setup.sh - install what hbmctl needs, from Debian's packages.
#
#   scripts/setup.sh              install every missing package, saying which
#   scripts/setup.sh --if-missing quiet when everything is already there
#   scripts/setup.sh --with synth  also what make synth needs (--with wave: make wave)
#
# Idempotent: a package already installed is left alone.  Needs root (or
# sudo) only when something is actually missing.
set -euo pipefail

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
)

# Optional groups, for the targets that need more than make test:
#   --with synth   make synth: nextpnr-ice40 and icepack (fpga-icestorm)
#   --with wave    make wave (and its PNG): gtkwave, xvfb, ImageMagick, xwininfo
#   --with bench   make bench's chart: gnuplot
EXTRA_synth=("nextpnr-ice40:nextpnr-ice40" "fpga-icestorm:icepack")
EXTRA_bench=("gnuplot-nox:gnuplot")
EXTRA_wave=("gtkwave:gtkwave" "xvfb:xvfb-run" "xauth:xauth" "imagemagick:import" "x11-utils:xwininfo")

quiet=0
while [ $# -gt 0 ]; do
  case "$1" in
    --if-missing) quiet=1; shift ;;
    --with)
      case "${2:-}" in
        synth) NEEDS+=("${EXTRA_synth[@]}") ;;
        wave)  NEEDS+=("${EXTRA_wave[@]}") ;;
        bench) NEEDS+=("${EXTRA_bench[@]}") ;;
        *) echo "setup: --with takes synth, wave or bench, not '${2:-}'" >&2; exit 2 ;;
      esac
      shift 2 ;;
    *) echo "setup: unknown option '$1' (known: --if-missing, --with synth|wave|bench)" >&2; exit 2 ;;
  esac
done

missing=()
for entry in "${NEEDS[@]}"; do
  pkg=${entry%%:*}; probe=${entry#*:}
  if [[ $probe == /* ]]; then
    [ -e "$probe" ] || missing+=("$pkg")
  else
    command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
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
