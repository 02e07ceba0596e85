#!/usr/bin/env bash
# bench.sh - bandwidth per workload and simulated cycles per CPU-second.
# Usage: scripts/bench.sh build/hbmsim [CONFIG...]
# CPU time is user+sys of the hbmsim process (bash's times); figures are
# printed, never asserted (performance is a benchmark, not a test).
set -euo pipefail
HBMSIM=${1:?usage: bench.sh HBMSIM [CONFIG...]}; shift
CONFIGS=("$@"); [ ${#CONFIGS[@]} -gt 0 ] || CONFIGS=(configs/hbm2_2000.ini configs/hbm2e_3200.ini)
REQUESTS=${BENCH_REQUESTS:-1000000}
WORKLOADS=(stream "multistream:n=4" "multistream:n=8" "stride:bytes=2048" "stride:bytes=4096"
           random "kvblock:bytes=2048" "mixed:write_pct=20")
field() { sed -n "s/.*\"$1\": \([0-9.]*\).*/\1/p" <<<"$2"; }
printf '%-14s %-20s %9s %10s %9s %9s %12s %14s\n' config workload "bw %" cycles "lat avg" "lat p99" violations "Mcycles/CPU-s"
for cfg in "${CONFIGS[@]}"; do
  for w in "${WORKLOADS[@]}"; do
    TIMEFORMAT='%U %S'
    { t=$( { time "$HBMSIM" --config "$cfg" --workload "$w" --requests "$REQUESTS" --json > /tmp/hbm_bench.$$; } 2>&1 ); } || true
    out=$(cat /tmp/hbm_bench.$$); rm -f /tmp/hbm_bench.$$
    cyc=$(field cycles "$out")
    cpu_ms=$(awk '{printf "%d", ($1 + $2) * 1000}' <<<"$t")
    [ "$cpu_ms" -gt 0 ] || cpu_ms=1
    mcps=$(awk -v c="$cyc" -v ms="$cpu_ms" 'BEGIN{printf "%.1f", c / ms / 1000}')
    printf '%-14s %-20s %9s %10s %9s %9s %12s %14s\n' "$(basename "$cfg" .ini)" "$w" \
      "$(field bandwidth_pct "$out")" "$cyc" "$(field read_latency_avg "$out")" \
      "$(field read_latency_p99 "$out")" "$(field timing_violations "$out")" "$mcps"
  done
done
