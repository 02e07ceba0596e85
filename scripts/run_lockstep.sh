#!/usr/bin/env bash
# run_lockstep.sh - the RTL against the C model, cycle by cycle.
#
# Every workload, several seeds, with random response back-pressure and
# request gaps: vhbm must report 0 mismatches and 0 timing violations, and
# without back-pressure its command log and statistics must equal hbmsim's
# exactly (with back-pressure too: both draw the same seeded stalls).
# Usage: scripts/run_lockstep.sh VHBM HBMSIM CONFIG [REQUESTS]
set -uo pipefail
VHBM=${1:?usage: run_lockstep.sh VHBM HBMSIM CONFIG [REQUESTS]}
HBMSIM=${2:?}; CONFIG=${3:?}; REQUESTS=${4:-80000}
WORKLOADS=(stream "multistream:n=4" "multistream:n=8" "stride:bytes=2048" "stride:bytes=4096"
           random "kvblock:bytes=2048" "mixed:write_pct=20" "mixed:write_pct=70" decode hotrow
           "llm-decode:model=custom,hidden=512,layers=2,heads=8,kv_heads=2,ffn=1024,vocab=2000,batch=4,context=1024,stacks=1")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0; cycles=0
. scripts/lib.sh
check() { if [ "$2" = ok ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $1: $2"; fi; }

for w in "${WORKLOADS[@]}"; do
  for seed in 1 2; do
    for bp in "" "--resp-stall 40 --req-gap 30"; do
      name="$(basename "$CONFIG" .ini) $w seed $seed ${bp:+back-pressure}"
      # shellcheck disable=SC2086
      v=$("$VHBM" --config "$CONFIG" --workload "$w" --requests "$REQUESTS" --seed $seed $bp --json \
            --cmdlog "$tmp/v.log" 2>"$tmp/err"); rc=$?
      # shellcheck disable=SC2086
      h=$("$HBMSIM" --config "$CONFIG" --workload "$w" --requests "$REQUESTS" --seed $seed $bp --json \
            --cmdlog "$tmp/h.log" 2>/dev/null)
      if [ $rc -ne 0 ]; then check "$name" "vhbm exited $rc: $(head -4 "$tmp/err" | tr '\n' ' ')"; continue; fi
      [ "$(field mismatches "$v")" = 0 ] && [ "$(field timing_violations "$v")" = 0 ] \
        && res=ok || res="mismatches $(field mismatches "$v"), violations $(field timing_violations "$v")"
      check "$name: lockstep" "$res"
      cmp -s "$tmp/v.log" "$tmp/h.log" && res=ok || res="command logs of vhbm and hbmsim differ"
      check "$name: same commands as hbmsim" "$res"
      [ "$(sed 's/"mismatches": 0, //' <<<"$v")" = "$h" ] && res=ok || res="statistics differ from hbmsim's"
      check "$name: same statistics as hbmsim" "$res"
      cycles=$((cycles + $(field cycles "$v")))
    done
  done
done
# A planted data error (bit 0 of the 7th read's data flipped at the port)
# must reach the report: data_errors 1 in the JSON, exit status 1.
v=$("$VHBM" --config "$CONFIG" --workload random --requests 2000 --no-lockstep --fault-read 7 --json 2>/dev/null); rc=$?
[ $rc -eq 1 ] && [ "$(field data_errors "$v")" = 1 ] && res=ok || res="exit $rc, data_errors '$(field data_errors "$v")'"
check "planted data error reaches the report" "$res"
echo "lockstep: $cycles RTL cycles compared"
echo "lockstep: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
