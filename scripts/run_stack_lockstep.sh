#!/usr/bin/env bash
# run_stack_lockstep.sh - the stack's RTL (hbm_stack) against the C model's,
# cycle by cycle, through the AXI ports.
#
# Every AXI workload with two AXI masters per port (256-byte bursts over 8
# IDs, single beats over 1 ID; a stream also in 4 KiB bursts over 16 IDs):
# vstack must report 0 mismatches (every AXI output of every port, every
# command of every pseudo-channel, every cycle), every response OKAY with
# the reference memory's data and 0 timing violations, and its report at
# the ports must equal hbmsim's (the model alone) on the same run.  A config
# with ecc = secded runs with faults injected into every pseudo-channel's
# device: flagged reads come back SLVERR (in both, the same beats), every
# other beat with the reference memory's data.
# Usage: scripts/run_stack_lockstep.sh VSTACK HBMSIM CONFIG [REQUESTS]
set -uo pipefail
VSTACK=${1:?usage: run_stack_lockstep.sh VSTACK HBMSIM CONFIG [REQUESTS]}
HBMSIM=${2:?}; CONFIG=${3:?}; REQUESTS=${4:-40000}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0; cycles=0
inject=()
grep -Eq '^ecc[[:space:]]*=[[:space:]]*secded' "$CONFIG" && inject=(--inject single:0.002,double:0.001,11)
. scripts/lib.sh   # WORKLOADS_AXI, json_get, run_cases
check() { if [ "$2" = ok ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $1: $2"; fi; }

run_case() { # N "WORKLOAD AXI"
  local n=$1 w=${2% *} a=${2##* } v h rc res name
  name="$(basename "$CONFIG" .ini) $w --axi $a"
  {
    v=$("$VSTACK" --config "$CONFIG" --workload "$w" --requests "$REQUESTS" --seed 3 --axi "$a" "${inject[@]}" \
          --json 2>"$tmp/err.$n"); rc=$?
    h=$("$HBMSIM" --config "$CONFIG" --workload "$w" --requests "$REQUESTS" --seed 3 --axi "$a" "${inject[@]}" \
          --json 2>/dev/null)
    if [ $rc -ne 0 ]; then
      printf 'check\t%s\t%s\n' "$name" "vstack exited $rc: $(head -4 "$tmp/err.$n" | tr '\n' ' ')"
    else
      read -r mm re de tv pe cyc < <(json_get "$v" mismatches resp_errors data_errors timing_violations protocol_errors cycles)
      [ "$mm" = 0 ] && [ "$re" = 0 ] && [ "$de" = 0 ] && [ "$tv" = 0 ] && [ "$pe" = 0 ] && res=ok \
        || res="mismatches $mm, responses not OKAY $re, data errors $de, violations $tv, protocol errors $pe"
      printf 'check\t%s\t%s\n' "$name: lockstep" "$res"
      res=ok
      for f in cycles read_beats write_beats axi_bandwidth_pct axi_read_latency_first_avg axi_read_latency_last_avg \
               pc_busy_min_pct pc_busy_max_pct ${inject[0]:+ecc_flagged_beats}; do
        [ "$(json_get "$v" $f)" = "$(json_get "$h" $f)" ] || res="$f: vstack $(json_get "$v" $f), hbmsim $(json_get "$h" $f)"
      done
      printf 'check\t%s\t%s\n' "$name: same report as hbmsim" "$res"
      if [ ${#inject[@]} -gt 0 ] && [ "$w" = stream ]; then
        [ "$(json_get "$v" ecc_flagged_beats)" -gt 0 ] && res=ok || res="no read beat flagged SLVERR"
        printf 'check\t%s\t%s\n' "$name: double-bit faults reach AXI as SLVERR" "$res"
      fi
      printf 'cycles\t%s\n' "$cyc"
    fi
  } > "$tmp/case.$n"
}

cases=("stream 4096,16")
for w in "${WORKLOADS_AXI[@]}" "multistream:n=8"; do
  for a in 256,8 32,1; do cases+=("$w $a"); done
done
run_cases run_case "${cases[@]}"
echo "stack lockstep: $cycles cycles of $(basename "$CONFIG" .ini) compared"
echo "stack lockstep: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
