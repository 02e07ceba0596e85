#!/usr/bin/env bash
# synth.sh - FPGA area and clock-speed flow of the RTL controller on an iCE40
# HX8K: yosys synth_ice40, nextpnr-ice40 place and route, icepack, report.
#
#   scripts/synth.sh --config FILE [--hbmsim build/hbmsim] [--out build/synth]
#                    [--name NAME] [--data 1|0] [--freq MHZ] [--seed N]
#                    [--package ct256] [--breakdown 1|0] [--abc-fast]
#                    [--top hbm_ice40_top] [--rtl "rtl/hbm_*.v ..."]
#
# --config   the preset (any .ini); its Verilog header is made with
#            `hbmsim --config FILE --emit-vh` into OUT/NAME/hbm_cfg.vh
# --data     1 (default): every controller port live through the wrapper
#            fpga/hbm_ice40_top.v; 0: control only (data ports tied off, see
#            the wrapper's header)
# --freq     nextpnr's timing target in MHz (default 50)
# --seed     nextpnr's seed (default 1: runs are reproducible)
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
# critical path), NAME.asc, NAME.bin, NAME.summary.txt (the report).
# Exit status: 0 when the design fits and routes (meeting --freq or not: the
# Fmax is reported either way); 1 when it does not fit the device or a tool
# fails; 2 for bad usage.  Runs single-threaded (yosys, nextpnr --threads 1).
set -euo pipefail

config=""; hbmsim="build/hbmsim"; out="build/synth"; name=""; data=1
freq=50; seed=1; package="ct256"; breakdown=1; rtl=""; abc_fast=0; top=hbm_ice40_top
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
    -h|--help)   sed -n '2,/^set -euo/p' "$0" | grep '^#'; exit 0 ;;
    *)           die_usage "unknown option $1" ;;
  esac
done
[ -n "$config" ] || die_usage "--config FILE is required"
[ -f "$config" ] || die_usage "no config file $config"
[ "$data" = 0 ] || [ "$data" = 1 ] || die_usage "--data must be 0 or 1"
[ -f "fpga/$top.v" ] || die_usage "no wrapper fpga/$top.v"
sfx=${top#hbm_ice40}; sfx=${sfx%_top}
[ -n "$name" ] || name=$(basename "$config" .ini)$sfx$([ "$data" = 0 ] && echo _ctrl || true)$([ "$abc_fast" = 1 ] && echo _fast || true)
[ -n "$rtl" ] || rtl=$(ls rtl/hbm_*.v | tr "\n" " ")
# Kept-apart blocks cannot see the wrapper's tied-off data ports, so the
# per-module run means something only with the data ports live.
[ "$data" = 1 ] || breakdown=0
# OPT_DATA and the per-module run belong to the whole-controller wrapper.
[ "$top" = hbm_ice40_top ] || breakdown=0

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
# synth_ice40 is run as its own script with one change: the coarse step
# leaves out `share` (SAT-based resource sharing).  On this RTL it analyses
# every read of the queues' slot arrays (key_q[slot_at(slot_q, pos)], ...)
# against the scheduler's pick conditions, takes longer than the rest of the
# flow together and writes hundreds of MB of log, and yosys 0.23's share
# builds a netlist loop the design does not have; the design has no
# multiplier or divider for it to share.  Everything else is synth_ice40 of yosys 0.23.
synth_flow() { # $1: json output ("" for none)
  local coarse="opt_expr; opt_clean; check; opt -nodffe -nosdff; fsm; opt; wreduce; peepopt; opt_clean"
  coarse="$coarse; techmap -map +/cmp2lut.v -D LUT_WIDTH=4; opt_expr; opt_clean; memory_dff"
  coarse="$coarse; wreduce t:\$mul; alumacc; opt; memory -nomap; opt_clean"
  if [ "$abc_fast" = 1 ]; then
    local luts="techmap -map +/ice40/latches_map.v; abc -fast -dress -lut 4; ice40_wrapcarry -unwrap"
    luts="$luts; techmap -map +/ice40/ff_map.v; clean; opt_lut -dlogic SB_CARRY:I0=1:I1=2:CI=3 -dlogic SB_CARRY:CO=3"
    echo "synth_ice40 -top $top -run begin:coarse; $coarse; synth_ice40 -top $top -run map_ram:map_luts; $luts;" \
         "synth_ice40 -top $top -run map_cells: ${1:+-json $1}"
  else
    echo "synth_ice40 -top $top -run begin:coarse; $coarse; synth_ice40 -top $top -run map_ram: ${1:+-json $1}"
  fi
}
stamps="$out/$name.yosys.times"
stamp() { echo "exec -q -- date +%s.%N >> $stamps"; }
ys="$(stamp); $read_cmd; $chparam; $(stamp)"
[ "$breakdown" = 1 ] && ys="$ys; design -save elab"
ys="$ys; $(synth_flow "$out/$name.json"); tee -q -o $out/$name.stat.txt stat; $(stamp)"
if [ "$breakdown" = 1 ]; then
  keep="hbm_ctrl *hbm_addr_map* *hbm_req_queue* *hbm_bank_state* *hbm_timing* *hbm_refresh* *hbm_sched* *hbm_datapath*"
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
