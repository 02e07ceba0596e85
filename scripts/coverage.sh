#!/usr/bin/env bash
# coverage.sh - code coverage of the C model and of the RTL, as HTML.
#
#   scripts/coverage.sh [--quick | --report]
#   scripts/coverage.sh --functional DIR [TOOLS]
#
# The model: every source of model/ and sim/ built with gcc --coverage into
# build/cov (the project's own Makefile with BUILD and CFLAGS changed), then
# the Check suites, the model regression (every workload on every preset,
# the knob variants, AXI and the stack, the reference build's back-pressure
# runs) and the lockstep runs below, which drive the model too; lcov and
# genhtml make build/coverage/model/index.html.  Line coverage of model/.
# The RTL: vhbm (and vstack) built with verilator --coverage-line
# --coverage-toggle for the presets and the lockstep knob variants, each
# running scripts/run_lockstep.sh (run_stack_lockstep.sh) with fewer
# requests; each run writes its counts (HBM_RTL_COVERAGE_DIR), which
# verilator_coverage merges into build/coverage/rtl/index.html.  Line and
# toggle coverage of the controller's modules (rtl/hbm_dev.v is the test
# device, not the controller: left out).  --quick: one preset and two
# variants, fewer requests.  --report: only the reports, from the counts
# the last run left.
# Functional coverage (sim/hbm_fcov.h): every lockstep run above, and a
# constrained-random regression over random knob mixes (scripts/regress.sh),
# write their bins (HBM_FCOV_DIR): vhbm's and vstack's from the RTL's
# perf_event_o, hbmsim's from the model; --functional DIR [TOOLS] merges a
# folder's files of TOOLS (comma-separated, default vhbm,vstack) into a table (hits, runs that hit the bin, runs
# whose config could) and fails when a bin some run could hit was hit by
# none.
# The summary goes to build/coverage/summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

# Merge the bin files of the tools $2 (comma-separated) in folder $1 (lines
# "count<TAB>applicable<TAB>name") into a table; exit 1 if an applicable
# bin was never hit.
functional() {
  local dir=$1 tool=${2:-vhbm,vstack} files t
  files=$(for t in ${tool//,/ }; do find "$dir" -name "fcov_${t}_*.txt" 2>/dev/null; done | sort)
  [ -n "$files" ] || { echo "coverage: no functional coverage files of $tool in $dir" >&2; return 1; }
  # shellcheck disable=SC2086
  awk -F'\t' '
    FNR == 1 { runs++ }
    { if (!($3 in seen)) { seen[$3] = 1; order[++n] = $3 }
      hits[$3] += $1; if ($2) app[$3]++; if ($1 > 0) hitruns[$3]++ }
    END {
      printf "%-62s %14s %6s %6s\n", "bin", "hits", "runs", "could"
      for (i = 1; i <= n; i++) {
        b = order[i]
        if (!app[b]) { never++; mark = "  (no run could hit it)" }
        else if (hits[b] == 0) { missed++; mark = "  MISSED"; misses = misses "\n  " b }
        else { hit++; mark = "" }
        printf "%-62s %14d %6d %6d%s\n", b, hits[b], hitruns[b], app[b], mark
      }
      printf "functional coverage (%s): %d of %d bins hit over %d runs", tool, hit, hit + missed, runs
      if (never) printf " (%d bins no run'"'"'s config could hit)", never
      printf "\n"
      if (missed) { printf "functional coverage: missed:%s\n", misses; exit 1 }
    }' tool="$tool" $files
}

quick=0; report=0
case "${1:-}" in
  --quick) quick=1 ;;
  --report) report=1 ;;
  --functional)
    functional "${2:?coverage: --functional takes a folder}" "${3:-vhbm,vstack}"; exit $? ;;
  '') ;;
  *) echo "coverage: unknown option '$1' (--quick, --report, --functional DIR)" >&2; exit 2 ;;
esac
cov=build/cov; out=build/coverage
command -v genhtml >/dev/null || { echo "coverage: lcov is missing: scripts/setup.sh --with coverage" >&2; exit 1; }
mk() { make --no-print-directory BUILD=$cov CFLAGS="-O0 -g --coverage" "$@"; }
export HBM_RTL_COVERAGE_DIR=$PWD/$out/rtl_dat
VCOV="--coverage-line --coverage-toggle -LDFLAGS --coverage"
if [ $report = 0 ]; then
rm -rf "$out"; mkdir -p "$out/rtl_dat" "$out/fcov"
export HBM_FCOV_DIR=$PWD/$out/fcov
find "$cov" -name '*.gcda' -delete 2>/dev/null || true

