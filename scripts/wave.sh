#!/usr/bin/env bash
# wave.sh - waveforms of the RTL in GTKWave with the saved layout sim/hbm.gtkw
# (`make wave`; docs/waveforms.md).
#
#   scripts/wave.sh --vhbm BIN --config FILE [--workload SPEC] [--requests N]
#                   [--seed N] [--cycles N] [--fst FILE] [--open FILE.fst] [--png FILE.png]
#
# Runs the lockstep testbench for the first --cycles cycles (default 3000) of
# the workload with --wave, writing --fst (default build/wave/hbm.fst), then
# opens it: `gtkwave FILE sim/hbm.gtkw`, from the repository root, because
# the layout names its translate filters (sim/gtkw/) by relative paths.
# Without a display it prints that command instead.
#   --open FILE.fst  no run: open an existing waveform, e.g. vhbm_mismatch.fst,
#                    with the same layout, the view on its last cycles
#                    (sim/gtkw/hbm_end.tcl), where a mismatch stops vhbm.
#   --png FILE.png   no window: draw the layout on a virtual display (xvfb-run)
#                    and save a screenshot of the GTKWave window (this is how
#                    docs/images/hbm_wave.png is made).
# Exit status: vhbm's (1 if the run found a mismatch or a timing violation;
# the waveform is still written and shown), else 0; 2 on a usage error.
set -uo pipefail

die() { echo "wave.sh: $*" >&2; exit 2; }
abs() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }

vhbm="" config="" workload="decode:kv_pct=10" requests="" seed=1 cycles=3000
fst="build/wave/hbm.fst" open="" png="" grab=""
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || die "$1 needs a value"
  case $1 in
    --vhbm) vhbm=$(abs "$2") ;;
    --config) config=$(abs "$2") ;;
    --workload) workload=$2 ;;
    --requests) requests=$2 ;;
    --seed) seed=$2 ;;
    --cycles) cycles=$2 ;;
    --fst) fst=$(abs "$2") ;;
    --open) open=$(abs "$2") ;;
    --png) png=$(abs "$2") ;;
    --grab-inside-xvfb) grab=$(abs "$2") ;;  # internal: the part of --png that runs under xvfb-run
    *) die "unknown option '$1' (see the header of $0)" ;;
  esac
  shift 2
