#!/usr/bin/env bash
# bench.sh - per config and workload: bandwidth, what refresh costs of it,
# the activation bound, row activations per KiB moved, latency, and
# simulated cycles per CPU-second.
# Usage: scripts/bench.sh build/hbmsim [CONFIG...]
# CPU time is user+sys of the hbmsim process (bash's times); figures are
# printed, never asserted (performance is a benchmark, not a test).
set -euo pipefail
HBMSIM=${1:?usage: bench.sh HBMSIM [CONFIG...]}; shift
CONFIGS=("$@")
[ ${#CONFIGS[@]} -gt 0 ] || CONFIGS=(configs/hbm2_2000.ini configs/baseline.ini configs/hbm2e_3200.ini
                                     configs/hbm3_6400.ini configs/hbm3e_9600.ini)
REQUESTS=${BENCH_REQUESTS:-1000000}
. scripts/lib.sh   # WORKLOADS_BENCH, json_get, cpu_ms_of
out_file=$(mktemp); trap 'rm -f "$out_file"' EXIT
# Columns: bw% of peak; refresh = its cost in points of peak (hbmsim's second
# run with refresh off); act-bound = the most the ACT count allows (tRRD_S,
# tFAW) and act-rate = the share of that ACT rate reached; ACT/KiB; cycles;
# read latency avg and p99; timing violations; speeds with the checker and
# scoreboard (all) and of the model alone (both without the refresh run).
fmt='%-10s %-19s %7s %8s %9s %8s %8s %9s %8s %6s %5s %10s %12s\n'
printf "$fmt" config workload "bw%" refresh act-bound act-rate ACT/KiB cycles lat-avg p99 viol \
  "Mcyc/s-all" "Mcyc/s-model"
for cfg in "${CONFIGS[@]}"; do
  for w in "${WORKLOADS_BENCH[@]}"; do
    run=("$HBMSIM" --config "$cfg" --workload "$w" --requests "$REQUESTS" --json)
    out=$("${run[@]}" 2>/dev/null || true)
    ms_model=$(cpu_ms_of "${run[@]}" --no-check --no-refresh-cost)
    ms_all=$(cpu_ms_of "${run[@]}" --no-refresh-cost)
    read -r cyc bw rc ab ar acts br bw_ lat p99 tv < <(json_get "$out" cycles bandwidth_pct refresh_cost_pct \
      act_bound_pct act_rate_of_max_pct acts bytes_read bytes_written read_latency_avg read_latency_p99 timing_violations)
    printf "$fmt" "$(basename "$cfg" .ini)" "$w" "$bw" "$rc" "$ab" "$ar" \
      "$(awk -v a="$acts" -v r="$br" -v w="$bw_" 'BEGIN{printf "%.3f", (r + w) ? a * 1024 / (r + w) : 0}')" \
      "$cyc" "$lat" "$p99" "$tv" \
      "$(awk -v c="$cyc" -v ms="$ms_all" 'BEGIN{printf "%.1f", c / ms / 1000}')" \
      "$(awk -v c="$cyc" -v ms="$ms_model" 'BEGIN{printf "%.1f", c / ms / 1000}')"
  done
done
