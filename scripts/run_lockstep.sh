#!/usr/bin/env bash
# run_lockstep.sh - the RTL against the C model, cycle by cycle.
#
# Every workload, several seeds, with random response back-pressure and
# request gaps: vhbm must report 0 mismatches and 0 timing violations, and
# without back-pressure its command log and statistics must equal hbmsim's
# exactly (with back-pressure too: both draw the same seeded stalls).  The
# bandwidth monitor's registers are compared every clock (the driver reads
# one a clock); the back-pressure runs also program its window and read it
# out at the end (--bw-window), so its figures are part of the report.
# A config with ecc = secded runs every case with faults injected into the
# device (the same seeded faults in both: --inject LOCKSTEP_INJECT,SEED),
# and a case also fails if a read not flagged uncorrectable came back wrong
# (data_errors) or no fault was corrected.
# Usage: scripts/run_lockstep.sh VHBM HBMSIM CONFIG [REQUESTS]
#        LOCKSTEP_SET=gate scripts/run_lockstep.sh ...   (the gate-level list)
#        LOCKSTEP_SEEDS="1" scripts/run_lockstep.sh ...  (the seeds; default "1 2")
set -uo pipefail
VHBM=${1:?usage: run_lockstep.sh VHBM HBMSIM CONFIG [REQUESTS]}
HBMSIM=${2:?}; CONFIG=${3:?}; REQUESTS=${4:-80000}
VHBM_ABS=$(realpath "$VHBM"); CONFIG_ABS=$(realpath "$CONFIG")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0; cycles=0
inject=""
if grep -Eq '^ecc[[:space:]]*=[[:space:]]*secded' "$CONFIG"; then
  inject=${LOCKSTEP_INJECT:-single:0.002,double:0.0005,stuck:0x1040:17,stuck:0x2000:270}
fi
. scripts/lib.sh   # WORKLOADS_LOCKSTEP, json_get, run_cases
check() { if [ "$2" = ok ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $1: $2"; fi; }

# One case (workload, seed, back-pressure): vhbm and hbmsim on the same
# stimulus; its verdicts go to $tmp/case.N (lines "check NAME RESULT" and
# "cycles N"), so cases can run side by side.
run_case() { # N "WORKLOAD|SEED|BACK-PRESSURE OPTIONS"
  local n=$1 w seed bp d="$tmp/$1" v h rc mm tv cyc res name wave de fixed
  IFS='|' read -r w seed bp <<<"$2"
  [ -n "$inject" ] && bp="$bp --inject $inject,seed:$((seed * 7919))"
  name="$(basename "$CONFIG" .ini) $w seed $seed ${bp:+back-pressure}"
  mkdir -p "$d"
  {
    # (in the case's own folder: a mismatch's waveform is written there)
    # shellcheck disable=SC2086
    v=$(cd "$d" && "$VHBM_ABS" --config "$CONFIG_ABS" --workload "$w" --requests "$REQUESTS" --seed "$seed" \
          $bp --json --cmdlog "$d/v.log" 2>"$d/err"); rc=$?
    # shellcheck disable=SC2086
    h=$("$HBMSIM" --config "$CONFIG_ABS" --workload "$w" --requests "$REQUESTS" --seed "$seed" $bp --json \
          --cmdlog "$d/h.log" 2>/dev/null)
    if [ $rc -ne 0 ]; then
      wave=""
      if [ -f "$d/vhbm_mismatch.fst" ]; then
        wave="vhbm_mismatch.$(basename "$CONFIG" .ini).$n.fst"
        mv "$d/vhbm_mismatch.fst" "$wave" && wave=" (waveform: $wave)"
      fi
      printf 'check\t%s\t%s\n' "$name" "vhbm exited $rc: $(head -4 "$d/err" | tr '\n' ' ')$wave"
    else
      read -r mm tv cyc < <(json_get "$v" mismatches timing_violations cycles)
      [ "$mm" = 0 ] && [ "$tv" = 0 ] && res=ok || res="mismatches $mm, violations $tv"
      printf 'check\t%s\t%s\n' "$name: lockstep" "$res"
      cmp -s "$d/v.log" "$d/h.log" && res=ok || res="command logs of vhbm and hbmsim differ"
      printf 'check\t%s\t%s\n' "$name: same commands as hbmsim" "$res"
      json_same "$v" "$h" mismatches && res=ok || res="statistics differ from hbmsim's"
      printf 'check\t%s\t%s\n' "$name: same statistics as hbmsim" "$res"
      if [ -n "$inject" ]; then
        read -r de fixed < <(json_get "$v" data_errors ecc_corrected)
        [ "$de" = 0 ] && [ "${fixed:-0}" -gt 0 ] && res=ok || res="data errors $de, words corrected ${fixed:-none}"
        printf 'check\t%s\t%s\n' "$name: faults injected, every one corrected or flagged" "$res"
      fi
      printf 'cycles\t%s\n' "$cyc"
    fi
  } > "$tmp/case.$n"
  rm -rf "$d"
}

# LOCKSTEP_SET=gate: the gate-level netlist, five times slower to simulate:
# the short list (every kind of traffic, writes and starvation included), one seed.
if [ "${LOCKSTEP_SET:-}" = gate ]; then list=("${WORKLOADS_GATE[@]}"); seeds=(1)
else list=("${WORKLOADS_LOCKSTEP[@]}"); read -r -a seeds <<<"${LOCKSTEP_SEEDS:-1 2}"; fi
cases=()
for w in "${list[@]}"; do
  for seed in "${seeds[@]}"; do
    for bp in "" "--resp-stall 40 --req-gap 30 --bw-window $((40 + 57 * seed))"; do cases+=("$w|$seed|$bp"); done
  done
done
run_cases run_case "${cases[@]}"
# A planted data error (bit 0 of the 7th read's data flipped at the port)
# must reach the report: data_errors 1 in the JSON, exit status 1.
v=$("$VHBM" --config "$CONFIG" --workload random --requests 2000 --no-lockstep --fault-read 7 --json 2>/dev/null); rc=$?
de=$(json_get "$v" data_errors)
[ $rc -eq 1 ] && [ "$de" = 1 ] && res=ok || res="exit $rc, data_errors '$de'"
check "planted data error reaches the report" "$res"
echo "lockstep: $cycles RTL cycles compared"
echo "lockstep: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
