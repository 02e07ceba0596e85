#!/usr/bin/env bash
# bench_vhbm.sh - speed of the Verilated RTL in lockstep with the C model.
#
#   scripts/bench_vhbm.sh VHBM HBMSIM CONFIG
#
# Per workload: simulated cycles per CPU-second of vhbm with lockstep on
# (RTL + model + checker + device + scoreboard, compared every cycle) and
# with --no-lockstep (RTL + checker + device), and whether vhbm's bandwidth
# equals hbmsim's for the same run (it must: the figures are one simulation).
# CPU time is user+sys of the process; figures are printed, never asserted.
set -euo pipefail
VHBM=${1:?usage: bench_vhbm.sh VHBM HBMSIM CONFIG}; HBMSIM=${2:?}; CONFIG=${3:?}
REQUESTS=${BENCH_VHBM_REQUESTS:-300000}
. scripts/lib.sh   # WORKLOADS_BENCH, json_get, cpu_ms_of
out_file=$(mktemp); trap 'rm -f "$out_file"' EXIT
printf '%-19s %7s %9s %5s %5s %16s %12s  %s\n' workload "bw%" cycles mism viol \
  "Mcyc/s-lockstep" "Mcyc/s-RTL" "=hbmsim"
tot_c=0; tot_ms=0
for w in "${WORKLOADS_BENCH[@]}"; do
  ms=$(cpu_ms_of "$VHBM" --config "$CONFIG" --workload "$w" --requests "$REQUESTS" --json --no-refresh-cost)
  v=$(cat "$out_file")
  ms_rtl=$(cpu_ms_of "$VHBM" --config "$CONFIG" --workload "$w" --requests "$REQUESTS" --json --no-lockstep --no-refresh-cost)
  h=$("$HBMSIM" --config "$CONFIG" --workload "$w" --requests "$REQUESTS" --json --no-refresh-cost 2>/dev/null || true)
  read -r cyc bw mm tv < <(json_get "$v" cycles bandwidth_pct mismatches timing_violations)
  same=no; [ "$(json_get "$h" bandwidth_pct cycles)" = "$bw $cyc" ] && same=yes
  printf '%-19s %7s %9s %5s %5s %16s %12s  %s\n' "$w" "$bw" "$cyc" "$mm" "$tv" \
    "$(awk -v c="$cyc" -v ms="$ms" 'BEGIN{printf "%.2f", c / ms / 1000}')" \
    "$(awk -v c="$cyc" -v ms="$ms_rtl" 'BEGIN{printf "%.2f", c / ms / 1000}')" "$same"
  tot_c=$((tot_c + cyc)); tot_ms=$((tot_ms + ms))
done
echo "all workloads: $(awk -v c="$tot_c" -v ms="$tot_ms" 'BEGIN{printf "%.2f", c / ms / 1000}') M cycles per CPU-second in lockstep ($tot_c cycles)"
