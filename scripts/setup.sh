#!/usr/bin/env bash
# setup.sh - install what hbmctl needs, from Debian's packages.
#
#   scripts/setup.sh              install every missing package, saying which
#   scripts/setup.sh --if-missing quiet when everything is already there
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

quiet=0
[ "${1:-}" = "--if-missing" ] && quiet=1

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