done

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
config=${config#"$root"/}  # as make sim names it, in the report
layout=sim/hbm.gtkw
[ -f "$layout" ] || die "$layout is missing"

# Every signal name of a waveform, as GTKWave writes it in a layout:
# TOP.scope.name, with the bit range for vectors (TOP.hbm_ctrl.dfi_row_cmd[3:0]).
fst_names() {
  fst2vcd "$1" 2>/dev/null | sed '/\$enddefinitions/q' | awk '
    /\$scope/ { path[++d] = $3; next }
    /\$upscope/ { d--; next }
    /\$var/ { n = ""; for (i = 1; i <= d; i++) n = n path[i] "."
              n = n $5; if ($6 != "$end") n = n $6; print n }' | sort -u
}
# The signal names a layout uses ((n) bit selects of #{...} vectors stripped).
layout_names() {
  sed -nE 's/^(\+\{[^}]*\} )?(TOP\.[^ ]+)$/\2/p
           /^#\{/{s/^#\{[^}]*\} //; s/\([0-9]+\)//g; s/ /\n/g; p}' "$1" | sort -u
}
# The layout $2 with each name the waveform (names in $1) has under another
# bit range renamed to that range: another preset's row or address width.
adapt_layout() {
  awk 'function base(n) { sub(/\[[0-9]+:[0-9]+\]$/, "", n); return n }
       NR == FNR { have[$0] = 1; b = base($0); if (b in to) to[b] = ""; else to[b] = $0; next }
       { line = $0; out = ""
         while (match(line, /TOP\.[^ ]+/)) {
           n = substr(line, RSTART, RLENGTH); b = base(n)
           if (!(n in have) && b != n && to[b] != "") n = to[b]
           out = out substr(line, 1, RSTART - 1) n; line = substr(line, RSTART + RLENGTH) }
         print out line }' "$1" "$2"
}

# Under xvfb-run: start GTKWave, wait until its window is drawn, grab it.
if [ -n "$grab" ]; then
  dump=${WAVE_DUMP:?} save=${WAVE_SAVE:?} rcfile=${WAVE_RC:?}
  for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
  for attempt in 1 2 3; do
    gtkwave ${WAVE_TCL:+-S "$WAVE_TCL"} "$dump" "$save" "$rcfile" >"$grab.log" 2>&1 &
    pid=$!
    win=""
    for _ in $(seq 150); do
      win=$(xwininfo -root -tree 2>/dev/null | awk '/"GTKWave - /{print $1; exit}')
      [ -z "$win" ] && kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if [ -n "$win" ]; then
      sleep 3  # the waves are drawn after the window maps
      import -window "$win" "$grab"; rc=$?
      kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
      exit $rc
    fi
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    echo "wave.sh: GTKWave showed no window (attempt $attempt):" >&2
    tail -5 "$grab.log" >&2
  done
  exit 1
fi

# The waveform: an existing one (--open) or a fresh run.
rc=0
if [ -n "$open" ]; then
  [ -f "$open" ] || die "$open: no such waveform"
  dump=$open
else
  [ -n "$vhbm" ] && [ -n "$config" ] || die "--vhbm BIN and --config FILE are needed to run (or --open FILE.fst)"
  [ -x "$vhbm" ] || die "$vhbm is not built (make vhbm)"
  mkdir -p "$(dirname "$fst")"
  rm -f "$fst"
  echo "wave: $workload, seed $seed, $cycles cycles -> ${fst#"$root"/}"
  "$vhbm" --config "$config" --workload "$workload" ${requests:+--requests "$requests"} \
    --seed "$seed" --cycles "$cycles" --wave "$fst"; rc=$?
  [ -f "$fst" ] || { echo "wave.sh: vhbm exited $rc and wrote no waveform" >&2; exit 1; }
  [ $rc -eq 0 ] || echo "wave.sh: vhbm exited $rc (see above); the waveform up to there is in $fst" >&2
  dump=$fst
fi
# Paths below the repository root are shown relative (GTKWave's title, the printed command).
dump=${dump#"$root"/}
# The layout, its bit ranges fitted to this waveform if they differ, and a
# check that it finds every signal (GTKWave leaves out missing ones silently).
if command -v fst2vcd >/dev/null; then
  names=$(fst_names "$dump")
  fitted=build/wave/hbm_fitted.gtkw
  mkdir -p build/wave
  adapt_layout <(printf '%s\n' "$names") "$layout" > "$fitted"
  if cmp -s "$fitted" "$layout"; then
    rm -f "$fitted"
  else
    echo "wave: this waveform's bit ranges differ from $layout's; opening the fitted copy $fitted"
    echo "      (save layout changes to $layout, not to the copy)"
    layout=$fitted
  fi
  lost=$(comm -23 <(layout_names "$layout") <(printf '%s\n' "$names"))
  if [ -n "$lost" ]; then
    echo "wave.sh: warning: $(wc -l <<<"$lost") signal(s) of $layout are not in $dump (renamed in rtl/?):" >&2
    sed 's/^/  /' <<<"$lost" >&2
    [ -z "$png" ] || { echo "wave.sh: no screenshot of an incomplete view" >&2; exit 1; }
  fi
fi
tcl=()
[ -n "$open" ] && tcl=(-S sim/gtkw/hbm_end.tcl)

if [ -n "$png" ]; then
  for t in gtkwave xvfb-run import xwininfo xdpyinfo; do
    command -v "$t" >/dev/null || die "--png needs $t: make setup WITH=wave"
  done
  # The same layout in a window big enough for every group; a fixed rc file
  # (high values filled, no signal tree) instead of the user's ~/.gtkwaverc.
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  sed 's/^\[size\] .*/[size] 1900 2150/' "$layout" > "$tmp/hbm.gtkw"
  printf '%s\n' 'fill_waveform yes' 'hide_sst on' 'splash_disable on' > "$tmp/gtkwaverc"
  WAVE_DUMP=$dump WAVE_SAVE=$tmp/hbm.gtkw WAVE_RC=$tmp/gtkwaverc WAVE_TCL=${tcl[1]:-} \
    xvfb-run -a -s "-screen 0 2000x2300x24" "$0" --grab-inside-xvfb "$tmp/raw.png" || {
      echo "wave.sh: no screenshot" >&2; exit 1; }
  mkdir -p "$(dirname "$png")"
  # 256 colours: the view has few, and the file stays small enough to commit.
  convert "$tmp/raw.png" -strip -colors 256 "PNG8:$png" || exit 1
  echo "wave: wrote ${png#"$root"/} ($(identify -format '%wx%h' "$png"), $(( $(stat -c %s "$png") / 1024 )) KB)"
  exit $rc
fi

cmd="gtkwave ${tcl[*]:+${tcl[*]} }$dump $layout"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "wave: no display; open the waveform from $root with:"
  echo "  $cmd"
  exit $rc
fi
command -v gtkwave >/dev/null \
  || { echo "wave.sh: gtkwave is not installed (make setup WITH=wave); then run: $cmd" >&2; exit 1; }
echo "wave: $cmd"
gtkwave "${tcl[@]}" "$dump" "$layout" || exit 1
exit $rc