echo "coverage: building the model with --coverage ($cov)"
mk all > "$out/build.log" 2>&1 || { tail -20 "$out/build.log"; exit 1; }
echo "coverage: the Check suites"
mk unit-tests > "$out/unit-tests.log" 2>&1 || { tail -20 "$out/unit-tests.log"; exit 1; }
echo "coverage: the generated files, the model regression"
for e in vh gtkw; do "$cov/hbmsim" --emit-encoding $e > /dev/null; done
for c in configs/*.ini; do "$cov/hbmsim" --config "$c" --emit-vh > /dev/null; done
# (a request count divisible by 48: its stack runs give a third of them to 16 ports)
scripts/run_regression.sh "$cov/hbmsim" $([ $quick = 1 ] && echo 2400 || echo 4800) \
  > "$out/regression.log" 2>&1 || { tail -20 "$out/regression.log"; exit 1; }

# The RTL builds: the presets and the knob variants (scripts/matrix.sh).
scripts/lockstep_variants.sh build/variants > /dev/null
configs=(configs/hbm2_2000.ini configs/hbm2e_3200.ini configs/baseline.ini build/variants/*.ini)
[ $quick = 1 ] && configs=(configs/hbm2_2000.ini build/variants/v2_open_oddq_faw.ini build/variants/v6_ratio2_split_row_lowest.ini)
req=$([ $quick = 1 ] && echo 3000 || echo 8000)
for c in "${configs[@]}"; do
  n=$(basename "$c" .ini)
  echo "coverage: RTL $n"
  mk vhbm CONFIG="$c" VCOV="$VCOV" VHBM_OPT=-O1 > "$out/vhbm_$n.log" 2>&1 || { tail -20 "$out/vhbm_$n.log"; exit 1; }
  LOCKSTEP_SEEDS=1 scripts/run_lockstep.sh "$cov/vhbm_$n/vhbm" "$cov/hbmsim" "$c" "$req" > "$out/lockstep_$n.log" 2>&1 \
    || { tail -20 "$out/lockstep_$n.log"; exit 1; }
done
# The stack: the 2-pseudo-channel variant (hbm_axi, hbm_switch without a
# crossbar, ECC through AXI); the 16-pseudo-channel crossbar is left out
# (at -O0 with coverage its lockstep takes over 15 minutes here).
if [ $quick = 0 ]; then
  make --no-print-directory build/stack_variants/hbm2_stack2.ini > /dev/null
  for c in build/stack_variants/hbm2_stack2.ini; do
    n=$(basename "$c" .ini)
    echo "coverage: RTL stack $n"
    mk vstack CONFIG="$c" VCOV="$VCOV" VHBM_OPT=-O0 > "$out/vstack_$n.log" 2>&1 || { tail -20 "$out/vstack_$n.log"; exit 1; }
    scripts/run_stack_lockstep.sh "$cov/vstack_$n/vstack" "$cov/hbmsim" "$c" 4000 > "$out/stack_$n.log" 2>&1 \
      || { tail -20 "$out/stack_$n.log"; exit 1; }
  done
fi

# Functional coverage over random knob mixes: the constrained-random
# regression (its own builds, not instrumented), its bins added to these.
echo "coverage: the constrained-random regression (functional coverage)"
make --no-print-directory all > "$out/build_regress.log" 2>&1 || { tail -20 "$out/build_regress.log"; exit 1; }
scripts/regress.sh --seeds $([ $quick = 1 ] && echo 8 || echo 32) --builds $([ $quick = 1 ] && echo 2 || echo 6) \
  --requests 8000 > "$out/regress.log" 2>&1 || { tail -20 "$out/regress.log"; exit 1; }
cp build/regress/fcov/fcov_*.txt "$out/fcov/"

fi

echo "coverage: reports"
# The model: lines of model/*.c (sim/ is the tools around it).
lcov -q --capture --directory "$cov" --output-file "$out/all.info" 2> "$out/lcov.log"
lcov -q --extract "$out/all.info" "$PWD/model/*.c" --output-file "$out/model.info" 2>> "$out/lcov.log"
lcov -q --remove "$out/model.info" "$PWD/model/test/*" --output-file "$out/model.info" 2>> "$out/lcov.log"
lcov -q --extract "$out/all.info" "$PWD/sim/*.c" --output-file "$out/sim.info" 2>> "$out/lcov.log"
genhtml -q --output-directory "$out/model" "$out/model.info" "$out/sim.info" 2>> "$out/lcov.log"
# The RTL: every run's counts merged; the controller's files.
verilator_coverage --write-info "$out/rtl_all.info" "$out"/rtl_dat/*.dat > /dev/null
verilator_coverage --write "$out/rtl.dat" "$out"/rtl_dat/*.dat > /dev/null
lcov -q --extract "$out/rtl_all.info" "*/rtl/hbm_*.v" --output-file "$out/rtl.info" 2>> "$out/lcov.log"
lcov -q --remove "$out/rtl.info" "*/rtl/hbm_dev.v" --output-file "$out/rtl.info" 2>> "$out/lcov.log"
genhtml -q --output-directory "$out/rtl" "$out/rtl.info" 2>> "$out/lcov.log"

pct() { lcov --summary "$1" 2>&1 | awk '/lines/ {print $2, $3, $4, $5, $6}'; }
{
  echo "model/*.c lines:  $(pct "$out/model.info")"
  echo "sim/*.c lines:    $(pct "$out/sim.info")"
  echo "rtl/hbm_*.v lines (Verilator line and toggle points): $(pct "$out/rtl.info")"
  echo "per RTL file:"
  lcov --list "$out/rtl.info" 2>/dev/null | awk -F'|' 'NF > 2 && $1 ~ /\.v/ {gsub(/ +/, " "); print "  " $1 $2}'
  echo "per model file:"
  lcov --list "$out/model.info" 2>/dev/null | awk -F'|' 'NF > 2 && $1 ~ /\.c/ {gsub(/ +/, " "); print "  " $1 $2}'
} | tee "$out/summary.txt"
fstatus=0
functional "$out/fcov" hbmsim > "$out/functional_model.txt" || true
functional "$out/fcov" vhbm,vstack > "$out/functional.txt" || fstatus=1
{
  sed -n '/^functional coverage/,$p' "$out/functional_model.txt"
  sed -n '/^functional coverage/,$p' "$out/functional.txt"
} | tee -a "$out/summary.txt"
echo "coverage: HTML in $out/model/index.html and $out/rtl/index.html; functional bins in $out/functional.txt"
exit $fstatus
