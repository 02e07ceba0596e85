#!/usr/bin/env bash
# bench.sh - bandwidth per workload, what refresh costs of it, row
# activations per KiB moved, and simulated cycles per CPU-second.
# Usage: scripts/bench.sh build/hbmsim [CONFIG...]
# CPU time is user+sys of the hbmsim process (bash's times); figures are
# printed, never asserted (performance is a benchmark, not a test).
set -euo pipefail
HBMSIM=${1:?usage: bench.sh HBMSIM [CONFIG...]}; shift
CONFIGS=("$@"); [ ${#CONFIGS[@]} -gt 0 ] || CONFIGS=(configs/hbm2_2000.ini configs/hbm2e_3200.ini)
REQUESTS=${BENCH_REQUESTS:-1000000}
WORKLOADS=(stream "multistream:n=4" "multistream:n=8" "stride:bytes=2048" "stride:bytes=4096"
           random "kvblock:bytes=2048" "mixed:write_pct=20" decode llm-decode)
field() { sed -n "s/.*\"$1\": \([0-9.]*\).*/\1/p" <<<"$2"; }
# Two speeds: hbmsim as used (model + independent checker + data scoreboard)
# and the model alone (--no-check).
cpu_ms_of() { # command... -> CPU milliseconds (user + sys)
  local t; TIMEFORMAT='%U %S'
  t=$( { time "$@" > /tmp/hbm_bench.$$ 2>/dev/null; } 2>&1 ) || true
  awk '{ms = ($1 + $2) * 1000; if (ms < 1) ms = 1; printf "%d", ms}' <<<"$t"
}
# Refresh cost: the bandwidth the same run gets with refresh_mode = none
# (a variant of the config; unchecked, since the checker counts the missing
# refreshes), minus the bandwidth with the config's refresh, in points of peak.
norefresh_dir=$(mktemp -d); trap 'rm -rf "$norefresh_dir"' EXIT
printf '%-11s %-19s %7s %8s %8s %9s %8s %7s %5s %11s %11s\n' config workload "bw%" "refresh" "ACT/KiB" cycles "lat-avg" "p99" viol "Mcyc/s-all" "Mcyc/s-model"

for cfg in "${CONFIGS[@]}"; do
  noref="$norefresh_dir/$(basename "$cfg" .ini)_norefresh.ini"
  scripts/variant_ini.sh "$cfg" "$noref" refresh_mode=none
  for w in "${WORKLOADS[@]}"; do
    bw_noref=$(field bandwidth_pct "$("$HBMSIM" --config "$noref" --workload "$w" --requests "$REQUESTS" --json --no-check 2>/dev/null || true)")
    ms_model=$(cpu_ms_of "$HBMSIM" --config "$cfg" --workload "$w" --requests "$REQUESTS" --json --no-check)
    ms_all=$(cpu_ms_of "$HBMSIM" --config "$cfg" --workload "$w" --requests "$REQUESTS" --json)
    out=$(cat /tmp/hbm_bench.$$); rm -f /tmp/hbm_bench.$$
    cyc=$(field cycles "$out")
    printf '%-11s %-19s %7s %8s %8s %9s %8s %7s %5s %11s %11s\n' "$(basename "$cfg" .ini)" "$w" \
      "$(field bandwidth_pct "$out")" \
      "$(awk -v a="$bw_noref" -v b="$(field bandwidth_pct "$out")" 'BEGIN{printf "%.2f", a - b}')" \
      "$(awk -v a="$(field acts "$out")" -v r="$(field bytes_read "$out")" -v w="$(field bytes_written "$out")" \
           'BEGIN{printf "%.3f", (r + w) ? a * 1024 / (r + w) : 0}')" \
      "$cyc" "$(field read_latency_avg "$out")" \
      "$(field read_latency_p99 "$out")" "$(field timing_violations "$out")" \
      "$(awk -v c="$cyc" -v ms="$ms_all" 'BEGIN{printf "%.1f", c / ms / 1000}')" \
      "$(awk -v c="$cyc" -v ms="$ms_model" 'BEGIN{printf "%.1f", c / ms / 1000}')"
  done
done
